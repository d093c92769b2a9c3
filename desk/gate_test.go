package desk_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func (f *fixture) levelOf(t *testing.T, id string) proofdesk.Level {
	t.Helper()
	c, err := sqldb.NewConversationService(f.DB).FindConversationByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c.EffectiveLevel(f.Clk.Now())
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
		cs := desk.New(db, desk.Config{})
		other := &proofdesk.Agent{Email: "bob@desk.example", Name: "Bob", Role: proofdesk.RoleAgent, PasswordHash: "x"}
		if err := sqldb.NewAgentService(db).CreateAgent(context.Background(), other); err != nil {
			t.Fatal(err)
		}
		otherCtx := proofdesk.NewContextWithAgent(context.Background(), other)

		// Bob takes Ann's verified conversation: L0, nothing to reveal.
		f.VerifyL1(t, f.Conv)
		bob := other.ID
		if _, err := cs.UpdateConversation(otherCtx, f.Conv.ID, proofdesk.ConversationUpdate{AssigneeID: &bob}); err != nil {
			t.Fatal(err)
		}
		if l := f.levelOf(t, f.Conv.ID); l != proofdesk.L0 {
			t.Fatalf("after a take-over the level is %s, want L0", l)
		}
		if _, err := desk.New(db, desk.Config{}).Reveal(otherCtx, f.Conv.ID, "emails", "customer asked", false); proofdesk.ErrorCode(err) != proofdesk.EVERIFICATION {
			t.Fatalf("reveal after take-over: %v, want verification_required", err)
		}
		if !contains(auditActions(t, db, f.Conv.ID), proofdesk.AuditTakeOver) {
			t.Fatal("take-over not audited")
		}

		// A hand-over by the holder keeps the level.
		conv := f.NewConversation(t)
		f.VerifyL1(t, conv)
		if _, err := cs.UpdateConversation(f.AgentCtx, conv.ID, proofdesk.ConversationUpdate{AssigneeID: &bob}); err != nil {
			t.Fatal(err)
		}
		if l := f.levelOf(t, conv.ID); l != proofdesk.L1 {
			t.Fatalf("after a hand-over the level is %s, want L1", l)
		}
		if _, err := desk.New(db, desk.Config{}).Reveal(otherCtx, conv.ID, "emails", "customer asked", false); err != nil {
			t.Fatalf("reveal after hand-over: %v", err)
		}

		// A supervisor's break-glass take-over keeps it, audited and told.
		conv = f.NewConversation(t)
		f.VerifyL1(t, conv)
		sue := f.Supervisor.ID
		if _, err := cs.UpdateConversation(otherCtx, conv.ID, proofdesk.ConversationUpdate{AssigneeID: &sue, BreakGlassReason: "Ann is off"}); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("agent moving another's conversation with a break-glass: %v", err)
		}
		if _, err := cs.UpdateConversation(f.SupCtx, conv.ID, proofdesk.ConversationUpdate{AssigneeID: &sue, BreakGlassReason: "Ann is off sick"}); err != nil {
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
		f.VerifyL1(t, f.Conv)
		f.Clk.Add(10 * time.Minute)
		for _, m := range []*proofdesk.Message{
			{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Body: "Still there?"},
			{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Body: "keep it warm", Internal: true},
		} {
			if err := cs.CreateMessage(f.AgentCtx, m); err != nil {
				t.Fatal(err)
			}
		}
		f.Clk.Add(6 * time.Minute)
		if l := f.level(t); l != proofdesk.L0 {
			t.Fatalf("agent messages kept the level alive: %s after 16 minutes, want L0", l)
		}

		conv := f.NewConversation(t)
		f.VerifyL1(t, conv)
		f.Clk.Add(10 * time.Minute)
		if err := cs.CreateMessage(context.Background(), &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "yes I'm here"}); err != nil {
			t.Fatal(err)
		}
		f.Clk.Add(6 * time.Minute)
		if l := f.levelOf(t, conv.ID); l != proofdesk.L1 {
			t.Fatalf("the customer's message did not keep the level: %s, want L1", l)
		}
	})
}

