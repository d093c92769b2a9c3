// Command proofdesk is the Proofdesk support desk: one binary that serves
// the desk (serve, demo) and administers it (migrate, agent create, token
// create, customers import, keys rotate, audit verify). Run
// `proofdesk help` for the commands and `proofdesk <command> --help` for
// their options.
package main

import (
	"context"
	"crypto/hmac"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/http/csat"
	"github.com/proofdesk/proofdesk/http/exportpage"
	"github.com/proofdesk/proofdesk/http/notice"
	"github.com/proofdesk/proofdesk/http/telephony"
	"github.com/proofdesk/proofdesk/http/verifypage"
	"github.com/proofdesk/proofdesk/http/widget"
	"github.com/proofdesk/proofdesk/inmem"
	"github.com/proofdesk/proofdesk/mail"
	"github.com/proofdesk/proofdesk/outbox"
	"github.com/proofdesk/proofdesk/pgnotify"
	"github.com/proofdesk/proofdesk/sms"
	"github.com/proofdesk/proofdesk/verify"

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
	PolicyService       *sqldb.PolicyService
	BrandingService     *sqldb.BrandingService
	OutboxService       *sqldb.OutboxService
	// Desk runs the use cases; OpenDB installs it as the store's reply
	// guard, so every agent reply (demo seeding too) passes the guard.
	Desk *desk.Desk
	// VerificationService and Events are set by Run.
	VerificationService *desk.Verification
	// Workers are the background loops Run started (outbox delivery, IMAP).
	workers      sync.WaitGroup
	stopWorkers  context.CancelFunc
	channels     *channelService
	smtpListener *mail.Server
	redirect     *redirectServer

	// Events carries live events: in process on SQLite, across nodes
	// through LISTEN/NOTIFY on PostgreSQL.
	Events interface {
		proofdesk.EventService
		Close() error
	}
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
	m.PolicyService = sqldb.NewPolicyService(m.DB)
	m.BrandingService = sqldb.NewBrandingService(m.DB, proofdesk.Branding{Company: m.Config.Company})
	m.OutboxService = sqldb.NewOutboxService(m.DB)
	m.Desk = desk.New(m.DB, desk.Config{RevealAlertPerHour: m.Config.RevealAlert, OracleLimitPerHour: m.Config.OracleLimit, LookupLimitPerHour: m.Config.LookupLimit, BaseURL: m.URL(), CoolingOff: m.Config.CoolingOff})
	m.DB.PhoneRegion = m.Config.DefaultRegion
	return nil
}

// applyPolicyFile stores the policy of --policy when it differs from the
// one in force; the change is audited like any other.
func (m *Main) applyPolicyFile(ctx context.Context) (*proofdesk.Policy, error) {
	current, err := m.PolicyService.FindPolicy(ctx)
	if err != nil {
		return nil, err
	}
	if m.Config.PolicyFile == "" {
		return current, nil
	}
	data, err := os.ReadFile(m.Config.PolicyFile)
	if err != nil {
		return nil, fmt.Errorf("--policy: %w", err)
	}
	p, err := proofdesk.ParsePolicyFile(data, m.Config.PolicyFile)
	if err != nil {
		return nil, fmt.Errorf("--policy: %s", proofdesk.ErrorMessage(err))
	}
	if reflect.DeepEqual(p, current) {
		return current, nil
	}
	if err := m.PolicyService.UpdatePolicy(ctx, p); err != nil {
		return nil, fmt.Errorf("--policy: %w", err)
	}
	return p, nil
}

