package guard

import (
	"strings"
	"unicode/utf8"

	"github.com/proofdesk/proofdesk"
)

// The agent-facing view (proofdesk.ViewContext) hides verification codes
// a customer typed in any form. It reads numbers through this file, so
// that one normaliser (normalize.go, numbers.go, lexicon.go) reads numbers
// for the guard and for the view: importing this package registers it.
func init() {
	proofdesk.SetNumberReader(proofdesk.NumberReader{Number: Number, DigitLetter: DigitLetter})
}

// Number returns the ASCII digits that s reads as when s is nothing but a
// number, read as the guard reads numbers: digits of any script, number
// words of the seven languages ("four eight two", "neunundsiebzig",
// "soixante-dix-neuf", "double five"), O, l and i among digits for 0 and 1
// ("4O7l"), full-width and confusable forms. Filler words between digit
// groups ("and", "then", "und", "puis") are skipped. ok is false when s
// holds any other token, an ordinal ("first", "dritte"), or no digit.
func Number(s string) (digits string, ok bool) {
	if !mayReadAsNumber(s) {
		return "", false
	}
	s = repeatWords(s)
	t := textPool.Get().(*text)
	defer textPool.Put(t)
	t.normalize(s)
	for _, rt := range t.raw {
		// an ordinal ("first", "dritte") is a word, not a digit of a code
		if e := lookup(t.rawBuf[rt.start:rt.end]); e != nil && e.hasNum && e.num.ord {
			return "", false
		}
	}
	var b []byte
	for i := range t.toks {
		w := t.tokBytes(i)
		switch {
		case allDigits(w):
			b = append(b, w...)
		case t.toks[i].lex&lxFiller != 0:
		default:
			return "", false
		}
	}
	return string(b), len(b) > 0
}

// repeatWordsOf are the words of the seven languages for "the next digit
// twice" or "three times" that the lexicon lacks ("doble cuatro", "dubbel
// vier", "doppio quattro", "duplo quatro", "triplo otto"), as the words
// it reads. The view reads them here until the lexicon does.
var repeatWordsOf = map[string]string{
	"doble": "double", "dubbel": "double", "doppio": "double", "doppia": "double", "duplo": "double", "dupla": "double",
	"triplo": "triple", "tripla": "triple", "tripel": "triple", "dreifach": "triple",
}

// repeatWords returns s with each word of repeatWordsOf (any case)
// replaced by the word the lexicon reads; s itself when it has none.
func repeatWords(s string) string {
	var b []byte
	start := -1
	last := 0
	for i := 0; i <= len(s); i++ {
		letter := i < len(s) && (s[i]|0x20 >= 'a' && s[i]|0x20 <= 'z')
		if letter && start < 0 {
			start = i
		}
		if !letter && start >= 0 {
			if w, ok := repeatWordsOf[strings.ToLower(s[start:i])]; ok {
				b = append(append(b, s[last:start]...), w...)
				last = i
			}
			start = -1
		}
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

// DigitLetter returns the digit a letter typed among digits may stand
// for: '0' for O and o, '1' for l, I and i, and for the letters of other
// scripts that look like them (Cyrillic о, Greek ο, ...), folded as the
// guard folds them. ok is false for any other rune.
func DigitLetter(r rune) (byte, bool) {
	if r < utf8.RuneSelf {
		switch r {
		case 'o', 'O':
			return '0', true
		case 'l', 'I', 'i', '|':
			return '1', true
		}
		return 0, false
	}
	t := textPool.Get().(*text)
	defer textPool.Put(t)
	t.tokenize(t.prepare(string(r)))
	if len(t.raw) != 1 || t.raw[0].end-t.raw[0].start != 1 {
		return 0, false
	}
	switch t.rawBuf[t.raw[0].start] {
	case 'o':
		return '0', true
	case 'l', 'i':
		return '1', true
	}
	return 0, false
}

// mayReadAsNumber is a fast "no" for a word of three or more ASCII
// letters whose first three letters start no number word ("hello",
// "order"): most words of a message, which Number then skips without
// normalising.
func mayReadAsNumber(s string) bool {
	if len(s) < 3 {
		return true
	}
	var p [3]byte
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return true // not a plain ASCII word: the full reading
		}
		if i < 3 {
			p[i] = c
		}
	}
	return numPrefix[prefixIndex(p[:])]
}
