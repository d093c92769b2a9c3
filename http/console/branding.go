package console

import (
	"net/http"

	"github.com/proofdesk/proofdesk"
)

// adminBrandingPage is Admin → Settings → Branding: the business's name,
// logo and colour on every customer-facing page and email.
type adminBrandingPage struct {
	page
	B     proofdesk.Branding
	Field string // the field an error names
}

func (h *Handler) handleAdminBranding(w http.ResponseWriter, r *http.Request) {
	if h.d.Branding == nil {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.EINTERNAL, "branding service is not configured"))
		return
	}
	b, err := h.d.Branding.FindBranding(r.Context())
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "admin_branding", adminBrandingPage{page: h.newPage(r, "Branding", "admin"), B: *b})
}

func (h *Handler) handleAdminBrandingUpdate(w http.ResponseWriter, r *http.Request) {
	if h.d.Branding == nil {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.EINTERNAL, "branding service is not configured"))
		return
	}
	b := proofdesk.Branding{Company: r.PostFormValue("company"), LogoURL: r.PostFormValue("logo_url"), PrimaryColor: r.PostFormValue("primary_color")}
	if err := h.d.Branding.UpdateBranding(r.Context(), &b); err != nil {
		if proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			h.renderError(w, r, err)
			return
		}
		p := adminBrandingPage{page: h.newPage(r, "Branding", "admin"), B: b}
		p.Error = proofdesk.ErrorMessage(err)
		if e, ok := err.(*proofdesk.Error); ok {
			p.Field = e.Field
		}
		h.render(w, r, http.StatusUnprocessableEntity, "admin_branding", p)
		return
	}
	http.Redirect(w, r, "/admin/branding?done=branding", http.StatusSeeOther)
}
