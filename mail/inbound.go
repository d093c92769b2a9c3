package mail

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/verify"
)

// CustomerFinder finds customers; proofdesk.CustomerService provides it.
// The Email filter goes through the blind index.
type CustomerFinder interface {
	FindCustomers(ctx context.Context, f proofdesk.CustomerFilter) ([]*proofdesk.Customer, int, error)
}

// ConversationStore is the part of proofdesk.ConversationService inbound
// mail uses: it reads conversations; ThreadStore.StoreInbound writes.
type ConversationStore interface {
	FindConversationByID(ctx context.Context, id string) (*proofdesk.Conversation, error)
}

// ThreadStore maps mail Message-IDs to conversations, keeps inbound mail
// whole, its attachments, bounces and DMARC factors; *sqldb.DB provides
// it.
type ThreadStore interface {
	// StoreInbound stores an inbound mail in one transaction: its
	// message (in a new conversation when d.Conversation.ID is empty),
	// the flag, link and reopening it causes, and its record (Message-ID,
	// content digest, original sealed). It sets d.Duplicate, storing
	// nothing, when the same mail was recorded already.
	StoreInbound(ctx context.Context, d *proofdesk.InboundDelivery) error
	// FindConversationByMessageID returns ENOTFOUND if no mail has that ID.
	FindConversationByMessageID(ctx context.Context, messageID string) (string, error)
	// FindSentTexts returns the texts of the desk's replies in a
	// conversation, at most limit: those sent with one of messageIDs
	// first, in that order, then the newest.
	FindSentTexts(ctx context.Context, convID string, messageIDs []string, limit int) ([]string, error)
	// InboundDuplicate reports whether a mail with that Message-ID and
	// that content digest was stored, and in which conversation.
	InboundDuplicate(ctx context.Context, messageID, contentDigest string) (string, bool, error)
	// FindInboundMessage returns the conversation and message a mail's
	// message was stored as, by its client ID; ENOTFOUND if none was.
	FindInboundMessage(ctx context.Context, clientID string) (convID, msgID string, err error)
	// AddEmailFactor records an authenticated mail from an on-file
	// address (AuthResult.ForDesk).
	AddEmailFactor(ctx context.Context, convID, contactPointID string, at time.Time) (proofdesk.Level, error)
	// ReopenConversation makes a conversation the customer wrote to open.
	ReopenConversation(ctx context.Context, convID string) (*proofdesk.Conversation, error)
	// LinkConversations records that convID continues previousID.
	LinkConversations(ctx context.Context, convID, previousID, reason string) error
	// FlagDifferentSender flags a mail from someone other than the
	// requester and drops the conversation's level to L0.
	FlagDifferentSender(ctx context.Context, convID, msgID string) (proofdesk.Level, error)
	// FindOutboxBySentMessageID finds the outbox row of a sent reply.
	FindOutboxBySentMessageID(ctx context.Context, smtpMessageID string) (string, error)
	// MarkBounced marks an outbox row failed after a bounce.
	MarkBounced(ctx context.Context, outboxID, status string) (convID, sysMsgID string, err error)
}

