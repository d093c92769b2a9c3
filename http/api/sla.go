package api

import (
	"context"
	"net/http"
	"time"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// SLAHandler serves the service-level configuration (admins) and a
// conversation's SLA clocks.
type SLAHandler struct {
	agents proofdesk.AgentService
	desk   slaDesk
}

// slaDesk is desk.Desk's SLA use cases.
type slaDesk interface {
	SLAConfig(ctx context.Context) (*proofdesk.SLAConfig, error)
	// SetSLAConfig returns EINVALID for a bad priority or schedule.
	SetSLAConfig(ctx context.Context, c *proofdesk.SLAConfig) error
	// ConversationSLA returns the gate's refusal or ENOTFOUND.
	ConversationSLA(ctx context.Context, convID string) (string, proofdesk.SLAState, error)
}

// NewSLAHandler returns the handler; desk decides.
func NewSLAHandler(agents proofdesk.AgentService, desk slaDesk) *SLAHandler {
	return &SLAHandler{agents: agents, desk: desk}
}

// Register adds, behind bearer-token auth:
//
//	GET /api/v1/sla                                  → 200 {"targets","hours","escalation"} (admins)
//	PUT /api/v1/sla {"targets","hours","escalation"} → 200 the configuration (admins)
//	GET /api/v1/conversations/{id}/sla  → 200 the conversation's clocks
func (h *SLAHandler) Register(r Router) {
	r.Handle("GET /api/v1/sla", authenticated(h.agents, h.handleShow))
	r.Handle("PUT /api/v1/sla", authenticated(h.agents, h.handleUpdate))
	r.Handle("GET /api/v1/conversations/{id}/sla", authenticated(h.agents, h.handleConversation))
}

type slaTargetsJSON struct {
	FirstResponse int64 `json:"first_response_seconds"`
	NextResponse  int64 `json:"next_response_seconds"`
	Resolution    int64 `json:"resolution_seconds"`
}

type slaConfigJSON struct {
	Targets map[string]slaTargetsJSON          `json:"targets"`
	Hours   map[string]proofdesk.SLAHoursInput `json:"hours"`
	// Escalation is by priority; omitted on PUT: none.
	Escalation map[string]proofdesk.SLAEscalation `json:"escalation"`
}

func newSLAConfigJSON(c *proofdesk.SLAConfig) slaConfigJSON {
	out := slaConfigJSON{Targets: map[string]slaTargetsJSON{}, Hours: c.Hours, Escalation: c.Escalation}
	if out.Escalation == nil {
		out.Escalation = map[string]proofdesk.SLAEscalation{}
	}
	for p, t := range c.Targets {
		out.Targets[p] = slaTargetsJSON{int64(t.FirstResponse / time.Second), int64(t.NextResponse / time.Second), int64(t.Resolution / time.Second)}
	}
	if out.Hours == nil {
		out.Hours = map[string]proofdesk.SLAHoursInput{}
	}
	return out
}

func (h *SLAHandler) handleShow(w http.ResponseWriter, r *http.Request) {
	c, err := h.desk.SLAConfig(r.Context())
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, newSLAConfigJSON(c))
}

func (h *SLAHandler) handleUpdate(w http.ResponseWriter, r *http.Request) {
	var in slaConfigJSON
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	c := &proofdesk.SLAConfig{Targets: map[string]proofdesk.SLATargets{}, Hours: in.Hours, Escalation: in.Escalation}
	for p, t := range in.Targets {
		c.Targets[p] = proofdesk.SLATargets{FirstResponse: time.Duration(t.FirstResponse) * time.Second,
			NextResponse: time.Duration(t.NextResponse) * time.Second, Resolution: time.Duration(t.Resolution) * time.Second}
	}
	if err := h.desk.SetSLAConfig(r.Context(), c); err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, newSLAConfigJSON(c))
}

type slaClockJSON struct {
	TargetSeconds    int64      `json:"target_seconds"`
	ElapsedSeconds   int64      `json:"elapsed_seconds"`
	RemainingSeconds int64      `json:"remaining_seconds"`
	Due              *time.Time `json:"due"`
	Met              bool       `json:"met"`
	Breached         bool       `json:"breached"`
	Paused           bool       `json:"paused"`
}

func clockJSON(c *proofdesk.SLAClock) *slaClockJSON {
	if c == nil {
		return nil
	}
	return &slaClockJSON{int64(c.Target / time.Second), int64(c.Elapsed / time.Second), int64(c.Remaining / time.Second), c.Due, c.Met, c.Breached, c.Paused}
}

func (h *SLAHandler) handleConversation(w http.ResponseWriter, r *http.Request) {
	p, st, err := h.desk.ConversationSLA(r.Context(), r.PathValue("id"))
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, map[string]any{"priority": p, "first_response": clockJSON(st.FirstResponse),
		"next_response": clockJSON(st.NextResponse), "resolution": clockJSON(st.Resolution)})
}
