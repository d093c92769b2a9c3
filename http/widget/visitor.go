package widget

import (
	"net/http"

	httpd "github.com/proofdesk/proofdesk/http"
)

// handleVisitorCreate serves POST /widget/v1/visitors: a new visitor and
// its token, shown this once; the store keeps only the token's hash.
func (h *Handler) handleVisitorCreate(w http.ResponseWriter, r *http.Request) {
	token, hash := newVisitorToken()
	if _, err := h.visitors.CreateVisitor(r.Context(), hash); err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusCreated, map[string]string{"visitor_token": token})
}
