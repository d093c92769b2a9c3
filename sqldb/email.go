package sqldb

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/vault"
	"github.com/proofdesk/proofdesk/verify"
)

// PurposeReply is the outbox purpose of an agent reply on an email
// conversation, written by EnqueueReply.
const PurposeReply = "reply"

// Email directions in the thread store.
const (
	emailIn  = "in"
	emailOut = "out"
)

// blindMessageID is the blind-index kind of Message-IDs.
const blindMessageID = "message_id"

// maxThreadIDs bounds the Message-IDs ThreadMessageIDs returns, which end
// up in a References header.
const maxThreadIDs = 20

func emailAAD(id string) string             { return "email_messages|" + id + "|header_id" }
func attachmentAAD(id, field string) string { return "email_attachments|" + id + "|" + field }

// normMessageID trims a Message-ID to the form mail.Inbound uses: no
// blanks, no angle brackets.
func normMessageID(id string) string {
	return strings.Trim(strings.TrimSpace(id), "<>")
}

// RecordMessageID records that the inbound mail with header Message-ID
// messageID was stored as message msgID of conversation convID, with its
// DKIM/SPF/DMARC outcome authResults ("dkim=pass spf=none dmarc=pass"; it
// must hold no domains or addresses). Returns EINVALID for an empty
// Message-ID and ENOTFOUND for an unknown conversation.
func (db *DB) RecordMessageID(ctx context.Context, convID, messageID, msgID, authResults string) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		return tx.recordEmail(ctx, convID, emailIn, messageID, msgID, authResults)
	})
}

func (tx *Tx) recordEmail(ctx context.Context, convID, direction, messageID, msgID, authResults string) error {
	_, dk, err := tx.findConversationByID(ctx, convID)
	if err != nil {
		return err
	}
	return tx.recordEmailWith(ctx, dk, convID, direction, messageID, msgID, authResults, tx.now)
}

