package outbox

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
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
	// Timeout bounds one delivery (connect to QUIT); zero means 1 minute.
	Timeout time.Duration
}

// SMTPRelay sends mail through one SMTP relay, one connection per message.
type SMTPRelay struct {
	cfg  RelayConfig
	host string
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
	if cfg.TLSConfig == nil {
		cfg.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	if cfg.TLSConfig.ServerName == "" {
		cfg.TLSConfig = cfg.TLSConfig.Clone()
		cfg.TLSConfig.ServerName = host
	}
	return &SMTPRelay{cfg: cfg, host: host}, nil
}

// SendMail sends msg from the envelope sender from to the recipients.
// Errors carrying an SMTP reply are *smtp.SMTPError; 5xx replies are
// permanent (IsPermanent).
func (r *SMTPRelay) SendMail(ctx context.Context, from string, to []string, msg []byte) error {
	ctx, cancel := context.WithTimeout(ctx, r.cfg.Timeout)
	defer cancel()
	d := &net.Dialer{}
	conn, err := d.DialContext(ctx, "tcp", r.cfg.Addr)
	if err != nil {
		return err
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
			return err
		}
		c = smtp.NewClient(tc)
	case SecurityStartTLS:
		// The EHLO before STARTTLS says "localhost"; HELO is sent after.
		if c, err = smtp.NewClientStartTLS(conn, r.cfg.TLSConfig); err != nil {
			conn.Close()
			return err
		}
	default:
		c = smtp.NewClient(conn)
	}
	defer c.Close()
	if err := c.Hello(r.cfg.HELO); err != nil {
		return err
	}
	if r.cfg.Username != "" {
		if err := c.Auth(sasl.NewPlainClient("", r.cfg.Username, r.cfg.Password)); err != nil {
			return err
		}
	}
	if err := c.SendMail(from, to, bytes.NewReader(msg)); err != nil {
		return err
	}
	return c.Quit()
}
