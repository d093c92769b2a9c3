package console

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
)

func adminWorkData(pg page, agent *proofdesk.Agent, now time.Time) *adminWorkPage {
	return &adminWorkPage{page: pg, Now: now, Channels: []string{"chat", "email"},
		Tags:   []*proofdesk.Tag{{ID: "tag_1", Name: "<oops>"}},
		Teams:  []*proofdesk.Team{{ID: "tm_1", Name: "<oops>", AutoAssign: true, Channels: []string{"chat"}, AgentIDs: []string{agent.ID}}},
		Agents: []*proofdesk.Agent{agent}}
}

// TestWorkViews renders the inbox and a conversation with the work
// model's parts: priority, team queues, saved views, availability, the
// triage panel, and assign choices greyed out with Decide's reason.
func TestWorkViews(t *testing.T) {
	h := New(Deps{})
	now := time.Now()
	agent := &proofdesk.Agent{ID: "agt_1", Name: "Ann", Role: proofdesk.RoleAgent, Availability: proofdesk.AvailabilityOnline}
	other := &proofdesk.Agent{ID: "agt_2", Name: "Bob", Role: proofdesk.RoleAgent}
	pg := page{Title: "x", Agent: agent, CSRFToken: "tok", Full: true}
	until := now.Add(time.Hour)
	conv := &proofdesk.Conversation{ID: "cnv_1", Channel: "chat", Status: "snoozed", Priority: proofdesk.PriorityUrgent, Team: "tm_1",
		Tags: []string{"billing"}, AssigneeID: other.ID, SnoozedUntil: &until, CreatedAt: now, LastActivityAt: now}
	team := &proofdesk.Team{ID: "tm_1", Name: "Front <desk>", AutoAssign: true}
	iw := &inboxWork{Teams: []*proofdesk.Team{team}, Views: []*proofdesk.SavedView{{ID: "view_1", Name: "Urgent <mine>"}}, Priorities: proofdesk.Priorities,
		Availability: proofdesk.AvailabilityOnline, Effective: proofdesk.AvailabilityAway, Availabilities: []string{"online", "away", "offline"}}
	inbox := inboxPage{page: pg, Filter: inboxFilter{View: "all", Team: "tm_1", Priority: "urgent", Saved: "view_1"}, Work: iw,
		Rows: []inboxRow{{Conv: conv}}, Channels: []string{"chat"}, Statuses: []string{"open"}}
	cp := &conversationPage{page: pg, Conv: conv, Agents: []*proofdesk.Agent{agent, other}}
	in := proofdesk.DecisionInput{Actor: proofdesk.ActorOf(agent), ConversationID: conv.ID, HolderID: other.ID, Now: now}
	wp := &workPanel{Priorities: proofdesk.Priorities, Tags: []*proofdesk.Tag{{Name: "vip"}}, Teams: []*proofdesk.Team{team}, TeamName: team.Name, SnoozeFor: snoozeChoices, SnoozedUntil: &until}
	// The choices as newWorkPanel asks Decide about them.
	for _, target := range []string{agent.ID, other.ID, ""} {
		q := in
		q.Action, q.TargetID = proofdesk.DoAssign, target
		o := assignOption{Value: target, Label: "to " + target}
		if d := proofdesk.Decide(q); !d.Allowed {
			o.Refused, wp.Refused = d.Message, d.Message
		}
		wp.Assign = append(wp.Assign, o)
	}
	cp.Work = wp
	for name, d := range map[string]any{"inbox": inbox, "conversation": cp} {
		w := httptest.NewRecorder()
		h.render(w, httptest.NewRequest("GET", "/", nil), 200, name, d)
		body := w.Body.String()
		if w.Code != 200 {
			t.Fatalf("%s: %d %s", name, w.Code, body)
		}
		for _, want := range map[string][]string{
			"inbox": {`prio-urgent`, `Front &lt;desk&gt;`, `href="/inbox?sv=view_1" aria-current="page"`, `Urgent &lt;mine&gt;`, `id="availability"`,
				`counts as away`, `id="save-view-form"`, `<option value="tm_1" selected>`},
			"conversation": {`prio-urgent`, `team Front &lt;desk&gt;`, `id="triage-form"`, `<option value="vip">vip</option>`, `aria-label="Remove tag billing"`,
				`Snoozed until`, `disabled title="Only the agent holding this conversation, or a supervisor, may give it to someone else.`, `id="assign-refused"`},
		}[name] {
			if !strings.Contains(body, want) {
				t.Errorf("%s: missing %s", name, want)
			}
		}
	}
}
