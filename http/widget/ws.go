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
	"sync"
	"sync/atomic"
	"syscall"
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
	// wsBufferSize is the size of each of a connection's read and write
	// buffers: a chat frame is a few hundred bytes, larger ones are read
	// and written through (net/http's are 4 KiB each).
	wsBufferSize = 1024
)

// frame is every frame of the chat protocol, both ways. Client frames:
//
//	{"type":"auth","token"}                 first frame, unless the token came as a subprotocol
//	{"type":"resume","after":"<message id>"} send every visible message after that one ("" = all)
//	{"type":"resume","limit":N}             a fresh page: only the last N (at most 100) visible
//	                                        messages, as one history frame
//	{"type":"history","before":"<id>","limit":N} the N (at most 100) visible messages
//	                                        before that one, as one history frame
//	{"type":"message","client_id","body"}   store (idempotent by client_id) → ack
//	{"type":"typing"}
//	{"type":"code","code"}                  → code_result
//
// Server frames: ready, ack ({"client_id","id","seq"}: seq is the stored
// message's position among those the visitor sees, as the write returned
// it; the message itself follows, after any message stored since the
// last one sent), message, history ({"messages":[...],"more"}:
// oldest first; more says older ones exist), typing, level, challenge
// ({"status"}, with the "kind" of contact point while pending: the
// channel only, never its value or digits, since the requester is not
// verified),
// status ({"status":"resolved"...}: the conversation's status changed),
// code_result, error.
type frame struct {
	Type     string `json:"type"`
	Token    string `json:"token,omitempty"`
	After    string `json:"after,omitempty"`
	ClientID string `json:"client_id,omitempty"`
	Body     string `json:"body,omitempty"`
	Code     string `json:"code,omitempty"`
	Before   string `json:"before,omitempty"`
	Limit    int    `json:"limit,omitempty"`
}

// maxPage is the most messages one history frame carries.
const maxPage = 100

type errorFrame struct {
	Type       string `json:"type"`
	Error      string `json:"error"`
	Message    string `json:"message"`
	ClientID   string `json:"client_id,omitempty"`
	RetryAfter int    `json:"retry_after,omitempty"`
	MaxBytes   int    `json:"max_bytes,omitempty"`
}

// chatConn is one visitor's WebSocket on one conversation. Its frames
// and its events are handled one at a time (run's mu).
type chatConn struct {
	h       *Handler
	ws      *websocket.Conn
	visitor *proofdesk.Visitor
	convID  string
	// cursor is the ID of the last message delivered (or skipped as
	// internal); "" means none yet.
	cursor string
	// seen is the position (messageView.Seq) of the last visible message
	// at or before the cursor, 0 for none, -1 when not known (the cursor
	// was not found): the ack of a message whose Seq is seen+1 finds no
	// gap, so nothing is read back.
	seen       int
	lastTyping time.Time
	// status is the conversation's status last told to the visitor.
	status string
	// names caches agent display names by agent ID.
	names map[string]string
}