// Run opens the store (unless OpenDB already did) and starts the HTTP
// server; it returns once the server listens.
func (m *Main) Run(ctx context.Context) error {
	if m.DB == nil {
		if err := m.OpenDB(ctx); err != nil {
			return err
		}
	}
	if _, err := m.applyPolicyFile(ctx); err != nil {
		return err
	}
	if m.Config.PprofAddr != "" {
		if err := startPprof(ctx, m.Config.PprofAddr, m.Logger); err != nil {
			return err
		}
	}
	if m.Config.IsPostgres() {
		ev, err := pgnotify.Open(ctx, m.Config.DB, inmem.NewEventService(0), m.Logger)
		if err != nil {
			return fmt.Errorf("live events: %w", err)
		}
		m.Events = ev
	} else {
		m.Events = inmem.NewEventService(0)
	}
	vs, err := desk.NewVerification(ctx, m.DB, desk.VerificationConfig{
		Company: m.Config.Company, CoolingOff: m.Config.CoolingOff, LevelTTL: m.Config.LevelTTL,
	})
	if err != nil {
		return err
	}
	m.VerificationService = vs
	desk.PublishEvents(m.DB, m.Events) // every committed change, live, on every node

	s := pdhttp.NewServer(m.Logger)
	s.Addr = m.Config.Addr
	s.Ready = func(ctx context.Context) error {
		if !m.Desk.IndexReady() {
			return errors.New("the guard is still indexing every customer's protected values")
		}
		return m.DB.Ping(ctx)
	}
	// Local pools in front of the shared counters: one write per batch of
	// requests, never more than the limit across nodes (sqldb.RateBatch).
	s.APIRate = pdhttp.APIRateLimit{Store: sqldb.NewRateBatch(m.DB, 0), PerMinute: m.Config.APIRate}
	// Bind first: links to customers and signed webhook URLs use the
	// address actually bound (or --base-url).
	if err := s.Listen(); err != nil {
		return err
	}
	m.HTTPServer = s
	if m.Config.TLSCert != "" {
		if s.TLSConfig, err = tlsConfig(m.Config.TLSCert, m.Config.TLSKey, m.Logger); err != nil {
			return err
		}
	}
	base := m.URL()
	s.HTTPS = strings.HasPrefix(base, "https://") || s.TLSConfig != nil
	if s.TrustedProxies, err = pdhttp.ParseTrustedProxies(m.Config.TrustedProxies); err != nil {
		return err // Validate checked it
	}
	m.VerificationService.SetPublicURL(base, m.Config.Company)
	m.Desk.SetBaseURL(base)
	if err := m.mount(ctx, s, base); err != nil {
		return err
	}
	if err := s.Open(); err != nil {
		return err
	}
	if m.Config.HTTPRedirectAddr != "" {
		if m.redirect, err = startRedirect(m.Config.HTTPRedirectAddr, base, m.Logger); err != nil {
			return err
		}
	}
	m.Logger.Info("proofdesk serving", slog.String("url", base), slog.String("version", version),
		slog.String("store", storeKind(&m.Config)))
	return nil
}

