package console_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/http/console/consoletest"
)

func TestConversation_LinkCustomer(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{PhoneRegion: "US"})
	b := agentBrowser(t, s)
	path := "/conversations/" + s.Unlinked.ID
	_, page := b.get(path)
	if !strings.Contains(page, `id="link-form"`) {
		t.Fatal("an unlinked conversation offers no way to link a customer")
	}
	csrf := csrfOf(t, page)
	link := func(lookup string) (*http.Response, string) {
		t.Helper()
		return b.post(path+"/customer", url.Values{"csrf_token": {csrf}, "lookup": {lookup}})
	}

	// Refusals: not an email or phone, nobody on file. Nothing is linked.
	for _, tc := range []struct{ lookup, want string }{
		{"jane", "full email address or phone number"},
		{"+44 (415) 555-0123", "full email address or phone number"},
		{"nobody@example.com", "No customer has that email address or phone number on file."},
	} {
		resp, page := link(tc.lookup)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, tc.want) {
			t.Fatalf("link %q: %d, page lacks %q", tc.lookup, resp.StatusCode, tc.want)
		}
		assertNoPII(t, "failed link", page)
	}
	if c, _ := s.Conversations.FindConversationByID(context.Background(), s.Unlinked.ID); c.CustomerID != "" {
		t.Fatal("a failed link linked the conversation")
	}

	// The on-file phone, as a person types it in the desk's default
	// region (US), finds the customer (blind index).
	resp, _ := link("(415) 555-0123")
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "done=linked") {
		t.Fatalf("link: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	c, err := s.Conversations.FindConversationByID(context.Background(), s.Unlinked.ID)
	if err != nil || c.CustomerID != s.Customer.ID || c.Level != proofdesk.L0 {
		t.Fatalf("after link: %+v %v", c, err)
	}
	_, page = b.get(path + "?done=linked")
	for _, want := range []string{"Customer linked.", "Send a verification request to", `<span class="vt-dest">j***@e***.com</span>`} {
		if !strings.Contains(page, want) {
			t.Fatalf("linked page lacks %q", want)
		}
	}
	if strings.Contains(page, `id="link-form"`) {
		t.Fatal("a linked conversation still offers the link form")
	}
	assertNoPII(t, "linked conversation", page)

	// Without a default region, a number typed without its country code
	// is refused, never guessed as North American.
	s2 := consoletest.New(t, consoletest.Options{})
	b2 := agentBrowser(t, s2)
	_, page2 := b2.get("/conversations/" + s2.Unlinked.ID)
	if resp, page := b2.post("/conversations/"+s2.Unlinked.ID+"/customer", url.Values{"csrf_token": {csrfOf(t, page2)}, "lookup": {"(415) 555-0123"}}); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(page, "no country code") {
		t.Fatalf("national number without a region: %d, want a refusal naming the missing country code", resp.StatusCode)
	}

	// An agent cannot move a linked conversation to someone else.
	if resp, page := link(consoletest.CustomerEmail); resp.StatusCode != http.StatusForbidden || !strings.Contains(page, "Only a supervisor") {
		t.Fatalf("relink by agent: %d", resp.StatusCode)
	}
}

func TestInbox_PreviewTitlesChats(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	now := time.Now().UTC()
	long := "Code 123456: hello there, my parcel has not arrived yet and I would like to know where it is going please"
	chat := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, Status: proofdesk.StatusOpen, CreatedAt: now, UpdatedAt: now, LastActivityAt: now}
	if err := s.Conversations.CreateConversation(context.Background(), chat, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: long, CreatedAt: now}); err != nil {
		t.Fatal(err)
	}
	b := agentBrowser(t, s)
	// Cut at a word boundary, the code hidden.
	want := "Code [code hidden]: hello there, my parcel has not arrived yet and I would like to know…"
	_, page := b.get("/inbox?view=unassigned")
	if !strings.Contains(page, `<span class="conv-preview">`+want+"</span>") {
		t.Fatalf("inbox lacks the preview %q", want)
	}
	if strings.Contains(page, "123456") {
		t.Fatal("the inbox shows a code-like number")
	}
	_, page = b.get("/conversations/" + chat.ID)
	if !strings.Contains(page, want+"</h1>") {
		t.Fatal("the chat page is not titled by its first message")
	}
}
