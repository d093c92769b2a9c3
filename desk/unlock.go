package desk

import (
	"context"
	"strings"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// RemoveSupportLock lifts the support lock of the conversation's customer
// when proofdesk.Decide allows it (DoUnlock: a supervisor, on a
// conversation verified to the action's level, L2 by default), with a
// reason of 3 to 500 bytes. It is audited and the owner is told; a
// refusal is audited as a refused unlock. Errors: EUNAUTHORIZED without
// an agent, EINVALID for a missing reason, and the refusal's code.
func (d *Desk) RemoveSupportLock(ctx context.Context, conversationID, reason string) error {
	if proofdesk.AgentFromContext(ctx) == nil {
		return proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Sign in first.")
	}
	reason = strings.TrimSpace(reason)
	if !proofdesk.ValidReason(reason) {
		return proofdesk.FieldError("reason", "reason is required (3 to 500 bytes, in words): say why the lock may go")
	}
	var refused error
	err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		a, err := ask(ctx, tx, conversationID, proofdesk.DoUnlock, "", nil)
		if err != nil {
			return err
		}
		conv, cust, dec := a.conv, a.cust, a.dec
		if !dec.Allowed {
			refused = dec.Err(a.in)
			return refused
		}
		if err := tx.SetSupportLocked(ctx, cust.ID, false); err != nil {
			return err
		}
		if err := tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditSupportLock, SubjectKind: "customer", SubjectID: cust.ID,
			Detail: map[string]string{"removed": "true", "conversation_id": conv.ID, "reason": reason, "rule": dec.Rule}}); err != nil {
			return err
		}
		if !dec.NotifyOwner {
			return nil
		}
		return tx.NotifyOwner(ctx, cust, conv, ownerNote("o_unlock", ""))
	})
	if refused != nil {
		if aerr := d.db.AuditRefusal(ctx, proofdesk.DoUnlock, "conversation", conversationID, refused, nil); aerr != nil {
			return aerr
		}
	}
	return err
}
