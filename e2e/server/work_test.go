package server_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

// workConv is a conversation with its assignment.
type workConv struct {
	AssigneeID string `json:"assignee_id"`
	Team       string `json:"team"`
	Status     string `json:"status"`
}

func workConvOf(t *testing.T, s *e2etest.Server, id string) workConv {
	t.Helper()
	var c workConv
	s.API(t, "GET", "/api/v1/conversations/"+id, s.Admin.Token, nil, http.StatusOK, &c)
	return c
}

// TestTwoNodes_AutoAssignAndSnooze: two `proofdesk serve` nodes on one
// PostgreSQL database run the work loop at once. API conversations join
// the team that takes the api channel and are auto-assigned round robin
// between its two online members, each exactly once; a snooze set on one
// node wakes once, and the holder's event stream on the other node says so.
func TestTwoNodes_AutoAssignAndSnooze(t *testing.T) {
	a, b := twoNodes(t)
	var team struct {
		ID string `json:"id"`
	}
	a.API(t, "POST", "/api/v1/teams", a.Admin.Token, map[string]any{"name": "API desk", "auto_assign": true, "channels": []string{"api"},
		"agent_ids": []string{a.Agent.ID, a.Supervisor.ID}}, http.StatusCreated, &team)
	a.API(t, "PUT", "/api/v1/agents/"+a.Agent.ID+"/availability", a.Agent.Token, map[string]any{"availability": "online"}, http.StatusOK, nil)
	b.API(t, "PUT", "/api/v1/agents/"+a.Supervisor.ID+"/availability", a.Supervisor.Token, map[string]any{"availability": "online"}, http.StatusOK, nil)

	const n = 10
	var ids []string
	for i := range n {
		s := a
		if i%2 == 1 {
			s = b
		}
		var c struct {
			ID string `json:"id"`
		}
		s.API(t, "POST", "/api/v1/conversations", s.Agent.Token, map[string]any{"channel": "api", "subject": fmt.Sprintf("Order %d", i),
			"message": "Where is my order?"}, http.StatusCreated, &c)
		ids = append(ids, c.ID)
	}
	load := map[string]int{}
	deadline := time.Now().Add(wait)
	for _, id := range ids {
		for {
			c := workConvOf(t, b, id)
			if c.AssigneeID != "" {
				must(t, c.Team == team.ID, "conversation %s in team %q, want %s", id, c.Team, team.ID)
				load[c.AssigneeID]++
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("conversation %s was not auto-assigned", id)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	must(t, load[a.Agent.ID] == n/2 && load[a.Supervisor.ID] == n/2, "round robin over two nodes: %v", load)
	var audit struct {
		Entries []struct {
			Action    string            `json:"action"`
			ActorKind string            `json:"actor_kind"`
			SubjectID string            `json:"subject_id"`
			Detail    map[string]string `json:"detail"`
		} `json:"entries"`
	}
	a.API(t, "GET", "/api/v1/audit?limit=1000", a.Admin.Token, nil, http.StatusOK, &audit)
	per := map[string]int{}
	for _, e := range audit.Entries {
		if e.Action == "conversation.update" && e.ActorKind == "system" && e.Detail["fields"] == "assignee_id" {
			per[e.SubjectID]++
		}
	}
	for _, id := range ids {
		must(t, per[id] == 1, "conversation %s assigned %d times", id, per[id])
	}

	// A snooze set through A ends; the holder's stream on B hears it.
	id := ids[0]
	holder := a.Agent
	if c := workConvOf(t, a, id); c.AssigneeID != a.Agent.ID {
		holder = a.Supervisor
	}
	events := b.Events(t, holder.Token, "")
	until := time.Now().Add(3 * time.Second).UTC().Format(time.RFC3339Nano)
	a.API(t, "PATCH", "/api/v1/conversations/"+id, holder.Token, map[string]any{"status": "snoozed", "snoozed_until": until}, http.StatusOK, nil)
	must(t, conversationOf(t, b, id).Status == "snoozed", "not snoozed")
	events.Wait(t, wait, "the snooze's end on B's stream", func(ev e2etest.Event) bool {
		return ev.Type == "conversation.reopened" && ev.Field("conversation_id") == id
	})
	must(t, conversationOf(t, b, id).Status == "open", "after the snooze: %s", conversationOf(t, b, id).Status)
}
