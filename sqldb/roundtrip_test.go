package sqldb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// Round trips to PostgreSQL of the load tool's writes, counted with a pgx
// tracer (each statement, BEGIN, COMMIT and prepare is one; a batch is
// one). Before these budgets a create (a customer, then a conversation
// linked to it with a first message) took 63 round trips in the store
// and an agent's reply 30; the budgets fail at those counts.
const (
	createRoundTrips = 36
	replyRoundTrips  = 22
)

// TestRoundTrips_Postgres counts the round trips of a create and of a
// reply, after one of each has warmed the statement cache.
func TestRoundTrips_Postgres(t *testing.T) {
	dsn := sqldbtest.DSN(t, sqldb.Postgres)
	db := sqldb.NewDB(dsn, sqldbtest.NewVault(t), nil)
	mark, count, taken := sqldb.TraceRoundTrips(db)
	ctx := context.Background()
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d := desk.New(db, desk.Config{})
	agent := &proofdesk.Agent{Email: "rt@desk.example", Name: "Round Trip", Role: proofdesk.RoleAgent, PasswordHash: "x"}
	if err := sqldb.NewAgentService(db).CreateAgent(ctx, agent); err != nil {
		t.Fatal(err)
	}
	actx := proofdesk.NewContextWithAgent(ctx, agent)
	convs := sqldb.NewConversationService(db)
	create := func(i int) (*proofdesk.Conversation, int64) {
		t.Helper()
		n0 := count()
		c := newCustomer(t, "", fmt.Sprintf("rt%d@example.com", i), fmt.Sprintf("+1415557%04d", i))
		if err := d.CreateCustomer(mark(ctx), c); err != nil {
			t.Fatal(err)
		}
		conv := &proofdesk.Conversation{Channel: proofdesk.ChannelAPI, CustomerID: c.ID, Subject: fmt.Sprintf("Order question %d", i)}
		first := &proofdesk.Message{AuthorKind: proofdesk.AuthorAgent, AuthorID: agent.ID, Body: "Hello, I have a question about my order."}
		if err := convs.CreateConversation(mark(actx), conv, first); err != nil {
			t.Fatal(err)
		}
		return conv, count() - n0
	}
	reply := func(conv *proofdesk.Conversation) int64 {
		t.Helper()
		n0 := count()
		m := &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: agent.ID,
			Body: "Thanks for writing. We are looking into it and will get back to you today."}
		if err := convs.CreateMessage(mark(actx), m); err != nil {
			t.Fatal(err)
		}
		return count() - n0
	}
	show := func(what string) {
		for i, q := range taken() {
			t.Logf("%s %2d: %.110s", what, i+1, strings.Join(strings.Fields(q), " "))
		}
	}
	conv, _ := create(1) // prepares the statements
	reply(conv)
	taken()
	conv, n := create(2)
	if n == 0 || n > createRoundTrips {
		t.Errorf("a create took %d round trips, want 1 to %d", n, createRoundTrips)
		show("create")
	}
	taken()
	r := reply(conv)
	if r == 0 || r > replyRoundTrips {
		t.Errorf("a reply took %d round trips, want 1 to %d", r, replyRoundTrips)
		show("reply")
	}
	t.Logf("create: %d round trips, reply: %d", n, r)
}
