package http_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// MustOpenServer opens a server on :0 with routes added by setup, logging
// into the returned buffer; it is closed on cleanup.
func MustOpenServer(tb testing.TB, setup func(s *httpd.Server)) (*httpd.Server, *bytes.Buffer) {
	tb.Helper()
	var logs bytes.Buffer
	s := httpd.NewServer(slog.New(slog.NewJSONHandler(&logs, nil)))
	if setup != nil {
		setup(s)
	}
	if err := s.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = s.Close() })
	return s, &logs
}

func do(tb testing.TB, method, url string, body io.Reader, hdr ...string) (*http.Response, string) {
	tb.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		tb.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestHealthAndReady(t *testing.T) {
	ready := errors.New("db down: dial tcp 10.0.0.5:5432")
	s, logs := MustOpenServer(t, func(s *httpd.Server) {
		s.Ready = func(ctx context.Context) error { return ready }
	})
	resp, body := do(t, "GET", s.URL()+"/healthz", nil)
	if resp.StatusCode != 200 || strings.TrimSpace(body) != "ok" {
		t.Fatalf("healthz=%d %q", resp.StatusCode, body)
	}
	resp, body = do(t, "GET", s.URL()+"/readyz", nil)
	if resp.StatusCode != 503 || !strings.Contains(body, `"error":"unavailable"`) || strings.Contains(body, "10.0.0.5") {
		t.Fatalf("readyz=%d %q", resp.StatusCode, body)
	}
	if !strings.Contains(logs.String(), "db down") {
		t.Fatal("the readiness failure was not logged")
	}
	ready = nil
	if resp, _ = do(t, "GET", s.URL()+"/readyz", nil); resp.StatusCode != 200 {
		t.Fatalf("readyz after recovery=%d", resp.StatusCode)
	}
}

func TestMetrics(t *testing.T) {
	s, _ := MustOpenServer(t, func(s *httpd.Server) {
		s.Handle("GET /things/{id}", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusTeapot)
		}))
	})
	do(t, "GET", s.URL()+"/things/secret-id-1", nil)
	do(t, "GET", s.URL()+"/nowhere", nil)
	_, body := do(t, "GET", s.URL()+"/metrics", nil)
	for _, want := range []string{
		`proofdesk_http_requests_total{code="418",route="GET /things/{id}"} 1`,
		`proofdesk_http_requests_total{code="404",route="unmatched"} 1`,
		`proofdesk_http_request_duration_seconds_bucket{route="GET /things/{id}"`,
		"go_goroutines",
		"proofdesk_guard_errors_total 0",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if strings.Contains(body, "secret-id-1") {
		t.Error("metrics contain a path value")
	}
}

func TestMiddleware(t *testing.T) {
	s, logs := MustOpenServer(t, func(s *httpd.Server) {
		s.Handle("GET /panic", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			panic("boom")
		}))
		s.Handle("GET /internal", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			httpd.Error(w, r, errors.New("insert row: jane@example.com broke it"))
		}))
	})
	resp, body := do(t, "GET", s.URL()+"/panic", nil)
	if resp.StatusCode != 500 || !strings.Contains(body, `"message":"Internal error."`) {
		t.Fatalf("panic: %d %q", resp.StatusCode, body)
	}
	resp, body = do(t, "GET", s.URL()+"/internal?token=pd_secret", nil, "X-Request-ID", "req-12345678")
	if resp.StatusCode != 500 || strings.Contains(body, "jane@") || !strings.Contains(body, "Internal error.") {
		t.Fatalf("internal: %d %q", resp.StatusCode, body)
	}
	if got := resp.Header.Get("X-Request-ID"); got != "req-12345678" {
		t.Fatalf("X-Request-ID=%q", got)
	}
	for h, want := range map[string]string{
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
		"X-Frame-Options":         "DENY",
		"Content-Security-Policy": httpd.DefaultCSP,
	} {
		if got := resp.Header.Get(h); got != want {
			t.Errorf("%s=%q, want %q", h, got, want)
		}
	}
	log := logs.String()
	if !strings.Contains(log, `"route":"GET /internal"`) || !strings.Contains(log, `"request_id":"req-12345678"`) || !strings.Contains(log, `"level":"ERROR"`) {
		t.Fatalf("access log lacks route, request ID or error level:\n%s", log)
	}
	if strings.Count(log, "broke it") != 1 {
		t.Fatalf("internal error logged %d times, want once", strings.Count(log, "broke it"))
	}
	if strings.Contains(log, "pd_secret") {
		t.Fatal("the query string was logged")
	}
	if !strings.Contains(log, `"panic":"boom"`) {
		t.Fatal("panic not logged")
	}
}

