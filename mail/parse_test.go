package mail

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/proofdesk/proofdesk"
)

// mustParseFile parses testdata/name with default limits.
func mustParseFile(tb testing.TB, name string) *Inbound {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	in, err := Parse(bytes.NewReader(b), Limits{})
	if err != nil {
		tb.Fatalf("Parse(%s): %v", name, err)
	}
	return in
}

// summary is the comparable part of an Inbound: attachments without data.
type summary struct {
	From                 Address
	To, Cc               []Address
	Subject              string
	MessageID, InReplyTo string
	References           []string
	Text, Stripped       string
	FromHTML             bool
	Attachments          []string
	Defects              []string
}

func summarize(in *Inbound) summary {
	s := summary{
		From: in.From, To: in.To, Cc: in.Cc, Subject: in.Subject,
		MessageID: in.MessageID, InReplyTo: in.InReplyTo, References: in.References,
		Text: in.TextBody, Stripped: in.StrippedBody, FromHTML: in.FromHTML, Defects: in.Defects,
	}
	for _, a := range in.Attachments {
		s.Attachments = append(s.Attachments, fmt.Sprintf("%s %s %d", a.Filename, a.ContentType, a.Size))
	}
	return s
}

var support = []Address{{Address: "support@shop.example"}}

func TestParse_Fixtures(t *testing.T) {
	tests := []struct {
		file string
		want summary
	}{
		{"plain.eml", summary{
			From:      Address{Name: "Jane Doe", Address: "Jane.Doe@example.com"},
			To:        support,
			Cc:        []Address{{Name: "Ops, Team", Address: "ops@shop.example"}, {Address: "backup@shop.example"}},
			Subject:   "Where is my order?",
			MessageID: "plain-1@mail.example.com",
			Text:      "Hello,\n\nmy order 1234 has not arrived yet. Can you check?\n\nThanks,\nJane",
			Stripped:  "Hello,\n\nmy order 1234 has not arrived yet. Can you check?\n\nThanks,\nJane",
		}},
		{"html_script.eml", summary{
			From:      Address{Name: "Mark", Address: "mark@example.org"},
			To:        support,
			Subject:   "Café order",
			MessageID: "html-1@example.org",
			Text:      "Hello & welcome,\n\nMy order is late. Please!\n\nCafé <3\nlink",
			Stripped:  "Hello & welcome,\n\nMy order is late. Please!\n\nCafé <3\nlink",
			FromHTML:  true,
		}},
		{"alternative.eml", summary{
			From:      Address{Name: "Ana", Address: "ana@example.net"},
			To:        support,
			Subject:   "Refund question",
			MessageID: "alt-1@example.net",
			Text:      "I would like a refund for order 77. Thanks — Ana",
			Stripped:  "I would like a refund for order 77. Thanks — Ana",
		}},
		{"attachment.eml", summary{
			From:        Address{Name: "Li", Address: "li@example.com"},
			To:          support,
			Subject:     "Invoice attached",
			MessageID:   "att-1@example.com",
			Text:        "Please see the invoice attached.",
			Stripped:    "Please see the invoice attached.",
			Attachments: []string{"invoice.pdf application/pdf 286"},
		}},
		{"reply_gmail.eml", summary{
			From:       Address{Name: "Jane Doe", Address: "jane.doe@example.com"},
			To:         support,
			Subject:    "Re: Where is my order?",
			MessageID:  "CAgmail-2@mail.gmail.com",
			InReplyTo:  "pd-reply-1@shop.example",
			References: []string{"plain-1@mail.example.com", "pd-reply-1@shop.example"},
			Text: "Thanks, it arrived today.\n\n-- \nJane Doe\nSent from my phone\n\n" +
				"On Tue, Jun 3, 2025 at 9:02 AM Proofdesk Support <support@shop.example>\nwrote:\n\n" +
				"> Hello Jane,\n>\n> your parcel is on its way.\n>",
			Stripped: "Thanks, it arrived today.",
		}},
		{"reply_outlook.eml", summary{
			From:       Address{Name: "Smith, Bob", Address: "bob.smith@corp.example"},
			To:         support,
			Subject:    "RE: Address change",
			MessageID:  "DB7PR01MB@eurprd01.prod.outlook.com",
			InReplyTo:  "pd-reply-9@shop.example",
			References: []string{"pd-first-9@shop.example", "pd-reply-9@shop.example"},
			Text: "Yes please go ahead.\n\nRegards\nBob\n\n________________________________\n" +
				"From: Proofdesk Support <support@shop.example>\nSent: Tuesday, June 3, 2025 10:00 AM\n" +
				"To: Smith, Bob <bob.smith@corp.example>\nSubject: Address change\n\nPlease confirm the change.\n\n" +
				"-----Original Message-----\nFrom: Bob\nEarlier text.",
			Stripped: "Yes please go ahead.\n\nRegards\nBob",
		}},
		{"latin1.eml", summary{
			From:      Address{Name: "René Müller", Address: "rene@example.de"},
			To:        support,
			Subject:   "Rückerstattung für Bestellung",
			MessageID: "latin1-1@example.de",
			Text:      "Grüße aus München, ich möchte eine Rückerstattung.",
			Stripped:  "Grüße aus München, ich möchte eine Rückerstattung.",
		}},
		{"unknown_charset.eml", summary{
			From:      Address{Name: "Zed", Address: "zed@example.com"},
			To:        support,
			Subject:   "Qaplaé", // an unknown charset: the bytes read as Windows-1252
			MessageID: "unknown-1@example.com",
			Text:      "Hello éÿ world, order 55.",
			Stripped:  "Hello éÿ world, order 55.",
			Defects:   []string{DefectUnknownCharset},
		}},
		{"nested.eml", summary{
			From:        Address{Name: "Nia", Address: "nia@example.com"},
			To:          support,
			Subject:     "Photo of the damage",
			MessageID:   "nested-1@example.com",
			Text:        "The box arrived crushed, photo below.",
			Stripped:    "The box arrived crushed, photo below.",
			Attachments: []string{"attachment-1 image/png 15", "items.csv text/csv 12"},
		}},
		{"reply_token.eml", summary{
			From:      Address{Name: "Jane Doe", Address: "jane.doe@example.com"},
			To:        support,
			Subject:   "Re: Where is my order? [#cnv_abcdefghijklmnopqrst]",
			MessageID: "token-reply-1@example.com",
			Text:      "Any news?\n\nOn Wed, 4 Jun 2025 at 11:00, Support <support@shop.example> wrote:\n> We are looking into it.",
			Stripped:  "Any news?",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			in := mustParseFile(t, tt.file)
			if diff := cmp.Diff(tt.want, summarize(in)); diff != "" {
				t.Fatalf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParse_HeaderDetails(t *testing.T) {
	in := mustParseFile(t, "plain.eml")
	want := time.Date(2025, 6, 2, 8, 15, 0, 0, time.UTC)
	if !in.Date.Equal(want) {
		t.Fatalf("Date=%v, want %v", in.Date, want)
	}
	b, _ := os.ReadFile("testdata/plain.eml")
	if in.Size != int64(len(b)) {
		t.Fatalf("Size=%d, want %d", in.Size, len(b))
	}

	att := mustParseFile(t, "attachment.eml").Attachments[0]
	if !bytes.HasPrefix(att.Data, []byte("%PDF-1.4")) || int64(len(att.Data)) != att.Size {
		t.Fatalf("attachment data not decoded: size %d, prefix %q", att.Size, att.Data[:8])
	}
}

// buildNested returns a message nesting multiparts depth levels deep.
func buildNested(depth int) string {
	var b strings.Builder
	b.WriteString("From: a@example.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\n")
	for i := 0; i < depth; i++ {
		fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n--b%d\r\n", i, i)
	}
	b.WriteString("Content-Type: text/plain\r\n\r\ndeep text\r\n")
	for i := depth - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "--b%d--\r\n", i)
	}
	return b.String()
}

// buildMixed returns a multipart/mixed message with n attachments of size
// bytes each.
func buildMixed(n, size int) string {
	var b strings.Builder
	b.WriteString("From: a@example.com\r\nSubject: files\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"m\"\r\n\r\n")
	b.WriteString("--m\r\nContent-Type: text/plain\r\n\r\nsee files\r\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "--m\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"f%d.bin\"\r\n\r\n%s\r\n", i, strings.Repeat("x", size))
	}
	b.WriteString("--m--\r\n")
	return b.String()
}

func TestParse_Limits(t *testing.T) {
	tests := []struct {
		name     string
		msg      string
		lim      Limits
		wantCode int // 0: accepted
	}{
		{"message too large", "Subject: x\r\n\r\n" + strings.Repeat("a", 2000), Limits{MaxMessageBytes: 1000}, CodeTooLarge},
		{"message at limit", "Subject: x\r\n\r\n" + strings.Repeat("a", 986), Limits{MaxMessageBytes: 1000}, 0},
		{"header too large", "Subject: " + strings.Repeat("a", 5000) + "\r\n\r\nbody", Limits{MaxHeaderBytes: 1024}, CodeTooLarge},
		{"attachment too large", buildMixed(1, 2000), Limits{MaxAttachmentBytes: 1000}, CodeTooLarge},
		{"attachment at limit", buildMixed(1, 1000), Limits{MaxAttachmentBytes: 1000}, 0},
		{"too many attachments", buildMixed(4, 10), Limits{MaxAttachments: 3}, CodeRejected},
		{"attachments at limit", buildMixed(3, 10), Limits{MaxAttachments: 3}, 0},
		{"too deep", buildNested(5), Limits{MaxDepth: 4}, CodeRejected},
		{"depth at limit", buildNested(4), Limits{MaxDepth: 4}, 0},
		{"too many parts", buildMixed(10, 1), Limits{MaxParts: 5}, CodeRejected},
		{"malformed header", "this is not a header\r\n\r\nbody", Limits{}, CodeRejected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in, err := Parse(strings.NewReader(tt.msg), tt.lim)
			if tt.wantCode == 0 {
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				if in == nil {
					t.Fatal("nil Inbound")
				}
				return
			}
			var pe *proofdesk.Error
			if !errors.As(err, &pe) || pe.Code != proofdesk.EINVALID {
				t.Fatalf("err=%v, want EINVALID *proofdesk.Error", err)
			}
			if got := pe.Details[DetailSMTPCode]; got != tt.wantCode {
				t.Fatalf("smtp code=%v, want %d", got, tt.wantCode)
			}
			if se := SMTPError(err); se.Code != tt.wantCode || se.Message != pe.Message {
				t.Fatalf("SMTPError=%d %q, want %d %q", se.Code, se.Message, tt.wantCode, pe.Message)
			}
		})
	}
}

func TestParse_Malformed(t *testing.T) {
	tests := []struct {
		name        string
		msg         string
		wantText    string
		wantDefects []string
	}{
		{
			name:        "missing final boundary",
			msg:         "From: a@example.com\r\nContent-Type: multipart/mixed; boundary=\"x\"\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nhello there\r\n",
			wantText:    "hello there",
			wantDefects: []string{DefectMalformedBody, DefectMalformedMultipart},
		},
		{
			name:        "no boundary parameter",
			msg:         "From: a@example.com\r\nContent-Type: multipart/mixed\r\n\r\nraw text kept\r\n",
			wantText:    "raw text kept",
			wantDefects: []string{DefectMalformedMultipart},
		},
		{
			name:        "boundary never appears",
			msg:         "From: a@example.com\r\nContent-Type: multipart/alternative; boundary=zzz\r\n\r\njust text\r\n",
			wantText:    "just text",
			wantDefects: []string{DefectMalformedMultipart},
		},
		{
			name:        "bad base64 body",
			msg:         "From: a@example.com\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\naGVsbG8=!!!***\r\n",
			wantText:    "hello",
			wantDefects: []string{DefectMalformedBody},
		},
		{
			name:        "unknown transfer encoding",
			msg:         "From: a@example.com\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nkept as is\r\n",
			wantText:    "kept as is",
			wantDefects: []string{DefectUnknownEncoding},
		},
		{
			name:        "bad content type",
			msg:         "From: a@example.com\r\nContent-Type: ;;;===\r\n\r\nplain anyway\r\n",
			wantText:    "plain anyway",
			wantDefects: nil,
		},
		{
			name:        "bad from and date",
			msg:         "From: <<<not an address\r\nDate: yesterday\r\n\r\nhi\r\n",
			wantText:    "hi",
			wantDefects: []string{DefectBadAddress, DefectBadDate},
		},
		{
			name:        "binary and control characters",
			msg:         "From: a@example.com\r\n\r\nA\x00B\x1b[31mC\u202eD\r\n",
			wantText:    "AB[31mCD",
			wantDefects: nil,
		},
		{
			name:     "empty",
			msg:      "",
			wantText: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in, err := Parse(strings.NewReader(tt.msg), Limits{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if in.TextBody != tt.wantText {
				t.Fatalf("TextBody=%q, want %q", in.TextBody, tt.wantText)
			}
			if diff := cmp.Diff(tt.wantDefects, in.Defects); diff != "" {
				t.Fatalf("Defects mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// benchMessage returns a typical ~20 KB multipart message: a reply with
// quoted history in plain text and HTML, and a small PDF attachment.
func benchMessage() []byte {
	var b strings.Builder
	b.WriteString("From: Jane Doe <jane.doe@example.com>\r\nTo: support@shop.example\r\n" +
		"Subject: Re: Where is my order? [#cnv_abcdefghijklmnopqrst]\r\nDate: Mon, 02 Jun 2025 10:15:00 +0200\r\n" +
		"Message-ID: <bench@example.com>\r\nIn-Reply-To: <r2@shop.example>\r\nReferences: <r1@example.com> <r2@shop.example>\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"mix\"\r\n\r\n" +
		"--mix\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n" +
		"--alt\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	b.WriteString("Thanks, I still have not received the parcel. Could you check again?\r\n\r\n")
	b.WriteString("On Mon, 2 Jun 2025 at 09:00, Support <support@shop.example> wrote:\r\n")
	for i := 0; i < 60; i++ {
		b.WriteString("> We are looking into your order and will come back to you shortly =E2=80=94 s=\r\nupport.\r\n")
	}
	b.WriteString("\r\n--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><style>p{margin:0}</style></head><body>")
	b.WriteString("<p>Thanks, I still have not received the parcel. Could you check again?</p><div class=\"gmail_quote\">")
	for i := 0; i < 50; i++ {
		b.WriteString("<p>We are looking into your order &amp; will come back to you <b>shortly</b>.</p>\r\n")
	}
	b.WriteString("</div></body></html>\r\n--alt--\r\n\r\n--mix\r\nContent-Type: application/pdf; name=\"receipt.pdf\"\r\n" +
		"Content-Disposition: attachment; filename=\"receipt.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	line := strings.Repeat("QUJD", 19)
	for b.Len() < 20<<10-200 {
		b.WriteString(line + "\r\n")
	}
	b.WriteString("--mix--\r\n")
	return []byte(b.String())
}

func BenchmarkParse(b *testing.B) {
	msg := benchMessage()
	b.SetBytes(int64(len(msg)))
	b.ReportAllocs()
	for b.Loop() {
		in, err := Parse(bytes.NewReader(msg), Limits{})
		if err != nil || len(in.Attachments) != 1 || in.StrippedBody == "" {
			b.Fatalf("Parse: %v", err)
		}
	}
}
