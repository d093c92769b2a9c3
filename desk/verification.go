package desk

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/locale"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/verify"
)

// This file is the verification use case (DESIGN.md §2): issuing a request
// to an on-file contact point, completing it by the number the agent reads
// out or by the code, "this wasn't me" from the /v/ page, and linking a
// signed session. proofdesk.Decide says who may issue; package verify
// holds the caps, the cooling-off and the attempt rules; the store keeps
// the rows. The messages to customers are written here.

// VerificationConfig holds the settings of the verification use case.
type VerificationConfig struct {
	// BaseURL is the public URL of Proofdesk, for /v/{token} links, with
	// no trailing slash needed; "" means http://localhost:8080.
	BaseURL string
	// Company names the business in messages to customers; "" means
	// "Proofdesk".
	Company string
	// CoolingOff is how long a new contact point does not count.
	CoolingOff time.Duration
	// LevelTTL is how long a level lasts without the customer's activity.
	LevelTTL time.Duration
	// ChallengeTTL is how long a verification request can be completed;
	// the message to the customer says so.
	ChallengeTTL time.Duration
}

// DefaultVerificationConfig returns the defaults of DESIGN.md §2.
func DefaultVerificationConfig() VerificationConfig {
	return VerificationConfig{CoolingOff: verify.DefaultCoolingOff,
		LevelTTL: 15 * time.Minute, ChallengeTTL: verify.ChallengeTTL}
}

// Verification issues and completes verification requests.
type Verification struct {
	db      *sqldb.DB
	secrets *verify.Secrets
	cfg     VerificationConfig
	notices *Notices
}

var _ proofdesk.VerificationService = (*Verification)(nil)

// NewVerification returns the verification use case over db. The secret
// that keys code and token hashes is the installation's own ("verification"
// in the store). It sets the store's level TTL and installs the owner
// notices (NewNotices) with the same BaseURL and Company.
func NewVerification(ctx context.Context, db *sqldb.DB, cfg VerificationConfig) (*Verification, error) {
	key, err := db.Secret(ctx, "verification")
	if err != nil {
		return nil, err
	}
	s, err := verify.NewSecrets(key)
	if err != nil {
		return nil, err
	}
	def := DefaultVerificationConfig()
	if cfg.CoolingOff <= 0 {
		cfg.CoolingOff = def.CoolingOff
	}
	if cfg.LevelTTL <= 0 {
		cfg.LevelTTL = def.LevelTTL
	}
	if cfg.ChallengeTTL <= 0 {
		cfg.ChallengeTTL = def.ChallengeTTL
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://localhost:8080"
	}
	if cfg.Company == "" {
		cfg.Company = "Proofdesk"
	}
	n, err := NewNotices(ctx, db, NoticeConfig{BaseURL: cfg.BaseURL, Company: cfg.Company, CoolingOff: cfg.CoolingOff})
	if err != nil {
		return nil, err
	}
	db.SetLevelTTL(cfg.LevelTTL)
	db.SetCodeCheck(s.CheckCode) // the webhooks' view knows the recent codes too
	return &Verification{db: db, secrets: s, cfg: cfg, notices: n}, nil
}

// SetPublicURL sets the public base URL and company name of the links and
// messages to customers, here and in the owner notices, once the server
// knows the address it is bound to; "" keeps the current one. Call it
// before serving.
func (v *Verification) SetPublicURL(baseURL, company string) {
	if baseURL = strings.TrimRight(baseURL, "/"); baseURL != "" {
		v.cfg.BaseURL, v.notices.cfg.BaseURL = baseURL, baseURL
	}
	if company != "" {
		v.cfg.Company, v.notices.cfg.Company = company, company
	}
}

// Ratings returns the satisfaction ratings (csat.go).
func (v *Verification) Ratings() *Ratings { return v.notices.ratings }

// Notices returns the owner notices this use case installed.
func (v *Verification) Notices() *Notices { return v.notices }

