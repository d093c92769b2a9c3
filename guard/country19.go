package guard

import (
	"strconv"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// country19.go (g19p): which of her phones or addresses, told by its
// country or region as an adjective with a definite article, in a
// statement: "we'll send it to the German address", "the Dutch address is
// the default one", "le numéro français", "la casa piemontese", "a morada
// holandesa", "het Duits nummer staat als eerste". countryNamed
// (country.go) wants a possessive, the record or the person addressed in
// the sentence; in a reply to her the definite article alone says the
// phone or home is one both know of: hers. And "you have a German number
// registered": an indefinite one is hers when "you have" it. The
// adjective is one of her countries' (or her city's region, regions19):
// the pattern (ctxCountry) only matches those. The business's ("our
// French number", "call us on the French line", "call the French number
// for help"), any of a kind ("a German address is needed", "any Dutch
// number"), the noun as the head of another ("the German address
// format"), a question and a condition pass.

// countryHeads19 are nouns that make a class noun before them a modifier:
// "the German address format", "le format d'adresse français" is not
// read (normalised).
var countryHeads19 = set("format", "formats", "formaat", "formato", "formati", "system", "systeem", "sistema", "systeme",
	"standard", "norm", "norme", "norma", "field", "feld", "champ", "campo", "veld", "style", "layout", "rules", "regeln",
	"regles", "reglas", "regole", "regels", "regras", "book", "buch", "prefix", "code", "plan", "plans", "tarif", "tariff",
	"tarifa", "tariffa", "support", "service", "hotline", "helpline", "line", "provider", "anbieter", "operator", "operateur",
	"operador", "operatore", "validation", "validierung", "check", "verification", "rate", "rates", "fee", "fees", "price",
	"prices", "market", "markt", "marche", "mercado", "mercato", "listing", "listings", "ad", "ads", "advert", "anzeige",
	"annonce", "anuncio", "annuncio", "advertentie", "search", "suche", "recherche", "busqueda", "ricerca", "zoeken")

// countryCallOpeners are the imperatives of calling that, opening the
// sentence, make the phone the business's: "Call the French number for
// help", "Appelez le numéro français" (normalised).
var countryCallOpeners = set("call", "dial", "ring", "text", "contact", "ruf", "rufen", "wahlen", "kontaktieren",
	"appelez", "composez", "contactez", "llame", "marque", "contacte", "chiami", "componga", "contatti", "bel", "belt",
	"ligue", "marque", "contacte")

// youHave19 are "you have" and its forms: "you have a German number
// registered", "Sie haben eine deutsche Nummer", "vous avez un numéro
// allemand" (normalised; "u heeft", "lei ha" read as their two words).
var youHave19 = set("have", "haben", "hast", "avez", "as", "tiene", "tienes", "ha", "hai", "heeft", "hebt", "tem", "tens")

// countryThe19 reports whether the country adjective of the match [start,
// end) of the token view, beside a noun of class, names one of hers with
// a definite article or after "you have" (see above).
func (t *text) countryThe19(start, end int, class string) bool {
	i, j := t.tokenAt(start), t.tokenAt(end-2)
	if i < 0 || j < i {
		return false
	}
	from, to := t.sentenceOf(i)
	if t.toks[i].flags&fQuestion != 0 {
		return false
	}
	nouns := countryHomeNouns
	if class == proofdesk.ClassPhone {
		nouns = countryPhoneNouns
	}
	// the noun phrase [s, e): the noun right after the adjective ("the
	// German address"), or before it ("le numéro français", "la casa
	// piemontese"); e is the token after it
	s, e := -1, -1
	switch {
	case j+1 < to && nouns[string(t.tokBytes(j+1))] && t.toks[j].flags&fPunctAfter == 0:
		s, e = i, j+2
	case j+2 < to && (countryFillers19[string(t.tokBytes(j+1))] || t.toks[j+1].cls&clDigit != 0) && nouns[string(t.tokBytes(j+2))] &&
		t.toks[j+1].flags&fPunctAfter == 0 && t.toks[j].flags&fPunctAfter == 0:
		s, e = i, j+3 // "het Duitse mobiele nummer", "the Paris 2e flat"
	case i > from && nouns[string(t.tokBytes(i-1))] && t.toks[i-1].flags&fPunctAfter == 0:
		s, e = i-1, j+1
	case class == proofdesk.ClassAddress && i-1 > from && countryPreps[string(t.tokBytes(i-1))] && nouns[string(t.tokBytes(i-2))] && t.toks[i-2].flags&fPunctAfter == 0:
		s, e = i-2, j+1 // "la casa de Madrid", "o apartamento de Lisboa"
	default:
		return false
	}
	if e < to && countryHeads19[string(t.tokBytes(e))] || s+1 < e && countryHeads19[string(t.tokBytes(s))] {
		return false // "the German address format"
	}
	if e < to && oneOfWords[string(t.tokBytes(e))] && e+1 < to && countryHeads19[string(t.tokBytes(e+1))] {
		return false
	}
	if s <= from {
		return false // no article: "German numbers start with +49"
	}
	if s-2 >= from && countryHeads19[string(t.tokBytes(s-2))] {
		return false // "il formato dell'indirizzo tedesco", "the format of the German address"
	}
	det := string(t.tokBytes(s - 1))
	switch {
	case definites[det] || homeArticles[det] || demonstratives[det] || countryArticles19[det]:
		if det == "a" && s-2 >= from && youHave19[string(t.tokBytes(s-2))] {
			break // Portuguese "a" is definite, English "a" after "you have" is hers too
		}
		if det == "de" && s-2 >= from && !t.dutchDe19(s-2) {
			return false // "de" as a preposition: "un cambio de número francés"
		}
		if det == "a" && !t.portugueseA19(from, to) {
			return false // English "a German address"
		}
	case indefinites[det] && s-2 >= from && youHave19[string(t.tokBytes(s-2))] && t.secondBefore19(from, s-2):
	default:
		return false
	}
	if string(t.tokBytes(from)) == "if" || t.condBefore(from, s) || countryCallOpeners[string(t.tokBytes(from))] {
		return false
	}
	if yesWordSet[string(t.tokBytes(from))] {
		return false // "Yes, the French mobile is still registered": the answer to an offer, judged as one
	}
	if e < to && countryWith19[string(t.tokBytes(e))] {
		return false // "the German mobile with Berlin's prefix": what follows tells it, read by its own rules
	}
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if ourWords[w] || anyWords[w] || procUs[w] || procEvery[w] || noDeterminers[w] || countryBusiness19[w] || haveWords[w] && !(k > from && secondPerson[string(t.tokBytes(k-1))]) {
			return false // "Not that one, we have the German mobile": weother.go's denial (its variants drop the "not")
		}
		if class == proofdesk.ClassAddress && (t.ats > 0 || t.toks[k].lex&(lxDot|lxAt) != 0 || emailNouns[w] || mailboxWords[w] || countryTLDs19[w]) {
			return false // "the French address ending in .fr": an email's
		}
	}
	return true
}

