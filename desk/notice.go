package desk

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
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
	db.SetNotifier(n)
	return n, nil
}

// token signs (conversation, customer, expiry) with the notice key:
// base64url(payload) "." base64url(HMAC-SHA256(payload)).
func (n *Notices) token(convID, custID string, exp time.Time) string {
	payload := convID + "." + custID + "." + strconv.FormatInt(exp.Unix(), 10)
	m := hmac.New(sha256.New, n.key)
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString([]byte(payload)) + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// parseToken returns the conversation and customer a token names:
// ENOTFOUND for a malformed or forged token, EFORBIDDEN once it expired.
func (n *Notices) parseToken(tok string, now time.Time) (convID, custID string, err error) {
	invalid := proofdesk.Errorf(proofdesk.ENOTFOUND, "This link is not valid.")
	p64, s64, ok := strings.Cut(tok, ".")
	if !ok || len(tok) > 512 {
		return "", "", invalid
	}
	payload, err1 := base64.RawURLEncoding.DecodeString(p64)
	sig, err2 := base64.RawURLEncoding.DecodeString(s64)
	if err1 != nil || err2 != nil {
		return "", "", invalid
	}
	m := hmac.New(sha256.New, n.key)
	m.Write(payload)
	if !hmac.Equal(sig, m.Sum(nil)) {
		return "", "", invalid
	}
	parts := strings.Split(string(payload), ".")
	if len(parts) != 3 {
		return "", "", invalid
	}
	exp, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil {
		return "", "", invalid
	}
	if now.After(time.Unix(exp, 0)) {
		return "", "", proofdesk.Errorf(proofdesk.EFORBIDDEN, "This link has expired. Contact support through the app to report the conversation.")
	}
	return parts[0], parts[1], nil
}

// NoticeInfo returns what the notice page shows; it changes nothing (mail
// scanners open links). Errors as parseToken, ENOTFOUND for a conversation
// that is gone.
func (n *Notices) NoticeInfo(ctx context.Context, token string) (*proofdesk.NoticeInfo, error) {
	h := n.db.Read()
	convID, _, err := n.parseToken(token, h.Now())
	if err != nil {
		return nil, err
	}
	conv, err := h.FindConversation(ctx, convID)
	if err != nil {
		return nil, err
	}
	return &proofdesk.NoticeInfo{ConversationID: conv.ID, Channel: conv.Channel, StartedAt: conv.CreatedAt, Reported: conv.Fraud}, nil
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

func (n *Notices) now() time.Time {
	if n.db.Now != nil {
		return n.db.Now()
	}
	return time.Now()
}

// OwnerNotice implements sqldb.Notifier: to the owner's established
// emails (recipients), or by SMS to the established phones when no email
// qualifies.
func (n *Notices) OwnerNotice(cust *proofdesk.Customer, conv *proofdesk.Conversation, what string) []*proofdesk.OutboxMessage {
	var out []*proofdesk.OutboxMessage
	emails, phones := n.recipients(cust.ContactPoints, n.now())
	if len(emails) > 0 {
		phones = nil // by email when it can
	}
	for _, cp := range emails {
		body := fmt.Sprintf("Hello %s,\n\n%s\nConversation: %s, channel %s, started %s UTC.\n\nIf this wasn't you, reply to this message or contact us through the app.\n",
			firstName(cust.Name), what, conv.ID, conv.Channel, conv.CreatedAt.Format("2006-01-02 15:04"))
		out = append(out, &proofdesk.OutboxMessage{Kind: proofdesk.OutboxEmail, Purpose: "owner_notice", ConversationID: conv.ID, To: cp.Value,
			Subject: "Activity on your account with support", Body: body})
	}
	for _, cp := range phones {
		out = append(out, &proofdesk.OutboxMessage{Kind: proofdesk.OutboxSMS, Purpose: "owner_notice", ConversationID: conv.ID, To: cp.Value,
			Body: fmt.Sprintf("%s: %s If this wasn't you, contact support through the app now.", n.cfg.Company, what)})
	}
	return out
}

// changeLabels names changed customer fields for the owner.
var changeLabels = map[string]string{
	"name": "name", "external_id": "account reference", "contact_points": "email addresses or phone numbers",
	"addresses": "postal address", "date_of_birth": "date of birth", "payment": "payment method",
	"attributes": "account details", "support_locked": "support lock",
}

// AccountChange implements sqldb.Notifier: to the contact points c had
// before the change that are established (recipients), emails by email,
// phones by SMS.
func (n *Notices) AccountChange(c *proofdesk.Customer, old []*proofdesk.ContactPoint, changed []string, at time.Time) []*proofdesk.OutboxMessage {
	var what []string
	cooling := false
	for _, f := range changed {
		if l, ok := changeLabels[f]; ok {
			what = append(what, l)
		}
		cooling = cooling || f == "contact_points"
	}
	if len(what) == 0 {
		return nil
	}
	list := strings.Join(what, ", ")
	var out []*proofdesk.OutboxMessage
	emails, phones := n.recipients(old, at)
	for _, cp := range append(emails, phones...) {
		m := &proofdesk.OutboxMessage{Purpose: "contact_change", To: cp.Value}
		if cp.Kind == proofdesk.ContactEmail {
			m.Kind, m.Subject = proofdesk.OutboxEmail, "The details on your account changed"
			extra := ""
			if cooling {
				extra = " A new contact point counts for verification only after a cooling-off period."
			}
			m.Body = fmt.Sprintf("Hello %s,\n\nThe following on your %s account changed at %s UTC: %s.%s\n\nIf you did not ask for this, contact support through the app straight away.\n",
				firstName(c.Name), n.cfg.Company, at.Format("2006-01-02 15:04"), list, extra)
		} else {
			m.Kind = proofdesk.OutboxSMS
			m.Body = fmt.Sprintf("%s: the %s on your account changed. If this wasn't you, contact support through the app now.", n.cfg.Company, list)
		}
		out = append(out, m)
	}
	return out
}

// Transcript implements sqldb.Notifier: a masked, inert transcript (see
// transcriptText), the channel and time, and a signed "this wasn't me"
// link valid for NoticeTTL, to each owner's established emails (or, when no
// email qualifies, an SMS with the link to the established phones; see
// recipients). Messages
// go through the one agent-facing view, codes hidden; system messages are
// left out.
func (n *Notices) Transcript(conv *proofdesk.Conversation, owners []*proofdesk.Customer, msgs []*proofdesk.Message, codesIssued bool, at time.Time) []*proofdesk.OutboxMessage {
	vc := proofdesk.ViewContext{CodesIssued: codesIssued}
	addrWords := addressWords(owners)
	var b strings.Builder
	views := proofdesk.NewMessageViews(msgs, vc) // a code split across messages too
	for i, m := range msgs {
		who := "Support"
		if m.AuthorKind == proofdesk.AuthorCustomer {
			who = "The person contacting us"
		} else if m.AuthorKind == proofdesk.AuthorSystem {
			continue
		}
		fmt.Fprintf(&b, "[%s UTC] %s: %s\n", m.CreatedAt.Format("15:04"), who, transcriptText(views[i].Body, addrWords))
	}
	var out []*proofdesk.OutboxMessage
	for _, c := range owners {
		link := n.cfg.BaseURL + "/n/" + n.token(conv.ID, c.ID, at.Add(NoticeTTL))
		emails, phones := n.recipients(c.ContactPoints, at)
		if len(emails) > 0 {
			phones = nil // by email when it can
		}
		for _, cp := range phones {
			out = append(out, &proofdesk.OutboxMessage{Kind: proofdesk.OutboxSMS, Purpose: "transcript", ConversationID: conv.ID, To: cp.Value,
				Body: fmt.Sprintf("%s: someone contacted support about your account on %s. If this wasn't you: %s", n.cfg.Company, conv.Channel, link)})
		}
		for _, cp := range emails {
			body := fmt.Sprintf(`Hello %s,

Someone contacted %s support about your account on %s, starting %s UTC. This is the conversation (account details masked):

%s
If this wasn't you, press the button on this page and we will lock support changes on your account and alert our security team:
%s
`, firstName(c.Name), n.cfg.Company, conv.Channel, conv.CreatedAt.Format("2006-01-02 15:04"), b.String(), link)
			out = append(out, &proofdesk.OutboxMessage{Kind: proofdesk.OutboxEmail, Purpose: "transcript", ConversationID: conv.ID, To: cp.Value,
				Subject: "Your conversation with " + n.cfg.Company + " support", Body: body})
		}
	}
	return out
}
