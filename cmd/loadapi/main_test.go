package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

func TestCheckLoopback(t *testing.T) {
	for u, ok := range map[string]bool{"http://127.0.0.1:8080": true, "http://localhost:1": true, "http://[::1]:2": true,
		"http://10.1.2.3": false, "https://desk.example.com": false, "127.0.0.1:8080": false} {
		if err := checkLoopback(u); (err == nil) != ok {
			t.Errorf("checkLoopback(%q)=%v, want ok=%v", u, err, ok)
		}
	}
}

// TestRun drives the three phases against a real `proofdesk serve`: every
// request succeeds, the replies go to the conversations created, and the
// server's peak RSS is read.
func TestRun(t *testing.T) {
	s := e2etest.StartServer(t, e2etest.ServerOptions{})
	res, err := Run(context.Background(), Config{URL: s.URL, Token: s.Agent.Token, IntegrationToken: s.SyncToken,
		Requests: 40, Clients: 4, PID: s.PID(), Phases: "create,inbox,reply", Duration: time.Minute})
	var b bytes.Buffer
	for _, p := range res {
		p.Print(&b)
	}
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if len(res) != 3 {
		t.Fatalf("phases %d\n%s", len(res), b.String())
	}
	for _, p := range res {
		if p.OK != 40 || len(p.Latency) != 40 || p.PeakRSSKB <= 0 {
			t.Fatalf("phase %s: %+v\n%s", p.Name, p, b.String())
		}
	}
	// The conversations exist, with the replies.
	var list struct {
		Conversations []struct {
			ID string `json:"id"`
		} `json:"conversations"`
	}
	s.API(t, "GET", "/api/v1/conversations?status=open&limit=100", s.Agent.Token, nil, 200, &list)
	if len(list.Conversations) < 40 {
		t.Fatalf("%d open conversations, want 40", len(list.Conversations))
	}
}

// TestRun_ReportsFailures: a reply phase without conversations to reply
// to, and a bad token, fail the run with ErrFailed and say why.
func TestRun_ReportsFailures(t *testing.T) {
	s := e2etest.StartServer(t, e2etest.ServerOptions{})
	res, err := Run(context.Background(), Config{URL: s.URL, Token: "not-a-token", Requests: 5, Clients: 2, Phases: "inbox", Duration: time.Minute})
	if !errors.Is(err, ErrFailed) || len(res) != 1 || res[0].Errors["status 401"] != 5 {
		t.Fatalf("bad token: err=%v res=%+v", err, res)
	}
	res, err = Run(context.Background(), Config{URL: s.URL, Token: s.Agent.Token, Requests: 3, Clients: 1, Phases: "reply", Duration: time.Minute})
	if !errors.Is(err, ErrFailed) || res[0].Errors["transport"] != 3 {
		t.Fatalf("reply without conversations: err=%v res=%+v", err, res)
	}
	var b bytes.Buffer
	res[0].Print(&b)
	if !strings.Contains(b.String(), "errors map[transport:3]") {
		t.Fatalf("printed %q", b.String())
	}
}
