package api

import (
	"context"
	"net/http"
	"time"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// MergeHandler merges two conversations of one customer.
type MergeHandler struct {
	agents proofdesk.AgentService
	desk   conversationMerger
	Now    func() time.Time
}

// conversationMerger is desk.Desk's merge (proofdesk.Decide,
// DoMergeConversations).
type conversationMerger interface {
	MergeConversations(ctx context.Context, sourceID, targetID string) (*proofdesk.Conversation, error)
}

// NewMergeHandler returns the handler.
func NewMergeHandler(agents proofdesk.AgentService, d conversationMerger) *MergeHandler {
	return &MergeHandler{agents: agents, desk: d, Now: time.Now}
}

// Register adds, behind bearer-token auth:
//
//	POST /api/v1/conversations/{id}/merge {"into": ID} → 200 Conversation (the target):
//	     {id}'s messages are copied into "into" (same customer), {id} is
//	     resolved, the target keeps the lower level; 400 for different
//	     customers, 403 for anyone but the holder or a supervisor, 423
//	     under a support lock.
func (h *MergeHandler) Register(r Router) {
	r.Handle("POST /api/v1/conversations/{id}/merge", authenticated(h.agents, h.handleMerge))
}

func (h *MergeHandler) handleMerge(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Into string `json:"into"`
	}
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	if in.Into == "" {
		httpd.Error(w, r, proofdesk.FieldError("into", "into is required: the conversation to merge into"))
		return
	}
	c, err := h.desk.MergeConversations(r.Context(), r.PathValue("id"), in.Into)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, newConversationJSON(c, h.Now()))
}
