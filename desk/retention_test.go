package desk_test

import (
	"context"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// retentionEnv is the fixture plus an admin and helpers to make resolved
// conversations.
type retentionEnv struct {
	*fixture
	cs       *sqldb.ConversationService
	adminCtx context.Context
}

func newRetentionEnv(t *testing.T, db *sqldb.DB) *retentionEnv {
	t.Helper()
	f := newFixture(t, db)
	admin := &proofdesk.Agent{Email: "ada@desk.example", Name: "Ada Admin", Role: proofdesk.RoleAdmin, PasswordHash: "x"}
	if err := sqldb.NewAgentService(db).CreateAgent(context.Background(), admin); err != nil {
		t.Fatal(err)
	}
	return &retentionEnv{fixture: f, cs: sqldb.NewConversationService(db), adminCtx: proofdesk.NewContextWithAgent(context.Background(), admin)}
}

// conversation makes a conversation of channel with the subject, a
// customer message holding body and a file, an agent reply; resolved
// when resolve is true.
func (e *retentionEnv) conversation(t *testing.T, channel, subject, body string, resolve bool) *proofdesk.Conversation {
	t.Helper()
	ctx := context.Background()
	conv := &proofdesk.Conversation{Channel: channel, CustomerID: e.Cust.ID, AssigneeID: e.Agent.ID, Subject: subject,
		Requester: proofdesk.Requester{Name: "Jane Doe"}}
	if err := e.cs.CreateConversation(e.AgentCtx, conv, nil); err != nil {
		t.Fatal(err)
	}
	if err := e.cs.CreateMessage(ctx, &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: body,
		Attachments: []*proofdesk.Attachment{{Filename: "receipt.txt", ContentType: "text/plain", Data: []byte("receipt 42")}}}); err != nil {
		t.Fatal(err)
	}
	if err := e.cs.CreateMessage(e.AgentCtx, &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: e.Agent.ID,
		Body: "Thanks, we are on it."}); err != nil {
		t.Fatal(err)
	}
	if resolve {
		st := proofdesk.StatusResolved
		if _, err := e.cs.UpdateConversation(e.AgentCtx, conv.ID, proofdesk.ConversationUpdate{Status: &st}); err != nil {
			t.Fatal(err)
		}
	}
	return conv
}

func (e *retentionEnv) removed(t *testing.T, convID string) (removed, kept int) {
	t.Helper()
	msgs, err := e.cs.FindMessages(context.Background(), convID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.RemovedAt != nil {
			removed++
		} else {
			kept++
		}
	}
	return removed, kept
}

func (e *retentionEnv) auditCount(t *testing.T, action string) []*proofdesk.AuditEntry {
	t.Helper()
	entries, err := sqldb.NewAuditService(e.DB).FindAuditEntries(context.Background(), proofdesk.AuditFilter{Action: &action, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

func TestRetentionConfig(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newRetentionEnv(t, db)
		good := &proofdesk.RetentionConfig{BodyDays: map[string]int{"chat": 30, "email": 0}, CustomerMonths: 24}
		if err := e.Desk.SetRetentionConfig(e.SupCtx, good); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("a supervisor sets retention: %v, want EFORBIDDEN", err)
		}
		if _, err := e.Desk.RunRetention(e.AgentCtx); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("an agent runs retention: %v, want EFORBIDDEN", err)
		}
		for _, bad := range []*proofdesk.RetentionConfig{
			{BodyDays: map[string]int{"fax": 3}},
			{BodyDays: map[string]int{"chat": -1}},
			{BodyDays: map[string]int{"chat": proofdesk.MaxRetentionDays + 1}},
			{CustomerMonths: -2},
		} {
			if err := e.Desk.SetRetentionConfig(e.adminCtx, bad); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
				t.Fatalf("SetRetentionConfig(%+v) = %v, want EINVALID", bad, err)
			}
		}
		if err := e.Desk.SetRetentionConfig(e.adminCtx, good); err != nil {
			t.Fatal(err)
		}
		got, err := e.Desk.RetentionConfig(e.adminCtx)
		if err != nil {
			t.Fatal(err)
		}
		if got.Summary() != "chat=30d customers=24m" || len(got.BodyDays) != 1 {
			t.Fatalf("stored %+v (%s), want chat=30d customers=24m", got, got.Summary())
		}
		// Saving the same rules again records nothing.
		if err := e.Desk.SetRetentionConfig(e.adminCtx, good); err != nil {
			t.Fatal(err)
		}
		changes := e.auditCount(t, proofdesk.AuditRetentionChange)
		if len(changes) != 1 || changes[0].Detail["before"] != "keep everything" || changes[0].Detail["after"] != "chat=30d customers=24m" {
			t.Fatalf("audit of changes: %+v", changes)
		}
	})
}

