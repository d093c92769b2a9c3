package verify

import (
	"time"

	"github.com/proofdesk/proofdesk"
)

// Challenge statuses. Only StatusPending can be completed; every other
// status is final except that an expired, locked or completed challenge
// can still be reported with "this wasn't me" (see Deny).
const (
	StatusPending   = "pending"
	StatusCompleted = "completed"
	StatusDenied    = "denied"
	StatusLocked    = "locked"
	StatusExpired   = "expired"
)

// Challenge is a verification request as the store persists it: the keyed
// hashes, never the code or the token.
type Challenge struct {
	ID             string
	ConversationID string
	CustomerID     string
	ContactPointID string
	Kind           string // proofdesk.ContactEmail or proofdesk.ContactPhone
	CodeHash       string
	TokenHash      string
	// Number is the 2-digit number the agent reads out; Choices are what
	// the page offers. They are not secret from the agent.
	Number      int
	Choices     [3]int
	Attempts    int
	Status      string
	CreatedAt   time.Time
	ExpiresAt   time.Time
	CompletedAt *time.Time
}

// Challenge returns the record to store for an issued challenge sent to
// the customer's contact point cp in a conversation. It carries the hashes
// only, never the code or the token.
func (is *Issued) Challenge(conversationID, customerID string, cp *proofdesk.ContactPoint, now time.Time) *Challenge {
	return &Challenge{
		ID:             is.ID,
		ConversationID: conversationID,
		CustomerID:     customerID,
		ContactPointID: cp.ID,
		Kind:           cp.Kind,
		CodeHash:       is.CodeHash,
		TokenHash:      is.TokenHash,
		Number:         is.Number,
		Choices:        is.Choices,
		Status:         StatusPending,
		CreatedAt:      now.UTC(),
		ExpiresAt:      is.ExpiresAt,
	}
}

// Outcome is the result of an attempt on a challenge.
type Outcome struct {
	// OK is true when the attempt completed the challenge.
	OK bool
	// Failed is true when the attempt was a wrong answer on a usable
	// challenge: the store records it against the customer's hourly
	// failure count (MaxFailuresPerCustomerHour).
	Failed bool
	// Status is the challenge's status after the attempt.
	Status string
	// AttemptsLeft is how many wrong answers remain before the lock.
	AttemptsLeft int
}

// Expired reports whether the challenge can no longer be completed at now.
func (c *Challenge) Expired(now time.Time) bool {
	return !now.Before(c.ExpiresAt)
}

// Usable returns nil if the challenge can be completed at now, or the
// refusal: EFORBIDDEN for an expired, completed or denied challenge,
// ERATELIMIT for a locked one. It marks a pending challenge past its
// expiry as expired.
func (c *Challenge) Usable(now time.Time) error {
	if c.Status == StatusPending && c.Expired(now) {
		c.Status = StatusExpired
	}
	switch c.Status {
	case StatusPending:
		return nil
	case StatusExpired:
		return proofdesk.Errorf(proofdesk.EFORBIDDEN, "This verification request has expired. Ask the agent for a new one.")
	case StatusCompleted:
		return proofdesk.Errorf(proofdesk.EFORBIDDEN, "This verification request has already been used.")
	case StatusDenied:
		return proofdesk.Errorf(proofdesk.EFORBIDDEN, "This verification request was reported as not made by the customer.")
	case StatusLocked:
		return proofdesk.Errorf(proofdesk.ERATELIMIT, "This verification request is locked after too many wrong attempts.")
	}
	return proofdesk.Errorf(proofdesk.EINTERNAL, "Internal error.")
}

// Attempt records one answer (ok reports whether the code, or the number
// picked on the page, was right; see CheckCode and MatchesNumber) and
// updates c in place. A refused attempt returns an error (see Usable) and
// changes nothing but an expiry. A wrong answer is not an error: Outcome
// says how many attempts are left, and the MaxAttemptsPerChallenge-th
// wrong answer locks the challenge.
//
// The store must persist the change conditionally (for example UPDATE ...
// WHERE id = ? AND status = 'pending' AND attempts = ?), so two concurrent
// attempts cannot both count as the last free one or both complete it.
func (c *Challenge) Attempt(now time.Time, ok bool) (Outcome, error) {
	if err := c.Usable(now); err != nil {
		return Outcome{Status: c.Status, AttemptsLeft: c.attemptsLeft()}, err
	}
	if ok {
		t := now.UTC()
		c.Status, c.CompletedAt = StatusCompleted, &t
		return Outcome{OK: true, Status: c.Status, AttemptsLeft: c.attemptsLeft()}, nil
	}
	c.Attempts++
	if c.Attempts >= MaxAttemptsPerChallenge {
		c.Status = StatusLocked
	}
	return Outcome{Failed: true, Status: c.Status, AttemptsLeft: c.attemptsLeft()}, nil
}

func (c *Challenge) attemptsLeft() int {
	if c.Status != StatusPending {
		return 0
	}
	return max(0, MaxAttemptsPerChallenge-c.Attempts)
}