func TestError(t *testing.T) {
	tests := []struct {
		err    error
		status int
		want   string
	}{
		{proofdesk.FieldError("emails[0]", "emails[0]: not a valid email address"), 400, `{"error":"invalid","field":"emails[0]","message":"emails[0]: not a valid email address"}`},
		{proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "nope"), 401, `{"error":"unauthorized","message":"nope"}`},
		{proofdesk.Errorf(proofdesk.EFORBIDDEN, "no"), 403, `"error":"forbidden"`},
		{proofdesk.Errorf(proofdesk.ENOTFOUND, "no"), 404, `"error":"not_found"`},
		{proofdesk.Errorf(proofdesk.ECONFLICT, "no"), 409, `"error":"conflict"`},
		{&proofdesk.Error{Code: proofdesk.ERATELIMIT, Message: "slow", Details: map[string]any{"retry_after": 60}}, 429, `"retry_after":60`},
		{&proofdesk.Error{Code: proofdesk.EVERIFICATION, Message: "v", Details: map[string]any{"required_level": "L1"}}, 403, `"required_level":"L1"`},
		{&proofdesk.Error{Code: proofdesk.EDISCLOSURE, Message: "d", Details: map[string]any{"rule": "address", "error": "spoof"}}, 422, `{"error":"disclosure_blocked","message":"d","rule":"address"}`},
		{proofdesk.Errorf(proofdesk.ELOCKED, "l"), 423, `"error":"support_locked"`},
		{errors.Join(errors.New("wrapped"), proofdesk.Errorf(proofdesk.ENOTFOUND, "gone")), 404, `"message":"gone"`},
		{errors.New("driver: secret"), 500, `{"error":"internal","message":"Internal error."}`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			s, _ := MustOpenServer(t, func(s *httpd.Server) {
				s.Handle("GET /e", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { httpd.Error(w, r, tt.err) }))
			})
			resp, body := do(t, "GET", s.URL()+"/e", nil)
			if resp.StatusCode != tt.status || !strings.Contains(body, tt.want) {
				t.Fatalf("got %d %s, want %d containing %s", resp.StatusCode, body, tt.status, tt.want)
			}
			if tt.status == 429 && resp.Header.Get("Retry-After") != "60" {
				t.Fatalf("Retry-After=%q", resp.Header.Get("Retry-After"))
			}
		})
	}
}

