package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
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
	return memoRead(h, memoKey("offered", convID), cloneStrings, func() ([]string, error) { return h.offered(ctx, convID) })
}

// RecentReplies returns the last replies (not notes) of agent agentID in
// conversation convID, oldest first, at most n.
func (h *Handle) RecentReplies(ctx context.Context, convID, agentID string, n int) ([]string, error) {
	return memoRead(h, memoKey("recent", convID, agentID, strconv.Itoa(n)), cloneStrings, func() ([]string, error) {
		return h.recentReplies(ctx, convID, agentID, n)
	})
}

// RequesterMessages returns the requester's last messages in
// conversation convID, oldest first, at most n: what the guard finds a
// reply's opening quote in (guard.CheckSaid).
func (h *Handle) RequesterMessages(ctx context.Context, convID string, n int) ([]string, error) {
	return memoRead(h, memoKey("said", convID, strconv.Itoa(n)), cloneStrings, func() ([]string, error) {
		return h.lastBodies(ctx, convID, proofdesk.AuthorCustomer, "", n)
	})
}

func (h *Handle) recentReplies(ctx context.Context, convID, agentID string, n int) ([]string, error) {
	return h.lastBodies(ctx, convID, proofdesk.AuthorAgent, agentID, n)
}

// lastBodies returns the bodies of the last messages (not notes) of
// authorKind in convID, of authorID unless it is "", oldest first, at
// most n.
func (h *Handle) lastBodies(ctx context.Context, convID, authorKind, authorID string, n int) ([]string, error) {
	_, dk, err := h.findConversationByID(ctx, convID)
	if err != nil {
		return nil, err
	}
	q := `SELECT ` + messageColumns + ` FROM messages WHERE conversation_id = ? AND author_kind = ? AND author_id = ? AND internal = 0 ORDER BY seq DESC LIMIT ?`
	args := []any{convID, authorKind, authorID, n}
	if authorID == "" {
		q = `SELECT ` + messageColumns + ` FROM messages WHERE conversation_id = ? AND author_kind = ? AND internal = 0 ORDER BY seq DESC LIMIT ?`
		args = []any{convID, authorKind, n}
	}
	rows, err := h.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("last messages: %w", err)
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
	key := memoKey(append([]string{"audit_times", actorID, fmtTime(since)}, actions...)...)
	return memoRead(h, key, cloneTimes, func() ([]time.Time, error) { return h.auditTimes(ctx, actorID, actions, since) })
}

