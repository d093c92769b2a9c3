package guard

import "strings"

// dobday.go: the date of birth told by its parts (guard16): its day and
// month without the year, its day alone as an answer, a part of it
// judged ("the year too", "the year is wrong, the rest fits"), a day's
// offset from the offered date ("a day earlier"), its month with a word
// of celebrating or being born, and its year by an age turned in a year
// ("vous avez eu 40 ans en 2019").

// dobParts returns the rule a reply earns (f16: the triggers scan16
// found) by telling the date of birth
// by its parts, or "": RuleProtectedValue for a statement that needs no
// offer, RuleConfirmation or RuleDenial for an answer about the offered
// date (offered: the requester offered a date of birth).
func (m *Matcher) dobParts(t *text, offered bool, f16 uint16) string {
	day, month, year := m.dob[0], m.dob[1], m.dob[2]
	if day == "" || month == "" {
		return ""
	}
	rule := ""
	sign := m.zodiac()
	for i := range t.toks {
		w := t.tokBytes(i)
		if len(w) == 0 {
			continue
		}
		switch {
		case string(w) == month:
			if r := m.dayMonthAt(t, i, offered); r != "" {
				return r
			}
			if t.monthCelebrated(i) && !m.otherYearAt(t, i) {
				return RuleProtectedValue
			}
		case f16&g16Age != 0 && len(w) == 4 && isDigit(w[0]) && year != "" && allDigits(w):
			if t.ageInYear(i, year) {
				return RuleProtectedValue
			}
		case sign >= 0 && t.has(i, clZodiac) && len(w) >= 3 && m.zodiacAt(t, i, sign):
			return RuleProtectedValue
		case !offered:
		case isDigit(w[0]) && len(w) <= 3:
			if r := m.dayAnswer(t, i); r != "" {
				rule = r
			}
		case len(w) >= 2 && dobPartWords[string(w)]:
			if r := t.partJudged(i); r != "" {
				rule = r
			}
		}
	}
	return rule
}

// dayMonthAt reports, for the month of birth at token i, whether the day
// of birth stands beside it ("3 November", "3 de noviembre", "November
// 3", "the 3rd of November") and the date is said as hers: as an answer
// about the offered date (its clause opens with the day or month after at
// most a yes, a filler, a preposition and an article: "Ben oui, le 3
// novembre", "Pues sí, el 3 de noviembre"), or, offered or not, in a
// sentence that names the record ("la data registrata è il 3 novembre",
// "A data que consta é o dia 3 de novembro"). A year after it other than
// the year of birth makes it another date.
func (m *Matcher) dayMonthAt(t *text, i int, offered bool) string {
	from, to := t.sentenceOf(i)
	if i == from && i > 0 && m.isDobDay(t, i-1) {
		from, _ = t.sentenceOf(i - 1) // "der 3. November": the ordinal's dot
	}
	d := -1
	switch {
	case i-1 >= from && m.isDobDay(t, i-1):
		d = i - 1
	case i-2 >= from && m.isDobDay(t, i-2) && ofWords[string(t.tokBytes(i-1))]:
		d = i - 2
	case i+1 < to && m.isDobDay(t, i+1):
		d = i + 1
	case i+2 < to && m.isDobDay(t, i+2) && definites[string(t.tokBytes(i+1))]:
		d = i + 2
	}
	if d < 0 {
		return ""
	}
	last := max(d, i)
	if last+1 < to {
		if w := t.tokBytes(last + 1); len(w) == 4 && allDigits(w) && string(w) != m.dob[2] {
			return "" // "3 November 2025": another date
		}
	}
	if m.otherYearAt(t, min(d, i)) {
		return "" // "el 3 de noviembre de 2024" (otheryear.go)
	}
	if t.conditional(i) {
		return ""
	}
	first := min(d, i)
	closes := last == to-1 || t.toks[last].flags&fPunctAfter != 0 ||
		last+1 < to && string(t.tokBytes(last+1)) == m.dob[2] // "el 3 de noviembre abrimos la tienda" goes on
	if offered && closes && t.answerOpening(from, first) && t.onlyAnswerClauses(from, to, first, last) {
		return RuleConfirmation
	}
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if isRecordWord(w) || dobRecordWords[w] {
			if offered {
				return RuleConfirmation
			}
			return RuleProtectedValue
		}
	}
	return ""
}

