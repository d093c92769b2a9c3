package sqldb

import (
	"context"
	"fmt"

	"github.com/proofdesk/proofdesk"
)

// accountAction runs an account change asked for in a conversation, under
// the rules of DESIGN.md §2: the agent holding the conversation (or a
// supervisor), the conversation verified to the action's level (raised
// one step by high risk), and no support lock — a locked account takes no
// support-side change until a supervisor lifts the lock. fn makes the
// change; the old contact points are told and the change is audited.
func (s *VerificationService) accountAction(ctx context.Context, conversationID, action string, fn func(tx *Tx, c *proofdesk.Customer) (map[string]string, error)) error {
	agent := proofdesk.AgentFromContext(ctx)
	if agent == nil {
		return proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Sign in first.")
	}
	var refused error
	err := s.db.WithTx(ctx, func(tx *Tx) error {
		conv, _, err := tx.findConversationByID(ctx, conversationID)
		if err != nil {
			return err
		}
		if conv.CustomerID == "" {
			return proofdesk.FieldError("conversation", "the conversation is not linked to a customer")
		}
		cust, err := tx.findCustomerByID(ctx, conv.CustomerID)
		if err != nil {
			return err
		}
		policy, err := tx.policy(ctx)
		if err != nil {
			return err
		}
		risk, err := tx.risk(ctx, conv)
		if err != nil {
			return err
		}
		required := risk.Raise(max(policy.ActionLevel(action), proofdesk.L2))
		level := conv.EffectiveLevel(tx.now)
		switch {
		case cust.SupportLocked:
			refused = &proofdesk.Error{Code: proofdesk.ELOCKED, Message: "The account is under a support lock: no support-side change until a supervisor lifts it."}
		case conv.AssigneeID != agent.ID && !agent.IsSupervisor():
			refused = proofdesk.Errorf(proofdesk.EFORBIDDEN, "Only the agent assigned to this conversation may change the account.")
		case level < required:
			refused = &proofdesk.Error{Code: proofdesk.EVERIFICATION,
				Message: fmt.Sprintf("Verify the customer to %s first: this change needs %s, the conversation is at %s.", required, required, level),
				Details: map[string]any{"required_level": required.String(), "current_level": level.String()}}
		}
		if refused != nil {
			return refused
		}
		old := cust.ContactPoints
		detail, err := fn(tx, cust)
		if err != nil {
			return err
		}
		detail["action"], detail["conversation_id"], detail["level"] = action, conv.ID, level.String()
		if err := tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditCustomerUpdate, SubjectKind: "customer", SubjectID: cust.ID, Detail: detail}); err != nil {
			return err
		}
		return tx.notifyContactChange(ctx, cust, old)
	})
	if refused != nil {
		_ = s.db.WithTx(ctx, func(tx *Tx) error {
			return tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditChallengeRefused, SubjectKind: "conversation", SubjectID: conversationID,
				Detail: map[string]string{"action": action, "reason": proofdesk.ErrorMessage(refused)}})
		})
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