// errBadLink is the answer to a malformed or unknown /v/ token: the same
// for both, so a token cannot be probed.
func errBadLink() error {
	return proofdesk.Errorf(proofdesk.ENOTFOUND, "This verification link is not valid.")
}

// IssueChallenge sends a request to an on-file contact point of the
// conversation's customer, when proofdesk.Decide allows DoVerify, the
// contact point is past its cooling-off and no cap is reached. A refusal
// is audited as a refused verification request. Errors: EINVALID without
// a customer or for a contact point not on file, the gate's refusal,
// EFORBIDDEN inside the cooling-off, ERATELIMIT over a cap.
func (v *Verification) IssueChallenge(ctx context.Context, conversationID, contactPointID string) (*proofdesk.ChallengeInfo, error) {
	var info *proofdesk.ChallengeInfo
	var refused error
	err := v.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		a, err := ask(ctx, tx, conversationID, proofdesk.DoVerify, "link the conversation to a customer before sending a verification request", nil)
		if err != nil {
			return err
		}
		conv, cust := a.conv, a.cust
		if !a.dec.Allowed {
			refused = a.dec.Err(a.in)
			return refused
		}
		cp := cust.ContactPointByID(contactPointID)
		if cp == nil {
			return proofdesk.FieldError("contact_point_id", "contact_point_id is not on file for this conversation's customer; requests go only to contact points on file")
		}
		now := tx.Now()
		if err := verify.Eligible(cp, now, v.cfg.CoolingOff); err != nil {
			refused = err
			return err
		}
		convCount, err := tx.CountChallenges(ctx, conv.ID)
		if err != nil {
			return err
		}
		custHour, err := tx.CountCustomerChallengesSince(ctx, cust.ID, now.Add(-time.Hour))
		if err != nil {
			return err
		}
		failures, err := tx.CountFailuresSince(ctx, cust.ID, now.Add(-time.Hour))
		if err != nil {
			return err
		}
		if err := verify.CanIssue(convCount, custHour, failures); err != nil {
			refused = err
			return err
		}
		issued, err := v.secrets.NewChallenge(now, v.cfg.ChallengeTTL)
		if err != nil {
			return err
		}
		ch := issued.Challenge(conv.ID, cust.ID, cp, now)
		if err := tx.InsertChallenge(ctx, ch, proofdesk.AgentIDFromContext(ctx)); err != nil {
			return err
		}
		brand, err := tx.StoredBranding(ctx)
		if err != nil {
			return err
		}
		if err := tx.Enqueue(ctx, v.challengeMessage(brand, cust, conv, cp, issued)); err != nil {
			return err
		}
		if err := tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditChallengeSent, SubjectKind: "conversation", SubjectID: conv.ID,
			Detail: map[string]string{"challenge_id": ch.ID, "contact_point_id": cp.ID, "kind": cp.Kind, "customer_id": cust.ID}}); err != nil {
			return err
		}
		info = challengeInfo(ch, cp.Value)
		tx.Changed(proofdesk.Event{Type: proofdesk.EventChallengeUpdated, ConversationID: conv.ID, Status: info.Status})
		return nil
	})
	if refused != nil && proofdesk.ErrorCode(refused) != proofdesk.EUNAUTHORIZED {
		// The refusal is audited on its own: the request itself rolled back.
		if aerr := v.db.AuditRefusal(ctx, proofdesk.DoVerify, "conversation", conversationID, refused,
			map[string]string{"contact_point_id": contactPointID}); aerr != nil {
			return nil, aerr
		}
	}
	return info, err
}

