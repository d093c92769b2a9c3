package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	pdhttp "github.com/proofdesk/proofdesk/http"
	"go.yaml.in/yaml/v3"
)

// Config is the configuration of every subcommand. It is filled, lowest
// precedence first, from DefaultConfig, the optional config file, PROOFDESK_*
// environment variables and flags, then checked by Validate. The master key
// is not part of it: it comes only from PROOFDESK_MASTER_KEY or the key file
// in the data directory, never from a flag or the config file.
type Config struct {
	// Addr is the HTTP listen address.
	Addr string
	// DataDir holds the SQLite database and the master key file.
	DataDir string
	// DB is a PostgreSQL URL; empty means SQLite at <DataDir>/proofdesk.db.
	DB string
	// BaseURL is the external URL of the server, used in links; empty means
	// derived from Addr.
	BaseURL string
	// LogFormat is "text" or "json".
	LogFormat string
	// LogLevel is "debug", "info", "warn" or "error".
	LogLevel string
	// AllowNo2FA lets admins log in without TOTP. Only the demo may set it.
	AllowNo2FA bool
	// Company names the business in messages to customers.
	Company string
	// PolicyFile is a YAML or JSON policy applied (and audited) on start.
	PolicyFile string
	// DefaultRegion is the region (ISO 3166-1 alpha-2, "FR") of phone
	// numbers written without a country code; "" refuses them.
	DefaultRegion string
	// CoolingOff is how long a new contact point does not count.
	CoolingOff time.Duration
	// ReopenWindow is how long after a conversation was resolved a
	// customer's mail reopens it; later mail starts a linked one.
	ReopenWindow time.Duration
	// LevelTTL is how long an assurance level lasts without activity.
	LevelTTL time.Duration
	// OutboxBackoff is the outbox's wait after a failed delivery, doubled
	// per further failure up to an hour.
	OutboxBackoff time.Duration
	// OutboxLease is how long a node may take to send one outbox row
	// before another node may claim it (a row being sent when its node
	// died is sent again after it).
	OutboxLease time.Duration
	// UserHash also accepts Intercom-style user_hash identities (HMAC of
	// the user ID under PROOFDESK_USER_HASH_SECRET, a key of its own, never
	// the session-token secret); they never expire.
	UserHash bool
	// IdentityAudience is the aud signed session tokens must carry; empty
	// means the base URL.
	IdentityAudience string
	// DNSResolver is the DNS server (host:port) asked for DKIM, SPF and
	// DMARC records; empty means the system's resolvers.
	DNSResolver string
	// SMTPAddr is the inbound SMTP listen address; empty: no listener.
	SMTPAddr string
	// SMTPRelay is the outbound SMTP relay (host:port); empty keeps mail in
	// the built-in outbox. The password comes from PROOFDESK_SMTP_PASSWORD.
	SMTPRelay         string
	SMTPRelaySecurity string
	SMTPRelayUser     string
	// MailFrom is the From of outgoing mail.
	MailFrom string
	// DKIMKey is a PEM private key file; DKIMDomain and DKIMSelector name it.
	DKIMKey, DKIMDomain, DKIMSelector string
	// IMAPAddr is a mailbox to poll (host:port); the password comes from
	// PROOFDESK_IMAP_PASSWORD.
	IMAPAddr, IMAPUser, IMAPSecurity, IMAPMailbox string
	// SMSBaseURL, SMSAccount and SMSFrom configure the Twilio-compatible
	// SMS provider; the token comes from PROOFDESK_SMS_AUTH_TOKEN.
	SMSBaseURL, SMSAccount, SMSFrom string
	// TLSCert and TLSKey are PEM files (certificate chain, private key):
	// when set, the server speaks HTTPS itself, re-reading them when they
	// change (a renewal needs no restart).
	TLSCert, TLSKey string
	// HTTPRedirectAddr, with TLS, is a plain-HTTP listen address whose
	// every request is redirected to the HTTPS URL.
	HTTPRedirectAddr string
	// TrustedProxies are the reverse proxies (IP addresses or CIDR
	// prefixes) whose X-Forwarded-For gives the client address.
	TrustedProxies []string
	// WidgetOrigins lists the sites that may embed the chat widget.
	WidgetOrigins []string
	// WebhookAllowPrivate lists the private ranges (IPs or CIDR
	// prefixes) outgoing webhooks may reach; WebhookRetry is the wait
	// after a webhook delivery's first failure (doubled after each).
	WebhookAllowPrivate []string
	WebhookRetry        time.Duration
	// WidgetRate is how many messages a visitor may send per minute.
	WidgetRate int
	// APIRate is how many API requests one caller (token, or address
	// without one) may make per minute, counted across nodes.
	APIRate int
	// PprofAddr, when set, serves Go's profiles on this loopback address.
	PprofAddr string
	// MemoryLimitMiB is the Go runtime's soft memory limit in MiB
	// (runtime/debug.SetMemoryLimit); 0 sets none. $GOMEMLIMIT wins.
	MemoryLimitMiB int
	// RevealAlert is the number of reveals by one agent in an hour above
	// which supervisors are alerted.
	RevealAlert int
	// OracleLimit is the number of blocked replies by one agent in an
	// hour above which supervisors are alerted and the agent's replies
	// and lookups pause.
	OracleLimit int
	// LookupLimit is the same for exact-value customer lookups.
	LookupLimit int

	// Demo is set by the demo command; it is not an option.
	Demo bool
}

