package main

import (
	"context"
	"net/url"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// workAuthzRoutes are valid requests for the work model's routes (issue
// 13): each names a tag, team or view made for the request, so that one
// actor's request never depends on another's.
func workAuthzRoutes() map[string]authzRoute {
	ctx := context.Background()
	static := func(path string) authzRoute {
		return authzRoute{prep: func(*authzEnv, *authzActor, *authzFixture) authzReq { return authzReq{path: path} }}
	}
	// Once an admin made a tag, only managed names may be put on a
	// conversation: "matrix" (the tag of the PATCH conversation row) is one.
	ensureMatrixTag := func(e *authzEnv) {
		if _, err := e.m.DB.CreateTag(ctx, "matrix"); err != nil && proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			e.t.Fatal(err)
		}
	}
	newTag := func(e *authzEnv) string {
		ensureMatrixTag(e)
		t, err := e.m.DB.CreateTag(ctx, "matrix-"+randHex(4))
		if err != nil {
			e.t.Fatal(err)
		}
		return t.ID
	}
	newTeam := func(e *authzEnv) string {
		t := &proofdesk.Team{Name: "Matrix " + randHex(4)}
		if err := e.m.DB.CreateTeam(ctx, t); err != nil {
			e.t.Fatal(err)
		}
		return t.ID
	}
	// The actor's own agent, or the bystander for actors with none.
	self := func(e *authzEnv, a *authzActor) *proofdesk.Agent {
		if a.agent != nil {
			return a.agent
		}
		return e.bystander
	}
	form := func(path string, f func(e *authzEnv, a *authzActor) url.Values) authzRoute {
		return authzRoute{prep: func(e *authzEnv, a *authzActor, _ *authzFixture) authzReq {
			return authzReq{path: path, form: f(e, a)}
		}}
	}
	convForm := func(suffix string, v url.Values) authzRoute {
		return authzRoute{fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/conversations/" + fx.convID + suffix, form: v}
		}}
	}
	byID := func(path string, id func(e *authzEnv) string, v func() url.Values) authzRoute {
		return authzRoute{prep: func(e *authzEnv, _ *authzActor, _ *authzFixture) authzReq {
			return authzReq{path: strings.Replace(path, "{id}", id(e), 1), form: v()}
		}}
	}
	empty := func() url.Values { return url.Values{} }
	return map[string]authzRoute{
		"POST /conversations/{id}/triage": convForm("/triage", url.Values{"priority": {"high"}}),
		"POST /conversations/{id}/snooze": convForm("/snooze", url.Values{"hours": {"1"}}),
		"POST /availability":              form("/availability", func(*authzEnv, *authzActor) url.Values { return url.Values{"availability": {"away"}} }),
		"POST /views": form("/views", func(*authzEnv, *authzActor) url.Values {
			return url.Values{"name": {"View " + randHex(4)}, "priority": {"urgent"}}
		}),
		"POST /views/{id}/delete": {prep: func(e *authzEnv, a *authzActor, _ *authzFixture) authzReq {
			v := &proofdesk.SavedView{AgentID: self(e, a).ID, Name: "Mine " + randHex(4)}
			if err := e.m.DB.CreateSavedView(ctx, v); err != nil {
				e.t.Fatal(err)
			}
			return authzReq{path: "/views/" + v.ID + "/delete", form: url.Values{}}
		}},
		"GET /admin/work": static("/admin/work"),
		"POST /admin/tags": form("/admin/tags", func(e *authzEnv, _ *authzActor) url.Values {
			ensureMatrixTag(e)
			return url.Values{"name": {"matrix-" + randHex(4)}}
		}),
		"POST /admin/tags/{id}":        byID("/admin/tags/{id}", newTag, func() url.Values { return url.Values{"name": {"renamed-" + randHex(4)}} }),
		"POST /admin/tags/{id}/delete": byID("/admin/tags/{id}/delete", newTag, empty),
		"POST /admin/teams": form("/admin/teams", func(*authzEnv, *authzActor) url.Values {
			return url.Values{"name": {"Matrix " + randHex(4)}, "channels": {"email"}}
		}),
		"POST /admin/teams/{id}":           byID("/admin/teams/{id}", newTeam, func() url.Values { return url.Values{"name": {"Matrix " + randHex(5)}} }),
		"POST /admin/teams/{id}/delete":    byID("/admin/teams/{id}/delete", newTeam, empty),
		"POST /admin/agents/{id}/capacity": byID("/admin/agents/{id}/capacity", func(e *authzEnv) string { return e.bystander.ID }, func() url.Values { return url.Values{"capacity": {"5"}} }),
		"GET /api/v1/tags":                 static("/api/v1/tags"),
		"POST /api/v1/tags": {prep: func(e *authzEnv, _ *authzActor, _ *authzFixture) authzReq {
			ensureMatrixTag(e)
			return authzReq{path: "/api/v1/tags", json: `{"name":"matrix-` + randHex(4) + `"}`}
		}},
		"PATCH /api/v1/tags/{id}": {prep: func(e *authzEnv, _ *authzActor, _ *authzFixture) authzReq {
			return authzReq{path: "/api/v1/tags/" + newTag(e), json: `{"name":"renamed-` + randHex(4) + `"}`}
		}},
		"DELETE /api/v1/tags/{id}": {prep: func(e *authzEnv, _ *authzActor, _ *authzFixture) authzReq {
			return authzReq{path: "/api/v1/tags/" + newTag(e)}
		}},
		"GET /api/v1/teams": static("/api/v1/teams"),
		"POST /api/v1/teams": {prep: func(*authzEnv, *authzActor, *authzFixture) authzReq {
			return authzReq{path: "/api/v1/teams", json: `{"name":"Matrix ` + randHex(4) + `","channels":["email"]}`}
		}},
		"PATCH /api/v1/teams/{id}": {prep: func(e *authzEnv, _ *authzActor, _ *authzFixture) authzReq {
			return authzReq{path: "/api/v1/teams/" + newTeam(e), json: `{"agent_ids":["` + e.bystander.ID + `"]}`}
		}},
		"DELETE /api/v1/teams/{id}": {prep: func(e *authzEnv, _ *authzActor, _ *authzFixture) authzReq {
			return authzReq{path: "/api/v1/teams/" + newTeam(e)}
		}},
		"GET /api/v1/views": static("/api/v1/views"),
		"POST /api/v1/views": {prep: func(*authzEnv, *authzActor, *authzFixture) authzReq {
			return authzReq{path: "/api/v1/views", json: `{"name":"Urgent ` + randHex(4) + `","filter":{"priority":"urgent","assignee_id":"me"}}`}
		}},
		"DELETE /api/v1/views/{id}": {prep: func(e *authzEnv, a *authzActor, _ *authzFixture) authzReq {
			v := &proofdesk.SavedView{AgentID: self(e, a).ID, Name: "Mine " + randHex(4)}
			if err := e.m.DB.CreateSavedView(ctx, v); err != nil {
				e.t.Fatal(err)
			}
			return authzReq{path: "/api/v1/views/" + v.ID}
		}},
		"GET /api/v1/agents/availability": static("/api/v1/agents/availability"),
		"PUT /api/v1/agents/{id}/availability": {prep: func(e *authzEnv, a *authzActor, _ *authzFixture) authzReq {
			return authzReq{path: "/api/v1/agents/" + self(e, a).ID + "/availability", json: `{"availability":"away"}`}
		}},
		"GET /api/v1/agents/me/notifications": static("/api/v1/agents/me/notifications"),
		"PUT /api/v1/agents/me/notifications": {prep: func(*authzEnv, *authzActor, *authzFixture) authzReq {
			return authzReq{path: "/api/v1/agents/me/notifications", json: `{"kinds":["assigned","mention"],"email":true}`}
		}},
	}
}
