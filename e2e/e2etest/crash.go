package e2etest

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/vault"
)

// Kill ends the serve process with SIGKILL, as a crash or the OOM killer
// would: no graceful shutdown, nothing flushed. Restart starts it again.
func (s *Server) Kill(tb testing.TB) {
	tb.Helper()
	s.mu.Lock()
	if s.stop {
		s.mu.Unlock()
		return
	}
	s.stop = true
	s.mu.Unlock()
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.done
}

// Restart starts the serve process again, after Kill or Stop, on the same
// HTTP and SMTP addresses with the same arguments, and waits for /readyz.
func (s *Server) Restart(tb testing.TB) {
	tb.Helper()
	s.mu.Lock()
	if !s.stop {
		s.mu.Unlock()
		tb.Fatal("Restart: the server is running; Kill or Stop it first")
	}
	s.stop = false
	s.done = make(chan struct{})
	s.mu.Unlock()
	s.launch(tb, s.extra)
}

// MasterKey returns the PROOFDESK_MASTER_KEY the server runs with.
func (s *Server) MasterKey() string {
	for _, kv := range s.env {
		if v, ok := strings.CutPrefix(kv, vault.EnvVar+"="); ok {
			return v
		}
	}
	return ""
}

// OpenStore opens the server's store in this process, with its master
// key, as `proofdesk` commands do; it is closed when the test ends.
func (s *Server) OpenStore(tb testing.TB) *sqldb.DB {
	tb.Helper()
	kr, err := vault.LoadKeyring(s.DataDir, s.MasterKey())
	if err != nil {
		tb.Fatalf("load the master key: %v", err)
	}
	dsn := s.DB
	if dsn == "" {
		dsn = filepath.Join(s.DataDir, "proofdesk.db")
	}
	db := sqldb.NewDB(dsn, vault.New(kr), nil)
	if err := db.Open(context.Background()); err != nil {
		tb.Fatalf("open the store: %v", err)
	}
	tb.Cleanup(func() { _ = db.Close() })
	return db
}
