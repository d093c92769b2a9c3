package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/verify"
)

// This file stores verification requests (the challenges table), failed
// attempts (verification_failures) and proven factors
// (conversation_factors). It decides nothing: desk/verification.go is the
// use case, package verify holds the rules.

// SetLevelTTL sets how long an assurance level lasts without the
// customer's activity; d <= 0 keeps the default of 15 minutes.
func (db *DB) SetLevelTTL(d time.Duration) {
	if d > 0 {
		db.levelTTL = d
	}
}

// LevelTTL is how long an assurance level lasts without activity.
func (db *DB) LevelTTL() time.Duration { return db.levelTTLOrDefault() }

func (db *DB) levelTTLOrDefault() time.Duration {
	if db.levelTTL > 0 {
		return db.levelTTL
	}
	return 15 * time.Minute
}

// CountChallenges counts the requests ever issued on a conversation.
func (h *Handle) CountChallenges(ctx context.Context, conversationID string) (int, error) {
	var n int
	if err := h.queryRow(ctx, `SELECT COUNT(*) FROM challenges WHERE conversation_id = ?`, conversationID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count challenges: %w", err)
	}
	return n, nil
}

// CountCustomerChallengesSince counts the requests issued to a customer
// after t.
func (h *Handle) CountCustomerChallengesSince(ctx context.Context, customerID string, t time.Time) (int, error) {
	var n int
	if err := h.queryRow(ctx, `SELECT COUNT(*) FROM challenges WHERE customer_id = ? AND created_at > ?`, customerID, fmtTime(t)).Scan(&n); err != nil {
		return 0, fmt.Errorf("count challenges: %w", err)
	}
	return n, nil
}

// CountFailuresSince counts a customer's failed attempts after t.
func (h *Handle) CountFailuresSince(ctx context.Context, customerID string, t time.Time) (int, error) {
	var n int
	if err := h.queryRow(ctx, `SELECT COUNT(*) FROM verification_failures WHERE customer_id = ? AND at > ?`, customerID, fmtTime(t)).Scan(&n); err != nil {
		return 0, fmt.Errorf("count failures: %w", err)
	}
	return n, nil
}

// InsertChallenge stores a new request issued by agentID.
func (tx *Tx) InsertChallenge(ctx context.Context, ch *verify.Challenge, agentID string) error {
	choices, _ := json.Marshal(ch.Choices)
	if _, err := tx.exec(ctx, `INSERT INTO challenges (id, conversation_id, customer_id, contact_point_id, kind, code_hash, token_hash, number, choices, attempts, status, agent_id, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
		ch.ID, ch.ConversationID, ch.CustomerID, ch.ContactPointID, ch.Kind, ch.CodeHash, ch.TokenHash, ch.Number, string(choices),
		ch.Status, agentID, fmtTime(ch.CreatedAt), fmtTime(ch.ExpiresAt)); err != nil {
		return fmt.Errorf("insert challenge: %w", wrapErr(err))
	}
	return nil
}

const challengeColumns = `id, conversation_id, customer_id, contact_point_id, kind, code_hash, token_hash, number, choices, attempts, status, created_at, expires_at, completed_at`

func scanChallenge(row scanner) (*verify.Challenge, error) {
	ch := &verify.Challenge{}
	var choices string
	var done nullTime
	if err := row.Scan(&ch.ID, &ch.ConversationID, &ch.CustomerID, &ch.ContactPointID, &ch.Kind, &ch.CodeHash, &ch.TokenHash, &ch.Number, &choices,
		&ch.Attempts, &ch.Status, timeScan{&ch.CreatedAt}, timeScan{&ch.ExpiresAt}, &done); err != nil {
		return nil, wrapErr(err)
	}
	ch.CompletedAt = done.t
	if err := json.Unmarshal([]byte(choices), &ch.Choices); err != nil {
		return nil, fmt.Errorf("challenge %s: %w", ch.ID, err)
	}
	return ch, nil
}

// ChallengeByTokenHash returns the request whose link token hashes to
// tokenHash, or ENOTFOUND.
func (h *Handle) ChallengeByTokenHash(ctx context.Context, tokenHash string) (*verify.Challenge, error) {
	return scanChallenge(h.queryRow(ctx, `SELECT `+challengeColumns+` FROM challenges WHERE token_hash = ?`, tokenHash))
}

// FindChallenges returns a conversation's requests, newest first; with
// status set, only those in that status.
func (h *Handle) FindChallenges(ctx context.Context, conversationID, status string) ([]*verify.Challenge, error) {
	q, args := `SELECT `+challengeColumns+` FROM challenges WHERE conversation_id = ?`, []any{conversationID}
	if status != "" {
		q, args = q+` AND status = ?`, append(args, status)
	}
	rows, err := h.query(ctx, q+` ORDER BY created_at DESC, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("find challenges: %w", err)
	}
	defer rows.Close()
	var chs []*verify.Challenge
	for rows.Next() {
		ch, err := scanChallenge(rows)
		if err != nil {
			return nil, err
		}
		chs = append(chs, ch)
	}
	return chs, rows.Err()
}

