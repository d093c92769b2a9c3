package main

import (
	"context"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestErasure_EndToEnd runs the erasure through the server `proofdesk
// serve` builds: a legal hold refuses it (409); the hold cleared, the
// supervisor who cleared it is refused too (403, the two-person rule);
// another supervisor's request without a legal basis sends the owner a
// link (202), the owner opens it (nothing happens) and confirms with the
// page's form, the customer reads back as a tombstone, and `proofdesk
// audit verify` passes.
func TestErasure_EndToEnd(t *testing.T) {
	m := MustRunMain(t)
	base, data := m.URL(), m.Config.DataDir
	if r := runCmd(t, "", nil, "agent", "create", "--data", data, "--email", "lead@example.com", "--name", "Lead", "--role", "supervisor"); r.code != 0 {
		t.Fatalf("agent create: %s", r.stderr)
	}
	r := runCmd(t, "", nil, "token", "create", "--data", data, "--agent", "lead@example.com")
	if r.code != 0 {
		t.Fatalf("token create: %s", r.stderr)
	}
	sup := lastLine(r.stdout)
	r = runCmd(t, "", nil, "token", "create", "--data", data, "--integration", "crm")
	if r.code != 0 {
		t.Fatalf("token create: %s", r.stderr)
	}
	code, body := httpDo(t, "POST", base+"/api/v1/customers", lastLine(r.stdout),
		`{"name":"Jane Roe","emails":[{"value":"jane.roe@example.com","added_at":"2020-01-02"}],"addresses":[{"line1":"742 Evergreen Terrace","city":"Springfield","postal_code":"49007","country":"US"}]}`)
	if code != 201 {
		t.Fatalf("create customer: %d %s", code, body)
	}
	var cust struct{ ID string }
	if err := json.Unmarshal([]byte(body), &cust); err != nil {
		t.Fatal(err)
	}
	hold := base + "/api/v1/customers/" + cust.ID + "/legal-hold"
	if code, body := httpDo(t, "PUT", hold, sup, `{"reason":"case 2026-113"}`); code != 200 {
		t.Fatalf("PUT legal hold: %d %s", code, body)
	}
	erase := base + "/api/v1/customers/" + cust.ID + "/erase"
	if code, body := httpDo(t, "POST", erase, sup, `{"reason":"Jane asked by mail"}`); code != 409 || !strings.Contains(body, "hold.legal") {
		t.Fatalf("erase under a legal hold: %d %s, want 409 hold.legal", code, body)
	}
	if code, body := httpDo(t, "DELETE", hold, sup, `{"reason":"case settled"}`); code != 204 {
		t.Fatalf("DELETE legal hold: %d %s", code, body)
	}
	// Who cleared the hold does not erase (the two-person rule): another supervisor does.
	if code, body := httpDo(t, "POST", erase, sup, `{"reason":"Jane asked by mail"}`); code != 403 || !strings.Contains(body, "erase.two_person") ||
		!strings.Contains(body, "Another supervisor must erase this customer") {
		t.Fatalf("erase by who cleared the hold: %d %s, want 403 erase.two_person", code, body)
	}
	if r := runCmd(t, "", nil, "agent", "create", "--data", data, "--email", "second@example.com", "--name", "Second", "--role", "supervisor"); r.code != 0 {
		t.Fatalf("agent create: %s", r.stderr)
	}
	r = runCmd(t, "", nil, "token", "create", "--data", data, "--agent", "second@example.com")
	if r.code != 0 {
		t.Fatalf("token create: %s", r.stderr)
	}
	if code, body := httpDo(t, "POST", erase, lastLine(r.stdout), `{"reason":"Jane asked by mail"}`); code != 202 || !strings.Contains(body, `"sent_to":1`) {
		t.Fatalf("erase: %d %s, want 202 sent to 1", code, body)
	}
	msgs, err := m.OutboxService.FindOutbox(context.Background(), 50)
	if err != nil {
		t.Fatal(err)
	}
	var link string
	for _, msg := range msgs {
		if msg.Purpose == "erasure_confirm" && msg.To == "jane.roe@example.com" {
			link = regexp.MustCompile(`https?://\S+/erase/\S+`).FindString(msg.Body)
		}
	}
	if !strings.HasPrefix(link, base+"/erase/") {
		t.Fatalf("erasure link %q, want one under %s", link, base)
	}
	jar, _ := cookiejar.New(nil)
	owner := &http.Client{Jar: jar}
	page := func(resp *http.Response, err error) (int, string) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, html.UnescapeString(string(b))
	}
	code, body = page(owner.Get(link))
	if code != 200 || !strings.Contains(body, "Erase all my data") {
		t.Fatalf("GET the link: %d %s", code, body)
	}
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(body)
	if csrf == nil {
		t.Fatal("no CSRF field on the page")
	}
	// In the browser's language (another browser: this one's CSRF cookie stays).
	req, _ := http.NewRequest("GET", link, nil)
	req.Header.Set("Accept-Language", "fr-FR,fr;q=0.9")
	if code, body := page(http.DefaultClient.Do(req)); code != 200 || !strings.Contains(body, `<html lang="fr">`) || !strings.Contains(body, "Effacer toutes mes données") {
		t.Fatalf("GET the link in French: %d %s", code, body)
	}
	if code, body := httpDo(t, "GET", base+"/api/v1/customers/"+cust.ID, sup, ""); code != 200 || strings.Contains(body, "Erased customer") {
		t.Fatalf("opening the link erased: %d %s", code, body)
	}
	code, body = page(owner.PostForm(link, url.Values{"csrf": {csrf[1]}, "answer": {"erase"}}))
	if code != 200 || !strings.Contains(body, "Your data was erased") {
		t.Fatalf("confirm: %d %s", code, body)
	}
	code, body = httpDo(t, "GET", base+"/api/v1/customers/"+cust.ID, sup, "")
	if code != 200 || !strings.Contains(body, `"name":"Erased customer"`) || !strings.Contains(body, `"contact_points":[]`) || !strings.Contains(body, "erased_at") {
		t.Fatalf("the customer after: %d %s", code, body)
	}
	if code, body := page(owner.PostForm(link, url.Values{"csrf": {csrf[1]}, "answer": {"erase"}})); code != 409 || !strings.Contains(body, "This request was already answered.") {
		t.Fatalf("the link a second time: %d %s, want 409, already answered", code, body)
	}
	if r := runCmd(t, "", nil, "audit", "verify", "--data", data); r.code != 0 {
		t.Fatalf("audit verify after the erasure: %s %s", r.stdout, r.stderr)
	}
}
