package mail

import (
	"bytes"
	"context"
	"fmt"
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
// "reply" threads each mail into one conversation by In-Reply-To. DNS
// (DKIM/SPF/DMARC) is left out: its cost is the network's. PostgreSQL runs
// when TEST_POSTGRES_DSN is set.
func BenchmarkInboundDeliver(b *testing.B) {
	for _, dialect := range sqldbtest.Dialects() {
		for _, mode := range []string{"new", "reply"} {
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
