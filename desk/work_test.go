package desk_test

import (
	"context"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// workEnv adds an admin and a second agent to the fixture.
type workEnv struct {
	*fixture
	admin, bob       *proofdesk.Agent
	adminCtx, bobCtx context.Context
	convs            *sqldb.ConversationService
	agents           *sqldb.AgentService
}

func newWorkEnv(t *testing.T, db *sqldb.DB) *workEnv {
	t.Helper()
	e := &workEnv{fixture: newFixture(t, db), convs: sqldb.NewConversationService(db), agents: sqldb.NewAgentService(db)}
	ctx := context.Background()
	e.admin = &proofdesk.Agent{Email: "ada@desk.example", Name: "Ada Admin", Role: proofdesk.RoleAdmin, PasswordHash: "x"}
	e.bob = &proofdesk.Agent{Email: "bob@desk.example", Name: "Bob Agent", Role: proofdesk.RoleAgent, PasswordHash: "x"}
	for _, a := range []*proofdesk.Agent{e.admin, e.bob} {
		if err := e.agents.CreateAgent(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	e.adminCtx = proofdesk.NewContextWithAgent(ctx, e.admin)
	e.bobCtx = proofdesk.NewContextWithAgent(ctx, e.bob)
	return e
}

func (e *workEnv) newChat(t *testing.T, team string) *proofdesk.Conversation {
	t.Helper()
	c := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, Team: team}
	if err := e.convs.CreateConversation(context.Background(), c, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "Hello, my parcel is late."}); err != nil {
		t.Fatal(err)
	}
	return c
}

func (e *workEnv) assignee(t *testing.T, id string) string {
	t.Helper()
	c, err := e.convs.FindConversationByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c.AssigneeID
}

func TestTagsAndTeamsAreAdmins(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newWorkEnv(t, db)
		if _, err := e.Desk.CreateTag(e.AgentCtx, "billing"); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("agent created a tag: %v", err)
		}
		tag, err := e.Desk.CreateTag(e.adminCtx, " Billing ")
		if err != nil || tag.Name != "billing" {
			t.Fatalf("create tag: %v %+v", err, tag)
		}
		if _, err := e.Desk.CreateTag(e.adminCtx, "billing"); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("duplicate tag: %v", err)
		}
		// Once tags exist, only their names may be added.
		if _, err := e.Desk.UpdateConversation(e.AgentCtx, e.Conv.ID, proofdesk.ConversationUpdate{Tags: ptr([]string{"made-up"})}); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("unknown tag accepted: %v", err)
		}
		if _, err := e.Desk.UpdateConversation(e.AgentCtx, e.Conv.ID, proofdesk.ConversationUpdate{Tags: ptr([]string{"billing"})}); err != nil {
			t.Fatal(err)
		}
		// A rename follows the tag onto conversations; a delete takes it off.
		if _, err := e.Desk.RenameTag(e.adminCtx, tag.ID, "invoices"); err != nil {
			t.Fatal(err)
		}
		c, _ := e.convs.FindConversationByID(context.Background(), e.Conv.ID)
		if len(c.Tags) != 1 || c.Tags[0] != "invoices" {
			t.Fatalf("tags after rename: %q", c.Tags)
		}
		tagName := "invoices"
		if cs, _, err := e.convs.FindConversations(context.Background(), proofdesk.ConversationFilter{Tag: &tagName}); err != nil || len(cs) != 1 {
			t.Fatalf("filter by tag: %v %d", err, len(cs))
		}
		if err := e.Desk.DeleteTag(e.adminCtx, tag.ID); err != nil {
			t.Fatal(err)
		}
		c, _ = e.convs.FindConversationByID(context.Background(), e.Conv.ID)
		if len(c.Tags) != 0 {
			t.Fatalf("tags after delete: %q", c.Tags)
		}

		if err := e.Desk.CreateTeam(e.AgentCtx, &proofdesk.Team{Name: "Billing"}); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("agent created a team: %v", err)
		}
		team := &proofdesk.Team{Name: "Billing", AgentIDs: []string{e.Agent.ID}}
		if err := e.Desk.CreateTeam(e.adminCtx, team); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Desk.UpdateConversation(e.AgentCtx, e.Conv.ID, proofdesk.ConversationUpdate{Team: ptr("tm_nothing")}); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("unknown team accepted: %v", err)
		}
		if _, err := e.Desk.UpdateConversation(e.AgentCtx, e.Conv.ID, proofdesk.ConversationUpdate{Team: &team.ID, Priority: ptr(proofdesk.PriorityUrgent)}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Desk.UpdateConversation(e.AgentCtx, e.Conv.ID, proofdesk.ConversationUpdate{Priority: ptr("asap")}); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("bad priority accepted: %v", err)
		}
		cs, _, err := e.convs.FindConversations(context.Background(), proofdesk.ConversationFilter{Team: &team.ID, Sort: proofdesk.SortPriority})
		if err != nil || len(cs) != 1 || cs[0].Priority != proofdesk.PriorityUrgent {
			t.Fatalf("team queue: %v %+v", err, cs)
		}
	})
}

