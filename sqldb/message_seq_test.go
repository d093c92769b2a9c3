package sqldb_test

import (
	"context"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// The write returns the message's position among those the requester
// sees (Message.Seq), the one FindMessages gives it: internal notes are
// not counted, and a retry by ClientID returns the stored position.
func TestCreateMessage_Seq(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		cs := sqldb.NewConversationService(db)
		first := &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "hello"}
		conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat}
		if err := cs.CreateConversation(ctx, conv, first); err != nil {
			t.Fatal(err)
		}
		create := func(m *proofdesk.Message) *proofdesk.Message {
			t.Helper()
			m.ConversationID = conv.ID
			if err := cs.CreateMessage(ctx, m); err != nil {
				t.Fatal(err)
			}
			return m
		}
		m2 := create(&proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "are you there?", ClientID: "c-2"})
		note := create(&proofdesk.Message{AuthorKind: proofdesk.AuthorAgent, Body: "checking", Internal: true})
		m3 := create(&proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "hello?", ClientID: "c-3"})
		retry := create(&proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "are you there?", ClientID: "c-2"})

		for _, c := range []struct {
			name string
			m    *proofdesk.Message
			want int
		}{{"first", first, 1}, {"second", m2, 2}, {"internal note", note, 0}, {"after the note", m3, 3}, {"retry", retry, 2}} {
			if c.m.Seq != c.want {
				t.Errorf("%s: Seq %d, want %d", c.name, c.m.Seq, c.want)
			}
		}
		msgs, err := cs.FindMessages(ctx, conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		written := map[string]int{first.ID: first.Seq, m2.ID: m2.Seq, note.ID: note.Seq, m3.ID: m3.Seq}
		if len(msgs) != len(written) {
			t.Fatalf("%d messages stored, want %d", len(msgs), len(written))
		}
		for _, m := range msgs {
			if m.Seq != written[m.ID] {
				t.Errorf("message %s: FindMessages says Seq %d, the write said %d", m.ID, m.Seq, written[m.ID])
			}
		}
	})
}
