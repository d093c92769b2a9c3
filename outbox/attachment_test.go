package outbox_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	netmail "net/mail"
	"strings"
	"testing"

	"github.com/emersion/go-msgauth/dkim"
	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// An agent reply's files leave with it as a multipart/mixed mail, read
// back here with the standard library's MIME reader (RFC 2046, 2183, 2231),
// not with the library that wrote it.
func TestWorker_ReplyWithAttachments(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		cap := &capture{}
		signer, lookup := testDKIM(t)
		w := f.worker(t, relay(t, startCapture(t, cap, nil)), nil, signer)
		conv := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: f.cust.ID, Subject: "Return",
			Requester: proofdesk.Requester{Email: "requester@elsewhere.test"}}
		if err := f.convs.CreateConversation(ctx, conv, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "How do I return it?"}); err != nil {
			t.Fatal(err)
		}
		// A PDF the guard can read (its text operators), as an agent's
		// return label is; an unreadable file would be refused below L2.
		stream := "BT /F1 12 Tf 72 712 Td (Return label: print and stick on the parcel) Tj ET\n"
		pdf := []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
			"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n" +
			fmt.Sprintf("4 0 obj << /Length %d >>\nstream\n%sendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n", len(stream), stream))
		m := &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.agent.ID, Body: "The label is attached.",
			Attachments: []*proofdesk.Attachment{
				{Filename: "Rücksendeetikett.pdf", ContentType: "application/pdf", Data: pdf},
				{Filename: "steps.txt", ContentType: "text/plain; charset=utf-8", Data: []byte("1. print\n2. stick\n")},
			}}
		if err := f.convs.CreateMessage(ctx, m); err != nil {
			t.Fatal(err)
		}
		if n, err := w.RunOnce(ctx); err != nil || n != 1 {
			t.Fatalf("RunOnce=%d, %v, want 1", n, err)
		}
		got := cap.received()
		if len(got) != 1 {
			t.Fatalf("received %d, want 1", len(got))
		}
		msg, err := netmail.ReadMessage(bytes.NewReader(got[0]))
		if err != nil {
			t.Fatal(err)
		}
		mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
		if err != nil || mt != "multipart/mixed" {
			t.Fatalf("Content-Type=%q, want multipart/mixed", msg.Header.Get("Content-Type"))
		}
		mr := multipart.NewReader(msg.Body, params["boundary"])
		type part struct{ disp, name, ctype, body string }
		var parts []part
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := io.ReadAll(p)
			body := string(raw)
			if p.Header.Get("Content-Transfer-Encoding") == "base64" {
				dec, err := base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(body))
				if err != nil {
					t.Fatal(err)
				}
				body = string(dec)
			}
			disp, _, _ := mime.ParseMediaType(p.Header.Get("Content-Disposition"))
			ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
			parts = append(parts, part{disp, p.FileName(), ct, body})
		}
		if len(parts) != 3 {
			t.Fatalf("parts=%+v, want text and two files", parts)
		}
		if parts[0].ctype != "text/plain" || strings.TrimSpace(parts[0].body) != "The label is attached." {
			t.Fatalf("text part=%+v", parts[0])
		}
		if parts[1].disp != "attachment" || parts[1].name != "Rücksendeetikett.pdf" || parts[1].ctype != "application/pdf" || parts[1].body != string(pdf) {
			t.Fatalf("pdf part: disp=%q name=%q type=%q same bytes=%v", parts[1].disp, parts[1].name, parts[1].ctype, parts[1].body == string(pdf))
		}
		if parts[2].name != "steps.txt" || parts[2].body != "1. print\n2. stick\n" {
			t.Fatalf("text file part=%+v", parts[2])
		}
		verifs, err := dkim.VerifyWithOptions(bytes.NewReader(got[0]), &dkim.VerifyOptions{LookupTXT: lookup})
		if err != nil || len(verifs) != 1 || verifs[0].Err != nil {
			t.Fatalf("DKIM: %v, %+v", err, verifs)
		}
	})
}
