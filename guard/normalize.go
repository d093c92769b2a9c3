package guard

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// text is a reply or a requester message in normalised form.
//
// buf holds two views, one after the other, scanned in one pass:
//
//   - the token view: " tok tok tok " — lowercase ASCII letters and digits,
//     one space between tokens and one on each side, punctuation dropped,
//     apostrophes removed inside words, canonical tokens for street types,
//     unit words, months, ordinals and masking characters (canon);
//   - the digit view, after the token view: "|run|run|" — every run of
//     digits whose gaps hold only phone separators (space - . ( ) / +),
//     with the separators removed, kept when it has at least 7 digits.
//
// A pattern that starts with ' ' can only match in the token view and one
// that ends with '|' only in the digit view.
type text struct {
	buf []byte
	// digits is where the digit view starts in buf (the first '|').
	digits int
	// sentences holds the offsets in buf of the space before each token
	// that opens a sentence.
	sentences []int32
	run       []byte
}

// canon maps whole tokens to their canonical form. Both the protected
// values and the text go through it, so "Street", "St" and "St." all meet.
var canon = map[string]string{
	// street types
	"street": "st", "str": "st", "avenue": "ave", "av": "ave", "road": "rd",
	"boulevard": "blvd", "drive": "dr", "lane": "ln", "court": "ct",
	"place": "pl", "terrace": "ter", "highway": "hwy", "parkway": "pkwy",
	"square": "sq", "circle": "cir", "crescent": "cres", "close": "cl",
	"way": "wy", "trail": "trl", "mount": "mt", "gardens": "gdns",
	"north": "n", "south": "s", "east": "e", "west": "w",
	"northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw",
	// unit words
	"apt": "unit", "apartment": "unit", "suite": "unit", "ste": "unit",
	"flat": "unit", "room": "unit", "rm": "unit",
	// months
	"january": "m01", "jan": "m01", "february": "m02", "feb": "m02",
	"march": "m03", "mar": "m03", "april": "m04", "apr": "m04", "may": "m05",
	"june": "m06", "jun": "m06", "july": "m07", "jul": "m07",
	"august": "m08", "aug": "m08", "september": "m09", "sep": "m09",
	"sept": "m09", "october": "m10", "oct": "m10", "november": "m11",
	"nov": "m11", "december": "m12", "dec": "m12",
}

// streetTypes are the canonical street-type tokens.
var streetTypes = map[string]bool{
	"st": true, "ave": true, "rd": true, "blvd": true, "dr": true, "ln": true,
	"ct": true, "pl": true, "ter": true, "hwy": true, "pkwy": true, "sq": true,
	"cir": true, "cres": true, "cl": true, "wy": true, "trl": true, "gdns": true,
	"rue": true, "via": true, "calle": true, "avenida": true, "row": true,
	"walk": true, "mews": true, "grove": true, "hill": true,
}

// directions are the canonical compass tokens that may trail a street.
var directions = map[string]bool{"n": true, "s": true, "e": true, "w": true, "ne": true, "nw": true, "se": true, "sw": true}

// fold maps common accented Latin letters to ASCII.
var fold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae",
	'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ì': "i", 'í': "i",
	'î': "i", 'ï': "i", 'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o",
	'ö': "o", 'ø': "o", 'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y",
	'ÿ': "y", 'ß': "ss", 'œ': "oe", 'ł': "l", 'ś': "s", 'ź': "z", 'ż': "z",
	'č': "c", 'š': "s", 'ž': "z", 'ř': "r", 'ě': "e", 'ą': "a", 'ę': "e",
	'ń': "n", 'ć': "c",
}

func isPhoneSep(c byte) bool {
	switch c {
	case ' ', '-', '.', '(', ')', '/', '+', '\t':
		return true
	}
	return false
}

func isMask(r rune) bool { return r == '*' || r == '•' || r == '●' || r == '∙' || r == '·' }

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' || r == '‘' }

