package guard

import "strconv"

// The day of birth as the day after or before another date (a22c, attack22
// dob22): "your birthday is the day after November 2nd", "der Tag nach dem
// 2. November", "o dia a seguir a 2 de novembro", "le lendemain du 2
// novembre", "el día después del 2 de noviembre", "il giorno dopo il 2
// novembre", "de dag na 2 november". The date said is shifted by the day
// and read against the date of birth on file, in a sentence with a word
// for birth.

// Words of the day after or before (normalised).
var (
	dayNouns29   = set("day", "tag", "jour", "dia", "giorno", "dag")
	dayAfter29   = set("after", "nach", "seguir", "apos", "depois", "despues", "dopo", "na", "following", "suivant")
	dayBefore29  = set("before", "vor", "avant", "antes", "prima", "voor", "veille", "previous")
	dayOneWord29 = map[string]int{"lendemain": 1, "veille": -1, "vortag": -1, "folgetag": 1}
)

// dobShifted reports whether t says the customer's day and month of birth
// as the day after or before another day and month.
func (m *Matcher) dobShifted(t *text) bool {
	if m.dob[0] == "" {
		return false
	}
	if t.shapes&tsMonth == 0 {
		return false // no month
	}
	for i := range t.toks {
		if t.toks[i].shape&tsMonth == 0 {
			continue // a month's token: "m11"
		}
		w := t.tokBytes(i)
		mo, _ := strconv.Atoi(string(w[1:]))
		from, to := t.sentenceOf(i)
		if x := t.tokBytes(max(i-1, 0)); i > 0 && len(x) <= 2 && allDigits(x) {
			from, _ = t.sentenceOf(i - 1) // German "dem 2. November": the day's dot ends no sentence
		}
		// the day beside the month: "m11 2", "2 m11", "2 de m11"
		day, at := 0, i
		for _, k := range []int{i + 1, i - 1, i - 2} {
			if k < from || k >= to {
				continue
			}
			x := t.tokBytes(k)
			if len(x) > 0 && len(x) <= 2 && allDigits(x) && (k != i-2 || ofWords29[string(t.tokBytes(i-1))]) {
				day, _ = strconv.Atoi(string(x))
				at = min(at, k)
				break
			}
		}
		if day < 1 || day > 31 {
			continue
		}
		// the shift before the date: "the day after", "der Tag nach dem"
		shift := 0
		for k := max(from, at-5); k < at && shift == 0; k++ {
			if !dayShiftGate6.tok(&t.toks[k]) {
				continue // neither set's first letter and length (speed6.go)
			}
			x := string(t.tokBytes(k))
			if s, ok := dayOneWord29[x]; ok {
				shift = s
				continue
			}
			if !dayNouns29[x] {
				continue
			}
			for j := k + 1; j < at && j <= k+3; j++ {
				switch y := string(t.tokBytes(j)); {
				case dayAfter29[y]:
					shift = 1
				case dayBefore29[y]:
					shift = -1
				}
			}
		}
		if shift == 0 {
			continue
		}
		d, mo2 := day+shift, mo
		switch {
		case d < 1:
			mo2, d = (mo+10)%12+1, monthDays29[(mo+10)%12]
		case d > monthDays29[mo-1]:
			mo2, d = mo%12+1, 1
		}
		if strconv.Itoa(d) != m.dob[0] || "m"+pad2(mo2) != m.dob[1] || mo < 1 || mo > 12 {
			continue
		}
		for k := from; k < to; k++ {
			if birthWords[string(t.tokBytes(k))] {
				return true
			}
		}
	}
	return false
}

var (
	ofWords29   = set("de", "of", "del", "di", "van")
	monthDays29 = [12]int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
)