// isDobDay reports whether token k is the day of birth: "3", "3e", "03".
func (m *Matcher) isDobDay(t *text, k int) bool {
	w, day := t.tokBytes(k), m.dob[0]
	if len(w) > 0 && w[0] == '0' && len(w) == 2 {
		w = w[1:]
	}
	return string(w) == day || len(w) == len(day)+1 && string(w[:len(day)]) == day && (w[len(day)] == 'e' || w[len(day)] == 'o')
}

// answerOpening reports whether the tokens [from, k) of a sentence hold
// only what may open an answer before its value: a yes, a filler, a
// copula, a pronoun, a preposition, an article, a word for day ("Pues
// sí, el", "Oui, le", "Ja, am", "Eh già, il", "É o dia").
func (t *text) answerOpening(from, k int) bool {
	if k-from > 5 {
		return false
	}
	for j := from; j < k; j++ {
		if w := string(t.tokBytes(j)); !answerLeads[w] && !definites[w] && !answerFillers[w] {
			return false
		}
	}
	return true
}

// dayAnswer judges a number at token i, with a date of birth offered,
// said as the day of the date in a short clause of its own: "Es el día
// tres, si no me equivoco", "Het is de derde", "C'est le 3, oui" confirm
// with the day of birth; "It's not the 13th, no", "Non è il 13" deny
// with any day. The number ends its clause (no noun after it: "the 3rd
// time") after an article or a word for day.
func (m *Matcher) dayAnswer(t *text, i int) string {
	from, to := t.sentenceOf(i)
	if i+1 < to && t.toks[i].flags&fPunctAfter == 0 && !birthWords[string(t.tokBytes(i+1))] {
		return ""
	}
	w := t.tokBytes(i)
	n := 0
	for _, c := range w {
		if !isDigit(c) {
			if c != 'e' && c != 'o' || n == 0 {
				return ""
			}
			break
		}
		n = n*10 + int(c-'0')
	}
	if n < 1 || n > 31 || i < 1 || i-1 < from {
		return ""
	}
	p := string(t.tokBytes(i - 1))
	if !definites[p] && !dobDayWords[p] && p != "am" && p != "op" {
		return ""
	}
	c := i - 1 // the clause of the number
	for c > from && t.toks[c-1].flags&fPunctAfter == 0 {
		c--
	}
	if i-c > 6 || t.conditional(i) {
		return ""
	}
	neg := false
	for j := c; j < i; j++ {
		x := string(t.tokBytes(j))
		if negations[x] || x == "kein" {
			neg = true
		} else if !answerLeads[x] && !definites[x] && !dobDayWords[x] && !answerFillers[x] && !birthWords[x] && x != "am" && x != "op" {
			return ""
		}
	}
	if !t.onlyAnswerClauses(from, to, c, i) {
		return "" // "Delivery on the 3rd, not the 13th": about a thing
	}
	if neg {
		return RuleDenial
	}
	if m.isDobDay(t, i) {
		return RuleConfirmation
	}
	return ""
}

// onlyAnswerClauses reports whether every clause of the sentence [from,
// to) other than the one at [c, i] is a bare yes or no ("no", "oui") or
// a hedge ("si no me equivoco", "if I'm not mistaken"): the sentence is
// the answer and nothing else.
func (t *text) onlyAnswerClauses(from, to, c, i int) bool {
	for k := from; k < to; {
		e := k
		for e < to-1 && t.toks[e].flags&fPunctAfter == 0 {
			e++
		}
		if k > i || e < c {
			bare, hedge := e-k < 3, false
			for j := k; j <= e; j++ {
				x := string(t.tokBytes(j))
				hedge = hedge || hedgeClauseWords[x]
				if !answerLeads[x] && !answerFillers[x] {
					bare = false
				}
			}
			if !bare && !hedge {
				return false
			}
		}
		k = e + 1
	}
	return true
}

