package http

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
)

// RateStore counts events in fixed windows for every node at once
// (*sqldb.DB is one).
type RateStore interface {
	// TakeRate counts one event for key in the current window of length
	// per and reports whether it is within limit, and if not how long
	// until the window ends.
	TakeRate(ctx context.Context, key string, limit int, per time.Duration, now time.Time) (bool, time.Duration, error)
}

// APIRateLimit limits requests under /api/ to PerMinute per calendar
// minute and caller: the bearer credential (by its SHA-256) when there is
// one, else the client address. Counts live in Store, so every node
// shares them.
type APIRateLimit struct {
	Store     RateStore
	PerMinute int
}

// rateLimitAPI answers 429 (ERATELIMIT, Retry-After in seconds) to a
// caller over its limit; a store error is a 500, not a pass.
func (s *Server) rateLimitAPI(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lim := s.APIRate
		if lim.Store == nil || lim.PerMinute <= 0 || !strings.HasPrefix(r.URL.Path, "/api/") {
			next.ServeHTTP(w, r)
			return
		}
		key := "api-addr:" + ClientAddr(r)
		if scheme, cred, ok := strings.Cut(r.Header.Get("Authorization"), " "); ok && strings.TrimSpace(cred) != "" {
			sum := sha256.Sum256([]byte(strings.ToLower(scheme) + " " + strings.TrimSpace(cred)))
			key = "api-token:" + hex.EncodeToString(sum[:])
		}
		ok, wait, err := lim.Store.TakeRate(r.Context(), key, lim.PerMinute, time.Minute, time.Now())
		if err != nil {
			Error(w, r, err)
			return
		}
		if !ok {
			Error(w, r, &proofdesk.Error{Code: proofdesk.ERATELIMIT, Message: "Too many API requests; slow down.",
				Details: map[string]any{"retry_after": max(int((wait+time.Second-1)/time.Second), 1)}})
			return
		}
		next.ServeHTTP(w, r)
	})
}
