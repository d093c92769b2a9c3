package guard

import "strings"

// What an answer is about, in the seven languages (words normalised).
//
// Answers that name no yes-word phrase of their own:
//
//   - a pointer clause: a copula that points at a value noun, with only
//     adverbs and an article between ("Das ist die Adresse.", "C'est
//     exactement l'adresse e-mail rattachée au compte", "Ese es justo el
//     número que consta", "É esse o número"), counts when the sentence
//     ends at the value noun or goes on to name the account or the record
//     ("... que consta", "... on file"), and names no other thing; it
//     stands after an interjection as well as alone ("Volltreffer, das ist
//     die Adresse");
//   - a yes-word answered by a quantifier: "Correct on all counts", "Ja,
//     in allen Punkten", "Oui, sur tous les points", "Sim, em tudo";
//   - a yes or no after a short topic that names a value ("Zur Adresse:
//     ja"), and a value said not to be in the record ("that number isn't
//     on your account").
//
// And the other side, what makes a yes, a no, a pointer or a phrase about
// another thing than the offered value (false blocks found on new
// innocent replies, BENCHMARKS.md): a judging word or "another" that
// qualifies a noun that is no value ("the right size", "ein anderes
// Paket"), a predicate noun phrase about another thing ("that's not the
// right colour"), a clause after the answer about one ("C'est exact, le
// livreur est passé à 14 h"), a "Yes." alone before a sentence that points
// at no value, a request carried out ("Yes, done!"), an imperative check
// ("Controleer of ...").

// articlePronouns are German and Dutch pronouns that are also articles
// ("die ist es"); itWords end such an answer ("es", "sie", "het").
var (
	articlePronouns = set("die", "der", "das", "dat", "deze")
	itWords         = set("es", "sie", "er", "het", "hem", "ze")
)

// pointerAdverbs may stand between the copula and the value noun.
var pointerAdverbs = set("exactly", "precisely", "just", "really", "indeed", "definitely", "certainly", "still",
	"also", "genau", "exakt", "eben", "wirklich", "tatsachlich", "auch", "noch", "immer", "exactement", "bien",
	"justement", "precisement", "effectivement", "aussi", "toujours", "justo", "exactamente", "precisamente",
	"justamente", "efectivamente", "tambien", "todavia", "proprio", "esattamente", "davvero", "effettivamente",
	"anche", "ancora", "precies", "echt", "wel", "inderdaad", "ook", "nog", "steeds", "exatamente", "mesmo", "bem",
	"realmente", "efetivamente", "tambem", "ainda", "very")

// pointerAdjectives may stand between the article and the value noun:
// "the right address", "la bonne adresse", "la misma dirección".
var pointerAdjectives = set("right", "correct", "same", "very", "bonne", "bon", "meme", "richtige", "richtigen",
	"juiste", "correcte", "correcta", "correcto", "giusto", "giusta", "corretto", "corretta", "correto", "correta",
	"mesma", "mesmo", "misma", "mismo", "stessa", "stesso", "zelfde", "selbe", "gleiche", "exacte")

// pointerPronouns end a pointer clause: "Das ist sie.", "C'est elle.",
// "É ela."
var pointerPronouns = set("sie", "er", "elle", "lui", "ella", "el", "lei", "lui", "hem", "haar", "ela", "ele")

// pointerSubjects stand before a copula as its subject and point: "it
// is", "es ist", "het is", "ce" ("ce sont").
var pointerSubjects = set("it", "es", "het", "ce", "dit", "ceci", "esto", "isto", "dies")

// fusedPointers are a pointing subject and its copula in one token
// ("that's", "c'est").
var fusedPointers = set("thats", "cest", "its")

// pointerArticles are the articles before the value noun.
var pointerArticles = set("the", "your", "die", "der", "das", "ihre", "ihr", "la", "le", "l", "les", "votre", "el",
	"su", "il", "lo", "suo", "sua", "het", "de", "uw", "o", "a", "seu", "sua", "this", "that")

// accountWords name the account or the record the value is kept in.
var accountWords = union(bookingWords, set("file", "account", "records", "record", "profile", "system", "registered", "stored", "saved",
	"have", "hold", "compte", "fiche", "dossier", "enregistre", "enregistree", "rattache", "rattachee", "associe",
	"associee", "avons", "konto", "kundenkonto", "hinterlegt", "gespeichert", "registriert", "haben", "vorliegt",
	"cuenta", "consta", "ficha", "sistema", "registrado", "registrada", "guardado", "guardada", "tenemos", "asociado",
	"asociada", "conto", "risulta", "registrato", "registrata", "associato", "associata", "abbiamo", "profilo",
	"gekoppeld", "geregistreerd", "opgeslagen", "hebben", "profiel", "systeem", "conta", "registado", "registada",
	"temos", "associada", "perfil", "espace", "anagrafica", "cadastro", "cadastrado", "cadastrada"))

// pointerClause reports whether the sentence of copula token i points
// at a value noun as its answer (see above).
func (t *text) pointerClause(i int) bool {
	fused := t.has(i, clFused)
	// the subject: fused, a demonstrative or "it" before the copula, or
	// the copula opens the clause ("É esse o número", "Es justo el
	// número")
	if i > 0 && i+1 < len(t.toks) && t.has(i-1, clArticlePronoun) && t.has(i+1, clIt) &&
		(i+2 == len(t.toks) || t.toks[i+1].flags&fPunctAfter != 0 || t.isEmoji(i+2)) {
		return true // "Jup, die ist es 👍", "Klopt, dat is het."
	}
	switch {
	case fused:
	case i == 0 || t.toks[i].flags&fSentence != 0 || t.toks[i-1].flags&fPunctAfter != 0:
	case t.toks[i-1].lex&lxDemo != 0 || t.has(i-1, clPointerSubject):
	default:
		return false
	}
	_, to := t.sentenceOf(i)
	k := i + 1
	for n := 0; k < to && n < 3; n++ {
		lx := t.toks[k].lex
		if k+1 < to && pronounRefs[string(t.tokBytes(k))] && accountWords[string(t.tokBytes(k+1))] {
			return true // "è quello registrato"
		}
		if pointerAdverbs[string(t.tokBytes(k))] || lx&lxDemo != 0 && !fused && lx&lxCopula == 0 {
			k++
			continue
		}
		break
	}
	if k < to && pointerPronouns[string(t.tokBytes(k))] && (k+1 == to || t.toks[k].flags&fPunctAfter != 0) {
		return true // "Treffer, das ist sie: ..."
	}
	if k+1 < to && (pointerArticles[string(t.tokBytes(k))] || pronounRefs[string(t.tokBytes(k))]) &&
		relatives[string(t.tokBytes(k+1))] {
		// "es la que consta", "è quello che abbiamo", "c'est celle que
		// nous avons": the record must be named
		return k+2 < to && t.restPoints(k+2, to)
	}
	if k+1 < to && pronounRefs[string(t.tokBytes(k))] && accountWords[string(t.tokBytes(k+1))] {
		return true // "è quello registrato"
	}
	k, ok := t.valueNounAt(k, to)
	if !ok {
		return false
	}
	if string(t.tokBytes(k-1)) == "1" && k < to && t.clauseOther(k, to) {
		return false // "That's the one: order 4471, two items"
	}
	return t.restPoints(k, to)
}

