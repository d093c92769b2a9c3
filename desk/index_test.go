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

// With the index of every customer, a reply on an unlinked conversation
// whose requester gave only a name is blocked when it holds ANY
// customer's phone, email or address; the index follows creates and
// changes committed after it was built.
func TestIndexProtectsEveryCustomer(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		other := mustCustomer(t, db, proofdesk.CustomerInput{Name: "Omar Other",
			Emails:    []proofdesk.ContactPointInput{{Value: "omar.other@example.org"}},
			Phones:    []proofdesk.ContactPointInput{{Value: "+14155550177"}},
			Addresses: []proofdesk.Address{{Line1: "1600 Larkspur Boulevard", City: "Portland", PostalCode: "97201", Country: "US"}}})
		conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, AssigneeID: f.Agent.ID, Requester: proofdesk.Requester{Name: "Someone"}}
		if err := sqldb.NewConversationService(db).CreateConversation(f.AgentCtx, conv, nil); err != nil {
			t.Fatal(err)
		}
		leaks := []string{
			"The number we have is +1 415 555 0177.",
			"It goes to omar.other@example.org",
			"Shipped to 1600 Larkspur Blvd.",
			// reshaped: full-width digits, no-break and zero-width spaces,
			// words, spelled-out email, other case and order
			"４１５ ５５５ ０１７７",
			"415\u00a0555\u00a00177",
			"415\u200b5550177",
			"four one five five five five zero one seven seven",
			"omar dot other at example dot org",
			"OMAR.OTHER@EXAMPLE.ORG",
			"Larkspur Boulevard 1600",
		}
		// Without the index the guard knows only the linked and the
		// claimed customers: these pass (what the index is for).
		d := desk.New(db, desk.Config{OracleLimitPerHour: 100})
		if err := f.reply(f.AgentCtx, conv.ID, leaks[0]); err != nil {
			t.Fatalf("without the index: %v", err)
		}
		st, err := d.BuildIndex(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Customers != 2 || st.Keys < 6 || !d.IndexReady() {
			t.Fatalf("stats = %+v, ready %v", st, d.IndexReady())
		}
		for _, body := range leaks {
			if err := f.reply(f.AgentCtx, conv.ID, body); proofdesk.ErrorCode(err) != proofdesk.EDISCLOSURE {
				t.Fatalf("%q: err = %v, want EDISCLOSURE", body, err)
			}
		}
		if err := f.reply(f.AgentCtx, conv.ID, "Our office is at 1 Main Street; call 0800 123 456."); err != nil {
			t.Fatalf("innocent reply: %v", err)
		}
		// The linked customer's own values at the conversation's level
		// are the matcher's business, not the index's: the linked
		// conversation at L0 still blocks Jane's phone, through either.
		if err := f.reply(f.AgentCtx, f.Conv.ID, "Your number is +1 415 555 0123"); proofdesk.ErrorCode(err) != proofdesk.EDISCLOSURE {
			t.Fatalf("linked customer's phone: %v", err)
		}

		// Created after the build: indexed on commit.
		late := mustCustomer(t, db, proofdesk.CustomerInput{Name: "Lara Late", Phones: []proofdesk.ContactPointInput{{Value: "+14155550199"}}})
		if err := f.reply(f.AgentCtx, conv.ID, "Is it 415 555 0199?"); proofdesk.ErrorCode(err) != proofdesk.EDISCLOSURE {
			t.Fatalf("customer created after the build: %v", err)
		}
		// Changed: the new number is protected, the old one is no one's.
		phones := []proofdesk.ContactPointInput{{Value: "+14155550188"}}
		integ := proofdesk.NewContextWithAgent(ctx, &proofdesk.Agent{ID: "itk_1", Role: proofdesk.RoleIntegration})
		if _, err := d.UpdateCustomer(integ, late.ID, proofdesk.CustomerUpdate{Phones: &phones}); err != nil {
			t.Fatal(err)
		}
		if err := f.reply(f.AgentCtx, conv.ID, "Is it 415 555 0188?"); proofdesk.ErrorCode(err) != proofdesk.EDISCLOSURE {
			t.Fatalf("changed number: %v", err)
		}
		if err := f.reply(f.AgentCtx, conv.ID, "Is it 415 555 0199?"); err != nil {
			t.Fatalf("the old number is still indexed: %v", err)
		}
		// The policy in force decides the level, not the one at build:
		// with emails raised to L2, another customer's email on a
		// conversation verified to L1 is blocked.
		info, err := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.EmailID)
		if err != nil {
			t.Fatal(err)
		}
		token, _ := f.LastSecret(t)
		if _, err := f.VS.ApproveByToken(ctx, token, info.Number); err != nil {
			t.Fatal(err)
		}
		ps := sqldb.NewPolicyService(db)
		p, err := ps.FindPolicy(ctx)
		if err != nil {
			t.Fatal(err)
		}
		p.Classes[proofdesk.ClassEmail] = proofdesk.L2
		adminCtx := proofdesk.NewContextWithAgent(ctx, &proofdesk.Agent{ID: "agt_admin", Role: proofdesk.RoleAdmin})
		if err := ps.UpdatePolicy(adminCtx, p); err != nil {
			t.Fatal(err)
		}
		err = f.reply(f.AgentCtx, f.Conv.ID, "Please write to omar.other@example.org")
		var pe *proofdesk.Error
		if !errorsAs(err, &pe) || pe.Code != proofdesk.EDISCLOSURE || pe.Details["required_level"] != "L2" {
			t.Fatalf("another customer's email at L1 with emails at L2: %v", err)
		}
		_ = other
	})
}