// InboundConfig holds what an InboundHandler needs. Customers,
// Conversations and Threads are required.
type InboundConfig struct {
	Customers     CustomerFinder
	Conversations ConversationStore
	Threads       ThreadStore
	// Resolver answers DKIM, SPF and DMARC lookups; nil means no
	// authentication (every result "none": no mail ever counts as a
	// factor; a From field given twice still fails DMARC, which needs no
	// DNS).
	Resolver Resolver
	// Addresses are the desk's own inbound addresses, such as
	// "support@shop.example". A mail that passes DMARC on its DKIM
	// signature alone counts only if that signature covers a To or Cc
	// naming one of them, and a recent Date (AuthResult.ForDesk): a
	// signed mail the customer once sent anyone else proves nothing.
	// Empty: only a DMARC pass on aligned SPF counts.
	Addresses []string
	// MaxMailAge bounds the age of a DKIM-signed mail's Date for it to
	// count; zero means DefaultMaxMailAge (72 hours).
	MaxMailAge time.Duration
	// Events, if set, is told about new conversations, messages and level
	// changes.
	Events proofdesk.EventService
	// Branding, if set, names the company the HTML part of the desk's
	// mail shows above each reply (outbox/html.go): a customer's client
	// that quotes that part quotes the name too, and it is cut with the
	// reply. Nil: only the replies' own text is recognised.
	Branding proofdesk.BrandingService
	// Limits bound what Parse accepts.
	Limits Limits
	// CoolingOff is the cooling-off window of verify.EmailFactor; zero
	// means verify.DefaultCoolingOff.
	CoolingOff time.Duration
	// ReopenWindow is how long after a conversation was resolved (its
	// last change) a customer's mail reopens it; later, the mail starts a
	// new conversation linked to the old one. Zero means
	// DefaultReopenWindow.
	ReopenWindow time.Duration
	// Logger logs IDs and outcomes, never addresses or content.
	Logger *slog.Logger
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
}

// DefaultReopenWindow is how long a resolved conversation is reopened by
// the customer's mail: 7 days.
const DefaultReopenWindow = 7 * 24 * time.Hour

// InboundHandler is the Handler that turns inbound mail into
// conversations: parse with limits, authenticate (DKIM/SPF/DMARC), thread
// (subject token, then In-Reply-To and References, else a new email
// conversation whose requester claims are the From name and address;
// only ever into an email conversation), match the sender to a customer
// through the blind index only when the mail authenticates its From
// (AuthResult.ForDesk: DMARC pass, fresh and addressed to the desk; a new
// conversation, or one linked to nobody yet; claims never link nor raise
// the level), store the text without quoted history as the message (and,
// in a conversation it threads into, without the desk's own replies there,
// quoted with a marker or not: StripQuotedSubject, Inbound.StripSent), the
// whole original sealed beside it and the attachments encrypted, and count
// an authenticated mail from an on-file address outside the cooling-off
// window as an email factor. A mail that fails DMARC (or gives From twice)
// sets the dmarc_fail risk signal; one from the requester's address that
// does not authenticate it drops the conversation to L0, as a different
// sender does.
//
// Machine mail never opens a conversation and never counts as the
// customer speaking: a bounce (DSN) marks the outgoing mail it reports
// failed, found by its VERP return path or its Message-ID, and is
// consumed; an auto-reply that threads into a conversation is kept there
// as an internal system note, else dropped. A customer's mail to a
// resolved, pending or snoozed conversation reopens it within
// ReopenWindow, and after it starts a new conversation linked to the old
// one. A mail whose sender is not the conversation's requester is flagged
// "different sender" and drops the conversation to L0.
//
// Attachments are kept with their Content-IDs (encrypted under the
// conversation's data key), stored with the message in its transaction;
// what exceeds Limits is refused at SMTP time with 552 (too large) or 554
// (too many parts, too deep), which the sending server turns into a
// bounce. A store failure is a temporary failure (451): the sender keeps
// the message and retries, and a retried message whose Message-ID was
// already stored is acknowledged without being stored twice; one whose
// message was stored but not recorded is found by the message's client ID.
type InboundHandler struct {
	cfg InboundConfig
	log *slog.Logger
}

var _ Handler = (*InboundHandler)(nil)

