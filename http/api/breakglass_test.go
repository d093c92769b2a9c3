package api_test

import (
	"encoding/json"
	"testing"
)

// TestAPI_StoreGuardAndBreakGlass checks the guard the store applies to
// every reply, without the API's optional hook: the address is blocked
// with 422; an admin (a supervisor) may break glass with a reason; the
// conversation then shows the break_glass flag and its risk score.
func TestAPI_StoreGuardAndBreakGlass(t *testing.T) {
	e := newEnv(t)
	body := e.run(t, scenario{method: "POST", url: "/api/v1/customers", token: e.syncToken, body: janeBody, wantStatus: 201})
	var cus struct{ ID string }
	_ = json.Unmarshal([]byte(body), &cus)
	body = e.run(t, scenario{method: "POST", url: "/api/v1/conversations", token: e.adminToken,
		body: `{"channel":"chat","customer_id":"` + cus.ID + `","requester":{"email":"someone@evil.example"}}`, wantStatus: 201})
	var conv struct{ ID string }
	_ = json.Unmarshal([]byte(body), &conv)
	url := "/api/v1/conversations/" + conv.ID + "/messages"
	e.run(t, scenario{method: "POST", url: url, token: e.token, body: `{"body":"It ships to 1234 Main St."}`, wantStatus: 422,
		want: []string{`"error":"disclosure_blocked"`, `"required_level":"L1"`}, notWant: []string{"1234 Main"}})
	e.run(t, scenario{method: "POST", url: url, token: e.token, body: `{"body":"It ships to 1234 Main St.","break_glass_reason":"court order"}`, wantStatus: 403,
		want: []string{`"error":"forbidden"`}})
	e.run(t, scenario{method: "POST", url: url, token: e.adminToken, body: `{"body":"It ships to 1234 Main St.","break_glass_reason":"court order 77"}`, wantStatus: 201})
	e.run(t, scenario{method: "GET", url: "/api/v1/conversations/" + conv.ID, token: e.token, wantStatus: 200,
		want: []string{`"break_glass"`, `"risk":{"score":`, `"contact_not_on_file"`}})
}
