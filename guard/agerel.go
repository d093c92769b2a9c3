package guard

import "time"

// agerel.go (guard20): her age and her birthday said without the date
// itself. An age after "at" or "with" (ageAtPrep: "At 46 you're well
// over the limit", "Mit 46 Jahren sind Sie ...", "À 46 ans", "A los 46
// años ya ..."); the year of birth said as the year a person "is from"
// (yearFromAt: "Ze is van '79", "Ela é de 79", "Es del 79", "Sie ist
// Jahrgang 79"); a date said relative to her birthday that lands on it
// (birthdayRelative: "activates on 1 November, two days before your
// birthday"); and, once the requester offered a date of birth, an age
// set against it ("No, she's older", "Nein, sie ist älter", "Não, ela é
// mais velha": ageCompared), which denies the offer.

// ageAtPrep reports whether the number at token i follows a word for
// "at" or "with" as the age of the person addressed or spoken of: a word
// for years after it or a person right after it ("At 46 you're"), and
// not the years of something ("with 46 years of experience").
func (t *text) ageAtPrep(i, from, to int) bool {
	word := func(k int) string {
		if k < from || k >= to {
			return ""
		}
		return string(t.tokBytes(k))
	}
	prev, next := word(i-1), word(i+1)
	if !ageAtWords[prev] && !(prev == "los" && word(i-2) == "a") {
		return false
	}
	if ageYears[next] {
		if ageOfWords[word(i+2)] && !ageOfSource(word(i+3)) {
			return false // "with 46 years of experience", "com 46 anos de garantia"
		}
		for k := from; k < to; k++ {
			if ageThings[string(t.tokBytes(k))] {
				return false
			}
		}
		return true
	}
	return beShort[next] || personSubjects[next] && next != "il" && next != "el"
}

// yearFromAt reports whether the number at token i, the year of birth by
// in 4 digits or its last 2, is said as the year a person "is from": a
// copula and "from" before it ("Ze is van '79", "Ela é de 79", "Es del
// 79", "È del '79") or a word for the year of birth ("Sie ist Jahrgang
// 79"), closing its clause, in a sentence about no thing ("Es del 79 el
// modelo") and asking nothing.
func (t *text) yearFromAt(i, by int) bool {
	w := t.tokBytes(i)
	if len(w) == 2 && string(w) != itoa2(by%100) || len(w) == 4 && string(w) != itoa4(by) || len(w) != 2 && len(w) != 4 {
		return false
	}
	if t.toks[i].flags&fQuestion != 0 {
		return false
	}
	from, to := t.sentenceOf(i)
	if i+1 < to && t.toks[i].flags&fPunctAfter == 0 {
		return false // "Es de 79 euros"
	}
	for k := from; k < to; k++ {
		if w := string(t.tokBytes(k)); ageThings[w] || ourWords[w] {
			return false
		}
	}
	if i-1 < from {
		return false
	}
	prev := string(t.tokBytes(i - 1))
	if prev == "jahrgang" || prev == "classe" || prev == "bouwjaar" {
		return true
	}
	if !ageFromWords[prev] || i-2 < from {
		return false
	}
	be := string(t.tokBytes(i - 2))
	if beingWords32[be] {
		// "Essendo del '79, ...", "Sendo de 79, fica no escalão 45-49", not
		// "Being from 1979, the building ..." (age32.go)
		return i+1 >= to || !thingArticles32[string(t.tokBytes(i+1))]
	}
	if !ageHaveVerbs[be] && !yearBeWords[be] && !ageHave32[be] {
		return false
	}
	// the subject: a person's pronoun, or none at all ("Es del 79")
	return i-3 < from || personSubjects[string(t.tokBytes(i-3))] || beShort[be] || agePersonNouns[string(t.tokBytes(i-3))]
}

// ageOfSource reports whether w, after "years of", says by whom: "46
// ans d'après le dossier", "46 anos de acordo com a conta".
func ageOfSource(w string) bool {
	return sourceWords[w] || w == "acordo" || w == "acuerdo" || ageNouns[w] // "46 years of age"
}

func itoa2(n int) string { return string([]byte{byte('0' + n/10%10), byte('0' + n%10)}) }
func itoa4(n int) string {
	return string([]byte{byte('0' + n/1000%10), byte('0' + n/100%10), byte('0' + n/10%10), byte('0' + n%10)})
}

