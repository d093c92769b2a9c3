package console_test

import (
	"context"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/http/console/consoletest"
)

// TestView_CodeSplitSubjectBody_Lists: the code split between an email's
// subject ("my code is 482") and its body ("913 thanks") is hidden in the
// subject on the inbox list and the customer's page too, as on the
// conversation's page; a subject with an order number, on a conversation
// with no request and no known code in it, stays as written.
func TestView_CodeSplitSubjectBody_Lists(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	ctx := proofdesk.NewContextWithAgent(context.Background(), s.Agent)
	code := issueEmailCode(t, s, ctx, s.Conv.ID)
	mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: s.Customer.ID, Subject: "my code is " + code[:3]}
	if err := s.Conversations.CreateConversation(ctx, mail, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: code[3:] + " thanks"}); err != nil {
		t.Fatal(err)
	}
	order := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: s.Customer.ID, Subject: "Order 4471"}
	if err := s.Conversations.CreateConversation(ctx, order, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "2208 boxes never arrived"}); err != nil {
		t.Fatal(err)
	}
	b := agentBrowser(t, s)
	for _, url := range []string{"/inbox?view=all", "/inbox?view=all&q=code", "/customers/" + s.Customer.ID} {
		_, page := b.get(url)
		if strings.Contains(page, "is "+code[:3]) {
			t.Fatalf("%s shows the subject's half of the code %s", url, code)
		}
		if !strings.Contains(page, "my code is [code hidden]") {
			t.Fatalf("%s: the subject is not shown with its half hidden", url)
		}
		if !strings.Contains(url, "q=") && !strings.Contains(page, "Order 4471") {
			t.Fatalf("%s hides the order number of a subject on a conversation without a request", url)
		}
	}
}
