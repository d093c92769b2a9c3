package sqldb_test

import (
	"context"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// Migration 0020 turns the free-text team names of earlier releases into
// teams, and the conversations name them by ID.
func TestMigrate0020Teams(t *testing.T) {
	for _, d := range sqldbtest.Dialects() {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			v, dsn := sqldbtest.NewVault(t), sqldbtest.DSN(t, d)
			ids, err := sqldb.SeedBefore0020(ctx, sqldb.NewDB(dsn, v, nil), []string{"Billing", "Billing", "Returns", ""})
			if err != nil {
				t.Fatal(err)
			}
			db := sqldbtest.OpenWithVault(t, dsn, v)
			teams, err := db.FindTeams(ctx)
			if err != nil || len(teams) != 2 || teams[0].Name != "Billing" || teams[1].Name != "Returns" {
				t.Fatalf("teams after 0020: %v %+v", err, teams)
			}
			cs := sqldb.NewConversationService(db)
			for i, want := range []string{teams[0].ID, teams[0].ID, teams[1].ID, ""} {
				c, err := cs.FindConversationByID(ctx, ids[i])
				if err != nil || c.Team != want || c.Priority != proofdesk.PriorityNormal || c.SnoozedUntil != nil {
					t.Fatalf("conversation %d after 0020: %v team %q priority %q", i, err, c.Team, c.Priority)
				}
			}
		})
	}
}

// The work model's conversation filters and sorts, in SQL.
func TestConversationWorkFilters(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		cs := sqldb.NewConversationService(db)
		agent := &proofdesk.Agent{Email: "w@desk.test", Name: "W", Role: proofdesk.RoleAgent, PasswordHash: "x"}
		if err := sqldb.NewAgentService(db).CreateAgent(ctx, agent); err != nil {
			t.Fatal(err)
		}
		team := &proofdesk.Team{Name: "Front", Channels: []string{proofdesk.ChannelEmail}}
		if err := db.CreateTeam(ctx, team); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateTeam(ctx, &proofdesk.Team{Name: "front "}); err != nil {
			t.Fatal(err) // names are unique as written: "front" differs from "Front"
		}
		if err := db.CreateTeam(ctx, &proofdesk.Team{Name: "Front"}); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("duplicate team: %v", err)
		}
		if err := db.CreateTeam(ctx, &proofdesk.Team{Name: "X", Channels: []string{"fax"}}); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("bad channel: %v", err)
		}
		mk := func(prio string, tags []string, assignee string) *proofdesk.Conversation {
			c := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, Priority: prio, Tags: tags, AssigneeID: assignee}
			if err := cs.CreateConversation(ctx, c, nil); err != nil {
				t.Fatal(err)
			}
			time.Sleep(2 * time.Millisecond) // distinct activity times
			return c
		}
		low := mk(proofdesk.PriorityLow, []string{"vip"}, agent.ID)
		urgent := mk(proofdesk.PriorityUrgent, []string{"billing", "vip"}, "")
		normal := mk("", nil, "")
		if err := cs.CreateConversation(ctx, &proofdesk.Conversation{Channel: proofdesk.ChannelChat, Priority: "asap"}, nil); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("bad priority: %v", err)
		}
		ids := func(f proofdesk.ConversationFilter) []string {
			t.Helper()
			got, _, err := cs.FindConversations(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, c := range got {
				out = append(out, c.ID)
			}
			return out
		}
		same := func(what string, got []string, want ...*proofdesk.Conversation) {
			t.Helper()
			if len(got) != len(want) {
				t.Fatalf("%s: %d found, want %d", what, len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i].ID {
					t.Fatalf("%s: #%d is %s, want %s", what, i, got[i], want[i].ID)
				}
			}
		}
		vip, prio := "vip", proofdesk.PriorityUrgent
		same("sort by priority", ids(proofdesk.ConversationFilter{Sort: proofdesk.SortPriority}), urgent, normal, low)
		same("sort by age", ids(proofdesk.ConversationFilter{Sort: proofdesk.SortCreated}), low, urgent, normal)
		same("newest activity", ids(proofdesk.ConversationFilter{}), normal, urgent, low)
		same("tag", ids(proofdesk.ConversationFilter{Tag: &vip, Sort: proofdesk.SortCreated}), low, urgent)
		same("priority", ids(proofdesk.ConversationFilter{Priority: &prio}), urgent)
		same("unassigned", ids(proofdesk.ConversationFilter{Unassigned: true, Sort: proofdesk.SortCreated}), urgent, normal)
		l1 := proofdesk.L1
		same("at least L1", ids(proofdesk.ConversationFilter{MinLevel: &l1}))
		if _, _, err := cs.FindConversations(ctx, proofdesk.ConversationFilter{Sort: "random"}); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("bad sort: %v", err)
		}

		// An email conversation with no team joins the team that takes email.
		mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail}
		if err := cs.CreateConversation(ctx, mail, nil); err != nil {
			t.Fatal(err)
		}
		if fresh, err := db.HasNewUnrouted(ctx, proofdesk.ChannelEmail, time.Now().Add(-time.Minute)); err != nil || !fresh {
			t.Fatalf("a new email conversation with no team: %v %v", fresh, err)
		}
		if err := db.WithTx(ctx, func(tx *sqldb.Tx) error {
			return tx.RouteNewConversations(ctx, proofdesk.ChannelEmail, team.ID, time.Now().Add(-time.Minute))
		}); err != nil {
			t.Fatal(err)
		}
		if c, _ := cs.FindConversationByID(ctx, mail.ID); c.Team != team.ID {
			t.Fatalf("routed to %q, want %s", c.Team, team.ID)
		}
		if c, _ := cs.FindConversationByID(ctx, normal.ID); c.Team != "" {
			t.Fatalf("a chat was routed to %q", c.Team)
		}
		if fresh, _ := db.HasNewUnrouted(ctx, proofdesk.ChannelEmail, time.Now().Add(-time.Minute)); fresh {
			t.Fatal("still unrouted after routing")
		}
		// Deleting the team empties its queue.
		if err := db.DeleteTeam(ctx, team.ID); err != nil {
			t.Fatal(err)
		}
		if c, _ := cs.FindConversationByID(ctx, mail.ID); c.Team != "" {
			t.Fatalf("after deleting the team: %q", c.Team)
		}
	})
}

// A tag filter matches the whole tag, LIKE's wildcards included.
func TestTagFilterIsExact(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		cs := sqldb.NewConversationService(db)
		for _, tags := range [][]string{{"a_b"}, {"axb"}, {"100%"}, {"1000"}} {
			if err := cs.CreateConversation(ctx, &proofdesk.Conversation{Channel: proofdesk.ChannelAPI, Tags: tags}, nil); err != nil {
				t.Fatal(err)
			}
		}
		for tag, want := range map[string]int{"a_b": 1, "axb": 1, "100%": 1, "a": 0, "%": 0, "_": 0} {
			tg := tag
			if _, n, err := cs.FindConversations(ctx, proofdesk.ConversationFilter{Tag: &tg}); err != nil || n != want {
				t.Fatalf("tag %q: %d found (%v), want %d", tag, n, err, want)
			}
		}
	})
}
