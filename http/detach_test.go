package http_test

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"

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
		ctx, _ := httpd.Detach(r)
		brw.WriteString("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: test\r\n\r\n")
		brw.Flush()
		line, _ := brw.ReadString('\n')
		got <- result{brw.Reader.Size(), brw.Writer.Size(), line, ctx}
		go func() { <-ctx.Done(); conn.Close() }()
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
