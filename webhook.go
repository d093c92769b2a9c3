package proofdesk

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Webhook event types an admin may subscribe a URL to.
const (
	WebhookConversationCreated = "conversation.created"
	WebhookMessageCreated      = "message.created"
	WebhookStatusChanged       = "conversation.status_changed"
	WebhookVerificationDone    = "verification.completed"
	WebhookReplyBlocked        = "reply.blocked"
	WebhookNotMe               = "notice.not_me"
)

// WebhookEvents lists every event type, in documentation order.
var WebhookEvents = []string{WebhookConversationCreated, WebhookMessageCreated, WebhookStatusChanged,
	WebhookVerificationDone, WebhookReplyBlocked, WebhookNotMe}

// ValidWebhookEvent reports whether e is one of WebhookEvents.
func ValidWebhookEvent(e string) bool {
	for _, w := range WebhookEvents {
		if w == e {
			return true
		}
	}
	return false
}

// OutboxWebhook is the outbox kind of a webhook delivery: To is the
// subscription's URL, Subject the event type, Body the JSON payload and
// RefID the subscription's ID.
const OutboxWebhook = "webhook"

// Webhook delivery headers.
const (
	// WebhookSignatureHeader carries "t=<unix seconds>,v1=<hex HMAC-SHA256
	// of "<t>.<body>" under the subscription's secret>".
	WebhookSignatureHeader = "Proofdesk-Signature"
	WebhookEventHeader     = "Proofdesk-Event"
	WebhookDeliveryHeader  = "Proofdesk-Delivery" // the delivery's ID, the same on every retry
)

// Webhook is an admin's subscription of a URL to event types. The secret
// that signs its deliveries is derived from the installation's webhook
// key and the ID (WebhookSecret), shown once at creation, never stored.
type Webhook struct {
	ID     string
	URL    string
	Events []string
	// AllowHTTP lets a plain-http URL outside loopback through; an admin
	// sets it knowingly.
	AllowHTTP bool
	CreatedBy string
	CreatedAt time.Time
	// Last is the newest delivery's state, nil before the first.
	Last *WebhookDelivery
}

// WebhookDelivery is the state of one delivery, as the outbox holds it.
type WebhookDelivery struct {
	ID        string
	Event     string
	Status    string // queued, sent, failed
	Attempts  int
	LastError string // a reason safe to show ("http 503", "timeout")
	CreatedAt time.Time
}

// WebhookSecret derives the signing secret of subscription id from the
// installation's webhook key: "whsec_" + base64url(HMAC-SHA256(key, id)).
func WebhookSecret(key []byte, id string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("proofdesk webhook secret\x00" + id))
	return "whsec_" + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// SignWebhook returns the signature header value of body sent at t:
// "t=<unix>,v1=<hex(HMAC-SHA256(secret, "<unix>." + body))>".
func SignWebhook(secret string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts))
	m.Write([]byte("."))
	m.Write(body)
	return "t=" + ts + ",v1=" + hex.EncodeToString(m.Sum(nil))
}

// WebhookConversation is a conversation in a webhook payload: the fields
// of the API's conversation, at L0 (the subject through the view, codes
// hidden; the requester's claims as typed, labelled as claims).
type WebhookConversation struct {
	ID              string    `json:"id"`
	Channel         string    `json:"channel"`
	CustomerID      string    `json:"customer_id,omitempty"`
	RequesterClaims Requester `json:"requester_claims"`
	Subject         string    `json:"subject"`
	Status          string    `json:"status"`
	AssigneeID      string    `json:"assignee_id,omitempty"`
	Team            string    `json:"team,omitempty"`
	Level           string    `json:"level"`
	CreatedAt       time.Time `json:"created_at"`
}

// WebhookPayload is the JSON body of a delivery. It is built only by
// NewWebhookPayload, through the agent-facing views at L0.
type WebhookPayload struct {
	Event        string               `json:"event"`
	ID           string               `json:"id"`
	At           time.Time            `json:"at"`
	Conversation *WebhookConversation `json:"conversation,omitempty"`
	Customer     *CustomerView        `json:"customer,omitempty"`
	Message      *MessageView         `json:"message,omitempty"`
	// Detail holds the event's facts that are no data: the guard's rule,
	// class and required level, the verification's factor and level.
	Detail map[string]string `json:"detail,omitempty"`
}

// webhookDetailKeys are the only detail keys a payload carries.
var webhookDetailKeys = []string{"rule", "class", "required_level", "factor", "from", "to", "level", "source"}

// WebhookView is what a webhook payload's view knows besides the event.
type WebhookView struct {
	// Policy is the policy in force; nil is DefaultPolicy.
	Policy *Policy
	// Earlier are the conversation's messages before the delivery's
	// message, oldest first (the last ones are enough): the message is
	// read with them through NewConversationViews, as on the API, so a
	// code split across messages is hidden in the part that completes it.
	Earlier []*Message
	// KnownCode is ViewContext.KnownCode: the codes issued recently on
	// any conversation; nil knows none.
	KnownCode func(code string) bool
	// Subject is what the conversation's subject is read with
	// (ViewContext.Subject): its first customer messages, found when the
	// subject holds a number (SubjectHoldsNumber).
	Subject SubjectContext
	// Elsewhere is ViewContext.Elsewhere: what the conversation's
	// customer wrote in their other conversations in the last
	// RecentCodeWindow, for a known code split between two of them; nil
	// reads none.
	Elsewhere func() []*Message
}

