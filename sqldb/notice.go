package sqldb

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
)

// NoticeTTL is how long the "this wasn't me" link of a notice works.
const NoticeTTL = 30 * 24 * time.Hour

// NoticeService serves the "this wasn't me" links of owner notices.
type NoticeService struct{ db *DB }

// NewNoticeService returns the notice service of db.
func NewNoticeService(db *DB) *NoticeService { return &NoticeService{db: db} }

// noticeToken signs (conversation, customer, expiry) with the notice key.
func (db *DB) noticeToken(convID, custID string, exp time.Time) string {
	payload := convID + "." + custID + "." + strconv.FormatInt(exp.Unix(), 10)
	m := hmac.New(sha256.New, db.noticeKey)
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString([]byte(payload)) + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func (db *DB) parseNoticeToken(tok string, now time.Time) (convID, custID string, err error) {
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
	m := hmac.New(sha256.New, db.noticeKey)
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

// NoticeInfo returns what the notice page shows; it changes nothing.
func (s *NoticeService) NoticeInfo(ctx context.Context, token string) (*proofdesk.NoticeInfo, error) {
	h := s.db.reader()
	convID, _, err := s.db.parseNoticeToken(token, h.now)
	if err != nil {
		return nil, err
	}
	conv, _, err := h.findConversationByID(ctx, convID)
	if err != nil {
		return nil, err
	}
	return &proofdesk.NoticeInfo{ConversationID: conv.ID, Channel: conv.Channel, StartedAt: conv.CreatedAt, Reported: conv.Fraud}, nil
}

// ReportNotMe records the owner's "this wasn't me": the conversation is
// flagged as fraud, the account goes under a support lock and supervisors
// are alerted. Reporting twice is harmless.
func (s *NoticeService) ReportNotMe(ctx context.Context, token string) error {
	return s.db.WithTx(ctx, func(tx *Tx) error {
		convID, custID, err := tx.db.parseNoticeToken(token, tx.now)
		if err != nil {
			return err
		}
		if err := tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorCustomer, ActorID: custID, Action: proofdesk.AuditOwnerReported,
			SubjectKind: "conversation", SubjectID: convID, Detail: map[string]string{"customer_id": custID}}); err != nil {
			return err
		}
		return tx.flagFraud(ctx, convID, custID, "owner reported the conversation from a notice")
	})
}

// flagFraud flags a conversation as fraud, drops its level, puts the
// customer under a support lock and alerts supervisors.
func (tx *Tx) flagFraud(ctx context.Context, conversationID, customerID, reason string) error {
	conv, _, err := tx.findConversationByID(ctx, conversationID)
	if err != nil {
		return err
	}
	if err := tx.MarkFraud(ctx, conv); err != nil {
		return err
	}
	if err := tx.SetSupportLocked(ctx, customerID, true); err != nil {
		return err
	}
	if err := tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorCustomer, Action: proofdesk.AuditSupportLock, SubjectKind: "customer", SubjectID: customerID,
		Detail: map[string]string{"conversation_id": conv.ID, "reason": reason}}); err != nil {
		return err
	}
	return tx.alertSupervisors(ctx, "fraud_reported", conv.ID, fmt.Sprintf("The account owner reported conversation %s as not theirs (%s). The customer is under a support lock.", conv.ID, reason))
}

// owners returns the customers a conversation is about: the linked one and
// every customer whose contact point matches the requester's claim.
func (tx *Tx) owners(ctx context.Context, conv *proofdesk.Conversation) ([]*proofdesk.Customer, error) {
	var out []*proofdesk.Customer
	seen := map[string]bool{}
	if conv.CustomerID != "" {
		c, err := tx.findCustomerByID(ctx, conv.CustomerID)
		if err != nil {
			return nil, err
		}
		out, seen[c.ID] = append(out, c), true
	}
	claimed, err := tx.claimedCustomers(ctx, conv.Requester)
	if err != nil {
		return nil, err
	}
	for _, c := range claimed {
		if !seen[c.ID] {
			out, seen[c.ID] = append(out, c), true
		}
	}
	return out, nil
}

var (
	emailInText  = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)
	digitsInText = regexp.MustCompile(`\d[\d \-().]{2,}\d`)
)

// maskTranscriptText masks emails and runs of digits (phone numbers,
// postal codes, card digits, house numbers) in a transcript line.
func maskTranscriptText(s string) string {
	s = emailInText.ReplaceAllStringFunc(s, proofdesk.MaskEmail)
	return digitsInText.ReplaceAllStringFunc(s, func(d string) string {
		b := []byte(d)
		seen := 0
		for i := len(b) - 1; i >= 0; i-- {
			if b[i] >= '0' && b[i] <= '9' {
				seen++
				if seen > 2 {
					b[i] = '*'
				}
			}
		}
		return string(b)
	})
}

