package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/verify"
)

// VerificationConfig holds the rules the verification service enforces.
type VerificationConfig struct {
	// BaseURL is the public URL of Proofdesk, for /v/{token} links; it
	// sets the store's (DB.SetPublicURL), which the server may set later.
	BaseURL string
	// Company names the business in messages to customers.
	Company string
	// CoolingOff is how long a new contact point does not count.
	CoolingOff time.Duration
	// LevelTTL is how long a level lasts without activity.
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

// VerificationService issues and completes verification requests.
type VerificationService struct {
	db      *DB
	secrets *verify.Secrets
	cfg     VerificationConfig
}

var _ proofdesk.VerificationService = (*VerificationService)(nil)

// NewVerificationService returns the verification service of db. The
// secret that keys code and token hashes is the installation's own.
func NewVerificationService(ctx context.Context, db *DB, cfg VerificationConfig) (*VerificationService, error) {
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
	db.SetPublicURL(cfg.BaseURL, cfg.Company)
	db.levelTTL = cfg.LevelTTL
	return &VerificationService{db: db, secrets: s, cfg: cfg}, nil
}

func maskContact(kind, v string) string {
	if kind == proofdesk.ContactEmail {
		return proofdesk.MaskEmail(v)
	}
	return proofdesk.MaskPhone(v)
}

// IssueChallenge sends a request to an on-file contact point.
func (s *VerificationService) IssueChallenge(ctx context.Context, conversationID, contactPointID string) (*proofdesk.ChallengeInfo, error) {
	var info *proofdesk.ChallengeInfo
	var refused error
	err := s.db.WithTx(ctx, func(tx *Tx) error {
		conv, _, err := tx.findConversationByID(ctx, conversationID)
		if err != nil {
			return err
		}
		if conv.CustomerID == "" {
			return proofdesk.FieldError("conversation", "link the conversation to a customer before sending a verification request")
		}
		cust, err := tx.findCustomerByID(ctx, conv.CustomerID)
		if err != nil {
			return err
		}
		in, err := tx.convFacts(ctx, proofdesk.DoVerify, conv, cust)
		if err != nil {
			return err
		}
		if d := proofdesk.Decide(in); !d.Allowed {
			refused = d.Err(in)
			return refused
		}
		cp := cust.ContactPointByID(contactPointID)
		if cp == nil {
			return proofdesk.FieldError("contact_point_id", "contact_point_id is not on file for this conversation's customer; requests go only to contact points on file")
		}
		if err := verify.Eligible(cp, tx.now, s.cfg.CoolingOff); err != nil {
			refused = err
			return err
		}
		var convCount, custHour, failures int
		hourAgo := fmtTime(tx.now.Add(-time.Hour))
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM challenges WHERE conversation_id = ?`, conv.ID).Scan(&convCount); err != nil {
			return err
		}
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM challenges WHERE customer_id = ? AND created_at > ?`, cust.ID, hourAgo).Scan(&custHour); err != nil {
			return err
		}
		if failures, err = tx.failuresLastHour(ctx, cust.ID); err != nil {
			return err
		}
		if err := verify.CanIssue(convCount, custHour, failures); err != nil {
			refused = err
			return err
		}
		issued, err := s.secrets.NewChallenge(tx.now, s.cfg.ChallengeTTL)
		if err != nil {
			return err
		}
		ch := issued.Challenge(conv.ID, cust.ID, cp, tx.now)
		choices, _ := json.Marshal(ch.Choices)
		if _, err := tx.exec(ctx, `INSERT INTO challenges (id, conversation_id, customer_id, contact_point_id, kind, code_hash, token_hash, number, choices, attempts, status, agent_id, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
			ch.ID, ch.ConversationID, ch.CustomerID, ch.ContactPointID, ch.Kind, ch.CodeHash, ch.TokenHash, ch.Number, string(choices),
			ch.Status, proofdesk.AgentIDFromContext(ctx), fmtTime(ch.CreatedAt), fmtTime(ch.ExpiresAt)); err != nil {
			return fmt.Errorf("insert challenge: %w", wrapErr(err))
		}
		if err := tx.enqueue(ctx, s.challengeMessage(conv, cp, issued), nil); err != nil {
			return err
		}
		if err := tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditChallengeSent, SubjectKind: "conversation", SubjectID: conv.ID,
			Detail: map[string]string{"challenge_id": ch.ID, "contact_point_id": cp.ID, "kind": cp.Kind, "customer_id": cust.ID}}); err != nil {
			return err
		}
		info = challengeInfo(ch, cp.Value)
		return nil
	})
	if refused != nil && proofdesk.ErrorCode(refused) != proofdesk.EUNAUTHORIZED {
		// The refusal is audited on its own: the request itself rolled back.
		if aerr := s.db.auditRefusal(ctx, proofdesk.DoVerify, "conversation", conversationID, refused,
			map[string]string{"contact_point_id": contactPointID}); aerr != nil {
			return nil, aerr
		}
	}
	if err == nil {
		s.db.publish(ctx, proofdesk.Event{Type: proofdesk.EventChallengeUpdated, ConversationID: conversationID, Status: info.Status})
	}
	return info, err
}

func (s *VerificationService) challengeMessage(conv *proofdesk.Conversation, cp *proofdesk.ContactPoint, is *verify.Issued) *proofdesk.OutboxMessage {
	link := s.db.baseURL + "/v/" + is.Token
	company := s.db.company
	where := "in the chat"
	if conv.Channel == proofdesk.ChannelPhone {
		where = "on your phone keypad when asked"
	}
	m := &proofdesk.OutboxMessage{Purpose: "verification", ConversationID: conv.ID, To: cp.Value}
	if cp.Kind == proofdesk.ContactPhone {
		m.Kind = proofdesk.OutboxSMS
		m.Body = fmt.Sprintf("%s support: someone on %s says they are you. If it is you, open %s or type code %s %s. If not, open the link and tap \"This wasn't me\".",
			company, conv.Channel, link, is.Code, where)
		return m
	}
	m.Kind = proofdesk.OutboxEmail
	m.Subject = company + ": is this you contacting support?"
	m.Body = fmt.Sprintf(`Someone is talking to %s support on %s and says they are you (since %s UTC).

If it is you, open this page and pick the number the agent reads out to you:
%s

Or type this code %s: %s

If it isn't you, open the page and press "This wasn't me". Nobody from %s will ever ask you to read this code out.
The request expires in %s.
`, company, conv.Channel, conv.CreatedAt.Format("2006-01-02 15:04"), link, where, is.Code, company, durationText(s.cfg.ChallengeTTL))
	return m
}

// durationText says d in words: "10 minutes", "1 hour", "90 seconds".
func durationText(d time.Duration) string {
	plural := func(n int64, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return fmt.Sprintf("%d %ss", n, unit)
	}
	switch {
	case d >= time.Hour && d%time.Hour == 0:
		return plural(int64(d/time.Hour), "hour")
	case d >= time.Minute && d%time.Minute == 0:
		return plural(int64(d/time.Minute), "minute")
	}
	return plural(int64((d+time.Second-1)/time.Second), "second")
}

func challengeInfo(ch *verify.Challenge, destination string) *proofdesk.ChallengeInfo {
	return &proofdesk.ChallengeInfo{ID: ch.ID, ConversationID: ch.ConversationID, ContactPointID: ch.ContactPointID, Kind: ch.Kind,
		MaskedDestination: maskContact(ch.Kind, destination), Number: ch.Number, Status: ch.Status,
		AttemptsLeft: max(verify.MaxAttemptsPerChallenge-ch.Attempts, 0), CreatedAt: ch.CreatedAt, ExpiresAt: ch.ExpiresAt}
}

func (tx *Tx) failuresLastHour(ctx context.Context, customerID string) (int, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM verification_failures WHERE customer_id = ? AND at > ?`, customerID, fmtTime(tx.now.Add(-time.Hour))).Scan(&n)
	return n, err
}

const challengeColumns = `id, conversation_id, customer_id, contact_point_id, kind, code_hash, token_hash, number, choices, attempts, status, created_at, expires_at, completed_at`

func scanChallenge(row scanner) (*verify.Challenge, error) {
	ch := &verify.Challenge{}
	var choices string
	var done nullTime
	if err := row.Scan(&ch.ID, &ch.ConversationID, &ch.CustomerID, &ch.ContactPointID, &ch.Kind, &ch.CodeHash, &ch.TokenHash, &ch.Number, &choices,
		&ch.Attempts, &ch.Status, timeScan{&ch.CreatedAt}, timeScan{&ch.ExpiresAt}, &done); err != nil {
		return nil, wrapErr(err)
	}
	ch.CompletedAt = done.t
	if err := json.Unmarshal([]byte(choices), &ch.Choices); err != nil {
		return nil, fmt.Errorf("challenge %s: %w", ch.ID, err)
	}
	return ch, nil
}

func (h *Handle) challengeByToken(ctx context.Context, tokenHash string) (*verify.Challenge, error) {
	ch, err := scanChallenge(h.queryRow(ctx, `SELECT `+challengeColumns+` FROM challenges WHERE token_hash = ?`, tokenHash))
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		return nil, proofdesk.Errorf(proofdesk.ENOTFOUND, "This verification link is not valid.")
	}
	return ch, err
}

func displayStatus(ch *verify.Challenge, now time.Time) string {
	if ch.Status == verify.StatusPending && ch.Expired(now) {
		return proofdesk.ChallengeExpired
	}
	return ch.Status
}

// FindChallenges lists a conversation's requests, newest first.
func (s *VerificationService) FindChallenges(ctx context.Context, conversationID string) ([]*proofdesk.ChallengeInfo, error) {
	h := s.db.reader()
	conv, _, err := h.findConversationByID(ctx, conversationID)
	if err != nil {
		return nil, err
	}
	rows, err := h.query(ctx, `SELECT `+challengeColumns+` FROM challenges WHERE conversation_id = ? ORDER BY created_at DESC, id`, conv.ID)
	if err != nil {
		return nil, fmt.Errorf("find challenges: %w", err)
	}
	var chs []*verify.Challenge
	for rows.Next() {
		ch, err := scanChallenge(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		chs = append(chs, ch)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := []*proofdesk.ChallengeInfo{}
	custs := map[string]*proofdesk.Customer{}
	for _, ch := range chs {
		c := custs[ch.CustomerID]
		if c == nil {
			if c, err = h.findCustomerByID(ctx, ch.CustomerID); err != nil {
				return nil, err
			}
			custs[ch.CustomerID] = c
		}
		dest := ""
		if cp := c.ContactPointByID(ch.ContactPointID); cp != nil {
			dest = cp.Value
		}
		info := challengeInfo(ch, dest)
		info.Status = displayStatus(ch, s.db.Now())
		out = append(out, info)
	}
	return out, nil
}

// ChallengePage returns what /v/{token} shows. It changes nothing: mail
// scanners open links.
func (s *VerificationService) ChallengePage(ctx context.Context, token string) (*proofdesk.ChallengePage, error) {
	if !verify.ValidLinkToken(token) {
		return nil, proofdesk.Errorf(proofdesk.ENOTFOUND, "This verification link is not valid.")
	}
	h := s.db.reader()
	ch, err := h.challengeByToken(ctx, s.secrets.HashToken(token))
	if err != nil {
		return nil, err
	}
	conv, _, err := h.findConversationByID(ctx, ch.ConversationID)
	if err != nil {
		return nil, err
	}
	p := &proofdesk.ChallengePage{ChallengeID: ch.ID, Status: displayStatus(ch, s.db.Now()), Channel: conv.Channel, ContactSince: conv.CreatedAt,
		Choices: ch.Choices, ExpiresAt: ch.ExpiresAt, AttemptsLeft: max(verify.MaxAttemptsPerChallenge-ch.Attempts, 0), ConversationID: conv.ID}
	if conv.AssigneeID != "" {
		if a, err := h.findAgent(ctx, "id", conv.AssigneeID); err == nil {
			p.AgentName = strings.Fields(a.Name + " ")[0]
		}
	}
	if c, err := h.findCustomerByID(ctx, ch.CustomerID); err == nil {
		p.CustomerFirst = strings.Fields(c.Name + " ")[0]
	}
	return p, nil
}

// ApproveByToken completes the request behind token if number is right.
func (s *VerificationService) ApproveByToken(ctx context.Context, token string, number int) (*proofdesk.ChallengeResult, error) {
	if !verify.ValidLinkToken(token) {
		return nil, proofdesk.Errorf(proofdesk.ENOTFOUND, "This verification link is not valid.")
	}
	return s.attempt(ctx, func(tx *Tx) (*verify.Challenge, attemptFunc, error) {
		ch, err := tx.challengeByToken(ctx, s.secrets.HashToken(token))
		if err != nil {
			return nil, nil, err
		}
		return ch, func(now time.Time) (verify.Outcome, error) { return ch.AttemptNumber(now, number) }, nil
	})
}

// CompleteByCode checks a code the customer typed (widget or keypad)
// against the conversation's pending requests. A wrong code counts
// against the newest pending request and the customer.
func (s *VerificationService) CompleteByCode(ctx context.Context, conversationID, code string) (*proofdesk.ChallengeResult, error) {
	return s.attempt(ctx, func(tx *Tx) (*verify.Challenge, attemptFunc, error) {
		rows, err := tx.query(ctx, `SELECT `+challengeColumns+` FROM challenges WHERE conversation_id = ? AND status = ? ORDER BY created_at DESC, id`,
			conversationID, verify.StatusPending)
		if err != nil {
			return nil, nil, err
		}
		var pending []*verify.Challenge
		for rows.Next() {
			ch, err := scanChallenge(rows)
			if err != nil {
				rows.Close()
				return nil, nil, err
			}
			if !ch.Expired(tx.now) {
				pending = append(pending, ch)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
		if len(pending) == 0 {
			return nil, nil, proofdesk.Errorf(proofdesk.EINVALID, "No verification request is waiting for a code.")
		}
		for _, ch := range pending {
			if s.secrets.CheckCode(ch.CodeHash, ch.ID, code) {
				return ch, func(now time.Time) (verify.Outcome, error) { return ch.Attempt(now, true) }, nil
			}
		}
		ch := pending[0]
		return ch, func(now time.Time) (verify.Outcome, error) { return ch.Attempt(now, false) }, nil
	})
}

// attemptFunc records one answer on the challenge pick selected.
type attemptFunc func(now time.Time) (verify.Outcome, error)

// attempt runs one attempt on the challenge pick selects, persisting the
// outcome with a conditional update so concurrent attempts cannot both
// use the last try or both succeed.
func (s *VerificationService) attempt(ctx context.Context, pick func(tx *Tx) (*verify.Challenge, attemptFunc, error)) (*proofdesk.ChallengeResult, error) {
	var res *proofdesk.ChallengeResult
	var failed error
	var convID string
	err := s.db.WithTx(ctx, func(tx *Tx) error {
		ch, try, err := pick(tx)
		if err != nil {
			return err
		}
		convID = ch.ConversationID
		failures, err := tx.failuresLastHour(ctx, ch.CustomerID)
		if err != nil {
			return err
		}
		if err := verify.CanAttempt(failures); err != nil {
			return err
		}
		prevAttempts := ch.Attempts
		out, err := try(tx.now)
		if err != nil {
			return err
		}
		r, err := tx.exec(ctx, `UPDATE challenges SET attempts = ?, status = ?, completed_at = ? WHERE id = ? AND status = ? AND attempts = ?`,
			ch.Attempts, ch.Status, fmtTimePtr(ch.CompletedAt), ch.ID, verify.StatusPending, prevAttempts)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n != 1 {
			return proofdesk.Errorf(proofdesk.ECONFLICT, "This request changed meanwhile; try again.")
		}
		conv, _, err := tx.findConversationByID(ctx, ch.ConversationID)
		if err != nil {
			return err
		}
		res = &proofdesk.ChallengeResult{OK: out.OK, Status: out.Status, AttemptsLeft: out.AttemptsLeft, Level: conv.EffectiveLevel(tx.now)}
		detail := map[string]string{"challenge_id": ch.ID, "customer_id": ch.CustomerID}
		if out.Failed {
			if _, err := tx.exec(ctx, `INSERT INTO verification_failures (id, customer_id, challenge_id, at) VALUES (?, ?, ?, ?)`,
				proofdesk.NewID("vf"), ch.CustomerID, ch.ID, fmtTime(tx.now)); err != nil {
				return err
			}
			action := proofdesk.AuditChallengeFailed
			if out.Status == verify.StatusLocked {
				action = proofdesk.AuditChallengeLocked
			}
			detail["attempts_left"] = fmt.Sprint(out.AttemptsLeft)
			if err := tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorCustomer, Action: action, SubjectKind: "conversation", SubjectID: ch.ConversationID, Detail: detail}); err != nil {
				return err
			}
			failed = &proofdesk.Error{Code: proofdesk.EINVALID, Message: fmt.Sprintf("That did not match. %d attempts left.", out.AttemptsLeft),
				Details: map[string]any{"attempts_left": out.AttemptsLeft, "status": out.Status}}
			if out.Status == verify.StatusLocked {
				msg := "Too many wrong attempts: this request is locked. Ask the agent for a new one."
				if ch.Attempts < verify.MaxAttemptsPerChallenge {
					msg = "That is not the number the agent read out: this request has ended. Ask the agent for a new one."
				}
				failed = &proofdesk.Error{Code: proofdesk.ERATELIMIT, Message: msg,
					Details: map[string]any{"attempts_left": 0, "status": out.Status}}
			}
			return nil
		}
		if conv.CustomerID != ch.CustomerID {
			return proofdesk.Errorf(proofdesk.EFORBIDDEN, "This conversation is now linked to another customer; the request no longer applies.")
		}
		if err := tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorCustomer, Action: proofdesk.AuditChallengeOK, SubjectKind: "conversation", SubjectID: ch.ConversationID, Detail: detail}); err != nil {
			return err
		}
		level, err := tx.addFactor(ctx, conv, *ch.Factor())
		if err != nil {
			return err
		}
		res.Level = level
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.db.publish(ctx, proofdesk.Event{Type: proofdesk.EventChallengeUpdated, ConversationID: convID, Status: res.Status})
	if res.OK {
		s.db.publish(ctx, proofdesk.Event{Type: proofdesk.EventLevelChanged, ConversationID: convID, Level: res.Level.String()})
	}
	return res, failed
}

// addFactor records a proven factor on conv and raises its level; a level
// that had expired starts over from this factor alone.
func (tx *Tx) addFactor(ctx context.Context, conv *proofdesk.Conversation, f verify.Factor) (proofdesk.Level, error) {
	before := conv.EffectiveLevel(tx.now)
	if before == proofdesk.L0 {
		if _, err := tx.exec(ctx, `DELETE FROM conversation_factors WHERE conversation_id = ?`, conv.ID); err != nil {
			return 0, err
		}
	}
	if _, err := tx.exec(ctx, `INSERT INTO conversation_factors (id, conversation_id, kind, contact_point_id, at) VALUES (?, ?, ?, ?, ?)`,
		proofdesk.NewID("fac"), conv.ID, f.Kind, f.ContactPointID, fmtTime(f.At)); err != nil {
		return 0, err
	}
	rows, err := tx.query(ctx, `SELECT kind, contact_point_id, at FROM conversation_factors WHERE conversation_id = ?`, conv.ID)
	if err != nil {
		return 0, err
	}
	var fs []verify.Factor
	for rows.Next() {
		var g verify.Factor
		if err := rows.Scan(&g.Kind, &g.ContactPointID, timeScan{&g.At}); err != nil {
			rows.Close()
			return 0, err
		}
		fs = append(fs, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	level := verify.LevelFrom(fs)
	exp := tx.now.Add(tx.db.levelTTLOrDefault())
	if _, err := tx.exec(ctx, `UPDATE conversations SET level = ?, level_expires_at = ?, updated_at = ? WHERE id = ?`, int(level), fmtTime(exp), fmtTime(tx.now), conv.ID); err != nil {
		return 0, err
	}
	conv.Level, conv.LevelExpiresAt = level, &exp
	if level != before {
		if err := tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: proofdesk.AuditLevelChange, SubjectKind: "conversation", SubjectID: conv.ID,
			Detail: map[string]string{"from": before.String(), "to": level.String(), "factor": f.Kind}}); err != nil {
			return 0, err
		}
	}
	return level, nil
}

func (db *DB) levelTTLOrDefault() time.Duration {
	if db.levelTTL > 0 {
		return db.levelTTL
	}
	return 15 * time.Minute
}

// DenyByToken records "this wasn't me" for the request behind token.
func (s *VerificationService) DenyByToken(ctx context.Context, token string) error {
	if !verify.ValidLinkToken(token) {
		return proofdesk.Errorf(proofdesk.ENOTFOUND, "This verification link is not valid.")
	}
	var convID string
	err := s.db.WithTx(ctx, func(tx *Tx) error {
		ch, err := tx.challengeByToken(ctx, s.secrets.HashToken(token))
		if err != nil {
			return err
		}
		convID = ch.ConversationID
		prev, err := ch.Deny(tx.now)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE challenges SET status = ?, completed_at = ? WHERE id = ? AND status = ?`, ch.Status, fmtTimePtr(ch.CompletedAt), ch.ID, prev); err != nil {
			return err
		}
		if err := tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorCustomer, Action: proofdesk.AuditChallengeDenied, SubjectKind: "conversation", SubjectID: ch.ConversationID,
			Detail: map[string]string{"challenge_id": ch.ID, "customer_id": ch.CustomerID}}); err != nil {
			return err
		}
		return tx.flagFraud(ctx, ch.ConversationID, ch.CustomerID, "owner said this wasn't me")
	})
	if err == nil {
		s.db.publish(ctx, proofdesk.Event{Type: proofdesk.EventChallengeUpdated, ConversationID: convID, Status: proofdesk.ChallengeDenied})
		s.db.publish(ctx, proofdesk.Event{Type: proofdesk.EventLevelChanged, ConversationID: convID, Level: proofdesk.L0.String()})
	}
	return err
}

// flagFraud flags a conversation as fraud, drops its level, puts the
// customer under a support lock and alerts supervisors.
func (tx *Tx) flagFraud(ctx context.Context, conversationID, customerID, reason string) error {
	conv, _, err := tx.findConversationByID(ctx, conversationID)
	if err != nil {
		return err
	}
	flags := addFlag(conv.RiskFlags, proofdesk.RiskOwnerDenied)
	fj, _ := json.Marshal(flags)
	if _, err := tx.exec(ctx, `UPDATE conversations SET fraud = 1, risk_flags = ?, level = 0, level_expires_at = NULL, updated_at = ? WHERE id = ?`, string(fj), fmtTime(tx.now), conv.ID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM conversation_factors WHERE conversation_id = ?`, conv.ID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE customers SET support_locked = 1, updated_at = ? WHERE id = ?`, fmtTime(tx.now), customerID); err != nil {
		return err
	}
	if err := tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorCustomer, Action: proofdesk.AuditSupportLock, SubjectKind: "customer", SubjectID: customerID,
		Detail: map[string]string{"conversation_id": conv.ID, "reason": reason}}); err != nil {
		return err
	}
	return tx.alertSupervisors(ctx, "fraud_reported", conv.ID, fmt.Sprintf("The account owner reported conversation %s as not theirs (%s). The customer is under a support lock.", conv.ID, reason))
}

// alertSupervisors audits an alert and emails every supervisor and admin.
func (tx *Tx) alertSupervisors(ctx context.Context, kind, conversationID, text string) error {
	if err := tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: proofdesk.AuditAlert, SubjectKind: "conversation", SubjectID: conversationID,
		Detail: map[string]string{"alert": kind}}); err != nil {
		return err
	}
	rows, err := tx.query(ctx, `SELECT email FROM agents WHERE role IN ('admin', 'supervisor') AND disabled = 0`)
	if err != nil {
		return err
	}
	var emails []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			rows.Close()
			return err
		}
		emails = append(emails, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, e := range emails {
		if err := tx.enqueue(ctx, &proofdesk.OutboxMessage{Kind: proofdesk.OutboxEmail, Purpose: "alert", ConversationID: conversationID, To: e,
			Subject: "Proofdesk alert: " + kind, Body: text}, nil); err != nil {
			return err
		}
	}
	return nil
}

func addFlag(flags []string, f string) []string {
	for _, g := range flags {
		if g == f {
			return flags
		}
	}
	return append(flags, f)
}

// LinkSession links the conversation to the customer with externalID at
// L1, from a verified signed session token.
func (s *VerificationService) LinkSession(ctx context.Context, conversationID, externalID string, at time.Time) (*proofdesk.Conversation, error) {
	var out *proofdesk.Conversation
	err := s.db.WithTx(ctx, func(tx *Tx) error {
		conv, _, err := tx.findConversationByID(ctx, conversationID)
		if err != nil {
			return err
		}
		cs, _, err := tx.findCustomers(ctx, proofdesk.CustomerFilter{ExternalID: &externalID})
		if err != nil {
			return err
		}
		if len(cs) == 0 {
			return proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "The identity token names no customer on file.")
		}
		cust := cs[0]
		if conv.CustomerID != cust.ID {
			if _, err := tx.exec(ctx, `DELETE FROM conversation_factors WHERE conversation_id = ?`, conv.ID); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `UPDATE conversations SET customer_id = ?, level = 0, level_expires_at = NULL WHERE id = ?`, cust.ID, conv.ID); err != nil {
				return err
			}
			conv.CustomerID, conv.Level, conv.LevelExpiresAt = cust.ID, proofdesk.L0, nil
		}
		if _, err := tx.addFactor(ctx, conv, verify.Factor{Kind: verify.FactorSession, At: at}); err != nil {
			return err
		}
		out = conv
		return tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorCustomer, ActorID: cust.ID, Action: proofdesk.AuditChallengeOK, SubjectKind: "conversation", SubjectID: conv.ID,
			Detail: map[string]string{"factor": "session", "customer_id": cust.ID}})
	})
	if err == nil {
		s.db.publish(ctx, proofdesk.Event{Type: proofdesk.EventLevelChanged, ConversationID: out.ID, Level: out.Level.String()})
	}
	return out, err
}