func TestRetentionRun_Bodies(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newRetentionEnv(t, db)
		ctx := context.Background()
		expired := e.conversation(t, proofdesk.ChannelChat, "Umbrella order", "My zebrafish umbrella never came", true)
		email := e.conversation(t, proofdesk.ChannelEmail, "Invoice", "The zebrafish invoice is wrong", true)
		open := e.conversation(t, proofdesk.ChannelChat, "Still open", "Where is my zebrafish parcel", false)
		e.Clk.Add(20 * 24 * time.Hour)
		recent := e.conversation(t, proofdesk.ChannelChat, "Recent", "A zebrafish question", true)
		e.Clk.Add(11 * 24 * time.Hour) // expired: resolved 31 days ago; recent: 11
		if err := e.Desk.SetRetentionConfig(e.adminCtx, &proofdesk.RetentionConfig{BodyDays: map[string]int{"chat": 30}}); err != nil {
			t.Fatal(err)
		}
		if ids, err := db.SearchConversationIDs(ctx, "zebrafish", 10); err != nil || len(ids) != 4 {
			t.Fatalf("search before = %v %v, want 4", ids, err)
		}
		run, err := e.Desk.RunRetention(e.adminCtx)
		if err != nil {
			t.Fatal(err)
		}
		if run.Trigger != proofdesk.RetentionManual || run.Conversations != 1 || run.BodiesRemoved != 2 || run.AttachmentsRemoved != 1 || run.CustomersErased != 0 {
			t.Fatalf("run = %+v, want 1 conversation, 2 bodies, 1 attachment", run)
		}
		if r, k := e.removed(t, expired.ID); r != 2 || k != 0 {
			t.Fatalf("expired conversation: %d removed, %d kept; want 2, 0", r, k)
		}
		for _, c := range []*proofdesk.Conversation{email, open, recent} {
			if r, k := e.removed(t, c.ID); r != 0 || k != 2 {
				t.Fatalf("conversation %s (%s): %d removed, %d kept; want all kept", c.ID, c.Subject, r, k)
			}
		}
		// The conversation stays with its metadata; the view says what went.
		conv, err := e.cs.FindConversationByID(ctx, expired.ID)
		if err != nil || conv.Subject != "Umbrella order" || conv.Status != proofdesk.StatusResolved {
			t.Fatalf("conversation after = %+v, %v", conv, err)
		}
		msgs, _ := e.cs.FindMessages(ctx, expired.ID)
		for _, v := range proofdesk.NewMessageViews(msgs, proofdesk.ViewContext{}) {
			if v.Body != proofdesk.RetentionRemovedText(e.Clk.Now()) || v.RemovedAt == nil || len(v.Attachments) != 0 {
				t.Fatalf("view of a removed message = %+v", v)
			}
		}
		if files, err := e.cs.FindAttachments(ctx, expired.ID); err != nil || len(files) != 0 {
			t.Fatalf("attachments after = %v %v, want none", files, err)
		}
		// The removed words leave the search index; the subject's stay.
		if ids, _ := db.SearchConversationIDs(ctx, "zebrafish", 10); len(ids) != 3 || contains(ids, expired.ID) {
			t.Fatalf("search after = %v, want the 3 others", ids)
		}
		if ids, _ := db.SearchConversationIDs(ctx, "umbrella", 10); len(ids) != 1 || ids[0] != expired.ID {
			t.Fatalf("search of the subject after = %v, want %s", ids, expired.ID)
		}
		// Audited: the run with its counts, the conversation it emptied.
		runs := e.auditCount(t, proofdesk.AuditRetentionRun)
		if len(runs) != 1 || runs[0].Detail["bodies_removed"] != "2" || runs[0].Detail["attachments_removed"] != "1" || runs[0].ActorKind != proofdesk.ActorAgent {
			t.Fatalf("run audit = %+v", runs)
		}
		if rm := e.auditCount(t, proofdesk.AuditRetentionRemoved); len(rm) != 1 || rm[0].SubjectID != expired.ID {
			t.Fatalf("removal audit = %+v", rm)
		}
		// A second run finds nothing more.
		if run, err := e.Desk.RunRetention(e.adminCtx); err != nil || run.BodiesRemoved != 0 || run.Conversations != 0 {
			t.Fatalf("second run = %+v %v", run, err)
		}
		if seq, why, err := sqldb.NewAuditService(db).VerifyAudit(ctx); seq != 0 || err != nil {
			t.Fatalf("audit verify after runs: %d %q %v", seq, why, err)
		}
	})
}