// valueNounAt reports whether tokens from k on are an article, adjectives
// and a value noun ("the right address", "l'adresse e-mail", "el
// teléfono móvil"), and returns the token after them.
func (t *text) valueNounAt(k, to int) (int, bool) {
	if k < to && pointerArticles[string(t.tokBytes(k))] {
		k++
	}
	for k < to && pointerAdjectives[string(t.tokBytes(k))] {
		k++
	}
	if k < to && oldWords31[string(t.tokBytes(k))] {
		return k, false // "That's your old address": a denial (vague31.go)
	}
	if k+1 < to && !valueNouns[string(t.tokBytes(k))] && valueNouns[string(t.tokBytes(k+1))] && t.toks[k].flags&fPunctAfter == 0 &&
		!t.ourAt(k) && !(otherWord(string(t.tokBytes(k))) && dateNumberNouns[string(t.tokBytes(k+1))]) {
		k++ // an adjective of its own: "die hinterlegte Adresse", "the registered address"
	}
	start := k
	for ; k < to; k++ {
		w := string(t.tokBytes(k))
		if valueNouns[w] || phoneWords[w] || pluralClass[w] != "" && k == start || w == "e" && k+1 < to && string(t.tokBytes(k+1)) == "mail" ||
			k == start && w == "1" && t.toks[k].flags&fNumber != 0 { // "the one"
			if t.toks[k].flags&fPunctAfter != 0 {
				k++
				break // the clause ends at the value noun
			}
			continue
		}
		break
	}
	return k, k > start
}

// restPoints reports whether the rest of a sentence after a value noun,
// tokens [k, to), keeps the clause an answer: nothing, or the account or
// the record named, or a judging word ("..., correct"), with no other
// thing ("... que consta", "... on file"), or a relative that says what
// was done with the value, with no modal, condition or negation ("...
// a la que se cargó", "... that was charged").
func (t *text) restPoints(k, to int) bool {
	if k >= to || t.toks[k-1].flags&fPunctAfter != 0 {
		return true // the clause ends at the value noun: "c'est l'adresse, le livreur l'a"
	}
	if k+2 < to && ofWords[string(t.tokBytes(k))] && valueNouns[string(t.tokBytes(k+1))] {
		k += 2 // "la dirección de correo exacta"
	}
	if postJudges[string(t.tokBytes(k))] && (k+1 == to || t.toks[k].flags&fPunctAfter != 0) {
		return true // "è l'email giusta", "é o email certo": a judging adjective after the noun
	}
	record, k0 := false, k
	rel := relatives[string(t.tokBytes(k))] || theOneRelatives[string(t.tokBytes(k))] || t.prepRelative31(k, to)
	acted, modal := false, false
	for ; k < to; k++ {
		if k > 0 && t.toks[k-1].flags&fPunctAfter != 0 {
			break // the rest of the clause only
		}
		w := string(t.tokBytes(k))
		if otherThings[w] {
			return false
		}
		// "Esa es la tarjeta a la que se cargó": what was done with it (relative31.go)
		acted = acted || rel && (chargeVerbs[w] || actedVerbs23[w] || heldVerbs31[w] || deliverWords[w])
		modal = modal || processCues28[w] || condWords[w] || negations[w]
		if accountWords[w] || w != "1" && t.toks[k].lex&lxStrong != 0 || appearWords[w] || t.forPerson(k, to) ||
			k == k0 && cityPreps23[w] && k+1 < to && exonyms[string(t.tokBytes(k+1))] != nil {
			record = true // "That's the email, correct.", "a data que aparece aqui", "un autre numéro pour elle", "une autre adresse à Berlin"
		}
	}
	return record || acted && !modal
}

// appearWords say a value shows on the agent's screen: "la data que
// aparece aqui", "die hier verschijnt" (a thing named in the clause still
// makes it that thing's).
var appearWords = set("aparece", "appare", "apparait", "erscheint", "verschijnt", "appears", "shows", "aqui", "qui",
	"ici", "hier", "here")

// quantWords answer a yes-word for every point at once.
var quantWords = set("all", "both", "jeder", "jede", "jedem", "jeden", "chaque", "cada", "ogni", "elk", "elke", "ieder",
	"iedere", "toute", "toda", "tutta", "ganze", "ganzen", "every", "everything", "each", "alles", "allen", "alle", "beides", "beide",
	"tout", "tous", "toutes", "todo", "todos", "todas", "ambos", "ambas", "tutto", "tutti", "tutte", "entrambi",
	"entrambe", "allemaal", "allebei", "tudo")

// quantLeads stand before the quantifier ("on all counts", "in allen
// Punkten", "sur tous les points").
var quantLeads = set("on", "in", "to", "for", "at", "across", "auf", "bei", "sur", "pour", "en", "su", "in", "op",
	"em", "of", "de", "por", "a")

// quantTails may follow the quantifier: the points it covers, pronouns.
var quantTails = set("counts", "count", "points", "point", "respects", "fronts", "details", "fields", "of", "it",
	"them", "three", "punkten", "punkte", "hinsicht", "angaben", "points", "egards", "puntos", "aspectos", "datos",
	"punti", "aspetti", "dati", "punten", "punto", "punt", "ponto", "respect", "regard", "egard", "aspect",
	"aspecto", "aspetto", "belangen", "belang", "and", "und", "et", "y", "e", "en", "opzichten", "gegevens", "pontos", "aspetos", "dados", "les", "los", "las",
	"i", "the", "de", "os", "as", "die", "la", "line", "board", "ligne", "linea", "linha", "linie", "drei", "trois", "tres", "tre", "drie", "tres", "3", "2", "4")

// quantAnswer reports whether tokens [from, to), the rest of a yes-word's
// sentence, are a quantifier and nothing else: "on all counts", "in
// allen Punkten", "tudo".
func (t *text) quantAnswer(from, to int) bool {
	for k := from; k < to && k < from+3; k++ {
		w := string(t.tokBytes(k))
		if quantWords[w] {
			for j := k + 1; j < to; j++ {
				if !quantTails[string(t.tokBytes(j))] {
					return false
				}
			}
			return true
		}
		if !quantLeads[w] {
			return false
		}
	}
	return false
}

// tailPoints reports whether an affirmation phrase (span sp) that points
// at a value noun, or ends where one follows ("that's the address",
// "c'est bien le", "é esta"), is about the value: the sentence ends at
// the value noun or names the record after it ("That's the address on
// file"). "That's the card reader model you need", "C'est bien le code
// promo", "É esta a data da promoção" answer something else. Phrases
// that point at nothing after them count as they are.
func (t *text) tailPoints(sp span) bool {
	i := t.tokenAt(sp.start)
	if i < 0 {
		return true
	}
	_, to := t.sentenceOf(i)
	j := i
	for j < to && int(t.toks[j].off) < sp.end-1 {
		j++
	}
	last := string(t.tokBytes(j - 1))
	switch {
	case oneOfWords[last] && j < to && ourWords[string(t.tokBytes(j))]:
		return false // "non è uno dei nostri numeri": one of the business's own
	case valueNouns[last] || phoneWords[last]:
		k := j
		for k < to && (valueNouns[string(t.tokBytes(k))] || phoneWords[string(t.tokBytes(k))]) {
			k++
		}
		return t.restPoints(k, to)
	case j >= to || t.toks[j-1].flags&fPunctAfter != 0:
		return j >= to || !t.processTrait30(j, to) // not "That's right, the code is six digits long" (verdict30.go)
	case answerYes[string(t.tokBytes(j))] && (j+1 == to || t.toks[j].flags&fPunctAfter != 0):
		return true // "Dovrebbe essere quello sì, credo": a yes closes the phrase's clause
	case pointerArticles[last] || indefinites[last] || t.toks[j-1].lex&lxDemo != 0:
		// the noun after the phrase says what it is about
		if k, ok := t.valueNounAt(j, to); ok {
			return t.restPoints(k, to)
		}
		if t.predicateOther(j, to, true) {
			return false
		}
		w := t.tokBytes(j)
		return pointerAdjectives[string(w)] || pointerPronouns[string(w)] || t.toks[j].lex&lxStreet != 0 ||
			len(w) > 0 && isDigit(w[0]) && j+1 < to && t.toks[j+1].lex&lxStreet != 0 ||
			t.toks[j].lex&(lxRef|lxEndRef) != 0 || t.restPoints(j, to)
	case pointerAdverbs[last]:
		// "é exatamente a loja mais próxima"
		return !t.predicateOther(j, to, false)
	case (negations[last] || t.toks[j-1].lex&lxCopula != 0) && somethingWords[string(t.tokBytes(j))]:
		return false // "Ce n'est pas quelque chose que ...", "Dat is niet iets wat ..."
	case pointerAdjectives[last] || otherWords[last] || negations[last] || t.toks[j-1].lex&lxCopula != 0:
		// "c'est le bon chargeur", "un'altra fascia", "that's not the
		// right colour": a noun phrase after it that is no value
		return !t.predicateOther(j, to, pointerAdjectives[last] || otherWords[last])
	}
	return true
}

