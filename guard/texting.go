package guard

import (
	"strconv"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// Texting form. A chat, a DM or a text message drops the words the
// written forms carry: "the one in Paris" is said with no word for
// addresses ("quello di torino", "die in amsterdam", "la de torino"), the
// home gets a slang noun ("ur lisbon place", "the madrid addy"). A reply
// in texting form (no capitals: t.cased is false) of at most textingMax
// words is short enough that such a pointer at a city on file can only
// point at one of the customer's addresses, unless the reply names a
// place of the business or another thing.

// textingMax is the most words a texting reply may have for a bare
// pointer at a city to count.
const textingMax = 8

// cityTexting reports whether the city at token i, in the sentence [from,
// to), is pointed at as one of the customer's addresses in a texting
// reply: "the paris one", a pointer and a preposition before it ("quello
// di torino", "die in amsterdam", "vai pro de madrid") ending the clause,
// or a home noun beside it led by an article or a "you" ("sent to the
// berlin apartment", "ur lisbon place", "t adres in lissabon").
//
// A reply of at most textingBare words is the pointer alone whatever its
// case ("Die in Berlin.", "Celle de Paris."); a longer one after a run
// of tags ("the one in portland yeah yeah for sure we got that") is
// judged up to the tags: what follows them is an afterthought.
func (t *text) cityTexting(i, from, to int) bool {
	if t.cased && len(t.toks) > textingBare || len(t.toks) > textingMax && t.tagCut(i) > textingMax {
		return false
	}
	for k := range t.toks {
		if t.toks[k].flags&fQuestion != 0 || textingMe[string(t.tokBytes(k))] {
			return false // "which one, the paris one?", "i prefer the berlin one"
		}
	}
	one := i+1 < to && string(t.tokBytes(i+1)) == "1" && i > from && textingLeads[string(t.tokBytes(i-1))] &&
		(t.clauseEnd(i+1) || t.tagCut(i+1) < len(t.toks))
	if !one && i-2 >= from && (pointerPreps[string(t.tokBytes(i-1))] || textingPreps[string(t.tokBytes(i-1))]) {
		w := string(t.tokBytes(i - 2))
		one = (cityPointers[w] || textingPointers[w] || theOnes[w]) && (t.clauseEnd(i) || t.tagCut(i) < len(t.toks))
	}
	if !one && i-3 >= from && (pointerPreps[string(t.tokBytes(i-1))] || textingPreps[string(t.tokBytes(i-1))]) &&
		secondPerson[string(t.tokBytes(i-3))] {
		// "your number from berlin", "je nummer uit berlijn", "teu
		// telemóvel de berlim": a value of hers placed in the city
		w := string(t.tokBytes(i - 2))
		one = t.toks[i-2].lex&lxPhone != 0 && !phoneVerbs[w] || numberWords[w] || emailNouns[w]
	}
	if !one {
		// a home noun within two tokens, led by an article or a "you"
		for k := max(from, i-2); k < to && k <= i+2; k++ {
			if k == i || !homeWords[string(t.tokBytes(k))] && !textingHomes[string(t.tokBytes(k))] {
				continue
			}
			lead := min(k, i) - 1
			last := max(k, i) // the home noun or the city closes it, or a preposition follows: not "the berlin apartment listing"
			closes := t.clauseEnd(last) || last+1 < to && (pointerPreps[string(t.tokBytes(last+1))] || placePreps[string(t.tokBytes(last+1))])
			if lead >= from && textingLeads[string(t.tokBytes(lead))] && !indefinites[string(t.tokBytes(lead))] && closes {
				one = true
			}
		}
	}
	if !one {
		return false
	}
	for k := range t.toks {
		if w := string(t.tokBytes(k)); businessPlace(w) || t.isOther(k, len(t.toks)) || availWords[w] || soldOut[w] {
			return false // "the paris one is our flagship", "the paris one with the new model"
		}
	}
	return !t.condBefore(from, i)
}

// textingBare is the most words of a reply that is a pointer alone.
const textingBare = 4

// tagCut returns the index of the first word after a run of tags
// ("yeah", "ok", "right") that follows token i with only fillers between,
// or len(t.toks) when no such run closes i's clause: "the one in
// portland yeah yeah | for sure we got that".
func (t *text) tagCut(i int) int {
	tags := false
	for k := i + 1; k < len(t.toks); k++ {
		w := string(t.tokBytes(k))
		switch {
		case textingTags[w]:
			tags = true
		case shortFillers[w] || t.isEmoji(k):
		case tags:
			return k
		default:
			return len(t.toks)
		}
	}
	return len(t.toks)
}

// clauseEnd reports whether token i ends its clause, or only a filler or
// a tag question follows it ("die in madrid gell", "quello di torino
// giusto").
func (t *text) clauseEnd(i int) bool {
	for k := i; k < len(t.toks); k++ {
		if k > i && !shortFillers[string(t.tokBytes(k))] && !textingTags[string(t.tokBytes(k))] && !t.isEmoji(k) {
			return false // "kunden die in amsterdam wohnen": a relative clause
		}
		if t.toks[k].flags&fPunctAfter != 0 {
			return true
		}
	}
	return true
}

// Words of texting form (normalised).
var (
	// textingLeads lead "X one" or a home noun: an article or a "you".
	textingLeads = set("the", "ur", "yr", "your", "t", "het", "de", "la", "le", "l", "el", "o", "die", "der",
		"das", "dein", "deine", "ton", "ta", "tu", "teu", "tua", "je", "jouw", "il", "tuo", "that", "this")
	// textingPreps are prepositions of origin after a pointer: "die aus
	// berlin", "the one from paris".
	textingPreps = set("aus", "from", "uit", "von", "del", "della", "dello", "du", "das", "dos")
	// soldOut say a thing is sold out: "the lisbon one is sold out".
	soldOut = set("sold", "ausverkauft", "vergriffen", "epuise", "epuisee", "agotado", "agotada", "esaurito",
		"esaurita", "uitverkocht", "esgotado", "esgotada")
	// textingPointers are contracted pointers before a preposition: "pro
	// de madrid" (para o), "pa la de" (para).
	textingPointers = set("pro", "pra", "pa", "pal")
	// textingHomes are the slang nouns of a home or an address.
	textingHomes = set("addy", "addie", "addr", "adr", "flat", "depa", "depto", "ape", "apto", "appart", "apt",
		"wohnung", "bude", "adressi", "place", "pad", "crib", "buurt",
		// a22b: more slang for a home, in the seven languages
		"digs", "gaff", "spot", "piaule", "baraque", "apart", "keli", "queli", "kelo", "canton", "chabola",
		"stek", "stekkie", "optrekje", "honk", "cafofo", "cafofinho", "barraco", "ape", "apezinho", "casinha",
		"cantinho", "tana", "casetta", "appa", "butze", "bleibe", "hutte", "wg", "kot")
	// textingMe are the first person singular: the agent's own choice
	// ("i prefer the berlin one").
	textingMe = set("i", "im", "ich", "yo", "io", "ik", "eu", "moi", "prefer", "prefiero", "preferisco", "bevorzuge",
		"prefere", "prefiro", "voorkeur")
	// textingTags close a short reply: "gell", "right", "ne".
	textingTags = set("gell", "gel", "ne", "oder", "right", "innit", "non", "hein", "no", "vero", "toch", "he",
		"nao", "ja", "si", "yes", "yeah", "yep", "ok", "okay",
		"ouais", "oui", "sim", "yup", "ya", "jep", "jup", "jo", "claro", "vale", "dale", "jaja", "sisi", "wel")
)

// streetGeneric reports whether a street name said without its house
// number, in the sentence [from, to), is said as a name every town has:
// "hauptstraße gibts in jedem dorf", "there's a main street in every
// town", "il y a une rue de la paix partout". Only a name of that kind
// is said so; the customer's street is not.
func (t *text) streetGeneric(from, to int) bool {
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if everywhere[w] {
			return true
		}
		if eachWords[w] && k+1 < to && townWords[string(t.tokBytes(k+1))] {
			return true
		}
	}
	return false
}

