package console_test

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/http/console/consoletest"
)

var inviteLinkRe = regexp.MustCompile(`/invite/(pdi_[A-Za-z0-9_-]+)`)

// TestAgents_InviteEnrolDisable: an admin invites an agent from Admin →
// Agents; the agent follows the mailed link, sets a password and a second
// factor and is signed in; the admin disables them and their open session
// is refused on the next request; the last admin cannot disable themselves.
func TestAgents_InviteEnrolDisable(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	s.Console.AllowNo2FA = true
	admin := signIn(t, s, consoletest.AdminEmail, consoletest.AdminPassword, "")
	_, page := admin.get("/admin/agents")
	tok := csrfOf(t, page)
	resp, page := admin.post("/admin/agents", url.Values{"csrf_token": {tok}, "email": {"Invited@Desk.test"}, "name": {"Ivy Invited"}, "role": {"agent"}})
	if resp.StatusCode != http.StatusCreated || !strings.Contains(page, "Invitation sent to invited@desk.test") {
		t.Fatalf("invite: %d\n%s", resp.StatusCode, page)
	}
	// The link, from the outbox.
	msgs, err := s.Outbox.FindOutbox(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	var link string
	for _, m := range msgs {
		if m.To == "invited@desk.test" {
			if mm := inviteLinkRe.FindStringSubmatch(m.Body); mm != nil {
				link = "/invite/" + mm[1]
			}
		}
	}
	if link == "" {
		t.Fatal("no invitation link mailed")
	}
	jar, _ := cookiejar.New(nil)
	ivy := &browser{tb: t, base: s.Server.URL(), c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	resp, page = ivy.get(link)
	if resp.StatusCode != 200 || !strings.Contains(page, "Ivy Invited") {
		t.Fatalf("invite page: %d", resp.StatusCode)
	}
	if resp, _ := ivy.post(link, url.Values{"csrf_token": {"forged"}, "password": {"a new long password"}, "confirm": {"a new long password"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("forged form: %d, want 403", resp.StatusCode)
	}
	resp, page = ivy.get(link)
	if resp, p := ivy.post(link, url.Values{"csrf_token": {csrfOf(t, page)}, "password": {"a new long password"}, "confirm": {"another password!!"}}); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(p, "differ") {
		t.Fatalf("mismatched passwords: %d", resp.StatusCode)
	}
	_, page = ivy.get(link)
	resp, page = ivy.post(link, url.Values{"csrf_token": {csrfOf(t, page)}, "password": {"a new long password"}, "confirm": {"a new long password"}})
	if resp.StatusCode != 200 || !strings.Contains(page, "data:image/png;base64,") {
		t.Fatalf("set password: %d, want the second-factor set-up", resp.StatusCode)
	}
	if resp, _ := ivy.get(link); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("link used twice: %d, want 404", resp.StatusCode)
	}
	a, err := s.Agents.FindAgentByEmail(context.Background(), "invited@desk.test")
	if err != nil {
		t.Fatal(err)
	}
	resp, _ = ivy.post("/login/enrol", url.Values{"csrf_token": {csrfOf(t, page)}, "ticket": {valueOf(t, page, "ticket")}, "code": {consoletest.TOTPCode(t, a.TOTPSecret, time.Time{})}})
	if resp.StatusCode != http.StatusSeeOther || ivy.cookie("proofdesk_session") == "" {
		t.Fatalf("enrol: %d", resp.StatusCode)
	}
	if resp, _ := ivy.get("/inbox"); resp.StatusCode != 200 {
		t.Fatalf("inbox after enrolment: %d", resp.StatusCode)
	}

	// Disable: the open session is refused on the very next request.
	resp, page = admin.post("/admin/agents/"+a.ID, url.Values{"csrf_token": {tok}, "change": {"disable"}})
	if resp.StatusCode != 200 || !strings.Contains(page, "disabled: their sessions ended") {
		t.Fatalf("disable: %d", resp.StatusCode)
	}
	if resp, _ := ivy.get("/inbox"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Fatalf("disabled agent's session: %d %q, want the sign-in page", resp.StatusCode, resp.Header.Get("Location"))
	}
	// The last admin.
	resp, page = admin.post("/admin/agents/"+s.Admin.ID, url.Values{"csrf_token": {tok}, "change": {"disable"}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(page, "last active admin") {
		t.Fatalf("last admin disables themselves: %d", resp.StatusCode)
	}
	// A role change, then an agent may not use the page.
	resp, page = admin.post("/admin/agents/"+s.Other.ID, url.Values{"csrf_token": {tok}, "change": {"role"}, "role": {"supervisor"}})
	if resp.StatusCode != 200 || !strings.Contains(page, "now has the role supervisor") {
		t.Fatalf("role: %d", resp.StatusCode)
	}
	if got, _ := s.Agents.FindAgentByID(context.Background(), s.Other.ID); got.Role != proofdesk.RoleSupervisor {
		t.Fatalf("role stored: %s", got.Role)
	}
}
