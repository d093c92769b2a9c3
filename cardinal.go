package proofdesk

import (
	"strconv"
	"strings"
	"unicode"
)

// This file is how the view reads number words as cardinals itself, so
// that a code said in pairs or in hundreds and thousands is found even
// where the reader's reading of the whole phrase adds the words
// otherwise ("zwanzig einundfünfzig" read as 71 hides 205149).

// cardinalDigits reads the pieces of one span: the runs of number words
// (piece.card) composed into cardinals as they are said ("forty eight"
// is 48, "four hundred eighty two thousand" 482000, "zero four" 04),
// every other piece as its digits. With vigesimal, the French twenties
// too: "quatre vingt" is 80, "soixante dix sept" 77. Words joined by a
// hyphen are one number as the reader reads them ("quatre-vingt-dix-neuf"
// is 99, not 4 20 10 9).
func cardinalDigits(s string, ps []piece, nr NumberReader, vigesimal bool) string {
	ps = hyphenGroups(s, ps, nr)
	var b []byte
	c := cardinal{vigesimal: vigesimal}
	for i, p := range ps {
		if !p.card {
			b = c.flush(b)
			b = append(b, p.digits...)
			continue
		}
		if p.kind == pConn {
			continue
		}
		if vigesimal && c.partSet && p.digits == "4" && i+1 < len(ps) && ps[i+1].card && ps[i+1].digits == "20" {
			b = c.flush(b) // "vingt quatre-vingt-huit" is 20 88, not 24 28
		}
		b = c.add(b, p.digits)
	}
	return string(c.flush(b))
}

// hyphenGroups returns ps with each run of number words joined by
// hyphens or connectors ("quatre-vingt-dix-neuf", "forty-eight",
// "soixante et onze", "ochenta y dos") as one piece, read by the reader
// as a whole.
func hyphenGroups(s string, ps []piece, nr NumberReader) []piece {
	var out []piece
	for i := 0; i < len(ps); {
		j := i + 1
		for j < len(ps) && ps[j-1].card && ps[j].card &&
			(ps[j].kind == pConn || ps[j-1].kind == pConn || isHyphen(s[ps[j-1].end:ps[j].start])) {
			j++
		}
		if j-i > 1 {
			if d, ok := nr.Number(s[ps[i].start:ps[j-1].end]); ok {
				out = append(out, piece{start: ps[i].start, end: ps[j-1].end, digits: d, kind: pWord, card: true})
				i = j
				continue
			}
		}
		out = append(out, ps[i:j]...)
		i = j
	}
	return out
}

func isHyphen(gap string) bool {
	return gap == "-" || gap == "\u2010" || gap == "\u2011"
}

// cardinal is a number being composed from its words: thousands, then
// hundreds, then a part below a hundred.
type cardinal struct {
	total, hund, part int
	set, partSet      bool
	// vigesimal reads the French twenties (cardinalDigits).
	vigesimal bool
}

func (c *cardinal) flush(b []byte) []byte {
	if c.set {
		b = strconv.AppendInt(b, int64(c.total+c.hund+c.part), 10)
	}
	*c = cardinal{vigesimal: c.vigesimal}
	return b
}

// add adds the word that reads d to the number, or ends the number and
// starts another with it when the word cannot follow ("forty" after
// "eight", "eight" after "thirteen").
func (c *cardinal) add(b []byte, d string) []byte {
	v, err := strconv.Atoi(d)
	if err != nil || len(d) > 6 || d[0] == '0' {
		// a zero (or "00") is a digit of its own: "zero four" is 04
		b = c.flush(b)
		return append(b, d...)
	}
	switch {
	case v == 100 && c.set && c.hund == 0 && c.part < 10:
		c.hund, c.part, c.partSet = max(c.part, 1)*100, 0, false // "quatre cent"
		return b
	case v == 1000 && c.set && c.total == 0:
		c.total, c.hund, c.part, c.partSet = max(c.hund+c.part, 1)*1000, 0, 0, false // "... mille"
		return b
	case v >= 100 && v%100 == 0 && v < 1000 && c.set && c.total > 0 && c.hund == 0 && !c.partSet:
		c.hund = v // "mil novecientos"
		return b
	case v < 100 && c.set && !c.partSet:
		c.part, c.partSet = v, true // "cent treize", "mil trece"
		return b
	case v < 10 && c.partSet && c.part >= 20 && c.part%10 == 0:
		c.part += v // "forty eight"
		return b
	case c.vigesimal && v >= 10 && v < 20 && (c.part == 60 || c.part == 80):
		c.part += v // "soixante dix sept", "quatre vingt onze"
		return b
	case c.vigesimal && v == 20 && c.partSet && c.part == 4:
		c.part = 80 // "quatre vingt"
		return b
	}
	b = c.flush(b)
	c.set = true
	switch {
	case v%1000 == 0:
		c.total = v
	case v < 100:
		c.part, c.partSet = v, true
	default:
		c.hund, c.partSet = v, v%100 != 0
	}
	return b
}

// connects reports whether the word wi joins the number words around it
// into one cardinal: the reader reads the three as fewer digits than the
// two words apart ("cuarenta y ocho" is 48, "trente et un" 31, "hundred
// and eighty" 180), where "12345 and 2" or "eins und drei" stay apart.
func connects(s string, words [][2]int, wordDigits []string, wi int, nr NumberReader) bool {
	if wi == 0 || wi+1 >= len(words) || wordDigits[wi-1] == "" {
		return false
	}
	l, w, r := words[wi-1], words[wi], words[wi+1]
	right := wordDigits[wi+1]
	if right == "" {
		// a word read only next to a number: "un" of "trente et un"
		if n, ok := nr.Number("two " + s[r[0]:r[1]]); ok && len(n) > 1 && n[0] == '2' && !hasDigit(s[r[0]:r[1]]) {
			right = n[1:]
		}
	}
	if right == "" || !joinable(s, l[1], w[0], 1, 1) || !joinable(s, w[1], r[0], 1, 1) {
		return false
	}
	d, ok := nr.Number(s[l[0]:r[1]])
	return ok && len(d) < len(wordDigits[wi-1])+len(right)
}

// digitsAndWords reads a word of digits and number words run together
// ("4eight2nine1three"): every run of letters a number word the reader
// reads, at least one run of digits and one of letters.
func digitsAndWords(w string, nr NumberReader) (string, bool) {
	if !hasDigit(w) {
		return "", false // most words: read once already, as a word
	}
	var b []byte
	digits, words := false, false
	start := -1 // of the current run of letters
	for i, r := range w + " " {
		v, isDigit := digitValue(r)
		if i == len(w) || isDigit {
			if start >= 0 {
				d, ok := nr.Number(w[start:i])
				if !ok || hasDigit(w[start:i]) {
					return "", false
				}
				b, words, start = append(b, d...), true, -1
			}
			if isDigit {
				b, digits = append(b, byte('0'+v)), true
			}
			continue
		}
		if start < 0 && !unicode.Is(unicode.Cf, r) {
			start = i
		}
	}
	return string(b), digits && words
}

// hasDigit reports whether s holds a decimal digit of any script.
func hasDigit(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { _, ok := digitValue(r); return ok }) >= 0
}
