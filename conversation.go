package proofdesk

import (
	"context"
	"time"
)

// Channels a conversation can come in on.
const (
	ChannelChat  = "chat"
	ChannelEmail = "email"
	ChannelPhone = "phone"
	ChannelAPI   = "api"
)

// Conversation statuses.
const (
	StatusOpen     = "open"
	StatusPending  = "pending"
	StatusSnoozed  = "snoozed"
	StatusResolved = "resolved"
)

// Message author kinds.
const (
	AuthorCustomer = "customer" // the requester, whoever they are
	AuthorAgent    = "agent"
	AuthorSystem   = "system"
)

// ValidChannel reports whether ch is a known channel.
func ValidChannel(ch string) bool {
	switch ch {
	case ChannelChat, ChannelEmail, ChannelPhone, ChannelAPI:
		return true
	}
	return false
}

// ValidStatus reports whether s is a known conversation status.
func ValidStatus(s string) bool {
	switch s {
	case StatusOpen, StatusPending, StatusSnoozed, StatusResolved:
		return true
	}
	return false
}

// Requester is who the person contacting support claims to be. Every field
// is a claim and never proves identity (DESIGN.md §1 rule 1).
type Requester struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// Conversation is one support thread on one channel. Subject and the
// requester's claims are stored encrypted under the conversation's data key.
type Conversation struct {
	ID         string
	Channel    string
	CustomerID string // linked customer, or ""
	// VisitorID, set when a widget visitor opens the conversation, binds
	// it to that visitor in the creating transaction (it is not a column
	// of the conversation): a conversation is never stored without the
	// visitor who can see it. With a first message that has a ClientID,
	// creating again returns the visitor's conversation of that message.
	VisitorID  string
	Requester  Requester
	Subject    string
	Status     string
	AssigneeID string
	Team       string // team ID, "" for none
	Tags       []string
	// Priority is one of low, normal, high, urgent ("" reads as normal).
	Priority string
	// SnoozedUntil is when a snoozed conversation comes back to open (nil:
	// when the customer writes again, which any customer message does);
	// nil for any other status.
	SnoozedUntil *time.Time

	// Level is the assurance level reached; it holds until LevelExpiresAt.
	Level          Level
	LevelExpiresAt *time.Time
	RiskFlags      []string
	Fraud          bool

	CreatedAt      time.Time
	UpdatedAt      time.Time
	LastActivityAt time.Time
}

// EffectiveLevel returns the level in force at now: L0 once it expired.
func (c *Conversation) EffectiveLevel(now time.Time) Level {
	if c.Level == L0 || c.LevelExpiresAt == nil || !now.Before(*c.LevelExpiresAt) {
		return L0
	}
	return c.Level
}

// Message is one entry in a conversation's timeline. Body is stored
// encrypted under the conversation's data key.
type Message struct {
	ID             string
	ConversationID string
	AuthorKind     string
	AuthorID       string // agent ID for agent messages, "" otherwise
	Body           string
	Internal       bool   // an internal note: never sent to the requester
	ClientID       string // client-side message ID that makes sends idempotent
	CreatedAt      time.Time
	// Seq is the message's 1-based position among the conversation's
	// messages the requester sees (internal notes are not counted, so
	// their existence shows in no gap); 0 for an internal note. The
	// store's CreateMessage (also for a retry by ClientID) and
	// FindMessages fill it.
	Seq int
	// RemovedAt is when the retention policy removed the body and the
	// attachments (Body is "" then); nil while they are kept.
	RemovedAt *time.Time
	// Attachments are stored with the message, in its transaction; an
	// agent reply's file names pass the disclosure guard with its body.
	Attachments []*Attachment

	// BreakGlassReason, set by a supervisor, sends an agent reply past the
	// disclosure guard: audited, flagged and notified to the owner.
	BreakGlassReason string
}

// MaxConversationCount is where FindConversations stops counting: a
// list's total is exact below it and means "at least" at it, so a page
// costs the same whatever the inbox holds (surfaces show "1,000+", as
// mail clients do; see ConversationCountCapped).
const MaxConversationCount = 1000

// ConversationCountCapped reports whether total, as FindConversations
// returned it, reached MaxConversationCount and so means "at least".
func ConversationCountCapped(total int) bool { return total >= MaxConversationCount }

// ConversationFilter selects conversations.
type ConversationFilter struct {
	ID         *string
	CustomerID *string
	Channel    *string
	Status     *string
	AssigneeID *string
	Team       *string
	Priority   *string
	Tag        *string
	// MinLevel keeps conversations whose effective level is at least it.
	MinLevel *Level
	// Unassigned keeps conversations with no assignee.
	Unassigned bool
	// Sort is SortActivity (""), SortPriority or SortCreated.
	Sort   string
	Offset int
	Limit  int
}

// ConversationUpdate is a partial update; nil fields are left alone.
type ConversationUpdate struct {
	CustomerID *string
	Status     *string
	AssigneeID *string
	Team       *string
	Tags       *[]string
	Priority   *string
	// SnoozedUntil, with Status snoozed (now or already), is when the
	// conversation comes back to open; it must be in the future. Without
	// it a snooze lasts until the customer writes again.
	SnoozedUntil *time.Time
	// BreakGlassReason, with AssigneeID, asks a supervisor's break-glass
	// to take over a verified conversation and keep its level
	// (proofdesk.Decide, DoAssign); audited, flagged, the owner told.
	BreakGlassReason string
}

// ConversationService stores conversations and their messages.
type ConversationService interface {
	// CreateConversation stores conv and, if first is non-nil, its first
	// message. Returns EINVALID for bad values.
	CreateConversation(ctx context.Context, conv *Conversation, first *Message) error
	// FindConversationByID returns ENOTFOUND if none has that ID.
	FindConversationByID(ctx context.Context, id string) (*Conversation, error)
	// FindConversations returns the matching conversations, newest activity
	// first, and the total count, which stops at MaxConversationCount.
	FindConversations(ctx context.Context, f ConversationFilter) ([]*Conversation, int, error)
	// UpdateConversation returns ENOTFOUND if none has that ID. Linking to
	// another customer drops the level to L0.
	UpdateConversation(ctx context.Context, id string, upd ConversationUpdate) (*Conversation, error)
	// CreateMessage appends m. A message whose ClientID was already stored
	// on that conversation is not stored twice: the stored one is returned.
	CreateMessage(ctx context.Context, m *Message) error
	// FindMessages returns a conversation's messages, oldest first.
	FindMessages(ctx context.Context, conversationID string) ([]*Message, error)
}
