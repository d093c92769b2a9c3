// Package verifypage serves /v/{token}, the page behind the link in a
// verification request: the customer sees who is asking, on which channel
// and since when, picks the number the agent read out and confirms, or
// says "This wasn't me". Opening the page changes nothing (mail scanners
// open links); only a form POST acts, protected against cross-site
// requests by a signed double-submit token. The page works without
// JavaScript and runs none.
package verifypage

import (
	"bytes"
	"embed"
	"errors"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
	"github.com/proofdesk/proofdesk/http/custpage"
	"github.com/proofdesk/proofdesk/locale"
)

//go:embed templates
var templateFS embed.FS

// Router is where the page registers its routes; *http.Server of package
// http and *net/http.ServeMux both are one.
type Router interface {
	Handle(pattern string, h http.Handler)
}

// MinKeySize is the minimum size of the CSRF key.
const MinKeySize = 32

// Handler serves the customer's verification page. It needs no session:
// the link token is the customer's credential, and the page never shows
// customer data.
type Handler struct {
	// Events, when set, receives a level.changed and a challenge.updated
	// event after each approval or denial, so the agent sees it live.
	Events proofdesk.EventService
	// SecureCookies marks the CSRF cookie Secure; set it when the public
	// URL is https.
	SecureCookies bool
	// Now is the clock; NewHandler sets time.Now.
	Now func() time.Time
	// Branding, when set, gives the business's name, logo and colour
	// read per request; Company is the name without it.
	Branding proofdesk.BrandingService
	Company  string

	verification proofdesk.VerificationService
	csrf         custpage.LinkCSRF
	logger       *slog.Logger
}

// NewHandler returns the page handler. csrfKey signs the forms' CSRF
// tokens: at least MinKeySize bytes, the same on every node (the
// installation secret db.Secret(ctx, "verifypage")). Returns EINVALID for a
// short key.
func NewHandler(verification proofdesk.VerificationService, csrfKey []byte, logger *slog.Logger) (*Handler, error) {
	if len(csrfKey) < MinKeySize {
		return nil, proofdesk.Errorf(proofdesk.EINVALID, "verification page key must be at least %d bytes", MinKeySize)
	}
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Handler{Now: time.Now, verification: verification, csrf: newCSRF(bytes.Clone(csrfKey)), logger: logger}, nil
}

// Register adds the page's routes, with no authentication:
//
//	GET  /v/{token}          the page; changes nothing
//	POST /v/{token}/approve  number=NN&csrf=… → verified, wrong number, locked, expired
//	POST /v/{token}/deny     csrf=… → "This wasn't me": fraud flag and support lock
func (h *Handler) Register(r Router) {
	r.Handle("GET /v/{token}", http.HandlerFunc(h.handleShow))
	r.Handle("POST /v/{token}/approve", http.HandlerFunc(h.handleApprove))
	r.Handle("POST /v/{token}/deny", http.HandlerFunc(h.handleDeny))
}

// Views, each a template file of the same name.
const (
	viewChallenge = "challenge"
	viewVerified  = "verified"
	viewUsed      = "used"
	viewExpired   = "expired"
	viewLocked    = "locked"
	viewDenied    = "denied"
	viewNotice    = "notice"
	viewInvalid   = "invalid"
	viewForbidden = "forbidden"
	viewError     = "error"
)

var viewNames = []string{viewChallenge, viewVerified, viewUsed, viewExpired, viewLocked, viewDenied, viewNotice, viewInvalid, viewForbidden, viewError}

// views are the parsed templates. The page's stylesheet (custpage.Style)
// carries the brand colours and is allowed by its hash in the CSP
// (custpage.CSP): no script, no frame, no other origin but https images.
var views = parseViews()

