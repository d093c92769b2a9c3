// Package outbox delivers the durable outbox: email through an SMTP relay
// (DKIM-signed when a key is configured, with threading headers on agent
// replies) and SMS through an SMSSender. Rows are claimed with a lease, so
// a crash between the event and the send loses nothing: an unsettled row
// is claimed again when its lease runs out. Failures are retried with
// exponential backoff; a permanent failure shows on the conversation.
//
// Nothing here logs addresses, subjects or bodies, and failure reasons
// stored with a row are built from SMTP codes and error classes only.
package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/proofdesk/proofdesk"
)

// Store is what the worker needs of the store; *sqldb.DB provides it.
type Store interface {
	// ClaimDue leases due queued rows of the given kinds.
	ClaimDue(ctx context.Context, now time.Time, limit int, kinds []string, lease time.Duration) ([]*proofdesk.OutboxDelivery, error)
	// MarkSentBatch settles rows the provider accepted as sent, in one
	// transaction, and returns the IDs of those whose claim was lost; an
	// agent reply's Message-ID threads the customer's answer.
	MarkSentBatch(ctx context.Context, sent []proofdesk.OutboxAccepted, now time.Time) (lost []string, err error)
	// MarkFailed settles a failed attempt; final fails it for good and
	// returns the ID of the system message written on its conversation.
	MarkFailed(ctx context.Context, d *proofdesk.OutboxDelivery, reason string, retryAt time.Time, final bool) (string, error)
	// ThreadsMessageIDs returns the Message-IDs of each of the
	// conversations that has mail, oldest first, read at once.
	ThreadsMessageIDs(ctx context.Context, convIDs []string) (map[string][]string, error)
}

// Mailer hands one composed message to a mail server; *SMTPRelay is one.
type Mailer interface {
	SendMail(ctx context.Context, from string, to []string, msg []byte) error
}

// SMSSender sends one text message. An error wrapped with Permanent fails
// the row for good; any other error is retried.
type SMSSender interface {
	SendSMS(ctx context.Context, to, body string) error
}

// permanentError marks an error that retrying cannot fix.
type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

// Permanent wraps err so that the worker fails the row without retrying
// (an invalid number, a rejected recipient).
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanentError{err}
}

// IsPermanent reports whether err was wrapped with Permanent or is an SMTP
// 5xx reply.
func IsPermanent(err error) bool {
	var pe permanentError
	if errors.As(err, &pe) {
		return true
	}
	var se *smtp.SMTPError
	return errors.As(err, &se) && se.Code >= 500 && se.Code < 600
}

// Config configures a Worker. From is required when a Mailer is given.
type Config struct {
	// From is the sender of every email, such as
	// "Acme Support <support@shop.example>". Its domain names Message-IDs.
	From string
	// DKIM signs every email when set.
	DKIM *DKIMSigner
	// Interval is the pause between polls when nothing was due; zero
	// means 2 seconds.
	Interval time.Duration
	// Wake, when set, ends the pause at once: the store signals on it when
	// a row is queued (pgnotify.Wake on PostgreSQL), so Interval can be a
	// slow safety-net poll.
	Wake <-chan struct{}
	// Batch is the most rows claimed per poll; zero means 100.
	Batch int
	// Workers is the most deliveries in flight at once; zero means 4.
	// Rows of one conversation are delivered one after another, in the
	// order they were claimed, so a conversation's mail keeps its order.
	Workers int
	// MaxAttempts is the number of attempts after which a row fails for
	// good; zero means 8.
	MaxAttempts int
	// BaseBackoff is the wait after the first failure, doubled after each
	// further one up to MaxBackoff; zero means 30 seconds and 1 hour.
	BaseBackoff time.Duration
	MaxBackoff  time.Duration
	// Lease is how long a claimed row is reserved for this worker; zero
	// means 5 minutes. It must exceed the longest send: a send is cut
	// when its row's lease ends, and a row with less than a quarter of
	// its lease left is not started (another node may claim it then).
	Lease time.Duration
	// MarkBatch is the most accepted rows marked sent in one store
	// transaction; zero means 32. MarkDelay is the longest an accepted
	// row waits to be marked; zero means 20 ms. Together they bound what
	// a crash sends twice: the rows the relay accepted and the store had
	// not yet marked, at most 2×MarkBatch + Workers, or those accepted
	// in the last MarkDelay (RELIABILITY.md).
	MarkBatch int
	MarkDelay time.Duration
	// Events, if set, is told about "delivery failed" system messages.
	Events proofdesk.EventService
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// Webhooks, when set, delivers rows of kind webhook (webhook.go).
	Webhooks *WebhookSender
	// Branding, when set, gives the name, logo and colour of the HTML
	// part of every email, read per mail; Company is the name without
	// it ("" means the From display name).
	Branding proofdesk.BrandingService
	Company  string
}

