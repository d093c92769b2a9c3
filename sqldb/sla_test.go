package sqldb_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/inmem"
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

// The clocks follow each conversation's priority and its team's hours: an
// urgent conversation in a team with office hours is due within them, an
// urgent one without a team on the default (24/7), a normal one on the
// normal target until its priority is raised; hours keyed by a team ID
// that does not exist are refused.
func TestSLA_PriorityAndTeam(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		admin := &proofdesk.Agent{Email: "root@desk.example", Name: "Ada Admin", Role: proofdesk.RoleAdmin, PasswordHash: "x"}
		if err := sqldb.NewAgentService(db).CreateAgent(ctx, admin); err != nil {
			t.Fatal(err)
		}
		adminCtx := proofdesk.NewContextWithAgent(ctx, admin)
		d := desk.New(db, desk.Config{})
		billing := &proofdesk.Team{Name: "Billing"}
		if err := d.CreateTeam(adminCtx, billing); err != nil {
			t.Fatal(err)
		}
		byName := &proofdesk.SLAConfig{Hours: map[string]proofdesk.SLAHoursInput{"Billing": {Schedule: "mon-fri 09:00-17:00", TimeZone: "UTC"}}}
		var perr *proofdesk.Error
		if err := d.SetSLAConfig(adminCtx, byName); !errorsAs(err, &perr) || perr.Code != proofdesk.EINVALID || perr.Field != "hours" {
			t.Fatalf("hours keyed by a team's name: %v, want invalid hours", err)
		}
		cfg := &proofdesk.SLAConfig{
			Targets: map[string]proofdesk.SLATargets{
				proofdesk.PriorityNormal: {FirstResponse: 8 * time.Hour},
				proofdesk.PriorityUrgent: {FirstResponse: time.Hour},
			},
			Hours: map[string]proofdesk.SLAHoursInput{billing.ID: {Schedule: "mon-fri 09:00-17:00", TimeZone: "UTC"}},
		}
		if err := d.SetSLAConfig(adminCtx, cfg); err != nil {
			t.Fatal(err)
		}

		fri := time.Date(2026, 3, 6, 16, 30, 0, 0, time.UTC) // a Friday
		f.Clk.Set(fri)
		cs := sqldb.NewConversationService(db)
		newConv := func(priority, team string) *proofdesk.Conversation {
			c := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: f.Cust.ID, AssigneeID: f.Agent.ID,
				Requester: proofdesk.Requester{Name: "Jane Doe"}, Priority: priority, Team: team}
			if err := cs.CreateConversation(f.AgentCtx, c, nil); err != nil {
				t.Fatal(err)
			}
			f.say(t, c, "Hello?")
			return c
		}
		due := func(c *proofdesk.Conversation) (string, time.Time) {
			t.Helper()
			p, st, err := d.ConversationSLA(f.AgentCtx, c.ID)
			if err != nil || st.FirstResponse == nil || st.FirstResponse.Due == nil {
				t.Fatalf("clocks of %s: %+v, %v", c.ID, st.FirstResponse, err)
			}
			return p, *st.FirstResponse.Due
		}
		cases := []struct {
			name, priority, team, wantPriority string
			want                               time.Time
		}{
			// 30 minutes on Friday, 30 on Monday morning.
			{"urgent in billing", proofdesk.PriorityUrgent, billing.ID, proofdesk.PriorityUrgent, time.Date(2026, 3, 9, 9, 30, 0, 0, time.UTC)},
			{"urgent, no team (24/7)", proofdesk.PriorityUrgent, "", proofdesk.PriorityUrgent, fri.Add(time.Hour)},
			{"no priority given (normal)", "", "", proofdesk.PriorityNormal, fri.Add(8 * time.Hour)},
		}
		var normal *proofdesk.Conversation
		for _, tc := range cases {
			c := newConv(tc.priority, tc.team)
			p, got := due(c)
			if p != tc.wantPriority || !near(got.Sub(tc.want), 0) {
				t.Errorf("%s: priority %q due %v, want %q due %v", tc.name, p, got, tc.wantPriority, tc.want)
			}
			if tc.priority == "" {
				normal = c
			}
		}
		// Raised to urgent, the normal one is due an hour after it opened.
		urgent := proofdesk.PriorityUrgent
		if _, err := cs.UpdateConversation(f.AgentCtx, normal.ID, proofdesk.ConversationUpdate{Priority: &urgent}); err != nil {
			t.Fatal(err)
		}
		if p, got := due(normal); p != proofdesk.PriorityUrgent || !near(got.Sub(fri.Add(time.Hour)), 0) {
			t.Fatalf("raised to urgent: priority %q due %v, want urgent due %v", p, got, fri.Add(time.Hour))
		}
		// Moved into billing, it follows billing's hours: Monday 09:30.
		if _, err := cs.UpdateConversation(f.AgentCtx, normal.ID, proofdesk.ConversationUpdate{Team: &billing.ID}); err != nil {
			t.Fatal(err)
		}
		if _, got := due(normal); !near(got.Sub(time.Date(2026, 3, 9, 9, 30, 0, 0, time.UTC)), 0) {
			t.Fatalf("moved into billing: due %v, want Monday 09:30", got)
		}
		// The report's team table names the team its conversations hold by ID.
		rep, err := d.Report(f.SupCtx, fri.Add(-time.Hour), fri.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]string{}
		for _, tm := range rep.Teams {
			names[tm.Team] = tm.Name
		}
		if names[billing.ID] != "Billing" {
			t.Fatalf("report teams %+v, want billing's row named Billing", rep.Teams)
		}
	})
}

