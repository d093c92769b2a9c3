package console

import (
	"context"
	"sync"
	"time"

	"github.com/proofdesk/proofdesk"
)

// maxTracked bounds the conversations remembered per agent in memory.
const maxTracked = 5000

// ReadStore remembers when each agent last opened each conversation.
// *sqldb.DB is one, shared by every node on the database.
type ReadStore interface {
	// MarkRead records that agentID opened conversationID at t.
	MarkRead(ctx context.Context, agentID, conversationID string, t time.Time) error
	// ReadTimes returns, of conversationIDs, those agentID opened, with when.
	ReadTimes(ctx context.Context, agentID string, conversationIDs []string) (map[string]time.Time, error)
}

// unreadOf returns which of convs had activity after agentID last opened
// them (or were never opened).
func unreadOf(ctx context.Context, st ReadStore, agentID string, convs ...[]*proofdesk.Conversation) (map[string]bool, error) {
	var ids []string
	for _, cs := range convs {
		for _, c := range cs {
			ids = append(ids, c.ID)
		}
	}
	seen, err := st.ReadTimes(ctx, agentID, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(ids))
	for _, cs := range convs {
		for _, c := range cs {
			t, ok := seen[c.ID]
			out[c.ID] = !ok || c.LastActivityAt.After(t)
		}
	}
	return out, nil
}

// memReads is the in-memory ReadStore of one node: after a restart
// everything recent counts as unread once. It is safe for concurrent use.
type memReads struct {
	mu   sync.Mutex
	seen map[string]map[string]time.Time
}

func newMemReads() *memReads {
	return &memReads{seen: map[string]map[string]time.Time{}}
}

func (u *memReads) MarkRead(_ context.Context, agentID, conversationID string, t time.Time) error {
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
	return nil
}

func (u *memReads) ReadTimes(_ context.Context, agentID string, conversationIDs []string) (map[string]time.Time, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	out := map[string]time.Time{}
	for _, id := range conversationIDs {
		if t, ok := u.seen[agentID][id]; ok {
			out[id] = t
		}
	}
	return out, nil
}
