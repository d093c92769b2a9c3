package widget

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/coder/websocket"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
	"github.com/proofdesk/proofdesk/verify"
)

// WebSocket protocol.
const (
	// Subprotocol is the subprotocol the server selects. A client may
	// offer its visitor token as a second subprotocol "visitor.<token>"
	// instead of sending an auth frame; the URL never carries it.
	Subprotocol = "proofdesk.v1"

	authTimeout   = 10 * time.Second
	writeTimeout  = 10 * time.Second
	pingInterval  = 25 * time.Second
	typingEvery   = 2 * time.Second
	frameOverhead = 1024
)

// frame is every frame of the chat protocol, both ways. Client frames:
//
//	{"type":"auth","token"}                 first frame, unless the token came as a subprotocol
//	{"type":"resume","after":"<message id>"} send every visible message after that one ("" = all)
//	{"type":"message","client_id","body"}   store (idempotent by client_id) → ack
//	{"type":"typing"}
//	{"type":"code","code"}                  → code_result
//
// Server frames: ready, ack, message, typing, level, challenge,
// code_result, error.
type frame struct {
	Type     string `json:"type"`
	Token    string `json:"token,omitempty"`
	After    string `json:"after,omitempty"`
	ClientID string `json:"client_id,omitempty"`
	Body     string `json:"body,omitempty"`
	Code     string `json:"code,omitempty"`
}

type errorFrame struct {
	Type       string `json:"type"`
	Error      string `json:"error"`
	Message    string `json:"message"`
	ClientID   string `json:"client_id,omitempty"`
	RetryAfter int    `json:"retry_after,omitempty"`
	MaxBytes   int    `json:"max_bytes,omitempty"`
}

// chatConn is one visitor's WebSocket on one conversation. Only its loop
// goroutine writes.
type chatConn struct {
	h       *Handler
	ws      *websocket.Conn
	visitor *proofdesk.Visitor
	convID  string
	// cursor is the ID of the last message delivered (or skipped as
	// internal); "" means none yet.
	cursor     string
	lastTyping time.Time
}

// handleWS serves GET /widget/v1/ws?conversation=ID: the visitor's live
// chat on one of its conversations.
func (h *Handler) handleWS(w http.ResponseWriter, r *http.Request) {
	if origin := r.Header.Get("Origin"); origin != "" && !h.originAllowed(origin, r.Host) {
		httpd.Error(w, r, errOrigin)
		return
	}
	convID := r.URL.Query().Get("conversation")
	if convID == "" {
		httpd.Error(w, r, proofdesk.FieldError("conversation", "conversation is required"))
		return
	}
	// A token offered as a subprotocol is checked before upgrading, so a
	// bad one gets a plain 401/404.
	var v *proofdesk.Visitor
	if token := subprotocolToken(r); token != "" {
		var err error
		if v, err = h.authenticate(r.Context(), token); err != nil {
			httpd.Error(w, r, err)
			return
		}
		if _, err := h.ownConversation(r.Context(), v, convID); err != nil {
			httpd.Error(w, r, err)
			return
		}
	}
	// The server's read deadline must not end a long-lived connection.
	_ = http.NewResponseController(w).SetReadDeadline(time.Time{})
	ws, err := websocket.Accept(w, r, &websocket.AcceptOptions{Subprotocols: []string{Subprotocol}, OriginPatterns: h.cfg.AllowedOrigins})
	if err != nil {
		return // Accept has answered.
	}
	defer ws.CloseNow()
	ws.SetReadLimit(int64(h.cfg.MaxMessageBytes)*4 + frameOverhead)
	ctx := r.Context()

	if v == nil {
		if v, err = h.authFrame(ctx, ws, convID); err != nil {
			code := proofdesk.ErrorCode(err)
			writeFrame(ctx, ws, errorFrame{Type: "error", Error: code, Message: proofdesk.ErrorMessage(err)})
			ws.Close(websocket.StatusPolicyViolation, code)
			return
		}
	}
	c := &chatConn{h: h, ws: ws, visitor: v, convID: convID}
	if err := c.run(ctx); err != nil && !isClosed(err) && proofdesk.ErrorCode(err) == proofdesk.EINTERNAL {
		h.logger.Error("widget websocket", slog.String("conversation_id", convID), slog.Any("error", err))
		ws.Close(websocket.StatusInternalError, "internal error")
		return
	}
	ws.Close(websocket.StatusNormalClosure, "")
}

