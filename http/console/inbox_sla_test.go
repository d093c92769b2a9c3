package console_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/http/console/consoletest"
	"github.com/proofdesk/proofdesk/sqldb"
)

// TestConsole_InboxSLA: with no SLA target the inbox shows no clock;
// with targets per priority each open row shows the time left on its
// most urgent clock, coloured breached, soon or ok, and sort=sla puts the
// least time left first (breached before due).
func TestConsole_InboxSLA(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	ctx := context.Background()
	b := agentBrowser(t, s)
	if _, page := b.get("/inbox?sort=sla"); strings.Contains(page, `class="sla `) {
		t.Fatal("an SLA clock is shown while no target is set")
	}

	agentCtx := proofdesk.NewContextWithAgent(ctx, s.Agent)
	newConv := func(priority, subject string) *proofdesk.Conversation {
		c := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, AssigneeID: s.Agent.ID, Priority: priority, Subject: subject,
			Requester: proofdesk.Requester{Name: "Sam"}}
		if err := sqldb.NewConversationService(s.DB).CreateConversation(agentCtx, c, nil); err != nil {
			t.Fatal(err)
		}
		return c
	}
	low := newConv(proofdesk.PriorityLow, "Low one")
	urgent := newConv(proofdesk.PriorityUrgent, "Urgent one")
	cfg := &proofdesk.SLAConfig{Targets: map[string]proofdesk.SLATargets{
		proofdesk.PriorityNormal: {FirstResponse: time.Second},      // s.Conv: breached by now
		proofdesk.PriorityUrgent: {FirstResponse: 30 * time.Minute}, // soon
		proofdesk.PriorityLow:    {FirstResponse: 48 * time.Hour},   // ok
	}}
	if err := desk.New(s.DB, desk.Config{}).SetSLAConfig(proofdesk.NewContextWithAgent(ctx, s.Admin), cfg); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond)

	_, page := b.get("/inbox?sort=sla")
	pos := func(id string) int {
		i := strings.Index(page, `href="/conversations/`+id+`"`)
		if i < 0 {
			t.Fatalf("conversation %s not in the inbox", id)
		}
		return i
	}
	cell := func(id string) string {
		rest := page[pos(id):]
		if end := strings.Index(rest, "</li>"); end > 0 {
			rest = rest[:end]
		}
		return rest
	}
	for _, c := range []struct {
		id, class, text string
	}{
		{s.Conv.ID, `class="sla sla-breached"`, "SLA breached"},
		{urgent.ID, `class="sla sla-soon"`, "left"},
		{low.ID, `class="sla sla-ok"`, "2d 0h left"},
	} {
		if row := cell(c.id); !strings.Contains(row, c.class) || !strings.Contains(row, c.text) {
			t.Errorf("row %s lacks %s %q: %.600s", c.id, c.class, c.text, row)
		}
	}
	if !(pos(s.Conv.ID) < pos(urgent.ID) && pos(urgent.ID) < pos(low.ID)) {
		t.Fatalf("sort=sla order: breached %d, urgent %d, low %d; want least time left first", pos(s.Conv.ID), pos(urgent.ID), pos(low.ID))
	}
	// Sorted by activity instead, the newest (low) comes first.
	_, page = b.get("/inbox")
	if pos(low.ID) > pos(s.Conv.ID) {
		t.Fatal("the default sort is not by activity")
	}
}
