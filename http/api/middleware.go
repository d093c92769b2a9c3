package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	httpd "github.com/proofdesk/proofdesk/http"
)

var errNoToken = proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Missing or invalid API token: send Authorization: Bearer <token>.")

// requireToken authenticates the bearer token and puts its agent in the
// context. A missing, malformed, unknown or disabled agent's token is 401;
// an integration token is 403 (proofdesk.Decide, DoConversation): it syncs
// customers and acts on no conversation.
func (h *Handler) requireToken(next http.Handler) http.Handler {
	return h.authenticate(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		in := proofdesk.DecisionInput{Action: proofdesk.DoConversation, Actor: proofdesk.ActorOf(proofdesk.AgentFromContext(r.Context())), Now: h.now()}
		if d := proofdesk.Decide(in); !d.Allowed {
			httpd.Error(w, r, d.Err(in))
			return
		}
		next.ServeHTTP(w, r)
	}))
}

// requireCustomerToken is requireToken for the customer routes, which
// the integration token may use too (the store decides each change).
func (h *Handler) requireCustomerToken(next http.Handler) http.Handler {
	return h.authenticate(next)
}

func (h *Handler) now() time.Time {
	if h.Now != nil {
		return h.Now()
	}
	return time.Now()
}

// authenticate puts the bearer token's agent (or integration) in the
// context, or answers 401.
func (h *Handler) authenticate(next http.Handler) http.Handler {
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
