package outbox

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Relay connection security modes.
const (
	SecurityStartTLS = "starttls" // STARTTLS upgrade, required (port 587)
	SecurityTLS      = "tls"      // implicit TLS (port 465)
	// SecurityNone talks in clear: only for a relay on loopback or a
	// trusted network (a local MTA, mailpit in tests). Username and
	// password are refused in this mode.
	SecurityNone = "none"
)

// RelayConfig configures an SMTPRelay.
type RelayConfig struct {
	// Addr is host:port of the relay.
	Addr string
	// Security is SecurityStartTLS (the default), SecurityTLS or
	// SecurityNone.
	Security string
	// TLSConfig is used for TLS; nil means the defaults with the host of
	// Addr as server name.
	TLSConfig *tls.Config
	// Username and Password, when set, authenticate with AUTH PLAIN.
	Username string
	Password string
	// HELO is the name given in EHLO; "" means "localhost".
	HELO string
	// Timeout bounds one delivery (connect, or reuse, to the end of
	// DATA); zero means 1 minute.
	Timeout time.Duration
	// MaxIdle is the most open sessions kept between deliveries for
	// reuse; zero means 4, a negative value keeps none (one connection
	// per message).
	MaxIdle int
	// MaxPerSession is the most messages sent over one session before it
	// is closed with QUIT (relays limit it: Postfix's
	// smtp_connection_reuse_count_limit, Exchange's 20 by default); zero
	// means 100.
	MaxPerSession int
	// IdleTimeout closes a session unused this long, under the relay's
	// own idle timeout (RFC 5321 section 4.5.3.2.7 asks servers for at
	// least 5 minutes); zero means 30 seconds.
	IdleTimeout time.Duration
}

// SMTPRelay sends mail through one SMTP relay. It keeps up to MaxIdle
// authenticated sessions open between messages and sends the next
// message over one of them, so a burst of mail costs one TCP, TLS and
// AUTH handshake per session rather than per message. A session is kept
// only after a transaction the relay completed (250 after DATA), which
// clears its envelope (RFC 5321 section 4.1.1.4), so the next MAIL needs
// no RSET first. It is safe for concurrent use; each session carries
// one message at a time.
type SMTPRelay struct {
	cfg  RelayConfig
	host string

	mu     sync.Mutex
	idle   []*relaySession // most recently used last
	closed bool
	dials  int // sessions opened, for tests and metrics
}

// relaySession is one open, authenticated SMTP session.
type relaySession struct {
	conn     net.Conn
	c        *smtp.Client
	sent     int
	lastUsed time.Time
}

func (s *relaySession) close() {
	_ = s.c.Close()
	_ = s.conn.Close()
}

// quit ends the session politely, bounded by a short deadline.
func (s *relaySession) quit() {
	_ = s.conn.SetDeadline(time.Now().Add(2 * time.Second))
	_ = s.c.Quit()
	s.close()
}

var _ Mailer = (*SMTPRelay)(nil)

// NewSMTPRelay checks cfg and returns the relay client.
func NewSMTPRelay(cfg RelayConfig) (*SMTPRelay, error) {
	host, _, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("smtp relay: address must be host:port: %w", err)
	}
	if cfg.Security == "" {
		cfg.Security = SecurityStartTLS
	}
	switch cfg.Security {
	case SecurityStartTLS, SecurityTLS:
	case SecurityNone:
		if cfg.Username != "" || cfg.Password != "" {
			return nil, errors.New("smtp relay: refusing to send a password without TLS")
		}
	default:
		return nil, fmt.Errorf("smtp relay: unknown security %q (starttls, tls or none)", cfg.Security)
	}
	if cfg.HELO == "" {
		cfg.HELO = "localhost"
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = time.Minute
	}
	if cfg.MaxIdle == 0 {
		cfg.MaxIdle = 4
	}
	if cfg.MaxPerSession <= 0 {
		cfg.MaxPerSession = 100
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 30 * time.Second
	}
	if cfg.TLSConfig == nil {
		cfg.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	if cfg.TLSConfig.ServerName == "" {
		cfg.TLSConfig = cfg.TLSConfig.Clone()
		cfg.TLSConfig.ServerName = host
	}
	return &SMTPRelay{cfg: cfg, host: host}, nil
}

// SendMail sends msg from the envelope sender from to the recipients,
// over an idle session when one is open, else a new one. A reused
// session whose MAIL fails on the connection (the relay dropped it while
// idle) or with 421 (closing) is replaced by a new one: nothing of the
// message was sent yet, so it costs a reconnect, not a failed delivery
// or a copy. Errors carrying an SMTP reply are *smtp.SMTPError; 5xx
// replies are permanent (IsPermanent).
func (r *SMTPRelay) SendMail(ctx context.Context, from string, to []string, msg []byte) error {
	ctx, cancel := context.WithTimeout(ctx, r.cfg.Timeout)
	defer cancel()
	if s := r.take(); s != nil {
		err := r.send(ctx, s, true, from, to, msg)
		if err == nil || !errors.Is(err, errStale) {
			return err
		}
		// The idle session was dead: fall through to a new one.
	}
	s, err := r.dial(ctx)
	if err != nil {
		return err
	}
	return r.send(ctx, s, false, from, to, msg)
}