// MatchesNumber reports whether pick is the challenge's number. The page
// counts a wrong pick as a failed attempt: Attempt(now, c.MatchesNumber(pick)).
// The number is not secret (the agent reads it out), so the comparison
// need not be constant-time.
func (c *Challenge) MatchesNumber(pick int) bool {
	return pick >= 10 && pick <= 99 && pick == c.Number
}

// AttemptNumber records a pick of the 2-digit number on the /v/ page.
// The page offers three numbers, so a blind pick is right one time in
// three: one wrong pick ends the request (StatusLocked, no attempts
// left), and the customer asks the agent for a new one. Errors are those
// of Attempt.
func (c *Challenge) AttemptNumber(now time.Time, pick int) (Outcome, error) {
	out, err := c.Attempt(now, c.MatchesNumber(pick))
	if err != nil || !out.Failed {
		return out, err
	}
	c.Status = StatusLocked
	return Outcome{Failed: true, Status: c.Status, AttemptsLeft: 0}, nil
}

// Deny records "This wasn't me" and returns the status the challenge had.
// The owner may report a request even after it expired, was locked by an
// attacker's guesses, or was completed by someone else: that is exactly
// when they hear of it. Only a second report is refused (ECONFLICT).
// The caller flags the conversation as fraud, puts the customer under a
// support lock and alerts supervisors.
func (c *Challenge) Deny(now time.Time) (string, error) {
	if c.Status == StatusPending && c.Expired(now) {
		c.Status = StatusExpired
	}
	if c.Status == StatusDenied {
		return c.Status, proofdesk.Errorf(proofdesk.ECONFLICT, "This verification request was already reported.")
	}
	prev := c.Status
	c.Status = StatusDenied
	return prev, nil
}

// Factor returns the possession factor a completed challenge proves, or
// nil if it is not completed. The factor is of the contact point's kind
// (email or phone).
func (c *Challenge) Factor() *Factor {
	if c.Status != StatusCompleted || c.CompletedAt == nil {
		return nil
	}
	if c.Kind != FactorEmail && c.Kind != FactorPhone {
		return nil
	}
	return &Factor{Kind: c.Kind, ContactPointID: c.ContactPointID, At: *c.CompletedAt}
}

// CanIssue returns nil if a new challenge may be issued, or an ERATELIMIT
// error naming the cap that holds. convCount is the challenges already
// issued in the conversation; customerHourCount and customerFailuresHour are
// the customer's challenges and wrong answers in the last hour, across all
// conversations and channels. Issuing a new challenge never resets the
// failure count.
func CanIssue(convCount, customerHourCount, customerFailuresHour int) error {
	switch {
	case customerFailuresHour >= MaxFailuresPerCustomerHour:
		return rateLimited("Too many wrong verification attempts for this customer in the last hour. Try again later.", MaxFailuresPerCustomerHour)
	case customerHourCount >= MaxChallengesPerCustomerHour:
		return rateLimited("Too many verification requests for this customer in the last hour. Try again later.", MaxChallengesPerCustomerHour)
	case convCount >= MaxChallengesPerConversation:
		return rateLimited("This conversation has reached its limit of verification requests.", MaxChallengesPerConversation)
	}
	return nil
}

// CanAttempt returns an ERATELIMIT error once the customer has
// MaxFailuresPerCustomerHour wrong answers in the last hour, so guesses
// cannot continue on challenges issued before the cap was reached.
func CanAttempt(customerFailuresHour int) error {
	if customerFailuresHour >= MaxFailuresPerCustomerHour {
		return rateLimited("Too many wrong verification attempts for this customer in the last hour. Try again later.", MaxFailuresPerCustomerHour)
	}
	return nil
}

func rateLimited(msg string, limit int) error {
	return &proofdesk.Error{Code: proofdesk.ERATELIMIT, Message: msg, Details: map[string]any{"limit": limit}}
}

// Eligible returns nil if cp may receive a challenge at now, or EFORBIDDEN
// if it was added or changed inside the cooling-off window. The message
// says when it becomes usable and never shows the value. coolingOff of
// zero or less means DefaultCoolingOff.
func Eligible(cp *proofdesk.ContactPoint, now time.Time, coolingOff time.Duration) error {
	if cp == nil {
		return proofdesk.Errorf(proofdesk.ENOTFOUND, "Contact point not found.")
	}
	if cp.Kind != proofdesk.ContactEmail && cp.Kind != proofdesk.ContactPhone {
		return proofdesk.Errorf(proofdesk.EINVALID, "Only an email address or phone number on file can receive a verification request.")
	}
	if coolingOff <= 0 {
		coolingOff = DefaultCoolingOff
	}
	usable := cp.AddedAt.Add(coolingOff)
	if now.Before(usable) {
		return &proofdesk.Error{
			Code: proofdesk.EFORBIDDEN,
			Message: "This " + kindName(cp.Kind) + " was added or changed recently and cannot be used for verification until " +
				usable.UTC().Format("2006-01-02 15:04 MST") + ".",
			Details: map[string]any{"usable_at": usable.UTC().Format(time.RFC3339)},
		}
	}
	return nil
}

func kindName(kind string) string {
	if kind == proofdesk.ContactPhone {
		return "phone number"
	}
	return "email address"
}
