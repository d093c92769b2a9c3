package guard

// Values on file given with two of their digits swapped (guard11): a typo
// of the value is the value ("0647218930" for 0647218390, "03-11-1797"
// for 3 November 1979), as a street or a month one letter off is.

// phoneTransposed reports whether a digit run of t ends in a phone on
// file with one pair of neighbouring digits swapped ("0647218930", "+33
// 647 218 309"). A run the length of the national number or up to 4
// digits longer (a trunk 0, a country code) counts; a run that differs
// in one digit only is another number.
func (m *Matcher) phoneTransposed(t *text) bool {
	dv := t.buf[t.digits+1 : t.compact]
	for len(dv) > 0 {
		i := 0
		for i < len(dv) && dv[i] != '|' {
			i++
		}
		if run := dv[:i]; len(run) >= 8 {
			for _, ph := range m.phones {
				if len(run) >= len(ph) && len(run) <= len(ph)+4 && swappedOnce(run[len(run)-len(ph):], ph) {
					return true
				}
			}
		}
		if i == len(dv) {
			break
		}
		dv = dv[i+1:]
	}
	return false
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

// dobTransposed reports whether t holds the date of birth with its year's
// digits transposed ("03-11-1797", "3 November 1997", "1997-11-03"): a
// four-digit token written with the birth year's digits in another order
// (sameDigits), the day
// and month of birth the two tokens before or after it, in either order.
func (m *Matcher) dobTransposed(t *text) bool {
	y := m.dob[2]
	if len(y) != 4 {
		return false
	}
	for j := range t.toks {
		w := t.tokBytes(j)
		if len(w) != 4 || string(w) == y || !sameDigits(w, y) {
			continue
		}
		if j >= 2 && m.dayMonth(t, j-2, j-1) || j+2 < len(t.toks) && m.dayMonth(t, j+1, j+2) {
			return true
		}
	}
	return false
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

// dobPartSaid reports whether t tells a part of the date of birth in
// other words than a date (guard11): the month of birth described by its
// place in the year ("the penultimate month of the year", "der vorletzte
// Monat", "l'undicesimo mese") in a sentence with a word for birthday, or
// the day of birth held "as" the birthday ("we have the 3rd as your
// birthday", "Wir haben den 3. als Ihren Geburtstag", "temos o dia 3 como
// o seu aniversário").
func (m *Matcher) dobPartSaid(t *text) bool {
	if m.dob[0] == "" {
		return false
	}
	mo := m.dob[1][1:]
	if mo[0] == '0' {
		mo = mo[1:]
	}
	for k := range t.toks {
		w := string(t.tokBytes(k))
		switch {
		case monthNouns[w] && k > 0:
			n, ok := monthPlace(t, k)
			if ok && n == mo && t.birthInSentence(k) {
				return true
			}
		case asWords[w] && k > 0 && k+1 < len(t.toks):
			d := string(t.tokBytes(k - 1))
			if (d == m.dob[0] || d == m.dob[0]+"e") && t.toks[k-1].flags&fSentence == 0 {
				from, to := t.sentenceOf(k)
				for j := k + 1; j < to && j <= k+4; j++ {
					if t.birthWordAt(j, to) && !t.birthOwned(j, from, to) {
						return true
					}
				}
			}
		}
	}
	return false
}

// monthPlace returns the month number the words before month noun k give
// ("11 month", "penultimate month", "last month of the year" with "of the
// year" after it), as a string without a leading zero.
func monthPlace(t *text, k int) (string, bool) {
	p := string(t.tokBytes(k - 1))
	ofYear := k+3 < len(t.toks) && yearNouns[string(t.tokBytes(k+2))] || k+2 < len(t.toks) && yearNouns[string(t.tokBytes(k+1))] ||
		k+3 < len(t.toks) && yearNouns[string(t.tokBytes(k+3))]
	switch {
	case penultimateWords[p], p == "last" && k >= 3 && string(t.tokBytes(k-2)) == "to" && string(t.tokBytes(k-3)) == "2",
		p == "dernier" && k >= 2 && string(t.tokBytes(k-2)) == "avant", p == "derniere" && k >= 2 && string(t.tokBytes(k-2)) == "avant":
		return "11", true
	case yearLastWords[p] && ofYear:
		return "12", true
	case p == "11" || p == "12" || p == "10" || elevenWords[p]:
		if elevenWords[p] {
			return "11", true
		}
		return p, true
	}
	return "", false
}

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

// Words of a month described by its place in the year, and of the day
// held "as" the birthday, in seven languages (normalised).
var (
	yearNouns        = set("year", "jahres", "jahr", "annee", "ano", "anno", "jaar")
	penultimateWords = set("penultimate", "vorletzten", "vorletzte", "vorletzter", "penultimo", "penultima", "voorlaatste")
	yearLastWords    = set("last", "letzten", "letzte", "dernier", "ultimo", "laatste")
	elevenWords      = set("undicesimo", "undecimo", "onzieme", "elften", "elfte")
	asWords          = set("as", "als", "comme", "como", "come")
)

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
