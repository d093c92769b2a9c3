package http_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	httpd "github.com/proofdesk/proofdesk/http"
)

// TestSmallHijack: the hijacked connection's buffers are the small ones,
// bytes the client sent right after its request are not lost, and the
// detached context outlives the request but ends when the server closes.
func TestSmallHijack(t *testing.T) {
	srv := httpd.NewServer(slog.New(slog.DiscardHandler))
	srv.Addr = "127.0.0.1:0"
	type result struct {
		readSize, writeSize int
		ahead               string
		ctx                 context.Context
	}
	got := make(chan result, 1)
	srv.Handle("GET /upgrade", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, brw, err := httpd.SmallHijack(w, 64).(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		ctx, release := httpd.Detach(r)
		brw.WriteString("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: test\r\n\r\n")
		brw.Flush()
		line, _ := brw.ReadString('\n')
		got <- result{brw.Reader.Size(), brw.Writer.Size(), line, ctx}
		go func() { <-ctx.Done(); conn.Close(); release() }()
	}))
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	c, err := net.Dial("tcp", strings.TrimPrefix(srv.URL(), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// The request and the first bytes of the new protocol in one write.
	if _, err := io.WriteString(c, "GET /upgrade HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: test\r\n\r\nsent ahead\n"); err != nil {
		t.Fatal(err)
	}
	res := <-got
	if res.readSize != 64 || res.writeSize != 64 || res.ahead != "sent ahead\n" {
		t.Fatalf("reader %d, writer %d bytes, read %q; want 64, 64, the bytes sent ahead", res.readSize, res.writeSize, res.ahead)
	}
	if res.ctx.Err() != nil {
		t.Fatal("the detached context ended with the request")
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil || resp.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("response %v, %v", resp, err)
	}
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	<-res.ctx.Done() // the server's close ends it; the test times out otherwise
}

// detachedServer opens a server whose GET /chat hijacks the connection
// and serves it from a detached goroutine that, once its context ends,
// works on for linger (as a chat handling its last event does) and then
// releases; the returned channel is closed when that goroutine is done.
func detachedServer(t *testing.T, linger time.Duration, timeout time.Duration) (*httpd.Server, <-chan struct{}) {
	t.Helper()
	srv := httpd.NewServer(slog.New(slog.DiscardHandler))
	srv.Addr = "127.0.0.1:0"
	httpd.SetShutdownTimeout(srv, timeout)
	started, done := make(chan struct{}), make(chan struct{})
	srv.Handle("GET /chat", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		ctx, release := httpd.Detach(r)
		go func() {
			// done closes before release, so a Close that returned after
			// the release finds it closed (the other order left a window
			// in which the test failed under load)
			defer release()
			defer close(done)
			defer conn.Close()
			close(started)
			<-ctx.Done()
			time.Sleep(linger)
		}()
	}))
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", srv.Port()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if _, err := io.WriteString(c, "GET /chat HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	<-started
	return srv, done
}

// TestClose_WaitsForDetached: Close returns only once the detached
// goroutines have ended, so none reads the store after the caller closed
// it (the race detector caught a chat's late event read at cleanup).
func TestClose_WaitsForDetached(t *testing.T) {
	srv, done := detachedServer(t, 300*time.Millisecond, 10*time.Second)
	if err := srv.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	select {
	case <-done:
	default:
		t.Fatal("Close returned while a detached goroutine was still running")
	}
}

// TestClose_DetachedBounded: a detached goroutine that does not end
// holds Close no longer than the shutdown timeout, and Close says so.
func TestClose_DetachedBounded(t *testing.T) {
	srv, done := detachedServer(t, time.Hour, 200*time.Millisecond)
	err := srv.Close()
	if err == nil || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Close = %v, want the shutdown timeout's error", err)
	}
	select {
	case <-done:
		t.Fatal("the goroutine ended; the test needs one that outlives the timeout")
	default:
	}
}
