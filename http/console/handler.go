// Package console serves the agents' HTML console, authenticated by a
// server-side session cookie with a CSRF token checked on every POST.
//
// Pages are rendered on the server with html/template from embedded
// templates; a small plain script (static/console.js) swaps live regions
// when the server-sent event stream says something changed. Every customer
// value shown goes through proofdesk.NewCustomerView, masked; a value is
// shown in clear only in the response to a reveal, which
// VerificationService.Reveal allows and audits.
package console

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	httpd "github.com/proofdesk/proofdesk/http"
)

//go:embed templates/*.html
var templateFS embed.FS

// viewNames are the page templates, each parsed with the layout at startup.
var viewNames = []string{
	"login", "enrol", "home", "error", "inbox", "conversation", "customer",
	"admin_agents", "admin_tokens", "admin_policy", "admin_settings", "admin_branding", "admin_audit", "admin_outbox",
	"admin_work", "reports", "invite", "customer_new", "customer_edit", "macros", "admin_retention",
}

// CSP is the Content-Security-Policy of console pages: own resources only
// (and data: images, for the enrolment QR code), no inline script or
// style, forms post only to the console, never framed.
const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// DefaultSessionTTL is how long a console session lasts.
const DefaultSessionTTL = 12 * time.Hour

// Router is where the console registers its routes; *http.Server of
// package http and *net/http.ServeMux both are one.
type Router interface {
	Handle(pattern string, h http.Handler)
}

// PostMessageFunc stores an agent's message on a conversation through the
// same path as POST /api/v1/conversations/{id}/messages, so the disclosure
// guard applies to console replies too (api.Handler.PostMessage is one).
// A blocked reply returns an EDISCLOSURE error with Details "rule",
// "class" and "required_level".
type PostMessageFunc func(ctx context.Context, conversationID, body string, internal bool, clientID string, files []*proofdesk.Attachment) (*proofdesk.Message, error)

// DeskActions are the use cases of package desk the console runs;
// desk.Desk is one.
type DeskActions interface {
	// RemoveSupportLock returns the gate's refusal (EFORBIDDEN,
	// EVERIFICATION, ECONFLICT) or EINVALID for a missing reason.
	RemoveSupportLock(ctx context.Context, conversationID, reason string) error
	// Reveal returns the gate's refusal (EVERIFICATION with
	// "required_level", EFORBIDDEN) or EINVALID.
	Reveal(ctx context.Context, conversationID, field, reason string, breakGlass bool) (string, error)
	// LookupCustomers finds customers by an exact email or phone: each
	// answer confirms a guess, so it is audited and counted per agent
	// and refused (EFORBIDDEN, rule "oracle.paused") while the agent is
	// paused.
	LookupCustomers(ctx context.Context, f proofdesk.CustomerFilter) ([]*proofdesk.Customer, int, error)
}

// Deps are the services the console uses. Agents is required; the others
// may be nil only in the sign-in-only setup of NewHandler.
type Deps struct {
	Agents        proofdesk.AgentService
	Customers     proofdesk.CustomerService
	Conversations proofdesk.ConversationService
	Audit         proofdesk.AuditService
	Verification  proofdesk.VerificationService
	// Desk runs the use cases of package desk (reveal, unlock).
	Desk   DeskActions
	Policy proofdesk.PolicyService
	Outbox proofdesk.OutboxService
	// Branding is shown and edited under Admin → Branding; nil hides it.
	Branding proofdesk.BrandingService
	// AgentAdmin is the agent lifecycle (desk.Agents): Admin → Agents'
	// changes and the /invite/{token} page; nil leaves both out.
	AgentAdmin proofdesk.AgentAdmin
	// Channels are the channel settings of Admin → Channels; nil shows
	// Settings read-only.
	Channels proofdesk.ChannelSettingsService
	// ImportCustomers imports an uploaded file as `proofdesk customers
	// import` does; nil leaves the console's import out.
	ImportCustomers ImportFunc
	// Events feeds live updates; nil falls back to the stream polling the
	// store every PollInterval.
	Events proofdesk.EventService
	// PostMessage posts agent replies and notes; it must run the reply guard.
	PostMessage PostMessageFunc
	// Macros are the canned replies and macros (desk.Desk); nil offers
	// Settings.CannedReplies, read-only, instead.
	Macros MacroActions
	// Search finds conversations by the words of their subjects and
	// messages (desk.Desk); nil searches the subjects on the page only.
	Search SearchActions
	// Merge merges two conversations of one customer (desk.Desk); nil
	// offers no merge.
	Merge MergeActions
	// Exports starts customer exports (desk.Exports); nil offers none.
	Exports ExportActions
	// LegalHolds are legal holds on customers and conversations
	// (desk.Desk); nil shows and offers none.
	LegalHolds LegalHoldActions
	// Erasure erases customers (desk.Desk); nil offers no erasure.
	Erasure ErasureActions
	// Notifications are each agent's notification settings and the
	// mentions' notices (desk.Desk); nil keeps settings in the browser
	// only and publishes mentions live only.
	Notifications NotificationActions
	// Throttle limits failed sign-ins; nil means the default throttle.
	Throttle *auth.Throttle
	// TOTPSteps remembers accepted TOTP steps so a code is refused when
	// replayed; nil keeps them in memory (one node). Nodes sharing one
	// database pass the store (*sqldb.DB).
	TOTPSteps auth.TOTPStepStore
	// EnrolKey keys the tickets of the sign-in enrolment form (32 bytes);
	// nil means a random key of this process, so a ticket issued by one
	// node would fail on another: nodes pass the installation's secret.
	EnrolKey []byte
	// Reads remembers what each agent opened, for unread marks; nil keeps
	// it in memory (one node).
	Reads ReadStore
	// Reports computes the reports page (supervisors and admins); desk.Desk
	// is one. Nil shows an error on /reports.
	Reports ReportSource
	// Retention is Admin → Retention: the rules and "Run now"
	// (desk.Desk); nil leaves the page out.
	Retention RetentionActions
	// SLA gives the inbox's time-left column and sort (desk.Desk is
	// one); nil leaves them out.
	SLA InboxSLASource
	// Settings are shown read-only on the admin channel page.
	Settings Settings
	// Logger receives errors of the live stream; nil discards them.
	Logger *slog.Logger
}

