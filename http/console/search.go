package console

import (
	"cmp"
	"context"
	"net/http"
	"slices"

	"github.com/proofdesk/proofdesk"
)

// SearchActions is desk.Desk's full-text search: it refuses (and counts
// like a lookup) a query shaped like a protected value.
type SearchActions interface {
	SearchConversations(ctx context.Context, query string, limit int) ([]string, error)
}

// searchInbox is the inbox of f when the agent searched words: the
// conversations whose subject or messages hold every word, kept when they
// pass the view's other filters (base). A refused query is shown as the
// search's error, with no list: refused, never answered empty.
func (h *Handler) searchInbox(r *http.Request, f inboxFilter, base proofdesk.ConversationFilter) ([]*proofdesk.Conversation, bool, error) {
	ctx := r.Context()
	ids, err := h.d.Search.SearchConversations(ctx, f.Q, scanLimit)
	if err != nil {
		if c := proofdesk.ErrorCode(err); c == proofdesk.EVERIFICATION || c == proofdesk.EFORBIDDEN {
			return nil, false, proofdesk.FieldError("q", "%s", proofdesk.ErrorMessage(err))
		}
		return nil, false, err
	}
	var out []*proofdesk.Conversation
	for _, id := range ids {
		c, err := h.d.Conversations.FindConversationByID(ctx, id)
		if err != nil {
			if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
				continue
			}
			return nil, false, err
		}
		switch {
		case base.Status != nil && c.Status != *base.Status,
			base.AssigneeID != nil && c.AssigneeID != *base.AssigneeID,
			base.Channel != nil && c.Channel != *base.Channel,
			base.Team != nil && c.Team != *base.Team,
			base.Priority != nil && cmp.Or(c.Priority, proofdesk.PriorityNormal) != *base.Priority,
			base.Tag != nil && !slices.Contains(c.Tags, *base.Tag),
			base.MinLevel != nil && c.EffectiveLevel(h.Now()) < *base.MinLevel,
			(base.Unassigned || f.View == "unassigned") && c.AssigneeID != "",
			f.Tag != "" && !slices.Contains(c.Tags, f.Tag):
			continue
		}
		out = append(out, c)
	}
	// The work model's sort (the store's order, id DESC breaking ties);
	// the search's own order is the newest activity.
	switch base.Sort {
	case proofdesk.SortPriority:
		slices.SortStableFunc(out, func(a, b *proofdesk.Conversation) int {
			return cmp.Compare(proofdesk.PriorityRank(b.Priority), proofdesk.PriorityRank(a.Priority))
		})
	case proofdesk.SortCreated:
		slices.SortStableFunc(out, func(a, b *proofdesk.Conversation) int { return a.CreatedAt.Compare(b.CreatedAt) })
	}
	// Subjects as the one view shows them in a list (inbox.go reads none).
	if err := h.showSubjects(ctx, out...); err != nil {
		return nil, false, err
	}
	return out, len(ids) == scanLimit, nil
}
