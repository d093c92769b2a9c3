package sqldb

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
)

// Reveal returns one field of the conversation's customer in clear when
// proofdesk.Decide allows it: the holder at the policy's level, or a
// supervisor breaking glass with a reason. Every reveal and every refusal
// is audited; a break-glass also flags the conversation; the owner is
// told.
func (s *VerificationService) Reveal(ctx context.Context, conversationID, field, reason string, breakGlass bool) (string, error) {
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
		in, err := tx.convFacts(ctx, proofdesk.DoReveal, conv, cust)
		if err != nil {
			return err
		}
		in.Field = field
		if breakGlass {
			in.BreakGlassReason = reason
		}
		d := proofdesk.Decide(in)
		if !d.Allowed {
			refused = d.Err(in)
			return refused
		}
		detail := map[string]string{"field": field, "customer_id": cust.ID, "level": in.Level.String(),
			"required_level": d.RequiredLevel.String(), "rule": d.Rule, "reason": reason}
		if d.BreakGlass {
			if err := tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditBreakGlass, SubjectKind: "conversation", SubjectID: conv.ID, Detail: detail}); err != nil {
				return err
			}
			if err := tx.setFlag(ctx, conv, proofdesk.RiskBreakGlass); err != nil {
				return err
			}
		}
		value = cust.FieldValue(field)
		if err := tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditReveal, SubjectKind: "conversation", SubjectID: conv.ID, Detail: detail}); err != nil {
			return err
		}
		if d.NotifyOwner {
			what := "A support agent viewed your " + revealLabel(field) + " after you verified your identity."
			if d.BreakGlass {
				what = "A supervisor viewed your " + revealLabel(field) + " during a support conversation."
			}
			if err := tx.notifyOwner(ctx, cust, conv, what); err != nil {
				return err
			}
		}
		return tx.watchReveals(ctx, in.Actor.ID, conv.ID, s.cfg.RevealAlertPerHour)
	})
	if refused != nil {
		if aerr := s.db.auditRefusal(ctx, proofdesk.DoReveal, "conversation", conversationID, refused, map[string]string{"field": field}); aerr != nil {
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

// watchReveals alerts supervisors the moment an agent's reveals in the
// last hour pass the threshold (the bribed-insider case).
func (tx *Tx) watchReveals(ctx context.Context, agentID, conversationID string, threshold int) error {
	var n int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM audit_log WHERE actor_id = ? AND action = ? AND at > ?`,
		agentID, proofdesk.AuditReveal, fmtTime(tx.now.Add(-time.Hour))).Scan(&n); err != nil {
		return err
	}
	if n != threshold+1 {
		return nil
	}
	return tx.alertSupervisors(ctx, "reveal_volume", conversationID,
		fmt.Sprintf("Agent %s revealed customer data %d times in the last hour (threshold %d).", agentID, n, threshold))
}

func (tx *Tx) setFlag(ctx context.Context, conv *proofdesk.Conversation, flag string) error {
	conv.RiskFlags = addFlag(conv.RiskFlags, flag)
	fj := mustJSON(conv.RiskFlags)
	_, err := tx.exec(ctx, `UPDATE conversations SET risk_flags = ?, updated_at = ? WHERE id = ?`, fj, fmtTime(tx.now), conv.ID)
	return err
}

// notifyOwner queues a notice to every on-file email of the customer,
// never to an address taken from the conversation.
func (tx *Tx) notifyOwner(ctx context.Context, cust *proofdesk.Customer, conv *proofdesk.Conversation, what string) error {
	for _, cp := range cust.ContactPointsOf(proofdesk.ContactEmail) {
		body := fmt.Sprintf("Hello %s,\n\n%s\nConversation: %s, channel %s, started %s UTC.\n\nIf this wasn't you, reply to this message or contact us through the app.\n",
			strings.Fields(cust.Name + " ")[0], what, conv.ID, conv.Channel, conv.CreatedAt.Format("2006-01-02 15:04"))
		if err := tx.enqueue(ctx, &proofdesk.OutboxMessage{Kind: proofdesk.OutboxEmail, Purpose: "owner_notice", ConversationID: conv.ID, To: cp.Value,
			Subject: "Activity on your account with support", Body: body}, nil); err != nil {
			return err
		}
	}
	return nil
}
