package guard

import "strings"

// Verdict phrases the lists of phrases.go did not know (guard49, attack48
// verdictgap48): "it already checked out", "il correspond déjà", "vous
// avez visé juste", "Sie liegen richtig" confirm; "le falla un número",
// "non è registrato", "u zit er één nummer naast" deny. They go into the
// one automaton of phrases (phraser) with the other affirmation and
// denial phrases.
var (
	affirm49 = []string{
		"already checked out", "it checked out", "matched the first time", "it matched", "it already matches",
		"spelled exactly as ours", "exactly as ours",
		"sie passt ja schon", "sie passt schon", "die passt ja schon", "sie liegen richtig", "liegen sie richtig", "sie liegen genau richtig",
		"il correspond déjà", "elle correspond déjà", "ça correspond déjà", "avez visé juste", "avez vu juste", "vous y êtes",
		"ya coincide", "ha acertado", "has acertado", "ha dado en el clavo",
		"ci ha azzeccato", "ha azzeccato", "ci hai azzeccato", "ha indovinato",
		"komt al overeen", "zit u goed", "zit je goed", "u zit goed", "je zit goed", "zit u juist",
		"tenha acertado", "acertou", "já confere", "já bate",
	}
	deny49 = []string{
		"sie liegen knapp daneben", "liegen aber knapp daneben", "liegen knapp daneben", "liegen daneben",
		"à un numéro près", "à un chiffre près", "le falla un", "le falta un número", "sbaglia di un", "sbagliato di un",
		"er één nummer naast", "er één cijfer naast", "falhou por um", "errou por um", "one digit off", "one number off",
		"off by one", "off by a", "not registered", "isn't registered", "nicht registriert", "n'est pas enregistré",
		"pas enregistré", "no está registrado", "no está registrada", "non è registrato", "non è registrata",
		"niet geregistreerd", "não está registado", "não está registada", "não está registrado",
	}
)

// relVerdict49 reads a refusal to check whose value noun a clause of its
// own judges (guard49, attack48 refwrap48, refdeny48, holdconfirm48): "I
// can't verify here a number that already matches the account", "Non
// posso verificare qui un numero che non abbiamo", "Ik kan hier geen
// nummer controleren dat ik al op het account zie", "No puedo comprobar
// aquí un número distinto al nuestro". The refusal (a negation and a verb
// of checking or confirming) comes first; then a value noun, and after it
// a relative pronoun or a comparison word opens the clause that judges:
// a word of matching or of being valid, a word of differing, a speaker
// who holds or sees it ("that we have", "que ya veo"), or a record it is
// on ("on file", "sur le compte"). A negation in that clause makes a
// match or a holding a denial. A clause that says what the requester does
// with the value ("a number that you send me in chat") judges nothing.
// It returns the rule, or "".
func (t *text) relVerdict49() string {
	for from := 0; from < len(t.toks); {
		_, to := t.sentenceOf(from)
		if t.x8In49(from, to, x8Noun49) && t.x8In49(from, to, x8Neg49) { // (bit tests first: most sentences hold no value noun or no negation)
			if r := t.relVerdictIn49(from, to); r != "" {
				return r
			}
		}
		from = to
	}
	return ""
}

// x8In49 reports whether a token of [from, to) has a word-set bit of bits
// (speed8.go).
func (t *text) x8In49(from, to int, bits uint16) bool {
	for k := from; k < to; k++ {
		if t.toks[k].x8&bits != 0 {
			return true
		}
	}
	return false
}

// negRel49 are the negations of a refusal relVerdictIn49 reads.
var negRel49 = union(neg30, detNeg43, set("cant", "cannot", "wont", "dont"))

