package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/guard"
)

// guardTargets returns what a reply on conv is checked against: the linked
// customer at level (the level proofdesk.Decide says the guard checks
// at), and every other customer whose contact point matches the
// requester's claimed email or phone, at L0 (the requester claims to be
// someone).
func (h *Handle) guardTargets(ctx context.Context, conv *proofdesk.Conversation, policy *proofdesk.Policy, level proofdesk.Level) ([]guard.Target, error) {
	var targets []guard.Target
	seen := map[string]bool{}
	if conv.CustomerID != "" {
		c, err := h.findCustomerByID(ctx, conv.CustomerID)
		if err != nil {
			return nil, err
		}
		seen[c.ID] = true
		targets = append(targets, guard.Target{Matcher: h.db.guards.Matcher(c, policy), Level: level})
	}
	claimed, err := h.claimedCustomers(ctx, conv.Requester)
	if err != nil {
		return nil, err
	}
	for _, c := range claimed {
		if !seen[c.ID] {
			seen[c.ID] = true
			targets = append(targets, guard.Target{Matcher: h.db.guards.Matcher(c, policy), Level: proofdesk.L0})
		}
	}
	return targets, nil
}

// claimedCustomers returns the customers whose contact point matches the
// requester's claimed email or phone (through the blind index). A claim
// that is not a valid address matches nobody.
func (h *Handle) claimedCustomers(ctx context.Context, r proofdesk.Requester) ([]*proofdesk.Customer, error) {
	var out []*proofdesk.Customer
	seen := map[string]bool{}
	for _, claim := range []struct{ kind, v string }{{proofdesk.ContactEmail, r.Email}, {proofdesk.ContactPhone, r.Phone}} {
		if claim.v == "" {
			continue
		}
		f := proofdesk.CustomerFilter{Limit: 5}
		if claim.kind == proofdesk.ContactEmail {
			f.Email = &claim.v
		} else {
			f.Phone = &claim.v
		}
		cs, _, err := h.findCustomers(ctx, f)
		if proofdesk.ErrorCode(err) == proofdesk.EINVALID {
			continue
		} else if err != nil {
			return nil, err
		}
		for _, c := range cs {
			if !seen[c.ID] {
				seen[c.ID] = true
				out = append(out, c)
			}
		}
	}
	return out, nil
}

func (h *Handle) offered(ctx context.Context, convID string) ([]string, error) {
	var s string
	if err := h.queryRow(ctx, `SELECT offered FROM conversations WHERE id = ?`, convID).Scan(&s); err != nil {
		return nil, wrapErr(err)
	}
	var out []string
	return out, json.Unmarshal([]byte(s), &out)
}

// inspectRequesterMessage runs on every message the requester sends, on
// any channel: it records the data classes offered (for the confirmation
// rule), flags probing when an unverified requester quotes a customer's
// protected value or a near match, and flags intent to obtain account data.
func (tx *Tx) inspectRequesterMessage(ctx context.Context, convID, body string) error {
	conv, _, err := tx.findConversationByID(ctx, convID)
	if err != nil {
		return err
	}
	offered, err := tx.offered(ctx, convID)
	if err != nil {
		return err
	}
	flags := append([]string(nil), conv.RiskFlags...)
	newOffers := guard.Offers(body)
	set := map[string]bool{}
	for _, o := range offered {
		set[o] = true
	}
	for _, o := range newOffers {
		set[o] = true
	}
	merged := make([]string, 0, len(set))
	for o := range set {
		merged = append(merged, o)
	}
	sort.Strings(merged)
	if conv.EffectiveLevel(tx.now) == proofdesk.L0 && !containsStr(flags, proofdesk.RiskProbing) {
		policy, err := tx.policy(ctx)
		if err != nil {
			return err
		}
		targets, err := tx.guardTargets(ctx, conv, policy, proofdesk.L0)
		if err != nil {
			return err
		}
		for _, t := range targets {
			if hit, classes := t.Matcher.Probe(body); hit {
				// what the probing detector flags is an offer too
				for _, c := range classes {
					if !set[c] {
						set[c] = true
						merged = append(merged, c)
					}
				}
				sort.Strings(merged)
				flags = addFlag(flags, proofdesk.RiskProbing)
				if err := tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: proofdesk.AuditProbing, SubjectKind: "conversation", SubjectID: conv.ID,
					Detail: map[string]string{"classes": fmt.Sprint(classes)}}); err != nil {
					return err
				}
				break
			}
		}
	}
	if guard.Intent(body) {
		flags = addFlag(flags, proofdesk.SignalIntent)
	}
	if len(flags) == len(conv.RiskFlags) && len(merged) == len(offered) {
		return nil
	}
	_, err = tx.exec(ctx, `UPDATE conversations SET risk_flags = ?, offered = ? WHERE id = ?`, mustJSON(flags), mustJSON(merged), conv.ID)
	return err
}

func containsStr(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// FindRisk returns a conversation's risk score and signals.
func (s *ConversationService) FindRisk(ctx context.Context, id string) (proofdesk.Risk, error) {
	h := s.db.reader()
	conv, _, err := h.findConversationByID(ctx, id)
	if err != nil {
		return proofdesk.Risk{}, err
	}
	return h.risk(ctx, conv)
}

// noteRiskRaise audits, once per conversation, that high risk raised its
// requirements.
func (tx *Tx) noteRiskRaise(ctx context.Context, conv *proofdesk.Conversation, risk proofdesk.Risk) error {
	if !risk.High || containsStr(conv.RiskFlags, "risk_high") {
		return nil
	}
	if err := tx.setFlag(ctx, conv, "risk_high"); err != nil {
		return err
	}
	return tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: proofdesk.AuditRiskRaised, SubjectKind: "conversation", SubjectID: conv.ID,
		Detail: map[string]string{"score": fmt.Sprint(risk.Score), "signals": fmt.Sprint(risk.Signals)}})
}