// NewInboundHandler returns the handler for cfg. It panics if Customers,
// Conversations or Threads is nil.
func NewInboundHandler(cfg InboundConfig) *InboundHandler {
	if cfg.Customers == nil || cfg.Conversations == nil || cfg.Threads == nil {
		panic("mail: NewInboundHandler needs Customers, Conversations and Threads")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.CoolingOff <= 0 {
		cfg.CoolingOff = verify.DefaultCoolingOff
	}
	if cfg.ReopenWindow <= 0 {
		cfg.ReopenWindow = DefaultReopenWindow
	}
	cfg.Limits = cfg.Limits.withDefaults()
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &InboundHandler{cfg: cfg, log: log}
}

// Summary returns the results as "dkim=pass spf=none dmarc=pass": no
// domains or addresses, safe to store and log.
func (r AuthResult) Summary() string {
	v := func(s string) string {
		if s == "" {
			return ResultNone
		}
		return s
	}
	return "dkim=" + v(r.DKIM) + " spf=" + v(r.SPF) + " dmarc=" + v(r.DMARC)
}

// temporary hides the code of a store error so that the listener answers
// 451 and the sender retries: a message is never refused for good because
// the store failed.
type temporary struct{ err error }

func (t temporary) Error() string { return "inbound: " + t.err.Error() }

// Delivered is what Deliver did with one message; DeliverMessage returns it.
type Delivered struct {
	ConversationID string
	MessageID      string // the stored proofdesk message, "" for a duplicate
	New            bool   // a new conversation was opened
	Duplicate      bool   // the same mail was already stored; nothing new
	// Auto is the Inbound.Auto of machine mail: AutoBounce or AutoReply.
	Auto string
	// BouncedOutboxID is the outbox row a bounce was matched to.
	BouncedOutboxID string
	// Reopened: a resolved, pending or snoozed conversation became open.
	Reopened bool
	// PreviousID is the resolved conversation a new one continues.
	PreviousID string
	// DifferentSender: the sender is not the conversation's requester.
	DifferentSender bool
	// Authenticated: the mail authenticates its From address to the desk
	// now (AuthResult.ForDesk); only then is it linked to the customer
	// with that address on file, or a factor.
	Authenticated bool
	Level         proofdesk.Level
	Auth          AuthResult
}

// Deliver implements Handler.
func (h *InboundHandler) Deliver(ctx context.Context, env Envelope, raw []byte) error {
	_, err := h.DeliverMessage(ctx, env, raw)
	return err
}

// DeliverMessage stores raw as Deliver does and reports what it did.
func (h *InboundHandler) DeliverMessage(ctx context.Context, env Envelope, raw []byte) (*Delivered, error) {
	in, err := Parse(bytes.NewReader(raw), h.cfg.Limits)
	if err != nil {
		return nil, err // EINVALID with its 552/554
	}
	if in.Auto == "" && env.RemoteIP != nil && env.MailFrom == "" {
		// The null reverse path is reserved for notifications (RFC 5321
		// §4.5.5): whatever the header says, a machine sent it; from
		// postmaster, it is a non-delivery report.
		in.Auto = AutoReply
		if strings.HasPrefix(strings.ToLower(in.From.Address), "postmaster@") {
			in.Auto, in.DSN = AutoBounce, &DSN{}
		}
	}
	now := h.cfg.Now().UTC()
	res := &Delivered{Auto: in.Auto}
	if in.Auto == AutoBounce {
		return res, h.bounce(ctx, env, in, res)
	}
	if h.cfg.Resolver != nil {
		res.Auth = Authenticate(ctx, raw, env.RemoteIP, env.Helo, env.MailFrom, h.cfg.Resolver)
	} else {
		res.Auth = AuthResult{DKIM: ResultNone, SPF: ResultNone, DMARC: ResultNone}
		if _, malformed := fromDomain(raw); malformed {
			res.Auth.FromMalformed, res.Auth.DMARC = true, ResultFail
		}
	}
	authed, why := res.Auth.ForDesk(raw, in.From.Address, DeskCheck{Addresses: h.cfg.Addresses, Now: now, MaxAge: h.cfg.MaxMailAge})
	res.Authenticated = authed

	digest := in.ContentDigest()
	msgID := in.MessageID
	if msgID == "" {
		// Without a Message-ID, the content identifies a retry.
		sum := sha256.Sum256(raw)
		msgID = hex.EncodeToString(sum[:16]) + "@no-message-id.invalid"
	}
	convID, dup, err := h.cfg.Threads.InboundDuplicate(ctx, msgID, digest)
	if err != nil {
		return nil, temporary{err}
	}
	if dup {
		res.Duplicate, res.ConversationID = true, convID
		h.log.Info("inbound mail already stored", slog.String("conversation_id", res.ConversationID))
		return res, nil
	}

	conv, err := h.thread(ctx, in)
	if err != nil {
		return nil, temporary{err}
	}
	if conv != nil {
		sent, err := h.sentTexts(ctx, conv.ID, in)
		if err != nil {
			return nil, temporary{err}
		}
		in.StripSent(sent)
	}
	if in.Auto == AutoReply {
		return res, h.autoReply(ctx, conv, in, msgID, digest, raw, res)
	}

	body := in.StrippedBody
	switch {
	case strings.TrimSpace(body) == "" && strings.TrimSpace(in.TextBody) != "":
		body = "(This email has no new text: it quotes the desk's earlier reply.)"
	case strings.TrimSpace(body) == "":
		body = "(This email has no text.)"
	}
	// The client ID covers the content too: a different mail that reuses
	// a Message-ID is a different message.
	sum := sha256.Sum256([]byte(msgID + "\x00" + digest))
	m := &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: body, ClientID: "email:" + hex.EncodeToString(sum[:16])}
	// The files are stored with the message, in its transaction: a
	// message is never kept without them.
	for _, a := range in.Attachments {
		m.Attachments = append(m.Attachments, &proofdesk.Attachment{Filename: a.Filename, ContentType: a.ContentType,
			ContentID: a.ContentID, Size: a.Size, Data: a.Data})
	}

	// A retry of a mail whose message was stored (a new conversation
	// opened, say) but which failed before it was recorded goes where the
	// message is, and CreateMessage finds it by client ID: nothing is
	// stored twice.
	var stored *proofdesk.Conversation
	switch convID, _, err := h.cfg.Threads.FindInboundMessage(ctx, m.ClientID); {
	case err == nil:
		c, err := h.cfg.Conversations.FindConversationByID(ctx, convID)
		if err != nil {
			return nil, temporary{err}
		}
		if c.Channel == proofdesk.ChannelEmail {
			stored = c
		}
	case proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND:
		return nil, temporary{err}
	}
	var previous *proofdesk.Conversation
	if conv != nil && conv.Status == proofdesk.StatusResolved && now.Sub(lastChange(conv)) > h.cfg.ReopenWindow {
		previous, conv = conv, nil
	}
	if stored != nil {
		conv = stored
		if previous != nil && previous.ID == stored.ID {
			previous = nil
		}
	}
	d := &proofdesk.InboundDelivery{Conversation: conv, Message: m,
		Mail: proofdesk.InboundMail{HeaderMessageID: msgID, AuthResults: res.Auth.Summary(), ContentDigest: digest, Raw: raw, FullText: in.TextBody}}
	if conv == nil {
		d.Conversation = &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, Subject: in.Subject,
			Requester: proofdesk.Requester{Name: in.From.Name, Email: in.From.Address}}
		// Only an authenticated mail is linked to the customer with its
		// address on file: linking on a bare From would answer "is this
		// address on file, and whose is it?" to anyone who mails the desk
		// (an agent past the lookup limit, say). Otherwise the address
		// stays the requester's claim, as in a chat, and the agent looks
		// the customer up (counted) to link.
		if authed {
			if cust := h.matchCustomer(ctx, in.From.Address); cust != nil {
				d.Conversation.CustomerID = cust.ID
			}
		}
		res.New = true
	} else {
		res.DifferentSender = !sameAddress(in.From.Address, conv.Requester.Email)
		// Whoever this is, their mail proves nothing and must not act at
		// the level the requester reached.
		d.DifferentSender, d.Reopen = res.DifferentSender, conv.Status != proofdesk.StatusOpen
		// Nor does a mail that claims the requester's address without
		// authenticating it: anyone can write that From.
		d.Unauthenticated = !res.DifferentSender && !authed
		if !res.DifferentSender && authed && conv.CustomerID == "" {
			if cust := h.matchCustomer(ctx, in.From.Address); cust != nil {
				d.LinkCustomerID = cust.ID
			}
		}
	}
	d.DMARCFail = res.Auth.DMARC == ResultFail
	if previous != nil {
		d.PreviousID = previous.ID
	}
	d.Mail.SenderDiffers = res.DifferentSender
	before := proofdesk.L0
	if conv != nil {
		before = conv.EffectiveLevel(now)
	}
	// The message, what it changes and the mail's record are one
	// transaction: a mail stored is a mail recognised when the sender,
	// who never saw our 250, sends it again.
	if err := h.cfg.Threads.StoreInbound(ctx, d); err != nil {
		return nil, temporary{err}
	}
	if d.Duplicate {
		res.New, res.DifferentSender = false, false
		res.Duplicate, res.ConversationID = true, d.Mail.ConversationID
		h.log.Info("inbound mail already stored", slog.String("conversation_id", res.ConversationID))
		return res, nil
	}
	conv = d.Conversation
	res.ConversationID, res.MessageID, res.Reopened = conv.ID, m.ID, d.Reopened
	res.PreviousID = d.PreviousID
	res.Level = before
	if res.DifferentSender || d.Unauthenticated {
		res.Level = proofdesk.L0
	}
	if !res.DifferentSender && authed {
		if level, ok := h.emailFactor(ctx, conv, in, now); ok {
			res.Level = level
		}
	}
	h.log.Info("inbound mail stored", slog.String("conversation_id", conv.ID), slog.String("message_id", m.ID),
		slog.Bool("new_conversation", res.New), slog.Int("attachments", len(in.Attachments)),
		slog.String("auth", res.Auth.Summary()), slog.Bool("authenticated", authed), slog.String("not_authenticated", why),
		slog.String("level", res.Level.String()),
		slog.Bool("reopened", res.Reopened), slog.Bool("different_sender", res.DifferentSender))
	h.publish(ctx, res, before)
	return res, nil
}

