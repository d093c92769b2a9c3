package guard

import (
	"bytes"
	"compress/gzip"
	"testing"
)

// FuzzAttachmentText checks that AttachmentText never panics on the bytes
// of an attachment (zip, gzip, PDF with compressed streams, UTF-16: the
// guard reads them before a reply goes out) and never returns more text
// than its bound. Seeds: one of each format.
func FuzzAttachmentText(f *testing.F) {
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte("221B Baker Street"))
	w.Close()
	f.Add(gz.Bytes())
	f.Add(zipOf(map[string]string{"word/document.xml": "<w:t>06 47 21 83 90</w:t>", "a.txt": "NW1 6XE"}))
	f.Add(pdfOf([]string{"Baker Street", "NW1 6XE"}, true))
	f.Add(pdfOf([]string{"Baker Street"}, false))
	f.Add(utf16Of("06 47 21 83 90", true, true))
	f.Add([]byte("%PDF-1.7\n4 0 obj << /Length 99999 /Filter /FlateDecode >>\nstream\nx\x9c\nendstream"))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, _ := AttachmentText("f", "", data)
		if len(text) > maxAttachmentText {
			t.Fatalf("read %d bytes of text, past the bound %d", len(text), maxAttachmentText)
		}
	})
}
