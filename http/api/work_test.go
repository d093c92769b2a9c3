package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	httpd "github.com/proofdesk/proofdesk/http"
	"github.com/proofdesk/proofdesk/http/api"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// workEnv is the API with the work model's routes, on a real store.
type workEnv struct {
	*env
	desk       *desk.Desk
	other      *proofdesk.Agent
	otherToken string
}

func newWorkEnv(tb testing.TB) *workEnv {
	tb.Helper()
	db := sqldbtest.Open(tb)
	dk := desk.New(db, desk.Config{})
	e := &env{customers: dk.Customers(sqldb.NewCustomerService(db)), conversations: dk.Conversations(sqldb.NewConversationService(db)), audit: sqldb.NewAuditService(db)}
	agents := sqldb.NewAgentService(db)
	e.agent = mustAgent(tb, agents, "agent@desk.test", proofdesk.RoleAgent)
	e.token = mustToken(tb, agents, e.agent)
	e.adminToken = mustToken(tb, agents, mustAgent(tb, agents, "admin@desk.test", proofdesk.RoleAdmin))
	w := &workEnv{env: e, desk: dk}
	w.other = mustAgent(tb, agents, "other@desk.test", proofdesk.RoleAgent)
	w.otherToken = mustToken(tb, agents, w.other)
	e.handler = api.NewHandler(agents, e.customers, e.conversations, e.audit, nil)
	e.srv = httpd.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)))
	e.handler.Register(e.srv)
	api.NewWorkHandler(agents, dk).Register(e.srv)
	if err := e.srv.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = e.srv.Close() })
	return w
}

func idOf(tb testing.TB, body string) string {
	tb.Helper()
	var v struct{ ID string }
	if err := json.Unmarshal([]byte(body), &v); err != nil || v.ID == "" {
		tb.Fatalf("no id in %s", body)
	}
	return v.ID
}