// DefaultConfig returns the configuration used when nothing is set.
func DefaultConfig() Config {
	return Config{
		Addr:              ":8080",
		DataDir:           "./data",
		LogFormat:         "text",
		LogLevel:          "info",
		Company:           "Proofdesk",
		CoolingOff:        7 * 24 * time.Hour,
		ReopenWindow:      7 * 24 * time.Hour,
		LevelTTL:          15 * time.Minute,
		OutboxBackoff:     30 * time.Second,
		OutboxLease:       5 * time.Minute,
		RevealAlert:       20,
		OracleLimit:       10,
		LookupLimit:       60,
		WidgetRate:        30,
		MemoryLimitMiB:    DefaultMemoryLimitMiB,
		WebhookRetry:      30 * time.Second,
		APIRate:           600,
		SMTPRelaySecurity: "starttls",
		IMAPSecurity:      "tls",
		MailFrom:          "Proofdesk Support <support@localhost>",
	}
}

// SQLiteFile is the name of the SQLite database inside the data directory.
const SQLiteFile = "proofdesk.db"

// DSN returns the data source name for sqldb: the PostgreSQL URL if DB is
// set, otherwise the SQLite file in the data directory.
func (c *Config) DSN() string {
	if c.DB != "" {
		return c.DB
	}
	return filepath.Join(c.DataDir, SQLiteFile)
}

// IsPostgres reports whether the store is PostgreSQL.
func (c *Config) IsPostgres() bool { return isPostgresURL(c.DB) }

func isPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Validate checks values and cross-field rules. Messages name the option.
func (c *Config) Validate() error {
	var errs []error
	if c.Addr == "" {
		errs = append(errs, errors.New("--addr must not be empty"))
	} else if _, port, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("--addr must be host:port or :port"))
	} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		errs = append(errs, fmt.Errorf("--addr port must be a number from 0 to 65535"))
	}
	if c.DataDir == "" && !c.Demo { // the demo then uses a temporary directory
		errs = append(errs, errors.New("--data must not be empty"))
	}
	if c.DB != "" {
		if !isPostgresURL(c.DB) {
			errs = append(errs, errors.New("--db must be a postgres:// URL (leave it empty for SQLite in the data directory)"))
		} else if _, err := url.Parse(c.DB); err != nil {
			errs = append(errs, errors.New("--db is not a valid URL"))
		}
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, errors.New("--base-url must be an absolute http:// or https:// URL"))
		}
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, errors.New("--log-format must be text or json"))
	}
	if _, err := parseLogLevel(c.LogLevel); err != nil {
		errs = append(errs, err)
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		errs = append(errs, errors.New("--tls-cert and --tls-key go together: give both files or neither"))
	}
	if c.HTTPRedirectAddr != "" && c.TLSCert == "" {
		errs = append(errs, errors.New("--http-redirect-addr redirects to HTTPS: it needs --tls-cert and --tls-key"))
	}
	if _, err := pdhttp.ParseTrustedProxies(c.TrustedProxies); err != nil {
		errs = append(errs, fmt.Errorf("--trusted-proxies: %w", err))
	}
	if c.DNSResolver != "" {
		if _, port, err := net.SplitHostPort(c.DNSResolver); err != nil || port == "" {
			errs = append(errs, errors.New("--dns-resolver must be host:port, such as 127.0.0.1:53"))
		}
	}
	if !proofdesk.ValidPhoneRegion(c.DefaultRegion) {
		errs = append(errs, errors.New("--default-region must be an ISO 3166-1 alpha-2 region with phone numbering data, such as FR, GB, AU or IN"))
	}
	if c.CoolingOff < 0 {
		errs = append(errs, errors.New("--cooling-off must not be negative"))
	}
	if c.ReopenWindow <= 0 {
		errs = append(errs, errors.New("--reopen-window must be positive"))
	}
	if c.OutboxBackoff < time.Second || c.OutboxBackoff > time.Hour {
		errs = append(errs, errors.New("--outbox-backoff must be between 1s and 1h"))
	}
	if c.OutboxLease < 10*time.Second || c.OutboxLease > time.Hour {
		errs = append(errs, errors.New("--outbox-lease must be between 10s and 1h"))
	}
	if c.LevelTTL < time.Minute || c.LevelTTL > 24*time.Hour {
		errs = append(errs, errors.New("--level-ttl must be between 1m and 24h"))
	}
	if c.DKIMKey != "" && (c.DKIMDomain == "" || c.DKIMSelector == "") {
		errs = append(errs, errors.New("--dkim-key needs --dkim-domain and --dkim-selector"))
	}
	if c.SMSBaseURL != "" && (c.SMSAccount == "" || c.SMSFrom == "") {
		errs = append(errs, errors.New("--sms-base-url needs --sms-account and --sms-from"))
	}
	if c.APIRate < 1 {
		errs = append(errs, errors.New("--api-rate must be at least 1"))
	}
	if _, err := parseWebhookAllow(c.WebhookAllowPrivate); err != nil {
		errs = append(errs, err)
	}
	if c.WebhookRetry < time.Second || c.WebhookRetry > time.Hour {
		errs = append(errs, errors.New("--webhook-retry must be between 1s and 1h"))
	}
	if c.MemoryLimitMiB < 0 {
		errs = append(errs, errors.New("--memory-limit must be 0 (none) or a size in MiB"))
	}
	if c.WidgetRate < 1 {
		errs = append(errs, errors.New("--widget-rate must be at least 1"))
	}
	if c.RevealAlert < 1 {
		errs = append(errs, errors.New("--reveal-alert must be at least 1"))
	}
	if c.OracleLimit < 1 {
		errs = append(errs, errors.New("--oracle-limit must be at least 1"))
	}
	if c.LookupLimit < 1 {
		errs = append(errs, errors.New("--lookup-limit must be at least 1"))
	}
	if c.AllowNo2FA && !c.Demo {
		errs = append(errs, errors.New("--allow-no-2fa is for the demo only: admins of a real desk must enrol TOTP"))
	}
	return errors.Join(errs...)
}

