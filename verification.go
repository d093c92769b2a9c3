package proofdesk

import (
	"context"
	"time"
)

// Challenge statuses, as the API shows them.
const (
	ChallengePending   = "pending"
	ChallengeCompleted = "completed"
	ChallengeDenied    = "denied"
	ChallengeLocked    = "locked"
	ChallengeExpired   = "expired"
)

// ChallengeInfo is a verification request as agents see it: where it went
// (masked), the number to read out, and its state. It never holds the
// code or the link.
type ChallengeInfo struct {
	ID                string    `json:"id"`
	ConversationID    string    `json:"conversation_id"`
	ContactPointID    string    `json:"contact_point_id"`
	Kind              string    `json:"kind"`
	MaskedDestination string    `json:"destination"`
	Number            int       `json:"number"`
	Status            string    `json:"status"`
	AttemptsLeft      int       `json:"attempts_left"`
	CreatedAt         time.Time `json:"created_at"`
	ExpiresAt         time.Time `json:"expires_at"`
}

// ChallengePage is what the customer's /v/{token} page shows: who is
// asking, on which channel, since when, and the numbers to pick from.
type ChallengePage struct {
	ChallengeID   string
	Status        string
	Channel       string
	AgentName     string
	ContactSince  time.Time // when the conversation started
	Choices       [3]int
	ExpiresAt     time.Time
	AttemptsLeft  int
	CustomerFirst string // the customer's first name, for the greeting
	// CustomerLanguage is the customer's stored language preference (the
	// attribute "language", e.g. "de"), or "": the page's first choice.
	CustomerLanguage string
	ConversationID   string
}

// ChallengeResult is the outcome of a customer's attempt.
type ChallengeResult struct {
	OK           bool
	Status       string
	AttemptsLeft int
	Level        Level
}

// VerificationService issues verification requests to on-file contact
// points and records their completion. Only the customer completes one:
// no method takes a code on an agent's behalf.
type VerificationService interface {
	// IssueChallenge sends a request to an on-file contact point of the
	// conversation's customer. Returns EINVALID if the conversation has no
	// customer or the contact point is not theirs, EFORBIDDEN inside the
	// cooling-off window, ERATELIMIT over a cap.
	IssueChallenge(ctx context.Context, conversationID, contactPointID string) (*ChallengeInfo, error)
	// FindChallenges lists a conversation's requests, newest first.
	FindChallenges(ctx context.Context, conversationID string) ([]*ChallengeInfo, error)
	// ChallengePage returns what /v/{token} shows; it changes nothing.
	// Returns ENOTFOUND for an unknown token.
	ChallengePage(ctx context.Context, token string) (*ChallengePage, error)
	// ApproveByToken completes the request if number is the one the agent
	// read out; a wrong pick counts as a failed attempt.
	ApproveByToken(ctx context.Context, token string, number int) (*ChallengeResult, error)
	// DenyByToken records "this wasn't me": fraud flag, support lock,
	// supervisor alert.
	DenyByToken(ctx context.Context, token string) error
	// CompleteByCode checks a code typed by the customer into the widget
	// or on the phone keypad against the conversation's pending requests.
	CompleteByCode(ctx context.Context, conversationID, code string) (*ChallengeResult, error)
	// LinkSession links the conversation to the customer with that
	// external ID at L1, from a verified signed session token.
	LinkSession(ctx context.Context, conversationID, externalID string, at time.Time) (*Conversation, error)
	// (Reveal, lifting a support lock and the account changes made in a
	// conversation are use cases of package desk.)
	// RecentCodes returns a matcher of the verification codes issued on
	// any conversation in the last RecentCodeWindow: given six ASCII
	// digits, it reports whether they are one of them (ViewContext.KnownCode).
	// It reads the store on its first call, not before.
	RecentCodes(ctx context.Context) func(code string) bool
	// Elsewhere returns ViewContext.Elsewhere for the conversation: what
	// its customer wrote in their other conversations in the last
	// RecentCodeWindow, read from the store on its first call. A failed
	// read is logged and reads as nothing more (the known code in one
	// piece, or in pieces of this conversation, is still hidden).
	Elsewhere(ctx context.Context, conversationID string) func() []*Message
	// AgentText returns ViewContext.AgentText for the agent in ctx on
	// the conversation: it masks the protected values of the
	// conversation's customer (and of the customers the requester
	// claims) that this agent could not send there now, in what agents
	// wrote. nil when there is nothing to mask against. Errors: the
	// store's (ENOTFOUND for an unknown conversation).
	AgentText(ctx context.Context, conversationID string) (func(text string) (string, bool), error)
}

// RecentCodeWindow is how long after it was issued a verification code is
// still hidden wherever it is typed: well past its 10-minute life, so that
// a code pasted late is hidden too, and short enough that checking a
// number against the recent codes stays cheap.
const RecentCodeWindow = time.Hour

// PolicyService stores the installation's policy.
type PolicyService interface {
	// FindPolicy returns the policy in force.
	FindPolicy(ctx context.Context) (*Policy, error)
	// UpdatePolicy validates and stores p, auditing before and after.
	UpdatePolicy(ctx context.Context, p *Policy) error
}

// Outbox message kinds and statuses.
const (
	OutboxEmail = "email"
	OutboxSMS   = "sms"

	OutboxQueued = "queued"
	OutboxSent   = "sent"
	OutboxFailed = "failed"
)

// OutboxBodiesShown reports whether an admin reading the outbox may see
// the bodies of outgoing messages: only while no transport is configured
// (no mail relay, no SMS provider: the demo), when the outbox stands in
// for the customers' mailboxes. Once either is set the desk is real: what
// it delivers carries live verification codes and links, and what stays
// in the outbox (a kind without a transport) holds codes as live that an
// admin could pass to whoever asks; agents, admins included, never handle
// those.
func OutboxBodiesShown(mailRelay, smsProvider bool) bool {
	return !mailRelay && !smsProvider
}

// OutboxMessage is a notification waiting for delivery, written in the
// same transaction as the event that caused it.
type OutboxMessage struct {
	ID             string `json:"id"`
	Kind           string `json:"kind"`
	Purpose        string `json:"purpose"`
	ConversationID string `json:"conversation_id,omitempty"`
	// CustomerID is the customer a message without a conversation is
	// about (an owner notice, an export or erasure link): the outbox
	// seals it under that customer's data key, so erasing them makes it
	// unreadable. Set on enqueue only; "" for messages about no customer.
	CustomerID string `json:"-"`
	To         string `json:"to"`
	Subject    string `json:"subject,omitempty"`
	Body       string `json:"body,omitempty"`
	Status     string `json:"status"`
	Attempts   int    `json:"attempts"`
	// LastError says in words why the last attempt failed ("connection
	// refused: nothing listens at the relay's address and port"), never
	// with an address or a body; "" when none failed.
	LastError string    `json:"last_error,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// OutboxFilter narrows FindOutboxMessages: a conversation, a status
// (OutboxQueued, OutboxSent, OutboxFailed), at most Limit messages
// (default 100, at most 500), newest first.
type OutboxFilter struct {
	ConversationID string
	Status         string
	Limit          int
}

// OutboxService reads the built-in outbox.
type OutboxService interface {
	// FindOutbox returns the newest messages first.
	FindOutbox(ctx context.Context, limit int) ([]*OutboxMessage, error)
	// FindOutboxMessages returns the messages f selects, newest first.
	FindOutboxMessages(ctx context.Context, f OutboxFilter) ([]*OutboxMessage, error)
}
