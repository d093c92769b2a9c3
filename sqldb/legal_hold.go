package sqldb

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
)

// Legal holds (proofdesk.LegalHold): rows of legal_holds. The store
// decides nothing: desk.Desk.SetLegalHold asks proofdesk.Decide.

// SetLegalHold stores h (replacing a hold already on the same subject)
// with SetAt now, and audits it (proofdesk.AuditLegalHoldSet). Errors:
// EINVALID for an unknown subject kind, ENOTFOUND for a subject that does
// not exist.
func (tx *Tx) SetLegalHold(ctx context.Context, h *proofdesk.LegalHold) error {
	if err := tx.holdSubjectExists(ctx, h.SubjectKind, h.SubjectID); err != nil {
		return err
	}
	h.SetAt = tx.now
	if _, err := tx.exec(ctx, `DELETE FROM legal_holds WHERE subject_kind = ? AND subject_id = ?`, h.SubjectKind, h.SubjectID); err != nil {
		return fmt.Errorf("set legal hold: %w", wrapErr(err))
	}
	if _, err := tx.exec(ctx, `INSERT INTO legal_holds (subject_kind, subject_id, reason, set_by, set_at) VALUES (?, ?, ?, ?, ?)`,
		h.SubjectKind, h.SubjectID, h.Reason, h.SetBy, fmtTime(h.SetAt)); err != nil {
		return fmt.Errorf("set legal hold: %w", wrapErr(err))
	}
	return tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditLegalHoldSet, SubjectKind: h.SubjectKind, SubjectID: h.SubjectID,
		Detail: map[string]string{"reason": h.Reason}})
}

// ClearLegalHold removes the hold on (kind, id) and audits it
// (proofdesk.AuditLegalHoldCleared, with the reason for clearing).
// Errors: ENOTFOUND when there is no hold.
func (tx *Tx) ClearLegalHold(ctx context.Context, kind, id, reason string) error {
	res, err := tx.exec(ctx, `DELETE FROM legal_holds WHERE subject_kind = ? AND subject_id = ?`, kind, id)
	if err != nil {
		return fmt.Errorf("clear legal hold: %w", wrapErr(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return proofdesk.Errorf(proofdesk.ENOTFOUND, "There is no legal hold on this %s.", kind)
	}
	return tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditLegalHoldCleared, SubjectKind: kind, SubjectID: id,
		Detail: map[string]string{"reason": reason}})
}

func (tx *Tx) holdSubjectExists(ctx context.Context, kind, id string) error {
	var q string
	switch kind {
	case proofdesk.HoldCustomer:
		q = `SELECT COUNT(*) FROM customers WHERE id = ?`
	case proofdesk.HoldConversation:
		q = `SELECT COUNT(*) FROM conversations WHERE id = ?`
	default:
		return proofdesk.FieldError("subject_kind", "a legal hold is on a customer or a conversation")
	}
	var n int
	if err := tx.queryRow(ctx, q, id).Scan(&n); err != nil {
		return fmt.Errorf("legal hold subject: %w", wrapErr(err))
	}
	if n == 0 {
		return proofdesk.Errorf(proofdesk.ENOTFOUND, "%s not found", kind)
	}
	return nil
}