// Until the index is built, replies checked at L0 are refused (not sent
// unchecked, not counted as blocks); replies at a verified level go on.
func TestIndexNotReadyRefusesAtL0(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		d := desk.New(db, desk.Config{})
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // the build fails: the index never gets ready
		done := make(chan error, 1)
		d.StartIndex(ctx, func(_ desk.IndexStats, err error) { done <- err })
		select {
		case err := <-done:
			if err == nil {
				t.Fatal("build with a cancelled context succeeded")
			}
		case <-time.After(10 * time.Second):
			t.Fatal("build did not return")
		}
		if d.IndexReady() {
			t.Fatal("IndexReady after a failed build")
		}
		err := f.reply(f.AgentCtx, f.Conv.ID, "Hello, how can I help?")
		if proofdesk.ErrorCode(err) != proofdesk.ECONFLICT || ruleOf(err) != "guard.index_building" {
			t.Fatalf("reply while the index builds: err = %v", err)
		}
		if n := len(auditOf(t, db, proofdesk.AuditDisclosureBlocked)); n != 0 {
			t.Fatalf("%d blocks counted while the index builds", n)
		}
	})
}

func mustCustomer(t *testing.T, db *sqldb.DB, in proofdesk.CustomerInput) *proofdesk.Customer {
	t.Helper()
	old := time.Now().AddDate(-1, 0, 0)
	for i := range in.Emails {
		in.Emails[i].AddedAt = &old
	}
	for i := range in.Phones {
		in.Phones[i].AddedAt = &old
	}
	c, err := in.Customer(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := sqldb.NewCustomerService(db).CreateCustomer(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	return c
}

// On several nodes each keeps its own index: a customer created through
// another node's store is indexed by the next RefreshIndex, not before.
func TestIndexRefreshSeesOtherNodes(t *testing.T) {
	for _, dialect := range sqldbtest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			dsn, v := sqldbtest.DSN(t, dialect), sqldbtest.NewVault(t)
			node1 := sqldbtest.OpenWithVault(t, dsn, v)
			node2 := sqldbtest.OpenWithVault(t, dsn, v)
			f := newFixture(t, node1)
			d := desk.New(node1, desk.Config{OracleLimitPerHour: 100})
			if _, err := d.BuildIndex(context.Background()); err != nil {
				t.Fatal(err)
			}
			conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, AssigneeID: f.Agent.ID, Requester: proofdesk.Requester{Name: "Someone"}}
			if err := sqldb.NewConversationService(node1).CreateConversation(f.AgentCtx, conv, nil); err != nil {
				t.Fatal(err)
			}
			mustCustomer(t, node2, proofdesk.CustomerInput{Name: "Nina Node", Phones: []proofdesk.ContactPointInput{{Value: "+14155550166"}}})
			if err := f.reply(f.AgentCtx, conv.ID, "Is it 415 555 0166?"); err != nil {
				t.Fatalf("before the refresh node 1 cannot know (the test would prove nothing): %v", err)
			}
			if err := d.RefreshIndex(context.Background()); err != nil {
				t.Fatal(err)
			}
			if err := f.reply(f.AgentCtx, conv.ID, "Is it 415 555 0166?"); proofdesk.ErrorCode(err) != proofdesk.EDISCLOSURE {
				t.Fatalf("after the refresh: err = %v, want EDISCLOSURE", err)
			}
		})
	}
}
