package proofdesk

// Conversation priorities, lowest first. A conversation without one is
// PriorityNormal.
const (
	PriorityLow    = "low"
	PriorityNormal = "normal"
	PriorityHigh   = "high"
	PriorityUrgent = "urgent"
)

// Priorities lists the priorities, lowest first.
var Priorities = []string{PriorityLow, PriorityNormal, PriorityHigh, PriorityUrgent}

// ValidPriority reports whether p is a known priority.
func ValidPriority(p string) bool { return PriorityRank(p) >= 0 }

// PriorityRank returns 0 (low) to 3 (urgent) for a known priority, -1
// otherwise. Sorting by priority sorts by rank, highest first.
func PriorityRank(p string) int {
	switch p {
	case PriorityLow:
		return 0
	case PriorityNormal:
		return 1
	case PriorityHigh:
		return 2
	case PriorityUrgent:
		return 3
	}
	return -1
}
