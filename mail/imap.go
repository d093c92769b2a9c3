package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// IMAP connection security modes.
const (
	IMAPTLS      = "tls"      // implicit TLS (port 993)
	IMAPStartTLS = "starttls" // STARTTLS upgrade (port 143)
	// IMAPInsecure sends the password in clear: only for a server on
	// loopback, such as a test server.
	IMAPInsecure = "insecure"
)

// FlagRejected is the keyword the poller sets on a message the handler
// refused for good (too large, unreadable). Such a message stays unseen in
// the mailbox for a person to look at, and is not fetched again.
const FlagRejected = imap.Flag("$ProofdeskRejected")

// IMAPConfig configures an IMAPPoller.
type IMAPConfig struct {
	// Addr is host:port of the IMAP server.
	Addr string
	// Security is IMAPTLS (the default), IMAPStartTLS or IMAPInsecure.
	Security string
	// TLSConfig is used for TLS and STARTTLS; nil means the defaults with
	// the host of Addr as server name.
	TLSConfig *tls.Config
	Username  string
	Password  string
	// Mailbox is polled; "" means INBOX.
	Mailbox string
	// Interval is the pause between polls; zero means one minute.
	Interval time.Duration
	// Batch bounds the messages fetched per poll; zero means 50.
	Batch int
	// MaxMessageBytes bounds the size of a fetched message; zero means
	// DefaultLimits().MaxMessageBytes. Larger messages are flagged
	// FlagRejected without being fetched.
	MaxMessageBytes int64
}

// IMAPPoller feeds the unseen messages of a mailbox hosted elsewhere to a
// Handler, for teams that do not point MX at the built-in listener. A
// message is marked \Seen only after the handler stored it; a temporary
// failure leaves it unseen for the next poll, and a permanent refusal
// flags it FlagRejected.
type IMAPPoller struct {
	cfg     IMAPConfig
	handler Handler
	log     *slog.Logger
}

// NewIMAPPoller returns a poller that hands messages to h.
func NewIMAPPoller(cfg IMAPConfig, h Handler, logger *slog.Logger) *IMAPPoller {
	if cfg.Mailbox == "" {
		cfg.Mailbox = "INBOX"
	}
	if cfg.Security == "" {
		cfg.Security = IMAPTLS
	}
	if cfg.Interval <= 0 {
		cfg.Interval = time.Minute
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 50
	}
	if cfg.MaxMessageBytes <= 0 {
		cfg.MaxMessageBytes = DefaultLimits().MaxMessageBytes
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &IMAPPoller{cfg: cfg, handler: h, log: logger}
}

// Run polls until ctx is done, logging failed polls, and returns ctx's
// error.
func (p *IMAPPoller) Run(ctx context.Context) error {
	for {
		n, err := p.PollOnce(ctx)
		if err != nil && ctx.Err() == nil {
			p.log.Warn("imap poll", slog.Any("error", err))
		} else if n > 0 {
			p.log.Info("imap poll", slog.Int("stored", n))
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(p.cfg.Interval):
		}
	}
}

func (p *IMAPPoller) dial() (*imapclient.Client, error) {
	opts := &imapclient.Options{TLSConfig: p.cfg.TLSConfig}
	switch p.cfg.Security {
	case IMAPTLS:
		return imapclient.DialTLS(p.cfg.Addr, opts)
	case IMAPStartTLS:
		return imapclient.DialStartTLS(p.cfg.Addr, opts)
	case IMAPInsecure:
		return imapclient.DialInsecure(p.cfg.Addr, opts)
	}
	return nil, fmt.Errorf("imap: unknown security mode %q", p.cfg.Security)
}

// PollOnce connects, hands every unseen message (up to Batch) to the
// handler and returns how many it stored.
func (p *IMAPPoller) PollOnce(ctx context.Context) (int, error) {
	c, err := p.dial()
	if err != nil {
		return 0, fmt.Errorf("imap dial: %w", err)
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()

	if err := c.Login(p.cfg.Username, p.cfg.Password).Wait(); err != nil {
		return 0, fmt.Errorf("imap login: %w", err)
	}
	if _, err := c.Select(p.cfg.Mailbox, nil).Wait(); err != nil {
		return 0, fmt.Errorf("imap select: %w", err)
	}
	found, err := c.UIDSearch(&imap.SearchCriteria{NotFlag: []imap.Flag{imap.FlagSeen, imap.FlagDeleted, FlagRejected}}, nil).Wait()
	if err != nil {
		return 0, fmt.Errorf("imap search: %w", err)
	}
	uids := found.AllUIDs()
	if len(uids) > p.cfg.Batch {
		uids = uids[:p.cfg.Batch]
	}
	stored := 0
	for _, uid := range uids {
		if err := ctx.Err(); err != nil {
			return stored, err
		}
		ok, err := p.one(ctx, c, uid)
		if err != nil {
			return stored, err
		}
		if ok {
			stored++
		}
	}
	_ = c.Logout().Wait()
	return stored, nil
}

// one fetches and delivers the message uid; it reports whether the
// handler stored it. A temporary handler failure stops nothing: the
// message stays unseen for the next poll.
func (p *IMAPPoller) one(ctx context.Context, c *imapclient.Client, uid imap.UID) (bool, error) {
	set := imap.UIDSetNum(uid)
	section := &imap.FetchItemBodySection{Peek: true}
	size, err := c.Fetch(set, &imap.FetchOptions{UID: true, RFC822Size: true}).Collect()
	if err != nil {
		return false, fmt.Errorf("imap fetch size: %w", err)
	}
	if len(size) != 1 {
		return false, nil // expunged meanwhile
	}
	if size[0].RFC822Size > p.cfg.MaxMessageBytes {
		p.log.Info("imap message refused", slog.Int("code", CodeTooLarge), slog.Int64("size", size[0].RFC822Size))
		return false, p.flag(c, set, FlagRejected)
	}
	msgs, err := c.Fetch(set, &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
	if err != nil {
		return false, fmt.Errorf("imap fetch: %w", err)
	}
	if len(msgs) != 1 {
		return false, nil
	}
	raw := msgs[0].FindBodySection(section)
	if raw == nil {
		return false, errors.New("imap fetch: no body returned")
	}
	err = p.handler.Deliver(ctx, Envelope{}, raw)
	switch {
	case err == nil:
		return true, p.flag(c, set, imap.FlagSeen)
	case !SMTPError(err).Temporary():
		p.log.Info("imap message refused", slog.Int("code", SMTPError(err).Code), slog.Int("size", len(raw)))
		return false, p.flag(c, set, FlagRejected)
	default:
		p.log.Error("imap deliver", slog.Any("error", err), slog.Int("size", len(raw)))
		return false, nil
	}
}

func (p *IMAPPoller) flag(c *imapclient.Client, set imap.UIDSet, f imap.Flag) error {
	if err := c.Store(set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{f}}, nil).Close(); err != nil {
		return fmt.Errorf("imap store flag: %w", err)
	}
	return nil
}
