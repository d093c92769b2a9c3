package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/vault"
)

var _ proofdesk.SubjectFinder = (*ConversationService)(nil)

// FindSubjectContexts returns, for conversations ids (a list's page), the
// first proofdesk.SubjectMessages messages not written by an agent of
// each, oldest first, whether a verification request was issued on it,
// and what its customer wrote in their other conversations in the last
// proofdesk.RecentCodeWindow (MessagesElsewhere: read for all the rows'
// customers on the first call of any, which the view makes only for a
// known code and a text holding a number shorter than a code), and,
// where the first messages may go on, its latest proofdesk.SubjectLater
// after them (Later, read for all the rows that have one on the first
// call of any, which the view makes only for a known code): what
// proofdesk.ViewContext.Subject reads the subject with. One query
// whatever the number of ids, one more for all the rows' Elsewhere and
// one for all their Later; an unknown ID, or a conversation whose data
// key was destroyed, is left out.
func (s *ConversationService) FindSubjectContexts(ctx context.Context, ids []string) (map[string]proofdesk.SubjectContext, error) {
	return s.db.reader().findSubjectContexts(ctx, ids)
}

// findSubjectContexts is FindSubjectContexts through h (in a transaction,
// with what it wrote: a webhook's delivery reads its own message).
func (h *Handle) findSubjectContexts(ctx context.Context, ids []string) (map[string]proofdesk.SubjectContext, error) {
	out := map[string]proofdesk.SubjectContext{}
	if len(ids) == 0 {
		return out, nil
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")
	args := make([]any, 0, 2*len(ids)+2)
	args = append(args, proofdesk.AuthorAgent)
	for _, id := range ids {
		args = append(args, id)
	}
	args = append(args, proofdesk.SubjectMessages)
	for _, id := range ids {
		args = append(args, id)
	}
	col, join := h.db.keyJoin("v")
	rows, err := h.query(ctx, `SELECT v.id, COALESCE(v.customer_id, ''), v.data_key_id, `+col+`,
	CASE WHEN EXISTS (SELECT 1 FROM challenges ch WHERE ch.conversation_id = v.id) THEN 1 ELSE 0 END,
	m.id, m.author_kind, m.body_enc, m.created_at, m.removed_at
FROM conversations v`+join+`
LEFT JOIN (SELECT id, conversation_id, author_kind, body_enc, created_at, removed_at,
		ROW_NUMBER() OVER (PARTITION BY conversation_id ORDER BY seq) AS rn
	FROM messages WHERE author_kind <> ? AND conversation_id IN (`+marks+`)) m
	ON m.conversation_id = v.id AND m.rn <= ?
WHERE v.id IN (`+marks+`)
ORDER BY v.id, m.rn`, args...)
	if err != nil {
		return nil, fmt.Errorf("find subject contexts: %w", err)
	}
	defer rows.Close()
	keys := map[string]*vault.DataKey{}
	custs := map[string]string{} // conversation ID → customer ID
	for rows.Next() {
		var convID, custID, dkID, wrapped string
		var issued int
		var mID, kind, body sql.NullString
		var created, removed nullTime
		if err := rows.Scan(&convID, &custID, &dkID, &wrapped, &issued, &mID, &kind, &body, &created, &removed); err != nil {
			return nil, fmt.Errorf("scan subject context: %w", wrapErr(err))
		}
		sc := out[convID]
		sc.CodesIssued = issued != 0
		if custID != "" {
			custs[convID] = custID
		}
		if mID.Valid {
			m := &proofdesk.Message{ID: mID.String, ConversationID: convID, AuthorKind: kind.String, RemovedAt: removed.t}
			if created.t != nil {
				m.CreatedAt = *created.t
			}
			if m.RemovedAt == nil {
				dk, ok := keys[convID]
				if !ok {
					dk, err = h.db.openRowKey(ctx, dkID, wrapped)
					if errors.Is(err, errKeyDestroyed) {
						continue
					}
					if err != nil {
						return nil, fmt.Errorf("conversation %s: %w", convID, err)
					}
					keys[convID] = dk
				}
				if m.Body, err = dk.OpenString(messageAAD(m.ID), body.String); err != nil {
					return nil, fmt.Errorf("message %s: %w", m.ID, err)
				}
			}
			sc.First = append(sc.First, m)
		}
		out[convID] = sc
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Elsewhere: the rows' customers, read together; each row without
	// its own conversation.
	var custIDs []string
	seen := map[string]bool{}
	for id := range out {
		if c, ok := custs[id]; ok && !seen[c] {
			seen[c] = true
			custIDs = append(custIDs, c)
		}
	}
	if len(custIDs) > 0 {
		texts := h.db.customerTexts(ctx, custIDs)
		for id, sc := range out {
			if c, ok := custs[id]; ok {
				sc.Elsewhere = func() []*proofdesk.Message { return notIn(texts()[c], id) }
				out[id] = sc
			}
		}
	}
	// Later: the rows whose first messages may go on, read together.
	var more []string
	for id, sc := range out {
		if len(sc.First) == proofdesk.SubjectMessages {
			more = append(more, id)
		}
	}
	if len(more) > 0 {
		later := h.db.laterMessages(ctx, more)
		for _, id := range more {
			sc := out[id]
			sc.Later = func() []*proofdesk.Message { return later()[id] }
			out[id] = sc
		}
	}
	return out, nil
}

// laterMessages returns a function that reads, on its first call, for
// each of conversations ids (a page's rows), the latest
// proofdesk.SubjectLater messages not written by an agent after its first
// proofdesk.SubjectMessages (SubjectContext.First), oldest first, keyed
// by conversation ID, all in one query (through the readers: the
// caller's transaction may have ended by then), once for all the rows of
// the page. A conversation whose data key was destroyed is left out; a
// failed read is logged and reads as nothing.
func (db *DB) laterMessages(ctx context.Context, ids []string) func() map[string][]*proofdesk.Message {
	var (
		once sync.Once
		out  map[string][]*proofdesk.Message
	)
	return func() map[string][]*proofdesk.Message {
		once.Do(func() {
			var err error
			if out, err = db.reader().laterMessages(ctx, ids); err != nil {
				db.logger.Error("subject: later messages", slog.Int("conversations", len(ids)), slogErr(err))
			}
		})
		return out
	}
}

// laterMessages is DB.laterMessages' read. The messages not written by an
// agent are numbered per conversation in order (rn, of n), as
// findSubjectContexts numbers them for First: First is those numbered up
// to SubjectMessages (a message is never deleted alone, only its body
// removed), and Later the last SubjectLater of the others.
func (h *Handle) laterMessages(ctx context.Context, ids []string) (map[string][]*proofdesk.Message, error) {
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")
	args := make([]any, 0, len(ids)+3)
	args = append(args, proofdesk.AuthorAgent)
	for _, id := range ids {
		args = append(args, id)
	}
	args = append(args, proofdesk.SubjectMessages, proofdesk.SubjectLater)
	col, join := h.db.keyJoin("v")
	rows, err := h.query(ctx, `SELECT m.id, m.conversation_id, m.author_kind, m.author_id, m.body_enc, m.internal, m.client_id, m.created_at, m.removed_at,
	v.data_key_id, `+col+`
FROM (SELECT conversation_id, seq,
		ROW_NUMBER() OVER (PARTITION BY conversation_id ORDER BY seq) AS rn,
		COUNT(*) OVER (PARTITION BY conversation_id) AS n
	FROM messages WHERE author_kind <> ? AND conversation_id IN (`+marks+`)) r
JOIN messages m ON m.conversation_id = r.conversation_id AND m.seq = r.seq
JOIN conversations v ON v.id = r.conversation_id`+join+`
WHERE r.rn > ? AND r.rn > r.n - ?
ORDER BY r.conversation_id, r.seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("later messages: %w", err)
	}
	defer rows.Close()
	out := make(map[string][]*proofdesk.Message, len(ids))
	keys := map[string]*vault.DataKey{}
	for rows.Next() {
		var dkID, wrapped string
		m, body, err := scanSealedMessage(rows, &dkID, &wrapped)
		if err != nil {
			return nil, err
		}
		convID := m.ConversationID
		dk, ok := keys[convID]
		if !ok {
			dk, err = h.db.openRowKey(ctx, dkID, wrapped)
			if err != nil && !errors.Is(err, errKeyDestroyed) {
				return nil, fmt.Errorf("conversation %s: %w", convID, err)
			}
			keys[convID] = dk // nil: destroyed, left out
		}
		if dk == nil {
			continue
		}
		if err := openMessage(m, body, dk); err != nil {
			return nil, err
		}
		out[convID] = append(out[convID], m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("later messages: %w", err)
	}
	return out, nil
}

// customerTexts returns a function that reads, on its first call, what
// each of customers custIDs (a page's) wrote in all their conversations
// in the last proofdesk.RecentCodeWindow (MessagesElsewhere's texts,
// keyed by customer ID), all in one query (through the readers: the
// caller's transaction may have ended by then), once for all the rows of
// the page. A conversation whose data key was destroyed is left out; a
// failed read is logged and reads as nothing.
func (db *DB) customerTexts(ctx context.Context, custIDs []string) func() map[string][]*proofdesk.Message {
	var (
		once sync.Once
		out  map[string][]*proofdesk.Message
	)
	return func() map[string][]*proofdesk.Message {
		once.Do(func() {
			h := db.reader()
			var err error
			if out, err = h.customerTexts(ctx, custIDs, "", h.now.Add(-proofdesk.RecentCodeWindow)); err != nil {
				db.logger.Error("subject: messages elsewhere", slog.Int("customers", len(custIDs)), slogErr(err))
			}
		})
		return out
	}
}

// notIn returns msgs without those of conversation convID.
func notIn(msgs []*proofdesk.Message, convID string) []*proofdesk.Message {
	out := make([]*proofdesk.Message, 0, len(msgs))
	for _, m := range msgs {
		if m.ConversationID != convID {
			out = append(out, m)
		}
	}
	return out
}
