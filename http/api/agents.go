package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// AgentsHandler serves the agent lifecycle to admins: invite, disable,
// re-enable, remove, change roles, reset passwords and second factors.
// Every change goes through proofdesk.AgentAdmin (desk.Agents), which asks
// proofdesk.Decide, audits, and tells the agent.
type AgentsHandler struct {
	agents proofdesk.AgentService
	admin  proofdesk.AgentAdmin
}

// NewAgentsHandler returns the handler; agents authenticates the bearer
// tokens and lists agents; admin changes them.
func NewAgentsHandler(agents proofdesk.AgentService, admin proofdesk.AgentAdmin) *AgentsHandler {
	return &AgentsHandler{agents: agents, admin: admin}
}

// agentJSON is an agent as the API shows it: never a password hash or a
// second-factor secret.
type agentJSON struct {
	ID          string     `json:"id"`
	Email       string     `json:"email"`
	Name        string     `json:"name"`
	Role        string     `json:"role"`
	Disabled    bool       `json:"disabled"`
	Removed     bool       `json:"removed"`
	RemovedAt   *time.Time `json:"removed_at,omitempty"`
	TOTPEnabled bool       `json:"second_factor"`
	CreatedAt   time.Time  `json:"created_at"`
}

func newAgentJSON(a *proofdesk.Agent) agentJSON {
	return agentJSON{ID: a.ID, Email: a.Email, Name: a.Name, Role: a.Role, Disabled: a.Disabled, Removed: a.RemovedAt != nil,
		RemovedAt: a.RemovedAt, TOTPEnabled: a.TOTPEnabled && a.TOTPSecret != "", CreatedAt: a.CreatedAt}
}

// changeJSON is the answer to a change.
type changeJSON struct {
	Agent         agentJSON `json:"agent"`
	SessionsEnded int       `json:"sessions_ended"`
	TokensRevoked int       `json:"tokens_revoked"`
	// LinkSent reports that a link to set a password was mailed to the
	// agent (through the outbox); the link itself is never returned.
	LinkSent bool `json:"link_sent"`
}

// Register adds, behind bearer-token auth, for admins only:
//
//	GET    /api/v1/agents                      → 200 {"agents":[agent]}
//	POST   /api/v1/agents {"email","name","role"} → 201 change (invited: a link mailed)
//	PATCH  /api/v1/agents/{id} {"role"?, "disabled"?} → 200 change
//	DELETE /api/v1/agents/{id}                 → 200 change (removed)
//	POST   /api/v1/agents/{id}/reset {"password"?: bool, "second_factor"?: bool} → 200 change
//
// Refusals: 403 for a non-admin, 409 (rule "agent.last_admin") when no
// active admin would remain, 409 (rule "agent.removed") for a removed
// agent, 404, 422 naming the field.
func (h *AgentsHandler) Register(r Router) {
	r.Handle("GET /api/v1/agents", authenticated(h.agents, adminOnly(h.handleList)))
	r.Handle("POST /api/v1/agents", authenticated(h.agents, adminOnly(h.handleInvite)))
	r.Handle("PATCH /api/v1/agents/{id}", authenticated(h.agents, adminOnly(h.handleUpdate)))
	r.Handle("DELETE /api/v1/agents/{id}", authenticated(h.agents, adminOnly(h.handleRemove)))
	r.Handle("POST /api/v1/agents/{id}/reset", authenticated(h.agents, adminOnly(h.handleReset)))
}

func (h *AgentsHandler) handleList(w http.ResponseWriter, r *http.Request) {
	as, err := h.agents.FindAgents(r.Context())
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	out := make([]agentJSON, 0, len(as))
	for _, a := range as {
		out = append(out, newAgentJSON(a))
	}
	httpd.WriteJSON(w, http.StatusOK, map[string]any{"agents": out})
}

func writeChange(w http.ResponseWriter, status int, res *proofdesk.AgentChangeResult) {
	httpd.WriteJSON(w, status, changeJSON{Agent: newAgentJSON(res.Agent), SessionsEnded: res.SessionsEnded,
		TokensRevoked: res.TokensRevoked, LinkSent: res.Link != ""})
}

type agentInvite struct {
	Email string `json:"email"`
	Name  string `json:"name"`
	Role  string `json:"role"`
}

func (h *AgentsHandler) handleInvite(w http.ResponseWriter, r *http.Request) {
	var in agentInvite
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	res, err := h.admin.InviteAgent(r.Context(), in.Email, in.Name, strings.TrimSpace(in.Role))
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	writeChange(w, http.StatusCreated, res)
}

type agentUpdate struct {
	Role     *string `json:"role"`
	Disabled *bool   `json:"disabled"`
}

func (h *AgentsHandler) handleUpdate(w http.ResponseWriter, r *http.Request) {
	var in agentUpdate
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	if in.Role == nil && in.Disabled == nil {
		httpd.Error(w, r, proofdesk.FieldError("role", "give role (admin, supervisor or agent) or disabled (true or false)"))
		return
	}
	var res *proofdesk.AgentChangeResult
	var err error
	id := r.PathValue("id")
	if in.Role != nil {
		if res, err = h.admin.ChangeAgent(r.Context(), id, proofdesk.AgentSetRole, strings.TrimSpace(*in.Role)); err != nil {
			httpd.Error(w, r, err)
			return
		}
	}
	if in.Disabled != nil {
		change := proofdesk.AgentEnable
		if *in.Disabled {
			change = proofdesk.AgentDisable
		}
		if res, err = h.admin.ChangeAgent(r.Context(), id, change, ""); err != nil {
			httpd.Error(w, r, err)
			return
		}
	}
	writeChange(w, http.StatusOK, res)
}

func (h *AgentsHandler) handleRemove(w http.ResponseWriter, r *http.Request) {
	res, err := h.admin.ChangeAgent(r.Context(), r.PathValue("id"), proofdesk.AgentRemove, "")
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	writeChange(w, http.StatusOK, res)
}

type agentReset struct {
	Password     bool `json:"password"`
	SecondFactor bool `json:"second_factor"`
}

func (h *AgentsHandler) handleReset(w http.ResponseWriter, r *http.Request) {
	var in agentReset
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	if !in.Password && !in.SecondFactor {
		httpd.Error(w, r, proofdesk.FieldError("password", "say what to reset: password, second_factor or both (true)"))
		return
	}
	var out *proofdesk.AgentChangeResult
	for _, c := range []struct {
		on     bool
		change string
	}{{in.SecondFactor, proofdesk.AgentResetTOTP}, {in.Password, proofdesk.AgentResetPassword}} {
		if !c.on {
			continue
		}
		res, err := h.admin.ChangeAgent(r.Context(), r.PathValue("id"), c.change, "")
		if err != nil {
			httpd.Error(w, r, err)
			return
		}
		if out != nil {
			res.SessionsEnded += out.SessionsEnded
		}
		out = res
	}
	writeChange(w, http.StatusOK, out)
}
