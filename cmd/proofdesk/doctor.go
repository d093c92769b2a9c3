package main

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/mail"
	"net/smtp"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/vault"
)

const doctorSummary = `Check what serve needs and say what is wrong, in words: the configuration
(flags, $PROOFDESK_* and --config, as serve reads them), the master key, the
database (reachable, migrations applied, the key fits it), the outbound SMTP
relay (connects, greets, offers STARTTLS and login as configured) and DNS
(the resolver answers; the --mail-from domain has SPF and DMARC records;
the DKIM selector is published). Reads only: nothing is created, migrated
or sent. Exits 0 when nothing failed, 1 otherwise.`

// check is the outcome of one doctor check.
type check struct {
	name, status, detail string // status: ok, warn or FAIL
}

func runDoctor(ctx context.Context, env cliEnv, args []string) error {
	cf := newConfigFlags("doctor", doctorSummary, serverOptions, env.stderr)
	if _, err := parseArgs(cf, env, args, 0, ""); err != nil {
		return err
	}
	var checks []check
	add := func(name, status, format string, a ...any) {
		checks = append(checks, check{name, status, fmt.Sprintf(format, a...)})
	}
	cfg, err := cf.load(DefaultConfig(), env.getenv)
	if err != nil {
		add("config", "FAIL", "%s", errorText(err))
		printChecks(env.stdout, checks)
		return errors.New("the configuration is not valid; nothing else was checked")
	}
	add("config", "ok", "%s store, listening on %s, links to %s", storeKind(&cfg), cfg.Addr, cfg.URL(cfg.Addr))
	if cfg.TLSCert != "" {
		if _, err := newCertReloader(cfg.TLSCert, cfg.TLSKey, cfg.NewLogger(io.Discard)); err != nil {
			add("tls", "FAIL", "%s", errorText(err))
		} else {
			add("tls", "ok", "--tls-cert and --tls-key load")
		}
	}

	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	kr, keyOK := doctorKey(&cfg, env, add)
	stored := doctorDatabase(cctx, &cfg, kr, keyOK, add)
	doctorRelay(cctx, relayToCheck(&cfg, env, stored), add)
	doctorDNS(cctx, withStoredMail(cfg, stored), add)

	printChecks(env.stdout, checks)
	failed := 0
	for _, c := range checks {
		if c.status == "FAIL" {
			failed++
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d check(s) failed", failed)
	}
	return nil
}

func printChecks(w io.Writer, checks []check) {
	for _, c := range checks {
		fmt.Fprintf(w, "%-4s  %-8s %s\n", c.status, c.name, c.detail)
	}
}

// doctorKey checks the master key without creating one.
func doctorKey(cfg *Config, env cliEnv, add func(name, status, format string, a ...any)) (*vault.Keyring, bool) {
	if strings.TrimSpace(env.getenv(vault.EnvVar)) == "" {
		path := filepath.Join(cfg.DataDir, vault.KeyFileName)
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			add("key", "FAIL", "no master key: $%s is unset and %s does not exist (serve would create a new key, which cannot read data written under another)", vault.EnvVar, path)
			return nil, false
		}
	}
	kr, err := vault.LoadKeyring(cfg.DataDir, env.getenv(vault.EnvVar))
	if err != nil {
		add("key", "FAIL", "%s", errorText(err))
		return nil, false
	}
	add("key", "ok", "master key from %s", kr.Source())
	return kr, true
}

