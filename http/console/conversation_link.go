package console

import (
	"net/http"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// handleLink links a conversation to the customer on file with the email
// address or phone number the agent typed (found through the blind index).
// Linking proves nothing: the store keeps the conversation at L0, and a
// verification request then goes only to that customer's on-file contact
// points. Once linked, only a supervisor may link it to someone else.
func (h *Handler) handleLink(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	agent := proofdesk.AgentFromContext(ctx)
	conv, err := h.d.Conversations.FindConversationByID(ctx, id)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	fail := func(status int, msg string) {
		h.showConversation(w, r, status, func(p *conversationPage) {
			p.Error = msg
			p.LinkLookup = r.PostFormValue("lookup")
		})
	}
	// Asked before the lookup, so a refused relink reveals nothing about
	// who is on file; the store asks again when it links.
	in := proofdesk.DecisionInput{Action: proofdesk.DoLink, Actor: proofdesk.ActorOf(agent), ConversationID: conv.ID, Linked: conv.CustomerID != ""}
	if d := proofdesk.Decide(in); !d.Allowed {
		fail(http.StatusForbidden, d.Message)
		return
	}
	lookup := strings.TrimSpace(r.PostFormValue("lookup"))
	var f proofdesk.CustomerFilter
	if strings.Contains(lookup, "@") {
		e, err := proofdesk.NormalizeEmail(lookup)
		if err != nil {
			fail(http.StatusUnprocessableEntity, "Type the customer's full email address or phone number.")
			return
		}
		f.Email = &e
	} else {
		ph, err := proofdesk.NormalizePhoneIn(lookup, h.PhoneRegion)
		if err != nil {
			// The message names the problem, never the value typed.
			fail(http.StatusUnprocessableEntity, "Type the customer's full email address or phone number ("+proofdesk.ErrorMessage(err)+").")
			return
		}
		f.Phone = &ph
	}
	f.Limit = 2
	if h.d.Desk == nil {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.EINTERNAL, "customer lookups are not wired to the desk"))
		return
	}
	custs, _, err := h.d.Desk.LookupCustomers(ctx, f)
	if proofdesk.ErrorCode(err) == proofdesk.EFORBIDDEN {
		fail(http.StatusForbidden, proofdesk.ErrorMessage(err))
		return
	} else if err != nil {
		h.renderError(w, r, err)
		return
	}
	switch len(custs) {
	case 0:
		fail(http.StatusUnprocessableEntity, "No customer has that email address or phone number on file.")
		return
	case 1:
	default:
		fail(http.StatusUnprocessableEntity, "More than one customer has that email address or phone number on file. Search the inbox by customer to find the right one.")
		return
	}
	if _, err := h.d.Conversations.UpdateConversation(ctx, id, proofdesk.ConversationUpdate{CustomerID: &custs[0].ID}); err != nil {
		if proofdesk.ErrorCode(err) == proofdesk.EFORBIDDEN {
			fail(http.StatusForbidden, proofdesk.ErrorMessage(err))
			return
		}
		h.renderError(w, r, err)
		return
	}
	h.afterAction(w, r, id, "linked", backTo(id, "linked")+"#verify")
}
