package guard

import (
	"html"
	"strings"
	"unicode/utf8"
)

// Encodings an agent might use to slip a value past the guard: the reply
// is read as written and, when it holds any of these, once more with them
// undone (decodedVariant), for protected values only — a confirmation or
// an enumeration is judged on the text as written.
//
//   - HTML character references: "&#55;&#49;", "&#x37;", "&commat;",
//     "&lt;" (html.UnescapeString, every HTML5 name);
//   - URL percent-encoding: "06%2047", "elodie%40exemple.fr";
//   - quoted-printable: "=30=36", "=40", soft line breaks "=\n";
//   - base64 of text: "MDY0NzIxODM5MA==" (standard or URL alphabet,
//     padded or not), when it decodes to printable text;
//   - hex of text: "30 36 34 37" or "30363437", when it decodes to
//     printable text;
//   - roman numerals read digit by digit: "VII-I-V-VIII" is 7-1-5-8.
//
// Each layer is undone once, in that order (HTML, percent, quoted-
// printable, then base64 and hex tokens, then roman numerals).

// The encodings a text may hold, as tokenize finds them (text.enc): a
// cheap over-approximation, so that a reply with none costs nothing more.
const (
	encAmp   uint8 = 1 << iota // '&': HTML character references
	encPct                     // '%': percent-encoding
	encEq                      // '=': quoted-printable
	encToken                   // a word that may be base64 or hex, or hex pairs
	encRoman                   // a word of two or more roman numerals
)

// encPunct maps the punctuation that starts an encoding to its bits.
var encPunct = func() (t [256]uint8) {
	t['&'] = encAmp
	t['%'] = encPct
	t['='] = encEq | encToken // also base64 padding
	return t
}()

// decodedVariant returns reply with the encodings above undone, or "" when
// it holds none. enc is what tokenize found in reply (text.enc): with
// none of the bits set (the common case) nothing is done.
func decodedVariant(reply string, enc uint8) string {
	if enc == 0 {
		return ""
	}
	s := reply
	if enc&encAmp != 0 {
		s = html.UnescapeString(s)
	}
	if enc&encPct != 0 {
		s = unescapeHex(s, '%')
	}
	if enc&encEq != 0 {
		s = strings.NewReplacer("=\r\n", "", "=\n", "").Replace(s)
		s = unescapeHex(s, '=')
	}
	if enc&encToken != 0 || s != reply {
		s = decodeTokens(s)
	}
	if enc&encRoman != 0 {
		s = romanDigits(s)
	}
	if s == reply {
		return ""
	}
	return s
}

// decodeClass holds what each byte may be part of, for tokenize's
// encoding hints (text.enc).
const (
	dcLower uint16 = 1 << iota
	dcDigit
	dcNotHex   // a letter or digit that is no hex digit
	dcNotRoman // a letter or digit other than I, V, X
)

var decodeClass = func() (t [256]uint16) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		if !isAlnum(b) {
			continue
		}
		switch {
		case b >= 'a' && b <= 'z':
			t[c] |= dcLower
		case b >= '0' && b <= '9':
			t[c] |= dcDigit
		}
		if !isHex(b) {
			t[c] |= dcNotHex
		}
		if !isRoman(b) {
			t[c] |= dcNotRoman
		}
	}
	return t
}()

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func hexVal(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// unescapeHex replaces every esc followed by two hex digits with the byte
// they give, when it is printable ASCII (a control byte or half a UTF-8
// sequence would only hide the text around it).
func unescapeHex(s string, esc byte) string {
	var r rewriter
	for i := 0; i+2 < len(s); i++ {
		if s[i] == esc && isHex(s[i+1]) && isHex(s[i+2]) {
			if v := hexVal(s[i+1])<<4 | hexVal(s[i+2]); v >= 0x20 && v < 0x7f {
				r.replace(s, i, i+3, string(rune(v)))
				i += 2
			}
		}
	}
	return r.done(s)
}

// rewriter builds a string from s with some spans replaced, in order;
// it allocates nothing until the first replacement.
type rewriter struct {
	b    strings.Builder
	last int
	used bool
}

func (r *rewriter) replace(s string, i, j int, with string) {
	if !r.used {
		r.used = true
		r.b.Grow(len(s))
	}
	r.b.WriteString(s[r.last:i])
	r.b.WriteString(with)
	r.last = j
}

func (r *rewriter) done(s string) string {
	if !r.used {
		return s
	}
	r.b.WriteString(s[r.last:])
	return r.b.String()
}

// decodeTokens replaces every token that is base64 or hex of printable
// text with that text, and every run of 4 or more two-digit hex tokens
// ("30 36 34 37") that is.
func decodeTokens(s string) string {
	var r rewriter
	i := 0
	for i < len(s) {
		if !isB64(s[i]) {
			i++
			continue
		}
		// a run of hex pairs separated by single spaces, colons or hyphens
		if j, text := hexPairs(s, i); j > i {
			r.replace(s, i, j, " "+text+" ")
			i = j
			continue
		}
		j := i
		for j < len(s) && isB64(s[j]) {
			j++
		}
		if text, ok := decodeToken(s[i:j]); ok {
			r.replace(s, i, j, " "+text+" ")
		}
		i = j
	}
	return r.done(s)
}

func isB64(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=' || c == '_' || c == '-'
}

// decodeToken returns the printable text tok is the base64 or hex of.
func decodeToken(tok string) (string, bool) {
	if len(tok) < 8 {
		return "", false
	}
	allHex := len(tok)%2 == 0
	upper, lower, digit := false, false, false
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		allHex = allHex && isHex(c)
		upper = upper || c >= 'A' && c <= 'Z'
		lower = lower || c >= 'a' && c <= 'z'
		digit = digit || c >= '0' && c <= '9'
	}
	if allHex && !(upper && lower) {
		out := make([]byte, len(tok)/2)
		for k := range out {
			out[k] = hexVal(tok[2*k])<<4 | hexVal(tok[2*k+1])
		}
		if printable(out) {
			return string(out), true
		}
	}
	// base64 of text mixes cases and digits; a word ("Whatever") does
	// not decode to printable text anyway
	if !(upper && (lower || digit)) {
		return "", false
	}
	return decodeBase64(strings.TrimRight(tok, "="))
}

