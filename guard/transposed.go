package guard

import (
	"fmt"

	"github.com/proofdesk/proofdesk"
)

// Values on file given with two of their digits swapped (guard11): a typo
// of the value is the value ("0647218930" for 0647218390, "03-11-1797"
// for 3 November 1979), as a street or a month one letter off is.

// phoneTransposed reports whether a digit run of t ends in a phone on
// file with one pair of neighbouring digits swapped ("0647218930", "+33
// 647 218 309"). A run the length of the national number or up to 4
// digits longer (a trunk 0, a country code) counts; a run that differs
// in one digit only is another number.
func (m *Matcher) phoneTransposed(t *text) bool {
	for _, r := range t.runs {
		run := t.runDigits(r)
		if len(run) < 8 {
			continue
		}
		for _, ph := range m.phones {
			if len(run) >= len(ph) && len(run) <= len(ph)+4 && swappedOnce(run[len(run)-len(ph):], ph) {
				return true
			}
		}
	}
	return false
}

// runDigits returns the digits of run r in the digit view.
func (t *text) runDigits(r run) []byte {
	d := t.buf[r.off+1 : t.compact]
	if i := indexByte(d, '|'); i >= 0 {
		d = d[:i]
	}
	return d
}

// swappedOnce reports whether a and b (same length) differ by one swap of
// neighbouring digits and nothing else.
func swappedOnce(a []byte, b string) bool {
	first := -1
	for i := range a {
		if a[i] != b[i] {
			first = i
			break
		}
	}
	if first < 0 || first+1 >= len(a) || a[first] != b[first+1] || a[first+1] != b[first] {
		return false
	}
	return string(a[first+2:]) == b[first+2:]
}

// dobTransposedAt reports whether token k, w, is the date of birth's
// year with its digits transposed ("03-11-1797", "3 November 1997",
// "1997-11-03"): four digits written with the birth year's digits in
// another order (sameDigits), the day and month of birth the two tokens
// before or after it, in either order, in a sentence with a word for
// birth ("Date: 11/03/1997 — invoice date" is another date).
func (m *Matcher) dobTransposedAt(t *text, k int, w []byte) bool {
	y := m.dob[2]
	if len(w) != 4 || len(y) != 4 || string(w) == y || !sameDigits(w, y) {
		return false
	}
	return (k >= 2 && m.dayMonth(t, k-2, k-1) || k+2 < len(t.toks) && m.dayMonth(t, k+1, k+2)) && t.birthInSentence(k)
}

// dayMonth reports whether tokens a and b are the day and month of birth
// in either order ("03 11", "3 m11", "11 03").
func (m *Matcher) dayMonth(t *text, a, b int) bool {
	day := func(k int) bool {
		w := string(t.tokBytes(k))
		return w == m.dob[0] || len(w) == 2 && w[0] == '0' && w[1:] == m.dob[0]
	}
	month := func(k int) bool {
		w := string(t.tokBytes(k))
		mo := m.dob[1][1:] // "m11" → "11"
		return w == m.dob[1] || w == mo || len(mo) == 2 && mo[0] == '0' && w == mo[1:]
	}
	return day(a) && month(b) || month(a) && day(b)
}

// sameDigits reports whether a and b (same length) open with the same
// digit and are written with the same set of digits, in any order and
// count: "1997", "1799" and "1797" for 1979.
func sameDigits(a []byte, b string) bool {
	if a[0] != b[0] {
		return false
	}
	var n [10]uint8
	for i := range a {
		if a[i] < '0' || a[i] > '9' || b[i] < '0' || b[i] > '9' {
			return false
		}
		n[a[i]-'0'] |= 1
		n[b[i]-'0'] |= 2
	}
	for _, v := range n {
		if v == 1 || v == 2 {
			return false
		}
	}
	return true
}

