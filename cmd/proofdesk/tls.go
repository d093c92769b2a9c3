package main

import (
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"time"
)

// certReloader serves the certificate in certFile and keyFile and reads
// them again when either changes (checked at most every 10 s), so a
// renewed certificate is used without a restart. A renewal that does not
// load (a half-written file, a key that does not match) keeps the
// previous certificate and is logged.
type certReloader struct {
	certFile, keyFile string
	logger            *slog.Logger

	mu      sync.Mutex
	cert    *tls.Certificate
	mod     time.Time
	checked time.Time
}

func newCertReloader(certFile, keyFile string, logger *slog.Logger) (*certReloader, error) {
	r := &certReloader{certFile: certFile, keyFile: keyFile, logger: logger}
	cert, mod, err := r.load()
	if err != nil {
		return nil, err
	}
	r.cert, r.mod, r.checked = cert, mod, time.Now()
	return r, nil
}

func (r *certReloader) load() (*tls.Certificate, time.Time, error) {
	var mod time.Time
	for _, f := range []string{r.certFile, r.keyFile} {
		st, err := os.Stat(f)
		if err != nil {
			return nil, mod, fmt.Errorf("TLS: cannot read %s: %w", f, err)
		}
		if st.ModTime().After(mod) {
			mod = st.ModTime()
		}
	}
	cert, err := tls.LoadX509KeyPair(r.certFile, r.keyFile)
	if err != nil {
		return nil, mod, fmt.Errorf("TLS: --tls-cert %s and --tls-key %s do not load as a certificate and its key: %w", r.certFile, r.keyFile, err)
	}
	return &cert, mod, nil
}

func (r *certReloader) getCertificate(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if time.Since(r.checked) < 10*time.Second {
		return r.cert, nil
	}
	r.checked = time.Now()
	changed := false
	for _, f := range []string{r.certFile, r.keyFile} {
		if st, err := os.Stat(f); err == nil && st.ModTime().After(r.mod) {
			changed = true
		}
	}
	if changed {
		cert, mod, err := r.load()
		if err != nil {
			r.logger.Error("TLS certificate not reloaded; still serving the previous one", slog.Any("error", err))
			return r.cert, nil
		}
		r.cert, r.mod = cert, mod
		r.logger.Info("TLS certificate reloaded")
	}
	return r.cert, nil
}

// tlsConfig returns the TLS configuration of --tls-cert and --tls-key:
// TLS 1.2 or later, HTTP/2 offered.
func tlsConfig(certFile, keyFile string, logger *slog.Logger) (*tls.Config, error) {
	r, err := newCertReloader(certFile, keyFile, logger)
	if err != nil {
		return nil, err
	}
	return &tls.Config{MinVersion: tls.VersionTLS12, GetCertificate: r.getCertificate, NextProtos: []string{"h2", "http/1.1"}}, nil
}

// redirectServer answers every plain-HTTP request on addr with a
// permanent redirect (308: the method and body are kept) to the same
// path and query under base, the HTTPS URL.
type redirectServer struct {
	srv *http.Server
	ln  net.Listener
}

func startRedirect(addr, base string, logger *slog.Logger) (*redirectServer, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on --http-redirect-addr %s: %w", addr, err)
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Connection", "close")
		http.Redirect(w, r, base+r.URL.RequestURI(), http.StatusPermanentRedirect)
	})
	rs := &redirectServer{ln: ln, srv: &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		IdleTimeout: 30 * time.Second, MaxHeaderBytes: 16 << 10, ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)}}
	go func() {
		if err := rs.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Error("http redirect server stopped", slog.Any("error", err))
		}
	}()
	return rs, nil
}

func (rs *redirectServer) Close() error { return rs.srv.Close() }
