package outbox

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/proofdesk/proofdesk"
)

// WebhookSender posts webhook deliveries (outbox rows of kind webhook):
// the body as JSON, signed with the subscription's secret
// (proofdesk.WebhookSecret of Key and the row's RefID) in the
// Proofdesk-Signature header over the timestamp and the body.
//
// Against SSRF, the address is checked when the connection is made,
// after name resolution (a name that resolves to a private address is
// refused, whatever the URL said), and again for plain http outside
// loopback; redirects are not followed and no proxy is used.
type WebhookSender struct {
	// Key is the installation's webhook key (the secret "webhook").
	Key []byte
	// AllowPrivate lists the private ranges a webhook may reach
	// (--webhook-allow-private).
	AllowPrivate []netip.Prefix
	// Timeout bounds one attempt; zero means 10 seconds.
	Timeout time.Duration
	// Now is the clock of the signature; nil means time.Now.
	Now func() time.Time

	// client is made once: the worker sends several deliveries at once.
	clientOnce sync.Once
	client     *http.Client
}

// errBlockedAddr is the refusal of a connection to a private address.
var errBlockedAddr = errors.New("webhook address not allowed")

func (s *WebhookSender) httpClient() *http.Client {
	s.clientOnce.Do(s.makeClient)
	return s.client
}

func (s *WebhookSender) makeClient() {
	d := &net.Dialer{Timeout: 5 * time.Second, Control: func(network, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil || !proofdesk.WebhookAddrAllowed(ap.Addr(), s.AllowPrivate) {
			return errBlockedAddr
		}
		return nil
	}}
	s.client = &http.Client{
		Transport: &http.Transport{Proxy: nil, DialContext: d.DialContext, TLSHandshakeTimeout: 5 * time.Second,
			ResponseHeaderTimeout: 10 * time.Second, MaxIdleConnsPerHost: 2, IdleConnTimeout: 30 * time.Second},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// httpStatusError is a receiver's non-2xx answer.
type httpStatusError struct{ code int }

func (e httpStatusError) Error() string { return fmt.Sprintf("http %d", e.code) }

// SendWebhook attempts one delivery. A 2xx answer delivers it; 408, 429
// and 5xx, timeouts and network errors are retried; other answers, a
// refused address and a bad URL fail it for good (Permanent).
func (s *WebhookSender) SendWebhook(ctx context.Context, d *proofdesk.OutboxDelivery) error {
	u, err := url.Parse(d.To)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return Permanent(errors.New("bad webhook url"))
	}
	if u.Scheme == "http" && d.Headers["allow_http"] != "1" && !proofdesk.IsLoopbackHost(u.Hostname()) {
		return Permanent(errors.New("plain http outside loopback"))
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	body := []byte(d.Body)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), strings.NewReader(d.Body))
	if err != nil {
		return Permanent(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Proofdesk-Webhook/1")
	req.Header.Set(proofdesk.WebhookEventHeader, d.Subject)
	req.Header.Set(proofdesk.WebhookDeliveryHeader, d.ID)
	req.Header.Set(proofdesk.WebhookSignatureHeader, proofdesk.SignWebhook(proofdesk.WebhookSecret(s.Key, d.RefID), now(), body))
	resp, err := s.httpClient().Do(req)
	if err != nil {
		if errors.Is(err, errBlockedAddr) {
			return Permanent(errBlockedAddr)
		}
		return err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	switch c := resp.StatusCode; {
	case c >= 200 && c < 300:
		return nil
	case c == http.StatusRequestTimeout || c == http.StatusTooManyRequests || c >= 500:
		return httpStatusError{c}
	default:
		return Permanent(httpStatusError{c})
	}
}
