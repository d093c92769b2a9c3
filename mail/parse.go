package mail

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // registers legacy charsets (ISO-8859-*, Windows-*, Shift_JIS, ...) with go-message.
	gomail "github.com/emersion/go-message/mail"
)

// Address is one mailbox of a header: the bare address and its display name.
type Address struct {
	Name    string
	Address string
}

// Attachment is one attachment of an inbound message, decoded.
type Attachment struct {
	// Filename is the sender's file name reduced to its last path element,
	// or "attachment-N" when the sender gave none.
	Filename    string
	ContentType string
	// Size is len(Data), the decoded size.
	Size int64
	Data []byte
}

// Defects a parsed message can carry in Inbound.Defects. They are fixed
// strings, safe to log.
const (
	DefectUnknownCharset     = "unknown_charset"
	DefectUnknownEncoding    = "unknown_encoding"
	DefectMalformedMultipart = "malformed_multipart"
	DefectMalformedBody      = "malformed_body"
	DefectBadAddress         = "bad_address"
	DefectBadDate            = "bad_date"
)

// Inbound is a parsed inbound message.
type Inbound struct {
	From    Address
	To      []Address
	Cc      []Address
	Subject string
	// MessageID, InReplyTo and References hold message IDs without their
	// angle brackets.
	MessageID  string
	InReplyTo  string
	References []string
	// Date is the Date header, or the zero time if it is missing or invalid.
	Date time.Time
	// TextBody is the whole plain-text body, valid UTF-8 with LF line ends.
	// When the message has only HTML, it is the HTML converted to text.
	TextBody string
	// StrippedBody is TextBody without quoted history and signature. If
	// stripping would leave nothing, it equals TextBody trimmed, so that no
	// message is stored empty.
	StrippedBody string
	// FromHTML reports that TextBody was converted from HTML.
	FromHTML    bool
	Attachments []Attachment
	// Size is the raw size of the message in bytes.
	Size int64
	// Defects lists what was wrong but survivable, such as an unknown
	// charset (its bytes kept as best-effort UTF-8) or a truncated multipart.
	Defects []string
}

// Parse reads one RFC 5322 message from r and returns it parsed.
//
// Limits are enforced while reading: a message, header or attachment over
// its size limit, or too many parts, attachments or nesting levels, is
// refused with an EINVALID *proofdesk.Error whose Details[DetailSMTPCode] is
// CodeTooLarge or CodeRejected. Malformed MIME below the top-level header is
// kept as text where possible and recorded in Defects; an unreadable
// top-level header is refused. Parse never panics on any input.
func Parse(r io.Reader, lim Limits) (*Inbound, error) {
	lim = lim.withDefaults()
	raw, err := io.ReadAll(io.LimitReader(r, lim.MaxMessageBytes+1))
	if err != nil {
		return nil, reject(CodeRejected, "The message could not be read.")
	}
	if int64(len(raw)) > lim.MaxMessageBytes {
		return nil, reject(CodeTooLarge, "The message exceeds the maximum size of %d bytes.", lim.MaxMessageBytes)
	}
	return parseRaw(raw, lim)
}

func parseRaw(raw []byte, lim Limits) (*Inbound, error) {
	in := &Inbound{Size: int64(len(raw))}
	e, err := message.ReadWithOptions(bytes.NewReader(raw), &message.ReadOptions{MaxHeaderBytes: lim.MaxHeaderBytes})
	if err != nil && e == nil {
		if strings.Contains(err.Error(), "header exceeds maximum size") {
			return nil, reject(CodeTooLarge, "The message header exceeds the maximum size of %d bytes.", lim.MaxHeaderBytes)
		}
		return nil, reject(CodeRejected, "The message header is malformed.")
	}
	w := &walker{lim: lim, in: in}
	w.noteEntityErr(err)

	w.readHeader(gomail.Header{Header: e.Header})
	if err := w.walk(e, 0); err != nil {
		return nil, err
	}

	switch {
	case len(w.plain) > 0:
		in.TextBody = strings.Join(w.plain, "\n")
	case len(w.html) > 0:
		in.TextBody = HTMLToText(strings.Join(w.html, "\n"))
		in.FromHTML = true
	case w.malformed:
		// Nothing readable came out of a broken structure: keep the raw
		// body as text so the message is not lost.
		in.TextBody = cleanText(rawBody(raw))
	}
	in.TextBody = strings.TrimSpace(in.TextBody)
	in.StrippedBody = StripQuoted(in.TextBody)
	if in.StrippedBody == "" {
		in.StrippedBody = in.TextBody
	}
	return in, nil
}