// mount registers every handler on s.
// Every surface reads the policy from the store per request, so a change
// (PUT /api/v1/policy) applies to the very next request.
func (m *Main) mount(ctx context.Context, s *pdhttp.Server, base string) error {
	agents := m.AgentService
	m.channels = newChannelService(m)
	apiH := api.NewHandler(agents, m.Desk.Customers(m.CustomerService), m.Desk.Conversations(m.ConversationService), m.AuditService, m.PolicyService)
	apiH.Challenges = m.VerificationService
	apiH.PhoneRegion = m.Config.DefaultRegion
	apiH.Lookups = m.Desk
	apiH.Orders = m.Desk
	apiH.Register(s)
	dk := m.Desk
	api.NewVerificationHandler(agents, m.VerificationService, dk).Register(s)
	api.NewPauseHandler(agents, dk).Register(s)
	mh := api.NewMacroHandler(agents, dk)
	mh.PostMessage = apiH.PostMessage
	mh.Register(s)
	merge := api.NewMergeHandler(agents, dk)
	merge.View = apiH.ViewContext
	merge.Subjects = m.ConversationService
	merge.Register(s)
	api.NewCustomerMergeHandler(agents, dk).Register(s)
	api.NewExportHandler(agents, m.VerificationService.Notices().Exports()).Register(s)
	api.NewLegalHoldHandler(agents, dk).Register(s)
	api.NewEraseHandler(agents, dk).Register(s)
	search := api.NewSearchHandler(agents, dk, m.Desk.Conversations(m.ConversationService))
	search.View = apiH.ViewContext
	search.Register(s)
	api.NewWorkHandler(agents, dk).Register(s)
	agentAdmin := m.agentAdmin(base)
	api.NewAgentsHandler(agents, agentAdmin).Register(s)
	api.NewPolicyHandler(agents, m.PolicyService).Register(s)
	api.NewBrandingHandler(agents, m.BrandingService).Register(s)
	api.NewAuditHandler(agents, m.AuditService).Register(s)
	api.NewReportHandler(agents, dk).Register(s)
	api.NewSLAHandler(agents, dk).Register(s)
	api.NewRetentionHandler(agents, dk).Register(s)
	api.RegisterOpenAPI(s)
	s.Registry.MustRegister(pdhttp.NewCountsCollector(m.DB.Counts, m.Logger))
	allow, _ := parseWebhookAllow(m.Config.WebhookAllowPrivate) // Validate checked it
	hooks, err := desk.NewWebhooks(ctx, m.DB, allow)
	if err != nil {
		return err
	}
	api.NewWebhookHandler(agents, hooks).Register(s)
	oh := api.NewOutboxHandler(agents, m.OutboxService)
	oh.RelayConfigured = m.Config.SMTPRelay != ""
	oh.SMSConfigured = m.Config.SMSBaseURL != ""
	oh.RelayFunc = m.channels.relayConfigured
	oh.RecentCodes = m.VerificationService.RecentCodes
	oh.Subjects = m.ConversationService
	oh.Register(s)
	api.NewSettingsHandler(agents, m.channels).Register(s)
	verifier, err := m.identityVerifier(ctx, base)
	if err != nil {
		return err
	}
	ih := api.NewIdentityHandler(agents, verifier, m.VerificationService)
	ih.Subjects = m.ConversationService
	if m.Config.UserHash {
		if ih.UserHashSecret, err = m.userHashSecret(ctx); err != nil {
			return err
		}
	}
	ih.Register(s)
	api.NewEventsHandler(agents, m.ConversationService, m.Events).Register(s)
	ratings := m.VerificationService.Ratings()
	widget.NewHandler(m.ConversationService, m.VerificationService, m.Events, sqldb.NewVisitorService(m.DB), verifier,
		widget.Config{AllowedOrigins: m.Config.WidgetOrigins, Origins: m.channels.widgetOrigins, RatePerMinute: m.Config.WidgetRate, RateStore: sqldb.NewRateBatch(m.DB, 0), Agents: m.AgentService, Reopener: m.DB,
			RatingLink: func(id string) string { return ratings.Link(id, proofdesk.RatingFromChat, "") }}, m.Logger).Register(s)

	csrfKey, err := m.DB.Secret(ctx, "verifypage")
	if err != nil {
		return err
	}
	vp, err := verifypage.NewHandler(m.VerificationService, csrfKey, m.Logger)
	if err != nil {
		return err
	}
	vp.SecureCookies = strings.HasPrefix(base, "https://")
	vp.Branding, vp.Company = m.BrandingService, m.Config.Company
	vp.Register(s)

	nh, err := notice.NewHandler(m.VerificationService.Notices(), m.Events, csrfKey, m.Logger)
	if err != nil {
		return err
	}
	nh.Company = m.Config.Company
	nh.Branding = m.BrandingService
	nh.SecureCookies = vp.SecureCookies
	nh.Register(s)

	xh, err := exportpage.NewHandler(m.VerificationService.Notices().Exports(), csrfKey, m.Logger)
	if err != nil {
		return err
	}
	xh.Company = m.Config.Company
	xh.Branding = m.BrandingService
	xh.SecureCookies = vp.SecureCookies
	xh.Register(s)
	eh, err := notice.NewErasureHandler(dk, csrfKey, m.Logger)
	if err != nil {
		return err
	}
	eh.Company, eh.Branding, eh.SecureCookies = m.Config.Company, m.BrandingService, vp.SecureCookies
	eh.Register(s)

	rh := csat.NewHandler(ratings, m.Logger)
	rh.Company = m.Config.Company
	rh.Register(s)

	if tok := m.Getenv("PROOFDESK_TWILIO_AUTH_TOKEN"); tok != "" {
		th, err := telephony.NewHandler(telephony.Config{BaseURL: base, AuthToken: tok, Company: m.Config.Company},
			sqldb.NewPhoneService(m.DB), m.VerificationService, m.Logger)
		if err != nil {
			return fmt.Errorf("telephony: %w", err)
		}
		th.Register(s)
	}

	// Sign-in state lives in the database, so nodes sharing it share the
	// throttle, the TOTP replay memory and the enrolment ticket key.
	enrolKey, err := m.DB.Secret(ctx, "enrol")
	if err != nil {
		return err
	}
	throttle := auth.DefaultThrottleConfig()
	throttle.Store = m.DB
	con := console.New(console.Deps{
		Throttle: auth.NewThrottle(throttle), TOTPSteps: m.DB, EnrolKey: enrolKey, Reads: m.DB,
		Agents: agents, Customers: m.Desk.Customers(m.CustomerService), Conversations: m.Desk.Conversations(m.ConversationService), Audit: m.AuditService,
		Verification: m.VerificationService, Desk: dk, Policy: m.PolicyService, Branding: m.BrandingService, Outbox: m.OutboxService, Events: m.Events,
		PostMessage: apiH.PostMessage, Settings: m.consoleSettings(base), Logger: m.Logger, AgentAdmin: agentAdmin,
		Channels: m.channels, ImportCustomers: m.importCustomers, Macros: dk, Search: dk, Merge: dk, LegalHolds: dk, Erasure: dk, Reports: dk, SLA: dk, Notifications: dk, Retention: dk,
		Exports: m.VerificationService.Notices().Exports(),
	})
	con.AllowNo2FA = m.Config.AllowNo2FA
	con.SecureCookies = strings.HasPrefix(base, "https://")
	con.PhoneRegion = m.Config.DefaultRegion
	con.Register(s)
	if m.Config.Demo {
		s.Handle("GET /demo/shop", demoShop(base))
	}
	return m.startChannels(ctx)
}

