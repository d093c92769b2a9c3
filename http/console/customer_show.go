package console

import (
	"net/http"
	"time"

	"github.com/proofdesk/proofdesk"
)

// customerRecent is one of the customer's conversations, any channel.
type customerRecent struct {
	Conv    *proofdesk.Conversation
	Level   proofdesk.Level
	Preview string // titles a conversation without a subject
}

type customerPage struct {
	page
	Customer     *proofdesk.CustomerView
	Contacts     []contactRow
	Recent       []customerRecent
	From         *proofdesk.Conversation // the conversation the card was opened from
	FromLevel    proofdesk.Level
	CanReveal    bool
	RevealFields []revealField
	Revealed     *revealed
	CoolingDays  int
	// The merge panel (customerMergePanel).
	MergeOffered     bool
	MergeRefusal     string // Decide's reason this agent may not merge
	MergeQuery       string
	MergeSearched    bool
	MergeSearchError string
	MergeCandidates  []mergeCandidate
	MergeReason      string          // kept across a refusal
	MergeSource      string          // the candidate picked, kept across a refusal
	MergeConfirm     *mergeCandidate // picked: the page asks to confirm
	// The export panel (customerExportPanel).
	ExportOffered bool
	ExportFrom    string // the conversation at L2 the export may start from, or ""
	ExportRefusal string // Decide's reason this agent may not export at all
	ExportReason  string // kept across a refusal
	// Hold is the legal-hold panel (legal_hold.go); nil without holds.
	Hold *holdPanel
	// Erase is the erasure panel (erase.go); nil without erasure.
	Erase *erasePanel
}

func (h *Handler) handleCustomer(w http.ResponseWriter, r *http.Request) {
	p, err := h.customerData(r, r.PathValue("id"), r.URL.Query().Get("from"))
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "customer", p)
}

// showCustomerFor renders the card of the customer linked to a conversation.
func (h *Handler) showCustomerFor(w http.ResponseWriter, r *http.Request, status int, conversationID string, mod func(p *customerPage)) {
	conv, err := h.d.Conversations.FindConversationByID(r.Context(), conversationID)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	if conv.CustomerID == "" {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.ENOTFOUND, "The conversation is not linked to a customer."))
		return
	}
	p, err := h.customerData(r, conv.CustomerID, conv.ID)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	mod(p)
	h.render(w, r, status, "customer", p)
}

func (h *Handler) customerData(r *http.Request, customerID, fromID string) (*customerPage, error) {
	ctx := r.Context()
	cust, err := h.d.Customers.FindCustomerByID(ctx, customerID)
	if err != nil {
		return nil, err
	}
	pol, err := h.policy(r)
	if err != nil {
		return nil, err
	}
	now := h.Now()
	v := proofdesk.NewCustomerView(cust, proofdesk.ViewContext{Policy: pol})
	p := &customerPage{page: h.newPage(r, "Customer "+v.Name, "inbox"), Customer: v,
		Contacts:    h.contactRows(v, now),
		CoolingDays: int(h.d.Settings.CoolingOff / (24 * time.Hour))}
	convs, _, err := h.d.Conversations.FindConversations(ctx, proofdesk.ConversationFilter{CustomerID: &cust.ID, Limit: 20})
	if err != nil {
		return nil, err
	}
	if err := h.showSubjects(ctx, convs...); err != nil {
		return nil, err
	}
	for _, c := range convs {
		rc := customerRecent{Conv: c, Level: c.EffectiveLevel(now)}
		if c.Subject == "" {
			if rc.Preview, err = h.preview(ctx, c.ID, previewLen); err != nil {
				return nil, err
			}
		}
		p.Recent = append(p.Recent, rc)
		if c.ID == fromID {
			p.From = c
		}
	}
	if fromID != "" && p.From == nil {
		// Not in the 20 most recent: look it up, but only if it is this
		// customer's.
		if c, err := h.d.Conversations.FindConversationByID(ctx, fromID); err == nil && c.CustomerID == cust.ID {
			if err := h.showSubjects(ctx, c); err != nil {
				return nil, err
			}
			p.From = c
		}
	}
	in := proofdesk.DecisionInput{Actor: proofdesk.ActorOf(p.Agent), Linked: true, SupportLocked: cust.SupportLocked, Policy: pol, Now: now}
	if p.From != nil {
		p.FromLevel = p.From.EffectiveLevel(now)
		p.CanReveal = h.d.Verification != nil
		in.ConversationID, in.Level, in.HolderID = p.From.ID, p.FromLevel, p.From.AssigneeID
		if rf, ok := h.d.Conversations.(riskFinder); ok {
			if in.Risk, err = rf.FindRisk(ctx, p.From.ID); err != nil {
				return nil, err
			}
		}
	}
	p.RevealFields = revealFields(v, in)
	if err := h.customerMergePanel(r, p, cust, pol); err != nil {
		return nil, err
	}
	h.customerExportPanel(p, cust, pol)
	if p.Hold, err = h.legalHoldPanel(r, proofdesk.HoldCustomer, cust.ID, ""); err != nil {
		return nil, err
	}
	if cust.ErasedAt == nil {
		p.Erase = h.newErasePanel(r)
	}
	return p, nil
}
