package console

import (
	"context"
	"net/http"

	"github.com/proofdesk/proofdesk"
)

// ErasureActions erase customers (desk.Desk.RequestErasure).
type ErasureActions interface {
	RequestErasure(ctx context.Context, customerID, reason, legalBasis string) (*proofdesk.ErasureResult, error)
}

// erasePanel is the erasure panel of the customer card.
type erasePanel struct {
	// CanErase reports whether Decide lets this agent erase (the role;
	// the lock and holds are checked when the form is sent).
	CanErase   bool
	Reason     string // typed, kept across a refusal
	LegalBasis string
	// Pending is the request just sent to the owner.
	Pending *proofdesk.ErasureRequest
}

func (h *Handler) newErasePanel(r *http.Request) *erasePanel {
	if h.d.Erasure == nil {
		return nil
	}
	in := proofdesk.DecisionInput{Action: proofdesk.DoErase, Actor: proofdesk.ActorOf(proofdesk.AgentFromContext(r.Context())), Reason: "role check", Now: h.Now()}
	return &erasePanel{CanErase: proofdesk.Decide(in).Allowed}
}

// handleErase erases the customer ("legal_basis" given) or sends the
// owner the confirmation link; "confirm" must be "yes". A refusal shows
// the card again with the gate's words and what was typed.
func (h *Handler) handleErase(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	reason, basis := r.PostFormValue("reason"), r.PostFormValue("legal_basis")
	var res *proofdesk.ErasureResult
	var err error = proofdesk.Errorf(proofdesk.EINVALID, "Tick the box to confirm: an erasure cannot be undone.")
	if r.PostFormValue("confirm") == "yes" {
		res, err = h.d.Erasure.RequestErasure(r.Context(), id, reason, basis)
	}
	if err == nil && res.Erasure != nil {
		http.Redirect(w, r, "/customers/"+id+"?done=erased", http.StatusSeeOther)
		return
	}
	switch proofdesk.ErrorCode(err) {
	case "", proofdesk.EINVALID, proofdesk.EFORBIDDEN, proofdesk.ELOCKED, proofdesk.ECONFLICT:
	default:
		h.renderError(w, r, err)
		return
	}
	p, perr := h.customerData(r, id, "")
	if perr != nil {
		h.renderError(w, r, perr)
		return
	}
	status := http.StatusOK
	if err != nil {
		p.Error, status = "Not erased. "+proofdesk.ErrorMessage(err), httpStatus(err)
		if p.Erase != nil {
			p.Erase.Reason, p.Erase.LegalBasis = reason, basis
		}
	} else {
		p.Notice = "Erasure requested: the owner was sent a link to confirm it at their contact points on file. Nothing is erased until they do."
		if p.Erase != nil {
			p.Erase.Pending = res.Request
		}
	}
	h.render(w, r, status, "customer", p)
}