// Words of "in every town" (normalised).
var (
	everywhere = set("everywhere", "uberall", "partout", "dondequiera", "ovunque", "dappertutto", "overal",
		"everytown", "anywhere", "wherever", "allerorts", "importe", "nimporte", "doquiera", "dovunque", "anyplace")
	eachWords = set("every", "each", "jedem", "jeder", "jedes", "jede", "chaque", "cada", "ogni", "elk", "elke",
		"toute", "tout", "todo", "todos", "alle", "allen", "tutte", "tutti", "all", "any", "cualquier", "qualsiasi",
		"qualunque", "qualquer", "ieder", "iedere")
	townWords = set("town", "towns", "city", "cities", "village", "villages", "dorf", "stadt", "kaff", "ort", "ville",
		"villes", "bled", "pueblo", "pueblos", "ciudad", "ciudades", "paese", "paesi", "citta", "dorp", "stad",
		"steden", "dorpen", "cidade", "cidades", "vila", "aldeia", "terra", "district", "districts", "bezirk", "viertel",
		"quartier", "quartiers", "barrio", "barrios", "quartiere", "quartieri", "wijk", "wijken", "bairro", "bairros",
		"arrondissement", "arrondissements", "part", "parte", "lugar", "sitio", "zona", "punto", "ponto", "place")
)

