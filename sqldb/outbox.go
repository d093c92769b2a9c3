package sqldb

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/proofdesk/proofdesk"
)

// OutboxService reads the outbox; workers deliver from it.
type OutboxService struct{ db *DB }

// NewOutboxService returns the outbox service of db.
func NewOutboxService(db *DB) *OutboxService { return &OutboxService{db: db} }

var _ proofdesk.OutboxService = (*OutboxService)(nil)

func outboxAAD(id, field string) string { return "outbox|" + id + "|" + field }

// enqueue writes m to the outbox inside tx, so the notification commits
// with the event that causes it, or not at all.
func (tx *Tx) enqueue(ctx context.Context, m *proofdesk.OutboxMessage, headers map[string]string) error {
	if m.To == "" {
		return fmt.Errorf("enqueue: no recipient")
	}
	m.ID = proofdesk.NewID("out")
	m.Status, m.CreatedAt = proofdesk.OutboxQueued, tx.now
	if headers == nil {
		headers = map[string]string{}
	}
	h, _ := json.Marshal(headers)
	sys := tx.db.system
	_, err := tx.exec(ctx, `INSERT INTO outbox (id, kind, purpose, conversation_id, to_enc, subject_enc, body_enc, headers, status, attempts, next_attempt_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
		m.ID, m.Kind, m.Purpose, nullString(m.ConversationID), sys.SealString(outboxAAD(m.ID, "to"), m.To),
		sys.SealString(outboxAAD(m.ID, "subject"), m.Subject), sys.SealString(outboxAAD(m.ID, "body"), m.Body),
		string(h), m.Status, fmtTime(tx.now), fmtTime(tx.now))
	if err != nil {
		return fmt.Errorf("enqueue: %w", wrapErr(err))
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
	rows, err := h.query(ctx, fmt.Sprintf(`SELECT id, kind, purpose, COALESCE(conversation_id, ''), to_enc, subject_enc, body_enc, status, attempts, last_error, created_at
		FROM outbox WHERE %s ORDER BY created_at DESC, id LIMIT %d`, joinAnd(where), limit), args...)
	if err != nil {
		return nil, fmt.Errorf("find outbox: %w", err)
	}
	defer rows.Close()
	var out []*proofdesk.OutboxMessage
	for rows.Next() {
		m := &proofdesk.OutboxMessage{}
		var to, subj, body string
		if err := rows.Scan(&m.ID, &m.Kind, &m.Purpose, &m.ConversationID, &to, &subj, &body, &m.Status, &m.Attempts, &m.LastError, timeScan{&m.CreatedAt}); err != nil {
			return nil, fmt.Errorf("find outbox: %w", err)
		}
		sys := s.db.system
		if m.To, err = sys.OpenString(outboxAAD(m.ID, "to"), to); err != nil {
			return nil, err
		}
		if m.Subject, err = sys.OpenString(outboxAAD(m.ID, "subject"), subj); err != nil {
			return nil, err
		}
		if m.Body, err = sys.OpenString(outboxAAD(m.ID, "body"), body); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
