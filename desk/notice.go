package desk

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/locale"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/verify"
)

// This file is what account owners are told (DESIGN.md §2, "the owner is
// told"): the owner notice after a reveal, an unlock or a take-over, the
// account-change notice to the old contact points, the transcript of an
// ended conversation (inert and masked, transcript.go), and the signed
// "this wasn't me" link (/n/{token}) with what opening it does.

// NoticeTTL is how long the "this wasn't me" link of a notice works.
const NoticeTTL = 30 * 24 * time.Hour

// NoticeConfig holds what notices say about the business.
type NoticeConfig struct {
	// BaseURL is the public URL of Proofdesk, for /n/{token} links; ""
	// means http://localhost:8080.
	BaseURL string
	// Company names the business; "" means "Proofdesk".
	Company string
	// CoolingOff is how long a new contact point counts for nothing
	// (VerificationConfig.CoolingOff); 0 means verify.DefaultCoolingOff.
	// Notices go to the established contact points only, when there are
	// any: one an attacker just added is never the owner's only channel.
	CoolingOff time.Duration
}

// Notices writes the notices to account owners and serves their "this
// wasn't me" links. It is the store's sqldb.Notifier.
type Notices struct {
	db  *sqldb.DB
	key []byte // signs /n/ tokens: the installation secret "notice"
	cfg NoticeConfig
	// ratings signs the satisfaction links of transcripts (csat.go).
	ratings *Ratings
	// exports sends customers their data (export.go).
	exports *Exports
}

var _ sqldb.Notifier = (*Notices)(nil)

// NewNotices returns the notices over db and installs them as the store's
// notifier (sqldb.DB.SetNotifier), so every change the store makes that
// must tell the owner does.
func NewNotices(ctx context.Context, db *sqldb.DB, cfg NoticeConfig) (*Notices, error) {
	key, err := db.Secret(ctx, "notice")
	if err != nil {
		return nil, err
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://localhost:8080"
	}
	if cfg.Company == "" {
		cfg.Company = "Proofdesk"
	}
	if cfg.CoolingOff <= 0 {
		cfg.CoolingOff = verify.DefaultCoolingOff
	}
	n := &Notices{db: db, key: key, cfg: cfg}
	if n.ratings, err = newRatings(ctx, db, &n.cfg); err != nil {
		return nil, err
	}
	if n.exports, err = newExports(ctx, db, n); err != nil {
		return nil, err
	}
	db.SetNotifier(n)
	return n, nil
}

// Ratings returns the satisfaction ratings whose links the transcripts
// carry.
func (n *Notices) Ratings() *Ratings { return n.ratings }

// Exports returns the customer exports, whose links go out with the
// notices' base URL and company.
func (n *Notices) Exports() *Exports { return n.exports }

// token signs (conversation, customer, expiry) with the notice key
// (signLink).
func (n *Notices) token(convID, custID string, exp time.Time) string {
	return signLink(n.key, convID, custID, exp)
}

// parseToken returns the conversation and customer a token names:
// ENOTFOUND for a malformed or forged token, EFORBIDDEN once it expired.
func (n *Notices) parseToken(tok string, now time.Time) (convID, custID string, err error) {
	return openLink(n.key, tok, now, "This link has expired. Contact support through the app to report the conversation.")
}

// NoticeInfo returns what the notice page shows; it changes nothing (mail
// scanners open links). Errors as parseToken, ENOTFOUND for a conversation
// that is gone.
func (n *Notices) NoticeInfo(ctx context.Context, token string) (*proofdesk.NoticeInfo, error) {
	h := n.db.Read()
	convID, custID, err := n.parseToken(token, h.Now())
	if err != nil {
		return nil, err
	}
	conv, err := h.FindConversation(ctx, convID)
	if err != nil {
		return nil, err
	}
	info := &proofdesk.NoticeInfo{ConversationID: conv.ID, Channel: conv.Channel, StartedAt: conv.CreatedAt, Reported: conv.Fraud}
	if c, err := h.FindCustomer(ctx, custID); err == nil {
		info.Language = customerLanguage(c)
	}
	return info, nil
}

// ReportNotMe records the owner's "this wasn't me": the conversation is
// flagged as fraud, the account goes under a support lock and supervisors
// are alerted. Reporting twice is harmless.
func (n *Notices) ReportNotMe(ctx context.Context, token string) error {
	return n.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		convID, custID, err := n.parseToken(token, tx.Now())
		if err != nil {
			return err
		}
		if err := tx.Audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorCustomer, ActorID: custID, Action: proofdesk.AuditOwnerReported,
			SubjectKind: "conversation", SubjectID: convID, Detail: map[string]string{"customer_id": custID}}); err != nil {
			return err
		}
		return reportFraud(ctx, tx, convID, custID, "owner reported the conversation from a notice")
	})
}

