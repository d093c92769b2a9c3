package e2etest

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Event is one server-sent event of GET /api/v1/events.
type Event struct {
	// Type is the event: line, such as "message.created".
	Type string
	// Data is the data: line, JSON.
	Data json.RawMessage
}

// Field decodes the data and returns its string field name, or "".
func (e Event) Field(name string) string {
	var m map[string]any
	if json.Unmarshal(e.Data, &m) != nil {
		return ""
	}
	s, _ := m[name].(string)
	return s
}

// EventStream is an open agent event stream.
type EventStream struct {
	c chan Event
}

// Events opens GET /api/v1/events as token (following one conversation
// when conversation is not empty), waits for its ready event and closes
// it when the test ends.
func (s *Server) Events(tb testing.TB, token, conversation string) *EventStream {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	u := s.URL + "/api/v1/events"
	if conversation != "" {
		u += "?conversation=" + conversation
	}
	req, _ := http.NewRequestWithContext(ctx, "GET", u, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		tb.Fatalf("GET /api/v1/events: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		cancel()
		tb.Fatalf("GET /api/v1/events: %s", resp.Status)
	}
	es := &EventStream{c: make(chan Event, 1024)}
	ready := make(chan struct{})
	go func() {
		defer resp.Body.Close()
		defer close(es.c)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 64<<10), 4<<20)
		var ev Event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.Type = line[7:]
			case strings.HasPrefix(line, "data: "):
				ev.Data = json.RawMessage(line[6:])
			case line == "" && ev.Type != "":
				if ev.Type == "ready" {
					close(ready)
				} else {
					select {
					case es.c <- ev:
					case <-ctx.Done():
						return
					}
				}
				ev = Event{}
			}
		}
	}()
	tb.Cleanup(cancel)
	select {
	case <-ready:
	case <-time.After(30 * time.Second):
		tb.Fatal("the event stream sent no ready event within 30s")
	}
	return es
}

// Wait returns the first event, skipping others, for which match is true;
// it fails the test after timeout or when the stream ends.
func (es *EventStream) Wait(tb testing.TB, timeout time.Duration, what string, match func(Event) bool) Event {
	tb.Helper()
	t := time.NewTimer(timeout)
	defer t.Stop()
	var seen []string
	for {
		select {
		case ev, ok := <-es.c:
			if !ok {
				tb.Fatalf("event stream ended while waiting for %s; saw %q", what, seen)
			}
			if match(ev) {
				return ev
			}
			seen = append(seen, ev.Type+" "+string(ev.Data))
		case <-t.C:
			tb.Fatalf("no %s on the event stream within %s; saw %q", what, timeout, seen)
		}
	}
}
