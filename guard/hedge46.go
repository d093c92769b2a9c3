package guard

import "sort"

// A hedged answer (g46): "I'd say so:", "Würde ich sagen, das stimmt:",
// "Je dirais que oui :", "Yo diría que sí:", "Direi di sì:", "Ik zou
// zeggen van wel:", "Eu diria que sim:". The hedge is the agent's
// manner, not a reading of its own: the answer after it is read as the
// bare answer would be, so a policy after the colon ("receipts always go
// to the email you signed up with") stays a policy (policy23v.go), and
// her value or "yours is" after it stays an answer.

// hedgeLead46 returns the first token after a hedge opening the
// sentence at from ("i d say", "ich wurde sagen", "je dirais que",
// "yo diria que", "direi di", "ik zou zeggen van", "eu diria que"), or
// from when there is none. The words are normalised: "I'd" is "id".
func (t *text) hedgeLead46(from, to int) int {
	k := from
	if k < to && hedgeSubjects46[string(t.tokBytes(k))] {
		k++ // "I", "ich", "yo", "eu", "ik"
	}
	n := 0
	for ; k < to && n < 3 && hedgeVerbs46[string(t.tokBytes(k))]; k++ {
		n++ // "would say", "zou zeggen", "dirais"
		if t.toks[k].flags&fPunctAfter != 0 {
			return k + 1 // "Würde ich sagen, das stimmt"
		}
	}
	if n == 0 || !t.hedgeSaid46(from, k) {
		return from
	}
	if k < to && hedgeLinks46[string(t.tokBytes(k))] && t.toks[k].flags&fPunctAfter == 0 {
		k++ // "que", "di", "van"
	}
	return k
}

// hedgeSaid46 reports whether [from, to) holds a verb of saying of the
// hedge ("say", "sagen", "dirais"), not only "would".
func (t *text) hedgeSaid46(from, to int) bool {
	for k := from; k < to; k++ {
		if hedgeSay46[string(t.tokBytes(k))] {
			return true
		}
	}
	return false
}

// hedgeAnswer46 reports whether token k is a yes word that only answers
// after a hedge: "so" in "I'd say so", "wel" in "zou zeggen van wel".
func (t *text) hedgeAnswer46(k int) bool {
	return hedgeYes46[string(t.tokBytes(k))]
}

// words of the hedges (normalised)
var (
	hedgeSubjects46 = set("i", "id", "ich", "je", "yo", "io", "ik", "eu")
	hedgeVerbs46    = set("id", "would", "say", "wurde", "ich", "sagen", "dirais", "diria", "direi", "zou", "zeggen", "d")
	hedgeSay46      = set("say", "sagen", "dirais", "diria", "direi", "zeggen")
	hedgeLinks46    = set("que", "di", "van", "dat", "that")
	hedgeYes46      = set("so", "wel", "ja", "oui", "si", "sim", "yes", "ya")
)

// A rule for any value of the class (g46): after the answer, a clause
// with "always" or "whatever it is" names the class by what it is for,
// not by whose it is: "receipts always go to the email you signed up
// with", "Bußgelder gehen immer an die Adresse im Vertrag, egal welche",
// "la caution est toujours bloquée sur la carte de réservation", "el
// depósito siempre se retiene en la tarjeta de la reserva". Its record
// word ("réservation", "Vertrag") and its verb of use ("signed up with",
// "used to book") qualify a noun of the class led by an article, so they
// point at no value (points23v). A demonstrative, "your", "the one",
// a verb of saying or giving ("the email you gave") still point.

// general46 reports whether the record or use word at k stands in a
// rule for any value (see above): the clause [rest, to) holds an always
// word (always46) and a noun of the class stands in the four tokens
// before k.
func (t *text) general46(k, rest, to int) bool {
	noun := false
	for j := k - 1; j >= rest && j >= k-4 && !noun; j-- {
		noun = isValueNoun(string(t.tokBytes(j)))
	}
	if !noun {
		return false
	}
	for j := rest; j < to; j++ {
		if t.always46(j, rest, to) {
			return true
		}
	}
	return false
}

// always46 reports whether token k of [rest, to) says "always" or
// "whatever it is" of a process: "always go", "egal welche", "qualunque
// sia"; after a copula only before a participle and a preposition ("est
// toujours bloquée sur"), not "is still registered".
func (t *text) always46(k, rest, to int) bool {
	w := string(t.tokBytes(k))
	switch {
	case whateverWords46[w]:
		return true
	case !alwaysWords23v[w]:
		return false
	case !t.stillAfter28(k, rest):
		return true
	}
	return t.passiveAlways46(k, to)
}

// passiveAlways46 reports whether the "always" word at k, after a
// copula, comes before a participle and a preposition: "est toujours
// bloquée sur la carte", not "est toujours enregistrée", "is still the
// same".
func (t *text) passiveAlways46(k, to int) bool {
	if k+2 >= to {
		return false
	}
	n, p := string(t.tokBytes(k+1)), string(t.tokBytes(k+2))
	return !isRecordWord(n) && !registeredWords23v[n] && !stillWords28[n] && !sameWords28[n] && !matchWords[n] && !matchWords28[n] &&
		t.toks[k+1].lex&lxStrong == 0 && t.toks[k+1].flags&fPunctAfter == 0 && rulePreps46[p]
}