func firstName(name string) string { return strings.Fields(name + " ")[0] }

// company is the business's name: the stored branding's, else the
// configured one.
func (n *Notices) company(b *proofdesk.Branding) string {
	if b != nil && b.Company != "" {
		return b.Company
	}
	return n.cfg.Company
}

// ownerNote is the "what" of an owner notice (sqldb.Notifier.OwnerNotice)
// from the desk: a text key of package locale ("o_viewed") and the field
// it names, if any, so that OwnerNotice says it in the owner's language.
func ownerNote(key, field string) string { return "\x00" + key + "\x00" + field }

// ownerWhat says what (an ownerNote, or a plain English sentence) in tx's
// language.
func ownerWhat(tx locale.Texts, what string) string {
	rest, ok := strings.CutPrefix(what, "\x00")
	if !ok {
		return what
	}
	key, field, _ := strings.Cut(rest, "\x00")
	if field == "" {
		return tx.T(key)
	}
	return tx.T(key, fieldLabel(tx, field))
}

// fieldLabel names a customer field for its owner, in tx's language.
func fieldLabel(tx locale.Texts, field string) string {
	if l := tx.T("f_" + field); l != "f_"+field {
		return l
	}
	return revealLabel(field) // an attribute: its own name
}

// recipients returns whom a notice to c goes to, of cps (c's contact
// points, or those it had before a change) at at: the established ones,
// past their cooling-off, when there are any — a contact point added in
// the cooling-off window may be the attacker's, and the owner must hear
// on a channel they had before; only when none is established (a new
// customer), every one; split into emails and phones.
func (n *Notices) recipients(cps []*proofdesk.ContactPoint, at time.Time) (emails, phones []*proofdesk.ContactPoint) {
	var est []*proofdesk.ContactPoint
	for _, cp := range cps {
		if !cp.AddedAt.After(at.Add(-n.cfg.CoolingOff)) {
			est = append(est, cp)
		}
	}
	if len(est) == 0 {
		est = cps
	}
	for _, cp := range est {
		switch cp.Kind {
		case proofdesk.ContactEmail:
			emails = append(emails, cp)
		case proofdesk.ContactPhone:
			phones = append(phones, cp)
		}
	}
	return emails, phones
}

func (n *Notices) now() time.Time { return n.db.Now() }

// OwnerNotice implements sqldb.Notifier, in the owner's language: to the
// owner's established emails (recipients), or by SMS to the established
// phones when no email qualifies. The body names the channel and the
// start time, never an internal ID.
func (n *Notices) OwnerNotice(brand *proofdesk.Branding, cust *proofdesk.Customer, conv *proofdesk.Conversation, what string) []*proofdesk.OutboxMessage {
	var out []*proofdesk.OutboxMessage
	company := n.company(brand)
	tx := locale.For(locale.Match(customerLanguage(cust)))
	emails, phones := n.recipients(cust.ContactPoints, n.now())
	if len(emails) > 0 {
		phones = nil // by email when it can
	}
	for _, cp := range emails {
		body := tx.T("o_body", firstName(cust.Name), ownerWhat(tx, what), tx.Channel(conv.Channel), conv.CreatedAt.Format("2006-01-02 15:04"), company)
		out = append(out, &proofdesk.OutboxMessage{Kind: proofdesk.OutboxEmail, Purpose: "owner_notice", ConversationID: conv.ID, To: cp.Value,
			Subject: tx.T("o_subject", company), Body: body})
	}
	for _, cp := range phones {
		out = append(out, &proofdesk.OutboxMessage{Kind: proofdesk.OutboxSMS, Purpose: "owner_notice", ConversationID: conv.ID, To: cp.Value,
			Body: tx.T("o_sms", company, ownerWhat(tx, what))})
	}
	return out
}

// changeFields are the changed customer fields an account-change notice
// names (in words: fieldLabel); others are not told.
var changeFields = map[string]bool{
	"name": true, "external_id": true, "contact_points": true, "addresses": true, "date_of_birth": true,
	"payment": true, "attributes": true, "support_locked": true,
}