// Worker delivers outbox rows.
type Worker struct {
	st     Store
	mailer Mailer
	sms    SMSSender
	cfg    Config
	from   *address
	log    *slog.Logger
}

// NewWorker returns a worker delivering email through mailer and SMS
// through sms. Either may be nil: rows of that kind then stay queued in
// the built-in outbox. Returns an error if From is missing or invalid
// while mailer is set.
func NewWorker(st Store, mailer Mailer, sms SMSSender, cfg Config, logger *slog.Logger) (*Worker, error) {
	if cfg.Interval <= 0 {
		cfg.Interval = 2 * time.Second
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 100
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 4
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 8
	}
	if cfg.BaseBackoff <= 0 {
		cfg.BaseBackoff = 30 * time.Second
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = time.Hour
	}
	if cfg.Lease <= 0 {
		cfg.Lease = 5 * time.Minute
	}
	if cfg.MarkBatch <= 0 {
		cfg.MarkBatch = 32
	}
	if cfg.MarkDelay <= 0 {
		cfg.MarkDelay = 20 * time.Millisecond
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	w := &Worker{st: st, mailer: mailer, sms: sms, cfg: cfg, log: logger}
	if mailer != nil {
		a, err := parseFrom(cfg.From)
		if err != nil {
			return nil, err
		}
		w.from = a
	}
	return w, nil
}

// Enabled reports whether the worker has anything to deliver with. With
// no relay and no SMS provider (the demo), it is not run and messages stay
// in the built-in outbox.
func (w *Worker) Enabled() bool { return w.mailer != nil || w.sms != nil || w.cfg.Webhooks != nil }

// Availability is an optional interface of a Mailer or SMSSender whose
// provider can be set or unset while the server runs (the console's
// channel settings): rows of its kind stay queued while it is not
// available.
type Availability interface {
	Available(ctx context.Context) bool
}

func available(ctx context.Context, v any) bool {
	if a, ok := v.(Availability); ok {
		return a.Available(ctx)
	}
	return true
}

func (w *Worker) kinds() []string {
	ctx := context.Background()
	var k []string
	if w.mailer != nil && available(ctx, w.mailer) {
		k = append(k, proofdesk.OutboxEmail)
	}
	if w.sms != nil && available(ctx, w.sms) {
		k = append(k, proofdesk.OutboxSMS)
	}
	if w.cfg.Webhooks != nil {
		k = append(k, proofdesk.OutboxWebhook)
	}
	return k
}

// Run delivers until ctx is done and returns ctx's error. It returns at
// once when the worker is not Enabled.
func (w *Worker) Run(ctx context.Context) error {
	if !w.Enabled() {
		return nil
	}
	for {
		n, err := w.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			w.log.Error("outbox", slog.Any("error", err))
		}
		if n > 0 && err == nil {
			continue // more may be due
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(w.cfg.Interval):
		case <-w.cfg.Wake:
		}
	}
}

