package guard

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/proofdesk/proofdesk"
)

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func zipOf(files map[string]string) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, body := range files {
		f, _ := w.Create(name)
		f.Write([]byte(body))
	}
	w.Close()
	return buf.Bytes()
}

func utf16Of(s string, bigEndian, bom bool) []byte {
	var out []byte
	if bom {
		if bigEndian {
			out = append(out, 0xfe, 0xff)
		} else {
			out = append(out, 0xff, 0xfe)
		}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// pdfOf is a minimal PDF whose page draws lines with Tj and TJ, its
// content stream compressed (FlateDecode) when flate is set.
func pdfOf(lines []string, flate bool) []byte {
	var content bytes.Buffer
	content.WriteString("BT /F1 12 Tf 72 712 Td\n")
	for i, l := range lines {
		if i%2 == 0 {
			fmt.Fprintf(&content, "(%s) Tj T*\n", strings.NewReplacer("(", `\(`, ")", `\)`).Replace(l))
		} else {
			// a TJ array with a kerning gap inside a word
			half := len(l) / 2
			fmt.Fprintf(&content, "[(%s) -20 (%s)] TJ T*\n", l[:half], l[half:])
		}
	}
	content.WriteString("ET\n")
	stream, filter := content.Bytes(), ""
	if flate {
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		w.Write(stream)
		w.Close()
		stream, filter = z.Bytes(), " /Filter /FlateDecode"
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n")
	b.WriteString("2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n")
	b.WriteString("3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n")
	fmt.Fprintf(&b, "4 0 obj << /Length %d%s >>\nstream\n", len(stream), filter)
	b.Write(stream)
	b.WriteString("\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	return b.Bytes()
}

// TestAttachmentText: the value inside every readable format is found by
// the guard; what cannot be read is reported unreadable and refused below
// the strictest level.
func TestAttachmentText(t *testing.T) {
	m := NewMatcher(elodie(), nil, Options{})
	docx := zipOf(map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types/>`,
		"word/document.xml": `<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>Customer: </w:t></w:r>` +
			`<w:r><w:rPr><w:b/></w:rPr><w:t>12 Rue de la </w:t></w:r><w:r><w:t>Paix, 75002 Paris</w:t></w:r></w:p></w:body></w:document>`,
	})
	odt := zipOf(map[string]string{
		"mimetype":    "application/vnd.oasis.opendocument.text",
		"content.xml": `<?xml version="1.0"?><office:document-content><office:body><text:p>Mobile&#160;: 06 47 21 83 90</text:p></office:body></office:document-content>`,
	})
	xlsx := zipOf(map[string]string{
		"xl/sharedStrings.xml":     `<?xml version="1.0"?><sst><si><t>email</t></si><si><t>elodie.martin@exemple.fr</t></si></sst>`,
		"xl/worksheets/sheet1.xml": `<?xml version="1.0"?><worksheet><sheetData><row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row></sheetData></worksheet>`,
	})
	leaks := []struct {
		name  string
		data  []byte
		class string
	}{
		{"notes.txt", []byte("Card ending 7158"), proofdesk.ClassPayment},
		{"notes.txt.gz", gz([]byte("Phone: 06 47 21 83 90")), proofdesk.ClassPhone},
		{"export.csv", utf16Of("name;phone\nElodie;+33 6 47 21 83 90\n", false, true), proofdesk.ClassPhone},
		{"export-be.csv", utf16Of("Adresse: 12 Rue de la Paix", true, true), proofdesk.ClassAddress},
		{"nobom.txt", utf16Of("Adresse: 12 Rue de la Paix, Paris", false, false), proofdesk.ClassAddress},
		{"letter.docx", docx, proofdesk.ClassAddress},
		{"letter.odt", odt, proofdesk.ClassPhone},
		{"sheet.xlsx", xlsx, proofdesk.ClassEmail},
		{"archive.zip", zipOf(map[string]string{"inner/dob.txt": "Born 3 November 1979"}), proofdesk.ClassDateOfBirth},
		{"nested.zip.gz", gz(zipOf(map[string]string{"a.txt.gz": string(gz([]byte("Card ending 7158")))})), proofdesk.ClassPayment},
		{"label.pdf", pdfOf([]string{"Return label", "12 Rue de la Paix", "75002 Paris"}, true), proofdesk.ClassAddress},
		{"plain.pdf", pdfOf([]string{"Mobile 06 47 21 83 90"}, false), proofdesk.ClassPhone},
	}
	for _, l := range leaks {
		text, ok := AttachmentText(l.name, "", l.data)
		if !ok {
			t.Errorf("%s: unreadable", l.name)
			continue
		}
		if v := m.Check(text, proofdesk.L0, nil); !v.Blocked || v.Class != l.class {
			t.Errorf("%s: %+v on %q, want blocked %s", l.name, v, text, l.class)
		}
	}
	innocent := []struct {
		name string
		data []byte
	}{
		{"guide.pdf", pdfOf([]string{"How to return an item", "Pack it well"}, true)},
		{"terms.docx", zipOf(map[string]string{"word/document.xml": `<w:document><w:p><w:t>Returns within 30 days.</w:t></w:p></w:document>`})},
		{"empty.txt", nil},
	}
	for _, l := range innocent {
		text, ok := AttachmentText(l.name, "", l.data)
		if !ok {
			t.Errorf("%s: unreadable", l.name)
		} else if v := m.Check(text, proofdesk.L0, nil); v.Blocked {
			t.Errorf("%s: blocked %+v on %q", l.name, v, text)
		}
	}
	encrypted := zipOf(map[string]string{"a.txt": "x"})
	encrypted[6] |= 1 // the local header's encryption flag
	if i := bytes.Index(encrypted, []byte("PK\x01\x02")); i >= 0 {
		encrypted[i+8] |= 1 // and the central directory's
	}
	bomb := gz(bytes.Repeat([]byte("a"), maxDecompressed+1))
	for _, u := range []struct {
		name string
		data []byte
	}{
		{"photo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")},
		{"scan.pdf", append([]byte("%PDF-1.4\n1 0 obj << /Length 4 /Filter /DCTDecode >>\nstream\n"), []byte("\xff\xd8\xff\xe0\x00\x10JFIF\nendstream\nendobj\n")...)},
		{"secret.zip", encrypted},
		{"bomb.gz", bomb},
		{"random.bin", []byte{0x00, 0x01, 0xfe, 0x80, 0x81, 0x02, 0x03}},
	} {
		if _, ok := AttachmentText(u.name, "", u.data); ok {
			t.Errorf("%s: read as text, want unreadable", u.name)
		}
	}
	if v := UnreadableVerdict(nil, proofdesk.L0); !v.Blocked || v.Rule != RuleUnreadableAttachment || v.RequiredLevel != proofdesk.L2 {
		t.Errorf("UnreadableVerdict at L0: %+v", v)
	}
	if v := UnreadableVerdict(nil, proofdesk.L2); v.Blocked {
		t.Errorf("UnreadableVerdict at L2: %+v", v)
	}
}
