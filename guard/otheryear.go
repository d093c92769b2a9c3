package guard

import "strconv"

// A date with her day and month but another year, written out in full,
// is another person's date: "A baby born on 3 November 2024 still travels
// as an infant", "Kinder, die am 3.11.2014 geboren sind". The year must
// be no slip of hers (one digit off, two digits swapped, within five
// years): "born 3 November 1980" still tells her birthday.

// otherYearDate reports whether the day or month of birth matched at
// token view offset start belongs to a written date whose year, right
// after it or right before it (ISO order), is another person's.
func (m *Matcher) otherYearDate(t *text, start int) bool {
	return m.otherYearAt(t, t.tokenAt(start))
}

// otherYearAt is otherYearDate for token i.
func (m *Matcher) otherYearAt(t *text, i int) bool { return t.otherYearOf(i, m.birthYear) }

// otherYearOf is otherYearAt with born the year of birth.
func (t *text) otherYearOf(i, born int) bool {
	if i < 0 || born == 0 || t.birthDateHers(i) {
		return false // "Her next birthday is 3 November 2026" (otheryear37.go)
	}
	for k := i + 1; k < len(t.toks) && k <= i+5; k++ {
		w := t.tokBytes(k)
		if p := t.tokBytes(k - 1); t.toks[k].flags&fSentence != 0 && !(len(p) <= 2 && allDigits(p)) {
			break // only a day's ordinal dot ("am 3. November 2016") goes on
		}
		if y, ok := yearTok(w); ok {
			return otherYear(y, born)
		}
		if !dateFiller(w) {
			break
		}
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		w := t.tokBytes(k)
		if y, ok := yearTok(w); ok {
			return otherYear(y, born)
		}
		if !dateFiller(w) || t.toks[k+1].flags&fSentence != 0 {
			break
		}
	}
	return false
}

// yearTok reads a four-digit year from 1900 to 2099.
func yearTok(w []byte) (int, bool) {
	if len(w) != 4 || !allDigits(w) || !(w[0] == '1' && w[1] == '9' || w[0] == '2' && w[1] == '0') {
		return 0, false
	}
	y, _ := strconv.Atoi(string(w))
	return y, true
}

// dateFiller reports whether w may stand inside a written date: a day
// (1–31), a month token ("m11"), "of", "de", "del", "di", "van", "do".
func dateFiller(w []byte) bool {
	switch {
	case len(w) == 3 && w[0] == 'm' && isDigit(w[1]) && isDigit(w[2]):
		return true
	case len(w) <= 2 && allDigits(w):
		return true
	}
	return dateFillers[string(w)]
}

var dateFillers = set("of", "de", "del", "di", "van", "do", "da", "im", "jahr", "year", "ano", "anno", "an")

// otherYear reports whether y can be no slip of her year born: more than
// five years off, two digits or more different, no two digits swapped.
func otherYear(y, born int) bool {
	if y == born || y-born <= 5 && born-y <= 5 {
		return false
	}
	a, b := strconv.Itoa(y), strconv.Itoa(born)
	diff := 0
	for k := range a {
		if a[k] != b[k] {
			diff++
		}
	}
	if diff <= 1 {
		return false
	}
	for k := 0; k+1 < len(a); k++ {
		if a[k] == b[k+1] && a[k+1] == b[k] && a[:k] == b[:k] && a[k+2:] == b[k+2:] {
			return false
		}
	}
	return true
}
