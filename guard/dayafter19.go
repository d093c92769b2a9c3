package guard

// dayafter19.go (g19p): her day of birth as a count of days from the
// start of the month, beside a birth: "you were born three days after the
// start of the month", "Sie sind drei Tage nach Monatsanfang geboren",
// "vous êtes née trois jours après le début du mois". The count is her
// day or one less (the 1st counted as the start or as day one). A count
// of days with no birth in its sentence ("delivery three days after the
// start of the month") passes.

// dayUnits19 are the words for days (normalised).
var dayUnits19 = set("days", "tage", "tagen", "jours", "dias", "giorni", "dagen", "day", "tag", "jour", "dia", "giorno", "dag")

// afterWords19 say "after" (normalised).
var afterWords19 = set("after", "nach", "apres", "despues", "dopo", "na", "depois", "from")

// monthStarts19 name the start of the month (normalised; "Monatsanfang"
// whole).
var monthStarts19 = set("start", "beginning", "anfang", "beginn", "monatsanfang", "monatsbeginn", "debut", "commencement",
	"inicio", "principio", "comienzo", "inizio", "begin", "start", "comeco", "1", "first")

// dayAfterStart19 reports whether t gives her day of birth as days after
// the month's start beside a birth word.
func (m *Matcher) dayAfterStart19(t *text) bool {
	day := m.dobH.day
	if day == 0 {
		return false
	}
	for _, k32 := range t.numToks {
		k := int(k32)
		n, ok := dh35Atoi(t.tokBytes(k))
		if !ok || n != day && n != day-1 || k+3 >= len(t.toks) {
			continue
		}
		if !dayUnits19[string(t.tokBytes(k+1))] || !afterWords19[string(t.tokBytes(k+2))] {
			continue
		}
		from, to := t.sentenceOf(k)
		start := false
		for j := k + 3; j < to && j <= k+5; j++ {
			start = start || monthStarts19[string(t.tokBytes(j))]
		}
		if !start || t.toks[k].flags&fQuestion != 0 || t.condBefore(from, k) {
			continue
		}
		birth := false
		for j := from; j < to; j++ {
			w := string(t.tokBytes(j))
			if myWords19[w] {
				birth = false // "my son was born ..."
				break
			}
			birth = birth || t.birthWordAt(j, to) && !t.birthOwned(j, from, to) ||
				(w == "nee" || w == "ne") && j > from && frenchBe19[string(t.tokBytes(j-1))] // "vous êtes née": Dutch "nee" is "no"
		}
		if birth {
			return true
		}
	}
	return false
}

// myWords19 make the birth the speaker's or a relative's (normalised;
// not "ma", "mes", "i", "je": Italian "but", Spanish "month",
// Italian "the", Dutch "you").
var myWords19 = set("my", "mein", "meine", "meinem", "meiner", "mon", "mi", "mis", "mio", "mia", "miei", "mijn", "meu",
	"minha", "meus", "minhas", "ich", "yo", "io", "ik", "eu")

// frenchBe19 are French forms of "to be" before a participle (normalised).
var frenchBe19 = set("etes", "est", "es", "suis", "etait", "etiez")
