package console_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk/http/console/consoletest"
)

// Admin → Retention: the rules are saved (a bad number refused naming
// the field) and "Run now" runs them and shows the counts.
func TestAdmin_Retention(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{Settings: consoletestSettings()})
	s.Console.AllowNo2FA = true
	b := signIn(t, s, consoletest.AdminEmail, consoletest.AdminPassword, "")
	resp, page := b.get("/admin/retention")
	if resp.StatusCode != 200 || !strings.Contains(page, "Run retention now") || !strings.Contains(page, `name="days_email"`) {
		t.Fatalf("GET /admin/retention: %d\n%s", resp.StatusCode, page)
	}
	tok := csrfOf(t, page)
	resp, page = b.post("/admin/retention", url.Values{"csrf_token": {tok}, "days_chat": {"-3"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "body_days for chat is -3") {
		t.Fatalf("negative days: %d\n%s", resp.StatusCode, page)
	}
	resp, page = b.post("/admin/retention", url.Values{"csrf_token": {tok}, "days_chat": {"ten"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "whole number") {
		t.Fatalf("words for days: %d\n%s", resp.StatusCode, page)
	}
	if resp, _ := b.post("/admin/retention", url.Values{"csrf_token": {tok}, "days_chat": {"30"}, "customer_months": {""}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	if _, page := b.get("/admin/retention?done=retention"); !strings.Contains(page, `name="days_chat" min="0" max="36500" value="30"`) || !strings.Contains(page, "Retention rules saved") {
		t.Fatalf("saved rules not shown:\n%s", page)
	}
	resp, page = b.post("/admin/retention/run", url.Values{"csrf_token": {tok}})
	if resp.StatusCode != 200 || !strings.Contains(page, "Retention run done: 0 message bodies") {
		t.Fatalf("run now: %d\n%s", resp.StatusCode, page)
	}
	if _, page := b.get("/admin/audit?action=retention.run"); !strings.Contains(page, "retention.run") {
		t.Fatal("the run is not in the audit log")
	}
}
