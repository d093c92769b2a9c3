// Package notice serves the "This wasn't me" page linked from the notices
// Proofdesk sends to account owners (transcripts, reveals, changes).
//
// GET shows the conversation's channel and time and a single button; it
// changes nothing, because mail scanners open links. Only the POST acts,
// and only with the CSRF token of a page this browser opened (a signed
// double-submit token in a hidden field and a SameSite=Strict cookie,
// csrf.go): the signed notice token in the path is a credential that
// travels in mail, so it alone does not make a POST.
package notice

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
	"github.com/proofdesk/proofdesk/http/custpage"
	"github.com/proofdesk/proofdesk/locale"
)

//go:embed templates/*.html
var templateFS embed.FS

var pages = template.Must(custpage.ParseFS(templateFS, "templates/*.html"))

// noticeStore is what the page needs from the store.
type noticeStore interface {
	NoticeInfo(ctx context.Context, token string) (*proofdesk.NoticeInfo, error)
	ReportNotMe(ctx context.Context, token string) error
}

// Handler serves /n/{token}.
type Handler struct {
	store  noticeStore
	events proofdesk.EventService
	logger *slog.Logger
	csrf   custpage.LinkCSRF
	// Company names the business on the page when Branding is not set.
	Company string
	// Branding, when set, gives the business's name, logo and colour,
	// read per request.
	Branding proofdesk.BrandingService
	// SecureCookies marks the CSRF cookie Secure; set it when the public
	// base URL is https.
	SecureCookies bool
	// Now is the clock of the CSRF tokens (time.Now by default).
	Now func() time.Time
}

// NewHandler returns the notice page handler; events may be nil. csrfKey
// signs the page's CSRF tokens (at least MinKeySize bytes, the same on
// every node). Errors: a short key.
func NewHandler(store noticeStore, events proofdesk.EventService, csrfKey []byte, logger *slog.Logger) (*Handler, error) {
	if len(csrfKey) < MinKeySize {
		return nil, fmt.Errorf("notice: CSRF key is %d bytes, want at least %d", len(csrfKey), MinKeySize)
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Handler{store: store, events: events, logger: logger, Company: "Proofdesk", Now: time.Now,
		csrf: newCSRF(bytes.Clone(csrfKey))}, nil
}

// Router is where the handler registers its routes.
type Router interface {
	Handle(pattern string, h http.Handler)
}

// Register mounts the routes.
func (h *Handler) Register(r Router) {
	r.Handle("GET /n/{token}", http.HandlerFunc(h.show))
	r.Handle("POST /n/{token}", http.HandlerFunc(h.report))
}

type pageData struct {
	Company string
	CSRF    string
	Info    *proofdesk.NoticeInfo
	Done    bool
	Error   string

	// Set by render: the page's head (the visitor's language, the brand,
	// the stylesheet), the language's texts, and the channel and start
	// time in words.
	custpage.Head
	L       map[string]string
	Channel string
	Started string
}

// render writes the page in the visitor's language (the customer's stored
// preference, then Accept-Language) with the business's branding.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, d pageData) {
	pref := ""
	if d.Info != nil {
		pref = d.Info.Language
	}
	tx := locale.For(custpage.Lang(r, pref))
	d.L = tx.Map()
	d.Head = custpage.NewHead(r.Context(), h.Branding, h.Company, tx)
	d.Head.Title = tx.T("n_title", d.Brand.Company)
	if d.Info != nil {
		d.Channel, d.Started = tx.Channel(d.Info.Channel), d.Info.StartedAt.UTC().Format("2006-01-02 15:04")
	}
	switch d.Error {
	case errNotFound:
		d.Error = tx.T("n_invalid")
	case errInternal:
		d.Error = tx.T("n_error")
	case errCSRF:
		d.Error = tx.T("n_csrf")
	}
	d.Head.WriteHeader(w, status)
	if err := pages.ExecuteTemplate(w, "notice.html", d); err != nil {
		h.logger.Error("render notice page", slog.Any("error", err))
	}
}

// Placeholders of pageData.Error that render says in the visitor's
// language; other errors are the service's own (English) words.
const (
	errNotFound = "\x00notfound"
	errInternal = "\x00internal"
	errCSRF     = "\x00csrf" // a forged or stale form
)

func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	msg := errInternal
	switch proofdesk.ErrorCode(err) {
	case proofdesk.ENOTFOUND:
		status, msg = http.StatusNotFound, errNotFound
	case proofdesk.EFORBIDDEN:
		status, msg = http.StatusForbidden, proofdesk.ErrorMessage(err)
	default:
		h.logger.Error("notice page", slog.Any("error", err))
	}
	h.render(w, r, status, pageData{Company: h.Company, Error: msg})
}

func (h *Handler) show(w http.ResponseWriter, r *http.Request) {
	info, err := h.store.NoticeInfo(r.Context(), r.PathValue("token"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := pageData{Company: h.Company, Info: info, Done: info.Reported}
	if !d.Done {
		d.CSRF = h.issueCSRF(w, r.PathValue("token"))
	}
	h.render(w, r, http.StatusOK, d)
}

func (h *Handler) report(w http.ResponseWriter, r *http.Request) {
	tok := r.PathValue("token")
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	if err := r.ParseForm(); err != nil || !h.validCSRF(r, tok) {
		// a forged or stale form: nothing happens; the page opened again
		// gives a fresh button
		h.render(w, r, http.StatusForbidden, pageData{Company: h.Company, Error: errCSRF})
		return
	}
	if err := h.store.ReportNotMe(r.Context(), tok); err != nil {
		h.fail(w, r, err)
		return
	}
	info, err := h.store.NoticeInfo(r.Context(), tok)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if h.events != nil {
		h.events.PublishEvent(r.Context(), proofdesk.Event{Type: proofdesk.EventConversationUpdated, ConversationID: info.ConversationID, Status: "fraud"})
	}
	h.render(w, r, http.StatusOK, pageData{Company: h.Company, Info: info, Done: true})
}