func TestRetentionRun_Schedule(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newRetentionEnv(t, db)
		ctx := context.Background()
		// Nothing set: the scheduled run does nothing and records nothing.
		if run, err := e.Desk.CheckRetention(ctx); run != nil || err != nil {
			t.Fatalf("scheduled run without rules = %+v %v", run, err)
		}
		c := e.conversation(t, proofdesk.ChannelChat, "Old", "Old words", true)
		e.Clk.Add(8 * 24 * time.Hour)
		if err := e.Desk.SetRetentionConfig(e.adminCtx, &proofdesk.RetentionConfig{BodyDays: map[string]int{"chat": 7}}); err != nil {
			t.Fatal(err)
		}
		// Another run holds the lease: neither the schedule nor an admin runs.
		claim, err := db.ClaimRetentionRun(ctx, false, time.Hour, time.Minute)
		if err != nil || claim == "" {
			t.Fatalf("claim = %q %v", claim, err)
		}
		if run, err := e.Desk.CheckRetention(ctx); run != nil || err != nil {
			t.Fatalf("scheduled run under another's lease = %+v %v", run, err)
		}
		if _, err := e.Desk.RunRetention(e.adminCtx); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("manual run under another's lease: %v, want ECONFLICT", err)
		}
		if err := db.ReleaseRetentionRun(ctx, claim); err != nil {
			t.Fatal(err)
		}
		run, err := e.Desk.CheckRetention(ctx)
		if err != nil || run == nil || run.Trigger != proofdesk.RetentionScheduled || run.BodiesRemoved != 2 {
			t.Fatalf("scheduled run = %+v %v, want 2 bodies", run, err)
		}
		if r, _ := e.removed(t, c.ID); r != 2 {
			t.Fatalf("removed %d, want 2", r)
		}
		runs := e.auditCount(t, proofdesk.AuditRetentionRun)
		if len(runs) != 1 || runs[0].ActorKind != proofdesk.ActorSystem || runs[0].Detail["trigger"] != proofdesk.RetentionScheduled {
			t.Fatalf("scheduled run audit = %+v", runs)
		}
		// Not due again before the hour.
		e.Clk.Add(59 * time.Minute)
		if run, err := e.Desk.CheckRetention(ctx); run != nil || err != nil {
			t.Fatalf("run within the hour = %+v %v", run, err)
		}
		// Due after it; a run with nothing to do is not audited.
		e.Clk.Add(2 * time.Minute)
		if run, err := e.Desk.CheckRetention(ctx); run == nil || err != nil || run.BodiesRemoved != 0 {
			t.Fatalf("run after the hour = %+v %v", run, err)
		}
		if n := len(e.auditCount(t, proofdesk.AuditRetentionRun)); n != 1 {
			t.Fatalf("%d run entries, want 1", n)
		}
	})
}

