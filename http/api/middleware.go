package api

import (
	"net/http"
	"strings"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	httpd "github.com/proofdesk/proofdesk/http"
)

var errNoToken = proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Missing or invalid API token: send Authorization: Bearer <token>.")

// requireToken authenticates the bearer token and puts its agent in the
// context. A missing, malformed, unknown or disabled agent's token is 401.
func (h *Handler) requireToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
		token = strings.TrimSpace(token)
		if !ok || !strings.EqualFold(scheme, "Bearer") || !auth.ValidTokenFormat(token) {
			unauthorized(w, r, errNoToken)
			return
		}
		agent, err := h.agents.FindAgentByTokenHash(r.Context(), auth.HashToken(token))
		if err != nil {
			if proofdesk.ErrorCode(err) == proofdesk.EUNAUTHORIZED || proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
				err = errNoToken
			}
			unauthorized(w, r, err)
			return
		}
		if agent.Disabled {
			unauthorized(w, r, errNoToken)
			return
		}
		next.ServeHTTP(w, r.WithContext(proofdesk.NewContextWithAgent(r.Context(), agent)))
	})
}

func unauthorized(w http.ResponseWriter, r *http.Request, err error) {
	if proofdesk.ErrorCode(err) == proofdesk.EUNAUTHORIZED {
		w.Header().Set("WWW-Authenticate", `Bearer realm="proofdesk"`)
	}
	httpd.Error(w, r, err)
}