// countryWith19 join a phone or home to what tells it apart (normalised).
var countryWith19 = set("with", "mit", "avec", "con", "com", "met")

// countryTLDs19 are top-level domains that are no word of the seven
// languages.
var countryTLDs19 = set("fr", "com", "org", "net", "nl", "pt", "eu", "uk", "ch", "gmx", "gmail", "sapo", "hotmail", "yahoo", "outlook")

// countryArticles19 are the definite articles glued to a preposition
// that definites and homeArticles lack: "alla casa piemontese", "vom
// deutschen Handy", "du numéro français", "pela morada" (normalised).
var countryArticles19 = set("alla", "allo", "nella", "nello", "della", "dello", "sulla", "sullo", "dalla", "dallo", "im",
	"am", "vom", "beim", "ins", "du", "aux", "ao", "na", "no", "da", "do", "pela", "pelo", "dem", "den")

// countryFillers19 may stand between a country's adjective and the noun
// (normalised).
var countryFillers19 = set("mobile", "mobiele", "mobil", "cell", "postal", "home", "billing", "delivery", "shipping")

// countryBusiness19 are words that make the phone or home the business's
// or any one's: "the French number of the shop", "the German address of
// the warehouse" (normalised).
var countryBusiness19 = set("shop", "store", "warehouse", "office", "branch", "hotline", "support", "customers", "laden",
	"geschaft", "lager", "filiale", "buro", "boutique", "magasin", "entrepot", "bureau", "agence", "tienda", "almacen",
	"oficina", "sucursal", "negozio", "magazzino", "ufficio", "filiale", "winkel", "magazijn", "kantoor", "loja", "armazem",
	"escritorio", "company", "firma", "societe", "empresa", "azienda", "bedrijf", "example", "exemple", "ejemplo", "esempio",
	"voorbeeld", "exemplo", "beispiel", "unseres", "lagers", "ladens", "buros", "abroad", "ausland", "etranger", "extranjero", "estero", "buitenland", "estrangeiro")

// dutchDe19 reports whether "de" at k reads as Dutch's article: the
// sentence has another Dutch word near it.
func (t *text) dutchDe19(k int) bool {
	from, to := t.sentenceOf(k)
	for n := from; n < to; n++ {
		if dutchMarks19[string(t.tokBytes(n))] {
			return true
		}
	}
	return false
}

// dutchMarks19 are frequent Dutch words with no like in the other six
// languages (normalised).
var dutchMarks19 = set("het", "is", "staat", "wordt", "we", "wij", "u", "uw", "naar", "op", "bij", "ons", "gaat", "nummer",
	"adres", "een", "niet", "ook", "als", "met", "voor", "sturen", "bellen", "blijft", "eerste", "standaard")