// noteRiskRaiseFor is noteRiskRaise for a refusal recorded after its own
// transaction rolled back.
func (tx *Tx) noteRiskRaiseFor(ctx context.Context, convID string) error {
	conv, _, err := tx.findConversationByID(ctx, convID)
	if err != nil {
		return err
	}
	risk, err := tx.risk(ctx, conv)
	if err != nil {
		return err
	}
	return tx.noteRiskRaise(ctx, conv, risk)
}

// guardReply checks an outgoing agent reply before it is stored or sent,
// at the level proofdesk.Decide gives (DoReply). A supervisor's
// BreakGlassReason sends a blocked reply anyway when Decide allows the
// break-glass: audited, flagged, and the owner is notified.
func (tx *Tx) guardReply(ctx context.Context, conv *proofdesk.Conversation, m *proofdesk.Message) error {
	in, err := tx.convFacts(ctx, proofdesk.DoReply, conv, nil)
	if err != nil {
		return err
	}
	if in.Actor.Role == "" {
		// An in-process caller (no signed-in agent) writing as the
		// message's author: an agent with no other right.
		in.Actor = proofdesk.Actor{ID: m.AuthorID, Role: proofdesk.RoleAgent}
	}
	reply := proofdesk.Decide(in)
	if !reply.Allowed {
		return reply.Err(in)
	}
	targets, err := tx.guardTargets(ctx, conv, in.Policy, reply.CheckLevel)
	if err != nil {
		return err
	}
	offered, err := tx.offered(ctx, conv.ID)
	if err != nil {
		return err
	}
	recent, err := tx.recentReplies(ctx, conv.ID, m.AuthorID)
	if err != nil {
		return err
	}
	v := guard.CheckRecent(guardText(m), recent, offered, targets...)
	if !v.Blocked {
		return nil
	}
	v.RequiredLevel = in.Risk.Raise(v.RequiredLevel)
	if m.BreakGlassReason == "" {
		e, ok := v.Err().(*proofdesk.Error)
		if !ok {
			return fmt.Errorf("guard: blocked reply without a verdict error")
		}
		if e.Details == nil {
			e.Details = map[string]any{}
		}
		e.Details["required_level"] = v.RequiredLevel.String()
		e.Details["check_rule"] = reply.Rule
		e.Message = blockedMessage(v)
		return e
	}
	in.Action, in.BreakGlassReason = proofdesk.DoBreakGlass, m.BreakGlassReason
	if d := proofdesk.Decide(in); !d.Allowed {
		return d.Err(in)
	}
	if err := tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditBreakGlass, SubjectKind: "conversation", SubjectID: conv.ID,
		Detail: map[string]string{"rule": v.Rule, "class": v.Class, "reason": m.BreakGlassReason, "what": "reply"}}); err != nil {
		return err
	}
	if err := tx.setFlag(ctx, conv, proofdesk.RiskBreakGlass); err != nil {
		return err
	}
	if conv.CustomerID != "" {
		c, err := tx.findCustomerByID(ctx, conv.CustomerID)
		if err != nil {
			return err
		}
		return tx.notifyOwner(ctx, c, conv, "A supervisor sent protected account data during a support conversation.")
	}
	return nil
}

// recentRepliesN is how many of the agent's last replies in a
// conversation a new reply is checked with, for a value split across them.
const recentRepliesN = 3

// recentReplies returns the last replies (not notes) of agent agentID in
// conversation convID, oldest first.
func (tx *Tx) recentReplies(ctx context.Context, convID, agentID string) ([]string, error) {
	_, dk, err := tx.findConversationByID(ctx, convID)
	if err != nil {
		return nil, err
	}
	rows, err := tx.query(ctx, `SELECT `+messageColumns+` FROM messages WHERE conversation_id = ? AND author_kind = ? AND author_id = ? AND internal = 0 ORDER BY seq DESC LIMIT ?`,
		convID, proofdesk.AuthorAgent, agentID, recentRepliesN)
	if err != nil {
		return nil, fmt.Errorf("recent replies: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		m, err := scanMessage(rows, dk)
		if err != nil {
			return nil, err
		}
		out = append(out, m.Body)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}

func blockedMessage(v guard.Verdict) string {
	switch v.Rule {
	case guard.RuleConfirmation:
		return fmt.Sprintf("Blocked: the reply confirms a value the requester offered. Verify the customer to %s first; until then neither confirm nor deny.", v.RequiredLevel)
	case guard.RuleDenial:
		return fmt.Sprintf("Blocked: the reply denies a value the requester offered. Verify the customer to %s first; until then neither confirm nor deny.", v.RequiredLevel)
	case guard.RuleEnumeration:
		return fmt.Sprintf("Blocked: the reply lists many candidate values of the customer's %s. Verify the customer to %s first.", v.Class, v.RequiredLevel)
	}
	return fmt.Sprintf("Blocked: the reply contains the customer's %s, which needs %s. Send a verification request first.", v.Class, v.RequiredLevel)
}