// A breach escalates as configured for the conversation's priority, as
// the system, once: a low conversation verified at L1 is raised to normal
// and handed back to its team's queue (dropping to L0 as at any
// take-over), audited and published; the next check neither raises it
// again nor touches it; a high conversation, whose priority has no
// escalation, only alerts.
func TestSLA_BreachEscalates(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		admin := &proofdesk.Agent{Email: "root@desk.example", Name: "Ada Admin", Role: proofdesk.RoleAdmin, PasswordHash: "x"}
		if err := sqldb.NewAgentService(db).CreateAgent(ctx, admin); err != nil {
			t.Fatal(err)
		}
		adminCtx := proofdesk.NewContextWithAgent(ctx, admin)
		d := desk.New(db, desk.Config{})
		ev := inmem.NewEventService(0)
		defer ev.Close()
		desk.PublishEvents(db, ev)
		sub, err := ev.Subscribe(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		hour := proofdesk.SLATargets{FirstResponse: time.Hour}
		bad := &proofdesk.SLAConfig{Targets: map[string]proofdesk.SLATargets{"low": hour},
			Escalation: map[string]proofdesk.SLAEscalation{"critical": {RaisePriority: true}}}
		var perr *proofdesk.Error
		if err := d.SetSLAConfig(adminCtx, bad); !errorsAs(err, &perr) || perr.Field != "escalation" {
			t.Fatalf("escalation of an unknown priority: %v", err)
		}
		cfg := &proofdesk.SLAConfig{
			Targets:    map[string]proofdesk.SLATargets{"low": hour, "normal": hour, "high": hour},
			Escalation: map[string]proofdesk.SLAEscalation{"low": {RaisePriority: true, Unassign: true}},
		}
		if err := d.SetSLAConfig(adminCtx, cfg); err != nil {
			t.Fatal(err)
		}
		if got, err := d.SLAConfig(adminCtx); err != nil || got.Escalation["low"] != (proofdesk.SLAEscalation{RaisePriority: true, Unassign: true}) || len(got.Escalation) != 1 {
			t.Fatalf("stored escalation %+v, %v", got, err)
		}

		start := time.Date(2026, 3, 6, 10, 0, 0, 0, time.UTC)
		f.Clk.Set(start)
		cs := sqldb.NewConversationService(db)
		low, high := f.NewConversation(t), f.NewConversation(t)
		for conv, p := range map[*proofdesk.Conversation]string{low: "low", high: "high"} {
			if _, err := cs.UpdateConversation(f.AgentCtx, conv.ID, proofdesk.ConversationUpdate{Priority: ptr(p)}); err != nil {
				t.Fatal(err)
			}
			f.say(t, conv, "Hello?")
		}
		f.Clk.Set(start.Add(55 * time.Minute))
		f.VerifyL1(t, low) // shortly before the breach, so the level still holds

		f.Clk.Set(start.Add(65 * time.Minute))
		if got, _ := cs.FindConversationByID(ctx, low.ID); got.EffectiveLevel(f.Clk.Now()) != proofdesk.L1 {
			t.Fatalf("before the breach: level %v, want L1", got.EffectiveLevel(f.Clk.Now()))
		}
		if n, err := d.CheckSLA(ctx); err != nil || n != 2 {
			t.Fatalf("first check: %d breaches, %v; want 2", n, err)
		}
		got, err := cs.FindConversationByID(ctx, low.ID)
		if err != nil || got.Priority != "normal" || got.AssigneeID != "" || got.Level != proofdesk.L0 {
			t.Fatalf("escalated low conversation: priority %q holder %q level %v, %v; want normal, queued, L0", got.Priority, got.AssigneeID, got.Level, err)
		}
		if got, _ := cs.FindConversationByID(ctx, high.ID); got.Priority != "high" || got.AssigneeID != f.Agent.ID {
			t.Fatalf("high conversation without escalation: priority %q holder %q", got.Priority, got.AssigneeID)
		}
		for published := false; !published; {
			select {
			case e := <-sub.C():
				published = e.ConversationID == low.ID && e.Type == proofdesk.EventConversationUpdated && e.AssigneeID == "" && e.Level == "L0"
			case <-time.After(5 * time.Second):
				t.Fatal("no conversation.updated event for the escalation")
			}
		}

		// The next check: the breach is recorded, so nothing escalates again
		// (the normal target is breached too, but first_response once).
		f.Clk.Set(start.Add(3 * time.Hour))
		if n, err := d.CheckSLA(ctx); err != nil || n != 0 {
			t.Fatalf("second check: %d breaches, %v; want 0", n, err)
		}
		if got, _ := cs.FindConversationByID(ctx, low.ID); got.Priority != "normal" {
			t.Fatalf("raised again: %q", got.Priority)
		}
		esc, _ := sqldb.NewAuditService(db).FindAuditEntries(ctx, proofdesk.AuditFilter{Action: ptr("sla.escalated")})
		if len(esc) != 1 || esc[0].SubjectID != low.ID || esc[0].ActorKind != proofdesk.ActorSystem ||
			esc[0].Detail["priority_to"] != "normal" || esc[0].Detail["unassigned"] != f.Agent.ID {
			t.Fatalf("audited escalations: %+v", esc)
		}
		drops, _ := sqldb.NewAuditService(db).FindAuditEntries(ctx, proofdesk.AuditFilter{Action: ptr(proofdesk.AuditTakeOver)})
		if len(drops) != 1 || drops[0].SubjectID != low.ID {
			t.Fatalf("the system's take-over of the verified conversation is audited once: %+v", drops)
		}
	})
}
