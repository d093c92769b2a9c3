package desk_test

import (
	"fmt"
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

// The same hotline and support address in every reply answer no guess:
// 30 replies an hour naming them (in two spellings each) are counted
// once and never pause the agent, while distinct guesses still do, a
// hotline beside them or not: the 11th is refused (limit 10).
func TestRepeatedCandidatesCountOnce(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		desk.New(db, desk.Config{OracleLimitPerHour: 10, RevealAlertPerHour: 1000})
		for i := range 30 {
			body := "Call us at +33 1 23 45 67 89 or write to support@shop.example."
			if i%2 == 1 {
				body = "Our hotline is +33-1-2345-6789, our address Support@Shop.Example"
			}
			if err := f.reply(f.AgentCtx, f.Conv.ID, body); err != nil {
				t.Fatalf("hotline reply %d: %v", i, err)
			}
		}
		if n := len(auditOf(t, db, proofdesk.AuditGuardCandidate)); n != 1 {
			t.Fatalf("30 replies naming the same hotline and address: %d guard.candidate entries, want 1", n)
		}
		for i := range 11 {
			err := f.reply(f.AgentCtx, f.Conv.ID, fmt.Sprintf("Is it +1 415 555 %04d? If not, call +33 1 23 45 67 89.", 200+i))
			if i < 10 && err != nil {
				t.Fatalf("guess %d: %v", i, err)
			}
			if i == 10 && (proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN || ruleOf(err) != proofdesk.RulePaused) {
				t.Fatalf("the 11th distinct guess: %v, want the pause", err)
			}
		}
	})
}

// A guard.candidate entry holds the classes and keyed hashes of the
// values, never a value: not the digits of a phone or a card, not an
// address, not a date.
func TestCandidateAuditHoldsNoValue(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		desk.New(db, desk.Config{OracleLimitPerHour: 100, RevealAlertPerHour: 1000})
		if err := f.reply(f.AgentCtx, f.Conv.ID, "Is it +1 415 555 0177, mary.major@mail.example, born 1984-03-07, or the card ending 4711?"); err != nil {
			t.Fatal(err)
		}
		es := auditOf(t, db, proofdesk.AuditGuardCandidate)
		if len(es) != 1 {
			t.Fatalf("%d guard.candidate entries, want 1", len(es))
		}
		d := es[0].Detail
		hs := strings.Split(d["values"], ",")
		if len(hs) < 4 {
			t.Fatalf("values %q: want a hash per value", d["values"])
		}
		for _, h := range hs {
			if len(h) != 16 || strings.Trim(h, "0123456789abcdef") != "" {
				t.Fatalf("values %q: %q is no truncated hash", d["values"], h)
			}
		}
		for k, v := range d {
			for _, x := range []string{"4155550177", "mary", "mail.example", "@", "1984-03-07", "07.03.1984"} {
				if strings.Contains(v, x) {
					t.Fatalf("the audit detail %s=%q holds %q", k, v, x)
				}
			}
			if k != "values" && (strings.Contains(v, "4711") || strings.Contains(v, "1984")) {
				t.Fatalf("the audit detail %s=%q holds a value", k, v)
			}
		}
	})
}
