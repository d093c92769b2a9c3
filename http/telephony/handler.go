// Package telephony serves the webhook a telephony provider (Twilio or a
// Twilio-compatible one) calls for incoming calls and keypad input. Its
// callers authenticate with the provider's request signature, checked by
// the middleware in middleware.go.
//
// An incoming call opens a phone conversation with the caller ID as a
// claim: caller ID never raises the level (DESIGN.md §1 rule 1). The caller
// proves possession by typing, on the keypad, the code the agent's
// verification request sent to an on-file phone or email; the agent never
// hears or types it.
package telephony

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// Routes, relative to the public base URL.
const (
	VoicePath  = "/api/v1/telephony/voice"
	DigitsPath = "/api/v1/telephony/digits"
)

// Router is where the handler registers its routes; *http.Server of
// package http and *net/http.ServeMux both are one.
type Router interface {
	Handle(pattern string, h http.Handler)
}

// Config configures the webhook.
type Config struct {
	// BaseURL is Proofdesk's public origin as the provider calls it, such
	// as "https://desk.example.com". Signatures cover the full URL the
	// provider requested, which behind a proxy differs from what the
	// server sees, so it comes from configuration; keypad actions point
	// at it too.
	BaseURL string
	// AuthToken is the provider's auth token, the key of the signatures.
	AuthToken string
	// Company names the business in the greeting; "our" when empty.
	Company string
}

// callStore maps provider calls to conversations (sqldb.PhoneService).
type callStore interface {
	FindCallConversationID(ctx context.Context, callSID string) (string, error)
	CreateCallConversation(ctx context.Context, callSID string, conv *proofdesk.Conversation, first *proofdesk.Message) (string, bool, error)
}

// codeChecker checks a code the customer typed.
type codeChecker interface {
	CompleteByCode(ctx context.Context, conversationID, code string) (*proofdesk.ChallengeResult, error)
}

// Handler serves the telephony webhook.
type Handler struct {
	cfg          Config
	calls        callStore
	verification codeChecker
	logger       *slog.Logger
}

// NewHandler returns the webhook handler. calls is a *sqldb.PhoneService,
// verification a proofdesk.VerificationService. It looks up no customer:
// the caller ID is the requester's claim, which an agent links (a counted
// lookup). Returns EINVALID without an auth token or
// an absolute http(s) base URL: the webhook never runs unsigned.
func NewHandler(cfg Config, calls callStore, verification codeChecker, logger *slog.Logger) (*Handler, error) {
	if cfg.AuthToken == "" {
		return nil, proofdesk.FieldError("telephony.auth_token", "the telephony webhook needs the provider's auth token to check signatures")
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, proofdesk.FieldError("telephony.base_url", "the telephony webhook needs the public base URL (http or https) the provider calls")
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	if cfg.Company == "" {
		cfg.Company = "our"
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Handler{cfg: cfg, calls: calls, verification: verification, logger: logger}, nil
}

// Register adds POST VoicePath and POST DigitsPath to r, each behind
// signature validation.
func (h *Handler) Register(r Router) {
	r.Handle("POST "+VoicePath, h.requireSignature(http.HandlerFunc(h.handleVoice)))
	r.Handle("POST "+DigitsPath, h.requireSignature(http.HandlerFunc(h.handleDigits)))
}