// doctorDatabase checks the database and returns the channel settings
// stored from the console (nil when the database or key did not pass).
func doctorDatabase(ctx context.Context, cfg *Config, kr *vault.Keyring, keyOK bool, add func(name, status, format string, a ...any)) *proofdesk.ChannelSettings {
	where := "PostgreSQL"
	if !cfg.IsPostgres() {
		where = cfg.DSN()
		if _, err := os.Stat(where); errors.Is(err, fs.ErrNotExist) {
			add("database", "FAIL", "no SQLite database at %s: run 'proofdesk migrate' (or serve) with this --data to create it", where)
			return nil
		}
	}
	if kr == nil {
		// A throwaway key to connect with; the real one is checked only
		// when it loaded.
		b := make([]byte, 32)
		_, _ = rand.Read(b)
		var err error
		if kr, err = vault.ParseKeys(base64.StdEncoding.EncodeToString(b), "doctor"); err != nil {
			add("database", "FAIL", "internal: %s", errorText(err))
			return nil
		}
	}
	db := sqldb.NewDB(cfg.DSN(), vault.New(kr), nil)
	defer db.Close()
	if err := db.Inspect(ctx); err != nil {
		if errors.Is(err, sqldb.ErrKeyStoreMissing) {
			add("keys", "FAIL", "%s", errorText(err))
			return nil
		}
		add("database", "FAIL", "cannot reach %s: %s", where, errorText(err))
		return nil
	}
	pending, err := db.PendingMigrations(ctx)
	if err != nil {
		add("database", "FAIL", "cannot read the schema version of %s: %s", where, errorText(err))
		return nil
	}
	if len(pending) > 0 {
		add("database", "FAIL", "%s is reachable but %d migration(s) are not applied (first: %s): run 'proofdesk migrate'", where, len(pending), pending[0])
		return nil
	}
	add("database", "ok", "%s is reachable and its schema is up to date", where)
	if !keyOK {
		return nil
	}
	if err := db.CheckMasterKey(ctx); err != nil {
		add("key", "FAIL", "%s", errorText(err))
		return nil
	}
	add("key", "ok", "the master key opens this database")
	add("keys", "ok", "the data keys are in the key store %s, apart from the data: back it up apart (proofdesk backup --keys, or pg_dump --schema)", db.KeyStoreName())
	switch n, err := db.PendingKeyDestructions(ctx); {
	case err != nil:
		add("erasure", "FAIL", "%s", errorText(err))
	case n > 0:
		add("erasure", "FAIL", "%d data key(s) of erased customers are listed for destruction but are still in the key store %s, so that data can still be read: start 'proofdesk serve' or run 'proofdesk migrate' to finish the erasure (a full disk stops it)", n, db.KeyStoreName())
	}
	st, _, err := db.FindChannelSettings(ctx)
	if err != nil {
		add("database", "FAIL", "cannot read the channel settings of the console: %s", errorText(err))
		return nil
	}
	return st
}

// relayCheck is the relay the outbox would use and the words naming its
// settings: the flags, or the console's channel settings when no
// --smtp-relay is given (as serve does).
type relayCheck struct {
	addr, security, user, password                 string
	addrName, securityName, userName, passwordName string
}

func relayToCheck(cfg *Config, env cliEnv, stored *proofdesk.ChannelSettings) relayCheck {
	if cfg.SMTPRelay == "" && stored != nil && stored.RelayAddr != "" {
		return relayCheck{addr: stored.RelayAddr, security: cmpOr(stored.RelaySecurity, "starttls"), user: stored.RelayUser, password: stored.RelayPassword,
			addrName: "the console's relay (Admin → Channels)", securityName: "the console's relay security", userName: "the console's relay user", passwordName: "the console's relay password"}
	}
	return relayCheck{addr: cfg.SMTPRelay, security: cfg.SMTPRelaySecurity, user: cfg.SMTPRelayUser, password: env.getenv("PROOFDESK_SMTP_PASSWORD"),
		addrName: "--smtp-relay", securityName: "--smtp-relay-security", userName: "--smtp-relay-user", passwordName: "$PROOFDESK_SMTP_PASSWORD"}
}

// withStoredMail is cfg with the console's From and DKIM settings where
// no flag sets them (as serve does), for the DNS checks.
func withStoredMail(cfg Config, stored *proofdesk.ChannelSettings) *Config {
	if stored == nil {
		return &cfg
	}
	if cfg.MailFrom == DefaultConfig().MailFrom && stored.From() != "" {
		cfg.MailFrom = stored.From()
	}
	if cfg.DKIMKey == "" && stored.DKIMKey != "" {
		cfg.DKIMKey, cfg.DKIMDomain, cfg.DKIMSelector = "(console)", stored.DKIMDomain, stored.DKIMSelector
	}
	return &cfg
}

