package desk

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// SetLegalHold puts a legal hold on a customer or a conversation (kind
// proofdesk.HoldCustomer or HoldConversation, id its ID): a supervisor's
// or an admin's action with a reason (proofdesk.Decide, DoLegalHold),
// audited (legal_hold.set; a refusal as gate.refused). Setting it again
// replaces the reason. While it stands, EraseCustomer is refused and
// retention skips what it covers (sqldb.Handle.LegalHoldsOn). Errors:
// EUNAUTHORIZED, EFORBIDDEN, EINVALID (reason, kind), ENOTFOUND.
func (d *Desk) SetLegalHold(ctx context.Context, kind, id, reason string) (*proofdesk.LegalHold, error) {
	reason = strings.TrimSpace(reason)
	a := proofdesk.AgentFromContext(ctx)
	if a == nil {
		return nil, proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Sign in first.")
	}
	in := proofdesk.DecisionInput{Action: proofdesk.DoLegalHold, Actor: proofdesk.ActorOf(a), Reason: reason, Now: d.db.Now()}
	if dec := proofdesk.Decide(in); !dec.Allowed {
		return nil, d.refuseHold(ctx, kind, id, dec.Err(in))
	}
	h := &proofdesk.LegalHold{SubjectKind: kind, SubjectID: id, Reason: reason, SetBy: a.ID}
	if err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error { return tx.SetLegalHold(ctx, h) }); err != nil {
		return nil, err
	}
	return h, nil
}

// ClearLegalHold lifts the legal hold on (kind, id): like SetLegalHold, a
// supervisor's action with a reason, audited (legal_hold.cleared), and
// every supervisor and admin is alerted in the same transaction (alert
// legal_hold_cleared, IDs only): the one who lifts it may not erase what
// it covered for proofdesk.TwoPersonWindow, and the others are told.
// Errors: EUNAUTHORIZED, EFORBIDDEN, EINVALID, ENOTFOUND (no hold).
func (d *Desk) ClearLegalHold(ctx context.Context, kind, id, reason string) error {
	reason = strings.TrimSpace(reason)
	a := proofdesk.AgentFromContext(ctx)
	if a == nil {
		return proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Sign in first.")
	}
	in := proofdesk.DecisionInput{Action: proofdesk.DoLegalHold, Actor: proofdesk.ActorOf(a), Reason: reason, Clearing: true, Now: d.db.Now()}
	dec := proofdesk.Decide(in)
	if !dec.Allowed {
		return d.refuseHold(ctx, kind, id, dec.Err(in))
	}
	return d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		if err := tx.ClearLegalHold(ctx, kind, id, reason); err != nil {
			return err
		}
		if !dec.Alert {
			return nil
		}
		conv := ""
		if kind == proofdesk.HoldConversation {
			conv = id
		}
		text := fmt.Sprintf("Agent %s cleared the legal hold on %s %s. For %s they may not erase what it covered; another supervisor may, so check that lifting it was right. The reason is in the audit log (legal_hold.cleared).",
			a.ID, kind, id, fmt.Sprintf("%d days", int(proofdesk.TwoPersonWindow/(24*time.Hour))))
		return tx.AlertSupervisors(ctx, "legal_hold_cleared", conv, text)
	})
}

// LegalHoldsOn returns the holds covering a customer (their own and their
// conversations') or a conversation (its own and its customer's); see
// sqldb.Handle.LegalHoldsOn. Any agent may read them (the console shows
// them on the customer card and the conversation); the integration may
// not (EFORBIDDEN).
func (d *Desk) LegalHoldsOn(ctx context.Context, customerID, conversationID string) ([]*proofdesk.LegalHold, error) {
	in := proofdesk.DecisionInput{Action: proofdesk.DoConversation, Actor: proofdesk.ActorOf(proofdesk.AgentFromContext(ctx)), Now: d.db.Now()}
	if dec := proofdesk.Decide(in); !dec.Allowed {
		return nil, dec.Err(in)
	}
	return d.db.LegalHoldsOn(ctx, customerID, conversationID)
}

// refuseHold audits a refused hold change and returns refused.
func (d *Desk) refuseHold(ctx context.Context, kind, id string, refused error) error {
	if kind != proofdesk.HoldCustomer && kind != proofdesk.HoldConversation {
		kind = "unknown"
	}
	if err := d.db.AuditRefusal(ctx, proofdesk.DoLegalHold, kind, id, refused, nil); err != nil {
		return err
	}
	return refused
}