// portugueseA19 reports whether the sentence [from, to) reads as
// Portuguese, where "a" is the definite article.
func (t *text) portugueseA19(from, to int) bool {
	for n := from; n < to; n++ {
		if portugueseMarks19[string(t.tokBytes(n))] {
			return true
		}
	}
	return false
}

// portugueseMarks19 are frequent Portuguese words (normalised).
var portugueseMarks19 = set("para", "enviamos", "vamos", "ligar", "ligaremos", "morada", "casa", "numero", "telemovel",
	"encomenda", "e", "esta", "fica", "vai", "seu", "sua", "o", "os", "as", "do", "da", "no", "na", "em", "padrao", "principal",
	"enviaremos", "entregamos", "usamos", "segue", "telefone", "endereco", "nao")

// secondBefore19 reports whether a second-person subject stands in [from,
// k): "you have", "Sie haben", "vous avez", "u heeft".
func (t *text) secondBefore19(from, k int) bool {
	for n := max(from, k-2); n < k; n++ {
		if secondPerson[string(t.tokBytes(n))] {
			return true
		}
	}
	// Spanish, Italian, Portuguese drop the subject: "tiene un número
	// alemán", "ha un numero tedesco", "tem um número alemão" open the
	// sentence
	return k == from
}

// regions19 are regions of cities, their names and adjectives in the
// seven languages (normalised), by the city's normalised name: "the
// Piedmont house" is the Torino home. Source: the regions' Wikipedia
// articles in the seven languages.
var regions19 = map[string][]string{
	"torino": {"piedmont", "piedmontese", "piemont", "piemontesisch", "piemontesische", "piemontesischen", "piemontesischer",
		"piemontesisches", "piemontais", "piemontaise", "piamonte", "piamontes", "piamontesa", "piemonte", "piemontese",
		"piemontees", "piemonteese", "piemontes", "piemontesa"},
	"milano": {"lombardy", "lombard", "lombardei", "lombardisch", "lombardische", "lombardischen", "lombardie", "lombarde",
		"lombardia", "lombardo", "lombarda", "lombardije", "lombardisch", "lombardijse"},
	"munchen": {"bavaria", "bavarian", "bayern", "bayerisch", "bayerische", "bayerischen", "baviere", "bavarois", "bavaroise",
		"baviera", "bavaro", "bavara", "beieren", "beiers", "beierse"},
	"barcelona": {"catalonia", "catalan", "katalonien", "katalanisch", "katalanische", "katalanischen", "catalogne",
		"catalane", "cataluna", "catalana", "catalogna", "catalano", "catalonie", "catalaans", "catalaanse", "catalunha", "catala"},
	"sevilla": {"andalusia", "andalusian", "andalusien", "andalusisch", "andalusische", "andalousie", "andalou", "andalouse",
		"andalucia", "andaluz", "andaluza", "andalusia", "andaluso", "andalusa", "andalusie", "andalusisch", "andalusische"},
}

// regionCities19 are the cities' other names (normalised) that regions19
// is keyed by.
var regionCities19 = map[string]string{"turin": "torino", "milan": "milano", "mailand": "milano", "munich": "munchen",
	"seville": "sevilla", "sevilha": "sevilla", "siviglia": "sevilla", "barcelone": "barcelona", "barcellona": "barcelona"}

// regions19 adds the region forms of an address's city (ctxCountry).
func (b *builder) regions19(a proofdesk.Address, level proofdesk.Level) {
	c := strings.Join(normTokens(a.City), "")
	if o := regionCities19[c]; o != "" {
		c = o
	}
	if r := regions19[c]; len(r) > 0 {
		b.countryForms(r, proofdesk.ClassAddress, level)
	}
	// the city and its arrondissement as an ordinal: "the Paris 2e",
	// "Lyon 3e", "Paris 1er" (texting.go's arrondissement takes "2e
	// arrondissement"); the postal code's last two digits
	pc := strings.ReplaceAll(a.PostalCode, " ", "")
	if a.Country != "FR" || len(pc) != 5 || !allDigits([]byte(pc)) || pc[:3] != "750" && pc[:4] != "6900" && pc[:3] != "130" {
		return
	}
	n := int(pc[3]-'0')*10 + int(pc[4]-'0')
	if n < 1 || n > 20 {
		return
	}
	city := normTokens(a.City)
	num := strconv.Itoa(n)
	for _, f := range []string{num + "e", num + "er", num + "eme", num + "ieme"} {
		b.tokens(append(append([]string(nil), city...), f), pattern{class: proofdesk.ClassAddress, part: PartCity, level: level, ctx: ctxStreet})
	}
}
