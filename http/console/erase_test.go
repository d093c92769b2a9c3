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

// TestCustomer_LegalHoldAndErase: on the customer's page an agent sees a
// hold but no forms; a supervisor puts the customer on legal hold (the
// conversation's page shows it too), the erasure is then refused with the
// gate's words (409) and nothing erased; the hold cleared, the one who
// cleared it is refused (403, the two-person rule's words) and another
// supervisor's erasure with a legal basis runs; the page shows the
// tombstone.
func TestCustomer_LegalHoldAndErase(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	ctx := context.Background()
	path := "/customers/" + s.Customer.ID
	role := proofdesk.RoleSupervisor
	if _, err := s.Agents.UpdateAgent(ctx, s.Other.ID, proofdesk.AgentUpdate{Role: &role}); err != nil {
		t.Fatal(err)
	}
	sup := signIn(t, s, consoletest.OtherEmail, consoletest.OtherPassword, "")
	_, page := sup.get(path)
	if !strings.Contains(page, `id="legal-hold-form"`) || !strings.Contains(page, `id="erase-form"`) {
		t.Fatal("a supervisor is offered no hold or erasure form")
	}
	tok := csrfOf(t, page)
	resp, _ := sup.post(path+"/legal-hold", url.Values{"csrf_token": {tok}, "op": {"set"}, "reason": {"case 2026-113"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("set hold: %d", resp.StatusCode)
	}
	ag := agentBrowser(t, s)
	_, page = ag.get("/conversations/" + s.Conv.ID)
	if !strings.Contains(page, "Legal hold on the customer") || strings.Contains(page, `id="legal-hold-form"`) {
		t.Fatal("the conversation does not show the customer's hold, or offers an agent the form")
	}
	_, page = ag.get(path)
	if strings.Contains(page, `id="erase-form"`) {
		t.Fatal("an agent is offered the erasure")
	}
	resp, page = sup.post(path+"/erase", url.Values{"csrf_token": {tok}, "reason": {"Jane asked in writing"}, "legal_basis": {"court order 7"}, "confirm": {"yes"}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(page, "legal hold") {
		t.Fatalf("erase under a hold: %d", resp.StatusCode)
	}
	if c, _ := s.Customers.FindCustomerByID(proofdesk.NewContextWithAgent(ctx, s.Agent), s.Customer.ID); c == nil || c.ErasedAt != nil {
		t.Fatal("erased under a legal hold")
	}
	resp, _ = sup.post(path+"/legal-hold", url.Values{"csrf_token": {tok}, "op": {"clear"}, "reason": {"case settled"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("clear hold: %d", resp.StatusCode)
	}
	if _, page := sup.get(resp.Header.Get("Location")); !strings.Contains(page, "For 7 days another supervisor, not you, must erase what it covered") {
		t.Fatal("the page after clearing the hold does not tell the two-person rule")
	}
	// Who cleared the hold may not erase (the two-person rule): the
	// page says so and who must; another supervisor (the admin) erases.
	resp, page = sup.post(path+"/erase", url.Values{"csrf_token": {tok}, "reason": {"Jane asked in writing"}, "legal_basis": {"court order 7"}, "confirm": {"yes"}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(page, "Not erased. Another supervisor must erase this customer: you cleared their legal hold on ") {
		t.Fatalf("erase by who cleared the hold: %d, want 403 with the two-person rule's words", resp.StatusCode)
	}
	if c, _ := s.Customers.FindCustomerByID(proofdesk.NewContextWithAgent(ctx, s.Agent), s.Customer.ID); c == nil || c.ErasedAt != nil {
		t.Fatal("erased by who cleared the hold")
	}
	if _, err := s.Agents.UpdateAgent(ctx, s.Agent.ID, proofdesk.AgentUpdate{Role: &role}); err != nil {
		t.Fatal(err)
	}
	_, page = ag.get(path) // Ada, now a supervisor too
	resp, _ = ag.post(path+"/erase", url.Values{"csrf_token": {csrfOf(t, page)}, "reason": {"Jane asked in writing"}, "legal_basis": {"court order 7"}, "confirm": {"yes"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path+"?done=erased" {
		t.Fatalf("erase: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, page = sup.get(path + "?done=erased")
	if !strings.Contains(page, `id="erased"`) || !strings.Contains(page, proofdesk.ErasedName) || strings.Contains(page, consoletest.CustomerName) || strings.Contains(page, `id="erase-form"`) {
		t.Fatal("the page after the erasure")
	}
	_, page = sup.get("/conversations/" + s.Conv.ID)
	if strings.Contains(page, consoletest.ProbingMessage) || strings.Contains(page, consoletest.Subject) {
		t.Fatal("the conversation still shows what the customer wrote")
	}
}
