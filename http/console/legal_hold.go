package console

import (
	"context"
	"net/http"

	"github.com/proofdesk/proofdesk"
)

// LegalHoldActions are legal holds (desk.Desk): shown on the customer card
// and the conversation, set and cleared by supervisors.
type LegalHoldActions interface {
	SetLegalHold(ctx context.Context, kind, id, reason string) (*proofdesk.LegalHold, error)
	ClearLegalHold(ctx context.Context, kind, id, reason string) error
	LegalHoldsOn(ctx context.Context, customerID, conversationID string) ([]*proofdesk.LegalHold, error)
}

// holdPanel is the legal-hold panel of the customer card and the
// conversation page.
type holdPanel struct {
	Action string // the form's URL
	Kind   string // what a hold set here covers: "customer" or "conversation"
	Holds  []*proofdesk.LegalHold
	// Own is the hold on this very subject (the one the form clears).
	Own *proofdesk.LegalHold
	// CanChange reports whether Decide lets this agent set or clear holds.
	CanChange bool
	Reason    string // typed, kept across a refusal
	CSRF      string // the session's CSRF token, for the form
}

// legalHoldPanel returns the panel for (kind, id), nil when the desk has
// no legal holds.
func (h *Handler) legalHoldPanel(r *http.Request, kind, customerID, conversationID string) (*holdPanel, error) {
	if h.d.LegalHolds == nil {
		return nil, nil
	}
	holds, err := h.d.LegalHolds.LegalHoldsOn(r.Context(), customerID, conversationID)
	if err != nil {
		return nil, err
	}
	id, action := customerID, "/customers/"+customerID+"/legal-hold"
	if kind == proofdesk.HoldConversation {
		id, action = conversationID, "/conversations/"+conversationID+"/legal-hold"
	}
	p := &holdPanel{Action: action, Kind: kind, Holds: holds}
	for _, lh := range holds {
		if lh.SubjectKind == kind && lh.SubjectID == id {
			p.Own = lh
		}
	}
	// The role is Decide's; the reason is checked when the form is sent.
	in := proofdesk.DecisionInput{Action: proofdesk.DoLegalHold, Actor: proofdesk.ActorOf(proofdesk.AgentFromContext(r.Context())), Reason: "role check", Now: h.Now()}
	p.CanChange = proofdesk.Decide(in).Allowed
	if s := sessionFromContext(r.Context()); s != nil {
		p.CSRF = s.CSRFToken
	}
	return p, nil
}

// handleLegalHold sets ("op" set) or clears ("op" clear) the legal hold
// on the customer or conversation of the path, with "reason"; a refusal
// shows the page again with the gate's words and the reason typed.
func (h *Handler) handleLegalHold(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("id")
		reason := r.PostFormValue("reason")
		var err error
		done := "hold_set"
		if r.PostFormValue("op") == "clear" {
			done = "hold_cleared"
			err = h.d.LegalHolds.ClearLegalHold(r.Context(), kind, id, reason)
		} else {
			_, err = h.d.LegalHolds.SetLegalHold(r.Context(), kind, id, reason)
		}
		back := "/customers/" + id
		if kind == proofdesk.HoldConversation {
			back = "/conversations/" + id
		}
		if err == nil {
			http.Redirect(w, r, back+"?done="+done+"#legal-hold", http.StatusSeeOther)
			return
		}
		switch proofdesk.ErrorCode(err) {
		case proofdesk.EINVALID, proofdesk.EFORBIDDEN:
		default:
			h.renderError(w, r, err)
			return
		}
		// The page again, with the gate's words and the reason typed.
		var data any
		var view string
		var pg *page
		var hold *holdPanel
		if kind == proofdesk.HoldCustomer {
			p, perr := h.customerData(r, id, "")
			if perr != nil {
				h.renderError(w, r, perr)
				return
			}
			data, view, pg, hold = p, "customer", &p.page, p.Hold
		} else {
			p, perr := h.conversationData(r)
			if perr != nil {
				h.renderError(w, r, perr)
				return
			}
			data, view, pg, hold = p, "conversation", &p.page, p.Hold
		}
		pg.Error = "Legal hold not changed. " + proofdesk.ErrorMessage(err)
		if hold != nil {
			hold.Reason = reason
		}
		h.render(w, r, httpStatus(err), view, data)
	}
}
