package guard

import (
	"strings"

	"github.com/proofdesk/proofdesk"
)

// Which of the customer's addresses or phones, told by its country or
// region (guard11): "your Dutch address", "the Oregon flat", "l'adresse
// portugaise", "il cellulare tedesco", "your French mobile". The
// adjective of a country where she has an address (or of a phone's
// country code) beside a noun of the class, said of her or of the record
// (ctxCountry, text.countryNamed). City adjectives ("Berliner") are the
// city patterns' (ctxCity).

// countryAdjs are the adjectives of a country in the seven
// languages, every gender and case the normaliser leaves apart
// (normalised), by ISO 3166 code. Source: the countries' Wikipedia
// articles in the seven languages.
var countryAdjs = map[string][]string{
	"FR": {"french", "franzosisch", "franzosische", "franzosischen", "franzosischer", "franzosisches", "francais", "francaise",
		"frances", "francesa", "francese", "franse", "frans"},
	"DE": {"german", "deutsch", "deutsche", "deutschen", "deutscher", "deutsches", "allemand", "allemande", "aleman", "alemana",
		"tedesco", "tedesca", "duits", "duitse", "alemao", "alema"},
	"ES": {"spanish", "spanisch", "spanische", "spanischen", "spanischer", "spanisches", "espagnol", "espagnole", "espanol",
		"espanola", "spagnolo", "spagnola", "spaans", "spaanse", "espanhol", "espanhola"},
	"IT": {"italian", "italienisch", "italienische", "italienischen", "italienischer", "italienisches", "italien", "italienne",
		"italiano", "italiana", "italiaans", "italiaanse"},
	"NL": {"dutch", "niederlandisch", "niederlandische", "niederlandischen", "niederlandischer", "niederlandisches",
		"hollandisch", "hollandische", "hollandischen", "neerlandais", "neerlandaise", "hollandais", "hollandaise",
		"holandes", "holandesa", "neerlandes", "neerlandesa", "olandese", "nederlands", "nederlandse", "hollands", "hollandse"},
	"PT": {"portuguese", "portugiesisch", "portugiesische", "portugiesischen", "portugiesischer", "portugiesisches",
		"portugais", "portugaise", "portugues", "portuguesa", "portoghese", "portugees", "portugese"},
	"US": {"american", "amerikanisch", "amerikanische", "amerikanischen", "amerikanischer", "americain", "americaine",
		"estadounidense", "americano", "americana", "statunitense", "amerikaans", "amerikaanse", "norte americano",
		"norte americana"},
}

// countryNames are the names of a country in the seven languages
// (normalised), by ISO 3166 code: "your address in Portugal", "il suo
// numero di Germania" (after a preposition, see countryNamed).
var countryNames = map[string][]string{
	"FR": {"france", "frankreich", "francia", "frankrijk", "franca"},
	"DE": {"germany", "deutschland", "allemagne", "alemania", "germania", "duitsland", "alemanha"},
	"ES": {"spain", "spanien", "espagne", "espana", "spagna", "spanje", "espanha"},
	"IT": {"italy", "italien", "italie", "italia"},
	"NL": {"netherlands", "the netherlands", "holland", "niederlande", "niederlanden", "pays bas", "paises bajos",
		"paesi bassi", "olanda", "nederland", "holanda", "paises baixos"},
	"PT": {"portugal", "portogallo"},
	"US": {"united states", "usa", "etats unis", "estados unidos", "stati uniti", "verenigde staten", "amerika"},
}

// phoneCountries maps a phone's country calling code to its country.
var phoneCountries = map[string]string{"33": "FR", "49": "DE", "34": "ES", "39": "IT", "31": "NL", "351": "PT", "1": "US",
	"32": "BE", "41": "CH", "43": "AT", "44": "GB"}

