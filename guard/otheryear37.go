package guard

import "strings"

// otheryear37.go (f36a): the gate of the other-year exemption
// (otheryear.go, Matcher.birthNear). A date with her day and month and
// another year is another person's only when the sentence names that
// person ("A baby born on 3 November 2024", "Kinder, die am 3.11.2014
// geboren sind"); a sentence that ties the date to a birth or a birthday
// and names no one else says hers, whatever the year: "Her next birthday
// is 3 November 2026", "Geburtsdatum laut Akte: 3. November 2079",
// "Elle soufflera ses bougies le 3 novembre 2026". A number outside
// 1900–2099 is no year at all ("Geboren 03.11.3979").

// birthTied are words beside a date that make it a birthday (normalised),
// besides birthWords and celebrateWords: the candles, the cake, the
// wishes.
var birthTied = set("celebrates", "celebrating", "celebrated", "cake", "candles", "kerzen", "bougies", "velas",
	"candeline", "kaarsjes", "kaarsen", "gratulieren", "gratuliere", "gratulation", "feliciteren", "feliciteert",
	"felicitaremos", "felicitamos", "felicitar", "auguri", "parabens", "souhaiterons", "souhaiter", "souhaitons",
	"festeggera", "festeggiamo", "feiern", "fete", "fetera", "celebrara", "comemora", "fetent", "festejam", "festeja",
	"festejan", "celebran", "celebram")

// birthStems open compounds of a birthday or a date of birth
// ("geburtstagsgutschein", "verjaardagsbon", "anniversaire").
var birthStems = []string{"birthday", "geburtstag", "geburtsdatum", "verjaardag", "geboortedatum", "anniversaire",
	"cumplean", "compleann", "aniversari"}

// otherBorn name another person a date of birth may be of (normalised):
// children, kin, passengers and guests, anyone, "who".
var otherBorn = set("baby", "babies", "babys", "infant", "infants", "child", "children", "kid", "kids", "kinder", "kind",
	"kindern", "kleinkind", "sauglinge", "saugling", "enfant", "enfants", "bebe", "bebes", "nourrisson", "nino", "nina",
	"ninos", "ninas", "bambino", "bambina", "bambini", "neonato", "neonati", "kinderen", "crianca", "criancas",
	"son", "daughter", "sohn", "tochter", "fils", "fille", "hijo", "hija", "figlio", "figlia", "zoon", "dochter",
	"filho", "filha", "husband", "wife", "mother", "father", "mum", "mom", "dad", "mutter", "vater", "ehemann",
	"ehefrau", "mari", "mere", "pere", "marido", "esposa", "madre", "padre", "marito", "moglie", "moeder", "vader",
	"mae", "pai", "passenger", "passengers", "passagier", "passagiere", "passagiers", "passager", "passagers",
	"pasajero", "pasajeros", "passeggero", "passeggeri", "passageiro", "passageiros", "guest", "guests", "gaste",
	"invite", "invites", "huesped", "huespedes", "ospite", "ospiti", "gasten", "hospede", "hospedes", "someone",
	"anyone", "everyone", "people", "person", "persons", "personen", "personnes", "personas", "persone", "pessoas",
	"customers", "kunden", "clients", "clientes", "klanten", "clienti", "twins", "zwillinge", "friend", "freund",
	"freundin", "sons", "daughters", "friends", "freunde", "amis", "amigos", "amici", "vrienden", "ami", "amie", "amigo", "amiga", "amico", "amica", "vriend", "vriendin", "who", "whoever", "wer",
	"qui", "quien", "quienes", "chi", "quem", "his", "he", "him", "er", "hij", "lui", "ele", "jemand", "quelquun",
	"alguien", "qualcuno", "iemand", "alguem", "those", "diejenigen", "ceux", "celles", "quienes", "coloro", "degenen",
	"aqueles", "aquelas", "our", "unser", "unsere", "unseren", "unserem", "notre", "nos", "nuestro", "nuestra",
	"nuestros", "nostro", "nostra", "nostri", "onze", "ons", "nosso", "nossa", "menino", "menina", "meninos", "meninas", "boy", "girl", "boys", "girls", "junge", "madchen",
	"garcon", "chico", "chica", "ragazzo", "ragazza", "jongen", "meisje", "rapaz", "mitglieder", "members", "membres", "socios", "soci", "leden", "membros")