// consoleSettings describes the channels for the admin page: never a
// secret, only whether it is set.
func (m *Main) consoleSettings(base string) console.Settings {
	c := &m.Config
	st := console.Settings{BaseURL: base, SMTPListen: c.SMTPAddr, SMTPRelay: c.SMTPRelay, SMTPRelayTLS: c.SMTPRelaySecurity,
		SMTPRelayUser: c.SMTPRelayUser, WidgetOrigins: c.WidgetOrigins, SMSProvider: c.SMSBaseURL,
		SMSCredentialsSet: m.Getenv("PROOFDESK_SMS_AUTH_TOKEN") != "", CoolingOff: c.CoolingOff}
	if c.DKIMKey != "" {
		st.DKIMSelector = c.DKIMSelector
	}
	if c.IMAPAddr != "" {
		st.IMAP = c.IMAPAddr + " " + cmpOr(c.IMAPMailbox, "INBOX")
	}
	if m.Getenv("PROOFDESK_TWILIO_AUTH_TOKEN") != "" {
		st.TelephonyWebhook, st.TelephonySecretSet = telephony.VoicePath, true
	}
	return st
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// exportExpiryEvery is how often a node deletes the archives of exports
// whose link expired unused.
const exportExpiryEvery = 5 * time.Minute

// indexRefreshEvery is how often a node on PostgreSQL re-reads the
// customers other nodes changed, for its guard index.
const indexRefreshEvery = 10 * time.Second

// startChannels starts the inbound SMTP listener, the IMAP poller and the
// outbox worker, as configured.
func (m *Main) startChannels(ctx context.Context) error {
	c := &m.Config
	wctx, cancel := context.WithCancel(context.Background())
	m.stopWorkers = cancel
	// The work loop: snoozes that end, routing to team queues and
	// round-robin auto-assignment (each step claims its rows in the
	// database, so every node may run it).
	m.workers.Add(1)
	go func() { defer m.workers.Done(); m.Desk.RunWork(wctx, 0, m.Logger) }()
	// Exports whose link expired unused: their archives are deleted.
	m.workers.Add(1)
	go func() {
		defer m.workers.Done()
		m.VerificationService.Notices().Exports().RunExpiry(wctx, exportExpiryEvery, func(err error) {
			m.Logger.Error("export expiry", slog.Any("error", err))
		})
	}()
	// The guard's index of every customer: /readyz waits for it, and
	// replies checked at L0 are refused until it is built.
	m.workers.Add(1)
	m.Desk.StartIndex(wctx, func(st desk.IndexStats, err error) {
		defer m.workers.Done()
		if err != nil {
			if wctx.Err() == nil {
				m.Logger.Error("guard index", slog.Any("error", err))
			}
			return
		}
		m.Logger.Info("guard index ready", slog.Int("customers", st.Customers), slog.Int("keys", st.Keys),
			slog.Int("bytes", st.Bytes), slog.Duration("build", st.Build))
		if !c.IsPostgres() {
			return // one node: every change is indexed as it commits
		}
		// Several nodes: what the others commit is read every few seconds.
		tick := time.NewTicker(indexRefreshEvery)
		defer tick.Stop()
		for {
			select {
			case <-wctx.Done():
				return
			case <-tick.C:
				if err := m.Desk.RefreshIndex(wctx); err != nil && wctx.Err() == nil {
					m.Logger.Error("guard index refresh", slog.Any("error", err))
				}
			}
		}
	})
	// The search index of conversations stored before it existed
	// (migration 0024): indexed in the background, a batch at a time; new
	// messages are indexed as they commit.
	m.workers.Add(1)
	go func() {
		defer m.workers.Done()
		total := 0
		for wctx.Err() == nil {
			n, err := m.DB.BackfillSearch(wctx, 200)
			if err != nil {
				if wctx.Err() == nil {
					m.Logger.Error("search backfill", slog.Any("error", err))
				}
				return
			}
			if n == 0 {
				break
			}
			total += n
		}
		if total > 0 {
			m.Logger.Info("search backfill done", slog.Int("conversations", total))
		}
	}()
	// The console's channel settings, where no flag overrides them: read
	// once here (IMAP, DKIM, SMS, From, the inbound address), or on each
	// send (the relay).
	stored, _, err := m.DB.FindChannelSettings(ctx)
	if err != nil {
		return err
	}
	inbound := mail.NewInboundHandler(mail.InboundConfig{Customers: m.CustomerService, Conversations: m.ConversationService,
		Threads: m.DB, Branding: m.BrandingService, Resolver: mail.NewNetResolver(c.DNSResolver), Limits: mail.DefaultLimits(), CoolingOff: c.CoolingOff, ReopenWindow: c.ReopenWindow,
		Addresses: inboundAddresses(c, stored), Logger: m.Logger})
	if c.SMTPAddr != "" {
		srv := mail.NewServer(c.SMTPAddr, inbound, mail.DefaultLimits(), m.Logger)
		if err := srv.Open(); err != nil {
			return fmt.Errorf("--smtp-addr: %w", err)
		}
		m.smtpListener = srv
		m.Logger.Info("smtp listening", slog.String("addr", srv.Addr().String()))
	}
	if c.IMAPAddr == "" && stored.IMAPAddr != "" {
		p := mail.NewIMAPPoller(mail.IMAPConfig{Addr: stored.IMAPAddr, Security: stored.IMAPSecurity, Username: stored.IMAPUser,
			Password: stored.IMAPPassword, Mailbox: stored.IMAPMailbox}, inbound, m.Logger)
		m.workers.Add(1)
		go func() { defer m.workers.Done(); p.Run(wctx) }()
	}
	if c.IMAPAddr != "" {
		p := mail.NewIMAPPoller(mail.IMAPConfig{Addr: c.IMAPAddr, Security: c.IMAPSecurity, Username: c.IMAPUser,
			Password: m.Getenv("PROOFDESK_IMAP_PASSWORD"), Mailbox: c.IMAPMailbox}, inbound, m.Logger)
		m.workers.Add(1)
		go func() { defer m.workers.Done(); p.Run(wctx) }()
	}
	var mailer outbox.Mailer
	if c.SMTPRelay != "" {
		relay, err := outbox.NewSMTPRelay(outbox.RelayConfig{Addr: c.SMTPRelay, Security: c.SMTPRelaySecurity,
			Username: c.SMTPRelayUser, Password: m.Getenv("PROOFDESK_SMTP_PASSWORD")})
		if err != nil {
			return fmt.Errorf("--smtp-relay: %w", err)
		}
		go func() { <-wctx.Done(); _ = relay.Close() }() // QUIT the idle sessions
		mailer = relay
	} else if m.channels != nil {
		mailer = consoleMailer{m.channels}
		ch := m.channels
		go func() { <-wctx.Done(); ch.closeRelay() }() // QUIT the idle sessions
	}
	var smsSender outbox.SMSSender
	if c.SMSBaseURL != "" {
		tw, err := sms.New(sms.Config{BaseURL: c.SMSBaseURL, AccountSID: c.SMSAccount, AuthToken: m.Getenv("PROOFDESK_SMS_AUTH_TOKEN"), From: c.SMSFrom})
		if err != nil {
			return fmt.Errorf("--sms-base-url: %w", err)
		}
		smsSender = smsPermanent{tw}
	} else if stored.SMSBaseURL != "" {
		tw, err := sms.New(sms.Config{BaseURL: stored.SMSBaseURL, AccountSID: stored.SMSAccount, AuthToken: stored.SMSAuthToken, From: stored.SMSFrom})
		if err != nil {
			return fmt.Errorf("SMS provider of the console's settings: %w", err)
		}
		smsSender = smsPermanent{tw}
	}
	cfg := outbox.Config{From: c.MailFrom, Events: m.Events, Branding: m.BrandingService, Company: c.Company,
		BaseBackoff: c.OutboxBackoff, Lease: c.OutboxLease}
	if c.MailFrom == DefaultConfig().MailFrom && stored.From() != "" {
		cfg.From = stored.From()
	}
	if c.IsPostgres() && (mailer != nil || smsSender != nil) {
		// Woken by NOTIFY when a row is queued on any node; the slow poll
		// is a safety net (and catches retries coming due).
		cfg.Wake = pgnotify.Wake(wctx, c.DB, pgnotify.OutboxChannel, m.Logger)
		cfg.Interval = 15 * time.Second
	}
	if c.DKIMKey != "" {
		signer, err := outbox.LoadDKIMSigner(c.DKIMKey, c.DKIMDomain, c.DKIMSelector)
		if err != nil {
			return fmt.Errorf("--dkim-key: %w", err)
		}
		cfg.DKIM = signer
	} else if stored.DKIMKey != "" {
		key, err := outbox.ParseDKIMKey([]byte(stored.DKIMKey))
		if err == nil {
			cfg.DKIM, err = outbox.NewDKIMSigner(stored.DKIMDomain, stored.DKIMSelector, key)
		}
		if err != nil {
			return fmt.Errorf("DKIM key of the console's settings: %w", err)
		}
	}
	w, err := outbox.NewWorker(m.DB, mailer, smsSender, cfg, m.Logger)
	if err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	if w.Enabled() {
		// Rows this store's previous run was sending when it died are due
		// again now rather than after their lease (SQLite: one server).
		if n, err := m.DB.ReleaseOutboxClaims(ctx); err != nil {
			return err
		} else if n > 0 {
			m.Logger.Warn("outbox rows claimed by a previous run that stopped mid-send are due again", slog.Int("rows", n))
		}
		m.workers.Add(1)
		go func() { defer m.workers.Done(); w.Run(wctx) }()
	}
	m.workers.Add(1)
	go func() { defer m.workers.Done(); m.Desk.WatchSLA(wctx, time.Minute, m.Logger) }()
	m.workers.Add(1)
	go func() { defer m.workers.Done(); m.Desk.WatchRetention(wctx, time.Minute, m.Logger) }()
	return m.startWebhooks(ctx, wctx)
}

// startWebhooks runs the worker that delivers webhook rows of the outbox,
// with its own backoff (--webhook-retry) and SSRF allow list.
func (m *Main) startWebhooks(ctx, wctx context.Context) error {
	c := &m.Config
	key, err := desk.WebhookKey(ctx, m.DB)
	if err != nil {
		return err
	}
	allow, _ := parseWebhookAllow(c.WebhookAllowPrivate) // Validate checked it
	cfg := outbox.Config{Webhooks: &outbox.WebhookSender{Key: key, AllowPrivate: allow}, BaseBackoff: c.WebhookRetry, Events: m.Events, Interval: time.Second}
	if c.IsPostgres() {
		cfg.Wake = pgnotify.Wake(wctx, c.DB, pgnotify.OutboxChannel, m.Logger)
		cfg.Interval = 5 * time.Second
	}
	w, err := outbox.NewWorker(m.DB, nil, nil, cfg, m.Logger)
	if err != nil {
		return fmt.Errorf("webhooks: %w", err)
	}
	m.workers.Add(1)
	go func() { defer m.workers.Done(); w.Run(wctx) }()
	return nil
}

// smsPermanent marks the SMS provider's permanent errors for the outbox
// worker, which then fails the row instead of retrying.
type smsPermanent struct{ tw *sms.Twilio }

func (s smsPermanent) SendSMS(ctx context.Context, to, body string) error {
	err := s.tw.SendSMS(ctx, to, body)
	if err != nil && sms.IsPermanent(err) {
		return outbox.Permanent(err)
	}
	return err
}

// identityVerifier returns the verifier of signed session tokens minted by
// the business's backend. The secret is PROOFDESK_IDENTITY_SECRET (base64
// of at least 32 bytes) or, when unset, the installation's own, which
// `proofdesk identity secret` prints.
func (m *Main) identityVerifier(ctx context.Context, base string) (*verify.TokenVerifier, error) {
	secret, err := m.identitySecret(ctx)
	if err != nil {
		return nil, err
	}
	aud := m.Config.IdentityAudience
	if aud == "" {
		aud = base
	}
	return verify.NewTokenVerifier(verify.TokenConfig{Secret: secret, Audience: aud, Leeway: verify.DefaultLeeway, Replay: sqldb.NewReplayStore(m.DB)})
}

func (m *Main) identitySecret(ctx context.Context) ([]byte, error) {
	if v := m.Getenv("PROOFDESK_IDENTITY_SECRET"); v != "" {
		b, err := base64.StdEncoding.DecodeString(v)
		if err != nil || len(b) < verify.MinTokenSecret {
			return nil, fmt.Errorf("PROOFDESK_IDENTITY_SECRET must be base64 of at least %d random bytes", verify.MinTokenSecret)
		}
		return b, nil
	}
	return m.DB.Secret(ctx, "identity")
}

// userHashSecret returns the key of Intercom-style user_hash identities
// (--user-hash): PROOFDESK_USER_HASH_SECRET, base64 of at least 32 bytes,
// required with --user-hash and different from the signed-session
// secret. The two are separate keys because a user_hash is an HMAC of a
// string the caller names: under the session secret, a user_hash issued for
// a user ID shaped like a token's header and payload would be that token's
// signature.
func (m *Main) userHashSecret(ctx context.Context) ([]byte, error) {
	const env = "PROOFDESK_USER_HASH_SECRET"
	v := m.Getenv(env)
	if v == "" {
		return nil, fmt.Errorf("--user-hash needs %s: base64 of at least %d random bytes that your backend computes user_hash with (not the session-token secret)", env, verify.MinTokenSecret)
	}
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(b) < verify.MinTokenSecret {
		return nil, fmt.Errorf("%s must be base64 of at least %d random bytes", env, verify.MinTokenSecret)
	}
	id, err := m.identitySecret(ctx)
	if err != nil {
		return nil, err
	}
	if hmac.Equal(b, id) {
		return nil, fmt.Errorf("%s must differ from the signed-session secret (PROOFDESK_IDENTITY_SECRET): one key per purpose", env)
	}
	return b, nil
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
	if m.redirect != nil {
		errs = append(errs, m.redirect.Close())
		m.redirect = nil
	}
	if m.smtpListener != nil {
		errs = append(errs, m.smtpListener.Close())
		m.smtpListener = nil
	}
	if m.stopWorkers != nil {
		m.stopWorkers()
		m.workers.Wait()
		m.stopWorkers = nil
	}
	if m.Events != nil {
		errs = append(errs, m.Events.Close())
		m.Events = nil
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