// RunOnce claims one batch of due rows, attempts each, and returns how
// many it attempted. Up to Workers conversations are delivered at once;
// the rows of one conversation go one after another, in claim order, and
// carry the conversation's Message-IDs read once for the whole batch
// (thread), as is the branding. Accepted rows are marked sent several
// at a time (marker), all before RunOnce returns; a mark that fails is
// retried until it lands (sending waits meanwhile), or for a bounded time
// once ctx is done. Any other store error stops the batch (no row is
// started after it; sends in flight finish; the rows not settled return
// when their lease runs out) and is returned.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	kinds := w.kinds()
	if len(kinds) == 0 {
		return 0, nil
	}
	ds, err := w.st.ClaimDue(ctx, w.cfg.Now().UTC(), w.cfg.Batch, kinds, w.cfg.Lease)
	if err != nil || len(ds) == 0 {
		return 0, err
	}
	// Group by conversation, keeping claim order within each group and
	// the order of first appearance between groups.
	var groups [][]*proofdesk.OutboxDelivery
	at := make(map[string]int)
	for _, d := range ds {
		key := d.ConversationID
		if key == "" {
			key = "row:" + d.ID // no conversation: no order to keep
		}
		i, ok := at[key]
		if !ok {
			i = len(groups)
			at[key] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], d)
	}
	runCtx := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	stop := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
			cancel()
		}
		mu.Unlock()
	}
	// The threads of the batch's replies, read at once.
	read := map[string]bool{}
	for _, d := range ds {
		if d.Kind == proofdesk.OutboxEmail && isReply(d) {
			read[d.ConversationID] = true
		}
	}
	threads, err := w.st.ThreadsMessageIDs(ctx, slices.Collect(maps.Keys(read)))
	if err != nil {
		return 0, err
	}
	mk := w.startMarker(runCtx, stop)
	// The branding every mail of the batch carries, read once.
	var brand *proofdesk.Branding
	if slices.ContainsFunc(ds, func(d *proofdesk.OutboxDelivery) bool { return d.Kind == proofdesk.OutboxEmail }) {
		b := w.brand(ctx)
		brand = &b
	}
	sem := make(chan struct{}, w.cfg.Workers)
	for _, g := range groups {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			th := &thread{ids: threads[g[0].ConversationID], read: read[g[0].ConversationID]}
			for _, d := range g {
				if ctx.Err() != nil {
					return
				}
				if err := w.deliver(ctx, runCtx, d, th, brand, mk); err != nil {
					stop(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	mk.close()
	if firstErr != nil {
		return 0, firstErr
	}
	return len(ds), nil
}

// sendGrace is how long a send in flight may still run once the worker
// is stopping: a transaction cut after its final dot leaves a mail the
// relay may have and the store does not know is sent (sent again after
// the restart).
const sendGrace = 5 * time.Second

// deliver attempts one claimed row, an email with the thread th of its
// conversation and the batch's branding; an accepted row goes to mk to be
// marked sent, a failed one is settled at once. ctx is the batch's: once
// it ends no row is started. A send already started is not cut when the
// batch stops (another row's store error): it runs until the relay
// answers, its row's lease ends, or sendGrace after runCtx (the worker's)
// ends.
func (w *Worker) deliver(ctx, runCtx context.Context, d *proofdesk.OutboxDelivery, th *thread, brand *proofdesk.Branding, mk *marker) error {
	attrs := deliveryAttrs(d)
	if d.Attempts > w.cfg.MaxAttempts {
		// Claimed again after its worker stopped mid-send, too often.
		return w.fail(ctx, d, "delivery interrupted too often", true, attrs)
	}
	// A send must end within the row's claim: past it another worker
	// may claim the row and send it too. A row claimed long ago (a slow
	// batch) whose lease has less than a quarter left is not started; it
	// is claimed again when its lease ends.
	left := w.cfg.Lease
	if !d.LeaseUntil.IsZero() {
		left = d.LeaseUntil.Sub(w.cfg.Now())
	}
	if left < w.cfg.Lease/4 {
		w.log.Warn("outbox row left for the next claim: its lease is nearly over", attrs...)
		return nil
	}
	sendCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), left)
	defer cancel()
	cut := context.AfterFunc(runCtx, func() { time.AfterFunc(sendGrace, cancel) })
	defer cut()
	var msgID string
	var err error
	switch d.Kind {
	case proofdesk.OutboxEmail:
		msgID, err = w.sendEmail(sendCtx, d, th, brand)
	case proofdesk.OutboxSMS:
		err = w.sms.SendSMS(sendCtx, d.To, d.Body)
	case proofdesk.OutboxWebhook:
		err = w.cfg.Webhooks.SendWebhook(sendCtx, d)
	default:
		err = Permanent(fmt.Errorf("unknown kind"))
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err() // stopping: the lease returns the row
		}
		return w.fail(ctx, d, reason(err), IsPermanent(err) || d.Attempts >= w.cfg.MaxAttempts, attrs)
	}
	// The relay has the message: it is marked sent even if the worker
	// is stopping, or the next start would send it again.
	mk.add(proofdesk.OutboxAccepted{Delivery: d, MessageID: msgID})
	return nil
}

// deliveryAttrs are the log attributes of d: IDs and counts, no content.
func deliveryAttrs(d *proofdesk.OutboxDelivery) []any {
	return []any{slog.String("outbox_id", d.ID), slog.String("kind", d.Kind), slog.String("purpose", d.Purpose), slog.Int("attempt", d.Attempts)}
}

// markTimeout bounds one transaction marking rows sent, and how long a
// stopping worker keeps retrying one that failed.
const markTimeout = 10 * time.Second

// markStopRetry is how long a stopping worker keeps retrying to mark
// accepted rows sent (tests shorten it).
var markStopRetry = markTimeout

