package api

import (
	"net/http"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// PolicyHandler serves the installation's policy to admins.
type PolicyHandler struct {
	agents proofdesk.AgentService
	policy proofdesk.PolicyService
}

// NewPolicyHandler returns the handler; agents authenticates the bearer
// tokens.
func NewPolicyHandler(agents proofdesk.AgentService, policy proofdesk.PolicyService) *PolicyHandler {
	return &PolicyHandler{agents: agents, policy: policy}
}

// Register adds, behind bearer-token auth, for admins only:
//
//	GET /api/v1/policy → 200 PolicyDocument (every entry spelled out)
//	PUT /api/v1/policy   PolicyDocument → 200 PolicyDocument, or 400 naming the entry
//
// A PUT replaces the policy: entries left out take their defaults, and
// custom attributes left out are protected at L1.
func (h *PolicyHandler) Register(r Router) {
	r.Handle("GET /api/v1/policy", authenticated(h.agents, adminOnly(h.handleShow)))
	r.Handle("PUT /api/v1/policy", authenticated(h.agents, adminOnly(h.handleUpdate)))
}

func (h *PolicyHandler) handleShow(w http.ResponseWriter, r *http.Request) {
	p, err := h.policy.FindPolicy(r.Context())
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, proofdesk.NewPolicyDocument(p))
}

func (h *PolicyHandler) handleUpdate(w http.ResponseWriter, r *http.Request) {
	var in proofdesk.PolicyDocument
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	p, err := in.Policy()
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	if err := h.policy.UpdatePolicy(r.Context(), p); err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, proofdesk.NewPolicyDocument(p))
}
