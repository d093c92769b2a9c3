package sqldb_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func TestAttachments(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		cs := sqldb.NewConversationService(db)
		ctx := context.Background()
		png := []byte("\x89PNG\r\n\x1a\nnot really an image")
		in := &proofdesk.Message{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorCustomer,
			Attachments: []*proofdesk.Attachment{{Filename: "screenshot.png", ContentType: "image/png", Data: png}}}
		if err := cs.CreateMessage(ctx, in); err != nil {
			t.Fatalf("customer message with only a file: %v", err)
		}
		reply := &proofdesk.Message{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Body: "Here is the form.",
			Attachments: []*proofdesk.Attachment{{Filename: "form.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4 form")}}}
		if err := cs.CreateMessage(f.AgentCtx, reply); err != nil {
			t.Fatal(err)
		}

		list, err := cs.FindAttachments(ctx, f.Conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[0].MessageID != in.ID || list[1].MessageID != reply.ID {
			t.Fatalf("attachments=%+v, want the customer's then the agent's", list)
		}
		if list[0].Filename != "screenshot.png" || list[0].ContentType != "image/png" || list[0].Size != int64(len(png)) || list[0].Data != nil {
			t.Fatalf("listed=%+v, want name, type and size without the bytes", list[0])
		}
		got, err := cs.FindAttachment(ctx, f.Conv.ID, list[0].ID)
		if err != nil || !bytes.Equal(got.Data, png) {
			t.Fatalf("FindAttachment: data=%q err=%v, want the bytes stored", got.Data, err)
		}
		// Another conversation does not reach it.
		other := f.NewConversation(t)
		if _, err := cs.FindAttachment(ctx, other.ID, list[0].ID); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("through another conversation: err=%v, want ENOTFOUND", err)
		}
		byMsg, err := db.FindMessageAttachments(ctx, f.Conv.ID, reply.ID)
		if err != nil || len(byMsg) != 1 || string(byMsg[0].Data) != "%PDF-1.4 form" {
			t.Fatalf("FindMessageAttachments=%+v err=%v", byMsg, err)
		}
	})
}

// Attachment names, and text attachments' content, pass the disclosure
// guard with the reply: a blocked reply stores neither message nor file.
func TestAttachmentsGuarded(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		cs := sqldb.NewConversationService(db)
		f.say(t, f.Conv, "Where is my parcel going?")
		tests := []struct {
			name string
			att  proofdesk.Attachment
		}{
			{"address in the file name", proofdesk.Attachment{Filename: "label 742 Evergreen Terrace.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4")}},
			{"postcode in a CSV", proofdesk.Attachment{Filename: "export.csv", ContentType: "text/csv", Data: []byte("name,postcode\nJane,97403\n")}},
			{"card in a text file", proofdesk.Attachment{Filename: "notes.txt", ContentType: "text/plain; charset=utf-8", Data: []byte("paid with visa 4242")}},
			{"zero-width characters in the name", proofdesk.Attachment{Filename: "742\u200b Evergreen\u200d Terrace.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4")}},
			{"text declared as bytes", proofdesk.Attachment{Filename: "data.bin", ContentType: "application/octet-stream", Data: []byte("ship to 742 Evergreen Terrace")}},
		}
		for _, tt := range tests {
			a := tt.att
			m := &proofdesk.Message{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Body: "Please see the file.",
				Attachments: []*proofdesk.Attachment{&a}}
			if err := cs.CreateMessage(f.AgentCtx, m); proofdesk.ErrorCode(err) != proofdesk.EDISCLOSURE {
				t.Fatalf("%s: err=%v, want EDISCLOSURE", tt.name, err)
			}
		}
		list, err := cs.FindAttachments(context.Background(), f.Conv.ID)
		if err != nil || len(list) != 0 {
			t.Fatalf("after blocked replies: %d attachments, err=%v, want none", len(list), err)
		}
		msgs, _ := cs.FindMessages(context.Background(), f.Conv.ID)
		if len(msgs) != 1 {
			t.Fatalf("messages=%d, want only the customer's", len(msgs))
		}
		// An internal note is never sent: the guard does not read it.
		note := &proofdesk.Message{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Internal: true,
			Attachments: []*proofdesk.Attachment{{Filename: "742 Evergreen Terrace.pdf", ContentType: "application/pdf", Data: []byte("%PDF")}}}
		if err := cs.CreateMessage(f.AgentCtx, note); err != nil {
			t.Fatalf("internal note with a file: %v", err)
		}
		// No body and no file is still refused.
		empty := &proofdesk.Message{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorCustomer}
		if err := cs.CreateMessage(context.Background(), empty); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("empty message: err=%v, want EINVALID", err)
		}
	})
}
