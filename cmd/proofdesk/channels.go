package main

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/outbox"
)

// channelService is the console's and the API's channel settings
// (proofdesk.ChannelSettingsService): stored in the database with the
// secrets sealed, overridden by flags, environment variables and the
// config file, and applied at once where the server can (the relay, the
// widget's origins) or at the next start (the rest).
type channelService struct {
	m *Main
	// ttl bounds how stale another node's change may be here.
	ttl time.Duration

	mu       sync.Mutex
	cached   *proofdesk.ChannelSettings
	cachedAt time.Time
	updated  *time.Time

	// The relay the outbox delivers through, kept between sends so its
	// sessions are reused, and the settings it was made from.
	relayMu  sync.Mutex
	relayCur *outbox.SMTPRelay
	relayFor relayKey
}

// relayKey is the settings an SMTP relay client is made from.
type relayKey struct{ addr, security, user, password string }

var _ proofdesk.ChannelSettingsService = (*channelService)(nil)

func newChannelService(m *Main) *channelService { return &channelService{m: m, ttl: 5 * time.Second} }

// applyOnRestart are the fields read when the server starts.
var applyOnRestart = []string{"inbound_address", "from_name", "imap_addr", "imap_user", "imap_security", "imap_mailbox", proofdesk.SecretIMAPPassword,
	"dkim_domain", "dkim_selector", proofdesk.SecretDKIMKey, "sms_base_url", "sms_account", "sms_from", proofdesk.SecretSMSAuthToken}

// stored returns the stored settings, secrets included, cached for ttl.
func (c *channelService) stored(ctx context.Context) (*proofdesk.ChannelSettings, *time.Time, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cached != nil && time.Since(c.cachedAt) < c.ttl {
		return c.cached, c.updated, nil
	}
	s, t, err := c.m.DB.FindChannelSettings(ctx)
	if err != nil {
		return nil, nil, err
	}
	c.cached, c.cachedAt, c.updated = s, time.Now(), t
	return s, t, nil
}

// effective is the stored settings with every flag over them, and which
// flag overrides which field.
func (c *channelService) effective(ctx context.Context) (*proofdesk.ChannelSettings, map[string]string, error) {
	st, _, err := c.stored(ctx)
	if err != nil {
		return nil, nil, err
	}
	e := *st
	e.WidgetOrigins = append([]string{}, st.WidgetOrigins...)
	cfg, def, getenv := &c.m.Config, DefaultConfig(), c.m.Getenv
	over := map[string]string{}
	set := func(field, flag string, dst *string, v string, on bool) {
		if on {
			*dst, over[field] = v, flag
		}
	}
	if cfg.MailFrom != def.MailFrom {
		if a, err := mail.ParseAddress(cfg.MailFrom); err == nil {
			set("inbound_address", "--mail-from", &e.InboundAddress, strings.ToLower(a.Address), true)
			set("from_name", "--mail-from", &e.FromName, a.Name, true)
		}
	}
	relay := cfg.SMTPRelay != ""
	set("relay_addr", "--smtp-relay", &e.RelayAddr, cfg.SMTPRelay, relay)
	set("relay_security", "--smtp-relay-security", &e.RelaySecurity, cfg.SMTPRelaySecurity, relay)
	set("relay_user", "--smtp-relay-user", &e.RelayUser, cfg.SMTPRelayUser, relay)
	set(proofdesk.SecretRelayPassword, "$PROOFDESK_SMTP_PASSWORD", &e.RelayPassword, getenv("PROOFDESK_SMTP_PASSWORD"), relay)
	imap := cfg.IMAPAddr != ""
	set("imap_addr", "--imap-addr", &e.IMAPAddr, cfg.IMAPAddr, imap)
	set("imap_user", "--imap-user", &e.IMAPUser, cfg.IMAPUser, imap)
	set("imap_security", "--imap-security", &e.IMAPSecurity, cfg.IMAPSecurity, imap)
	set("imap_mailbox", "--imap-mailbox", &e.IMAPMailbox, cmpOr(cfg.IMAPMailbox, "INBOX"), imap)
	set(proofdesk.SecretIMAPPassword, "$PROOFDESK_IMAP_PASSWORD", &e.IMAPPassword, getenv("PROOFDESK_IMAP_PASSWORD"), imap)
	dkim := cfg.DKIMKey != ""
	set("dkim_domain", "--dkim-domain", &e.DKIMDomain, cfg.DKIMDomain, dkim)
	set("dkim_selector", "--dkim-selector", &e.DKIMSelector, cfg.DKIMSelector, dkim)
	set(proofdesk.SecretDKIMKey, "--dkim-key", &e.DKIMKey, "(file "+cfg.DKIMKey+")", dkim)
	smsOn := cfg.SMSBaseURL != ""
	set("sms_base_url", "--sms-base-url", &e.SMSBaseURL, cfg.SMSBaseURL, smsOn)
	set("sms_account", "--sms-account", &e.SMSAccount, cfg.SMSAccount, smsOn)
	set("sms_from", "--sms-from", &e.SMSFrom, cfg.SMSFrom, smsOn)
	set(proofdesk.SecretSMSAuthToken, "$PROOFDESK_SMS_AUTH_TOKEN", &e.SMSAuthToken, getenv("PROOFDESK_SMS_AUTH_TOKEN"), smsOn)
	if len(cfg.WidgetOrigins) > 0 {
		e.WidgetOrigins = append(e.WidgetOrigins, cfg.WidgetOrigins...)
		over["widget_origins"] = "--widget-origins (allowed as well)"
	}
	return &e, over, nil
}

