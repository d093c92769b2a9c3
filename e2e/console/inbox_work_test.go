package console_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

// TestConsole_InboxWork walks the inbox's work model (issue 13 part A) in
// the browser, against `proofdesk serve`: an admin's team with
// auto-assignment gives a new chat from the widget to the one agent who
// is online; the agent sets a priority and a managed tag; a snooze until
// a few seconds ahead wakes by itself (the server's work loop) and the
// conversation comes back to the agent's open list; a resolved
// conversation is reopened by the customer's next chat message.
func TestConsole_InboxWork(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		e2etest.MissingTool(t, "browser test needs "+chromium+" (apt-get install -y chromium)")
	}
	mp := e2etest.StartMailpit(t)
	var deskURL string
	shop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, shopPage, deskURL)
	}))
	t.Cleanup(shop.Close)
	s := e2etest.StartServer(t, e2etest.ServerOptions{Mailpit: mp, Args: []string{"--widget-origins", shop.URL}})
	deskURL = s.URL
	ctx := browser(t)
	shot := newShots(t)

	// The admin, through the API: a managed tag, and a team that takes
	// new chats and auto-assigns them among the agent and the supervisor.
	s.API(t, "POST", "/api/v1/tags", s.Admin.Token, map[string]any{"name": "billing"}, http.StatusCreated, nil)
	var team struct{ ID string }
	s.API(t, "POST", "/api/v1/teams", s.Admin.Token, map[string]any{"name": "Front desk", "auto_assign": true, "channels": []string{"chat"},
		"agent_ids": []string{s.Agent.ID, s.Supervisor.ID}}, http.StatusCreated, &team)

	out := s.CLI(t, "", "agent", "totp", "--email", s.Agent.Email)
	m := secretRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("agent totp printed no secret: %q", out)
	}
	code, err := totp.GenerateCode(m[1], time.Now())
	if err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "sign in", chromedp.Navigate(s.URL+"/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), s.Agent.Email),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), s.Agent.Password),
		chromedp.SendKeys(chromedp.CSS(`input[name=code]`), code),
		chromedp.Click(chromedp.CSS(`form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#inbox-list`)))

	// The agent goes online; the supervisor, never signed in, is offline.
	do(t, ctx, "go online",
		chromedp.SetValue(chromedp.CSS(`#availability`), "online"),
		chromedp.Click(chromedp.CSS(`#availability-btn`)),
		chromedp.WaitVisible(chromedp.CSS(`#notice`)))
	do(t, ctx, "my open conversations", chromedp.Navigate(s.URL+"/inbox?view=mine"), chromedp.WaitVisible(chromedp.CSS(`#inbox-list`)),
		chromedp.Evaluate[chromedp.Void](`window.__noReload = true`))
	if !strings.Contains(text(t, ctx, "#team-queues"), "Front desk") {
		t.Fatal("the team's queue is not in the sidebar")
	}

	// A customer chats: the chat lands in the agent's own list, live.
	shopTab, cancelShop := chromedp.NewContext(ctx)
	defer cancelShop()
	do(t, shopTab, "open the shop", chromedp.Navigate(shop.URL), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	do(t, shopTab, "chat",
		chromedp.Click("launcher", inWidget(`button.l`)),
		chromedp.WaitVisible("panel", inWidget(`.p.o`)),
		chromedp.SendKeys("name", customerName, inWidget(`input[name=name]`)),
		chromedp.SendKeys("email", customerEmail, inWidget(`input[name=email]`)),
		chromedp.SendKeys("message", chatMessage, inWidget(`textarea[name=body]`)),
		chromedp.Click("send", inWidget(`form.f button.s`)),
		chromedp.WaitVisible("sent bubble", inWidget(`.b.customer:not(.pending)`)))
	poll(t, ctx, "the new chat was not auto-assigned to the online agent",
		`window.__noReload === true && document.querySelector('#inbox-list').textContent.includes(`+jsString(chatMessage[:40])+`)`)
	shot.take(ctx, "auto-assigned")
	var list struct {
		Conversations []struct {
			ID         string `json:"id"`
			AssigneeID string `json:"assignee_id"`
			Team       string `json:"team"`
		}
	}
	s.API(t, "GET", "/api/v1/conversations?channel=chat", s.Agent.Token, nil, http.StatusOK, &list)
	if len(list.Conversations) != 1 || list.Conversations[0].AssigneeID != s.Agent.ID || list.Conversations[0].Team != team.ID {
		t.Fatalf("after auto-assignment: %+v, want the agent (%s) in team %s", list.Conversations, s.Agent.ID, team.ID)
	}
	convID := list.Conversations[0].ID

	// Priority and a managed tag.
	do(t, ctx, "open the chat", chromedp.Click(chromedp.CSS(`#inbox-list a.conv-link`)), chromedp.WaitVisible(chromedp.CSS(`#triage-form`)))
	do(t, ctx, "set priority and tag",
		chromedp.SetValue(chromedp.CSS(`#priority`), "high"),
		chromedp.SetValue(chromedp.CSS(`#tag-add`), "billing"),
		chromedp.Click(chromedp.CSS(`#triage-btn`)),
		chromedp.WaitVisible(chromedp.CSS(`#conv-tags`)))
	if tags := text(t, ctx, "#conv-tags"); !strings.Contains(tags, "billing") {
		t.Fatalf("tags shown: %q", tags)
	}
	if p := text(t, ctx, "#conv-head .prio"); !strings.Contains(p, "High") {
		t.Fatalf("priority shown: %q", p)
	}
	shot.take(ctx, "triaged")

	// Snooze until a few seconds from now (UTC); the inbox shows the
	// conversation again when the snooze ends, without a reload.
	// A datetime-local input normalizes a whole minute to "15:04" (the
	// HTML valid normalized local date and time string drops ":00"), and
	// SetValue reads the value back, so write it in that form.
	untilAt := time.Now().UTC().Add(4 * time.Second)
	until := untilAt.Format("2006-01-02T15:04:05")
	if untilAt.Second() == 0 {
		until = untilAt.Format("2006-01-02T15:04")
	}
	do(t, ctx, "snooze",
		chromedp.SetAttributeValue(chromedp.CSS(`#snooze-until`), "step", "1"),
		chromedp.SetValue(chromedp.CSS(`#snooze-until`), until),
		chromedp.Click(chromedp.CSS(`#snooze-btn`)),
		chromedp.WaitVisible(chromedp.CSS(`#inbox-list`)),
		chromedp.Evaluate[chromedp.Void](`window.__noReload = true`))
	if strings.Contains(text(t, ctx, "#inbox-list"), chatMessage[:40]) {
		t.Fatal("the snoozed conversation is still in the open list")
	}
	shot.take(ctx, "snoozed")
	poll(t, ctx, "the snoozed conversation did not come back",
		`window.__noReload === true && document.querySelector('#inbox-list').textContent.includes(`+jsString(chatMessage[:40])+`)`)
	shot.take(ctx, "snooze-woke")
	var conv struct{ Status string }
	s.API(t, "GET", "/api/v1/conversations/"+convID, s.Agent.Token, nil, http.StatusOK, &conv)
	if conv.Status != "open" {
		t.Fatalf("after the snooze: %s", conv.Status)
	}

	// Resolved, then the customer writes again in the widget: open again,
	// back in the agent's list, unread.
	do(t, ctx, "resolve", chromedp.Navigate(s.URL+"/conversations/"+convID), chromedp.WaitVisible(chromedp.CSS(`#resolve-btn`)),
		chromedp.Click(chromedp.CSS(`#resolve-btn`)), chromedp.WaitVisible(chromedp.CSS(`#inbox-list`)),
		chromedp.Evaluate[chromedp.Void](`window.__noReload = true`))
	if strings.Contains(text(t, ctx, "#inbox-list"), chatMessage[:40]) {
		t.Fatal("the resolved conversation is still in the open list")
	}
	const again = "Sorry, one more thing: it says delivered but nothing is here."
	do(t, shopTab, "write again",
		chromedp.SendKeys("message", again, inWidget(`textarea[name=body]`)),
		chromedp.Click("send", inWidget(`form.f button.s`)),
		chromedp.WaitVisible("second bubble", inWidget(`.b.customer:not(.pending):nth-last-of-type(1)`)))
	poll(t, ctx, "the customer's message did not reopen the conversation in the agent's list",
		`window.__noReload === true && !!document.querySelector('#inbox-list .conv-row.is-unread')`)
	shot.take(ctx, "reopened-by-customer")
	s.API(t, "GET", "/api/v1/conversations/"+convID, s.Agent.Token, nil, http.StatusOK, &conv)
	if conv.Status != "open" {
		t.Fatalf("after the customer's message: %s", conv.Status)
	}

	do(t, ctx, "sign out", chromedp.Click(chromedp.CSS(`.who button`)), chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)))
}
