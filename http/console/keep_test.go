package console_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/http/console/consoletest"
)

// Every action of the conversation page is a button of the composer form,
// so without JavaScript its POST carries the draft; the page the action
// renders gives the draft (and the reason typed) back.
func TestConversation_ActionsKeepTheDraft(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	b := agentBrowser(t, s)
	ctx := context.Background()
	conv := "/conversations/" + s.Conv.ID
	_, page := b.get(conv)
	tok := csrfOf(t, page)
	for _, want := range []string{`form="composer" formaction="` + conv + `/challenges"`, `form="composer" formaction="` + conv + `/reveal"`,
		`form="composer" formaction="` + conv + `/assign"`, `formaction="` + conv + `/status"`, `id="resolve-btn"`, `data-latest="1"`} {
		if !strings.Contains(page, want) {
			t.Fatalf("conversation page lacks %q", want)
		}
	}
	const draft = "Thanks for waiting, I am checking your order now & will write back."
	textarea := ">" + html.EscapeString(draft) + "</textarea>"

	var email string
	for _, cp := range s.Customer.ContactPoints {
		if cp.Value == consoletest.CustomerEmail {
			email = cp.ID
		}
	}
	// A refused reveal keeps the draft and the reason.
	resp, page := b.post(conv+"/reveal", url.Values{"csrf_token": {tok}, "body": {draft}, "internal": {"0"}, "field": {"addresses"}, "reason": {"parcel went missing"}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(page, textarea) || !strings.Contains(page, `value="parcel went missing"`) {
		t.Fatalf("refused reveal: %d, draft or reason lost", resp.StatusCode)
	}
	// Sending a verification request (the guard's own advice) keeps it.
	resp, page = b.post(conv+"/challenges", url.Values{"csrf_token": {tok}, "body": {draft}, "internal": {"0"}, "contact_point_id": {email}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, textarea) || !strings.Contains(page, `id="draft-kept"`) || !strings.Contains(page, `id="match-number"`) {
		t.Fatalf("challenge with a draft: %d, draft lost", resp.StatusCode)
	}
	if chs, _ := s.Verification.FindChallenges(ctx, s.Conv.ID); len(chs) != 1 {
		t.Fatalf("%d challenges, want 1", len(chs))
	}
	// An internal note's draft stays a note.
	resp, page = b.post(conv+"/assign", url.Values{"csrf_token": {tok}, "body": {"note to self"}, "internal": {"1"}, "assignee": {"me"}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, ">note to self</textarea>") || !strings.Contains(page, `value="1" checked`) {
		t.Fatalf("assign with a note draft: %d", resp.StatusCode)
	}
	// Resolve with a draft: resolved, and the draft is still there, unsent.
	resp, page = b.post(conv+"/status", url.Values{"csrf_token": {tok}, "body": {draft}, "internal": {"0"}, "status": {"resolved"}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, textarea) || !strings.Contains(page, "Conversation resolved.") {
		t.Fatalf("resolve with a draft: %d", resp.StatusCode)
	}
	c, _ := s.Conversations.FindConversationByID(ctx, s.Conv.ID)
	msgs, _ := s.Conversations.FindMessages(ctx, s.Conv.ID)
	if c.Status != proofdesk.StatusResolved {
		t.Fatalf("status %s", c.Status)
	}
	for _, m := range msgs {
		if strings.Contains(m.Body, "checking your order") {
			t.Fatal("an action sent the draft")
		}
	}
	// Without a draft an action still redirects (post/redirect/get).
	if resp, _ := b.post(conv+"/status", url.Values{"csrf_token": {tok}, "body": {"  \n"}, "status": {"open"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reopen without a draft: %d, want 303", resp.StatusCode)
	}
}

// Macros are created in the console and applied in the composer: the
// filled text joins the draft; a placeholder the level does not allow
// refuses the macro with the level it needs, and the draft stays.
func TestConsole_Macros(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	b := agentBrowser(t, s)
	ctx := context.Background()
	_, page := b.get("/macros")
	tok := csrfOf(t, page)
	if !strings.Contains(page, "Verification needed") || !strings.Contains(page, "shared") {
		t.Fatal("the built-in replies are not listed as shared macros")
	}
	resp, page := b.post("/macros", url.Values{"csrf_token": {tok}, "title": {"Ship to"}, "body": {"Hi {{customer.first_name}}, it goes to {{customer.address}}."}, "tags": {"shipping"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	resp, page = b.post("/macros", url.Values{"csrf_token": {tok}, "title": {"Bad"}, "body": {"{{customer.card}}"}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "unknown placeholder") || !strings.Contains(page, "{{customer.card}}</textarea>") {
		t.Fatalf("bad placeholder: %d", resp.StatusCode)
	}
	conv := "/conversations/" + s.Conv.ID
	_, page = b.get(conv)
	var shipID string
	if i := strings.Index(page, `">Ship to (mine)</option>`); i > 0 {
		j := strings.LastIndex(page[:i], `value="`)
		shipID = page[j+len(`value="`) : i]
	}
	if shipID == "" || !strings.Contains(page, `id="macro-apply"`) {
		t.Fatal("the composer does not offer the new macro")
	}
	resp, page = b.post(conv+"/macros", url.Values{"csrf_token": {tok}, "body": {"my own words"}, "macro_id": {shipID}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(page, "needs L1") || !strings.Contains(page, ">my own words</textarea>") {
		t.Fatalf("address placeholder at L0: %d", resp.StatusCode)
	}
	assertNoPII(t, "refused macro", page)
	c, _ := s.Conversations.FindConversationByID(ctx, s.Conv.ID)
	if len(c.Tags) != 1 { // the fixture's "orders" only: a refused macro changes nothing
		t.Fatalf("tags after a refused macro: %v", c.Tags)
	}
	resp, page = b.post(conv+"/macros", url.Values{"csrf_token": {tok}, "body": {"my own words"}, "macro_id": {"mac_default_greeting"}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, ">my own words\n\nHi, thanks for getting in touch.") {
		t.Fatalf("greeting: %d", resp.StatusCode)
	}
}

// The inbox's word search finds a chat by a word of its messages (chats
// have no subject), accents folded; a query shaped like an email is
// refused with a message, never answered with an empty list.
func TestConsole_SearchWords(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	b := agentBrowser(t, s)
	ctx := context.Background()
	chat := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, Status: proofdesk.StatusOpen, Requester: proofdesk.Requester{Name: "Visitor"}}
	if err := s.Conversations.CreateConversation(ctx, chat, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "Tenho uma reclamação sobre a entrega"}); err != nil {
		t.Fatal(err)
	}
	_, page := b.get("/inbox?view=all&q=" + url.QueryEscape("RECLAMACAO"))
	if !strings.Contains(page, "/conversations/"+chat.ID) {
		t.Fatal("the chat is not found by a word of its message")
	}
	if _, page := b.get("/inbox?view=all&q=" + url.QueryEscape("jane.doe@example.com")); !strings.Contains(page, "Search does not look for") || strings.Contains(page, "/conversations/"+s.Conv.ID+`"`) {
		t.Fatal("an email-shaped search is not refused")
	}
}

// The word search keeps the work model's filters: a priority filter
// leaves out a matching conversation of another priority.
func TestConsole_SearchWordsWithPriority(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	b := agentBrowser(t, s)
	ctx := context.Background()
	urgent := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, Status: proofdesk.StatusOpen, Priority: proofdesk.PriorityUrgent, Requester: proofdesk.Requester{Name: "Visitor"}}
	if err := s.Conversations.CreateConversation(ctx, urgent, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "Wombat delivery is late"}); err != nil {
		t.Fatal(err)
	}
	low := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, Status: proofdesk.StatusOpen, Priority: proofdesk.PriorityLow, Requester: proofdesk.Requester{Name: "Visitor"}}
	if err := s.Conversations.CreateConversation(ctx, low, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "Wombat plush question"}); err != nil {
		t.Fatal(err)
	}
	_, page := b.get("/inbox?view=all&q=wombat")
	if !strings.Contains(page, "/conversations/"+urgent.ID) || !strings.Contains(page, "/conversations/"+low.ID) {
		t.Fatal("the search does not find both conversations")
	}
	_, page = b.get("/inbox?view=all&q=wombat&priority=urgent")
	if !strings.Contains(page, "/conversations/"+urgent.ID) || strings.Contains(page, "/conversations/"+low.ID) {
		t.Fatal("the search ignores the priority filter")
	}
}

// The work model's actions (triage, snooze) are composer buttons too: the
// draft travels with them and comes back; a tag's remove button leaves a
// stale priority select alone.
func TestConversation_WorkActionsKeepTheDraft(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	b := agentBrowser(t, s)
	ctx := context.Background()
	conv := "/conversations/" + s.Conv.ID
	_, page := b.get(conv)
	tok := csrfOf(t, page)
	for _, want := range []string{`form="composer" formaction="` + conv + `/triage"`, `form="composer" formaction="` + conv + `/snooze"`,
		`id="priority" form="composer"`, `id="snooze-until" form="composer"`} {
		if !strings.Contains(page, want) {
			t.Fatalf("conversation page lacks %q", want)
		}
	}
	const draft = "Still looking into the parcel for you."
	textarea := ">" + html.EscapeString(draft) + "</textarea>"
	resp, page := b.post(conv+"/triage", url.Values{"csrf_token": {tok}, "body": {draft}, "internal": {"0"}, "priority": {"urgent"}, "triage": {"save"}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, textarea) || !strings.Contains(page, `id="draft-kept"`) {
		t.Fatalf("triage with a draft: %d, draft lost", resp.StatusCode)
	}
	if c, _ := s.Conversations.FindConversationByID(ctx, s.Conv.ID); c.Priority != proofdesk.PriorityUrgent {
		t.Fatalf("priority %q after triage", c.Priority)
	}
	tags := []string{"billing"}
	if _, err := s.Conversations.UpdateConversation(proofdesk.NewContextWithAgent(ctx, s.Agent), s.Conv.ID, proofdesk.ConversationUpdate{Tags: &tags}); err != nil {
		t.Fatal(err)
	}
	// Removing a tag with the priority select still at "low" (stale).
	if resp, _ := b.post(conv+"/triage", url.Values{"csrf_token": {tok}, "body": {""}, "priority": {"low"}, "tag_remove": {"billing"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("tag removal: %d", resp.StatusCode)
	}
	if c, _ := s.Conversations.FindConversationByID(ctx, s.Conv.ID); c.Priority != proofdesk.PriorityUrgent || len(c.Tags) != 0 {
		t.Fatalf("after removing the tag: priority %q tags %q", c.Priority, c.Tags)
	}
	// A refused snooze keeps the draft and the time typed.
	resp, page = b.post(conv+"/snooze", url.Values{"csrf_token": {tok}, "body": {draft}, "internal": {"0"}, "until": {"soon"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, textarea) || !strings.Contains(page, `value="soon"`) {
		t.Fatalf("refused snooze: %d, draft or time lost", resp.StatusCode)
	}
	resp, page = b.post(conv+"/snooze", url.Values{"csrf_token": {tok}, "body": {draft}, "internal": {"0"}, "hours": {"4"}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, textarea) || !strings.Contains(page, "Conversation snoozed.") {
		t.Fatalf("snooze with a draft: %d", resp.StatusCode)
	}
	if c, _ := s.Conversations.FindConversationByID(ctx, s.Conv.ID); c.Status != proofdesk.StatusSnoozed || c.SnoozedUntil == nil {
		t.Fatalf("after the snooze: %s %v", c.Status, c.SnoozedUntil)
	}
}