// blank returns s without its secrets.
func blank(s proofdesk.ChannelSettings) proofdesk.ChannelSettings {
	for _, n := range proofdesk.SecretNames {
		*s.Secret(n) = ""
	}
	if s.WidgetOrigins == nil {
		s.WidgetOrigins = []string{}
	}
	return s
}

// ChannelSettings returns the stored and effective settings, secrets
// blanked, with the flags that override them.
func (c *channelService) ChannelSettings(ctx context.Context) (*proofdesk.ChannelSettingsView, error) {
	st, updated, err := c.stored(ctx)
	if err != nil {
		return nil, err
	}
	e, over, err := c.effective(ctx)
	if err != nil {
		return nil, err
	}
	v := &proofdesk.ChannelSettingsView{Stored: blank(*st), Effective: blank(*e), Overrides: over, SecretsSet: map[string]bool{},
		ApplyOnRestart: applyOnRestart, UpdatedAt: updated}
	for _, n := range proofdesk.SecretNames {
		v.SecretsSet[n] = *e.Secret(n) != ""
	}
	return v, nil
}

// UpdateChannelSettings validates, seals, stores and audits u.
func (c *channelService) UpdateChannelSettings(ctx context.Context, u proofdesk.ChannelSettingsUpdate) (*proofdesk.ChannelSettingsView, error) {
	old, _, err := c.m.DB.FindChannelSettings(ctx)
	if err != nil {
		return nil, err
	}
	s := u.Settings
	for _, n := range proofdesk.SecretNames {
		if !u.SetSecrets[n] {
			*s.Secret(n) = *old.Secret(n)
		}
	}
	s.Normalize()
	if s.DKIMKey != "" {
		s.DKIMKey = strings.TrimSpace(s.DKIMKey) + "\n"
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if s.DKIMKey != "" {
		key, err := outbox.ParseDKIMKey([]byte(s.DKIMKey))
		if err == nil {
			_, err = outbox.NewDKIMSigner(s.DKIMDomain, s.DKIMSelector, key)
		}
		if err != nil {
			return nil, proofdesk.FieldError("dkim_key", "DKIM key: paste a PEM private key (RSA of 1024 bits or more, or Ed25519)")
		}
	}
	if s.RelaySecurity == "none" && (s.RelayUser != "" || s.RelayPassword != "") {
		return nil, proofdesk.FieldError("relay_security", "relay security: a login needs starttls or tls; the password is never sent in clear")
	}
	if err := c.m.DB.SaveChannelSettings(ctx, &s); err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.cached = nil
	c.mu.Unlock()
	return c.ChannelSettings(ctx)
}

// errNoRelay says there is nothing to test.
var errNoRelay = proofdesk.Errorf(proofdesk.EINVALID, "No relay is set: mail stays in the built-in outbox. Set the relay's host:port first.")

// relay returns a new SMTP relay client for the settings in force; nil
// when none. The caller closes it.
func (c *channelService) relay(ctx context.Context) (*outbox.SMTPRelay, *proofdesk.ChannelSettings, error) {
	e, _, err := c.effective(ctx)
	if err != nil {
		return nil, nil, err
	}
	if e.RelayAddr == "" {
		return nil, e, nil
	}
	r, err := newRelay(relayKey{e.RelayAddr, e.RelaySecurity, e.RelayUser, e.RelayPassword})
	return r, e, err
}

func newRelay(k relayKey) (*outbox.SMTPRelay, error) {
	r, err := outbox.NewSMTPRelay(outbox.RelayConfig{Addr: k.addr, Security: k.security, Username: k.user, Password: k.password, Timeout: 30 * time.Second})
	if err != nil {
		return nil, proofdesk.Errorf(proofdesk.EINVALID, "The relay settings are not usable: %s", err)
	}
	return r, nil
}

// sharedRelay returns the relay client the outbox delivers through, nil
// when no relay is set. It is kept between sends, so its idle sessions
// are reused; when the relay's settings change, the old client's idle
// sessions end (QUIT) and a new client is made.
func (c *channelService) sharedRelay(ctx context.Context) (*outbox.SMTPRelay, error) {
	e, _, err := c.effective(ctx)
	if err != nil {
		return nil, err
	}
	k := relayKey{e.RelayAddr, e.RelaySecurity, e.RelayUser, e.RelayPassword}
	c.relayMu.Lock()
	defer c.relayMu.Unlock()
	if c.relayCur != nil && c.relayFor == k {
		return c.relayCur, nil
	}
	if old := c.relayCur; old != nil {
		c.relayCur = nil
		go func() { _ = old.Close() }()
	}
	if k.addr == "" {
		return nil, nil
	}
	r, err := newRelay(k)
	if err != nil {
		return nil, err
	}
	c.relayCur, c.relayFor = r, k
	return r, nil
}

// closeRelay ends the shared relay's idle sessions (QUIT).
func (c *channelService) closeRelay() {
	c.relayMu.Lock()
	r := c.relayCur
	c.relayCur = nil
	c.relayMu.Unlock()
	if r != nil {
		_ = r.Close()
	}
}

// SendTestEmail sends a test mail through the relay in force and says in
// words what failed.
func (c *channelService) SendTestEmail(ctx context.Context, to string) error {
	addr, err := mail.ParseAddress(strings.TrimSpace(to))
	if err != nil {
		return proofdesk.FieldError("to", "To: give one email address to send the test to")
	}
	r, e, err := c.relay(ctx)
	if err != nil {
		return err
	}
	if r == nil {
		return errNoRelay
	}
	defer r.Close() // QUIT: a test opens its own session
	from := e.From()
	if c.m.Config.MailFrom != DefaultConfig().MailFrom || from == "" {
		from = c.m.Config.MailFrom
	}
	fa, err := mail.ParseAddress(from)
	if err != nil {
		return proofdesk.FieldError("inbound_address", "The From address is not valid: set the inbound address")
	}
	now := time.Now().UTC()
	msg := fmt.Sprintf("From: %s\r\nTo: %s\r\nSubject: Proofdesk test email\r\nDate: %s\r\nMessage-ID: <test.%d@%s>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThis is a test email from Proofdesk: the relay %s accepted it.\r\n",
		fa.String(), addr.Address, now.Format(time.RFC1123Z), now.UnixNano(), domainOf(fa.Address), e.RelayAddr)
	if err := r.SendMail(ctx, fa.Address, []string{addr.Address}, []byte(msg)); err != nil {
		return proofdesk.Errorf(proofdesk.EINVALID, "The test email was not sent: %s.", outbox.Describe(err))
	}
	return nil
}

func domainOf(a string) string {
	if i := strings.LastIndexByte(a, '@'); i >= 0 {
		return a[i+1:]
	}
	return "localhost"
}

// widgetOrigins are the stored origins, for the widget on each request.
func (c *channelService) widgetOrigins(ctx context.Context) []string {
	st, _, err := c.stored(ctx)
	if err != nil {
		c.m.Logger.Error("channel settings", "error", err)
		return nil
	}
	return st.WidgetOrigins
}

// relayConfigured reports whether a relay delivers the outbox now.
func (c *channelService) relayConfigured(ctx context.Context) bool {
	e, _, err := c.effective(ctx)
	return err != nil || e.RelayAddr != ""
}

// consoleMailer delivers through the relay set in the console, read on
// each send, so a change applies without a restart. While none is set it
// is not Available and mail stays queued in the built-in outbox.
type consoleMailer struct{ c *channelService }

var _ outbox.Availability = consoleMailer{}

func (cm consoleMailer) Available(ctx context.Context) bool {
	st, _, err := cm.c.stored(ctx)
	return err == nil && st.RelayAddr != ""
}

func (cm consoleMailer) SendMail(ctx context.Context, from string, to []string, msg []byte) error {
	r, err := cm.c.sharedRelay(ctx)
	if err != nil {
		return err
	}
	if r == nil {
		return errors.New("no relay")
	}
	return r.SendMail(ctx, from, to, msg)
}

// inboundAddresses returns the desk's own inbound addresses, lower-cased
// and each once, which a DKIM-signed mail must be addressed to (signed To
// or Cc) to count as its author writing to the desk
// (mail.AuthResult.ForDesk): the address of --mail-from when it is set or
// nothing else is, the console's inbound address, and the username of the
// polled IMAP mailbox when it is a mail address (a hosted mailbox's login
// is its address, and mail polled from it was sent to it). Without the
// mailbox's own address, mail polled from support@ while replies go out
// from noreply@ could never verify its author: the poller sees no sender
// IP, so aligned DKIM is its only route to DMARC.
func inboundAddresses(c *Config, stored *proofdesk.ChannelSettings) []string {
	var out []string
	add := func(s string) {
		a, err := mail.ParseAddress(s)
		if err != nil {
			return
		}
		if addr := strings.ToLower(a.Address); !slices.Contains(out, addr) {
			out = append(out, addr)
		}
	}
	if stored == nil {
		stored = &proofdesk.ChannelSettings{}
	}
	if c.MailFrom != DefaultConfig().MailFrom || stored.InboundAddress == "" {
		add(c.MailFrom)
	}
	add(stored.InboundAddress)
	switch {
	case c.IMAPAddr != "":
		add(c.IMAPUser)
	case stored.IMAPAddr != "":
		add(stored.IMAPUser)
	}
	return out
}
