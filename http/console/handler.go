// Package console serves the agents' HTML console, authenticated by a
// server-side session cookie with a CSRF token checked on every POST. For
// now it holds sign-in and sign-out.
package console

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	httpd "github.com/proofdesk/proofdesk/http"
)

//go:embed templates/*.html
var templateFS embed.FS

// views are the page templates, each parsed with the layout at startup.
var viewNames = []string{"login", "home", "error"}

// CSP is the Content-Security-Policy of console pages: own resources only,
// no inline script, forms post only to the console, never framed.
const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// DefaultSessionTTL is how long a console session lasts.
const DefaultSessionTTL = 12 * time.Hour

// Router is where the console registers its routes; *http.Server of
// package http and *net/http.ServeMux both are one.
type Router interface {
	Handle(pattern string, h http.Handler)
}

// Handler serves the console.
type Handler struct {
	// AllowNo2FA lets admins sign in without TOTP (demo only).
	AllowNo2FA bool
	// SessionTTL is the session lifetime; NewHandler sets DefaultSessionTTL.
	SessionTTL time.Duration
	// Now is the clock; NewHandler sets time.Now.
	Now func() time.Time

	agents   proofdesk.AgentService
	throttle *auth.Throttle
	totp     *auth.TOTPVerifier
	views    map[string]*template.Template
}

// NewHandler returns the console handler. throttle limits failed sign-ins;
// nil means auth.NewThrottle(auth.DefaultThrottleConfig()). It panics if a
// template does not parse (they are embedded, so a test catches it).
func NewHandler(agents proofdesk.AgentService, throttle *auth.Throttle) *Handler {
	if throttle == nil {
		throttle = auth.NewThrottle(auth.DefaultThrottleConfig())
	}
	h := &Handler{
		SessionTTL: DefaultSessionTTL, Now: time.Now,
		agents: agents, throttle: throttle, totp: auth.NewTOTPVerifier(),
		views: map[string]*template.Template{},
	}
	for _, name := range viewNames {
		h.views[name] = template.Must(template.ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html"))
	}
	return h
}

// Register adds the console routes to r.
func (h *Handler) Register(r Router) {
	r.Handle("GET /login", http.HandlerFunc(h.handleLoginShow))
	r.Handle("POST /login", http.HandlerFunc(h.handleLogin))
	r.Handle("POST /logout", h.requireSession(h.requireCSRF(http.HandlerFunc(h.handleLogout))))
	r.Handle("GET /{$}", h.requireSession(http.HandlerFunc(h.handleHome)))
}

// render writes the named view with status. It panics for an unknown
// view: a programming error.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	t, ok := h.views[name]
	if !ok {
		panic("console: no view " + name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		httpd.ReportError(r, err)
		status, buf = http.StatusInternalServerError, *bytes.NewBufferString("Internal error.\n")
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	} else {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	}
	w.Header().Set("Content-Security-Policy", CSP)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// renderError shows err on an error page with the status its code maps to;
// internal errors show "Internal error." and are logged once.
func (h *Handler) renderError(w http.ResponseWriter, r *http.Request, err error) {
	httpd.ReportError(r, err)
	status := httpd.ErrorStatus(proofdesk.ErrorCode(err))
	h.render(w, r, status, "error", map[string]string{
		"Title": http.StatusText(status), "Message": proofdesk.ErrorMessage(err),
	})
}

func (h *Handler) handleHome(w http.ResponseWriter, r *http.Request) {
	sess := sessionFromContext(r.Context())
	h.render(w, r, http.StatusOK, "home", map[string]any{
		"Agent": proofdesk.AgentFromContext(r.Context()), "CSRFToken": sess.CSRFToken,
	})
}
