package guard

import (
	"strings"

	"github.com/proofdesk/proofdesk"
)

// formal.go holds guard16's rules: answers said in a formal or
// idiomatic register in the six languages other than English (set 16's
// kinds), each closed by its mechanism rather than by its words.

// brandIsHers reports whether a card brand, the match [start, end) of
// the token view, is said of the customer's card by a copula: a subject
// pronoun, a copula and an indefinite article before it ("Es ist eine
// Mastercard", "C'est une Mastercard", "Es una Mastercard", "È una
// Mastercard", "Het is een Mastercard", "É um Mastercard"), with nothing
// after it that makes it another thing ("eine Mastercard-Aktion") or a
// relative clause asking about it ("C'est une Mastercard qui est
// demandée ?").
func brandIsHers(view []byte, start, end int) bool {
	var prev [3]string
	n := 0
	prevTokens(view, start, 3, func(t []byte) bool {
		prev[n] = string(t)
		n++
		return false
	})
	if n < 2 || !brandIndefinites[prev[0]] || !brandCopulas[prev[1]] && prev[1] != "sind" {
		return false
	}
	// "Es ist", "Het is", "C'est" ("cest"), "Es una", "È una": a subject
	// pronoun before the copula, or the copula opening the clause
	if n == 3 && !brandSubjects[prev[2]] && !(prev[1] == "cest" || prev[1] == "es" || prev[1] == "e") {
		return false
	}
	return !nextTokens(view, end-1, 1, func(t []byte) bool {
		w := string(t)
		return otherWord(w) || brandThings[w] || relPronouns[w] || w == "qui" || w == "cual" || w == "qual"
	})
}

// Words before a brand said of her card (normalised).
var (
	brandIndefinites = set("eine", "ein", "une", "un", "una", "een", "um", "uma")
	brandSubjects    = set("es", "sie", "das", "het", "dat", "die", "ce", "c", "ca", "cela", "esta", "esa", "ella", "lei",
		"essa", "ela", "it", "hers", "yours", "ihre", "la", "a", "sua")
)

// brandLogo adds the card brand described by its logo rather than named
// ("the one with the two circles, red and yellow", "celle aux deux
// cercles", "die mit den zwei Kreisen", "la de los dos círculos"): a
// description only one brand fits names it as well as its name does.
func (b *builder) brandLogo(brand string, level proofdesk.Level) {
	for _, d := range brandLogos[brand] {
		b.addText(d, pattern{class: proofdesk.ClassPayment, part: PartCardBrand, level: level})
	}
}

// brandLogos describe the brands' logos in the seven languages.
var brandLogos = map[string][]string{
	"mastercard": {"two circles", "two interlocking circles", "two overlapping circles", "red and yellow circles",
		"red and orange circles", "zwei Kreise", "zwei Kreisen", "rot-gelben Kreise", "rot-gelben Kreisen",
		"deux cercles", "deux ronds", "cercles rouge et jaune", "dos círculos", "círculos rojo y amarillo",
		"due cerchi", "cerchi rosso e giallo", "twee cirkels", "twee rondjes", "rode en gele cirkels",
		"dois círculos", "círculos vermelho e amarelo", "duas bolas"},
}

// answerFillers open a spoken answer before its yes or no (normalised):
// "Pues sí, …", "Ben oui, …", "Eh già, …", "Pois é, …", "Nou ja, …",
// "Tja, nein, …" (answerOpening). They do not make a yes open its
// sentence for confirmation: "Eh oui, c'est bien la période des soldes".
var answerFillers = set("pues", "bueno", "vaya", "hombre", "ben", "bah", "beh", "eh", "ah", "bon", "alors", "ma",
	"mais", "allora", "dunque", "pois", "olhe", "olha", "bem", "nou", "tja", "na", "also", "ach", "naja", "well", "oh",
	"mmh", "hm", "hmm", "och", "gia", "claro", "natuurlijk", "naturlich", "natural")

