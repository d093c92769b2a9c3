package desk

import (
	"context"
	"strings"

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
// supervisor's action with a reason, audited (legal_hold.cleared).
// Errors: EUNAUTHORIZED, EFORBIDDEN, EINVALID, ENOTFOUND (no hold).
func (d *Desk) ClearLegalHold(ctx context.Context, kind, id, reason string) error {
	reason = strings.TrimSpace(reason)
	a := proofdesk.AgentFromContext(ctx)
	if a == nil {
		return proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Sign in first.")
	}
	in := proofdesk.DecisionInput{Action: proofdesk.DoLegalHold, Actor: proofdesk.ActorOf(a), Reason: reason, Now: d.db.Now()}
	if dec := proofdesk.Decide(in); !dec.Allowed {
		return d.refuseHold(ctx, kind, id, dec.Err(in))
	}
	return d.db.WithTx(ctx, func(tx *sqldb.Tx) error { return tx.ClearLegalHold(ctx, kind, id, reason) })
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