// usStates names the US states by their postal code (normalised), for a
// region said as an adjective ("the Oregon flat").
var usStates = map[string]string{"AL": "alabama", "AK": "alaska", "AZ": "arizona", "AR": "arkansas", "CA": "california",
	"CO": "colorado", "CT": "connecticut", "DE": "delaware", "FL": "florida", "GA": "georgia", "HI": "hawaii", "ID": "idaho",
	"IL": "illinois", "IN": "indiana", "IA": "iowa", "KS": "kansas", "KY": "kentucky", "LA": "louisiana", "ME": "maine",
	"MD": "maryland", "MA": "massachusetts", "MI": "michigan", "MN": "minnesota", "MS": "mississippi", "MO": "missouri",
	"MT": "montana", "NE": "nebraska", "NV": "nevada", "NH": "new hampshire", "NJ": "new jersey", "NM": "new mexico",
	"NY": "new york", "NC": "north carolina", "ND": "north dakota", "OH": "ohio", "OK": "oklahoma", "OR": "oregon",
	"PA": "pennsylvania", "RI": "rhode island", "SC": "south carolina", "SD": "south dakota", "TN": "tennessee",
	"TX": "texas", "UT": "utah", "VT": "vermont", "VA": "virginia", "WA": "washington", "WV": "west virginia",
	"WI": "wisconsin", "WY": "wyoming"}

// Nouns of an address or a home, and of a phone, that a country's
// adjective may qualify (normalised: "flat" and "apartment" read "unit").
var (
	countryHomeNouns = set("address", "adresse", "anschrift", "wohnung", "unit", "home", "house", "haus",
		"domicile", "logement", "maison", "direccion", "piso", "casa", "domicilio", "indirizzo", "abitazione", "adres",
		"woning", "huis", "morada", "endereco", "lieferadresse", "postadresse", "wohnadresse")
	countryPhoneNouns = set("mobile", "phone", "number", "cell", "handy", "handynummer", "mobilnummer", "nummer",
		"telefonnummer", "portable", "numero", "telephone", "movil", "telefono", "cellulare", "mobiel", "telefoon",
		"telefoonnummer", "telemovel", "telefone", "celular")
)

// countryForms adds a country's or region's adjectives for class; the
// noun of the class beside them is checked with the context
// (text.countryNamed).
func (b *builder) countryForms(adjs []string, class string, level proofdesk.Level) {
	p := pattern{class: class, part: PartCity, level: level, ctx: ctxCountry}
	if class == proofdesk.ClassPhone {
		p.part = PartFull
	}
	for _, a := range adjs {
		b.tokens(strings.Fields(a), p)
	}
}

// countries adds the country and region forms of an address.
func (b *builder) countries(a proofdesk.Address, level proofdesk.Level) {
	adjs := countryAdjs[strings.ToUpper(a.Country)]
	if s := usStates[strings.ToUpper(a.Region)]; s != "" && strings.EqualFold(a.Country, "US") {
		adjs = append(append([]string(nil), adjs...), s)
	}
	if len(adjs) > 0 {
		b.countryForms(adjs, proofdesk.ClassAddress, level)
		b.countryForms(countryNames[strings.ToUpper(a.Country)], proofdesk.ClassAddress, level)
	}
}

// phoneCountry adds the country forms of a phone in international form
// ("+49...": "your German mobile").
func (b *builder) phoneCountry(v string, level proofdesk.Level) {
	if len(v) < 4 || v[0] != '+' {
		return
	}
	for n := 1; n <= 3; n++ {
		if c := phoneCountries[v[1:1+n]]; c != "" {
			b.countryForms(countryAdjs[c], proofdesk.ClassPhone, level)
			b.countryForms(countryNames[c], proofdesk.ClassPhone, level)
			return
		}
	}
}

