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
	return tx.inspectRequesterWords(ctx, conv, body, readRequesterWords(body))
}

// requesterWords is what the guard reads in a requester's message without
// the store: the data classes it offers and whether it asks for account
// data. Pure, so it is read before the write transaction.
type requesterWords struct {
	offers []string
	intent bool
}

func readRequesterWords(body string) requesterWords {
	return requesterWords{offers: guard.Offers(body), intent: guard.Intent(body)}
}

// inspectRequesterWords is inspectRequesterMessage on conv as the
// transaction holds it, with the words read beforehand.
func (tx *Tx) inspectRequesterWords(ctx context.Context, conv *proofdesk.Conversation, body string, words requesterWords) error {
	offered, err := tx.offered(ctx, conv.ID)
	if err != nil {
		return err
	}
	flags := append([]string(nil), conv.RiskFlags...)
	newOffers := words.offers
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
	if words.intent {
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
