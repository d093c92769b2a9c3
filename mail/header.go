package mail

import (
	"bytes"
	"encoding/base64"
	"io"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"
	"golang.org/x/text/encoding/charmap"
)

// encodedWord matches an RFC 2047 encoded-word, "=?charset?B?…?=" or
// "=?charset?Q?…?=", the charset possibly with an RFC 2231 §5 language
// ("=?utf-8*de?Q?…?=").
var encodedWord = regexp.MustCompile(`=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=`)

// decodeHeaderText decodes the RFC 2047 encoded-words of an unstructured
// header value (Subject) or a display name as mail clients write them,
// which is more loosely than the RFC allows; it never fails:
//
//   - white space between two adjacent encoded-words is dropped (§6.2), and
//     the bytes of adjacent words in the same charset are joined before
//     they are decoded, so a character split across two words (as some
//     Japanese and Chinese mailers split UTF-8 and ISO-2022-JP) is whole;
//   - an RFC 2231 language suffix on the charset ("utf-8*de") is ignored;
//   - base64 with missing padding is read;
//   - raw 8-bit text that is not UTF-8 (RFC 6532 allows UTF-8 only; older
//     mailers send their local charset) is read as Windows-1252;
//   - a charset go-message does not know (message.CharsetReader) is read as
//     UTF-8 if the bytes are valid UTF-8, else as Windows-1252, and
//     unknown reports it.
//
// A malformed word is kept as it is written.
func decodeHeaderText(s string) (text string, unknown bool) {
	s = rawHeaderText(s)
	if !strings.Contains(s, "=?") {
		return s, false
	}
	var b strings.Builder
	var run []byte
	inRun, runCharset, last := false, "", 0
	flush := func() {
		if inRun {
			t, unk := charsetText(runCharset, run)
			unknown = unknown || unk
			b.WriteString(t)
		}
		inRun, run = false, run[:0]
	}
	for _, m := range encodedWord.FindAllStringSubmatchIndex(s, -1) {
		between := s[last:m[0]]
		if !inRun || strings.TrimSpace(between) != "" {
			flush()
			b.WriteString(between)
		}
		last = m[1]
		cs := strings.ToLower(s[m[2]:m[3]])
		if i := strings.IndexByte(cs, '*'); i >= 0 {
			cs = cs[:i]
		}
		data, ok := decodeWordBytes(s[m[4]:m[5]], s[m[6]:m[7]])
		if !ok {
			flush()
			b.WriteString(s[m[0]:m[1]])
			continue
		}
		if inRun && cs != runCharset {
			flush()
		}
		inRun, runCharset = true, cs
		run = append(run, data...)
	}
	flush()
	b.WriteString(s[last:])
	return b.String(), unknown
}

// rawHeaderText returns a raw header value as UTF-8: as it is if it is
// valid UTF-8 (RFC 6532), else read as Windows-1252.
func rawHeaderText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	d, _ := charmap.Windows1252.NewDecoder().String(s)
	return d
}

// decodeWordBytes decodes the encoded text of one encoded-word: "B" is
// base64 (RFC 2047 §4.1), padded or not; "Q" is §4.2's quoted-printable
// with "_" for a space.
func decodeWordBytes(enc, text string) ([]byte, bool) {
	if enc == "b" || enc == "B" {
		d, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(text, "="))
		return d, err == nil
	}
	out := make([]byte, 0, len(text))
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '_':
			out = append(out, ' ')
		case c == '=' && i+2 < len(text) && isHex(text[i+1]) && isHex(text[i+2]):
			out = append(out, unhex(text[i+1])<<4|unhex(text[i+2]))
			i += 2
		case c == '=':
			return nil, false
		default:
			out = append(out, c)
		}
	}
	return out, true
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// charsetText returns data, in charset cs, as UTF-8; unknown reports a
// charset that could not be used (data is then read as UTF-8 if valid,
// else as Windows-1252).
func charsetText(cs string, data []byte) (string, bool) {
	switch cs {
	case "utf-8", "utf8", "us-ascii":
		if utf8.Valid(data) {
			return string(data), false
		}
	default:
		if message.CharsetReader != nil {
			if r, err := message.CharsetReader(cs, bytes.NewReader(data)); err == nil {
				if d, err := io.ReadAll(r); err == nil {
					return string(d), false
				}
			}
		}
		if utf8.Valid(data) {
			return string(data), true
		}
	}
	d, _ := charmap.Windows1252.NewDecoder().Bytes(data)
	return string(d), cs != "utf-8" && cs != "utf8" && cs != "us-ascii"
}

// looseAddress reads one mailbox that net/mail refuses, most often for
// a display name in encoded-words it cannot decode: the address is the
// last "<…>" (or the whole text if it is a bare address), the name what
// comes before it, decoded by decodeHeaderText and unquoted.
func looseAddress(s string) (*gomail.Address, bool) {
	s = strings.TrimSpace(s)
	name, addr := "", s
	if i := strings.LastIndexByte(s, '<'); i >= 0 {
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			return nil, false
		}
		name, addr = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:i+j])
	}
	a, err := gomail.ParseAddress("<" + addr + ">")
	if err != nil {
		return nil, false
	}
	name, _ = decodeHeaderText(name)
	a.Name = strings.Trim(strings.TrimSpace(name), `"`)
	return a, true
}

// rfc2231Param returns the value of parameter key of a raw Content-Type
// or Content-Disposition field when it is written in RFC 2231 form
// ("key*=charset'lang'%XX…", or continued as "key*0*=…; key*1*=…"),
// decoded in its charset by charsetText, or "" when it is not. Go's mime
// package decodes only UTF-8 and US-ASCII values and drops the others
// (ISO-8859-1, Windows-1252, Shift_JIS, which mailers write).
func rfc2231Param(field, key string) string {
	if !strings.Contains(strings.ToLower(field), key+"*") {
		return ""
	}
	type segment struct {
		n       int
		encoded bool
		value   string
	}
	var segs []segment
	for _, p := range splitParams(field) {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		if !strings.HasPrefix(k, key+"*") {
			continue
		}
		rest := k[len(key)+1:] // "", "0", "0*", "1"...
		seg := segment{value: strings.Trim(strings.TrimSpace(v), `"`)}
		if rest == "" {
			seg.encoded = true
		} else {
			seg.encoded = strings.HasSuffix(rest, "*")
			n, err := strconv.Atoi(strings.TrimSuffix(rest, "*"))
			if err != nil || n < 0 || n > 99 {
				continue
			}
			seg.n = n
		}
		segs = append(segs, seg)
	}
	if len(segs) == 0 {
		return ""
	}
	sort.SliceStable(segs, func(i, j int) bool { return segs[i].n < segs[j].n })
	charset, data := "us-ascii", []byte{}
	for i, sg := range segs {
		v := sg.value
		if sg.encoded {
			if i == 0 {
				parts := strings.SplitN(v, "'", 3)
				if len(parts) != 3 {
					return ""
				}
				charset, v = strings.ToLower(parts[0]), parts[2]
			}
			b, err := url.PathUnescape(v)
			if err != nil {
				return ""
			}
			v = b
		}
		data = append(data, v...)
	}
	text, _ := charsetText(charset, data)
	return text
}

// splitParams splits a header field's value at the semicolons that are
// not inside a quoted string.
func splitParams(s string) []string {
	var out []string
	quoted, start := false, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			quoted = !quoted
		case ';':
			if !quoted {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}