// URL returns the base URL, derived from addr (the bound address) when
// BaseURL is not set.
func (c *Config) URL(addr string) string {
	if c.BaseURL != "" {
		return strings.TrimSuffix(c.BaseURL, "/")
	}
	scheme := "http://"
	if c.TLSCert != "" {
		scheme = "https://"
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return scheme + addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return scheme + net.JoinHostPort(host, port)
}

func parseLogLevel(s string) (slog.Level, error) {
	switch strings.ToLower(s) {
	case "debug":
		return slog.LevelDebug, nil
	case "info":
		return slog.LevelInfo, nil
	case "warn":
		return slog.LevelWarn, nil
	case "error":
		return slog.LevelError, nil
	}
	return 0, errors.New("--log-level must be debug, info, warn or error")
}

// NewLogger builds the logger the configuration asks for, writing to w.
func (c *Config) NewLogger(w io.Writer) *slog.Logger {
	level, _ := parseLogLevel(c.LogLevel)
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// option is one configuration setting: a flag, an environment variable and
// a config file key (the flag name).
type option struct {
	name   string
	env    string
	usage  string
	isBool bool
	get    func(*Config) string
	set    func(*Config, string) error
}

func stringOption(name, usage string, field func(*Config) *string) option {
	return option{
		name: name, env: envName(name), usage: usage,
		get: func(c *Config) string { return *field(c) },
		set: func(c *Config, v string) error { *field(c) = v; return nil },
	}
}

func boolOption(name, usage string, field func(*Config) *bool) option {
	return option{
		name: name, env: envName(name), usage: usage, isBool: true,
		get: func(c *Config) string { return strconv.FormatBool(*field(c)) },
		set: func(c *Config, v string) error {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return fmt.Errorf("must be true or false")
			}
			*field(c) = b
			return nil
		},
	}
}

func durationOption(name, usage string, field func(*Config) *time.Duration) option {
	return option{
		name: name, env: envName(name), usage: usage,
		get: func(c *Config) string { return field(c).String() },
		set: func(c *Config, v string) error {
			d, err := time.ParseDuration(v)
			if err != nil {
				return fmt.Errorf("must be a duration such as 15m or 168h")
			}
			*field(c) = d
			return nil
		},
	}
}

func intOption(name, usage string, field func(*Config) *int) option {
	return option{
		name: name, env: envName(name), usage: usage,
		get: func(c *Config) string { return strconv.Itoa(*field(c)) },
		set: func(c *Config, v string) error {
			n, err := strconv.Atoi(v)
			if err != nil {
				return fmt.Errorf("must be a whole number")
			}
			*field(c) = n
			return nil
		},
	}
}

func listOption(name, usage string, field func(*Config) *[]string) option {
	return option{
		name: name, env: envName(name), usage: usage,
		get: func(c *Config) string { return strings.Join(*field(c), ",") },
		set: func(c *Config, v string) error {
			var out []string
			for _, p := range strings.Split(v, ",") {
				if p = strings.TrimSpace(p); p != "" {
					out = append(out, p)
				}
			}
			*field(c) = out
			return nil
		},
	}
}

func envName(flagName string) string {
	return "PROOFDESK_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// configOption names the config file; it is read before the others.
var configOption = option{
	name: "config", env: "PROOFDESK_CONFIG",
	usage: "optional YAML config file; its keys are the flag names",
	get:   func(*Config) string { return "" },
}

// Option groups. Every command takes storeOptions.
var (
	storeOptions = []option{
		configOption,
		stringOption("data", "data directory: SQLite database and master key file", func(c *Config) *string { return &c.DataDir }),
		stringOption("db", "PostgreSQL URL (postgres://...); empty: SQLite at <data>/"+SQLiteFile, func(c *Config) *string { return &c.DB }),
		stringOption("log-format", "log format: text or json", func(c *Config) *string { return &c.LogFormat }),
		stringOption("log-level", "log level: debug, info, warn or error", func(c *Config) *string { return &c.LogLevel }),
		stringOption("default-region", "region of phone numbers written without a country code, ISO 3166-1 alpha-2 such as FR, GB, AU, IN (empty: such numbers are refused)", func(c *Config) *string { return &c.DefaultRegion }),
	}
	serverOptions = append(append([]option{}, storeOptions...),
		stringOption("addr", "HTTP listen address", func(c *Config) *string { return &c.Addr }),
		stringOption("base-url", "external URL used in links (default: derived from --addr); https makes cookies Secure and sends HSTS", func(c *Config) *string { return &c.BaseURL }),
		stringOption("tls-cert", "PEM certificate chain file: serve HTTPS (re-read when it changes); needs --tls-key", func(c *Config) *string { return &c.TLSCert }),
		stringOption("tls-key", "PEM private key file of --tls-cert", func(c *Config) *string { return &c.TLSKey }),
		stringOption("http-redirect-addr", "with TLS, a plain-HTTP address (such as :80) that redirects every request to HTTPS", func(c *Config) *string { return &c.HTTPRedirectAddr }),
		listOption("trusted-proxies", "comma-separated reverse proxies (IPs or CIDR prefixes) whose X-Forwarded-For gives the client address (empty: the peer is the client)", func(c *Config) *[]string { return &c.TrustedProxies }),
		boolOption("allow-no-2fa", "let admins log in without TOTP (demo only)", func(c *Config) *bool { return &c.AllowNo2FA }),
		stringOption("smtp-addr", "inbound SMTP listen address, such as :2525 (empty: no listener)", func(c *Config) *string { return &c.SMTPAddr }),
		stringOption("dns-resolver", "DNS server (host:port) for DKIM, SPF and DMARC lookups of inbound mail (empty: the system's resolvers)", func(c *Config) *string { return &c.DNSResolver }),
		stringOption("smtp-relay", "outbound SMTP relay host:port (empty: mail stays in the built-in outbox); password from $PROOFDESK_SMTP_PASSWORD", func(c *Config) *string { return &c.SMTPRelay }),
		stringOption("smtp-relay-security", "relay connection security: starttls, tls or none", func(c *Config) *string { return &c.SMTPRelaySecurity }),
		stringOption("smtp-relay-user", "relay username", func(c *Config) *string { return &c.SMTPRelayUser }),
		stringOption("mail-from", "From of outgoing mail", func(c *Config) *string { return &c.MailFrom }),
		stringOption("dkim-key", "PEM private key file that signs outgoing mail (RSA or Ed25519)", func(c *Config) *string { return &c.DKIMKey }),
		stringOption("dkim-domain", "DKIM signing domain (d=)", func(c *Config) *string { return &c.DKIMDomain }),
		stringOption("dkim-selector", "DKIM selector (s=)", func(c *Config) *string { return &c.DKIMSelector }),
		stringOption("imap-addr", "IMAP mailbox to poll, host:port (empty: off); password from $PROOFDESK_IMAP_PASSWORD", func(c *Config) *string { return &c.IMAPAddr }),
		stringOption("imap-user", "IMAP username", func(c *Config) *string { return &c.IMAPUser }),
		stringOption("imap-security", "IMAP connection security: tls, starttls or insecure", func(c *Config) *string { return &c.IMAPSecurity }),
		stringOption("imap-mailbox", "IMAP folder to poll (default INBOX)", func(c *Config) *string { return &c.IMAPMailbox }),
		stringOption("sms-base-url", "Twilio-compatible SMS API base URL (empty: SMS stays in the built-in outbox); token from $PROOFDESK_SMS_AUTH_TOKEN", func(c *Config) *string { return &c.SMSBaseURL }),
		stringOption("sms-account", "SMS provider account SID", func(c *Config) *string { return &c.SMSAccount }),
		stringOption("sms-from", "SMS sender number (E.164)", func(c *Config) *string { return &c.SMSFrom }),
		stringOption("policy", "policy file (YAML or JSON) applied on start; changes are audited", func(c *Config) *string { return &c.PolicyFile }),
		stringOption("company", "company name used in messages to customers", func(c *Config) *string { return &c.Company }),
		durationOption("reopen-window", "how long after a conversation was resolved a customer's email reopens it; later it starts a new linked conversation", func(c *Config) *time.Duration { return &c.ReopenWindow }),
		durationOption("cooling-off", "how long a new or changed contact point does not count for verification", func(c *Config) *time.Duration { return &c.CoolingOff }),
		durationOption("outbox-backoff", "wait after a failed outbound delivery, doubled per further failure up to 1h", func(c *Config) *time.Duration { return &c.OutboxBackoff }),
		durationOption("outbox-lease", "how long one outbound delivery may take before another node may claim it (a delivery cut off by a crash is retried after it)", func(c *Config) *time.Duration { return &c.OutboxLease }),
		durationOption("level-ttl", "how long an assurance level lasts without activity", func(c *Config) *time.Duration { return &c.LevelTTL }),
		stringOption("identity-audience", "aud that signed session tokens from your app must carry (default: the base URL)", func(c *Config) *string { return &c.IdentityAudience }),
		listOption("widget-origins", "comma-separated sites that may embed the chat widget (host patterns such as shop.example.com or *.example.com)", func(c *Config) *[]string { return &c.WidgetOrigins }),
		intOption("widget-rate", "chat messages one visitor may send per minute", func(c *Config) *int { return &c.WidgetRate }),
		listOption("webhook-allow-private", "comma-separated private ranges (IPs or CIDR prefixes, such as 127.0.0.1 or 10.1.0.0/16) outgoing webhooks may reach; others are refused at connect time", func(c *Config) *[]string { return &c.WebhookAllowPrivate }),
		durationOption("webhook-retry", "wait after a webhook delivery's first failure, doubled after each further one (up to 1h)", func(c *Config) *time.Duration { return &c.WebhookRetry }),
		intOption("api-rate", "API requests one token (or address without one) may make per minute", func(c *Config) *int { return &c.APIRate }),
		intOption("memory-limit", "soft limit of the Go runtime's memory in MiB: the collector works harder near it rather than let the heap double (0: none; $GOMEMLIMIT, when set, wins)", func(c *Config) *int { return &c.MemoryLimitMiB }),
		stringOption("pprof-addr", "serve Go's profiles (CPU, heap, block, mutex) on this loopback address, e.g. 127.0.0.1:6060 (empty: off)", func(c *Config) *string { return &c.PprofAddr }),
		boolOption("user-hash", "also accept Intercom-style user_hash identities (for migrations; they never expire: prefer signed tokens)", func(c *Config) *bool { return &c.UserHash }),
		intOption("reveal-alert", "reveals, blocked replies and exact-value lookups by one agent in an hour above which supervisors are alerted", func(c *Config) *int { return &c.RevealAlert }),
		intOption("oracle-limit", "blocked replies (and sent replies naming a candidate value above the conversation's level) by one agent in an hour above which supervisors are alerted and the agent's replies and lookups pause", func(c *Config) *int { return &c.OracleLimit }),
		intOption("lookup-limit", "exact-value customer lookups (email, phone, external ID) by one agent in an hour above which supervisors are alerted and the agent's replies and lookups pause", func(c *Config) *int { return &c.LookupLimit }),
	)
)

// flagRecorder records a flag's raw value so it can be applied after the
// config file and the environment, whatever order they are read in.
type flagRecorder struct {
	isBool bool
	value  *string
}

func (f *flagRecorder) String() string {
	if f == nil || f.value == nil {
		return ""
	}
	return *f.value
}

func (f *flagRecorder) Set(v string) error { f.value = &v; return nil }

func (f *flagRecorder) IsBoolFlag() bool { return f.isBool }

// configFlags is a flag set for one command: its own flags plus the
// configuration options it takes.
type configFlags struct {
	*flag.FlagSet
	opts []option
	vals map[string]*flagRecorder
}

func newConfigFlags(name, summary string, opts []option, stderr io.Writer) *configFlags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	cf := &configFlags{FlagSet: fs, opts: opts, vals: map[string]*flagRecorder{}}
	for _, o := range opts {
		r := &flagRecorder{isBool: o.isBool}
		cf.vals[o.name] = r
		fs.Var(r, o.name, o.usage)
	}
	fs.Usage = func() { cf.usage(summary) }
	return cf
}

// usage prints the command's summary, its own flags, then every option
// with its environment variable and default.
func (cf *configFlags) usage(summary string) {
	w := cf.Output()
	fmt.Fprintf(w, "Usage: proofdesk %s\n\n%s\n", cf.Name(), summary)
	isOpt := map[string]bool{}
	for _, o := range cf.opts {
		isOpt[o.name] = true
	}
	var own []*flag.Flag
	cf.VisitAll(func(f *flag.Flag) {
		if !isOpt[f.Name] {
			own = append(own, f)
		}
	})
	if len(own) > 0 {
		fmt.Fprintf(w, "\nFlags:\n")
		for _, f := range own {
			fmt.Fprintf(w, "  --%s\n        %s", f.Name, f.Usage)
			if f.DefValue != "" && f.DefValue != "false" {
				fmt.Fprintf(w, " (default %s)", f.DefValue)
			}
			fmt.Fprintln(w)
		}
	}
	if len(cf.opts) > 0 {
		def := DefaultConfig()
		fmt.Fprintf(w, "\nOptions (flag, then environment variable, then config file key):\n")
		for _, o := range cf.opts {
			fmt.Fprintf(w, "  --%s  $%s\n        %s", o.name, o.env, o.usage)
			if d := o.get(&def); d != "" && d != "false" {
				fmt.Fprintf(w, " (default %q)", d)
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "\nThe master key comes from $PROOFDESK_MASTER_KEY (base64 of 32 bytes; \"new,old\" during rotation)\nor the file <data>/master.key, created with mode 0600 on first run. It is never a flag.\n")
	}
}

// load builds the configuration: defaults (base), then the config file,
// then the environment, then the flags given, then Validate.
func (cf *configFlags) load(base Config, getenv func(string) string) (Config, error) {
	cfg := base
	path := getenv(configOption.env)
	if r := cf.vals[configOption.name]; r != nil && r.value != nil {
		path = *r.value
	}
	if path != "" {
		if err := cf.loadFile(&cfg, path); err != nil {
			return cfg, err
		}
	}
	for _, o := range cf.opts {
		if o.set == nil {
			continue
		}
		if v := getenv(o.env); v != "" {
			if err := o.set(&cfg, v); err != nil {
				return cfg, fmt.Errorf("$%s: %w", o.env, err)
			}
		}
	}
	for _, o := range cf.opts {
		if r := cf.vals[o.name]; o.set != nil && r.value != nil {
			if err := o.set(&cfg, *r.value); err != nil {
				return cfg, fmt.Errorf("--%s: %w", o.name, err)
			}
		}
	}
	if err := cfg.Validate(); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// loadFile applies a YAML config file: a mapping from option names (the
// flag names) to scalar values. Unknown keys are errors.
func (cf *configFlags) loadFile(cfg *Config, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("config file: %w", err)
	}
	var m map[string]string
	if err := yaml.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("config file %s: %w", path, err)
	}
	byName := map[string]option{}
	for _, o := range cf.opts {
		byName[o.name] = o
	}
	known := map[string]bool{}
	for _, o := range serverOptions {
		known[o.name] = o.set != nil
	}
	for k, v := range m {
		if k == "master-key" || k == "master_key" {
			return fmt.Errorf("config file %s: the master key is never read from the config file: use $PROOFDESK_MASTER_KEY or <data>/master.key", path)
		}
		if !known[k] {
			return fmt.Errorf("config file %s: unknown key %q", path, k)
		}
		o, ok := byName[k]
		if !ok {
			continue // an option of another command, such as addr for agent create
		}
		if err := o.set(cfg, v); err != nil {
			return fmt.Errorf("config file %s: %s: %w", path, k, err)
		}
	}
	return nil
}

// parseWebhookAllow reads --webhook-allow-private: IP addresses or CIDR
// prefixes.
func parseWebhookAllow(list []string) ([]netip.Prefix, error) {
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
		ip, err := netip.ParseAddr(s)
		if err != nil {
			return nil, fmt.Errorf("--webhook-allow-private: %q is neither an IP address nor a CIDR prefix", s)
		}
		out = append(out, netip.PrefixFrom(ip, ip.BitLen()))
	}
	return out, nil
}
