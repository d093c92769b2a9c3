package api

import (
	"context"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// PostMessage stores an agent's message on a conversation the way
// POST /api/v1/conversations/{id}/messages does: it validates the body,
// runs the reply guard on a reply (not on an internal note), audits a
// block and stores the message with its files (checked against the
// attachment limits). The acting agent comes from ctx. The console posts
// its composer through it, so one path carries the guard.
//
// It returns EINVALID for a bad body, ENOTFOUND for an unknown
// conversation and EDISCLOSURE (Details "rule", "class", "required_level")
// when the guard blocks the reply.
func (h *Handler) PostMessage(ctx context.Context, conversationID, body string, internal bool, clientID string, files []*proofdesk.Attachment) (*proofdesk.Message, error) {
	in := messageCreate{Body: body, Internal: internal, ClientID: clientID}
	for _, f := range files {
		in.Attachments = append(in.Attachments, attachmentUpload{Filename: f.Filename, ContentType: f.ContentType, Data: f.Data})
	}
	return h.postMessage(ctx, conversationID, in)
}

// postMessage is the one path agent messages take, from the API and the
// console. The store's CreateMessage asks the desk's guard
// (desk/reply.go) about every reply whatever the caller; the desk audits
// and counts a block.
func (h *Handler) postMessage(ctx context.Context, conversationID string, in messageCreate) (*proofdesk.Message, error) {
	files := make([]*proofdesk.Attachment, 0, len(in.Attachments))
	for _, f := range in.Attachments {
		files = append(files, &proofdesk.Attachment{Filename: f.Filename, ContentType: f.ContentType, Data: f.Data})
	}
	if err := proofdesk.CheckAttachments(files, proofdesk.MaxAttachmentBytes); err != nil {
		return nil, err
	}
	if len(files) == 0 || in.Body != "" {
		if err := validateBody("body", in.Body); err != nil {
			return nil, err
		}
	}
	if len(in.ClientID) > 100 {
		return nil, proofdesk.FieldError("client_id", "client_id is longer than 100 bytes")
	}
	if len(in.BreakGlassReason) > 500 {
		return nil, proofdesk.FieldError("break_glass_reason", "break_glass_reason is longer than 500 bytes")
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
	m := &proofdesk.Message{
		ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: agent.ID,
		Body: in.Body, Internal: in.Internal, ClientID: in.ClientID, CreatedAt: now,
		BreakGlassReason: strings.TrimSpace(in.BreakGlassReason),
		Attachments:      files,
	}
	if err := h.conversations.CreateMessage(ctx, m); err != nil {
		return nil, err
	}
	return m, nil
}