// walker walks a MIME tree, collecting text and attachments under limits.
type walker struct {
	lim       Limits
	in        *Inbound
	parts     int
	plain     []string
	html      []string
	malformed bool
}

func (w *walker) defect(d string) {
	for _, x := range w.in.Defects {
		if x == d {
			return
		}
	}
	w.in.Defects = append(w.in.Defects, d)
}

// noteEntityErr records the survivable errors go-message returns alongside a
// readable entity.
func (w *walker) noteEntityErr(err error) {
	switch {
	case err == nil:
	case message.IsUnknownCharset(err):
		w.defect(DefectUnknownCharset)
	case message.IsUnknownEncoding(err):
		w.defect(DefectUnknownEncoding)
	}
}

func (w *walker) readHeader(h gomail.Header) {
	in := w.in
	if from := w.addresses(h, "From"); len(from) > 0 {
		in.From = from[0]
	}
	in.To = w.addresses(h, "To")
	in.Cc = w.addresses(h, "Cc")
	subject, err := h.Subject()
	if err != nil {
		w.defect(DefectUnknownCharset) // the raw words are kept
	}
	in.Subject = cleanLine(subject, 998)
	if id, err := h.MessageID(); err == nil {
		in.MessageID = cleanLine(id, 998)
	}
	if ids, err := h.MsgIDList("In-Reply-To"); err == nil && len(ids) > 0 {
		in.InReplyTo = cleanLine(ids[0], 998)
	}
	if ids, err := h.MsgIDList("References"); err == nil {
		const maxRefs = 100
		if len(ids) > maxRefs {
			ids = ids[len(ids)-maxRefs:] // keep the newest
		}
		for _, id := range ids {
			if id = cleanLine(id, 998); id != "" {
				in.References = append(in.References, id)
			}
		}
	}
	if h.Has("Date") {
		if d, err := h.Date(); err == nil {
			in.Date = d
		} else {
			w.defect(DefectBadDate)
		}
	}
}

// addresses returns the mailboxes of header key. A list go-message cannot
// parse is retried one comma-separated item at a time, so one bad entry does
// not lose the others.
func (w *walker) addresses(h gomail.Header, key string) []Address {
	if !h.Has(key) {
		return nil
	}
	list, err := h.AddressList(key)
	if err != nil {
		w.defect(DefectBadAddress)
		list = nil
		for _, part := range strings.Split(h.Get(key), ",") {
			if a, err := gomail.ParseAddress(part); err == nil {
				list = append(list, a)
			}
		}
	}
	const maxAddrs = 100
	var out []Address
	for _, a := range list {
		if len(out) == maxAddrs {
			break
		}
		addr := cleanLine(a.Address, 320)
		if at := strings.LastIndexByte(addr, '@'); at >= 0 {
			addr = addr[:at] + strings.ToLower(addr[at:])
		}
		if addr == "" {
			continue
		}
		out = append(out, Address{Name: cleanLine(a.Name, 256), Address: addr})
	}
	return out
}

func (w *walker) walk(e *message.Entity, depth int) error {
	w.parts++
	if w.parts > w.lim.MaxParts {
		return reject(CodeRejected, "The message has more than %d MIME parts.", w.lim.MaxParts)
	}
	if mr := e.MultipartReader(); mr != nil {
		if depth >= w.lim.MaxDepth {
			return reject(CodeRejected, "The message nests MIME parts deeper than %d levels.", w.lim.MaxDepth)
		}
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				return nil
			}
			if p == nil {
				// A missing boundary, a truncated part: keep what we have.
				w.malformed = true
				w.defect(DefectMalformedMultipart)
				return nil
			}
			w.noteEntityErr(err)
			if err := w.walk(p, depth+1); err != nil {
				return err
			}
		}
	}
	return w.leaf(e)
}

