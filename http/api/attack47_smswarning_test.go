package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// attack47: the code of a request is a bearer secret that skips the
// number match: whoever types it in the chat's code box (or on the keypad)
// verifies the conversation. The requester who is not the customer gets it
// the classic way: "Hi Jane, this is the shop's support, we just texted you
// a code, please read it back". The email request warns ("Nobody from X
// will ever ask you to read this code out"); the SMS, the channel this
// phishing targets, carries the code and no warning at all.
func TestAttack47_SMSCodeWithoutReadOutWarning(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		e.issue(t, e.conv.ID, e.emailID)
		e.issue(t, e.conv.ID, e.phoneID)
		body := e.run(t, scenario{method: "GET", url: "/api/v1/outbox", token: e.adminTok, wantStatus: 200})
		var out struct {
			Messages []proofdesk.OutboxMessage `json:"messages"`
		}
		if err := json.Unmarshal([]byte(body), &out); err != nil {
			t.Fatal(err)
		}
		var mail, sms string
		for _, m := range out.Messages {
			if m.Purpose != "verification" {
				continue
			}
			if m.Kind == proofdesk.OutboxSMS {
				sms = m.Body
			} else {
				mail = m.Body
			}
		}
		const warning = "will ever ask you to read this code out"
		if !strings.Contains(mail, warning) || sms == "" {
			t.Fatalf("setup: mail %q sms %q", mail, sms)
		}
		if !strings.Contains(sms, "ever ask") {
			t.Fatalf("the SMS request carries its code without the warning the email has (%q): %q", warning, sms)
		}
	})
}
