package desk

import (
	"context"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// AuditOrderPush is the audit action of an order pushed by the system of
// record; the entry says whether it was new, never the order's values.
const AuditOrderPush = "customer.order"

// PushOrder stores order o of customer customerID, replacing the order of
// the same number, when proofdesk.Decide allows it (DoPushOrder: the
// integration token or the command line; agents are refused). It reports
// whether the order is new. The guard protects its number, tracking
// number and shipping address from the commit on (the customer's index
// entry is rebuilt). Errors: EINVALID naming the field, ENOTFOUND, the
// gate's refusal (EFORBIDDEN, rule "role.integration_only").
func (d *Desk) PushOrder(ctx context.Context, customerID string, o *proofdesk.Order) (bool, error) {
	if err := o.Validate(); err != nil {
		return false, err
	}
	in := proofdesk.DecisionInput{Action: proofdesk.DoPushOrder, Actor: actor(ctx)}
	if dec := proofdesk.Decide(in); !dec.Allowed {
		return false, dec.Err(in)
	}
	var created bool
	err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		c, err := tx.FindCustomer(ctx, customerID)
		if err != nil {
			return err
		}
		if created, err = tx.UpsertOrder(ctx, c, o); err != nil {
			return err
		}
		what := "updated"
		if created {
			what = "created"
		}
		return tx.Audit(ctx, proofdesk.AuditEvent{Action: AuditOrderPush, SubjectKind: "customer", SubjectID: c.ID,
			Detail: map[string]string{"order": what}})
	})
	return created, err
}
