package api

import (
	"context"
	"net/http"
	"time"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// originalFinder is the conversation store's keeper of inbound mail
// originals, when it has one (sqldb.ConversationService does).
type originalFinder interface {
	FindEmailOriginal(ctx context.Context, convID, msgID string) (*proofdesk.EmailOriginal, error)
}

// originalJSON is an inbound mail as received: the full text (quoted
// history, forwards and attached messages included; the message's body
// is the same text without quoted history) and the raw RFC 5322 message.
type originalJSON struct {
	ConversationID string    `json:"conversation_id"`
	MessageID      string    `json:"message_id"`
	FullText       string    `json:"full_text"`
	Raw            []byte    `json:"raw"` // base64 in JSON
	AuthResults    string    `json:"auth_results"`
	SenderDiffers  bool      `json:"sender_differs"`
	ReceivedAt     time.Time `json:"received_at"`
}

// handleMessageOriginal serves GET
// /api/v1/conversations/{id}/messages/{mid}/original: the kept original of
// an inbound mail, to an agent who may read the conversation's messages
// (the same check as the message list). With ?format=eml it is the raw
// message as a download (message/rfc822). ENOTFOUND for a message that did
// not come by mail.
func (h *Handler) handleMessageOriginal(w http.ResponseWriter, r *http.Request) {
	id, mid := r.PathValue("id"), r.PathValue("mid")
	if _, err := h.conversations.FindConversationByID(r.Context(), id); err != nil {
		httpd.Error(w, r, err)
		return
	}
	of, ok := h.conversations.(originalFinder)
	if !ok {
		httpd.Error(w, r, proofdesk.Errorf(proofdesk.ENOTFOUND, "Original mail not found."))
		return
	}
	o, err := of.FindEmailOriginal(r.Context(), id, mid)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	if r.URL.Query().Get("format") == "eml" {
		w.Header().Set("Content-Type", "message/rfc822")
		w.Header().Set("Content-Disposition", `attachment; filename="`+mid+`.eml"`)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(o.Raw)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, originalJSON{ConversationID: o.ConversationID, MessageID: o.MessageID, FullText: o.FullText, Raw: o.Raw,
		AuthResults: o.AuthResults, SenderDiffers: o.SenderDiffers, ReceivedAt: o.CreatedAt})
}
