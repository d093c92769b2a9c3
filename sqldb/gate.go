package sqldb

import (
	"context"
	"fmt"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// This file gathers the facts proofdesk.Decide needs from the store; the
// rules themselves live in the root package's decide.go, and nowhere here.

// convFacts returns the decision input for action by the context's agent
// on conv (and its customer cust, nil when unlinked), with the live policy
// and the conversation's risk.
func (h *Handle) convFacts(ctx context.Context, action string, conv *proofdesk.Conversation, cust *proofdesk.Customer) (proofdesk.DecisionInput, error) {
	// The policy comes from this node's copy (settings.go), a copy of
	// its own for each caller. In a write transaction the risk is read
	// once until its next write (memoRead), keyed by the conversation's
	// flags and requester as given, and the customer's counts.
	policy, err := h.policy(ctx)
	if err != nil {
		return proofdesk.DecisionInput{}, err
	}
	riskKey := memoKey("risk", conv.ID, conv.CustomerID, strings.Join(conv.RiskFlags, ","), conv.Requester.Name, conv.Requester.Email, conv.Requester.Phone)
	risk, err := memoRead(h, riskKey, cloneRisk, func() (proofdesk.Risk, error) { return h.risk(ctx, conv) })
	if err != nil {
		return proofdesk.DecisionInput{}, err
	}
	in := proofdesk.DecisionInput{Action: action, Actor: proofdesk.ActorOf(proofdesk.AgentFromContext(ctx)),
		ConversationID: conv.ID, Linked: conv.CustomerID != "", Level: conv.EffectiveLevel(h.now), HolderID: conv.AssigneeID,
		Risk: risk, Policy: policy, Now: h.now}
	switch {
	case cust != nil:
		in.SupportLocked = cust.SupportLocked
	case h.memoCustomer(conv.CustomerID) != nil:
		// Read earlier in this write transaction, unchanged since
		// (custmemo.go): no round trip for the lock.
		in.SupportLocked = h.memoCustomer(conv.CustomerID).SupportLocked
	case conv.CustomerID != "":
		// The caller did not load the customer (a reply, the view of
		// what agents wrote): the lock is a fact all the same.
		locked, err := memoRead(h, memoKey("support_locked", conv.CustomerID), same[bool], func() (bool, error) {
			var locked int
			err := h.queryRow(ctx, `SELECT support_locked FROM customers WHERE id = ?`, conv.CustomerID).Scan(&locked)
			if err != nil && proofdesk.ErrorCode(wrapErr(err)) != proofdesk.ENOTFOUND {
				return false, fmt.Errorf("decision facts: %w", wrapErr(err))
			}
			return locked != 0, nil
		})
		if err != nil {
			return proofdesk.DecisionInput{}, err
		}
		in.SupportLocked = locked
	}
	return in, nil
}

// customerFacts returns the decision input for a change to cust outside
// any conversation (API sync, import).
func (h *Handle) customerFacts(ctx context.Context, action string, cust *proofdesk.Customer) (proofdesk.DecisionInput, error) {
	policy, err := h.policy(ctx)
	if err != nil {
		return proofdesk.DecisionInput{}, err
	}
	in := proofdesk.DecisionInput{Action: action, Actor: actorFromContext(ctx), Policy: policy, Now: h.now}
	if cust != nil {
		in.SupportLocked = cust.SupportLocked
	}
	return in, nil
}

// actorFromContext is the context's agent or integration, or the system
// (an operator at the command line) when nobody signed in.
func actorFromContext(ctx context.Context) proofdesk.Actor {
	if a := proofdesk.AgentFromContext(ctx); a != nil {
		return proofdesk.ActorOf(a)
	}
	return proofdesk.Actor{Role: proofdesk.RoleSystem}
}

// auditRefusal records a refusal in its own transaction (the refused
// change rolled back) under the audit action of what was refused, with
// the rule that decided. An error writing it is returned, not dropped.
func (db *DB) auditRefusal(ctx context.Context, action, subjectKind, subjectID string, refused error, detail map[string]string) error {
	if detail == nil {
		detail = map[string]string{}
	}
	detail["action"], detail["reason"] = action, proofdesk.ErrorMessage(refused)
	if e, ok := refused.(*proofdesk.Error); ok {
		for _, k := range []string{"rule", "required_level", "current_level", "required_role"} {
			if v, ok := e.Details[k]; ok {
				detail[k] = fmt.Sprint(v)
			}
		}
	}
	err := db.WithTx(ctx, func(tx *Tx) error {
		if err := tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditRefusedAction(action), SubjectKind: subjectKind, SubjectID: subjectID, Detail: detail}); err != nil {
			return err
		}
		if subjectKind == "conversation" && subjectID != "" {
			return tx.noteRiskRaiseFor(ctx, subjectID)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("audit refusal: %w", err)
	}
	return nil
}
