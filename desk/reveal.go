package desk

import (
	"context"
	"strings"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// Reveal returns one field of the conversation's customer in clear
// ("emails", "payment", "attributes.<name>"...) when proofdesk.Decide
// allows it: the holder at the policy's level, or a supervisor breaking
// glass with a reason. Every reveal and every refusal is audited; a
// break-glass also flags the conversation; the owner is told; past the
// configured reveals per hour, supervisors are alerted. Errors:
// EUNAUTHORIZED without an agent, EINVALID for a bad field or reason, and
// the gate's refusal (EVERIFICATION with "required_level", EFORBIDDEN).
func (d *Desk) Reveal(ctx context.Context, conversationID, field, reason string, breakGlass bool) (string, error) {
	if proofdesk.AgentFromContext(ctx) == nil {
		return "", proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Sign in to reveal customer data.")
	}
	if _, _, ok := proofdesk.RevealFieldClass(field); !ok {
		return "", proofdesk.FieldError("field", "field must be one of name, emails, phones, addresses, date_of_birth, payment, attributes.<name>")
	}
	reason = strings.TrimSpace(reason)
	if len(reason) < 3 {
		return "", proofdesk.FieldError("reason", "reason is required: say why you need the value")
	}
	if len(reason) > 500 {
		return "", proofdesk.FieldError("reason", "reason is longer than 500 bytes")
	}
	var value string
	var refused error
	err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		a, err := ask(ctx, tx, conversationID, proofdesk.DoReveal, "the conversation is not linked to a customer", func(in *proofdesk.DecisionInput) {
			in.Field = field
			if breakGlass {
				in.BreakGlassReason = reason
			}
		})
		if err != nil {
			return err
		}
		conv, cust, in, dec := a.conv, a.cust, a.in, a.dec
		if !dec.Allowed {
			refused = dec.Err(in)
			return refused
		}
		detail := map[string]string{"field": field, "customer_id": cust.ID, "level": in.Level.String(),
			"required_level": dec.RequiredLevel.String(), "rule": dec.Rule, "reason": reason}
		if dec.BreakGlass {
			if err := tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditBreakGlass, SubjectKind: "conversation", SubjectID: conv.ID, Detail: detail}); err != nil {
				return err
			}
			if err := tx.SetFlag(ctx, conv, proofdesk.RiskBreakGlass); err != nil {
				return err
			}
		}
		value = cust.FieldValue(field)
		if err := tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditReveal, SubjectKind: "conversation", SubjectID: conv.ID, Detail: detail}); err != nil {
			return err
		}
		// The owner is told (Decide's NotifyOwner): a break-glass reveal,
		// or one on a conversation already resolved, at once; a reveal
		// after the owner verified, in the transcript the conversation
		// sends when it is resolved (it lists the audited reveals), so one
		// short chat sends one mail.
		if dec.NotifyOwner && (dec.BreakGlass || conv.Status == proofdesk.StatusResolved) {
			what := ownerNote("o_viewed", field)
			if dec.BreakGlass {
				what = ownerNote("o_viewed_bg", field)
			}
			if err := tx.NotifyOwner(ctx, cust, conv, what); err != nil {
				return err
			}
		}
		return d.watchInsider(ctx, tx, in.Actor.ID, conv.ID)
	})
	if refused != nil {
		if aerr := d.db.AuditRefusal(ctx, proofdesk.DoReveal, "conversation", conversationID, refused, map[string]string{"field": field}); aerr != nil {
			return "", aerr
		}
		return "", refused
	}
	return value, err
}

func revealLabel(field string) string {
	if strings.HasPrefix(field, "attributes.") {
		return strings.ReplaceAll(strings.TrimPrefix(field, "attributes."), "_", " ")
	}
	return strings.ReplaceAll(field, "_", " ")
}
