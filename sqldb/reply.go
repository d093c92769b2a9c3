package sqldb

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/guard"
)

// This file is the SQL side of an outgoing reply: the store asks the
// application's ReplyGuard (package desk, desk/reply.go) about every agent
// reply it would keep, and gives it the facts to read. The store decides
// nothing here.

// ReplyGuard checks an outgoing agent reply (not an internal note) before
// the store keeps it. The store calls it for every agent reply, from
// CreateMessage and CreateConversation alike, whatever the channel (API,
// console, widget, email, phone); a store with no ReplyGuard refuses
// agent replies (EINTERNAL) rather than keep one unchecked.
type ReplyGuard interface {
	// GuardReply runs in the transaction that would store m, before m
	// is stored: an error refuses m and rolls the transaction back.
	GuardReply(ctx context.Context, tx *Tx, conv *proofdesk.Conversation, m *proofdesk.Message) error
	// ReplyRefused runs after GuardReply refused m, in a transaction of
	// its own (the first one rolled back): audit entries, counts and
	// alerts. An error from it (a store failure) is returned to the
	// caller in place of refused.
	ReplyRefused(ctx context.Context, tx *Tx, m *proofdesk.Message, refused error) error
}

type replyGuardBox struct{ g ReplyGuard }

var errNoReplyGuard = errors.New("no reply guard is installed: agent replies are refused (construct a desk.Desk over the store)")

// SetReplyGuard installs g as the check every agent reply passes. The
// last call wins.
func (db *DB) SetReplyGuard(g ReplyGuard) { db.replyGuard.Store(&replyGuardBox{g}) }

func (db *DB) currentReplyGuard() ReplyGuard {
	if b := db.replyGuard.Load(); b != nil {
		return b.g
	}
	return nil
}

// guardReply runs the installed ReplyGuard on m, an agent reply about to
// be stored in tx; without one it refuses.
func (tx *Tx) guardReply(ctx context.Context, conv *proofdesk.Conversation, m *proofdesk.Message) error {
	g := tx.db.currentReplyGuard()
	if g == nil {
		return errNoReplyGuard
	}
	return g.GuardReply(ctx, tx, conv, m)
}

// refusedReply reports whether err from the ReplyGuard refuses the reply
// (the guard blocked it, or the gate refused it) rather than failing.
func refusedReply(err error) bool {
	switch proofdesk.ErrorCode(err) {
	case proofdesk.EDISCLOSURE, proofdesk.EFORBIDDEN, proofdesk.EVERIFICATION, proofdesk.EUNAUTHORIZED:
		return true
	}
	return false
}

// replyRefused hands a refused reply back to the ReplyGuard in a new
// transaction.
func (db *DB) replyRefused(ctx context.Context, m *proofdesk.Message, refused error) error {
	g := db.currentReplyGuard()
	if g == nil {
		return refused
	}
	if err := db.WithTx(ctx, func(tx *Tx) error { return g.ReplyRefused(ctx, tx, m, refused) }); err != nil {
		return fmt.Errorf("record refused reply: %w", err)
	}
	return refused
}

// GuardTargets returns what a reply on conv is checked against: the
// linked customer at level, and every customer whose contact point
// matches the requester's claimed email or phone at L0.
func (h *Handle) GuardTargets(ctx context.Context, conv *proofdesk.Conversation, policy *proofdesk.Policy, level proofdesk.Level) ([]guard.Target, error) {
	return h.guardTargets(ctx, conv, policy, level)
}

// Offered returns the data classes the requester offered on the
// conversation ("address", "phone"...), sorted.
func (h *Handle) Offered(ctx context.Context, convID string) ([]string, error) {
	return h.offered(ctx, convID)
}

// RecentReplies returns the last replies (not notes) of agent agentID in
// conversation convID, oldest first, at most n.
func (tx *Tx) RecentReplies(ctx context.Context, convID, agentID string, n int) ([]string, error) {
	_, dk, err := tx.findConversationByID(ctx, convID)
	if err != nil {
		return nil, err
	}
	rows, err := tx.query(ctx, `SELECT `+messageColumns+` FROM messages WHERE conversation_id = ? AND author_kind = ? AND author_id = ? AND internal = 0 ORDER BY seq DESC LIMIT ?`,
		convID, proofdesk.AuthorAgent, agentID, n)
	if err != nil {
		return nil, fmt.Errorf("recent replies: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		m, err := scanMessage(rows, dk)
		if err != nil {
			return nil, err
		}
		out = append(out, m.Body)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}

// NoteRiskRaise audits, once per conversation, that high risk raised its
// requirements (after a refusal whose own transaction rolled back).
func (tx *Tx) NoteRiskRaise(ctx context.Context, convID string) error {
	return tx.noteRiskRaiseFor(ctx, convID)
}

// AuditTimes returns the times of the audit entries of actorID with one
// of actions after since, oldest first.
func (h *Handle) AuditTimes(ctx context.Context, actorID string, actions []string, since time.Time) ([]time.Time, error) {
	if len(actions) == 0 {
		return nil, nil
	}
	if err := h.lockActor(ctx, actorID); err != nil {
		return nil, fmt.Errorf("audit times: %w", err)
	}
	args := []any{actorID}
	for _, a := range actions {
		args = append(args, a)
	}
	args = append(args, fmtTime(since))
	rows, err := h.query(ctx, `SELECT at FROM audit_events WHERE actor_id = ? AND action IN (?`+strings.Repeat(", ?", len(actions)-1)+`) AND at > ? ORDER BY at, seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("audit times: %w", err)
	}
	defer rows.Close()
	var out []time.Time
	for rows.Next() {
		var t time.Time
		if err := rows.Scan(timeScan{&t}); err != nil {
			return nil, fmt.Errorf("audit times: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// LastAuditAt returns the time of the newest audit entry with action on
// subject (subjectKind, subjectID), and false if there is none.
func (h *Handle) LastAuditAt(ctx context.Context, action, subjectKind, subjectID string) (time.Time, bool, error) {
	rows, err := h.query(ctx, `SELECT at FROM audit_events WHERE action = ? AND subject_kind = ? AND subject_id = ? ORDER BY seq DESC LIMIT 1`, action, subjectKind, subjectID)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("last audit: %w", err)
	}
	defer rows.Close()
	if !rows.Next() {
		return time.Time{}, false, rows.Err()
	}
	var t time.Time
	if err := rows.Scan(timeScan{&t}); err != nil {
		return time.Time{}, false, fmt.Errorf("last audit: %w", err)
	}
	return t, true, rows.Err()
}

// FindCustomers returns the customers matching f and how many match in
// all, in this transaction. It decides nothing: desk.LookupCustomers
// asks the gate first for exact-value lookups.
func (h *Handle) FindCustomers(ctx context.Context, f proofdesk.CustomerFilter) ([]*proofdesk.Customer, int, error) {
	return h.findCustomers(ctx, f)
}
