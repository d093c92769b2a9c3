package sqldb_test

import (
	"context"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// verifyL1 completes a request on the fixture's email.
func (f *fixture) verifyL1(t *testing.T, conv *proofdesk.Conversation) {
	t.Helper()
	if _, err := f.vs.IssueChallenge(f.agentCtx, conv.ID, f.emailID); err != nil {
		t.Fatal(err)
	}
	_, code := f.lastSecret(t)
	if _, err := f.vs.CompleteByCode(context.Background(), conv.ID, code); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) levelOf(t *testing.T, id string) proofdesk.Level {
	t.Helper()
	c, err := sqldb.NewConversationService(f.db).FindConversationByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c.EffectiveLevel(f.clk.Now())
}

func auditActions(t *testing.T, db *sqldb.DB, subjectID string) []string {
	t.Helper()
	var out []string
	for _, e := range mustAudit(t, db) {
		if e.SubjectID == subjectID {
			out = append(out, e.Action)
		}
	}
	return out
}

// Taking over a verified conversation does not carry the right to reveal;
// a hand-over by the holder does.
func TestTakeOverDropsLevel(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		cs := sqldb.NewConversationService(db)
		other := &proofdesk.Agent{Email: "bob@desk.example", Name: "Bob", Role: proofdesk.RoleAgent, PasswordHash: "x"}
		if err := sqldb.NewAgentService(db).CreateAgent(context.Background(), other); err != nil {
			t.Fatal(err)
		}
		otherCtx := proofdesk.NewContextWithAgent(context.Background(), other)

		// Bob takes Ann's verified conversation: L0, nothing to reveal.
		f.verifyL1(t, f.conv)
		bob := other.ID
		if _, err := cs.UpdateConversation(otherCtx, f.conv.ID, proofdesk.ConversationUpdate{AssigneeID: &bob}); err != nil {
			t.Fatal(err)
		}
		if l := f.levelOf(t, f.conv.ID); l != proofdesk.L0 {
			t.Fatalf("after a take-over the level is %s, want L0", l)
		}
		if _, err := f.vs.Reveal(otherCtx, f.conv.ID, "emails", "customer asked", false); proofdesk.ErrorCode(err) != proofdesk.EVERIFICATION {
			t.Fatalf("reveal after take-over: %v, want verification_required", err)
		}
		if !contains(auditActions(t, db, f.conv.ID), proofdesk.AuditTakeOver) {
			t.Fatal("take-over not audited")
		}

		// A hand-over by the holder keeps the level.
		conv := f.newConversation(t)
		f.verifyL1(t, conv)
		if _, err := cs.UpdateConversation(f.agentCtx, conv.ID, proofdesk.ConversationUpdate{AssigneeID: &bob}); err != nil {
			t.Fatal(err)
		}
		if l := f.levelOf(t, conv.ID); l != proofdesk.L1 {
			t.Fatalf("after a hand-over the level is %s, want L1", l)
		}
		if _, err := f.vs.Reveal(otherCtx, conv.ID, "emails", "customer asked", false); err != nil {
			t.Fatalf("reveal after hand-over: %v", err)
		}

		// A supervisor's break-glass take-over keeps it, audited and told.
		conv = f.newConversation(t)
		f.verifyL1(t, conv)
		sue := f.supervisor.ID
		if _, err := cs.UpdateConversation(otherCtx, conv.ID, proofdesk.ConversationUpdate{AssigneeID: &sue, BreakGlassReason: "Ann is off"}); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("agent moving another's conversation with a break-glass: %v", err)
		}
		if _, err := cs.UpdateConversation(f.supCtx, conv.ID, proofdesk.ConversationUpdate{AssigneeID: &sue, BreakGlassReason: "Ann is off sick"}); err != nil {
			t.Fatal(err)
		}
		if l := f.levelOf(t, conv.ID); l != proofdesk.L1 {
			t.Fatalf("after a break-glass take-over the level is %s, want L1", l)
		}
		acts := auditActions(t, db, conv.ID)
		if !contains(acts, proofdesk.AuditBreakGlass) || !contains(acts, proofdesk.AuditTakeOver) || !contains(acts, proofdesk.AuditAssignRefused) {
			t.Fatalf("audit %v lacks break-glass, take-over or the refused assign", acts)
		}
		if n := outboxCount(t, db, "owner_notice", conv.ID); n == 0 {
			t.Fatal("owner not told of the break-glass take-over")
		}
	})
}

func outboxCount(t *testing.T, db *sqldb.DB, purpose, convID string) int {
	t.Helper()
	msgs, err := sqldb.NewOutboxService(db).FindOutbox(context.Background(), 500)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range msgs {
		if m.Purpose == purpose && (convID == "" || m.ConversationID == convID) {
			n++
		}
	}
	return n
}

// Only the customer's own activity keeps a level alive.
func TestOnlyCustomerKeepsLevelAlive(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		cs := sqldb.NewConversationService(db)
		f.verifyL1(t, f.conv)
		f.clk.Add(10 * time.Minute)
		for _, m := range []*proofdesk.Message{
			{ConversationID: f.conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.agent.ID, Body: "Still there?"},
			{ConversationID: f.conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.agent.ID, Body: "keep it warm", Internal: true},
		} {
			if err := cs.CreateMessage(f.agentCtx, m); err != nil {
				t.Fatal(err)
			}
		}
		f.clk.Add(6 * time.Minute)
		if l := f.level(t); l != proofdesk.L0 {
			t.Fatalf("agent messages kept the level alive: %s after 16 minutes, want L0", l)
		}

		conv := f.newConversation(t)
		f.verifyL1(t, conv)
		f.clk.Add(10 * time.Minute)
		if err := cs.CreateMessage(context.Background(), &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "yes I'm here"}); err != nil {
			t.Fatal(err)
		}
		f.clk.Add(6 * time.Minute)
		if l := f.levelOf(t, conv.ID); l != proofdesk.L1 {
			t.Fatalf("the customer's message did not keep the level: %s, want L1", l)
		}
	})
}

// A refusal is audited as what was refused, with the rule.
func TestRefusalsAuditedAsWhatTheyWere(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		if _, err := f.vs.AddContactPoint(f.agentCtx, f.conv.ID, "email", "new@example.net"); proofdesk.ErrorCode(err) != proofdesk.EVERIFICATION {
			t.Fatalf("add at L0: %v", err)
		}
		if err := f.vs.RemoveSupportLock(f.supCtx, f.conv.ID, "customer asked"); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("unlock when not locked: %v", err)
		}
		var change, unlock *proofdesk.AuditEntry
		for _, e := range mustAudit(t, db) {
			if e.SubjectID != f.conv.ID {
				continue
			}
			switch e.Action {
			case proofdesk.AuditChallengeRefused:
				t.Fatalf("a refused %s was audited as a refused challenge", e.Detail["action"])
			case proofdesk.AuditChangeRefused:
				change = e
			case proofdesk.AuditUnlockRefused:
				unlock = e
			}
		}
		if change == nil || change.Detail["action"] != proofdesk.DoAddContactPoint || change.Detail["rule"] != proofdesk.RuleLevel || change.Detail["required_level"] != "L2" {
			t.Fatalf("refused change audit = %+v", change)
		}
		if unlock == nil || unlock.Detail["rule"] != proofdesk.RuleNotLocked {
			t.Fatalf("refused unlock audit = %+v", unlock)
		}
	})
}