// lastChange is when a conversation last changed: for a resolved one,
// when it was resolved or written to since.
func lastChange(c *proofdesk.Conversation) time.Time {
	if c.LastActivityAt.After(c.UpdatedAt) {
		return c.LastActivityAt
	}
	return c.UpdatedAt
}

// sameAddress compares two mail addresses as the blind index does:
// normalised, case-insensitive.
func sameAddress(a, b string) bool {
	na, err1 := proofdesk.NormalizeEmail(a)
	nb, err2 := proofdesk.NormalizeEmail(b)
	if err1 != nil || err2 != nil {
		return false
	}
	return na == nb
}

// bounce consumes a delivery-status notification: the outgoing mail it
// reports (by VERP return path, else by the returned Message-ID) is
// marked failed. It never opens a conversation, matched or not.
func (h *InboundHandler) bounce(ctx context.Context, env Envelope, in *Inbound, res *Delivered) error {
	if in.DSN != nil && len(in.DSN.Recipients) > 0 && !in.DSN.Failed() {
		// "delayed", "delivered", "relayed": no failure to record.
		h.log.Info("inbound delivery report consumed", slog.String("action", in.DSN.Recipients[0].Action))
		return nil
	}
	id, ok := BounceOutboxID(env, in)
	if !ok && in.DSN != nil && in.DSN.OriginalMessageID != "" {
		found, err := h.cfg.Threads.FindOutboxBySentMessageID(ctx, in.DSN.OriginalMessageID)
		switch {
		case err == nil:
			id, ok = found, true
		case proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND:
			return temporary{err}
		}
	}
	if !ok {
		h.log.Info("inbound bounce consumed", slog.Bool("matched", false))
		return nil
	}
	convID, sysMsg, err := h.cfg.Threads.MarkBounced(ctx, id, in.DSN.Status())
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		h.log.Info("inbound bounce consumed", slog.Bool("matched", false))
		return nil
	} else if err != nil {
		return temporary{err}
	}
	res.BouncedOutboxID, res.ConversationID, res.MessageID = id, convID, sysMsg
	h.log.Info("inbound bounce consumed", slog.Bool("matched", true), slog.String("outbox_id", id), slog.String("conversation_id", convID))
	if sysMsg != "" && h.cfg.Events != nil {
		h.cfg.Events.PublishEvent(ctx, proofdesk.Event{Type: proofdesk.EventMessageCreated, ConversationID: convID, MessageID: sysMsg,
			AuthorKind: proofdesk.AuthorSystem, At: h.cfg.Now().UTC()})
	}
	return nil
}

