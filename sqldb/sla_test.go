package sqldb_test

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

// With the store's clock faked: a conversation opened Friday 16:00 UTC
// under a 2-hour first-response target and Mon–Fri 09:00–17:00 hours is
// due Monday 10:00; a pending spell pauses it; the watch records the
// breach once, audits it and alerts the supervisors.
func TestSLA_StoredClockAndBreachWatch(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		admin := &proofdesk.Agent{Email: "root@desk.example", Name: "Ada Admin", Role: proofdesk.RoleAdmin, PasswordHash: "x"}
		if err := sqldb.NewAgentService(db).CreateAgent(ctx, admin); err != nil {
			t.Fatal(err)
		}
		d := desk.New(db, desk.Config{})
		cfg := &proofdesk.SLAConfig{
			Targets: map[string]proofdesk.SLATargets{"normal": {FirstResponse: 2 * time.Hour, Resolution: 16 * time.Hour}},
			Hours:   map[string]proofdesk.SLAHoursInput{"": {Schedule: "mon-fri 09:00-17:00", TimeZone: "UTC", Holidays: []string{"2026-03-09"}}},
		}
		if err := d.SetSLAConfig(f.AgentCtx, cfg); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("an agent sets the SLA: %v", err)
		}
		bad := &proofdesk.SLAConfig{Targets: map[string]proofdesk.SLATargets{"critical": {FirstResponse: time.Hour}}}
		if err := d.SetSLAConfig(proofdesk.NewContextWithAgent(ctx, admin), bad); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("an unknown priority: %v", err)
		}
		if err := d.SetSLAConfig(proofdesk.NewContextWithAgent(ctx, admin), cfg); err != nil {
			t.Fatal(err)
		}

		fri := time.Date(2026, 3, 6, 16, 0, 0, 0, time.UTC) // a Friday
		f.Clk.Set(fri)
		conv := f.NewConversation(t)
		f.say(t, conv, "Hello?")
		_, st, err := d.ConversationSLA(f.AgentCtx, conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Friday 16:00–17:00, then Monday 9 March is a holiday: Tuesday 10:00.
		if st.FirstResponse == nil || st.FirstResponse.Due == nil || !near(st.FirstResponse.Due.Sub(time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)), 0) {
			t.Fatalf("due %+v, want Tuesday 10:00 (Monday is a holiday)", st.FirstResponse)
		}
		// Pending from Friday 16:30 to Tuesday 09:00: only 30 minutes count.
		f.Clk.Set(fri.Add(30 * time.Minute))
		pending, open := proofdesk.StatusPending, proofdesk.StatusOpen
		cs := sqldb.NewConversationService(db)
		if _, err := cs.UpdateConversation(f.AgentCtx, conv.ID, proofdesk.ConversationUpdate{Status: &pending}); err != nil {
			t.Fatal(err)
		}
		f.Clk.Set(time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))
		if _, err := cs.UpdateConversation(f.AgentCtx, conv.ID, proofdesk.ConversationUpdate{Status: &open}); err != nil {
			t.Fatal(err)
		}
		f.Clk.Set(time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC))
		_, st, _ = d.ConversationSLA(f.AgentCtx, conv.ID)
		if !near(st.FirstResponse.Elapsed, 90*time.Minute) || st.FirstResponse.Breached {
			t.Fatalf("Tuesday 10:00: %+v, want 1h30 counted, not breached", st.FirstResponse)
		}
		if n, err := d.CheckSLA(ctx); err != nil || n != 0 {
			t.Fatalf("watch before the breach: %d, %v", n, err)
		}
		// Tuesday 10:45: 2h15 counted, breached; the watch tells once.
		f.Clk.Set(time.Date(2026, 3, 10, 10, 45, 0, 0, time.UTC))
		for i, want := range []int{1, 0} {
			if n, err := d.CheckSLA(ctx); err != nil || n != want {
				t.Fatalf("watch run %d: %d breaches, %v; want %d", i, n, err, want)
			}
		}
		msgs, _ := sqldb.NewOutboxService(db).FindOutbox(ctx, 100)
		alerts := 0
		for _, m := range msgs {
			if m.Purpose == "alert" && strings.Contains(m.Body, "first_response") && strings.Contains(m.Body, conv.ID) {
				alerts++
			}
		}
		if alerts == 0 {
			t.Fatal("no supervisor alert for the breach")
		}
		breaches, _ := sqldb.NewAuditService(db).FindAuditEntries(ctx, proofdesk.AuditFilter{Action: ptr("sla.breached")})
		if len(breaches) != 1 || breaches[0].SubjectID != conv.ID {
			t.Fatalf("audited breaches: %d", len(breaches))
		}
		rep, err := d.Report(f.SupCtx, fri.Add(-time.Hour), fri.Add(24*time.Hour))
		if err != nil || rep.SLABreached != 1 || rep.SLAAttainment != 0 || len(rep.Teams) != 1 || rep.Teams[0].SLABreached != 1 {
			t.Fatalf("report: breached %d, attainment %v, teams %+v, %v", rep.SLABreached, rep.SLAAttainment, rep.Teams, err)
		}
		counts, err := db.Counts(ctx)
		if err != nil || counts.SLABreaches["first_response"] != 1 || counts.Security["alert"] == 0 {
			t.Fatalf("counts for the metrics: %+v, %v", counts, err)
		}
		// The reply stops the clock, late: met is false, breached stays.
		if err := f.reply(f.AgentCtx, conv, "Sorry for the wait."); err != nil {
			t.Fatal(err)
		}
		_, st, _ = d.ConversationSLA(f.AgentCtx, conv.ID)
		if st.FirstResponse.Met || !st.FirstResponse.Breached || st.FirstResponse.Due != nil {
			t.Fatalf("after a late reply: %+v", st.FirstResponse)
		}
	})
}