// A refusal is audited as what was refused, with the rule.
func TestRefusalsAuditedAsWhatTheyWere(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		if _, err := desk.New(db, desk.Config{}).AddContactPoint(f.AgentCtx, f.Conv.ID, "email", "new@example.net"); proofdesk.ErrorCode(err) != proofdesk.EVERIFICATION {
			t.Fatalf("add at L0: %v", err)
		}
		if err := desk.New(db, desk.Config{}).RemoveSupportLock(f.SupCtx, f.Conv.ID, "customer asked"); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("unlock when not locked: %v", err)
		}
		var change, unlock *proofdesk.AuditEntry
		for _, e := range mustAudit(t, db) {
			if e.SubjectID != f.Conv.ID {
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

// Protected customer data changes outside a conversation only from the
// integration token; never under a support lock; backdated only by the
// integration or import; the owner is told at the old contact points and
// what is added cools off.
func TestCustomerChangesPassTheGate(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		cs := desk.New(db, desk.Config{})
		ctx := context.Background()
		integration := proofdesk.NewContextWithAgent(ctx, &proofdesk.Agent{ID: "itk_sync", Role: proofdesk.RoleIntegration})
		long := f.Clk.Now().AddDate(-3, 0, 0)
		backdated := []proofdesk.ContactPointInput{{Value: "jane@example.com"}, {Value: "evil@attacker.example", AddedAt: &long}}
		fresh := []proofdesk.ContactPointInput{{Value: "jane@example.com"}, {Value: "fresh@example.net"}}
		card := &proofdesk.Payment{Brand: "visa", Last4: "1111"}
		ext := "evil-1"

		// Agents and supervisors, at L0, outside a conversation: refused.
		for _, actx := range []context.Context{f.AgentCtx, f.SupCtx} {
			for name, upd := range map[string]proofdesk.CustomerUpdate{
				"payment": {Payment: &card}, "external_id": {ExternalID: &ext}, "emails": {Emails: &fresh},
			} {
				if _, err := cs.UpdateCustomer(actx, f.Cust.ID, upd); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
					t.Fatalf("%s by %s: %v, want forbidden", name, proofdesk.AgentFromContext(actx).Role, err)
				}
			}
		}
		// A supervisor's backdated contact point on a locked customer.
		locked := true
		if _, err := cs.UpdateCustomer(ctx, f.Cust.ID, proofdesk.CustomerUpdate{SupportLocked: &locked}); err != nil {
			t.Fatal(err)
		}
		if _, err := cs.UpdateCustomer(f.SupCtx, f.Cust.ID, proofdesk.CustomerUpdate{Emails: &backdated}); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("backdated contact by a supervisor: %v, want forbidden", err)
		}
		// Not even the integration changes a locked customer.
		if _, err := cs.UpdateCustomer(integration, f.Cust.ID, proofdesk.CustomerUpdate{Emails: &fresh}); proofdesk.ErrorCode(err) != proofdesk.ELOCKED {
			t.Fatalf("integration under a lock: %v, want support_locked", err)
		}
		if _, err := cs.UpdateCustomer(integration, f.Cust.ID, proofdesk.CustomerUpdate{SupportLocked: new(bool)}); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("integration lifting the lock: %v, want forbidden", err)
		}
		got, err := sqldb.NewCustomerService(db).FindCustomerByID(ctx, f.Cust.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.ContactPoints) != 3 || got.Payment.Last4 != "4242" || got.ExternalID != "u-1" || !got.SupportLocked {
			t.Fatalf("refused changes changed the customer: %+v", got)
		}
		refusals := 0
		for _, e := range mustAudit(t, db) {
			if e.Action == proofdesk.AuditChangeRefused && e.SubjectID == f.Cust.ID {
				refusals++
			}
		}
		if refusals != 8 {
			t.Fatalf("%d refused changes audited, want 8", refusals)
		}

		// Unlocked (in a verified conversation), the integration syncs: the
		// owner is told at the old contact points, the new email cools off.
		conv := f.NewConversation(t)
		f.VerifyL2(t, conv)
		if err := desk.New(db, desk.Config{}).RemoveSupportLock(f.SupCtx, conv.ID, "verified by email and phone"); err != nil {
			t.Fatal(err)
		}
		before := outboxCount(t, db, "contact_change", "")
		if _, err := cs.UpdateCustomer(integration, f.Cust.ID, proofdesk.CustomerUpdate{Emails: &fresh, Payment: &card}); err != nil {
			t.Fatal(err)
		}
		msgs, err := sqldb.NewOutboxService(db).FindOutbox(ctx, 500)
		if err != nil {
			t.Fatal(err)
		}
		to := map[string]bool{}
		for _, m := range msgs {
			if m.Purpose == "contact_change" {
				to[m.To] = true
			}
		}
		// new@attacker.example is an old contact point still in its
		// cooling-off (added with the customer, no added_at): the notice
		// goes to the established ones only (desk/notice.go).
		if outboxCount(t, db, "contact_change", "") <= before || !to["jane@example.com"] || to["new@attacker.example"] || !to["+14155550123"] || to["fresh@example.net"] {
			t.Fatalf("change notices to %v, want the established old contact points only", to)
		}
		got, _ = sqldb.NewCustomerService(db).FindCustomerByID(ctx, f.Cust.ID)
		var added *proofdesk.ContactPoint
		for _, cp := range got.ContactPoints {
			if cp.Value == "fresh@example.net" {
				added = cp
			}
		}
		if added == nil {
			t.Fatal("the synced email is not on file")
		}
		if _, err := f.VS.IssueChallenge(f.AgentCtx, f.NewConversation(t).ID, added.ID); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("request to a synced email inside the cooling-off: %v, want forbidden", err)
		}
		// The integration may date what it syncs.
		if _, err := cs.UpdateCustomer(integration, f.Cust.ID, proofdesk.CustomerUpdate{Emails: &backdated}); err != nil {
			t.Fatalf("backdated sync: %v", err)
		}
	})
}

