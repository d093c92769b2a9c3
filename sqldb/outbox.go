package sqldb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/vault"
)

// OutboxService reads the outbox; workers deliver from it.
type OutboxService struct{ db *DB }

// NewOutboxService returns the outbox service of db.
func NewOutboxService(db *DB) *OutboxService { return &OutboxService{db: db} }

var _ proofdesk.OutboxService = (*OutboxService)(nil)

func outboxAAD(id, field string) string { return "outbox|" + id + "|" + field }

// enqueue writes m to the outbox inside tx, so the notification commits
// with the event that causes it, or not at all. Recipient, subject and
// body are sealed under the data key outboxSealKey picks for m.
func (tx *Tx) enqueue(ctx context.Context, m *proofdesk.OutboxMessage, headers map[string]string) error {
	return tx.enqueueAbout(ctx, m, headers, m.ConversationID)
}

// enqueueAbout is enqueue for a message about conversation convID, which
// m need not name (a webhook delivery): its row is sealed under that
// conversation's data key.
func (tx *Tx) enqueueAbout(ctx context.Context, m *proofdesk.OutboxMessage, headers map[string]string, convID string) error {
	if m.To == "" {
		return fmt.Errorf("enqueue: no recipient")
	}
	dkID, dk, err := tx.outboxSealKey(ctx, convID, m.CustomerID)
	if err != nil {
		return fmt.Errorf("enqueue: %w", err)
	}
	m.ID = proofdesk.NewID("out")
	m.Status, m.CreatedAt = proofdesk.OutboxQueued, tx.now
	if headers == nil {
		headers = map[string]string{}
	}
	h, _ := json.Marshal(headers)
	_, err = tx.exec(ctx, `INSERT INTO outbox (id, kind, purpose, conversation_id, data_key_id, to_enc, subject_enc, body_enc, headers, status, attempts, next_attempt_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
		m.ID, m.Kind, m.Purpose, nullString(m.ConversationID), nullString(dkID), dk.SealString(outboxAAD(m.ID, "to"), m.To),
		dk.SealString(outboxAAD(m.ID, "subject"), m.Subject), dk.SealString(outboxAAD(m.ID, "body"), m.Body),
		string(h), m.Status, fmtTime(tx.now), fmtTime(tx.now))
	if err != nil {
		return fmt.Errorf("enqueue: %w", wrapErr(err))
	}
	return nil
}

// outboxSealKey returns the data key an outbox row about conversation
// convID or customer customerID is sealed under, and its ID: the
// conversation's key, else the customer's (until they are erased), else
// the system key with ID "" (a row about nobody). Erasing the customer
// destroys the first two, so their rows cannot be opened again, not even
// from a data backup taken before.
func (tx *Tx) outboxSealKey(ctx context.Context, convID, customerID string) (string, *vault.DataKey, error) {
	var dkID string
	if convID != "" {
		// A conversation refused before it was stored (a blocked first
		// message's alert) has no key: the row goes by its customer.
		err := tx.queryRow(ctx, `SELECT data_key_id FROM conversations WHERE id = ?`, convID).Scan(&dkID)
		if err := wrapErr(err); err != nil && proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			return "", nil, fmt.Errorf("conversation %s: %w", convID, err)
		}
	}
	if dkID == "" && customerID != "" {
		var erased nullTime
		if err := tx.queryRow(ctx, `SELECT erased_at, data_key_id FROM customers WHERE id = ?`, customerID).Scan(&erased, &dkID); err != nil {
			return "", nil, fmt.Errorf("customer %s: %w", customerID, wrapErr(err))
		}
		if erased.t != nil {
			// The tombstone keeps no data of theirs, and what is said to
			// an erased customer's address names none either.
			dkID = ""
		}
	}
	if dkID == "" {
		sys, err := tx.systemKey(ctx)
		return "", sys, err
	}
	dk, err := tx.keyByID(ctx, dkID)
	if err != nil {
		return "", nil, err
	}
	return dkID, dk, nil
}

// outboxKey returns the data key that opens an outbox row sealed under
// data key dkID ("" or NULL: the system key); errKeyDestroyed (ENOTFOUND)
// when that key was destroyed: the row's customer was erased, and the row
// reads as gone.
func (h *Handle) outboxKey(ctx context.Context, dkID string) (*vault.DataKey, error) {
	if dkID == "" {
		if h.db.system == nil {
			return nil, fmt.Errorf("outbox: the system key is not loaded")
		}
		return h.db.system, nil
	}
	dk, err := h.keyByID(ctx, dkID)
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		return nil, errKeyDestroyed
	}
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	return dk, nil
}

// resealOutboxBody replaces the body of outbox row id with text, sealed
// under the row's own key; a row whose key was destroyed gets an empty
// body (there is nothing left to read anyway).
func (tx *Tx) resealOutboxBody(ctx context.Context, id, text string) error {
	var dkID string
	if err := tx.queryRow(ctx, `SELECT COALESCE(data_key_id, '') FROM outbox WHERE id = ?`, id).Scan(&dkID); err != nil {
		return fmt.Errorf("outbox %s: %w", id, wrapErr(err))
	}
	sealed := ""
	dk, err := tx.outboxKey(ctx, dkID)
	switch {
	case err == nil:
		sealed = dk.SealString(outboxAAD(id, "body"), text)
	case !errors.Is(err, errKeyDestroyed):
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE outbox SET body_enc = ? WHERE id = ?`, sealed, id); err != nil {
		return fmt.Errorf("outbox %s: %w", id, wrapErr(err))
	}
	return nil
}

