package api

import (
	"context"
	"net/http"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// RetentionHandler serves the retention rules and the "run now" of admins.
type RetentionHandler struct {
	agents proofdesk.AgentService
	desk   retentionDesk
}

// retentionDesk is desk.Desk's retention use cases; each asks Decide
// (DoAdminister).
type retentionDesk interface {
	RetentionConfig(ctx context.Context) (*proofdesk.RetentionConfig, error)
	// SetRetentionConfig returns EINVALID naming "body_days" or
	// "customer_months".
	SetRetentionConfig(ctx context.Context, c *proofdesk.RetentionConfig) error
	// RunRetention returns ECONFLICT while another run holds the schedule.
	RunRetention(ctx context.Context) (*proofdesk.RetentionRun, error)
}

// NewRetentionHandler returns the handler; agents authenticates the
// bearer tokens, desk decides.
func NewRetentionHandler(agents proofdesk.AgentService, desk retentionDesk) *RetentionHandler {
	return &RetentionHandler{agents: agents, desk: desk}
}

// Register adds, behind bearer-token auth, for admins only:
//
//	GET  /api/v1/settings/retention → 200 {"body_days":{channel:days},"customer_months"}
//	PUT  /api/v1/settings/retention   the same → 200, or 400 naming the field (audited as settings.retention)
//	POST /api/v1/settings/retention/run → 200 the run's counts, or 409 while a run is in progress
func (h *RetentionHandler) Register(r Router) {
	r.Handle("GET /api/v1/settings/retention", authenticated(h.agents, h.handleShow))
	r.Handle("PUT /api/v1/settings/retention", authenticated(h.agents, h.handleUpdate))
	r.Handle("POST /api/v1/settings/retention/run", authenticated(h.agents, h.handleRun))
}

func (h *RetentionHandler) handleShow(w http.ResponseWriter, r *http.Request) {
	c, err := h.desk.RetentionConfig(r.Context())
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, c)
}

func (h *RetentionHandler) handleUpdate(w http.ResponseWriter, r *http.Request) {
	var in proofdesk.RetentionConfig
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	if err := h.desk.SetRetentionConfig(r.Context(), &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, in)
}

func (h *RetentionHandler) handleRun(w http.ResponseWriter, r *http.Request) {
	run, err := h.desk.RunRetention(r.Context())
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, run)
}
