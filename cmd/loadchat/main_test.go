package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	"github.com/proofdesk/proofdesk/desk"
	httpd "github.com/proofdesk/proofdesk/http"
	"github.com/proofdesk/proofdesk/http/api"
	"github.com/proofdesk/proofdesk/http/widget"
	"github.com/proofdesk/proofdesk/inmem"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

var (
	loadVisitors = flag.Int("loadchat.visitors", 0, "run TestLoad_Full with this many visitors (0: skip)")
	loadMessages = flag.Int("loadchat.messages", 5, "messages per visitor in TestLoad_Full")
	loadDialect  = flag.String("loadchat.dialect", sqldb.SQLite, "store of TestLoad_Full: sqlite or postgres (needs TEST_POSTGRES_DSN)")
)

// startServer runs the widget and the agents' live stream on a real store
// and returns the base URL and an agent API token.
func startServer(tb testing.TB, dialect string) (string, string) {
	tb.Helper()
	return startServerRate(tb, dialect, 600, 100)
}

// startServerRate is startServer with the widget's per-visitor rate limit
// (messages per minute, burst).
func startServerRate(tb testing.TB, dialect string, rate, burst int) (string, string) {
	tb.Helper()
	ctx := context.Background()
	db := sqldbtest.OpenDialect(tb, dialect)
	convs := sqldb.NewConversationService(db)
	verif, err := desk.NewVerification(ctx, db, desk.VerificationConfig{})
	if err != nil {
		tb.Fatal(err)
	}
	agents := sqldb.NewAgentService(db)
	a := &proofdesk.Agent{Email: "load@desk.test", Name: "Load", Role: proofdesk.RoleAgent, PasswordHash: "x", CreatedAt: time.Now()}
	if err := agents.CreateAgent(ctx, a); err != nil {
		tb.Fatal(err)
	}
	tok, hash := auth.NewToken()
	if err := agents.CreateAPIToken(ctx, &proofdesk.APIToken{AgentID: a.ID, Name: "load", Hash: hash, CreatedAt: time.Now()}); err != nil {
		tb.Fatal(err)
	}
	events := inmem.NewEventService(4096)
	desk.PublishEvents(db, events) // every committed change, as in cmd/proofdesk
	srv := httpd.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)))
	srv.Addr = "127.0.0.1:0"
	widget.NewHandler(convs, verif, events, sqldb.NewVisitorService(db), nil,
		widget.Config{RatePerMinute: rate, Burst: burst}, nil).Register(srv)
	api.NewEventsHandler(agents, convs, events).Register(srv)
	if err := srv.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = srv.Close(); _ = events.Close() })
	return srv.URL(), tok
}

func TestCheckLoopback(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"http://127.0.0.1:8080", true},
		{"http://localhost:8080", true},
		{"http://[::1]:8080", true},
		{"http://127.5.6.7", true},
		{"https://desk.example.com", false},
		{"http://10.0.0.1:8080", false},
		{"http://0.0.0.0:8080", false},
		{"ftp://127.0.0.1", false},
		{"127.0.0.1:8080", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			if _, err := checkLoopback(tt.url); (err == nil) != tt.ok {
				t.Fatalf("checkLoopback(%q) err=%v, want ok=%v", tt.url, err, tt.ok)
			}
		})
	}
	if _, err := Run(context.Background(), Config{URL: "http://192.0.2.1", Token: "x", Visitors: 1}); err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("Run on a remote host: %v", err)
	}
}

// TestLoad runs a small load end to end: every message is acknowledged
// and seen on the agent's live stream.
func TestLoad(t *testing.T) {
	url, token := startServer(t, sqldb.SQLite)
	res, err := Run(context.Background(), Config{URL: url, Token: token, Visitors: 20, Messages: 3, Duration: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if res.Connected != 20 || res.Sent != 60 || res.Acked != 60 || res.SeenByAgent != 60 || len(res.Latency) != 60 || len(res.Errors) != 0 {
		var b bytes.Buffer
		res.Print(&b)
		t.Fatalf("result:\n%s", b.String())
	}
}

// TestLoad_ReportsLoss: messages the server refuses (here the widget's
// rate limit, 2 per visitor) are not acknowledged; the run says how many
// and fails with ErrLost, so the command exits non-zero.
func TestLoad_ReportsLoss(t *testing.T) {
	url, token := startServerRate(t, sqldb.SQLite, 1, 2)
	res, err := Run(context.Background(), Config{URL: url, Token: token, Visitors: 3, Messages: 4, Duration: time.Minute})
	if !errors.Is(err, ErrLost) {
		t.Fatalf("err=%v, want ErrLost", err)
	}
	if res == nil || res.Unacked == 0 || res.Acked+res.Unacked != res.Sent {
		t.Fatalf("result %+v: want unacknowledged messages counted", res)
	}
	var b bytes.Buffer
	res.Print(&b)
	if !strings.Contains(b.String(), fmt.Sprintf("unacknowledged %d,", res.Unacked)) {
		t.Fatalf("printed:\n%s", b.String())
	}
}

// TestLoad_Full is the benchmark run (see BENCHMARKS.md, "Live chat load"):
//
//	go test ./cmd/loadchat -run TestLoad_Full -v -loadchat.visitors 1000
func TestLoad_Full(t *testing.T) {
	if *loadVisitors == 0 {
		t.Skip("set -loadchat.visitors to run")
	}
	url, token := startServer(t, *loadDialect)
	res, err := Run(context.Background(), Config{URL: url, Token: token, Visitors: *loadVisitors, Messages: *loadMessages, Duration: 5 * time.Minute})
	if res != nil {
		var b bytes.Buffer
		res.Print(&b)
		t.Logf("%s, %d visitors × %d messages:\n%s", *loadDialect, *loadVisitors, *loadMessages, b.String())
	}
	if err != nil {
		t.Fatal(err)
	}
}