// hedgeClauseWords make a clause a hedge on the answer (normalised): "if
// I'm not mistaken", "si je ne me trompe pas", "wenn ich mich nicht
// irre", "si no me equivoco", "se non sbaglio", "als ik me niet vergis",
// "se não me engano", "soweit ich sehe".
var hedgeClauseWords = set("mistaken", "wrong", "trompe", "irre", "equivoco", "sbaglio", "vergis", "engano", "sehe",
	"see", "vois", "veo", "vedo", "zie", "vejo", "think", "glaube", "crois", "creo", "credo", "denk", "acho",
	"remember", "recall", "souviens", "erinnere", "recuerdo", "ricordo", "herinner", "lembro")

// partJudged judges a word for a part of the date (year, day, month, the
// rest) at token i with a date of birth offered: judged right or wrong
// in its clause ("The year is wrong, the rest fits", "Das Jahr stimmt
// nicht", "L'anno è sbagliato"), or the whole of a short clause after a
// yes ("Correct, the year too", "Richtig, auch das Jahr"), or a day
// before a word of earlier or later ("Almost: it's a day earlier").
func (t *text) partJudged(i int) string {
	from, to := t.sentenceOf(i)
	if t.conditional(i) {
		return ""
	}
	c, e := i, i+1 // the clause of the part word
	for c > from && t.toks[c-1].flags&fPunctAfter == 0 {
		c--
	}
	for e < to && t.toks[e-1].flags&fPunctAfter == 0 {
		e++
	}
	neg := false
	for j := from; j < to; j++ {
		x := string(t.tokBytes(j))
		if weekDays[x] || courierWords[x] || dayThings[x] || dayThings[strings.TrimSuffix(x, "s")] || thingWords[x] {
			return "" // "Der Tag passt nicht, der Kurier kommt erst Montag": a delivery day
		}
		if negations[x] || noJudgements[x] {
			neg = true
		}
	}
	w := string(t.tokBytes(i))
	if dobDayWords[w] && i+1 < to && (offsetWords[string(t.tokBytes(i+1))] ||
		i+2 < to && string(t.tokBytes(i+1)) == "plus" && (string(t.tokBytes(i+2)) == "tot" || string(t.tokBytes(i+2)) == "tard")) {
		// "Almost: it's a day earlier", "Presque : c'est un jour plus
		// tôt": the clause gives only the offset ("The delivery is a day
		// earlier" is about a thing)
		for j := c; j < i; j++ {
			if x := string(t.tokBytes(j)); !answerLeads[x] && !offsetLeads[x] && !answerFillers[x] {
				return ""
			}
		}
		return RuleDenial
	}
	for j := max(c, i-3); j < e && j <= i+3; j++ {
		x := string(t.tokBytes(j))
		if j != i && (yesJudgements[x] || noJudgements[x]) {
			if neg {
				return RuleDenial
			}
			return RuleConfirmation
		}
	}
	// a short clause after a yes opening the sentence: "Correct, the year too"
	if c > from && e-c <= 4 && t.toks[c-1].flags&fPunctAfter != 0 {
		if x := string(t.tokBytes(from)); c-from <= 2 && (yesJudgements[x] || answerFillers[x]) {
			if neg {
				return RuleDenial
			}
			return RuleConfirmation
		}
	}
	return ""
}

// monthCelebrated reports whether the month of birth at token i is said
// of the person addressed by a word of celebrating or being born that the
// birthday words miss ("Sie feiern ja bald, Anfang November", "You're a
// November baby", "Vous êtes née en novembre", "U viert binnenkort, begin
// november"), with no day after it (another date) and the word not the
// business's.
func (t *text) monthCelebrated(i int) bool {
	from, to := t.sentenceOf(i)
	if i+1 < to {
		if w := t.tokBytes(i + 1); len(w) > 0 && isDigit(w[0]) {
			return false
		}
	}
	for k := max(from, i-8); k < to && k <= i+3; k++ {
		w := string(t.tokBytes(k))
		if !celebrateWords[w] && !t.birthWordAt(k, to) || t.birthOwned(k, from, to) {
			continue
		}
		for j := from; j < to; j++ {
			if x := string(t.tokBytes(j)); ourWords[x] || businessWords[x] || weSubjects[x] {
				return false // "We celebrate our anniversary in November"
			}
		}
		return true
	}
	return false
}