func subprotocolToken(r *http.Request) string {
	for _, v := range r.Header.Values("Sec-WebSocket-Protocol") {
		for _, p := range strings.Split(v, ",") {
			if t, ok := strings.CutPrefix(strings.TrimSpace(p), "visitor."); ok {
				return t
			}
		}
	}
	return ""
}

// authFrame reads the first frame, {"type":"auth","token"}, and checks the
// visitor owns the conversation.
func (h *Handler) authFrame(ctx context.Context, ws *websocket.Conn, convID string) (*proofdesk.Visitor, error) {
	actx, cancel := context.WithTimeout(ctx, authTimeout)
	defer cancel()
	_, data, err := ws.Read(actx)
	if err != nil {
		return nil, errNoVisitor
	}
	var f frame
	if json.Unmarshal(data, &f) != nil || f.Type != "auth" {
		return nil, errNoVisitor
	}
	v, err := h.authenticate(ctx, f.Token)
	if err != nil {
		return nil, err
	}
	if _, err := h.ownConversation(ctx, v, convID); err != nil {
		return nil, err
	}
	return v, nil
}

func isClosed(err error) bool {
	return websocket.CloseStatus(err) != -1 || errors.Is(err, context.Canceled) || errors.Is(err, net.ErrClosed) || errors.Is(err, io.EOF)
}

func writeFrame(ctx context.Context, ws *websocket.Conn, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	wctx, cancel := context.WithTimeout(ctx, writeTimeout)
	defer cancel()
	return ws.Write(wctx, websocket.MessageText, b)
}

// dropCounter is implemented by subscriptions that count missed events
// (inmem.Subscription).
type dropCounter interface{ Dropped() uint64 }

// run subscribes to the conversation, then serves frames until the
// visitor leaves, the request ends or the subscription closes.
func (c *chatConn) run(ctx context.Context) error {
	h := c.h
	sub, err := h.events.Subscribe(ctx, c.convID)
	if err != nil {
		return err
	}
	defer sub.Close()

	// Subscribed first, then the cursor: nothing stored after this point
	// can be missed.
	msgs, err := h.conversations.FindMessages(ctx, c.convID)
	if err != nil {
		return err
	}
	if len(msgs) > 0 {
		c.cursor = msgs[len(msgs)-1].ID
	}
	conv, err := h.conversations.FindConversationByID(ctx, c.convID)
	if err != nil {
		return err
	}
	ready := map[string]any{"type": "ready", "conversation_id": c.convID, "level": conv.EffectiveLevel(h.Now()).String(),
		"max_bytes": h.cfg.MaxMessageBytes}
	if st := c.challengeStatus(ctx); st != "" {
		ready["challenge"] = st
	}
	if err := writeFrame(ctx, c.ws, ready); err != nil {
		return err
	}

	frames := make(chan []byte)
	readErr := make(chan error, 1)
	go func() {
		for {
			_, data, err := c.ws.Read(ctx)
			if err != nil {
				readErr <- err
				return
			}
			select {
			case frames <- data:
			case <-ctx.Done():
				return
			}
		}
	}()

	var dropped uint64
	ping := time.NewTicker(pingInterval)
	defer ping.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err := <-readErr:
			return err
		case data := <-frames:
			if err := c.handleFrame(ctx, data); err != nil {
				return err
			}
		case ev, ok := <-sub.C():
			if !ok {
				return nil
			}
			if err := c.handleEvent(ctx, ev); err != nil {
				return err
			}
		case <-ping.C:
			pctx, cancel := context.WithTimeout(ctx, writeTimeout)
			err := c.ws.Ping(pctx)
			cancel()
			if err != nil {
				return err
			}
		}
		// Events missed by a full buffer: re-read what the visitor sees.
		if dc, ok := sub.(dropCounter); ok && dc.Dropped() != dropped {
			dropped = dc.Dropped()
			if err := c.flush(ctx); err != nil {
				return err
			}
		}
	}
}

