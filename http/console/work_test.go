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

// TestConsole_WorkModel drives the work model through the console's
// forms on a real store: the admin page for tags, teams and capacity;
// priority, a managed tag and a snooze on a conversation; a hand-over to a
// team queue; saved views; availability; and the assign choices an agent
// may not make, greyed out with Decide's reason before any click.
func TestConsole_WorkModel(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	ctx := context.Background()
	s.Console.AllowNo2FA = true
	admin := signIn(t, s, consoletest.AdminEmail, consoletest.AdminPassword, "")
	_, page := admin.get("/admin/work")
	csrf := csrfOf(t, page)
	post := func(b *browser, path string, f url.Values, want int) string {
		t.Helper()
		f.Set("csrf_token", csrf)
		resp, body := b.post(path, f)
		if resp.StatusCode != want {
			t.Fatalf("POST %s: %d, want %d: %s", path, resp.StatusCode, want, body)
		}
		return body
	}
	post(admin, "/admin/tags", url.Values{"name": {"Billing"}}, http.StatusSeeOther)
	if body := post(admin, "/admin/tags", url.Values{"name": {"billing"}}, http.StatusConflict); !strings.Contains(body, "already exists") {
		t.Fatal("a duplicate tag is not explained")
	}
	post(admin, "/admin/teams", url.Values{"name": {"Returns"}, "channels": {"email"}, "agent_ids": {s.Agent.ID, s.Other.ID}}, http.StatusSeeOther)
	post(admin, "/admin/agents/"+s.Other.ID+"/capacity", url.Values{"capacity": {"3"}}, http.StatusSeeOther)
	if body := post(admin, "/admin/agents/"+s.Other.ID+"/capacity", url.Values{"capacity": {"lots"}}, http.StatusBadRequest); !strings.Contains(body, "whole number") {
		t.Fatal("a bad capacity is not explained")
	}
	_, page = admin.get("/admin/work")
	for _, want := range []string{`value="billing"`, `value="Returns"`, `value="3"`} {
		if !strings.Contains(page, want) {
			t.Fatalf("admin page lacks %s", want)
		}
	}
	teams, err := s.DB.FindTeams(ctx)
	if err != nil || len(teams) != 1 || len(teams[0].AgentIDs) != 2 {
		t.Fatalf("teams: %v %+v", err, teams)
	}
	team := teams[0]

	// The agent: priority and tag on the conversation they hold.
	b := agentBrowser(t, s)
	conv := "/conversations/" + s.Conv.ID
	_, page = b.get(conv)
	csrf = csrfOf(t, page)
	if !strings.Contains(page, `<option value="billing">billing</option>`) {
		t.Fatal("the managed tag is not offered")
	}
	post(b, conv+"/triage", url.Values{"priority": {"urgent"}, "tag_add": {"billing"}}, http.StatusSeeOther)
	if body := post(b, conv+"/triage", url.Values{"tag_add": {"made-up"}}, http.StatusBadRequest); !strings.Contains(body, "not one of the tags an admin created") {
		t.Fatal("an unmanaged tag is not explained")
	}
	c, _ := s.Conversations.FindConversationByID(ctx, s.Conv.ID)
	if c.Priority != proofdesk.PriorityUrgent || !strings.Contains(strings.Join(c.Tags, ","), "billing") {
		t.Fatalf("after triage: %s %q", c.Priority, c.Tags)
	}
	_, page = b.get("/inbox?view=all&priority=urgent&sort=priority")
	if !strings.Contains(page, consoletest.Subject) || !strings.Contains(page, "prio-urgent") {
		t.Fatal("the priority filter does not find the urgent conversation")
	}
	_, page = b.get("/inbox?view=all&priority=low")
	if strings.Contains(page, consoletest.Subject) {
		t.Fatal("the priority filter lets a non-matching conversation through")
	}

	// Snooze: a time in the past is refused, one ahead works.
	if body := post(b, conv+"/snooze", url.Values{"until": {"2001-01-01T09:00"}}, http.StatusBadRequest); !strings.Contains(body, "future") {
		t.Fatal("a snooze into the past is not explained")
	}
	post(b, conv+"/snooze", url.Values{"hours": {"4"}}, http.StatusSeeOther)
	if c, _ = s.Conversations.FindConversationByID(ctx, s.Conv.ID); c.Status != proofdesk.StatusSnoozed || c.SnoozedUntil == nil ||
		c.SnoozedUntil.Sub(time.Now()) < 3*time.Hour {
		t.Fatalf("after snoozing: %s %v", c.Status, c.SnoozedUntil)
	}

	// Another agent's conversation: assigning it elsewhere is greyed out,
	// with the reason, before the click; taking it is offered.
	other := signIn(t, s, consoletest.OtherEmail, consoletest.OtherPassword, "")
	_, page = other.get(conv)
	if !strings.Contains(page, `disabled title="Only the agent holding this conversation, or a supervisor, may give it to someone else.`) ||
		!strings.Contains(page, `id="assign-refused"`) {
		t.Fatal("the refused assign choices are not greyed out with the reason")
	}

	// The holder hands the conversation to the team's queue.
	post(b, conv+"/assign", url.Values{"assignee": {"team:" + team.ID}}, http.StatusSeeOther)
	if c, _ = s.Conversations.FindConversationByID(ctx, s.Conv.ID); c.AssigneeID != "" || c.Team != team.ID {
		t.Fatalf("after the hand-over to the queue: assignee %q team %q", c.AssigneeID, c.Team)
	}
	_, page = b.get("/inbox?view=all&team=" + team.ID)
	if !strings.Contains(page, consoletest.Subject) || !strings.Contains(page, `id="team-queues"`) {
		t.Fatal("the team queue does not list the conversation")
	}

	// A saved view, the agent's own.
	post(b, "/views", url.Values{"name": {"Urgent returns"}, "team": {team.ID}, "priority": {"urgent"}, "status": {"snoozed"}}, http.StatusSeeOther)
	views, err := s.DB.FindSavedViews(ctx, s.Agent.ID)
	if err != nil || len(views) != 1 {
		t.Fatalf("views: %v %d", err, len(views))
	}
	_, page = b.get("/inbox?sv=" + views[0].ID)
	if !strings.Contains(page, consoletest.Subject) || !strings.Contains(page, "Urgent returns") {
		t.Fatal("the saved view does not find the conversation")
	}
	_, otherPage := other.get("/inbox")
	if resp, _ := other.post("/views/"+views[0].ID+"/delete", url.Values{"csrf_token": {csrfOf(t, otherPage)}}); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("another agent deleting the view: %d, want 404", resp.StatusCode)
	}
	if views, _ := s.DB.FindSavedViews(ctx, s.Agent.ID); len(views) != 1 {
		t.Fatal("another agent deleted the view")
	}

	// Availability.
	post(b, "/availability", url.Values{"availability": {"online"}}, http.StatusSeeOther)
	a, _ := s.Agents.FindAgentByID(ctx, s.Agent.ID)
	if a.EffectiveAvailability(time.Now()) != proofdesk.AvailabilityOnline {
		t.Fatalf("availability %s", a.Availability)
	}
	if resp, _ := b.post("/admin/tags", url.Values{"csrf_token": {csrf}, "name": {"sneaky"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("an agent created a tag: %d", resp.StatusCode)
	}
}

// Online turns away after AwayAfter without activity; the page's own
// live refreshes are not activity, a page the agent opens is.
func TestConsole_AwayAfterInactivity(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	ctx := context.Background()
	b := agentBrowser(t, s)
	_, page := b.get("/inbox")
	if resp, body := b.post("/availability", url.Values{"csrf_token": {csrfOf(t, page)}, "availability": {"online"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("set online: %d %s", resp.StatusCode, body)
	}
	later := time.Now().Add(proofdesk.AwayAfter + 2*time.Minute)
	s.DB.SetNow(func() time.Time { return later.UTC() })
	req, _ := http.NewRequest("GET", s.Server.URL()+"/inbox", nil)
	req.Header.Set("X-Proofdesk-Live", "1")
	resp, err := b.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	a, _ := s.Agents.FindAgentByID(ctx, s.Agent.ID)
	if got := a.EffectiveAvailability(later); got != proofdesk.AvailabilityAway {
		t.Fatalf("after a live refresh only: %s, want away", got)
	}
	b.get("/inbox")
	a, _ = s.Agents.FindAgentByID(ctx, s.Agent.ID)
	if got := a.EffectiveAvailability(later); got != proofdesk.AvailabilityOnline {
		t.Fatalf("after opening a page: %s, want online", got)
	}
}
