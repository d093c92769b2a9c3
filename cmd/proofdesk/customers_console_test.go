package main

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
)

func pageCSRF(t *testing.T, c *http.Client, u string) string {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("no form on %s: %d", u, resp.StatusCode)
	}
	return string(m[1])
}

func postForm(t *testing.T, c *http.Client, u string, v url.Values) (int, string, string) {
	t.Helper()
	resp, err := c.PostForm(u, v)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

func upload(t *testing.T, c *http.Client, u, csrf, name, data string) (int, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("csrf_token", csrf)
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write([]byte(data))
	mw.Close()
	req, _ := http.NewRequest("POST", u, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, string(b)
}

// TestConsole_Customers: an admin creates a customer in the console (the
// contact point shows masked), edits an unprotected field, is refused a
// protected one outside a conversation (the gate's words), and imports a
// file with the CLI's validation: a bad row is reported by line and field
// and nothing is imported; a backdated contact point is refused; a good
// file goes in whole.
func TestConsole_Customers(t *testing.T) {
	t.Parallel()
	m := NewMain()
	m.Config.DataDir, m.Config.Addr, m.Config.AllowNo2FA = t.TempDir(), "127.0.0.1:0", true
	m.Getenv = func(string) string { return "" }
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	base := m.URL()
	hash, _ := auth.HashPassword("admin password 123", passwordParams)
	if err := m.AgentService.CreateAgent(context.Background(), &proofdesk.Agent{Email: "boss@example.com", Name: "Boss", Role: proofdesk.RoleAdmin, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); !m.Desk.IndexReady(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("index not ready")
		}
	}
	c := consoleLogin(t, base, "boss@example.com", "admin password 123")

	tok := pageCSRF(t, c, base+"/customers/new")
	code, loc, _ := postForm(t, c, base+"/customers", url.Values{"csrf_token": {tok}, "name": {"Olga Novak"}, "emails": {"olga.novak@example.com"},
		"line1": {"14 Canal Street"}, "city": {"Leeds"}, "postal_code": {"LS1 5AB"}, "country": {"GB"}})
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/customers/cus_") {
		t.Fatalf("create: %d %q", code, loc)
	}
	id := strings.TrimPrefix(strings.SplitN(loc, "?", 2)[0], "/customers/")
	resp, _ := c.Get(base + "/customers/" + id)
	card, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.Contains(string(card), "olga.novak@example.com") || strings.Contains(string(card), "14 Canal Street") {
		t.Fatal("the new customer's card shows the email or address in clear")
	}
	if code, _, body := postForm(t, c, base+"/customers", url.Values{"csrf_token": {tok}, "name": {"X"}, "emails": {"not an email"}}); code != 400 || !strings.Contains(body, "email") {
		t.Fatalf("bad email: %d", code)
	}

	// An attribute the policy leaves at L0 changes here; protected data
	// (the email, even the name: a change needs L2) only in a verified
	// conversation or from the integration.
	pol, err := m.PolicyService.FindPolicy(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	pol.Attributes["tier"] = proofdesk.L0
	if err := m.PolicyService.UpdatePolicy(context.Background(), pol); err != nil {
		t.Fatal(err)
	}
	if code, _, body := postForm(t, c, base+"/customers/"+id, url.Values{"csrf_token": {tok}, "attributes": {"tier=gold"}}); code != http.StatusSeeOther {
		t.Fatalf("set an L0 attribute: %d\n%s", code, body)
	}
	if got, _ := m.CustomerService.FindCustomerByID(context.Background(), id); got.Attributes["tier"] != "gold" {
		t.Fatalf("attribute not stored: %v", got.Attributes)
	}
	for _, f := range []url.Values{{"emails": {"olga@attacker.example"}}, {"name": {"Olga Nowak"}}} {
		f.Set("csrf_token", tok)
		code, _, body := postForm(t, c, base+"/customers/"+id, f)
		if code != http.StatusForbidden || !strings.Contains(body, "verified conversation") {
			t.Fatalf("change %v outside a conversation: %d, want 403 with the gate's words", f, code)
		}
	}

	before, _, _ := m.CustomerService.FindCustomers(context.Background(), proofdesk.CustomerFilter{})
	code, body := upload(t, c, base+"/customers/import", tok, "people.csv", "name,emails\nAda One,ada.one@example.com\nBad Row,not-an-email\n")
	if code != 400 || !strings.Contains(body, "line 3: field emails") || !strings.Contains(body, "Nothing was imported") {
		t.Fatalf("import with a bad row: %d\n%s", code, body)
	}
	code, body = upload(t, c, base+"/customers/import", tok, "people.csv", "name,emails\nAda One,ada.one@example.com|2020-01-01\n")
	if code != 403 || !strings.Contains(body, "in the past") {
		t.Fatalf("backdated import from the console: %d", code)
	}
	code, body = upload(t, c, base+"/customers/import", tok, "people.csv", "name,emails\nAda One,ada.one@example.com\nBo Two,bo.two@example.com\n")
	if code != 201 || !strings.Contains(body, "Imported 2 customers") {
		t.Fatalf("import: %d\n%s", code, body)
	}
	after, _, _ := m.CustomerService.FindCustomers(context.Background(), proofdesk.CustomerFilter{})
	if len(after) != len(before)+2 {
		t.Fatalf("customers: %d before, %d after, want 2 more", len(before), len(after))
	}
}
