package sqldb_test

import (
	"context"
	"fmt"
	"syscall"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// BenchmarkSubjectContexts_Later is a list's page of 100 conversations
// whose subjects hold a short number ("Order 12"), each with
// SubjectMessages+3 customer messages, read as every list reads them:
// proofdesk.FindSubjectContexts for the page, then ViewContext.Subject
// for each row with a known code check (KnownCode), so that the view
// reads each row's later messages (SubjectContext.Later) and its
// customer's other conversations (Elsewhere). customers=1: one customer
// holds the whole page (Elsewhere read once); customers=100: one
// customer a row. view=none: the store's part alone (the page's
// contexts, each row's Later called); view=elsewhere: the store's part
// of Elsewhere alone (the page's contexts, each row's Elsewhere called:
// on customers=100 each customer's texts are those of the row's own
// conversation only, left out, so none); view=plain: the view without
// KnownCode, which reads neither (the page's one query). cpu-ns/op is
// the process's CPU per page.
func BenchmarkSubjectContexts_Later(b *testing.B) {
	for _, nc := range []int{1, 100} {
		b.Run(fmt.Sprintf("customers=%d", nc), func(b *testing.B) {
			benchStores(b, func(b *testing.B, db *sqldb.DB) {
				ctx := context.Background()
				agent, actx := benchAgent(b, db)
				customers, svc := sqldb.NewCustomerService(db), sqldb.NewConversationService(db)
				var custs []*proofdesk.Customer
				for i := range nc {
					c := newCustomer(b, "", fmt.Sprintf("page%d@example.com", i), fmt.Sprintf("+1415557%04d", i))
					if err := customers.CreateCustomer(ctx, c); err != nil {
						b.Fatal(err)
					}
					custs = append(custs, c)
				}
				var page []*proofdesk.Conversation
				for i := range 100 {
					conv := &proofdesk.Conversation{Channel: proofdesk.ChannelAPI, CustomerID: custs[i%nc].ID, Subject: fmt.Sprintf("Order %d", 10+i%90)}
					first := &proofdesk.Message{AuthorKind: proofdesk.AuthorAgent, AuthorID: agent.ID, Body: "Hello, how can I help?"}
					if err := svc.CreateConversation(actx, conv, first); err != nil {
						b.Fatal(err)
					}
					for range proofdesk.SubjectMessages + 3 {
						if err := svc.CreateMessage(ctx, &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "about my parcel, thanks"}); err != nil {
							b.Fatal(err)
						}
					}
					page = append(page, conv)
				}
				if db.Dialect() == sqldb.Postgres {
					// As autovacuum does after such a load: without
					// statistics the planner takes each table for a row or
					// two (a join can then read every conversation's
					// messages again for each conversation).
					if err := db.WithTx(ctx, func(tx *sqldb.Tx) error { return tx.ExecInTx(ctx, `ANALYZE conversations, messages`) }); err != nil {
						b.Fatal(err)
					}
				}
				// view=known: the view with a known code check; view=none:
				// the page's contexts and each row's Later, no view (the
				// store's part); view=elsewhere: the page's contexts and
				// each row's Elsewhere, no view; view=plain: the view
				// without one.
				for _, mode := range []string{"known", "none", "elsewhere", "plain"} {
					vc := proofdesk.ViewContext{}
					if mode == "known" {
						vc.KnownCode = func(string) bool { return false }
					}
					b.Run("view="+mode, func(b *testing.B) {
						// cpu-ns/op is the process's CPU per page (SQLite's
						// work included, PostgreSQL's server not), steadier
						// than wall time on a shared machine.
						var ru0, ru1 syscall.Rusage
						_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
						defer func() {
							_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
							cpu := ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano()
							b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
						}()
						for b.Loop() {
							scs, err := proofdesk.FindSubjectContexts(ctx, svc, page...)
							if err != nil {
								b.Fatal(err)
							}
							for _, c := range page {
								switch mode {
								case "none":
									if n := len(scs[c.ID].Later()); n != 3 {
										b.Fatalf("%d later messages, want 3", n)
									}
									continue
								case "elsewhere":
									// One customer: the other rows' texts (the
									// latest, some of this row's left out); one a
									// row: none.
									if n := len(scs[c.ID].Elsewhere()); (nc == 1) != (n > 0) {
										b.Fatalf("%d texts elsewhere with %d customers", n, nc)
									}
									continue
								}
								if got := vc.Subject(c.Subject, scs[c.ID]); got != c.Subject {
									b.Fatalf("subject %q shown as %q", c.Subject, got)
								}
							}
						}
					})
				}
			})
		})
	}
}
