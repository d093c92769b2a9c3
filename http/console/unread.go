package console

import (
	"sync"
	"time"
)

// maxTracked bounds the conversations remembered per agent.
const maxTracked = 5000

// unreadTracker remembers, per agent, when each conversation was last
// opened, in memory: after a restart everything recent counts as unread
// once. It is safe for concurrent use.
type unreadTracker struct {
	mu   sync.Mutex
	seen map[string]map[string]time.Time
}

func newUnreadTracker() *unreadTracker {
	return &unreadTracker{seen: map[string]map[string]time.Time{}}
}

// markSeen records that agentID saw conversationID at t.
func (u *unreadTracker) markSeen(agentID, conversationID string, t time.Time) {
	u.mu.Lock()
	defer u.mu.Unlock()
	m := u.seen[agentID]
	if m == nil {
		m = map[string]time.Time{}
		u.seen[agentID] = m
	}
	if len(m) >= maxTracked {
		for k := range m { // drop an arbitrary entry: it shows as unread again
			delete(m, k)
			break
		}
	}
	m[conversationID] = t
}

// unread reports whether the conversation had activity after agentID last
// opened it.
func (u *unreadTracker) unread(agentID, conversationID string, lastActivity time.Time) bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	t, ok := u.seen[agentID][conversationID]
	return !ok || lastActivity.After(t)
}
