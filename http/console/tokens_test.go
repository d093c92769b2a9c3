package console_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	"github.com/proofdesk/proofdesk/http/console/consoletest"
)

func TestAdmin_TokensListAndRevoke(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	s.Console.AllowNo2FA = true
	ctx := context.Background()
	// The agent has a token of their own, used once.
	agentToken, agentHash := auth.NewToken()
	if err := s.Agents.CreateAPIToken(ctx, &proofdesk.APIToken{AgentID: s.Agent.ID, Name: "Helpdesk <sync>", Hash: agentHash}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Agents.FindAgentByTokenHash(ctx, auth.HashToken(agentToken)); err != nil {
		t.Fatal(err)
	}
	b := signIn(t, s, consoletest.AdminEmail, consoletest.AdminPassword, "")
	_, page := b.get("/admin/tokens")
	tok := csrfOf(t, page)
	resp, page := b.post("/admin/tokens", url.Values{"csrf_token": {tok}, "name": {"CRM"}})
	if resp.StatusCode != http.StatusCreated || !strings.Contains(page, `id="new-token"`) {
		t.Fatalf("create token: %d", resp.StatusCode)
	}
	ts, err := s.Agents.FindAPITokens(ctx, "")
	if err != nil || len(ts) != 2 {
		t.Fatalf("tokens: %v %v", ts, err)
	}
	crm, helpdesk := ts[0], ts[1]
	if crm.Name != "CRM" || helpdesk.AgentID != s.Agent.ID {
		t.Fatalf("tokens not newest first: %+v %+v", crm, helpdesk)
	}

	// The list shows name, agent, created and last use, never a hash.
	resp, page = b.get("/admin/tokens")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /admin/tokens: %d", resp.StatusCode)
	}
	for _, want := range []string{"Helpdesk &lt;sync&gt;", "Ada Lovelace", "CRM", "Grace Hopper", "never",
		`action="/admin/tokens/` + crm.ID + `/revoke"`, `action="/admin/tokens/` + helpdesk.ID + `/revoke"`} {
		if !strings.Contains(page, want) {
			t.Fatalf("tokens page: no %q in\n%s", want, page)
		}
	}
	if strings.Count(page, "never") != 1 {
		t.Fatal("the used token shows no last use")
	}
	for _, secret := range []string{crm.Hash, helpdesk.Hash, agentToken} {
		if strings.Contains(page, secret) {
			t.Fatal("the tokens page shows a token or its hash")
		}
	}

	// Revoking needs the CSRF token, and admin rights.
	if resp, _ := b.post("/admin/tokens/"+helpdesk.ID+"/revoke", url.Values{"csrf_token": {"wrong"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("revoke without CSRF: %d", resp.StatusCode)
	}
	ab := agentBrowser(t, s)
	_, ap := ab.get("/inbox")
	if resp, _ := ab.post("/admin/tokens/"+helpdesk.ID+"/revoke", url.Values{"csrf_token": {csrfOf(t, ap)}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("agent revokes: %d", resp.StatusCode)
	}
	if _, err := s.Agents.FindAgentByTokenHash(ctx, helpdesk.Hash); err != nil {
		t.Fatalf("token gone after refused revokes: %v", err)
	}

	resp, _ = b.post("/admin/tokens/"+helpdesk.ID+"/revoke", url.Values{"csrf_token": {tok}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/tokens?done=revoked" {
		t.Fatalf("revoke: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, err := s.Agents.FindAgentByTokenHash(ctx, helpdesk.Hash); proofdesk.ErrorCode(err) != proofdesk.EUNAUTHORIZED {
		t.Fatalf("revoked token still authenticates: %v", err)
	}
	if _, err := s.Agents.FindAgentByTokenHash(ctx, crm.Hash); err != nil {
		t.Fatalf("the other token: %v", err)
	}
	_, page = b.get("/admin/tokens?done=revoked")
	if !strings.Contains(page, "Token revoked") || strings.Contains(page, "Helpdesk") {
		t.Fatal("revoked token still listed, or no notice")
	}
	action := "token.revoke"
	es, err := s.Audit.FindAuditEntries(ctx, proofdesk.AuditFilter{Action: &action})
	if err != nil || len(es) != 1 || es[0].ActorID != s.Admin.ID || es[0].Detail["credential_id"] != helpdesk.ID {
		t.Fatalf("audit: %+v %v", es, err)
	}
	if resp, page := b.post("/admin/tokens/"+helpdesk.ID+"/revoke", url.Values{"csrf_token": {tok}}); resp.StatusCode != http.StatusNotFound || !strings.Contains(page, "revoked already") {
		t.Fatalf("revoke twice: %d", resp.StatusCode)
	}
}

func TestConversation_SupportLock(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	ctx := context.Background()
	conv := "/conversations/" + s.Conv.ID
	b := agentBrowser(t, s)
	if _, page := b.get(conv); strings.Contains(page, "support-lock") || strings.Contains(page, "Remove support lock") {
		t.Fatal("lock shown for an unlocked customer")
	}
	locked := true
	if _, err := s.Customers.UpdateCustomer(ctx, s.Customer.ID, proofdesk.CustomerUpdate{SupportLocked: &locked}); err != nil {
		t.Fatal(err)
	}

	// The agent sees the lock, but no form, and the store refuses them.
	_, page := b.get(conv)
	if !strings.Contains(page, `id="support-lock"`) || !strings.Contains(page, "under a support lock") {
		t.Fatalf("lock not shown:\n%s", page)
	}
	if strings.Contains(page, `id="unlock-form"`) {
		t.Fatal("an agent is offered the unlock form")
	}
	resp, page := b.post(conv+"/unlock", url.Values{"csrf_token": {csrfOf(t, page)}, "reason": {"customer called back"}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(page, "Only a supervisor") {
		t.Fatalf("agent unlock: %d", resp.StatusCode)
	}

	// A supervisor gets the form; below L2 the store refuses, and the page
	// says why.
	role := proofdesk.RoleSupervisor
	if _, err := s.Agents.UpdateAgent(ctx, s.Other.ID, proofdesk.AgentUpdate{Role: &role}); err != nil {
		t.Fatal(err)
	}
	sup := signIn(t, s, consoletest.OtherEmail, consoletest.OtherPassword, "")
	_, page = sup.get(conv)
	if !strings.Contains(page, `id="unlock-form"`) || !strings.Contains(page, `action="`+conv+`/unlock"`) {
		t.Fatal("no unlock form for a supervisor")
	}
	tok := csrfOf(t, page)
	if resp, _ := sup.post(conv+"/unlock", url.Values{"reason": {"customer called back"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("unlock without CSRF: %d", resp.StatusCode)
	}
	resp, page = sup.post(conv+"/unlock", url.Values{"csrf_token": {tok}, "reason": {"customer called back"}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(page, "Verify the customer to L2") || !strings.Contains(page, "flash-error") {
		t.Fatalf("supervisor unlock at L0: %d\n%s", resp.StatusCode, page)
	}
	if !strings.Contains(page, `value="customer called back"`) {
		t.Fatal("the reason typed is lost")
	}
	if resp, page := sup.post(conv+"/unlock", url.Values{"csrf_token": {tok}, "reason": {""}}); resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "reason is required") {
		t.Fatalf("unlock without a reason: %d", resp.StatusCode)
	}
	c, err := s.Customers.FindCustomerByID(ctx, s.Customer.ID)
	if err != nil || !c.SupportLocked {
		t.Fatalf("lock lifted by a refused request: %v", err)
	}
}