// Handler serves the console.
type Handler struct {
	// AllowNo2FA lets admins sign in without TOTP (demo only).
	AllowNo2FA bool
	// SecureCookies marks every console cookie Secure; set it when the
	// public base URL is https (a TLS-terminating proxy in front).
	SecureCookies bool
	// PhoneRegion is the region (ISO 3166-1 alpha-2) of phone numbers
	// typed without a country code (the --default-region); "" refuses them.
	PhoneRegion string
	// SessionTTL is the session lifetime; New sets DefaultSessionTTL.
	SessionTTL time.Duration
	// Now is the clock; New sets time.Now.
	Now func() time.Time
	// PollInterval is how often a live stream checks the store for changes
	// nobody published an event for; New sets 2 seconds.
	PollInterval time.Duration

	d        Deps
	agents   proofdesk.AgentService
	throttle *auth.Throttle
	totp     *auth.TOTPVerifier
	views    map[string]*template.Template
	static   *staticFiles
	reads    ReadStore
	enrolKey []byte
}

// NewHandler returns a console that only signs agents in and out. It is
// New(Deps{Agents: agents, Throttle: throttle}).
func NewHandler(agents proofdesk.AgentService, throttle *auth.Throttle) *Handler {
	return New(Deps{Agents: agents, Throttle: throttle})
}

