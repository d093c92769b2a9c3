package console

import (
	"net/http"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// mergeCandidate is a customer offered as the duplicate to merge, masked.
type mergeCandidate struct {
	ID       string
	Name     string
	Contacts []proofdesk.ContactPointView // masked values
}

// Merge candidates are found by name among at most mergeScanMax customer
// records, read mergeScanPage at a time; at most mergeShowMax are shown.
const (
	mergeScanPage = 200
	mergeScanMax  = 2000
	mergeShowMax  = 20
)

// customerMergePanel fills the merge panel of a customer's page: whether
// Decide lets this agent merge (and its reason when not), and, for a
// supervisor who searched (?merge_q=, a part of a name), the masked
// candidates. A name is matched on the masked view only, never an email
// or phone: finding a duplicate must not be a contact-point lookup.
func (h *Handler) customerMergePanel(r *http.Request, p *customerPage, cust *proofdesk.Customer, pol *proofdesk.Policy) error {
	if h.d.Merge == nil {
		return nil
	}
	p.MergeOffered = true
	dec := proofdesk.Decide(proofdesk.DecisionInput{Action: proofdesk.DoMerge, Actor: proofdesk.ActorOf(p.Agent), Policy: pol,
		SupportLocked: cust.SupportLocked, Now: h.Now()})
	if !dec.Allowed {
		p.MergeRefusal = dec.Message
		return nil
	}
	p.MergeQuery = strings.TrimSpace(r.URL.Query().Get("merge_q"))
	if p.MergeQuery == "" {
		return nil
	}
	if len(p.MergeQuery) < 2 || strings.ContainsAny(p.MergeQuery, "@+0123456789") {
		p.MergeSearchError = "Search by a part of the name (2 letters or more); a duplicate is never looked up by an email address or phone number."
		return nil
	}
	q := strings.ToLower(p.MergeQuery)
	for off := 0; off < mergeScanMax && len(p.MergeCandidates) < mergeShowMax; off += mergeScanPage {
		custs, total, err := h.d.Customers.FindCustomers(r.Context(), proofdesk.CustomerFilter{Offset: off, Limit: mergeScanPage})
		if err != nil {
			return err
		}
		for _, c := range custs {
			if c.ID == cust.ID {
				continue
			}
			v := proofdesk.NewCustomerView(c, proofdesk.ViewContext{Policy: pol})
			if strings.Contains(strings.ToLower(v.Name), q) && len(p.MergeCandidates) < mergeShowMax {
				p.MergeCandidates = append(p.MergeCandidates, mergeCandidate{ID: v.ID, Name: v.Name, Contacts: v.ContactPoints})
			}
		}
		if off+mergeScanPage >= total {
			break
		}
	}
	p.MergeSearched = true
	return nil
}

// handleCustomerMerge merges the customer picked in the merge panel
// ("source", the duplicate) into this one, with the reason typed: the
// same use case (desk.MergeCustomers) as POST /api/v1/customers/{id}/merge,
// so Decide, the audit and the owner's notices are those of the API.
// The first post (without confirm=yes) only shows both records, masked,
// and asks to confirm; the second merges. Done, the page shows the merged
// record; refused, it says why and keeps the reason.
func (h *Handler) handleCustomerMerge(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	source := strings.TrimSpace(r.PostFormValue("source"))
	reason := r.PostFormValue("reason")
	fail := func(status int, msg string) {
		p, err := h.customerData(r, id, "")
		if err != nil {
			h.renderError(w, r, err)
			return
		}
		// The action URL carries ?merge_q=, so the candidates are listed again.
		p.Error, p.MergeReason, p.MergeSource = msg, reason, source
		h.render(w, r, status, "customer", p)
	}
	if source == "" {
		fail(http.StatusBadRequest, "Not merged. Search for the duplicate by name and pick it.")
		return
	}
	if r.PostFormValue("confirm") != "yes" {
		h.confirmCustomerMerge(w, r, id, source, reason)
		return
	}
	merged, err := h.d.Merge.MergeCustomers(r.Context(), source, id, reason)
	if err != nil {
		switch proofdesk.ErrorCode(err) {
		case proofdesk.EINVALID, proofdesk.EFORBIDDEN, proofdesk.ELOCKED, proofdesk.ENOTFOUND:
			fail(httpStatus(err), "Not merged. "+proofdesk.ErrorMessage(err))
		default:
			h.renderError(w, r, err)
		}
		return
	}
	http.Redirect(w, r, "/customers/"+merged.ID+"?done=cust_merged", http.StatusSeeOther)
}

// confirmCustomerMerge shows the customer's page with the duplicate picked
// (masked) and a confirmation form; nothing changes yet. An agent whom
// Decide refuses gets its reason here already (403), as the panel says.
func (h *Handler) confirmCustomerMerge(w http.ResponseWriter, r *http.Request, id, source, reason string) {
	p, err := h.customerData(r, id, "")
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	p.MergeReason, p.MergeSource = reason, source
	if p.MergeRefusal != "" {
		p.Error = "Not merged. " + p.MergeRefusal
		h.render(w, r, http.StatusForbidden, "customer", p)
		return
	}
	src, err := h.d.Customers.FindCustomerByID(r.Context(), source)
	if err != nil || src.ID == id {
		p.Error = "Not merged. Pick another customer than this one from the search."
		h.render(w, r, http.StatusUnprocessableEntity, "customer", p)
		return
	}
	pol, err := h.policy(r)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	v := proofdesk.NewCustomerView(src, proofdesk.ViewContext{Policy: pol})
	p.MergeConfirm = &mergeCandidate{ID: v.ID, Name: v.Name, Contacts: v.ContactPoints}
	h.render(w, r, http.StatusOK, "customer", p)
}
