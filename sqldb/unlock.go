package sqldb

import (
	"context"
	"fmt"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// RemoveSupportLock lifts the support lock of the conversation's customer.
// The lock is what "this wasn't me" set, so lifting it takes the most:
// a supervisor, holding a conversation verified to the level the policy
// asks for the action (L2 by default), with a reason. It is audited and
// the owner is told.
func (s *VerificationService) RemoveSupportLock(ctx context.Context, conversationID, reason string) error {
	agent := proofdesk.AgentFromContext(ctx)
	if agent == nil {
		return proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Sign in first.")
	}
	if !agent.IsSupervisor() {
		return proofdesk.Errorf(proofdesk.EFORBIDDEN, "Only a supervisor may remove a support lock.")
	}
	reason = strings.TrimSpace(reason)
	if len(reason) < 3 || len(reason) > 500 {
		return proofdesk.FieldError("reason", "reason is required (3 to 500 bytes): say why the lock may go")
	}
	return s.db.WithTx(ctx, func(tx *Tx) error {
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
		if !cust.SupportLocked {
			return proofdesk.Errorf(proofdesk.ECONFLICT, "The customer is not under a support lock.")
		}
		policy, err := tx.policy(ctx)
		if err != nil {
			return err
		}
		required := max(policy.ActionLevel(proofdesk.ActionRemoveSupportLock), proofdesk.L2)
		if level := conv.EffectiveLevel(tx.now); level < required {
			return &proofdesk.Error{Code: proofdesk.EVERIFICATION,
				Message: fmt.Sprintf("Verify the customer to %s on this conversation first (two factors): it is at %s.", required, level),
				Details: map[string]any{"required_level": required.String(), "current_level": level.String()}}
		}
		if _, err := tx.exec(ctx, `UPDATE customers SET support_locked = 0, updated_at = ? WHERE id = ?`, fmtTime(tx.now), cust.ID); err != nil {
			return err
		}
		if err := tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditSupportLock, SubjectKind: "customer", SubjectID: cust.ID,
			Detail: map[string]string{"removed": "true", "conversation_id": conv.ID, "reason": reason}}); err != nil {
			return err
		}
		return tx.notifyOwner(ctx, cust, conv, "A supervisor lifted the support lock on your account after you verified your identity with two factors.")
	})
}