func TestRetentionRun_LegalHold(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newRetentionEnv(t, db)
		ctx := context.Background()
		held := e.conversation(t, proofdesk.ChannelChat, "Held", "Evidence", true)
		free := e.conversation(t, proofdesk.ChannelChat, "Free", "Nothing special", true)
		e.Clk.Add(10 * 24 * time.Hour)
		if err := e.Desk.SetRetentionConfig(e.adminCtx, &proofdesk.RetentionConfig{BodyDays: map[string]int{"chat": 7}}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Desk.SetLegalHold(e.SupCtx, proofdesk.HoldConversation, held.ID, "Case 2026-114"); err != nil {
			t.Fatal(err)
		}
		run, err := e.Desk.RunRetention(e.adminCtx)
		if err != nil || run.Conversations != 1 || run.SkippedLegalHold != 1 {
			t.Fatalf("run with a held conversation = %+v %v, want 1 emptied, 1 skipped", run, err)
		}
		if r, _ := e.removed(t, held.ID); r != 0 {
			t.Fatalf("the held conversation lost %d bodies", r)
		}
		if r, _ := e.removed(t, free.ID); r != 2 {
			t.Fatalf("the free conversation: %d removed, want 2", r)
		}
		// A hold on the customer covers every one of their conversations.
		later := e.conversation(t, proofdesk.ChannelChat, "Later", "More words", true)
		e.Clk.Add(10 * 24 * time.Hour)
		if _, err := e.Desk.SetLegalHold(e.SupCtx, proofdesk.HoldCustomer, e.Cust.ID, "Case 2026-115"); err != nil {
			t.Fatal(err)
		}
		if err := e.Desk.ClearLegalHold(e.SupCtx, proofdesk.HoldConversation, held.ID, "Case 2026-114 closed"); err != nil {
			t.Fatal(err)
		}
		if run, err := e.Desk.RunRetention(e.adminCtx); err != nil || run.Conversations != 0 || run.SkippedLegalHold != 2 {
			t.Fatalf("run under the customer's hold = %+v %v, want 0 emptied, 2 skipped", run, err)
		}
		if err := e.Desk.ClearLegalHold(e.SupCtx, proofdesk.HoldCustomer, e.Cust.ID, "Case 2026-115 closed"); err != nil {
			t.Fatal(err)
		}
		e.Clk.Add(proofdesk.TwoPersonWindow) // the two-person window (TestRetentionRun_ClearedHold)
		if run, err := e.Desk.RunRetention(e.adminCtx); err != nil || run.Conversations != 2 || run.SkippedLegalHold != 0 {
			t.Fatalf("run after the holds = %+v %v, want 2 emptied", run, err)
		}
		for _, c := range []*proofdesk.Conversation{held, later} {
			if r, k := e.removed(t, c.ID); r != 2 || k != 0 {
				t.Fatalf("%s after the holds: %d removed, %d kept", c.Subject, r, k)
			}
		}
		runs := e.auditCount(t, proofdesk.AuditRetentionRun)
		if len(runs) != 3 || runs[1].Detail["skipped_legal_hold"] != "2" {
			t.Fatalf("run audits = %+v", runs)
		}
		if seq, why, err := sqldb.NewAuditService(db).VerifyAudit(ctx); seq != 0 || err != nil {
			t.Fatalf("audit verify: %d %q %v", seq, why, err)
		}
	})
}

func TestRetentionRun_DormantCustomers(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newRetentionEnv(t, db)
		ctx := context.Background()
		newCustomer := func(name, email string) *proofdesk.Customer {
			t.Helper()
			c := &proofdesk.Customer{Name: name, ContactPoints: []*proofdesk.ContactPoint{{Kind: proofdesk.ContactEmail, Value: email}}}
			if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, c); err != nil {
				t.Fatal(err)
			}
			return c
		}
		quiet := newCustomer("Quiet Person", "quiet@example.com")
		held := newCustomer("Held Person", "held@example.com")
		locked := newCustomer("Locked Person", "locked@example.com")
		if err := db.WithTx(ctx, func(tx *sqldb.Tx) error { return tx.SetSupportLocked(ctx, locked.ID, true) }); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Desk.SetLegalHold(e.SupCtx, proofdesk.HoldCustomer, held.ID, "Case 2026-200"); err != nil {
			t.Fatal(err)
		}
		if err := e.Desk.SetRetentionConfig(e.adminCtx, &proofdesk.RetentionConfig{CustomerMonths: 24}); err != nil {
			t.Fatal(err)
		}
		// 23 months on: nobody is dormant yet.
		e.Clk.Add(23 * 30 * 24 * time.Hour)
		if run, err := e.Desk.RunRetention(e.adminCtx); err != nil || run.CustomersErased != 0 {
			t.Fatalf("run at 23 months = %+v %v", run, err)
		}
		// 25 months on, the fixture's customer writes again: only the quiet one goes.
		e.Clk.Add(2 * 30 * 24 * time.Hour)
		if err := e.cs.CreateMessage(ctx, &proofdesk.Message{ConversationID: e.Conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "Hello again"}); err != nil {
			t.Fatal(err)
		}
		run, err := e.Desk.RunRetention(e.adminCtx)
		if err != nil || run.CustomersErased != 1 || run.SkippedLegalHold != 1 || run.SkippedLocked != 1 {
			t.Fatalf("run at 25 months = %+v %v, want 1 erased, 1 held, 1 locked", run, err)
		}
		cs := sqldb.NewCustomerService(db)
		for _, c := range []struct {
			c      *proofdesk.Customer
			erased bool
		}{{quiet, true}, {held, false}, {locked, false}, {e.Cust, false}} {
			got, err := cs.FindCustomerByID(ctx, c.c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if (got.ErasedAt != nil) != c.erased {
				t.Fatalf("%s: erased_at %v, want erased %v", c.c.Name, got.ErasedAt, c.erased)
			}
		}
		// The erasure is Proofdesk's, on the rule as legal basis.
		erased := e.auditCount(t, proofdesk.AuditCustomerErased)
		if len(erased) != 1 || erased[0].SubjectID != quiet.ID || erased[0].ActorKind != proofdesk.ActorSystem ||
			erased[0].Detail["legal_basis"] != proofdesk.RetentionLegalBasis || erased[0].Detail["rule"] != proofdesk.RuleEraseRetention {
			t.Fatalf("erasure audit = %+v", erased)
		}
		// Erased once: the next run finds no one new.
		if run, err := e.Desk.RunRetention(e.adminCtx); err != nil || run.CustomersErased != 0 || run.SkippedLegalHold != 1 {
			t.Fatalf("second run = %+v %v", run, err)
		}
		// The hold cleared, retention waits out the two-person window:
		// it does not erase for the one who cleared it.
		if err := e.Desk.ClearLegalHold(e.SupCtx, proofdesk.HoldCustomer, held.ID, "Case 2026-200 closed"); err != nil {
			t.Fatal(err)
		}
		if run, err := e.Desk.RunRetention(e.adminCtx); err != nil || run.CustomersErased != 0 || run.SkippedLegalHold != 1 {
			t.Fatalf("run the night the hold was cleared = %+v %v, want none erased, 1 held", run, err)
		}
		e.Clk.Add(proofdesk.TwoPersonWindow + time.Minute)
		if run, err := e.Desk.RunRetention(e.adminCtx); err != nil || run.CustomersErased != 1 || run.SkippedLegalHold != 0 {
			t.Fatalf("run after the window = %+v %v, want the held one erased", run, err)
		}
		if seq, why, err := sqldb.NewAuditService(db).VerifyAudit(ctx); seq != 0 || err != nil {
			t.Fatalf("audit verify: %d %q %v", seq, why, err)
		}
	})
}

