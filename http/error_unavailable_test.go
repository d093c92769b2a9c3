package http

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

type sqlStateErr string

func (e sqlStateErr) Error() string    { return "pg: " + string(e) }
func (e sqlStateErr) SQLState() string { return string(e) }

type liteErr int

func (e liteErr) Error() string { return fmt.Sprintf("sqlite %d", int(e)) }
func (e liteErr) Code() int     { return int(e) }

// TestError_Unavailable: a store out of reach (PostgreSQL shutting down
// or refusing connections, SQLite busy or its disk full) is a retryable
// 503 with Retry-After and words saying what happened; other internal
// errors stay 500.
func TestError_Unavailable(t *testing.T) {
	for _, c := range []struct {
		err    error
		status int
		words  string
	}{
		{fmt.Errorf("find visitor: %w", sqlStateErr("57P01")), 503, "cannot reach its database"},
		{fmt.Errorf("begin: %w", sqlStateErr("08006")), 503, "cannot reach its database"},
		{fmt.Errorf("dial: %w", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}), 503, "cannot reach its database"},
		{fmt.Errorf("insert: %w", liteErr(13)), 503, "disk is full"},
		{fmt.Errorf("insert: %w", liteErr(5|256)), 503, "cannot reach its database"},
		{fmt.Errorf("insert: %w", sqlStateErr("23505")), 500, "Internal error"},
		{errors.New("boom"), 500, "Internal error"},
	} {
		w := httptest.NewRecorder()
		Error(w, httptest.NewRequest("GET", "/", nil), c.err)
		if w.Code != c.status || !strings.Contains(w.Body.String(), c.words) {
			t.Errorf("%v: %d %s; want %d with %q", c.err, w.Code, w.Body, c.status, c.words)
		}
		if ra := w.Header().Get("Retry-After"); (c.status == http.StatusServiceUnavailable) != (ra != "") {
			t.Errorf("%v: Retry-After %q", c.err, ra)
		}
	}
}