// errStale marks a reused session that failed before its MAIL was
// accepted.
var errStale = errors.New("smtp relay: idle session no longer usable")

// send delivers one message over s and settles s: back to the pool after
// success, closed after any failure (the session's state is unknown then).
func (r *SMTPRelay) send(ctx context.Context, s *relaySession, reused bool, from string, to []string, msg []byte) error {
	if dl, ok := ctx.Deadline(); ok {
		_ = s.conn.SetDeadline(dl)
	}
	stop := context.AfterFunc(ctx, func() { s.conn.Close() })
	err := s.c.Mail(from, mailOptions(from, to))
	if err != nil && reused && ctx.Err() == nil && stale(err) {
		stop()
		s.close()
		return errStale
	}
	if err == nil {
		err = transaction(s.c, to, msg)
	}
	if !stop() {
		// The context ended mid-send and closed the connection. If the
		// relay's 250 was read first, the relay has the message: that is
		// a success (reporting it failed would send it again).
		s.close()
		return err
	}
	if err != nil {
		s.close()
		return err
	}
	s.sent++
	r.put(s)
	return nil
}

// mailOptions asks for SMTPUTF8 (RFC 6531) when an address is not ASCII,
// as go-smtp's Client.SendMail does.
func mailOptions(from string, to []string) *smtp.MailOptions {
	for _, a := range append([]string{from}, to...) {
		for i := range len(a) {
			if a[i] >= 0x80 {
				return &smtp.MailOptions{UTF8: true}
			}
		}
	}
	return nil
}

// transaction sends the RCPTs, DATA and msg after an accepted MAIL.
func transaction(c *smtp.Client, to []string, msg []byte) error {
	for _, addr := range to {
		if err := c.Rcpt(addr, nil); err != nil {
			return err
		}
	}
	wc, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := wc.Write(msg); err != nil {
		return err
	}
	return wc.Close()
}

// stale reports whether a reused session's MAIL failed because the
// session is gone: any error but an SMTP reply (the connection reset,
// EOF, a TLS record on a closed connection), or 421, the relay closing
// the channel (RFC 5321 section 3.8). Nothing of the message was sent, so
// at worst a new session fails the same way and that error is returned.
func stale(err error) bool {
	var se *smtp.SMTPError
	return !errors.As(err, &se) || se.Code == 421
}

// take returns an idle session, closing those past IdleTimeout, or nil.
func (r *SMTPRelay) take() *relaySession {
	now := time.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	for len(r.idle) > 0 {
		s := r.idle[len(r.idle)-1]
		r.idle = r.idle[:len(r.idle)-1]
		if now.Sub(s.lastUsed) < r.cfg.IdleTimeout {
			return s
		}
		go s.quit()
	}
	return nil
}

// put keeps s for reuse, or ends it when it has carried MaxPerSession
// messages, the pool is full or the relay is closed.
func (r *SMTPRelay) put(s *relaySession) {
	_ = s.conn.SetDeadline(time.Time{})
	s.lastUsed = time.Now()
	r.mu.Lock()
	keep := !r.closed && s.sent < r.cfg.MaxPerSession && len(r.idle) < r.cfg.MaxIdle
	if keep {
		r.idle = append(r.idle, s)
	}
	r.mu.Unlock()
	if !keep {
		s.quit()
	}
}

// dial opens, secures and authenticates a new session.
func (r *SMTPRelay) dial(ctx context.Context) (*relaySession, error) {
	d := &net.Dialer{}
	conn, err := d.DialContext(ctx, "tcp", r.cfg.Addr)
	if err != nil {
		return nil, err
	}
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()

	var c *smtp.Client
	switch r.cfg.Security {
	case SecurityTLS:
		tc := tls.Client(conn, r.cfg.TLSConfig)
		if err := tc.HandshakeContext(ctx); err != nil {
			conn.Close()
			return nil, err
		}
		conn = tc
		c = smtp.NewClient(tc)
	case SecurityStartTLS:
		// The EHLO before STARTTLS says "localhost"; HELO is sent after.
		if c, err = smtp.NewClientStartTLS(conn, r.cfg.TLSConfig); err != nil {
			conn.Close()
			return nil, err
		}
	default:
		c = smtp.NewClient(conn)
	}
	s := &relaySession{conn: conn, c: c}
	if err := c.Hello(r.cfg.HELO); err != nil {
		s.close()
		return nil, err
	}
	if r.cfg.Username != "" {
		if err := c.Auth(sasl.NewPlainClient("", r.cfg.Username, r.cfg.Password)); err != nil {
			s.close()
			return nil, err
		}
	}
	r.mu.Lock()
	r.dials++
	r.mu.Unlock()
	return s, nil
}

// Sessions returns how many sessions the relay has opened so far.
func (r *SMTPRelay) Sessions() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.dials
}

// Close ends every idle session with QUIT; sessions in use end when
// their message is sent. SendMail still works after Close, one
// connection per message.
func (r *SMTPRelay) Close() error {
	r.mu.Lock()
	idle := r.idle
	r.idle = nil
	r.closed = true
	r.mu.Unlock()
	for _, s := range idle {
		s.quit()
	}
	return nil
}