// autoReply keeps an auto-reply that threads into a conversation as an
// internal system note there, with its original, and drops one that
// threads nowhere: it never opens or reopens a conversation, never counts
// as the customer speaking, never raises a level, and nothing answers it.
func (h *InboundHandler) autoReply(ctx context.Context, conv *proofdesk.Conversation, in *Inbound, msgID, digest string, raw []byte, res *Delivered) error {
	if conv == nil {
		h.log.Info("inbound auto-reply consumed", slog.Bool("threaded", false))
		return nil
	}
	text := in.StrippedBody
	if strings.TrimSpace(text) == "" {
		text = "(no text)"
	}
	sum := sha256.Sum256([]byte(msgID + "\x00" + digest))
	m := &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorSystem, Internal: true,
		Body: "Automatic reply received (not from the customer in person):\n\n" + text, ClientID: "email:" + hex.EncodeToString(sum[:16])}
	d := &proofdesk.InboundDelivery{Conversation: conv, Message: m, Mail: proofdesk.InboundMail{HeaderMessageID: msgID,
		AuthResults: res.Auth.Summary(), ContentDigest: digest, Raw: raw, FullText: in.TextBody,
		SenderDiffers: !sameAddress(in.From.Address, conv.Requester.Email)}}
	if err := h.cfg.Threads.StoreInbound(ctx, d); err != nil {
		return temporary{err}
	}
	if d.Duplicate {
		res.Duplicate, res.ConversationID = true, d.Mail.ConversationID
		return nil
	}
	res.ConversationID, res.MessageID = conv.ID, m.ID
	h.log.Info("inbound auto-reply consumed", slog.Bool("threaded", true), slog.String("conversation_id", conv.ID))
	if h.cfg.Events != nil {
		h.cfg.Events.PublishEvent(ctx, proofdesk.Event{Type: proofdesk.EventMessageCreated, ConversationID: conv.ID, MessageID: m.ID,
			AuthorKind: proofdesk.AuthorSystem, At: h.cfg.Now().UTC()})
	}
	return nil
}

