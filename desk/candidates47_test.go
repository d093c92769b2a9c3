package desk_test

import (
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// A sent reply naming a guessed value (a phone number not on file) below
// the class's level is audited as guard.candidate, without the value,
// and counted with blocked replies: past the limit the agent is paused,
// the right guess refused like the wrong ones. A reply without a
// candidate value counts nothing.
func TestSentCandidatesCountTowardsThePause(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		desk.New(db, desk.Config{OracleLimitPerHour: 2, RevealAlertPerHour: 100})
		if err := f.reply(f.AgentCtx, f.Conv.ID, "Thanks, we are looking into it and will be back in a minute."); err != nil {
			t.Fatal(err)
		}
		if n := len(auditOf(t, db, proofdesk.AuditGuardCandidate)); n != 0 {
			t.Fatalf("a reply without a candidate value was counted (%d)", n)
		}
		for i := range 3 {
			if err := f.reply(f.AgentCtx, f.Conv.ID, "Is it +1 415 555 01"+string(rune('7'+i))+"9?"); err != nil {
				t.Fatalf("wrong guess %d: %v", i, err)
			}
		}
		es := auditOf(t, db, proofdesk.AuditGuardCandidate)
		if len(es) != 3 {
			t.Fatalf("%d guard.candidate entries, want 3", len(es))
		}
		for _, e := range es {
			if e.ActorID != f.Agent.ID || e.Detail["classes"] != proofdesk.ClassPhone || strings.Contains(strings.Join(values(e.Detail), " "), "555") {
				t.Fatalf("entry %d: by %q, detail %v", e.Seq, e.ActorID, e.Detail)
			}
		}
		for _, g := range []string{"Is it +1 415 555 0199?", "Is it +1 415 555 0123?"} {
			if err := f.reply(f.AgentCtx, f.Conv.ID, g); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN || ruleOf(err) != proofdesk.RulePaused {
				t.Fatalf("%q after the limit: %v, want the pause", g, err)
			}
		}
	})
}
