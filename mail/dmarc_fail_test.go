package mail

import (
	"context"
	"slices"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// A mail that fails DMARC sets the dmarc_fail risk signal, whether its
// address is on file or not (a signal set only for on-file addresses would
// tell whoever mails the desk which addresses are on file); one that
// passes and one from a domain without a DMARC record do not.
func TestInbound_DMARCFailSignal(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		e := newInboundEnv(t, db, Limits{}, nil)
		convs := sqldb.NewConversationService(db)
		tests := []struct {
			name, msg string
			want      bool
		}{
			// Unsigned, from 127.0.0.1, outside example.com's SPF: DMARC fail.
			{"on file, dmarc fail", mailMsg("Jane Doe <jane@example.com>", "Change my address", "f1@example.com", "", "Please ship to 1 Evil Road."), true},
			{"on file, other case, dmarc fail", mailMsg("JANE@EXAMPLE.COM", "Again", "f2@example.com", "", "Hello."), true},
			{"on file, dmarc pass", signed(t, mailMsg("jane@example.com", "Signed", "f3@example.com", "", "Signed by my provider.")), false},
			{"not on file, dmarc fail", mailMsg("mallory@example.com", "Hi", "f4@example.com", "", "Hello."), true},
			{"no dmarc record", mailMsg("bob@nodmarc.test", "Hi", "f5@example.com", "", "Hello."), false},
		}
		for _, tt := range tests {
			before := map[string]bool{}
			for _, c := range e.emailConversations(t) {
				before[c.ID] = true
			}
			if code := e.send(t, tt.msg); code != 0 {
				t.Fatalf("%s: refused %d", tt.name, code)
			}
			var conv *proofdesk.Conversation
			for _, c := range e.emailConversations(t) {
				if !before[c.ID] {
					conv = c
				}
			}
			if conv == nil {
				t.Fatalf("%s: no new conversation", tt.name)
			}
			risk, err := convs.FindRisk(ctx, conv.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got := slices.Contains(risk.Signals, proofdesk.SignalDMARCFail); got != tt.want {
				t.Errorf("%s: dmarc_fail=%v (signals %v), want %v", tt.name, got, risk.Signals, tt.want)
			}
		}
		entries, err := sqldb.NewAuditService(db).FindAuditEntries(ctx, proofdesk.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, en := range entries {
			if en.Action == proofdesk.AuditRiskSignal && en.Detail["signal"] == proofdesk.SignalDMARCFail {
				n++
			}
		}
		if n != 3 {
			t.Fatalf("%d dmarc_fail audit entries, want 3", n)
		}
	})
}