// LegalHoldsOn returns the legal holds that cover customerID or
// conversationID (either may be ""), oldest first:
//   - for a customer: the hold on the customer and the holds on any of
//     their conversations (erasing the customer would destroy those);
//   - for a conversation: its own hold and the hold on its customer.
//
// An empty result means nothing holds them: what retention and erasure
// check before they delete.
func (h *Handle) LegalHoldsOn(ctx context.Context, customerID, conversationID string) ([]*proofdesk.LegalHold, error) {
	cover, args := holdCoverage(customerID, conversationID)
	if cover == "" {
		return nil, nil
	}
	rows, err := h.query(ctx, `SELECT subject_kind, subject_id, reason, set_by, set_at FROM legal_holds WHERE `+cover+` ORDER BY set_at, subject_kind, subject_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("legal holds: %w", wrapErr(err))
	}
	defer rows.Close()
	var out []*proofdesk.LegalHold
	seen := map[string]bool{}
	for rows.Next() {
		var lh proofdesk.LegalHold
		if err := rows.Scan(&lh.SubjectKind, &lh.SubjectID, &lh.Reason, &lh.SetBy, timeScan{&lh.SetAt}); err != nil {
			return nil, fmt.Errorf("legal holds: %w", err)
		}
		if k := lh.SubjectKind + "/" + lh.SubjectID; !seen[k] {
			seen[k] = true
			out = append(out, &lh)
		}
	}
	return out, rows.Err()
}

// holdCoverage is the condition on (subject_kind, subject_id) of the
// holds that cover customerID and conversationID (either may be ""), as
// LegalHoldsOn says, with its arguments; "" when both are "".
func holdCoverage(customerID, conversationID string) (string, []any) {
	var where []string
	var args []any
	if customerID != "" {
		where = append(where, `(subject_kind = 'customer' AND subject_id = ?)`,
			`(subject_kind = 'conversation' AND subject_id IN (SELECT id FROM conversations WHERE customer_id = ?))`)
		args = append(args, customerID, customerID)
	}
	if conversationID != "" {
		where = append(where, `(subject_kind = 'conversation' AND subject_id = ?)`,
			`(subject_kind = 'customer' AND subject_id = (SELECT customer_id FROM conversations WHERE id = ?))`)
		args = append(args, conversationID, conversationID)
	}
	return strings.Join(where, ` OR `), args
}

// LegalHoldClears returns the clearings of legal holds that covered
// customerID or conversationID (either may be ""; as LegalHoldsOn: for a
// customer, the hold on the customer or on any conversation of theirs
// now; for a conversation, its own hold or its customer's) at or after
// since, oldest first: the legal_hold.cleared entries of the audit log,
// chained or still pending on PostgreSQL (the audit_events view), found
// by the (action, at) index. They are written with the clear itself, so a
// hold cleared in a committed transaction is always seen. What
// proofdesk.Decide reads for the two-person rule (DoErase, DoMerge,
// DoLink: DecisionInput.HoldClears) and retention for the bodies it
// removes.
func (h *Handle) LegalHoldClears(ctx context.Context, customerID, conversationID string, since time.Time) ([]proofdesk.HoldClear, error) {
	cover, args := holdCoverage(customerID, conversationID)
	if cover == "" {
		return nil, nil
	}
	rows, err := h.query(ctx, `SELECT subject_kind, subject_id, actor_id, at FROM audit_events
		WHERE action = ? AND at >= ? AND (`+cover+`)
		ORDER BY at, seq`, append([]any{proofdesk.AuditLegalHoldCleared, fmtTime(since)}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("legal hold clears: %w", wrapErr(err))
	}
	defer rows.Close()
	var out []proofdesk.HoldClear
	for rows.Next() {
		var c proofdesk.HoldClear
		if err := rows.Scan(&c.SubjectKind, &c.SubjectID, &c.By, timeScan{&c.At}); err != nil {
			return nil, fmt.Errorf("legal hold clears: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// AccountChanges returns the changes other agents made to agentID's
// account at or after since, oldest first: the agent.create, agent.change
// and agent.update entries of the audit log whose actor is another agent
// (an admin's invitation, role, enabling, password or second-factor
// reset; not the operator at the command line, not the agent's own
// changes). What proofdesk.Decide reads for the two-person rule's second
// person (DoErase, DecisionInput.ActorAccountChanges).
func (h *Handle) AccountChanges(ctx context.Context, agentID string, since time.Time) ([]proofdesk.AccountChange, error) {
	rows, err := h.query(ctx, `SELECT actor_id, at FROM audit_events
		WHERE subject_kind = 'agent' AND subject_id = ? AND action IN (?, ?, ?) AND at >= ?
			AND actor_kind = ? AND actor_id <> '' AND actor_id <> subject_id
		ORDER BY at, seq`, agentID, proofdesk.AuditAgentCreate, proofdesk.AuditAgentChange, proofdesk.AuditAgentUpdate, fmtTime(since), proofdesk.ActorAgent)
	if err != nil {
		return nil, fmt.Errorf("account changes: %w", wrapErr(err))
	}
	defer rows.Close()
	var out []proofdesk.AccountChange
	for rows.Next() {
		var c proofdesk.AccountChange
		if err := rows.Scan(&c.By, timeScan{&c.At}); err != nil {
			return nil, fmt.Errorf("account changes: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// LegalHoldsOn is Handle.LegalHoldsOn on the read pool.
func (db *DB) LegalHoldsOn(ctx context.Context, customerID, conversationID string) ([]*proofdesk.LegalHold, error) {
	return db.reader().LegalHoldsOn(ctx, customerID, conversationID)
}

// FindLegalHolds returns every legal hold in force, oldest first (the
// admin's list; retention reads it once per run).
func (db *DB) FindLegalHolds(ctx context.Context) ([]*proofdesk.LegalHold, error) {
	rows, err := db.reader().query(ctx, `SELECT subject_kind, subject_id, reason, set_by, set_at FROM legal_holds ORDER BY set_at, subject_kind, subject_id`)
	if err != nil {
		return nil, fmt.Errorf("legal holds: %w", wrapErr(err))
	}
	defer rows.Close()
	var out []*proofdesk.LegalHold
	for rows.Next() {
		var lh proofdesk.LegalHold
		if err := rows.Scan(&lh.SubjectKind, &lh.SubjectID, &lh.Reason, &lh.SetBy, timeScan{&lh.SetAt}); err != nil {
			return nil, fmt.Errorf("legal holds: %w", err)
		}
		out = append(out, &lh)
	}
	return out, rows.Err()
}
