package api

import (
	"context"
	"net/http"
	"time"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// legalHolds is desk.Desk's legal holds (proofdesk.Decide, DoLegalHold).
type legalHolds interface {
	SetLegalHold(ctx context.Context, kind, id, reason string) (*proofdesk.LegalHold, error)
	ClearLegalHold(ctx context.Context, kind, id, reason string) error
	LegalHoldsOn(ctx context.Context, customerID, conversationID string) ([]*proofdesk.LegalHold, error)
}

// LegalHoldHandler serves legal holds on customers and conversations.
type LegalHoldHandler struct {
	agents proofdesk.AgentService
	desk   legalHolds
}

// NewLegalHoldHandler returns the handler.
func NewLegalHoldHandler(agents proofdesk.AgentService, d legalHolds) *LegalHoldHandler {
	return &LegalHoldHandler{agents: agents, desk: d}
}

// Register adds, behind bearer-token auth, for {kind} customers and
// conversations:
//
//	GET    /api/v1/{kind}/{id}/legal-hold → 200 {"held": bool, "holds": [LegalHold]}:
//	       the holds that cover it (a customer: its own and its
//	       conversations'; a conversation: its own and its customer's);
//	       any agent, not the integration (403)
//	PUT    /api/v1/{kind}/{id}/legal-hold {"reason"} → 200 LegalHold:
//	       supervisors and admins (403 otherwise), 400 without a reason,
//	       404 for an unknown subject; setting it again replaces the reason
//	DELETE /api/v1/{kind}/{id}/legal-hold {"reason"} → 204; 404 when there
//	       is no hold
//
// A LegalHold is {"subject_kind", "subject_id", "reason", "set_by", "set_at"}.
func (h *LegalHoldHandler) Register(r Router) {
	for _, k := range []struct{ path, kind string }{{"customers", proofdesk.HoldCustomer}, {"conversations", proofdesk.HoldConversation}} {
		kind := k.kind
		p := "/api/v1/" + k.path + "/{id}/legal-hold"
		r.Handle("GET "+p, authenticated(h.agents, func(w http.ResponseWriter, r *http.Request) { h.handleShow(w, r, kind) }))
		r.Handle("PUT "+p, authenticated(h.agents, func(w http.ResponseWriter, r *http.Request) { h.handleSet(w, r, kind) }))
		r.Handle("DELETE "+p, authenticated(h.agents, func(w http.ResponseWriter, r *http.Request) { h.handleClear(w, r, kind) }))
	}
}

func legalHoldJSON(lh *proofdesk.LegalHold) map[string]any {
	return map[string]any{"subject_kind": lh.SubjectKind, "subject_id": lh.SubjectID, "reason": lh.Reason,
		"set_by": lh.SetBy, "set_at": lh.SetAt.UTC().Format(time.RFC3339)}
}

func (h *LegalHoldHandler) handleShow(w http.ResponseWriter, r *http.Request, kind string) {
	cust, conv := r.PathValue("id"), ""
	if kind == proofdesk.HoldConversation {
		cust, conv = "", cust
	}
	holds, err := h.desk.LegalHoldsOn(r.Context(), cust, conv)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	out := []map[string]any{}
	for _, lh := range holds {
		out = append(out, legalHoldJSON(lh))
	}
	httpd.WriteJSON(w, http.StatusOK, map[string]any{"held": len(out) > 0, "holds": out})
}

func (h *LegalHoldHandler) handleSet(w http.ResponseWriter, r *http.Request, kind string) {
	var in struct {
		Reason string `json:"reason"`
	}
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	lh, err := h.desk.SetLegalHold(r.Context(), kind, r.PathValue("id"), in.Reason)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, legalHoldJSON(lh))
}

func (h *LegalHoldHandler) handleClear(w http.ResponseWriter, r *http.Request, kind string) {
	var in struct {
		Reason string `json:"reason"`
	}
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	if err := h.desk.ClearLegalHold(r.Context(), kind, r.PathValue("id"), in.Reason); err != nil {
		httpd.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