// negations end a denial phrase before its predicate: "that's not".
var negations = set("not", "nicht", "pas", "niet", "non", "nao", "no", "isnt", "arent", "wasnt", "kein", "keine")

// definites are the definite articles: "the other", "el otro".
var definites = set("the", "der", "die", "das", "le", "la", "l", "les", "el", "il", "lo", "de", "het", "o", "a")

// pronounRefs are pointer pronouns that may be the subject of a
// description: "celui-ci est étanche".
var pronounRefs = set("celui", "celle", "ceux", "celles", "that", "this", "those", "quello", "quella", "questo",
	"questa", "ese", "esa", "este", "esta", "esse", "essa", "este", "esta", "deze", "dat", "dit", "diese", "dieser",
	"dieses", "das")

// ptrParticles follow a demonstrative pronoun: "celui-ci", "celle-là".
var ptrParticles = set("ci", "la")

// modifiers may stand before the noun of a predicate: "the final invoice".
var modifiers = set("final", "first", "last", "new", "old", "latest", "next", "previous", "definitive", "definitiva",
	"definitivo", "definitieve", "endgultige", "neue", "neuen", "nouvelle", "nouveau", "nueva", "nuevo", "nuova",
	"nuovo", "nieuwe", "nova", "novo")

// predicateOther reports whether tokens from j on are a noun phrase about
// another thing than a value: an article, adjectives or "another", and a
// noun that is no value noun ("the right colour", "un altra fascia");
// started says the phrase before already opened the noun phrase.
func (t *text) predicateOther(j, to int, started bool) bool {
	art := started
	for n := 0; j < to && n < 4; n++ {
		w := string(t.tokBytes(j))
		switch {
		case t.ourAt(j):
			// "that's not our hotline", "n'est pas notre numéro": the
			// business's own thing, unless it is the record ("our records")
			return j+1 < to && !accountWords[string(t.tokBytes(j+1))] && !isRecordWord(string(t.tokBytes(j+1))) && t.ourNoun(j+1, to)
		case dateNumberNouns[w] && t.qualifiedOther(j, to):
			return true // "la date de livraison", "the delivery date", "il numero dell'ordine"
		case pointerArticles[w] || indefinites[w]:
			art = true
		case pointerAdjectives[w] || otherWords[w] || pointerAdverbs[w] || modifiers[w] || t.toks[j].lex&lxCopula != 0 && n == 0:
		default:
			if j+1 < to && otherWord(w) && dateNumberNouns[string(t.tokBytes(j+1))] {
				return true // "the shipping date", "the invoice number"
			}
			if j+1 < to && (valueNouns[string(t.tokBytes(j+1))] || phoneWords[string(t.tokBytes(j+1))]) {
				return false // an adjective of a value noun: "die hinterlegte Adresse"
			}
			return (art || n > 0) && t.nounOther(j)
		}
		if t.toks[j].flags&fPunctAfter != 0 {
			return false
		}
		j++
	}
	return false
}

// ourAt reports whether token j is one of ourWords, or Dutch "onze"
// (read as the French number word, "11").
func (t *text) ourAt(j int) bool {
	w := t.tokBytes(j)
	return ourWords[string(w)] || string(w) == "11" && t.toks[j].flags&fNumber != 0
}

// ourNoun reports whether token k, after "our", is a noun ("our
// hotline,", "notre numéro", "il nostro servizio clienti,"), not a verb
// ("unsere endet anders", "il nostro finisce in modo diverso": ours, the
// record, does something).
func (t *text) ourNoun(k, to int) bool {
	w := string(t.tokBytes(k))
	switch {
	case valueNouns[w] || phoneWords[w] || otherWord(w):
		return true
	case k+1 >= to || t.toks[k].flags&fPunctAfter != 0:
		return true
	case k+2 < to && t.toks[k+1].flags&fPunctAfter == 0 && (valueNouns[string(t.tokBytes(k+2))] || phoneWords[string(t.tokBytes(k+2))]):
		return true // "our customer service number"
	}
	n := string(t.tokBytes(k + 1))
	if ofWords[n] || t.toks[k+1].lex&lxCopula != 0 {
		return true
	}
	return (k+2 >= to || t.toks[k+1].flags&fPunctAfter != 0) && !otherWords[n] && !denyAdjectiveSet[n]
}

// dateNumberNouns name a date or a number, which a thing word qualifies
// as its own ("the shipping date", "la data di consegna", "order number");
// an address qualified so is still the customer's ("delivery address").
var dateNumberNouns = set("date", "datum", "fecha", "data", "number", "nummer", "numero")

// ourWords are the business's possessives: "our hotline", "notre ligne".
// oneOfWords end a phrase of "one of" before what it is one of
// (normalised).
var oneOfWords = set("of", "der", "des", "de", "dei", "delle", "degli", "van", "dos", "das")

var ourWords = set("our", "unser", "unsere", "unserem", "unseren", "unserer", "notre", "nos", "nuestro", "nuestra",
	"nuestros", "nuestras", "nostro", "nostra", "nostri", "nostre", "onze", "ons", "nosso", "nossa", "nossos", "nossas")

// indefinites are the indefinite articles: "ein anderes Paket".
var indefinites = set("a", "an", "ein", "eine", "einen", "einem", "un", "une", "uno", "una", "een", "um", "uma")

// otherWords say "another": "another parcel" is about the parcel.
var otherWords = set("another", "else", "andere", "anderer", "anderes", "anderen", "autre", "otra", "otro", "altra",
	"altro", "ander", "andere", "outra", "outro", "autres", "otras", "otros", "altre", "altri", "outras", "outros",
	"noutra", "noutro", "noutras", "noutros")