// markRetryFirst and markRetryMax are the first and the longest wait
// between two tries at marking accepted rows sent.
const (
	markRetryFirst = 50 * time.Millisecond
	markRetryMax   = 2 * time.Second
)

// marker marks the rows of one claim batch sent as the provider accepts
// them, several per store transaction: a row waits until MarkBatch are
// waiting or for MarkDelay at most. At most one transaction is in flight
// and MarkBatch rows wait behind it; a sender that finds that full waits
// too, so a store that hangs stops the sending rather than letting
// accepted, unmarked rows pile up (they are what a crash sends twice).
//
// A transaction that fails (the disk full, the database busy or out of
// reach) is retried with backoff, the rows kept in memory, until it lands:
// the relay has those mails, and a row left claimed and unmarked is sent
// again when its lease runs out. Meanwhile the senders wait (the queue
// is full), so nothing more is sent that could not be recorded. A
// stopping worker gives up markStopRetry after it was told to stop, and
// an error other than the store out of reach is tried markRetryOther
// times; those rows are sent again after their lease or the restart (at
// least once, same Message-ID).
type marker struct {
	w      *Worker
	in     chan proofdesk.OutboxAccepted
	done   chan struct{}
	ctx    context.Context // outlives the batch's: accepted mail is marked
	runCtx context.Context // the worker's: once done, retries are bounded
	stopAt time.Time       // when retries end, set once runCtx is done
	stop   func(error)
}

func (w *Worker) startMarker(runCtx context.Context, stop func(error)) *marker {
	m := &marker{w: w, in: make(chan proofdesk.OutboxAccepted, w.cfg.MarkBatch), done: make(chan struct{}),
		ctx: context.WithoutCancel(runCtx), runCtx: runCtx, stop: stop}
	go m.run()
	return m
}

// add hands an accepted row over to be marked sent; it blocks while a
// full batch waits behind the transaction in flight.
func (m *marker) add(s proofdesk.OutboxAccepted) { m.in <- s }

// close marks what is left and returns when every row handed over was
// marked (or its transaction failed).
func (m *marker) close() {
	close(m.in)
	<-m.done
}

func (m *marker) run() {
	defer close(m.done)
	var batch []proofdesk.OutboxAccepted
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	flush := func() {
		timer.Stop()
		if len(batch) > 0 {
			m.flush(batch)
			batch = nil
		}
	}
	for {
		select {
		case s, ok := <-m.in:
			if !ok {
				flush()
				return
			}
			batch = append(batch, s)
			if len(batch) == 1 {
				timer.Reset(m.w.cfg.MarkDelay)
			}
			if len(batch) >= m.w.cfg.MarkBatch {
				flush()
			}
		case <-timer.C:
			flush()
		}
	}
}

// flush marks batch sent in one transaction, retried until it lands
// (see marker for when it gives up), and logs each row.
func (m *marker) flush(batch []proofdesk.OutboxAccepted) {
	var lost []string
	wait := markRetryFirst
	for try := 1; ; try++ {
		var err error
		lost, err = m.mark(batch)
		if err == nil {
			if try > 1 {
				m.w.log.Info("outbox rows marked sent after failed tries", slog.Int("rows", len(batch)), slog.Int("tries", try))
			}
			break
		}
		if m.runCtx.Err() != nil && m.stopAt.IsZero() {
			m.stopAt = time.Now().Add(markStopRetry)
		}
		stopping := !m.stopAt.IsZero() && !time.Now().Before(m.stopAt)
		if stopping || (!transient(err) && try >= markRetryOther) {
			m.w.log.Error("outbox rows accepted by the relay could not be marked sent; they are sent again when their lease ends",
				slog.Int("rows", len(batch)), slog.Int("tries", try), slog.Any("error", err))
			m.stop(err)
			return
		}
		if try == 1 || try%10 == 0 {
			m.w.log.Warn("outbox marking sent failed, retrying; sending waits", slog.Int("rows", len(batch)),
				slog.Int("try", try), slog.Any("error", err))
		}
		time.Sleep(wait)
		wait = min(2*wait, markRetryMax)
	}
	for _, s := range batch {
		if slices.Contains(lost, s.Delivery.ID) {
			m.w.log.Warn("outbox sent after losing the claim", deliveryAttrs(s.Delivery)...)
			continue
		}
		m.w.log.Info("outbox sent", deliveryAttrs(s.Delivery)...)
	}
}

// markRetryOther is how many times a mark failing with an error that is
// not the store being out of reach (transient) is tried: such an error
// may be the rows' own (a conversation erased meanwhile), and retrying it
// for ever would hold every later mail back.
const markRetryOther = 5