func TestDecodeJSON(t *testing.T) {
	type inner struct {
		Name string `json:"name"`
	}
	type body struct {
		Count     int      `json:"count"`
		Requester inner    `json:"requester"`
		Tags      []string `json:"tags"`
	}
	s, _ := MustOpenServer(t, func(s *httpd.Server) {
		s.Handle("POST /d", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var b body
			if err := httpd.DecodeJSON(r, &b); err != nil {
				httpd.Error(w, r, err)
				return
			}
			httpd.WriteJSON(w, 200, b)
		}))
	})
	tests := []struct {
		name, body string
		status     int
		want       string
		ct         string
	}{
		{"ok", `{"count":2,"requester":{"name":"x"}}`, 200, `"count":2`, ""},
		{"empty", ``, 400, "request body is empty", ""},
		{"malformed", `{"count":`, 400, "malformed JSON", ""},
		{"syntax", `{"count" 2}`, 400, "malformed JSON at byte", ""},
		{"unknown field", `{"count":1,"bogus":true}`, 400, `"field":"bogus"`, ""},
		{"type", `{"count":"two"}`, 400, `"field":"count","message":"count must be a number, not string"`, ""},
		{"nested type", `{"requester":{"name":5}}`, 400, `"field":"requester.name"`, ""},
		{"two values", `{"count":1}{"count":2}`, 400, "single JSON value", ""},
		{"trailing garbage", `{"count":1} x`, 400, "single JSON value", ""},
		{"not an object", `[1]`, 400, "request body must be an object", ""},
		{"content type", `{"count":1}`, 400, "Content-Type", "text/plain"},
		{"too large", `{"tags":["` + strings.Repeat("a", 1<<20) + `"]}`, 400, `{"error":"invalid","message":"request body larger than 1 MiB"}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hdr := []string{"Content-Type", "application/json"}
			if tt.ct != "" {
				hdr[1] = tt.ct
			}
			resp, got := do(t, "POST", s.URL()+"/d", strings.NewReader(tt.body), hdr...)
			if resp.StatusCode != tt.status || !strings.Contains(got, tt.want) {
				t.Fatalf("got %d %s, want %d containing %s", resp.StatusCode, got, tt.status, tt.want)
			}
		})
	}
	// A chunked body (no Content-Length) over the limit is caught while reading.
	pr, pw := io.Pipe()
	go func() {
		_, _ = pw.Write([]byte(`{"tags":["`))
		_, _ = pw.Write(bytes.Repeat([]byte("a"), 1<<20+10))
		_ = pw.Close()
	}()
	resp, got := do(t, "POST", s.URL()+"/d", pr, "Content-Type", "application/json")
	if resp.StatusCode != 400 || !strings.Contains(got, "larger than 1 MiB") {
		t.Fatalf("chunked: %d %s", resp.StatusCode, got)
	}
}

func TestClose_DrainsInFlight(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	s, _ := MustOpenServer(t, func(s *httpd.Server) {
		s.Handle("GET /slow", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			close(started)
			<-release
			_, _ = w.Write([]byte("done"))
		}))
	})
	type result struct {
		status int
		body   string
	}
	got := make(chan result, 1)
	go func() {
		resp, err := http.Get(s.URL() + "/slow")
		if err != nil {
			got <- result{}
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		got <- result{resp.StatusCode, string(b)}
	}()
	<-started
	closed := make(chan error, 1)
	go func() { closed <- s.Close() }()
	close(release)
	if err := <-closed; err != nil {
		t.Fatalf("Close: %v", err)
	}
	if r := <-got; r.status != 200 || r.body != "done" {
		t.Fatalf("in-flight request got %d %q, want 200 done", r.status, r.body)
	}
	if _, err := http.Get(s.URL() + "/healthz"); err == nil {
		t.Fatal("server still answers after Close")
	}
}

// TestClose_EndsStreams checks that Close does not hang on a request that
// only ends when its context does (a live event stream): after the grace
// the context is cancelled and Close returns without error.
func TestClose_EndsStreams(t *testing.T) {
	started := make(chan struct{})
	ended := make(chan struct{})
	s, _ := MustOpenServer(t, func(s *httpd.Server) {
		s.Handle("GET /stream", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(200)
			w.(http.Flusher).Flush()
			close(started)
			<-r.Context().Done()
			close(ended)
		}))
	})
	go func() {
		resp, err := http.Get(s.URL() + "/stream")
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}()
	<-started
	if err := s.Close(); err != nil {
		t.Fatalf("Close with an open stream: %v", err)
	}
	select {
	case <-ended:
	default:
		t.Fatal("the stream's handler was still running after Close")
	}
}

func TestRoutes(t *testing.T) {
	t.Parallel()
	s := httpd.NewServer(slog.New(slog.DiscardHandler))
	s.Handle("POST /things/{id}", http.NotFoundHandler())
	s.Handle("GET /things", http.NotFoundHandler())
	got := s.Routes()
	want := []string{"GET /healthz", "GET /readyz", "GET /metrics", "POST /things/{id}", "GET /things"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("Routes()=%q, want %q", got, want)
	}
	got[0] = "changed"
	if s.Routes()[0] != "GET /healthz" {
		t.Fatal("Routes() returns the server's own slice, want a copy")
	}
}