func TestAutoAssignRoundRobin(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newWorkEnv(t, db)
		team := &proofdesk.Team{Name: "Front", AutoAssign: true, Channels: []string{proofdesk.ChannelChat}, AgentIDs: []string{e.Agent.ID, e.bob.ID}}
		if err := e.Desk.CreateTeam(e.adminCtx, team); err != nil {
			t.Fatal(err)
		}
		// Nobody is online: the queue waits.
		c1 := e.newChat(t, "")
		if err := e.Desk.WorkTick(context.Background()); err != nil {
			t.Fatal(err)
		}
		got, _ := e.convs.FindConversationByID(context.Background(), c1.ID)
		if got.Team != team.ID || got.AssigneeID != "" {
			t.Fatalf("with nobody online: team %q assignee %q", got.Team, got.AssigneeID)
		}
		// An agent sets only their own availability; capacity is an admin's.
		if _, err := e.Desk.SetAvailability(e.AgentCtx, e.bob.ID, proofdesk.AvailabilityOnline, nil); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("agent set another's availability: %v", err)
		}
		if _, err := e.Desk.SetAvailability(e.AgentCtx, e.Agent.ID, "", ptr(1)); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("agent set their capacity: %v", err)
		}
		if _, err := e.Desk.SetAvailability(e.adminCtx, e.Agent.ID, "", ptr(2)); err != nil {
			t.Fatal(err)
		}
		// Ann holds the fixture's open chat already: with capacity 2 she
		// can take one more. Going online assigns the waiting chat.
		if _, err := e.Desk.SetAvailability(e.AgentCtx, e.Agent.ID, proofdesk.AvailabilityOnline, nil); err != nil {
			t.Fatal(err)
		}
		if a := e.assignee(t, c1.ID); a != e.Agent.ID {
			t.Fatalf("waiting chat went to %q, want Ann", a)
		}
		if _, err := e.Desk.SetAvailability(e.bobCtx, e.bob.ID, proofdesk.AvailabilityOnline, nil); err != nil {
			t.Fatal(err)
		}
		// Ann is full (2 open): the next chats go to Bob, then, Ann still
		// full, Bob again.
		c2, c3 := e.newChat(t, ""), e.newChat(t, "")
		if err := e.Desk.WorkTick(context.Background()); err != nil {
			t.Fatal(err)
		}
		if a2, a3 := e.assignee(t, c2.ID), e.assignee(t, c3.ID); a2 != e.bob.ID || a3 != e.bob.ID {
			t.Fatalf("with Ann at capacity: %q %q, want Bob twice", a2, a3)
		}
		// Room again for Ann: round robin alternates from Bob to Ann.
		if _, err := e.Desk.SetAvailability(e.adminCtx, e.Agent.ID, "", ptr(0)); err != nil {
			t.Fatal(err)
		}
		c4, c5 := e.newChat(t, ""), e.newChat(t, "")
		if err := e.Desk.WorkTick(context.Background()); err != nil {
			t.Fatal(err)
		}
		if a4, a5 := e.assignee(t, c4.ID), e.assignee(t, c5.ID); a4 != e.Agent.ID || a5 != e.bob.ID {
			t.Fatalf("round robin: %q %q, want Ann then Bob", a4, a5)
		}
		// Away after inactivity: Bob's last activity long ago.
		db.SetNow(func() time.Time { return time.Now().UTC().Add(proofdesk.AwayAfter + time.Minute) })
		b, _ := e.agents.FindAgentByID(context.Background(), e.bob.ID)
		if got := b.EffectiveAvailability(db.Now()); got != proofdesk.AvailabilityAway {
			t.Fatalf("inactive agent is %s, want away", got)
		}
		db.SetNow(func() time.Time { return time.Now().UTC() })

		// Bob goes offline: his open chats go back to the queue and, Ann
		// being online with no limit, to her. Each audited as a take-over
		// by the system.
		if _, err := e.Desk.SetAvailability(e.bobCtx, e.bob.ID, proofdesk.AvailabilityOffline, nil); err != nil {
			t.Fatal(err)
		}
		for _, c := range []*proofdesk.Conversation{c2, c3, c5} {
			if a := e.assignee(t, c.ID); a != e.Agent.ID {
				t.Fatalf("after Bob went offline, %s is with %q, want Ann", c.ID, a)
			}
		}
		system := false
		for _, en := range mustAudit(t, db) {
			system = system || en.Action == proofdesk.AuditConversationEdit && en.SubjectID == c2.ID && en.ActorKind == proofdesk.ActorSystem
		}
		if !system {
			t.Fatal("the system's reassignment is not audited as the system's")
		}
	})
}