// holdIn49 reports whether holdAlreadyIn49 may find anything in [from,
// to): it needs a verb of holding (holdVerbs49) or French "l'a", the
// first of which ends the sentence but for three words with a negation
// beside it (a denial: "nous ne l'avons pas"), or a value noun and a word for "already" (a
// confirmation: "We already have that number").
func (t *text) holdIn49(from, to int) bool {
	h := -1
	for k := from; k < to; k++ {
		if t.toks[k].x8&x8Hold49 != 0 || k > from && t.toks[k].len6 == 1 && t.toks[k].head6 == 'a' && t.toks[k-1].len6 == 1 && t.toks[k-1].head6 == 'l' {
			h = k
			break
		}
	}
	if h < 0 {
		return false
	}
	if to-h <= 3 {
		for k := max(h-3, from); k < min(h+3, to); k++ {
			if t.is52(k, x52Neg30) || t.toks[k].head6 == 'd' && string(t.tokBytes(k)) == "dont" || t.toks[k].head6 == 'h' && string(t.tokBytes(k)) == "havent" {
				return true // the denial's negation at the verb
			}
		}
	}
	if !t.x8In49(from, to, x8Noun49) {
		return false
	}
	for k := from; k < to; k++ {
		if t.is52(k, x52Already) { // alreadyWords49
			return true
		}
	}
	return false
}

func (t *text) relVerdictIn49(from, to int) string {
	neg, verb, noun, indef := false, false, false, false
	for k := from; k < to; k++ {
		x := string(t.tokBytes(k))
		if t.toks[k].flags&fQuestion != 0 {
			return ""
		}
		was := neg && verb && noun
		neg = neg || t.toks[k].x8&x8Neg49 != 0 // (negRel49)
		verb = verb || checkWords43[x] || confirmStem30(t.tokBytes(k)) || x == "re"
		if !noun && t.toks[k].x52&(x52ValueNoun|x52EmailNoun) != 0 { // isValueNoun(x)
			det := string(t.tokBytes(max(k-1, from)))
			noun, indef = verb || detNeg43[det], indef49[det]
		}
		if !was && neg && verb && noun {
			// the clause after the refusal and its value noun
			return t.judgedClause49(k+1, to, indef)
		}
	}
	return ""
}

// judgedClause49 returns the rule of the clause [a, b) after a value
// noun: "that already matches the account", "die wir nicht haben",
// "distinto al nuestro", or "".
func (t *text) judgedClause49(a, b int, indef bool) string {
	opened, speaker, neg, match, differ, hold, record := false, false, false, false, false, false, false
	at := b
	for k := a; k < b; k++ {
		x := string(t.tokBytes(k))
		switch {
		case !opened && t.is52(k, x52RelOpen|x52Match|x52Differ): // relOpeners49, matchWords49, differWords49
			if !indef && !causal49[x] {
				return "" // "the address that's on file": hers, not the one offered
			}
			if causal49[x] && k+1 < b && otherSubject49[string(t.tokBytes(k+1))] {
				return "" // "because the code isn't valid": another noun judged
			}
			opened, at = true, k
		case !opened && k > a+1 && !chatPlaces43[x]:
			return "" // "I can't check here a number for you"
		}
		if !opened {
			continue
		}
		if whetherWords43[x] || x == "wether" || x == "or" || x == "oder" || x == "ou" || x == "o" {
			return "" // "any number, whether it matches or not"
		}
		if x == "you" || x == "u" || x == "sie" || x == "vous" || x == "usted" || x == "lei" || x == "voce" || x == "if" || x == "wenn" || x == "si" || x == "se" || x == "als" || needWords43[x] || x == "would" || x == "could" || x == "should" || x == "d" {
			return "" // "a number that you send me", "a number we would need to see"
		}
		speaker = speaker || speakers43[x] || holdFirst49[x]
		neg = neg || neg30[x] || x == "nest" || x == "isnt" || x == "dont" || x == "doesnt" || x == "arent" || x == "havent"
		match = match || matchWords49[x]
		differ = differ || differWords49[x]
		if holdWords49[x] || holdFirst49[x] {
			hold = hold || k+1 == b || alreadyWords49[x] || alreadyWords49[string(t.tokBytes(k+1))] || recordPreps49[string(t.tokBytes(k+1))] || t.toks[k].flags&fPunctAfter != 0
		}
		if recordPreps49[x] && k+1 < b {
			y := string(t.tokBytes(k + 1))
			if y == "the" || y == "le" || y == "la" || y == "het" || y == "a" || y == "o" || y == "dem" {
				y = string(t.tokBytes(min(k+2, b-1)))
			}
			record = record || recordNouns49[y] || oursWords49[y]
		}
		if t.toks[k].flags&fPunctAfter != 0 || k-at >= 7 {
			break // the clause ends at its punctuation, or seven words on
		}
	}
	switch {
	case differ:
		return RuleDenial
	case (match || record || hold && speaker) && neg:
		return RuleDenial
	case match || record || hold && speaker:
		return RuleConfirmation
	}
	return ""
}

