package api

import (
	"context"
	"net/http"
	"time"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// MergeHandler merges two conversations of one customer.
type MergeHandler struct {
	agents proofdesk.AgentService
	desk   conversationMerger
	Now    func() time.Time
	// View is the one view's context (Handler.ViewContext); nil hides
	// every code-shaped word of the subject.
	View func(ctx context.Context, convID string) (proofdesk.ViewContext, error)
	// Subjects finds what the conversation's subject is read with (the
	// store); nil reads a subject that holds a number on the safe side.
	Subjects proofdesk.SubjectFinder
}

// conversationMerger is desk.Desk's merge (proofdesk.Decide,
// DoMergeConversations).
type conversationMerger interface {
	MergeConversations(ctx context.Context, sourceID, targetID string) (*proofdesk.Conversation, error)
}

// NewMergeHandler returns the handler.
func NewMergeHandler(agents proofdesk.AgentService, d conversationMerger) *MergeHandler {
	return &MergeHandler{agents: agents, desk: d, Now: time.Now}
}

// Register adds, behind bearer-token auth:
//
//	POST /api/v1/conversations/{id}/merge {"into": ID} → 200 Conversation (the target):
//	     {id}'s messages are copied into "into" (same customer), {id} is
//	     resolved, the target keeps the lower level; 400 for different
//	     customers, 403 for anyone but the holder or a supervisor, 423
//	     under a support lock.
func (h *MergeHandler) Register(r Router) {
	r.Handle("POST /api/v1/conversations/{id}/merge", authenticated(h.agents, h.handleMerge))
}

func (h *MergeHandler) handleMerge(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Into string `json:"into"`
	}
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	if in.Into == "" {
		httpd.Error(w, r, proofdesk.FieldError("into", "into is required: the conversation to merge into"))
		return
	}
	c, err := h.desk.MergeConversations(r.Context(), r.PathValue("id"), in.Into)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	vc, err := viewOf(r.Context(), h.View, c.ID)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	scs, err := subjectsOf(r.Context(), h.Subjects, c)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, newConversationJSON(c, h.Now(), vc, scs[c.ID]))
}

// customerMerger is desk.Desk's merge of two customer records
// (proofdesk.Decide, DoMerge: supervisors).
type customerMerger interface {
	MergeCustomers(ctx context.Context, sourceID, targetID, reason string) (*proofdesk.Customer, error)
}

// CustomerMergeHandler merges duplicate customer records.
type CustomerMergeHandler struct {
	agents proofdesk.AgentService
	desk   customerMerger
}

// NewCustomerMergeHandler returns the handler.
func NewCustomerMergeHandler(agents proofdesk.AgentService, d customerMerger) *CustomerMergeHandler {
	return &CustomerMergeHandler{agents: agents, desk: d}
}

// Register adds, behind bearer-token auth:
//
//	POST /api/v1/customers/{id}/merge {"into": ID, "reason"} → 200
//	     {"customer_id": into, "contact_points": n}: a supervisor's
//	     action, audited; the owner is told at every contact point of
//	     both records; {id}'s contact points join "into" (cooling off
//	     again) and its conversations are relinked at L0. 403 for
//	     anyone else, 423 under a support lock of either.
func (h *CustomerMergeHandler) Register(r Router) {
	r.Handle("POST /api/v1/customers/{id}/merge", authenticated(h.agents, h.handleMerge))
}

func (h *CustomerMergeHandler) handleMerge(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Into   string `json:"into"`
		Reason string `json:"reason"`
	}
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	if in.Into == "" {
		httpd.Error(w, r, proofdesk.FieldError("into", "into is required: the customer to merge into"))
		return
	}
	c, err := h.desk.MergeCustomers(r.Context(), r.PathValue("id"), in.Into, in.Reason)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, map[string]any{"customer_id": c.ID, "contact_points": len(c.ContactPoints)})
}

// viewOf is view(ctx, convID), or without a view the strictest context:
// the default policy, codes possibly issued (every code-shaped word hidden).
func viewOf(ctx context.Context, view func(context.Context, string) (proofdesk.ViewContext, error), convID string) (proofdesk.ViewContext, error) {
	if view == nil {
		return proofdesk.ViewContext{Policy: proofdesk.DefaultPolicy(), CodesIssued: true}, nil
	}
	return view(ctx, convID)
}
