package console

import "time"

// Settings are the channel settings the admin page shows, read-only, and a
// few console options. They never hold a secret: for a secret, only
// whether it is set.
type Settings struct {
	// BaseURL is the public URL of Proofdesk.
	BaseURL string
	// SMTPListen is the inbound SMTP listener's address, "" when off.
	SMTPListen string
	// SMTPRelay is the outbound relay (host:port), "" when mail stays in
	// the built-in outbox.
	SMTPRelay string
	// SMTPRelayTLS is "starttls", "tls" or "none".
	SMTPRelayTLS string
	// SMTPRelayUser is the relay login, "" when none.
	SMTPRelayUser string
	// DKIMSelector is the DKIM selector in use, "" when mail is unsigned.
	DKIMSelector string
	// IMAP is the polled mailbox (host:port and folder), "" when off.
	IMAP string
	// WidgetOrigins are the sites allowed to embed the chat widget.
	WidgetOrigins []string
	// TelephonyWebhook is the telephony webhook path, "" when off.
	TelephonyWebhook string
	// TelephonySecretSet tells whether the webhook signing secret is set.
	TelephonySecretSet bool
	// SMSProvider is the SMS provider's base URL, "" for the built-in outbox.
	SMSProvider string
	// SMSCredentialsSet tells whether SMS provider credentials are set.
	SMSCredentialsSet bool
	// CoolingOff is how long a new contact point does not count; 0 means
	// 7 days.
	CoolingOff time.Duration
	// Teams are the teams the inbox offers as views.
	Teams []string
	// CannedReplies are offered in the composer; nil means a default set.
	CannedReplies []CannedReply
}

// CannedReply is a saved reply an agent can insert into the composer.
type CannedReply struct {
	Title string
	Body  string
}

// DefaultCannedReplies are offered when Settings.CannedReplies is nil.
var DefaultCannedReplies = []CannedReply{
	{"Greeting", "Hi, thanks for getting in touch. I'm looking into this for you now."},
	{"Verification needed", "Before I can look at account details, I need to confirm it's you. I've sent a request to the contact details we have on file: please open it and choose the number I read out to you."},
	{"Cannot confirm", "For your security I can't confirm or deny any account details until you're verified."},
	{"Closing", "Is there anything else I can help you with today? If not, I'll close this conversation."},
}

func (s Settings) withDefaults() Settings {
	if s.CoolingOff <= 0 {
		s.CoolingOff = 7 * 24 * time.Hour
	}
	if s.CannedReplies == nil {
		s.CannedReplies = DefaultCannedReplies
	}
	return s
}
