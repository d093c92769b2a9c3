package desk_test

import (
	"archive/zip"
	"bytes"
	"context"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/guard"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// An agent's reply with attachments, through the store (the guard runs in
// its transaction): the phone inside a .docx is blocked as the phone; a
// photo the guard cannot read is refused with rule unreadable_attachment
// on an unverified conversation, audited like a block; a harmless .docx
// goes out.
func TestAgentAttachmentsPassTheGuard(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		docx := func(text string) []byte {
			var buf bytes.Buffer
			w := zip.NewWriter(&buf)
			fw, _ := w.Create("word/document.xml")
			fw.Write([]byte(`<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>` + text + `</w:t></w:r></w:p></w:body></w:document>`))
			w.Close()
			return buf.Bytes()
		}
		send := func(name, ctype string, data []byte) error {
			return sqldb.NewConversationService(db).CreateMessage(f.AgentCtx, &proofdesk.Message{ConversationID: f.Conv.ID,
				AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Body: "Please see the attached file.",
				Attachments: []*proofdesk.Attachment{{Filename: name, ContentType: ctype, Data: data}}})
		}
		const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
		err := send("details.docx", docxType, docx("Your phone: (415) 555-0123"))
		if proofdesk.ErrorCode(err) != proofdesk.EDISCLOSURE || ruleOf(err) != guard.RuleProtectedValue {
			t.Fatalf("phone in a .docx: %v, want EDISCLOSURE protected_value", err)
		}
		err = send("photo.png", "image/png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00"))
		if proofdesk.ErrorCode(err) != proofdesk.EDISCLOSURE || ruleOf(err) != guard.RuleUnreadableAttachment {
			t.Fatalf("unreadable photo at L0: %v, want EDISCLOSURE %s", err, guard.RuleUnreadableAttachment)
		}
		if msg := proofdesk.ErrorMessage(err); !bytes.Contains([]byte(msg), []byte("cannot be read")) {
			t.Fatalf("the refusal does not say why: %q", msg)
		}
		blocked := auditOf(t, db, proofdesk.AuditDisclosureBlocked)
		if len(blocked) != 2 || blocked[1].Detail["rule"] != guard.RuleUnreadableAttachment {
			t.Fatalf("blocked entries %+v, want the docx and the photo", blocked)
		}
		if err := send("returns.docx", docxType, docx("Returns are free within 30 days.")); err != nil {
			t.Fatalf("harmless .docx: %v", err)
		}
		msgs, err := sqldb.NewConversationService(db).FindMessages(context.Background(), f.Conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range msgs {
			if m.AuthorKind == proofdesk.AuthorAgent {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("%d agent messages stored, want 1 (the harmless one)", n)
		}
	})
}
