package console

import (
	"context"
	"net/http"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// MergeActions are desk.Desk's merges: two conversations of one
// customer, and two customer records (a supervisor's action; the same use
// case as POST /api/v1/customers/{id}/merge).
type MergeActions interface {
	MergeConversations(ctx context.Context, sourceID, targetID string) (*proofdesk.Conversation, error)
	MergeCustomers(ctx context.Context, sourceID, targetID, reason string) (*proofdesk.Customer, error)
}

// handleMerge merges this conversation into the one named by "into" (an
// ID or a console address of it); the draft and what was typed stay on a
// refusal. Done, the agent is taken to the merged conversation.
func (h *Handler) handleMerge(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	into := strings.TrimSpace(r.PostFormValue("into"))
	if i := strings.LastIndex(into, "/conversations/"); i >= 0 {
		into = into[i+len("/conversations/"):]
	}
	into, _, _ = strings.Cut(into, "?")
	if into == "" {
		h.showConversation(w, r, http.StatusBadRequest, func(p *conversationPage) { p.Error = "Say which conversation to merge into." })
		return
	}
	target, err := h.d.Merge.MergeConversations(r.Context(), id, into)
	if err != nil {
		switch proofdesk.ErrorCode(err) {
		case proofdesk.EINVALID, proofdesk.EFORBIDDEN, proofdesk.ELOCKED, proofdesk.ENOTFOUND:
			h.showConversation(w, r, httpStatus(err), func(p *conversationPage) {
				p.Error = "Not merged. " + proofdesk.ErrorMessage(err)
				p.MergeInto = r.PostFormValue("into")
			})
		default:
			h.renderError(w, r, err)
		}
		return
	}
	http.Redirect(w, r, backTo(target.ID, "merged"), http.StatusSeeOther)
}

// NotificationActions are an agent's own notification settings and the
// notices of a mention (desk.Desk).
type NotificationActions interface {
	NotificationSettings(ctx context.Context) (proofdesk.NotificationSettings, error)
	SetNotificationSettings(ctx context.Context, s proofdesk.NotificationSettings) (proofdesk.NotificationSettings, error)
	NotifyMention(ctx context.Context, convID string, agentIDs []string) error
}