// normalize fills t from s, reusing t's buffers.
func (t *text) normalize(s string) {
	t.buf = append(t.buf[:0], ' ')
	t.sentences = append(t.sentences[:0], 0)
	t.run = t.run[:0]
	var digitView []byte // built after the token view; kept in t.run's tail
	runs := make([]byte, 0, 32)
	tokStart := -1 // offset in buf of the current token, or -1
	sentence := false
	seps := 0 // separators since the last digit of the current run

	endRun := func() {
		if len(t.run) >= 7 {
			runs = append(runs, t.run...)
			runs = append(runs, '|')
		}
		t.run = t.run[:0]
		seps = 0
	}
	endTok := func() {
		if tokStart < 0 {
			return
		}
		t.canonical(tokStart)
		t.buf = append(t.buf, ' ')
		tokStart = -1
	}
	startTok := func() {
		if tokStart >= 0 {
			return
		}
		if sentence {
			t.sentences = append(t.sentences, int32(len(t.buf)-1))
			sentence = false
		}
		tokStart = len(t.buf)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
				if len(t.run) > 0 {
					endRun()
				}
				startTok()
				t.buf = append(t.buf, c|0x20)
			case c >= '0' && c <= '9':
				startTok()
				t.buf = append(t.buf, c)
				t.run = append(t.run, c)
				seps = 0
			case c == '\'':
				if tokStart < 0 {
					endRunIfNotSep(t, c, &seps, endRun)
				}
				// inside a word: dropped, the word goes on
			case c == '#' && i < len(s) && isAlnum(s[i]):
				endTok()
				endRun()
				if !endsWithToken(t.buf, "unit") { // "Apt #4B"
					startTok()
					t.buf = append(t.buf, "unit"...)
					endTok()
				}
			case c == '*':
				endTok()
				endRun()
				for i < len(s) && s[i] == '*' {
					i++
				}
				startTok()
				t.buf = append(t.buf, 'x', 'x')
				endTok()
			default:
				endTok()
				endRunIfNotSep(t, c, &seps, endRun)
				if (c == '.' || c == '!' || c == '?') && (i >= len(s) || s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t') || c == '\n' {
					sentence = true
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case isApostrophe(r) && tokStart >= 0:
		case isMask(r):
			endTok()
			endRun()
			for i < len(s) {
				r2, n := utf8.DecodeRuneInString(s[i:])
				if !isMask(r2) {
					break
				}
				i += n
			}
			startTok()
			t.buf = append(t.buf, 'x', 'x')
			endTok()
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if len(t.run) > 0 {
				endRun()
			}
			startTok()
			lr := unicode.ToLower(r)
			if f, ok := fold[lr]; ok {
				t.buf = append(t.buf, f...)
			} else {
				t.buf = append(t.buf, '~')
				t.buf = strconv.AppendUint(t.buf, uint64(lr), 36)
			}
		default:
			endTok()
			endRun()
			if r == '…' || r == '。' || r == '！' || r == '？' {
				sentence = true
			}
		}
	}
	endTok()
	endRun()
	digitView = runs
	t.digits = len(t.buf)
	t.buf = append(t.buf, '|')
	t.buf = append(t.buf, digitView...)
}

// endRunIfNotSep ends the digit run unless c is a phone separator and the
// run may go on (at most 3 separators in a row).
func endRunIfNotSep(t *text, c byte, seps *int, endRun func()) {
	if len(t.run) == 0 {
		return
	}
	if isPhoneSep(c) && *seps < 3 {
		*seps++
		return
	}
	endRun()
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// canonical rewrites the token that starts at buf[start:] in place.
func (t *text) canonical(start int) {
	tok := t.buf[start:]
	if len(tok) >= 3 && tok[0] >= '0' && tok[0] <= '9' {
		// ordinals: 14th, 21st, 2nd, 3rd -> 14, 21, 2, 3
		n := len(tok)
		if allDigits(tok[:n-2]) {
			switch string(tok[n-2:]) {
			case "st", "nd", "rd", "th":
				t.buf = t.buf[:start+n-2]
			}
		}
		return
	}
	if len(tok) >= 2 && allX(tok) {
		t.buf = append(t.buf[:start], 'x', 'x')
		return
	}
	if c, ok := canon[string(tok)]; ok {
		t.buf = append(t.buf[:start], c...)
	}
}

func allDigits(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func allX(b []byte) bool {
	for _, c := range b {
		if c != 'x' {
			return false
		}
	}
	return true
}

// tokenView returns the token view of t: " tok tok ".
func (t *text) tokenView() []byte { return t.buf[:t.digits] }

// normTokens returns the canonical tokens of s (for building patterns).
func normTokens(s string) []string {
	var t text
	t.normalize(s)
	var out []string
	v := t.tokenView()
	start := -1
	for i, c := range v {
		if c == ' ' {
			if start >= 0 {
				out = append(out, string(v[start:i]))
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return out
}

// endsWithToken reports whether the token view so far ends in tok.
func endsWithToken(buf []byte, tok string) bool {
	n := len(buf)
	return n >= len(tok)+2 && string(buf[n-len(tok)-1:n-1]) == tok && buf[n-len(tok)-2] == ' '
}
