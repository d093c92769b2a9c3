package guard

import "strings"

// homes.go: addresses and emails told without being written (guard16):
// two of her cities named together as where she has addresses or where
// something goes ("We have an address in Berlin and another in Madrid",
// "Shall I send it to Berlin or to Turin?"), her house number said with
// a verb of living ("You live at number 92, if I'm not mistaken"), and
// her email's local part described by her names ("the part before the @
// is your first and last name separated by a dot").

// cityIndex returns the index in m.cities of the city token k names, in
// any of the seven languages, or -1. Most tokens fail the shape test
// (m.cityHeads).
func (m *Matcher) cityIndex(t *text, k int) int {
	w := t.tokBytes(k)
	if len(w) < 3 || len(w) >= 32 {
		return -1
	}
	if m.cityHeads[w[0]]&(1<<len(w)) == 0 {
		return -1
	}
	names := exonyms[string(w)]
	for ci, c := range m.cities {
		if string(w) == c {
			return ci
		}
		for _, x := range names {
			if x == c {
				return ci
			}
		}
	}
	return -1
}

// citiesPaired reports whether a sentence of t names two of her cities
// with a word of an address, of sending or of living, and no place of the
// business's: "We have an address in Berlin and another in Madrid",
// "Wir haben eine Adresse in Berlin und eine in Madrid", "Shall I send it
// to Berlin or to Turin?", "¿Se lo mando a Berlín o a Turín?". Two of
// her cities together tell which cities her addresses are in.
func (m *Matcher) citiesPaired(t *text) bool {
	if len(m.cities) < 2 {
		return false
	}
	for i := range t.toks {
		a := m.cityIndex(t, i)
		if a < 0 {
			continue
		}
		from, to := t.sentenceOf(i)
		b := -1
		for k := i + 1; k < to && k <= i+8 && b < 0; k++ {
			if c := m.cityIndex(t, k); c >= 0 && c != a {
				b = c
			}
		}
		if b < 0 {
			continue
		}
		home, ours := false, false
		for k := from; k < to; k++ {
			x := string(t.tokBytes(k))
			home = home || addressNouns[x] || emailNouns[x] && false || sendVerbs[x] || sendNow[x] || liveVerbs[x] ||
				actedVerbs[x] || strings.HasSuffix(x, "adresse") || x == "mando" || x == "envio" || x == "glielo"
			ours = ours || businessPlace(x) || cityServices[x] || weekDays[x]
		}
		if home && !ours {
			return true
		}
	}
	return false
}

// liveShapes holds liveVerbs' first letters and lengths (shapes).
var liveShapes = shapes(liveVerbs)

// weekDays set a plan in time apart from where she lives ("Monday in
// Berlin, Tuesday in Madrid": a tour of the business's) (normalised).
var weekDays = set("monday", "tuesday", "wednesday", "thursday", "friday", "montag", "dienstag", "mittwoch",
	"donnerstag", "freitag", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "lunes", "martes", "miercoles",
	"jueves", "viernes", "lunedi", "martedi", "mercoledi", "giovedi", "venerdi", "maandag", "dinsdag", "woensdag",
	"donderdag", "vrijdag", "segunda", "terca", "quarta", "quinta", "sexta")

// liveAtNumber reports whether her house number follows a verb of living
// of the person addressed and a word for number ("You live at number 92,
// if I'm not mistaken", "Sie wohnen in Nummer 5", "Vous habitez au numéro
// 12", "Vive en el número 45", "Abita al numero 8", "U woont op nummer
// 92", "Mora no número 100").
func (m *Matcher) liveAtNumber(t *text) bool {
	for i := range t.toks {
		w := t.tokBytes(i)
		if len(w) < 3 || len(w) >= 32 || liveShapes[w[0]]&(1<<len(w)) == 0 || !liveVerbs[string(w)] {
			continue
		}
		from, to := t.sentenceOf(i)
		if from < i && (weSubjects[string(t.tokBytes(i-1))] || string(t.tokBytes(i-1)) == "i") {
			continue // "we live at number 5"
		}
		for k := i + 1; k < to && k <= i+4; k++ {
			if !houseWords[string(t.tokBytes(k))] || k+1 >= to {
				continue
			}
			h := string(t.tokBytes(k + 1))
			for _, n := range m.houseNums {
				if h == n {
					return true
				}
			}
		}
	}
	return false
}

// mailByName reports, for a customer whose email's local part is her
// first and last name, whether t describes it so: a word for "@" and, in
// its sentence, words for first name and last name or for name and a
// word for dot or separated ("the part before the @ is your first and
// last name separated by a dot", "La partie avant l'arobase est votre
// prénom et votre nom séparés par un point").
func (m *Matcher) mailByName(t *text) bool {
	if !m.nameMail {
		return false
	}
	for i := range t.toks {
		w := string(t.tokBytes(i))
		// a word for "@", or the sign itself in the text ("the part
		// before the @"): the sign is no token
		if !atWords[w] && w != "at" && w != "apestaart" && w != "klammeraffen" && !(t.ats > 0 && (w == "before" || w == "vor" ||
			w == "avant" || w == "antes" || w == "prima" || w == "voor")) {
			continue
		}
		from, to := t.sentenceOf(i)
		first, last, dot, yours := false, false, false, false
		for k := from; k < to; k++ {
			x := string(t.tokBytes(k))
			first = first || givenNameWords[x]
			last = last || familyNameWords[x]
			dot = dot || joinWords[x]
			yours = yours || secondPerson[x] // her names, not "the usual format is first name dot last name"
		}
		if first && (last || dot) && yours {
			return true
		}
	}
	return false
}

// Words of a name described (normalised).
var (
	givenNameWords  = set("first", "1", "vorname", "vor", "prenom", "nombre", "nome", "voornaam", "voor", "given", "forename")
	familyNameWords = set("last", "surname", "nachname", "familienname", "nom", "apellido", "apellidos", "cognome",
		"achternaam", "apelido", "sobrenome", "family")
	joinWords = set("dot", "punkt", "point", "punto", "punt", "ponto", "separated", "getrennt", "separes", "separados",
		"separati", "gescheiden", "separados")
)

// localIsName reports whether an email's local part is the name's first
// and last word joined by a dot, in normalised form ("elodie.martin" of
// "Élodie Martin").
func localIsName(local, name string) bool {
	n := normTokens(name)
	l := normTokens(strings.ReplaceAll(local, ".", " "))
	return len(n) >= 2 && len(l) == 2 && strings.Contains(local, ".") && l[0] == n[0] && l[1] == n[len(n)-1]
}
