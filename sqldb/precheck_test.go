package sqldb_test

import (
	"context"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// A reply checked before its write transaction (on SQLite, off the
// writer: reply.go) is guarded at the state the transaction sees: when
// the conversation's level expires, or it is linked to another customer
// (its level dropping to L0), between the check and the transaction, the
// reply that passed at L2 on the old state is blocked at the new one and
// nothing is stored; so is a reply on an unverified conversation when it
// is linked to another customer, or its customer's address changes, in
// between, or a customer with the email the requester claims is created
// (the level stays L0: only the facts the guard read change).
// The control sends a reply without a change and it passes.
func TestReplyGuardedAtStateOfTransaction(t *testing.T) {
	for _, dialect := range sqldbtest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			db := sqldbtest.OpenDialect(t, dialect)
			f := newFixture(t, db)
			ctx := context.Background()
			other := f.newCustomer(t, proofdesk.CustomerInput{Name: "Bob Roe", Emails: []proofdesk.ContactPointInput{{Value: "bob@example.com"}},
				Addresses: []proofdesk.Address{{Line1: "1313 Mockingbird Lane", City: "Mockingbird Heights", PostalCode: "90210", Country: "US"}}})
			convs := sqldb.NewConversationService(db)
			cases := []struct {
				name   string
				body   string
				change func(t *testing.T, conv *proofdesk.Conversation)
				l0     bool // the conversation stays at L0 (not verified)
				claim  string
			}{
				{"control", "Your parcel goes to 742 Evergreen Terrace, Springfield.", nil, false, ""},
				{"level expired", "Your parcel goes to 742 Evergreen Terrace, Springfield.", func(t *testing.T, _ *proofdesk.Conversation) {
					f.Clk.Add(16 * time.Minute) // the level lives 15 minutes
				}, false, ""},
				{"linked to another customer", "Your parcel goes to 1313 Mockingbird Lane, Mockingbird Heights.", func(t *testing.T, conv *proofdesk.Conversation) {
					if _, err := f.Desk.UpdateConversation(f.SupCtx, conv.ID, proofdesk.ConversationUpdate{CustomerID: &other.ID}); err != nil {
						t.Fatal(err)
					}
				}, false, ""},
				// At L0 the level does not change: only what the guard
				// read does.
				{"linked to another customer at L0", "Your parcel goes to 1313 Mockingbird Lane, Mockingbird Heights.", func(t *testing.T, conv *proofdesk.Conversation) {
					if _, err := f.Desk.UpdateConversation(f.SupCtx, conv.ID, proofdesk.ConversationUpdate{CustomerID: &other.ID}); err != nil {
						t.Fatal(err)
					}
				}, true, ""},
				{"customer's address changed at L0", "Your parcel goes to 55 Alder Road, Portland.", func(t *testing.T, _ *proofdesk.Conversation) {
					addrs := []proofdesk.Address{{Line1: "55 Alder Road", City: "Portland", PostalCode: "97205", Country: "US"}}
					if _, err := f.Desk.UpdateCustomer(ctx, f.Cust.ID, proofdesk.CustomerUpdate{Addresses: &addrs}); err != nil {
						t.Fatal(err)
					}
				}, true, ""},
				// An unlinked conversation whose requester claims an
				// email: the customer with that email is created between.
				{"claimed customer created at L0", "Your parcel goes to 9 Elm Street, Salem.", func(t *testing.T, _ *proofdesk.Conversation) {
					f.newCustomer(t, proofdesk.CustomerInput{Name: "Carol Poe", Emails: []proofdesk.ContactPointInput{{Value: "carol@example.com"}},
						Addresses: []proofdesk.Address{{Line1: "9 Elm Street", City: "Salem", PostalCode: "97301", Country: "US"}}})
				}, true, "carol@example.com"},
			}
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					conv := f.NewConversation(t)
					if tc.claim != "" {
						conv = &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, AssigneeID: f.Agent.ID, Requester: proofdesk.Requester{Name: "Carol", Email: tc.claim}}
						if err := convs.CreateConversation(f.AgentCtx, conv, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "Where is my parcel?"}); err != nil {
							t.Fatal(err)
						}
					}
					if !tc.l0 {
						f.VerifyL2(t, conv)
					}
					stored, err := f.replyAcrossPrecheck(t, conv, tc.body, func() {
						if tc.change != nil {
							tc.change(t, conv)
						}
					})
					if tc.change == nil {
						if err != nil || stored != 1 {
							t.Fatalf("reply at L2 without a change: err = %v, %d stored; want it sent", err, stored)
						}
						return
					}
					if proofdesk.ErrorCode(err) != proofdesk.EDISCLOSURE || stored != 0 {
						t.Fatalf("reply after the change: err = %v, %d stored; want EDISCLOSURE and nothing stored", err, stored)
					}
				})
			}
		})
	}
}

// replyAcrossPrecheck sends the agent's reply body on conv with change run
// between the check before the transaction and the transaction, and
// returns how many agent replies conv holds then, with the reply's error.
func (f *fixture) replyAcrossPrecheck(t *testing.T, conv *proofdesk.Conversation, body string, change func()) (int, error) {
	t.Helper()
	convs := sqldb.NewConversationService(f.DB)
	ran := false
	rctx := sqldb.WithAfterPrecheck(f.AgentCtx, func() { ran = true; change() })
	err := convs.CreateMessage(rctx, &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Body: body})
	if !ran {
		t.Fatal("the hook between the check and the transaction did not run")
	}
	msgs, ferr := convs.FindMessages(context.Background(), conv.ID)
	if ferr != nil {
		t.Fatal(ferr)
	}
	stored := 0
	for _, m := range msgs {
		if m.AuthorKind == proofdesk.AuthorAgent && !m.Internal {
			stored++
		}
	}
	return stored, err
}

// newCustomer stores the customer in describes, created now.
func (f *fixture) newCustomer(t *testing.T, in proofdesk.CustomerInput) *proofdesk.Customer {
	t.Helper()
	c, err := in.Customer(f.Clk.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := sqldb.NewCustomerService(f.DB).CreateCustomer(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	return c
}
