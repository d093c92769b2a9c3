package desk

import (
	"context"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// accountAction runs an account change asked for in a conversation, as
// proofdesk.Decide rules it (the holder or a supervisor, the action's
// level, no support lock). change makes it and names the changed field;
// the change is audited and the old contact points are told. A refusal
// is audited as a refused account change.
func (d *Desk) accountAction(ctx context.Context, conversationID, action string, change func(tx *sqldb.Tx, c *proofdesk.Customer) (map[string]string, error)) error {
	var refused error
	err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		a, err := ask(ctx, tx, conversationID, action, "", nil)
		if err != nil {
			return err
		}
		conv, cust, in, dec := a.conv, a.cust, a.in, a.dec
		if !dec.Allowed {
			refused = dec.Err(in)
			return refused
		}
		old := cust.ContactPoints
		detail, err := change(tx, cust)
		if err != nil {
			return err
		}
		detail["action"], detail["conversation_id"], detail["level"], detail["rule"] = action, conv.ID, in.Level.String(), dec.Rule
		if err := tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditCustomerUpdate, SubjectKind: "customer", SubjectID: cust.ID, Detail: detail}); err != nil {
			return err
		}
		if !dec.NotifyOwner {
			return nil
		}
		return tx.NotifyAccountChange(ctx, cust, old, []string{detail["fields"]})
	})
	if refused != nil && proofdesk.ErrorCode(refused) != proofdesk.EUNAUTHORIZED {
		if aerr := d.db.AuditRefusal(ctx, action, "conversation", conversationID, refused, nil); aerr != nil {
			return aerr
		}
	}
	return err
}

// AddContactPoint adds an email or phone (kind "email" or "phone") to the
// conversation's customer. It counts for verification only after the
// cooling-off period, and the customer's existing contact points are
// told. Errors: EINVALID for a bad kind or value, ECONFLICT if already on
// file, and the gate's refusal (EVERIFICATION, EFORBIDDEN, ELOCKED).
func (d *Desk) AddContactPoint(ctx context.Context, conversationID, kind, value string) (*proofdesk.ContactPoint, error) {
	var emails, phones []proofdesk.ContactPointInput
	switch kind {
	case proofdesk.ContactEmail:
		emails = []proofdesk.ContactPointInput{{Value: value}}
	case proofdesk.ContactPhone:
		phones = []proofdesk.ContactPointInput{{Value: value}}
	default:
		return nil, proofdesk.FieldError("kind", "kind must be email or phone")
	}
	var added *proofdesk.ContactPoint
	err := d.accountAction(ctx, conversationID, proofdesk.DoAddContactPoint, func(tx *sqldb.Tx, c *proofdesk.Customer) (map[string]string, error) {
		fresh, err := proofdesk.MergeContactPoints(nil, emails, phones, tx.Now())
		if err != nil {
			return nil, proofdesk.FieldError("value", "value: %s", proofdesk.ErrorMessage(err))
		}
		for _, cp := range c.ContactPoints {
			if cp.Kind == kind && cp.Value == fresh[0].Value {
				return nil, proofdesk.Errorf(proofdesk.ECONFLICT, "That contact point is already on file.")
			}
		}
		added = fresh[0]
		if err := tx.AddContactPoints(ctx, c, fresh[:1]); err != nil {
			return nil, err
		}
		return map[string]string{"fields": "contact_points", "contact_point_id": added.ID, "kind": kind}, nil
	})
	if err != nil {
		return nil, err
	}
	return added, nil
}

// ChangeAddress replaces the addresses of the conversation's customer with
// one address; the customer's contact points are told. Errors: EINVALID
// for a bad address, and the gate's refusal.
func (d *Desk) ChangeAddress(ctx context.Context, conversationID string, a proofdesk.Address) error {
	in := proofdesk.CustomerInput{Name: "x", Addresses: []proofdesk.Address{a}}
	v, err := in.Customer(d.db.Now())
	if err != nil {
		return err
	}
	return d.accountAction(ctx, conversationID, proofdesk.DoChangeAddress, func(tx *sqldb.Tx, c *proofdesk.Customer) (map[string]string, error) {
		if err := tx.SetAddresses(ctx, c, v.Addresses); err != nil {
			return nil, err
		}
		return map[string]string{"fields": "addresses"}, nil
	})
}
