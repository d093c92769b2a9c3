package guard

import (
	"fmt"

	"github.com/proofdesk/proofdesk"
)

// dobMonthYear adds the month and year of birth as digits ("11/79",
// "11.1979") as token patterns of ctxDobMY: "month and year (11/79)
// match, only the day is missing" gives two of the date's three parts.
func (b *builder) dobMonthYear(s string, level proofdesk.Level) {
	var y, m, d int
	if _, err := fmt.Sscanf(s, "%4d-%2d-%2d", &y, &m, &d); err != nil || m < 1 || m > 12 {
		return
	}
	p := pattern{class: proofdesk.ClassDateOfBirth, part: PartFull, level: level, ctx: ctxDobMY}
	for _, mm := range uniq(fmt.Sprintf("%02d", m), fmt.Sprint(m)) {
		for _, yy := range []string{fmt.Sprint(y), fmt.Sprintf("%02d", y%100)} {
			b.tokens([]string{mm, yy}, p)
		}
	}
}

// monthYearNamed reports whether the month and year at offset start of
// the token view are said as the date of birth's: a word for birth in
// their sentence, or words for month and year both ("Monat und Jahr
// (11/79) stimmen", "mes y año (11/79) coinciden").
func (m *Matcher) monthYearNamed(t *text, start, end int) bool {
	if m.birthNear(t, start, end) {
		return true
	}
	i := t.tokenAt(start)
	if i < 0 {
		return false
	}
	from, to := t.sentenceOf(i)
	month, year := false, false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		month = month || monthNouns[w]
		year = year || yearWords[w]
	}
	return month && year
}

// bornOnDay reports whether the day at offset start of the token view is
// said as the day the person addressed was born: after an article or a
// preposition, a word for "born" within 4 tokens of it in its clause
// ("You were born on the 3rd, right?", "Née le 3, non ?", "Sie sind am
// 3. geboren, oder?", "Je bent op de 3e geboren, toch?"). Whatever the
// business opened or launched on the 3rd is no birth.
func (t *text) bornOnDay(start int) bool {
	i := t.tokenAt(start)
	if i < 1 || !dayLeads[string(t.tokBytes(i-1))] {
		return false
	}
	from, to := t.sentenceOf(i)
	for k := from; k < to; k++ {
		if ourWords[string(t.tokBytes(k))] {
			return false
		}
	}
	for k := max(from, i-4); k < to && k <= i+4; k++ {
		if k != i && bornWords[string(t.tokBytes(k))] {
			return true
		}
	}
	return false
}

// Words of the year and of being born (normalised).
var (
	bornWords = set("born", "geboren", "nee", "ne", "nacio", "nacida", "nacido", "nata", "nato", "nasceu", "nascida",
		"nascido", "nacque")
)

// readRight call a value read out the right one, after it ("Das Datum,
// das Sie mir genannt haben, ist das richtige", "La date que vous m'avez
// donnée est la bonne", "De datum die u me gaf is de juiste"), for
// readOutValue (normalised).
var readRight = set("richtige", "richtig", "korrekt", "korrekte", "bonne", "bon", "exacte", "juiste", "juist", "correcte",
	"correcta", "correcto", "giusta", "giusto", "corretta", "corretto", "certa", "certo", "correta", "correto", "correct")
