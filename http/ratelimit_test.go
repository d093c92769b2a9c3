package http_test

import (
	"net/http"
	"strings"
	"testing"

	httpd "github.com/proofdesk/proofdesk/http"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// Two servers (nodes) on one store share the API rate limit: requests
// with one token count together, another token and non-API paths are not
// limited, and the refusal is 429 rate_limited with Retry-After.
func TestAPIRateLimit_SharedAcrossNodes(t *testing.T) {
	db := sqldbtest.Open(t)
	setup := func(s *httpd.Server) {
		s.APIRate = httpd.APIRateLimit{Store: db, PerMinute: 4}
		s.Handle("GET /api/v1/ping", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }))
		s.Handle("GET /console", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	}
	a, _ := MustOpenServer(t, setup)
	b, _ := MustOpenServer(t, setup)
	ping := func(s *httpd.Server, path, token string) *http.Response {
		resp, _ := do(t, "GET", s.URL()+path, nil, "Authorization", "Bearer "+token)
		return resp
	}
	for i := range 4 {
		if resp := ping([]*httpd.Server{a, b}[i%2], "/api/v1/ping", "tok-1"); resp.StatusCode != http.StatusNoContent {
			t.Fatalf("request %d: %d", i+1, resp.StatusCode)
		}
	}
	// The minute may have turned between the requests; then the count
	// started over and one more passes.
	resp, body := do(t, "GET", b.URL()+"/api/v1/ping", nil, "Authorization", "Bearer tok-1")
	if resp.StatusCode == http.StatusNoContent {
		resp, body = do(t, "GET", a.URL()+"/api/v1/ping", nil, "Authorization", "Bearer tok-1")
	}
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, `"rate_limited"`) || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("5th request in a minute across two nodes: %d %s (Retry-After %q), want 429 rate_limited", resp.StatusCode, body, resp.Header.Get("Retry-After"))
	}
	if resp := ping(a, "/api/v1/ping", "tok-2"); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("another token: %d", resp.StatusCode)
	}
	for range 6 {
		if resp := ping(a, "/console", "tok-1"); resp.StatusCode != http.StatusNoContent {
			t.Fatalf("a path outside /api/: %d", resp.StatusCode)
		}
	}
}
