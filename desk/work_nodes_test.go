package desk_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestWorkAcrossNodes runs the work loop of two nodes (two stores on one
// database) at once: every queued conversation is assigned exactly once,
// in strict round robin, and every due snooze wakes exactly once.
func TestWorkAcrossNodes(t *testing.T) {
	for _, dialect := range sqldbtest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			dsn, v := sqldbtest.DSN(t, dialect), sqldbtest.NewVault(t)
			db1 := sqldbtest.OpenWithVault(t, dsn, v)
			db2 := sqldbtest.OpenWithVault(t, dsn, v)
			e := newWorkEnv(t, db1)
			nodes := []*desk.Desk{e.Desk, desk.New(db2, desk.Config{})}
			team := &proofdesk.Team{Name: "Front", AutoAssign: true, AgentIDs: []string{e.Agent.ID, e.bob.ID}}
			if err := e.Desk.CreateTeam(e.adminCtx, team); err != nil {
				t.Fatal(err)
			}
			// Ann's fixture conversation is not in the queue; she gets no
			// capacity limit, like Bob.
			const n = 20
			var ids []string
			for range n {
				ids = append(ids, e.newChat(t, team.ID).ID)
			}
			for _, c := range []context.Context{e.AgentCtx, e.bobCtx} {
				a := proofdesk.AgentFromContext(c)
				if _, err := sqldb.NewAgentService(db1).UpdateAgent(ctx, a.ID, proofdesk.AgentUpdate{Availability: ptr(proofdesk.AvailabilityOnline)}); err != nil {
					t.Fatal(err)
				}
			}
			var wg sync.WaitGroup
			errs := make(chan error, 8)
			for i := range 4 {
				wg.Add(1)
				go func(d *desk.Desk) {
					defer wg.Done()
					if _, err := d.AutoAssignTeam(ctx, team.ID); err != nil {
						errs <- err
					}
				}(nodes[i%2])
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			load := map[string]int{}
			for _, id := range ids {
				load[e.assignee(t, id)]++
			}
			if load[e.Agent.ID] != n/2 || load[e.bob.ID] != n/2 {
				t.Fatalf("round robin over two nodes: %v, want %d each", load, n/2)
			}
			// One assignment audited per conversation: none handed out twice.
			per := map[string]int{}
			for _, en := range mustAudit(t, db1) {
				if en.Action == proofdesk.AuditConversationEdit && en.ActorKind == proofdesk.ActorSystem && en.Detail["fields"] == "assignee_id" {
					per[en.SubjectID]++
				}
			}
			for _, id := range ids {
				if per[id] != 1 {
					t.Fatalf("conversation %s assigned %d times", id, per[id])
				}
			}

			// Snoozes: both nodes wake due ones at once; each wakes once.
			until := time.Now().Add(time.Hour)
			snoozed := proofdesk.StatusSnoozed
			for _, id := range ids {
				if _, err := e.Desk.UpdateConversation(e.SupCtx, id, proofdesk.ConversationUpdate{Status: &snoozed, SnoozedUntil: &until}); err != nil {
					t.Fatal(err)
				}
			}
			later := func() time.Time { return time.Now().UTC().Add(2 * time.Hour) }
			db1.SetNow(later)
			db2.SetNow(later)
			var mu sync.Mutex
			woke := map[string]int{}
			for i := range 4 {
				wg.Add(1)
				go func(db *sqldb.DB) {
					defer wg.Done()
					cs, err := db.WakeSnoozed(ctx, 7)
					if err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					for _, c := range cs {
						woke[c.ID]++
					}
					mu.Unlock()
				}([]*sqldb.DB{db1, db2}[i%2])
			}
			wg.Wait()
			for _, id := range ids {
				if woke[id] > 1 {
					t.Fatalf("conversation %s woke %d times", id, woke[id])
				}
			}
			// What a limit left for the next tick wakes then.
			if _, err := db1.WakeSnoozed(ctx, 100); err != nil {
				t.Fatal(err)
			}
			for _, id := range ids {
				if c, _ := e.convs.FindConversationByID(ctx, id); c.Status != proofdesk.StatusOpen {
					t.Fatalf("conversation %s is %s after the snooze ended", id, c.Status)
				}
			}
		})
	}
}
