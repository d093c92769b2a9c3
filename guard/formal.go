package guard

import (
	"fmt"
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
	if t.cls&clGiven == 0 {
		return false
	}
	for s := 1; s < len(t.toks); s++ {
		// the verb of giving is the rare word ("da" is too short)
		if !t.has(s, clGiven) || t.toks[s].end-t.toks[s].off-1 < 3 {
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
		if k > from && sayEnglish[string(t.tokBytes(s))] && anyArticles[string(t.tokBytes(k-1))] {
			continue // "I can't use a number you give me on the call": any number, "a" no Romance "to" (as readOutValue)
		}
		// a word of destination within 6 tokens before the noun, no
		// negation before it
		d := -1
		for j := k - 1; j >= from && j >= k-6; j-- {
			if w := string(t.tokBytes(j)); destPreps[w] || toWords[w] || f16onWords[w] {
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
	// meWords are the object pronouns of the speaker: "que vous m'indiquez".
	meWords = set("me", "mi", "m", "mir", "mij")
	// f16onWords put a payment on a card: "sulla carta", "auf die Karte".
	f16onWords = set("on", "onto", "auf", "sur", "sulla", "sul", "su", "op", "na", "no", "en", "em", "vers")
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
		if negations[string(t.tokBytes(j))] && !t.whyNot46(j) { // "Why not, the date you gave ..." (whynot46.go)
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
		how = how || makeVerbs[w] || f16channelWords[w]
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
	f16channelWords = set("chat", "phone", "telephone", "email", "mail", "telefon", "telefono", "telefoon", "telefone",
		"here", "hier", "ici", "aqui", "qui", "whatsapp", "sms")
)

// classPartJudged judges, with a value of class offered, a word for a
// part of that value judged right or wrong in its clause: "The street is
// right but not the house number", "La ville est bonne, le reste non",
// "Die Straße stimmt, aber nicht die Hausnummer", "Los últimos dígitos
// son distintos", "Almost, but one digit is different", "De domein
// klopt". It returns RuleDenial when the sentence holds a negation or a
// word of wrong or different, else RuleConfirmation, or "".
func (t *text) classPartJudged(class string) string {
	parts, ok := classParts[class]
	if !ok {
		return ""
	}
	sh := partShapes[class]
	for i := range t.toks {
		w := t.tokBytes(i)
		if len(w) < 2 || len(w) >= 32 || sh[w[0]]&(1<<len(w)) == 0 || !parts[string(w)] {
			continue
		}
		from, to := t.sentenceOf(i)
		if t.conditional(i) {
			continue
		}
		c, e := i, i+1 // the clause of the part word
		for c > from && t.toks[c-1].flags&fPunctAfter == 0 {
			c--
		}
		for e < to && t.toks[e-1].flags&fPunctAfter == 0 {
			e++
		}
		judged := false
		for j := max(c, i-3); j < e && j <= i+3 && !judged; j++ {
			x := string(t.tokBytes(j))
			judged = j != i && (yesJudgements[x] || noJudgements[x] && x != "andere" || partVerdicts[x])
		}
		for j := c; j < i && judged; j++ {
			judged = !whetherWords[string(t.tokBytes(j))] && !whichWords23[string(t.tokBytes(j))] // "Ik kan niet zeggen of dat nummer klopt", "which digits are right"
		}
		if !judged || t.aboutThing(c, e) || t.partOfOther(i, to) {
			continue
		}
		for j := from; j < to; j++ {
			if x := string(t.tokBytes(j)); negations[x] || noJudgements[x] || partVerdicts[x] && otherish(x) || otherWord(x) {
				return RuleDenial
			}
		}
		return RuleConfirmation
	}
	return ""
}

// aboutThing reports whether the clause [c, e) names a thing of the
// business's or an order's ("the street on the label", "our postcode"):
// its part word is no part of the offered value.
func (t *text) aboutThing(c, e int) bool {
	for j := c; j < e; j++ {
		if x := string(t.tokBytes(j)); ourWords[x] || businessPlaces[x] || thingWords[x] {
			return true
		}
	}
	return false
}

// partOfOther reports whether the part word at token i belongs to
// another thing: a word of "of" after it and no possessive of the person
// addressed ("the digits of the order", "l'indicatif de la France"), or
// an adjective of a service after it ("il numero verde"), not a value
// noun ("die Ziffern der Bestellnummer" is the order's, "der Karte" hers).
func (t *text) partOfOther(i, to int) bool {
	if i+1 >= to {
		return false
	}
	n := string(t.tokBytes(i + 1))
	if serviceAdjs[n] {
		return true
	}
	if !ofWords[n] && n != "du" && n != "des" && n != "del" && n != "della" && n != "do" && n != "da" && n != "der" {
		return false
	}
	if i+2 < to && valueNouns[string(t.tokBytes(i+2))] {
		return false // "die Ziffern der Karte", "the digits of the card": hers
	}
	for k := i + 2; k < to && k <= i+3; k++ {
		if secondPerson[string(t.tokBytes(k))] {
			return false // "the digits of your number"
		}
	}
	return true
}

// serviceAdjs make a number the business's service line: "numero verde".
var serviceAdjs = set("verde", "gratuito", "gratuit", "vert", "gratis", "kostenlos", "kostenlose", "gratuita", "azul")

// Words of a value's parts judged (normalised).
var (
	classParts = map[string]map[string]bool{
		proofdesk.ClassAddress: set("st", "rue", "calle", "via", "strada", "straat", "rua", "house", "hausnummer",
			"huisnummer", "numero", "nummer", "number", "city", "stadt", "ort", "ville", "ciudad", "citta", "stad",
			"cidade", "localidade", "postcode", "plz", "postleitzahl", "postal", "codigo", "cap", "zip", "rest", "reste",
			"resto", "remainder", "overige", "rue"),
		proofdesk.ClassPhone: set("digit", "digits", "ziffer", "ziffern", "endziffern", "chiffre", "chiffres", "digito",
			"digitos", "cifra", "cifre", "cijfer", "cijfers", "algarismo", "algarismos", "vorwahl", "indicatif", "prefijo",
			"prefisso", "netnummer", "indicativo", "prefix", "rest", "reste", "resto", "ending", "end", "ende", "fin",
			"final", "finale", "einde"),
		proofdesk.ClassPayment: set("digit", "digits", "ziffer", "ziffern", "endziffern", "chiffre", "chiffres", "digito",
			"digitos", "cifra", "cifre", "cijfer", "cijfers", "algarismo", "algarismos", "ending", "end", "ende", "brand",
			"marke", "marque", "marca", "merk", "rest", "reste", "resto"),
		proofdesk.ClassEmail: set("domain", "domaine", "dominio", "domein", "provider", "anbieter", "fournisseur",
			"proveedor", "fornitore", "fornecedor", "username", "benutzername", "user", "rest", "reste", "resto",
			"prefix", "ending"),
	}
	partShapes = func() map[string][256]uint32 {
		m := map[string][256]uint32{}
		for c, s := range classParts {
			m[c] = shapes(s)
		}
		return m
	}()
	// partVerdicts judge a part besides yesJudgements and noJudgements.
	partVerdicts = set("diverse", "diversi", "distintos", "distintas", "diferentes", "differents", "differentes",
		"verschieden", "verschillend", "klopt", "kloppen", "stimmen", "passen", "coinciden",
		"coincidem", "corresponde", "correspondem", "confere", "conferem", "batem", "certa", "certo", "giusta",
		"giusto", "corretta", "corretto", "correcta", "correctas", "correctos", "bonne", "bons", "bonnes", "bon",
		"differs", "differ", "differing", "unterscheidet", "abweichend", "differe", "different", "difiere", "difieren",
		"differisce", "differiscono", "verschilt", "difere", "diferem", "off", "anders") // g19p: verbs of differing
	// whetherWords ask whether: a judgement after one is asked, not said.
	whetherWords = set("of", "whether", "if", "ob", "si", "se", "wenn", "als", "falls", "quand", "cuando", "quando", "wanneer")
	// thingWords name things a part word may belong to besides the value.
	thingWords = set("label", "etikett", "etiquette", "etiqueta", "etichetta", "invoice", "rechnung", "facture",
		"factura", "fattura", "factuur", "fatura", "order", "bestellung", "commande", "pedido", "ordine", "bestelling",
		"encomenda", "parcel", "paket", "colis", "paquete", "pacco", "pakket", "form", "formular", "formulaire",
		"formulario", "modulo")
)

// otherish reports whether partVerdicts word w says different.
func otherish(w string) bool {
	switch w {
	case "diverse", "diversi", "distintos", "distintas", "diferentes", "differents", "differentes", "verschieden", "verschillend",
		"differs", "differ", "differing", "unterscheidet", "abweichend", "differe", "different", "difiere", "difieren",
		"differisce", "differiscono", "verschilt", "difere", "diferem", "off", "anders":
		return true
	}
	return false
}

// valueDenied reports whether t denies a part of the offered value of
// class by naming another one: an ending ("No, it doesn't end in 91",
// "Nein, sie endet nicht auf 91", "Non, il ne se termine pas par 91"), a
// card brand ("No, it's not a Visa", "Nee, het is geen Visa"), an email
// provider ("We have no Hotmail address registered", "Wir haben keine
// Gmail-Adresse hinterlegt"), or a city ("We hebben geen adres in
// Rotterdam voor u", "Nous n'avons aucune adresse à Marseille"): a
// negation in the clause of the named part, no question, no business's
// place.
func (t *text) valueDenied(class string) bool {
	for i := range t.toks {
		w := t.tokBytes(i)
		if len(w) < 2 || len(w) >= 32 {
			continue
		}
		var named bool
		switch class {
		case proofdesk.ClassPhone, proofdesk.ClassPayment:
			named = class == proofdesk.ClassPayment && f16cardBrands[string(w)]
			for j := i - 1; j >= 0 && j >= i-3 && !named && allDigits(w) && len(w) <= 4; j-- {
				named = endingWords[string(t.tokBytes(j))] // "endet nicht auf 91", "ne se termine pas par 91"
			}
		case proofdesk.ClassEmail:
			named = mailProviders[string(w)]
		case proofdesk.ClassAddress:
			named = t.has(i, clExonym)
		}
		if !named || t.conditional(i) {
			continue
		}
		c, e := t.clauseOf(i)
		if i+1 < len(t.toks) && t.toks[i].flags&fPunctAfter == 0 && problemWords[string(t.tokBytes(i+1))] {
			continue // "It's not a Visa problem, the bank declined it"
		}
		if class == proofdesk.ClassEmail && t.ourMailFrom28(i) {
			continue // "our e-mails come from @proofdesk.com, never from Gmail" (process28.go)
		}
		if class == proofdesk.ClassPayment && t.acceptsInSentence(i) {
			continue // "Not Visa, we only take Mastercard and PayPal in the shop": what the shop takes
		}
		neg, noun := false, class != proofdesk.ClassAddress && class != proofdesk.ClassEmail
		for j := c; j < e; j++ {
			x := string(t.tokBytes(j))
			if businessPlace(x) || cityServices[x] || takesVerbs[x] || acceptVerbs[x] || len(x) > 1 && x[0] == 'n' && takesVerbs[x[1:]] { // "nacceptons": French elision
				neg = false
				break
			}
			neg = neg || negations[x] || f16noneWords[x]
			noun = noun || t.classNoun(j, x, class) || liveVerbs[x] || strings.HasSuffix(x, "adresse") || strings.HasSuffix(x, "adres")
		}
		if neg && noun {
			return !t.deferredAnywhere() // "Not Visa, sorry, I can't say which brand before verification"
		}
	}
	return false
}

// problemWords after a named part make it a kind of problem, not a value.
var problemWords = set("problem", "issue", "error", "problema", "probleme", "probleem", "fehler", "erreur", "errore", "fout", "erro")

// acceptsInSentence reports whether the sentence of token i says what
// the business takes or accepts ("we only take Mastercard", "aceitamos").
func (t *text) acceptsInSentence(i int) bool {
	from, to := t.sentenceOf(i)
	for j := from; j < to; j++ {
		if x := string(t.tokBytes(j)); takesVerbs[x] || acceptVerbs[x] {
			return true
		}
	}
	return false
}

// deferredAnywhere reports whether a word of deferral stands anywhere in
// t ("after the verification", "before verification"): the reply puts
// the answer off.
func (t *text) deferredAnywhere() bool {
	for k := range t.toks {
		if deferWord(t.tokBytes(k)) {
			return true
		}
	}
	return false
}

// Words of a part named to deny it (normalised).
var (
	// takesVerbs say what the business accepts or supports: "we don't
	// accept Amex" names no card of hers.
	takesVerbs = set("accept", "accepts", "support", "supports", "take", "akzeptieren", "nehmen", "unterstutzen",
		"acceptons", "accepte", "prenons", "aceptamos", "acepta", "admitimos", "accettiamo", "accetta", "accepteren",
		"aanvaarden", "aceitamos", "aceita")
	f16cardBrands = set("visa", "amex", "maestro", "discover", "diners", "jcb", "unionpay", "mastercard", "vpay")
	mailProviders = set("gmail", "hotmail", "outlook", "yahoo", "gmx", "orange", "wanadoo", "libero", "icloud", "aol",
		"proton", "protonmail", "ziggo", "kpn", "sapo", "tonline", "laposte", "sfr", "live", "googlemail", "msn")
	// f16noneWords say "no" or "none" before a noun.
	f16noneWords = set("geen", "aucun", "aucune", "ningun", "ninguna", "ninguno", "nessun", "nessuna", "nessuno", "nenhum",
		"nenhuma", "keine", "kein", "keinen", "no", "never", "nie", "jamais", "nunca", "mai", "nooit", "doesnt", "dont")
	// liveVerbs say where the person addressed lives.
	liveVerbs = set("live", "lives", "wohnen", "wohnt", "habitez", "habite", "vive", "vives", "abita", "abiti", "woont",
		"woon", "mora", "moras", "resides", "reside")
)

// formalAffirmPhrases affirm in a formal or idiomatic register: a compliment on the requester's memory ("you have a
// good memory", "tem boa memória"), a hit ("acertou em cheio", "dans le
// mille", "Volltreffer"), the record held ("c'est ce que nous avons").
var formalAffirmPhrases = []string{
	"good memory", "great memory", "excellent memory", "bonne mémoire", "excellente mémoire", "buena memoria",
	"excelente memoria", "buona memoria", "ottima memoria", "gutes Gedächtnis", "gutes Gedachtnis", "goed geheugen",
	"boa memória", "ótima memória", "excelente memória",
	"acertou em cheio", "acertou", "dans le mille", "en plein dans le mille", "Volltreffer", "ins Schwarze",
	"dado en el clavo", "ha acertado", "ci ha preso in pieno", "ci ha preso", "in de roos", "raak geschoten",
	"é isso aí", "eben diese", "eben die", "ebendiese", "nailed it", "you got it right", "c'est ce que nous avons",
	"c'est ce qu'on a", "es lo que tenemos", "è quello che abbiamo", "é o que temos", "é o que consta",
	"stia tranquilla, è quello", "è proprio quello", "è proprio quella", "dat is m", "dat is hem precies",
}

// formalDenyPhrases deny in the same register: "not quite that one".
var formalDenyPhrases = []string{
	"não é bem essa", "não é bem esse", "não é bem esta", "não é bem este", "no es exactamente esa",
	"no es exactamente ese", "no es del todo esa", "non è proprio quello", "non è proprio quella",
	"non è esattamente quello", "niet helemaal die", "niet helemaal dat", "pas tout à fait celle",
	"pas tout à fait celui", "nicht ganz die", "nicht ganz diese", "not quite that one", "not quite the one",
}

// rememberedRight reports whether t says the person addressed remembers
// the offered value right: a verb of remembering of the person addressed
// with a word of right or well and a noun of a value in its clause ("You remember the number
// right, Mrs Martin", "Sie erinnern sich richtig an die Nummer", "Vous
// vous souvenez bien du numéro", "Se acuerda bien del número", "Ricorda
// bene il numero", "U herinnert zich het nummer goed", "Lembra-se bem do
// número"), no question.
func (t *text) rememberedRight() bool {
	for i := range t.toks {
		if !t.has(i, clRemember) {
			continue
		}
		if t.conditional(i) || i > 0 && negations[string(t.tokBytes(i-1))] {
			continue
		}
		c, e := t.clauseOf(i)
		well, value := false, false
		for j := c; j < e; j++ {
			x := string(t.tokBytes(j))
			well = well || wellWords[x]
			value = value || isValueNoun(x) || t.toks[j].lex&(lxPhone|lxCard) != 0 || birthWords[x] || dateNouns[x]
		}
		if well && value {
			return true // not "You remember the offer right"
		}
	}
	return false
}

// Words of remembering right (normalised).
var (
	rememberVerbs = set("remember", "remembered", "recall", "erinnern", "erinnert", "souvenez", "rappelez", "acuerda",
		"recuerda", "ricorda", "ricordato", "herinnert", "herinnerd", "onthouden", "lembra", "lembrou", "recorda")
	wellWords = set("right", "correctly", "well", "richtig", "korrekt", "genau", "bien", "parfaitement", "bene",
		"perfettamente", "goed", "precies", "bem", "perfeitamente", "exactly", "perfectamente", "exactement")
)

// validatedAnswer reports whether a sentence of t is only an
// acknowledgement and a word of validating ("Perfect, validated!",
// "Parfait, c'est validé !", "Perfekt, bestätigt!", "Perfetto,
// convalidato!"): with a value offered, the value was checked and fits.
// A thing validated ("your return is validated") is no answer.
func (t *text) validatedAnswer() bool {
	for i := range t.toks {
		if !t.has(i, clValid) {
			continue
		}
		from, to := t.sentenceOf(i)
		if to-from > 5 || t.conditional(i) || i > from && (negations[string(t.tokBytes(i-1))] || noteNegations[string(t.tokBytes(i-1))]) {
			continue // "non confirmé", "nicht bestätigt": not checked, no verdict
		}
		only := true
		for j := from; j < to && only; j++ {
			x := string(t.tokBytes(j))
			only = j == i || ackWords[x] || answerLeads[x] || answerFillers[x] || copulaWords[x] || allWords[x] || x == "perfekt" || x == "perfect"
		}
		if only {
			return true
		}
	}
	return false
}

// Words of validating (normalised).
var (
	validWords = set("validated", "verified", "validiert", "bestatigt", "verifiziert", "valide", "validee", "verifie",
		"verifiee", "validado", "validada", "verificado", "verificada", "convalidato", "convalidata", "validato",
		"validata", "verificato", "verificata", "gevalideerd", "geverifieerd", "bevestigd", "confirmado", "confirmada",
		"confermato", "confermata", "confirme", "confirmee")
	allWords = set("all", "alles", "tout", "todo", "tutto", "tudo", "everything", "is", "ist", "a", "esta", "e",
		"het", "das", "c", "cest", "es", "it", "its")
)

// digitsYours reports whether a phone's opening or closing digits are
// said to be the person addressed's: the digits, a copula or a verb of
// belonging and a possessive of the person addressed ("Exactly, the 647
// is yours", "Genau, die 0151 gehört Ihnen", "Sì, il 647 è il suo",
// "Klopt, de 0151 is van u", "Certo, o 647 é seu", "el 647 es el
// suyo", "le 647 est bien à vous").
func (m *Matcher) digitsYours(t *text) bool {
	for i := 0; i+2 < len(t.toks); i++ {
		w := t.tokBytes(i)
		if len(w) < 3 || len(w) > 5 || !allDigits(w) || !m.phonePart(string(w)) {
			continue
		}
		var next [4]string
		n := 0
		for j := i + 1; j < len(t.toks) && n < 4; j++ {
			next[n] = string(t.tokBytes(j))
			n++
		}
		k := 0
		if k < n && (copulaWords[next[k]] || belongVerbs[next[k]]) {
			k++
		} else {
			continue
		}
		if k < n && (next[k] == "bien" || next[k] == "wel" || next[k] == "really" || definites[next[k]]) {
			k++
		}
		if k < n && (yoursWords[next[k]] || next[k] == "a" && k+1 < n && (next[k+1] == "vous" || next[k+1] == "toi") ||
			next[k] == "van" && k+1 < n && (next[k+1] == "u" || next[k+1] == "jou")) {
			return !t.conditional(i)
		}
	}
	return false
}

// phonePart reports whether d opens or closes a phone of the customer,
// in its national form with or without its trunk 0.
func (m *Matcher) phonePart(d string) bool {
	for _, p := range m.phones {
		if strings.HasPrefix(p, d) || strings.HasPrefix("0"+p, d) || strings.HasSuffix(p, d) {
			return true
		}
	}
	return false
}

// Words of a value that belongs to the person addressed (normalised).
var (
	belongVerbs = set("belongs", "gehort", "appartient", "pertenece", "appartiene", "hoort", "pertence", "is", "es", "e")
	yoursWords  = set("yours", "ihnen", "dir", "ihre", "ihrer", "suyo", "suya", "tuyo", "tuya", "suo", "sua", "tuo",
		"tua", "seu", "sua", "teu", "vostro", "vostra", "vous", "uw", "van")
)

// swappedRight reports whether a sentence of t corrects the offered
// value's digits while agreeing with the person addressed: a word of
// being right, then a number, a word for "and" or none, a negation and
// the same digits in another order or with one digit more or less ("Vous
// avez raison, c'est 45 et pas 54", "Sie haben recht, es ist 92 und
// nicht 29", "Tem razão, é 100 e não 10"). A noun after the first number
// ("12 items and not 21") makes it a count.
func (t *text) swappedRight() bool {
	for i := 0; i+2 < len(t.toks); i++ {
		w := t.tokBytes(i)
		if len(w) == 0 || len(w) > 6 || !allDigits(w) {
			continue
		}
		j := i + 1
		if andWords[string(t.tokBytes(j))] {
			j++
		}
		if j >= len(t.toks) || !negations[string(t.tokBytes(j))] {
			continue
		}
		j++
		if j < len(t.toks) && definites[string(t.tokBytes(j))] {
			j++
		}
		if j >= len(t.toks) || !swapped(w, t.tokBytes(j)) {
			continue
		}
		from, _ := t.sentenceOf(i)
		for k := from; k < i; k++ {
			if x := string(t.tokBytes(k)); rightWords[x] || yesJudgements[x] {
				return !t.conditional(i)
			}
		}
	}
	return false
}

// swapped reports whether b holds a's digits in another order, or a's
// digits with one more or one fewer ("45"/"54", "8"/"18", "100"/"10").
func swapped(a, b []byte) bool {
	if len(b) == 0 || !allDigits(b) || string(a) == string(b) {
		return false
	}
	if len(a) == len(b) {
		var n [10]int
		for i := range a {
			n[a[i]-'0']++
			n[b[i]-'0']--
		}
		return n == [10]int{}
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a) != len(b)+1 {
		return false
	}
	for i := range a {
		if string(a[:i])+string(a[i+1:]) == string(b) {
			return true
		}
	}
	return false
}

// Triggers of guard16's rules found by one pass over the tokens
// (scan16): a rule runs only when its rare word is there.
const (
	g16Remember = 1 << iota // a verb of remembering (rememberedRight)
	g16Valid                // a word of validating (validatedAnswer)
	g16Swap                 // a number then a negation within 2 tokens (swappedRight)
	g16Live                 // a verb of living (liveAtNumber)
	g16Cities               // two tokens that are cities on file (citiesPaired)
	g16At                   // a word for "@" or the sign (mailByName)
	g16Judge                // a word judging right or wrong (classPartJudged)
	g16Neg                  // a negation (valueDenied)
	g16Dob                  // the month of birth, a year, a sign's name or a short number (dobParts)
	g16Age                  // a word of age or turning ("ans", "turned", "quarantanni") (ageInYear)
	g16Name                 // a word for first or last name (mailByName)
	g16Last                 // a word for "last" (lastTwo)
	g16Lead                 // a word for texting or an area code (phoneLead)
	g16City                 // a token that is a city on file (homeThingIn)
	g16Place                // a token after the first that opens a city or place of hers (herPlaceSaid)
)

// scan16 returns the triggers of guard16's rules that t holds (dob: a
// date of birth was offered, so that its parts count).
func (m *Matcher) scan16(t *text, dob bool) uint16 {
	var f uint16
	if t.ats > 0 {
		f |= g16At
	}
	cities := 0
	month := m.dob[1]
	sign := m.zodiac()
	for i := range t.toks {
		tk := &t.toks[i]
		if tk.len6 == 0 || tk.len6 >= 32 {
			continue
		}
		c, n := tk.head6, uint32(1)<<tk.len6
		if !isDigit(c) && scanEnds[c*31+tk.tail6]&n == 0 && m.cityHeads[c]&n == 0 {
			continue // most tokens: no trigger has their first and last letters and length (endKey, from the token's fields)
		}
		w := t.tokBytes(i)
		if i > 0 && f&g16Place == 0 && m.cityHeads[c]&n != 0 && m.placeAt(t, i) > 0 {
			f |= g16Place
		}
		switch {
		case isDigit(c):
			if dob && len(w) <= 3 {
				f |= g16Dob // a day answered: dobParts reads it
			}
			if f&g16Swap == 0 && len(w) <= 6 && i+1 < len(t.toks) && (t.negAt(i+1) || i+2 < len(t.toks) && t.negAt(i+2) &&
				andWords[string(t.tokBytes(i+1))]) {
				f |= g16Swap
			}
			continue
		case c == 'm' && string(w) == month, sign >= 0 && t.has(i, clZodiac) && zodiacNames[sign][string(w)],
			dob && t.has(i, clDobPart):
			f |= g16Dob
		case t.has(i, clJudge):
			f |= g16Judge
		case t.has(i, clNegAny):
			f |= g16Neg
		case t.has(i, clAge), len(w) >= 8 && w[len(w)-1] == 'i' && w[len(w)-4] == 'a':
			f |= g16Age
		case t.has(i, clRemember):
			f |= g16Remember
		case t.has(i, clValid):
			f |= g16Valid
		case t.has(i, clLive):
			f |= g16Live
		case len(w) == 2 && c == 'a' && w[1] == 't': // the words for "@" are canonical "at"
			f |= g16At
		case t.has(i, clName):
			f |= g16Name
			if string(w) == "last" {
				f |= g16Last
			}
		case t.has(i, clFinal):
			f |= g16Last
		case t.has(i, clHead16):
			f |= g16Lead
		}
		if m.cityHeads[c]&n != 0 && m.cityIndex(t, i) >= 0 {
			f |= g16City
			if cities++; cities >= 2 {
				f |= g16Cities
			}
		}
	}
	return f
}

// negAt reports whether token k is a negation (negations).
func (t *text) negAt(k int) bool {
	return t.has(k, clNeg)
}

// endKey mixes a word's first and last letters: with its length, a
// finer test than its shape.
func endKey(w []byte) byte { return w[0]*31 + w[len(w)-1] }

// scanEnds holds, by endKey, the lengths of scan16's trigger words and
// the months' tokens: most words of a reply fail it.
var scanEnds = func() (t [256]uint32) {
	add := func(w string) {
		if len(w) > 0 && len(w) < 32 {
			t[endKey([]byte(w))] |= 1 << len(w)
		}
	}
	for _, m := range []map[string]bool{rememberVerbs, validWords, liveVerbs, yesJudgements, noJudgements, partVerdicts,
		negations, f16noneWords, ageUnits, turnedWords, givenNameWords, familyNameWords, dobPartWords, finalWords, headWords16} {
		for w := range m {
			add(w)
		}
	}
	for _, z := range zodiacNames {
		for w := range z {
			add(w)
		}
	}
	for mo := 1; mo <= 12; mo++ {
		add(fmt.Sprintf("m%02d", mo))
	}
	add("at")
	for k := range elidedTens {
		add(k + "anni")
	}
	return t
}()

// judgeAny, negAny and ageAny join the sets scan16 looks words up in:
// one look-up a word.
var (
	judgeAny = union(yesJudgements, noJudgements, partVerdicts)
	negAny   = union(negations, f16noneWords)
	ageAny   = union(ageUnits, turnedWords)
)

// union returns a set of the words of the sets.
func union(sets ...map[string]bool) map[string]bool {
	u := map[string]bool{}
	for _, s := range sets {
		for w := range s {
			u[w] = true
		}
	}
	return u
}