func (w *walker) leaf(e *message.Entity) error {
	mediaType, params, err := e.Header.ContentType()
	if err != nil || mediaType == "" {
		mediaType = "text/plain" // RFC 2045 §5.2 default
		params = nil
	}
	mediaType = strings.ToLower(mediaType)
	disp, dparams, _ := e.Header.ContentDisposition()
	filename := dparams["filename"]
	if filename == "" {
		filename = params["name"]
	}
	isText := mediaType == "text/plain" || mediaType == "text/html"
	if isText && filename == "" && !strings.EqualFold(disp, "attachment") {
		// Decoded text is at most a few times its raw size (charset
		// expansion), and the raw size is already bounded.
		b, err := io.ReadAll(io.LimitReader(e.Body, 4*w.lim.MaxMessageBytes))
		if err != nil {
			w.malformed = true
			w.defect(DefectMalformedBody)
		}
		s := cleanText(b)
		if mediaType == "text/html" {
			w.html = append(w.html, s)
		} else {
			w.plain = append(w.plain, s)
		}
		return nil
	}

	if len(w.in.Attachments) >= w.lim.MaxAttachments {
		return reject(CodeRejected, "The message has more than %d attachments.", w.lim.MaxAttachments)
	}
	data, err := io.ReadAll(io.LimitReader(e.Body, w.lim.MaxAttachmentBytes+1))
	if int64(len(data)) > w.lim.MaxAttachmentBytes {
		return reject(CodeTooLarge, "An attachment exceeds the maximum size of %d bytes.", w.lim.MaxAttachmentBytes)
	}
	if err != nil {
		w.defect(DefectMalformedBody)
	}
	w.in.Attachments = append(w.in.Attachments, Attachment{
		Filename:    cleanFilename(filename, len(w.in.Attachments)+1),
		ContentType: cleanLine(mediaType, 255),
		Size:        int64(len(data)),
		Data:        data,
	})
	return nil
}

// wordDecoder decodes RFC 2047 words left in parameters by some clients.
var wordDecoder = mime.WordDecoder{CharsetReader: func(charset string, r io.Reader) (io.Reader, error) {
	if message.CharsetReader == nil {
		return nil, errors.New("no charset reader")
	}
	return message.CharsetReader(strings.ToLower(charset), r)
}}

// cleanFilename reduces a sender-chosen file name to a safe last path
// element, or "attachment-n" if nothing usable is left.
func cleanFilename(name string, n int) string {
	if dec, err := wordDecoder.DecodeHeader(name); err == nil {
		name = dec
	}
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(name)
	name = cleanLine(name, 255)
	name = strings.TrimLeft(name, ".")
	if name == "" || name == "/" {
		return "attachment-" + itoa(n)
	}
	return name
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// cleanText turns decoded body bytes into valid UTF-8 with LF line ends and
// no control characters but tab and newline. Bytes that are not UTF-8 (an
// unknown charset) are read as Latin-1, which maps every byte to a rune.
func cleanText(b []byte) string {
	var s string
	if utf8.Valid(b) {
		s = string(b)
	} else {
		r := make([]rune, len(b))
		for i, c := range b {
			r[i] = rune(c)
		}
		s = string(r)
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return '\n'
		case unicode.IsControl(r), r == utf8.RuneError, isBidiControl(r):
			return -1
		}
		return r
	}, s)
}

// cleanLine returns s as one line of valid UTF-8 without control characters,
// trimmed and cut to at most max bytes on a rune boundary.
func cleanLine(s string, max int) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\r' || r == '\n':
			return ' '
		case unicode.IsControl(r), r == utf8.RuneError, isBidiControl(r):
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	return s
}

// isBidiControl reports the Unicode bidirectional controls, which can make
// displayed text read differently from what it is (CVE-2021-42574).
func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// rawBody returns what follows the header block of a raw message.
func rawBody(raw []byte) []byte {
	if i := bytes.Index(raw, []byte("\r\n\r\n")); i >= 0 {
		return raw[i+4:]
	}
	if i := bytes.Index(raw, []byte("\n\n")); i >= 0 {
		return raw[i+2:]
	}
	return nil
}
