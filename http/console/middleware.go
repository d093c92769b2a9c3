package console

import (
	"context"
	"net/http"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
)

// Cookie names.
const (
	sessionCookie   = "proofdesk_session"
	loginCSRFCookie = "proofdesk_login_csrf"
	csrfFormField   = "csrf_token"
)

type sessionKey struct{}

// sessionFromContext returns the console session of the request.
func sessionFromContext(ctx context.Context) *proofdesk.Session {
	s, _ := ctx.Value(sessionKey{}).(*proofdesk.Session)
	return s
}

// currentSession returns the session and agent of the request's cookie,
// or nil when there is none, it expired or its agent is disabled.
func (h *Handler) currentSession(r *http.Request) (*proofdesk.Session, *proofdesk.Agent, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || !auth.ValidSessionIDFormat(c.Value) {
		return nil, nil, nil
	}
	sess, err := h.agents.FindSession(r.Context(), auth.HashToken(c.Value), h.Now())
	if proofdesk.ErrorCode(err) == proofdesk.EUNAUTHORIZED || proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		return nil, nil, nil
	} else if err != nil {
		return nil, nil, err
	}
	agent, err := h.agents.FindAgentByID(r.Context(), sess.AgentID)
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		return nil, nil, nil
	} else if err != nil {
		return nil, nil, err
	}
	if agent.Disabled {
		_ = h.agents.DeleteSession(r.Context(), sess.ID)
		return nil, nil, nil
	}
	return sess, agent, nil
}

// requireSession lets signed-in agents through, with the agent and the
// session in the context, and sends everyone else to the sign-in page.
func (h *Handler) requireSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, agent, err := h.currentSession(r)
		if err != nil {
			h.renderError(w, r, err)
			return
		}
		if sess == nil {
			_, had := r.Cookie(sessionCookie)
			h.clearCookie(w, r, sessionCookie, "/")
			if r.Header.Get("X-Proofdesk-Live") != "" || r.Header.Get("Accept") == "text/event-stream" {
				// Scripts learn of the expiry and send the page to sign-in.
				setPageHeaders(w)
				http.Error(w, "session expired", http.StatusUnauthorized)
				return
			}
			to := "/login"
			if had == nil {
				to = "/login?expired=1"
			}
			http.Redirect(w, r, to, http.StatusSeeOther)
			return
		}
		ctx := proofdesk.NewContextWithAgent(r.Context(), agent)
		ctx = context.WithValue(ctx, sessionKey{}, sess)
		r = r.WithContext(ctx)
		h.touch(r) // the inactivity clock of the agent's availability
		next.ServeHTTP(w, r)
	})
}

// requireAdmin lets only admins through. It must run inside requireSession.
func (h *Handler) requireAdmin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		in := proofdesk.DecisionInput{Action: proofdesk.DoAdminister, Actor: proofdesk.ActorOf(proofdesk.AgentFromContext(r.Context()))}
		if d := proofdesk.Decide(in); !d.Allowed {
			h.renderError(w, r, proofdesk.Errorf(proofdesk.EFORBIDDEN, "This page is for admins."))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// errCSRF is the answer to a POST without the right CSRF token.
var errCSRF = proofdesk.Errorf(proofdesk.EFORBIDDEN, "This form has expired or did not come from Proofdesk. Go back, reload the page and try again.")

// requireCSRF checks the session's synchronizer token on state-changing
// requests. It must run inside requireSession.
func (h *Handler) requireCSRF(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			sess := sessionFromContext(r.Context())
			if sess == nil || !auth.CheckCSRF(sess.CSRFToken, r.PostFormValue(csrfFormField)) {
				h.renderError(w, r, errCSRF)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// setCookie sets a console cookie: HttpOnly, SameSite=Strict, and Secure
// when the request came over TLS or the public base URL is https (behind a
// TLS-terminating proxy r.TLS is nil).
func (h *Handler) setCookie(w http.ResponseWriter, r *http.Request, name, value, path string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: value, Path: path, MaxAge: maxAge,
		HttpOnly: true, Secure: r.TLS != nil || h.SecureCookies, SameSite: http.SameSiteStrictMode,
	})
}

func (h *Handler) clearCookie(w http.ResponseWriter, r *http.Request, name, path string) {
	h.setCookie(w, r, name, "", path, -1)
}