// UpdateChallenge stores ch's attempts, status and completion time if the
// row still has status prevStatus and prevAttempts attempts, so concurrent
// answers cannot both use the last try or both succeed: ECONFLICT if it
// changed meanwhile.
func (tx *Tx) UpdateChallenge(ctx context.Context, ch *verify.Challenge, prevStatus string, prevAttempts int) error {
	r, err := tx.exec(ctx, `UPDATE challenges SET attempts = ?, status = ?, completed_at = ? WHERE id = ? AND status = ? AND attempts = ?`,
		ch.Attempts, ch.Status, fmtTimePtr(ch.CompletedAt), ch.ID, prevStatus, prevAttempts)
	if err != nil {
		return fmt.Errorf("update challenge: %w", wrapErr(err))
	}
	if n, _ := r.RowsAffected(); n != 1 {
		return proofdesk.Errorf(proofdesk.ECONFLICT, "This request changed meanwhile; try again.")
	}
	return nil
}

// RecordFailure stores a failed attempt of a customer on a request.
func (tx *Tx) RecordFailure(ctx context.Context, customerID, challengeID string) error {
	if _, err := tx.exec(ctx, `INSERT INTO verification_failures (id, customer_id, challenge_id, at) VALUES (?, ?, ?, ?)`,
		proofdesk.NewID("vf"), customerID, challengeID, fmtTime(tx.now)); err != nil {
		return fmt.Errorf("record failure: %w", wrapErr(err))
	}
	return nil
}

// AddFactor records a proven factor on conv and sets its level to
// verify.LevelFrom of its factors, for the level TTL; a level that had
// expired starts over from this factor alone. A change of level is
// audited. It returns the new level.
func (tx *Tx) AddFactor(ctx context.Context, conv *proofdesk.Conversation, f verify.Factor) (proofdesk.Level, error) {
	return tx.addFactor(ctx, conv, f)
}

func (tx *Tx) addFactor(ctx context.Context, conv *proofdesk.Conversation, f verify.Factor) (proofdesk.Level, error) {
	before := conv.EffectiveLevel(tx.now)
	if before == proofdesk.L0 {
		if _, err := tx.exec(ctx, `DELETE FROM conversation_factors WHERE conversation_id = ?`, conv.ID); err != nil {
			return 0, err
		}
	}
	if _, err := tx.exec(ctx, `INSERT INTO conversation_factors (id, conversation_id, kind, contact_point_id, at) VALUES (?, ?, ?, ?, ?)`,
		proofdesk.NewID("fac"), conv.ID, f.Kind, f.ContactPointID, fmtTime(f.At)); err != nil {
		return 0, err
	}
	rows, err := tx.query(ctx, `SELECT kind, contact_point_id, at FROM conversation_factors WHERE conversation_id = ?`, conv.ID)
	if err != nil {
		return 0, err
	}
	var fs []verify.Factor
	for rows.Next() {
		var g verify.Factor
		if err := rows.Scan(&g.Kind, &g.ContactPointID, timeScan{&g.At}); err != nil {
			rows.Close()
			return 0, err
		}
		fs = append(fs, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	level := verify.LevelFrom(fs)
	exp := tx.now.Add(tx.db.levelTTLOrDefault())
	if _, err := tx.exec(ctx, `UPDATE conversations SET level = ?, level_expires_at = ?, updated_at = ? WHERE id = ?`, int(level), fmtTime(exp), fmtTime(tx.now), conv.ID); err != nil {
		return 0, err
	}
	conv.Level, conv.LevelExpiresAt = level, &exp
	if level != before {
		if err := tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: proofdesk.AuditLevelChange, SubjectKind: "conversation", SubjectID: conv.ID,
			Detail: map[string]string{"from": before.String(), "to": level.String(), "factor": f.Kind}}); err != nil {
			return 0, err
		}
	}
	return level, nil
}