// The request's message says how long it lasts, from the configuration.
func TestChallengeMessageSaysItsTTL(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		vs, err := desk.NewVerification(context.Background(), db, desk.VerificationConfig{BaseURL: "https://desk.example", ChallengeTTL: 30 * time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		info, err := vs.IssueChallenge(f.AgentCtx, f.Conv.ID, f.EmailID)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.ExpiresAt.Sub(info.CreatedAt); got != 30*time.Minute {
			t.Fatalf("request lasts %s, want 30m", got)
		}
		msgs, err := sqldb.NewOutboxService(db).FindOutbox(context.Background(), 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if m.Purpose == "verification" {
				if !strings.Contains(m.Body, "expires in 30 minutes") || strings.Contains(m.Body, "10 minutes") {
					t.Fatalf("message does not say the configured 30 minutes:\n%s", m.Body)
				}
				return
			}
		}
		t.Fatal("no verification message")
	})
}

// The store decides nothing, so it does not take the gated changes
// itself: an assignment, a link, a customer change, or an agent's create
// or import through the store's own services is refused and changes
// nothing; package desk makes them.
func TestStoreRefusesGatedChanges(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		cs := sqldb.NewConversationService(db)
		sup := f.Supervisor.ID
		empty := ""
		for name, upd := range map[string]proofdesk.ConversationUpdate{
			"assign": {AssigneeID: &sup, BreakGlassReason: "Ann is off sick"},
			"unlink": {CustomerID: &empty},
		} {
			if _, err := cs.UpdateConversation(f.SupCtx, f.Conv.ID, upd); proofdesk.ErrorCode(err) != proofdesk.EINTERNAL {
				t.Fatalf("%s through the store: %v, want internal", name, err)
			}
		}
		after, err := cs.FindConversationByID(context.Background(), f.Conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if after.AssigneeID != f.Conv.AssigneeID || after.CustomerID != f.Conv.CustomerID {
			t.Fatalf("the store changed the conversation: assignee %q customer %q", after.AssigneeID, after.CustomerID)
		}
		// Status, team and tags are no gate's: the store still applies them.
		pending := proofdesk.StatusPending
		if _, err := cs.UpdateConversation(f.AgentCtx, f.Conv.ID, proofdesk.ConversationUpdate{Status: &pending}); err != nil {
			t.Fatal(err)
		}

		custs := sqldb.NewCustomerService(db)
		integration := proofdesk.NewContextWithAgent(context.Background(), &proofdesk.Agent{ID: "itk_1", Role: proofdesk.RoleIntegration})
		name := "Someone Else"
		if _, err := custs.UpdateCustomer(integration, f.Cust.ID, proofdesk.CustomerUpdate{Name: &name}); proofdesk.ErrorCode(err) != proofdesk.EINTERNAL {
			t.Fatalf("customer change through the store: %v, want internal", err)
		}
		if c, err := custs.FindCustomerByID(context.Background(), f.Cust.ID); err != nil || c.Name == name {
			t.Fatalf("the store changed the customer: %v", err)
		}
		old := time.Now().Add(-48 * time.Hour)
		backdated := &proofdesk.Customer{Name: "Mallory", ContactPoints: []*proofdesk.ContactPoint{{Kind: proofdesk.ContactEmail, Value: "m@example.com", AddedAt: old}}}
		if err := custs.CreateCustomer(f.AgentCtx, backdated); proofdesk.ErrorCode(err) != proofdesk.EINTERNAL {
			t.Fatalf("an agent's create through the store: %v, want internal", err)
		}
		if err := custs.ImportCustomers(f.AgentCtx, []*proofdesk.Customer{backdated}); proofdesk.ErrorCode(err) != proofdesk.EINTERNAL {
			t.Fatalf("an agent's import through the store: %v, want internal", err)
		}
		// Through desk the same create meets the gate: backdated, refused.
		if err := desk.New(db, desk.Config{}).CreateCustomer(f.AgentCtx, backdated); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("an agent's backdated create through desk: %v, want forbidden", err)
		}
		if _, n, err := custs.FindCustomers(context.Background(), proofdesk.CustomerFilter{}); err != nil || n != 1 {
			t.Fatalf("customers after the refused creates: %d, %v; want 1", n, err)
		}
	})
}
