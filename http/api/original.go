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
	ConversationID string `json:"conversation_id"`
	MessageID      string `json:"message_id"`
	FullText       string `json:"full_text"`
	Raw            []byte `json:"raw,omitempty"` // base64 in JSON
	// RawWithheld says why Raw is absent: see rawReleased.
	RawWithheld   string    `json:"raw_withheld,omitempty"`
	AuthResults   string    `json:"auth_results"`
	SenderDiffers bool      `json:"sender_differs"`
	ReceivedAt    time.Time `json:"received_at"`
}

// handleMessageOriginal serves GET
// /api/v1/conversations/{id}/messages/{mid}/original: the kept original of
// an inbound mail, to an agent who may read the conversation's messages
// (the same check as the message list). With ?format=eml it is the raw
// message as a download (message/rfc822). ENOTFOUND for a message that did
// not come by mail.
func (h *Handler) handleMessageOriginal(w http.ResponseWriter, r *http.Request) {
	id, mid := r.PathValue("id"), r.PathValue("mid")
	conv, err := h.conversations.FindConversationByID(r.Context(), id)
	if err != nil {
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
	vc, err := h.viewContext(r.Context(), id)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	// The full text reads in its message's place among the conversation's
	// messages, as the message list reads the body (a code split across
	// mails is hidden in each).
	msgs, err := h.conversations.FindMessages(r.Context(), id)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	full := vc.TextAt(conv.Subject, msgs, mid, o.FullText)
	released := rawReleased(o.CreatedAt, h.Now(), full != o.FullText)
	if r.URL.Query().Get("format") == "eml" {
		if !released {
			httpd.Error(w, r, proofdesk.Errorf(proofdesk.EFORBIDDEN, "%s", rawWithheldText))
			return
		}
		w.Header().Set("Content-Type", "message/rfc822")
		w.Header().Set("Content-Disposition", `attachment; filename="`+mid+`.eml"`)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(o.Raw)
		return
	}
	out := originalJSON{ConversationID: o.ConversationID, MessageID: o.MessageID, FullText: full,
		AuthResults: o.AuthResults, SenderDiffers: o.SenderDiffers, ReceivedAt: o.CreatedAt}
	if released {
		out.Raw = o.Raw
	} else {
		out.RawWithheld = rawWithheldText
	}
	httpd.WriteJSON(w, http.StatusOK, out)
}

const rawWithheldText = "The raw message is withheld while a verification code in it could still be live: its text is shown with codes hidden."

// rawReleased reports whether the raw message may be shown to an agent.
// The full text passes the one view (codes hidden), but a raw message can
// carry a code in an encoded part (base64, quoted-printable) that the
// view cannot see, and the agent must never handle a live code
// (DESIGN.md §1 rule 4). So the raw message waits until every code that
// could be in it has passed proofdesk.RecentCodeWindow, and is never
// shown when its text held a code.
func rawReleased(received, now time.Time, textHadCode bool) bool {
	return !textHadCode && now.Sub(received) >= proofdesk.RecentCodeWindow
}
