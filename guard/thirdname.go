package guard

import (
	"github.com/proofdesk/proofdesk"

	"strings"
	"unicode"
	"unicode/utf8"
)

// The customer named in the possessive (guard18): "Élodie's card",
// "Madame Martin's number", "Élodies Adresse", "l'adresse d'Élodie", "el
// número de la señora Martin", "het adres van mevrouw Martin". A reply
// that names her so is checked again with the name read as "your" (the
// article of a noun before "de <name>" made "your", the "de <name>"
// dropped), so every rule that reads "your X" as hers reads her name's X
// too. Only replies that hold one of her names pay for it.

// nameWords returns the normalised words of a customer's name of 3
// letters or more ("elodie", "martin").
func nameWords(name string) []string {
	var out []string
	for _, w := range normTokens(name) {
		if len(w) >= 3 && !isDigit(w[0]) {
			out = append(out, w)
		}
	}
	return out
}

// named adds the ctxNamed patterns: each name word alone, with a
// genitive s ("elodies") and after an elided "d'" ("delodie"), and the
// possessives said after the noun.
func (b *builder) named(names []string) {
	p := pattern{ctx: ctxNamed, level: proofdesk.L2}
	for _, n := range names {
		for _, w := range []string{n, n + "s", "d" + n} {
			b.tokens([]string{w}, p)
		}
	}
	for w := range postPossessives {
		b.tokens(strings.Fields(w), p)
	}
	// a22b: the person spoken of by a noun ("the cardholder's", "de la
	// cliente"), her first name shortened ("Elo's"), a title and her
	// initial ("Mme M.'s")
	for w := range personNouns {
		for _, x := range []string{w, w + "s"} {
			b.tokens([]string{x}, p)
		}
	}
	for _, n := range names {
		for l := 3; l < len(n); l++ {
			b.tokens([]string{n[:l] + "s"}, p)
		}
	}
	for t := range nameTitles {
		for _, n := range names {
			b.tokens([]string{t, n[:1]}, p)
		}
	}
}

// personNouns name the customer spoken of in the third person
// (normalised): "the account holder's Mastercard", "le numéro de la
// cliente", "la tarjeta de la titular", "het adres van de klant".
var personNouns = set("customer", "client", "cliente", "klant", "kunde", "kundin", "cardholder", "accountholder",
	"holder", "titular", "titulaire", "intestataria", "intestatario", "houder", "rekeninghouder", "kaarthouder",
	"inhaberin", "karteninhaberin", "kontoinhaberin", "lady", "signora", "senora", "senhora", "mevrouw", "dame")

// personLead reports whether words[k] ("holders") is led by the word that
// makes it the customer ("account", "card"), and returns that word's
// index, else k.
func personLead(words []rawWord, k int) int {
	if k > 0 && (words[k-1].norm == "account" || words[k-1].norm == "card") {
		return k - 1
	}
	return k
}

// checkNamed returns the verdict on reply read with m's customer's
// possessive name, or a possessive of her said after the noun ("o
// número dela"), as "your", or a passing verdict when the reply has
// neither.
func (m *Matcher) checkNamed(reply string, t *text, level proofdesk.Level, offered []string) Verdict {
	if !t.named {
		return Verdict{}
	}
	v := m.nameAsYour(reply)
	if v == "" {
		return Verdict{}
	}
	u := textPool.Get().(*text)
	defer textPool.Put(u)
	u.normalize(v)
	return m.check(u, level, offered)
}

// rawWord is one word of a reply as written, its bytes [start, end).
type rawWord struct {
	start, end int
	norm       string
	// elided marks an article cut by an apostrophe ("l'"), the
	// apostrophe in [start, end)
	elided bool
}

