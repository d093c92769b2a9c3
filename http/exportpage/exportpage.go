// Package exportpage serves the download page /x/{token} linked from the
// mail that carries a customer's export (desk.Exports) to their settled
// email.
//
// GET shows the archive's size and the link's expiry and a download
// button; it changes nothing, because mail scanners open links. Only the
// POST downloads, once, and only with the CSRF token of a page this
// browser opened (custpage.LinkCSRF): the signed token in the path
// travels in mail, so it alone does not make a POST. After the download
// or the link's expiry the archive is deleted.
package exportpage

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/http/custpage"
	"github.com/proofdesk/proofdesk/locale"
)

//go:embed templates/*.html
var templateFS embed.FS

var pages = template.Must(custpage.ParseFS(templateFS, "templates/*.html"))

// exportStore is what the page needs from the application (desk.Exports).
type exportStore interface {
	ExportInfo(ctx context.Context, token string) (*proofdesk.ExportInfo, error)
	Download(ctx context.Context, token string) (name string, archive []byte, err error)
}

// Handler serves /x/{token}.
type Handler struct {
	store  exportStore
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

// NewHandler returns the download page handler. csrfKey signs the page's
// CSRF tokens (at least custpage.MinKeySize bytes, the same on every
// node). Errors: a short key.
func NewHandler(store exportStore, csrfKey []byte, logger *slog.Logger) (*Handler, error) {
	if len(csrfKey) < custpage.MinKeySize {
		return nil, fmt.Errorf("exportpage: CSRF key is %d bytes, want at least %d", len(csrfKey), custpage.MinKeySize)
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Handler{store: store, logger: logger, Company: "Proofdesk", Now: time.Now,
		csrf: custpage.LinkCSRF{Key: bytes.Clone(csrfKey), Label: "proofdesk/exportpage/csrf/v1", Path: "/x/", Prefix: "pd_x_", TTL: 30 * time.Minute}}, nil
}

// Router is where the handler registers its routes.
type Router interface {
	Handle(pattern string, h http.Handler)
}

// Register mounts the routes.
func (h *Handler) Register(r Router) {
	r.Handle("GET /x/{token}", http.HandlerFunc(h.show))
	r.Handle("POST /x/{token}", http.HandlerFunc(h.download))
}

type pageData struct {
	CSRF string
	Info *proofdesk.ExportInfo
	// Error is a key of the locale catalogue, then its text.
	Error   string
	Size    string
	Expires string
	// Set by render: the page's head and its language's texts.
	custpage.Head
	L map[string]string
}

// Keys of the page's errors in the locale catalogue.
const (
	errInvalid    = "n_invalid"
	errDownloaded = "x_downloaded"
	errExpired    = "x_expired"
	errCSRF       = "n_csrf"
	errInternal   = "n_error"
)

// render writes the page in the customer's language (their stored
// preference, then Accept-Language) with the business's branding.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, d pageData) {
	pref := ""
	if d.Info != nil {
		pref = d.Info.Language
	}
	tx := locale.For(custpage.Lang(r, pref))
	d.L = tx.Map()
	if d.Error != "" {
		d.Error = tx.T(d.Error)
	}
	d.Head = custpage.NewHead(r.Context(), h.Branding, h.Company, tx)
	d.Head.Title = tx.T("x_title", d.Brand.Company)
	if d.Info != nil {
		d.Size, d.Expires = humanSize(tx, d.Info.Size), d.Info.ExpiresAt.UTC().Format("2006-01-02 15:04")
	}
	d.Head.WriteHeader(w, status)
	if err := pages.ExecuteTemplate(w, "export.html", d); err != nil {
		h.logger.Error("render export page", slog.Any("error", err))
	}
}

// humanSize says n bytes in words ("1.4 MB"), in tx's language.
func humanSize(tx locale.Texts, n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatFloat(float64(n)/(1<<10), 'f', 1, 64) + " kB"
	}
	return tx.T("x_bytes", n)
}

// fail renders err; an archive gone says why (Details "status" of
// desk.Exports.ExportInfo and Download).
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, key := http.StatusInternalServerError, errInternal
	switch proofdesk.ErrorCode(err) {
	case proofdesk.ENOTFOUND:
		status, key = http.StatusNotFound, errInvalid
	case proofdesk.EFORBIDDEN:
		status, key = http.StatusGone, errExpired
		var pe *proofdesk.Error
		if errors.As(err, &pe) && pe.Details["status"] == any(proofdesk.ExportDownloaded) {
			key = errDownloaded
		}
	default:
		h.logger.Error("export page", slog.Any("error", err))
	}
	h.render(w, r, status, pageData{Error: key})
}

func (h *Handler) show(w http.ResponseWriter, r *http.Request) {
	tok := r.PathValue("token")
	info, err := h.store.ExportInfo(r.Context(), tok)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, pageData{Info: info, CSRF: h.csrf.Issue(w, tok, h.Now(), h.SecureCookies)})
}

func (h *Handler) download(w http.ResponseWriter, r *http.Request) {
	tok := r.PathValue("token")
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	if err := r.ParseForm(); err != nil || !h.csrf.Check(r, tok, h.Now()) {
		// A forged or stale form: nothing happens; the page opened again
		// gives a fresh button.
		h.render(w, r, http.StatusForbidden, pageData{Error: errCSRF})
		return
	}
	name, archive, err := h.store.Download(r.Context(), tok)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(archive)))
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "no-referrer")
	if _, err := w.Write(archive); err != nil {
		h.logger.Warn("export download interrupted", slog.Any("error", err))
	}
}