func (h *Handle) auditTimes(ctx context.Context, actorID string, actions []string, since time.Time) ([]time.Time, error) {
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

// AuditDetails returns the details of the audit entries of actorID with
// action after since, oldest first, chained or still pending (as
// AuditTimes reads them): the desk reads what an agent's counted replies
// named (their keyed hashes) from them.
func (h *Handle) AuditDetails(ctx context.Context, actorID, action string, since time.Time) ([]map[string]string, error) {
	key := memoKey("audit_details", actorID, action, fmtTime(since))
	return memoRead(h, key, cloneDetails, func() ([]map[string]string, error) { return h.auditDetails(ctx, actorID, action, since) })
}

func (h *Handle) auditDetails(ctx context.Context, actorID, action string, since time.Time) ([]map[string]string, error) {
	if err := h.lockActor(ctx, actorID); err != nil {
		return nil, fmt.Errorf("audit details: %w", err)
	}
	// The audit_events view has no detail column: on PostgreSQL entries
	// wait in audit_pending until the sequencer chains them; SQLite
	// writes audit_log at once.
	q := `SELECT at, seq, detail FROM audit_log WHERE actor_id = ? AND action = ? AND at > ?`
	args := []any{actorID, action, fmtTime(since)}
	if h.db.dialect == Postgres {
		q += ` UNION ALL SELECT at, 4611686018427387904 + id, detail FROM audit_pending WHERE actor_id = ? AND action = ? AND at > ?`
		args = append(args, args...)
	}
	rows, err := h.query(ctx, q+` ORDER BY 1, 2`, args...)
	if err != nil {
		return nil, fmt.Errorf("audit details: %w", err)
	}
	defer rows.Close()
	var out []map[string]string
	for rows.Next() {
		var at time.Time
		var seq int64
		var detail string
		if err := rows.Scan(timeScan{&at}, &seq, &detail); err != nil {
			return nil, fmt.Errorf("audit details: %w", err)
		}
		var d map[string]string
		if err := json.Unmarshal([]byte(detail), &d); err != nil {
			d = map[string]string{}
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

func cloneDetails(ds []map[string]string) []map[string]string {
	out := make([]map[string]string, len(ds))
	for i, d := range ds {
		out[i] = maps.Clone(d)
	}
	return out
}

// LastAuditAt returns the time of the newest audit entry with action on
// subject (subjectKind, subjectID), and false if there is none.
func (h *Handle) LastAuditAt(ctx context.Context, action, subjectKind, subjectID string) (time.Time, bool, error) {
	type last struct {
		at time.Time
		ok bool
	}
	l, err := memoRead(h, memoKey("last_audit", action, subjectKind, subjectID), same[last], func() (last, error) {
		at, ok, err := h.lastAuditAt(ctx, action, subjectKind, subjectID)
		return last{at, ok}, err
	})
	return l.at, l.ok, err
}

func (h *Handle) lastAuditAt(ctx context.Context, action, subjectKind, subjectID string) (time.Time, bool, error) {
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

// ReplyPrechecker is a ReplyGuard that can also run its checks before
// the write transaction, on a reader: on SQLite, whose one writer runs
// the transactions one after another, a reply then costs the writer a
// check that what the guard read is unchanged (guardStamp) instead of
// the guard's reads, decryption and scan. GuardReply stays the rule: the
// store runs it in the transaction whenever the check before it did not
// pass the reply or anything it read changed since.
type ReplyPrechecker interface {
	ReplyGuard
	// PauseActions returns the audit actions under an agent whose new
	// entries may refuse that agent's next reply (the pause's counts).
	PauseActions() []string
	// PrecheckReply runs GuardReply's checks of m on conv with the reads
	// of h, a reader outside any transaction, and changes nothing. It
	// returns nil when it would not pass m as it is (a block, a refusal,
	// a break-glass, an error): GuardReply then decides in the
	// transaction. Otherwise it returns a function the store calls in
	// the transaction, reporting whether what the check read of the
	// guard's own state (not the store's: guardStamp covers that) still
	// passes m.
	PrecheckReply(ctx context.Context, h *Handle, conv *proofdesk.Conversation, m *proofdesk.Message) (holds func() bool)
}

// replyPrecheck is a reply the ReplyPrechecker passed before the write
// transaction: the facts it read (stamp, read before them), the level
// in force then, and its own check.
type replyPrecheck struct {
	stamp guardStamp
	since time.Time // the risk window's start when the stamp was read
	level proofdesk.Level
	holds func() bool
}

// prechecksRunning counts the checks before the transaction running in
// this process (precheckReply).
var prechecksRunning atomic.Int64

// afterPrecheckKey carries a test's hook, run between the check before
// the transaction and the transaction (WithAfterPrecheck in the tests).
type afterPrecheckKey struct{}

// precheckReply runs the ReplyPrechecker on the agent reply m before the
// write transaction, on a reader; nil when it does not apply (PostgreSQL,
// whose transactions run side by side and for whom the reads would be
// round trips more; no ReplyPrechecker; not an agent reply) or did not
// pass m.
func (db *DB) precheckReply(ctx context.Context, m *proofdesk.Message) *replyPrecheck {
	if hook, ok := ctx.Value(afterPrecheckKey{}).(func()); ok {
		defer hook()
	}
	if db.group == nil || m.AuthorKind != proofdesk.AuthorAgent || m.Internal {
		return nil
	}
	pc, ok := db.currentReplyGuard().(ReplyPrechecker)
	if !ok {
		return nil
	}
	// At most GOMAXPROCS-1 checks run at once (at least one): Go gives a
	// goroutine no priority, and the writer, on which every write waits,
	// would otherwise share the processors with every check of every
	// reply in flight (a reply benchmark at 16 concurrent replies ran at
	// half the rate with the checks unbounded). A reply that finds them
	// all busy is checked in its transaction, as before.
	if n := prechecksRunning.Add(1); n > int64(max(1, runtime.GOMAXPROCS(0)-1)) {
		prechecksRunning.Add(-1)
		return nil
	}
	defer prechecksRunning.Add(-1)
	// The reader keeps what it read for the check (the conversation, the
	// customer, the facts) as a write transaction does: read once,
	// decrypted once. The stamp below, read first, covers what changes
	// while it reads.
	h := db.reader()
	h.memo = &customerMemo{}
	actor := m.AuthorID
	if a := proofdesk.AgentFromContext(ctx); a != nil {
		actor = a.ID
	}
	// The stamp is read before the guard's reads: what changes after
	// it, the guard may or may not have seen, and the transaction's
	// stamp differs.
	since := h.now.Add(-riskWindow)
	st, err := h.guardStamp(ctx, m.ConversationID, actor, pc.PauseActions(), since)
	if err != nil {
		return nil
	}
	conv, _, err := h.findConversationByID(ctx, m.ConversationID)
	if err != nil {
		return nil
	}
	holds := pc.PrecheckReply(ctx, h, conv, m)
	if holds == nil {
		return nil
	}
	return &replyPrecheck{stamp: st, since: since, level: conv.EffectiveLevel(h.now), holds: holds}
}

// precheckHolds reports whether the check before the transaction passed
// m on facts the transaction reads unchanged: the same stamp, the same
// level in force now (a level that expired since drops it), and the
// ReplyPrechecker's own state. conv is the conversation as tx read it.
func (tx *Tx) precheckHolds(ctx context.Context, pre *replyPrecheck, conv *proofdesk.Conversation, m *proofdesk.Message) (bool, error) {
	if pre == nil || conv.EffectiveLevel(tx.now) != pre.level {
		return false, nil
	}
	pc, ok := tx.db.currentReplyGuard().(ReplyPrechecker)
	if !ok {
		return false, nil
	}
	actor := m.AuthorID
	if a := proofdesk.AgentFromContext(ctx); a != nil {
		actor = a.ID
	}
	st, err := tx.guardStamp(ctx, conv.ID, actor, pc.PauseActions(), pre.since)
	if err != nil {
		return false, err
	}
	return st == pre.stamp && pre.holds(), nil
}

// guardStamp is what the guard's answer on a reply depends on in the
// store, read without decrypting anything (SQLite only): the
// conversation's row (link, requester, holder, team, level and its
// expiry, flags, offered classes, erasure, updated_at, data key), its
// newest message's number (the agent's recent replies), the linked
// customer's row as stored (updated_at, which every change of a
// customer, its contact points and orders sets, in nanoseconds; support
// lock, erasure, data key, and its sealed values, sealed again under a
// new nonce by any rewrite), its count of
// failed verification answers and the IDs and channels of its
// conversations created after since (the risk's window: a count alone
// stays the same when one conversation is relinked away and one of
// another channel in), the
// count and newest time of the agent's audit entries that count towards
// a pause (on the index by actor, action and time: the agent's other
// entries are most of the log), the
// policy, and the customers whose contact points match the requester's
// claims (guardTargets checks a reply against each at L0). Two equal stamps mean the guard read
// the same facts, the time aside (the caller compares the level in
// force).
type guardStamp string

func (h *Handle) guardStamp(ctx context.Context, convID, actorID string, pauseActions []string, since time.Time) (guardStamp, error) {
	if len(pauseActions) == 0 {
		pauseActions = []string{""}
	}
	args := []any{fmtTime(since), proofdesk.ContactEmail, proofdesk.ContactPhone, actorID}
	for _, a := range pauseActions {
		args = append(args, a)
	}
	args = append(args, convID)
	// A customer a claim names gets a new updated_at with any change: each
	// claimed customer's ID, updated_at and erasure, in ID order, change
	// with any change the guard would see. Not the newest updated_at: a
	// clock stepped back (NTP, a VM's resume) gives a change a time below
	// another claimed customer's, and the newest would not move.
	q := `SELECT c.customer_id, c.requester_enc, c.status, c.assignee_id, c.team, c.level, c.level_expires_at, c.risk_flags, c.fraud,
	c.offered, c.erased_at, c.updated_at, c.data_key_id,
	(SELECT MAX(seq) FROM messages m WHERE m.conversation_id = c.id),
	cu.updated_at, cu.support_locked, cu.erased_at, cu.data_key_id, cu.name, cu.external_id_enc, cu.addresses_enc, cu.dob_enc,
	cu.payment_enc, cu.attributes_enc,
	(SELECT COUNT(*) FROM verification_failures f WHERE f.customer_id = c.customer_id),
	(SELECT COALESCE(GROUP_CONCAT(o, ','), '') FROM (SELECT o.id || ':' || o.channel AS o FROM conversations o
		WHERE o.customer_id = c.customer_id AND o.created_at > ? ORDER BY o.id)),
	CASE WHEN c.requester_email_idx IS NULL AND c.requester_phone_idx IS NULL THEN '' ELSE
	(SELECT COALESCE(GROUP_CONCAT(k, ','), '') FROM (SELECT k.id || ':' || k.updated_at || ':' || COALESCE(k.erased_at, '') AS k
		FROM contact_points cp JOIN customers k ON k.id = cp.customer_id
		WHERE (cp.kind = ? AND cp.blind_index = c.requester_email_idx) OR (cp.kind = ? AND cp.blind_index = c.requester_phone_idx)
		ORDER BY k.id, cp.id)) END,
	(SELECT COUNT(*) || ':' || COALESCE(MAX(a.at), '') FROM audit_log a INDEXED BY audit_log_actor_action_at
		WHERE a.actor_id = ? AND a.action IN (?` + strings.Repeat(", ?", len(pauseActions)-1) + `)),
	(SELECT value FROM settings WHERE key = 'policy')
FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id WHERE c.id = ?`
	const n = 29
	vals := make([]sql.NullString, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := h.queryRow(ctx, q, args...).Scan(ptrs...); err != nil {
		return "", fmt.Errorf("guard stamp: %w", wrapErr(err))
	}
	var b strings.Builder
	for _, v := range vals {
		if v.Valid {
			b.WriteString(v.String)
		} else {
			b.WriteString("\x01")
		}
		b.WriteByte(0)
	}
	return guardStamp(b.String()), nil
}