// doctorRelay connects to the relay as the outbox would, without sending.
func doctorRelay(ctx context.Context, rc relayCheck, add func(name, status, format string, a ...any)) {
	if rc.addr == "" {
		add("relay", "warn", "no --smtp-relay and no relay set in the console: outgoing mail (replies, verification links) stays in the built-in outbox")
		return
	}
	host, _, err := net.SplitHostPort(rc.addr)
	if err != nil {
		add("relay", "FAIL", "%s %q is not host:port", rc.addrName, rc.addr)
		return
	}
	d := net.Dialer{Timeout: 10 * time.Second}
	var conn net.Conn
	if rc.security == "tls" {
		conn, err = tls.DialWithDialer(&d, "tcp", rc.addr, &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12})
	} else {
		conn, err = d.DialContext(ctx, "tcp", rc.addr)
	}
	if err != nil {
		add("relay", "FAIL", "cannot connect to the relay %s: %s", rc.addr, errorText(err))
		return
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(20 * time.Second))
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		add("relay", "FAIL", "the relay %s does not greet as an SMTP server: %s", rc.addr, errorText(err))
		return
	}
	defer c.Close()
	if err := c.Hello("proofdesk-doctor.invalid"); err != nil {
		add("relay", "FAIL", "the relay %s refused EHLO: %s", rc.addr, errorText(err))
		return
	}
	if rc.security == "starttls" {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			add("relay", "FAIL", "the relay %s does not offer STARTTLS; set %s to tls, or none (on a trusted network only)", rc.addr, rc.securityName)
			return
		}
		if err := c.StartTLS(&tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}); err != nil {
			add("relay", "FAIL", "STARTTLS with the relay %s failed: %s", rc.addr, errorText(err))
			return
		}
	}
	if rc.user != "" {
		if ok, _ := c.Extension("AUTH"); !ok {
			add("relay", "FAIL", "%s is set but the relay %s offers no login (AUTH)", rc.userName, rc.addr)
			return
		}
		if rc.password == "" {
			add("relay", "FAIL", "%s is set but %s is empty", rc.userName, rc.passwordName)
			return
		}
		if err := c.Auth(smtp.PlainAuth("", rc.user, rc.password, host)); err != nil {
			add("relay", "FAIL", "the relay %s refused the login of %s: %s", rc.addr, rc.userName, errorText(err))
			return
		}
	}
	_ = c.Quit()
	add("relay", "ok", "the relay %s answers (%s)", rc.addr, rc.security)
}

// doctorDNS asks the resolver inbound mail uses for the records outgoing
// mail needs.
func doctorDNS(ctx context.Context, cfg *Config, add func(name, status, format string, a ...any)) {
	res := net.DefaultResolver
	which := "the system's resolver"
	if cfg.DNSResolver != "" {
		which = cfg.DNSResolver
		res = &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, cfg.DNSResolver)
		}}
	}
	from, err := mail.ParseAddress(cfg.MailFrom)
	if err != nil {
		add("dns", "FAIL", "--mail-from %q is not a mail address", cfg.MailFrom)
		return
	}
	_, domain, _ := strings.Cut(from.Address, "@")
	domain = strings.ToLower(domain)
	if domain == "localhost" || !strings.Contains(domain, ".") {
		add("dns", "warn", "--mail-from is %s: set it to an address of your own domain before mail leaves", from.Address)
		return
	}
	txt := func(name string) ([]string, error) {
		lctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		return res.LookupTXT(lctx, name)
	}
	has := func(recs []string, prefix string) bool {
		for _, r := range recs {
			if strings.HasPrefix(strings.ToLower(strings.TrimSpace(r)), prefix) {
				return true
			}
		}
		return false
	}
	spf, err := txt(domain)
	var dnsErr *net.DNSError
	if err != nil && !(errors.As(err, &dnsErr) && dnsErr.IsNotFound) {
		add("dns", "FAIL", "%s does not answer for %s: %s", which, domain, errorText(err))
		return
	}
	problems := 0
	if !has(spf, "v=spf1") {
		add("dns", "FAIL", "%s has no SPF record (TXT \"v=spf1 ...\"): receivers may reject or junk mail from %s", domain, from.Address)
		problems++
	}
	if dmarc, _ := txt("_dmarc." + domain); !has(dmarc, "v=dmarc1") {
		add("dns", "warn", "%s has no DMARC record (TXT at _dmarc.%s)", domain, domain)
	}
	if cfg.DKIMSelector != "" && cfg.DKIMDomain != "" {
		name := cfg.DKIMSelector + "._domainkey." + cfg.DKIMDomain
		if recs, _ := txt(name); !has(recs, "v=dkim1") && !hasTag(recs, "p=") {
			add("dns", "FAIL", "no DKIM key published at %s: receivers cannot check the signature of --dkim-key", name)
			problems++
		}
	} else if cfg.DKIMKey == "" {
		add("dns", "warn", "outgoing mail is not DKIM-signed (--dkim-key, --dkim-domain, --dkim-selector)")
	}
	if problems == 0 {
		add("dns", "ok", "%s answers; %s has SPF", which, domain)
	}
}

func hasTag(recs []string, tag string) bool {
	for _, r := range recs {
		if strings.Contains(strings.ReplaceAll(r, " ", ""), tag) {
			return true
		}
	}
	return false
}