// pointsElsewhere reports whether the pointer word at token k, after a
// yes-word or no-word whose sentence goes on from rest to to, points at
// another thing than the offer:
//   - a judging adjective or "another" that qualifies a noun that is no
//     value noun: "the right size", "die richtige Größe", "la talla
//     correcta", "ein anderes Paket", "otro paquete";
//   - a demonstrative whose copula introduces such a noun: "das ist die
//     richtige Größe", "dat is de juiste maat";
//   - a value noun given its own number: "il numero verde 800 123 456";
//   - "1" written as a digit, a house number rather than "the one".
func (t *text) pointsElsewhere(k, rest, to int) bool {
	w := string(t.tokBytes(k))
	switch {
	case w == "1":
		return t.toks[k].flags&fNumber == 0
	case valueNouns[w] || phoneWords[w]:
		if k > rest && t.toks[k-1].lex&lxDemo != 0 && t.nounAfter(k, to) {
			return true // "Yes, that card type is accepted"
		}
		if dateNumberNouns[w] && (t.qualifiedOther(k, to) || k+1 < to && relatives[string(t.tokBytes(k+1))] && t.otherAhead(k+1, to)) {
			return true // "No, non è la data di spedizione", "la data che appare sull'ordine"
		}
		for j := k + 1; j < to && j <= k+3; j++ {
			if d := t.tokBytes(j); len(d) >= 3 && isDigit(d[0]) && isDigit(d[len(d)-1]) {
				return true
			}
		}
		return false
	case otherWords[w] && k > rest && definites[string(t.tokBytes(k-1))]:
		return true // "el otro no", "l'autre non": the other of two things
	case otherWords[w] && t.negatedBefore(k, rest):
		return true // "nothing else is needed", "non serve altro"
	case t.toks[k].lex&lxDemo != 0 || t.toks[k].lex&lxRef != 0 && pronounRefs[w]:
		j := k + 1
		for j < to && (ptrParticles[string(t.tokBytes(j))] || negations[string(t.tokBytes(j))]) {
			j++ // "celui-ci", "this isn't"
		}
		cop := j < to && t.toks[j].lex&lxCopula != 0
		if cop {
			j++
		}
		for j < to && (pointerAdverbs[string(t.tokBytes(j))] || negations[string(t.tokBytes(j))]) {
			j++
		}
		if j >= to {
			return false
		}
		if x := string(t.tokBytes(j)); !cop && (valueNouns[x] || cardWords[x]) && t.nounAfter(j, to) {
			return true // "Yes, that card type is accepted"
		}
		if t.ourAt(j) || j+1 < to && pointerArticles[string(t.tokBytes(j))] && t.ourAt(j+1) {
			return t.predicateOther(j, to, false) // "No, ese no es nuestro teléfono", "não é o nosso número"
		}
		if !pointerArticles[string(t.tokBytes(j))] && !indefinites[string(t.tokBytes(j))] {
			// "ese es impermeable", "deze is waterdicht": a description
			return cop && t.nounOther(j) && t.toks[j].lex&lxStrong == 0
		}
		j++
		for j < to && (pointerAdjectives[string(t.tokBytes(j))] || otherWords[string(t.tokBytes(j))]) {
			j++
		}
		if j+1 < to && (valueNouns[string(t.tokBytes(j+1))] || phoneWords[string(t.tokBytes(j+1))]) {
			return false // "das hinterlegte Geburtsdatum": an adjective of a value noun
		}
		return j < to && t.nounOther(j)
	}
	if t.toks[k].lex&lxStrong == 0 {
		return false
	}
	// "the right size", "ein anderes Paket", "otro paquete"
	if k+1 < to && t.toks[k].flags&fPunctAfter == 0 && t.nounOther(k+1) &&
		(otherWords[w] || k > rest && (pointerArticles[string(t.tokBytes(k-1))] || indefinites[string(t.tokBytes(k-1))])) {
		return true
	}
	// "la talla correcta"
	// ("a" is also the preposition of "tout à fait exact")
	art := string(t.tokBytes(max(k-2, 0)))
	if k-2 >= rest && t.nounOther(k-1) && t.toks[k-1].flags&fPunctAfter == 0 && art != "a" &&
		(pointerArticles[art] || indefinites[art]) {
		return true
	}
	// "il codice sconto giusto": a noun of two words
	art = string(t.tokBytes(max(k-3, 0)))
	return k-3 >= rest && t.nounOther(k-1) && t.nounOther(k-2) && t.toks[k-2].flags&fPunctAfter == 0 &&
		t.toks[k-1].flags&fPunctAfter == 0 && art != "a" && (pointerArticles[art] || indefinites[art])
}

// nounOther reports whether token j may be a noun that is no protected
// value: not a value noun, a pointer, a function word, a copula or a number.
func (t *text) nounOther(j int) bool {
	w := string(t.tokBytes(j))
	if valueNouns[w] || mailboxWords[w] || valueParts[w] || accountWords[w] || phoneWords[w] || cardWords[w] || linkWords[w] || lightWords[w] || pointerAdverbs[w] ||
		pointerPronouns[w] || quantWords[w] || w == "1" || w == "one" {
		return false
	}
	lx := t.toks[j].lex
	if lx&(lxRef|lxEndRef|lxDemo|lxCopula|lxStreet|lxCard|lxPhone|lxEnding) != 0 {
		return false
	}
	if len(w) <= 2 || isDigit(w[0]) || pointerSubjects[w] || relatives[w] || denyAdjectiveSet[w] || pointerAdjectives[w] {
		return false
	}
	if isOwner(w) || otherThings[w] {
		return true // "Artikelnummer": another thing's number; "leverdatum", "Lieferdatum"
	}
	// a compound of a value noun: "Hausnummer", "Lieferadresse"
	for _, suf := range valueSuffixes {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			return false
		}
	}
	return true
}

