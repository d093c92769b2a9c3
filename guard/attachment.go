package guard

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"html"
	"io"
	"log/slog"
	"runtime/debug"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/proofdesk/proofdesk"
)

// An agent's attachment leaves with the reply, so the guard reads it too
// (issue 10 §2): plain text in UTF-8 or UTF-16, gzip, zip archives and the
// office formats that are zip archives of XML (docx, xlsx, pptx, odt, ods),
// and the text of PDF files, their compressed (FlateDecode) streams
// included. What it cannot read at all (an image, a scanned PDF, an
// encrypted or unknown format, an archive past the limits) is refused
// below the strictest level the policy's protected classes need
// (RuleUnreadableAttachment): the guard cannot tell it holds nothing.

// RuleUnreadableAttachment refuses a reply with an attachment the guard
// cannot read, below the level of the strictest protected class.
const RuleUnreadableAttachment = "unreadable_attachment"

// Limits of what AttachmentText reads: the text kept, the bytes
// decompressed, the archive entries and the nesting (an archive in a
// gzip in an archive...). Past them a file is unreadable.
const (
	maxAttachmentText  = 1 << 20
	maxDecompressed    = 16 << 20
	maxArchiveEntries  = 500
	maxAttachmentDepth = 4
)

// AttachmentText returns the text the guard reads from an attachment's
// bytes (name and contentType only help to pick the format; the bytes
// decide), and false when it cannot read it. It fails closed: a panic
// while reading (a malformed file hitting a bug) reads as unreadable, so
// the reply is held to UnreadableVerdict; it is logged without the bytes
// and counted in GuardErrors.
func AttachmentText(name, contentType string, data []byte) (text string, ok bool) {
	defer attachmentFailClosed(&text, &ok)
	r := &attReader{budget: maxDecompressed}
	ok = r.read(data, 0)
	if r.out.Len() > maxAttachmentText {
		return "", false
	}
	return r.out.String(), ok
}

// attachmentFailClosed, deferred by AttachmentText, turns a panic into
// "cannot read it" with no text.
func attachmentFailClosed(text *string, ok *bool) {
	r := recover()
	if r == nil {
		return
	}
	guardErrors.Add(1)
	slog.Error("guard: internal error reading an attachment, held as unreadable", slog.String("panic", fmt.Sprint(r)), slog.String("stack", string(debug.Stack())))
	*text, *ok = "", false
}

type attReader struct {
	out    strings.Builder
	budget int // bytes still to decompress
}

func (r *attReader) text(s string) {
	r.out.WriteString(s)
	r.out.WriteByte('\n')
}

// read adds the text of data; false when (some of) it cannot be read.
func (r *attReader) read(data []byte, depth int) bool {
	if depth > maxAttachmentDepth {
		return false
	}
	switch {
	case len(data) == 0:
		return true
	case bytes.HasPrefix(data, []byte{0x1f, 0x8b}):
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return false
		}
		b, ok := r.inflate(zr)
		return ok && r.read(b, depth+1)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return r.zip(data, depth)
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return r.pdf(data)
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return r.utf16(data[2:], data[0] == 0xfe)
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		data = data[3:]
	}
	if utf8.Valid(data) && !bytes.ContainsRune(data, 0) {
		r.text(string(data))
		return true
	}
	// UTF-16 without a byte order mark: every other byte zero
	if len(data) >= 4 && len(data)%2 == 0 {
		even, odd := 0, 0
		for i := 0; i+1 < len(data); i += 2 {
			if data[i] == 0 {
				even++
			}
			if data[i+1] == 0 {
				odd++
			}
		}
		if half := len(data) / 2; odd > half*3/4 {
			return r.utf16(data, false)
		} else if even > half*3/4 {
			return r.utf16(data, true)
		}
	}
	return false
}

func (r *attReader) inflate(rd io.Reader) ([]byte, bool) {
	b, err := io.ReadAll(io.LimitReader(rd, int64(r.budget)+1))
	if err != nil || len(b) > r.budget {
		return nil, false
	}
	r.budget -= len(b)
	return b, true
}

func (r *attReader) utf16(b []byte, bigEndian bool) bool {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	r.text(string(utf16.Decode(u)))
	return true
}

// zip reads every entry: XML (the office formats) as its text, anything
// else as a file of its own.
func (r *attReader) zip(data []byte, depth int) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil || len(zr.File) > maxArchiveEntries {
		return false
	}
	ok := true
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		if f.Flags&0x1 != 0 {
			return false // encrypted
		}
		rc, err := f.Open()
		if err != nil {
			return false
		}
		b, readOK := r.inflate(rc)
		rc.Close()
		if !readOK {
			return false
		}
		name := strings.ToLower(f.Name)
		switch {
		case strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") || bytes.HasPrefix(bytes.TrimSpace(b), []byte("<?xml")):
			r.text(xmlText(b))
		case strings.HasPrefix(name, "thumbnails/") || strings.HasSuffix(name, "/thumbnail.png") || name == "mimetype":
			// the office formats' preview image and type marker
		default:
			ok = r.read(b, depth+1) && ok
		}
	}
	return ok
}