// challengeStatus returns "pending" when a verification request waits for
// a code on the conversation, "" otherwise.
func (c *chatConn) challengeStatus(ctx context.Context) string {
	chs, err := c.h.verification.FindChallenges(ctx, c.convID)
	if err != nil {
		return ""
	}
	for _, ch := range chs {
		if ch.Status == proofdesk.ChallengePending {
			return proofdesk.ChallengePending
		}
	}
	return ""
}

func (c *chatConn) sendError(ctx context.Context, err error, clientID string) error {
	f := errorFrame{Type: "error", Error: proofdesk.ErrorCode(err), Message: proofdesk.ErrorMessage(err), ClientID: clientID}
	var e *proofdesk.Error
	if errors.As(err, &e) {
		if ra, ok := e.Details["retry_after"].(int); ok {
			f.RetryAfter = ra
		}
		if mb, ok := e.Details["max_bytes"].(int); ok {
			f.Error, f.MaxBytes = "too_large", mb
		}
	}
	if f.Error == proofdesk.EINTERNAL {
		return err
	}
	return writeFrame(ctx, c.ws, f)
}

func (c *chatConn) handleFrame(ctx context.Context, data []byte) error {
	h := c.h
	var f frame
	if err := json.Unmarshal(data, &f); err != nil {
		return c.sendError(ctx, proofdesk.Errorf(proofdesk.EINVALID, "Frames are JSON objects with a type."), "")
	}
	switch f.Type {
	case "auth":
		return nil // already authenticated
	case "resume":
		return c.resume(ctx, f.After)
	case "typing":
		now := h.Now()
		if now.Sub(c.lastTyping) < typingEvery {
			return nil // a typing indicator, not a message: coalesced
		}
		c.lastTyping = now
		h.publish(ctx, proofdesk.Event{Type: proofdesk.EventTyping, ConversationID: c.convID, AuthorKind: proofdesk.AuthorCustomer})
		return nil
	case "code":
		return c.code(ctx, f.Code, f.ClientID)
	case "message":
		return c.message(ctx, f)
	}
	return c.sendError(ctx, proofdesk.Errorf(proofdesk.EINVALID, "Unknown frame type."), f.ClientID)
}

// message stores a visitor message and acknowledges it. A body that is
// only a verification code is never stored: it is checked as a code.
func (c *chatConn) message(ctx context.Context, f frame) error {
	h := c.h
	if len(f.ClientID) > 64 {
		return c.sendError(ctx, proofdesk.FieldError("client_id", "client_id is too long"), "")
	}
	if err := h.checkBody("body", f.Body); err != nil {
		return c.sendError(ctx, err, f.ClientID)
	}
	if _, ok := verify.NormalizeCode(f.Body); ok {
		return c.code(ctx, f.Body, f.ClientID)
	}
	if err := h.rateLimit(ctx, c.visitor); err != nil {
		return c.sendError(ctx, err, f.ClientID)
	}
	m := &proofdesk.Message{ConversationID: c.convID, AuthorKind: proofdesk.AuthorCustomer, Body: f.Body, ClientID: f.ClientID}
	if err := h.conversations.CreateMessage(ctx, m); err != nil {
		return c.sendError(ctx, err, f.ClientID)
	}
	msgs, err := h.conversations.FindMessages(ctx, c.convID)
	if err != nil {
		return err
	}
	seq := 0
	for _, mv := range visibleMessages(msgs) {
		if mv.ID == m.ID {
			seq = mv.Seq
		}
	}
	return writeFrame(ctx, c.ws, map[string]any{"type": "ack", "client_id": f.ClientID, "id": m.ID, "seq": seq})
}

