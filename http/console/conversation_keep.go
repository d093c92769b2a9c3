package console

import (
	"net/http"
	"slices"

	"github.com/proofdesk/proofdesk"
)

// No action loses work. Every action on the conversation page (send a
// verification request, reveal, link, assign, snooze, resolve, unlock) is
// a button of the composer form (form="composer" formaction=...), so its
// POST carries the agent's draft and every reason typed in the side
// panels, with or without JavaScript. keepTyped puts them back on the
// page the action renders; afterAction renders the page instead of
// redirecting when there is a draft to give back.

// keepTyped copies what the agent had typed in r's form into p: the
// draft and its tab, the reveal field and reason (a refused reveal keeps
// its reason; a done one clears it), the unlock and break-glass reasons.
func keepTyped(r *http.Request, p *conversationPage) {
	if r.Method != http.MethodPost {
		return
	}
	if p.Draft == "" {
		p.Draft = r.PostFormValue("body")
		if !p.DraftNote {
			p.DraftNote = r.PostFormValue("internal") == "1"
		}
	}
	if p.RevealField == "" {
		p.RevealField = r.PostFormValue("field")
	}
	if p.RevealReason == "" && p.Revealed == nil {
		p.RevealReason = r.PostFormValue("reason")
	}
	if p.UnlockReason == "" {
		p.UnlockReason = unlockReason(r)
	}
	if p.BreakGlassReason == "" {
		p.BreakGlassReason = r.PostFormValue("break_glass_reason")
	}
	if p.LinkLookup == "" {
		p.LinkLookup = r.PostFormValue("lookup")
	}
}

// unlockReason is the reason typed for an unlock: unlock_reason from the
// conversation page, reason from older forms and API-like posts.
func unlockReason(r *http.Request) string {
	if v := r.PostFormValue("unlock_reason"); v != "" {
		return v
	}
	return r.PostFormValue("reason")
}

// hasDraft reports whether an action's POST carries a draft reply.
func hasDraft(r *http.Request) bool {
	for _, c := range r.PostFormValue("body") {
		if c != ' ' && c != '\n' && c != '\r' && c != '\t' {
			return true
		}
	}
	return false
}

// afterAction ends a successful action on conversation id: with a draft
// in the POST, the page is rendered with it (and the action's notice);
// without, the browser is sent to the page (or to next, when set).
func (h *Handler) afterAction(w http.ResponseWriter, r *http.Request, id, done, next string) {
	if hasDraft(r) {
		h.showConversation(w, r, http.StatusOK, func(p *conversationPage) {
			p.Notice = notices[done]
			p.DraftKept = true
		})
		return
	}
	if next == "" {
		next = backTo(id, done)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// Warnings are the page's risk flags in plain words, one line each, in
// one banner: what the flag means for the agent, without jargon and
// without calling a requester an attacker for quoting their own data.
func (p conversationPage) Warnings() []string {
	var out []string
	for _, f := range p.Risks {
		if t := riskText(f); t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// WarnSerious reports whether a warning calls for more than care: the
// owner denied the contact or the account is locked.
func (p conversationPage) WarnSerious() bool {
	return slices.Contains(p.Risks, proofdesk.RiskOwnerDenied) || slices.Contains(p.Risks, "support_locked")
}

// claimRow is one thing the requester said about themselves.
type claimRow struct {
	Label    string
	Value    string
	Verified bool
}

// Claims are the requester's claims; an email or phone is Verified only
// when it is the contact point on file that approved one of this
// conversation's requests (see ClaimedOnFile).
func (p conversationPage) Claims() []claimRow {
	if p.Conv == nil {
		return nil
	}
	rq := p.Conv.Requester
	var out []claimRow
	if rq.Name != "" {
		out = append(out, claimRow{Label: "Says their name is", Value: rq.Name})
	}
	if rq.Email != "" {
		out = append(out, claimRow{Label: "Says their email is", Value: rq.Email, Verified: p.ClaimedOnFile["email"]})
	}
	if rq.Phone != "" {
		out = append(out, claimRow{Label: "Says their phone is", Value: rq.Phone, Verified: p.ClaimedOnFile["phone"]})
	}
	return out
}

// claimedOnFile says which of rq's email and phone claims are a contact
// point of c among verified (contact point IDs that completed a request).
func claimedOnFile(c *proofdesk.Customer, rq proofdesk.Requester, verified []string) map[string]bool {
	out := map[string]bool{}
	check := func(kind, claim string, norm func(string) (string, error)) {
		if claim == "" {
			return
		}
		n, err := norm(claim)
		if err != nil {
			return
		}
		for _, cp := range c.ContactPointsOf(kind) {
			if cp.Value == n && slices.Contains(verified, cp.ID) {
				out[kind] = true
			}
		}
	}
	check(proofdesk.ContactEmail, rq.Email, proofdesk.NormalizeEmail)
	check(proofdesk.ContactPhone, rq.Phone, proofdesk.NormalizePhone)
	return out
}