// xmlText returns the character data of an XML document, each element's
// text on its own, entities decoded: "<w:t>12 Rue</w:t><w:t>de la
// Paix</w:t>" reads "12 Rue de la Paix" (a run split by formatting stays
// one phrase: tags inside a paragraph are dropped, paragraph ends become
// new lines).
func xmlText(b []byte) string {
	var out strings.Builder
	for len(b) > 0 {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			out.Write(b)
			break
		}
		out.Write(b[:i])
		j := bytes.IndexByte(b[i:], '>')
		if j < 0 {
			break
		}
		tag := b[i+1 : i+j]
		if bytes.HasPrefix(tag, []byte("/w:p")) || bytes.HasPrefix(tag, []byte("/text:p")) || bytes.HasPrefix(tag, []byte("/a:p")) ||
			bytes.HasPrefix(tag, []byte("/si")) || bytes.HasPrefix(tag, []byte("/c")) || bytes.HasPrefix(tag, []byte("/row")) {
			out.WriteByte('\n')
		} else if bytes.HasPrefix(tag, []byte("w:tab")) || bytes.HasPrefix(tag, []byte("text:s")) || bytes.HasPrefix(tag, []byte("/v")) {
			out.WriteByte(' ')
		}
		b = b[i+j+1:]
	}
	return html.UnescapeString(out.String())
}

// pdf reads the strings of a PDF's text operators, in its streams
// (FlateDecode ones inflated) and outside them. A PDF with no text at all
// (a scan) is unreadable.
func (r *attReader) pdf(data []byte) bool {
	var text strings.Builder
	rest := data
	for {
		i := bytes.Index(rest, []byte("stream"))
		if i < 0 {
			break
		}
		// "endstream" also contains "stream": skip it
		if i >= 3 && string(rest[i-3:i]) == "end" {
			rest = rest[i+6:]
			continue
		}
		body := rest[i+6:]
		body = bytes.TrimPrefix(body, []byte("\r"))
		body = bytes.TrimPrefix(body, []byte("\n"))
		end := bytes.Index(body, []byte("endstream"))
		if end < 0 {
			break
		}
		content := body[:end]
		dict := rest[max(0, i-512):i]
		if bytes.Contains(dict, []byte("/FlateDecode")) {
			zr, err := zlib.NewReader(bytes.NewReader(content))
			if err != nil {
				return false
			}
			b, ok := r.inflate(zr)
			if !ok {
				return false
			}
			content = b
		}
		pdfStrings(&text, content)
		rest = body[end+9:]
	}
	if text.Len() == 0 {
		pdfStrings(&text, data)
	}
	if strings.TrimSpace(text.String()) == "" {
		// no text drawn: a scan, unless the file is text itself
		if utf8.Valid(data) && !bytes.ContainsRune(data, 0) {
			r.text(string(data))
			return true
		}
		return false
	}
	r.text(text.String())
	return true
}

// pdfStrings appends the literal "(…)" and hex "<…>" strings of content
// operators in b: the text a PDF draws. A string array's pieces ("[(12)
// -250 (Rue)] TJ") are joined; each text operator ends a line.
func pdfStrings(out *strings.Builder, b []byte) {
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '(':
			depth := 1
			j := i + 1
			for ; j < len(b) && depth > 0; j++ {
				switch b[j] {
				case '\\':
					if j+1 < len(b) {
						j++
						switch c := b[j]; {
						case c == 'n' || c == 'r' || c == 't':
							out.WriteByte(' ')
						case c >= '0' && c <= '7':
							v := 0
							k := 0
							for ; k < 3 && j+k < len(b) && b[j+k] >= '0' && b[j+k] <= '7'; k++ {
								v = v*8 + int(b[j+k]-'0')
							}
							j += k - 1
							out.WriteByte(byte(v))
						default:
							out.WriteByte(c)
						}
					}
				case '(':
					depth++
					out.WriteByte('(')
				case ')':
					depth--
					if depth > 0 {
						out.WriteByte(')')
					}
				default:
					out.WriteByte(b[j])
				}
			}
			i = j - 1
		case '<':
			if i+1 < len(b) && b[i+1] == '<' {
				i++
				continue // a dictionary
			}
			j := i + 1
			var hex []byte
			for ; j < len(b) && b[j] != '>'; j++ {
				if isHex(b[j]) {
					hex = append(hex, b[j])
				}
			}
			for k := 0; k+1 < len(hex); k += 2 {
				if c := hexVal(hex[k])<<4 | hexVal(hex[k+1]); c != 0 {
					out.WriteByte(c)
				}
			}
			i = j
		case 'T':
			if i+1 < len(b) && (b[i+1] == 'j' || b[i+1] == 'J' || b[i+1] == '*') {
				out.WriteByte('\n')
			}
		case '\'', '"':
			out.WriteByte('\n')
		}
	}
}

// UnreadableVerdict is the verdict on a reply with an attachment the guard
// cannot read, at level under policy p (nil: the default): blocked below
// the strictest level of the protected classes.
func UnreadableVerdict(p *proofdesk.Policy, level proofdesk.Level) Verdict {
	if p == nil {
		p = proofdesk.DefaultPolicy()
	}
	need := proofdesk.L0
	for _, c := range []string{proofdesk.ClassEmail, proofdesk.ClassPhone, proofdesk.ClassAddress, proofdesk.ClassDateOfBirth,
		proofdesk.ClassPayment, proofdesk.ClassOrders} {
		need = max(need, p.ClassLevel(c))
	}
	return Verdict{Blocked: level < need, Rule: RuleUnreadableAttachment, Class: "attachment", RequiredLevel: need}
}