// textingRight reports whether token k, in a texting reply, says a value
// just named is right: "nummer 92 klopt", "o número 100 tá certo" (the
// written forms name the record: houseAlone).
func (t *text) textingRight(k int) bool {
	if t.cased || len(t.toks) > textingMax {
		return false
	}
	w := string(t.tokBytes(k))
	return matchWords[w] || rightWords16[w]
}

// rightWords16 say a value is right (normalised).
var rightWords16 = set("right", "correct", "richtig", "korrekt", "juste", "bon", "bonne", "correcto", "correcta",
	"cierto", "giusto", "giusta", "corretto", "juist", "certo", "certa", "correto", "correta", "exact", "exacto",
	"esatto", "exato", "precies", "genau")

// arrondissement adds the arrondissement of a French address in Paris,
// Lyon or Marseille, read from its postal code (75002 is the 2nd of
// Paris, 69003 the 3rd of Lyon, 13008 the 8th of Marseille): "dans le 2e
// arrondissement", "le 2ème arr." narrow the address to a district. It
// counts where a street name does (ctxStreet: not a place of the
// business's, not news about the district).
func (b *builder) arrondissement(a proofdesk.Address, level proofdesk.Level) {
	pc := strings.ReplaceAll(a.PostalCode, " ", "")
	if a.Country != "FR" || len(pc) != 5 || !allDigits([]byte(pc)) {
		return
	}
	var n int
	switch {
	case pc[:3] == "750":
		n = int(pc[3]-'0')*10 + int(pc[4]-'0')
	case pc[:4] == "6900" || pc[:3] == "130":
		n = int(pc[3]-'0')*10 + int(pc[4]-'0')
	}
	if n < 1 || n > 20 {
		return
	}
	p := pattern{class: proofdesk.ClassAddress, part: PartCity, level: level, ctx: ctxStreet}
	num := strconv.Itoa(n)
	for _, f := range []string{num, num + "e", num + "er", num + "eme", num + "o", num + "nd", num + "st", num + "rd", num + "th"} {
		for _, w := range []string{"arrondissement", "arr", "arrdt", "arrond"} {
			b.tokens([]string{f, w}, p)
		}
	}
}
