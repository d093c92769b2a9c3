// Command proofdesk is the Proofdesk support desk: one binary that serves
// the desk (serve, demo) and administers it (migrate, agent create, token
// create, customers import, keys rotate, audit verify). Run
// `proofdesk help` for the commands and `proofdesk <command> --help` for
// their options.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	pdhttp "github.com/proofdesk/proofdesk/http"
	"github.com/proofdesk/proofdesk/http/api"
	"github.com/proofdesk/proofdesk/http/console"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/vault"
)

// version is set at build time: -ldflags "-X main.version=v1.2.3".
var version = "dev"

// main delegates to runCLI, which tests call too, and exits with its code.
func main() {
	// SIGINT and SIGTERM cancel ctx; the running command shuts down
	// gracefully and returns.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(runCLI(ctx, os.Args[1:], osStdio()))
}

// Main is the program: the store, its services and the HTTP server, wired
// from Config. Run opens everything; Close shuts it down. Commands other
// than serve and demo use OpenDB alone.
type Main struct {
	Config Config
	Logger *slog.Logger
	// Getenv reads the environment (os.Getenv unless a test replaces it);
	// only PROOFDESK_MASTER_KEY is read through it here.
	Getenv func(string) string

	// Keyring holds the master keys; OpenDB loads it unless it is set.
	Keyring *vault.Keyring
	DB      *sqldb.DB
	// HTTPServer is set by Run.
	HTTPServer *pdhttp.Server

	// Services, set by OpenDB and exposed for commands and end-to-end tests.
	AgentService        *sqldb.AgentService
	CustomerService     *sqldb.CustomerService
	ConversationService *sqldb.ConversationService
	AuditService        *sqldb.AuditService
}

// NewMain returns a Main with the default configuration.
func NewMain() *Main {
	return &Main{
		Config: DefaultConfig(),
		Logger: slog.New(slog.DiscardHandler),
		Getenv: os.Getenv,
	}
}

// OpenDB loads the master key and opens the store, applying pending
// migrations. A missing, malformed or wrong key is an error naming it.
func (m *Main) OpenDB(ctx context.Context) error {
	if m.Keyring == nil {
		kr, err := vault.LoadKeyring(m.Config.DataDir, m.Getenv(vault.EnvVar))
		if err != nil {
			return err
		}
		m.Keyring = kr
	}
	if !m.Config.IsPostgres() {
		if err := os.MkdirAll(m.Config.DataDir, 0o700); err != nil {
			return fmt.Errorf("create data dir: %w", err)
		}
	}
	m.DB = sqldb.NewDB(m.Config.DSN(), vault.New(m.Keyring), m.Logger)
	if err := m.DB.Open(ctx); err != nil {
		m.DB = nil
		return err
	}
	m.AgentService = sqldb.NewAgentService(m.DB)
	m.CustomerService = sqldb.NewCustomerService(m.DB)
	m.ConversationService = sqldb.NewConversationService(m.DB)
	m.AuditService = sqldb.NewAuditService(m.DB)
	return nil
}

// Run opens the store (unless OpenDB already did) and starts the HTTP
// server; it returns once the server listens.
func (m *Main) Run(ctx context.Context) error {
	if m.DB == nil {
		if err := m.OpenDB(ctx); err != nil {
			return err
		}
	}
	s := pdhttp.NewServer(m.Logger)
	s.Addr = m.Config.Addr
	s.Ready = m.DB.Ping
	api.NewHandler(m.AgentService, m.CustomerService, m.ConversationService, m.AuditService, nil).Register(s)
	con := console.NewHandler(m.AgentService, nil)
	con.AllowNo2FA = m.Config.AllowNo2FA
	con.Register(s)
	if err := s.Open(); err != nil {
		return err
	}
	m.HTTPServer = s
	m.Logger.Info("proofdesk serving", slog.String("url", m.URL()), slog.String("version", version),
		slog.String("store", storeKind(&m.Config)))
	return nil
}

// URL returns the base URL of the running server: --base-url if set,
// otherwise built from the address it actually bound.
func (m *Main) URL() string {
	if m.HTTPServer == nil {
		return ""
	}
	host, _, err := net.SplitHostPort(m.Config.Addr)
	if err != nil {
		host = ""
	}
	return m.Config.URL(net.JoinHostPort(host, strconv.Itoa(m.HTTPServer.Port())))
}

// Close stops the HTTP server, letting requests in flight finish, then
// closes the store. Closing twice is harmless.
func (m *Main) Close() error {
	var errs []error
	if m.HTTPServer != nil {
		errs = append(errs, m.HTTPServer.Close())
		m.HTTPServer = nil
	}
	if m.DB != nil {
		errs = append(errs, m.DB.Close())
		m.DB = nil
	}
	return errors.Join(errs...)
}

func storeKind(c *Config) string {
	if c.IsPostgres() {
		return "postgres"
	}
	return "sqlite"
}
