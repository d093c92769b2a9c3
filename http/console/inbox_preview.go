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

// previewLen is the longest preview, in characters.
const previewLen = 90

// preview returns the start of the requester's first message, to title a
// conversation that has no subject (chats, calls). Anything that looks
// like a verification code is hidden, as on the conversation page.
func (h *Handler) preview(ctx context.Context, conversationID string) (string, error) {
	msgs, err := h.d.Conversations.FindMessages(ctx, conversationID)
	if err != nil {
		return "", err
	}
	for _, m := range msgs {
		if m.AuthorKind != proofdesk.AuthorCustomer {
			continue
		}
		body, _ := customerText(m.Body, true)
		body = strings.Join(strings.Fields(body), " ")
		if body == "" {
			continue
		}
		if utf8.RuneCountInString(body) > previewLen {
			r := []rune(body)[:previewLen-1]
			body = strings.TrimRight(string(r), " ") + "…"
		}
		return body, nil
	}
	return "", nil
}