// nameAsYour rewrites reply with each possessive of m's customer's name
// as "your", or returns "" when there is none.
func (m *Matcher) nameAsYour(reply string) string {
	var words []rawWord
	for i := 0; i < len(reply); {
		r, n := utf8.DecodeRuneInString(reply[i:])
		if !unicode.IsLetter(r) {
			i += n
			continue
		}
		j := i + n
		for j < len(reply) {
			r, n := utf8.DecodeRuneInString(reply[j:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' {
				break
			}
			j += n
		}
		// an elided article or preposition is a word of its own: "l'e-mail",
		// "d'Élodie", "dell'indirizzo"
		if a := strings.IndexAny(reply[i:j], "'’"); a > 0 && a <= 4 {
			_, n := utf8.DecodeRuneInString(reply[i+a:])
			words = append(words, rawWord{start: i, end: i + a + n, norm: strings.Join(normTokens(reply[i:i+a]), ""), elided: true})
			i += a + n
		}
		words = append(words, rawWord{start: i, end: j, norm: strings.Join(normTokens(reply[i:j]), "")})
		i = j
		if len(words) > 4096 {
			break
		}
	}
	type edit struct {
		start, end int
		with       string
	}
	var edits []edit
	isName := func(w string) bool {
		for _, n := range m.names {
			if w == n {
				return true
			}
		}
		return personNouns[w]
	}
	// shortName is her first or last name cut to 3 letters or more, in
	// the genitive only ("Elo's")
	shortName := func(w string) bool {
		for _, n := range m.names {
			if len(w) >= 3 && len(w) < len(n) && strings.HasPrefix(n, w) {
				return true
			}
		}
		return false
	}
	// initial is a title and the first letter of a name: "Mme M."
	initial := func(k int) bool {
		if k < 1 || len(words[k].norm) != 1 || !nameTitles[words[k-1].norm] {
			return false
		}
		for _, n := range m.names {
			if n[0] == words[k].norm[0] {
				return true
			}
		}
		return false
	}
	for k := 0; k < len(words); k++ {
		w := words[k].norm
		first := k // the first word of the name with its title
		if k > 0 && nameTitles[words[k-1].norm] {
			first = k - 1
		}
		if k+1 < len(words) && isName(words[k+1].norm) {
			continue // "Élodie Martin's": the genitive is on the last name
		}
		switch {
		case postPossessives[w] != "" || k > 0 && postPronouns[w] && postPossessives[words[k-1].norm+" "+w] != "":
			// "o número alemão dela", "la dirección de ella", "il numero di
			// lei": the possessive after the noun
			prep, lang := k, postPossessives[w]
			if lang == "" {
				prep, lang = k-1, postPossessives[words[k-1].norm+" "+w]
			}
			art := -1
			for a := prep - 1; a >= 0 && a >= prep-5; a-- {
				if nounArticles[words[a].norm] || lang == "nl" && words[a].norm == "de" { // "de Mastercard van haar"
					art = a
					break
				}
			}
			if art < 0 {
				continue
			}
			your := postYour[lang+" "+words[art].norm]
			if your == "" {
				your = postYour[lang]
			}
			edits = append(edits, edit{words[art].start, words[art].end, your + " "}, edit{words[prep].start, words[k].end, ""})
		case w == "s" && k+1 < len(words) && words[k-1].elided && (shortName(words[k-1].norm) || isName(words[k-1].norm)):
			// "Elo's", "the lady's": the genitive s cut off as after an
			// elided article
			from := personLead(words, k-1)
			if from > 0 && nounArticles[words[from-1].norm] && personNouns[words[k-1].norm] {
				from--
			}
			edits = append(edits, edit{words[from].start, words[k].end, "your"})
		case w == "s" && k+1 < len(words) && initial(k-1):
			// "Mme M.'s Mastercard": the genitive s split off by the dot
			edits = append(edits, edit{words[k-2].start, words[k].end, "your"})
		case len(w) > 3 && w[len(w)-1] == 's' && shortName(w[:len(w)-1]) && k+1 < len(words):
			edits = append(edits, edit{words[k].start, words[k].end, "your"}) // "Elo's French mobile"
		case len(w) > 1 && w[len(w)-1] == 's' && personNouns[w[:len(w)-1]] && k+1 < len(words):
			// "the account holder's Mastercard", "the lady's Dutch address"
			from := personLead(words, k)
			if from > 0 && nounArticles[words[from-1].norm] {
				from--
			}
			edits = append(edits, edit{words[from].start, words[k].end, "your"})
		case len(w) > 1 && w[len(w)-1] == 's' && isName(w[:len(w)-1]) && k+1 < len(words):
			// "Élodie's card", "Madame Martin's number", "Élodies Adresse"
			for first > 0 && isName(words[first-1].norm) {
				first--
			}
			if first > 0 && nameTitles[words[first-1].norm] {
				first--
			}
			edits = append(edits, edit{words[first].start, words[k].end, "your"})
		case isName(w):
			// "l'adresse d'Élodie", "la carte de Madame Martin", "het
			// adres van Élodie", "o número da senhora Martin"
			for first > 0 && isName(words[first-1].norm) {
				first--
			}
			if first > 0 && nameTitles[words[first-1].norm] {
				first--
			}
			var prep int
			switch {
			case first > 1 && words[first-1].norm == "de" && words[first-2].norm == "van":
				prep = first - 2 // "de Mastercard van de klant"
			case first > 0 && genitivePreps[words[first-1].norm]:
				prep = first - 1
			case first > 1 && nounArticles[words[first-1].norm] && genitivePreps[words[first-2].norm]:
				prep = first - 2 // "de la señora Martin"
			default:
				continue
			}
			// the article of the noun before: "l'", "la", "el", "het", "o"
			art := -1
			for a := prep - 1; a >= 0 && a >= prep-4; a-- {
				if nounArticles[words[a].norm] || words[prep].norm == "van" && words[a].norm == "de" {
					art = a
					break
				}
			}
			if art < 0 || prep == 0 {
				continue
			}
			your := articleYour[words[art].norm]
			if your == "" {
				your = "your"
			}
			edits = append(edits, edit{words[art].start, words[art].end, your + " "}, edit{words[prep].start, words[k].end, ""})
		}
	}
	if len(edits) == 0 {
		return ""
	}
	var b strings.Builder
	last := 0
	for _, e := range edits {
		if e.start < last {
			continue
		}
		b.WriteString(reply[last:e.start])
		b.WriteString(e.with)
		last = e.end
	}
	b.WriteString(reply[last:])
	return b.String()
}

// postPossessives are possessives of the person spoken of said after the
// noun (normalised): Portuguese "dela", "dele", Spanish "de ella",
// Italian "di lei", German "von ihr".
// postPossessives gives their language; postYour the possessive before
// the noun that stands for article and possessive, by language and
// article or by language alone.
var (
	postPossessives = map[string]string{"dela": "pt", "dele": "pt", "delas": "pt", "deles": "pt", "de ella": "es",
		"de el": "es", "di lei": "it", "di lui": "it", "von ihr": "de", "von ihm": "de", "van haar": "nl", "van hem": "nl"}
	// postPronouns are the second words of the two-word ones.
	postPronouns = set("ella", "el", "lei", "lui", "ihr", "ihm", "haar", "hem")
	postYour     = map[string]string{"pt": "o seu", "pt a": "a sua", "pt os": "os seus", "pt as": "as suas", "pt na": "na sua",
		"pt no": "no seu", "pt ao": "ao seu", "pt da": "da sua", "pt do": "do seu", "es": "su", "es al": "a su",
		"es del": "de su", "es los": "sus", "es las": "sus", "it": "il suo", "it la": "la sua", "it l": "il suo",
		"it al": "al suo", "it alla": "alla sua", "it del": "del suo", "it nel": "nel suo", "de": "Ihre",
		"de der": "Ihr", "de das": "Ihr", "de den": "Ihren", "de dem": "Ihrem", "nl": "uw", "it sulla": "sulla sua",
		"it nella": "nella sua", "it dalla": "dalla sua", "it sul": "sul suo"}
)

// Words around a name said in the possessive (normalised): its titles,
// the prepositions of a genitive after a noun, and the articles of that
// noun.
var (
	nameTitles = set("mrs", "mr", "ms", "miss", "madame", "mme", "monsieur", "frau", "herr", "senora", "sra", "senor",
		"signora", "sig", "signor", "mevrouw", "mevr", "meneer", "senhora", "senhor", "dona")
	genitivePreps = set("d", "de", "des", "du", "di", "da", "do", "del", "della", "dello", "van", "von", "der", "of")
	// articleYour is the possessive of the person addressed in the
	// article's language.
	articleYour = map[string]string{"l": "votre", "la": "votre", "le": "votre", "les": "vos", "el": "su", "los": "sus",
		"las": "sus", "il": "il suo", "lo": "il suo", "gli": "i suoi", "het": "uw", "o": "o seu", "os": "os seus",
		"as": "as suas", "die": "Ihre", "der": "Ihr", "das": "Ihr", "den": "Ihren", "dem": "Ihrem",
		// an article joined to a preposition: "al número" is "a su número"
		"al": "al suo", "del": "del suo", "nel": "nel suo", "sul": "sul suo", "dal": "dal suo", "alla": "alla sua",
		"au": "à votre", "du": "de votre", "aux": "à vos", "ao": "ao seu", "no": "no seu", "na": "na sua",
		"do": "do seu", "da": "da sua", "zum": "zu Ihrem", "zur": "zu Ihrer", "im": "in Ihrem", "am": "an Ihrem",
		"sulla": "sulla sua", "nella": "nella sua", "dalla": "dalla sua"}
	nounArticles = set("the", "l", "la", "le", "les", "el", "los", "las", "il", "lo", "gli", "het", "o", "os", "as",
		"die", "der", "das", "den", "dem", "a", "al", "del", "nel", "sul", "dal", "alla", "au", "du", "aux", "ao", "no",
		"na", "do", "da", "zum", "zur", "im", "am", "sulla", "nella", "dalla")
)