// valueCompound reports whether w ends in one of valueSuffixes.
func valueCompound(w string) bool {
	for _, suf := range valueSuffixes {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// valueSuffixes end compounds that name a value.
var valueSuffixes = []string{"nummer", "number", "adresse", "adres", "datum", "karte", "kaart", "strasse", "straat", "postcode"}

// modalWords after a "you" make a clause about what the customer may do
// ("That's right, you can return it within 30 days"): a policy.
var modalWords = set("can", "may", "could", "konnen", "durfen", "pouvez", "peux", "puede", "puedes", "pueden",
	"puo", "potete", "pode", "podem", "kunt", "kan", "mag", "moogt")

// relatives open a relative clause: "è quello che abbiamo".
var relatives = set("that", "which", "who", "que", "qui", "che", "cui", "die", "dat", "wat", "was", "welche",
	"welcher", "welches", "quem", "dont", "donde", "onde", "waar", "wo", "where", "dove", "ou", "lequel", "laquelle")

var denyAdjectiveSet = set(denyAdjectives...)

// affirmAdjectives judge a value right after a plural copula: "les deux
// sont exacts", "beide sind korrekt", "ambos son correctos".
var affirmAdjectives = []string{"correct", "right", "accurate", "exacts", "exactes", "corrects", "correctes", "justes",
	"bons", "bonnes", "korrekt", "richtig", "correctos", "correctas", "exactos", "exactas", "corretti", "corrette",
	"giusti", "giuste", "esatti", "esatte", "juist", "correct", "goed", "corretos", "corretas", "certos", "certas",
	"exatos", "exatas"}

// pluralCopulas are the plural copulas.
var pluralCopulas = []string{"are", "sind", "sont", "son", "sono", "zijn", "sao", "estan", "estao"}

// nextSentenceOther reports whether the sentence after the one that ends
// at token to opens by pointing at another thing: "Bingo! Das ist genau
// der Artikel, den Sie suchen." answers about the article.
func (t *text) nextSentenceOther(to int) bool {
	if to >= len(t.toks) {
		return false
	}
	_, to2 := t.sentenceOf(to)
	k := to
	if fusedPointers[string(t.tokBytes(k))] {
		return t.predicateOther(k+1, to2, false)
	}
	if t.toks[k].lex&lxDemo != 0 || pointerSubjects[string(t.tokBytes(k))] {
		return t.predicateOther(k+1, to2, false)
	}
	return false
}

// clauseOther reports whether the clause from token j to the end of its
// sentence (to) opens with a noun phrase about a thing that is no value
// and goes on ("le livreur est passé à 14 h", "the sale ends at
// midnight"), and names no value, record or place the value could be.
func (t *text) clauseOther(j, to int) bool {
	if to-j < 3 {
		return false
	}
	// a noun phrase, or a noun with its own number ("order 4471")
	if d := t.tokBytes(j + 1); !t.predicateOther(j, to, false) && !(t.nounOther(j) && len(d) > 0 && isDigit(d[0])) {
		return false
	}
	end := t.timeTail(j, to) // "the link went there 10 mins ago": a place pointed at
	for k := j; k < to; k++ {
		w := string(t.tokBytes(k))
		if valueNouns[w] || phoneWords[w] || accountWords[w] || recordWords[w] && !linkWords[w] ||
			k == end-1 && t.toks[k].lex&lxEndRef != 0 {
			return false
		}
	}
	return true
}

// clausePoints reports whether tokens [from, to), the clause of an answer
// before its first punctuation, already point at the value: a
// demonstrative, a pointer pronoun, a value noun or the record ("Ja, die
// ist hinterlegt, ...", "Sí, es la dirección, ...").
func (t *text) clausePoints(from, to int) bool {
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if t.toks[k].lex&lxDemo != 0 || pronounRefs[w] || valueNouns[w] || phoneWords[w] || accountWords[w] ||
			w == "1" || pointerPronouns[w] || definites[w] {
			return true
		}
	}
	return false
}

// recordAhead reports whether the clause of demonstrative k says, within
// 3 words, that it is stored: "dat staat zo geregistreerd".
func (t *text) recordAhead(k, to int) bool {
	for j := k + 1; j < to && j <= k+3; j++ {
		if accountWords[string(t.tokBytes(j))] && !haveWords[string(t.tokBytes(j))] {
			return true
		}
		if t.toks[j].flags&fPunctAfter != 0 {
			break
		}
	}
	return false
}

// topicWords name the account as a topic, not as where a value is kept:
// "Before I can discuss the account, ..."
var topicWords = set("account", "compte", "konto", "kundenkonto", "cuenta", "conto", "conta")

// nextPoints reports whether the sentence that starts at token from points
// at a value, so that a yes-word or no-word alone before it ("Yes.",
// "Nein.") answers about the value: a value noun, "the one", a pointer
// pronoun, a demonstrative that stands alone, a judging word, the record,
// or a place at its end. "No. The courier's depot is closed on Sundays"
// answers something else.
func (t *text) nextPoints(from int) bool {
	if t.nextSentenceOther(from) {
		return false
	}
	_, to := t.sentenceOf(from)
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		lx := t.toks[k].lex
		if valueNouns[w] || phoneWords[w] {
			b := k - 1
			if b > from && string(t.tokBytes(b)) == "e" {
				b-- // "e-mail"
			}
			if b >= from && channelPreps[string(t.tokBytes(b))] {
				continue // "by e-mail", "per E-Mail", "uit onze e-mail": the channel
			}
			if b >= from && !pointerArticles[string(t.tokBytes(b))] && !secondPerson[string(t.tokBytes(b))] {
				continue // "fecha" in "a loja fecha ao domingo": no article, no value noun
			}
		}
		end := k+1 == to || t.toks[k].flags&fPunctAfter != 0
		switch {
		case valueNouns[w] || phoneWords[w] || pointerPronouns[w] && end || pronounRefs[w] && lx&lxDemo == 0,
			w == "1" && t.toks[k].flags&fNumber != 0,
			accountWords[w] && !topicWords[w] && !haveWords[w],
			lx&lxStrong != 0 && w != "1" && !t.pointsElsewhere(k, from, to),
			t.storedOne(k, from),
			lx&lxDemo != 0 && (k+1 == to || t.toks[k].flags&fPunctAfter != 0 || t.toks[k+1].lex&(lxCopula|lxRef) != 0),
			fusedPointers[w],
			k == to-1 && lx&lxEndRef != 0:
			return true
		}
	}
	return false
}

// channelPreps before "e-mail" or "phone" make it the channel of a
// message: "by e-mail", "par e-mail", "per telefono".
var channelPreps = set("by", "via", "per", "par", "por", "uit", "aus", "unserer", "our", "notre", "nuestro", "onze",
	"nossa", "nostra")

// valueParts are the parts of a protected value: "ein anderer Tag" is
// another date of birth.
var valueParts = set("day", "month", "year", "tag", "monat", "jahr", "jour", "mois", "annee", "an", "dia", "mes",
	"ano", "giorno", "mese", "anno", "dag", "maand", "jaar", "city", "town", "stadt", "ort", "ville", "ciudad",
	"citta", "stad", "cidade", "localidade", "house", "haus", "maison", "casa", "huis", "digit", "digits", "ending",
	"domain", "domaine", "dominio", "domein", "dominio", "provider", "anbieter")

// topicBefore reports whether yes-word or no-word token i opens a clause
// after a short topic that names a value: "Zur Adresse: ja", "Pour
// l'adresse : oui", "As for the address: yes". Not in a question or a
// condition, and not when the topic names another thing too.
func (t *text) topicBefore(i int) bool {
	if i == 0 || t.toks[i-1].flags&fPunctAfter == 0 || t.toks[i].flags&fQuestion != 0 {
		return false
	}
	from, _ := t.sentenceOf(i)
	if i-from > 5 {
		return false
	}
	named := false
	for k := from; k < i; k++ {
		w := string(t.tokBytes(k))
		if otherThings[w] || t.toks[k].lex&lxCond != 0 {
			return false
		}
		if valueNouns[w] || phoneWords[w] {
			named = true
		}
		if k < i-1 && t.toks[k].flags&fPunctAfter != 0 {
			return false // the topic is one clause
		}
	}
	return named
}

// statusWords say that a request was carried out: "Yes, done!".
var statusWords = set("done", "sorted", "fixed", "sent", "booked", "processed", "erledigt", "gemacht", "geregelt",
	"gebucht", "fait", "regle", "envoye", "hecho", "listo", "enviado", "fatto", "inviato", "sistemato", "geregeld",
	"gedaan", "verstuurd", "feito", "tratado", "pronto")

// nothingWords and negations before "else" or "other" make it no other
// value: "nothing else", "rien d'autre", "non serve altro".
var nothingWords = set("nothing", "anything", "nichts", "rien", "nada", "niente", "nulla", "niets", "nada", "no",
	"not", "nicht", "pas", "non", "niet", "nao", "ne", "keine", "kein")

// negatedBefore reports whether a word of nothingWords stands in the 2
// tokens before k (not before rest).
func (t *text) negatedBefore(k, rest int) bool {
	for j := k - 1; j >= rest && j >= k-2; j-- {
		if nothingWords[string(t.tokBytes(j))] {
			return true
		}
	}
	return false
}

// recordStems open the words that say a value is stored, in any
// inflection: "hinterlegte", "geregistreerde", "registrata".
var recordStems = []string{"hinterlegt", "gespeichert", "registr", "geregistreerd", "enregistr", "opgeslagen",
	"guardad", "stored", "saved", "memorizzat", "gravad"}

// isRecordWord reports whether w opens with one of recordStems.
func isRecordWord(w string) bool {
	for _, st := range recordStems {
		if strings.HasPrefix(w, st) {
			return true
		}
	}
	return false
}

// storedOne reports whether token k is a "stored" word after an article
// or a demonstrative in the 2 tokens before it (not before from): "die
// hinterlegte", "the registered one", "quello registrato".
func (t *text) storedOne(k, from int) bool {
	if !isRecordWord(string(t.tokBytes(k))) {
		return false
	}
	for j := k - 1; j >= from && j >= k-2; j-- {
		if pointerArticles[string(t.tokBytes(j))] || t.toks[j].lex&lxDemo != 0 || pronounRefs[string(t.tokBytes(j))] {
			return true
		}
	}
	return false
}

// accountOne reports whether token k, an article or a pointer pronoun,
// leads "the one of the account": an of-word and, at most an article
// later, an account noun ("a da conta", "la de la cuenta", "celle du
// compte", "die vom Konto", "quella dell'account", "die van het account").
func (t *text) accountOne(k, to int) bool {
	j := t.oneOf(k, to)
	return j > 0 && accountNouns[string(t.tokBytes(j))]
}