// thread returns the email conversation in belongs to, or nil for a new
// one. Only email conversations are ever returned.
func (h *InboundHandler) thread(ctx context.Context, in *Inbound) (*proofdesk.Conversation, error) {
	if id, ok := ConversationToken(in.Subject); ok {
		conv, err := h.cfg.Conversations.FindConversationByID(ctx, id)
		switch {
		case err == nil && conv.Channel == proofdesk.ChannelEmail:
			return conv, nil
		case err == nil:
			// A token never files a mail into a chat, phone or API
			// conversation: whoever holds the token gets an email
			// conversation of their own.
		case proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND:
			return nil, err
		}
	}
	for _, key := range ThreadKeys(in) {
		id, err := h.cfg.Threads.FindConversationByMessageID(ctx, key)
		if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, err
		}
		conv, err := h.cfg.Conversations.FindConversationByID(ctx, id)
		if err == nil && conv.Channel == proofdesk.ChannelEmail {
			return conv, nil
		} else if err == nil {
			continue
		} else if proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			return nil, err
		}
	}
	return nil, nil
}

// maxSentTexts bounds the desk's replies looked for in a customer's mail:
// those it replies to, then the newest.
const maxSentTexts = 10

// sentTexts returns what the desk sent in conversation convID that in may
// quote without a marker: each reply as its text part reads and as its
// HTML part reads (the company's name above it), those in's In-Reply-To
// and References name first.
func (h *InboundHandler) sentTexts(ctx context.Context, convID string, in *Inbound) ([]string, error) {
	texts, err := h.cfg.Threads.FindSentTexts(ctx, convID, ThreadKeys(in), maxSentTexts)
	if err != nil || len(texts) == 0 || h.cfg.Branding == nil {
		return texts, err
	}
	b, err := h.cfg.Branding.FindBranding(ctx)
	if err != nil {
		// The replies' own text is still recognised.
		h.log.Warn("inbound branding", slog.String("conversation_id", convID), slog.Any("error", err))
		return texts, nil
	}
	if b == nil || strings.TrimSpace(b.Company) == "" {
		return texts, nil
	}
	out := make([]string, 0, 2*len(texts))
	for _, t := range texts {
		out = append(out, t, b.Company+"\n\n"+t)
	}
	return out, nil
}

