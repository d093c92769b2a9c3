package api

import (
	"net/http"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// BrandingHandler serves the branding of customer-facing pages and email
// to admins.
type BrandingHandler struct {
	agents   proofdesk.AgentService
	branding proofdesk.BrandingService
}

// NewBrandingHandler returns the handler; agents authenticates the bearer
// tokens.
func NewBrandingHandler(agents proofdesk.AgentService, branding proofdesk.BrandingService) *BrandingHandler {
	return &BrandingHandler{agents: agents, branding: branding}
}

// Register adds, behind bearer-token auth, for admins only:
//
//	GET /api/v1/settings/branding → 200 {"company","logo_url","primary_color"}
//	PUT /api/v1/settings/branding   the same → 200, or 400 naming the field
//
// A PUT replaces the branding (audited as settings.branding).
func (h *BrandingHandler) Register(r Router) {
	r.Handle("GET /api/v1/settings/branding", authenticated(h.agents, adminOnly(h.handleShow)))
	r.Handle("PUT /api/v1/settings/branding", authenticated(h.agents, adminOnly(h.handleUpdate)))
}

func (h *BrandingHandler) handleShow(w http.ResponseWriter, r *http.Request) {
	b, err := h.branding.FindBranding(r.Context())
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, b)
}

func (h *BrandingHandler) handleUpdate(w http.ResponseWriter, r *http.Request) {
	var in proofdesk.Branding
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	if err := h.branding.UpdateBranding(r.Context(), &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, in)
}