// challengeMessage is the request as the customer receives it: an SMS to
// a phone, an email to an address, with the signed /v/ link and the code,
// in the customer's language, under the business's name. The code comes
// with the one instruction the widget gives too: where to type it (the
// code box of the chat window, or the phone keypad), never in a message.
func (v *Verification) challengeMessage(brand *proofdesk.Branding, cust *proofdesk.Customer, conv *proofdesk.Conversation, cp *proofdesk.ContactPoint, is *verify.Issued) *proofdesk.OutboxMessage {
	link := v.cfg.BaseURL + "/v/" + is.Token
	company := v.cfg.Company
	if brand != nil && brand.Company != "" {
		company = brand.Company
	}
	tx := locale.For(locale.Match(customerLanguage(cust)))
	where := "other"
	switch conv.Channel {
	case proofdesk.ChannelChat:
		where = "chat"
	case proofdesk.ChannelPhone:
		where = "phone"
	}
	m := &proofdesk.OutboxMessage{Purpose: "verification", ConversationID: conv.ID, To: cp.Value}
	if cp.Kind == proofdesk.ContactPhone {
		m.Kind = proofdesk.OutboxSMS
		m.Body = tx.T("v_sms", company, tx.Channel(conv.Channel), link, tx.T("sms_code_"+where, is.Code))
		return m
	}
	m.Kind = proofdesk.OutboxEmail
	m.Subject = tx.T("v_subject", company)
	m.Body = tx.T("v_body", company, tx.Channel(conv.Channel), conv.CreatedAt.Format("2006-01-02 15:04"), link,
		tx.T("v_code_"+where, is.Code), durationText(tx, v.cfg.ChallengeTTL))
	return m
}

// durationText says d in words in tx's language: "10 minutes", "1 hour",
// "90 seconds".
func durationText(tx locale.Texts, d time.Duration) string {
	plural := func(n int64, unit string) string {
		if n == 1 {
			return tx.T("dur_" + unit)
		}
		return tx.T("dur_"+unit+"s", n)
	}
	switch {
	case d >= time.Hour && d%time.Hour == 0:
		return plural(int64(d/time.Hour), "hour")
	case d >= time.Minute && d%time.Minute == 0:
		return plural(int64(d/time.Minute), "minute")
	}
	return plural(int64((d+time.Second-1)/time.Second), "second")
}

// customerLanguage is the customer's stored language preference: the
// attribute "language" (a BCP 47 tag such as "de" or "pt-BR"), or "".
func customerLanguage(c *proofdesk.Customer) string {
	if c == nil {
		return ""
	}
	return c.Attributes["language"]
}

func maskContact(kind, v string) string {
	if kind == proofdesk.ContactEmail {
		return proofdesk.MaskEmail(v)
	}
	return proofdesk.MaskPhone(v)
}

func challengeInfo(ch *verify.Challenge, destination string) *proofdesk.ChallengeInfo {
	return &proofdesk.ChallengeInfo{ID: ch.ID, ConversationID: ch.ConversationID, ContactPointID: ch.ContactPointID, Kind: ch.Kind,
		MaskedDestination: maskContact(ch.Kind, destination), Number: ch.Number, Status: ch.Status,
		AttemptsLeft: max(verify.MaxAttemptsPerChallenge-ch.Attempts, 0), CreatedAt: ch.CreatedAt, ExpiresAt: ch.ExpiresAt}
}

func displayStatus(ch *verify.Challenge, now time.Time) string {
	if ch.Status == verify.StatusPending && ch.Expired(now) {
		return proofdesk.ChallengeExpired
	}
	return ch.Status
}

// challengeByToken returns the request behind a /v/ link token, or
// ENOTFOUND for a malformed or unknown one.
func (v *Verification) challengeByToken(ctx context.Context, h *sqldb.Handle, token string) (*verify.Challenge, error) {
	if !verify.ValidLinkToken(token) {
		return nil, errBadLink()
	}
	ch, err := h.ChallengeByTokenHash(ctx, v.secrets.HashToken(token))
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		return nil, errBadLink()
	}
	return ch, err
}