// thingOne reports whether token k leads "the one of" a thing or of the
// business ("celle du magasin", "la del pedido", "a da loja"): the answer
// is about that thing.
func (t *text) thingOne(k, to int) bool {
	j := t.oneOf(k, to)
	if j <= 0 {
		return false
	}
	w := string(t.tokBytes(j))
	return placeOwners[w] || businessWords[w] || otherWord(w) && !valueNouns[w]
}

// oneOf returns the index of the noun after "the one of" led by token k
// (an article or a pointer pronoun, an of-word, at most an article), or
// -1.
func (t *text) oneOf(k, to int) int {
	if w := string(t.tokBytes(k)); !pointerArticles[w] && !theOnes[w] && !pronounRefs[w] {
		return -1
	}
	if k+2 >= to || !ofWords[string(t.tokBytes(k+1))] {
		return -1
	}
	j := k + 2
	if definites[string(t.tokBytes(j))] && j+1 < to {
		j++
	}
	return j
}

// thisWords are demonstratives before a noun that lxDemo does not hold.
var thisWords = set("ce", "cet", "cette", "quel", "quell", "quella", "quei", "aquel", "aquella", "jenes", "jene", "aquele", "aquela")

// recordDenial reports whether the sentence of token i says that a value
// is not in the record: a value noun, a negation after it and the account
// or the record after that, in one clause ("that number isn't on your
// account", "diese Nummer ist nicht in Ihrem Konto", "esse número não está
// na sua conta").
func (t *text) recordDenial(i int) bool {
	// the subject is a value noun after a demonstrative: "that number",
	// "ce numéro", "quel numero"
	if i == 0 {
		return false
	}
	if t.toks[i-1].lex&lxDemo == 0 {
		// a cheap test before the look-up: every one of thisWords opens
		// with c, q, a or j
		if !t.is52(i-1, x52This) { // thisWords
			return false
		}
	}
	if !t.is52(i, x52ValueNoun|x52PhoneWord) { // valueNouns, phoneWords
		return false
	}
	to := i + 1
	for to < len(t.toks) && to <= i+8 && t.toks[to].flags&fSentence == 0 {
		to++
	}
	neg := false
	for k := i + 1; k < to; k++ {
		x := string(t.tokBytes(k))
		switch {
		case x == "no": // Spanish "no está", not Portuguese "no sistema"
			neg = neg || k+1 < to && (t.toks[k+1].lex&lxCopula != 0 || x == "no" && spanishNoVerbs[string(t.tokBytes(k+1))])
		case negations[x] || x == "nao" || x == "isnt" || x == "non":
			neg = true
		case neg && (accountWords[x] || topicWords[x] || isRecordWord(x)):
			return true
		case otherThings[x]:
			return false
		}
		if t.toks[k].flags&fPunctAfter != 0 {
			break
		}
	}
	return false
}

// spanishNoVerbs follow a Spanish "no" that negates: "no consta".
var spanishNoVerbs = set("consta", "figura", "aparece", "tenemos", "coincide", "corresponde", "existe")

// somethingWords are indefinite pronouns: "not something the courier can
// change" is no denial of a value.
var somethingWords = set("something", "anything", "quelque", "rien", "etwas", "nichts", "algo", "nada", "qualcosa",
	"niente", "nulla", "iets", "niets", "alguma", "nenhuma")

// weModals are "we can" and "I can" in the seven languages: conjugated
// forms, or a modal beside "we" or "I".
var (
	weModals   = set("podemos", "possiamo", "pouvons", "potremmo", "podriamos", "pourrions", "puedo", "posso", "podria")
	weWords    = set("we", "wir", "nous", "wij", "i", "ich", "je", "ik")
	weModalsAf = set("can", "could", "konnen", "kunnen", "pouvons", "konnten", "kann", "peux", "kan")
	// seeVerbs after "I can" or "we can" judge after all: "Yes, I can
	// confirm that's the address".
	seeVerbs = set("confirm", "see", "verify", "bestatigen", "sehen", "confirmer", "voir", "confirmar", "ver",
		"confermare", "vedere", "bevestigen", "zien", "verificar")
)

// youModals are "you can" in one word: "Sí, puede registrar otro
// teléfono", "Oui, vous pouvez", "Sim, pode".
var youModals = set("puede", "puedes", "pode", "podes", "puo", "pouvez", "potete", "kunt")

// weCan reports whether tokens [from, to), the rest of a yes-word's
// sentence, open with "we can" or "I can" (in its first 3 words): "Yes, we
// can send the invoice to another email", "Sí, puedo cambiar la
// dirección" offer a service, they do not judge a value, unless a verb of
// seeing or confirming follows within 3 words.
func (t *text) weCan(from, to int) bool {
	for k := from; k < to && k < from+3; k++ {
		w := string(t.tokBytes(k))
		if weModals[w] || weWords[w] && k+1 < to && weModalsAf[string(t.tokBytes(k+1))] ||
			weModalsAf[w] && k+1 < to && weWords[string(t.tokBytes(k+1))] ||
			youModals[w] || secondPerson[w] && k+1 < to && modalWords[string(t.tokBytes(k+1))] {
			for j := k + 1; j < to && j <= k+4; j++ {
				if seeVerbs[string(t.tokBytes(j))] {
					return false
				}
			}
			return true
		}
	}
	return false
}

// acceptsIn reports whether tokens [from, to) say what the business
// accepts or takes ("No, esa tarjeta no la aceptamos en la tienda", "Nee,
// die kaart accepteren we niet"): a yes or no before them answers about
// a means of payment taken, not the one on the account.
func (t *text) acceptsIn(from, to int) bool {
	for k := from; k < to; k++ {
		if w := t.tokBytes(k); len(w) >= 6 && (w[0] == 'a' || w[0] == 'g') && acceptVerbs[string(w)] {
			return true
		}
	}
	return false
}

// acceptVerbs say "we accept" and "accepted" in seven languages
// (normalised); every one opens with a or g.
var acceptVerbs = set("accept", "accepts", "accepted", "akzeptieren", "akzeptiert", "acceptons", "accepte",
	"acceptee", "acceptees", "acceptes", "aceptamos", "acepta", "aceptan", "aceptada", "aceptadas", "accettiamo",
	"accetta", "accettata", "accettate", "accepteren", "accepteert", "geaccepteerd", "aceitamos", "aceita",
	"aceitam", "aceito", "aceite", "aceitada", "aceitadas", "aceitos")

// otherWord reports whether w is one of otherThings, in the singular or
// a plural ("commandes", "Bestellungen", "ordini", "pedidos").
func otherWord(w string) bool {
	if otherThings[w] {
		return true
	}
	n := len(w)
	if n < 5 {
		return false
	}
	switch {
	case w[n-1] == 's' && otherThings[w[:n-1]], w[n-1] == 's' && w[n-2] == 'e' && otherThings[w[:n-2]],
		w[n-2:] == "en" && otherThings[w[:n-2]], w[n-1] == 'n' && otherThings[w[:n-1]]:
		return true
	}
	// a compound that opens with a thing word and names no value:
	// "Gutscheincode", "kortingsactie" (not "Versandadresse")
	if n >= 9 && !valueCompound(w) {
		for p := 5; p <= n-4; p++ {
			if otherThings[w[:p]] {
				return true
			}
		}
	}
	// Italian plurals: "ordini", "spese"; a stack buffer keeps the look-up
	// free of allocations
	var b [40]byte
	if n >= len(b) {
		return false
	}
	x := append(b[:0], w[:n-1]...)
	switch w[n-1] {
	case 'i':
		return otherThings[string(append(x, 'o'))] || otherThings[string(append(x, 'e'))]
	case 'e':
		return otherThings[string(append(x, 'a'))]
	}
	return false
}