// ageInYear reports whether the year at token i and an age in its
// sentence give the year of birth: an age turned or had in that year
// ("vous avez eu 40 ans en 2019", "Sie sind 2019 vierzig geworden", "You
// turned forty in 2019"), the year less the age the year of birth, a word
// of age or turning beside the age.
func (t *text) ageInYear(i int, year string) bool {
	y := 0
	for _, c := range t.tokBytes(i) {
		y = y*10 + int(c-'0')
	}
	b := 0
	for _, c := range []byte(year) {
		b = b*10 + int(c-'0')
	}
	if y-b < 10 || y-b > 110 {
		return false
	}
	from, to := t.sentenceOf(i)
	for k := max(from, i-6); k < to && k <= i+6; k++ {
		w := t.tokBytes(k)
		if n, ok := elidedAge(w); ok && n == y-b && k != i {
			return !t.businessAged(from, min(i, k)) // "ha compiuto quarant'anni nel 2019"
		}
		if k == i || len(w) == 0 || len(w) > 3 || !allDigits(w) {
			continue
		}
		n := 0
		for _, c := range w {
			n = n*10 + int(c-'0')
		}
		if n != y-b {
			continue
		}
		if k+1 < to && ageUnits[string(t.tokBytes(k+1))] {
			return !t.businessAged(from, min(i, k)) // "40 ans", "40 anni"
		}
		for j := max(from, k-3); j < to && j <= k+3; j++ {
			if turnedWords[string(t.tokBytes(j))] {
				return !t.businessAged(from, min(i, k)) // "turned forty", "vierzig geworden"
			}
		}
	}
	return false
}