// FindChallenges lists a conversation's requests, newest first, with the
// destination masked.
func (v *Verification) FindChallenges(ctx context.Context, conversationID string) ([]*proofdesk.ChallengeInfo, error) {
	h := v.db.Read()
	conv, err := h.FindConversation(ctx, conversationID)
	if err != nil {
		return nil, err
	}
	chs, err := h.FindChallenges(ctx, conv.ID, "")
	if err != nil {
		return nil, err
	}
	out := []*proofdesk.ChallengeInfo{}
	custs := map[string]*proofdesk.Customer{}
	for _, ch := range chs {
		c := custs[ch.CustomerID]
		if c == nil {
			if c, err = h.FindCustomer(ctx, ch.CustomerID); err != nil {
				return nil, err
			}
			custs[ch.CustomerID] = c
		}
		dest := ""
		if cp := c.ContactPointByID(ch.ContactPointID); cp != nil {
			dest = cp.Value
		}
		info := challengeInfo(ch, dest)
		info.Status = displayStatus(ch, h.Now())
		out = append(out, info)
	}
	return out, nil
}

// ChallengePage returns what /v/{token} shows. It changes nothing: mail
// scanners open links.
func (v *Verification) ChallengePage(ctx context.Context, token string) (*proofdesk.ChallengePage, error) {
	h := v.db.Read()
	ch, err := v.challengeByToken(ctx, h, token)
	if err != nil {
		return nil, err
	}
	conv, err := h.FindConversation(ctx, ch.ConversationID)
	if err != nil {
		return nil, err
	}
	p := &proofdesk.ChallengePage{ChallengeID: ch.ID, Status: displayStatus(ch, h.Now()), Channel: conv.Channel, ContactSince: conv.CreatedAt,
		Choices: ch.Choices, ExpiresAt: ch.ExpiresAt, AttemptsLeft: max(verify.MaxAttemptsPerChallenge-ch.Attempts, 0), ConversationID: conv.ID}
	if conv.AssigneeID != "" {
		if a, err := h.FindAgent(ctx, conv.AssigneeID); err == nil {
			p.AgentName = strings.Fields(a.Name + " ")[0]
		}
	}
	if c, err := h.FindCustomer(ctx, ch.CustomerID); err == nil {
		p.CustomerFirst = strings.Fields(c.Name + " ")[0]
		p.CustomerLanguage = customerLanguage(c)
	}
	return p, nil
}

// ApproveByToken completes the request behind token if number is the one
// the agent read out; a wrong pick counts as a failed attempt.
func (v *Verification) ApproveByToken(ctx context.Context, token string, number int) (*proofdesk.ChallengeResult, error) {
	if !verify.ValidLinkToken(token) {
		return nil, errBadLink()
	}
	return v.attempt(ctx, func(tx *sqldb.Tx) (*verify.Challenge, attemptFunc, error) {
		ch, err := v.challengeByToken(ctx, &tx.Handle, token)
		if err != nil {
			return nil, nil, err
		}
		return ch, func(now time.Time) (verify.Outcome, error) { return ch.AttemptNumber(now, number) }, nil
	})
}

// CompleteByCode checks a code the customer typed (widget or keypad)
// against the conversation's pending requests. A wrong code counts
// against the newest pending request and the customer.
func (v *Verification) CompleteByCode(ctx context.Context, conversationID, code string) (*proofdesk.ChallengeResult, error) {
	return v.attempt(ctx, func(tx *sqldb.Tx) (*verify.Challenge, attemptFunc, error) {
		all, err := tx.FindChallenges(ctx, conversationID, verify.StatusPending)
		if err != nil {
			return nil, nil, err
		}
		var pending []*verify.Challenge
		for _, ch := range all {
			if !ch.Expired(tx.Now()) {
				pending = append(pending, ch)
			}
		}
		if len(pending) == 0 {
			return nil, nil, proofdesk.Errorf(proofdesk.EINVALID, "No verification request is waiting for a code.")
		}
		for _, ch := range pending {
			if v.secrets.CheckCode(ch.CodeHash, ch.ID, code) {
				return ch, func(now time.Time) (verify.Outcome, error) { return ch.Attempt(now, true) }, nil
			}
		}
		ch := pending[0]
		return ch, func(now time.Time) (verify.Outcome, error) { return ch.Attempt(now, false) }, nil
	})
}

// attemptFunc records one answer on the challenge pick selected.
type attemptFunc func(now time.Time) (verify.Outcome, error)

