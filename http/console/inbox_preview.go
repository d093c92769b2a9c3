package console

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/proofdesk/proofdesk"
)

// previewRows is how many subjectless rows of a list get a preview: each
// costs one read of the conversation's messages.
const previewRows = 50

// Longest previews, in characters: an inbox row, a page heading.
const (
	previewLen = 90
	headingLen = 90
)

// preview returns the start of the requester's first message, to title a
// conversation that has no subject (chats, calls). Anything that looks
// like a verification code is hidden, as on the conversation page.
// It is cut to max characters.
func (h *Handler) preview(ctx context.Context, conversationID string, max int) (string, error) {
	msgs, err := h.d.Conversations.FindMessages(ctx, conversationID)
	if err != nil {
		return "", err
	}
	// The conversation's messages read together through the one view, as
	// on its page (a code split across messages is hidden in each part).
	// Without the conversation's requests at hand, hide as if codes were
	// issued: every number of six digits or more (the safe side).
	vc := h.textView(ctx)
	vc.CodesIssued = true
	if h.d.Verification != nil {
		vc.Elsewhere = h.d.Verification.Elsewhere(ctx, conversationID)
	}
	views := proofdesk.NewMessageViews(msgs, vc)
	for i, m := range msgs {
		if m.AuthorKind != proofdesk.AuthorCustomer {
			continue
		}
		body := views[i].Body
		body = strings.Join(strings.Fields(body), " ")
		if body == "" {
			continue
		}
		if utf8.RuneCountInString(body) > max {
			cut := string([]rune(body)[:max-1])
			if i := strings.LastIndexByte(cut, ' '); i > max/2 {
				cut = cut[:i] // at a word boundary when there is one
			}
			body = strings.TrimRight(cut, " ,.;:") + "…"
		}
		return body, nil
	}
	return "", nil
}
