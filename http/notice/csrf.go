package notice

import (
	"net/http"
	"time"

	"github.com/proofdesk/proofdesk/http/custpage"
)

// MinKeySize is the minimum size of the CSRF key, in bytes.
const MinKeySize = custpage.MinKeySize

// newCSRF is the page's CSRF token maker (custpage.LinkCSRF, as the
// verification page's): the button stays valid 30 minutes after the page
// was opened.
func newCSRF(key []byte) custpage.LinkCSRF {
	return custpage.LinkCSRF{Key: key, Label: "proofdesk/notice/csrf/v1", Path: "/n/", Prefix: "pd_n_", TTL: 30 * time.Minute}
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
