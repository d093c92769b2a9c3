package guard

import "github.com/proofdesk/proofdesk"

// enumThreshold is how many distinct candidate values of one class make a
// reply an enumeration. A reply that tells a customer their own data names
// one or two; an agent testing the guard as an oracle lists many.
const enumThreshold = 5

// enumeration returns the class of which the reply lists enumThreshold or
// more distinct candidate values, or "": dates that could be a date of
// birth (years 1900–2015), numbers of 4 digits with a card or phone word in
// the reply, phone numbers (digit runs of 7 or more), email addresses, or
// house numbers with a street type.
func (t *text) enumeration() string {
	if t.ats >= enumThreshold {
		return proofdesk.ClassEmail
	}
	// every candidate holds a digit: most replies have too few for a list
	if len(t.numToks) < enumThreshold {
		return ""
	}
	// one pass for the dates, the 4-digit numbers and the house numbers
	var dates, four, houses, runs distinct
	var card, phone bool
	// (the token's shape and lexical classes first: most tokens are
	// words of none of them)
	for i := range t.toks {
		sh, lx := t.toks[i].shape, t.toks[i].lex
		if sh&(tsNum|tsMonth) == 0 && lx&(lxCard|lxPhone|lxStreet) == 0 {
			continue
		}
		w := t.tokBytes(i)
		// a date starts with digits or a month ("m01")
		if sh&(tsNum|tsMonth) != 0 {
			if d, ok := t.dateAt(i); ok {
				dates.add(d[:])
			}
		}
		switch {
		case lx&lxCard != 0:
			card = true
		case lx&lxPhone != 0:
			phone = true
		case len(w) == 4 && sh&tsDigits != 0:
			four.add(w)
		}
		// a house number: 2 to 4 tokens before a street type
		if lx&lxStreet != 0 {
			for k := max(i-4, 0); k <= i-2; k++ {
				if h := t.tokBytes(k); len(h) <= 6 && hasDigitB(h) {
					houses.add(h)
				}
			}
		}
	}
	if dates.n >= enumThreshold {
		return proofdesk.ClassDateOfBirth
	}
	if four.n >= enumThreshold+1 && (card || phone) {
		if card {
			return proofdesk.ClassPayment
		}
		return proofdesk.ClassPhone
	}
	// phone candidates: tokens of 7 digits or more, and runs of 7 or more
	// made of shorter tokens
	t.phoneCandidates(runs.add)
	if runs.n >= enumThreshold {
		return proofdesk.ClassPhone
	}
	if houses.n >= enumThreshold {
		return proofdesk.ClassAddress
	}
	return ""
}

// distinct counts distinct values (by a 64-bit FNV-1a hash) up to a
// dozen, without allocating.
type distinct struct {
	h [12]uint64
	n int
}

func (d *distinct) add(b []byte) {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	for _, x := range d.h[:min(d.n, len(d.h))] {
		if x == h {
			return
		}
	}
	if d.n < len(d.h) {
		d.h[d.n] = h
	}
	d.n++
}

func hasDigitB(b []byte) bool {
	for _, c := range b {
		if c >= '0' && c <= '9' {
			return true
		}
	}
	return false
}

// phoneCandidates calls add with each phone candidate of t: a token of
// 7 digits or more, and a run of the digit view of 7 or more made of
// shorter tokens that is no date ("+1 415 555 0142", not "2025-01-01").
// The enumeration rule counts them, and CountCandidates and
// CandidateValues (candidates47.go) name them.
func (t *text) phoneCandidates(add func([]byte)) {
	for _, r := range t.runs {
		long := false
		for k := r.firstTok; k < r.firstTok+r.nTok; k++ {
			if w := t.tokBytes(int(k)); len(w) >= 7 {
				add(w)
				long = true
			}
		}
		end := int(r.off) + 1
		for end < t.compact && t.buf[end] != '|' {
			end++
		}
		if d := t.buf[r.off+1 : end]; len(d) >= 7 && !long && !t.dateLike(r) {
			add(d)
		}
	}
}

