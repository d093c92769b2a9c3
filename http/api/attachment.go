package api

import (
	"context"
	"net/http"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// maxMessageUpload bounds the body of POST .../messages: the attachments'
// limit in base64 (4/3) and the rest of the message.
const maxMessageUpload = proofdesk.MaxAttachmentsTotalBytes/3*4 + httpd.MaxBodyBytes

// attachmentStore is the conversation store's attachments.
type attachmentStore interface {
	// FindAttachments lists a conversation's attachments without bytes.
	FindAttachments(ctx context.Context, convID string) ([]*proofdesk.Attachment, error)
	// FindAttachment returns ENOTFOUND unless the conversation has it.
	FindAttachment(ctx context.Context, convID, id string) (*proofdesk.Attachment, error)
}

// uploadRouter is a Router that gives a route a larger body limit.
type uploadRouter interface {
	HandleUpload(pattern string, h http.Handler, maxBody int64)
}

// attachmentJSON is an attachment as the API lists it: the view's
// (file name with codes hidden) and url, which serves the file.
type attachmentJSON struct {
	proofdesk.AttachmentView
	URL string `json:"url"`
}

func newAttachmentJSON(a proofdesk.AttachmentView) attachmentJSON {
	return attachmentJSON{AttachmentView: a, URL: "/api/v1/conversations/" + a.ConversationID + "/attachments/" + a.ID}
}

// messageJSON is a message as the API shows it: the view, its files with
// their urls.
type messageJSON struct {
	*proofdesk.MessageView
	Attachments []attachmentJSON `json:"attachments"`
}

func newMessageJSON(mv *proofdesk.MessageView) messageJSON {
	out := messageJSON{MessageView: mv, Attachments: make([]attachmentJSON, 0, len(mv.Attachments))}
	for _, a := range mv.Attachments {
		out.Attachments = append(out.Attachments, newAttachmentJSON(a))
	}
	return out
}

// attachmentViews returns the files of conversation convID as the message
// views show them (oldest first): a customer's file names with codes
// hidden, an agent's as written, the same on every route.
func (h *Handler) attachmentViews(ctx context.Context, convID string) ([]proofdesk.AttachmentView, error) {
	ms, err := h.conversations.FindMessages(ctx, convID)
	if err != nil {
		return nil, err
	}
	vc, err := h.viewContext(ctx, convID)
	if err != nil {
		return nil, err
	}
	// Read together, as on the messages' route: a known code split
	// between a file's name and a message is hidden in the name too.
	var out []proofdesk.AttachmentView
	for _, v := range proofdesk.NewMessageViews(ms, vc) {
		out = append(out, v.Attachments...)
	}
	return out, nil
}

// attachmentUpload is a file in POST .../messages: data is base64
// (RFC 4648 §4, as encoding/json reads []byte).
type attachmentUpload struct {
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"`
	Data        []byte `json:"data"`
}

func (h *Handler) attachments() (attachmentStore, bool) {
	s, ok := h.conversations.(attachmentStore)
	return s, ok
}

// handleAttachmentList: GET /api/v1/conversations/{id}/attachments. Who
// may read the conversation's messages may list its files: the same
// conversation lookup decides.
func (h *Handler) handleAttachmentList(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if _, err := h.conversations.FindConversationByID(r.Context(), id); err != nil {
		httpd.Error(w, r, err)
		return
	}
	as, err := h.attachmentViews(r.Context(), id)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	out := make([]attachmentJSON, 0, len(as))
	for _, a := range as {
		out = append(out, newAttachmentJSON(a))
	}
	httpd.WriteJSON(w, http.StatusOK, map[string]any{"attachments": out})
}

// handleAttachmentShow: GET /api/v1/conversations/{id}/attachments/{attachment}
// serves the file decrypted (httpd.ServeAttachment: a download unless an
// inline image type; ?download=1 makes every file a download).
func (h *Handler) handleAttachmentShow(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if _, err := h.conversations.FindConversationByID(r.Context(), id); err != nil {
		httpd.Error(w, r, err)
		return
	}
	s, ok := h.attachments()
	if !ok {
		httpd.Error(w, r, proofdesk.Errorf(proofdesk.ENOTFOUND, "Attachment not found."))
		return
	}
	a, err := s.FindAttachment(r.Context(), id, r.PathValue("attachment"))
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	// The download's name as the views show it.
	views, err := h.attachmentViews(r.Context(), id)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	a.Filename = "attachment"
	for _, v := range views {
		if v.ID == a.ID {
			a.Filename = v.Filename
		}
	}
	// The file's text through the same view (codes hidden).
	vc, err := h.viewContext(r.Context(), id)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	if a.Data = vc.FileData(a.Data); a.Data == nil {
		httpd.Error(w, r, proofdesk.Errorf(proofdesk.EFORBIDDEN, "This text file is too large to read for verification codes; it is withheld."))
		return
	}
	httpd.ServeAttachment(w, r, a)
}
