// Package notice serves the "This wasn't me" page linked from the notices
// Proofdesk sends to account owners (transcripts, reveals, changes).
//
// GET shows the conversation's channel and time and a single button; it
// changes nothing, because mail scanners open links. Only the POST acts.
// The signed token in the path is the only credential and is unguessable,
// so a cross-site request cannot be forged without it.
package notice

import (
	"context"
	"embed"
	"html/template"
	"log/slog"
	"net/http"

	"github.com/proofdesk/proofdesk"
)

//go:embed templates/*.html
var templateFS embed.FS

var pages = template.Must(template.ParseFS(templateFS, "templates/*.html"))

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
	// Company names the business on the page.
	Company string
}

// NewHandler returns the notice page handler; events may be nil.
func NewHandler(store noticeStore, events proofdesk.EventService, logger *slog.Logger) *Handler {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Handler{store: store, events: events, logger: logger, Company: "Proofdesk"}
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
	Info    *proofdesk.NoticeInfo
	Done    bool
	Error   string
}

func (h *Handler) render(w http.ResponseWriter, status int, d pageData) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; form-action 'self'; frame-ancestors 'none'")
	w.WriteHeader(status)
	if err := pages.ExecuteTemplate(w, "notice.html", d); err != nil {
		h.logger.Error("render notice page", slog.Any("error", err))
	}
}

func (h *Handler) fail(w http.ResponseWriter, err error) {
	status := http.StatusInternalServerError
	msg := "Something went wrong. Please try again later."
	switch proofdesk.ErrorCode(err) {
	case proofdesk.ENOTFOUND:
		status, msg = http.StatusNotFound, "This link is not valid."
	case proofdesk.EFORBIDDEN:
		status, msg = http.StatusForbidden, proofdesk.ErrorMessage(err)
	default:
		h.logger.Error("notice page", slog.Any("error", err))
	}
	h.render(w, status, pageData{Company: h.Company, Error: msg})
}

func (h *Handler) show(w http.ResponseWriter, r *http.Request) {
	info, err := h.store.NoticeInfo(r.Context(), r.PathValue("token"))
	if err != nil {
		h.fail(w, err)
		return
	}
	h.render(w, http.StatusOK, pageData{Company: h.Company, Info: info, Done: info.Reported})
}

func (h *Handler) report(w http.ResponseWriter, r *http.Request) {
	tok := r.PathValue("token")
	if err := h.store.ReportNotMe(r.Context(), tok); err != nil {
		h.fail(w, err)
		return
	}
	info, err := h.store.NoticeInfo(r.Context(), tok)
	if err != nil {
		h.fail(w, err)
		return
	}
	if h.events != nil {
		h.events.PublishEvent(r.Context(), proofdesk.Event{Type: proofdesk.EventConversationUpdated, ConversationID: info.ConversationID, Status: "fraud"})
	}
	h.render(w, http.StatusOK, pageData{Company: h.Company, Info: info, Done: true})
}
