package api_test

import (
	"testing"

	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestUnlock_API covers the route's refusals; the store's test covers the
// lift itself at L2.
func TestUnlock_API(t *testing.T) {
	e := newVEnv(t, sqldbtest.Open(t))
	url := "/api/v1/conversations/" + e.conv.ID + "/unlock"
	for _, s := range []scenario{
		{name: "no token", method: "POST", url: url, body: `{"reason":"x y z"}`, wantStatus: 401},
		{name: "agent", method: "POST", url: url, token: e.agentTok, body: `{"reason":"called back"}`, wantStatus: 403, want: []string{"supervisor"}},
		{name: "no reason", method: "POST", url: url, token: e.supTok, body: `{}`, wantStatus: 400, want: []string{`"field":"reason"`}},
		{name: "not locked", method: "POST", url: url, token: e.supTok, body: `{"reason":"called back"}`, wantStatus: 409},
		{name: "unknown field", method: "POST", url: url, token: e.supTok, body: `{"reason":"x","level":"L2"}`, wantStatus: 400},
	} {
		e.run(t, s)
	}
}