// Words of the date's parts (normalised).
var (
	// dobPartWords name a part of a date, or the rest of it.
	dobPartWords = set("year", "jahr", "annee", "an", "ano", "anno", "jaar", "day", "tag", "jour", "dia", "giorno", "dag",
		"month", "monat", "mois", "mes", "mese", "maand", "rest", "reste", "resto", "remainder", "resten", "overige")
	// offsetLeads may stand before a day's offset: "just a day earlier".
	offsetLeads = set("a", "an", "1", "un", "une", "um", "uma", "uno", "una", "einen", "ein", "een", "just", "only",
		"nur", "juste", "seulement", "solo", "apenas", "maar", "slechts", "almost", "presque", "fast", "casi", "quasi",
		"bijna", "quase", "close", "but", "aber", "mais", "pero", "ma", "mas", "maar", "exactly", "genau", "pile",
		"justo", "proprio", "precies", "exatamente", "esattamente", "exactement", "precisely", "nog")
	dobDayWords = set("day", "tag", "jour", "dia", "giorno", "dag", "dias", "tage")
	// offsetWords follow a day to give the offset ("a day earlier",
	// "einen Tag früher", "um dia antes").
	offsetWords = set("earlier", "later", "before", "after", "fruher", "spater", "vorher", "danach", "antes", "despues",
		"prima", "dopo", "eerder", "depois")
	// yesJudgements and noJudgements judge a part right or wrong.
	yesJudgements = set("correct", "right", "fits", "matches", "stimmt", "passt", "richtig", "korrekt",
		"bonne", "juste", "exacte", "exact", "correcto", "correcta", "coincide",
		"giusto", "giusta", "corretto", "corretta", "torna", "klopt", "juist", "certo", "certa",
		"correto", "correta", "bate", "exactly", "genau", "exactement", "exacto", "esatto", "precies",
		"exato", "yes", "ja", "oui", "si", "sim", "perfect", "perfekt", "parfait", "perfecto", "perfetto", "perfeito",
		"bene", "bien", "wel", "oui", "sim", "ok")
	noJudgements = set("wrong", "falsch", "faux", "fausse", "incorrect", "incorrecto", "incorrecta", "sbagliato",
		"sbagliata", "errato", "errata", "fout", "onjuist", "verkeerd", "errado", "errada", "incorreto", "incorreta",
		"different", "anders", "differente", "distinto", "distinta", "diverso", "diversa", "diferente", "andere")
	// answerLeads may open an answer before the value it gives.
	answerLeads = set("yes", "ja", "oui", "si", "sim", "exactly", "genau", "exact", "exactement", "exacto", "esatto",
		"precies", "exato", "correct", "richtig", "correcto", "giusto", "klopt", "certo", "gia", "e", "it", "its", "is",
		"es", "ist", "est", "cest", "het", "das", "ce", "c", "on", "am", "op", "em", "en", "in", "of", "im", "al", "a",
		"sure", "natuerlich", "naturlich", "bien", "sur", "claro", "que", "certamente", "zeker", "hoor", "precisamente",
		"of", "course", "course", "exatamente", "indeed", "right", "isso", "mesmo", "also", "jawohl", "ok", "okay", "dia",
		"day", "giorno", "tag", "jour", "dag", "no", "nein", "non", "nee", "nao", "not", "nicht", "pas", "niet", "der",
		"sie", "haben", "hat", "you", "have", "heeft", "hebt", "u")
	// dobRecordWords name the record of a date: the date on file.
	dobRecordWords = set("file", "record", "records", "hold", "held", "have", "consta", "figura", "risulta", "registrata",
		"registrada", "registado", "registada", "hinterlegte", "hinterlegt", "gespeicherte", "enregistree", "geregistreerde",
		"staat", "vermerkt", "notee", "notada", "annotata")
	// celebrateWords say the person addressed celebrates or was born:
	// a verb of celebrating, a baby of the month, French "née"/"né".
	celebrateWords = set("celebrate", "celebrates", "baby", "feiern", "feierst", "feiert", "fetez", "fetes", "fete",
		"celebra", "celebras", "celebrara", "festeja", "festejas", "festeggia", "festeggi", "festeggera", "viert",
		"vier", "vieren", "comemora", "comemoras", "nee", "ne", "nees", "nes", "geboren", "jarig", "verjaart")
	// ageUnits follow an age ("40 ans"); turnedWords say an age turned.
	ageUnits    = set("ans", "jahre", "jahren", "anos", "anni", "jaar", "years", "year", "anys")
	turnedWords = set("turned", "turn", "geworden", "cumplio", "cumpliste", "compiuto", "compiuti", "werd", "fez",
		"fizeste", "completou", "completo")
	// weSubjects say "we": "We celebrate our anniversary".
	weSubjects = set("we", "wir", "nous", "nosotros", "noi", "wij", "nos")
)

// businessAged reports whether the tokens [from, k) name the business or
// a thing as what had the age: "Our company turned forty in 2019", "Le
// magasin a eu quarante ans".
func (t *text) businessAged(from, k int) bool {
	for j := from; j < k; j++ {
		if w := string(t.tokBytes(j)); ourWords[w] || businessWords[w] || thingPossessives[w] || agedThings[w] {
			return true
		}
	}
	return false
}

// agedThings are things that have an age besides people (normalised).
var agedThings = set("store", "shop", "site", "brand", "product", "service", "marque", "maison", "produit", "service",
	"tienda", "marca", "producto", "negozio", "prodotto", "winkel", "merk", "product", "loja", "produto", "geschaft",
	"marke", "produkt", "unternehmen", "entreprise", "societe", "empresa", "azienda", "bedrijf", "website", "app")

// elidedAge reads an Italian age whose tens lost their vowel to "anni"
// and joined it ("quarantanni" from "quarant'anni", "trentanni").
func elidedAge(w []byte) (int, bool) {
	if len(w) < 8 || string(w[len(w)-4:]) != "anni" {
		return 0, false
	}
	n, ok := elidedTens[string(w[:len(w)-4])]
	return n, ok
}

// elidedTens are the Italian tens before an elided vowel.
var elidedTens = map[string]int{"vent": 20, "trent": 30, "quarant": 40, "cinquant": 50, "sessant": 60, "settant": 70,
	"ottant": 80, "novant": 90}

