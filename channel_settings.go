package proofdesk

import (
	"context"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"time"
)

// ChannelSettings are the channel settings an admin sets in the console or
// the API (issue 14): the email channel, the widget's origins, the SMS
// provider. The secrets (RelayPassword, IMAPPassword, DKIMKey,
// SMSAuthToken) are sealed with the master key in the store and never
// shown again; views carry only whether each is set. Flags, environment
// variables and the config file override what is set here.
type ChannelSettings struct {
	// InboundAddress is the address customers write to, such as
	// support@shop.example; with FromName it makes the From of outgoing
	// mail ("FromName <InboundAddress>").
	InboundAddress string `json:"inbound_address"`
	FromName       string `json:"from_name"`
	// RelayAddr is the outbound SMTP relay, host:port ("" keeps mail in
	// the built-in outbox); RelaySecurity is starttls, tls or none.
	RelayAddr     string `json:"relay_addr"`
	RelaySecurity string `json:"relay_security"`
	RelayUser     string `json:"relay_user"`
	RelayPassword string `json:"-"`
	// IMAPAddr is a hosted mailbox to poll, host:port ("" off);
	// IMAPSecurity is tls, starttls or none; IMAPMailbox defaults to INBOX.
	IMAPAddr     string `json:"imap_addr"`
	IMAPUser     string `json:"imap_user"`
	IMAPSecurity string `json:"imap_security"`
	IMAPMailbox  string `json:"imap_mailbox"`
	IMAPPassword string `json:"-"`
	// DKIMDomain and DKIMSelector name the DKIM key (DKIMKey, PEM: RSA or
	// Ed25519) that signs outgoing mail.
	DKIMDomain   string `json:"dkim_domain"`
	DKIMSelector string `json:"dkim_selector"`
	DKIMKey      string `json:"-"`
	// WidgetOrigins are the sites that may embed the chat widget, besides
	// Proofdesk's own host: "shop.example.com", "*.example.com" or
	// "https://shop.example.com".
	WidgetOrigins []string `json:"widget_origins"`
	// SMSBaseURL is a Twilio-compatible SMS API ("" keeps SMS in the
	// built-in outbox), with SMSAccount, SMSFrom and SMSAuthToken.
	SMSBaseURL   string `json:"sms_base_url"`
	SMSAccount   string `json:"sms_account"`
	SMSFrom      string `json:"sms_from"`
	SMSAuthToken string `json:"-"`
}

// Secret names of ChannelSettings, as views and audit entries name them.
const (
	SecretRelayPassword = "relay_password"
	SecretIMAPPassword  = "imap_password"
	SecretDKIMKey       = "dkim_key"
	SecretSMSAuthToken  = "sms_auth_token"
)

// Secret returns a pointer to the secret named name (Secret*), or nil.
func (s *ChannelSettings) Secret(name string) *string {
	switch name {
	case SecretRelayPassword:
		return &s.RelayPassword
	case SecretIMAPPassword:
		return &s.IMAPPassword
	case SecretDKIMKey:
		return &s.DKIMKey
	case SecretSMSAuthToken:
		return &s.SMSAuthToken
	}
	return nil
}

// SecretNames are the names of the secrets, in a stable order.
var SecretNames = []string{SecretRelayPassword, SecretIMAPPassword, SecretDKIMKey, SecretSMSAuthToken}

// From returns the From of outgoing mail the settings give, or "" when
// no inbound address is set.
func (s *ChannelSettings) From() string {
	if s.InboundAddress == "" {
		return ""
	}
	return (&mail.Address{Name: s.FromName, Address: s.InboundAddress}).String()
}

// Normalize trims every field, lowercases the address and defaults the
// security modes and the mailbox.
func (s *ChannelSettings) Normalize() {
	for _, p := range []*string{&s.InboundAddress, &s.FromName, &s.RelayAddr, &s.RelaySecurity, &s.RelayUser, &s.IMAPAddr, &s.IMAPUser,
		&s.IMAPSecurity, &s.IMAPMailbox, &s.DKIMDomain, &s.DKIMSelector, &s.SMSBaseURL, &s.SMSAccount, &s.SMSFrom} {
		*p = strings.TrimSpace(*p)
	}
	s.InboundAddress = strings.ToLower(s.InboundAddress)
	s.RelaySecurity, s.IMAPSecurity = strings.ToLower(s.RelaySecurity), strings.ToLower(s.IMAPSecurity)
	if s.RelaySecurity == "" {
		s.RelaySecurity = "starttls"
	}
	if s.IMAPSecurity == "" {
		s.IMAPSecurity = "tls"
	}
	if s.IMAPMailbox == "" {
		s.IMAPMailbox = "INBOX"
	}
	var origins []string
	for _, o := range s.WidgetOrigins {
		for _, f := range strings.FieldsFunc(o, func(r rune) bool { return r == ',' || r == '\n' || r == ' ' || r == '\r' || r == '\t' }) {
			origins = append(origins, strings.ToLower(strings.TrimRight(f, "/")))
		}
	}
	s.WidgetOrigins = origins
}

