package sqldb_test

import (
	"context"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// More changes between the check before the transaction and the
// transaction (reply.go's guardStamp), each of which the guard must see:
// a support lock (an agent's reply is checked at L0 under one), a
// stricter policy, a phone added to the linked customer, a claimed
// customer's new address after the system clock stepped back (the newest
// updated_at of the claimed customers does not move), the linked
// customer's conversations in a second channel at the same count (the
// risk goes high), and the agent paused by blocked replies on another
// conversation. Each reply would
// pass at the old state; each must be refused at the new one, nothing
// stored. The pause runs last: it lasts an hour.
func TestReplyPrecheckRaces(t *testing.T) {
	for _, dialect := range sqldbtest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			db := sqldbtest.OpenDialect(t, dialect)
			f := newFixture(t, db)
			ctx := context.Background()
			convs := sqldb.NewConversationService(db)
			custs := sqldb.NewCustomerService(db)
			carol := f.newCustomer(t, proofdesk.CustomerInput{Name: "Carol Poe", Emails: []proofdesk.ContactPointInput{{Value: "carol.poe@example.com"}},
				Addresses: []proofdesk.Address{{Line1: "9 Elm Street", City: "Salem", PostalCode: "97301", Country: "US"}}})
			// Dan, claimed by phone, is changed after Carol: his
			// updated_at is the claimed customers' newest.
			f.newCustomer(t, proofdesk.CustomerInput{Name: "Dan Fox", Phones: []proofdesk.ContactPointInput{{Value: "+14155550199"}},
				Addresses: []proofdesk.Address{{Line1: "4 Birch Road", City: "Eugene", PostalCode: "97401", Country: "US"}}})
			cases := []struct {
				name   string
				body   string
				verify func(t *testing.T, conv *proofdesk.Conversation)
				claim  proofdesk.Requester
				change func(t *testing.T, conv *proofdesk.Conversation)
				want   string
			}{
				{"support lock", "Your parcel goes to 742 Evergreen Terrace, Springfield.", f.VerifyL2, proofdesk.Requester{}, func(t *testing.T, _ *proofdesk.Conversation) {
					if err := db.WithTx(ctx, func(tx *sqldb.Tx) error { return tx.SetSupportLocked(ctx, f.Cust.ID, true) }); err != nil {
						t.Fatal(err)
					}
					t.Cleanup(func() {
						_ = db.WithTx(ctx, func(tx *sqldb.Tx) error { return tx.SetSupportLocked(ctx, f.Cust.ID, false) })
					})
				}, proofdesk.EDISCLOSURE},
				{"stricter policy", "Your parcel goes to 742 Evergreen Terrace, Springfield.", f.VerifyL1, proofdesk.Requester{}, func(t *testing.T, _ *proofdesk.Conversation) {
					p := proofdesk.DefaultPolicy()
					p.Classes[proofdesk.ClassAddress] = proofdesk.L2
					if err := sqldb.NewPolicyService(db).UpdatePolicy(f.SupCtx, p); err != nil {
						t.Fatal(err)
					}
					t.Cleanup(func() { _ = sqldb.NewPolicyService(db).UpdatePolicy(f.SupCtx, proofdesk.DefaultPolicy()) })
				}, proofdesk.EDISCLOSURE},
				{"phone added to the linked customer", "You can reach us back on +1 415 555 0142.", nil, proofdesk.Requester{}, func(t *testing.T, _ *proofdesk.Conversation) {
					cur, err := custs.FindCustomerByID(ctx, f.Cust.ID)
					if err != nil {
						t.Fatal(err)
					}
					if err := db.WithTx(ctx, func(tx *sqldb.Tx) error {
						return tx.AddContactPoints(ctx, cur, []*proofdesk.ContactPoint{{Kind: proofdesk.ContactPhone, Value: "+14155550142"}})
					}); err != nil {
						t.Fatal(err)
					}
				}, proofdesk.EDISCLOSURE},
				{"claimed customer's address after the clock stepped back", "Your parcel goes to 55 Alder Road, Portland.", nil,
					proofdesk.Requester{Name: "Carol", Email: "carol.poe@example.com", Phone: "+14155550199"}, func(t *testing.T, _ *proofdesk.Conversation) {
						f.Clk.Add(-time.Minute)
						t.Cleanup(func() { f.Clk.Add(2 * time.Minute) }) // the outbox's newest first again
						addrs := []proofdesk.Address{{Line1: "55 Alder Road", City: "Portland", PostalCode: "97205", Country: "US"}}
						if _, err := f.Desk.UpdateCustomer(ctx, carol.ID, proofdesk.CustomerUpdate{Addresses: &addrs}); err != nil {
							t.Fatal(err)
						}
					}, proofdesk.EDISCLOSURE},
				// Jane's conversations keep their count (one relinked away,
				// one in) but span two channels in the hour now: with an
				// intent flag and her recent email, the risk is high and
				// an L2 reply is checked at L1.
				{"conversations' channels at the same count", "The card on file is the Visa ending 4242.", func(t *testing.T, conv *proofdesk.Conversation) {
					f.VerifyL2(t, conv)
					if err := db.WithTx(ctx, func(tx *sqldb.Tx) error { return tx.SetFlag(ctx, conv, proofdesk.SignalIntent) }); err != nil {
						t.Fatal(err)
					}
				}, proofdesk.Requester{}, func(t *testing.T, _ *proofdesk.Conversation) {
					if _, err := f.Desk.UpdateConversation(f.SupCtx, f.Conv.ID, proofdesk.ConversationUpdate{CustomerID: &carol.ID}); err != nil {
						t.Fatal(err)
					}
					in := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: carol.ID, Requester: proofdesk.Requester{Name: "Carol"}}
					if err := convs.CreateConversation(f.AgentCtx, in, nil); err != nil {
						t.Fatal(err)
					}
					if _, err := f.Desk.UpdateConversation(f.SupCtx, in.ID, proofdesk.ConversationUpdate{CustomerID: &f.Cust.ID}); err != nil {
						t.Fatal(err)
					}
				}, proofdesk.EDISCLOSURE},
				{"agent paused", "Thanks, we are on it.", nil, proofdesk.Requester{}, func(t *testing.T, _ *proofdesk.Conversation) {
					other := f.NewConversation(t)
					for i := 0; i < 50; i++ {
						if until, err := f.Desk.PausedUntil(f.SupCtx, f.Agent.ID); err != nil {
							t.Fatal(err)
						} else if !until.IsZero() {
							return
						}
						_ = f.reply(f.AgentCtx, other, "Your parcel goes to 742 Evergreen Terrace, Springfield.")
					}
					t.Fatal("the agent was not paused")
				}, proofdesk.EFORBIDDEN},
			}
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					conv := f.NewConversation(t)
					if tc.claim.Email != "" {
						conv = &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, AssigneeID: f.Agent.ID, Requester: tc.claim}
						if err := convs.CreateConversation(f.AgentCtx, conv, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "Where is my parcel?"}); err != nil {
							t.Fatal(err)
						}
					}
					if tc.verify != nil {
						tc.verify(t, conv)
					}
					stored, err := f.replyAcrossPrecheck(t, conv, tc.body, func() { tc.change(t, conv) })
					if proofdesk.ErrorCode(err) != tc.want || stored != 0 {
						t.Fatalf("reply after the change: err = %v, %d stored; want %s and nothing stored", err, stored, tc.want)
					}
				})
			}
		})
	}
}
