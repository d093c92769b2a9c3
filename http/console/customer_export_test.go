package console_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/http/console/consoletest"
)

// TestCustomer_Export: the customer card's export panel. An agent is told
// why not and refused; a supervisor on a conversation below L2 is refused
// with Decide's reason and offered the break-glass; with a reason the
// export goes to the settled email and the card says where, masked,
// without the link.
func TestCustomer_Export(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	ctx := context.Background()
	path := "/customers/" + s.Customer.ID

	ag := agentBrowser(t, s)
	_, page := ag.get(path + "?from=" + s.Conv.ID)
	if !strings.Contains(page, `id="export-refused"`) || strings.Contains(page, `id="export-form"`) {
		t.Fatal("an agent is offered the export, or not told why not")
	}
	resp, page := ag.post(path+"/export", url.Values{"csrf_token": {csrfOf(t, page)}, "reason": {"owner asked by letter"}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(page, "Only a supervisor may export") {
		t.Fatalf("agent export: %d", resp.StatusCode)
	}

	role := proofdesk.RoleSupervisor
	if _, err := s.Agents.UpdateAgent(ctx, s.Other.ID, proofdesk.AgentUpdate{Role: &role}); err != nil {
		t.Fatal(err)
	}
	sup := signIn(t, s, consoletest.OtherEmail, consoletest.OtherPassword, "")
	_, page = sup.get(path + "?from=" + s.Conv.ID)
	if !strings.Contains(page, `id="export-form"`) || !strings.Contains(page, "is a break-glass") {
		t.Fatal("a supervisor below L2 is not offered the break-glass export")
	}
	tok := csrfOf(t, page)
	// From the conversation, at L0: refused with the level it needs.
	resp, page = sup.post(path+"/export", url.Values{"csrf_token": {tok}, "from": {s.Conv.ID}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(page, "Verify the customer to L2") {
		t.Fatalf("export at L0: %d", resp.StatusCode)
	}
	resp, page = sup.post(path+"/export", url.Values{"csrf_token": {tok}, "reason": {"owner asked by letter, ref 991"}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "Export sent to j***@e***.com") {
		t.Fatalf("break-glass export: %d", resp.StatusCode)
	}
	if strings.Contains(page, "/x/") || strings.Contains(page, consoletest.CustomerEmail) {
		t.Fatal("the card shows the link or the address")
	}
	msgs, err := s.Outbox.FindOutbox(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	var to []string
	for _, m := range msgs {
		if m.Purpose == proofdesk.PurposeExportLink {
			to = append(to, m.To)
		}
	}
	if len(to) != 1 || to[0] != consoletest.CustomerEmail {
		t.Fatalf("export links to %v, want the settled email only", to)
	}
}