// countryNamed reports whether a country's adjective, the match [start,
// end) of the token view, beside a noun of class right after or before it,
// names one of the customer's: a
// possessive in the 2 tokens before it ("your Dutch address", "il suo
// cellulare tedesco"), or a sentence that names the record ("the Oregon
// flat is the one on file") or the person addressed; not a sentence that
// places the business there ("our French office"), not a question ("Do
// you have a Dutch address?") and not any of a kind ("any German mobile",
// "a Dutch address").
func (t *text) countryNamed(start, end int, class string) bool {
	i, j := t.tokenAt(start), t.tokenAt(end-2)
	if i < 0 || j < i {
		return false
	}
	from, to := t.sentenceOf(i)
	if i > from && (definites[string(t.tokBytes(i-1))] || cityPointers[string(t.tokBytes(i-1))]) && t.cityAfterNone(j, from, to) {
		return true // "None of the German ones, it's the American one" (cityone.go)
	}
	nouns := countryHomeNouns
	if class == proofdesk.ClassPhone {
		nouns = countryPhoneNouns
	}
	switch {
	case j+1 < to && nouns[string(t.tokBytes(j+1))] && t.toks[j].flags&fPunctAfter == 0:
	case i > from && nouns[string(t.tokBytes(i-1))] && t.toks[i-1].flags&fPunctAfter == 0:
		i-- // "l'adresse portugaise": the phrase opens on the noun
	case i-1 > from && countryPreps[string(t.tokBytes(i-1))] && nouns[string(t.tokBytes(i-2))] && t.toks[i-2].flags&fPunctAfter == 0:
		i -= 2 // "your address in Portugal", "il numero di Germania"
	case i-2 > from && (definites[string(t.tokBytes(i-1))] || countryArticles[string(t.tokBytes(i-1))]) && countryPreps[string(t.tokBytes(i-2))] &&
		nouns[string(t.tokBytes(i-3))] && t.toks[i-3].flags&fPunctAfter == 0:
		i -= 3 // "die Wohnung in den Niederlanden", "the flat in the Netherlands"
	default:
		return false
	}
	if t.toks[i].flags&fQuestion != 0 {
		return false
	}
	for k := max(from, i-2); k < i; k++ {
		w := string(t.tokBytes(k))
		if k == i-1 && indefinites[w] || anyWords[w] || quantWords[w] && !(k == i-1 && homeArticles[w]) || noDeterminers[w] {
			return false // "any Dutch address", "eine deutsche Nummer" (not "an Ihre", "a su")
		}
	}
	for k := from; k < to; k++ {
		if w := string(t.tokBytes(k)); placeOwners[w] || ourWords[w] {
			if k+1 < to {
				if n := string(t.tokBytes(k + 1)); accountWords[n] || isRecordWord(n) || recordPlaces[n] {
					continue // "in ons systeem", "in our records"
				}
			}
			return false
		}
	}
	for k := max(from, i-2); k < i; k++ {
		if w := string(t.tokBytes(k)); secondPerson[w] && w != "u" && w != "lei" {
			return true
		}
	}
	// a home of a country with a definite article is the person's: "the
	// Oregon flat", "all'appartamento olandese" (a business has no flat)
	for k := i; k <= j+1 && k < to; k++ {
		if countryFlats[string(t.tokBytes(k))] && i > from && (definites[string(t.tokBytes(i-1))] || homeArticles[string(t.tokBytes(i-1))]) {
			return true
		}
	}
	if yesWordSet[string(t.tokBytes(from))] {
		return false // "Yes, the French mobile is still registered": the answer to an offer, judged as one
	}
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if accountWords[w] && !haveWords[w] || isRecordWord(w) || recordPlaces[w] || secondPerson[w] {
			return true
		}
	}
	return false
}

// yesWordSet holds the one-word yes words (normalised).
var yesWordSet = func() map[string]bool {
	m := map[string]bool{}
	for _, list := range [][]string{yesWords, yesPunctWords} {
		for _, w := range list {
			if toks := normTokens(w); len(toks) == 1 {
				m[toks[0]] = true
			}
		}
	}
	return m
}()

// countryPreps join a noun to a country's name: "address in Portugal",
// "mobile from Germany", "casa in Olanda" (normalised).
var countryPreps = set("in", "from", "im", "aus", "en", "de", "del", "au", "aux", "em", "no", "na", "nel", "di", "da",
	"uit", "van", "a")

// countryArticles are the articles before a country's name that
// definites lacks: "in den Niederlanden", "nos Estados Unidos".
var countryArticles = set("den", "dem", "les", "los", "os", "gli", "lo")

// countryFlats are the nouns of a home (not of an address: "the Dutch
// address" may be any); homeArticles the articles glued to a preposition
// before one ("all'appartamento", "au logement", "zum Haus") (normalised).
var (
	countryFlats = set("unit", "home", "house", "haus", "wohnung", "maison", "logement", "piso", "casa", "woning", "huis",
		"appartamento", "appartement", "apartamento")
	homeArticles = set("all", "al", "au", "zum", "zur", "ao", "naar", "het", "del", "dell", "nell")
)
