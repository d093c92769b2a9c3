// Package widget serves the live-chat widget to anonymous visitors:
// /widget.js, the visitor JSON endpoints under /widget/v1 and the chat
// WebSocket. A visitor is identified by a random visitor token (sent as
// "Authorization: Visitor <token>" or in the WebSocket's first frame) and
// reaches only the conversations bound to it.
//
// Codes never become chat messages: a message whose whole body is a
// verification code (verify.NormalizeCode) is not stored, so agents never
// see it; over the WebSocket it is checked as a code attempt (code_result
// frame, or an error frame saying no request is waiting), and as the first
// message of a new conversation it is refused with 400.
package widget

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/verify"
)

// Router is where the widget registers its routes; *http.Server of
// package http and *net/http.ServeMux both are one.
type Router interface {
	Handle(pattern string, h http.Handler)
}

// VisitorStore stores visitors by the SHA-256 hash of their token and the
// conversations bound to them; sqldb.VisitorService is one.
type VisitorStore interface {
	// CreateVisitor returns ECONFLICT if the hash is taken.
	CreateVisitor(ctx context.Context, tokenHash string) (*proofdesk.Visitor, error)
	// FindVisitorByTokenHash returns ENOTFOUND for an unknown hash.
	FindVisitorByTokenHash(ctx context.Context, tokenHash string) (*proofdesk.Visitor, error)
	// BindConversation returns ECONFLICT if another visitor owns it.
	BindConversation(ctx context.Context, visitorID, conversationID string) error
	// VisitorOwnsConversation reports whether the conversation is the visitor's.
	VisitorOwnsConversation(ctx context.Context, visitorID, conversationID string) (bool, error)
}

// Defaults of Config.
const (
	DefaultRatePerMinute   = 30
	DefaultBurst           = 10
	DefaultMaxMessageBytes = 4000
)

// Config is the installation's widget settings.
type Config struct {
	// AllowedOrigins lists the sites that may embed the widget, as host
	// patterns ("shop.example.com", "*.example.com") or, when they contain
	// "://", scheme-and-host patterns ("https://shop.example.com"),
	// matched with path.Match as coder/websocket does. Proofdesk's own
	// host is always allowed. Requests without an Origin header (not from
	// a browser) are not origin-checked; they still need a visitor token.
	AllowedOrigins []string
	// Origins, when set, gives more allowed patterns on each request (the
	// console's channel settings), so a change applies without a restart.
	Origins func(ctx context.Context) []string
	// RatePerMinute is how many messages, code attempts and new
	// conversations one visitor may send per minute, with bursts of Burst.
	RatePerMinute int
	Burst         int
	// RateStore, when set, counts the visitor's sends instead of this
	// process's token buckets: RatePerMinute per calendar minute, shared
	// by every node using the same store (*sqldb.DB is one).
	RateStore RateStore
	// MaxMessageBytes is the largest message body accepted.
	MaxMessageBytes int
	// RatingLink, when set, returns the satisfaction page of a
	// conversation (desk.Ratings.Link); the chat gets it in a
	// {"type":"csat","url":...} frame when the conversation is resolved.
	RatingLink func(conversationID string) string
	// Reopener, when set, reopens a resolved conversation when its
	// visitor writes again (*sqldb.DB is one); nil leaves it resolved.
	Reopener Reopener
	// Agents, when set, gives the display name of the agent who wrote a
	// reply (messageView.AuthorName); nil leaves replies unnamed.
	Agents AgentDirectory
}

// Reopener reopens a conversation (audited as the customer's); it
// publishes the conversation.updated event.
type Reopener interface {
	ReopenConversation(ctx context.Context, conversationID string) (*proofdesk.Conversation, error)
}

// AgentDirectory finds an agent by ID; sqldb.AgentService is one.
type AgentDirectory interface {
	// FindAgentByID returns ENOTFOUND if none has that ID.
	FindAgentByID(ctx context.Context, id string) (*proofdesk.Agent, error)
}

func (c Config) withDefaults() Config {
	if c.RatePerMinute <= 0 {
		c.RatePerMinute = DefaultRatePerMinute
	}
	if c.Burst <= 0 {
		c.Burst = DefaultBurst
	}
	if c.MaxMessageBytes <= 0 {
		c.MaxMessageBytes = DefaultMaxMessageBytes
	}
	return c
}

// Handler serves the widget.
type Handler struct {
	// Now is the clock; NewHandler sets time.Now.
	Now func() time.Time

	conversations proofdesk.ConversationService
	verification  proofdesk.VerificationService
	events        proofdesk.EventService
	visitors      VisitorStore
	tokens        *verify.TokenVerifier
	cfg           Config
	limiter       *limiter
	logger        *slog.Logger
}

// NewHandler returns the widget handler. tokens verifies the host site's
// signed identity tokens; nil refuses them. logger may be nil.
func NewHandler(conversations proofdesk.ConversationService, verification proofdesk.VerificationService,
	events proofdesk.EventService, visitors VisitorStore, tokens *verify.TokenVerifier, cfg Config, logger *slog.Logger) *Handler {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	cfg = cfg.withDefaults()
	return &Handler{
		Now:           time.Now,
		conversations: conversations, verification: verification, events: events,
		visitors: visitors, tokens: tokens, cfg: cfg,
		limiter: newLimiter(cfg.RatePerMinute, cfg.Burst),
		logger:  logger,
	}
}

// Register adds the widget routes to r:
//
//	GET  /widget.js
//	POST /widget/v1/visitors
//	POST /widget/v1/conversations                   (visitor auth)
//	GET  /widget/v1/conversations/{id}/messages     (visitor auth, own only)
//	POST /widget/v1/conversations/{id}/code         (visitor auth, own only)
//	POST /widget/v1/conversations/{id}/attachments  (visitor auth, own only: an image or PDF)
//	GET  /widget/v1/conversations/{id}/attachments/{attachment} (visitor auth, own only)
//	GET  /widget/v1/ws?conversation=ID              (WebSocket)
//	OPTIONS /widget/v1/{path...}                    (CORS preflight)
func (h *Handler) Register(r Router) {
	r.Handle("GET /widget.js", http.HandlerFunc(h.handleScript))
	r.Handle("OPTIONS /widget/v1/{path...}", h.cors(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})))
	r.Handle("POST /widget/v1/visitors", h.cors(http.HandlerFunc(h.handleVisitorCreate)))
	r.Handle("POST /widget/v1/conversations", h.cors(h.requireVisitor(h.handleConversationCreate)))
	r.Handle("GET /widget/v1/conversations/{id}/messages", h.cors(h.requireVisitor(h.handleMessageList)))
	r.Handle("POST /widget/v1/conversations/{id}/code", h.cors(h.requireVisitor(h.handleCode)))
	r.Handle("GET /widget/v1/conversations/{id}/attachments/{attachment}", h.cors(h.requireVisitor(h.handleAttachment)))
	upload := h.cors(h.requireVisitor(h.handleUpload))
	if u, ok := r.(uploadRouter); ok {
		u.HandleUpload("POST /widget/v1/conversations/{id}/attachments", upload, maxUploadBody)
	} else {
		r.Handle("POST /widget/v1/conversations/{id}/attachments", upload)
	}
	r.Handle("GET /widget/v1/ws", http.HandlerFunc(h.handleWS))
}

// publish sends a live event stamped with the current time.
func (h *Handler) publish(ctx context.Context, ev proofdesk.Event) {
	if h.events == nil {
		return
	}
	ev.At = h.Now().UTC()
	h.events.PublishEvent(ctx, ev)
}
