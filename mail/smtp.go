package mail

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/proofdesk/proofdesk"
)

// Envelope is the SMTP envelope of one received message.
type Envelope struct {
	RemoteIP net.IP
	Helo     string
	MailFrom string
	Rcpt     []string
}

// Handler receives every message the listener accepts.
type Handler interface {
	// Deliver stores raw, received with env. Returning an EINVALID
	// *proofdesk.Error refuses the message permanently (SMTP 554, or 552 if
	// its Details[DetailSMTPCode] says so) with the error's message; any
	// other error is a temporary failure (SMTP 451) and the sender retries.
	// The listener answers 250 only after Deliver returns nil. The text of a
	// temporary error is logged, so it must not hold addresses or content.
	Deliver(ctx context.Context, env Envelope, raw []byte) error
}

// HandlerFunc adapts a function to a Handler.
type HandlerFunc func(ctx context.Context, env Envelope, raw []byte) error

// Deliver calls f.
func (f HandlerFunc) Deliver(ctx context.Context, env Envelope, raw []byte) error {
	return f(ctx, env, raw)
}

// Server is the built-in SMTP listener for inbound mail.
type Server struct {
	// Domain is the name announced in the greeting; set before Open.
	// Empty means "localhost".
	Domain string
	// MaxRecipients bounds RCPT TO per message; set before Open. Zero
	// means 100.
	MaxRecipients int
	// DeliverTimeout bounds one Deliver call; set before Open. Zero means
	// two minutes.
	DeliverTimeout time.Duration

	addr    string
	handler Handler
	lim     Limits
	logger  *slog.Logger

	mu  sync.Mutex
	srv *smtp.Server
	ln  net.Listener
}

// NewServer returns a listener for addr (such as ":2525" or "127.0.0.1:0")
// that hands messages to h. lim.MaxMessageBytes is enforced while DATA is
// read; the other limits are for h to apply through Parse.
func NewServer(addr string, h Handler, lim Limits, logger *slog.Logger) *Server {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Server{addr: addr, handler: h, lim: lim.withDefaults(), logger: logger}
}

// Open starts listening and serving in the background.
func (s *Server) Open() error {
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return err
	}
	srv := smtp.NewServer(&backend{s: s})
	srv.Domain = s.Domain
	if srv.Domain == "" {
		srv.Domain = "localhost"
	}
	srv.MaxMessageBytes = s.lim.MaxMessageBytes
	// RFC 5322 §2.1.1 asks for lines of at most 998 bytes, but real
	// senders (logs, JSON, HTML without breaks) write longer ones, and
	// go-smtp's default of 2,000 answered them 451. A line is bounded by
	// the message size only (twice it, so that the size check, which
	// answers 552, is the one that trips).
	srv.MaxLineLength = max(2*int(s.lim.MaxMessageBytes), 64<<10)
	srv.MaxRecipients = s.MaxRecipients
	if srv.MaxRecipients <= 0 {
		srv.MaxRecipients = 100
	}
	srv.ReadTimeout = 5 * time.Minute
	srv.WriteTimeout = time.Minute
	srv.ErrorLog = slogPrinter{s.logger}

	s.mu.Lock()
	s.srv, s.ln = srv, ln
	s.mu.Unlock()
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, smtp.ErrServerClosed) {
			s.logger.Error("smtp serve", slog.Any("error", err))
		}
	}()
	return nil
}

// Addr returns the address listened on, or nil before Open.
func (s *Server) Addr() net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return nil
	}
	return s.ln.Addr()
}

// Close stops listening and closes open connections. A message whose DATA
// was not acknowledged is retried by its sender.
func (s *Server) Close() error {
	s.mu.Lock()
	srv := s.srv
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	return srv.Close()
}

// SMTPError maps an error from Parse or a Handler to the reply the sender
// sees: an EINVALID *proofdesk.Error becomes a permanent 554 (or the code in
// its Details[DetailSMTPCode]) with its message; an *smtp.SMTPError passes
// through; anything else becomes 451, a temporary failure. Nil maps to nil.
func SMTPError(err error) *smtp.SMTPError {
	if err == nil {
		return nil
	}
	var se *smtp.SMTPError
	if errors.As(err, &se) {
		return se
	}
	var pe *proofdesk.Error
	if errors.As(err, &pe) && pe.Code == proofdesk.EINVALID {
		code := CodeRejected
		if c, ok := pe.Details[DetailSMTPCode].(int); ok && (c == CodeTooLarge || c == CodeRejected) {
			code = c
		}
		enh := smtp.EnhancedCode{5, 6, 0}
		if code == CodeTooLarge {
			enh = smtp.EnhancedCode{5, 3, 4}
		}
		return &smtp.SMTPError{Code: code, EnhancedCode: enh, Message: replyText(pe.Message)}
	}
	return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Temporary failure, please retry later"}
}

// replyText makes msg fit on one SMTP reply line.
func replyText(msg string) string {
	msg = cleanLine(msg, 400)
	if msg == "" {
		return "Message refused"
	}
	return msg
}

type backend struct{ s *Server }

func (b *backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	sess := &session{s: b.s, conn: c}
	if addr, ok := c.Conn().RemoteAddr().(*net.TCPAddr); ok {
		sess.ip = addr.IP
	}
	return sess, nil
}

// session is one SMTP connection.
type session struct {
	s    *Server
	conn *smtp.Conn
	ip   net.IP
	from string
	rcpt []string
}

func (s *session) Reset() {
	s.from = ""
	s.rcpt = nil
}

func (s *session) Logout() error { return nil }

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.from = from
	s.rcpt = nil
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.rcpt = append(s.rcpt, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		// go-smtp's ErrDataTooLarge (552) passes through; a broken
		// connection is answered 451 if the client still listens.
		se := SMTPError(err)
		s.s.logger.Info("smtp data not read", slog.Int("code", se.Code))
		return se
	}
	env := Envelope{
		RemoteIP: s.ip,
		Helo:     s.conn.Hostname(),
		MailFrom: s.from,
		Rcpt:     append([]string(nil), s.rcpt...),
	}
	timeout := s.s.DeliverTimeout
	if timeout <= 0 {
		timeout = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := s.s.handler.Deliver(ctx, env, raw); err != nil {
		se := SMTPError(err)
		if se.Temporary() {
			s.s.logger.Error("smtp deliver", slog.Any("error", err), slog.Int("size", len(raw)))
		} else {
			s.s.logger.Info("smtp message refused", slog.Int("code", se.Code), slog.Int("size", len(raw)))
		}
		return se
	}
	return nil
}

// slogPrinter adapts a slog.Logger to go-smtp's Logger. go-smtp logs
// connection-level errors (I/O, protocol), which carry no message content.
type slogPrinter struct{ l *slog.Logger }

func (p slogPrinter) Printf(format string, v ...any) {
	p.l.Warn("smtp", slog.String("detail", strings.TrimSpace(fmt.Sprintf(format, v...))))
}

func (p slogPrinter) Println(v ...any) {
	p.l.Warn("smtp", slog.String("detail", strings.TrimSpace(fmt.Sprintln(v...))))
}