// zodiacAt reports whether token i names the sign of the zodiac of the
// date of birth, said of the person addressed: a copula or "of the"
// within 3 tokens before it and the person addressed in its sentence
// ("Sie sind ein Skorpion, laut Ihrem Geburtsdatum", "Vous êtes
// Scorpion", "Es usted Escorpio", "Lei è dello Scorpione", "U bent een
// Schorpioen", "A senhora é Escorpião", "You're a Scorpio"). The sign
// tells the day and month within a month.
func (m *Matcher) zodiacAt(t *text, i, s int) bool {
	if s < 0 || !zodiacNames[s][string(t.tokBytes(i))] {
		return false
	}
	from, to := t.sentenceOf(i)
	said := false
	for k := max(from, i-3); k < i; k++ {
		x := string(t.tokBytes(k))
		said = said || copulaWords[x] || youCopulas[x] || personCopulas[x] || x == "youre" || x == "dello" || x == "del" ||
			x == "do" || x == "du"
	}
	if !said {
		return false
	}
	for k := from; k < to; k++ {
		if x := string(t.tokBytes(k)); secondPerson[x] || addressPronouns[x] || youCopulas[x] || x == "youre" {
			return !t.conditional(i)
		}
	}
	return false
}

// zodiac returns the index of the sign of the zodiac of the date of
// birth (0 Aries … 11 Pisces), or -1.
func (m *Matcher) zodiac() int {
	if len(m.dob[1]) < 2 || m.dob[1][0] != 'm' {
		return -1
	}
	mo, d := 0, 0
	for _, c := range m.dob[1][1:] {
		mo = mo*10 + int(c-'0')
	}
	for _, c := range m.dob[0] {
		if c < '0' || c > '9' {
			return -1
		}
		d = d*10 + int(c-'0')
	}
	// the first day of each sign, from Aries (21 March)
	starts := [12][2]int{{3, 21}, {4, 20}, {5, 21}, {6, 21}, {7, 23}, {8, 23}, {9, 23}, {10, 23}, {11, 22}, {12, 22}, {1, 20}, {2, 19}}
	for s := 11; s >= 0; s-- {
		n := (s + 1) % 12
		a, b := starts[s], starts[n]
		if mo == a[0] && d >= a[1] || mo == b[0] && d < b[1] {
			return s
		}
	}
	return -1
}

// zodiacNames are the signs' names in the seven languages (normalised),
// Aries first.
var zodiacNames = [12]map[string]bool{
	set("aries", "widder", "belier", "ariete", "ram", "carneiro"),
	set("taurus", "stier", "taureau", "tauro", "toro", "touro"),
	set("gemini", "zwillinge", "zwilling", "gemeaux", "geminis", "gemelli", "tweelingen", "tweeling", "gemeos"),
	set("cancer", "krebs", "cancro", "kreeft", "caranguejo"),
	set("leo", "lowe", "loewe", "lion", "leone", "leeuw", "leao"),
	set("virgo", "jungfrau", "vierge", "vergine", "maagd", "virgem"),
	set("libra", "waage", "balance", "bilancia", "weegschaal"),
	set("scorpio", "skorpion", "scorpion", "escorpio", "escorpion", "scorpione", "schorpioen", "escorpiao",
		"scorp", "skorpi", "escorp"), // texting's short forms (a22c)
	set("sagittarius", "schutze", "sagittaire", "sagitario", "sagittario", "boogschutter"),
	set("capricorn", "steinbock", "capricorne", "capricornio", "capricorno", "steenbok"),
	set("aquarius", "wassermann", "verseau", "acuario", "acquario", "waterman", "aquario"),
	set("pisces", "fische", "poissons", "piscis", "pesci", "vissen", "peixes"),
}

// dayThings name what else a day or month may be judged for: a delivery,
// an offer (normalised): "the day is right for the delivery", "el mes
// está bien para la oferta".
var dayThings = set("delivery", "lieferung", "livraison", "entrega", "consegna", "levering", "bezorging", "promotion",
	"promo", "aktion", "offre", "oferta", "offerta", "aanbieding", "promocao", "envio", "shipping", "versand",
	"expedition", "spedizione", "verzending", "stock", "ausgebucht")
