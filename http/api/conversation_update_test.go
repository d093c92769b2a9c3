package api_test

import (
	"encoding/json"
	"testing"
)

func TestAPI_ConversationUpdate(t *testing.T) {
	e := newEnv(t)
	body := e.run(t, scenario{method: "POST", url: "/api/v1/customers", token: e.syncToken, body: janeBody, wantStatus: 201})
	var cus struct{ ID string }
	_ = json.Unmarshal([]byte(body), &cus)
	body = e.run(t, scenario{method: "POST", url: "/api/v1/conversations", token: e.token, body: `{"channel":"email","subject":"hi"}`, wantStatus: 201})
	var conv struct{ ID string }
	_ = json.Unmarshal([]byte(body), &conv)
	url := "/api/v1/conversations/" + conv.ID
	for _, s := range []scenario{
		{name: "no token", method: "PATCH", url: url, body: `{}`, wantStatus: 401},
		{name: "bad status", method: "PATCH", url: url, token: e.token, body: `{"status":"done"}`, wantStatus: 400, want: []string{`"field":"status"`}},
		{name: "unknown field", method: "PATCH", url: url, token: e.token, body: `{"level":"L2"}`, wantStatus: 400, want: []string{"level"}},
		{name: "unknown customer", method: "PATCH", url: url, token: e.token, body: `{"customer_id":"cus_nope"}`, wantStatus: 400, want: []string{`"field":"customer_id"`}},
		{name: "link and assign", method: "PATCH", url: url, token: e.token, body: `{"customer_id":"` + cus.ID + `","assignee_id":"` + e.agent.ID + `","tags":["vip"]}`,
			wantStatus: 200, want: []string{`"customer_id":"` + cus.ID + `"`, `"level":"L0"`, `"tags":["vip"]`}},
		{name: "relink by an agent", method: "PATCH", url: url, token: e.token, body: `{"customer_id":""}`, wantStatus: 403,
			want: []string{`"rule":"link.relink"`, `"required_role":"supervisor"`}},
		{name: "relink by the integration", method: "PATCH", url: url, token: e.syncToken, body: `{"customer_id":""}`, wantStatus: 403,
			want: []string{`"rule":"role.not_agent"`}},
		{name: "relink by an admin", method: "PATCH", url: url, token: e.adminToken, body: `{"customer_id":""}`, wantStatus: 200, want: []string{`"level":"L0"`}},
		{name: "resolve", method: "PATCH", url: url, token: e.token, body: `{"status":"resolved"}`, wantStatus: 200, want: []string{`"status":"resolved"`}},
		{name: "missing", method: "PATCH", url: "/api/v1/conversations/cnv_missing", token: e.token, body: `{"status":"open"}`, wantStatus: 404},
	} {
		e.run(t, s)
	}
}