// birthdayRelative reports whether a sentence of t says a day and month
// and, relative to her birthday, an offset that puts the birthday on the
// date of birth's day and month: "activates on 1 November, two days
// before your birthday", "on 2 November, the day before your birthday",
// "le 10 novembre, une semaine après votre anniversaire".
func (m *Matcher) birthdayRelative(t *text) bool {
	if m.dob[1] == "" {
		return false
	}
	if t.cls&clBirthday == 0 {
		return false // no word for a birthday
	}
	for i := range t.toks {
		if !t.has(i, clBirthday) {
			continue // birthdayWords
		}
		from, to := t.sentenceOf(i)
		// the offset: "N days before", "the day before", "a week after"
		off := 0
		for k := max(from, i-5); k < i && off == 0; k++ {
			s := string(t.tokBytes(k))
			dir := 0
			switch {
			case relBefore[s]:
				dir = 1
			case relAfter[s]:
				dir = -1
			default:
				continue
			}
			unit, n := 0, 1
			for j := k - 1; j >= from && j >= k-3; j-- {
				u := string(t.tokBytes(j))
				if relDays[u] {
					unit = 1
				} else if relWeeks[u] {
					unit = 7
				} else if unit > 0 && t.digitsTok(j) {
					n = atoiSmall(t.tokBytes(j))
					break
				} else if unit > 0 {
					break
				}
			}
			if s == "veille" || s == "vispera" || s == "vigilia" {
				unit, n, dir = 1, 1, 1
			}
			if unit > 0 && n > 0 && n < 60 {
				off = dir * unit * n
			}
		}
		if off == 0 {
			continue
		}
		// the date may stand in the sentence before: "am 1. November,
		// zwei Tage vor ..." reads "1." as a sentence's end
		for k := max(0, i-14); k+1 < to; k++ {
			d, mo := dayMonthAt(t, k)
			if d == 0 {
				continue
			}
			at := time.Date(2001, time.Month(mo), d, 12, 0, 0, 0, time.UTC).AddDate(0, 0, off)
			if itoaSmall(at.Day()) == m.dob[0] && monthToken(int(at.Month())) == m.dob[1] {
				return true
			}
		}
	}
	return false
}

// dayMonthAt reads a day and a month at tokens k, k+1 ("1 m11", "m11
// 1") or k, k+2 ("1 de m11"): the month is the normaliser's "mNN".
func dayMonthAt(t *text, k int) (day, month int) {
	a, b := t.tokBytes(k), t.tokBytes(k+1)
	if k+2 < len(t.toks) && dayMonthLinks[string(b)] {
		b = t.tokBytes(k + 2) // "1 de noviembre", "3 di novembre", "3rd of November"
	}
	if isMonthTok(a) && isDigitTok(b) {
		a, b = b, a
	}
	if !isDigitTok(a) || len(a) > 2 || !isMonthTok(b) {
		return 0, 0
	}
	d, mo := atoiSmall(a), int(b[1]-'0')*10+int(b[2]-'0')
	if d < 1 || d > 31 || mo < 1 || mo > 12 {
		return 0, 0
	}
	return d, mo
}

func isMonthTok(w []byte) bool { return len(w) == 3 && w[0] == 'm' && isDigit(w[1]) && isDigit(w[2]) }

func monthToken(mo int) string { return "m" + itoa2(mo) }

func atoiSmall(w []byte) int {
	n := 0
	for _, c := range w {
		n = n*10 + int(c-'0')
		if n > 1000 {
			return 0
		}
	}
	return n
}

func itoaSmall(n int) string {
	if n < 10 {
		return string([]byte{byte('0' + n)})
	}
	return itoa2(n)
}

