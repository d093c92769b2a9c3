package proofdesk

import (
	"context"
	"time"
)

// Team is a group of agents with its own queue: the conversations whose
// Team is the team's ID. With AutoAssign, a new conversation in the queue
// goes to the next available member by round robin, within each member's
// capacity (desk.Desk.AutoAssignTeam).
type Team struct {
	ID         string
	Name       string // 1 to 100 bytes, unique
	AutoAssign bool
	// Channels: a new conversation on one of these channels, with no
	// team, joins this team's queue (the first such team by name).
	Channels  []string
	AgentIDs  []string // members
	CreatedAt time.Time
}

// Tag is an admin-managed tag name; conversations carry tag names
// (Conversation.Tags), lower-case.
type Tag struct {
	ID        string
	Name      string // 1 to 50 bytes, lower-case, unique
	CreatedAt time.Time
}

// Agent availability: set by the agent; online becomes away after
// AwayAfter without activity. Auto-assignment picks online agents only;
// going offline hands the agent's open chats back to their team.
const (
	AvailabilityOnline  = "online"
	AvailabilityAway    = "away"
	AvailabilityOffline = "offline"
)

// AwayAfter is how long an online agent may be inactive (no console
// request) before they count as away.
const AwayAfter = 10 * time.Minute

// ValidAvailability reports whether s is a known availability.
func ValidAvailability(s string) bool {
	return s == AvailabilityOnline || s == AvailabilityAway || s == AvailabilityOffline
}

// Conversation sort orders (ConversationFilter.Sort).
const (
	SortActivity = "activity" // newest activity first (the default)
	SortPriority = "priority" // most urgent first, then newest activity
	SortCreated  = "created"  // oldest first: who has waited longest
)

// ViewFilter is the filter of a saved view; "" leaves a field open.
// Level is "L0", "L1" or "L2" (the effective level at least that);
// AssigneeID may be "me" (the viewing agent) or "none" (unassigned).
type ViewFilter struct {
	Channel    string `json:"channel,omitempty"`
	Status     string `json:"status,omitempty"`
	Team       string `json:"team,omitempty"` // team ID
	Tag        string `json:"tag,omitempty"`
	Priority   string `json:"priority,omitempty"`
	Level      string `json:"level,omitempty"`
	AssigneeID string `json:"assignee_id,omitempty"`
	Sort       string `json:"sort,omitempty"`
}

// SavedView is an agent's named inbox filter.
type SavedView struct {
	ID        string
	AgentID   string
	Name      string // 1 to 100 bytes, unique per agent
	Filter    ViewFilter
	CreatedAt time.Time
}

// WorkService stores the work model: tags, teams, saved views and agent
// availability. Errors: EINVALID for bad values, ECONFLICT for a name
// taken, ENOTFOUND for an unknown ID.
type WorkService interface {
	FindTags(ctx context.Context) ([]*Tag, error)
	FindTeams(ctx context.Context) ([]*Team, error)
	FindSavedViews(ctx context.Context, agentID string) ([]*SavedView, error)
}