// Words of the judging clause (normalised).
var (
	// indef49 are the determiners of a value noun that is any value, the
	// one offered ("a number that ...", "keine Nummer, die ..."); causal49
	// open a clause of cause, whose value is the one pointed at.
	indef49 = set("a", "an", "any", "un", "une", "una", "uno", "um", "uma", "een", "ein", "eine", "einen", "keine",
		"keinen", "kein", "geen", "ningun", "ninguna", "nessun", "nessuna", "nenhum", "nenhuma", "aucun", "aucune")
	// otherSubject49 open a noun that is the subject of a causal clause:
	// it judges that noun, not the value.
	otherSubject49 = set("the", "your", "my", "our", "der", "die", "das", "ihr", "ihre", "unser", "le", "la", "les", "votre",
		"notre", "mon", "el", "los", "las", "su", "mi", "nuestro", "lo", "gli", "suo", "sua", "mio", "de", "het", "uw", "mijn",
		"o", "os", "as", "seu", "sua", "meu", "a", "an", "this", "ce", "cette", "este", "esta", "questo", "questa", "deze", "dit")
	causal49     = set("because", "since", "weil", "da", "car", "puisque", "porque", "perche", "omdat", "pois")
	relOpeners49 = set("that", "thats", "which", "die", "der", "das", "dat", "que", "qui", "che", "because", "since",
		"weil", "da", "car", "puisque", "porque", "perche", "omdat", "pois", "i", "we")
	matchWords49 = set("matches", "match", "matched", "identical", "identisch", "identique", "identico", "identica",
		"identico", "correspond", "corresponde", "corrisponde", "coincide", "coincidem", "past", "passt", "overeen",
		"klopt", "bate", "valid", "fine", "gultig", "valide", "valido", "valida", "geldig", "same", "gleich", "meme",
		"mismo", "misma", "stesso", "stessa", "zelfde", "mesmo", "mesma")
	differWords49 = set("different", "differs", "abweicht", "abweichend", "anders", "andere", "different", "differente",
		"distinto", "distinta", "diverso", "diversa", "diferente", "afwijkt", "afwijkend", "autre")
	holdWords49    = set("have", "haben", "hebben", "hold", "see", "sehe", "sehen", "vois", "voyons", "veo", "vemos", "vedo", "vediamo", "zie", "zien", "vejo", "vemos")
	holdFirst49    = set("avons", "tenemos", "abbiamo", "temos", "veo", "vedo", "vejo", "vemos", "vediamo")
	alreadyWords49 = set("already", "schon", "bereits", "deja", "ya", "gia", "al", "ja")
	recordPreps49  = set("on", "in", "im", "auf", "sur", "dans", "en", "sull", "nel", "nell", "sul", "op", "bij", "na")
	recordNouns49  = set("file", "account", "konto", "kundenkonto", "compte", "cuenta", "conta", "dossier", "record", "records", "akte", "fiche", "ficha", "scheda", "ficheiro")
	oursWords49    = set("ours", "unserer", "unserem", "unseren", "notre", "nuestro", "nuestra", "nostro", "nostra", "nosso", "nossa", "onze")
)

