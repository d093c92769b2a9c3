package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

func TestPprof(t *testing.T) {
	logger := slog.New(slog.DiscardHandler)
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:6060", "nonsense"} {
		if err := startPprof(context.Background(), addr, logger); err == nil {
			t.Fatalf("--pprof-addr %q accepted: profiles must stay on loopback", addr)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr := e2etest.FreeAddr(t)
	if err := startPprof(ctx, addr, logger); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/debug/pprof/mutex?debug=1", "/debug/pprof/block?debug=1", "/debug/pprof/heap?debug=1"} {
		resp, err := http.Get("http://" + addr + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(b), "cycles/second") && !strings.Contains(string(b), "heap profile") {
			t.Fatalf("%s: %d %.200s", p, resp.StatusCode, b)
		}
	}
}
