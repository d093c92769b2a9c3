package proofdesk_test

import (
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
)

func TestSanitizeFilename(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"report.pdf", "report.pdf"},
		{`C:\Users\jane\Desktop\invoice.pdf`, "invoice.pdf"},
		{"../../etc/passwd", "passwd"},
		{".htaccess", "htaccess"},
		{"", "attachment"},
		{"..", "attachment"},
		{"/", "attachment"},
		// U+202E RIGHT-TO-LEFT OVERRIDE would show "invoice\u202Efdp.exe" as "invoiceexe.pdf".
		{"invoice\u202efdp.exe", "invoicefdp.exe"},
		{"a\u2066b\u2069c\u200fd.txt", "abcd.txt"},
		{"tab\there\nnewline.txt", "tab here newline.txt"},
		{"bad\xffutf8.txt", "badutf8.txt"},
		{"Ünïcödé 名前.png", "Ünïcödé 名前.png"},
		// Zero-width characters would split a value the guard looks for.
		{"742\u200bEvergreen\u2060 Terrace\ufeff.pdf", "742Evergreen Terrace.pdf"},
		{"  spaced  .txt ", "spaced  .txt"},
	}
	for _, tt := range tests {
		if got := proofdesk.SanitizeFilename(tt.in); got != tt.want {
			t.Errorf("SanitizeFilename(%q)=%q, want %q", tt.in, got, tt.want)
		}
	}
	long := strings.Repeat("é", 150) + ".pdf" // 300 bytes of name
	got := proofdesk.SanitizeFilename(long)
	if len(got) > 200 || !strings.HasSuffix(got, ".pdf") || !strings.HasPrefix(got, "éé") || strings.ContainsRune(got, '\uFFFD') {
		t.Fatalf("long name=%q (%d bytes), want at most 200 bytes, whole runes, .pdf kept", got, len(got))
	}
}

func TestCheckAttachments(t *testing.T) {
	t.Parallel()
	ok := []*proofdesk.Attachment{{Filename: "a/b.txt", Data: []byte("x")}}
	if err := proofdesk.CheckAttachments(ok, 10); err != nil || ok[0].Filename != "b.txt" || ok[0].ContentType != "application/octet-stream" || ok[0].Size != 1 {
		t.Fatalf("err=%v attachment=%+v", err, ok[0])
	}
	big := []*proofdesk.Attachment{{Filename: "big.bin", Data: make([]byte, 11<<20)}}
	if err := proofdesk.CheckAttachments(big, proofdesk.MaxAttachmentBytes); proofdesk.ErrorCode(err) != proofdesk.EINVALID ||
		!strings.Contains(proofdesk.ErrorMessage(err), "the limit is 10 MiB per file") || !strings.Contains(proofdesk.ErrorMessage(err), "is 11 MiB") {
		t.Fatalf("too big: err=%v", err)
	}
	many := make([]*proofdesk.Attachment, proofdesk.MaxAttachmentsPerMessage+1)
	for i := range many {
		many[i] = &proofdesk.Attachment{Filename: "f", Data: []byte("x")}
	}
	if err := proofdesk.CheckAttachments(many, 10); !strings.Contains(proofdesk.ErrorMessage(err), "at most 10 files") {
		t.Fatalf("too many: err=%v", err)
	}
	if err := proofdesk.CheckAttachments([]*proofdesk.Attachment{{Filename: "empty.txt"}}, 10); !strings.Contains(proofdesk.ErrorMessage(err), "is empty") {
		t.Fatalf("empty: err=%v", err)
	}
}
