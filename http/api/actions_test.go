package api_test

import (
	"testing"

	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestActions_API covers the routes' refusals; the store's tests cover the
// changes at L2.
func TestActions_API(t *testing.T) {
	e := newVEnv(t, sqldbtest.Open(t))
	base := "/api/v1/conversations/" + e.conv.ID
	for _, s := range []scenario{
		{name: "no token", method: "POST", url: base + "/contact-points", body: `{"kind":"email","value":"a@b.example"}`, wantStatus: 401},
		{name: "add at L0", method: "POST", url: base + "/contact-points", token: e.agentTok, body: `{"kind":"email","value":"a@b.example"}`,
			wantStatus: 403, want: []string{`"error":"verification_required"`, `"required_level":"L2"`}},
		{name: "bad kind", method: "POST", url: base + "/contact-points", token: e.agentTok, body: `{"kind":"fax","value":"1"}`, wantStatus: 400, want: []string{`"field":"kind"`}},
		{name: "address at L0", method: "PUT", url: base + "/address", token: e.agentTok, body: `{"line1":"1 New Road","city":"Portland","country":"US"}`,
			wantStatus: 403, want: []string{`"required_level":"L2"`}},
		{name: "address missing city", method: "PUT", url: base + "/address", token: e.agentTok, body: `{"line1":"1 New Road","country":"US"}`,
			wantStatus: 400, want: []string{"city"}},
		{name: "unknown field", method: "PUT", url: base + "/address", token: e.agentTok, body: `{"street":"x"}`, wantStatus: 400},
	} {
		e.run(t, s)
	}
}