var (
	// whateverWords46 say "whatever it is" (normalised): "egal welche",
	// "quelle qu'elle soit", "sea cual sea", "qualunque sia", "seja ela
	// qual for", "welke het ook is".
	whateverWords46 = set("whatever", "whichever", "egal", "importe", "quelle", "qualunque", "qualsiasi", "cualquiera", "seja")
	// rulePreps46 follow a participle of a process: "bloquée sur",
	// "held on", "sent to".
	rulePreps46 = set("on", "to", "at", "an", "auf", "sur", "a", "au", "en", "sobre", "su", "sulla", "sul", "alla", "al", "op",
		"naar", "aan", "no", "na", "para", "em")
)

// hedgeOpens46 reports whether token i comes right after a hedge that
// opens its sentence: "Yo diría que sí", "I'd say yes": the yes word
// opens the answer as it would the sentence.
func (t *text) hedgeOpens46(i int) bool {
	if i == 0 || t.toks[i-1].flags&fPunctAfter != 0 && !hedgeSay46[string(t.tokBytes(i-1))] {
		return false
	}
	from, to := t.sentenceOf(i)
	return i > from && t.hedgeLead46(from, to) == i
}

// stationWords46 name the business's own places of travel (normalised):
// "No, the station is not at the Opéra but at Gare de Lyon" places the
// business's station, not her address (businessPlace, whichcity.go).
var stationWords46 = set("station", "stations", "gare", "gares", "bahnhof", "hauptbahnhof", "estacion", "stazione", "estacao",
	"airport", "flughafen", "aeroport", "aeropuerto", "aeroporto", "luchthaven", "terminal", "haltestelle", "arret", "parada",
	"fermata", "halte", "paragem", "counter", "schalter", "guichet", "taquilla", "sportello", "loket", "balcao")

// hedgeYes46 adds to hits a yes for each "so" or "wel" that closes a
// hedge opening its sentence: "I'd say so: that's your email with us",
// "Ik zou zeggen van wel: dat is uw adres bij ons" answer as "Yes:"
// does (confirmation, phrases.go). Only sentences opened by a hedge's
// first word are read.
func (t *text) hedgeYes46(hits []phit) []phit {
	// the tokens that open a sentence (t.sentences, ascending) and are a
	// word of hedgeSubjects46 or hedgeVerbs46: walked from the tokens
	// with the bits, each once for each time t.sentences holds its offset
	for i := range t.toks {
		if !t.is52(i, x52HedgeSubj|x52HedgeVerb) { // hedgeSubjects46, hedgeVerbs46
			continue
		}
		off := t.toks[i].off
		for j := sort.Search(len(t.sentences), func(j int) bool { return t.sentences[j] >= off }); j < len(t.sentences) && t.sentences[j] == off; j++ {
			_, to := t.sentenceOf(i)
			k := t.hedgeLead46(i, to)
			if k == i || k >= to || t.toks[k].flags&fPunctAfter == 0 || !hedgeSoWel46[string(t.tokBytes(k))] {
				continue
			}
			hits = append(hits, phit{phYes, span{int(t.toks[k].off), int(t.toks[k].end) + 1}, k})
		}
	}
	return hits
}

// hedgeSoWel46 answer yes only after a hedge (normalised).
var hedgeSoWel46 = set("so", "wel")

// inWhatever46 reports whether token k of a clause opening at rest
// stands in a "whatever it is" tail, within three tokens of its first
// word: "whichever it is", "quel qu'il soit", "egal welche". The tail
// points at no value (points23v).
func (t *text) inWhatever46(k, rest int) bool {
	for j := k; j >= rest && j >= k-3; j-- {
		w := string(t.tokBytes(j))
		if whateverWords46[w] || quelWords46[w] && j+1 < len(t.toks) && string(t.tokBytes(j+1)) == "qu" {
			return true
		}
	}
	return false
}

// needNone46 reports whether token k says "no need" with a negation
// within two tokens before it: "pas besoin de date de naissance", "no
// hace falta", "non serve", "niet nodig", "não é preciso": no value is
// asked for (policy23v).
func (t *text) needNone46(k, rest int) bool {
	if !needWords46[string(t.tokBytes(k))] {
		return false
	}
	neg := false
	for j := k - 1; j >= rest && j >= k-2 && !neg; j-- {
		w := string(t.tokBytes(j))
		neg = negations[w] || noneWords23v[w] || w == "pas" || w == "nao" || w == "niet"
	}
	if !neg {
		return false
	}
	// the thing not needed is a value of a class, named right after:
	// "pas besoin de date de naissance", not "no need to change it"
	for j := k + 1; j < len(t.toks) && j <= k+4; j++ {
		w := string(t.tokBytes(j))
		switch {
		case isValueNoun(w) || birthWords[w] || dateNouns[w]:
			return true
		case !needLinks46[w] && !definites[w] && !indefinites28[w]:
			return false
		}
	}
	return false
}

var (
	// needLinks46 join "need" to what is needed: "need for a", "besoin
	// de", "bisogno della".
	needLinks46 = set("for", "of", "de", "d", "di", "della", "del", "dello", "van", "een", "an", "any", "um", "una", "un", "uma")
	quelWords46 = set("quel", "quels", "quelle", "quelles")
	needWords46 = set("need", "needed", "besoin", "notig", "noetig", "erforderlich", "falta", "necesario", "necesaria", "serve",
		"servono", "bisogno", "necessario", "necessaria", "nodig", "preciso", "precisa", "necessario", "necessaire", "required")
)
