package proofdesk

import (
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Full-text search over encrypted text: the store keeps, per
// conversation, a keyed hash (a blind token) of every normalised word of
// its subject and messages, never the words. SearchWords is the one
// normalisation both the index and the query use.

// MaxSearchWords bounds the distinct words indexed per message.
const MaxSearchWords = 2000

// searchFold is Unicode case folding ("ß" and "ss" match, "İ" and "i").
var searchFold = cases.Fold()

// SearchWords returns the distinct words of s, case- and accent-folded:
// compatibility-decomposed (NFKD), combining marks dropped, case-folded,
// split at anything that is not a letter or digit. "Café", "cafe" and a
// decomposed "Cafe\u0301" all give "cafe"; "reclamação" gives
// "reclamacao". Words of one letter are left out, and so are words of
// digits only: a verification code, card digits, a phone number or a date
// of birth in pieces is never indexed, so a search never confirms one (the
// one view hides codes; the index must not answer for them). At most max
// words (MaxSearchWords when max <= 0), in order of first use.
func SearchWords(s string, max int) []string {
	if max <= 0 {
		max = MaxSearchWords
	}
	folded := searchFolded(s)
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.Fields(folded) {
		if len([]rune(w)) < 2 || len(w) > 64 || seen[w] || digitsOnly(w) {
			continue
		}
		seen[w] = true
		out = append(out, w)
		if len(out) == max {
			break
		}
	}
	return out
}

// digitsOnly reports whether w is made of decimal digits only.
func digitsOnly(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// searchFolded is s compatibility-decomposed, without combining marks,
// case-folded, with every rune that is not a letter or digit a space.
func searchFolded(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining mark: the accent goes, the letter stays
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return searchFold.String(b.String())
}

// SearchMatchesNothing reports whether query holds a word of digits only
// (of any length): the index never holds one, so no conversation holds
// every word of such a query, and the search answers nothing rather than
// the conversations matching its other words.
func SearchMatchesNothing(query string) bool {
	for _, w := range strings.Fields(searchFolded(query)) {
		if digitsOnly(w) {
			return true
		}
	}
	return false
}