// dobSaid adds the parts of the date of birth told in other words than a
// date (ctxDobSaid): the month of birth by its place in the year ("the
// penultimate month of the year", "im vorletzten Monat", "l'undicesimo
// mese", "the 11th month") and the day of birth before "as" ("we have the
// 3rd as your birthday", "den 3. als Ihren Geburtstag", "o dia 3 como o
// seu aniversário").
func (b *builder) dobSaid(month, day int, level proofdesk.Level) {
	p := pattern{class: proofdesk.ClassDateOfBirth, part: PartFull, level: level, ctx: ctxDobSaid}
	nouns := []string{"month", "monat", "monats", "mois", "mes", "mese", "maand"}
	for _, n := range nouns {
		b.tokens([]string{fmt.Sprint(month), n}, p) // "the 11th month", "im elften Monat"
		b.tokens([]string{n, fmt.Sprint(month)}, p) // "in month 11"
	}
	var forms []string
	switch month {
	case 11:
		forms = []string{"penultimate month", "second to last month", "second last month", "vorletzten monat",
			"vorletzte monat", "avant-dernier mois", "penúltimo mes", "penultimo mese", "voorlaatste maand",
			"penúltimo mês", "undicesimo mese", "undécimo mes", "onzième mois", "décimo primeiro mês"}
	case 12:
		forms = []string{"last month of the year", "final month of the year", "letzten monat des jahres",
			"letzte monat des jahres", "dernier mois de l'année", "último mes del año", "ultimo mese dell'anno",
			"laatste maand van het jaar", "último mês do ano"}
	case 1:
		forms = []string{"first month of the year", "ersten monat des jahres", "premier mois de l'année",
			"primer mes del año", "primo mese dell'anno", "eerste maand van het jaar", "primeiro mês do ano"}
	}
	for _, f := range forms {
		b.addText(f, p)
	}
	for _, dd := range uniq(fmt.Sprint(day), fmt.Sprint(day)+"e") {
		for _, as := range []string{"as", "als", "comme", "como", "come"} {
			b.tokens([]string{dd, as}, p)
		}
	}
}

// dobSaid reports whether a ctxDobSaid match, [start, end) of the token
// view, says a part of the date of birth: a month's place in a sentence
// with a word for birthday that is not the business's ("our birthday
// sale"), or a day before "as" with such a word within 4 tokens after,
// the day not opening its sentence ("3 as in ...").
func (t *text) dobSaid(start, end int) bool {
	i, j := t.tokenAt(start), t.tokenAt(end-2)
	if i < 0 || j < i {
		return false
	}
	if !isDigit(t.tokBytes(i)[0]) || j != i+1 || monthNoun(t.tokBytes(j)) {
		return t.birthInSentence(i) || t.ageInSentence(i)
	}
	if t.toks[i].flags&fSentence != 0 {
		return false
	}
	from, to := t.sentenceOf(j)
	for k := j + 1; k < to && k <= j+4; k++ {
		if t.birthWordAt(k, to) && !t.birthOwned(k, from, to) {
			return true
		}
	}
	return false
}

// ageInSentence reports whether token k's sentence says the person
// addressed turns an age: a verb of turning beside a number ("when you
// turn 47", "cuando cumples 47", "wenn Sie 47 werden", "als u 47 wordt",
// "quando faz 47 anos").
func (t *text) ageInSentence(k int) bool {
	from, to := t.sentenceOf(k)
	age := func(n int) bool { w := t.tokBytes(n); return len(w) > 0 && len(w) <= 3 && allDigits(w) }
	for j := from; j < to; j++ {
		w := string(t.tokBytes(j))
		switch {
		case turnWords[w]:
			for n := j + 1; n < to && n <= j+3; n++ {
				if age(n) {
					return true // "when you turn 47", "quando faz 47 anos"
				}
			}
		case turnAfterWords[w]:
			if j > from && age(j-1) && (j-2 < from || secondPerson[string(t.tokBytes(j-2))]) {
				return true // "wenn Sie 47 werden", "als u 47 wordt"
			}
		}
	}
	return false
}

// turnWords say that someone turns an age, the age after them;
// turnAfterWords the same after the age, right after the person (German
// and Dutch) (normalised).
var (
	turnWords = set("turn", "turns", "turning", "fetez", "feterez", "fete", "fetera", "cumples", "cumple", "cumplira",
		"cumpliras", "cumplir", "compie", "compi", "compira", "compirai", "faz", "fazes", "fara", "completa", "completas")
	turnAfterWords = set("werden", "wirst", "wird", "wordt", "word")
)

// birthInSentence reports whether token k's sentence has a word for
// birthday, not the business's ("our birthday sale").
func (t *text) birthInSentence(k int) bool {
	from, to := t.sentenceOf(k)
	for j := from; j < to; j++ {
		if t.birthWordAt(j, to) && !t.birthOwned(j, from, to) {
			return true
		}
	}
	return false
}

// monthNoun reports whether w says "month" (monthNouns).
func monthNoun(w []byte) bool {
	switch string(w) {
	case "month", "monat", "monats", "mois", "mes", "mese", "maand":
		return true
	}
	return false
}