// transient reports whether a mark-sent transaction failed because the
// store is out of reach for a while (the disk full, the database busy,
// restarting or unreachable, or too slow to answer in markTimeout).
func transient(err error) bool {
	return proofdesk.StoreUnavailable(err) || errors.Is(err, context.DeadlineExceeded)
}

// mark runs one mark-sent transaction over batch.
func (m *marker) mark(batch []proofdesk.OutboxAccepted) ([]string, error) {
	ctx, cancel := context.WithTimeout(m.ctx, markTimeout)
	defer cancel()
	return m.w.st.MarkSentBatch(ctx, batch, m.w.cfg.Now().UTC())
}

func (w *Worker) fail(ctx context.Context, d *proofdesk.OutboxDelivery, why string, final bool, attrs []any) error {
	retry := w.cfg.Now().UTC().Add(w.Backoff(d.Attempts))
	sysMsg, err := w.st.MarkFailed(ctx, d, why, retry, final)
	if err != nil {
		if proofdesk.ErrorCode(err) == proofdesk.ECONFLICT {
			return nil
		}
		return err
	}
	attrs = append(attrs, slog.String("reason", why), slog.Bool("final", final))
	if final {
		w.log.Error("outbox delivery failed", attrs...)
		if sysMsg != "" && w.cfg.Events != nil {
			w.cfg.Events.PublishEvent(ctx, proofdesk.Event{Type: proofdesk.EventMessageCreated, ConversationID: d.ConversationID,
				MessageID: sysMsg, AuthorKind: proofdesk.AuthorSystem, At: w.cfg.Now().UTC()})
		}
		return nil
	}
	w.log.Warn("outbox attempt failed", append(attrs, slog.Time("retry_at", retry))...)
	return nil
}

// Backoff returns the wait after the given number of failed attempts:
// BaseBackoff doubled per further attempt, at most MaxBackoff.
func (w *Worker) Backoff(attempts int) time.Duration {
	d := w.cfg.BaseBackoff
	for i := 1; i < attempts; i++ {
		d *= 2
		if d >= w.cfg.MaxBackoff {
			return w.cfg.MaxBackoff
		}
	}
	return min(d, w.cfg.MaxBackoff)
}

// reason describes a send error in words an admin can act on, from
// codes and classes only: SMTP replies and provider errors can quote the
// recipient's address, so their text is never kept.
func reason(err error) string { return Describe(err) }

// Describe says in words what a send error was: the relay refused the
// connection, its name did not resolve, TLS failed, authentication
// failed, the recipient was refused (with the SMTP codes), a timeout.
// It never quotes the error's text, which can hold an address.
func Describe(err error) string {
	var se *smtp.SMTPError
	var ne net.Error
	var oe *net.OpError
	var dnsErr *net.DNSError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &se):
		r := fmt.Sprintf("smtp %d", se.Code)
		if se.EnhancedCode != (smtp.EnhancedCode{}) && se.EnhancedCode != smtp.NoEnhancedCode {
			r += fmt.Sprintf(" %d.%d.%d", se.EnhancedCode[0], se.EnhancedCode[1], se.EnhancedCode[2])
		}
		switch {
		case se.Code == 535 || se.Code == 534 || se.Code == 530 || se.Code == 538:
			return "authentication failed: the relay refused the login (" + r + ")"
		case se.Code == 550 || se.Code == 551 || se.Code == 553 || se.Code == 554 || se.Code == 552:
			return "the relay refused the message or its recipient (" + r + ")"
		case se.Code >= 400 && se.Code < 500:
			return "the relay deferred the message, retrying (" + r + ")"
		}
		return "the relay answered " + r
	case errors.As(err, new(httpStatusError)):
		var he httpStatusError
		errors.As(err, &he)
		return he.Error()
	case errors.Is(err, errBlockedAddr):
		return "address not allowed"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused: nothing listens at the relay's address and port"
	case errors.As(err, &dnsErr):
		return "the relay's host name did not resolve (DNS)"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout: the relay did not answer in time"
	case strings.Contains(err.Error(), "tls:") || strings.Contains(err.Error(), "x509:") || strings.Contains(err.Error(), "STARTTLS"):
		return "TLS failed: the relay's certificate was not trusted or it does not speak TLS as set (check the security mode)"
	case errors.As(err, &oe):
		return "network error (" + oe.Op + ")"
	case errors.As(err, &ne) && ne.Timeout():
		return "timeout: the relay did not answer in time"
	case IsPermanent(err):
		return "rejected by the provider"
	}
	return "send failed"
}