// qualifiedOther reports whether value noun k is said of another thing:
// "date de livraison", "fecha de entrega", "delivery date".
func (t *text) qualifiedOther(k, to int) bool {
	if k > 0 && otherWord(string(t.tokBytes(k-1))) {
		return true
	}
	j := k + 1
	if j < to && ofWords[string(t.tokBytes(j))] {
		j++
	}
	for j < to && definites[string(t.tokBytes(j))] {
		j++
	}
	return j < to && j > k+1 && otherWord(string(t.tokBytes(j)))
}

// ofWords join a noun to what qualifies it.
var ofWords = set("of", "d", "de", "di", "da", "van", "von", "vom", "des", "du", "del", "do", "della", "dello")

// namesRecord reports whether tokens [i, j) name the record: "ist
// hinterlegt" is about the value whatever clause follows.
func (t *text) namesRecord(i, j int) bool {
	for k := i; k < j; k++ {
		if w := string(t.tokBytes(k)); accountWords[w] && !haveWords[w] || isRecordWord(w) {
			return true
		}
	}
	return false
}

// postJudges judge the value noun they follow and end its clause: "è
// l'email giusta", "é o email certo", "es la dirección exacta".
var postJudges = set("right", "correct", "giusta", "giusto", "giuste", "giusti", "esatta", "esatto", "corretta",
	"corretto", "certo", "certa", "correto", "correta", "exato", "exata", "exacta", "exacto", "correcta", "correcto",
	"buena", "bueno", "juste", "exacte", "correcte", "bonne", "bon", "richtig", "korrekt", "juist", "goed", "klopt",
	"stimmt", "indeed") // "indeed": "that's her address indeed" (guard18)

// demoValue reports whether the pointer word at token k is a value noun
// right after a demonstrative, in the rest of a yes-word's sentence
// (tokens from rest to to): "Sí, el pago se hizo con esa tarjeta" points
// at the card however far the demonstrative stands, unless the sentence
// tells the customer what they may do ("Yes, you can pay with that card").
func (t *text) demoValue(k, rest, to int) bool {
	w := string(t.tokBytes(k))
	if k == 0 || k <= rest {
		return false
	}
	p := string(t.tokBytes(k - 1))
	if t.toks[k-1].lex&lxDemo == 0 && !thisWords[p] && !demoContractions[p] && p != "those" && p != "these" && p != "die" {
		return false
	}
	if !valueNouns[w] && !(cardWords[w] && !cardQualifiers[w]) && !phoneWords[w] ||
		p == "die" && !dutchNouns[w] && !(cardWords[w] && rest > 0 && dutchYes[string(t.tokBytes(rest-1))]) || // "Klopt, die Mastercard"
		t.qualifiedOther(k, to) {
		return false // "esa fecha de entrega", "ce débit"
	}
	if t.nounAfter(k, to) {
		return false // "that card type"
	}
	for j := rest; j < to; j++ {
		if modalWords[string(t.tokBytes(j))] {
			return false // "Sí, puede pagar con esa tarjeta"
		}
	}
	return true
}

// nounAfter reports whether the value noun at token k is followed by a
// noun that makes it a compound ("that card type is accepted"), not by
// a participle that ends the clause ("mit dieser Karte bezahlt").
func (t *text) nounAfter(k, to int) bool {
	j := k + 1
	if j+1 >= to || t.toks[k].flags&fPunctAfter != 0 || t.toks[j].flags&fPunctAfter != 0 {
		return false
	}
	return t.nounOther(j) && !relatives[string(t.tokBytes(j))] && t.toks[j].lex&lxCopula == 0
}

// cardQualifiers are card words that also name a charge or a kind of
// payment ("ce débit", "this payment").
var cardQualifiers = set("debit", "credit", "payment", "credito", "debito", "ec", "cb")

// demoContractions are Portuguese demonstratives joined to a preposition
// ("nesse cartão", "com este"); Dutch "die" points before a Dutch noun
// ("die kaart"), German "die" is an article.
var (
	demoContractions = set("nesse", "nessa", "neste", "nesta", "naquele", "naquela", "desse", "dessa", "deste", "desta",
		"daquele", "daquela", "nisso", "disso")
	// dutchYes are yes words only Dutch has: "die" after one is Dutch
	// "that" ("Klopt, die Mastercard is belast"), not the German article.
	dutchYes   = set("klopt", "inderdaad", "jazeker", "precies", "juist", "jawel")
	dutchNouns = set("kaart", "adres", "mailadres", "emailadres", "telefoonnummer", "mobiel", "gsm", "creditcard",
		"bankpas", "pinpas", "nummer", "datum")
)

// confirmVerbs confirm or acknowledge, in seven languages (normalised).
var confirmVerbs = set("confirm", "bestatigen", "confirmer", "confirmar", "confermare", "bevestigen", "confirmo",
	"confermo", "bestatige", "bevestig", "confirme")

// thatWords open the clause a verb of confirming introduces.
var thatWords = set("that", "dass", "que", "che", "dat", "qu")

// changeWords report a change carried out: "I can confirm that your
// address has been updated" is no judgement of the offer.
var changeWords = set("updated", "changed", "removed", "deleted", "added", "saved", "aktualisiert", "geandert",
	"geloscht", "entfernt", "hinzugefugt", "modifiee", "modifie", "changee", "change", "supprimee", "supprime",
	"ajoutee", "ajoute", "actualizada", "actualizado", "cambiada", "cambiado", "eliminada", "eliminado",
	"anadida", "anadido", "aggiornata", "aggiornato", "modificata", "modificato", "cambiata", "cambiato",
	"eliminata", "eliminato", "aggiunta", "aggiunto", "bijgewerkt", "gewijzigd", "verwijderd", "toegevoegd",
	"aangepast", "atualizada", "atualizado", "alterada", "alterado", "removida", "removido", "adicionada",
	"adicionado", "mudada", "mudado")

// confirmClause reports whether the verb of confirming at token i opens
// (through "that", "que", "dass", "che", "dat" within 3 tokens) a clause
// that names a value with a copula and no other thing: "puedo confirmar
// que es la dirección que tenemos", "ich kann bestätigen, dass es die
// Adresse ist". A change carried out ("that your address was updated")
// is no judgement.
func (t *text) confirmClause(i int) bool {
	_, to := t.sentenceOf(i)
	c := -1
	for k := i + 1; k < to && k <= i+3; k++ {
		if t.has(k, clThat) {
			c = k
			break
		}
	}
	if c < 0 {
		return false
	}
	value, cop := false, false
	for k := c + 1; k < to; k++ {
		w := string(t.tokBytes(k))
		switch {
		case changeWords[w] || fixVerbs[w] || negations[w]:
			return false
		case t.toks[k].lex&lxCopula != 0 || fusedPointers[w]:
			cop = true
		case valueNouns[w] || phoneWords[w] || cardWords[w] || pointerPronouns[w] && k+1 == to:
			if !t.qualifiedOther(k, to) {
				value = true
			}
		}
	}
	return value && cop && !t.otherAhead(c+1, to)
}