// dateLike reports whether run r is a date written with / . - (three
// parts, none longer than 4 digits): "2025-01-01" is no phone number.
func (t *text) dateLike(r run) bool {
	if r.nTok != 3 {
		return false
	}
	for k := r.firstTok; k < r.firstTok+3; k++ {
		if len(t.tokBytes(int(k))) > 4 || k > r.firstTok && t.toks[k].flags&fTight == 0 {
			return false
		}
	}
	return true
}

// dateAt reports whether a date that could be a date of birth starts at
// token i — day, month and year in any order of the common formats, the
// month as a number or a name, an "of" or "de" between — and returns it
// in one form (year, month, day).
func (t *text) dateAt(i int) ([3]byte, bool) {
	var parts [3]int
	var isMonthName [3]bool
	n := 0
	tight := true // "1/2/77": the parts joined by / . -
	if i > 0 && t.toks[i].flags&fTight != 0 && startsDigit(t.tokBytes(i-1)) {
		// inside a longer chain of numbers joined by / . - ("móvil:
		// 6-4-7-2-1-8-3-9-0"): no date starts mid-chain
		return [3]byte{}, false
	}
	k := i
	for ; k < len(t.toks) && n < 3; k++ {
		if n > 0 && t.toks[k].flags&fTight == 0 {
			tight = false
		}
		w := t.tokBytes(k)
		switch {
		case len(w) <= 4 && t.digitsTok(k):
			v := 0
			for _, c := range w {
				v = v*10 + int(c-'0')
			}
			if len(w) == 4 && (v < 1900 || v > 2015) {
				return [3]byte{}, false
			}
			if len(w) == 3 {
				return [3]byte{}, false
			}
			parts[n] = v
			if len(w) == 4 {
				parts[n] += 100000 // marks a 4-digit year
			}
			n++
		case len(w) == 3 && w[0] == 'm' && w[1] >= '0' && w[1] <= '1' && w[2] >= '0' && w[2] <= '9':
			parts[n] = int(w[1]-'0')*10 + int(w[2]-'0')
			isMonthName[n] = true
			n++
		case n > 0 && (string(w) == "of" || string(w) == "de" || string(w) == "del" || string(w) == "di" || string(w) == "the"):
		default:
			return [3]byte{}, false
		}
	}
	if n < 3 {
		return [3]byte{}, false
	}
	if k < len(t.toks) && t.toks[k].flags&fTight != 0 && startsDigit(t.tokBytes(k)) {
		return [3]byte{}, false // the chain goes on past three numbers: no date
	}
	year := func(v int) (int, bool) {
		if v >= 100000 {
			return v - 100000, true
		}
		return 0, false
	}
	day := func(v int) bool { return v >= 1 && v <= 31 }
	month := func(v int) bool { return v >= 1 && v <= 12 }
	yy := func(v int) bool { return v < 100 }
	var y, m, d int
	switch {
	case func() bool { v, ok := year(parts[0]); y = v; return ok }() && month(parts[1]) && day(parts[2]):
		m, d = parts[1], parts[2]
	case day(parts[0]) && month(parts[1]) && (parts[2] >= 100000 || yy(parts[2]) && (isMonthName[1] || tight)):
		d, m, y = parts[0], parts[1], parts[2]%100000
	case month(parts[0]) && day(parts[1]) && (parts[2] >= 100000 || yy(parts[2]) && (isMonthName[0] || tight)):
		m, d, y = parts[0], parts[1], parts[2]%100000
	default:
		return [3]byte{}, false
	}
	return [3]byte{byte(y % 250), byte(m), byte(d)}, true
}

// startsDigit reports whether w opens with an ASCII digit.
func startsDigit(w []byte) bool { return len(w) > 0 && isDigit(w[0]) }
