package api

import (
	"context"
	"net/http"
	"time"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// PauseHandler serves an agent's pause (the guard is no oracle: too many
// blocked replies and exact-value lookups in an hour pause the agent's
// replies and lookups).
type PauseHandler struct {
	agents proofdesk.AgentService
	desk   pauses
}

// pauses reads and clears agents' pauses.
type pauses interface {
	// PausedUntil returns the zero time when the agent is not paused;
	// EFORBIDDEN for anyone but the agent and a supervisor.
	PausedUntil(ctx context.Context, agentID string) (time.Time, error)
	// ClearPause returns EFORBIDDEN for anyone but a supervisor,
	// EINVALID for a missing reason, ENOTFOUND for an unknown agent.
	ClearPause(ctx context.Context, agentID, reason string) error
}

// NewPauseHandler returns the handler; agents authenticates the bearer
// tokens; desk decides.
func NewPauseHandler(agents proofdesk.AgentService, desk pauses) *PauseHandler {
	return &PauseHandler{agents: agents, desk: desk}
}

// Register adds, behind bearer-token auth:
//
//	GET    /api/v1/agents/{id}/pause  → 200 {"paused": bool, "paused_until": RFC 3339 or null}
//	DELETE /api/v1/agents/{id}/pause  {"reason"} → 204 (supervisors)
func (h *PauseHandler) Register(r Router) {
	r.Handle("GET /api/v1/agents/{id}/pause", authenticated(h.agents, h.handleShow))
	r.Handle("DELETE /api/v1/agents/{id}/pause", authenticated(h.agents, h.handleClear))
}

func (h *PauseHandler) handleShow(w http.ResponseWriter, r *http.Request) {
	until, err := h.desk.PausedUntil(r.Context(), r.PathValue("id"))
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	out := map[string]any{"paused": !until.IsZero(), "paused_until": nil}
	if !until.IsZero() {
		out["paused_until"] = until.UTC().Format(time.RFC3339)
	}
	httpd.WriteJSON(w, http.StatusOK, out)
}

func (h *PauseHandler) handleClear(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Reason string `json:"reason"`
	}
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	if err := h.desk.ClearPause(r.Context(), r.PathValue("id"), in.Reason); err != nil {
		httpd.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