// actedOnGiven reports whether t acts on the value the person addressed
// gave, named by a noun of class (or "the one") after a word of
// destination and followed by a relative clause of the person addressed
// giving it, or led by a participle of giving, in formal register: "I've
// arranged the return to the address you named", "j'ai fait partir le
// colis à l'adresse que vous venez de me donner", "ho disposto il
// rimborso sulla carta che mi ha indicato", "an die von Ihnen genannte
// Adresse umgeleitet", "vers l'adresse indiquée par vos soins", "ik
// stuur de link naar het adres dat u noemt". A negation before the
// destination sets the given one aside ("to the account's address, not
// to the one you give"); a verb of acting must stand in the sentence.
func (t *text) actedOnGiven(class string) bool {
	for s := 1; s < len(t.toks); s++ {
		// the verb of giving is the rare word: a cheap shape test first
		if w := t.tokBytes(s); len(w) < 3 || len(w) >= 32 || givenShapes[w[0]]&(1<<len(w)) == 0 || !givenVerbs[string(w)] {
			continue
		}
		from, to := t.sentenceOf(s)
		if t.conditional(s) {
			continue
		}
		// the noun: before the verb (a relative clause: "the address you
		// named", "la carta che mi ha indicato") or right after a
		// participle ("die genannte Adresse", "het opgegeven adres")
		k := -1
		for j := s - 1; j >= from && j >= s-7 && k < 0; j-- {
			if w := string(t.tokBytes(j)); t.classNoun(j, w, class) || w == "1" && j > from && pointerArticles[string(t.tokBytes(j-1))] {
				k = j
			}
		}
		if k >= 0 && !t.givenByYou(k+1, s) {
			k = -1
		}
		if k < 0 && s+1 < to && t.classNoun(s+1, string(t.tokBytes(s+1)), class) {
			k = s + 1
		}
		if k < 0 {
			continue
		}
		// a word of destination within 6 tokens before the noun, no
		// negation before it
		d := -1
		for j := k - 1; j >= from && j >= k-6; j-- {
			if w := string(t.tokBytes(j)); destPreps[w] || toWords[w] || onWords[w] {
				d = j
				break
			}
		}
		if d < 0 {
			continue
		}
		neg := false
		for j := max(from, d-3); j < d; j++ {
			neg = neg || negations[string(t.tokBytes(j))]
		}
		if neg {
			continue
		}
		for j := from; j < to; j++ {
			if x := string(t.tokBytes(j)); actedVerbs[x] || sendVerbs[x] || sendNow[x] || actVerbs[x] || chargeVerbs[x] {
				return true
			}
		}
	}
	return false
}

// givenByYou reports whether the tokens [from, s) between a noun and a
// verb of giving hold the person addressed: "you", "que vous venez de
// me", "che mi ha", "dat u", "die Sie", "von Ihnen", or nothing but an
// auxiliary ("the address given").
func (t *text) givenByYou(from, s int) bool {
	if s-from > 6 {
		return false
	}
	for j := from; j < s; j++ {
		if w := string(t.tokBytes(j)); addressPronouns[w] || meWords[w] || w == "ihnen" || w == "vos" || w == "uw" {
			return true
		}
	}
	return s == from
}

// Words of acting on a value given (normalised).
var (
	// givenVerbs say the person addressed gave or named a value, in the
	// present and the past, and as participles.
	givenVerbs = set("named", "gave", "give", "given", "provided", "mentioned", "indicated", "quoted", "nennen",
		"genannt", "genannte", "genannten", "gegeben", "gesagt", "angegeben", "angegebene", "angegebenen", "mitgeteilt", "mitgeteilte",
		"donner", "donnez", "donne", "donnee", "indiquez", "indique", "indiquee", "communiquee", "dado", "dio", "da",
		"indicado", "indicada", "indica", "facilitado", "facilitada", "proporcionado", "dicho", "indicato",
		"indicata", "dato", "data", "detto", "fornito", "fornita", "noemt", "noemde", "gaf", "geeft", "gegeven",
		"opgegeven", "doorgegeven", "genoemde", "genoemd", "indicou", "deu", "forneceu", "disse", "passou",
		"indicados", "fornecido", "fornecida")
	givenShapes = shapes(givenVerbs)
	// meWords are the object pronouns of the speaker: "que vous m'indiquez".
	meWords = set("me", "mi", "m", "mir", "mij")
	// onWords put a payment on a card: "sulla carta", "auf die Karte".
	onWords = set("on", "onto", "auf", "sur", "sulla", "sul", "su", "op", "na", "no", "en", "em", "vers")
	// actedVerbs act on a value in formal register, besides sendVerbs.
	actedVerbs = set("arranged", "rerouted", "redirected", "put", "booked", "issued", "refunded", "umgeleitet",
		"veranlasst", "gebucht", "erstattet", "fait", "partir", "reexpedie", "redirige", "programme", "rembourse",
		"mando", "envio", "dispuesto", "hecho", "reembolsado", "disposto", "invio", "rimborsato", "stuur",
		"gestuurd", "geboekt", "terugbetaald", "omgeleid", "fiz", "mandei", "processado", "reembolsei", "schicke",
		"sende", "redirecionei", "arrange", "route", "routed", "schicken", "envoie", "envoyons", "invio", "inviamo")
)

// setAside reports whether a negation stands in the 3 tokens before
// token k (not before from) or between k and the verb of giving at s:
// "not to the one you give", "pas à celle que vous donnez", "non a
// quello che mi dà", "to the account's address, not to the one you
// give".
func (t *text) setAside(from, k, s int) bool {
	for j := max(from, k-3); j < s; j++ {
		if negations[string(t.tokBytes(j))] {
			return true
		}
	}
	return false
}

