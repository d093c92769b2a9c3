package api

import (
	"context"
	"net/http"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// exporter is what the export routes need from the application
// (desk.Exports).
type exporter interface {
	ExportFromConversation(ctx context.Context, convID string) (*proofdesk.ExportStarted, error)
	ExportFromCustomer(ctx context.Context, custID, reason string) (*proofdesk.ExportStarted, error)
}

// ExportHandler starts exports of a customer's data (the right of
// access). The answer says where the link went, masked; the link and the
// archive never reach the caller.
type ExportHandler struct {
	agents  proofdesk.AgentService
	exports exporter
}

// NewExportHandler returns the handler; agents authenticates the bearer
// tokens.
func NewExportHandler(agents proofdesk.AgentService, e exporter) *ExportHandler {
	return &ExportHandler{agents: agents, exports: e}
}

// Register adds, behind bearer-token auth:
//
//	POST /api/v1/conversations/{id}/export → 202 {"export_id", "sent_to": ["a***@e***.com"], "expires_at"}
//	     a supervisor on a conversation verified to L2: the archive of
//	     the linked customer goes to their settled emails as a one-time
//	     link; 403 for an agent, 403 EVERIFICATION below L2, 423 under a
//	     support lock, 400 without a settled email.
//	POST /api/v1/customers/{id}/export {"reason"} → 202, the same,
//	     outside any conversation: a supervisor's break-glass, audited.
func (h *ExportHandler) Register(r Router) {
	r.Handle("POST /api/v1/conversations/{id}/export", authenticated(h.agents, h.handleConversation))
	r.Handle("POST /api/v1/customers/{id}/export", authenticated(h.agents, h.handleCustomer))
}

func (h *ExportHandler) handleConversation(w http.ResponseWriter, r *http.Request) {
	started, err := h.exports.ExportFromConversation(r.Context(), r.PathValue("id"))
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusAccepted, started)
}

func (h *ExportHandler) handleCustomer(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Reason string `json:"reason"`
	}
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	started, err := h.exports.ExportFromCustomer(r.Context(), r.PathValue("id"), in.Reason)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusAccepted, started)
}
