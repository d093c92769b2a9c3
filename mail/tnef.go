package mail

import (
	"encoding/binary"
	"errors"
	"io"
	"mime"
	"strings"
	"unicode/utf16"

	"github.com/emersion/go-message"
)

// TNEF ("winmail.dat", application/ms-tnef) is how Outlook sends a mail's
// text and files inside one attachment. No maintained Go TNEF library
// resolves from this module proxy (github.com/teamwork/tnef is refused), so
// this is a bounded decoder of the parts of [MS-OXTNEF] a support desk
// needs: the message text (attBody, or PR_BODY / PR_BODY_HTML among the
// message's MAPI properties) and the attached files (attAttachTitle or
// PR_ATTACH_LONG_FILENAME, and attAttachData). A body sent only as
// compressed RTF (PR_RTF_COMPRESSED) is decompressed and its text, or the
// HTML it encapsulates, read (rtf.go); the winmail.dat itself is then kept
// as an attachment too, and the full original always is.

// TNEF constants from [MS-OXTNEF] §2.1.3.
const (
	tnefSignature = 0x223E9F78

	tnefLevelMessage    = 0x01
	tnefLevelAttachment = 0x02

	attBody           = 0x0002800C
	attMAPIProps      = 0x00069003
	attAttachRenddata = 0x00069002
	attAttachTitle    = 0x00018010
	attAttachData     = 0x0006800F
	attAttachment     = 0x00069005

	propBody          = 0x1000
	propRTFCompressed = 0x1009
	propBodyHTML      = 0x1013
	propAttachLongFN  = 0x3707
)

var errTNEF = errors.New("malformed TNEF")

type tnefFile struct {
	name string
	data []byte
}

type tnefContent struct {
	text  string
	html  string
	rtf   string // PR_RTF_COMPRESSED, as sent
	files []tnefFile
}

// decodeTNEF decodes a TNEF stream. Every length is checked against what
// is left, so a hostile stream cannot make it read or allocate beyond b.
func decodeTNEF(b []byte) (*tnefContent, error) {
	if len(b) < 6 || binary.LittleEndian.Uint32(b) != tnefSignature {
		return nil, errTNEF
	}
	b = b[6:] // signature and legacy key
	out := &tnefContent{}
	var cur *tnefFile
	for len(b) > 0 {
		if len(b) < 9 {
			return out, errTNEF
		}
		level, id, n := b[0], binary.LittleEndian.Uint32(b[1:]), binary.LittleEndian.Uint32(b[5:])
		b = b[9:]
		if uint64(n)+2 > uint64(len(b)) {
			return out, errTNEF
		}
		data, sum := b[:n], binary.LittleEndian.Uint16(b[n:])
		b = b[n+2:]
		var s uint16
		for _, c := range data {
			s += uint16(c)
		}
		if s != sum {
			return out, errTNEF
		}
		switch {
		case level == tnefLevelMessage && id == attBody:
			out.text = string(trimNUL(data))
		case level == tnefLevelMessage && id == attMAPIProps:
			props := mapiProps(data)
			if v, ok := props[propBody]; ok && out.text == "" {
				out.text = v
			}
			if v, ok := props[propBodyHTML]; ok {
				out.html = v
			}
			if v, ok := props[propRTFCompressed]; ok {
				out.rtf = v
			}
		case level == tnefLevelAttachment && id == attAttachRenddata:
			out.files = append(out.files, tnefFile{})
			cur = &out.files[len(out.files)-1]
		case level == tnefLevelAttachment && cur != nil && id == attAttachTitle:
			cur.name = string(trimNUL(data))
		case level == tnefLevelAttachment && cur != nil && id == attAttachData:
			cur.data = data
		case level == tnefLevelAttachment && cur != nil && id == attAttachment:
			if v, ok := mapiProps(data)[propAttachLongFN]; ok && v != "" {
				cur.name = v
			}
		}
	}
	return out, nil
}

func trimNUL(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	return b
}