// TestRetentionRun_ClearedHold: retention does not remove the bodies of a
// conversation whose legal hold (its own or its customer's) was cleared
// within proofdesk.TwoPersonWindow: the same night's run would destroy
// the evidence for the one who cleared the hold, as an erasure would.
// Skipped and counted as held until the window is over, then removed.
func TestRetentionRun_ClearedHold(t *testing.T) {
	for _, kind := range []string{proofdesk.HoldConversation, proofdesk.HoldCustomer} {
		t.Run(kind, func(t *testing.T) {
			sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
				e := newRetentionEnv(t, db)
				held := e.conversation(t, proofdesk.ChannelChat, "Held", "Evidence", true)
				e.Clk.Add(10 * 24 * time.Hour)
				if err := e.Desk.SetRetentionConfig(e.adminCtx, &proofdesk.RetentionConfig{BodyDays: map[string]int{"chat": 7}}); err != nil {
					t.Fatal(err)
				}
				id := held.ID
				if kind == proofdesk.HoldCustomer {
					id = e.Cust.ID
				}
				if _, err := e.Desk.SetLegalHold(e.SupCtx, kind, id, "Case 2026-114"); err != nil {
					t.Fatal(err)
				}
				if err := e.Desk.ClearLegalHold(e.SupCtx, kind, id, "Case 2026-114 closed"); err != nil {
					t.Fatal(err)
				}
				e.Clk.Add(proofdesk.TwoPersonWindow - time.Minute)
				if run, err := e.Desk.RunRetention(e.adminCtx); err != nil || run.Conversations != 0 || run.SkippedLegalHold != 1 {
					t.Fatalf("run within the window = %+v %v, want 0 emptied, 1 skipped", run, err)
				}
				if r, _ := e.removed(t, held.ID); r != 0 {
					t.Fatalf("within the window the conversation lost %d bodies", r)
				}
				e.Clk.Add(2 * time.Minute)
				if run, err := e.Desk.RunRetention(e.adminCtx); err != nil || run.Conversations != 1 || run.SkippedLegalHold != 0 {
					t.Fatalf("run after the window = %+v %v, want 1 emptied", run, err)
				}
				if r, _ := e.removed(t, held.ID); r != 2 {
					t.Fatalf("after the window: %d removed, want 2", r)
				}
			})
		})
	}
}
