package verifypage

import (
	"net/http"
	"time"

	"github.com/proofdesk/proofdesk/http/custpage"
)

// newCSRF is the page's CSRF token maker (custpage.LinkCSRF). Its forms
// stay valid 30 minutes, outliving the request (10 minutes) so that a late
// press shows "expired", not "open again".
func newCSRF(key []byte) custpage.LinkCSRF {
	return custpage.LinkCSRF{Key: key, Label: "proofdesk/verifypage/csrf/v1", Path: "/v/", Prefix: "pd_v_", TTL: 30 * time.Minute}
}

// issueCSRF sets the cookie and returns the value for the hidden field.
func (h *Handler) issueCSRF(w http.ResponseWriter, token string) string {
	return h.csrf.Issue(w, token, h.Now(), h.SecureCookies)
}

// validCSRF checks that the form field and the cookie are the same and
// carry a valid, unexpired signature for this link.
func (h *Handler) validCSRF(r *http.Request, token string) bool {
	return h.csrf.Check(r, token, h.Now())
}
