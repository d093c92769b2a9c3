package proofdesk

import (
	"context"
	"time"
)

// Event types carried by the EventService.
const (
	EventMessageCreated      = "message.created"
	EventConversationCreated = "conversation.created"
	EventConversationUpdated = "conversation.updated"
	EventLevelChanged        = "level.changed"
	EventChallengeUpdated    = "challenge.updated"
	EventTyping              = "typing"
	// EventTypingNote: an agent is typing an internal note (never shown
	// to the customer, unlike EventTyping by an agent).
	EventTypingNote = "typing.note"
	// EventViewing: an agent has the conversation open (Status "left"
	// when they close it); sent again while it stays open.
	EventViewing = "viewing"
	// EventMention: an internal note mentions AgentID.
	EventMention = "mention"
	// EventAssigned: the conversation was assigned to AgentID.
	EventAssigned = "assigned"
	// EventConversationReopened: a customer's message brought a resolved,
	// pending or snoozed conversation back to open, or its snooze ended.
	// AssigneeID and Team say whom to tell.
	EventConversationReopened = "conversation.reopened"
	// EventKeysDestroyed: the data keys KeyIDs were destroyed (an
	// erasure); every node drops them from its key cache
	// (desk.PublishEvents). Internal: the live streams do not forward it.
	EventKeysDestroyed = "keys.destroyed"
	// EventPolicyChanged: the stored policy changed; every node drops
	// its cached copy (desk.PublishEvents, sqldb.DB.ForgetPolicy).
	// Internal: the live streams do not forward it.
	EventPolicyChanged = "policy.changed"
)

// Internal reports whether e travels between nodes only (a cache to
// drop) and is never forwarded to a live stream.
func (e Event) Internal() bool {
	return e.Type == EventKeysDestroyed || e.Type == EventPolicyChanged
}

// Event is a live notification. It carries IDs and non-sensitive metadata
// only, never message bodies or customer data: a receiver fetches what it
// may see through the services, so ownership and masking still apply.
type Event struct {
	Type           string `json:"type"`
	ConversationID string `json:"conversation_id"`
	MessageID      string `json:"message_id,omitempty"`
	AuthorKind     string `json:"author_kind,omitempty"`
	Level          string `json:"level,omitempty"`
	Status         string `json:"status,omitempty"`
	AssigneeID     string `json:"assignee_id,omitempty"`
	Team           string `json:"team,omitempty"`
	// AgentID is the agent an event is by (viewing, typing) or for
	// (mention, assigned).
	AgentID string `json:"agent_id,omitempty"`
	// KeyIDs are the IDs (not the keys) of destroyed data keys, at most
	// 64 an event (EventKeysDestroyed).
	KeyIDs []string  `json:"key_ids,omitempty"`
	At     time.Time `json:"at"`
}

// Subscription delivers events until closed.
type Subscription interface {
	// C returns the channel events arrive on; it is closed by Close.
	C() <-chan Event
	// Close ends the subscription.
	Close() error
}

// EventService publishes events to subscribers, on one node (inmem) or
// across nodes (PostgreSQL LISTEN/NOTIFY).
type EventService interface {
	// PublishEvent delivers ev to every matching subscriber. It never
	// blocks on a slow subscriber: that subscriber misses the event and
	// catches up through the services.
	PublishEvent(ctx context.Context, ev Event)
	// Subscribe returns events of one conversation, or of all when
	// conversationID is "".
	Subscribe(ctx context.Context, conversationID string) (Subscription, error)
}
