package sqldb

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
)

// Reveal returns one field of the conversation's customer in clear when
// the conversation's level meets the policy and the caller is the agent
// assigned to it, or when a supervisor breaks glass with a reason. Every
// reveal and every refusal is audited; a break-glass also flags the
// conversation and notifies the owner.
func (s *VerificationService) Reveal(ctx context.Context, conversationID, field, reason string, breakGlass bool) (string, error) {
	agent := proofdesk.AgentFromContext(ctx)
	if agent == nil {
		return "", proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Sign in to reveal customer data.")
	}
	class, attr, ok := proofdesk.RevealFieldClass(field)
	if !ok {
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
		policy, err := tx.policy(ctx)
		if err != nil {
			return err
		}
		required := policy.ClassLevel(class)
		if attr {
			required = policy.AttributeLevel(class)
		}
		risk, err := tx.risk(ctx, conv)
		if err != nil {
			return err
		}
		required = risk.Raise(required)
		needSupervisor := false
		if cust.SupportLocked {
			required, needSupervisor = proofdesk.L2, true
		}
		level := conv.EffectiveLevel(tx.now)
		detail := map[string]string{"field": field, "customer_id": cust.ID, "level": level.String(), "required_level": required.String()}
		switch {
		case breakGlass:
			if !agent.IsSupervisor() {
				refused = proofdesk.Errorf(proofdesk.EFORBIDDEN, "Only a supervisor may break glass.")
				return refused
			}
			detail["reason"] = reason
			if err := tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditBreakGlass, SubjectKind: "conversation", SubjectID: conv.ID, Detail: detail}); err != nil {
				return err
			}
			if err := tx.setFlag(ctx, conv, proofdesk.RiskBreakGlass); err != nil {
				return err
			}
			if err := tx.notifyOwner(ctx, cust, conv, "A supervisor viewed your "+revealLabel(field)+" during a support conversation."); err != nil {
				return err
			}
		case conv.AssigneeID != agent.ID:
			refused = &proofdesk.Error{Code: proofdesk.EFORBIDDEN, Message: "Only the agent assigned to this conversation may reveal customer data."}
		case level < required || (needSupervisor && !agent.IsSupervisor()):
			msg := fmt.Sprintf("Verify the customer to %s first: %s needs %s, the conversation is at %s.", required, field, required, level)
			if needSupervisor {
				msg = "The customer is under a support lock: revealing needs L2 and a supervisor."
			}
			refused = &proofdesk.Error{Code: proofdesk.EVERIFICATION, Message: msg,
				Details: map[string]any{"required_level": required.String(), "current_level": level.String()}}
		}
		if refused != nil {
			return refused
		}
		value = cust.FieldValue(field)
		detail["reason"] = reason
		if err := tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditReveal, SubjectKind: "conversation", SubjectID: conv.ID, Detail: detail}); err != nil {
			return err
		}
		if !breakGlass {
			if err := tx.notifyOwner(ctx, cust, conv, "A support agent viewed your "+revealLabel(field)+" after you verified your identity."); err != nil {
				return err
			}
		}
		return tx.watchReveals(ctx, agent.ID, conv.ID, s.cfg.RevealAlertPerHour)
	})
	if refused != nil {
		_ = s.db.WithTx(ctx, func(tx *Tx) error {
			if err := tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditRevealRefused, SubjectKind: "conversation", SubjectID: conversationID,
				Detail: map[string]string{"field": field, "reason": proofdesk.ErrorMessage(refused)}}); err != nil {
				return err
			}
			return tx.noteRiskRaiseFor(ctx, conversationID)
		})
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