// code checks a code typed by the visitor and answers with code_result;
// the code is never echoed, stored as a message or logged.
func (c *chatConn) code(ctx context.Context, code, clientID string) error {
	if err := c.h.rateLimit(ctx, c.visitor); err != nil {
		return c.sendError(ctx, err, clientID)
	}
	res, err := c.h.completeCode(ctx, c.convID, code)
	if err != nil {
		if proofdesk.ErrorCode(err) == proofdesk.EINVALID {
			err = proofdesk.Errorf(proofdesk.EINVALID, "That looks like a verification code, so it was not sent to the agent. %s", proofdesk.ErrorMessage(err))
		}
		return c.sendError(ctx, err, clientID)
	}
	return writeFrame(ctx, c.ws, struct {
		Type     string `json:"type"`
		ClientID string `json:"client_id,omitempty"`
		*codeResult
	}{"code_result", clientID, res})
}

// resume moves the cursor to after (a message ID the visitor saw, or ""
// for the start) and sends every visible message after it.
func (c *chatConn) resume(ctx context.Context, after string) error {
	if after != "" {
		msgs, err := c.h.conversations.FindMessages(ctx, c.convID)
		if err != nil {
			return err
		}
		found := false
		for _, m := range msgs {
			if m.ID == after && !m.Internal {
				found = true
			}
		}
		if !found {
			return c.sendError(ctx, proofdesk.FieldError("after", "after names no message of this conversation."), "")
		}
	}
	c.cursor = after
	return c.flush(ctx)
}

// flush sends the visible messages after the cursor, in order, and moves
// the cursor past them: each message goes out once per connection.
func (c *chatConn) flush(ctx context.Context) error {
	msgs, err := c.h.conversations.FindMessages(ctx, c.convID)
	if err != nil {
		return err
	}
	start := 0
	if c.cursor != "" {
		start = len(msgs) // cursor not found: nothing new is known
		for i, m := range msgs {
			if m.ID == c.cursor {
				start = i + 1
				break
			}
		}
	}
	views := visibleMessages(msgs)
	byID := make(map[string]messageView, len(views))
	for _, v := range views {
		byID[v.ID] = v
	}
	for _, m := range msgs[start:] {
		c.cursor = m.ID
		mv, ok := byID[m.ID]
		if !ok {
			continue // internal note
		}
		if err := writeFrame(ctx, c.ws, struct {
			Type string `json:"type"`
			messageView
		}{"message", mv}); err != nil {
			return err
		}
	}
	return nil
}

func (c *chatConn) handleEvent(ctx context.Context, ev proofdesk.Event) error {
	switch ev.Type {
	case proofdesk.EventMessageCreated:
		return c.flush(ctx)
	case proofdesk.EventTyping:
		if ev.AuthorKind == proofdesk.AuthorAgent {
			return writeFrame(ctx, c.ws, map[string]string{"type": "typing", "author": proofdesk.AuthorAgent})
		}
	case proofdesk.EventLevelChanged:
		return writeFrame(ctx, c.ws, map[string]string{"type": "level", "level": ev.Level})
	case proofdesk.EventChallengeUpdated:
		return writeFrame(ctx, c.ws, map[string]string{"type": "challenge", "status": ev.Status})
	case proofdesk.EventConversationUpdated:
		if ev.Status == proofdesk.StatusResolved && c.h.cfg.RatingLink != nil {
			return writeFrame(ctx, c.ws, map[string]string{"type": "csat", "url": c.h.cfg.RatingLink(c.convID)})
		}
	}
	return nil
}
