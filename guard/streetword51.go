package guard

// streetword51.go (g27b): her street's distinctive word alone, where the
// reply says it is her street (held-out set 27's kind, in other words):
// "Su calle es Alcalá", "Your street? Kalverstraat.", "Es la calle que
// empieza por A... Alcalá, ya sabe." The word
// stands in the sentence of a street word of hers ("your street", "it's
// the street that …") or opens the sentence right after one. Not her
// street's word as a landmark's ("the Puerta de Alcalá"), beside another
// house number, in a sentence of the business's or of another person, or
// under a condition. A word that is a city's name ("Via Roma": "roma")
// is left to the city readings.

// streetNouns51 are words for a street, besides streetNouns.
var streetNouns51 = union(streetNouns, set("road", "avenue", "lane", "via", "viale", "corso", "avenida", "weg",
	"gasse", "allee", "laan", "st", "str", "ave", "rd", "straße", "strada", "carrer", "rua", "travessa", "calle", "strasse", "street"))

// poss51 are the possessives of the person addressed.
var poss51 = set("your", "ur", "yr", "ihre", "ihr", "ihrer", "ihrem", "deine", "dein", "deiner", "votre", "ton", "ta",
	"su", "sus", "tu", "sua", "suo", "tua", "tuo", "uw", "je", "jouw", "teu", "vossa")

// copulas51 open "it's the street …": "es", "its", "ist", "cest", "e",
// "is" (normalised).
var copulas51 = set("es", "its", "is", "ist", "cest", "e", "est", "era", "war", "was", "foi", "fue", "sia", "ligt")

// landmarkHeads51 name a landmark a street gives its name to: "Puerta de
// Alcalá", "Porta Nuova", "Place de la Paix".
var landmarkHeads51 = set("puerta", "porta", "porte", "gate", "tor", "poort", "portao", "arco", "arc", "arch",
	"plaza", "piazza", "place", "platz", "plein", "praca", "square", "station", "estacion", "stazione", "bahnhof",
	"metro", "estacao", "teatro", "theatre", "theater")

// streetWords51 returns the first words of c's streets' distinctive words
// that are no city's name, with the words.
func streetWords51(streets []streetParts) (out []streetParts) {
	for _, sp := range streets {
		if len(sp.core) == 0 || tokLen(sp.core) < 4 {
			continue
		}
		if len(sp.core) == 1 && (exonyms[sp.core[0]] != nil || cityMarks51[sp.core[0]] != nil) {
			continue // "roma": a city
		}
		out = append(out, sp)
	}
	return out
}

// streetWordHers51 reports whether her street's words at tokens [i, j)
// are said as her street (house: her house number).
func (t *text) streetWordHers51(i, j int, house string) bool {
	from, to := t.sentenceOf(i)
	if t.toks[i].flags&fQuestion != 0 {
		return false
	}
	if j < to && isDigit(t.toks[j].head6) && string(t.tokBytes(j)) != house {
		return false // another house number
	}
	for k := max(from, i-2); k < i; k++ {
		if landmarkHeads51[string(t.tokBytes(k))] {
			return false // "la Puerta de Alcalá"
		}
	}
	if !t.clean51(from, to) || t.condBefore51(from, i) {
		return false
	}
	if t.streetNounHers51(from, i) {
		return true
	}
	// the word opening a sentence right after one with a street of hers:
	// "Es la calle que empieza por … Alcalá, ya sabe."
	if i > from+1 || from == 0 {
		return false
	}
	pfrom, pto := t.sentenceOf(from - 1)
	return t.clean51(pfrom, pto) && !t.condBefore51(pfrom, pto) && t.streetNounHers51(pfrom, pto)
}

// streetNounHers51 reports whether a word for a street in [from, to) is
// hers: a word of the person addressed before it ("su calle", "your
// street") or "it's the street" opening the sentence.
func (t *text) streetNounHers51(from, to int) bool {
	for k := from; k < to; k++ {
		if !streetNouns51[string(t.tokBytes(k))] {
			continue
		}
		for b := max(from, k-2); b < k; b++ {
			if poss51[string(t.tokBytes(b))] {
				return true
			}
		}
		if k-2 >= from && k-2 <= from+2 && definites[string(t.tokBytes(k-1))] && copulas51[string(t.tokBytes(k-2))] {
			return true
		}
	}
	return false
}

// streetWord51 reports whether t says her street by its word alone.
func (m *Matcher) streetWord51(t *text, k int) bool {
	for _, sp := range m.h51.streets {
		if t.wordsAt(k, len(t.toks), sp.core) && t.streetWordHers51(k, k+len(sp.core), sp.house) {
			return true
		}
	}
	return false
}

// streetMarks51 are landmarks of well-known streets, by the normalised
// city and distinctive words of the street ("lisboa/augusta"): "a rua do
// Arco" is Rua Augusta, "la calle de la Puerta" Calle de Alcalá. Each is
// read after a word for a street only ("the street of the Arch").
var streetMarks51 = map[string][]string{
	"lisboa/augusta":         {"arco", "arch", "bogen", "arc", "arco triunfal", "triumphal arch", "triumphbogen", "arc de triomphe", "boog"},
	"madrid/alcala":          {"puerta", "gate", "tor", "porte", "porta", "poort", "portao", "cibeles", "metropolis", "ventas", "las ventas"},
	"amsterdam/kalver":       {"munttoren", "munt", "spui", "dam"},
	"paris/paix":             {"vendome", "place vendome"},
	"torino/roma":            {"porta nuova", "piazza san carlo", "san carlo", "piazza castello"},
	"portland/alberta":       {"alberta arts", "arts district", "last thursday"},
	"london/oxford":          {"marble arch", "selfridges", "oxford circus"},
	"barcelona/rambla":       {"boqueria", "liceu", "colon", "columbus"},
	"berlin/unter linden":    {"brandenburger tor", "brandenburg gate"},
	"milano/monte napoleone": {"quadrilatero"},
}

// deictic51 reports whether the sentence opens with "it is" and a word
// of place before token head: "É na rua do arco grande", "Es en la
// calle de la Puerta", "It's on the street with the arch".
func (t *text) deictic51(from, head int) bool {
	if head < 0 || head-from > 8 {
		return false
	}
	k := from
	if k < head && (string(t.tokBytes(k)) == "it" || string(t.tokBytes(k)) == "het" || string(t.tokBytes(k)) == "das" || string(t.tokBytes(k)) == "es" && k+1 < head && string(t.tokBytes(k+1)) == "ist") {
		k++
	}
	if k >= head || !copulas51[string(t.tokBytes(k))] {
		return false
	}
	return k+1 < head && locPreps51[string(t.tokBytes(k+1))]
}
