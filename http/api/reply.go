package api

import (
	"context"
	"net/http"

	"github.com/proofdesk/proofdesk"
)

// PostMessage stores an agent's message on a conversation the way
// POST /api/v1/conversations/{id}/messages does: it validates the body,
// runs the reply guard on a reply (not on an internal note), audits a
// block and stores the message. The acting agent comes from ctx. The
// console posts its composer through it, so one path carries the guard.
//
// It returns EINVALID for a bad body, ENOTFOUND for an unknown
// conversation and EDISCLOSURE (Details "rule", "class", "required_level")
// when the guard blocks the reply.
func (h *Handler) PostMessage(ctx context.Context, conversationID, body string, internal bool, clientID string) (*proofdesk.Message, error) {
	if err := validateBody("body", body); err != nil {
		return nil, err
	}
	if len(clientID) > 100 {
		return nil, proofdesk.FieldError("client_id", "client_id is longer than 100 bytes")
	}
	agent := proofdesk.AgentFromContext(ctx)
	if agent == nil {
		return nil, proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Sign in to post a message.")
	}
	conv, err := h.conversations.FindConversationByID(ctx, conversationID)
	if err != nil {
		return nil, err
	}
	now := h.Now().UTC()
	if !internal && h.ReplyGuard != nil {
		r := (&http.Request{}).WithContext(ctx)
		if err := h.checkReply(r, conv, body, now); err != nil {
			return nil, err
		}
	}
	m := &proofdesk.Message{
		ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: agent.ID,
		Body: body, Internal: internal, ClientID: clientID, CreatedAt: now,
	}
	if err := h.conversations.CreateMessage(ctx, m); err != nil {
		return nil, err
	}
	return m, nil
}
