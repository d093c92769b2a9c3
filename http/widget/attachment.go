package widget

import (
	"context"
	"errors"
	"io"
	"net/http"
	"slices"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// maxUploadBody bounds POST .../attachments: one file and the form around it.
const maxUploadBody = proofdesk.MaxWidgetAttachmentBytes + 64<<10

// fileView is an attachment as the visitor sees it; url serves it to the
// visitor's token (the widget fetches it with its Authorization header).
type fileView struct {
	ID          string `json:"id"`
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	URL         string `json:"url"`
}

func fileViews(as []*proofdesk.Attachment) []fileView {
	var out []fileView
	for _, a := range as {
		out = append(out, fileView{ID: a.ID, Filename: a.Filename, ContentType: a.ContentType, Size: a.Size,
			URL: "/widget/v1/conversations/" + a.ConversationID + "/attachments/" + a.ID})
	}
	return out
}

// attachmentFinder is the conversation store's attachments.
type attachmentFinder interface {
	// FindAttachment returns ENOTFOUND unless the conversation has it.
	FindAttachment(ctx context.Context, convID, id string) (*proofdesk.Attachment, error)
}

// uploadRouter is a Router that gives a route a larger body limit.
type uploadRouter interface {
	HandleUpload(pattern string, h http.Handler, maxBody int64)
}

// errFileType refuses a file the widget does not take, naming what it takes.
var errFileType = proofdesk.FieldError("file", "Only images (PNG, JPEG, GIF, WebP) and PDF files can be sent in the chat.")

func errFileTooLarge() error {
	return &proofdesk.Error{Code: proofdesk.EINVALID, Field: "file",
		Message: "The file is too large: at most " + proofdesk.FormatBytes(proofdesk.MaxWidgetAttachmentBytes) + ".",
		Details: map[string]any{"max_bytes": proofdesk.MaxWidgetAttachmentBytes}}
}

// handleUpload serves POST /widget/v1/conversations/{id}/attachments: one
// file (multipart form field "file", optional "client_id") from the
// visitor into their own conversation, as a message of its own. Only the
// types of proofdesk.WidgetAttachmentTypes are taken, judged by the bytes
// (WHATWG MIME Sniffing), never by the name or the declared type, up to
// proofdesk.MaxWidgetAttachmentBytes; it counts against the visitor's rate.
func (h *Handler) handleUpload(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v := visitorFrom(ctx)
	conv, err := h.ownConversation(ctx, v, r.PathValue("id"))
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		if httpd.IsBodyTooLarge(err) {
			httpd.Error(w, r, errFileTooLarge())
			return
		}
		httpd.Error(w, r, proofdesk.FieldError("file", "Send the file as multipart/form-data in the field \"file\"."))
		return
	}
	f, fh, err := r.FormFile("file")
	if err != nil {
		httpd.Error(w, r, proofdesk.FieldError("file", "Send the file as multipart/form-data in the field \"file\"."))
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, proofdesk.MaxWidgetAttachmentBytes+1))
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	if len(data) > proofdesk.MaxWidgetAttachmentBytes {
		httpd.Error(w, r, errFileTooLarge())
		return
	}
	ctype := http.DetectContentType(data)
	if len(data) == 0 || !slices.Contains(proofdesk.WidgetAttachmentTypes, ctype) {
		httpd.Error(w, r, errFileType)
		return
	}
	clientID := r.FormValue("client_id")
	if len(clientID) > 64 {
		httpd.Error(w, r, proofdesk.FieldError("client_id", "client_id is too long"))
		return
	}
	if err := h.rateLimit(ctx, v); err != nil {
		httpd.Error(w, r, err)
		return
	}
	m := &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorCustomer, ClientID: clientID,
		Attachments: []*proofdesk.Attachment{{Filename: proofdesk.SanitizeFilename(fh.Filename), ContentType: ctype, Data: data}}}
	if err := h.conversations.CreateMessage(ctx, m); err != nil {
		httpd.Error(w, r, err)
		return
	}
	msgs, err := h.conversations.FindMessages(ctx, conv.ID)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	for _, mv := range visibleMessages(msgs) {
		if mv.ID == m.ID {
			httpd.WriteJSON(w, http.StatusCreated, map[string]any{"message": mv})
			return
		}
	}
	httpd.Error(w, r, errors.New("widget upload: stored message not found"))
}

// handleAttachment serves GET /widget/v1/conversations/{id}/attachments/{attachment}:
// a file of the visitor's own conversation that the visitor can see (not
// one of an internal note), as httpd.ServeAttachment serves it.
func (h *Handler) handleAttachment(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	conv, err := h.ownConversation(ctx, visitorFrom(ctx), r.PathValue("id"))
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	finder, ok := h.conversations.(attachmentFinder)
	notFound := proofdesk.Errorf(proofdesk.ENOTFOUND, "Attachment not found.")
	if !ok {
		httpd.Error(w, r, notFound)
		return
	}
	msgs, err := h.conversations.FindMessages(ctx, conv.ID)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	id := r.PathValue("attachment")
	visible := false
	for _, m := range msgs {
		if m.Internal {
			continue
		}
		for _, a := range m.Attachments {
			visible = visible || a.ID == id
		}
	}
	if !visible {
		httpd.Error(w, r, notFound)
		return
	}
	a, err := finder.FindAttachment(ctx, conv.ID, id)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.ServeAttachment(w, r, a)
}
