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

// TestCustomer_Merge: a supervisor finds the duplicate by a part of its
// name in the masked list, gives a reason, confirms, and the page shows
// the merged record; the merge is desk.MergeCustomers (audited, the owner
// told at both records' contact points, conversations at L0). An agent is
// told why not before clicking and refused after.
func TestCustomer_Merge(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	ctx := context.Background()
	const dupEmail = "jd.work@example.net"
	in := proofdesk.CustomerInput{Name: "Jane D. (chat)", Emails: []proofdesk.ContactPointInput{{Value: dupEmail}}}
	dup, err := in.Customer(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Customers.CreateCustomer(ctx, dup); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	chat := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: dup.ID, Status: proofdesk.StatusOpen, CreatedAt: now, UpdatedAt: now, LastActivityAt: now}
	if err := s.Conversations.CreateConversation(ctx, chat, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "hello from the chat", CreatedAt: now}); err != nil {
		t.Fatal(err)
	}
	path := "/customers/" + s.Customer.ID
	form := func(tok string, kv ...string) url.Values {
		v := url.Values{"csrf_token": {tok}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}

	// An agent sees Decide's reason and no form, and is refused (403) at
	// both steps; nothing changes.
	ag := agentBrowser(t, s)
	_, page := ag.get(path + "?merge_q=jane")
	if !strings.Contains(page, `id="merge-refused"`) || !strings.Contains(page, "Only a supervisor may merge customers.") ||
		strings.Contains(page, `id="merge-search"`) || strings.Contains(page, "Jane D. (chat)") {
		t.Fatal("an agent is offered the merge, or not told why not")
	}
	tok := csrfOf(t, page)
	for _, confirm := range []string{"", "yes"} {
		resp, page := ag.post(path+"/merge", form(tok, "source", dup.ID, "reason", "same person", "confirm", confirm))
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(page, "Only a supervisor may merge customers.") {
			t.Fatalf("agent merge (confirm=%q): %d", confirm, resp.StatusCode)
		}
	}
	if c, _ := s.Conversations.FindConversationByID(ctx, chat.ID); c.CustomerID != dup.ID {
		t.Fatal("an agent's refused merge moved the conversation")
	}

	role := proofdesk.RoleSupervisor
	if _, err := s.Agents.UpdateAgent(ctx, s.Other.ID, proofdesk.AgentUpdate{Role: &role}); err != nil {
		t.Fatal(err)
	}
	sup := signIn(t, s, consoletest.OtherEmail, consoletest.OtherPassword, "")
	_, page = sup.get(path)
	if !strings.Contains(page, `id="merge-search"`) || strings.Contains(page, `id="merge-refused"`) {
		t.Fatal("a supervisor gets no merge search")
	}
	// Never a lookup by a protected value.
	_, page = sup.get(path + "?merge_q=" + url.QueryEscape(dupEmail))
	if !strings.Contains(page, "never looked up by an email address or phone number") || strings.Contains(page, `id="merge-form"`) {
		t.Fatal("a search by email was answered")
	}
	// By a part of the name: the duplicate, masked, and not this customer.
	_, page = sup.get(path + "?merge_q=JANE+d")
	if !strings.Contains(page, `id="merge-form"`) || !strings.Contains(page, `value="`+dup.ID+`"`) || strings.Contains(page, `name="source" value="`+s.Customer.ID+`"`) {
		t.Fatal("the duplicate is not offered")
	}
	if strings.Contains(page, dupEmail) {
		t.Fatal("the candidate's email is shown in clear")
	}
	assertNoPII(t, "merge search", page)
	tok = csrfOf(t, page)

	// Without CSRF: refused.
	if resp, _ := sup.post(path+"/merge", url.Values{"source": {dup.ID}, "reason": {"same person"}, "confirm": {"yes"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("merge without CSRF: %d", resp.StatusCode)
	}
	// Picked: the page asks to confirm, nothing merged yet.
	resp, page := sup.post(path+"/merge?merge_q=jane", form(tok, "source", dup.ID, "reason", "same person, chat and email"))
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, `id="merge-confirm"`) || !strings.Contains(page, `value="same person, chat and email"`) {
		t.Fatalf("confirm step: %d", resp.StatusCode)
	}
	if c, _ := s.Conversations.FindConversationByID(ctx, chat.ID); c.CustomerID != dup.ID {
		t.Fatal("the confirm step merged")
	}
	// A reason too short: the desk's refusal, the candidates listed again.
	resp, page = sup.post(path+"/merge?merge_q=jane", form(tok, "source", dup.ID, "reason", "x", "confirm", "yes"))
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "reason is required") || !strings.Contains(page, `value="`+dup.ID+`" required checked`) {
		t.Fatalf("short reason: %d", resp.StatusCode)
	}
	// Confirmed.
	resp, _ = sup.post(path+"/merge", form(tok, "source", dup.ID, "reason", "same person, chat and email", "confirm", "yes"))
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path+"?done=cust_merged" {
		t.Fatalf("merge: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, page = sup.get(resp.Header.Get("Location"))
	if !strings.Contains(page, "Customers merged") || !strings.Contains(page, `href="/conversations/`+chat.ID+`"`) {
		t.Fatal("the merged page shows neither the result nor the duplicate's conversation")
	}
	assertNoPII(t, "merged customer", page)
	c, err := s.Conversations.FindConversationByID(ctx, chat.ID)
	if err != nil || c.CustomerID != s.Customer.ID || c.Level != proofdesk.L0 {
		t.Fatalf("after merge: %+v %v", c, err)
	}
	merged := "customer.merged"
	au, err := s.Audit.FindAuditEntries(ctx, proofdesk.AuditFilter{Action: &merged, Limit: 10})
	if err != nil || len(au) != 2 {
		t.Fatalf("audit: %d entries, %v", len(au), err)
	}
	msgs, err := s.Outbox.FindOutbox(ctx, 20)
	if err != nil {
		t.Fatal(err)
	}
	told := map[string]bool{}
	for _, m := range msgs {
		if m.Purpose == "owner_notice" {
			told[m.To] = true
		}
	}
	for _, to := range []string{dupEmail, consoletest.CustomerEmail, consoletest.CustomerPhone} {
		if !told[to] {
			t.Fatalf("owner not told at a contact point (%d told)", len(told))
		}
	}
}