// handleWS serves GET /widget/v1/ws?conversation=ID: the visitor's live
// chat on one of its conversations.
func (h *Handler) handleWS(w http.ResponseWriter, r *http.Request) {
	if origin := r.Header.Get("Origin"); origin != "" && !h.originAllowed(r.Context(), origin, r.Host) {
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
	ws, err := websocket.Accept(httpd.SmallHijack(w, wsBufferSize), r, &websocket.AcceptOptions{Subprotocols: []string{Subprotocol}, OriginPatterns: h.allowedOrigins(r.Context())})
	if err != nil {
		return // Accept has answered.
	}
	// The chat is served from a goroutine of its own and this handler
	// returns, so net/http releases the request's buffers and this
	// goroutine's stack: about 10 KiB less per open chat. Its context
	// keeps the request's values and ends when the server closes.
	ctx, release := httpd.Detach(r)
	go h.serveWS(ctx, release, ws, v, convID)
}

// serveWS serves an accepted WebSocket until the visitor leaves or ctx
// ends; v is nil when the token was not offered as a subprotocol.
func (h *Handler) serveWS(ctx context.Context, release context.CancelFunc, ws *websocket.Conn, v *proofdesk.Visitor, convID string) {
	defer release()
	defer ws.CloseNow()
	ws.SetReadLimit(int64(h.cfg.MaxMessageBytes)*4 + frameOverhead)
	if v == nil {
		var err error
		if v, err = h.authFrame(ctx, ws, convID); err != nil {
			code := proofdesk.ErrorCode(err)
			writeFrame(ctx, ws, errorFrame{Type: "error", Error: code, Message: proofdesk.ErrorMessage(err)})
			ws.Close(websocket.StatusPolicyViolation, code)
			return
		}
	}
	c := &chatConn{h: h, ws: ws, visitor: v, convID: convID, names: map[string]string{}}
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

// isClosed reports whether err means the visitor went away: a close
// frame, a closed or reset connection, or a ping or frame write that
// timed out (a browser tab put to sleep, a phone that lost its network).
// None is worth an ERROR line; the widget reconnects and resumes. The
// request's own context has no deadline, so a deadline here is always
// the writeTimeout of a ping or frame.
func isClosed(err error) bool {
	return websocket.CloseStatus(err) != -1 || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, net.ErrClosed) || errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
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
// visitor leaves, ctx ends (the server closes) or the subscription closes.
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
	c.seen = len(visibleMessages(msgs))
	conv, err := h.conversations.FindConversationByID(ctx, c.convID)
	if err != nil {
		return err
	}
	c.status = conv.Status
	ready := map[string]any{"type": "ready", "conversation_id": c.convID, "level": conv.EffectiveLevel(h.Now()).String(),
		"max_bytes": h.cfg.MaxMessageBytes, "status": conv.Status}
	if ch := c.pendingChallenge(ctx); ch != nil {
		ready["challenge"] = proofdesk.ChallengePending
		// Only the channel: the requester is unverified and learns
		// nothing of the contact point (not even its masked form, which
		// keeps a phone's last four digits).
		ready["challenge_kind"] = ch.Kind
	}
	if err := writeFrame(ctx, c.ws, ready); err != nil {
		return err
	}

	// One goroutine per open chat, this one: it reads and handles the
	// visitor's frames. Events are handled by a goroutine started when
	// there are some (eventNotifier), pings by a timer's; mu keeps frames
	// and events (both move the cursor and write) one at a time. The
	// first failure closes the connection, which ends the read.
	var (
		mu      sync.Mutex
		dropped uint64
		failed  error
		failMu  sync.Mutex
		// busy is set while a frame is handled, and handled counts the
		// frames handled: no pong is read meanwhile, so a ping that
		// times out then says the server was slow, not that the visitor
		// left.
		busy    atomic.Bool
		handled atomic.Uint64
	)
	fail := func(err error) {
		failMu.Lock()
		if failed == nil {
			failed = err
		}
		failMu.Unlock()
		c.ws.CloseNow()
	}
	catchUp := func() error {
		// Events missed by a full buffer: re-read what the visitor sees.
		if dc, ok := sub.(dropCounter); ok && dc.Dropped() != dropped {
			dropped = dc.Dropped()
			return c.flush(ctx)
		}
		return nil
	}
	// drain handles the events queued; mu is held.
	drain := func() error {
		for {
			select {
			case ev, ok := <-sub.C():
				if !ok {
					return errSubscriptionClosed
				}
				if err := c.handleEvent(ctx, ev); err != nil {
					return err
				}
			default:
				return catchUp()
			}
		}
	}
	if n, ok := sub.(eventNotifier); ok {
		var pending atomic.Bool
		handleQueued := func() {
			mu.Lock()
			pending.Store(false) // an event queued from here on starts another run
			err := drain()
			mu.Unlock()
			if err != nil {
				fail(err)
			}
		}
		n.Notify(func() {
			if pending.CompareAndSwap(false, true) {
				go handleQueued()
			}
		})
		pending.Store(true)
		go handleQueued() // events queued before Notify
	} else {
		done := make(chan struct{})
		defer close(done)
		go func() {
			for {
				select {
				case <-done:
					return
				case ev, ok := <-sub.C():
					mu.Lock()
					err := errSubscriptionClosed
					if ok {
						if err = c.handleEvent(ctx, ev); err == nil {
							err = drain()
						}
					}
					mu.Unlock()
					if err != nil {
						fail(err)
						return
					}
				}
			}
		}()
	}
	var ping *time.Timer
	ping = time.AfterFunc(pingInterval, func() {
		before := handled.Load()
		pctx, cancel := context.WithTimeout(ctx, writeTimeout)
		err := c.ws.Ping(pctx)
		cancel()
		slow := busy.Load() || handled.Load() != before
		if err != nil && !(errors.Is(err, context.DeadlineExceeded) && slow && ctx.Err() == nil) {
			fail(err)
			return
		}
		ping.Reset(pingInterval)
	})
	defer ping.Stop()
	stop := context.AfterFunc(ctx, func() { fail(ctx.Err()) })
	defer stop()

	for {
		_, data, err := c.ws.Read(ctx)
		if err == nil {
			busy.Store(true)
			mu.Lock()
			if err = c.handleFrame(ctx, data); err == nil {
				err = catchUp()
			}
			mu.Unlock()
			handled.Add(1)
			busy.Store(false)
		}
		if err != nil {
			fail(err)
			failMu.Lock()
			err = failed
			failMu.Unlock()
			if errors.Is(err, errSubscriptionClosed) {
				return nil
			}
			return err
		}
	}
}

// errSubscriptionClosed ends a chat whose event subscription closed (the
// server is stopping).
var errSubscriptionClosed = errors.New("event subscription closed")

// eventNotifier is implemented by subscriptions that call a function when
// an event is queued (inmem.Subscription), so no goroutine need wait.
type eventNotifier interface{ Notify(f func()) }

// pendingChallenge returns the newest verification request waiting for a
// code on the conversation (its kind, email or phone, is all the visitor
// is told), or nil.
func (c *chatConn) pendingChallenge(ctx context.Context) *proofdesk.ChallengeInfo {
	chs, err := c.h.verification.FindChallenges(ctx, c.convID)
	if err != nil {
		return nil
	}
	var out *proofdesk.ChallengeInfo
	for _, ch := range chs {
		if ch.Status == proofdesk.ChallengePending && (out == nil || !ch.CreatedAt.Before(out.CreatedAt)) {
			out = ch
		}
	}
	return out
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
		if f.After == "" && f.Limit > 0 {
			return c.page(ctx, "", f.Limit)
		}
		return c.resume(ctx, f.After)
	case "history":
		if f.Before == "" {
			return c.sendError(ctx, proofdesk.FieldError("before", "before is required"), "")
		}
		return c.page(ctx, f.Before, f.Limit)
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
	// Writing again after the agent resolved the chat reopens it, so
	// the message reaches the inbox; the status frame follows the event.
	if c.status == proofdesk.StatusResolved && h.cfg.Reopener != nil {
		if _, err := h.cfg.Reopener.ReopenConversation(ctx, c.convID); err != nil {
			return err
		}
	}
	ack := ackFrame{Type: "ack", ClientID: f.ClientID, ID: m.ID, Seq: m.Seq}
	switch {
	case m.Seq > 0 && c.seen >= 0 && m.Seq <= c.seen:
		// A retry of a message this connection has passed already.
		return writeFrame(ctx, c.ws, ack)
	case m.Seq > 0 && m.Seq == c.seen+1:
		// No gap: nothing the visitor may see was stored between the
		// cursor and this message, which goes out as it was stored; the
		// message.created event that follows finds it sent.
		if err := writeFrame(ctx, c.ws, ack); err != nil {
			return err
		}
		c.cursor, c.seen = m.ID, m.Seq
		return writeFrame(ctx, c.ws, messageFrame{"message", viewOf(m, m.Seq)})
	}
	// A gap (a reply stored since the cursor, its event not handled yet)
	// or a store that did not number the message: read the conversation,
	// then send the messages after the cursor, the visitor's own among
	// them.
	msgs, err := h.conversations.FindMessages(ctx, c.convID)
	if err != nil {
		return err
	}
	if ack.Seq == 0 {
		for _, mv := range visibleMessages(msgs) {
			if mv.ID == m.ID {
				ack.Seq = mv.Seq
			}
		}
	}
	if err := writeFrame(ctx, c.ws, ack); err != nil {
		return err
	}
	return c.sendAfterCursor(ctx, msgs)
}

// ackFrame answers a visitor's message: Seq is the stored message's
// position among those the visitor sees (messageView.Seq).
type ackFrame struct {
	Type     string `json:"type"`
	ClientID string `json:"client_id"`
	ID       string `json:"id"`
	Seq      int    `json:"seq"`
}

// messageFrame carries one message to the visitor.
type messageFrame struct {
	Type string `json:"type"`
	messageView
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

// page sends one history frame: the limit (1 to maxPage) visible messages
// before the message before, or the last ones when before is "". A fresh
// page also moves the cursor to the conversation's end, so the live
// messages that follow are those after it. However long the conversation,
// a reconnect sends at most one page.
func (c *chatConn) page(ctx context.Context, before string, limit int) error {
	limit = min(max(limit, 1), maxPage)
	msgs, err := c.h.conversations.FindMessages(ctx, c.convID)
	if err != nil {
		return err
	}
	views := visibleMessages(msgs)
	end := len(views)
	if before != "" {
		end = -1
		for i, v := range views {
			if v.ID == before {
				end = i
				break
			}
		}
		if end < 0 {
			return c.sendError(ctx, proofdesk.FieldError("before", "before names no message of this conversation."), "")
		}
	} else if len(msgs) > 0 {
		c.cursor, c.seen = msgs[len(msgs)-1].ID, len(views)
	}
	start := max(end-limit, 0)
	out := views[start:end]
	c.h.agentNames(ctx, out, c.names)
	return writeFrame(ctx, c.ws, map[string]any{"type": "history", "before": before, "messages": out, "more": start > 0})
}

// flush sends the visible messages after the cursor, in order, and moves
// the cursor past them: each message goes out once per connection.
func (c *chatConn) flush(ctx context.Context) error {
	msgs, err := c.h.conversations.FindMessages(ctx, c.convID)
	if err != nil {
		return err
	}
	return c.sendAfterCursor(ctx, msgs)
}

// sendAfterCursor is flush with the conversation's messages msgs, just
// read.
func (c *chatConn) sendAfterCursor(ctx context.Context, msgs []*proofdesk.Message) error {
	start, seen := 0, 0
	if c.cursor != "" {
		start, seen = len(msgs), -1 // cursor not found: nothing new is known
		visible := 0
		for i, m := range msgs {
			if !m.Internal {
				visible++
			}
			if m.ID == c.cursor {
				start, seen = i+1, visible
				break
			}
		}
	}
	c.seen = seen
	views := visibleMessages(msgs)
	if seen < 0 {
		return nil
	}
	news := views[seen:]
	c.h.agentNames(ctx, news, c.names) // cached: one lookup per agent and connection
	for _, m := range msgs[start:] {
		c.cursor = m.ID
		if m.Internal {
			continue
		}
		mv := news[0]
		news = news[1:]
		c.seen = mv.Seq
		if err := writeFrame(ctx, c.ws, messageFrame{"message", mv}); err != nil {
			return err
		}
	}
	return nil
}

func (c *chatConn) handleEvent(ctx context.Context, ev proofdesk.Event) error {
	switch ev.Type {
	case proofdesk.EventMessageCreated:
		if ev.MessageID != "" && ev.MessageID == c.cursor {
			return nil // sent already, with everything before it
		}
		return c.flush(ctx)
	case proofdesk.EventTyping:
		if ev.AuthorKind == proofdesk.AuthorAgent {
			return writeFrame(ctx, c.ws, map[string]string{"type": "typing", "author": proofdesk.AuthorAgent})
		}
	case proofdesk.EventLevelChanged:
		return writeFrame(ctx, c.ws, map[string]string{"type": "level", "level": ev.Level})
	case proofdesk.EventChallengeUpdated:
		f := map[string]string{"type": "challenge", "status": ev.Status}
		if ev.Status == proofdesk.ChallengePending {
			if ch := c.pendingChallenge(ctx); ch != nil {
				f["kind"] = ch.Kind // the channel only, as in ready
			}
		}
		return writeFrame(ctx, c.ws, f)
	case proofdesk.EventConversationUpdated:
		conv, err := c.h.conversations.FindConversationByID(ctx, c.convID)
		if err != nil {
			return err
		}
		if conv.Status != c.status {
			c.status = conv.Status
			if err := writeFrame(ctx, c.ws, map[string]string{"type": "status", "status": conv.Status}); err != nil {
				return err
			}
			if conv.Status == proofdesk.StatusResolved && c.h.cfg.RatingLink != nil {
				return writeFrame(ctx, c.ws, map[string]string{"type": "csat", "url": c.h.cfg.RatingLink(c.convID)})
			}
		}
	}
	return nil
}
