package guard

import (
	"github.com/proofdesk/proofdesk"
)

// A phone of hers shown in part (g24): its head with the rest masked by
// any mask, "+33 6 47 21 8x xx", "+33 6 47 …", "06 47 21 8. ..", "+49 151
// 2345 77xx" (the digit view loses dots, ellipses and a digit glued to
// its mask, which phoneMaskedHead reads only as whole "xx" tokens), or a
// run of its inner digits said as its middle, "the number with 4721 in
// the middle", "die Nummer mit 4721 in der Mitte". A head with its
// country code shows 3 digits of the national number or more, one
// without shows 5 or more; an inner run is 3 digits or more, neither the
// number's start nor its end, beside a word for the middle and a word
// for the number. Other numbers' heads ("+33 6 12 …"), a format's mask
// ("+33 6 xx xx xx xx") and our numbers pass.

// maskHead24 returns the verdict of m at level on reply, whose normalised
// form is t, showing the head of a phone of hers before a mask.
func (m *Matcher) maskHead24(reply string, t *text, level proofdesk.Level) Verdict {
	lvl := m.levels[proofdesk.ClassPhone]
	if lvl <= level || len(m.phones) == 0 || len(t.runs) == 0 || !maskAny7(reply) {
		return Verdict{}
	}
	var dArr [24]byte
	for i := 0; i < len(reply); {
		c := reply[i]
		if !isDigit(c) && c != '+' {
			i++
			continue
		}
		// a chain of digits, spaces and the separators of a phone
		d, j, plus := dArr[:0], i, c == '+'
		if i > 0 && (isDigit(reply[i-1]) || isLetter24(reply[i-1])) {
			for i++; i < len(reply) && (isDigit(reply[i]) || isLetter24(reply[i])); {
				i++ // inside a word or a longer number
			}
			continue
		}
		last := j
		for j < len(reply) && len(d) < cap(d) {
			ch := reply[j]
			if isDigit(ch) {
				d = append(d, ch)
				last = j + 1
			} else if ch != ' ' && ch != '+' && ch != '-' && ch != '(' && ch != ')' && ch != '/' && !(ch == '.' && j+1 < len(reply) && isDigit(reply[j+1])) {
				break
			}
			j++
		}
		i = max(j, i+1)
		if len(d) < 4 || !maskAt24(reply, last) {
			continue
		}
		if m.headShown24(string(d), plus) {
			return Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassPhone, Part: PartFull, RequiredLevel: lvl}
		}
	}
	return Verdict{}
}

// headShown24 reports whether the digits d open a phone of hers and stop
// before its end, showing 3 digits or more of its national number after
// its country code (plus: written with a '+') or 5 or more without.
func (m *Matcher) headShown24(d string, plus bool) bool {
	for i, nsn := range m.phones {
		full := m.phoneDigits[i]
		if cc := len(full) - len(nsn); len(d) < len(full) && len(d)-cc >= 3 && full[:len(d)] == d && (plus || len(d)-cc >= 5) {
			return true
		}
		if "00"+full[:min(len(full), max(len(d)-2, 0))] == d && len(d)-2-(len(full)-len(nsn)) >= 3 && len(d)-2 < len(full) {
			return true // "0033 6 47 …"
		}
		for _, f := range [...]string{nsn, "0" + nsn} {
			if len(d) < len(f) && len(d)-(len(f)-len(nsn)) >= 5 && f[:len(d)] == d {
				return true
			}
		}
	}
	return false
}

// maskAt24 reports whether reply at i (after the last digit of a chain)
// goes on with a mask: x, *, •, #, _ glued or after spaces, an ellipsis
// or two dots or more.
func maskAt24(reply string, i int) bool {
	for i < len(reply) && reply[i] == ' ' {
		i++
	}
	if i >= len(reply) {
		return false
	}
	switch c := reply[i]; {
	case c == 'x' || c == 'X' || c == '*' || c == '#' || c == '_':
		return i+1 >= len(reply) || !isLetter24(reply[i+1]) || reply[i+1] == 'x' || reply[i+1] == 'X'
	case c == '.':
		return i+1 < len(reply) && reply[i+1] == '.' || i+2 < len(reply) && reply[i+1] == ' ' && reply[i+2] == '.' // "8. .."
	}
	s := reply[i:]
	return len(s) >= 3 && (s[:3] == "…" || s[:3] == "•")
}

// isLetter24 reports whether c is an ASCII letter.
func isLetter24(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// middleWords24 name the middle of a number (normalised).
var middleWords24 = set("middle", "mitte", "milieu", "medio", "mezzo", "midden", "meio", "centre", "center", "centro")

// phoneMiddle24 reports whether t says a run of inner digits of a phone of
// hers as its middle, beside a word for the number or "the one".
func (m *Matcher) phoneMiddle24(t *text) bool {
	if len(m.phones) == 0 || t.gate7&g7Middle == 0 {
		return false
	}
	for _, r := range t.runs {
		if r.nTok != 1 {
			continue
		}
		k := int(r.firstTok)
		if !t.middleAfter7(k) {
			continue // (no word for the middle in reach: the run's digits need no search)
		}
		d := string(t.runDigits(r))
		if len(d) < 3 || len(d) > 6 || !m.innerDigits24(d) {
			continue
		}
		from, to := t.sentenceOf(k)
		middle, number := false, false
		for j := from; j < to; j++ {
			w := string(t.tokBytes(j))
			if j > k && j <= k+4 {
				middle = middle || middleWords24[w]
			}
			number = number || phoneWords[w] || numberWords[w] || w == "1" || w == "one"
		}
		if middle && number {
			return true
		}
	}
	return false
}

// innerDigits24 reports whether d stands inside the national number of a
// phone of hers, neither at its start nor at its end.
func (m *Matcher) innerDigits24(d string) bool {
	for _, nsn := range m.phones {
		for i := 1; i+len(d) < len(nsn); i++ {
			if nsn[i:i+len(d)] == d {
				return true
			}
		}
	}
	return false
}