// ageCompared reports whether a sentence of t sets the age of the person
// spoken of against the offered one: a comparative of age after a
// copula or a person ("No, she's older", "Nein, sie ist älter", "No, è
// più grande", "Nee, ze is ouder"), asking, supposing and refusing
// nothing. The opening "no" is the answer; a negation after it refuses
// ("No, I can't say whether she's older").
func (t *text) ageCompared() bool {
	for i := range t.toks {
		if b := t.tokBytes(i); len(b) == 0 || len(b) >= 32 || ageCompShapes[b[0]]&(1<<len(b)) == 0 {
			continue
		}
		w := string(t.tokBytes(i))
		if !ageComparatives[w] && !(ageMoreAdjs[w] && i > 0 && ageMore[string(t.tokBytes(i-1))]) {
			continue
		}
		from, to := t.sentenceOf(i)
		if t.toks[i].flags&fQuestion != 0 || t.condBefore(from, i) {
			continue
		}
		if i+1 < to && ageThanThings[string(t.tokBytes(i+1))] {
			continue // "older accounts", "ältere Karten"
		}
		person := false
		for k := max(from, i-3); k < i; k++ {
			s := string(t.tokBytes(k))
			person = person || personSubjects[s] || beShort[s] || ageHaveVerbs[s] || yearBeWords[s]
			if k > from && (negations[s] || placeNegs[s]) || ageThings[s] || firstPerson[s] {
				person = false
				break
			}
		}
		if person {
			return true
		}
	}
	return false
}

// Words of agerel.go (normalised).
var (
	dayMonthLinks = set("de", "di", "of", "del")
	// ageAdverbs may stand between a verb and an age: "elle a bien 46
	// ans", "tiene ya 46 años", "ze is inmiddels 46".
	ageAdverbs = set("already", "now", "still", "just", "bien", "deja", "ya", "gia", "inmiddels", "al", "nu", "schon",
		"jetzt", "noch", "ja", "agora", "ainda", "ahora", "todavia", "ora", "ancora", "encore", "maintenant", "nog")
	ageAtWords = set("at", "mit", "a", "con", "com", "met", "with", "avec", "aged", "als", "being", "siendo", "etant", "essendo", "sendo")
	ageOfWords = set("of", "erfahrung", "experience", "de", "d", "di", "del", "van", "ervaring", "experiencia",
		"esperienza", "garantie", "warranty", "garantia", "garanzia")
	// ageFromWords say the year a person "is from"; yearBeWords are
	// copulas beside ageHaveVerbs.
	ageFromWords = set("van", "de", "del", "dal", "da", "do", "from", "of", "du", "des", "dell", "anno")
	yearBeWords  = set("was", "war", "era", "etait", "foi", "sono", "sind", "zijn", "e", "et", "esta")
	// agePersonNouns are the person a record holds.
	agePersonNouns = set("holder", "customer", "client", "kunde", "kundin", "kontoinhaber", "kontoinhaberin", "titulaire",
		"cliente", "titular", "titolare", "klant", "rekeninghouder", "accountholder", "inhaber", "inhaberin")
	// birthdayWords name a birthday; relBefore and relAfter set a date
	// before or after it, relDays and relWeeks the unit.
	birthdayWords = set("birthday", "bday", "geburtstag", "anniversaire", "cumpleanos", "compleanno", "verjaardag",
		"aniversario")
	relBefore = set("before", "vor", "avant", "antes", "prima", "voor", "veille", "vispera", "vigilia")
	relAfter  = set("after", "nach", "apres", "despues", "dopo", "na", "depois")
	relDays   = set("day", "days", "tag", "tage", "tagen", "jour", "jours", "dia", "dias", "giorno", "giorni", "dag", "dagen")
	relWeeks  = set("week", "weeks", "woche", "wochen", "semaine", "semaines", "semana", "semanas", "settimana",
		"settimane", "weken")
	// ageComparatives compare an age; ageThanThings are things after one.
	// ageMoreAdjs do after a word for "more" (ageMore).
	ageComparatives = set("older", "younger", "alter", "junger", "mayor", "menor", "ouder", "jonger")
	ageMoreAdjs     = set("agee", "age", "ages", "agees", "jeune", "joven", "grande", "giovane", "vecchia", "vecchio",
		"anziana", "anziano", "velha", "velho", "nova", "novo", "jovem", "vieille", "vieux")
	ageMore       = set("plus", "piu", "mais", "mas")
	ageThanThings = set("accounts", "account", "cards", "card", "orders", "order", "version", "versions", "model",
		"konten", "karten", "comptes", "cartes", "cuentas", "tarjetas", "conti", "carte", "rekeningen", "kaarten",
		"contas", "cartoes")
)

// ageCompShapes are the shapes (first letter, length) of the
// comparatives, a test before the look-up.
var (
	ageCompShapes = func() [256]uint32 {
		a, b := shapes(ageComparatives), shapes(ageMoreAdjs)
		for i := range a {
			a[i] |= b[i]
		}
		return a
	}()
)
