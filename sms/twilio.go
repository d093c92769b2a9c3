// Package sms sends text messages through an SMS provider. Twilio is a
// client of Twilio's Messages REST API with a configurable base URL, so it
// also speaks to Twilio-compatible providers and to FakeTwilio in tests.
//
// Neither the recipient's number nor the message body is ever logged or
// put into an error string: verification texts carry codes and links.
package sms

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/proofdesk/proofdesk"
)

// DefaultBaseURL is Twilio's API host.
const DefaultBaseURL = "https://api.twilio.com"

// MaxBodyChars is the longest body Twilio accepts, in characters.
const MaxBodyChars = 1600

// maxResponseBytes caps how much of a provider answer is read.
const maxResponseBytes = 64 << 10

// Config configures a Twilio client.
type Config struct {
	// BaseURL is the API's scheme and host, DefaultBaseURL when empty.
	BaseURL string
	// AccountSID and AuthToken authenticate (HTTP Basic, SID:token).
	AccountSID string
	AuthToken  string
	// From is the sender number (E.164) or alphanumeric sender ID.
	From string
	// MessagingServiceSID is used instead of From when From is empty.
	MessagingServiceSID string
	// HTTPClient sends the requests; nil means a client with a 30s timeout.
	HTTPClient *http.Client
}

// Twilio sends SMS through Twilio's Messages API:
// POST {BaseURL}/2010-04-01/Accounts/{AccountSID}/Messages.json.
type Twilio struct {
	endpoint string
	cfg      Config
	client   *http.Client
}

// New returns a Twilio client. Returns EINVALID when the account, token,
// sender or base URL is missing or malformed.
func New(cfg Config) (*Twilio, error) {
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, proofdesk.FieldError("sms.base_url", "SMS base URL must be an http(s) URL")
	}
	switch {
	case cfg.AccountSID == "" || strings.ContainsAny(cfg.AccountSID, "/?#% "):
		return nil, proofdesk.FieldError("sms.account_sid", "SMS account SID is missing or malformed")
	case cfg.AuthToken == "":
		return nil, proofdesk.FieldError("sms.auth_token", "SMS auth token is missing")
	case cfg.From == "" && cfg.MessagingServiceSID == "":
		return nil, proofdesk.FieldError("sms.from", "SMS sender (from number or messaging service SID) is missing")
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	return &Twilio{
		endpoint: strings.TrimRight(cfg.BaseURL, "/") + "/2010-04-01/Accounts/" + url.PathEscape(cfg.AccountSID) + "/Messages.json",
		cfg:      cfg,
		client:   cfg.HTTPClient,
	}, nil
}

// Error is a failed send. It never holds the recipient or the body.
type Error struct {
	// Status is the HTTP status, 0 when no answer came (network error).
	Status int
	// Code is the provider's error code (Twilio: 21211 and so on), if any.
	Code int
	// Message is the provider's message with digit runs (numbers) redacted.
	Message string
	// MoreInfo is the provider's documentation link for Code.
	MoreInfo string
	// Perm reports that retrying cannot help.
	Perm bool
	// Err is the underlying transport error, if any.
	Err error
}

// Error implements error.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("sms: ")
	if e.Status != 0 {
		fmt.Fprintf(&b, "status %d", e.Status)
	} else {
		b.WriteString("no answer")
	}
	if e.Code != 0 {
		fmt.Fprintf(&b, ", code %d", e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.MoreInfo != "" {
		b.WriteString(" (" + e.MoreInfo + ")")
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the transport error.
func (e *Error) Unwrap() error { return e.Err }

// Permanent reports whether retrying the same message cannot succeed.
func (e *Error) Permanent() bool { return e.Perm }

// Temporary reports whether the send may succeed later.
func (e *Error) Temporary() bool { return !e.Perm }

// IsPermanent reports whether err is a send failure that retrying cannot
// fix (a 4xx answer other than 408 and 429, or a message refused before
// sending). Network errors, 408, 429 and 5xx are temporary.
func IsPermanent(err error) bool {
	var p interface{ Permanent() bool }
	return errors.As(err, &p) && p.Permanent()
}

// SendSMS sends body to the E.164 number to. The error is an *Error whose
// Permanent method tells a retrying worker whether to give up.
func (t *Twilio) SendSMS(ctx context.Context, to, body string) error {
	if err := checkMessage(to, body); err != nil {
		return err
	}
	form := url.Values{"To": {to}, "Body": {body}}
	if t.cfg.From != "" {
		form.Set("From", t.cfg.From)
	} else {
		form.Set("MessagingServiceSid", t.cfg.MessagingServiceSID)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return &Error{Perm: true, Err: err}
	}
	req.SetBasicAuth(t.cfg.AccountSID, t.cfg.AuthToken)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := t.client.Do(req)
	if err != nil {
		// The URL in a *url.Error holds no secret (auth is a header), but
		// keep only the cause to stay short.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return &Error{Err: err}
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	return responseError(resp.StatusCode, raw)
}

// checkMessage refuses, before any request, what the provider would
// refuse: the refusal is permanent.
func checkMessage(to, body string) error {
	norm, err := proofdesk.NormalizePhone(to)
	if err != nil || norm != to {
		return &Error{Perm: true, Message: "recipient is not an E.164 phone number"}
	}
	if strings.TrimSpace(body) == "" {
		return &Error{Perm: true, Message: "message body is empty"}
	}
	if !utf8.ValidString(body) {
		return &Error{Perm: true, Message: "message body is not valid UTF-8"}
	}
	if utf8.RuneCountInString(body) > MaxBodyChars {
		return &Error{Perm: true, Message: fmt.Sprintf("message body is longer than %d characters", MaxBodyChars)}
	}
	return nil
}

// twilioError is the JSON error body of Twilio's API.
type twilioError struct {
	Code     int    `json:"code"`
	Message  string `json:"message"`
	MoreInfo string `json:"more_info"`
	Status   int    `json:"status"`
}

// responseError classifies a non-2xx answer.
func responseError(status int, raw []byte) *Error {
	e := &Error{Status: status, Perm: permanentStatus(status)}
	var te twilioError
	if json.Unmarshal(raw, &te) == nil {
		e.Code, e.Message, e.MoreInfo = te.Code, redact(te.Message), te.MoreInfo
		if !strings.HasPrefix(e.MoreInfo, "https://") || len(e.MoreInfo) > 200 {
			e.MoreInfo = ""
		}
	}
	if len(e.Message) > 300 {
		e.Message = e.Message[:300]
	}
	return e
}

// permanentStatus: 4xx is the request's fault and fails again, except
// 408 (timeout) and 429 (rate limit); 5xx and anything else is temporary.
func permanentStatus(status int) bool {
	return status >= 400 && status < 500 && status != http.StatusRequestTimeout && status != http.StatusTooManyRequests
}

// digitRun matches numbers: Twilio quotes the recipient in some messages
// ("The 'To' number +15551234567 is not a valid phone number.").
var digitRun = regexp.MustCompile(`\+?[0-9][0-9 ().-]{3,}[0-9]`)

// redact removes phone-number-like runs and control characters.
func redact(s string) string {
	s = digitRun.ReplaceAllString(s, "[number]")
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}