// AccountChange implements sqldb.Notifier, in the owner's language: to the
// contact points c had before the change that are established
// (recipients), emails by email, phones by SMS.
func (n *Notices) AccountChange(brand *proofdesk.Branding, c *proofdesk.Customer, old []*proofdesk.ContactPoint, changed []string, at time.Time) []*proofdesk.OutboxMessage {
	tx := locale.For(locale.Match(customerLanguage(c)))
	var what []string
	cooling := false
	for _, f := range changed {
		if changeFields[f] {
			what = append(what, fieldLabel(tx, f))
		}
		cooling = cooling || f == "contact_points"
	}
	if len(what) == 0 {
		return nil
	}
	list := strings.Join(what, ", ")
	company := n.company(brand)
	var out []*proofdesk.OutboxMessage
	emails, phones := n.recipients(old, at)
	for _, cp := range append(emails, phones...) {
		m := &proofdesk.OutboxMessage{Purpose: "contact_change", CustomerID: c.ID, To: cp.Value}
		if cp.Kind == proofdesk.ContactEmail {
			m.Kind, m.Subject = proofdesk.OutboxEmail, tx.T("c_subject")
			extra := ""
			if cooling {
				extra = tx.T("c_cooling")
			}
			m.Body = tx.T("c_body", firstName(c.Name), company, at.Format("2006-01-02 15:04"), list, extra)
		} else {
			m.Kind = proofdesk.OutboxSMS
			m.Body = tx.T("c_sms", company, list)
		}
		out = append(out, m)
	}
	return out
}

// Transcript implements sqldb.Notifier: a masked, inert transcript (see
// transcriptText: email addresses, runs of digits and the words of the
// owners' on-file addresses are masked, as the mail says), the fields
// agents revealed after verification, the channel and time, and a signed
// "this wasn't me" link valid for NoticeTTL, to each owner's established
// emails (or, when no email qualifies, an SMS with the link to the
// established phones; see recipients), in the owner's language (attribute
// "language", else English). Messages go through the one agent-facing
// view, codes hidden (a code split across messages too); system messages
// are left out. One conversation, one mail per address: a reveal after
// verification is told here, not in a mail of its own.
func (n *Notices) Transcript(brand *proofdesk.Branding, conv *proofdesk.Conversation, owners []*proofdesk.Customer, msgs []*proofdesk.Message, codesIssued bool,
	revealed map[string][]string, at time.Time) []*proofdesk.OutboxMessage {
	vc := proofdesk.ViewContext{CodesIssued: codesIssued}
	addrWords := addressWords(owners)
	company := n.company(brand)
	views := proofdesk.NewMessageViews(msgs, vc)
	var out []*proofdesk.OutboxMessage
	for _, c := range owners {
		tx := locale.For(locale.Match(customerLanguage(c)))
		link := n.cfg.BaseURL + "/n/" + n.token(conv.ID, c.ID, at.Add(NoticeTTL))
		emails, phones := n.recipients(c.ContactPoints, at)
		if len(emails) > 0 {
			phones = nil // by email when it can
		}
		for _, cp := range phones {
			out = append(out, &proofdesk.OutboxMessage{Kind: proofdesk.OutboxSMS, Purpose: "transcript", ConversationID: conv.ID, To: cp.Value,
				Body: tx.T("t_sms", company, tx.Channel(conv.Channel), link)})
		}
		if len(emails) == 0 {
			continue
		}
		var b strings.Builder
		for i, m := range msgs {
			who := tx.T("t_support")
			if m.AuthorKind == proofdesk.AuthorCustomer {
				who = tx.T("t_requester")
			} else if m.AuthorKind == proofdesk.AuthorSystem {
				continue
			}
			fmt.Fprintf(&b, "[%s UTC] %s: %s\n", m.CreatedAt.Format("15:04"), who, transcriptText(views[i].Body, addrWords))
		}
		viewed := ""
		if fields := revealed[c.ID]; len(fields) > 0 {
			labels := make([]string, len(fields))
			for i, f := range fields {
				labels[i] = fieldLabel(tx, f)
			}
			viewed = tx.T("t_viewed", strings.Join(labels, ", "))
		}
		rate := tx.T("t_rate",
			n.ratings.Link(conv.ID, proofdesk.RatingFromEmail, proofdesk.RatingGood),
			n.ratings.Link(conv.ID, proofdesk.RatingFromEmail, proofdesk.RatingOkay),
			n.ratings.Link(conv.ID, proofdesk.RatingFromEmail, proofdesk.RatingBad))
		for _, cp := range emails {
			body := tx.T("t_body", firstName(c.Name), company, tx.Channel(conv.Channel), conv.CreatedAt.Format("2006-01-02 15:04"), b.String(), viewed, link) + "\n" + rate
			out = append(out, &proofdesk.OutboxMessage{Kind: proofdesk.OutboxEmail, Purpose: "transcript", ConversationID: conv.ID, To: cp.Value,
				Subject: tx.T("t_subject", company), Body: body})
		}
	}
	return out
}
