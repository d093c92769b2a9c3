package sqldb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/vault"
)

// AuditDeliveryFailed is the audit action of an outbox message that failed
// for good.
const AuditDeliveryFailed = "outbox.delivery_failed"

const outboxDeliveryColumns = `id, kind, purpose, COALESCE(conversation_id, ''), COALESCE(data_key_id, ''), to_enc, subject_enc, body_enc, headers, status, attempts, created_at, ref_id, claim_id, lease_until,
	EXISTS (SELECT 1 FROM email_attachments a WHERE a.conversation_id = outbox.conversation_id AND a.message_id = outbox.ref_id)`

// scanDelivery scans a row of outboxDeliveryColumns and opens it with
// its data key, read through h; errKeyDestroyed (ENOTFOUND) when that key
// was destroyed, with the row's ID and claim in the delivery returned.
func (h *Handle) scanDelivery(ctx context.Context, row scanner) (*proofdesk.OutboxDelivery, error) {
	d := &proofdesk.OutboxDelivery{}
	m := &d.OutboxMessage
	var dkID, to, subj, body, headers string
	var lease nullTime
	if err := row.Scan(&m.ID, &m.Kind, &m.Purpose, &m.ConversationID, &dkID, &to, &subj, &body, &headers, &m.Status, &m.Attempts, timeScan{&m.CreatedAt},
		&d.RefID, &d.Claim, &lease, &d.HasAttachments); err != nil {
		return nil, fmt.Errorf("scan outbox: %w", wrapErr(err))
	}
	if lease.t != nil {
		d.LeaseUntil = *lease.t
	}
	dk, err := h.outboxKey(ctx, dkID)
	if errors.Is(err, errKeyDestroyed) {
		return &proofdesk.OutboxDelivery{OutboxMessage: proofdesk.OutboxMessage{ID: m.ID}, Claim: d.Claim}, err
	} else if err != nil {
		return nil, err
	}
	if m.To, err = dk.OpenString(outboxAAD(m.ID, "to"), to); err != nil {
		return nil, fmt.Errorf("outbox %s: %w", m.ID, err)
	}
	if m.Subject, err = dk.OpenString(outboxAAD(m.ID, "subject"), subj); err != nil {
		return nil, fmt.Errorf("outbox %s: %w", m.ID, err)
	}
	if m.Body, err = dk.OpenString(outboxAAD(m.ID, "body"), body); err != nil {
		return nil, fmt.Errorf("outbox %s: %w", m.ID, err)
	}
	d.Headers = map[string]string{}
	if err := json.Unmarshal([]byte(headers), &d.Headers); err != nil {
		return nil, fmt.Errorf("outbox %s: headers: %w", m.ID, err)
	}
	return d, nil
}

// findOutboxByID returns one outbox message, decrypted.
func (db *DB) findOutboxByID(ctx context.Context, id string) (*proofdesk.OutboxMessage, error) {
	h := db.reader()
	d, err := h.scanDelivery(ctx, h.queryRow(ctx, `SELECT `+outboxDeliveryColumns+` FROM outbox WHERE id = ?`, id))
	if err != nil {
		if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
			return nil, notFound("Outbox message")
		}
		return nil, err
	}
	return &d.OutboxMessage, nil
}

// FindOutboxDelivery returns one outbox message as a worker sees it,
// decrypted, with its status and claim. Returns ENOTFOUND if none has that
// ID.
func (db *DB) FindOutboxDelivery(ctx context.Context, id string) (*proofdesk.OutboxDelivery, error) {
	h := db.reader()
	d, err := h.scanDelivery(ctx, h.queryRow(ctx, `SELECT `+outboxDeliveryColumns+` FROM outbox WHERE id = ?`, id))
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		return nil, notFound("Outbox message")
	}
	return d, err
}