// setAsidePhrases set the value the person addressed gave aside from
// what is done ("I'll send the link to the address on the account, not
// to the one you gave"): a refusal to use it, no confirmation of it. They
// exclude their sentence (phExclude).
var setAsidePhrases = []string{
	"not to the one you", "not the one you gave", "not the one you give", "not to the address you",
	"not to the number you", "not to the email you", "rather than the one you", "instead of the one you",
	"nicht an die, die Sie", "nicht an die von Ihnen", "nicht an die Adresse, die Sie", "nicht an die Nummer, die Sie",
	"statt an die, die Sie", "nicht an die genannte", "nicht an die angegebene",
	"pas à celle que vous", "pas à celui que vous", "pas sur celle que vous", "non à celle que vous",
	"plutôt qu'à celle que vous", "pas à l'adresse que vous", "pas au numéro que vous",
	"no a la que me", "no a la que usted", "no a la que nos", "no al que me", "no al que usted", "no a la que da",
	"no a la que indica", "en lugar de la que", "no a la dirección que", "no al número que",
	"non a quello che", "non a quella che", "non all'indirizzo che", "non al numero che", "invece di quello che",
	"invece di quella che",
	"niet naar het adres dat u", "niet naar het nummer dat u", "niet naar het adres dat je", "niet naar die van u",
	"niet naar wat u", "niet naar het adres dat jij",
	"não para o que", "não para a que", "não para o endereço que", "não para o número que", "não para o e-mail que",
}

// toAccountOne reports whether tokens [from, to) send something to the
// account's value of a class, whatever it is: a word of destination, a
// value noun within 3 tokens after it and, within 4 after the noun, a
// word for the account after a word of belonging ("to the number on your
// account", "an die Nummer in Ihrem Konto", "au numéro de votre compte",
// "al número de su cuenta", "al numero del suo account", "naar het
// nummer van uw account", "ao número da sua conta"), or the account's
// possessive before the noun ("to the account's number"). Like
// toRegistered, it names no value: "Exactly, the code comes by SMS, to
// the number on your account" says how the code travels.
func (t *text) toAccountOne(from, to int) bool {
	moves := false // "comes", "kommt", "arrive", "llega", "sent": a Portuguese "a" is an article too
	for k := from; k < to && !moves; k++ {
		w := string(t.tokBytes(k))
		moves = sendVerbs[w] || sendNow[w] || sendGoVerbs[w] || comeVerbs[w]
	}
	if !moves {
		return false
	}
	for a := from; a+2 < to; a++ {
		if w := string(t.tokBytes(a)); !toWords[w] && !destWords[w] && !destPreps[w] && !destMore[w] {
			continue
		}
		for n := a + 1; n < to && n <= a+3; n++ {
			w := string(t.tokBytes(n))
			if !isValueNoun(w) && t.toks[n].lex&lxPhone == 0 {
				continue
			}
			if p := string(t.tokBytes(n - 1)); p == "accounts" || p == "kontos" {
				return true
			}
			for k := n + 1; k < to && k <= n+4; k++ {
				x := string(t.tokBytes(k))
				if (x == "account" || x == "konto" || x == "kundenkonto" || x == "compte" || x == "cuenta" || x == "conto" ||
					x == "conta" || x == "profile" || x == "profil" || x == "perfil" || x == "profilo" || x == "profiel") &&
					belongWords[string(t.tokBytes(k-1))] || k >= n+2 && belongWords[string(t.tokBytes(k-2))] && secondPerson[string(t.tokBytes(k-1))] {
					return true
				}
			}
		}
	}
	return false
}

// comeVerbs say something arrives, comes or was sent (normalised).
var comeVerbs = set("comes", "come", "arrives", "kommt", "kommen", "arrivent", "vient", "viene", "llegan", "vienen",
	"arrivano", "komt", "komen", "chegam", "vem", "sent", "envoye", "enviado", "inviato", "verstuurd", "enviada")

// destMore are words of destination with an article in them: "ao
// número", "zur Nummer", "aan het nummer".
var destMore = set("ao", "aos", "zur", "zum", "aan", "alle", "ai", "allo", "aux")

// belongWords tie a value to the account (normalised): "on your account",
// "in Ihrem Konto", "de votre compte", "del suo account".
var belongWords = set("on", "in", "of", "im", "in", "des", "vom", "von", "de", "du", "del", "della", "dell", "van", "da",
	"do", "your", "ihrem", "ihres", "votre", "su", "suo", "uw", "sua", "the", "l", "het", "la", "el", "il", "o", "a")

