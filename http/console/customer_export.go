package console

import (
	"context"
	"net/http"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// ExportActions starts a customer's export (desk.Exports): the archive
// goes to the customer's settled emails as a one-time link; the answer
// holds the recipients masked, never the link.
type ExportActions interface {
	ExportFromConversation(ctx context.Context, convID string) (*proofdesk.ExportStarted, error)
	ExportFromCustomer(ctx context.Context, custID, reason string) (*proofdesk.ExportStarted, error)
}

// customerExportPanel fills the export panel of a customer's card:
// whether Decide lets this agent export from the conversation the card
// was opened from (at L2), else whether by break-glass, and Decide's
// reason when neither.
func (h *Handler) customerExportPanel(p *customerPage, cust *proofdesk.Customer, pol *proofdesk.Policy) {
	if h.d.Exports == nil {
		return
	}
	p.ExportOffered = true
	in := proofdesk.DecisionInput{Action: proofdesk.DoExport, Actor: proofdesk.ActorOf(p.Agent), Policy: pol,
		SupportLocked: cust.SupportLocked, Now: h.Now()}
	if p.From != nil {
		in.ConversationID, in.Linked, in.Level = p.From.ID, true, p.FromLevel
		if dec := proofdesk.Decide(in); dec.Allowed {
			p.ExportFrom = p.From.ID
			return
		}
	}
	in.ConversationID, in.Linked, in.Level, in.BreakGlassReason = "", false, proofdesk.L0, "a reason"
	if dec := proofdesk.Decide(in); !dec.Allowed {
		p.ExportRefusal = dec.Message
	}
}

// handleCustomerExport starts the export of the customer: from the
// conversation the card was opened from ("from", verified to L2), or by
// break-glass with "reason". The same use case as the API's, so Decide,
// the audit and the owner's notices are the same. Done or refused, the
// card says so; where the link went is shown masked.
func (h *Handler) handleCustomerExport(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	from, reason := strings.TrimSpace(r.PostFormValue("from")), r.PostFormValue("reason")
	var started *proofdesk.ExportStarted
	var err error
	if from != "" && strings.TrimSpace(reason) == "" {
		conv, ferr := h.d.Conversations.FindConversationByID(r.Context(), from)
		if ferr != nil || conv.CustomerID != id {
			err = proofdesk.FieldError("from", "the conversation is not this customer's")
		} else {
			started, err = h.d.Exports.ExportFromConversation(r.Context(), from)
		}
	} else {
		started, err = h.d.Exports.ExportFromCustomer(r.Context(), id, reason)
	}
	p, perr := h.customerData(r, id, from)
	if perr != nil {
		h.renderError(w, r, perr)
		return
	}
	if err != nil {
		switch proofdesk.ErrorCode(err) {
		case proofdesk.EINVALID, proofdesk.EFORBIDDEN, proofdesk.EVERIFICATION, proofdesk.ELOCKED, proofdesk.ENOTFOUND:
			p.Error, p.ExportReason = "Not exported. "+proofdesk.ErrorMessage(err), reason
			h.render(w, r, httpStatus(err), "customer", p)
		default:
			h.renderError(w, r, err)
		}
		return
	}
	p.Notice = "Export sent to " + strings.Join(started.SentTo, ", ") + " as a one-time download link, valid until " +
		started.ExpiresAt.UTC().Format("2006-01-02 15:04") + " UTC. The owner was told at their other contact points. Nobody at the desk can open it."
	h.render(w, r, http.StatusOK, "customer", p)
}