func TestAPI_Work(t *testing.T) {
	e := newWorkEnv(t)
	// Tags: admins manage them, agents read and use them.
	e.run(t, scenario{name: "agent creates a tag", method: "POST", url: "/api/v1/tags", token: e.token, body: `{"name":"billing"}`, wantStatus: 403, want: []string{`"rule":"role.admin"`}})
	tagID := idOf(t, e.run(t, scenario{method: "POST", url: "/api/v1/tags", token: e.adminToken, body: `{"name":"Billing"}`, wantStatus: 201, want: []string{`"name":"billing"`}}))
	e.run(t, scenario{name: "duplicate", method: "POST", url: "/api/v1/tags", token: e.adminToken, body: `{"name":"billing"}`, wantStatus: 409})
	e.run(t, scenario{name: "bad name", method: "POST", url: "/api/v1/tags", token: e.adminToken, body: `{"name":"a,b"}`, wantStatus: 400, want: []string{`"field":"name"`}})
	e.run(t, scenario{method: "GET", url: "/api/v1/tags", token: e.token, wantStatus: 200, want: []string{`"name":"billing"`}})

	conv := idOf(t, e.run(t, scenario{method: "POST", url: "/api/v1/conversations", token: e.token, body: `{"channel":"api","subject":"Refund","message":"Please refund order 12."}`, wantStatus: 201,
		want: []string{`"priority":"normal"`, `"snoozed_until":null`}}))
	curl := "/api/v1/conversations/" + conv
	e.run(t, scenario{name: "unmanaged tag", method: "PATCH", url: curl, token: e.token, body: `{"tags":["whatever"]}`, wantStatus: 400, want: []string{`"field":"tags"`}})
	e.run(t, scenario{name: "tag and priority", method: "PATCH", url: curl, token: e.token, body: `{"tags":["billing"],"priority":"urgent"}`, wantStatus: 200,
		want: []string{`"tags":["billing"]`, `"priority":"urgent"`}})
	e.run(t, scenario{name: "bad priority", method: "PATCH", url: curl, token: e.token, body: `{"priority":"asap"}`, wantStatus: 400, want: []string{`"field":"priority"`}})
	e.run(t, scenario{name: "rename follows", method: "PATCH", url: "/api/v1/tags/" + tagID, token: e.adminToken, body: `{"name":"invoices"}`, wantStatus: 200})
	e.run(t, scenario{name: "filter by tag and priority", method: "GET", url: "/api/v1/conversations?tag=invoices&priority=urgent&sort=priority", token: e.token, wantStatus: 200,
		want: []string{`"total":1`, `"tags":["invoices"]`}})
	e.run(t, scenario{name: "bad sort", method: "GET", url: "/api/v1/conversations?sort=random", token: e.token, wantStatus: 400, want: []string{`"field":"sort"`}})

	// Teams: admins make them; a conversation goes to a team's queue.
	e.run(t, scenario{name: "agent creates a team", method: "POST", url: "/api/v1/teams", token: e.token, body: `{"name":"Billing"}`, wantStatus: 403})
	teamID := idOf(t, e.run(t, scenario{method: "POST", url: "/api/v1/teams", token: e.adminToken,
		body: `{"name":"Billing","auto_assign":true,"agent_ids":["` + e.agent.ID + `","` + e.other.ID + `"]}`, wantStatus: 201, want: []string{`"auto_assign":true`}}))
	e.run(t, scenario{name: "unknown member", method: "PATCH", url: "/api/v1/teams/" + teamID, token: e.adminToken, body: `{"agent_ids":["agt_nobody"]}`, wantStatus: 400, want: []string{`"field":"agent_ids"`}})
	e.run(t, scenario{name: "unknown team", method: "PATCH", url: curl, token: e.token, body: `{"team":"tm_nothing"}`, wantStatus: 400, want: []string{`"field":"team"`}})
	e.run(t, scenario{name: "to the team", method: "PATCH", url: curl, token: e.token, body: `{"team":"` + teamID + `"}`, wantStatus: 200})
	e.run(t, scenario{name: "team queue", method: "GET", url: "/api/v1/conversations?team=" + teamID + "&unassigned=1", token: e.token, wantStatus: 200, want: []string{`"total":1`}})

	// Availability: each agent their own; going online takes the queue.
	e.run(t, scenario{name: "another's availability", method: "PUT", url: "/api/v1/agents/" + e.other.ID + "/availability", token: e.token, body: `{"availability":"online"}`, wantStatus: 403})
	e.run(t, scenario{name: "own capacity", method: "PUT", url: "/api/v1/agents/" + e.agent.ID + "/availability", token: e.token, body: `{"capacity":3}`, wantStatus: 403})
	e.run(t, scenario{name: "bad availability", method: "PUT", url: "/api/v1/agents/" + e.agent.ID + "/availability", token: e.token, body: `{"availability":"busy"}`, wantStatus: 400})
	e.run(t, scenario{method: "PUT", url: "/api/v1/agents/" + e.other.ID + "/availability", token: e.otherToken, body: `{"availability":"online"}`, wantStatus: 200, want: []string{`"availability":"online"`}})
	e.run(t, scenario{name: "auto-assigned", method: "GET", url: curl, token: e.token, wantStatus: 200, want: []string{`"assignee_id":"` + e.other.ID + `"`}})
	e.run(t, scenario{method: "GET", url: "/api/v1/agents/availability", token: e.token, wantStatus: 200, want: []string{`"id":"` + e.other.ID + `","name":"Test agent","availability":"online"`}})

	// Snooze with an end time.
	past := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	future := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	e.run(t, scenario{name: "snooze into the past", method: "PATCH", url: curl, token: e.otherToken, body: `{"status":"snoozed","snoozed_until":"` + past + `"}`, wantStatus: 400, want: []string{`"field":"snoozed_until"`}})
	e.run(t, scenario{name: "snooze", method: "PATCH", url: curl, token: e.otherToken, body: `{"status":"snoozed","snoozed_until":"` + future + `"}`, wantStatus: 200, want: []string{`"status":"snoozed"`, `"snoozed_until":"` + future[:16]}})

	// Saved views: each agent's own.
	e.run(t, scenario{name: "bad view", method: "POST", url: "/api/v1/views", token: e.token, body: `{"name":"x","filter":{"level":"L9"}}`, wantStatus: 400, want: []string{`"field":"level"`}})
	viewID := idOf(t, e.run(t, scenario{method: "POST", url: "/api/v1/views", token: e.token, body: `{"name":"Urgent billing","filter":{"team":"` + teamID + `","priority":"urgent"}}`, wantStatus: 201}))
	e.run(t, scenario{name: "not yours", method: "DELETE", url: "/api/v1/views/" + viewID, token: e.otherToken, wantStatus: 404})
	e.run(t, scenario{method: "GET", url: "/api/v1/views", token: e.otherToken, wantStatus: 200, notWant: []string{viewID}})
	e.run(t, scenario{method: "GET", url: "/api/v1/views", token: e.token, wantStatus: 200, want: []string{`"name":"Urgent billing"`}})
	e.run(t, scenario{method: "DELETE", url: "/api/v1/views/" + viewID, token: e.token, wantStatus: 204})

	e.run(t, scenario{name: "create in a queue", method: "POST", url: "/api/v1/conversations", token: e.token,
		body: `{"channel":"api","subject":"Card declined","priority":"high","team":"` + teamID + `"}`, wantStatus: 201, want: []string{`"priority":"high"`, `"team":"` + teamID + `"`}})
	e.run(t, scenario{name: "create in no team", method: "POST", url: "/api/v1/conversations", token: e.token,
		body: `{"channel":"api","subject":"x","team":"tm_nothing"}`, wantStatus: 400, want: []string{`"field":"team"`}})
	e.run(t, scenario{name: "delete team", method: "DELETE", url: "/api/v1/teams/" + teamID, token: e.adminToken, wantStatus: 204})
	if c, err := e.conversations.FindConversationByID(context.Background(), conv); err != nil || c.Team != "" {
		t.Fatalf("after deleting the team: %v team %q", err, c.Team)
	}
}
