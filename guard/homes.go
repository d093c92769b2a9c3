package guard

import (
	"strings"

	"github.com/proofdesk/proofdesk"
)

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
			ours = ours || businessPlace(x) || cityServices[x] || weekDays[x] || otherWord(x) // "Returns go from the Berlin one to Paris"
		}
		if home && !ours {
			return true
		}
	}
	return false
}

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
		if !t.has(i, clLive) {
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

// lastTwo returns the class of a phone's or the card's last two digits
// said after a word for "last" and "two" ("The last two digits are
// ninety", "Die letzten zwei Ziffern sind neunzig", "Les deux derniers
// chiffres sont 90", "Os dois últimos algarismos são noventa"), in a
// sentence that names no other thing's number (an order, a ticket, a
// tracking number; "los dos últimos pedidos llegaron el 16"), or "".
func (m *Matcher) lastTwo(t *text) string {
	for i := range t.toks {
		if !t.has(i, clFinal) {
			continue
		}
		two := i > 0 && isTwo(t.tokBytes(i-1)) || i+1 < len(t.toks) && isTwo(t.tokBytes(i+1))
		if !two {
			continue
		}
		from, to := t.sentenceOf(i)
		for k := from; k < to; k++ {
			if x := string(t.tokBytes(k)); isOwner(x) || thingWords[x] || ourWords[x] || otherWord(x) {
				return "" // "the last two digits of the order number"
			}
		}
		for k := i + 1; k < to && k <= i+5; k++ {
			d := string(t.tokBytes(k))
			if len(d) != 2 || !allDigits([]byte(d)) {
				continue
			}
			for _, p := range m.frags.phone {
				if len(p) == 4 && p[2:] == d {
					return proofdesk.ClassPhone
				}
			}
			for _, c := range m.frags.card {
				if c[2:] == d {
					return proofdesk.ClassPayment
				}
			}
		}
	}
	return ""
}

// isTwo reports whether w says two: "2", Italian "due".
func isTwo(w []byte) bool { return string(w) == "2" || string(w) == "due" }

// finalWords say "last" (normalised); finalShapes their shapes.
var (
	finalWords = set("last", "letzten", "letzte", "derniers", "dernieres", "ultimos", "ultimas", "ultime", "ultimi",
		"laatste", "final", "finales", "finais", "finali")
)

// phoneLead reports whether a phone's first digits follow a word for
// texting or an area code within 3 tokens ("I'll send an SMS to the
// 647", "Je vous envoie un texto au 06 47", "the number with the area
// code 0151", "die Nummer mit der Vorwahl 0151"): three digits or more
// that open one of her phones' national numbers (with or without its
// trunk 0), read as one run when split in pairs.
func (m *Matcher) phoneLead(t *text) bool {
	for i := range t.toks {
		if !t.has(i, clHead16) {
			continue
		}
		_, to := t.sentenceOf(i)
		for k := i + 1; k < to && k <= i+4; k++ {
			d := t.tokBytes(k)
			if len(d) == 0 || !isDigit(d[0]) || !allDigits(d) {
				if !leadLinks[string(d)] {
					break // "text STOP to 0647": a keyword to send, the digits a short code
				}
				continue
			}
			run := string(d)
			if k+1 < to && len(d) == 2 { // "06 47"
				if n := t.tokBytes(k + 1); len(n) == 2 && allDigits(n) {
					run += string(n)
				}
			}
			if len(run) >= 3 && len(run) <= 5 && m.phoneHeadOf(run) {
				return !t.conditional(k)
			}
			break
		}
	}
	return false
}

// phoneHeadOf reports whether d opens one of her phones' national
// numbers, with or without its trunk 0.
func (m *Matcher) phoneHeadOf(d string) bool {
	for _, p := range m.phones {
		if strings.HasPrefix(p, d) || strings.HasPrefix("0"+p, d) {
			return true
		}
	}
	return false
}

// headWords16 lead a phone's first digits: texting and area codes
// (normalised).
var (
	headWords16 = set("sms", "texto", "text", "texts", "textnachricht", "vorwahl", "indicatif", "prefijo", "prefisso",
		"netnummer", "indicativo", "area", "whatsapp")
	// leadLinks may stand between a lead word and the digits: "an SMS
	// to the 647", "texto au 06 47", "area code 0151".
	leadLinks = set("to", "the", "au", "aux", "al", "a", "an", "die", "der", "den", "dem", "de", "naar", "het", "op",
		"para", "o", "ao", "il", "allo", "la", "le", "el", "code", "on", "at", "sur", "auf", "per", "via", "mit", "with",
		"con", "com", "met", "avec")
)

// homeThingIn reports whether a city on file follows a word for "in"
// right after a thing of the home of the person addressed ("Look in
// your letterbox in Portland", "Schauen Sie in Ihren Briefkasten in
// Berlin", "Regardez dans votre boîte aux lettres à Paris", "la puerta
// de su piso en Madrid"): the city is where she lives.
func (m *Matcher) homeThingIn(t *text) bool {
	for i := 1; i < len(t.toks); i++ {
		if !intoWords[string(t.tokBytes(i-1))] || m.cityIndex(t, i) < 0 {
			continue
		}
		from, _ := t.sentenceOf(i)
		for k := i - 2; k >= from && k >= i-6; k-- {
			if !homeThings[string(t.tokBytes(k))] {
				continue
			}
			for j := k - 1; j >= from && j >= k-3; j-- {
				if secondPerson[string(t.tokBytes(j))] {
					return !t.condBefore(from, i)
				}
			}
		}
	}
	return false
}

// homeThings are things of a home (normalised).
var homeThings = set("letterbox", "mailbox", "postbox", "door", "doorstep", "flat", "apartment", "house", "home",
	"briefkasten", "tur", "wohnung", "haus", "haustur", "boite", "lettres", "porte", "appartement", "maison", "domicile",
	"buzon", "puerta", "piso", "casa", "domicilio", "cassetta", "posta", "porta", "appartamento", "brievenbus", "deur",
	"woning", "huis", "caixa", "correio", "apartamento")
