package widget

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
	"github.com/proofdesk/proofdesk/verify"
)

// messageView is a message as the visitor sees it. Internal notes are
// never shown; Seq is the message's 1-based position among those shown.
type messageView struct {
	ID     string `json:"id"`
	Seq    int    `json:"seq"`
	Author string `json:"author"`
	// AuthorName is the display name of the agent who wrote a reply, when
	// Config.Agents is set; "" otherwise.
	AuthorName string     `json:"author_name,omitempty"`
	authorID   string     // the agent's ID, never sent
	Body       string     `json:"body"`
	ClientID   string     `json:"client_id,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
	Files      []fileView `json:"attachments,omitempty"`
}

// visibleMessages returns the conversation's messages a visitor may see,
// oldest first, numbered.
func visibleMessages(msgs []*proofdesk.Message) []messageView {
	out := []messageView{}
	for _, m := range msgs {
		if m.Internal {
			continue
		}
		out = append(out, viewOf(m, len(out)+1))
	}
	return out
}

// viewOf is the visible message m as the visitor sees it, at position seq.
func viewOf(m *proofdesk.Message, seq int) messageView {
	mv := messageView{ID: m.ID, Seq: seq, Author: m.AuthorKind, Body: m.Body, CreatedAt: m.CreatedAt, Files: fileViews(m.Attachments)}
	if m.RemovedAt != nil {
		mv.Body = proofdesk.RetentionRemovedText(*m.RemovedAt)
	}
	switch m.AuthorKind {
	case proofdesk.AuthorCustomer:
		mv.ClientID = m.ClientID
	case proofdesk.AuthorAgent:
		mv.authorID = m.AuthorID
	}
	return mv
}

// agentNames fills AuthorName of the agents' replies in views, looking
// each agent up once through cache (agent ID -> name). An agent that
// cannot be found stays unnamed ("Support").
func (h *Handler) agentNames(ctx context.Context, views []messageView, cache map[string]string) {
	if h.cfg.Agents == nil {
		return
	}
	for i := range views {
		id := views[i].authorID
		if id == "" {
			continue
		}
		name, ok := cache[id]
		if !ok {
			if a, err := h.cfg.Agents.FindAgentByID(ctx, id); err == nil {
				name = firstWord(a.Name)
			}
			cache[id] = name
		}
		views[i].AuthorName = name
	}
}

// firstWord is the first word of an agent's name: customers see "Ana",
// not the agent's full name.
func firstWord(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return ""
}

// checkBody validates a message body typed by the visitor.
func (h *Handler) checkBody(field, body string) error {
	if strings.TrimSpace(body) == "" {
		return proofdesk.FieldError(field, "%s is required", field)
	}
	if len(body) > h.cfg.MaxMessageBytes {
		return &proofdesk.Error{Code: proofdesk.EINVALID, Field: field, Message: tooLargeMessage(h.cfg.MaxMessageBytes),
			Details: map[string]any{"max_bytes": h.cfg.MaxMessageBytes}}
	}
	if !utf8.ValidString(body) {
		return proofdesk.FieldError(field, "%s must be UTF-8 text", field)
	}
	return nil
}

func tooLargeMessage(limit int) string {
	return "The message is too long: at most " + strconv.Itoa(limit) + " bytes."
}

// rateLimit takes one of the visitor's tokens or returns ERATELIMIT (or
// the rate store's error).
func (h *Handler) rateLimit(ctx context.Context, v *proofdesk.Visitor) error {
	var ok bool
	var wait time.Duration
	if h.cfg.RateStore != nil {
		var err error
		if ok, wait, err = h.cfg.RateStore.TakeRate(ctx, "widget:"+v.ID, h.cfg.RatePerMinute, time.Minute, h.Now()); err != nil {
			return err
		}
	} else {
		ok, wait = h.limiter.allow(v.ID, h.Now())
	}
	if ok {
		return nil
	}
	secs := int(wait/time.Second) + 1
	return &proofdesk.Error{Code: proofdesk.ERATELIMIT, Message: "You are sending messages too fast; wait a moment.",
		Details: map[string]any{"retry_after": secs}}
}

type conversationCreateRequest struct {
	Message       string `json:"message"`
	ClientID      string `json:"client_id"`
	Name          string `json:"name"`
	Email         string `json:"email"`
	IdentityToken string `json:"identity_token"`
}

// errCodeAsMessage refuses a message that is only a verification code: it
// would reach the agent's view (DESIGN.md §1 rule 4).
var errCodeAsMessage = proofdesk.FieldError("message", "That looks like a verification code. Codes are never sent as chat messages: type it into the code box when the agent sends a verification request.")

// handleConversationCreate serves POST /widget/v1/conversations: a chat
// conversation with the visitor's first message. Name and email are claims
// and never raise the level; a valid identity token from the host site
// links the conversation to that customer at L1.
func (h *Handler) handleConversationCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v := visitorFrom(ctx)
	var req conversationCreateRequest
	if err := httpd.DecodeJSON(r, &req); err != nil {
		httpd.Error(w, r, err)
		return
	}
	if err := h.checkBody("message", req.Message); err != nil {
		httpd.Error(w, r, err)
		return
	}
	if _, ok := verify.NormalizeCode(req.Message); ok {
		httpd.Error(w, r, errCodeAsMessage)
		return
	}
	if len(req.Name) > 200 || len(req.Email) > 320 || len(req.ClientID) > 64 {
		httpd.Error(w, r, proofdesk.Errorf(proofdesk.EINVALID, "name, email or client_id is too long"))
		return
	}
	if err := h.rateLimit(r.Context(), v); err != nil {
		httpd.Error(w, r, err)
		return
	}
	// Check the identity token before storing anything.
	var ident *verify.Identity
	if req.IdentityToken != "" {
		if h.tokens == nil {
			httpd.Error(w, r, proofdesk.FieldError("identity_token", "This desk does not accept identity tokens."))
			return
		}
		var err error
		if ident, err = h.tokens.Verify(ctx, req.IdentityToken, h.Now()); err != nil {
			httpd.Error(w, r, err)
			return
		}
	}
	// Stored and bound to the visitor in one transaction; a retry with
	// the same client_id answers with the conversation already made.
	conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, VisitorID: v.ID,
		Requester: proofdesk.Requester{Name: proofdesk.NeutralizeLine(req.Name), Email: proofdesk.NeutralizeLine(req.Email)}}
	first := &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: req.Message, ClientID: req.ClientID}
	if err := h.conversations.CreateConversation(ctx, conv, first); err != nil {
		httpd.Error(w, r, err)
		return
	}
	level := proofdesk.L0
	if ident != nil {
		linked, err := h.verification.LinkSession(ctx, conv.ID, ident.ExternalID, h.Now())
		if err != nil {
			// The conversation exists; say why it is not linked.
			httpd.Error(w, r, err)
			return
		}
		level = linked.EffectiveLevel(h.Now())
	}
	httpd.WriteJSON(w, http.StatusCreated, map[string]any{
		"conversation_id": conv.ID,
		"level":           level.String(),
		"message":         messageView{ID: first.ID, Seq: 1, Author: first.AuthorKind, Body: first.Body, ClientID: first.ClientID, CreatedAt: first.CreatedAt},
	})
}

// handleMessageList serves GET /widget/v1/conversations/{id}/messages:
// the visitor's own conversation, without internal notes.
func (h *Handler) handleMessageList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	conv, err := h.ownConversation(ctx, visitorFrom(ctx), r.PathValue("id"))
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	msgs, err := h.conversations.FindMessages(ctx, conv.ID)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	views := visibleMessages(msgs)
	h.agentNames(ctx, views, map[string]string{})
	httpd.WriteJSON(w, http.StatusOK, map[string]any{
		"conversation_id": conv.ID,
		"level":           conv.EffectiveLevel(h.Now()).String(),
		"messages":        views,
	})
}

// codeResult is the outcome of a code the visitor typed. The code itself
// is never echoed.
type codeResult struct {
	OK           bool   `json:"ok"`
	Status       string `json:"status"`
	AttemptsLeft int    `json:"attempts_left"`
	Level        string `json:"level,omitempty"`
	Message      string `json:"message"`
}

// completeCode checks a code against the conversation's pending requests
// and publishes the outcome. A wrong or locked attempt is a result, not an
// error; other failures (nothing pending, rate limits) are errors.
func (h *Handler) completeCode(ctx context.Context, conversationID, code string) (*codeResult, error) {
	norm, ok := verify.NormalizeCode(code)
	if !ok {
		return nil, proofdesk.FieldError("code", "A code is %d digits.", verify.CodeDigits)
	}
	res, err := h.verification.CompleteByCode(ctx, conversationID, norm)
	if err != nil {
		var e *proofdesk.Error
		isErr := errors.As(err, &e)
		status, _ := detail[string](e, isErr, "status")
		left, hasLeft := detail[int](e, isErr, "attempts_left")
		if !hasLeft || status == "" {
			return nil, err
		}
		return &codeResult{OK: false, Status: status, AttemptsLeft: left, Message: e.Message}, nil
	}
	out := &codeResult{OK: res.OK, Status: res.Status, AttemptsLeft: res.AttemptsLeft, Level: res.Level.String(), Message: "Verified. Thank you."}
	return out, nil
}

func detail[T any](e *proofdesk.Error, ok bool, key string) (T, bool) {
	var zero T
	if !ok || e == nil {
		return zero, false
	}
	v, found := e.Details[key].(T)
	return v, found
}

// handleCode serves POST /widget/v1/conversations/{id}/code {"code"}:
// 200 with the result, right or wrong.
func (h *Handler) handleCode(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v := visitorFrom(ctx)
	conv, err := h.ownConversation(ctx, v, r.PathValue("id"))
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	var req struct {
		Code string `json:"code"`
	}
	if err := httpd.DecodeJSON(r, &req); err != nil {
		httpd.Error(w, r, err)
		return
	}
	if err := h.rateLimit(r.Context(), v); err != nil {
		httpd.Error(w, r, err)
		return
	}
	res, err := h.completeCode(ctx, conv.ID, req.Code)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, res)
}