// RelinkCustomer links conv to customerID, dropping its factors and level
// (a level proven for one customer says nothing about another); ECONFLICT
// when customerID was erased.
func (tx *Tx) RelinkCustomer(ctx context.Context, conv *proofdesk.Conversation, customerID string) error {
	if customerID != "" {
		if err := tx.refuseErased(ctx, customerID); err != nil {
			return err
		}
	}
	if _, err := tx.exec(ctx, `DELETE FROM conversation_factors WHERE conversation_id = ?`, conv.ID); err != nil {
		return fmt.Errorf("relink: %w", err)
	}
	if _, err := tx.exec(ctx, `UPDATE conversations SET customer_id = ?, level = 0, level_expires_at = NULL, updated_at = ? WHERE id = ?`, customerID, fmtTime(tx.now), conv.ID); err != nil {
		return fmt.Errorf("relink: %w", wrapErr(err))
	}
	conv.CustomerID, conv.Level, conv.LevelExpiresAt = customerID, proofdesk.L0, nil
	return nil
}

// MarkFraud marks conv as fraud with the owner-denied flag and drops its
// level and factors. It decides nothing and audits nothing.
func (tx *Tx) MarkFraud(ctx context.Context, conv *proofdesk.Conversation) error {
	conv.RiskFlags = addFlag(conv.RiskFlags, proofdesk.RiskOwnerDenied)
	if _, err := tx.exec(ctx, `UPDATE conversations SET fraud = 1, risk_flags = ?, level = 0, level_expires_at = NULL, updated_at = ? WHERE id = ?`,
		mustJSON(conv.RiskFlags), fmtTime(tx.now), conv.ID); err != nil {
		return fmt.Errorf("mark fraud: %w", err)
	}
	if _, err := tx.exec(ctx, `DELETE FROM conversation_factors WHERE conversation_id = ?`, conv.ID); err != nil {
		return fmt.Errorf("mark fraud: %w", err)
	}
	conv.Fraud, conv.Level, conv.LevelExpiresAt = true, proofdesk.L0, nil
	return nil
}

// alertSupervisors audits an alert and emails every supervisor and admin.
func (tx *Tx) alertSupervisors(ctx context.Context, kind, conversationID, text string) error {
	if err := tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: proofdesk.AuditAlert, SubjectKind: "conversation", SubjectID: conversationID,
		Detail: map[string]string{"alert": kind}}); err != nil {
		return err
	}
	rows, err := tx.query(ctx, `SELECT email FROM agents WHERE role IN ('admin', 'supervisor') AND disabled = 0`)
	if err != nil {
		return err
	}
	var emails []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			rows.Close()
			return err
		}
		emails = append(emails, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, e := range emails {
		if err := tx.enqueue(ctx, &proofdesk.OutboxMessage{Kind: proofdesk.OutboxEmail, Purpose: "alert", ConversationID: conversationID, To: e,
			Subject: proofdesk.AlertSubject(kind), Body: text}, nil); err != nil {
			return err
		}
	}
	return nil
}

func addFlag(flags []string, f string) []string {
	for _, g := range flags {
		if g == f {
			return flags
		}
	}
	return append(flags, f)
}

// IssuedCode is a request's ID and keyed code hash (never the code).
type IssuedCode struct{ ID, CodeHash string }

