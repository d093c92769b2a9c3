package console

import (
	"context"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"slices"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// maxReplyUpload bounds the body of a reply with files: every file
// together and the rest of the form.
const maxReplyUpload = proofdesk.MaxAttachmentsTotalBytes + httpd.MaxBodyBytes

// routeUploadLimit is the server's limit on the reply route, above
// maxReplyUpload, which parseUpload enforces with a page of the console.
const routeUploadLimit = 2 * maxReplyUpload

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

// fileItem is an attachment as the timeline shows it.
type fileItem struct {
	ID     string
	Name   string
	Size   string
	Type   string
	Inline bool // an image type shown as a thumbnail (the server sniffs again when serving)
	URL    string
	// ContentID names the image in its mail's text ("[image: …]").
	ContentID string
	// InPlace: the image is shown where the message's text marks it,
	// not again as a thumbnail.
	InPlace bool
}

func (h *Handler) attachmentStore() (attachmentStore, bool) {
	s, ok := h.d.Conversations.(attachmentStore)
	return s, ok
}

// fileItems shows a message's attachments as its view shows them.
func fileItems(as []proofdesk.AttachmentView) []fileItem {
	var out []fileItem
	for _, a := range as {
		out = append(out, fileItem{
			ID: a.ID, Name: a.Filename, Size: proofdesk.FormatBytes(a.Size), Type: a.ContentType,
			Inline:    slices.Contains(proofdesk.InlineImageTypes, a.ContentType),
			URL:       "/conversations/" + a.ConversationID + "/attachments/" + a.ID,
			ContentID: a.ContentID,
		})
	}
	return out
}

// downloadName is the name of attachment a of conversation convID as the
// timeline shows it: a customer's file name with codes hidden; it also
// reads a's bytes through the same view (ViewContext.FileData: a text
// file's codes hidden). EFORBIDDEN for a text file too large to read.
func (h *Handler) downloadName(r *http.Request, convID string, a *proofdesk.Attachment) (string, error) {
	ctx := r.Context()
	hasCodes := false
	if h.d.Verification != nil {
		cs, err := h.d.Verification.FindChallenges(ctx, convID)
		if err != nil {
			return "", err
		}
		hasCodes = len(cs) > 0
	}
	vc, err := h.messageViewContext(r, convID, hasCodes)
	if err != nil {
		return "", err
	}
	// The file's text through the same view (codes hidden).
	if a.Data = vc.FileData(a.Data); a.Data == nil {
		return "", proofdesk.Errorf(proofdesk.EFORBIDDEN, "This text file is too large to read for verification codes; it is withheld.")
	}
	msgs, err := h.d.Conversations.FindMessages(ctx, convID)
	if err != nil {
		return "", err
	}
	// Read with the other messages, as on the page (a known code split
	// between the name and a message).
	for i, mv := range proofdesk.NewMessageViews(msgs, vc) {
		if msgs[i].ID != a.MessageID {
			continue
		}
		for _, v := range mv.Attachments {
			if v.ID == a.ID {
				return v.Filename, nil
			}
		}
	}
	return "attachment", nil
}

// handleAttachment serves a file of a conversation, decrypted, to an
// agent who may open the conversation: the same lookup as the page decides.
func (h *Handler) handleAttachment(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if _, err := h.d.Conversations.FindConversationByID(r.Context(), id); err != nil {
		h.renderError(w, r, err)
		return
	}
	s, ok := h.attachmentStore()
	if !ok {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.ENOTFOUND, "Attachment not found."))
		return
	}
	a, err := s.FindAttachment(r.Context(), id, r.PathValue("attachment"))
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	if a.Filename, err = h.downloadName(r, id, a); err != nil {
		h.renderError(w, r, err)
		return
	}
	httpd.ServeAttachment(w, r, a)
}

// parseUpload reads a multipart form before the CSRF check, so that a
// body over the limit is refused naming the limit instead of looking like
// a form without its token.
// The route's own limit (routeUploadLimit) is larger, so that a body over
// maxReplyUpload gets this page rather than the server's JSON error.
func (h *Handler) parseUpload(next http.Handler) http.Handler {
	tooLarge := proofdesk.Errorf(proofdesk.EINVALID, "The files are too large: at most %s together, %s each. Nothing was sent.",
		proofdesk.FormatBytes(proofdesk.MaxAttachmentsTotalBytes), proofdesk.FormatBytes(proofdesk.MaxAttachmentBytes))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > maxReplyUpload {
			w.Header().Set("Connection", "close")
			h.renderError(w, r, tooLarge)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxReplyUpload)
		if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
			if httpd.IsBodyTooLarge(err) {
				h.renderError(w, r, tooLarge)
				return
			}
			h.renderError(w, r, proofdesk.Errorf(proofdesk.EINVALID, "The form could not be read."))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// formFiles reads the files of form field name.
func formFiles(r *http.Request, name string) ([]*proofdesk.Attachment, error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	var out []*proofdesk.Attachment
	for _, fh := range r.MultipartForm.File[name] {
		if fh.Size == 0 && fh.Filename == "" {
			continue // the empty file input browsers send
		}
		data, err := readPart(fh)
		if err != nil {
			return nil, err
		}
		out = append(out, &proofdesk.Attachment{Filename: fh.Filename, ContentType: fh.Header.Get("Content-Type"), Data: data})
	}
	return out, nil
}

func readPart(fh *multipart.FileHeader) ([]byte, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
