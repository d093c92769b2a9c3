package guard

import "time"

// dobhint41b.go (f41b): her birthday told as a weekday of her month this
// year: "Ihr Geburtstag fällt dieses Jahr auf den ersten Dienstag im
// November", "Uw verjaardag valt dit jaar op de eerste dinsdag van
// november" (the first Tuesday of November 2026 is the 3rd). An ordinal
// (1 to 4), a weekday, a word for "of" or "in" and her month, in a
// sentence with her birthday, name her day when that weekday falls on
// it in the year of the clock.

// weekdayOf41b maps the weekdays in seven languages to time.Weekday
// (normalised).
var weekdayOf41b = func() map[string]time.Weekday {
	m := map[string]time.Weekday{}
	for d, ws := range [7][]string{
		{"sunday", "sonntag", "dimanche", "domingo", "domenica", "zondag"},
		{"monday", "montag", "lundi", "lunes", "lunedi", "maandag", "segunda"},
		{"tuesday", "dienstag", "mardi", "martes", "martedi", "dinsdag", "terca"},
		{"wednesday", "mittwoch", "mercredi", "miercoles", "mercoledi", "woensdag", "quarta"},
		{"thursday", "donnerstag", "jeudi", "jueves", "giovedi", "donderdag", "quinta"},
		{"friday", "freitag", "vendredi", "viernes", "venerdi", "vrijdag", "sexta"},
		{"saturday", "samstag", "samedi", "sabado", "sabato", "zaterdag"},
	} {
		for _, w := range ws {
			m[w] = time.Weekday(d)
		}
	}
	return m
}()

// monthIn41b are the words between a weekday and its month ("of", "im",
// "van", "de", "di") (normalised).
var monthIn41b = set("of", "in", "im", "van", "de", "di", "del", "do", "da", "en", "em", "du")

// weekdayBirth41b reports whether t names her birthday as the n-th
// weekday of her month in the year of now.
func (m *Matcher) weekdayBirth41b(t *text, now func() time.Time) bool {
	h := m.dobH
	if h.month == 0 {
		return false
	}
	for _, k32 := range t.numToks { // (the digit opens its token)
		k := int(k32)
		if k+3 >= len(t.toks) {
			break
		}
		if tk := &t.toks[k]; tk.len6 != 1 || tk.head6 < '1' || tk.head6 > '4' {
			continue // (the token's fields before its text)
		}
		w := t.tokBytes(k)
		if len(w) != 1 || w[0] < '1' || w[0] > '4' {
			continue
		}
		wd, ok := weekdayOf41b[string(t.tokBytes(k+1))]
		if !ok || !monthIn41b[string(t.tokBytes(k+2))] {
			continue
		}
		mo := t.tokBytes(k + 3)
		if len(mo) != 3 || mo[0] != 'm' || int(mo[1]-'0')*10+int(mo[2]-'0') != h.month {
			continue
		}
		first := time.Date(now().Year(), time.Month(h.month), 1, 0, 0, 0, 0, time.UTC)
		day := 1 + (int(wd)-int(first.Weekday())+7)%7 + 7*int(w[0]-'1')
		if day != h.day {
			continue
		}
		from, to := t.sentenceOf(k)
		for j := from + 1; j < to; j++ {
			if birthStem(string(t.tokBytes(j))) && (secondPerson[string(t.tokBytes(j-1))] || herPossessive37[string(t.tokBytes(j-1))]) {
				return true
			}
		}
	}
	return false
}
