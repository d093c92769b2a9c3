package sqldb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/proofdesk/proofdesk"
)

// Retention (issue 17 §3): the rules (the setting "retention"), the
// schedule and its lease (retention_schedule, migration 0054), and the
// removal of a conversation's bodies. Who may change the rules, and what
// a legal hold stops, is desk's (desk/retention.go).

// retentionKey is the setting holding the RetentionConfig as JSON.
const retentionKey = "retention"

// FindRetentionConfig returns the retention rules; none stored keeps
// everything (an empty configuration).
func (h *Handle) FindRetentionConfig(ctx context.Context) (*proofdesk.RetentionConfig, error) {
	c := &proofdesk.RetentionConfig{BodyDays: map[string]int{}}
	v, err := h.setting(ctx, retentionKey)
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		return c, nil
	} else if err != nil {
		return nil, fmt.Errorf("find retention: %w", err)
	}
	if err := json.Unmarshal([]byte(v), c); err != nil {
		return nil, fmt.Errorf("find retention: %w", err)
	}
	c.Normalize()
	return c, nil
}

// SaveRetentionConfig replaces the retention rules; the caller validated
// and decided.
func (tx *Tx) SaveRetentionConfig(ctx context.Context, c *proofdesk.RetentionConfig) error {
	b, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("save retention: %w", err)
	}
	if err := tx.putSetting(ctx, retentionKey, string(b)); err != nil {
		return fmt.Errorf("save retention: %w", err)
	}
	return nil
}

// ClaimRetentionRun takes the retention lease until now+lease and
// returns its claim ID, or "" when another run holds an unexpired lease
// or, for a scheduled run (scheduled true), when the next run is not due
// yet. A scheduled claim also moves the next run to now+every. The claim
// is one conditional UPDATE of the single schedule row, so of several
// nodes (PostgreSQL) exactly one wins.
func (db *DB) ClaimRetentionRun(ctx context.Context, scheduled bool, every, lease time.Duration) (string, error) {
	now := db.Now()
	claim := proofdesk.NewID("ret")
	q := `UPDATE retention_schedule SET lease_until = ?, claim_id = ? WHERE id = 1 AND (lease_until IS NULL OR lease_until <= ?)`
	args := []any{fmtTime(now.Add(lease)), claim, fmtTime(now)}
	if scheduled {
		q = `UPDATE retention_schedule SET lease_until = ?, claim_id = ?, next_run_at = ? WHERE id = 1 AND (lease_until IS NULL OR lease_until <= ?) AND next_run_at <= ?`
		args = []any{fmtTime(now.Add(lease)), claim, fmtTime(now.Add(every)), fmtTime(now), fmtTime(now)}
	}
	r, err := db.wdb.ExecContext(ctx, db.rebind(q), args...)
	if err != nil {
		return "", fmt.Errorf("claim retention run: %w", wrapErr(err))
	}
	if n, err := r.RowsAffected(); err != nil {
		return "", fmt.Errorf("claim retention run: %w", err)
	} else if n != 1 {
		return "", nil
	}
	return claim, nil
}

// ReleaseRetentionRun ends the lease claim took and records the run's
// end. A lease that ran out and was taken by another run is left alone.
func (db *DB) ReleaseRetentionRun(ctx context.Context, claim string) error {
	_, err := db.wdb.ExecContext(ctx, db.rebind(`UPDATE retention_schedule SET lease_until = NULL, last_run_at = ? WHERE id = 1 AND claim_id = ?`),
		fmtTime(db.Now()), claim)
	if err != nil {
		return fmt.Errorf("release retention run: %w", wrapErr(err))
	}
	return nil
}

// resolvedAt is the SQL of when conversation c was last resolved: its
// newest status change to resolved, or, for one resolved before the
// status history existed (migration 0031), its last update.
const resolvedAt = `COALESCE((SELECT MAX(s.at) FROM conversation_status_changes s WHERE s.conversation_id = c.id AND s.status = 'resolved'), c.updated_at)`

