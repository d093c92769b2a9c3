package notice

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/http/custpage"
	"github.com/proofdesk/proofdesk/locale"
)

// erasureStore is desk.Desk's side of the owner's confirmation of an
// erasure.
type erasureStore interface {
	ErasureLinkInfo(ctx context.Context, token string) (*desk.ErasureLink, error)
	AnswerErasure(ctx context.Context, token string, confirm bool) (*proofdesk.Erasure, error)
}

// ErasureHandler serves /erase/{token}, the page behind the link sent to
// a customer's on-file contact points when a supervisor asks to erase
// their data without a legal basis. GET shows what will happen and two
// buttons (erase, I did not ask for this); it changes nothing. Only the
// POST acts, with the CSRF token of a page this browser opened, like the
// notice page.
type ErasureHandler struct {
	store  erasureStore
	logger *slog.Logger
	csrf   custpage.LinkCSRF
	// Company, Branding and SecureCookies are as Handler's.
	Company       string
	Branding      proofdesk.BrandingService
	SecureCookies bool
	Now           func() time.Time
}

// NewErasureHandler returns the page's handler. csrfKey signs its CSRF
// tokens (at least MinKeySize bytes, the same on every node). Errors: a
// short key.
func NewErasureHandler(store erasureStore, csrfKey []byte, logger *slog.Logger) (*ErasureHandler, error) {
	if len(csrfKey) < MinKeySize {
		return nil, fmt.Errorf("erasure page: CSRF key is %d bytes, want at least %d", len(csrfKey), MinKeySize)
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &ErasureHandler{store: store, logger: logger, Company: "Proofdesk", Now: time.Now,
		csrf: custpage.LinkCSRF{Key: bytes.Clone(csrfKey), Label: "proofdesk/erase/csrf/v1", Path: "/erase/", Prefix: "pd_e_", TTL: 30 * time.Minute}}, nil
}

// Register mounts the routes.
func (h *ErasureHandler) Register(r Router) {
	r.Handle("GET /erase/{token}", http.HandlerFunc(h.show))
	r.Handle("POST /erase/{token}", http.HandlerFunc(h.answer))
}

type erasePage struct {
	CSRF    string
	Expires string
	// Done: "erased", "declined" or "settled" (answered before).
	Done  string
	Error string

	custpage.Head
	L map[string]string

	// pref is the customer's stored language preference, or "".
	pref string
}

// Keys of the page's errors in the locale catalogue.
const (
	eraseInvalid = "n_invalid"
	eraseExpired = "e_expired"
	eraseRefused = "e_refused"
	eraseSettled = "e_settled"
	eraseCSRF    = "e_csrf"
	eraseError   = "e_error"
)

// render writes the page in the owner's language (their stored
// preference, then Accept-Language); d.Error is a catalogue key.
func (h *ErasureHandler) render(w http.ResponseWriter, r *http.Request, status int, d erasePage) {
	tx := locale.For(custpage.Lang(r, d.pref))
	d.L = tx.Map()
	if d.Error != "" {
		d.Error = tx.T(d.Error)
	}
	d.Head = custpage.NewHead(r.Context(), h.Branding, h.Company, tx)
	d.Head.Title = tx.T("e_title") + " · " + d.Brand.Company
	d.Head.WriteHeader(w, status)
	if err := pages.ExecuteTemplate(w, "erase.html", d); err != nil {
		h.logger.Error("render erasure page", slog.Any("error", err))
	}
}

// fail renders err in the owner's language: a refusal by the gate
// (Details name its rule) is told apart from a request already answered.
func (h *ErasureHandler) fail(w http.ResponseWriter, r *http.Request, pref string, err error) {
	status, key := http.StatusInternalServerError, eraseError
	var pe *proofdesk.Error
	gate := false
	if errors.As(err, &pe) {
		_, gate = pe.Details["rule"]
	}
	switch code := proofdesk.ErrorCode(err); {
	case code == proofdesk.ENOTFOUND:
		status, key = http.StatusNotFound, eraseInvalid
	case gate && code == proofdesk.EFORBIDDEN:
		status, key = http.StatusForbidden, eraseRefused
	case gate || code == proofdesk.ELOCKED:
		status, key = http.StatusConflict, eraseRefused
	case code == proofdesk.EFORBIDDEN:
		status, key = http.StatusForbidden, eraseExpired
	case code == proofdesk.ECONFLICT:
		status, key = http.StatusConflict, eraseSettled
	default:
		h.logger.Error("erasure page", slog.Any("error", err))
	}
	h.render(w, r, status, erasePage{Error: key, pref: pref})
}

func (h *ErasureHandler) show(w http.ResponseWriter, r *http.Request) {
	tok := r.PathValue("token")
	info, err := h.store.ErasureLinkInfo(r.Context(), tok)
	if err != nil {
		h.fail(w, r, "", err)
		return
	}
	d := erasePage{Expires: info.Request.ExpiresAt.UTC().Format("2006-01-02 15:04"), pref: info.Language}
	if info.Settled {
		d.Done = "settled"
	} else {
		d.CSRF = h.csrf.Issue(w, tok, h.Now(), h.SecureCookies)
	}
	h.render(w, r, http.StatusOK, d)
}

func (h *ErasureHandler) answer(w http.ResponseWriter, r *http.Request) {
	tok := r.PathValue("token")
	// The owner's language, read before an erasure removes it.
	pref := ""
	if info, err := h.store.ErasureLinkInfo(r.Context(), tok); err == nil {
		pref = info.Language
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	if err := r.ParseForm(); err != nil || !h.csrf.Check(r, tok, h.Now()) {
		h.render(w, r, http.StatusForbidden, erasePage{Error: eraseCSRF, pref: pref})
		return
	}
	confirm := r.PostForm.Get("answer") == "erase"
	if _, err := h.store.AnswerErasure(r.Context(), tok, confirm); err != nil {
		h.fail(w, r, pref, err)
		return
	}
	done := "declined"
	if confirm {
		done = "erased"
	}
	h.render(w, r, http.StatusOK, erasePage{Done: done, pref: pref})
}
