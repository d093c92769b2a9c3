package proofdesk

import "sort"

// The kinds of agent notification, as the console's live notifications
// name them (notifyEvent.Kind) and as NotificationSettings.Kinds lists them.
const (
	NotifyAssigned = "assigned" // a conversation was assigned to the agent
	NotifyMention  = "mention"  // an internal note mentions the agent
	NotifyReply    = "reply"    // the customer replied in a conversation the agent holds
	NotifyNewChat  = "new_chat" // a new unassigned chat is waiting
)

// NotificationKinds lists every kind, in display order.
var NotificationKinds = []string{NotifyAssigned, NotifyMention, NotifyReply, NotifyNewChat}

// NotificationSettings are one agent's notification choices: the kinds
// they are told of (live in the console and, with Email, by email) and
// whether by email too. An agent who never chose has
// DefaultNotificationSettings.
type NotificationSettings struct {
	Kinds []string `json:"kinds"`
	Email bool     `json:"email"`
}

// DefaultNotificationSettings: every kind, in the browser only.
func DefaultNotificationSettings() NotificationSettings {
	return NotificationSettings{Kinds: append([]string(nil), NotificationKinds...)}
}

// Has reports whether kind is one of s's kinds.
func (s NotificationSettings) Has(kind string) bool {
	for _, k := range s.Kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// Normalize checks s's kinds (EINVALID "kinds" naming an unknown kind)
// and returns them once each, sorted in NotificationKinds order.
func (s NotificationSettings) Normalize() (NotificationSettings, error) {
	order := map[string]int{}
	for i, k := range NotificationKinds {
		order[k] = i
	}
	seen := map[string]bool{}
	out := NotificationSettings{Kinds: []string{}, Email: s.Email}
	for _, k := range s.Kinds {
		if _, ok := order[k]; !ok {
			return out, FieldError("kinds", "unknown notification kind %q: use assigned, mention, reply or new_chat", k)
		}
		if !seen[k] {
			seen[k] = true
			out.Kinds = append(out.Kinds, k)
		}
	}
	sort.Slice(out.Kinds, func(i, j int) bool { return order[out.Kinds[i]] < order[out.Kinds[j]] })
	return out, nil
}

// AgentNoticeSubject is the subject of the email that tells an agent of a
// notification of kind: the kind only, never customer data.
func AgentNoticeSubject(kind string) string {
	switch kind {
	case NotifyAssigned:
		return "A conversation was assigned to you"
	case NotifyMention:
		return "You were mentioned in an internal note"
	case NotifyReply:
		return "The customer replied in a conversation you hold"
	case NotifyNewChat:
		return "A new chat is waiting"
	}
	return "Proofdesk notification"
}
