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
}

// Notices writes the notices to account owners and serves their "this
// wasn't me" links. It is the store's sqldb.Notifier.
type Notices struct {
	db  *sqldb.DB
	key []byte // signs /n/ tokens: the installation secret "notice"
	cfg NoticeConfig
	// ratings signs the satisfaction links of transcripts (csat.go).
	ratings *Ratings
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
	n := &Notices{db: db, key: key, cfg: cfg}
	if n.ratings, err = newRatings(ctx, db, &n.cfg); err != nil {
		return nil, err
	}
	db.SetNotifier(n)
	return n, nil
}

// Ratings returns the satisfaction ratings whose links the transcripts
// carry.
func (n *Notices) Ratings() *Ratings { return n.ratings }

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

// OwnerNotice implements sqldb.Notifier.
func (n *Notices) OwnerNotice(cust *proofdesk.Customer, conv *proofdesk.Conversation, what string) []*proofdesk.OutboxMessage {
	var out []*proofdesk.OutboxMessage
	for _, cp := range cust.ContactPointsOf(proofdesk.ContactEmail) {
		body := fmt.Sprintf("Hello %s,\n\n%s\nConversation: %s, channel %s, started %s UTC.\n\nIf this wasn't you, reply to this message or contact us through the app.\n",
			firstName(cust.Name), what, conv.ID, conv.Channel, conv.CreatedAt.Format("2006-01-02 15:04"))
		out = append(out, &proofdesk.OutboxMessage{Kind: proofdesk.OutboxEmail, Purpose: "owner_notice", ConversationID: conv.ID, To: cp.Value,
			Subject: "Activity on your account with support", Body: body})
	}
	return out
}

// changeLabels names changed customer fields for the owner.
var changeLabels = map[string]string{
	"name": "name", "external_id": "account reference", "contact_points": "email addresses or phone numbers",
	"addresses": "postal address", "date_of_birth": "date of birth", "payment": "payment method",
	"attributes": "account details", "support_locked": "support lock",
}

// AccountChange implements sqldb.Notifier: emails by email, phones by SMS.
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
	for _, cp := range old {
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
// link valid for NoticeTTL, to every on-file email of each owner. Messages
// go through the one agent-facing view, codes hidden; system messages are
// left out.
func (n *Notices) Transcript(conv *proofdesk.Conversation, owners []*proofdesk.Customer, msgs []*proofdesk.Message, codesIssued bool, at time.Time) []*proofdesk.OutboxMessage {
	vc := proofdesk.ViewContext{CodesIssued: codesIssued}
	addrWords := addressWords(owners)
	var b strings.Builder
	for _, m := range msgs {
		who := "Support"
		if m.AuthorKind == proofdesk.AuthorCustomer {
			who = "The person contacting us"
		} else if m.AuthorKind == proofdesk.AuthorSystem {
			continue
		}
		fmt.Fprintf(&b, "[%s UTC] %s: %s\n", m.CreatedAt.Format("15:04"), who, transcriptText(proofdesk.NewMessageView(m, vc).Body, addrWords))
	}
	rate := fmt.Sprintf("How did we do? Open the link of your answer, then confirm it on the page (a comment is welcome):\nGood: %s\nOkay: %s\nBad: %s\n",
		n.ratings.Link(conv.ID, proofdesk.RatingFromEmail, proofdesk.RatingGood),
		n.ratings.Link(conv.ID, proofdesk.RatingFromEmail, proofdesk.RatingOkay),
		n.ratings.Link(conv.ID, proofdesk.RatingFromEmail, proofdesk.RatingBad))
	var out []*proofdesk.OutboxMessage
	for _, c := range owners {
		link := n.cfg.BaseURL + "/n/" + n.token(conv.ID, c.ID, at.Add(NoticeTTL))
		for _, cp := range c.ContactPointsOf(proofdesk.ContactEmail) {
			body := fmt.Sprintf(`Hello %s,

Someone contacted %s support about your account on %s, starting %s UTC. This is the conversation (account details masked):

%s
If this wasn't you, press the button on this page and we will lock support changes on your account and alert our security team:
%s

%s`, firstName(c.Name), n.cfg.Company, conv.Channel, conv.CreatedAt.Format("2006-01-02 15:04"), b.String(), link, rate)
			out = append(out, &proofdesk.OutboxMessage{Kind: proofdesk.OutboxEmail, Purpose: "transcript", ConversationID: conv.ID, To: cp.Value,
				Subject: "Your conversation with " + n.cfg.Company + " support", Body: body})
		}
	}
	return out
}
