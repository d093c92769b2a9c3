package api_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
	"github.com/proofdesk/proofdesk/http/api"
	"github.com/proofdesk/proofdesk/inmem"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// sseEvent is one Server-Sent Event.
type sseEvent struct {
	ID, Event, Data string
}

// readSSE returns the next event of r, skipping comments.
func readSSE(tb testing.TB, r *bufio.Reader) sseEvent {
	tb.Helper()
	var ev sseEvent
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			tb.Fatalf("read stream: %v", err)
		}
		line = strings.TrimRight(line, "\n")
		switch {
		case line == "":
			if ev.Event != "" || ev.Data != "" {
				return ev
			}
		case strings.HasPrefix(line, ":"), strings.HasPrefix(line, "retry:"):
		case strings.HasPrefix(line, "id: "):
			ev.ID = line[4:]
		case strings.HasPrefix(line, "event: "):
			ev.Event = line[7:]
		case strings.HasPrefix(line, "data: "):
			ev.Data = line[6:]
		default:
			tb.Fatalf("unexpected line %q", line)
		}
	}
}

type eventsEnv struct {
	srv    *httpd.Server
	events *inmem.EventService
	token  string
	conv   *proofdesk.Conversation
}

func newEventsEnv(tb testing.TB) *eventsEnv {
	tb.Helper()
	db := sqldbtest.Open(tb)
	agents := sqldb.NewAgentService(db)
	convs := sqldb.NewConversationService(db)
	e := &eventsEnv{events: inmem.NewEventService(0)}
	e.token = mustToken(tb, agents, mustAgent(tb, agents, "agent@desk.test", proofdesk.RoleAgent))
	e.conv = &proofdesk.Conversation{Channel: proofdesk.ChannelChat}
	if err := convs.CreateConversation(context.Background(), e.conv, nil); err != nil {
		tb.Fatal(err)
	}
	e.srv = httpd.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)))
	api.NewEventsHandler(agents, convs, e.events).Register(e.srv)
	if err := e.srv.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = e.srv.Close(); _ = e.events.Close() })
	return e
}

// open starts a stream and returns its reader once the ready event came.
func (e *eventsEnv) open(tb testing.TB, query string) *bufio.Reader {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	tb.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", e.srv.URL()+"/api/v1/events"+query, nil)
	req.Header.Set("Authorization", "Bearer "+e.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		tb.Fatalf("status=%d content-type=%q, want 200 text/event-stream", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	r := bufio.NewReader(resp.Body)
	if ev := readSSE(tb, r); ev.Event != "ready" {
		tb.Fatalf("first event=%q, want ready", ev.Event)
	}
	return r
}

func TestEvents_Refusals(t *testing.T) {
	e := newEventsEnv(t)
	tests := []struct {
		name   string
		query  string
		auth   string
		status int
	}{
		{"no token", "", "", http.StatusUnauthorized},
		{"bad token", "", "Bearer pdt_nope", http.StatusUnauthorized},
		{"visitor token", "", "Visitor pdv_x", http.StatusUnauthorized},
		{"unknown conversation", "?conversation=cnv_nope", "Bearer " + e.token, http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", e.srv.URL()+"/api/v1/events"+tt.query, nil)
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.status {
				t.Fatalf("status=%d, want %d", resp.StatusCode, tt.status)
			}
		})
	}
}

func TestEvents_Stream(t *testing.T) {
	e := newEventsEnv(t)
	ctx := context.Background()
	all := e.open(t, "")
	one := e.open(t, "?conversation="+e.conv.ID)

	at := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	other := proofdesk.Event{Type: proofdesk.EventMessageCreated, ConversationID: "cnv_other", MessageID: "msg_1", AuthorKind: proofdesk.AuthorCustomer, At: at}
	mine := proofdesk.Event{Type: proofdesk.EventLevelChanged, ConversationID: e.conv.ID, Level: "L1", At: at}
	// Between nodes only: the stream skips it (else it would come first).
	e.events.PublishEvent(ctx, proofdesk.Event{Type: proofdesk.EventKeysDestroyed, KeyIDs: []string{"dk_cus_1"}, At: at})
	e.events.PublishEvent(ctx, other)
	e.events.PublishEvent(ctx, mine)

	decode := func(ev sseEvent) proofdesk.Event {
		var got proofdesk.Event
		if err := json.Unmarshal([]byte(ev.Data), &got); err != nil {
			t.Fatalf("data %q: %v", ev.Data, err)
		}
		return got
	}
	for i, want := range []proofdesk.Event{other, mine} {
		ev := readSSE(t, all)
		if ev.Event != want.Type {
			t.Fatalf("all[%d] event=%q, want %q", i, ev.Event, want.Type)
		}
		if diff := cmp.Diff(want, decode(ev)); diff != "" {
			t.Fatalf("all[%d] (-want +got):\n%s", i, diff)
		}
	}
	// The filtered stream skips the other conversation's event.
	ev := readSSE(t, one)
	if diff := cmp.Diff(mine, decode(ev)); diff != "" {
		t.Fatalf("filtered stream (-want +got):\n%s", diff)
	}
	if ev.ID != "1" {
		t.Fatalf("filtered stream id=%q, want 1", ev.ID)
	}
}
