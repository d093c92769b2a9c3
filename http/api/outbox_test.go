package api_test

import (
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func TestOutbox_API(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		e.issue(t, e.conv.ID, e.emailID)
		token, code := e.mailbox(t, proofdesk.OutboxEmail)
		e.run(t, scenario{method: "GET", url: "/api/v1/outbox?limit=10", token: e.adminTok, wantStatus: 200,
			want: []string{`"relay_configured":false`, `"purpose":"verification"`, `"to":"jane@example.com"`, token, code}})
		for _, s := range []scenario{
			{name: "agent", method: "GET", url: "/api/v1/outbox", token: e.agentTok, wantStatus: 403, notWant: []string{token}},
			{name: "supervisor", method: "GET", url: "/api/v1/outbox", token: e.supTok, wantStatus: 403, notWant: []string{token}},
			{name: "no token", method: "GET", url: "/api/v1/outbox", wantStatus: 401},
			{name: "bad limit", method: "GET", url: "/api/v1/outbox?limit=9999", token: e.adminTok, wantStatus: 400},
		} {
			e.run(t, s)
		}
		// With a relay delivering mail, bodies (links, codes) are never shown.
		e.outbox.RelayConfigured = true
		e.run(t, scenario{method: "GET", url: "/api/v1/outbox", token: e.adminTok, wantStatus: 200,
			want:    []string{`"relay_configured":true`, `"purpose":"verification"`, `"to":"` + proofdesk.MaskEmail("jane@example.com") + `"`},
			notWant: []string{token, code, `"body"`, "jane@example.com"}})
	})
}
