package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// EventsHeartbeat is how often the live stream sends a comment line to
// keep proxies from closing an idle stream.
const EventsHeartbeat = 25 * time.Second

// EventsHandler serves the agents' live stream, GET /api/v1/events, as
// Server-Sent Events (text/event-stream): one-way, plain HTTP, works with
// curl, proxies and fetch streaming, and needs no second protocol next to
// the bearer-token API. Events carry IDs only (proofdesk.Event); the
// agent fetches bodies and customer data through the API, so masking and
// access rules apply there.
//
// Stream format: first "event: ready" once the subscription is live, then
// per event "id: <n>", "event: <type>" (message.created, level.changed,
// ...) and "data: <proofdesk.Event JSON>". "event: resync" means events
// were missed (the client was too slow); the client then re-reads what it
// shows. IDs count per connection: after a reconnect the client re-reads
// through the API, there is no replay.
type EventsHandler struct {
	auth          *Handler // only for its bearer-token middleware
	conversations proofdesk.ConversationService
	events        proofdesk.EventService
}

// NewEventsHandler returns the live-stream handler.
func NewEventsHandler(agents proofdesk.AgentService, conversations proofdesk.ConversationService, events proofdesk.EventService) *EventsHandler {
	return &EventsHandler{auth: &Handler{agents: agents}, conversations: conversations, events: events}
}

// Register adds GET /api/v1/events (bearer token; ?conversation=ID to
// follow one conversation) to r.
func (h *EventsHandler) Register(r Router) {
	r.Handle("GET /api/v1/events", h.auth.requireToken(http.HandlerFunc(h.handleEvents)))
}

// dropCounter is implemented by subscriptions that count missed events
// (inmem.Subscription).
type dropCounter interface{ Dropped() uint64 }

func (h *EventsHandler) handleEvents(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	convID := r.URL.Query().Get("conversation")
	if convID != "" {
		if _, err := h.conversations.FindConversationByID(ctx, convID); err != nil {
			httpd.Error(w, r, err)
			return
		}
	}
	rc := http.NewResponseController(w)
	// The stream outlives the server's read timeout.
	_ = rc.SetReadDeadline(time.Time{})
	sub, err := h.events.Subscribe(ctx, convID)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	defer sub.Close()

	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream")
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	ready, _ := json.Marshal(map[string]string{"conversation_id": convID})
	if _, err := fmt.Fprintf(w, "retry: 3000\nevent: ready\ndata: %s\n\n", ready); err != nil {
		return
	}
	if rc.Flush() != nil {
		return
	}

	var n, dropped uint64
	heartbeat := time.NewTicker(EventsHeartbeat)
	defer heartbeat.Stop()
	for {
		var err error
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-sub.C():
			if !ok {
				return
			}
			if ev.Internal() {
				continue // between nodes only
			}
			n++
			b, _ := json.Marshal(ev)
			_, err = fmt.Fprintf(w, "id: %d\nevent: %s\ndata: %s\n\n", n, ev.Type, b)
		case <-heartbeat.C:
			_, err = fmt.Fprint(w, ": ping\n\n")
		}
		if dc, ok := sub.(dropCounter); ok && err == nil && dc.Dropped() != dropped {
			dropped = dc.Dropped()
			_, err = fmt.Fprint(w, "event: resync\ndata: {}\n\n")
		}
		// Drain what is already queued before flushing: one write per burst.
		if err == nil && len(sub.C()) == 0 {
			err = rc.Flush()
		}
		if err != nil {
			return
		}
	}
}
