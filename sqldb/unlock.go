package sqldb

import (
	"context"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// RemoveSupportLock lifts the support lock of the conversation's customer
// when proofdesk.Decide allows it (DoUnlock: a supervisor, holding the
// conversation, verified to the action's level, L2 by default), with a
// reason. It is audited and the owner is told; a refusal is audited as a
// refused unlock.
func (s *VerificationService) RemoveSupportLock(ctx context.Context, conversationID, reason string) error {
	if proofdesk.AgentFromContext(ctx) == nil {
		return proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Sign in first.")
	}
	reason = strings.TrimSpace(reason)
	if len(reason) < 3 || len(reason) > 500 {
		return proofdesk.FieldError("reason", "reason is required (3 to 500 bytes): say why the lock may go")
	}
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
		in, err := tx.convFacts(ctx, proofdesk.DoUnlock, conv, cust)
		if err != nil {
			return err
		}
		d := proofdesk.Decide(in)
		if !d.Allowed {
			refused = d.Err(in)
			return refused
		}
		if _, err := tx.exec(ctx, `UPDATE customers SET support_locked = 0, updated_at = ? WHERE id = ?`, fmtTime(tx.now), cust.ID); err != nil {
			return err
		}
		if err := tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditSupportLock, SubjectKind: "customer", SubjectID: cust.ID,
			Detail: map[string]string{"removed": "true", "conversation_id": conv.ID, "reason": reason, "rule": d.Rule}}); err != nil {
			return err
		}
		return tx.notifyOwner(ctx, cust, conv, "A supervisor lifted the support lock on your account after you verified your identity with two factors.")
	})
	if refused != nil {
		if aerr := s.db.auditRefusal(ctx, proofdesk.DoUnlock, "conversation", conversationID, refused, nil); aerr != nil {
			return aerr
		}
	}
	return err
}