func TestSnoozeWakesAndCustomerReopens(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newWorkEnv(t, db)
		ctx := context.Background()
		past := time.Now().Add(-time.Minute)
		snoozed := proofdesk.StatusSnoozed
		if _, err := e.Desk.UpdateConversation(e.AgentCtx, e.Conv.ID, proofdesk.ConversationUpdate{Status: &snoozed, SnoozedUntil: &past}); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("snooze into the past: %v", err)
		}
		until := time.Now().Add(time.Hour)
		c, err := e.Desk.UpdateConversation(e.AgentCtx, e.Conv.ID, proofdesk.ConversationUpdate{Status: &snoozed, SnoozedUntil: &until})
		if err != nil || c.SnoozedUntil == nil || c.Status != proofdesk.StatusSnoozed {
			t.Fatalf("snooze: %v %+v", err, c)
		}
		if err := e.Desk.WorkTick(ctx); err != nil {
			t.Fatal(err)
		}
		if c, _ := e.convs.FindConversationByID(ctx, e.Conv.ID); c.Status != proofdesk.StatusSnoozed {
			t.Fatalf("woke early: %s", c.Status)
		}
		db.SetNow(func() time.Time { return time.Now().UTC().Add(2 * time.Hour) })
		woke, err := db.WakeSnoozed(ctx, 10)
		if err != nil || len(woke) != 1 || woke[0].ID != e.Conv.ID {
			t.Fatalf("wake: %v %d", err, len(woke))
		}
		// Claimed once: a second pass (another node) finds nothing.
		if again, err := db.WakeSnoozed(ctx, 10); err != nil || len(again) != 0 {
			t.Fatalf("woke twice: %v %d", err, len(again))
		}
		db.SetNow(func() time.Time { return time.Now().UTC() })
		c, _ = e.convs.FindConversationByID(ctx, e.Conv.ID)
		if c.Status != proofdesk.StatusOpen || c.SnoozedUntil != nil {
			t.Fatalf("after wake: %s %v", c.Status, c.SnoozedUntil)
		}

		// Resolved, then the customer writes on the chat: open again.
		resolved := proofdesk.StatusResolved
		if _, err := e.Desk.UpdateConversation(e.AgentCtx, e.Conv.ID, proofdesk.ConversationUpdate{Status: &resolved}); err != nil {
			t.Fatal(err)
		}
		if err := e.convs.CreateMessage(ctx, &proofdesk.Message{ConversationID: e.Conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "It broke again."}); err != nil {
			t.Fatal(err)
		}
		if c, _ = e.convs.FindConversationByID(ctx, e.Conv.ID); c.Status != proofdesk.StatusOpen {
			t.Fatalf("customer message left it %s", c.Status)
		}
		// An agent's note does not reopen.
		if _, err := e.Desk.UpdateConversation(e.AgentCtx, e.Conv.ID, proofdesk.ConversationUpdate{Status: &resolved}); err != nil {
			t.Fatal(err)
		}
		if err := e.convs.CreateMessage(e.AgentCtx, &proofdesk.Message{ConversationID: e.Conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: e.Agent.ID, Internal: true, Body: "closing note"}); err != nil {
			t.Fatal(err)
		}
		if c, _ = e.convs.FindConversationByID(ctx, e.Conv.ID); c.Status != proofdesk.StatusResolved {
			t.Fatalf("a note reopened it: %s", c.Status)
		}
	})
}

func TestSavedViews(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newWorkEnv(t, db)
		if _, err := e.Desk.CreateSavedView(e.AgentCtx, "Urgent", proofdesk.ViewFilter{Priority: "asap"}); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("bad filter accepted: %v", err)
		}
		v, err := e.Desk.CreateSavedView(e.AgentCtx, "Mine urgent", proofdesk.ViewFilter{Priority: proofdesk.PriorityUrgent, AssigneeID: "me", Status: proofdesk.StatusOpen})
		if err != nil {
			t.Fatal(err)
		}
		if vs, _ := e.Desk.FindSavedViews(e.bobCtx); len(vs) != 0 {
			t.Fatalf("Bob sees Ann's views: %d", len(vs))
		}
		if err := e.Desk.DeleteSavedView(e.bobCtx, v.ID); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("Bob deleted Ann's view: %v", err)
		}
		if _, err := e.Desk.UpdateConversation(e.AgentCtx, e.Conv.ID, proofdesk.ConversationUpdate{Priority: ptr(proofdesk.PriorityUrgent)}); err != nil {
			t.Fatal(err)
		}
		vs, _ := e.Desk.FindSavedViews(e.AgentCtx)
		if len(vs) != 1 {
			t.Fatalf("views: %d", len(vs))
		}
		f := deskFilter(e.AgentCtx, vs[0].Filter)
		cs, _, err := e.convs.FindConversations(context.Background(), f)
		if err != nil || len(cs) != 1 || cs[0].ID != e.Conv.ID {
			t.Fatalf("view finds %v %d", err, len(cs))
		}
		fb := deskFilter(e.bobCtx, vs[0].Filter)
		if cs, _, _ := e.convs.FindConversations(context.Background(), fb); len(cs) != 0 {
			t.Fatalf("\"me\" is Bob for Bob, yet %d found", len(cs))
		}
	})
}

var deskFilter = desk.ConversationFilter