// recordEmailWith is recordEmail for a conversation whose data key dk the
// caller already read (and locked the row of) in tx, recorded at time at
// (the thread's order: ThreadMessageIDs sorts by it).
func (tx *Tx) recordEmailWith(ctx context.Context, dk *vault.DataKey, convID, direction, messageID, msgID, authResults string, at time.Time) error {
	messageID = normMessageID(messageID)
	if messageID == "" {
		return proofdesk.FieldError("message_id", "message_id is required")
	}
	id := proofdesk.NewID("eml")
	if _, err := tx.exec(ctx, `INSERT INTO email_messages (id, conversation_id, message_id, direction, header_id_idx, header_id_enc, auth_results, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		id, convID, msgID, direction, tx.db.BlindIndex(blindMessageID, messageID), dk.SealString(emailAAD(id), messageID),
		authResults, fmtTime(at)); err != nil {
		return fmt.Errorf("record message id: %w", wrapErr(err))
	}
	return nil
}

// FindConversationByMessageID returns the conversation a mail with header
// Message-ID messageID (inbound or sent by us) belongs to; the newest if
// several. Returns ENOTFOUND if none.
func (db *DB) FindConversationByMessageID(ctx context.Context, messageID string) (string, error) {
	messageID = normMessageID(messageID)
	if messageID == "" {
		return "", notFound("Conversation")
	}
	var convID string
	err := db.reader().queryRow(ctx, `SELECT conversation_id FROM email_messages WHERE header_id_idx = ? ORDER BY created_at DESC, id LIMIT 1`,
		db.BlindIndex(blindMessageID, messageID)).Scan(&convID)
	if err != nil {
		if proofdesk.ErrorCode(wrapErr(err)) == proofdesk.ENOTFOUND {
			return "", notFound("Conversation")
		}
		return "", fmt.Errorf("find conversation by message id: %w", err)
	}
	return convID, nil
}

// InboundSeen reports whether an inbound mail with header Message-ID
// messageID was already stored: a sender retrying after a lost reply, or
// one mail sent to two of our addresses, is stored once.
func (db *DB) InboundSeen(ctx context.Context, messageID string) (bool, error) {
	messageID = normMessageID(messageID)
	if messageID == "" {
		return false, nil
	}
	var n int
	if err := db.reader().queryRow(ctx, `SELECT COUNT(*) FROM email_messages WHERE header_id_idx = ? AND direction = ?`,
		db.BlindIndex(blindMessageID, messageID), emailIn).Scan(&n); err != nil {
		return false, fmt.Errorf("inbound seen: %w", err)
	}
	return n > 0, nil
}

// ThreadMessageIDs returns the Message-IDs of a conversation's mails, in
// and out, oldest first (at most the newest 20): the References of a
// reply, whose last element is its In-Reply-To.
func (db *DB) ThreadMessageIDs(ctx context.Context, convID string) ([]string, error) {
	h := db.reader()
	dk, err := h.conversationKey(ctx, convID)
	if err != nil {
		return nil, err
	}
	rows, err := h.query(ctx, fmt.Sprintf(`SELECT id, header_id_enc FROM email_messages WHERE conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT %d`, maxThreadIDs), convID)
	if err != nil {
		return nil, fmt.Errorf("thread message ids: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id, enc string
		if err := rows.Scan(&id, &enc); err != nil {
			return nil, fmt.Errorf("thread message ids: %w", err)
		}
		mid, err := dk.OpenString(emailAAD(id), enc)
		if err != nil {
			return nil, fmt.Errorf("thread message ids: %w", err)
		}
		ids = append(ids, mid)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i, j := 0, len(ids)-1; i < j; i, j = i+1, j-1 {
		ids[i], ids[j] = ids[j], ids[i]
	}
	return ids, nil
}

// FindSentTexts returns the texts of the replies the desk sent in
// conversation convID, at most limit: first those whose mail has one of
// the first 20 Message-IDs of messageIDs (the In-Reply-To and References
// of a customer's mail, newest first: mail.ThreadKeys), in that order,
// then the newest others, newest first.
// A reply is an agent's public message; one whose body the retention
// policy removed has no text and is left out. The inbound handler cuts
// these texts from what the conversation shows of the customer's mail
// (mail.StripQuotedSubject). Returns ENOTFOUND for an unknown
// conversation.
func (db *DB) FindSentTexts(ctx context.Context, convID string, messageIDs []string, limit int) ([]string, error) {
	if limit <= 0 {
		return nil, nil
	}
	h := db.reader()
	_, dk, err := h.findConversationByID(ctx, convID)
	if err != nil {
		return nil, err
	}
	// The replies the mail names, in the order it names them: one query
	// for the first maxThreadIDs of its IDs (a References header can be
	// long; the newest come first).
	rank := map[string]int{}
	args := []any{convID, emailOut}
	for _, mid := range messageIDs {
		if len(rank) >= maxThreadIDs {
			break
		}
		if mid = normMessageID(mid); mid == "" {
			continue
		}
		if b := db.BlindIndex(blindMessageID, mid); rank[b] == 0 {
			rank[b] = len(rank) + 1
			args = append(args, b)
		}
	}
	var ids []string
	seen := map[string]bool{}
	if len(rank) > 0 {
		rows, err := h.query(ctx, `SELECT header_id_idx, message_id FROM email_messages WHERE conversation_id = ? AND direction = ? AND header_id_idx IN (`+
			strings.TrimSuffix(strings.Repeat("?, ", len(rank)), ", ")+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("find sent texts: %w", err)
		}
		type named struct {
			rank int
			id   string
		}
		var found []named
		for rows.Next() {
			var idx, id string
			if err := rows.Scan(&idx, &id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("find sent texts: %w", err)
			}
			found = append(found, named{rank[idx], id})
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("find sent texts: %w", err)
		}
		sort.SliceStable(found, func(i, j int) bool { return found[i].rank < found[j].rank })
		for _, f := range found {
			if f.id != "" && !seen[f.id] && len(ids) < limit {
				seen[f.id] = true
				ids = append(ids, f.id)
			}
		}
	}
	var out []string
	add := func(m *proofdesk.Message) {
		if len(out) < limit && m.AuthorKind == proofdesk.AuthorAgent && !m.Internal && m.RemovedAt == nil && strings.TrimSpace(m.Body) != "" {
			out = append(out, m.Body)
		}
	}
	for _, id := range ids {
		m, err := scanMessage(h.queryRow(ctx, `SELECT `+messageColumns+` FROM messages WHERE id = ? AND conversation_id = ?`, id, convID), dk)
		if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, fmt.Errorf("find sent texts: %w", err)
		}
		add(m)
	}
	rows, err := h.query(ctx, `SELECT `+messageColumns+` FROM messages WHERE conversation_id = ? AND author_kind = ? AND internal = 0 ORDER BY seq DESC LIMIT ?`,
		convID, proofdesk.AuthorAgent, limit)
	if err != nil {
		return nil, fmt.Errorf("find sent texts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		m, err := scanMessage(rows, dk)
		if err != nil {
			return nil, fmt.Errorf("find sent texts: %w", err)
		}
		if !seen[m.ID] {
			add(m)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find sent texts: %w", err)
	}
	return out, nil
}

// AddEmailFactor records an inbound email that passed the rule of
// verify.EmailFactor (DMARC pass from an on-file address outside the
// cooling-off window: the caller applies it) as a possession factor of
// conversation convID, proven at at, and returns the conversation's new
// level. The contact point must be an email on file for the customer the
// conversation is linked to: EFORBIDDEN otherwise, so a factor can never
// land on a conversation of another customer. The level change is audited.
func (db *DB) AddEmailFactor(ctx context.Context, convID, contactPointID string, at time.Time) (proofdesk.Level, error) {
	var level proofdesk.Level
	err := db.WithTx(ctx, func(tx *Tx) error {
		conv, _, err := tx.findConversationByID(ctx, convID)
		if err != nil {
			return err
		}
		if conv.CustomerID == "" {
			return proofdesk.Errorf(proofdesk.EFORBIDDEN, "The conversation is not linked to a customer.")
		}
		cust, err := tx.findCustomerByID(ctx, conv.CustomerID)
		if err != nil {
			return err
		}
		cp := cust.ContactPointByID(contactPointID)
		if cp == nil || cp.Kind != proofdesk.ContactEmail {
			return proofdesk.Errorf(proofdesk.EFORBIDDEN, "The contact point is not an email on file for the conversation's customer.")
		}
		if level, err = tx.addFactor(ctx, conv, verify.Factor{Kind: verify.FactorDMARC, ContactPointID: cp.ID, At: at.UTC()}); err != nil {
			return err
		}
		tx.Changed(proofdesk.Event{Type: proofdesk.EventLevelChanged, ConversationID: convID, Level: level.String()})
		return tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorCustomer, ActorID: cust.ID, Action: proofdesk.AuditChallengeOK,
			SubjectKind: "conversation", SubjectID: conv.ID,
			Detail: map[string]string{"factor": verify.FactorDMARC, "contact_point_id": cp.ID, "customer_id": cust.ID}})
	})
	return level, err
}

// EnqueueReply queues agent message messageID of email conversation
// conversationID for delivery to the conversation's requester, in one
// transaction; a message already queued is not queued twice (the queued
// row is returned). Replies go to the requester, as email support does;
// verification requests and owner notices go only to on-file addresses and
// are queued elsewhere. The delivery worker adds the subject token and the
// threading headers. Returns ENOTFOUND for an unknown conversation or
// message, EINVALID if the conversation is not an email conversation, has
// no requester address, or the message is not a public agent message.
func (db *DB) EnqueueReply(ctx context.Context, conversationID, messageID string) (*proofdesk.OutboxMessage, error) {
	var out *proofdesk.OutboxMessage
	err := db.WithTx(ctx, func(tx *Tx) error {
		conv, dk, err := tx.findConversationByID(ctx, conversationID)
		if err != nil {
			return err
		}
		if conv.Channel != proofdesk.ChannelEmail {
			return proofdesk.FieldError("conversation", "only email conversations get replies by email")
		}
		if conv.Requester.Email == "" {
			return proofdesk.FieldError("conversation", "the conversation has no requester address")
		}
		m, err := scanMessage(tx.queryRow(ctx, `SELECT `+messageColumns+` FROM messages WHERE id = ? AND conversation_id = ?`, messageID, conv.ID), dk)
		if err != nil {
			if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
				return notFound("Message")
			}
			return err
		}
		if m.AuthorKind != proofdesk.AuthorAgent || m.Internal {
			return proofdesk.FieldError("message", "only public agent messages are sent to the requester")
		}
		out, err = tx.enqueueReply(ctx, conv, m)
		return err
	})
	if err != nil {
		return nil, err
	}
	if out.Kind == "" { // already queued: read it back
		all, err := db.findOutboxByID(ctx, out.ID)
		if err != nil {
			return nil, err
		}
		out = all
	}
	return out, nil
}

// enqueueReply queues an agent's public message on an email conversation
// for the requester, once per message. CreateMessage calls it in the
// message's own transaction, so a stored reply is always sent.
func (tx *Tx) enqueueReply(ctx context.Context, conv *proofdesk.Conversation, m *proofdesk.Message) (*proofdesk.OutboxMessage, error) {
	var existing string
	err := tx.queryRow(ctx, `SELECT id FROM outbox WHERE purpose = ? AND ref_id = ?`, PurposeReply, m.ID).Scan(&existing)
	switch {
	case err == nil:
		return &proofdesk.OutboxMessage{ID: existing}, nil
	case proofdesk.ErrorCode(wrapErr(err)) != proofdesk.ENOTFOUND:
		return nil, err
	}
	out := &proofdesk.OutboxMessage{Kind: proofdesk.OutboxEmail, Purpose: PurposeReply, ConversationID: conv.ID,
		To: conv.Requester.Email, Subject: conv.Subject, Body: m.Body}
	if err := tx.enqueue(ctx, out, nil); err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `UPDATE outbox SET ref_id = ? WHERE id = ?`, m.ID, out.ID); err != nil {
		return nil, err
	}
	return out, nil
}