// CodesIssuedSince returns the ID and code hash of every request issued
// at or after t, on any conversation.
func (h *Handle) CodesIssuedSince(ctx context.Context, t time.Time) ([]IssuedCode, error) {
	rows, err := h.query(ctx, `SELECT id, code_hash FROM challenges WHERE created_at >= ?`, fmtTime(t))
	if err != nil {
		return nil, fmt.Errorf("codes issued: %w", err)
	}
	defer rows.Close()
	var out []IssuedCode
	for rows.Next() {
		var c IssuedCode
		if err := rows.Scan(&c.ID, &c.CodeHash); err != nil {
			return nil, fmt.Errorf("codes issued: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SetCodeCheck sets how the store compares a candidate code with a
// request's stored hash (verify.Secrets.CheckCode; desk.NewVerification
// calls it), so that the views the store builds itself (webhook
// payloads) know the recent codes as the API and the console do.
func (db *DB) SetCodeCheck(check func(codeHash, challengeID, code string) bool) {
	db.codeCheck.Store(&check)
}

// RecentCodes returns a matcher of the codes issued on any conversation
// in the last proofdesk.RecentCodeWindow (proofdesk.ViewContext.KnownCode),
// checked with check against each request's keyed hash, so the codes are
// never stored nor held. It reads the requests on its first call (most
// texts hold no 6-digit number: most views never call it), through h; if
// that fails it logs and reports every candidate as a code: the view then
// hides, the safe side. Answers are remembered.
func (h *Handle) RecentCodes(ctx context.Context, check func(codeHash, challengeID, code string) bool) func(code string) bool {
	var (
		once   sync.Once
		recent []IssuedCode
		failed bool
		mu     sync.Mutex
		seen   = map[string]bool{}
	)
	load := func() {
		var err error
		if recent, err = h.CodesIssuedSince(ctx, h.Now().Add(-proofdesk.RecentCodeWindow)); err != nil {
			failed = true
			h.db.logger.Error("recent codes", slog.Any("error", err))
		}
	}
	return func(code string) bool {
		once.Do(load)
		if failed {
			return true
		}
		mu.Lock()
		defer mu.Unlock()
		if m, ok := seen[code]; ok {
			return m
		}
		match := false
		for _, c := range recent {
			if check(c.CodeHash, c.ID, code) {
				match = true
				break
			}
		}
		seen[code] = match
		return match
	}
}

// maxElsewhere bounds the messages MessagesElsewhere returns per other
// conversation (the latest): the view checks no more than the last 64
// six-digit windows anyway.
const maxElsewhere = 32

// MessagesElsewhere returns what the customer of conversation convID
// wrote in their other conversations at or after since (the latest
// maxElsewhere messages of each, the latest maxElsewhereTexts in all, and
// the subject of each started then,
// as a customer message at the conversation's start: an email's subject
// is the customer's first text), oldest first, without files, for
// proofdesk.ViewContext.Elsewhere. None for a conversation linked to no
// customer; a conversation whose data key was destroyed is left out.
// Errors: ENOTFOUND for an unknown conversation, the store's.
func (h *Handle) MessagesElsewhere(ctx context.Context, convID string, since time.Time) ([]*proofdesk.Message, error) {
	conv, _, err := h.findConversationByID(ctx, convID)
	if err != nil || conv.CustomerID == "" {
		return nil, err
	}
	texts, err := h.customerTexts(ctx, []string{conv.CustomerID}, convID, since)
	return texts[conv.CustomerID], err
}

// customerTexts is MessagesElsewhere for each of customers custIDs,
// without the conversation except ("" for none), keyed by customer ID
// (none for a customer with no text), in one query whatever the number
// of customers: a list reads it once for all the customers of its page
// and leaves out each row's own conversation. A conversation started
// before since is read only for the messages written since (as many as
// they are; the latest maxElsewhere of each are kept here, removed ones
// counted, then left out); bounding them per conversation in the query
// (a window over the messages) cost more than reading them all
// (BENCHMARKS.md, branch listbatch2). Ties in time read in the order of
// the conversations' IDs, a conversation's subject before its messages.
func (h *Handle) customerTexts(ctx context.Context, custIDs []string, except string, since time.Time) (map[string][]*proofdesk.Message, error) {
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(custIDs)), ", ")
	args := make([]any, 0, len(custIDs)+5)
	args = append(args, proofdesk.AuthorCustomer, fmtTime(since))
	for _, id := range custIDs {
		args = append(args, id)
	}
	args = append(args, except, fmtTime(since))
	col, join := h.db.keyJoin("v")
	rows, err := h.query(ctx, `SELECT v.id, v.customer_id, v.created_at, v.subject_enc, v.data_key_id, `+col+`,
	m.id, m.author_kind, m.author_id, m.body_enc, m.internal, m.client_id, m.created_at, m.removed_at, m.seq
FROM conversations v`+join+`
LEFT JOIN messages m ON m.conversation_id = v.id AND m.author_kind = ? AND m.created_at >= ?
WHERE v.customer_id IN (`+marks+`) AND v.id <> ? AND (v.created_at >= ? OR m.id IS NOT NULL)`, args...)
	if err != nil {
		return nil, fmt.Errorf("messages elsewhere: %w", err)
	}
	defer rows.Close()
	type sealed struct {
		m    *proofdesk.Message
		body string
		seq  int64
	}
	type conv struct {
		custID, subject, dkID, wrapped string
		started                        time.Time
		msgs                           []sealed
	}
	convs := map[string]*conv{}
	for rows.Next() {
		var c conv
		var convID string
		var mID, kind, author, body, client sql.NullString
		var internal, seq sql.NullInt64
		var created, removed nullTime
		if err := rows.Scan(&convID, &c.custID, timeScan{&c.started}, &c.subject, &c.dkID, &c.wrapped,
			&mID, &kind, &author, &body, &internal, &client, &created, &removed, &seq); err != nil {
			return nil, fmt.Errorf("messages elsewhere: %w", wrapErr(err))
		}
		cv, ok := convs[convID]
		if !ok {
			cv = &c
			convs[convID] = cv
		}
		if mID.Valid {
			m := &proofdesk.Message{ID: mID.String, ConversationID: convID, AuthorKind: kind.String, AuthorID: author.String,
				Internal: internal.Int64 != 0, ClientID: client.String, CreatedAt: *created.t, RemovedAt: removed.t}
			cv.msgs = append(cv.msgs, sealed{m, body.String, seq.Int64})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("messages elsewhere: %w", err)
	}
	ids := make([]string, 0, len(convs))
	for id := range convs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	out := map[string][]*proofdesk.Message{}
	for _, id := range ids {
		c := convs[id]
		dk, err := h.db.openRowKey(ctx, c.dkID, c.wrapped)
		if errors.Is(err, errKeyDestroyed) {
			continue // left out
		}
		if err != nil {
			return nil, fmt.Errorf("conversation %s: %w", id, err)
		}
		texts := out[c.custID]
		if !c.started.Before(since) {
			// Its subject, as the customer's first text.
			subject, err := dk.OpenString(conversationAAD(id, "subject"), c.subject)
			if err != nil {
				return nil, fmt.Errorf("conversation %s: %w", id, err)
			}
			if strings.TrimSpace(subject) != "" {
				texts = append(texts, &proofdesk.Message{ConversationID: id, AuthorKind: proofdesk.AuthorCustomer, Body: subject, CreatedAt: c.started})
			}
		}
		// The latest maxElsewhere, oldest first.
		slices.SortFunc(c.msgs, func(a, b sealed) int {
			if d := a.m.CreatedAt.Compare(b.m.CreatedAt); d != 0 {
				return d
			}
			return cmp.Compare(a.seq, b.seq)
		})
		for _, sm := range c.msgs[max(0, len(c.msgs)-maxElsewhere):] {
			if sm.m.RemovedAt != nil {
				continue
			}
			if err := openMessage(sm.m, sm.body, dk); err != nil {
				return nil, err
			}
			texts = append(texts, sm.m)
		}
		out[c.custID] = texts
	}
	for custID, texts := range out {
		slices.SortStableFunc(texts, func(a, b *proofdesk.Message) int { return a.CreatedAt.Compare(b.CreatedAt) })
		out[custID] = texts[max(0, len(texts)-maxElsewhereTexts):]
	}
	return out, nil
}

// maxElsewhereTexts bounds the texts MessagesElsewhere returns in all
// (the latest): a view reads them for each conversation it shows, and a
// list may show many of one customer's (100 rows of a customer with 100
// conversations of ten messages each in the hour read 1,100 texts for
// each row: 0.9 s; the view checks the last 64 six-digit windows anyway).
const maxElsewhereTexts = 2 * maxElsewhere

// Logger is the store's logger, for the application's errors (never PII).
func (db *DB) Logger() *slog.Logger { return db.logger }
