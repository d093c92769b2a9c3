package mail

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/proofdesk/proofdesk"
)

// fuzzLimits are small so that the fuzzer reaches every limit quickly.
var fuzzLimits = Limits{
	MaxMessageBytes:    256 << 10,
	MaxHeaderBytes:     64 << 10,
	MaxAttachmentBytes: 32 << 10,
	MaxAttachments:     8,
	MaxDepth:           6,
	MaxParts:           40,
}

// FuzzParse checks that Parse never panics, refuses only with an EINVALID
// error carrying an SMTP code, and returns clean text within the limits.
// Seeds: testdata/*.eml and testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.eml")
	cases, _ := filepath.Glob("testdata/cases/*.eml")
	for _, name := range append(files, cases...) {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = HTMLToText(string(data))
		_ = StripQuoted(string(data))
		// The desk's texts: the data's halves, which it quotes.
		half := len(data) / 2
		_ = StripQuotedSubject(string(data), "Re: x", string(data[:half]), string(data[half:]))

		in, err := Parse(bytes.NewReader(data), fuzzLimits)
		if err != nil {
			var pe *proofdesk.Error
			if !errors.As(err, &pe) || pe.Code != proofdesk.EINVALID {
				t.Fatalf("error %v is not an EINVALID *proofdesk.Error", err)
			}
			if c := pe.Details[DetailSMTPCode]; c != CodeTooLarge && c != CodeRejected {
				t.Fatalf("smtp code=%v", c)
			}
			return
		}
		if in.Size != int64(len(data)) {
			t.Fatalf("Size=%d, want %d", in.Size, len(data))
		}
		for name, s := range map[string]string{"TextBody": in.TextBody, "StrippedBody": in.StrippedBody, "Subject": in.Subject, "From": in.From.Address} {
			if !utf8.ValidString(s) {
				t.Fatalf("%s is not valid UTF-8: %q", name, s)
			}
			if strings.ContainsAny(s, "\x00\r\x1b\u202e") {
				t.Fatalf("%s holds control characters: %q", name, s)
			}
		}
		if strings.Contains(in.Subject, "\n") {
			t.Fatalf("Subject holds a line break: %q", in.Subject)
		}
		if in.TextBody != "" && in.StrippedBody == "" {
			t.Fatal("StrippedBody empty while TextBody is not")
		}
		if len(in.Attachments) > fuzzLimits.MaxAttachments {
			t.Fatalf("%d attachments, limit %d", len(in.Attachments), fuzzLimits.MaxAttachments)
		}
		for _, a := range in.Attachments {
			if a.Size != int64(len(a.Data)) || a.Size > fuzzLimits.MaxAttachmentBytes {
				t.Fatalf("attachment size %d, data %d, limit %d", a.Size, len(a.Data), fuzzLimits.MaxAttachmentBytes)
			}
			if a.Filename == "" || strings.ContainsAny(a.Filename, "/\\\x00") || strings.HasPrefix(a.Filename, ".") {
				t.Fatalf("unsafe filename %q", a.Filename)
			}
		}
	})
}

// FuzzDecodeTNEF checks that the winmail.dat decoder never panics nor
// reads past its input, whatever the lengths in the stream say.
func FuzzDecodeTNEF(f *testing.F) {
	f.Add(tnefStream(tnefAttr{1, attBody, []byte("text\x00")}, tnefAttr{2, attAttachRenddata, nil},
		tnefAttr{2, attAttachTitle, []byte("a.txt\x00")}, tnefAttr{2, attAttachData, []byte("x")}))
	f.Add(tnefStream(tnefAttr{1, attMAPIProps, []byte{2, 0, 0, 0, 0x1f, 0, 0, 0x10, 1, 0, 0, 0, 255, 255, 255, 255}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, _ := decodeTNEF(data)
		if c != nil {
			for _, file := range c.files {
				if len(file.data) > len(data) {
					t.Fatalf("file of %d bytes from %d bytes of input", len(file.data), len(data))
				}
			}
		}
		_ = mapiProps(data)
	})
}