// ClaimDue claims up to limit queued messages of the given kinds that are
// due at now and not leased by another worker, leases them until
// now+lease, counts the attempt, and returns them decrypted. On PostgreSQL
// the rows are picked with FOR UPDATE SKIP LOCKED, so concurrent workers on
// several nodes never claim the same row; SQLite has a single writer. A
// claimed row whose worker died (never settled) is claimable again once
// its lease ran out: a crash loses nothing.
func (db *DB) ClaimDue(ctx context.Context, now time.Time, limit int, kinds []string, lease time.Duration) ([]*proofdesk.OutboxDelivery, error) {
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	if len(kinds) == 0 {
		return nil, nil
	}
	if lease <= 0 {
		lease = 5 * time.Minute
	}
	claim := proofdesk.NewID("clm")
	var ids []string
	err := db.WithTx(ctx, func(tx *Tx) error {
		ids = ids[:0]
		args := []any{proofdesk.OutboxQueued, fmtTime(now), fmtTime(now)}
		marks := make([]string, len(kinds))
		for i, k := range kinds {
			marks[i], args = "?", append(args, k)
		}
		q := `SELECT id FROM outbox WHERE status = ? AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
			AND kind IN (` + strings.Join(marks, ", ") + `) ORDER BY next_attempt_at, id LIMIT ` + fmt.Sprint(limit)
		if db.dialect == Postgres {
			q += ` FOR UPDATE SKIP LOCKED`
		}
		rows, err := tx.query(ctx, q, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := tx.exec(ctx, `UPDATE outbox SET lease_until = ?, claim_id = ?, attempts = attempts + 1 WHERE id = ?`,
				fmtTime(now.Add(lease)), claim, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claim outbox: %w", wrapErr(err))
	}
	if len(ids) == 0 {
		return nil, nil
	}
	// One read for the whole claim, in the order it was claimed; the
	// claimed rows are queued, so the outbox_due index finds them among
	// the backlog only.
	h := db.wreader()
	rows, err := h.query(ctx, `SELECT `+outboxDeliveryColumns+` FROM outbox WHERE status = ? AND claim_id = ? ORDER BY next_attempt_at, id`,
		proofdesk.OutboxQueued, claim)
	if err != nil {
		return nil, fmt.Errorf("claim outbox: %w", wrapErr(err))
	}
	out := make([]*proofdesk.OutboxDelivery, 0, len(ids))
	var shredded []string
	for rows.Next() {
		d, err := h.scanDelivery(ctx, rows)
		if errors.Is(err, errKeyDestroyed) {
			shredded = append(shredded, d.ID)
			continue
		} else if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("claim outbox: %w", wrapErr(err))
	}
	for _, id := range shredded {
		// Its customer was erased: nothing is left to send, and the
		// row must not hold up the worker or come back.
		if err := db.settleShredded(ctx, id, claim); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// wreader returns a handle on the write pool, for reading what this
// process just wrote without depending on the read pool's snapshot.
func (db *DB) wreader() *Handle { return &Handle{q: db.wdb, db: db, now: db.Now(), stmts: db.wstmts} }

// errClaimLost is returned when a worker settles a row whose lease ran out
// and that another worker claimed meanwhile.
func errClaimLost() error {
	return proofdesk.Errorf(proofdesk.ECONFLICT, "The outbox message was claimed by another worker.")
}

// MarkSent settles a claimed message as sent at now. For an agent reply,
// smtpMessageID (the Message-ID header it was sent with) is recorded in the
// thread store, so that the customer's answer threads into the
// conversation. Returns ECONFLICT if the claim was lost.
func (db *DB) MarkSent(ctx context.Context, d *proofdesk.OutboxDelivery, smtpMessageID string, now time.Time) error {
	lost, err := db.MarkSentBatch(ctx, []proofdesk.OutboxAccepted{{Delivery: d, MessageID: smtpMessageID}}, now)
	if err != nil {
		return err
	}
	if len(lost) > 0 {
		return errClaimLost()
	}
	return nil
}

// MarkSentBatch settles several claimed messages as sent at now in one
// transaction, as MarkSent does each: status sent, one-time links
// dropped, an agent reply's Message-ID recorded in the thread store (each
// conversation read and locked once). A row whose claim was lost (its
// lease ran out and another worker claimed it) is left alone and its ID
// returned in lost; the others are marked. A row already marked sent
// under the same claim is neither marked again nor lost: marking is
// idempotent, so a caller retries a transaction whose outcome it did not
// learn. On a store error nothing is
// marked and the error is returned. The caller passes only rows the
// provider accepted: marking one before is how a mail gets lost.
func (db *DB) MarkSentBatch(ctx context.Context, sent []proofdesk.OutboxAccepted, now time.Time) (lost []string, err error) {
	if len(sent) == 0 {
		return nil, nil
	}
	err = db.WithTx(ctx, func(tx *Tx) error {
		lost = lost[:0]
		keys := map[string]*vault.DataKey{}
		for i, s := range sent {
			d := s.Delivery
			r, err := tx.exec(ctx, `UPDATE outbox SET status = ?, sent_at = ?, lease_until = NULL, last_error = '' WHERE id = ? AND claim_id = ? AND status = ?`,
				proofdesk.OutboxSent, fmtTime(now), d.ID, d.Claim, proofdesk.OutboxQueued)
			if err != nil {
				return fmt.Errorf("mark sent: %w", err)
			}
			if n, _ := r.RowsAffected(); n != 1 {
				// Already sent under this very claim: a retry of a
				// transaction that committed though its caller saw an
				// error (the answer to COMMIT lost). Nothing to do, and
				// the claim is not lost.
				var status, claim string
				err := tx.queryRow(ctx, `SELECT status, COALESCE(claim_id, '') FROM outbox WHERE id = ?`, d.ID).Scan(&status, &claim)
				if err != nil && proofdesk.ErrorCode(wrapErr(err)) != proofdesk.ENOTFOUND {
					return fmt.Errorf("mark sent: %w", err)
				}
				if err != nil || status != proofdesk.OutboxSent || claim != d.Claim {
					lost = append(lost, d.ID)
				}
				continue
			}
			if err := tx.dropLink(ctx, d.ID, d.Purpose, proofdesk.OutboxSent); err != nil {
				return err
			}
			if d.Purpose != PurposeReply || d.ConversationID == "" || s.MessageID == "" {
				continue
			}
			dk, ok := keys[d.ConversationID]
			if !ok {
				if dk, err = tx.conversationKey(ctx, d.ConversationID); err != nil {
					return err
				}
				keys[d.ConversationID] = dk
			}
			// The i-th row is recorded i ns after the transaction's
			// time: replies marked together keep the order they were
			// sent in, which is their order in the thread.
			if err := tx.recordEmailWith(ctx, dk, d.ConversationID, emailOut, s.MessageID, d.RefID, "", tx.now.Add(time.Duration(i))); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, s := range sent {
		if !slices.Contains(lost, s.Delivery.ID) {
			s.Delivery.Status = proofdesk.OutboxSent
		}
	}
	return lost, nil
}

// conversationKey returns the data key of conversation convID, as
// findConversationByID does (locking its row in a PostgreSQL
// transaction) without reading and opening the rest of the row: the
// outbox needs the key alone, once per conversation of a batch. Returns
// ENOTFOUND for an unknown conversation or a destroyed key.
func (h *Handle) conversationKey(ctx context.Context, convID string) (*vault.DataKey, error) {
	if err := h.lockRow(ctx, "conversations", convID); err != nil {
		return nil, err
	}
	var dkID string
	if err := h.queryRow(ctx, `SELECT data_key_id FROM conversations WHERE id = ?`, convID).Scan(&dkID); err != nil {
		if err := wrapErr(err); proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
			return nil, notFound("Conversation")
		}
		return nil, fmt.Errorf("conversation %s: %w", convID, wrapErr(err))
	}
	return h.keyByID(ctx, dkID)
}

// ThreadsMessageIDs returns, for each conversation of convIDs that has
// mail, what ThreadMessageIDs returns for it (its Message-IDs in and out,
// oldest first, at most the newest 20), all read with one query: the
// outbox reads the threads of a claim batch at once. A conversation with
// no mail, or unknown, has no entry.
func (db *DB) ThreadsMessageIDs(ctx context.Context, convIDs []string) (map[string][]string, error) {
	out := map[string][]string{}
	if len(convIDs) == 0 {
		return out, nil
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(convIDs)), ", ")
	args := make([]any, len(convIDs))
	for i, id := range convIDs {
		args[i] = id
	}
	h := db.reader()
	rows, err := h.query(ctx, fmt.Sprintf(`SELECT e.conversation_id, e.id, e.header_id_enc, v.data_key_id FROM (
		SELECT conversation_id, id, header_id_enc, created_at,
			ROW_NUMBER() OVER (PARTITION BY conversation_id ORDER BY created_at DESC, id DESC) AS n
		FROM email_messages WHERE conversation_id IN (%s)) e
		JOIN conversations v ON v.id = e.conversation_id
		WHERE e.n <= %d ORDER BY e.conversation_id, e.created_at, e.id`, marks, maxThreadIDs), args...)
	if err != nil {
		return nil, fmt.Errorf("thread message ids: %w", err)
	}
	type row struct{ conv, id, enc, dkID string }
	var rs []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.conv, &r.id, &r.enc, &r.dkID); err != nil {
			rows.Close()
			return nil, fmt.Errorf("thread message ids: %w", err)
		}
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("thread message ids: %w", err)
	}
	// Keys are read after the rows are closed: on a one-connection pool
	// a read inside the loop would wait for itself.
	for _, r := range rs {
		dk, err := h.keyByID(ctx, r.dkID)
		if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
			// Its key was destroyed (an erased customer in a restored
			// backup): nothing of that thread is left to read, and the
			// batch's other conversations still thread.
			continue
		} else if err != nil {
			return nil, fmt.Errorf("thread message ids: %w", err)
		}
		mid, err := dk.OpenString(emailAAD(r.id), r.enc)
		if err != nil {
			return nil, fmt.Errorf("thread message ids: %w", err)
		}
		out[r.conv] = append(out[r.conv], mid)
	}
	return out, nil
}

// linkPurposes are the outbox purposes whose body carries a customer's
// one-time link that opens their data or speaks for them: the export's
// download link and the erasure's confirmation link.
var linkPurposes = map[string]bool{proofdesk.PurposeExportLink: true, proofdesk.PurposeErasureConfirm: true}

// dropLink re-seals the body of delivery id, settled with status, when
// its purpose is one whose body carries such a link, as a line saying
// so: once the relay took it (or gave up), nobody reading the outbox, an
// admin after clearing the relay included, can read the link back.
func (tx *Tx) dropLink(ctx context.Context, id, purpose, status string) error {
	if !linkPurposes[purpose] {
		return nil
	}
	text := fmt.Sprintf("(The one-time link this message carried is not kept once it is %s.)", status)
	if err := tx.resealOutboxBody(ctx, id, text); err != nil {
		return fmt.Errorf("drop link: %w", err)
	}
	return nil
}

// reasonShredded is the last error of an outbox row whose data key was
// destroyed before it was sent.
const reasonShredded = "its data key was destroyed (the customer was erased): there is nothing left to send"

// settleShredded fails claimed row id for good: its data key was
// destroyed, so it cannot be opened or sent.
func (db *DB) settleShredded(ctx context.Context, id, claim string) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE outbox SET status = ?, lease_until = NULL, last_error = ? WHERE id = ? AND claim_id = ? AND status = ?`,
			proofdesk.OutboxFailed, reasonShredded, id, claim, proofdesk.OutboxQueued)
		if err != nil {
			return fmt.Errorf("outbox %s: %w", id, wrapErr(err))
		}
		return nil
	})
}

// MarkFailed settles a claimed message after a failed attempt. reason
// says why in words safe to store and show (no addresses or content:
// "smtp 451 4.3.0", "connection refused"). Unless final, the message is
// retried at retryAt. When final, it is failed for good: an audit entry
// records it and, if it belongs to a conversation, a system message says
// "delivery failed" there, whose ID is returned. Returns ECONFLICT if the
// claim was lost.
func (db *DB) MarkFailed(ctx context.Context, d *proofdesk.OutboxDelivery, reason string, retryAt time.Time, final bool) (string, error) {
	var sysMsgID string
	err := db.WithTx(ctx, func(tx *Tx) error {
		reason = cleanReason(reason)
		status, next := proofdesk.OutboxQueued, fmtTime(retryAt)
		if final {
			status, next = proofdesk.OutboxFailed, fmtTime(tx.now)
		}
		r, err := tx.exec(ctx, `UPDATE outbox SET status = ?, next_attempt_at = ?, lease_until = NULL, last_error = ? WHERE id = ? AND claim_id = ? AND status = ?`,
			status, next, reason, d.ID, d.Claim, proofdesk.OutboxQueued)
		if err != nil {
			return fmt.Errorf("mark failed: %w", err)
		}
		if n, _ := r.RowsAffected(); n != 1 {
			return errClaimLost()
		}
		d.Status = status
		if !final {
			return nil
		}
		if err := tx.dropLink(ctx, d.ID, d.Purpose, status); err != nil {
			return err
		}
		subjectKind, subjectID := "outbox", d.ID
		if d.ConversationID != "" {
			subjectKind, subjectID = "conversation", d.ConversationID
		}
		if err := tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: AuditDeliveryFailed, SubjectKind: subjectKind, SubjectID: subjectID,
			Detail: map[string]string{"outbox_id": d.ID, "kind": d.Kind, "purpose": d.Purpose, "attempts": fmt.Sprint(d.Attempts), "reason": reason}}); err != nil {
			return err
		}
		if d.ConversationID == "" {
			return nil
		}
		_, dk, err := tx.findConversationByID(ctx, d.ConversationID)
		if err != nil {
			return err
		}
		what := "an email"
		if d.Kind == proofdesk.OutboxSMS {
			what = "a text message"
		}
		m := &proofdesk.Message{ConversationID: d.ConversationID, AuthorKind: proofdesk.AuthorSystem, Internal: true,
			Body: fmt.Sprintf("Delivery failed: %s (%s) could not be delivered after %d attempts (%s).", what, purposeText(d.Purpose), d.Attempts, reason)}
		if err := tx.insertMessage(ctx, m, dk); err != nil {
			return err
		}
		sysMsgID = m.ID
		return nil
	})
	return sysMsgID, err
}

// purposeText names an outbox purpose for people.
func purposeText(p string) string {
	switch p {
	case PurposeReply:
		return "agent reply"
	case "verification":
		return "verification request"
	case "owner_notice":
		return "notice to the account owner"
	}
	return strings.ReplaceAll(p, "_", " ")
}

// cleanReason keeps a failure reason to one short printable line.
func cleanReason(s string) string {
	s = strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)), " ")
	if len(s) > 200 {
		s = s[:200]
	}
	if s == "" {
		s = "unknown error"
	}
	return strings.ToValidUTF8(s, "")
}
