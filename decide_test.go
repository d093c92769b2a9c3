package proofdesk_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
)

var (
	agentA     = proofdesk.Actor{ID: "agt_a", Role: proofdesk.RoleAgent}
	agentB     = proofdesk.Actor{ID: "agt_b", Role: proofdesk.RoleAgent}
	supervisor = proofdesk.Actor{ID: "agt_s", Role: proofdesk.RoleSupervisor}
	admin      = proofdesk.Actor{ID: "agt_x", Role: proofdesk.RoleAdmin}
	integ      = proofdesk.Actor{ID: "itk_1", Role: proofdesk.RoleIntegration}
	system     = proofdesk.Actor{Role: proofdesk.RoleSystem}
	nobody     = proofdesk.Actor{}
	highRisk   = proofdesk.NewRisk([]string{proofdesk.SignalProbing, proofdesk.SignalContactNotOnFile})
)

// conv returns the input for action by actor on a linked conversation held
// by agentA at level l.
func conv(action string, actor proofdesk.Actor, l proofdesk.Level) proofdesk.DecisionInput {
	return proofdesk.DecisionInput{Action: action, Actor: actor, ConversationID: "cnv_1", Linked: true, Level: l,
		HolderID: agentA.ID, Now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
}

// clearedBy returns the input of an erasure on a legal basis by actor of
// a customer whose hold (of kind) agent by cleared ago before Now.
func clearedBy(actor proofdesk.Actor, kind, by string, ago time.Duration) proofdesk.DecisionInput {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	return proofdesk.DecisionInput{Action: proofdesk.DoErase, Actor: actor, Reason: "owner asked by mail", Field: "GDPR art. 17(1)(a)", Now: now,
		HoldClears: []proofdesk.HoldClear{{SubjectKind: kind, SubjectID: "cus_1", By: by, At: now.Add(-ago)}}}
}

func with(in proofdesk.DecisionInput, f func(*proofdesk.DecisionInput)) proofdesk.DecisionInput {
	f(&in)
	return in
}

func TestDecide(t *testing.T) {
	strict := proofdesk.DefaultPolicy()
	strict.Classes[proofdesk.ClassEmail] = proofdesk.L2
	strict.Attributes["tier"] = proofdesk.L0
	strict.Attributes["account_number"] = proofdesk.L2

	type want struct {
		allowed  bool
		rule     string
		code     string
		required proofdesk.Level
		role     string
	}
	tests := []struct {
		name string
		in   proofdesk.DecisionInput
		want want
	}{
		// Nobody and unknown.
		{"no actor", conv(proofdesk.DoReveal, nobody, proofdesk.L2), want{rule: proofdesk.RuleNoActor, code: proofdesk.EUNAUTHORIZED}},
		{"unknown action", conv("fly", agentA, proofdesk.L2), want{rule: proofdesk.RuleUnknownAction, code: proofdesk.EINVALID}},

		// Reveal: holder, level, risk, lock, policy.
		{"reveal email L1 holder", with(conv(proofdesk.DoReveal, agentA, proofdesk.L1), func(in *proofdesk.DecisionInput) { in.Field = "emails" }),
			want{allowed: true, rule: proofdesk.RuleAllowed, required: proofdesk.L1}},
		{"reveal email L0", with(conv(proofdesk.DoReveal, agentA, proofdesk.L0), func(in *proofdesk.DecisionInput) { in.Field = "emails" }),
			want{rule: proofdesk.RuleLevel, code: proofdesk.EVERIFICATION, required: proofdesk.L1}},
		{"reveal payment L1 needs L2", with(conv(proofdesk.DoReveal, agentA, proofdesk.L1), func(in *proofdesk.DecisionInput) { in.Field = "payment" }),
			want{rule: proofdesk.RuleLevel, code: proofdesk.EVERIFICATION, required: proofdesk.L2}},
		{"reveal name L0", with(conv(proofdesk.DoReveal, agentA, proofdesk.L0), func(in *proofdesk.DecisionInput) { in.Field = "name" }),
			want{allowed: true, rule: proofdesk.RuleAllowed, required: proofdesk.L0}},
		{"reveal by non-holder at L2", with(conv(proofdesk.DoReveal, agentB, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.Field = "emails" }),
			want{rule: proofdesk.RuleHolderOnly, code: proofdesk.EFORBIDDEN, required: proofdesk.L1}},
		{"reveal by supervisor not holder", with(conv(proofdesk.DoReveal, supervisor, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.Field = "emails" }),
			want{rule: proofdesk.RuleHolderOnly, code: proofdesk.EFORBIDDEN, required: proofdesk.L1}},
		{"reveal unassigned", with(conv(proofdesk.DoReveal, agentA, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.Field = "emails"; in.HolderID = "" }),
			want{rule: proofdesk.RuleHolderOnly, code: proofdesk.EFORBIDDEN, required: proofdesk.L1}},
		{"reveal high risk raises L1 to L2", with(conv(proofdesk.DoReveal, agentA, proofdesk.L1), func(in *proofdesk.DecisionInput) { in.Field = "emails"; in.Risk = highRisk }),
			want{rule: proofdesk.RuleLevel, code: proofdesk.EVERIFICATION, required: proofdesk.L2}},
		{"reveal high risk never above L2", with(conv(proofdesk.DoReveal, agentA, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.Field = "payment"; in.Risk = highRisk }),
			want{allowed: true, rule: proofdesk.RuleAllowed, required: proofdesk.L2}},
		{"reveal locked agent at L2", with(conv(proofdesk.DoReveal, agentA, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.Field = "emails"; in.SupportLocked = true }),
			want{rule: proofdesk.RuleLockSupervisor, code: proofdesk.EVERIFICATION, required: proofdesk.L2, role: proofdesk.RoleSupervisor}},
		{"reveal locked supervisor holder at L1", with(conv(proofdesk.DoReveal, supervisor, proofdesk.L1), func(in *proofdesk.DecisionInput) {
			in.Field = "emails"
			in.SupportLocked = true
			in.HolderID = supervisor.ID
		}), want{rule: proofdesk.RuleLockSupervisor, code: proofdesk.EVERIFICATION, required: proofdesk.L2, role: proofdesk.RoleSupervisor}},
		{"reveal locked supervisor holder at L2", with(conv(proofdesk.DoReveal, supervisor, proofdesk.L2), func(in *proofdesk.DecisionInput) {
			in.Field = "emails"
			in.SupportLocked = true
			in.HolderID = supervisor.ID
		}), want{allowed: true, rule: proofdesk.RuleAllowed, required: proofdesk.L2}},
		{"reveal under strict policy", with(conv(proofdesk.DoReveal, agentA, proofdesk.L1), func(in *proofdesk.DecisionInput) { in.Field = "emails"; in.Policy = strict }),
			want{rule: proofdesk.RuleLevel, code: proofdesk.EVERIFICATION, required: proofdesk.L2}},
		{"reveal undeclared attribute L1", with(conv(proofdesk.DoReveal, agentA, proofdesk.L0), func(in *proofdesk.DecisionInput) { in.Field = "attributes.loyalty" }),
			want{rule: proofdesk.RuleLevel, code: proofdesk.EVERIFICATION, required: proofdesk.L1}},
		{"reveal declared L2 attribute", with(conv(proofdesk.DoReveal, agentA, proofdesk.L1), func(in *proofdesk.DecisionInput) {
			in.Field = "attributes.account_number"
			in.Policy = strict
		}), want{rule: proofdesk.RuleLevel, code: proofdesk.EVERIFICATION, required: proofdesk.L2}},
		{"reveal unlinked", with(conv(proofdesk.DoReveal, agentA, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.Field = "emails"; in.Linked = false }),
			want{rule: proofdesk.RuleUnlinked, code: proofdesk.EINVALID}},
		{"reveal unknown field", with(conv(proofdesk.DoReveal, agentA, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.Field = "password" }),
			want{rule: proofdesk.RuleUnknownAction, code: proofdesk.EINVALID}},
		{"reveal by integration", with(conv(proofdesk.DoReveal, integ, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.Field = "emails"; in.HolderID = integ.ID }),
			want{rule: proofdesk.RuleNotAgent, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleAgent}},
		{"break glass by agent", with(conv(proofdesk.DoReveal, agentA, proofdesk.L0), func(in *proofdesk.DecisionInput) { in.Field = "payment"; in.BreakGlassReason = "fraud case 12" }),
			want{rule: proofdesk.RuleSupervisorOnly, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleSupervisor}},
		{"break glass by supervisor", with(conv(proofdesk.DoReveal, supervisor, proofdesk.L0), func(in *proofdesk.DecisionInput) { in.Field = "payment"; in.BreakGlassReason = "fraud case 12" }),
			want{allowed: true, rule: proofdesk.RuleBreakGlass}},
		{"break glass under lock", with(conv(proofdesk.DoReveal, admin, proofdesk.L0), func(in *proofdesk.DecisionInput) {
			in.Field = "payment"
			in.BreakGlassReason = "fraud case 12"
			in.SupportLocked = true
		}), want{allowed: true, rule: proofdesk.RuleBreakGlass}},
		{"break glass blank reason", with(conv(proofdesk.DoBreakGlass, supervisor, proofdesk.L0), func(in *proofdesk.DecisionInput) { in.BreakGlassReason = "  x " }),
			want{rule: proofdesk.RuleBreakGlassReason, code: proofdesk.EINVALID}},
		// found by attack: invisible or punctuation-only reasons say nothing
		{"break glass invisible reason", with(conv(proofdesk.DoBreakGlass, supervisor, proofdesk.L0), func(in *proofdesk.DecisionInput) { in.BreakGlassReason = "\u200b\u200b\u200b\u200b" }),
			want{rule: proofdesk.RuleBreakGlassReason, code: proofdesk.EINVALID}},
		{"break glass dots reason", with(conv(proofdesk.DoBreakGlass, supervisor, proofdesk.L0), func(in *proofdesk.DecisionInput) { in.BreakGlassReason = "....." }),
			want{rule: proofdesk.RuleBreakGlassReason, code: proofdesk.EINVALID}},
		{"take-over invisible reason", with(conv(proofdesk.DoAssign, supervisor, proofdesk.L2), func(in *proofdesk.DecisionInput) {
			in.TargetID = supervisor.ID
			in.BreakGlassReason = "\u2060\u2060\u2060"
		}), want{rule: proofdesk.RuleBreakGlassReason, code: proofdesk.EINVALID}},

		// Reply: the level the guard checks at.
		{"reply holder", conv(proofdesk.DoReply, agentA, proofdesk.L2), want{allowed: true, rule: proofdesk.RuleReplyLevel}},
		{"reply non-holder", conv(proofdesk.DoReply, agentB, proofdesk.L2), want{allowed: true, rule: proofdesk.RuleReplyNotHolder}},
		{"reply high risk", with(conv(proofdesk.DoReply, agentA, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.Risk = highRisk }),
			want{allowed: true, rule: proofdesk.RuleReplyRiskHigh}},
		{"reply by integration", conv(proofdesk.DoReply, integ, proofdesk.L0), want{rule: proofdesk.RuleNotAgent, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleAgent}},
		{"conversations by integration", proofdesk.DecisionInput{Action: proofdesk.DoConversation, Actor: integ}, want{rule: proofdesk.RuleNotAgent, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleAgent}},
		{"conversations by agent", proofdesk.DecisionInput{Action: proofdesk.DoConversation, Actor: agentB}, want{allowed: true, rule: proofdesk.RuleAllowed}},
		{"note by agent", conv(proofdesk.DoNote, agentB, proofdesk.L0), want{allowed: true, rule: proofdesk.RuleAllowed}},

		// Verification requests.
		{"verify linked", conv(proofdesk.DoVerify, agentB, proofdesk.L0), want{allowed: true, rule: proofdesk.RuleAllowed}},
		{"verify under lock", with(conv(proofdesk.DoVerify, agentA, proofdesk.L0), func(in *proofdesk.DecisionInput) { in.SupportLocked = true }),
			want{allowed: true, rule: proofdesk.RuleAllowed}},
		{"verify unlinked", with(conv(proofdesk.DoVerify, agentA, proofdesk.L0), func(in *proofdesk.DecisionInput) { in.Linked = false }),
			want{rule: proofdesk.RuleUnlinked, code: proofdesk.EINVALID}},
		{"verify by integration", conv(proofdesk.DoVerify, integ, proofdesk.L0), want{rule: proofdesk.RuleNotAgent, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleAgent}},

		// Account changes in a conversation.
		{"add contact L2 holder", conv(proofdesk.DoAddContactPoint, agentA, proofdesk.L2), want{allowed: true, rule: proofdesk.RuleAllowed, required: proofdesk.L2}},
		{"add contact L1", conv(proofdesk.DoAddContactPoint, agentA, proofdesk.L1), want{rule: proofdesk.RuleLevel, code: proofdesk.EVERIFICATION, required: proofdesk.L2}},
		{"add contact non-holder agent", conv(proofdesk.DoAddContactPoint, agentB, proofdesk.L2), want{rule: proofdesk.RuleHolderOnly, code: proofdesk.EFORBIDDEN, required: proofdesk.L2, role: proofdesk.RoleSupervisor}},
		{"add contact supervisor not holder", conv(proofdesk.DoAddContactPoint, supervisor, proofdesk.L2), want{allowed: true, rule: proofdesk.RuleAllowed, required: proofdesk.L2}},
		{"add contact locked", with(conv(proofdesk.DoAddContactPoint, supervisor, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.SupportLocked = true }),
			want{rule: proofdesk.RuleSupportLock, code: proofdesk.ELOCKED}},
		{"change address locked admin", with(conv(proofdesk.DoChangeAddress, admin, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.SupportLocked = true }),
			want{rule: proofdesk.RuleSupportLock, code: proofdesk.ELOCKED}},
		{"change payment L2 holder", conv(proofdesk.DoChangePayment, agentA, proofdesk.L2), want{allowed: true, rule: proofdesk.RuleAllowed, required: proofdesk.L2}},
		{"change dob L1", conv(proofdesk.DoChangeDateOfBirth, agentA, proofdesk.L1), want{rule: proofdesk.RuleLevel, code: proofdesk.EVERIFICATION, required: proofdesk.L2}},
		{"change name L0", conv(proofdesk.DoChangeName, agentA, proofdesk.L0), want{rule: proofdesk.RuleLevel, code: proofdesk.EVERIFICATION, required: proofdesk.L2}},
		{"backdated by supervisor in conversation", with(conv(proofdesk.DoAddContactPoint, supervisor, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.Backdated = true }),
			want{rule: proofdesk.RuleBackdated, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleIntegration}},

		// Changes outside a conversation (PATCH /customers).
		{"patch payment by agent", proofdesk.DecisionInput{Action: proofdesk.DoChangePayment, Actor: agentA},
			want{rule: proofdesk.RuleIntegrationOnly, code: proofdesk.EFORBIDDEN, required: proofdesk.L2, role: proofdesk.RoleIntegration}},
		{"patch external_id by admin", proofdesk.DecisionInput{Action: proofdesk.DoChangeExternalID, Actor: admin},
			want{rule: proofdesk.RuleIntegrationOnly, code: proofdesk.EFORBIDDEN, required: proofdesk.L2, role: proofdesk.RoleIntegration}},
		{"patch contact by supervisor", proofdesk.DecisionInput{Action: proofdesk.DoChangeContactPoint, Actor: supervisor},
			want{rule: proofdesk.RuleIntegrationOnly, code: proofdesk.EFORBIDDEN, required: proofdesk.L2, role: proofdesk.RoleIntegration}},
		{"patch backdated contact by supervisor on locked", proofdesk.DecisionInput{Action: proofdesk.DoChangeContactPoint, Actor: supervisor, Backdated: true, SupportLocked: true},
			want{rule: proofdesk.RuleBackdated, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleIntegration}},
		{"patch unprotected attribute by agent", proofdesk.DecisionInput{Action: proofdesk.DoChangeAttribute, Actor: agentA, Field: "tier", Policy: strict},
			want{allowed: true, rule: proofdesk.RuleUnprotected}},
		{"patch undeclared attribute by agent", proofdesk.DecisionInput{Action: proofdesk.DoChangeAttribute, Actor: agentA, Field: "loyalty"},
			want{rule: proofdesk.RuleIntegrationOnly, code: proofdesk.EFORBIDDEN, required: proofdesk.L2, role: proofdesk.RoleIntegration}},
		{"patch payment by integration", proofdesk.DecisionInput{Action: proofdesk.DoChangePayment, Actor: integ},
			want{allowed: true, rule: proofdesk.RuleIntegrationChange}},
		{"patch backdated contact by integration", proofdesk.DecisionInput{Action: proofdesk.DoChangeContactPoint, Actor: integ, Backdated: true},
			want{allowed: true, rule: proofdesk.RuleIntegrationChange}},
		{"patch contact by integration under lock", proofdesk.DecisionInput{Action: proofdesk.DoChangeContactPoint, Actor: integ, SupportLocked: true},
			want{rule: proofdesk.RuleSupportLock, code: proofdesk.ELOCKED}},
		{"import change under lock", proofdesk.DecisionInput{Action: proofdesk.DoChangePayment, Actor: system, SupportLocked: true},
			want{rule: proofdesk.RuleSupportLock, code: proofdesk.ELOCKED}},

		// Creating customers.
		{"create by agent", proofdesk.DecisionInput{Action: proofdesk.DoCreateCustomer, Actor: agentA}, want{allowed: true, rule: proofdesk.RuleAllowed}},
		{"create backdated by agent", proofdesk.DecisionInput{Action: proofdesk.DoCreateCustomer, Actor: admin, Backdated: true},
			want{rule: proofdesk.RuleBackdated, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleIntegration}},
		{"create backdated by integration", proofdesk.DecisionInput{Action: proofdesk.DoCreateCustomer, Actor: integ, Backdated: true}, want{allowed: true, rule: proofdesk.RuleAllowed}},
		{"create backdated by import", proofdesk.DecisionInput{Action: proofdesk.DoCreateCustomer, Actor: system, Backdated: true}, want{allowed: true, rule: proofdesk.RuleAllowed}},
		// found by attack: an agent's create with an external_id answers
		// "taken or not" (409) as a lookup would, without its count
		{"create with external_id by agent", proofdesk.DecisionInput{Action: proofdesk.DoCreateCustomer, Actor: supervisor, SetsExternalID: true},
			want{rule: proofdesk.RuleIntegrationOnly, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleIntegration}},
		{"create with external_id by integration", proofdesk.DecisionInput{Action: proofdesk.DoCreateCustomer, Actor: integ, SetsExternalID: true}, want{allowed: true, rule: proofdesk.RuleAllowed}},
		{"create with external_id by import", proofdesk.DecisionInput{Action: proofdesk.DoCreateCustomer, Actor: system, SetsExternalID: true}, want{allowed: true, rule: proofdesk.RuleAllowed}},

		// Unlock.
		{"unlock by agent", with(conv(proofdesk.DoUnlock, agentA, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.SupportLocked = true }),
			want{rule: proofdesk.RuleSupervisorOnly, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleSupervisor}},
		{"unlock supervisor L1", with(conv(proofdesk.DoUnlock, supervisor, proofdesk.L1), func(in *proofdesk.DecisionInput) { in.SupportLocked = true; in.HolderID = supervisor.ID }),
			want{rule: proofdesk.RuleLevel, code: proofdesk.EVERIFICATION, required: proofdesk.L2}},
		{"unlock supervisor L2 holder", with(conv(proofdesk.DoUnlock, supervisor, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.SupportLocked = true; in.HolderID = supervisor.ID }),
			want{allowed: true, rule: proofdesk.RuleAllowed, required: proofdesk.L2}},
		{"unlock supervisor L2 unassigned", with(conv(proofdesk.DoUnlock, admin, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.SupportLocked = true; in.HolderID = "" }),
			want{allowed: true, rule: proofdesk.RuleAllowed, required: proofdesk.L2}},
		{"unlock supervisor on an agent's verified conversation", with(conv(proofdesk.DoUnlock, supervisor, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.SupportLocked = true }),
			want{allowed: true, rule: proofdesk.RuleAllowed, required: proofdesk.L2}},
		{"unlock not locked", with(conv(proofdesk.DoUnlock, supervisor, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.HolderID = supervisor.ID }),
			want{rule: proofdesk.RuleNotLocked, code: proofdesk.ECONFLICT}},

		// Assign, hand over, take over.
		{"hand over by holder", with(conv(proofdesk.DoAssign, agentA, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.TargetID = agentB.ID }),
			want{allowed: true, rule: proofdesk.RuleHandOver}},
		{"take over by another", with(conv(proofdesk.DoAssign, agentB, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.TargetID = agentB.ID }),
			want{allowed: true, rule: proofdesk.RuleTakeOver}},
		{"take over by supervisor", with(conv(proofdesk.DoAssign, supervisor, proofdesk.L1), func(in *proofdesk.DecisionInput) { in.TargetID = supervisor.ID }),
			want{allowed: true, rule: proofdesk.RuleTakeOver}},
		{"take over by supervisor break glass", with(conv(proofdesk.DoAssign, supervisor, proofdesk.L1), func(in *proofdesk.DecisionInput) {
			in.TargetID = supervisor.ID
			in.BreakGlassReason = "agent A is off sick"
		}), want{allowed: true, rule: proofdesk.RuleTakeOverGlass}},
		{"take over by agent break glass", with(conv(proofdesk.DoAssign, agentB, proofdesk.L1), func(in *proofdesk.DecisionInput) {
			in.TargetID = agentB.ID
			in.BreakGlassReason = "please"
		}), want{rule: proofdesk.RuleSupervisorOnly, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleSupervisor}},
		{"holder unassigns", with(conv(proofdesk.DoAssign, agentA, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.TargetID = "" }),
			want{allowed: true, rule: proofdesk.RuleTakeOver}},
		{"first assignment", with(conv(proofdesk.DoAssign, agentB, proofdesk.L1), func(in *proofdesk.DecisionInput) { in.HolderID = ""; in.TargetID = agentB.ID }),
			want{allowed: true, rule: proofdesk.RuleFirstHolder}},
		{"take over at L0", with(conv(proofdesk.DoAssign, agentB, proofdesk.L0), func(in *proofdesk.DecisionInput) { in.TargetID = agentB.ID }),
			want{allowed: true, rule: proofdesk.RuleAssignUnverified}},
		{"agent assigns another's conversation to a third", with(conv(proofdesk.DoAssign, agentB, proofdesk.L0), func(in *proofdesk.DecisionInput) { in.TargetID = "agt_c" }),
			want{rule: proofdesk.RuleAssignOthers, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleSupervisor}},
		{"agent unassigns another's conversation", with(conv(proofdesk.DoAssign, agentB, proofdesk.L0), func(in *proofdesk.DecisionInput) { in.TargetID = "" }),
			want{rule: proofdesk.RuleAssignOthers, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleSupervisor}},
		{"supervisor reassigns a verified conversation", with(conv(proofdesk.DoAssign, supervisor, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.TargetID = agentB.ID }),
			want{allowed: true, rule: proofdesk.RuleTakeOver}},
		{"agent routes an unassigned conversation to a colleague", with(conv(proofdesk.DoAssign, agentB, proofdesk.L0), func(in *proofdesk.DecisionInput) { in.HolderID = ""; in.TargetID = "agt_c" }),
			want{allowed: true, rule: proofdesk.RuleAssignUnverified}},
		{"system auto-assigns an unassigned conversation", with(conv(proofdesk.DoAssign, proofdesk.Actor{Role: proofdesk.RoleSystem}, proofdesk.L1), func(in *proofdesk.DecisionInput) { in.HolderID = ""; in.TargetID = agentB.ID }),
			want{allowed: true, rule: proofdesk.RuleAutoAssign}},
		{"system takes an offline agent's conversation back", with(conv(proofdesk.DoAssign, proofdesk.Actor{Role: proofdesk.RoleSystem}, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.TargetID = "" }),
			want{allowed: true, rule: proofdesk.RuleAutoReassign}},
		{"assign by integration", with(conv(proofdesk.DoAssign, integ, proofdesk.L0), func(in *proofdesk.DecisionInput) { in.TargetID = agentB.ID }),
			want{rule: proofdesk.RuleNotAgent, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleAgent}},

		// Linking, administering.
		{"link unlinked by agent", with(conv(proofdesk.DoLink, agentB, proofdesk.L0), func(in *proofdesk.DecisionInput) { in.Linked = false }),
			want{allowed: true, rule: proofdesk.RuleAllowed}},
		{"relink by agent", conv(proofdesk.DoLink, agentA, proofdesk.L2), want{rule: proofdesk.RuleRelinkSupervisor, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleSupervisor}},
		{"relink by supervisor", conv(proofdesk.DoLink, supervisor, proofdesk.L2), want{allowed: true, rule: proofdesk.RuleAllowed}},
		{"link by integration", conv(proofdesk.DoLink, integ, proofdesk.L0), want{rule: proofdesk.RuleNotAgent, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleAgent}},
		{"administer by supervisor", proofdesk.DecisionInput{Action: proofdesk.DoAdminister, Actor: supervisor}, want{rule: proofdesk.RuleAdminOnly, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleAdmin}},
		{"administer by integration", proofdesk.DecisionInput{Action: proofdesk.DoAdminister, Actor: integ}, want{rule: proofdesk.RuleAdminOnly, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleAdmin}},
		{"administer by admin", proofdesk.DecisionInput{Action: proofdesk.DoAdminister, Actor: admin}, want{allowed: true, rule: proofdesk.RuleAllowed}},
		{"reports by agent", proofdesk.DecisionInput{Action: proofdesk.DoViewReports, Actor: agentA}, want{rule: proofdesk.RuleSupervisorOnly, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleSupervisor}},
		{"reports by integration", proofdesk.DecisionInput{Action: proofdesk.DoViewReports, Actor: integ}, want{rule: proofdesk.RuleSupervisorOnly, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleSupervisor}},
		{"reports by supervisor", proofdesk.DecisionInput{Action: proofdesk.DoViewReports, Actor: supervisor}, want{allowed: true, rule: proofdesk.RuleAllowed}},
		{"reports by admin", proofdesk.DecisionInput{Action: proofdesk.DoViewReports, Actor: admin}, want{allowed: true, rule: proofdesk.RuleAllowed}},

		// The guard is no oracle: the pause, lookups, clearing.
		{"reply while paused", with(conv(proofdesk.DoReply, agentA, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.PausedUntil = in.Now.Add(time.Minute) }),
			want{rule: proofdesk.RulePaused, code: proofdesk.EFORBIDDEN}},
		{"reply after the pause", with(conv(proofdesk.DoReply, agentA, proofdesk.L0), func(in *proofdesk.DecisionInput) { in.PausedUntil = in.Now }),
			want{allowed: true, rule: proofdesk.RuleReplyLevel}},
		{"supervisor paused too", with(conv(proofdesk.DoReply, supervisor, proofdesk.L0), func(in *proofdesk.DecisionInput) { in.PausedUntil = in.Now.Add(time.Hour) }),
			want{rule: proofdesk.RulePaused, code: proofdesk.EFORBIDDEN}},
		{"lookup by agent", proofdesk.DecisionInput{Action: proofdesk.DoLookup, Actor: agentA}, want{allowed: true, rule: proofdesk.RuleAllowed}},
		{"lookup while paused", with(proofdesk.DecisionInput{Action: proofdesk.DoLookup, Actor: agentA, Now: time.Unix(1000, 0)}, func(in *proofdesk.DecisionInput) { in.PausedUntil = in.Now.Add(time.Second) }),
			want{rule: proofdesk.RulePaused, code: proofdesk.EFORBIDDEN}},
		{"lookup by integration", proofdesk.DecisionInput{Action: proofdesk.DoLookup, Actor: integ, Now: time.Unix(1000, 0), PausedUntil: time.Unix(2000, 0)}, want{allowed: true, rule: proofdesk.RuleAllowed}},
		{"clear pause by agent", proofdesk.DecisionInput{Action: proofdesk.DoClearPause, Actor: agentA, TargetID: agentB.ID}, want{rule: proofdesk.RuleSupervisorOnly, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleSupervisor}},
		{"clear own pause", proofdesk.DecisionInput{Action: proofdesk.DoClearPause, Actor: supervisor, TargetID: supervisor.ID}, want{rule: proofdesk.RuleClearOwnPause, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleSupervisor}},
		{"clear pause by supervisor", proofdesk.DecisionInput{Action: proofdesk.DoClearPause, Actor: supervisor, TargetID: agentA.ID}, want{allowed: true, rule: proofdesk.RuleAllowed}},
		{"read own pause", proofdesk.DecisionInput{Action: proofdesk.DoViewPause, Actor: agentA, TargetID: agentA.ID}, want{allowed: true, rule: proofdesk.RuleAllowed}},
		{"read another's pause by agent", proofdesk.DecisionInput{Action: proofdesk.DoViewPause, Actor: agentA, TargetID: agentB.ID}, want{rule: proofdesk.RuleSupervisorOnly, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleSupervisor}},
		{"read another's pause by supervisor", proofdesk.DecisionInput{Action: proofdesk.DoViewPause, Actor: supervisor, TargetID: agentA.ID}, want{allowed: true, rule: proofdesk.RuleAllowed}},
		{"read another's pause by admin", proofdesk.DecisionInput{Action: proofdesk.DoViewPause, Actor: admin, TargetID: agentA.ID}, want{allowed: true, rule: proofdesk.RuleAllowed}},
		{"read a pause by integration", proofdesk.DecisionInput{Action: proofdesk.DoViewPause, Actor: integ, TargetID: integ.ID}, want{rule: proofdesk.RuleNotAgent, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleAgent}},
		{"see a shared macro", proofdesk.DecisionInput{Action: proofdesk.DoViewMacro, Actor: agentB}, want{allowed: true, rule: proofdesk.RuleAllowed}},
		{"see own personal macro", proofdesk.DecisionInput{Action: proofdesk.DoViewMacro, Actor: agentA, TargetID: agentA.ID}, want{allowed: true, rule: proofdesk.RuleAllowed}},
		{"see another's personal macro", proofdesk.DecisionInput{Action: proofdesk.DoViewMacro, Actor: agentB, TargetID: agentA.ID}, want{rule: proofdesk.RuleMacroOwner, code: proofdesk.ENOTFOUND}},
		{"see another's personal macro by supervisor", proofdesk.DecisionInput{Action: proofdesk.DoViewMacro, Actor: supervisor, TargetID: agentA.ID}, want{rule: proofdesk.RuleMacroOwner, code: proofdesk.ENOTFOUND}},
		{"see a macro by integration", proofdesk.DecisionInput{Action: proofdesk.DoViewMacro, Actor: integ}, want{rule: proofdesk.RuleNotAgent, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleAgent}},

		// Merge, export, erase.
		{"merge by agent", proofdesk.DecisionInput{Action: proofdesk.DoMerge, Actor: agentA}, want{rule: proofdesk.RuleSupervisorOnly, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleSupervisor}},
		{"merge by supervisor", proofdesk.DecisionInput{Action: proofdesk.DoMerge, Actor: supervisor}, want{allowed: true, rule: proofdesk.RuleAllowed}},
		{"merge under lock", proofdesk.DecisionInput{Action: proofdesk.DoMerge, Actor: admin, SupportLocked: true}, want{rule: proofdesk.RuleSupportLock, code: proofdesk.ELOCKED}},
		{"merge under legal hold", proofdesk.DecisionInput{Action: proofdesk.DoMerge, Actor: admin, LegalHold: true}, want{rule: proofdesk.RuleLegalHold, code: proofdesk.ECONFLICT}},
		{"relink under legal hold", proofdesk.DecisionInput{Action: proofdesk.DoLink, Actor: supervisor, ConversationID: "c1", Linked: true, LegalHold: true}, want{rule: proofdesk.RuleLegalHold, code: proofdesk.ECONFLICT}},
		{"export by holding agent at L2", conv(proofdesk.DoExport, agentA, proofdesk.L2), want{rule: proofdesk.RuleSupervisorOnly, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleSupervisor}},
		{"export by integration", proofdesk.DecisionInput{Action: proofdesk.DoExport, Actor: integ}, want{rule: proofdesk.RuleSupervisorOnly, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleSupervisor}},
		{"export by supervisor at L2", conv(proofdesk.DoExport, supervisor, proofdesk.L2), want{allowed: true, rule: proofdesk.RuleAllowed, required: proofdesk.L2}},
		{"export by admin at L2", conv(proofdesk.DoExport, admin, proofdesk.L2), want{allowed: true, rule: proofdesk.RuleAllowed, required: proofdesk.L2}},
		{"export by supervisor at L1", conv(proofdesk.DoExport, supervisor, proofdesk.L1), want{rule: proofdesk.RuleLevel, code: proofdesk.EVERIFICATION, required: proofdesk.L2}},
		{"export of an unlinked conversation", with(conv(proofdesk.DoExport, supervisor, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.Linked = false }),
			want{rule: proofdesk.RuleUnlinked, code: proofdesk.EINVALID}},
		{"export under lock", with(conv(proofdesk.DoExport, supervisor, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.SupportLocked = true }),
			want{rule: proofdesk.RuleSupportLock, code: proofdesk.ELOCKED}},
		{"export from the card without a reason", proofdesk.DecisionInput{Action: proofdesk.DoExport, Actor: supervisor},
			want{rule: proofdesk.RuleBreakGlassReason, code: proofdesk.EINVALID, role: proofdesk.RoleSupervisor}},
		{"export from the card with a blank reason", proofdesk.DecisionInput{Action: proofdesk.DoExport, Actor: supervisor, BreakGlassReason: " .. "},
			want{rule: proofdesk.RuleBreakGlassReason, code: proofdesk.EINVALID}},
		{"export from the card by break-glass", proofdesk.DecisionInput{Action: proofdesk.DoExport, Actor: supervisor, BreakGlassReason: "owner asked by letter, ref 991"},
			want{allowed: true, rule: proofdesk.RuleBreakGlass}},
		{"export from the card by an agent with a reason", proofdesk.DecisionInput{Action: proofdesk.DoExport, Actor: agentA, BreakGlassReason: "owner asked by letter"},
			want{rule: proofdesk.RuleSupervisorOnly, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleSupervisor}},
		{"export from the card under lock", proofdesk.DecisionInput{Action: proofdesk.DoExport, Actor: admin, BreakGlassReason: "owner asked by letter", SupportLocked: true},
			want{rule: proofdesk.RuleSupportLock, code: proofdesk.ELOCKED}},
		{"erase by agent", proofdesk.DecisionInput{Action: proofdesk.DoErase, Actor: agentA, Reason: "owner asked by mail"}, want{rule: proofdesk.RuleSupervisorOnly, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleSupervisor}},
		{"erase by integration", proofdesk.DecisionInput{Action: proofdesk.DoErase, Actor: integ, Reason: "owner asked by mail"}, want{rule: proofdesk.RuleSupervisorOnly, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleSupervisor}},
		{"erase without reason", proofdesk.DecisionInput{Action: proofdesk.DoErase, Actor: supervisor, Reason: " .. "}, want{rule: proofdesk.RuleReasonRequired, code: proofdesk.EINVALID}},
		{"erase by supervisor: the owner confirms", proofdesk.DecisionInput{Action: proofdesk.DoErase, Actor: supervisor, Reason: "owner asked by mail"}, want{allowed: true, rule: proofdesk.RuleOwnerConfirms}},
		{"erase by admin with a legal basis", proofdesk.DecisionInput{Action: proofdesk.DoErase, Actor: admin, Reason: "court order", Field: "GDPR art. 17(1)(d)"}, want{allowed: true, rule: proofdesk.RuleLegalBasis}},
		{"erase under lock", proofdesk.DecisionInput{Action: proofdesk.DoErase, Actor: admin, Reason: "owner asked by mail", SupportLocked: true}, want{rule: proofdesk.RuleSupportLock, code: proofdesk.ELOCKED}},
		{"erase under legal hold", proofdesk.DecisionInput{Action: proofdesk.DoErase, Actor: admin, Reason: "owner asked by mail", Field: "court order", LegalHold: true}, want{rule: proofdesk.RuleLegalHold, code: proofdesk.ECONFLICT}},
		{"erase by the retention rule", proofdesk.DecisionInput{Action: proofdesk.DoErase, Actor: proofdesk.Actor{Role: proofdesk.RoleSystem}, Reason: "dormant 24 months", Field: proofdesk.RetentionLegalBasis}, want{allowed: true, rule: proofdesk.RuleEraseRetention}},
		{"erase by the system without a basis", proofdesk.DecisionInput{Action: proofdesk.DoErase, Actor: proofdesk.Actor{Role: proofdesk.RoleSystem}, Reason: "dormant 24 months"}, want{rule: proofdesk.RuleReasonRequired, code: proofdesk.EINVALID}},
		{"erase by the retention rule under lock", proofdesk.DecisionInput{Action: proofdesk.DoErase, Actor: proofdesk.Actor{Role: proofdesk.RoleSystem}, Reason: "dormant 24 months", Field: proofdesk.RetentionLegalBasis, SupportLocked: true}, want{rule: proofdesk.RuleSupportLock, code: proofdesk.ELOCKED}},
		{"erase by the retention rule under legal hold", proofdesk.DecisionInput{Action: proofdesk.DoErase, Actor: proofdesk.Actor{Role: proofdesk.RoleSystem}, Reason: "dormant 24 months", Field: proofdesk.RetentionLegalBasis, LegalHold: true}, want{rule: proofdesk.RuleLegalHold, code: proofdesk.ECONFLICT}},
		// Two-person rule: who cleared a hold covering the customer does
		// not erase them within the window; another supervisor may, and
		// so may they after it; retention waits it out.
		{"erase by who cleared the customer's hold", clearedBy(supervisor, proofdesk.HoldCustomer, supervisor.ID, time.Hour), want{rule: proofdesk.RuleTwoPerson, code: proofdesk.EFORBIDDEN}},
		{"erase by who cleared a conversation's hold", clearedBy(admin, proofdesk.HoldConversation, admin.ID, 6*24*time.Hour), want{rule: proofdesk.RuleTwoPerson, code: proofdesk.EFORBIDDEN}},
		{"erase by who cleared the hold, the owner confirming", with(clearedBy(supervisor, proofdesk.HoldCustomer, supervisor.ID, time.Minute), func(in *proofdesk.DecisionInput) { in.Field = "" }),
			want{rule: proofdesk.RuleTwoPerson, code: proofdesk.EFORBIDDEN}},
		{"erase by another supervisor after a clear", clearedBy(admin, proofdesk.HoldCustomer, supervisor.ID, time.Minute), want{allowed: true, rule: proofdesk.RuleLegalBasis}},
		{"erase by an account the clearer promoted after the clear", with(clearedBy(supervisor, proofdesk.HoldCustomer, admin.ID, 2*time.Hour), func(in *proofdesk.DecisionInput) {
			in.ActorAccountChanges = []proofdesk.AccountChange{{By: admin.ID, At: in.Now.Add(-time.Hour)}}
		}), want{rule: proofdesk.RuleTwoPerson, code: proofdesk.EFORBIDDEN}},
		{"erase by an account the clearer invited days before the clear", with(clearedBy(supervisor, proofdesk.HoldCustomer, admin.ID, time.Hour), func(in *proofdesk.DecisionInput) {
			in.ActorAccountChanges = []proofdesk.AccountChange{{By: admin.ID, At: in.Now.Add(-6 * 24 * time.Hour)}}
		}), want{rule: proofdesk.RuleTwoPerson, code: proofdesk.EFORBIDDEN}},
		{"erase by an account another admin changed (one the clearer may have made)", with(clearedBy(supervisor, proofdesk.HoldCustomer, admin.ID, time.Hour), func(in *proofdesk.DecisionInput) {
			in.ActorAccountChanges = []proofdesk.AccountChange{{By: "agt_y", At: in.Now.Add(-time.Minute)}}
		}), want{rule: proofdesk.RuleTwoPerson, code: proofdesk.EFORBIDDEN}},
		{"erase by an account it changed itself", with(clearedBy(supervisor, proofdesk.HoldCustomer, admin.ID, time.Hour), func(in *proofdesk.DecisionInput) {
			in.ActorAccountChanges = []proofdesk.AccountChange{{By: supervisor.ID, At: in.Now.Add(-time.Minute)}}
		}), want{allowed: true, rule: proofdesk.RuleLegalBasis}},
		{"erase by an account the clearer changed long before the clear", with(clearedBy(supervisor, proofdesk.HoldCustomer, admin.ID, time.Hour), func(in *proofdesk.DecisionInput) {
			in.ActorAccountChanges = []proofdesk.AccountChange{{By: admin.ID, At: in.Now.Add(-8 * 24 * time.Hour)}}
		}), want{allowed: true, rule: proofdesk.RuleLegalBasis}},
		{"erase by who cleared the hold, after the window", clearedBy(supervisor, proofdesk.HoldConversation, supervisor.ID, proofdesk.TwoPersonWindow+time.Second), want{allowed: true, rule: proofdesk.RuleLegalBasis}},
		{"erase by who cleared the hold, the window just over", clearedBy(supervisor, proofdesk.HoldCustomer, supervisor.ID, proofdesk.TwoPersonWindow), want{allowed: true, rule: proofdesk.RuleLegalBasis}},
		{"erase by who cleared an old hold and saw another cleared", with(clearedBy(supervisor, proofdesk.HoldCustomer, supervisor.ID, 8*24*time.Hour), func(in *proofdesk.DecisionInput) {
			in.HoldClears = append(in.HoldClears, proofdesk.HoldClear{SubjectKind: proofdesk.HoldConversation, SubjectID: "cnv_1", By: admin.ID, At: in.Now.Add(-time.Hour)})
		}), want{allowed: true, rule: proofdesk.RuleLegalBasis}},
		{"erase under a hold after clearing another", with(clearedBy(supervisor, proofdesk.HoldConversation, supervisor.ID, time.Hour), func(in *proofdesk.DecisionInput) { in.LegalHold = true }),
			want{rule: proofdesk.RuleLegalHold, code: proofdesk.ECONFLICT}},
		{"retention within the window after a clear", with(clearedBy(system, proofdesk.HoldConversation, supervisor.ID, 2*24*time.Hour), func(in *proofdesk.DecisionInput) { in.Field = proofdesk.RetentionLegalBasis }),
			want{rule: proofdesk.RuleTwoPerson, code: proofdesk.ECONFLICT}},
		{"retention after the window", with(clearedBy(system, proofdesk.HoldCustomer, supervisor.ID, 8*24*time.Hour), func(in *proofdesk.DecisionInput) { in.Field = proofdesk.RetentionLegalBasis }),
			want{allowed: true, rule: proofdesk.RuleEraseRetention}},
		{"legal hold by agent", proofdesk.DecisionInput{Action: proofdesk.DoLegalHold, Actor: agentA, Reason: "case 2026-113"}, want{rule: proofdesk.RuleSupervisorOnly, code: proofdesk.EFORBIDDEN, role: proofdesk.RoleSupervisor}},
		{"legal hold without reason", proofdesk.DecisionInput{Action: proofdesk.DoLegalHold, Actor: supervisor}, want{rule: proofdesk.RuleReasonRequired, code: proofdesk.EINVALID}},
		{"legal hold by supervisor", proofdesk.DecisionInput{Action: proofdesk.DoLegalHold, Actor: supervisor, Reason: "case 2026-113"}, want{allowed: true, rule: proofdesk.RuleAllowed}},
		{"legal hold cleared by supervisor", proofdesk.DecisionInput{Action: proofdesk.DoLegalHold, Actor: supervisor, Reason: "case settled", Clearing: true}, want{allowed: true, rule: proofdesk.RuleAllowed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := proofdesk.Decide(tt.in)
			got := want{allowed: d.Allowed, rule: d.Rule, code: d.Code, required: d.RequiredLevel, role: d.RequiredRole}
			if got != tt.want {
				t.Fatalf("Decide = %+v, want %+v (message %q)", got, tt.want, d.Message)
			}
			if d.Allowed != (d.Err(tt.in) == nil) {
				t.Fatalf("Err() = %v with Allowed %v", d.Err(tt.in), d.Allowed)
			}
			if !d.Allowed && d.Message == "" {
				t.Fatal("a refusal without a message")
			}
			if !d.Allowed && !d.Audit {
				t.Fatal("a refusal that is not audited")
			}
		})
	}
}

// TestDecideTwoPerson: the refusal names the clear's date and alerts the
// supervisors; retention's names when it may erase.
func TestDecideTwoPerson(t *testing.T) {
	in := clearedBy(supervisor, proofdesk.HoldCustomer, supervisor.ID, 30*time.Hour) // cleared 2025-12-31 21:04 UTC
	d := proofdesk.Decide(in)
	if d.Allowed || !d.Alert || !strings.Contains(d.Message, "Another supervisor must erase this customer") || !strings.Contains(d.Message, "2025-12-31 21:04") {
		t.Fatalf("Decide = %+v, want a refusal with an alert naming 2025-12-31 21:04", d)
	}
	var e *proofdesk.Error
	if !errors.As(d.Err(in), &e) || e.Code != proofdesk.EFORBIDDEN || e.Details["rule"] != proofdesk.RuleTwoPerson {
		t.Fatalf("Err() = %v, want forbidden %s", d.Err(in), proofdesk.RuleTwoPerson)
	}
	in.Actor, in.Field = system, proofdesk.RetentionLegalBasis
	if d := proofdesk.Decide(in); d.Allowed || !strings.Contains(d.Message, "before 2026-01-07 21:04") {
		t.Fatalf("retention: %+v, want a refusal naming 2026-01-07 21:04", d)
	}
}

// TestDecideFollowUps checks what must follow an allowed decision: the
// guard's level, the level drop, the notices and the cooling-off.
func TestDecideFollowUps(t *testing.T) {
	if d := proofdesk.Decide(conv(proofdesk.DoReply, agentA, proofdesk.L2)); d.CheckLevel != proofdesk.L2 {
		t.Fatalf("holder's reply checked at %s, want L2", d.CheckLevel)
	}
	if d := proofdesk.Decide(conv(proofdesk.DoReply, agentB, proofdesk.L2)); d.CheckLevel != proofdesk.L0 {
		t.Fatalf("non-holder's reply checked at %s, want L0", d.CheckLevel)
	}
	unassigned := with(conv(proofdesk.DoReply, agentB, proofdesk.L1), func(in *proofdesk.DecisionInput) { in.HolderID = "" })
	if d := proofdesk.Decide(unassigned); d.CheckLevel != proofdesk.L1 {
		t.Fatalf("reply on an unassigned conversation checked at %s, want L1", d.CheckLevel)
	}
	// Under a support lock a reply discloses no more than a reveal may
	// show: an agent's reply is checked at L0, a supervisor's at L2 only.
	for _, tt := range []struct {
		actor proofdesk.Actor
		level proofdesk.Level
		want  proofdesk.Level
	}{{agentA, proofdesk.L2, proofdesk.L0}, {agentA, proofdesk.L1, proofdesk.L0}, {supervisor, proofdesk.L2, proofdesk.L2}, {supervisor, proofdesk.L1, proofdesk.L0}} {
		locked := with(conv(proofdesk.DoReply, tt.actor, tt.level), func(in *proofdesk.DecisionInput) { in.HolderID = tt.actor.ID; in.SupportLocked = true })
		if d := proofdesk.Decide(locked); !d.Allowed || d.CheckLevel != tt.want {
			t.Fatalf("%s's reply at %s under a support lock = %+v, want checked at %s", tt.actor.Role, tt.level, d, tt.want)
		}
	}
	risky := with(conv(proofdesk.DoReply, agentA, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.Risk = highRisk })
	if d := proofdesk.Decide(risky); d.CheckLevel != proofdesk.L1 {
		t.Fatalf("high-risk reply checked at %s, want L1", d.CheckLevel)
	}
	if d := proofdesk.Decide(with(conv(proofdesk.DoAssign, agentB, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.TargetID = agentB.ID })); !d.DropLevel || !d.Audit {
		t.Fatalf("take-over = %+v, want the level dropped and audited", d)
	}
	if d := proofdesk.Decide(with(conv(proofdesk.DoAssign, proofdesk.Actor{Role: proofdesk.RoleSystem}, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.TargetID = "" })); !d.DropLevel {
		t.Fatal("the system taking a verified conversation from its holder keeps the level")
	}
	if d := proofdesk.Decide(with(conv(proofdesk.DoAssign, proofdesk.Actor{Role: proofdesk.RoleSystem}, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.HolderID = ""; in.TargetID = agentB.ID })); d.DropLevel {
		t.Fatal("the system giving an unassigned conversation its first holder drops the level")
	}
	if d := proofdesk.Decide(with(conv(proofdesk.DoAssign, agentA, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.TargetID = agentB.ID })); d.DropLevel {
		t.Fatalf("hand-over = %+v, want the level kept", d)
	}
	glass := with(conv(proofdesk.DoAssign, supervisor, proofdesk.L2), func(in *proofdesk.DecisionInput) { in.TargetID = supervisor.ID; in.BreakGlassReason = "agent off sick" })
	if d := proofdesk.Decide(glass); d.DropLevel || !d.NotifyOwner || !d.BreakGlass {
		t.Fatalf("break-glass take-over = %+v, want level kept, owner notified, flagged", d)
	}
	for _, action := range []string{proofdesk.DoAddContactPoint, proofdesk.DoChangeContactPoint} {
		d := proofdesk.Decide(proofdesk.DecisionInput{Action: action, Actor: integ})
		if !d.Allowed || !d.NotifyOwner || !d.CoolingOff || !d.Audit {
			t.Fatalf("%s by integration = %+v, want notified, cooling-off, audited", action, d)
		}
	}
	d := proofdesk.Decide(proofdesk.DecisionInput{Action: proofdesk.DoChangeContactPoint, Actor: integ, Backdated: true})
	if d.CoolingOff {
		t.Fatalf("backdated sync = %+v: the system of record's date stands", d)
	}
	if d := proofdesk.Decide(conv(proofdesk.DoChangePayment, agentA, proofdesk.L2)); !d.NotifyOwner || d.CoolingOff {
		t.Fatalf("payment change = %+v, want owner notified and no cooling-off", d)
	}
	e := proofdesk.Decide(conv(proofdesk.DoAddContactPoint, agentA, proofdesk.L1)).Err(conv(proofdesk.DoAddContactPoint, agentA, proofdesk.L1))
	pe, ok := e.(*proofdesk.Error)
	if !ok || pe.Details["required_level"] != "L2" || pe.Details["current_level"] != "L1" || pe.Details["rule"] != proofdesk.RuleLevel {
		t.Fatalf("Err = %#v, want details rule, required_level L2, current_level L1", e)
	}
}

// TestDecidePolicyFloors: no policy can bring a change below L2.
func TestDecidePolicyFloors(t *testing.T) {
	lax := &proofdesk.Policy{Classes: map[string]proofdesk.Level{}, Actions: map[string]proofdesk.Level{proofdesk.ActionChangeAddress: proofdesk.L0}}
	in := conv(proofdesk.DoChangeAddress, agentA, proofdesk.L1)
	in.Policy = lax
	if d := proofdesk.Decide(in); d.Allowed || d.RequiredLevel != proofdesk.L2 {
		t.Fatalf("address change at L1 under a lax policy = %+v, want refused at L2", d)
	}
}

func BenchmarkDecide(b *testing.B) {
	in := conv(proofdesk.DoReveal, agentA, proofdesk.L1)
	in.Field, in.Policy = "addresses", proofdesk.DefaultPolicy()
	for b.Loop() {
		if !proofdesk.Decide(in).Allowed {
			b.Fatal("refused")
		}
	}
}