func parseViews() map[string]*template.Template {
	m := map[string]*template.Template{}
	for _, name := range viewNames {
		m[name] = template.Must(custpage.ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html"))
	}
	return m
}

// pageData is what every view renders. It never holds customer data.
// Texts come from L (the visitor's language lang, locale.Texts.Map);
// Title and Message are already in that language. render sets the Head
// (custpage.Head: its title is Title and the business's name).
type pageData struct {
	custpage.Head
	Title   string
	lang    string
	L       map[string]string
	Token   string
	CSRF    string
	Agent   string
	Channel string
	Since   string
	Expires string
	Choices []int
	Message string
}

// texts returns the texts of the request's language: the customer's
// stored preference (pref), else the browser's.
func texts(r *http.Request, pref string) locale.Texts {
	return locale.For(custpage.Lang(r, pref))
}

// timeFormat is the same in every language: no month names.
const timeFormat = "2006-01-02 15:04 UTC"

// render writes view with status and the page's security headers. A view
// that is not registered is a programming error and panics.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, view string, d pageData) {
	t, ok := views[view]
	if !ok {
		panic("verifypage: no view " + view)
	}
	if d.L == nil {
		tx := texts(r, "")
		d.lang, d.L = tx.Lang, tx.Map()
	}
	d.Head = custpage.NewHead(r.Context(), h.Branding, h.Company, locale.For(d.lang))
	if d.Title == "" {
		d.Title = d.L["title_confirm"]
	}
	d.Head.Title = d.Title + " · " + d.Brand.Company
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", d); err != nil {
		httpd.ReportError(r, proofdesk.Errorf(proofdesk.EINTERNAL, "render %s: %v", view, err))
		status, buf = http.StatusInternalServerError, *bytes.NewBufferString("Internal error.")
	}
	d.Head.WriteHeader(w, status)
	_, _ = w.Write(buf.Bytes())
}

// fail renders the page for an error of the verification service. Not
// found is the same page for an unknown and a malformed token.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	tx := texts(r, "")
	switch proofdesk.ErrorCode(err) {
	case proofdesk.ENOTFOUND:
		h.render(w, r, http.StatusNotFound, viewInvalid, pageData{Title: tx.T("title_invalid")})
	case proofdesk.EFORBIDDEN, proofdesk.ECONFLICT:
		// Messages of these codes are written for the customer (in English).
		h.render(w, r, http.StatusConflict, viewNotice, pageData{Title: tx.T("title_cant_use"), Message: proofdesk.ErrorMessage(err)})
	default:
		httpd.ReportError(r, err)
		if proofdesk.ErrorCode(err) != proofdesk.EINTERNAL {
			h.logger.Warn("verification page", slog.String("code", proofdesk.ErrorCode(err)))
		}
		h.render(w, r, http.StatusInternalServerError, viewError, pageData{Title: tx.T("title_error")})
	}
}

// data returns what the page shows of a request, in the customer's
// language, with a fresh CSRF token (also set as a cookie) for its forms.
func (h *Handler) data(w http.ResponseWriter, r *http.Request, token string, p *proofdesk.ChallengePage) pageData {
	tx := texts(r, p.CustomerLanguage)
	d := pageData{lang: tx.Lang, L: tx.Map(), Token: token, Agent: p.AgentName, Channel: tx.Channel(p.Channel),
		Since: p.ContactSince.UTC().Format(timeFormat), Expires: p.ExpiresAt.UTC().Format(timeFormat),
		Choices: p.Choices[:]}
	if p.Status != proofdesk.ChallengeDenied {
		d.CSRF = h.issueCSRF(w, token)
	}
	return d
}

// statusView is the view for a request that can no longer be approved.
func statusView(status string) (view string, code int) {
	switch status {
	case proofdesk.ChallengeCompleted:
		return viewUsed, http.StatusOK
	case proofdesk.ChallengeExpired:
		return viewExpired, http.StatusGone
	case proofdesk.ChallengeLocked:
		return viewLocked, http.StatusTooManyRequests
	case proofdesk.ChallengeDenied:
		return viewDenied, http.StatusOK
	}
	return viewChallenge, http.StatusOK
}

// handleShow renders the page. It only reads: opening the link changes
// no level, status or counter.
func (h *Handler) handleShow(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	p, err := h.verification.ChallengePage(r.Context(), token)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	view, code := statusView(p.Status)
	h.render(w, r, code, view, h.data(w, r, token, p))
}

// checkForm parses the POSTed form, checking the CSRF token first. It
// returns false after rendering a refusal.
func (h *Handler) checkForm(w http.ResponseWriter, r *http.Request, token string) bool {
	if err := r.ParseForm(); err != nil {
		h.render(w, r, http.StatusBadRequest, viewForbidden, pageData{Title: texts(r, "").T("title_open_again")})
		return false
	}
	if !h.validCSRF(r, token) {
		h.render(w, r, http.StatusForbidden, viewForbidden, pageData{Title: texts(r, "").T("title_open_again")})
		return false
	}
	return true
}