// FindOutbox returns the newest messages first, decrypted.
func (s *OutboxService) FindOutbox(ctx context.Context, limit int) ([]*proofdesk.OutboxMessage, error) {
	return s.FindOutboxMessages(ctx, proofdesk.OutboxFilter{Limit: limit})
}

// FindOutboxMessages returns the messages f selects, newest first,
// decrypted, each with its last error in words.
func (s *OutboxService) FindOutboxMessages(ctx context.Context, f proofdesk.OutboxFilter) ([]*proofdesk.OutboxMessage, error) {
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	where, args := []string{}, []any{}
	if f.ConversationID != "" {
		where, args = append(where, "conversation_id = ?"), append(args, f.ConversationID)
	}
	if f.Status != "" {
		where, args = append(where, "status = ?"), append(args, f.Status)
	}
	h := s.db.reader()
	rows, err := h.query(ctx, fmt.Sprintf(`SELECT id, kind, purpose, COALESCE(conversation_id, ''), COALESCE(data_key_id, ''), to_enc, subject_enc, body_enc, status, attempts, last_error, created_at
		FROM outbox WHERE %s ORDER BY created_at DESC, id LIMIT %d`, joinAnd(where), limit), args...)
	if err != nil {
		return nil, fmt.Errorf("find outbox: %w", err)
	}
	defer rows.Close()
	var out []*proofdesk.OutboxMessage
	for rows.Next() {
		m := &proofdesk.OutboxMessage{}
		var dkID, to, subj, body string
		if err := rows.Scan(&m.ID, &m.Kind, &m.Purpose, &m.ConversationID, &dkID, &to, &subj, &body, &m.Status, &m.Attempts, &m.LastError, timeScan{&m.CreatedAt}); err != nil {
			return nil, fmt.Errorf("find outbox: %w", err)
		}
		dk, err := h.outboxKey(ctx, dkID)
		if errors.Is(err, errKeyDestroyed) {
			continue // its customer was erased
		} else if err != nil {
			return nil, err
		}
		if m.To, err = dk.OpenString(outboxAAD(m.ID, "to"), to); err != nil {
			return nil, err
		}
		if m.Subject, err = dk.OpenString(outboxAAD(m.ID, "subject"), subj); err != nil {
			return nil, err
		}
		if m.Body, err = dk.OpenString(outboxAAD(m.ID, "body"), body); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