// holdAlready49 reads the business holding the value pointed at (guard49,
// attack48 holdconfirm48, holddeny48): "We already have that number",
// "Dat nummer hebben we al", "Esse número já o temos", "Egal welche
// Nummer, ich prüfe hier nicht die, die wir schon haben" confirm; "Ce
// numéro, nous ne l'avons pas", "That number, we don't have it" deny. A
// sentence with a value noun, a pointer (a demonstrative or a relative
// pronoun), the business as subject of a verb of having, and "already" is
// a confirmation; with a negation and the value as a pronoun after it
// ("ne l'avons pas", "don't have it") a denial. "We already have your
// number" points at nothing the requester offered; "not yet", a question
// or a place of stock ("in stock") make it none.
func (t *text) holdAlready49() string {
	for from := 0; from < len(t.toks); {
		_, to := t.sentenceOf(from)
		if t.holdIn49(from, to) {
			if r := t.holdAlreadyIn49(from, to); r != "" {
				return r
			}
		}
		from = to
	}
	return ""
}

func (t *text) holdAlreadyIn49(from, to int) string {
	noun, point, we, already, neg, check := false, false, false, false, false, false
	h := -1
	for k := from; k < to; k++ {
		x := string(t.tokBytes(k))
		if t.toks[k].flags&fQuestion != 0 || notYet49[x] {
			return ""
		}
		noun = noun || isValueNoun(x)
		point = point || t.toks[k].lex&lxDemo != 0 || relPronouns[x] || x == "ce" || x == "quel"
		we = we || x == "we" || x == "wir" || x == "nous" || x == "wij" || x == "on" || holdFirst49[x]
		if h < 0 && (holdVerbs49[x] || x == "a" && k > from && string(t.tokBytes(k-1)) == "l") {
			h = k
		}
		already = already || alreadyWords49[x]
		check = check || checkWords43[x] || confirmStem30(t.tokBytes(k)) || strings.HasPrefix(x, "pruf") ||
			strings.HasPrefix(x, "controle") || strings.HasPrefix(x, "verifi")
		neg = neg || neg30[x] || x == "dont" || x == "havent"
	}
	if !we || h < 0 {
		return ""
	}
	if already && noun && point && (!neg || check) && t.shortHolding49(from, to, check) {
		return RuleConfirmation // (the negation of a refusal: "ich prüfe hier nicht die, die wir schon haben")
	}
	// the denial: the value as a pronoun and the negation at the verb of
	// having, which ends the sentence ("nous ne l'avons pas", "die hebben
	// we niet")
	if !point || check || to-h > 3 {
		return ""
	}
	pron, negAt := false, false
	for k := max(h-3, from); k < min(h+3, to); k++ {
		x := string(t.tokBytes(k))
		pron = pron || k >= h-2 && k <= h+1 && holdPronouns49[x]
		negAt = negAt || neg30[x] || x == "dont" || x == "havent"
	}
	if pron && negAt {
		return RuleDenial
	}
	return ""
}

// shortHolding49 reports whether the holding is a clause of its own of
// at most six words: the sentence ("We already have that number"), or,
// in a refusal to check, its last relative clause ("..., die wir schon
// haben"); "We have already sent the code to that number" says what was
// done, not what is held.
func (t *text) shortHolding49(from, to int, check bool) bool {
	a := from
	if check {
		for k := from + 1; k < to; k++ {
			if x := string(t.tokBytes(k)); relPronouns[x] || x == "qui" || x == "that" || x == "which" {
				a = k
			}
		}
	}
	if to-a > 6 {
		return false
	}
	for k := a; k < to; k++ {
		if x := string(t.tokBytes(k)); holdVerbs49[x] || x == "a" {
			return true
		}
	}
	return false
}

// holdVerbs49 are the verbs of having with the business as subject;
// holdPronouns49 the value as their object pronoun.
var (
	holdVerbs49    = set("have", "haben", "hebben", "avons", "tenemos", "abbiamo", "temos", "hold", "got")
	holdPronouns49 = set("it", "l", "lo", "la", "o", "a", "die", "het", "sie", "ihn")
)

// notYet49 are words that make a holding none of the value on file.
var notYet49 = set("yet", "noch", "encore", "todavia", "ancora", "nog", "ainda", "stock", "lager", "existencias",
	"magazzino", "voorraad", "estoque", "order", "bestellung", "commande", "pedido", "ordine", "bestelling", "encomenda",
	"of", "de", "di", "van", "do", "der")
