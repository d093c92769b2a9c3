// Package http is Proofdesk's HTTP server: the listener, the middleware
// every request passes (request ID, access log, metrics, panic recovery,
// security headers, body limit), health and metrics endpoints, and the one
// place where application errors become HTTP statuses. The handlers live in
// http/api (token auth) and http/console (session auth); they register on
// the Server through Handle, because they import this package.
package http

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// ShutdownTimeout is how long Close waits for requests in flight.
const ShutdownTimeout = 10 * time.Second

// StreamGrace is how long Close lets requests finish on their own before
// it cancels their contexts, which ends long-lived streams (the live
// event streams and WebSockets that never finish by themselves).
const StreamGrace = time.Second

// Server is the HTTP server. Set the fields, register handlers with Handle,
// then call Open.
type Server struct {
	// Addr is the address to listen on, such as ":8080"; ":0" (the default)
	// picks a free port, as tests do.
	Addr string
	// Ready reports whether the server can serve (the store answers); it
	// backs /readyz. Nil means always ready.
	Ready func(ctx context.Context) error
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed (see ClientAddr); empty means the peer is the client.
	TrustedProxies []netip.Prefix
	// HTTPS is set when the public base URL is https: HSTS is sent even
	// though a TLS-terminating proxy talks plain HTTP to us.
	HTTPS bool
	// Registry is the Prometheus registry served at /metrics; NewServer
	// creates one (never the global one), other components may register on it.
	Registry *prometheus.Registry
	// APIRate limits requests under /api/ per caller; a zero value
	// limits nothing.
	APIRate APIRateLimit
	// TLSConfig, when set, makes Open serve HTTPS on the listener.
	TLSConfig *tls.Config

	logger  *slog.Logger
	mux     *http.ServeMux
	routes  []string
	metrics *metrics
	ln      net.Listener
	srv     *http.Server
	// cancelBase ends the contexts of all requests (see StreamGrace).
	cancelBase context.CancelFunc
	life       *serverLife
	// shutdownTimeout is ShutdownTimeout; tests shorten it.
	shutdownTimeout time.Duration
}

// NewServer returns a server that logs to logger.
func NewServer(logger *slog.Logger) *Server {
	s := &Server{
		Addr:            ":0",
		Registry:        prometheus.NewRegistry(),
		logger:          logger,
		mux:             http.NewServeMux(),
		shutdownTimeout: ShutdownTimeout,
	}
	s.metrics = newMetrics(s.Registry)
	s.Handle("GET /healthz", http.HandlerFunc(s.handleHealthz))
	s.Handle("GET /readyz", http.HandlerFunc(s.handleReadyz))
	s.Handle("GET /metrics", s.metrics.handler(s.Registry))
	return s
}

// Handle registers h for a ServeMux pattern such as "GET /api/v1/customers/{id}".
// The pattern is the route label in logs and metrics. Call it before Open.
// Request bodies are limited to MaxBodyBytes.
func (s *Server) Handle(pattern string, h http.Handler) {
	s.HandleUpload(pattern, h, MaxBodyBytes)
}

// HandleUpload registers h like Handle, with request bodies limited to
// maxBody bytes instead of MaxBodyBytes: for routes that take files.
func (s *Server) HandleUpload(pattern string, h http.Handler, maxBody int64) {
	h = limitBody(maxBody)(h)
	s.routes = append(s.routes, pattern)
	s.mux.Handle(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ri := requestInfoFrom(r.Context()); ri != nil {
			ri.route = pattern
		}
		h.ServeHTTP(w, r)
	}))
}

// Routes returns every pattern given to Handle, in the order registered,
// such as "GET /api/v1/customers/{id}": the server's route table, which
// the authorization matrix test checks row by row.
func (s *Server) Routes() []string {
	return slices.Clone(s.routes)
}

// Handler returns the server's full handler: middleware and routes.
func (s *Server) Handler() http.Handler {
	return chain(s.mux,
		requestID,
		s.clientAddr,
		s.observe,
		s.recoverPanic,
		s.securityHeaders,
		s.rateLimitAPI,
	)
}

// Listen binds the listen address without serving yet, so the bound port
// (and the URLs built from it) are known before the routes are mounted.
// Open calls it when it was not called.
func (s *Server) Listen() error {
	if s.ln != nil {
		return nil
	}
	ln, err := net.Listen("tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.Addr, err)
	}
	s.ln = ln
	return nil
}

// Open starts listening (unless Listen did) and serving in the background.
func (s *Server) Open() error {
	if err := s.Listen(); err != nil {
		return err
	}
	ln := s.ln
	if s.TLSConfig != nil {
		ln = tls.NewListener(ln, s.TLSConfig)
	}
	base, cancelBase := context.WithCancel(context.Background())
	s.cancelBase = cancelBase
	s.life = &serverLife{ctx: base}
	s.srv = &http.Server{
		Handler:           s.Handler(),
		BaseContext:       func(net.Listener) context.Context { return context.WithValue(base, serverLifeKey{}, s.life) },
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.logger.Handler(), slog.LevelWarn),
	}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.logger.Error("http server stopped", slog.Any("error", err))
		}
	}()
	return nil
}

// Close stops accepting connections and waits up to ShutdownTimeout for
// requests in flight, and for the work Detach let outlive its request
// (the chats of open WebSockets), to finish, then closes what is left.
// Once it returns nil, no handler of this server runs any more, so the
// caller may close the store behind them. It returns an error when
// ShutdownTimeout passed first.
func (s *Server) Close() error {
	if s.srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), s.shutdownTimeout)
	defer cancel()
	// Ordinary requests get StreamGrace to finish; then every request's
	// context is cancelled so that streams return and Shutdown completes.
	grace := time.AfterFunc(StreamGrace, s.cancelBase)
	defer grace.Stop()
	defer s.cancelBase()
	if err := s.srv.Shutdown(ctx); err != nil {
		_ = s.srv.Close()
		return fmt.Errorf("shutdown http server: %w", err)
	}
	// Hijacked connections are not Shutdown's: their detached contexts
	// end with the base context, and their goroutines are waited for.
	s.cancelBase()
	if err := s.life.detached.wait(ctx); err != nil {
		return fmt.Errorf("shutdown http server: detached connections still running after %s: %w", s.shutdownTimeout, err)
	}
	return nil
}

// Port returns the port the server listens on, once open.
func (s *Server) Port() int {
	if s.ln == nil {
		return 0
	}
	return s.ln.Addr().(*net.TCPAddr).Port
}

// URL returns the base URL of the open server, such as
// "http://localhost:8080".
func (s *Server) URL() string {
	return fmt.Sprintf("http://localhost:%d", s.Port())
}