// matchCustomer returns the one customer with addr on file, or nil: none,
// several, or an address that does not normalise.
func (h *InboundHandler) matchCustomer(ctx context.Context, addr string) *proofdesk.Customer {
	if addr == "" {
		return nil
	}
	cs, _, err := h.cfg.Customers.FindCustomers(ctx, proofdesk.CustomerFilter{Email: &addr, Limit: 2})
	if err != nil {
		if proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			h.log.Warn("inbound customer match", slog.Any("error", err))
		}
		return nil
	}
	if len(cs) != 1 {
		return nil
	}
	return cs[0]
}

// emailFactor applies verify.EmailFactor to a linked conversation and
// records the factor; the caller checked that the mail authenticates its
// From address (AuthResult.ForDesk).
func (h *InboundHandler) emailFactor(ctx context.Context, conv *proofdesk.Conversation, in *Inbound, now time.Time) (proofdesk.Level, bool) {
	if conv.CustomerID == "" || in.From.Address == "" {
		return 0, false
	}
	id := conv.CustomerID
	cs, _, err := h.cfg.Customers.FindCustomers(ctx, proofdesk.CustomerFilter{ID: &id, Limit: 1})
	if err != nil || len(cs) != 1 {
		if err != nil {
			h.log.Warn("inbound factor: customer", slog.Any("error", err))
		}
		return 0, false
	}
	f, err := verify.EmailFactor(in.From.Address, true, cs[0].ContactPoints, now, h.cfg.CoolingOff)
	if err != nil {
		h.log.Info("inbound mail is no factor", slog.String("conversation_id", conv.ID), slog.String("reason", proofdesk.ErrorMessage(err)))
		return 0, false
	}
	level, err := h.cfg.Threads.AddEmailFactor(ctx, conv.ID, f.ContactPointID, f.At)
	if err != nil {
		// The message is stored; a missed factor only means the agent
		// asks for verification another way.
		h.log.Warn("inbound factor", slog.String("conversation_id", conv.ID), slog.Any("error", err))
		return 0, false
	}
	return level, true
}

func (h *InboundHandler) publish(ctx context.Context, res *Delivered, before proofdesk.Level) {
	ev := h.cfg.Events
	if ev == nil {
		return
	}
	at := h.cfg.Now().UTC()
	if res.New {
		ev.PublishEvent(ctx, proofdesk.Event{Type: proofdesk.EventConversationCreated, ConversationID: res.ConversationID, At: at})
	}
	ev.PublishEvent(ctx, proofdesk.Event{Type: proofdesk.EventMessageCreated, ConversationID: res.ConversationID, MessageID: res.MessageID,
		AuthorKind: proofdesk.AuthorCustomer, At: at})
	if res.Level != before {
		ev.PublishEvent(ctx, proofdesk.Event{Type: proofdesk.EventLevelChanged, ConversationID: res.ConversationID, Level: res.Level.String(), At: at})
	}
}