func (h *Handler) handleApprove(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	if !h.checkForm(w, r, token) {
		return
	}
	ctx := r.Context()
	p, err := h.verification.ChallengePage(ctx, token)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if p.Status != proofdesk.ChallengePending {
		view, code := statusView(p.Status)
		h.render(w, r, code, view, h.data(w, r, token, p))
		return
	}
	pick := strings.TrimSpace(r.PostForm.Get("number"))
	if pick == "" {
		d := h.data(w, r, token, p)
		d.Message = d.L["pick_missing"]
		h.render(w, r, http.StatusUnprocessableEntity, viewChallenge, d)
		return
	}
	number, _ := strconv.Atoi(pick) // not a number: a wrong pick
	res, err := h.verification.ApproveByToken(ctx, token, number)
	if err == nil && res != nil && res.OK {
		h.publish(r, p.ConversationID, proofdesk.ChallengeCompleted, res.Level.String())
		tx := texts(r, p.CustomerLanguage)
		h.render(w, r, http.StatusOK, viewVerified, pageData{lang: tx.Lang, L: tx.Map(), Title: tx.T("title_verified"), Channel: tx.Channel(p.Channel)})
		return
	}
	var perr *proofdesk.Error
	asErr := asError(err, &perr)
	switch {
	case err == nil:
		h.fail(w, r, proofdesk.Errorf(proofdesk.EINTERNAL, "approve: no outcome"))
	case proofdesk.ErrorCode(err) == proofdesk.EINVALID && asErr:
		h.publish(r, p.ConversationID, proofdesk.ChallengePending, "")
		left, _ := perr.Details["attempts_left"].(int)
		d := h.data(w, r, token, p)
		d.Message = d.L["wrong_number"] + " " + attemptsLeft(texts(r, p.CustomerLanguage), left)
		h.render(w, r, http.StatusUnprocessableEntity, viewChallenge, d)
	case proofdesk.ErrorCode(err) == proofdesk.ERATELIMIT:
		h.publish(r, p.ConversationID, proofdesk.ChallengeLocked, "")
		d := h.data(w, r, token, p)
		d.Title, d.Message = d.L["title_locked"], proofdesk.ErrorMessage(err)
		h.render(w, r, http.StatusTooManyRequests, viewLocked, d)
	default:
		// Expired, used or denied meanwhile: show the request as it is now.
		if q, qerr := h.verification.ChallengePage(ctx, token); qerr == nil && q.Status != proofdesk.ChallengePending {
			view, code := statusView(q.Status)
			h.render(w, r, code, view, h.data(w, r, token, q))
			return
		}
		h.fail(w, r, err)
	}
}

func attemptsLeft(tx locale.Texts, n int) string {
	if n == 1 {
		return tx.T("attempts_one")
	}
	return tx.T("attempts_n", n)
}

func asError(err error, target **proofdesk.Error) bool { return errors.As(err, target) }

func (h *Handler) handleDeny(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	if !h.checkForm(w, r, token) {
		return
	}
	ctx := r.Context()
	p, err := h.verification.ChallengePage(ctx, token)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// A second report of the same request (ECONFLICT) is already done.
	if err := h.verification.DenyByToken(ctx, token); err != nil && proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
		h.fail(w, r, err)
		return
	}
	h.publish(r, p.ConversationID, proofdesk.ChallengeDenied, proofdesk.L0.String())
	tx := texts(r, p.CustomerLanguage)
	h.render(w, r, http.StatusOK, viewDenied, pageData{lang: tx.Lang, L: tx.Map(), Title: tx.T("title_thanks")})
}

// publish tells the agent's screen that the request changed and, when
// level is set, that the conversation's level did.
func (h *Handler) publish(r *http.Request, conversationID, status, level string) {
	if h.Events == nil || conversationID == "" {
		return
	}
	now := h.Now().UTC()
	h.Events.PublishEvent(r.Context(), proofdesk.Event{Type: proofdesk.EventChallengeUpdated, ConversationID: conversationID, Status: status, At: now})
	if level != "" {
		h.Events.PublishEvent(r.Context(), proofdesk.Event{Type: proofdesk.EventLevelChanged, ConversationID: conversationID, Level: level, At: now})
	}
}