// attempt runs one attempt on the challenge pick selects and stores the
// outcome with a conditional update (sqldb.Tx.UpdateChallenge), so
// concurrent attempts cannot both use the last try or both succeed. A
// wrong answer commits as a failure and returns EINVALID (attempts left)
// or ERATELIMIT (the request ended) beside the result.
func (v *Verification) attempt(ctx context.Context, pick func(tx *sqldb.Tx) (*verify.Challenge, attemptFunc, error)) (*proofdesk.ChallengeResult, error) {
	var res *proofdesk.ChallengeResult
	var failed, refused error
	var convID, chID, cpID string
	err := v.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		ch, try, err := pick(tx)
		if err != nil {
			return err
		}
		convID, chID, cpID = ch.ConversationID, ch.ID, ch.ContactPointID
		now := tx.Now()
		failures, err := tx.CountFailuresSince(ctx, ch.CustomerID, now.Add(-time.Hour))
		if err != nil {
			return err
		}
		if err := verify.CanAttempt(failures); err != nil {
			return err
		}
		prevStatus, prevAttempts := ch.Status, ch.Attempts
		out, err := try(now)
		if err != nil {
			return err
		}
		if err := tx.UpdateChallenge(ctx, ch, prevStatus, prevAttempts); err != nil {
			return err
		}
		conv, err := tx.FindConversation(ctx, ch.ConversationID)
		if err != nil {
			return err
		}
		res = &proofdesk.ChallengeResult{OK: out.OK, Status: out.Status, AttemptsLeft: out.AttemptsLeft, Level: conv.EffectiveLevel(now)}
		tx.Changed(proofdesk.Event{Type: proofdesk.EventChallengeUpdated, ConversationID: convID, Status: res.Status})
		detail := map[string]string{"challenge_id": ch.ID, "customer_id": ch.CustomerID}
		if out.Failed {
			if err := tx.RecordFailure(ctx, ch.CustomerID, ch.ID); err != nil {
				return err
			}
			action := proofdesk.AuditChallengeFailed
			if out.Status == verify.StatusLocked {
				action = proofdesk.AuditChallengeLocked
			}
			detail["attempts_left"] = fmt.Sprint(out.AttemptsLeft)
			if err := tx.Audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorCustomer, Action: action, SubjectKind: "conversation", SubjectID: ch.ConversationID, Detail: detail}); err != nil {
				return err
			}
			failed = attemptError(ch, out)
			return nil
		}
		if conv.CustomerID != ch.CustomerID {
			return proofdesk.Errorf(proofdesk.EFORBIDDEN, "This conversation is now linked to another customer; the request no longer applies.")
		}
		if err := v.stillEligible(ctx, tx, ch, now); err != nil {
			if proofdesk.ErrorCode(err) == proofdesk.EFORBIDDEN {
				refused = err
			}
			return err
		}
		if err := tx.Audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorCustomer, Action: proofdesk.AuditChallengeOK, SubjectKind: "conversation", SubjectID: ch.ConversationID, Detail: detail}); err != nil {
			return err
		}
		level, err := tx.AddFactor(ctx, conv, *ch.Factor())
		if err != nil {
			return err
		}
		res.Level = level
		if res.OK {
			tx.Changed(proofdesk.Event{Type: proofdesk.EventLevelChanged, ConversationID: convID, Level: res.Level.String()})
		}
		return nil
	})
	if refused != nil && err == refused {
		// The completion rolled back; its refusal is audited on its own.
		if aerr := v.db.AuditRefusal(ctx, proofdesk.DoVerify, "conversation", convID, refused,
			map[string]string{"challenge_id": chID, "contact_point_id": cpID, "rule": "contact_point_not_eligible"}); aerr != nil {
			return nil, aerr
		}
	}
	if err != nil {
		return nil, err
	}
	return res, failed
}

