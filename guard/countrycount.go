package guard

import (
	"strings"

	"github.com/proofdesk/proofdesk"
)

// countryNames adds the name of an address's country in the seven
// languages (normalised) as token patterns of ctxCountryOf: "you have
// two addresses with us, one of them in Spain", "keine der deutschen
// Adressen, es geht an die in Spanien" tell which countries her addresses
// are in. Source: the countries' Wikipedia articles in the seven
// languages.
func (b *builder) countryNames(country string, level proofdesk.Level) {
	for _, name := range countryNamesOf[strings.ToUpper(country)] {
		b.tokens(strings.Fields(name), pattern{class: proofdesk.ClassAddress, part: PartCity, level: level, ctx: ctxCountryOf})
	}
}

// countryNamesOf holds each country's names in the seven languages,
// normalised, keyed by ISO 3166 code; "us" alone is the pronoun and
// "usa" Spanish "uses", so only "the us", "the usa" and the longer forms.
var countryNamesOf = map[string][]string{
	"ES": {"spain", "spanien", "espagne", "espana", "spagna", "spanje", "espanha"},
	"IT": {"italy", "italien", "italie", "italia"},
	"PT": {"portugal", "portogallo"},
	"NL": {"netherlands", "holland", "niederlande", "niederlanden", "pays bas", "paises bajos", "paesi bassi", "olanda",
		"nederland", "holanda", "paises baixos"},
	"US": {"the usa", "the us", "united states", "den usa", "etats unis", "estados unidos", "stati uniti", "verenigde staten",
		"de vs", "eua"},
	"DE": {"germany", "deutschland", "allemagne", "alemania", "germania", "duitsland", "alemanha"},
	"FR": {"france", "frankreich", "francia", "frankrijk", "franca"},
	"GB": {"uk", "united kingdom", "england", "grossbritannien", "royaume uni", "reino unido", "regno unito",
		"verenigd koninkrijk", "inghilterra", "engeland", "inglaterra", "angleterre"},
	"BE": {"belgium", "belgien", "belgique", "belgica", "belgio", "belgie"},
	"CH": {"switzerland", "schweiz", "suisse", "suiza", "svizzera", "zwitserland", "suica"},
	"AT": {"austria", "osterreich", "autriche", "oostenrijk"},
}

// countryCounted reports whether the country name at offset start of the
// token view is said of the customer's addresses by counting or
// elimination: its sentence names addresses and holds a word of counting
// or elimination ("one of them", "eine davon", "dont une", "una de
// ellas", "uno dei quali", "een daarvan", "um deles", "none of", "the
// other"), or the country follows "the one in" ("it goes to the one in
// Spain", "die in Spanien"). A country the business ships to or is in
// names no address of hers.
func (t *text) countryCounted(start int) bool {
	i := t.tokenAt(start)
	if i < 1 {
		return false
	}
	from, to := t.sentenceOf(i)
	addr, count := false, false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if ourWords[w] && t.toks[k].flags&fPunctAfter == 0 && !(k > from && youPreps[string(t.tokBytes(k-1))]) {
			return false // "our warehouses in Spain", not "bij ons, een daarvan"
		}
		addr = addr || addressNouns[w] || addressPlurals[w]
		count = count || countWords[w] || countOneWords[w] && k+1 < to && countOfWords[string(t.tokBytes(k+1))]
	}
	if addr && count {
		return true
	}
	// "the one in Spain", "die in Spanien", "celle du Portugal"
	return addr && i >= 2 && intoWords[string(t.tokBytes(i-1))] && onePronouns[string(t.tokBytes(i-2))]
}

// Words of counting and elimination (normalised).
var (
	countWords = set("davon", "dont", "ellas", "ellos", "quali", "daarvan", "deles", "delas", "none", "neither",
		"keine", "keiner", "aucune", "aucun", "ninguna", "ninguno", "nessuna", "nessuno", "geen", "nenhuma", "nenhum",
		"other", "andere", "anderen", "autre", "otra", "otro", "altra", "altro", "outra", "outro", "2", "3", "both",
		"beide", "beiden", "deux", "dos", "due", "twee", "dois", "duas")
	addressPlurals = set("addresses", "adressen", "adresses", "direcciones", "indirizzi", "enderecos", "moradas",
		"anschriften")
	countOneWords = set("1", "een", "eine", "einer", "une", "una", "uno", "um", "uma")
	countOfWords  = set("of", "von", "der", "de", "des", "dei", "delle", "van", "das", "dos")
)

// cityEliminated reports whether the city at token i, in the sentence
// [from, to), is named to be set aside for another of her addresses: a
// negation opens the sentence within 3 tokens before the city and a word
// for "the other" follows it after a clause boundary ("Not the Berlin
// one, the other one", "Pas celle de Berlin, l'autre", "Niet die in
// Berlijn, de andere"). The city must end its clause or come before
// "one" or a word for address or home: "not the Berlin store" is a thing.
func (t *text) cityEliminated(i, from, to int) bool {
	if i-from > 4 || !elimNegations[string(t.tokBytes(from))] {
		return false
	}
	if n := string(t.tokBytes(min(i+1, to-1))); t.toks[i].flags&fPunctAfter == 0 && i+1 < to && n != "1" && !addressNouns[n] && !homeWords[n] {
		return false // "Not the Berlin store, the other one": the city's thing, not "the Berlin one"
	}
	for k := i; k+1 < to; k++ {
		if t.toks[k].flags&fPunctAfter == 0 {
			continue
		}
		for j := k + 1; j < to && j <= k+3; j++ {
			if otherOnes[string(t.tokBytes(j))] {
				return true
			}
		}
	}
	return false
}

// elimNegations open an elimination ("not the Berlin one"); otherOnes say
// "the other" (normalised).
var (
	elimNegations = set("not", "nicht", "pas", "no", "non", "niet", "nao")
	otherOnes     = set("other", "andere", "anderen", "autre", "otra", "otro", "altra", "altro", "outra", "outro")
)
