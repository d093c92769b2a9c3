package console

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
)

// keepAlive is how often an idle stream sends a comment line.
const keepAlive = 20 * time.Second

// handleEvents streams server-sent events: "refresh" when the
// conversation (?conversation=ID) or, without one, the inbox changed, and
// "expired" when the session ended. Events come from the EventService
// and, for changes nobody published (another node, a customer approving a
// request), from polling the store every PollInterval. The data carries
// IDs only.
func (h *Handler) handleEvents(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if r.Method == http.MethodHead {
		// Scripts ask with HEAD whether the session is still alive.
		w.WriteHeader(http.StatusNoContent)
		return
	}
	convID := r.URL.Query().Get("conversation")
	if convID != "" {
		if _, err := h.d.Conversations.FindConversationByID(ctx, convID); err != nil {
			h.renderError(w, r, err)
			return
		}
	}
	var events <-chan proofdesk.Event
	if h.d.Events != nil {
		// Every conversation's events: the page refreshes for its own, and
		// notifies for the agent's (mentions, assignments, replies).
		sub, err := h.d.Events.Subscribe(ctx, "")
		if err != nil {
			h.renderError(w, r, err)
			return
		}
		defer sub.Close()
		events = sub.C()
	}
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	send := func(event string, data any) bool {
		b, _ := json.Marshal(data)
		if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if _, err := fmt.Fprint(w, "retry: 3000\n: connected\n\n"); err != nil || rc.Flush() != nil {
		return
	}

	me := proofdesk.AgentIDFromContext(ctx)
	if convID != "" {
		h.publishViewing(ctx, convID, "")
		defer h.publishViewing(context.WithoutCancel(ctx), convID, "left")
	}
	last, err := h.fingerprint(ctx, convID)
	if err != nil {
		h.d.Logger.Error("live stream", slog.Any("error", err), slog.String("conversation_id", convID))
	}
	poll := time.NewTicker(h.PollInterval)
	defer poll.Stop()
	idle := time.NewTicker(keepAlive)
	defer idle.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			if ev.Internal() {
				continue // between nodes only
			}
			if n, ok := h.notification(ctx, ev, me); ok && !send("notify", n) {
				return
			}
			if convID != "" && ev.ConversationID != convID {
				continue
			}
			if p, ok := h.presence(ctx, ev, me); ok {
				if !send("presence", p) {
					return
				}
				continue
			}
			if ev.Type == proofdesk.EventTyping || ev.Type == proofdesk.EventMention || ev.Type == proofdesk.EventAssigned {
				continue
			}
			if !send("refresh", proofdesk.Event{Type: ev.Type, ConversationID: ev.ConversationID, At: ev.At}) {
				return
			}
			last, _ = h.fingerprint(ctx, convID)
		case <-poll.C:
			if sess, _, err := h.currentSession(r); err == nil && sess == nil {
				send("expired", map[string]string{})
				return
			}
			fp, err := h.fingerprint(ctx, convID)
			if err != nil {
				if ctx.Err() == nil {
					h.d.Logger.Error("live stream", slog.Any("error", err), slog.String("conversation_id", convID))
				}
				continue
			}
			if fp != last {
				last = fp
				if !send("refresh", proofdesk.Event{Type: "changed", ConversationID: convID, At: h.Now().UTC()}) {
					return
				}
			}
		case <-idle.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil || rc.Flush() != nil {
				return
			}
			if convID != "" {
				h.publishViewing(ctx, convID, "") // still here
			}
		}
	}
}

// fingerprint summarises what a live page shows, without any content: it
// changes when the conversation (or the inbox, for "") changes.
func (h *Handler) fingerprint(ctx context.Context, convID string) (string, error) {
	var b strings.Builder
	if convID == "" {
		cs, n, err := h.d.Conversations.FindConversations(ctx, proofdesk.ConversationFilter{Limit: 5})
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "%d", n)
		for _, c := range cs {
			fmt.Fprintf(&b, "|%s %d %d %s %s", c.ID, c.LastActivityAt.UnixNano(), c.UpdatedAt.UnixNano(), c.Status, c.AssigneeID)
		}
		return b.String(), nil
	}
	c, err := h.d.Conversations.FindConversationByID(ctx, convID)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(&b, "%d %d %s %s %d %s", c.LastActivityAt.UnixNano(), c.UpdatedAt.UnixNano(), c.Status, c.AssigneeID, c.Level, strings.Join(c.RiskFlags, ","))
	if c.LevelExpiresAt != nil {
		fmt.Fprintf(&b, " %d", c.LevelExpiresAt.UnixNano())
	}
	if h.d.Verification != nil {
		chs, err := h.d.Verification.FindChallenges(ctx, convID)
		if err != nil {
			return "", err
		}
		for _, ch := range chs {
			fmt.Fprintf(&b, "|%s %s %d", ch.ID, ch.Status, ch.AttemptsLeft)
		}
	}
	return b.String(), nil
}
