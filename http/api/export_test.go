package api_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestExport_API starts an export through the API on each store and
// checks that the link never reaches an agent: not in the answer, the
// conversation, the customer, the audit log, nor the outbox once a relay
// delivers mail.
func TestExport_API(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		convURL := "/api/v1/conversations/" + e.conv.ID + "/export"
		custURL := "/api/v1/customers/" + e.cust.ID + "/export"
		for _, s := range []scenario{
			{name: "no token", method: "POST", url: convURL, wantStatus: 401},
			{name: "agent", method: "POST", url: convURL, token: e.agentTok, wantStatus: 403, want: []string{"supervisor"}},
			{name: "supervisor at L0", method: "POST", url: convURL, token: e.supTok, wantStatus: 403, want: []string{`"required_level":"L2"`}},
			{name: "card without a reason", method: "POST", url: custURL, token: e.supTok, body: `{}`, wantStatus: 400, want: []string{`"field":"reason"`}},
			{name: "card by an agent", method: "POST", url: custURL, token: e.agentTok, body: `{"reason":"owner asked by letter"}`, wantStatus: 403},
			{name: "unknown field", method: "POST", url: custURL, token: e.supTok, body: `{"reason":"owner asked","to":"me@x.example"}`, wantStatus: 400},
		} {
			e.run(t, s)
		}
		info := e.issue(t, e.conv.ID, e.emailID)
		tok, _ := e.mailbox(t, proofdesk.OutboxEmail)
		e.approve(t, tok, info.Number)
		info = e.issue(t, e.conv.ID, e.phoneID)
		tok, _ = e.mailbox(t, proofdesk.OutboxSMS)
		e.approve(t, tok, info.Number)
		e.run(t, scenario{name: "supervisor at L2", method: "POST", url: convURL, token: e.supTok, wantStatus: 202,
			want: []string{`"sent_to":["j***@e***.com"]`, `"export_id":"exp_`}, notWant: []string{"/x/", "jane@example.com"}})
		e.run(t, scenario{name: "card by break-glass", method: "POST", url: custURL, token: e.supTok, body: `{"reason":"owner asked by letter, ref 991"}`,
			wantStatus: 202, want: []string{`"sent_to":["j***@e***.com"]`}, notWant: []string{"/x/"}})

		msgs, err := sqldb.NewOutboxService(db).FindOutbox(context.Background(), 100)
		if err != nil {
			t.Fatal(err)
		}
		var tokens []string
		for _, m := range msgs {
			if m.Purpose == proofdesk.PurposeExportLink {
				tokens = append(tokens, regexp.MustCompile(`/x/([A-Za-z0-9_.-]+)`).FindStringSubmatch(m.Body)[1])
			}
		}
		if len(tokens) != 2 {
			t.Fatalf("%d export links, want 2", len(tokens))
		}
		// Once a relay delivers mail, the outbox shows no body to admins.
		e.outbox.RelayConfigured = true
		for _, tk := range tokens {
			for _, s := range []scenario{
				{method: "GET", url: "/api/v1/conversations/" + e.conv.ID, token: e.supTok},
				{method: "GET", url: "/api/v1/conversations/" + e.conv.ID + "/messages", token: e.supTok},
				{method: "GET", url: "/api/v1/customers/" + e.cust.ID, token: e.supTok},
				{method: "GET", url: "/api/v1/audit", token: e.adminTok},
				{method: "GET", url: "/api/v1/outbox", token: e.adminTok},
			} {
				s.name, s.wantStatus, s.notWant = s.url, 200, []string{tk, "/x/"}
				e.run(t, s)
			}
		}
	})
}
