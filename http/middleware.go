package http

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
)

// MaxBodyBytes is the largest request body accepted (1 MiB).
const MaxBodyBytes = 1 << 20

// chain wraps h in mws; the first one is the outermost.
func chain(h http.Handler, mws ...func(http.Handler) http.Handler) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

// requestInfo is filled in as a request goes through the stack and read
// by the access log once it is done.
type requestInfo struct {
	route string
	err   error // an internal error, logged once in the access log line
}

type requestInfoKey struct{}

func requestInfoFrom(ctx context.Context) *requestInfo {
	ri, _ := ctx.Value(requestInfoKey{}).(*requestInfo)
	return ri
}

var requestIDRe = regexp.MustCompile(`^[A-Za-z0-9._-]{8,64}$`)

// requestID gives every request an ID (the caller's X-Request-ID when it
// is a plain token, otherwise a random one), puts it in the context and
// echoes it in the response.
func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if !requestIDRe.MatchString(id) {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set("X-Request-ID", id)
		next.ServeHTTP(w, r.WithContext(proofdesk.NewContextWithRequestID(r.Context(), id)))
	})
}

func requestIDOf(r *http.Request) string { return proofdesk.RequestIDFromContext(r.Context()) }

// statusRecorder remembers the status and size of a response.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusRecorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Flush implements http.Flusher.
func (w *statusRecorder) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Hijack implements http.Hijacker, for WebSocket upgrades.
func (w *statusRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	h, ok := w.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, fmt.Errorf("response writer does not support hijacking")
	}
	if w.status == 0 {
		w.status = http.StatusSwitchingProtocols
	}
	return h.Hijack()
}

// observe writes one access log line per request and the request metrics.
// It logs the method, route pattern, status, duration and request ID:
// never the path's query, bodies, headers or client data.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ri := &requestInfo{}
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			d := time.Since(start)
			status := rec.status
			if status == 0 {
				status = http.StatusOK
			}
			route := ri.route
			if route == "" {
				route = "unmatched"
			}
			s.metrics.observe(route, status, d)
			attrs := []slog.Attr{
				slog.String("method", r.Method),
				slog.String("route", route),
				slog.Int("status", status),
				slog.Duration("duration", d),
				slog.Int64("bytes", rec.bytes),
				slog.String("request_id", requestIDOf(r)),
			}
			if id := proofdesk.AgentIDFromContext(r.Context()); id != "" {
				attrs = append(attrs, slog.String("agent_id", id))
			}
			level := slog.LevelInfo
			if ri.err != nil {
				level = slog.LevelError
				attrs = append(attrs, slog.Any("error", ri.err))
			}
			s.logger.LogAttrs(r.Context(), level, "http request", attrs...)
		}()
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), requestInfoKey{}, ri)))
	})
}

// recoverPanic turns a handler panic into a 500 "Internal error." and
// logs it with its stack.
func (s *Server) recoverPanic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.logger.Error("handler panic", slog.String("request_id", requestIDOf(r)),
				slog.String("panic", fmt.Sprint(v)), slog.String("stack", string(debug.Stack())))
			if rec, ok := w.(*statusRecorder); ok && rec.status != 0 {
				return // headers are out; nothing more to say
			}
			WriteJSON(w, http.StatusInternalServerError, errorBody{Error: proofdesk.EINTERNAL, Message: "Internal error."})
		}()
		next.ServeHTTP(w, r)
	})
}

// DefaultCSP is the Content-Security-Policy of every response that does
// not set its own: nothing may load, nothing may frame it.
const DefaultCSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// securityHeaders sets the headers every response carries. HTML handlers
// replace the Content-Security-Policy with their own. HSTS goes out over
// TLS and, when the public base URL is https (s.HTTPS), also through a
// TLS-terminating proxy.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", DefaultCSP)
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if r.TLS != nil || s.HTTPS {
			h.Set("Strict-Transport-Security", "max-age=63072000")
		}
		next.ServeHTTP(w, r)
	})
}

// errBodyTooLarge is what a request with a body over the default limit
// gets; BodyTooLarge names another limit.
var errBodyTooLarge = BodyTooLarge(MaxBodyBytes)

// BodyTooLarge is the EINVALID error of a request body over n bytes,
// naming the limit.
func BodyTooLarge(n int64) error {
	return &proofdesk.Error{Code: proofdesk.EINVALID, Message: "request body larger than " + proofdesk.FormatBytes(n)}
}

// bodyTooLargeErr is BodyTooLarge for a read that went past the limit.
func bodyTooLargeErr(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return BodyTooLarge(mbe.Limit)
	}
	return errBodyTooLarge
}

// limitBody refuses bodies over n bytes: at once when Content-Length says
// so, otherwise when the handler reads past n.
func limitBody(n int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.ContentLength > n {
				w.Header().Set("Connection", "close")
				Error(w, r, BodyTooLarge(n))
				return
			}
			if r.Body != nil {
				r.Body = http.MaxBytesReader(w, r.Body, n)
			}
			next.ServeHTTP(w, r)
		})
	}
}

// IsBodyTooLarge reports whether err came from reading past the body limit.
func IsBodyTooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

// ClientAddr returns the client's IP address: the one the server's
// clientAddr middleware found (X-Forwarded-For believed only from trusted
// proxies), else the connection's peer.
func ClientAddr(r *http.Request) string {
	if a, ok := r.Context().Value(clientAddrKey{}).(string); ok && a != "" {
		return a
	}
	return peerAddr(r)
}

type clientAddrKey struct{}

// peerAddr is the IP address of the connection's peer.
func peerAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// ParseTrustedProxies parses a list of IP addresses and CIDR prefixes
// ("10.0.0.0/8", "127.0.0.1", "::1"). Errors name the entry.
func ParseTrustedProxies(list []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range list {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if p, err := netip.ParsePrefix(s); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q is neither an IP address nor a CIDR prefix", s)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// realClientAddr returns the client address of r: the peer, unless the
// peer is a trusted proxy, in which case X-Forwarded-For is read from the
// right (the entry the nearest proxy appended) past every trusted proxy;
// the first untrusted entry is the client. An entry that is no IP address
// ends the walk there: what lies left of it was written by the client and
// proves nothing. With every entry trusted, the leftmost one is taken.
func realClientAddr(r *http.Request, trusted []netip.Prefix) string {
	peer := peerAddr(r)
	if len(trusted) == 0 || !isTrusted(peer, trusted) {
		return peer
	}
	var hops []string
	for _, h := range r.Header.Values("X-Forwarded-For") {
		for _, part := range strings.Split(h, ",") {
			hops = append(hops, strings.TrimSpace(part))
		}
	}
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(hops[i])
		if err != nil {
			// Some proxies append the client's port: "203.0.113.7:1234",
			// "[2001:db8::1]:1234".
			ap, perr := netip.ParseAddrPort(hops[i])
			if perr != nil {
				break
			}
			a = ap.Addr()
		}
		client = a.Unmap().String()
		if !isTrusted(client, trusted) {
			break
		}
	}
	return client
}

func isTrusted(addr string, trusted []netip.Prefix) bool {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// clientAddr puts the real client address (see realClientAddr) into the
// request context for ClientAddr.
func (s *Server) clientAddr(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		addr := realClientAddr(r, s.TrustedProxies)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), clientAddrKey{}, addr)))
	})
}
