package api

import (
	"context"
	"net/http"
	"time"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// eraser is desk.Desk's erasure (proofdesk.Decide, DoErase).
type eraser interface {
	RequestErasure(ctx context.Context, customerID, reason, legalBasis string) (*proofdesk.ErasureResult, error)
}

// EraseHandler erases customers by crypto-shredding.
type EraseHandler struct {
	agents proofdesk.AgentService
	desk   eraser
}

// NewEraseHandler returns the handler.
func NewEraseHandler(agents proofdesk.AgentService, d eraser) *EraseHandler {
	return &EraseHandler{agents: agents, desk: d}
}

// Register adds, behind bearer-token auth:
//
//	POST /api/v1/customers/{id}/erase {"reason", "legal_basis"?}: a
//	     supervisor's or an admin's action (403 otherwise; 400 without a
//	     reason). With a legal_basis → 200 {"status": "erased",
//	     "customer_id", "conversations", "keys_destroyed", "removed":
//	     {table: rows}}; without → 202 {"status": "pending", "request_id",
//	     "expires_at", "sent_to"}: the owner confirms through the link sent
//	     to their settled on-file contact points. 423 under a support
//	     lock, 409 under a legal hold (rule "hold.legal") or when already
//	     erased, 403 (rule "erase.two_person") for whoever cleared a legal
//	     hold covering the customer in the last
//	     proofdesk.TwoPersonWindow (another supervisor must erase), 404
//	     for an unknown customer.
func (h *EraseHandler) Register(r Router) {
	r.Handle("POST /api/v1/customers/{id}/erase", authenticated(h.agents, h.handleErase))
}

func (h *EraseHandler) handleErase(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Reason     string `json:"reason"`
		LegalBasis string `json:"legal_basis"`
	}
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	res, err := h.desk.RequestErasure(r.Context(), r.PathValue("id"), in.Reason, in.LegalBasis)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	if e := res.Erasure; e != nil {
		removed := map[string]int{}
		for k, v := range e.Removed {
			removed[k] = v
		}
		httpd.WriteJSON(w, http.StatusOK, map[string]any{"status": "erased", "customer_id": e.CustomerID, "conversations": len(e.Conversations),
			"keys_destroyed": e.KeysDestroyed, "removed": removed})
		return
	}
	q := res.Request
	httpd.WriteJSON(w, http.StatusAccepted, map[string]any{"status": "pending", "request_id": q.ID,
		"expires_at": q.ExpiresAt.UTC().Format(time.RFC3339), "sent_to": q.SentTo})
}