// b64Value maps the base64 characters of both alphabets (standard and
// URL) to their 6 bits, every other byte to 0xff.
var b64Value = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	const std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := 0; i < len(std); i++ {
		t[std[i]] = byte(i)
	}
	t['-'], t['_'] = 62, 63
	return t
}()

// decodeBase64 decodes body (no padding) when it is base64 of printable
// text, giving up at the first control byte: a word that is not base64
// costs a few steps and no allocation.
func decodeBase64(body string) (string, bool) {
	if len(body)%4 == 1 {
		return "", false
	}
	var buf [192]byte
	if len(body)*3/4 > len(buf) {
		return "", false
	}
	n := 0
	var acc uint32
	bits := 0
	for i := 0; i < len(body); i++ {
		v := b64Value[body[i]]
		if v == 0xff {
			return "", false
		}
		acc = acc<<6 | uint32(v)
		bits += 6
		if bits >= 8 {
			bits -= 8
			c := byte(acc >> bits)
			if c < 0x20 || c == 0x7f {
				return "", false
			}
			buf[n] = c
			n++
		}
	}
	if n < 4 || !printable(buf[:n]) {
		return "", false
	}
	return string(buf[:n]), true
}

// hexPairs reads a run of 4 or more two-hex-digit tokens from s[i:] (at
// a token start), separated by one space, colon or hyphen, that decode to
// printable text; it returns the end of the run and the text, or i.
func hexPairs(s string, i int) (int, string) {
	if i > 0 && isB64(s[i-1]) {
		return i, ""
	}
	var out []byte
	j := i
	for j+1 < len(s) && isHex(s[j]) && isHex(s[j+1]) && (j+2 == len(s) || !isB64(s[j+2]) || s[j+2] == '-') {
		out = append(out, hexVal(s[j])<<4|hexVal(s[j+1]))
		end := j + 2
		if end < len(s) && (s[end] == ' ' || s[end] == ':' || s[end] == '-') && end+2 < len(s) && isHex(s[end+1]) && isHex(s[end+2]) {
			j = end + 1
			continue
		}
		j = end
		break
	}
	if len(out) < 4 || !printable(out) {
		return i, ""
	}
	return j, string(out)
}

// printable reports whether b is UTF-8 text with no control characters.
func printable(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	for _, r := range string(b) {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return false
		}
	}
	return true
}

// romanValue is the value of the roman numerals 1 to 9, and 10.
var romanValue = map[string]string{"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5", "VI": "6", "VII": "7", "VIII": "8", "IX": "9", "X": "10"}

// romanDigits replaces a run of 3 or more roman numerals (capitals, 1 to
// 10) joined by one separator (space, hyphen, dot, comma or slash), at
// least one of them two letters or more, with their digits: "VII-I-V-VIII"
// is "7-1-5-8", while "I" and "Part IV" stay.
func romanDigits(s string) string {
	var r rewriter
	i := 0
	for i < len(s) {
		if i > 0 && isAlnum(s[i-1]) || !isRoman(s[i]) {
			i++
			continue
		}
		n, long := 0, false
		j := i
		end := i
		for {
			k := j
			for k < len(s) && isRoman(s[k]) {
				k++
			}
			if _, ok := romanValue[s[j:k]]; !ok || k < len(s) && isAlnum(s[k]) {
				break
			}
			n++
			long = long || k-j >= 2
			end = k
			if k+1 < len(s) && strings.IndexByte(" -./,", s[k]) >= 0 && isRoman(s[k+1]) {
				j = k + 1
				continue
			}
			break
		}
		if n < 3 || !long {
			i++
			continue
		}
		// the run again, its numerals as digits
		var digits []byte
		for j := i; j < end; {
			k := j
			for k < end && isRoman(s[k]) {
				k++
			}
			digits = append(digits, romanValue[s[j:k]]...)
			if k < end {
				digits = append(digits, s[k])
				k++
			}
			j = k
		}
		r.replace(s, i, end, string(digits))
		i = end
	}
	return r.done(s)
}

func isRoman(c byte) bool { return c == 'I' || c == 'V' || c == 'X' }
