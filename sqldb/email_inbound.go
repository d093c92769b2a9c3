package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/vault"
)

// blindContent is the blind-index kind of inbound mail content digests.
const blindContent = "mail_content"

// Audit actions of inbound mail.
const (
	// AuditConversationReopened: a customer's mail reopened a resolved
	// conversation.
	AuditConversationReopened = "conversation.reopened"
	// AuditDifferentSender: a mail from someone other than the requester
	// reached a conversation.
	AuditDifferentSender = "mail.different_sender"
	// AuditBounced: a delivery-status notification reported that a sent
	// message was not delivered.
	AuditBounced = "outbox.bounced"
)

func emailFieldAAD(id, field string) string { return "email_messages|" + id + "|" + field }

// RecordInbound records an inbound mail stored as message m.MessageID and
// keeps it whole, sealed. Returns EINVALID for an empty Message-ID and
// ENOTFOUND for an unknown conversation. Inbound mail is stored with
// StoreInbound, which records it in the message's transaction; this is
// for a message stored otherwise.
func (db *DB) RecordInbound(ctx context.Context, m proofdesk.InboundMail) error {
	if normMessageID(m.HeaderMessageID) == "" {
		return proofdesk.FieldError("message_id", "message_id is required")
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		_, dk, err := tx.findConversationByID(ctx, m.ConversationID)
		if err != nil {
			return err
		}
		return tx.recordInbound(ctx, m, dk)
	})
}