// stillEligible rechecks, when a request is completed, the rule it was
// sent under (IssueChallenge): its contact point must still be on the
// customer's record, of the same kind, and past its cooling-off. A phone
// replaced since (stolen, ported) or an address removed no longer proves
// anything, whoever holds the request's link or code. The refusal is
// EFORBIDDEN; the request stays as it was.
func (v *Verification) stillEligible(ctx context.Context, tx *sqldb.Tx, ch *verify.Challenge, now time.Time) error {
	cust, err := tx.FindCustomer(ctx, ch.CustomerID)
	if err != nil {
		return err
	}
	cp := cust.ContactPointByID(ch.ContactPointID)
	if cp == nil || cp.Kind != ch.Kind {
		return proofdesk.Errorf(proofdesk.EFORBIDDEN, "This request went to a contact point that is no longer on file; it no longer applies. Ask the agent for a new one.")
	}
	if err := verify.Eligible(cp, now, v.cfg.CoolingOff); err != nil {
		return proofdesk.Errorf(proofdesk.EFORBIDDEN, "This request went to a contact point that was changed recently; it no longer applies. Ask the agent for a new one.")
	}
	return nil
}

// attemptError is what the customer is told after a wrong answer.
func attemptError(ch *verify.Challenge, out verify.Outcome) error {
	if out.Status == verify.StatusLocked {
		msg := "Too many wrong attempts: this request is locked. Ask the agent for a new one."
		if ch.Attempts < verify.MaxAttemptsPerChallenge {
			msg = "That is not the number the agent read out: this request has ended. Ask the agent for a new one."
		}
		return &proofdesk.Error{Code: proofdesk.ERATELIMIT, Message: msg,
			Details: map[string]any{"attempts_left": 0, "status": out.Status}}
	}
	return &proofdesk.Error{Code: proofdesk.EINVALID, Message: fmt.Sprintf("That did not match. %d attempts left.", out.AttemptsLeft),
		Details: map[string]any{"attempts_left": out.AttemptsLeft, "status": out.Status}}
}

// DenyByToken records "this wasn't me" for the request behind token: the
// request is denied, the conversation flagged as fraud at L0, the
// customer put under a support lock and supervisors alerted.
func (v *Verification) DenyByToken(ctx context.Context, token string) error {
	if !verify.ValidLinkToken(token) {
		return errBadLink()
	}
	err := v.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		ch, err := v.challengeByToken(ctx, &tx.Handle, token)
		if err != nil {
			return err
		}
		prev := ch.Status
		if _, err := ch.Deny(tx.Now()); err != nil {
			return err
		}
		if err := tx.UpdateChallenge(ctx, ch, prev, ch.Attempts); err != nil {
			return err
		}
		if err := tx.Audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorCustomer, Action: proofdesk.AuditChallengeDenied, SubjectKind: "conversation", SubjectID: ch.ConversationID,
			Detail: map[string]string{"challenge_id": ch.ID, "customer_id": ch.CustomerID}}); err != nil {
			return err
		}
		tx.Changed(proofdesk.Event{Type: proofdesk.EventChallengeUpdated, ConversationID: ch.ConversationID, Status: proofdesk.ChallengeDenied})
		tx.Changed(proofdesk.Event{Type: proofdesk.EventLevelChanged, ConversationID: ch.ConversationID, Level: proofdesk.L0.String()})
		return reportFraud(ctx, tx, ch.ConversationID, ch.CustomerID, "owner said this wasn't me")
	})
	return err
}

// reportFraud is the owner's "this wasn't me": the conversation is marked
// as fraud and drops to L0, the customer goes under a support lock
// (audited) and supervisors are alerted.
func reportFraud(ctx context.Context, tx *sqldb.Tx, conversationID, customerID, reason string) error {
	conv, err := tx.FindConversation(ctx, conversationID)
	if err != nil {
		return err
	}
	if err := tx.MarkFraud(ctx, conv); err != nil {
		return err
	}
	if err := tx.SetSupportLocked(ctx, customerID, true); err != nil {
		return err
	}
	if err := tx.Audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorCustomer, Action: proofdesk.AuditSupportLock, SubjectKind: "customer", SubjectID: customerID,
		Detail: map[string]string{"conversation_id": conv.ID, "reason": reason}}); err != nil {
		return err
	}
	return tx.AlertSupervisors(ctx, "fraud_reported", conv.ID,
		fmt.Sprintf("The account owner reported conversation %s as not theirs (%s). The customer is under a support lock.", conv.ID, reason))
}