// NewWebhookPayload builds the body of a delivery of event about conv
// (and msg, and conv's linked customer cust, either may be nil) as an
// agent at L0 would see them under wv.Policy: the customer through
// NewCustomerView masked, the message through NewConversationViews after
// wv.Earlier, with codes hidden as if a request had been issued (the safe
// side) and the known codes wherever they are typed (also split with
// wv.Elsewhere, the customer's other conversations), the subject through
// the same view with wv.Subject (ViewContext.Subject), as lists show it.
// Only whitelisted detail keys are kept.
func NewWebhookPayload(event, id string, at time.Time, conv *Conversation, msg *Message, cust *Customer, detail map[string]string, wv WebhookView) ([]byte, error) {
	p := wv.Policy
	if p == nil {
		p = DefaultPolicy()
	}
	vc := ViewContext{Policy: p, CodesIssued: true, KnownCode: wv.KnownCode, Elsewhere: wv.Elsewhere}
	out := WebhookPayload{Event: event, ID: id, At: at.UTC()}
	if conv != nil {
		out.Conversation = &WebhookConversation{ID: conv.ID, Channel: conv.Channel, CustomerID: conv.CustomerID,
			RequesterClaims: Requester{Name: vc.Text(conv.Requester.Name), Email: vc.Text(conv.Requester.Email), Phone: vc.Text(conv.Requester.Phone)},
			Subject:         vc.Subject(conv.Subject, wv.Subject), Status: conv.Status, AssigneeID: conv.AssigneeID, Team: conv.Team,
			Level: conv.EffectiveLevel(at).String(), CreatedAt: conv.CreatedAt}
	}
	if cust != nil {
		out.Customer = NewCustomerView(cust, vc)
	}
	if msg != nil {
		subject := ""
		if conv != nil {
			subject = conv.Subject
		}
		_, views := NewConversationViews(subject, append(append([]*Message(nil), wv.Earlier...), msg), vc)
		out.Message = views[len(views)-1]
	}
	for _, k := range webhookDetailKeys {
		if v, ok := detail[k]; ok {
			if out.Detail == nil {
				out.Detail = map[string]string{}
			}
			out.Detail[k] = v
		}
	}
	return json.Marshal(out)
}

// webhookBlocked are the ranges a webhook may not reach unless an admin
// lists them (--webhook-allow-private): loopback, private (RFC 1918, RFC
// 4193), link-local (cloud metadata at 169.254.169.254), shared address
// space (RFC 6598), unspecified, multicast, and IPv4 "this network".
var webhookBlocked = func() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range []string{"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
		"192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8"} {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}()

// WebhookAddrAllowed reports whether a webhook may connect to ip: a
// public address, or one inside a prefix of allow. IPv4-mapped IPv6
// addresses are judged as IPv4.
func WebhookAddrAllowed(ip netip.Addr, allow []netip.Prefix) bool {
	ip = ip.Unmap()
	for _, p := range allow {
		if p.Contains(ip) {
			return true
		}
	}
	for _, p := range webhookBlocked {
		if p.Contains(ip) {
			return false
		}
	}
	return ip.IsValid()
}

// IsLoopbackHost reports whether host (no port) is "localhost" or a
// loopback address.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(strings.Trim(host, "[]"))
	return err == nil && ip.Unmap().IsLoopback()
}

// ParseWebhookURL checks a subscription's URL: absolute http(s) without
// credentials or fragment, https unless the host is loopback or allowHTTP,
// and, when the host is an IP literal, an address WebhookAddrAllowed
// accepts (names are checked again at every connection, after
// resolution). Errors: EINVALID naming field "url".
func ParseWebhookURL(raw string, allowHTTP bool, allow []netip.Prefix) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || !u.IsAbs() || u.Host == "" || len(raw) > 2000 {
		return nil, FieldError("url", "url must be an absolute http or https URL")
	}
	if u.User != nil || u.Fragment != "" {
		return nil, FieldError("url", "url must not carry credentials or a fragment")
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !allowHTTP && !IsLoopbackHost(u.Hostname()) {
			return nil, FieldError("url", "url must be https outside loopback, unless an admin allows plain http for it (allow_http)")
		}
	default:
		return nil, FieldError("url", "url must be an absolute http or https URL")
	}
	if ip, err := netip.ParseAddr(u.Hostname()); err == nil && !WebhookAddrAllowed(ip, allow) {
		return nil, FieldError("url", "url points to a private, loopback or link-local address that is not listed in --webhook-allow-private")
	}
	if strings.EqualFold(u.Hostname(), "localhost") && !WebhookAddrAllowed(netip.MustParseAddr("127.0.0.1"), allow) {
		return nil, FieldError("url", "url points to a private, loopback or link-local address that is not listed in --webhook-allow-private")
	}
	return u, nil
}
