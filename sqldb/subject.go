package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"slices"
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
// proofdesk.RecentCodeWindow (MessagesElsewhere, read on the first call
// only, which the view makes only for a subject holding a number shorter
// than a code): what proofdesk.ViewContext.Subject reads the subject
// with. One query whatever the number of ids; an unknown ID, or a
// conversation whose data key was destroyed, is left out.
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
	texts := map[string]func() []*proofdesk.Message{} // per customer, read once
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
		if sc.Elsewhere == nil && custID != "" {
			all, ok := texts[custID]
			if !ok {
				all = h.db.customerTexts(ctx, custID)
				texts[custID] = all
			}
			sc.Elsewhere = func() []*proofdesk.Message { return notIn(all(), convID) }
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
	for id, sc := range out {
		if len(sc.First) == proofdesk.SubjectMessages {
			sc.Later = h.db.laterMessages(ctx, id, sc.First)
			out[id] = sc
		}
	}
	return out, nil
}

// laterMessages returns a function that reads, on its first call, the
// latest proofdesk.SubjectLater messages not written by an agent of
// conversation convID that are not among first, oldest first (through
// the readers: the caller's transaction may have ended by then). A
// failed read is logged and reads as nothing.
func (db *DB) laterMessages(ctx context.Context, convID string, first []*proofdesk.Message) func() []*proofdesk.Message {
	var (
		once sync.Once
		out  []*proofdesk.Message
	)
	return func() []*proofdesk.Message {
		once.Do(func() {
			var err error
			if out, err = db.reader().laterMessages(ctx, convID, first); err != nil {
				db.logger.Error("subject: later messages", slog.String("conversation_id", convID), slogErr(err))
			}
		})
		return out
	}
}

// laterMessages is DB.laterMessages' read.
func (h *Handle) laterMessages(ctx context.Context, convID string, first []*proofdesk.Message) ([]*proofdesk.Message, error) {
	_, dk, err := h.findConversationByID(ctx, convID)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, m := range first {
		seen[m.ID] = true
	}
	rows, err := h.query(ctx, `SELECT `+messageColumns+` FROM messages WHERE conversation_id = ? AND author_kind <> ? ORDER BY seq DESC LIMIT ?`,
		convID, proofdesk.AuthorAgent, proofdesk.SubjectLater+proofdesk.SubjectMessages)
	if err != nil {
		return nil, fmt.Errorf("later messages: %w", err)
	}
	defer rows.Close()
	var out []*proofdesk.Message
	for rows.Next() {
		m, err := scanMessage(rows, dk)
		if err != nil {
			return nil, err
		}
		if !seen[m.ID] && len(out) < proofdesk.SubjectLater {
			out = append(out, m)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("later messages: %w", err)
	}
	slices.Reverse(out)
	return out, nil
}

// customerTexts returns a function that reads, on its first call, what
// customer custID wrote in all their conversations in the last
// proofdesk.RecentCodeWindow (MessagesElsewhere's texts, through the
// readers: the caller's transaction may have ended by then), once for
// all the rows of a list that are theirs. A failed read is logged and
// reads as nothing.
func (db *DB) customerTexts(ctx context.Context, custID string) func() []*proofdesk.Message {
	var (
		once sync.Once
		out  []*proofdesk.Message
	)
	return func() []*proofdesk.Message {
		once.Do(func() {
			h := db.reader()
			var err error
			if out, err = h.customerTexts(ctx, custID, "", h.now.Add(-proofdesk.RecentCodeWindow)); err != nil {
				db.logger.Error("messages elsewhere", slog.String("customer_id", custID), slogErr(err))
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