// Validate returns EINVALID naming the first bad field. It does not parse
// the DKIM key (the outbox package does).
func (s *ChannelSettings) Validate() error {
	if s.InboundAddress != "" {
		if a, err := mail.ParseAddress(s.InboundAddress); err != nil || a.Address != s.InboundAddress {
			return FieldError("inbound_address", "inbound address: give one email address, such as support@shop.example")
		}
	}
	if len(s.FromName) > 100 || strings.ContainsAny(s.FromName, "\r\n<>\"") {
		return FieldError("from_name", "From name: at most 100 characters, no line breaks, quotes or angle brackets")
	}
	if err := hostPort("relay_addr", "relay", s.RelayAddr); err != nil {
		return err
	}
	if !oneOf(s.RelaySecurity, "starttls", "tls", "none") {
		return FieldError("relay_security", "relay security: starttls, tls or none")
	}
	if err := hostPort("imap_addr", "IMAP mailbox", s.IMAPAddr); err != nil {
		return err
	}
	if !oneOf(s.IMAPSecurity, "starttls", "tls", "none") {
		return FieldError("imap_security", "IMAP security: tls, starttls or none")
	}
	if (s.DKIMDomain == "") != (s.DKIMSelector == "") || (s.DKIMKey != "" && s.DKIMDomain == "") {
		return FieldError("dkim_selector", "DKIM: give the domain, the selector and the key together")
	}
	if s.DKIMDomain != "" && s.DKIMKey == "" {
		return FieldError("dkim_key", "DKIM: paste the private key (PEM) for the selector")
	}
	for _, o := range s.WidgetOrigins {
		if !validOrigin(o) {
			return FieldError("widget_origins", "widget origins: give host names such as shop.example.com, *.example.com or https://shop.example.com, one per line")
		}
	}
	if s.SMSBaseURL != "" && !strings.HasPrefix(s.SMSBaseURL, "https://") && !strings.HasPrefix(s.SMSBaseURL, "http://127.0.0.1") && !strings.HasPrefix(s.SMSBaseURL, "http://localhost") {
		return FieldError("sms_base_url", "SMS provider: an https:// URL")
	}
	if s.SMSBaseURL != "" && (s.SMSAccount == "" || s.SMSFrom == "") {
		return FieldError("sms_account", "SMS provider: give the account and the sender number too")
	}
	return nil
}

func oneOf(v string, set ...string) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}

func hostPort(field, what, v string) error {
	if v == "" {
		return nil
	}
	host, port, err := net.SplitHostPort(v)
	n, perr := strconv.Atoi(port)
	if err != nil || host == "" || perr != nil || n < 1 || n > 65535 || strings.ContainsAny(host, " /") {
		return FieldError(field, "%s: give host:port, such as smtp.example.com:587", what)
	}
	return nil
}

func validOrigin(o string) bool {
	host := o
	if scheme, rest, ok := strings.Cut(o, "://"); ok {
		if scheme != "https" && scheme != "http" {
			return false
		}
		host = rest
	}
	if host == "" || len(host) > 253 || strings.ContainsAny(host, "/?#@ ") {
		return false
	}
	if strings.HasPrefix(host, "*.") {
		host = host[2:]
	}
	return !strings.Contains(host, "*")
}

// ChannelSettingsView is what the console and the API show: the settings
// in force (stored ones, with flags over them), secrets blanked.
type ChannelSettingsView struct {
	// Stored are the settings saved in the console or the API, secrets
	// blanked.
	Stored ChannelSettings `json:"stored"`
	// Effective are the settings in force: a flag, environment variable
	// or the config file overrides the stored value. Secrets blanked.
	Effective ChannelSettings `json:"effective"`
	// SecretsSet says, per secret name, whether one is in force.
	SecretsSet map[string]bool `json:"secrets_set"`
	// Overrides names, per field (JSON name), the flag whose value wins
	// over the stored one.
	Overrides map[string]string `json:"overrides"`
	// ApplyOnRestart lists the fields (JSON names) whose change takes
	// effect when the server restarts; the others apply at once.
	ApplyOnRestart []string   `json:"apply_on_restart"`
	UpdatedAt      *time.Time `json:"updated_at,omitempty"`
}

// ChannelSettingsUpdate is a change of the stored settings: every field
// of Settings replaces the stored one; a secret is replaced only when its
// name is in SetSecrets (an empty value clears it), else kept.
type ChannelSettingsUpdate struct {
	Settings   ChannelSettings
	SetSecrets map[string]bool
}

// ChannelSettingsService reads and changes the channel settings (admins
// only: callers check DoAdminister) and checks the relay.
type ChannelSettingsService interface {
	ChannelSettings(ctx context.Context) (*ChannelSettingsView, error)
	// UpdateChannelSettings validates (EINVALID naming the field), seals
	// the secrets, stores and audits the change, and applies what can be
	// applied at once.
	UpdateChannelSettings(ctx context.Context, u ChannelSettingsUpdate) (*ChannelSettingsView, error)
	// SendTestEmail sends a short test mail to `to` through the relay in
	// force. The error says in words what failed: no relay, the
	// connection refused, TLS, authentication, the recipient refused.
	SendTestEmail(ctx context.Context, to string) error
}