// doorWords say that a delivery reached a door (guard11): a house number
// after a word for it, in a sentence with one, is the customer's ("the
// courier was at number 92 but found no name on the bell", "va al número
// 45 de tu calle") (normalised).
var doorWords = set("courier", "driver", "bell", "doorbell", "door", "rang", "doorstep", "letterbox", "mailbox",
	"kurier", "fahrer", "zusteller", "bote", "klingel", "klingelschild", "tur", "haustur", "briefkasten", "geklingelt",
	"livreur", "coursier", "sonnette", "porte", "boite", "sonne",
	"repartidor", "mensajero", "timbre", "puerta", "buzon", "portal",
	"corriere", "fattorino", "campanello", "citofono", "porta", "cassetta",
	"bezorger", "koerier", "chauffeur", "bel", "deur", "brievenbus", "aangebeld",
	"estafeta", "entregador", "motorista", "carteiro", "campainha", "caixa")

// doorLeads may stand before a bare "number" that is a house's in a
// sentence about a delivery at a door ("stand vor Nummer 5", "stond bij
// nummer 92", "the door of number 92") (normalised).
var doorLeads = set("vor", "bei", "bij", "aan", "of", "in", "before", "outside")

// doorSentence reports whether tokens [from, to) hold a word of a
// delivery at a door.
func (t *text) doorSentence(from, to int) bool {
	for k := from; k < to; k++ {
		if doorWords[string(t.tokBytes(k))] {
			return true
		}
	}
	return false
}

// dobTransposed reports whether t holds the date of birth with its year
// transposed (dobTransposedAt). Only the digit view's runs' tokens (4
// digits or more) are looked at.
func (m *Matcher) dobTransposed(t *text) bool {
	for _, r := range t.runs {
		for k := int(r.firstTok); k < int(r.firstTok+r.nTok) && k < len(t.toks); k++ {
			if m.dobTransposedAt(t, k, t.tokBytes(k)) {
				return true
			}
		}
	}
	return false
}

// phoneMaskedHead reports whether a digit run of t that a mask follows
// ("06 47 21 83 ••", "+49 151 2345 ••••") is the opening of a phone on
// file showing 5 digits or more of its national number: the mask hides
// the rest, the digits shown are disclosed.
func (m *Matcher) phoneMaskedHead(t *text) bool {
	if t.shapes&tsX == 0 {
		return false // no mask
	}
	for _, r := range t.runs {
		next := int(r.firstTok + r.nTok)
		if next >= len(t.toks) || !allX(t.tokBytes(next)) {
			continue
		}
		d := t.runDigits(r)
		for i, nsn := range m.phones {
			for _, f := range [...]string{nsn, "0" + nsn, m.phoneDigits[i]} {
				shown := len(d) - (len(f) - len(nsn)) // digits of the national number shown
				if len(d) < len(f) && shown >= 5 && f[:len(d)] == string(d) {
					return true
				}
			}
		}
	}
	return false
}

// indexByte returns the index of the first c in b, or -1.
func indexByte(b []byte, c byte) int {
	for i := range b {
		if b[i] == c {
			return i
		}
	}
	return -1
}

// yourStreetAt reports whether token k is a word for street ("rue",
// "Straße", "calle", "via" read as street types) with a possessive of the
// person addressed in the 2 tokens before it: "de tu calle", "Ihrer
// Straße", "della sua via".
func (t *text) yourStreetAt(k int) bool {
	w := string(t.tokBytes(k))
	if t.toks[k].lex&lxStreet == 0 && !streetNouns[w] && w != "via" {
		return false
	}
	for j := max(0, k-2); j < k; j++ {
		if x := string(t.tokBytes(j)); secondPerson[x] && x != "u" || yourForms[x] {
			return true
		}
	}
	return false
}

// yourStreetAfter reports whether one of the 5 tokens after the house
// number word i, in its sentence ending at to, is the addressed person's
// street (yourStreetAt): "an Nummer 5 Ihrer Straße", "naar nummer 92 in
// je straat".
func (t *text) yourStreetAfter(i, to int) bool {
	for k := i + 2; k < to && k <= i+5; k++ {
		if t.yourStreetAt(k) {
			return true
		}
	}
	return false
}

// yourForms are possessives of the person addressed that secondPerson
// lacks (normalised).
var yourForms = set("je", "ihrer", "ihrem", "ihren", "deiner", "deinem", "deinen", "tua", "vostra", "vuestra", "tuo")