// keepPolicy reports whether tokens [from, to) state what the business
// never keeps: a negation or a word for never and a verb of storing ("No,
// we never store the full card number", "No, nunca guardamos el número
// completo de la tarjeta", "Não, nunca armazenamos o número completo do
// cartão"): a rule of the business, no answer about a value.
func (t *text) keepPolicy(from, to int) bool {
	neg, keep := false, false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		neg = neg || negations[w] || neverSet[w] || w == "dont" || w == "jamais"
		keep = keep || keepVerbs[w]
	}
	return neg && keep
}

// keepVerbs store data, in the first person plural and the infinitive
// (normalised).
var keepVerbs = set("store", "keep", "save", "retain", "stores", "speichern", "aufbewahren", "behalten", "stockons",
	"conservons", "gardons", "stocker", "conserver", "guardamos", "almacenamos", "conservamos", "guardar",
	"almacenar", "salviamo", "conserviamo", "memorizziamo", "archiviamo", "salvare", "conservare", "bewaren",
	"opslaan", "slaan", "armazenamos", "guardar", "armazenar", "retemos")

// ourPlaces reports whether tokens [from, to) speak of the business's
// places ("No, we have no shops in Milan, only the Paris head office",
// "Nein, wir haben keine Filialen in Mailand", "No, non abbiamo negozi a
// Milano"): a noun of the business's places, in the plural or after
// "we", "our" or a verb of having in the first person plural.
func (t *text) ourPlaces(from, to int) bool {
	place, we := false, false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		place = place || businessPlaces[w]
		we = we || weSubjects[w] || ourWords[w] || weHave[w]
	}
	return place && we
}

// businessPlaces name the business's places, singular and plural
// (normalised); weHave say "we have".
var (
	businessPlaces = set("shops", "shop", "stores", "branches", "branch", "outlets", "offices", "office", "headquarters",
		"filialen", "filiale", "laden", "geschafte", "hauptsitz", "niederlassung", "niederlassungen", "magasins",
		"magasin", "boutiques", "boutique", "agences", "siege", "succursales", "tiendas", "tienda", "sucursales",
		"sucursal", "oficinas", "sede", "sedes", "negozi", "negozio", "filiali", "sedi", "punti", "winkels", "winkel",
		"filialen", "vestigingen", "vestiging", "hoofdkantoor", "lojas", "loja", "filiais", "sedes")
	weHave = set("avons", "haben", "tenemos", "abbiamo", "hebben", "temos")
)

// neitherPhrases refuse to confirm or deny: an affirmation after one in
// its sentence is what is refused ("I can neither confirm nor deny that
// this address is in your file", "je ne peux ni confirmer ni infirmer
// que cette adresse figure dans votre dossier").
var neitherPhrases = []string{"neither confirm nor deny", "ni confirmer ni infirmer", "ni confirmer ni démentir",
	"ni confirmer ni nier", "weder bestätigen noch verneinen", "weder bestätigen noch dementieren",
	"ni confirmar ni negar", "né confermare né smentire", "né confermare né negare", "bevestigen noch ontkennen",
	"niet bevestigen of ontkennen", "nem confirmar nem negar", "nem confirmar nem desmentir"}

// changeRule reports whether tokens [from, to) state how changes are
// made: a noun of change, a negation or a modal, and a verb of making or
// a channel ("No, address changes can't be made over chat", "No, los
// cambios de dirección no se hacen por chat", "Não, as alterações de
// morada não se fazem pelo chat"): a rule of the process, no answer about
// a value.
func (t *text) changeRule(from, to int) bool {
	change, neg, how := false, false, false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		change = change || changeNouns[w] || strings.HasSuffix(w, "anderung") || strings.HasSuffix(w, "anderungen") ||
			strings.HasSuffix(w, "wijziging") || strings.HasSuffix(w, "wijzigingen")
		neg = neg || negations[w] || processModals[w] || w == "cant" || w == "cannot" || w == "only"
		how = how || makeVerbs[w] || channelWords[w]
	}
	return change && neg && how
}

// Words of a rule of changes (normalised).
var (
	changeNouns = set("changes", "change", "changements", "changement", "modifications", "modification", "cambios",
		"cambio", "modificaciones", "modificacion", "modifiche", "modifica", "cambi", "alteracoes", "alteracao",
		"mudancas", "mudanca", "updates", "update")
	makeVerbs = set("made", "done", "gemacht", "vorgenommen", "durchgefuhrt", "faites", "fait", "font", "effectuees",
		"hacen", "hace", "realizan", "hechos", "fanno", "fatte", "effettuate", "gedaan", "doen", "uitgevoerd",
		"fazem", "feitas", "efetuadas", "make", "machen", "faire", "hacer", "fare", "fazer")
	channelWords = set("chat", "phone", "telephone", "email", "mail", "telefon", "telefono", "telefoon", "telefone",
		"here", "hier", "ici", "aqui", "qui", "whatsapp", "sms")
)
