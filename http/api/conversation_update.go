package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// conversationUpdate is the body of PATCH /api/v1/conversations/{id}; an
// absent field is left as it is. Linking another customer drops the level
// to L0. Resolving sends the owner a masked transcript.
type conversationUpdate struct {
	CustomerID *string   `json:"customer_id"`
	Status     *string   `json:"status"`
	AssigneeID *string   `json:"assignee_id"`
	Team       *string   `json:"team"`
	Tags       *[]string `json:"tags"`
	// Priority is low, normal, high or urgent.
	Priority *string `json:"priority"`
	// SnoozedUntil (RFC 3339, in the future), with status snoozed, is
	// when the conversation comes back to open.
	SnoozedUntil *time.Time `json:"snoozed_until"`
	// BreakGlassReason lets a supervisor take over a verified
	// conversation and keep its level (audited, the owner told).
	BreakGlassReason string `json:"break_glass_reason"`
}

func (h *Handler) handleConversationUpdate(w http.ResponseWriter, r *http.Request) {
	var in conversationUpdate
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	if in.Status != nil && !proofdesk.ValidStatus(*in.Status) {
		httpd.Error(w, r, proofdesk.FieldError("status", "status must be one of open, pending, snoozed, resolved"))
		return
	}
	if in.Team != nil && len(*in.Team) > 100 {
		httpd.Error(w, r, proofdesk.FieldError("team", "team is longer than 100 bytes"))
		return
	}
	if in.Tags != nil {
		if len(*in.Tags) > 50 {
			httpd.Error(w, r, proofdesk.FieldError("tags", "at most 50 tags"))
			return
		}
		for _, t := range *in.Tags {
			if len(t) > 50 || strings.TrimSpace(t) == "" {
				httpd.Error(w, r, proofdesk.FieldError("tags", "each tag is 1 to 50 bytes"))
				return
			}
		}
	}
	conv, err := h.conversations.UpdateConversation(r.Context(), r.PathValue("id"), proofdesk.ConversationUpdate{
		CustomerID: in.CustomerID, Status: in.Status, AssigneeID: in.AssigneeID, Team: in.Team, Tags: in.Tags,
		Priority: in.Priority, SnoozedUntil: in.SnoozedUntil,
		BreakGlassReason: in.BreakGlassReason,
	})
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	vc, err := h.viewContext(r.Context(), conv.ID)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	scs, err := subjectsOf(r.Context(), h.conversations, conv)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, newConversationJSON(conv, h.Now(), vc, scs[conv.ID]))
}
