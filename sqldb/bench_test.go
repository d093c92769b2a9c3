package sqldb_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// benchStores runs b on a fresh store of each dialect.
func benchStores(b *testing.B, fn func(b *testing.B, db *sqldb.DB)) {
	for _, d := range sqldbtest.Dialects() {
		b.Run(d, func(b *testing.B) { fn(b, sqldbtest.OpenDialect(b, d)) })
	}
}

// BenchmarkCreateCustomer measures a customer create: a new data key,
// sealing every PII field, blind indexes and the audit entry, committed.
func BenchmarkCreateCustomer(b *testing.B) {
	benchStores(b, func(b *testing.B, db *sqldb.DB) {
		s := sqldb.NewCustomerService(db)
		ctx := context.Background()
		i := 0
		for b.Loop() {
			i++
			c := newCustomer(b, "", fmt.Sprintf("user%d@example.com", i), fmt.Sprintf("+14152%06d", i%1000000))
			if err := s.CreateCustomer(ctx, c); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCreateCustomerParallel creates customers from 8 goroutines
// per GOMAXPROCS at once, as concurrent API clients do: on SQLite their
// transactions share commits (groupcommit.go). Compare -cpu 1,2.
func BenchmarkCreateCustomerParallel(b *testing.B) {
	benchStores(b, func(b *testing.B, db *sqldb.DB) {
		s := sqldb.NewCustomerService(db)
		ctx := context.Background()
		var n atomic.Int64
		b.SetParallelism(8)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				i := n.Add(1)
				c := newCustomer(b, "", fmt.Sprintf("user%d@example.com", i), fmt.Sprintf("+1415555%04d", i%10000))
				if err := s.CreateCustomer(ctx, c); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}

// BenchmarkFindCustomerByEmail measures a lookup through the blind index
// among 2,000 customers, decrypting the match.
func BenchmarkFindCustomerByEmail(b *testing.B) {
	benchStores(b, func(b *testing.B, db *sqldb.DB) {
		s := sqldb.NewCustomerService(db)
		ctx := context.Background()
		var batch []*proofdesk.Customer
		for i := range 2000 {
			batch = append(batch, newCustomer(b, "", fmt.Sprintf("user%d@example.com", i), fmt.Sprintf("+14152%06d", i%1000000)))
		}
		if err := s.ImportCustomers(ctx, batch); err != nil {
			b.Fatal(err)
		}
		i := 0
		for b.Loop() {
			i++
			email := fmt.Sprintf("USER%d@example.com", i%2000)
			cs, _, err := s.FindCustomers(ctx, proofdesk.CustomerFilter{Email: &email})
			if err != nil || len(cs) != 1 {
				b.Fatalf("lookup: %d %v", len(cs), err)
			}
		}
	})
}

// BenchmarkIssueAndComplete measures issuing a verification request
// (caps, hashes, outbox, audit) and completing it by code.
func BenchmarkIssueAndComplete(b *testing.B) {
	benchStores(b, func(b *testing.B, db *sqldb.DB) {
		ctx := context.Background()
		vs, err := desk.NewVerification(ctx, db, desk.VerificationConfig{})
		if err != nil {
			b.Fatal(err)
		}
		cs := sqldb.NewConversationService(db)
		i := 0
		for b.Loop() {
			i++
			// A fresh customer per iteration keeps the per-customer caps out of the way.
			c := newCustomer(b, "", fmt.Sprintf("v%d@example.com", i), fmt.Sprintf("+14152%06d", i%1000000))
			c.ContactPoints[1].AddedAt = longAgo
			b.StopTimer()
			if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, c); err != nil {
				b.Fatal(err)
			}
			conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: c.ID}
			if err := cs.CreateConversation(ctx, conv, nil); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := vs.IssueChallenge(proofdesk.NewContextWithAgent(ctx, &proofdesk.Agent{ID: "agt_test", Role: proofdesk.RoleAgent}), conv.ID, c.ContactPoints[0].ID); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			code := lastCode(b, db)
			b.StartTimer()
			if res, err := vs.CompleteByCode(ctx, conv.ID, code); err != nil || !res.OK {
				b.Fatalf("complete: %v", err)
			}
		}
	})
}

func lastCode(tb testing.TB, db *sqldb.DB) string {
	msgs, err := sqldb.NewOutboxService(db).FindOutbox(context.Background(), 1)
	if err != nil || len(msgs) == 0 {
		tb.Fatal("no outbox message")
	}
	m := codeRe.FindStringSubmatch(msgs[0].Body)
	if m == nil {
		tb.Fatal("no code in message")
	}
	return m[1]
}

// BenchmarkCreateConversationParallel is the load tool's create from 8
// goroutines per GOMAXPROCS: a new customer, then an agent's
// conversation linked to it with a subject and a first message (both
// checked by the guard, the customer read for the link, the guard and
// the risk score). On SQLite the transactions run one after another on
// the writer, grouped (groupcommit.go). Compare -cpu 1,2.
func BenchmarkCreateConversationParallel(b *testing.B) {
	benchStores(b, func(b *testing.B, db *sqldb.DB) {
		ctx := context.Background()
		agent, actx := benchAgent(b, db)
		customers, convs := sqldb.NewCustomerService(db), sqldb.NewConversationService(db)
		var n atomic.Int64
		b.SetParallelism(8)
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				i := n.Add(1)
				c := newCustomer(b, "", fmt.Sprintf("conv%d@example.com", i), fmt.Sprintf("+1415556%04d", i%10000))
				if err := customers.CreateCustomer(ctx, c); err != nil {
					b.Error(err)
					return
				}
				conv := &proofdesk.Conversation{Channel: proofdesk.ChannelAPI, CustomerID: c.ID, Subject: fmt.Sprintf("Order question %d", i)}
				first := &proofdesk.Message{AuthorKind: proofdesk.AuthorAgent, AuthorID: agent.ID, Body: "Hello, I have a question about my order."}
				if err := convs.CreateConversation(actx, conv, first); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}

// BenchmarkReplyParallel measures the load tool's reply: an agent's reply
// on one of 256 conversations linked to customers, from 8 goroutines per
// GOMAXPROCS (each reply passes the guard; on SQLite its checks run
// before the write transaction, reply.go). Compare -cpu 1,2.
func BenchmarkReplyParallel(b *testing.B) {
	benchStores(b, func(b *testing.B, db *sqldb.DB) {
		ctx := context.Background()
		agent, actx := benchAgent(b, db)
		customers, convs := sqldb.NewCustomerService(db), sqldb.NewConversationService(db)
		ids := make([]string, 256)
		for i := range ids {
			c := newCustomer(b, "", fmt.Sprintf("reply%d@example.com", i), fmt.Sprintf("+1415557%04d", i))
			if err := customers.CreateCustomer(ctx, c); err != nil {
				b.Fatal(err)
			}
			conv := &proofdesk.Conversation{Channel: proofdesk.ChannelAPI, CustomerID: c.ID, Subject: fmt.Sprintf("Order question %d", i)}
			if err := convs.CreateConversation(actx, conv, &proofdesk.Message{AuthorKind: proofdesk.AuthorAgent, AuthorID: agent.ID, Body: "Hello, I have a question about my order."}); err != nil {
				b.Fatal(err)
			}
			ids[i] = conv.ID
		}
		var n atomic.Int64
		b.SetParallelism(8)
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				i := n.Add(1)
				m := &proofdesk.Message{ConversationID: ids[i%int64(len(ids))], AuthorKind: proofdesk.AuthorAgent, AuthorID: agent.ID,
					Body: "Thanks for writing. We are looking into it and will get back to you today."}
				if err := convs.CreateMessage(actx, m); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}

// benchAgent creates the agent the conversation benchmarks write as and
// returns it with a context signed in as it.
func benchAgent(b *testing.B, db *sqldb.DB) (*proofdesk.Agent, context.Context) {
	agent := &proofdesk.Agent{Email: "bench@desk.example", Name: "Bench Agent", Role: proofdesk.RoleAgent, PasswordHash: "x"}
	if err := sqldb.NewAgentService(db).CreateAgent(context.Background(), agent); err != nil {
		b.Fatal(err)
	}
	return agent, proofdesk.NewContextWithAgent(context.Background(), agent)
}