// birthDateHers reports whether the sentence of token i ties a date to
// a birth or a birthday and names no other person (see above).
func (t *text) birthDateHers(i int) bool {
	if i < 0 || i >= len(t.toks) {
		return false
	}
	from, to := t.sentenceOf(i)
	// a day's ordinal dot opens no sentence: "Wir feiern am 3. November
	// 2026 unser Jubiläum"
	for from > 0 && ordinalDay(t.tokBytes(from-1)) {
		from, _ = t.sentenceOf(from - 1)
	}
	for to < len(t.toks) && ordinalDay(t.tokBytes(to-1)) {
		_, to = t.sentenceOf(to)
	}
	tied, thing, you, other, own, same, youObj := false, false, false, false, false, false, false
	otherAt := -1
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if otherBorn[w] {
			other, own = true, false // "A baby born on ...", "Kinder, die am 3.11.2014 geboren sind"
			otherAt = k
		}
		if k > from && (secondPerson[string(t.tokBytes(k-1))] || herPossessive37[string(t.tokBytes(k-1))]) && (birthWords[w] || birthStem(w)) &&
			(otherAt < 0 || !t.clauseRun37(otherAt, k)) && !(thing && thingPoss39[string(t.tokBytes(k-1))]) {
			own = true // "your birthday", "Ihr Geburtstag", not "Votre fils fête son anniversaire"
		}
		same = same || birthSame39[w]
		if t.likeYou41b(k, to) {
			same, youObj = true, true // "and so do you", "genau wie Sie", "consigo" (otheryear41b.go)
		}
		thing = thing || ageThings[w]
		you = you || secondPerson[w] && !(thing && thingPoss39[w]) || herWords37[w]
		youObj = youObj || ageYouObj37[w] // "que a senhora"
		if !tied && (birthWords[w] || birthTied[w] || celebrateWords[w] && !frenchNe[w] || t.birthWordAt(k, to) || birthStem(w)) {
			tied = true
		}
	}
	// a thing's day said of no person: "The hotel opened on 3 November
	// 1980 and celebrates every year" (not "The hotel sends you a cake on
	// 3 November 2026 for your birthday")
	if tied && same && (you || own || youObj) {
		return true // twinyear39: "A baby born on 3 November 2024 shares your birthday", "feiern am gleichen Tag wie Sie"
	}
	if own {
		return true // "Your son is booked; your birthday, 3 November 2026, is on file"
	}
	return tied && !other && (!thing || you) && !t.birthThing41b(from, to) // "L'hôtel fête ses 10 ans" (otheryear41b.go)
}

// herPossessive37 are her possessives before a birthday (normalised).
var herPossessive37 = set("her", "haar", "dela")

// herWords37 are the words for her (normalised).
var herWords37 = set("her", "she", "shes", "elle", "ella", "ela", "zij", "ze", "haar", "dela")

// birthStem reports whether w opens with a birthday's or a date of
// birth's stem.
func birthStem(w string) bool {
	for _, s := range birthStems {
		if strings.HasPrefix(w, s) {
			return true
		}
	}
	return false
}

// yearWord reports whether w reads as a year (1900–2099).
func yearWord(w []byte) bool {
	_, ok := yearTok(w)
	return ok
}

// frenchNe are French "né(e)" that are also a negation and Dutch "no".
var frenchNe = set("ne", "nee", "nes", "nees")

// ordinalDay reports whether w is a day of one or two digits (before an
// ordinal dot: "am 3. November").
func ordinalDay(w []byte) bool { return len(w) >= 1 && len(w) <= 2 && allDigits(w) }

// birthSame39 are the words of sameness that tie another person's date
// of birth to the person addressed ("shares your birthday", "am selben
// Tag wie Sie", "le même jour que vous", "el mismo cumpleaños que usted"):
// the date is her day and month (twinyear39) (normalised).
var birthSame39 = set("same", "share", "shares", "sharing", "selben", "selbe", "selber", "gleichen", "gleiche",
	"gleichen", "denselben", "dieselbe", "demselben", "meme", "memes", "partage", "partagent", "mismo", "misma",
	"comparte", "comparten", "stesso", "stessa", "condivide", "condividono", "dezelfde", "zelfde", "deelt", "delen",
	"mesmo", "mesma", "partilha", "partilham")

// thingPoss39 are the possessives of the third person that are also the
// formal "your" ("su", "suo", "seu", "son"): after a thing named in the
// sentence they are its ("L'hôtel fête son anniversaire le 3 novembre
// 2026", "El hotel celebra su cumpleaños") (normalised).
var thingPoss39 = set("su", "sus", "suo", "sua", "seu", "son", "sa", "ses")
