// Package csat serves the customer-satisfaction page /csat/{token} linked
// from the owner's transcript email and from the chat widget when a
// conversation is resolved.
//
// GET shows the conversation's channel and time and a form with the
// answer of the link (?rating=good|okay|bad) preselected; it changes
// nothing, because mail scanners open links. Only the POST records. The
// signed token in the path is the only credential and is unguessable, so
// a cross-site request cannot be forged without it; a POST whose Origin
// or Sec-Fetch-Site says it came from another site is refused too.
// The page needs no JavaScript.
package csat

import (
	"context"
	"embed"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/http/custpage"
	"github.com/proofdesk/proofdesk/locale"
)

//go:embed templates/*.html
var templateFS embed.FS

var pages = template.Must(custpage.ParseFS(templateFS, "templates/*.html"))

// ratingStore is what the page needs from the application (desk.Ratings).
type ratingStore interface {
	Info(ctx context.Context, token string) (*proofdesk.RatingInfo, error)
	Rate(ctx context.Context, token, value, comment string) (*proofdesk.Rating, error)
}

// Handler serves /csat/{token}.
type Handler struct {
	store  ratingStore
	logger *slog.Logger
	// Company names the business on the page.
	Company string
}

// NewHandler returns the rating page handler; logger may be nil.
func NewHandler(store ratingStore, logger *slog.Logger) *Handler {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Handler{store: store, logger: logger, Company: "Proofdesk"}
}

// Router is where the handler registers its routes.
type Router interface {
	Handle(pattern string, h http.Handler)
}

// Register mounts the routes.
func (h *Handler) Register(r Router) {
	r.Handle("GET /csat/{token}", http.HandlerFunc(h.show))
	r.Handle("POST /csat/{token}", http.HandlerFunc(h.rate))
}

type choice struct {
	Value, Label string
	Checked      bool
}

type pageData struct {
	// Set by render: the page's head (English, the business's name and
	// the default colour).
	custpage.Head
	Company string
	Info    *proofdesk.RatingInfo
	Choices []choice
	Comment string
	Done    bool
	Error   string // a page-level failure: no form
	Invalid string // a bad answer: the form again
}

func choices(selected string) []choice {
	return []choice{
		{proofdesk.RatingGood, "Good", selected == proofdesk.RatingGood},
		{proofdesk.RatingOkay, "Okay", selected == proofdesk.RatingOkay},
		{proofdesk.RatingBad, "Bad", selected == proofdesk.RatingBad},
	}
}

func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, d pageData) {
	d.Head = custpage.NewHead(r.Context(), nil, h.Company, locale.For("en"))
	d.Company = d.Brand.Company
	d.Head.Title = d.Company + " — how did we do?"
	d.Head.WriteHeader(w, status)
	if err := pages.ExecuteTemplate(w, "csat.html", d); err != nil {
		h.logger.Error("render rating page", slog.Any("error", err))
	}
}

func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	msg := "Something went wrong. Please try again later."
	switch proofdesk.ErrorCode(err) {
	case proofdesk.ENOTFOUND:
		status, msg = http.StatusNotFound, "This link is not valid."
	case proofdesk.EFORBIDDEN:
		status, msg = http.StatusForbidden, proofdesk.ErrorMessage(err)
	default:
		h.logger.Error("rating page", slog.Any("error", err))
	}
	h.render(w, r, status, pageData{Error: msg})
}

func (h *Handler) show(w http.ResponseWriter, r *http.Request) {
	info, err := h.store.Info(r.Context(), r.PathValue("token"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	sel := r.URL.Query().Get("rating")
	if !proofdesk.ValidRating(sel) {
		sel = info.Current
	}
	h.render(w, r, http.StatusOK, pageData{Info: info, Choices: choices(sel)})
}

// crossSite reports whether the browser says the POST came from another
// site: Sec-Fetch-Site "cross-site" when the browser sends it (behind a
// proxy that rewrites Host it is still right), else an Origin whose host
// is neither the request's nor the proxy's X-Forwarded-Host. A request
// with neither header (not a browser) is not refused: the token is the
// credential.
func crossSite(r *http.Request) bool {
	if sfs := r.Header.Get("Sec-Fetch-Site"); sfs != "" {
		return sfs == "cross-site"
	}
	o := r.Header.Get("Origin")
	if o == "" {
		return false
	}
	u, err := url.Parse(o)
	if err != nil || o == "null" {
		return true
	}
	return u.Host != r.Host && u.Host != r.Header.Get("X-Forwarded-Host")
}

func (h *Handler) rate(w http.ResponseWriter, r *http.Request) {
	tok := r.PathValue("token")
	info, err := h.store.Info(r.Context(), tok)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if crossSite(r) {
		h.render(w, r, http.StatusForbidden, pageData{Error: "This form did not come from this page. Open the link from your email or chat again."})
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		h.render(w, r, http.StatusBadRequest, pageData{Info: info, Choices: choices(""), Invalid: "The form could not be read; try again."})
		return
	}
	value, comment := r.PostForm.Get("rating"), r.PostForm.Get("comment")
	if _, err := h.store.Rate(r.Context(), tok, value, comment); err != nil {
		if proofdesk.ErrorCode(err) == proofdesk.EINVALID {
			h.render(w, r, http.StatusUnprocessableEntity, pageData{Info: info, Choices: choices(value), Comment: comment, Invalid: proofdesk.ErrorMessage(err)})
			return
		}
		h.fail(w, r, err)
		return
	}
	info.Current = value
	h.render(w, r, http.StatusOK, pageData{Info: info, Done: true})
}
