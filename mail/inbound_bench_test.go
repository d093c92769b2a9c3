package mail

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// BenchmarkInboundDeliver measures inbound emails parsed and stored per
// second: the ~20 KB multipart message of BenchmarkParse (text, HTML,
// quoted history, a PDF attachment) through InboundHandler.DeliverMessage
// on the real store, with a unique Message-ID each time. "new" opens a
// conversation per mail (blind-index customer lookup, new data key);
// "reply" threads each mail into one conversation by In-Reply-To;
// "reply-sent" does so into a conversation with ten replies of the desk
// (~500 bytes each), which the handler reads and looks for in the mail
// (StripSent). DNS
// (DKIM/SPF/DMARC) is left out: its cost is the network's. PostgreSQL runs
// when TEST_POSTGRES_DSN is set.
func BenchmarkInboundDeliver(b *testing.B) {
	for _, dialect := range sqldbtest.Dialects() {
		for _, mode := range []string{"new", "reply", "reply-sent"} {
			b.Run(dialect+"/"+mode, func(b *testing.B) {
				ctx := context.Background()
				db := sqldbtest.OpenDialect(b, dialect)
				convs := sqldb.NewConversationService(db)
				h := NewInboundHandler(InboundConfig{Customers: sqldb.NewCustomerService(db), Conversations: convs, Threads: db})
				msg := benchMessage()
				if mode == "new" {
					msg = bytes.Replace(msg, []byte("In-Reply-To: <r2@shop.example>\r\nReferences: <r1@example.com> <r2@shop.example>\r\n"), nil, 1)
				} else {
					conv := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, Subject: "Where is my order?", Requester: proofdesk.Requester{Email: "jane.doe@example.com"}}
					if err := convs.CreateConversation(ctx, conv, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "first"}); err != nil {
						b.Fatal(err)
					}
					if err := db.RecordMessageID(ctx, conv.ID, "r2@shop.example", "", ""); err != nil {
						b.Fatal(err)
					}
					if mode == "reply-sent" {
						agent := &proofdesk.Agent{Email: "ann@desk.test", Name: "Ann", Role: proofdesk.RoleAgent, PasswordHash: "x"}
						if err := sqldb.NewAgentService(db).CreateAgent(ctx, agent); err != nil {
							b.Fatal(err)
						}
						for k := range 10 {
							body := fmt.Sprintf("Hello Jane,\n\nupdate %d on your order: ", k) + strings.Repeat("the courier has scanned the parcel at the depot and it is on its way to you. ", 6) + "\n\nBest regards,\nAnn"
							if err := convs.CreateMessage(ctx, &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: agent.ID, Body: body}); err != nil {
								b.Fatal(err)
							}
						}
					}
				}
				b.SetBytes(int64(len(msg)))
				b.ReportAllocs()
				i := 0
				start := time.Now()
				for b.Loop() {
					i++
					raw := bytes.Replace(msg, []byte("<bench@example.com>"), fmt.Appendf(nil, "<bench-%d@example.com>", i), 1)
					res, err := h.DeliverMessage(ctx, Envelope{}, raw)
					if err != nil || res.Duplicate || res.New != (mode == "new") || res.DifferentSender {
						b.Fatalf("DeliverMessage: %+v, %v", res, err)
					}
				}
				b.ReportMetric(float64(i)/time.Since(start).Seconds(), "mails/s")
			})
		}
	}
}