// sendTranscripts tells the owner(s) about a conversation that ended: a
// masked transcript, the channel and time, and a signed "this wasn't me"
// link, to every on-file email and never to an address from the
// conversation.
func (tx *Tx) sendTranscripts(ctx context.Context, conv *proofdesk.Conversation) error {
	owners, err := tx.owners(ctx, conv)
	if err != nil || len(owners) == 0 {
		return err
	}
	_, dk, err := tx.findConversationByID(ctx, conv.ID)
	if err != nil {
		return err
	}
	// Messages go through the one agent-facing view: codes hidden.
	var challenges int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM challenges WHERE conversation_id = ?`, conv.ID).Scan(&challenges); err != nil {
		return err
	}
	vc := proofdesk.ViewContext{CodesIssued: challenges > 0}
	rows, err := tx.query(ctx, `SELECT `+messageColumns+` FROM messages WHERE conversation_id = ? AND internal = 0 ORDER BY seq`, conv.ID)
	if err != nil {
		return err
	}
	addrWords := addressWords(owners)
	var b strings.Builder
	for rows.Next() {
		m, err := scanMessage(rows, dk)
		if err != nil {
			rows.Close()
			return err
		}
		who := "Support"
		if m.AuthorKind == proofdesk.AuthorCustomer {
			who = "The person contacting us"
		} else if m.AuthorKind == proofdesk.AuthorSystem {
			continue
		}
		fmt.Fprintf(&b, "[%s UTC] %s: %s\n", m.CreatedAt.Format("15:04"), who, transcriptText(proofdesk.NewMessageView(m, vc).Body, addrWords))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range owners {
		link := tx.db.baseURL + "/n/" + tx.db.noticeToken(conv.ID, c.ID, tx.now.Add(NoticeTTL))
		for _, cp := range c.ContactPointsOf(proofdesk.ContactEmail) {
			body := fmt.Sprintf(`Hello %s,

Someone contacted %s support about your account on %s, starting %s UTC. This is the conversation (account details masked):

%s
If this wasn't you, press the button on this page and we will lock support changes on your account and alert our security team:
%s
`, strings.Fields(c.Name + " ")[0], tx.db.company, conv.Channel, conv.CreatedAt.Format("2006-01-02 15:04"), b.String(), link)
			if err := tx.enqueue(ctx, &proofdesk.OutboxMessage{Kind: proofdesk.OutboxEmail, Purpose: "transcript", ConversationID: conv.ID, To: cp.Value,
				Subject: "Your conversation with " + tx.db.company + " support", Body: body}, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// notifyContactChange tells the old contact points of a customer that
// their contact points changed.
func (tx *Tx) notifyContactChange(ctx context.Context, c *proofdesk.Customer, old []*proofdesk.ContactPoint) error {
	return tx.notifyAccountChange(ctx, c, old, []string{"contact_points"})
}

// changeLabels names changed customer fields for the owner.
var changeLabels = map[string]string{
	"name": "name", "external_id": "account reference", "contact_points": "email addresses or phone numbers",
	"addresses": "postal address", "date_of_birth": "date of birth", "payment": "payment method",
	"attributes": "account details", "support_locked": "support lock",
}

// notifyAccountChange tells the contact points a customer had before a
// change (old) what changed: emails by email, phones by SMS. Never the
// new values.
func (tx *Tx) notifyAccountChange(ctx context.Context, c *proofdesk.Customer, old []*proofdesk.ContactPoint, changed []string) error {
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
	for _, cp := range old {
		m := &proofdesk.OutboxMessage{Purpose: "contact_change", To: cp.Value}
		if cp.Kind == proofdesk.ContactEmail {
			m.Kind, m.Subject = proofdesk.OutboxEmail, "The details on your account changed"
			extra := ""
			if cooling {
				extra = " A new contact point counts for verification only after a cooling-off period."
			}
			m.Body = fmt.Sprintf("Hello %s,\n\nThe following on your %s account changed at %s UTC: %s.%s\n\nIf you did not ask for this, contact support through the app straight away.\n",
				strings.Fields(c.Name + " ")[0], tx.db.company, tx.now.Format("2006-01-02 15:04"), list, extra)
		} else {
			m.Kind = proofdesk.OutboxSMS
			m.Body = fmt.Sprintf("%s: the %s on your account changed. If this wasn't you, contact support through the app now.", tx.db.company, list)
		}
		if err := tx.enqueue(ctx, m, nil); err != nil {
			return err
		}
	}
	return nil
}
