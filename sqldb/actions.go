package sqldb

import (
	"context"

	"github.com/proofdesk/proofdesk"
)

// accountAction runs an account change asked for in a conversation, as
// proofdesk.Decide rules it (the holder or a supervisor, the action's
// level, no support lock). fn makes the change; the change is audited and
// the old contact points are told. A refusal is audited as a refused
// account change.
func (s *VerificationService) accountAction(ctx context.Context, conversationID, action string, fn func(tx *Tx, c *proofdesk.Customer) (map[string]string, error)) error {
	var refused error
	err := s.db.WithTx(ctx, func(tx *Tx) error {
		conv, _, err := tx.findConversationByID(ctx, conversationID)
		if err != nil {
			return err
		}
		var cust *proofdesk.Customer
		if conv.CustomerID != "" {
			if cust, err = tx.findCustomerByID(ctx, conv.CustomerID); err != nil {
				return err
			}
		}
		in, err := tx.convFacts(ctx, action, conv, cust)
		if err != nil {
			return err
		}
		d := proofdesk.Decide(in)
		if !d.Allowed {
			refused = d.Err(in)
			return refused
		}
		old := cust.ContactPoints
		detail, err := fn(tx, cust)
		if err != nil {
			return err
		}
		detail["action"], detail["conversation_id"], detail["level"], detail["rule"] = action, conv.ID, in.Level.String(), d.Rule
		if err := tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditCustomerUpdate, SubjectKind: "customer", SubjectID: cust.ID, Detail: detail}); err != nil {
			return err
		}
		if d.NotifyOwner {
			return tx.notifyAccountChange(ctx, cust, old, []string{detail["fields"]})
		}
		return nil
	})
	if refused != nil && proofdesk.ErrorCode(refused) != proofdesk.EUNAUTHORIZED {
		if aerr := s.db.auditRefusal(ctx, action, "conversation", conversationID, refused, nil); aerr != nil {
			return aerr
		}
	}
	return err
}

// AddContactPoint adds an email or phone to the conversation's customer.
// It counts for verification only after the cooling-off period, and the
// customer's existing contact points are told.
func (s *VerificationService) AddContactPoint(ctx context.Context, conversationID, kind, value string) (*proofdesk.ContactPoint, error) {
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
	err := s.accountAction(ctx, conversationID, proofdesk.ActionAddContactPoint, func(tx *Tx, c *proofdesk.Customer) (map[string]string, error) {
		fresh, err := proofdesk.MergeContactPoints(nil, emails, phones, tx.now)
		if err != nil {
			return nil, proofdesk.FieldError("value", "value: %s", proofdesk.ErrorMessage(err))
		}
		for _, cp := range c.ContactPoints {
			if cp.Kind == kind && cp.Value == fresh[0].Value {
				return nil, proofdesk.Errorf(proofdesk.ECONFLICT, "That contact point is already on file.")
			}
		}
		added = fresh[0]
		dk, err := tx.dataKey(ctx, "dk_"+c.ID)
		if err != nil {
			return nil, err
		}
		all := &proofdesk.Customer{ID: c.ID, ContactPoints: []*proofdesk.ContactPoint{added}}
		if err := tx.insertContactPointsAt(ctx, all, dk, len(c.ContactPoints)); err != nil {
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
// one address; the customer's contact points are told.
func (s *VerificationService) ChangeAddress(ctx context.Context, conversationID string, a proofdesk.Address) error {
	in := proofdesk.CustomerInput{Name: "x", Addresses: []proofdesk.Address{a}}
	v, err := in.Customer(s.db.Now())
	if err != nil {
		return err
	}
	return s.accountAction(ctx, conversationID, proofdesk.ActionChangeAddress, func(tx *Tx, c *proofdesk.Customer) (map[string]string, error) {
		c.Addresses, c.UpdatedAt = v.Addresses, tx.now
		dk, err := tx.dataKey(ctx, "dk_"+c.ID)
		if err != nil {
			return nil, err
		}
		enc, err := sealCustomer(dk, c)
		if err != nil {
			return nil, err
		}
		if _, err := tx.exec(ctx, `UPDATE customers SET addresses_enc = ?, updated_at = ? WHERE id = ?`, enc.addresses, fmtTime(tx.now), c.ID); err != nil {
			return nil, err
		}
		tx.db.guards.Forget(c.ID)
		return map[string]string{"fields": "addresses"}, nil
	})
}
