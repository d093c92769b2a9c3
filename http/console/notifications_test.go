package console_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk/http/console/consoletest"
)

// The account page shows the agent's notification settings, kept on the
// server, and its form changes them.
func TestAccount_NotificationSettings(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	b := agentBrowser(t, s)
	_, page := b.get("/account/2fa")
	if !strings.Contains(page, `value="mention" checked`) || strings.Contains(page, `name="email" value="1" checked`) {
		t.Fatalf("defaults not shown (every kind, no email): %s", page)
	}
	resp, _ := b.post("/account/notifications", url.Values{"csrf_token": {csrfOf(t, page)}, "kind": {"assigned"}, "email": {"1"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/account/2fa?done=notifications" {
		t.Fatalf("save: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, page = b.get("/account/2fa?done=notifications")
	for _, want := range []string{"Notification settings saved.", `value="assigned" checked`, `name="email" value="1" checked`} {
		if !strings.Contains(page, want) {
			t.Fatalf("after save, no %q", want)
		}
	}
	if strings.Contains(page, `value="mention" checked`) {
		t.Fatal("mention still ticked after it was left out")
	}
	if resp, _ := b.post("/account/notifications", url.Values{"csrf_token": {csrfOf(t, page)}, "kind": {"lunch"}}); resp.StatusCode < 400 {
		t.Fatalf("unknown kind accepted: %d", resp.StatusCode)
	}
}