// mapiProps reads the string and binary values of a MAPI property list
// ([MS-OXTNEF] §2.1.3.4), keyed by property ID. It stops at the first
// value it cannot read and returns what it has.
func mapiProps(b []byte) map[uint16]string {
	out := map[uint16]string{}
	u32 := func() (uint32, bool) {
		if len(b) < 4 {
			return 0, false
		}
		v := binary.LittleEndian.Uint32(b)
		b = b[4:]
		return v, true
	}
	skip := func(n uint64) bool {
		if n > uint64(len(b)) {
			return false
		}
		b = b[n:]
		return true
	}
	count, ok := u32()
	for i := uint32(0); ok && i < count; i++ {
		tag, ok2 := u32()
		if !ok2 {
			break
		}
		typ, id := uint16(tag), uint16(tag>>16)
		if id >= 0x8000 { // named property: GUID, kind, then ID or name
			if !skip(16) {
				break
			}
			kind, ok3 := u32()
			if !ok3 {
				break
			}
			if kind == 0 {
				if !skip(4) {
					break
				}
			} else {
				n, ok4 := u32()
				if !ok4 || !skip(pad4(uint64(n))) {
					break
				}
			}
		}
		multi := typ&0x1000 != 0
		typ &^= 0x1000
		values := uint32(1)
		if multi || typ == 0x001E || typ == 0x001F || typ == 0x0102 || typ == 0x000D {
			if values, ok = u32(); !ok {
				break
			}
		}
		for v := uint32(0); v < values; v++ {
			switch typ {
			case 0x0002, 0x0003, 0x0004, 0x000A, 0x000B:
				ok = skip(4)
			case 0x0005, 0x0006, 0x0007, 0x0014, 0x0040:
				ok = skip(8)
			case 0x0048:
				ok = skip(16)
			case 0x001E, 0x001F, 0x0102, 0x000D:
				var n uint32
				if n, ok = u32(); !ok || uint64(n) > uint64(len(b)) {
					ok = false
					break
				}
				val := b[:n]
				if !multi && v == 0 {
					switch typ {
					case 0x001F:
						out[id] = decodeUTF16LE(val)
					case 0x0102:
						if id == propRTFCompressed {
							out[id] = string(val) // its own header gives its size
						} else {
							out[id] = string(trimNUL(val))
						}
					case 0x001E:
						out[id] = string(trimNUL(val))
					}
				}
				ok = skip(pad4(uint64(n)))
			default:
				ok = false
			}
			if !ok {
				return out
			}
		}
	}
	return out
}

func pad4(n uint64) uint64 { return (n + 3) &^ 3 }

func decodeUTF16LE(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, binary.LittleEndian.Uint16(b[i:]))
	}
	for len(u) > 0 && u[len(u)-1] == 0 {
		u = u[:len(u)-1]
	}
	return string(utf16.Decode(u))
}

// tnef decodes a winmail.dat part: its text joins the message's text and
// its files its attachments. What cannot be decoded stays an attachment.
func (w *walker) tnef(e *message.Entity) error {
	data, err := io.ReadAll(io.LimitReader(e.Body, w.lim.MaxAttachmentBytes+1))
	if int64(len(data)) > w.lim.MaxAttachmentBytes {
		return reject(CodeTooLarge, "An attachment exceeds the maximum size of %d bytes.", w.lim.MaxAttachmentBytes)
	}
	if err != nil {
		w.defect(DefectMalformedBody)
	}
	t, err := decodeTNEF(data)
	if t == nil || (err != nil && t.text == "" && t.html == "" && len(t.files) == 0) {
		w.defect(DefectMalformedBody)
		return w.attach("winmail.dat", "application/ms-tnef", "", data)
	}
	if err != nil {
		// Partly readable: keep what was decoded and the file as sent.
		w.defect(DefectMalformedBody)
		if err := w.attach("winmail.dat", "application/ms-tnef", "", data); err != nil {
			return err
		}
	}
	switch {
	case strings.TrimSpace(t.text) != "":
		w.tnefText = append(w.tnefText, cleanText([]byte(t.text)))
	case t.html != "":
		w.tnefText = append(w.tnefText, HTMLToText(cleanText([]byte(t.html))))
	case t.rtf != "" && w.rtfText(t.rtf):
		if err == nil {
			// The text came out of RTF: keep the file as sent too.
			if err := w.attach("winmail.dat", "application/ms-tnef", "", data); err != nil {
				return err
			}
		}
	case err == nil:
		// Nothing readable: keep the file so nothing is lost.
		if err := w.attach("winmail.dat", "application/ms-tnef", "", data); err != nil {
			return err
		}
	}
	for i, f := range t.files {
		name := f.name
		if name == "" {
			name = "winmail-" + itoa(i+1)
		}
		if err := w.attach(name, mimeByName(name), "", f.data); err != nil {
			return err
		}
	}
	return nil
}

// rtfText adds the text of a PR_RTF_COMPRESSED body to the message's
// text and reports whether there was any: encapsulated HTML is converted
// as an HTML part is.
func (w *walker) rtfText(compressed string) bool {
	rtf, err := decompressRTF([]byte(compressed), int(4*w.lim.MaxAttachmentBytes))
	if err != nil {
		w.defect(DefectMalformedBody)
		return false
	}
	text, html := rtfText(rtf)
	if html {
		text = HTMLToText(cleanText([]byte(text)))
	} else {
		text = cleanText([]byte(text))
	}
	if strings.TrimSpace(text) == "" {
		return false
	}
	w.tnefText = append(w.tnefText, text)
	return true
}

// mimeByName guesses a media type from a file name's extension, or
// application/octet-stream.
func mimeByName(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		if t := mime.TypeByExtension(strings.ToLower(name[i:])); t != "" {
			if j := strings.IndexByte(t, ';'); j >= 0 {
				t = t[:j]
			}
			return t
		}
	}
	return "application/octet-stream"
}