// ExpiredConversations returns, ordered by ID and after the ID after
// (""), at most limit resolved conversations of channel resolved at or
// before cutoff that still hold a message not removed by retention (an
// erased conversation holds nothing to remove).
func (h *Handle) ExpiredConversations(ctx context.Context, channel string, cutoff time.Time, after string, limit int) ([]*proofdesk.Conversation, error) {
	ids, err := h.queryIDs(ctx, fmt.Sprintf(`SELECT c.id FROM conversations c
		WHERE c.status = ? AND c.channel = ? AND c.id > ? AND c.erased_at IS NULL AND `+resolvedAt+` <= ?
		AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.removed_at IS NULL)
		ORDER BY c.id LIMIT %d`, limit), proofdesk.StatusResolved, channel, after, fmtTime(cutoff))
	if err != nil {
		return nil, fmt.Errorf("expired conversations: %w", wrapErr(err))
	}
	out := make([]*proofdesk.Conversation, 0, len(ids))
	for _, id := range ids {
		c, _, err := h.findConversationByID(ctx, id)
		if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
			continue // erased meanwhile
		} else if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// RetentionRemoval is what RemoveMessageBodies removed.
type RetentionRemoval struct {
	Bodies      int // messages whose body was removed
	Attachments int // files removed
}

// RemoveMessageBodies removes, in this transaction, the bodies and the
// attachments of every message of conversation convID not removed yet,
// if it is still resolved and was resolved at or before cutoff (else it
// removes nothing: reopened since it was listed). With them go the copies
// of their text: the original mails (email_messages raw and text), the
// bodies of the conversation's outbox rows and of the webhook deliveries
// about it already sent or given up (re-sealed as proofdesk.RetentionRemovedText; queued ones are left to
// be sent), and the search tokens of the removed words that the subject
// does not also hold. Each message row stays, marked removed_at. It
// decides nothing: desk.Desk.RunRetention asks about legal holds.
// Errors: ENOTFOUND.
func (tx *Tx) RemoveMessageBodies(ctx context.Context, convID string, cutoff time.Time) (RetentionRemoval, error) {
	var out RetentionRemoval
	conv, dk, err := tx.findConversationByID(ctx, convID)
	if err != nil {
		return out, err
	}
	var still int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM conversations c WHERE c.id = ? AND c.status = ? AND `+resolvedAt+` <= ?`,
		convID, proofdesk.StatusResolved, fmtTime(cutoff)).Scan(&still); err != nil {
		return out, fmt.Errorf("remove bodies: %w", wrapErr(err))
	}
	if still == 0 {
		return out, nil
	}
	rows, err := tx.query(ctx, `SELECT `+messageColumns+` FROM messages WHERE conversation_id = ? AND removed_at IS NULL ORDER BY seq`, convID)
	if err != nil {
		return out, fmt.Errorf("remove bodies: %w", wrapErr(err))
	}
	var msgs []*proofdesk.Message
	for rows.Next() {
		m, err := scanMessage(rows, dk)
		if err != nil {
			rows.Close()
			return out, err
		}
		msgs = append(msgs, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("remove bodies: %w", err)
	}
	// The words of the removed bodies leave the search index, except those
	// the subject (kept) also holds.
	keep := map[string]bool{}
	for _, t := range tx.db.SearchTokens(conv.Subject) {
		keep[t] = true
	}
	gone := map[string]bool{}
	for _, m := range msgs {
		for _, t := range tx.db.SearchTokens(m.Body) {
			if !keep[t] {
				gone[t] = true
			}
		}
	}
	for t := range gone {
		if _, err := tx.exec(ctx, `DELETE FROM search_tokens WHERE token = ? AND conversation_id = ?`, t, convID); err != nil {
			return out, fmt.Errorf("remove bodies: search: %w", wrapErr(err))
		}
	}
	now := fmtTime(tx.now)
	for _, m := range msgs {
		if _, err := tx.exec(ctx, `UPDATE messages SET body_enc = '', removed_at = ? WHERE id = ?`, now, m.ID); err != nil {
			return out, fmt.Errorf("remove bodies: %w", wrapErr(err))
		}
		out.Bodies++
	}
	r, err := tx.exec(ctx, `DELETE FROM email_attachments WHERE conversation_id = ?`, convID)
	if err != nil {
		return out, fmt.Errorf("remove bodies: attachments: %w", wrapErr(err))
	}
	n, err := r.RowsAffected()
	if err != nil {
		return out, fmt.Errorf("remove bodies: attachments: %w", err)
	}
	out.Attachments = int(n)
	if _, err := tx.exec(ctx, `UPDATE email_messages SET raw_enc = '', text_enc = '' WHERE conversation_id = ?`, convID); err != nil {
		return out, fmt.Errorf("remove bodies: original mail: %w", wrapErr(err))
	}
	// The sent mail of the conversation, and the webhook deliveries sent
	// about it (their payloads carry the subject and a message).
	type row struct{ id, kind, conv, dkID, bodyEnc string }
	var outRows []row
	err = tx.scanRows(ctx, `SELECT id, kind, COALESCE(conversation_id, ''), COALESCE(data_key_id, ''), body_enc FROM outbox WHERE status <> ? AND (conversation_id = ? OR kind = ?)`,
		[]any{proofdesk.OutboxQueued, convID, proofdesk.OutboxWebhook}, func(rs scanner) error {
			var r row
			if err := rs.Scan(&r.id, &r.kind, &r.conv, &r.dkID, &r.bodyEnc); err != nil {
				return err
			}
			outRows = append(outRows, r)
			return nil
		})
	if err != nil {
		return out, fmt.Errorf("remove bodies: outbox: %w", wrapErr(err))
	}
	var sent []string
	for _, r := range outRows {
		if r.conv == convID {
			sent = append(sent, r.id)
			continue
		}
		if r.kind != proofdesk.OutboxWebhook {
			continue
		}
		dk, err := tx.outboxKey(ctx, r.dkID)
		if errors.Is(err, errKeyDestroyed) {
			continue // unreadable already
		} else if err != nil {
			return out, fmt.Errorf("remove bodies: %w", err)
		}
		if about, _ := webhookSubjects(dk, r.id, r.bodyEnc); about.Conversation.ID == convID {
			sent = append(sent, r.id)
		}
	}
	text := proofdesk.RetentionRemovedText(tx.now)
	for _, id := range sent {
		if err := tx.resealOutboxBody(ctx, id, text); err != nil {
			return out, fmt.Errorf("remove bodies: %w", err)
		}
	}
	if out.Bodies > 0 {
		tx.Changed(proofdesk.Event{Type: proofdesk.EventConversationUpdated, ConversationID: convID, Status: conv.Status})
	}
	return out, nil
}

// DormantCustomers returns, ordered by ID and after the ID after (""), at
// most limit customers not erased, created, changed, in a conversation
// (its last activity) and with an order placed or changed, all at or
// before cutoff or never.
func (h *Handle) DormantCustomers(ctx context.Context, cutoff time.Time, after string, limit int) ([]string, error) {
	at := fmtTime(cutoff)
	ids, err := h.queryIDs(ctx, fmt.Sprintf(`SELECT cu.id FROM customers cu
		WHERE cu.id > ? AND cu.erased_at IS NULL AND cu.created_at <= ? AND cu.updated_at <= ?
		AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.customer_id = cu.id AND c.last_activity_at > ?)
		AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = cu.id AND (o.placed_at > ? OR o.updated_at > ?))
		ORDER BY cu.id LIMIT %d`, limit), after, at, at, at, at, at)
	if err != nil {
		return nil, fmt.Errorf("dormant customers: %w", wrapErr(err))
	}
	return ids, nil
}