// LinkSession links the conversation to the customer with externalID at
// L1, from a signed session token the caller verified (issued at at).
// Linking to another customer drops the level the old one had proven,
// and is refused (proofdesk.Decide, DoLink with LinkBySession; audited)
// while a legal hold covers the conversation or within
// proofdesk.TwoPersonWindow of one cleared. Errors: EUNAUTHORIZED if
// externalID names no customer on file, ECONFLICT for a hold.
func (v *Verification) LinkSession(ctx context.Context, conversationID, externalID string, at time.Time) (*proofdesk.Conversation, error) {
	var out *proofdesk.Conversation
	var refused error
	err := v.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		conv, err := tx.FindConversation(ctx, conversationID)
		if err != nil {
			return err
		}
		cust, err := tx.FindCustomerByExternalID(ctx, externalID)
		if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
			return proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "The identity token names no customer on file.")
		} else if err != nil {
			return err
		}
		if conv.CustomerID != cust.ID {
			if conv.CustomerID != "" {
				// A relink moves what a legal hold covers: asked as any.
				in := proofdesk.DecisionInput{Action: proofdesk.DoLink, Actor: proofdesk.Actor{Role: proofdesk.RoleSystem}, Field: proofdesk.LinkBySession,
					ConversationID: conv.ID, Linked: true, Now: tx.Now()}
				if err := moveFacts(ctx, tx, conv.ID, &in); err != nil {
					return err
				}
				if dec := proofdesk.Decide(in); !dec.Allowed {
					refused = dec.Err(in)
					return refused
				}
			}
			if err := tx.RelinkCustomer(ctx, conv, cust.ID); err != nil {
				return err
			}
		}
		if _, err := tx.AddFactor(ctx, conv, verify.Factor{Kind: verify.FactorSession, At: at}); err != nil {
			return err
		}
		out = conv
		tx.Changed(proofdesk.Event{Type: proofdesk.EventLevelChanged, ConversationID: conv.ID, Level: conv.Level.String()})
		return tx.Audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorCustomer, ActorID: cust.ID, Action: proofdesk.AuditChallengeOK, SubjectKind: "conversation", SubjectID: conv.ID,
			Detail: map[string]string{"factor": "session", "customer_id": cust.ID}})
	})
	if refused != nil {
		if aerr := v.db.AuditRefusal(ctx, proofdesk.DoLink, "conversation", conversationID, refused, nil); aerr != nil {
			return nil, aerr
		}
	}
	return out, err
}

// Elsewhere implements proofdesk.VerificationService: what the
// conversation's customer wrote in their other conversations in the last
// proofdesk.RecentCodeWindow (sqldb.Handle.MessagesElsewhere), read once,
// on the first call.
func (v *Verification) Elsewhere(ctx context.Context, conversationID string) func() []*proofdesk.Message {
	var (
		once sync.Once
		out  []*proofdesk.Message
	)
	return func() []*proofdesk.Message {
		once.Do(func() {
			h := v.db.Read()
			var err error
			if out, err = h.MessagesElsewhere(ctx, conversationID, h.Now().Add(-proofdesk.RecentCodeWindow)); err != nil {
				v.db.Logger().Error("messages elsewhere", slog.String("conversation_id", conversationID), slog.Any("error", err))
			}
		})
		return out
	}
}

// RecentCodes returns a matcher of the codes issued on any conversation
// in the last proofdesk.RecentCodeWindow (sqldb.Handle.RecentCodes, with
// the requests' keyed hash): read on its first call, every candidate a
// code if that read fails (the safe side).
func (v *Verification) RecentCodes(ctx context.Context) func(code string) bool {
	return v.db.Read().RecentCodes(ctx, v.secrets.CheckCode)
}
