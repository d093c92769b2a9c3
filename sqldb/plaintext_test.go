package sqldb_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestNoPlaintextAtRest creates customers and a conversation, then reads
// the raw bytes of the database (SQLite file and WAL, or a pg_dump of the
// schema) and checks that no PII or message text appears in them.
func TestNoPlaintextAtRest(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		customers := sqldb.NewCustomerService(db)
		conversations := sqldb.NewConversationService(db)
		secrets := []string{
			"zelda.quartermain@example.org", "+14155550177", "4155550177", "Evergreen Terrace",
			"Quillfeather Lane", "QX9 7ZZ", "1971-11-23", "Mortlake-upon-Tyne", "LOYALTY-77Q1",
			"Please ship it to my cousin near the old lighthouse", "Where is my parcel going exactly",
			"Zelda Quartermain", "Quartermain", "EXT-ZQ-4471-Q",
			"lighthouse-map.png", "part7.QZLIGHT@quartermain-home.example",
		}
		in := proofdesk.CustomerInput{
			Name:       "Zelda Quartermain",
			ExternalID: "EXT-ZQ-4471-Q",
			Emails:     []proofdesk.ContactPointInput{{Value: "Zelda.Quartermain@example.org"}},
			Phones:     []proofdesk.ContactPointInput{{Value: "+1 (415) 555-0177"}},
			Addresses: []proofdesk.Address{
				{Line1: "742 Evergreen Terrace", City: "Springfield", PostalCode: "97403", Country: "US"},
				{Line1: "12 Quillfeather Lane", City: "Mortlake-upon-Tyne", PostalCode: "QX9 7ZZ", Country: "GB"},
			},
			DateOfBirth: "1971-11-23",
			Payment:     &proofdesk.Payment{Brand: "amex", Last4: "8431"},
			Attributes:  map[string]string{"loyalty_id": "LOYALTY-77Q1"},
		}
		c, err := in.Customer(time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := customers.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: c.ID, Subject: "Where is my parcel going exactly",
			Requester: proofdesk.Requester{Name: "Z", Email: "zelda.quartermain@example.org", Phone: "+14155550177"}}
		if err := conversations.CreateConversation(ctx, conv, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer,
			Body: "Please ship it to my cousin near the old lighthouse",
			Attachments: []*proofdesk.Attachment{{Filename: "lighthouse-map.png", ContentType: "image/png",
				ContentID: "part7.QZLIGHT@quartermain-home.example", Data: []byte("\x89PNG\r\n\x1a\n")}}}); err != nil {
			t.Fatal(err)
		}
		// Sanity: the store does hold the values (decrypted on read), and
		// finds the customer by external_id through the blind index.
		got, err := customers.FindCustomerByID(ctx, c.ID)
		if err != nil || got.Addresses[1].PostalCode != "QX9 7ZZ" || got.Name != "Zelda Quartermain" || got.ExternalID != "EXT-ZQ-4471-Q" {
			t.Fatalf("read back: %v", err)
		}
		ext := "EXT-ZQ-4471-Q"
		if found, n, err := customers.FindCustomers(ctx, proofdesk.CustomerFilter{ExternalID: &ext}); err != nil || n != 1 || found[0].ID != c.ID {
			t.Fatalf("find by external_id: n=%d err=%v", n, err)
		}

		var dump []byte
		if db.Dialect() == sqldb.SQLite {
			for _, suffix := range []string{"", "-wal"} {
				b, err := os.ReadFile(db.DSN() + suffix)
				if err != nil && !os.IsNotExist(err) {
					t.Fatal(err)
				}
				dump = append(dump, b...)
			}
			if len(dump) < 4096 {
				t.Fatalf("read only %d bytes of the database", len(dump))
			}
		} else {
			base := sqldbtest.PostgresDSN()
			out, err := exec.Command("pg_dump", "--no-owner", "--schema="+sqldbtest.Schema(db.DSN()), strings.Split(base, "?")[0]).Output()
			if err != nil {
				t.Fatalf("pg_dump: %v", err)
			}
			if !bytes.Contains(out, []byte("enc:v1:")) {
				t.Fatal("pg_dump holds no sealed values: wrong schema dumped?")
			}
			dump = out
		}
		lower := bytes.ToLower(dump)
		// Control: the customer's ID is stored in clear by design, so the
		// scan must find it; otherwise it is not reading the data.
		if !bytes.Contains(lower, []byte(strings.ToLower(c.ID))) {
			t.Fatal("the customer ID is not in the raw bytes: the scan does not see the data")
		}
		for _, s := range secrets {
			if bytes.Contains(lower, []byte(strings.ToLower(s))) {
				t.Errorf("plaintext %q found in the raw database", s)
			}
		}
	})
}