// recordInbound inserts the record of inbound mail m, sealed under dk, the
// data key of its conversation.
func (tx *Tx) recordInbound(ctx context.Context, m proofdesk.InboundMail, dk *vault.DataKey) error {
	messageID := normMessageID(m.HeaderMessageID)
	if messageID == "" {
		return proofdesk.FieldError("message_id", "message_id is required")
	}
	content := ""
	if m.ContentDigest != "" {
		content = tx.db.BlindIndex(blindContent, m.ContentDigest)
	}
	id := proofdesk.NewID("eml")
	if _, err := tx.exec(ctx, `INSERT INTO email_messages (id, conversation_id, message_id, direction, header_id_idx, header_id_enc, auth_results,
		content_idx, raw_enc, text_enc, sender_differs, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, m.ConversationID, m.MessageID, emailIn, tx.db.BlindIndex(blindMessageID, messageID), dk.SealString(emailAAD(id), messageID), m.AuthResults,
		content, dk.Seal(emailFieldAAD(id, "raw"), m.Raw), dk.SealString(emailFieldAAD(id, "text"), m.FullText), boolInt(m.SenderDiffers),
		fmtTime(tx.now)); err != nil {
		return fmt.Errorf("record inbound: %w", wrapErr(err))
	}
	return nil
}

// StoreInbound stores inbound mail d in one transaction: the conversation
// when new, the customer's message with its attachments (a message already
// stored in the conversation under the same client ID is kept, not stored
// again), the different-sender flag, the link to the conversation it
// continues, the reopening, the link to the customer an authenticated
// mail names (d.LinkCustomerID), the drop to L0 an unauthenticated one
// causes (d.Unauthenticated), the dmarc_fail signal (d.DMARCFail), and
// the mail's record by Message-ID and content digest. A crash or failure
// before the commit leaves nothing, so the sender's retry stores it; after
// the commit, the retry is found by InboundDuplicate and nothing is stored
// twice. A mail already recorded
// sets d.Duplicate and stores nothing. Returns EINVALID for an empty
// Message-ID, an unknown channel or status, or an empty message; ENOTFOUND
// for an unknown existing conversation.
func (db *DB) StoreInbound(ctx context.Context, d *proofdesk.InboundDelivery) error {
	messageID := normMessageID(d.Mail.HeaderMessageID)
	if messageID == "" {
		return proofdesk.FieldError("message_id", "message_id is required")
	}
	conv, m := d.Conversation, d.Message
	if conv == nil || m == nil {
		return proofdesk.Errorf(proofdesk.EINVALID, "an inbound mail needs a conversation and a message")
	}
	isNew := conv.ID == ""
	if isNew {
		if !proofdesk.ValidChannel(conv.Channel) {
			return proofdesk.FieldError("channel", "channel must be one of chat, email, phone, api")
		}
		if conv.Status == "" {
			conv.Status = proofdesk.StatusOpen
		}
		if !proofdesk.ValidStatus(conv.Status) {
			return proofdesk.FieldError("status", "unknown status")
		}
		conv.Subject = proofdesk.NeutralizeBidi(conv.Subject)
		conv.Requester.Name = proofdesk.NeutralizeBidi(conv.Requester.Name)
	}
	m.Body = proofdesk.NeutralizeBidi(m.Body)
	for _, a := range m.Attachments {
		a.Filename = proofdesk.SanitizeFilename(a.Filename)
	}
	var msgDup, reopened bool
	d.Duplicate, d.Reopened = false, false
	err := db.WithTx(ctx, func(tx *Tx) error {
		// Checked again here, under the write lock on SQLite: two
		// deliveries of one mail at once store it once.
		if convID, dup, err := tx.inboundDuplicate(ctx, messageID, d.Mail.ContentDigest); err != nil {
			return err
		} else if dup {
			d.Duplicate, d.Mail.ConversationID = true, convID
			return nil
		}
		var dk *vault.DataKey
		if isNew {
			k, err := tx.insertConversation(ctx, conv)
			if err != nil {
				return err
			}
			dk = k
		} else {
			c, k, err := tx.findConversationByID(ctx, conv.ID)
			if err != nil {
				return err
			}
			*conv, dk = *c, k
		}
		m.ConversationID = conv.ID
		if !isNew && m.ClientID != "" {
			old, err := scanMessage(tx.queryRow(ctx, `SELECT `+messageColumns+` FROM messages WHERE conversation_id = ? AND client_id = ? AND client_id <> ''`, conv.ID, m.ClientID), dk)
			switch {
			case err == nil:
				*m, msgDup = *old, true
			case proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND:
				return err
			}
		}
		if !msgDup {
			if err := tx.insertMessage(ctx, m, dk); err != nil {
				return err
			}
			tx.Changed(proofdesk.Event{Type: proofdesk.EventMessageCreated, ConversationID: conv.ID, MessageID: m.ID, AuthorKind: m.AuthorKind})
			if err := tx.insertAttachments(ctx, m, dk); err != nil {
				return err
			}
			if err := tx.inspectRequesterMessage(ctx, conv.ID, m.Body); err != nil {
				return err
			}
		}
		if d.LinkCustomerID != "" && conv.CustomerID == "" {
			if err := tx.linkAuthenticated(ctx, conv, d.LinkCustomerID); err != nil {
				return err
			}
		}
		if d.DifferentSender {
			if _, err := tx.flagDifferentSender(ctx, conv, m.ID, dk); err != nil {
				return err
			}
		} else if d.Unauthenticated && !isNew {
			if err := tx.dropUnauthenticated(ctx, conv, m.ID, dk); err != nil {
				return err
			}
		}
		if d.DMARCFail {
			if err := tx.flagDMARCFail(ctx, conv, m.ID); err != nil {
				return err
			}
		}
		if d.PreviousID != "" {
			if err := tx.linkConversations(ctx, conv.ID, dk, d.PreviousID, "reopen_window"); err != nil {
				return err
			}
		}
		if d.Reopen {
			r, err := tx.reopenConversation(ctx, conv)
			if err != nil {
				return err
			}
			reopened = r
		}
		d.Mail.ConversationID, d.Mail.MessageID = conv.ID, m.ID
		return tx.recordInbound(ctx, d.Mail, dk)
	})
	if err != nil || d.Duplicate {
		return err
	}
	d.Reopened = reopened
	return nil
}

// InboundDuplicate reports whether an inbound mail with Message-ID
// messageID and the same content was already stored, and where. A mail
// that reuses a Message-ID with other content is no duplicate: senders
// that reuse IDs (shipping robots, broken clients) would otherwise lose
// mail. Mails recorded before content digests existed match on the
// Message-ID alone.
func (db *DB) InboundDuplicate(ctx context.Context, messageID, contentDigest string) (convID string, dup bool, err error) {
	return db.reader().inboundDuplicate(ctx, messageID, contentDigest)
}

func (h *Handle) inboundDuplicate(ctx context.Context, messageID, contentDigest string) (convID string, dup bool, err error) {
	messageID = normMessageID(messageID)
	if messageID == "" {
		return "", false, nil
	}
	rows, err := h.query(ctx, `SELECT conversation_id, content_idx FROM email_messages WHERE header_id_idx = ? AND direction = ? ORDER BY created_at DESC, id`,
		h.db.BlindIndex(blindMessageID, messageID), emailIn)
	if err != nil {
		return "", false, fmt.Errorf("inbound duplicate: %w", err)
	}
	defer rows.Close()
	want := h.db.BlindIndex(blindContent, contentDigest)
	for rows.Next() {
		var c, idx string
		if err := rows.Scan(&c, &idx); err != nil {
			return "", false, fmt.Errorf("inbound duplicate: %w", err)
		}
		if idx == "" || idx == want {
			return c, true, nil
		}
	}
	return "", false, rows.Err()
}

// FindEmailOriginal returns the inbound mail behind message msgID of
// conversation convID. Returns ENOTFOUND if that message did not come by
// mail, or came before originals were kept. The caller decides whether the
// agent may see the conversation, as for its messages.
func (s *ConversationService) FindEmailOriginal(ctx context.Context, convID, msgID string) (*proofdesk.EmailOriginal, error) {
	h := s.db.reader()
	_, dk, err := h.findConversationByID(ctx, convID)
	if err != nil {
		return nil, err
	}
	o := &proofdesk.EmailOriginal{ConversationID: convID, MessageID: msgID}
	var id, raw, text string
	var differs int
	err = h.queryRow(ctx, `SELECT id, raw_enc, text_enc, auth_results, sender_differs, created_at FROM email_messages
		WHERE conversation_id = ? AND message_id = ? AND direction = ? AND raw_enc <> '' ORDER BY created_at DESC, id DESC LIMIT 1`,
		convID, msgID, emailIn).Scan(&id, &raw, &text, &o.AuthResults, &differs, timeScan{&o.CreatedAt})
	if err != nil {
		if proofdesk.ErrorCode(wrapErr(err)) == proofdesk.ENOTFOUND {
			return nil, notFound("Original mail")
		}
		return nil, fmt.Errorf("find email original: %w", err)
	}
	if o.Raw, err = dk.Open(emailFieldAAD(id, "raw"), raw); err != nil {
		return nil, fmt.Errorf("email original %s: %w", id, err)
	}
	if o.FullText, err = dk.OpenString(emailFieldAAD(id, "text"), text); err != nil {
		return nil, fmt.Errorf("email original %s: %w", id, err)
	}
	o.SenderDiffers = differs != 0
	return o, nil
}

// ReopenConversation puts a conversation the customer wrote to back in the
// open list: resolved, pending or snoozed becomes open. It is audited as
// the customer's doing and published as conversation.updated, so the
// agent holding it is told. An open conversation is returned unchanged.
func (db *DB) ReopenConversation(ctx context.Context, convID string) (*proofdesk.Conversation, error) {
	var conv *proofdesk.Conversation
	err := db.WithTx(ctx, func(tx *Tx) error {
		c, _, err := tx.findConversationByID(ctx, convID)
		if err != nil {
			return err
		}
		conv = c
		_, err = tx.reopenConversation(ctx, c)
		return err
	})
	return conv, err
}

// reopenConversation puts c back in the open views when the customer
// wrote to it: resolved, pending or snoozed becomes open and the snooze is
// dropped, audited as the customer's doing and recorded as
// conversation.reopened and conversation.updated. It reports whether it
// changed c (an open c stays as it is).
func (tx *Tx) reopenConversation(ctx context.Context, c *proofdesk.Conversation) (bool, error) {
	if c.Status == proofdesk.StatusOpen {
		return false, nil
	}
	from := c.Status
	c.Status, c.SnoozedUntil, c.UpdatedAt = proofdesk.StatusOpen, nil, tx.now
	if _, err := tx.exec(ctx, `UPDATE conversations SET status = ?, snoozed_until = NULL, updated_at = ? WHERE id = ?`, c.Status, fmtTime(tx.now), c.ID); err != nil {
		return false, fmt.Errorf("reopen conversation: %w", err)
	}
	if err := tx.logStatus(ctx, c.ID, c.Status); err != nil {
		return false, err
	}
	tx.changedReopened(c)
	return true, tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorCustomer, Action: AuditConversationReopened, SubjectKind: "conversation", SubjectID: c.ID,
		Detail: map[string]string{"from": from, "to": proofdesk.StatusOpen, "channel": c.Channel}})
}

// ConversationLink says that a conversation continues an earlier one.
type ConversationLink struct {
	ConversationID string
	PreviousID     string
	Reason         string
	CreatedAt      time.Time
}

// LinkConversations records that conversation convID continues previousID
// (reason: a fixed word such as "reopen_window") and notes it in both
// timelines as internal system messages. Returns ENOTFOUND for an unknown
// conversation.
func (db *DB) LinkConversations(ctx context.Context, convID, previousID, reason string) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		_, dk, err := tx.findConversationByID(ctx, convID)
		if err != nil {
			return err
		}
		return tx.linkConversations(ctx, convID, dk, previousID, reason)
	})
}

// linkConversations records that convID (data key dk) continues previousID.
func (tx *Tx) linkConversations(ctx context.Context, convID string, dk *vault.DataKey, previousID, reason string) error {
	_, pdk, err := tx.findConversationByID(ctx, previousID)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `INSERT INTO conversation_links (conversation_id, previous_id, reason, created_at) VALUES (?, ?, ?, ?)`,
		convID, previousID, reason, fmtTime(tx.now)); err != nil {
		return fmt.Errorf("link conversations: %w", wrapErr(err))
	}
	if err := tx.insertMessage(ctx, &proofdesk.Message{ConversationID: convID, AuthorKind: proofdesk.AuthorSystem, Internal: true,
		Body: proofdesk.NoteContinues(previousID)}, dk); err != nil {
		return err
	}
	return tx.insertMessage(ctx, &proofdesk.Message{ConversationID: previousID, AuthorKind: proofdesk.AuthorSystem, Internal: true,
		Body: proofdesk.NoteContinuedIn(convID)}, pdk)
}

// FindConversationLinks returns the links from and to a conversation,
// oldest first.
func (db *DB) FindConversationLinks(ctx context.Context, convID string) ([]ConversationLink, error) {
	rows, err := db.reader().query(ctx, `SELECT conversation_id, previous_id, reason, created_at FROM conversation_links
		WHERE conversation_id = ? OR previous_id = ? ORDER BY created_at, conversation_id`, convID, convID)
	if err != nil {
		return nil, fmt.Errorf("find conversation links: %w", err)
	}
	defer rows.Close()
	var out []ConversationLink
	for rows.Next() {
		var l ConversationLink
		if err := rows.Scan(&l.ConversationID, &l.PreviousID, &l.Reason, timeScan{&l.CreatedAt}); err != nil {
			return nil, fmt.Errorf("find conversation links: %w", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// FlagDifferentSender records that a mail from someone other than the
// conversation's requester (message msgID) reached conversation convID:
// the conversation gets the risk flag proofdesk.RiskDifferentSender, its
// assurance level drops to L0 with its factors (what that sender asks
// must never be done at the level the requester reached), an internal
// system message says so next to the mail, and the change is audited.
// Returns the level before.
func (db *DB) FlagDifferentSender(ctx context.Context, convID, msgID string) (proofdesk.Level, error) {
	var before proofdesk.Level
	err := db.WithTx(ctx, func(tx *Tx) error {
		c, dk, err := tx.findConversationByID(ctx, convID)
		if err != nil {
			return err
		}
		before, err = tx.flagDifferentSender(ctx, c, msgID, dk)
		return err
	})
	return before, err
}

// flagDifferentSender does FlagDifferentSender's work on c (data key dk)
// and returns the level before.
func (tx *Tx) flagDifferentSender(ctx context.Context, c *proofdesk.Conversation, msgID string, dk *vault.DataKey) (proofdesk.Level, error) {
	before := c.EffectiveLevel(tx.now)
	c.RiskFlags = addFlag(c.RiskFlags, proofdesk.RiskDifferentSender)
	flags, _ := json.Marshal(c.RiskFlags)
	c.Level, c.LevelExpiresAt = proofdesk.L0, nil
	if _, err := tx.exec(ctx, `UPDATE conversations SET risk_flags = ?, level = 0, level_expires_at = NULL, updated_at = ? WHERE id = ?`,
		string(flags), fmtTime(tx.now), c.ID); err != nil {
		return before, fmt.Errorf("flag different sender: %w", err)
	}
	tx.Changed(proofdesk.Event{Type: proofdesk.EventLevelChanged, ConversationID: c.ID, Level: proofdesk.L0.String()})
	if _, err := tx.exec(ctx, `DELETE FROM conversation_factors WHERE conversation_id = ?`, c.ID); err != nil {
		return before, err
	}
	if before != proofdesk.L0 {
		if err := tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: proofdesk.AuditLevelChange, SubjectKind: "conversation", SubjectID: c.ID,
			Detail: map[string]string{"from": before.String(), "to": "L0", "reason": "mail from a different sender"}}); err != nil {
			return before, err
		}
	}
	if err := tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: AuditDifferentSender, SubjectKind: "conversation", SubjectID: c.ID,
		Detail: map[string]string{"message_id": msgID}}); err != nil {
		return before, err
	}
	return before, tx.insertMessage(ctx, &proofdesk.Message{ConversationID: c.ID, AuthorKind: proofdesk.AuthorSystem, Internal: true,
		Body: proofdesk.NoteDifferentSender}, dk)
}

// linkAuthenticated links c, which has no customer, to customerID: an
// inbound mail authenticated an address on file for that customer
// (mail.AuthResult.ForDesk). The level stays L0 (the factor is added after
// the store); audited as the system's doing.
func (tx *Tx) linkAuthenticated(ctx context.Context, c *proofdesk.Conversation, customerID string) error {
	if err := tx.RelinkCustomer(ctx, c, customerID); err != nil {
		return err
	}
	return tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: proofdesk.AuditConversationEdit, SubjectKind: "conversation", SubjectID: c.ID,
		Detail: map[string]string{"fields": "customer_id", "reason": "authenticated mail"}})
}

// dropUnauthenticated drops c (data key dk) to L0 with its factors: mail
// msgID claims the requester's address without authenticating it, and what
// it asks must not be done at the level the requester reached. A level in
// force is audited and noted for the agent.
func (tx *Tx) dropUnauthenticated(ctx context.Context, c *proofdesk.Conversation, msgID string, dk *vault.DataKey) error {
	before := c.EffectiveLevel(tx.now)
	if c.Level == proofdesk.L0 && c.LevelExpiresAt == nil {
		return nil
	}
	c.Level, c.LevelExpiresAt = proofdesk.L0, nil
	if _, err := tx.exec(ctx, `UPDATE conversations SET level = 0, level_expires_at = NULL, updated_at = ? WHERE id = ?`, fmtTime(tx.now), c.ID); err != nil {
		return fmt.Errorf("drop unauthenticated: %w", err)
	}
	if _, err := tx.exec(ctx, `DELETE FROM conversation_factors WHERE conversation_id = ?`, c.ID); err != nil {
		return fmt.Errorf("drop unauthenticated: %w", err)
	}
	if before == proofdesk.L0 {
		return nil
	}
	tx.Changed(proofdesk.Event{Type: proofdesk.EventLevelChanged, ConversationID: c.ID, Level: proofdesk.L0.String()})
	if err := tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: proofdesk.AuditLevelChange, SubjectKind: "conversation", SubjectID: c.ID,
		Detail: map[string]string{"from": before.String(), "to": "L0", "reason": "unauthenticated mail from the requester's address", "message_id": msgID}}); err != nil {
		return err
	}
	return tx.insertMessage(ctx, &proofdesk.Message{ConversationID: c.ID, AuthorKind: proofdesk.AuthorSystem, Internal: true,
		Body: proofdesk.NoteUnauthenticated}, dk)
}

// flagDMARCFail sets the dmarc_fail risk signal on c, audited once: mail
// msgID failed DMARC for its From domain (or gave From twice). It looks up
// nobody: whether the address is on file must not show in the signal.
func (tx *Tx) flagDMARCFail(ctx context.Context, c *proofdesk.Conversation, msgID string) error {
	if containsStr(c.RiskFlags, proofdesk.SignalDMARCFail) {
		return nil
	}
	if err := tx.setFlag(ctx, c, proofdesk.SignalDMARCFail); err != nil {
		return err
	}
	return tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: proofdesk.AuditRiskSignal, SubjectKind: "conversation", SubjectID: c.ID,
		Detail: map[string]string{"signal": proofdesk.SignalDMARCFail, "message_id": msgID}})
}

// FindOutboxBySentMessageID returns the outbox row of the agent reply sent
// with Message-ID header smtpMessageID. Returns ENOTFOUND if none.
func (db *DB) FindOutboxBySentMessageID(ctx context.Context, smtpMessageID string) (string, error) {
	smtpMessageID = normMessageID(smtpMessageID)
	if smtpMessageID == "" {
		return "", notFound("Outbox message")
	}
	var id string
	err := db.reader().queryRow(ctx, `SELECT o.id FROM email_messages e JOIN outbox o ON o.ref_id = e.message_id AND o.purpose = ?
		WHERE e.header_id_idx = ? AND e.direction = ? ORDER BY o.created_at DESC, o.id LIMIT 1`,
		PurposeReply, db.BlindIndex(blindMessageID, smtpMessageID), emailOut).Scan(&id)
	if err != nil {
		if proofdesk.ErrorCode(wrapErr(err)) == proofdesk.ENOTFOUND {
			return "", notFound("Outbox message")
		}
		return "", fmt.Errorf("find outbox by message id: %w", err)
	}
	return id, nil
}

// MarkBounced records a delivery-status notification for outbox row
// outboxID: the row becomes failed (even after it was sent: the relay
// accepted it, the recipient's server did not), status (an RFC 3463 code
// such as "5.2.2", or "") is kept as its error, the failure is audited
// and, for a row of a conversation, an internal system message says the
// delivery failed there. A second bounce for the same row changes
// nothing. Returns the row's conversation ("" for none) and the system
// message ("" if none was added). Returns ENOTFOUND for an unknown row.
func (db *DB) MarkBounced(ctx context.Context, outboxID, status string) (convID, sysMsgID string, err error) {
	err = db.WithTx(ctx, func(tx *Tx) error {
		var kind, purpose, conv string
		var bounced nullTime
		if err := tx.queryRow(ctx, `SELECT kind, purpose, COALESCE(conversation_id, ''), bounced_at FROM outbox WHERE id = ?`, outboxID).
			Scan(&kind, &purpose, &conv, &bounced); err != nil {
			if proofdesk.ErrorCode(wrapErr(err)) == proofdesk.ENOTFOUND {
				return notFound("Outbox message")
			}
			return err
		}
		convID = conv
		if bounced.t != nil {
			return nil
		}
		reason := cleanReason("bounced " + status)
		if _, err := tx.exec(ctx, `UPDATE outbox SET status = ?, bounced_at = ?, last_error = ?, lease_until = NULL WHERE id = ?`,
			proofdesk.OutboxFailed, fmtTime(tx.now), reason, outboxID); err != nil {
			return fmt.Errorf("mark bounced: %w", err)
		}
		subjectKind, subjectID := "outbox", outboxID
		if conv != "" {
			subjectKind, subjectID = "conversation", conv
		}
		if err := tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: AuditBounced, SubjectKind: subjectKind, SubjectID: subjectID,
			Detail: map[string]string{"outbox_id": outboxID, "kind": kind, "purpose": purpose, "status": cleanReason(status)}}); err != nil {
			return err
		}
		if conv == "" {
			return nil
		}
		_, dk, err := tx.findConversationByID(ctx, conv)
		if err != nil {
			return err
		}
		m := &proofdesk.Message{ConversationID: conv, AuthorKind: proofdesk.AuthorSystem, Internal: true,
			Body: fmt.Sprintf("Delivery failed: an email (%s) was returned by the recipient's mail server (%s).", purposeText(purpose), reason)}
		if err := tx.insertMessage(ctx, m, dk); err != nil {
			return err
		}
		sysMsgID = m.ID
		return nil
	})
	return convID, sysMsgID, err
}

// FindInboundMessage returns the conversation and ID of the customer
// message whose client ID is clientID (inbound mail sets "email:" and a
// digest of its Message-ID and content), the oldest if several. Returns
// ENOTFOUND if none, or for an empty clientID.
func (db *DB) FindInboundMessage(ctx context.Context, clientID string) (convID, msgID string, err error) {
	if clientID == "" {
		return "", "", notFound("Message")
	}
	err = db.reader().queryRow(ctx, `SELECT conversation_id, id FROM messages WHERE client_id = ? AND author_kind = ? ORDER BY created_at, id LIMIT 1`,
		clientID, proofdesk.AuthorCustomer).Scan(&convID, &msgID)
	if err != nil {
		if proofdesk.ErrorCode(wrapErr(err)) == proofdesk.ENOTFOUND {
			return "", "", notFound("Message")
		}
		return "", "", fmt.Errorf("find inbound message: %w", err)
	}
	return convID, msgID, nil
}
