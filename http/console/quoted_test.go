package console_test

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/http/console/consoletest"
)

// TestConversation_ShowQuotedText: an inbound mail shows the customer's
// new text; its whole text (quoted history included) is one click away
// under "Show quoted text", and a mail from someone other than the
// requester is labelled so.
func TestConversation_ShowQuotedText(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	ctx := context.Background()
	conv := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, Subject: "Lieferung", Requester: proofdesk.Requester{Email: "klara@example.org"}}
	first := &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "Danke, das Paket ist angekommen."}
	if err := s.Conversations.CreateConversation(ctx, conv, first); err != nil {
		t.Fatal(err)
	}
	full := first.Body + "\n\nVon: Support <support@desk.example>\nGesendet: Sonntag\nAn: Klara\nBetreff: Ihre Anfrage\n\nIhre Bestellung 4711 ist unterwegs."
	if err := s.DB.RecordInbound(ctx, proofdesk.InboundMail{ConversationID: conv.ID, HeaderMessageID: "q1@example.org", MessageID: first.ID,
		Raw: []byte("From: klara@example.org\r\n\r\n" + full), FullText: full}); err != nil {
		t.Fatal(err)
	}
	other := &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "Bitte Adresse ändern."}
	if err := s.Conversations.CreateMessage(ctx, other); err != nil {
		t.Fatal(err)
	}
	if err := s.DB.RecordInbound(ctx, proofdesk.InboundMail{ConversationID: conv.ID, HeaderMessageID: "q2@elsewhere.example", MessageID: other.ID,
		Raw: []byte("From: x@elsewhere.example\r\n\r\nBitte Adresse ändern."), FullText: other.Body, SenderDiffers: true}); err != nil {
		t.Fatal(err)
	}
	_, page := agentBrowser(t, s).get("/conversations/" + conv.ID)
	page = html.UnescapeString(page)
	i := strings.Index(page, `id="m-`+first.ID+`"`)
	j := strings.Index(page, `id="m-`+other.ID+`"`)
	if i < 0 || j < 0 {
		t.Fatal("messages missing from the timeline")
	}
	firstItem, otherItem := page[i:j], page[j:]
	if !strings.Contains(firstItem, "Show quoted text") || !strings.Contains(firstItem, "Ihre Bestellung 4711 ist unterwegs.") {
		t.Fatalf("first mail lacks its quoted text:\n%s", firstItem)
	}
	if k := strings.Index(firstItem, "Show quoted text"); strings.Contains(firstItem[:k], "4711") {
		t.Fatal("the quoted history is shown as the customer's text")
	}
	if end := strings.Index(otherItem, "</li>"); !strings.Contains(otherItem[:end], "Different sender") || strings.Contains(otherItem[:end], "Show quoted text") {
		t.Fatalf("second mail: %s", otherItem[:end])
	}
}
