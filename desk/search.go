package desk

import (
	"context"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/guard"
	"github.com/proofdesk/proofdesk/sqldb"
)

// SearchConversations returns the IDs of conversations whose subject or
// messages hold every word of query (case- and accent-folded; see
// proofdesk.SearchWords), newest activity first, at most limit. The
// caller shows them through the masking view like any list.
//
// A search never confirms that a protected value is on file: a query
// with the shape of an email, phone, address, date of birth or card
// digits (guard.Offers, by shape, never by what is on file) is refused by
// proofdesk.Decide (DoSearch) when the policy protects that class, and
// the refusal is audited and counted like an exact-value lookup (the
// agent's hourly limit and the pause). Errors: EUNAUTHORIZED, EFORBIDDEN,
// EVERIFICATION with "required_level".
func (d *Desk) SearchConversations(ctx context.Context, query string, limit int) ([]string, error) {
	a := proofdesk.AgentFromContext(ctx)
	if a == nil {
		return nil, proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Sign in first.")
	}
	var refused error
	err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		pol, err := tx.Policy(ctx)
		if err != nil {
			return err
		}
		in := proofdesk.DecisionInput{Action: proofdesk.DoSearch, Actor: proofdesk.ActorOf(a), Policy: pol, Now: tx.Now()}
		for _, class := range guard.Offers(query) {
			in.Field = class
			if dec := proofdesk.Decide(in); !dec.Allowed {
				refused = dec.Err(in)
				break
			}
		}
		if refused == nil {
			return nil
		}
		// Counted like a lookup: the same hourly limit, pause and alerts.
		if err := tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditLookup, SubjectKind: "agent", SubjectID: a.ID,
			Detail: map[string]string{"by": "search", "class": in.Field, "refused": "true"}}); err != nil {
			return err
		}
		return d.watchAgent(ctx, tx, a.ID, "", false)
	})
	if err != nil {
		return nil, err
	}
	if refused != nil {
		return nil, refused
	}
	return d.db.SearchConversationIDs(ctx, query, limit)
}