// New returns the console handler. It panics if a template does not parse
// (they are embedded, so a test catches it).
func New(d Deps) *Handler {
	if d.Throttle == nil {
		d.Throttle = auth.NewThrottle(auth.DefaultThrottleConfig())
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	d.Settings = d.Settings.withDefaults()
	h := &Handler{
		SessionTTL: DefaultSessionTTL, Now: time.Now, PollInterval: 2 * time.Second,
		d: d, agents: d.Agents, throttle: d.Throttle, totp: auth.NewTOTPVerifier(d.TOTPSteps),
		views: map[string]*template.Template{}, static: newStaticFiles(),
		reads: d.Reads, enrolKey: d.EnrolKey,
	}
	if h.reads == nil {
		h.reads = newMemReads()
	}
	if len(h.enrolKey) == 0 {
		h.enrolKey = randomKey()
	}
	funcs := h.funcs()
	for _, name := range viewNames {
		h.views[name] = template.Must(template.New("").Funcs(funcs).ParseFS(templateFS,
			"templates/layout.html", "templates/partials.html", "templates/work.html", "templates/"+name+".html"))
	}
	return h
}

// full reports whether the console has the services of a full desk, not
// just sign-in.
func (h *Handler) full() bool { return h.d.Conversations != nil && h.d.Customers != nil }

// Register adds the console routes to r.
func (h *Handler) Register(r Router) {
	auth := func(fn http.HandlerFunc) http.Handler { return h.requireSession(h.requireCSRF(fn)) }
	admin := func(fn http.HandlerFunc) http.Handler { return h.requireSession(h.requireAdmin(h.requireCSRF(fn))) }

	r.Handle("GET /static/{file}", http.HandlerFunc(h.static.serve))
	r.Handle("GET /login", http.HandlerFunc(h.handleLoginShow))
	r.Handle("POST /login", http.HandlerFunc(h.handleLogin))
	r.Handle("POST /login/enrol", http.HandlerFunc(h.handleLoginEnrol))
	r.Handle("POST /logout", auth(h.handleLogout))
	r.Handle("GET /{$}", auth(h.handleHome))
	r.Handle("GET /account/2fa", auth(h.handleEnrolShow))
	r.Handle("POST /account/2fa", auth(h.handleEnrol))
	r.Handle("POST /account/notifications", auth(h.handleNotifications))
	if !h.full() {
		return
	}
	r.Handle("GET /inbox", auth(h.handleInbox))
	r.Handle("GET /events", auth(h.handleEvents))
	r.Handle("GET /conversations/{id}", auth(h.handleConversation))
	r.Handle("GET /conversations/{id}/attachments/{attachment}", auth(h.handleAttachment))
	reply := h.requireSession(h.parseUpload(h.requireCSRF(http.HandlerFunc(h.handleReply))))
	if u, ok := r.(uploadRouter); ok {
		u.HandleUpload("POST /conversations/{id}/messages", reply, routeUploadLimit)
	} else {
		r.Handle("POST /conversations/{id}/messages", reply)
	}
	r.Handle("POST /conversations/{id}/assign", auth(h.handleAssign))
	r.Handle("POST /conversations/{id}/status", auth(h.handleStatus))
	r.Handle("POST /conversations/{id}/challenges", auth(h.handleChallenge))
	r.Handle("POST /conversations/{id}/reveal", auth(h.handleReveal))
	r.Handle("POST /conversations/{id}/customer", auth(h.handleLink))
	r.Handle("POST /conversations/{id}/unlock", auth(h.handleUnlock))
	r.Handle("GET /customers/{id}", auth(h.handleCustomer))
	r.Handle("GET /customers/new", auth(h.handleCustomerNew))
	r.Handle("POST /customers", auth(h.handleCustomerCreate))
	r.Handle("GET /customers/{id}/edit", auth(h.handleCustomerEdit))
	r.Handle("POST /customers/{id}", auth(h.handleCustomerUpdate))
	imp := h.requireSession(h.requireAdmin(h.parseUpload(h.requireCSRF(http.HandlerFunc(h.handleCustomerImport)))))
	if u, ok := r.(uploadRouter); ok {
		u.HandleUpload("POST /customers/import", imp, routeUploadLimit)
	} else {
		r.Handle("POST /customers/import", imp)
	}
	r.Handle("GET /admin/agents", admin(h.handleAdminAgents))
	r.Handle("POST /admin/agents", admin(h.handleAdminAgentCreate))
	r.Handle("POST /admin/agents/{id}", admin(h.handleAdminAgentChange))
	r.Handle("GET /invite/{token}", http.HandlerFunc(h.handleInviteShow))
	r.Handle("POST /invite/{token}", http.HandlerFunc(h.handleInvite))
	r.Handle("GET /admin/tokens", admin(h.handleAdminTokens))
	r.Handle("POST /admin/tokens", admin(h.handleAdminTokenCreate))
	r.Handle("POST /admin/tokens/{id}/revoke", admin(h.handleAdminTokenRevoke))
	r.Handle("GET /admin/policy", admin(h.handleAdminPolicy))
	r.Handle("POST /admin/policy", admin(h.handleAdminPolicyUpdate))
	r.Handle("GET /admin/settings", admin(h.handleAdminSettings))
	r.Handle("GET /admin/branding", admin(h.handleAdminBranding))
	r.Handle("POST /admin/branding", admin(h.handleAdminBrandingUpdate))
	r.Handle("POST /admin/settings", admin(h.handleAdminSettingsUpdate))
	r.Handle("POST /admin/settings/test", admin(h.handleAdminSettingsTest))
	r.Handle("GET /admin/audit", admin(h.handleAdminAudit))
	r.Handle("GET /admin/outbox", admin(h.handleAdminOutbox))
	r.Handle("GET /reports", auth(h.handleReports))
	h.registerWork(r, auth, admin)
	h.registerRetention(r, admin)
	h.registerMacros(r, auth)
	r.Handle("POST /conversations/{id}/typing", auth(h.handleTyping))
	if h.d.Merge != nil {
		r.Handle("POST /conversations/{id}/merge", auth(h.handleMerge))
		r.Handle("POST /customers/{id}/merge", auth(h.handleCustomerMerge))
	}
	if h.d.Exports != nil {
		r.Handle("POST /customers/{id}/export", auth(h.handleCustomerExport))
	}
	if h.d.LegalHolds != nil {
		r.Handle("POST /customers/{id}/legal-hold", auth(h.handleLegalHold(proofdesk.HoldCustomer)))
		r.Handle("POST /conversations/{id}/legal-hold", auth(h.handleLegalHold(proofdesk.HoldConversation)))
	}
	if h.d.Erasure != nil {
		r.Handle("POST /customers/{id}/erase", auth(h.handleErase))
	}
}

// page is what every signed-in page hands the layout.
type page struct {
	Title     string
	Nav       string // the active section: inbox, admin, account
	Agent     *proofdesk.Agent
	CSRFToken string
	Notice    string
	Error     string
	Full      bool
	// CanAdminister and CanViewReports are proofdesk.Decide's answers for
	// the agent (DoAdminister, DoViewReports): the pages offer the Admin
	// and Reports links by them.
	CanAdminister, CanViewReports bool
}

// newPage fills the layout data of a signed-in request.
func (h *Handler) newPage(r *http.Request, title, nav string) page {
	p := page{Title: title, Nav: nav, Agent: proofdesk.AgentFromContext(r.Context()), Full: h.full()}
	if s := sessionFromContext(r.Context()); s != nil {
		p.CSRFToken = s.CSRFToken
	}
	p.Notice = notices[r.URL.Query().Get("done")]
	actor := proofdesk.ActorOf(p.Agent)
	p.CanAdminister = proofdesk.Decide(proofdesk.DecisionInput{Action: proofdesk.DoAdminister, Actor: actor}).Allowed
	p.CanViewReports = proofdesk.Decide(proofdesk.DecisionInput{Action: proofdesk.DoViewReports, Actor: actor}).Allowed
	return p
}

// notices are the fixed confirmations a redirect can ask for (?done=).
var notices = map[string]string{
	"sent":          "Reply sent.",
	"note":          "Internal note added.",
	"assigned":      "Conversation assigned.",
	"resolved":      "Conversation resolved.",
	"snoozed":       "Conversation snoozed.",
	"reopened":      "Conversation reopened.",
	"cust_merged":   "Customers merged: the duplicate's contact points (cooling off again), addresses and conversations (at L0) are on this record, and the owner was told at every contact point of both.",
	"linked":        "Customer linked. The conversation is at L0 until they approve a verification request.",
	"challenge":     "Verification request sent. Read the number below to the requester.",
	"enrolled":      "Two-factor authentication is on.",
	"notifications": "Notification settings saved.",
	"policy":        "Policy saved.",
	"branding":      "Branding saved: customer pages and emails use it from now on.",
	"retention":     "Retention rules saved: the next run (within the hour, or Run now) applies them.",
	"revoked":       "Token revoked: it no longer works.",
	"unlocked":      "Support lock removed. The account owner has been told.",
	"customer":      "Customer saved.",
	"channels":      "Channel settings saved. The relay and the widget's sites apply at once; the rest when the server restarts.",
	"macro":         "Macro saved.",
	"macro-deleted": "Macro deleted.",
	"merged":        "Conversations merged: the other one's messages are below, and it is resolved.",
	"hold_set":      "Legal hold set: nothing it covers can be erased, and retention skips it, until a supervisor clears it.",
	"hold_cleared": fmt.Sprintf("Legal hold cleared. For %d days another supervisor, not you, must erase what it covered, and retention does not erase it.",
		int(proofdesk.TwoPersonWindow/(24*time.Hour))),
	"erased": "Customer erased: their keys were destroyed and their data removed; the conversations stay, emptied, and the audit log keeps the entries.",
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
	setPageHeaders(w)
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// setPageHeaders sets the headers every console response carries.
func setPageHeaders(w http.ResponseWriter) {
	w.Header().Set("Content-Security-Policy", CSP)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("X-Content-Type-Options", "nosniff")
}

// errorPage is the data of the error view.
type errorPage struct {
	page
	Status int
}

// renderError shows err on an error page with the status its code maps to;
// internal errors show "Internal error." and are logged once.
func (h *Handler) renderError(w http.ResponseWriter, r *http.Request, err error) {
	httpd.ReportError(r, err)
	status := httpd.ErrorStatus(proofdesk.ErrorCode(err))
	p := h.newPage(r, http.StatusText(status), "")
	p.Error = proofdesk.ErrorMessage(err)
	h.render(w, r, status, "error", errorPage{page: p, Status: status})
}

func (h *Handler) handleHome(w http.ResponseWriter, r *http.Request) {
	if h.full() {
		http.Redirect(w, r, "/inbox", http.StatusSeeOther)
		return
	}
	h.render(w, r, http.StatusOK, "home", h.newPage(r, "Proofdesk", ""))
}