// stillRecorded reports whether token k, after a yes-word (its sentence
// going on from rest to to), is a value or phone noun that the clause
// says is on the record, with a participle of keeping after it: "Genau,
// die deutsche Handynummer ist weiterhin eingetragen", "Exato, o
// telemóvel alemão continua registado". A compound ("phone support"),
// another thing or what the customer may do is no answer.
func (t *text) stillRecorded(k, rest, to int) bool {
	w := string(t.tokBytes(k))
	if !valueNouns[w] && !phoneWords[w] || t.notBefore(k, rest) {
		return false
	}
	if t.nounAfter(k, to) && !standVerbs[string(t.tokBytes(k+1))] {
		// an adjective after the noun goes on to a verb ("le portable
		// français est", "el teléfono francés sigue"); a compound does not
		// ("address restrictions for")
		n := string(t.tokBytes(k + 2))
		if t.toks[k+2].lex&lxCopula == 0 && !pointerAdverbs[n] && !stayVerbs[n] && !keptWords[n] && !accountWords[n] {
			return false
		}
	}
	rec := false
	for j := k + 1; j < to; j++ {
		x := string(t.tokBytes(j))
		if accountWords[x] && !haveWords[x] || keptWords[x] ||
			(x == "in" || x == "drin" || x == "erin") && (j+1 == to || t.toks[j].flags&fPunctAfter != 0) && t.standsBefore(k, j) {
			rec = true // "het Duitse mobiele nummer staat er nog steeds in"
			break
		}
		if t.toks[j].flags&fPunctAfter != 0 {
			break
		}
	}
	if !rec || t.otherAhead(rest, to) {
		return false
	}
	for j := rest; j < to; j++ {
		if modalWords[string(t.tokBytes(j))] || youModals[string(t.tokBytes(j))] {
			return false
		}
	}
	return true
}

// stayVerbs say a value stays as it is: "sigue", "bleibt", "resta".
var stayVerbs = set("remains", "stays", "bleibt", "reste", "sigue", "continua", "resta", "rimane", "blijft", "fica", "permanece")

// keptWords say a value is kept on the record, beside accountWords
// (normalised).
var keptWords = set("eingetragen", "vermerkt", "guardado", "guardada", "salvato", "salvata", "memorizzato",
	"memorizzata", "bewaard", "gravado", "gravada", "enregistre", "enregistree", "saved", "stored")

// loginAnswer reports whether tokens [from, to), the rest of a yes-word's
// sentence, point at a value and say it is the login: "Correcto, con ese
// inicia sesión", "Klopt, daarmee log je in", "Exact, c'est celle-là
// votre identifiant". "Das Login funktioniert wieder", "the login page"
// and "you can log in" are about the login itself.
func (t *text) loginAnswer(from, to int) bool {
	login, ptr := false, false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		switch {
		case modalWords[w] || youModals[w]:
			return false
		case loginVerbs[w]:
			if t.nounAfter(k, to) {
				return false // "the login page"
			}
			login = true
		case withPointers[w] && k+1 < to && (loginVerbs[string(t.tokBytes(k+1))] || k+2 < to && loginVerbs[string(t.tokBytes(k+2))]) ||
			fusedPointers[w] || pointerPronouns[w] && (k+1 == to || t.toks[k].flags&fPunctAfter != 0) ||
			(t.toks[k].lex&lxDemo != 0 || pronounRefs[w]) && !(k+1 < to && loginNouns[string(t.tokBytes(k+1))]) ||
			(w == "der" || w == "dem" || w == "die") && k > from && string(t.tokBytes(k-1)) == "mit":
			ptr = true
		}
	}
	return login && ptr && !t.otherAhead(from, to)
}

// loginVerbs say "log in" or name the login (normalised); withPointers
// are a pointer and "with" in one word ("damit", "daarmee").
var (
	loginVerbs = set("login", "log", "logs", "sign", "signs", "loggen", "einloggen", "anmelden", "melden", "identifiant",
		"connectez", "connecter", "connecte", "connexion", "inicia", "iniciar", "entra", "entrar", "accede", "accedere",
		"accedi", "inloggen", "logt", "meld", "aanmelden", "sessao", "sesion", "utente", "usuario", "gebruikersnaam")
	loginNouns   = set("login", "identifiant", "connexion", "sesion", "sessao", "utente", "usuario", "gebruikersnaam")
	withPointers = set("damit", "daarmee", "hiermee", "hiermit", "celle", "celui")
)

// nothingChanged reports whether token i says "nothing" with a
// participle of changing within 4 tokens before or after it, in a
// sentence about no other thing: "no ha cambiado nada", "da hat sich
// nichts geändert", "er is niets veranderd", "nada mudou".
func (t *text) nothingChanged(i int) bool {
	if !nothingPronouns[string(t.tokBytes(i))] {
		return false
	}
	from, to := t.sentenceOf(i)
	for k := max(from, i-4); k < to && k <= i+4; k++ {
		if changedWords[string(t.tokBytes(k))] {
			return !t.otherAhead(from, to)
		}
	}
	return false
}

// changedWords are participles of changing (normalised).
var changedWords = set("changed", "altered", "modified", "updated", "geandert", "verandert", "aktualisiert", "modifie",
	"modifiee", "change", "changee", "cambiado", "cambiada", "modificado", "modificada", "cambiato", "cambiata",
	"modificato", "modificata", "veranderd", "gewijzigd", "aangepast", "mudou", "mudado", "mudada", "alterado",
	"alterada", "alterou", "cambio", "cambiò")

// noneOnRecord reports whether value noun i follows a negative
// determiner ("no", "keine", "aucune", "ninguna", "geen", "nenhuma", or
// "any" after a negation) within 2 tokens and its sentence names the
// account after it: "we don't have any Lyon address on your profile",
// "não temos nenhuma morada em Coimbra no seu perfil". A compound
// ("address restrictions") is another thing.
func (t *text) noneOnRecord(i int) bool {
	det := -1
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if t.has(j, clNoDet) || t.has(j, clAny) && t.notBefore(j, 0) {
			det = j
			break
		}
	}
	if det < 0 || !valueNouns[string(t.tokBytes(i))] {
		return false
	}
	from, to := t.sentenceOf(i)
	if det < from || t.otherAhead(from, to) {
		return false
	}
	if t.noneYours46(i, from, to) {
		return true // "We have no Spanish number of yours" (noneyours46.go)
	}
	if t.nounAfter(i, to) && !placePreps[string(t.tokBytes(i+1))] {
		return false
	}
	for k := i + 1; k < to; k++ {
		if accountNouns[string(t.tokBytes(k))] || string(t.tokBytes(k)) == "file" || string(t.tokBytes(k)) == "records" {
			return true
		}
	}
	return false
}

// notBefore reports whether a negation stands within 3 tokens before
// token k, from on: "we don't have any".
func (t *text) notBefore(k, from int) bool {
	for j := k - 1; j >= from && j >= k-3; j-- {
		x := string(t.tokBytes(j))
		if negations[x] || x == "dont" || x == "doesnt" || x == "havent" || x == "hasnt" {
			return true
		}
	}
	return false
}

// mayDo reports whether the sentence of token i says before it what the
// customer may do: "Oui, vous pouvez enregistrer un autre numéro" offers
// a service, it denies nothing.
func (t *text) mayDo(i int) bool {
	from, _ := t.sentenceOf(i)
	for k := from; k < i; k++ {
		w := string(t.tokBytes(k))
		if youModals[w] || secondPerson[w] && k+1 < i && modalWords[string(t.tokBytes(k+1))] {
			return true
		}
	}
	return false
}

// standsBefore reports whether a verb of standing ("staat", "steht")
// lies between tokens k and j: with a final "in" it says "is in it".
func (t *text) standsBefore(k, j int) bool {
	for x := k + 1; x < j; x++ {
		if standVerbs[string(t.tokBytes(x))] {
			return true
		}
	}
	return false
}

// standVerbs say that something stands in a record ("staat er ... in",
// "steht da drin"): right after a value noun they are its verb, not a
// noun of a compound.
var standVerbs = set("staat", "staan", "steht", "stehen")
