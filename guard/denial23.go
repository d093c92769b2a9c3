package guard

import "github.com/proofdesk/proofdesk"

// Short denials of an offered value (guard19a): a near miss then a part
// judged ("Close, but the domain's different", "Presque, mais l'année ne
// colle pas"), "not that" and a part ("Not that month, I'm afraid",
// "Nicht die Domain"), and a pointer said not to be the requester's ("Ese
// no es su correo", "Ce numéro n'est pas le vôtre"). answer23 reads them
// once the other readings found no answer.

// answer23 returns RuleDenial when t denies the offered value of class by
// one of the short forms above, else "".
func (t *text) answer23(class string) string {
	for i := 0; i < len(t.toks) && t.cls&clOpen23 != 0; i++ {
		if i > 0 && t.toks[i-1].flags&fPunctAfter == 0 {
			continue // every form opens a clause
		}
		// a cheap test of the opening word first: each form opens with one
		// of these (nearMissWords, negations, otherOpeners, demonstratives,
		// demoDeterminers, destDemos, neverHadPronouns, frenchPointers,
		// valuePronouns23)
		if !t.has(i, clOpen23) {
			continue
		}
		if t.toks[i].flags&fQuestion != 0 || t.conditional(i) {
			continue
		}
		if t.nearPart(i) || t.notThatPart(i, class) || t.pointerNotYours(i, class) || t.notOnAccount(i) {
			return RuleDenial
		}
	}
	if r := t.hints23(); r != "" {
		return r // hints23.go
	}
	return t.acts23(class) // acts23.go
}

// nearPart reports whether token i opens a sentence with a near miss
// ("close", "almost", "presque", "fast", "casi", "quasi", "bijna",
// "quase") closed by a mark, and the rest of the sentence names a part of
// a value and judges it with a negation or a word of wrong, different or
// off: "Close, but the house number you gave is off."
func (t *text) nearPart(i int) bool {
	from, to := t.sentenceOf(i)
	if i != from || !nearMissWords[string(t.tokBytes(i))] || t.toks[i].flags&fPunctAfter == 0 {
		return false
	}
	if i+1 >= to || !butWords[string(t.tokBytes(i+1))] {
		return false // "Almost! We can't confirm the city yet": no contrast of a part
	}
	for k := i + 2; k < to; k++ {
		if w := string(t.tokBytes(k)); otherThings[w] || thingWords[w] || ourWords[w] || modalWords23[w] {
			return false // "Almost, but the parcel isn't out yet", "the year's wrong on the invoice": another thing; "... I can't say": a refusal
		}
	}
	part := -1
	for k := i + 2; k < to; k++ {
		w := string(t.tokBytes(k))
		if part < 0 && (partWords[w] || partValueNouns[w] || lastDigitNouns[w] ||
			len(w) > 4 && w[len(w)-1] == 's' && partWords[w[:len(w)-1]]) { // "the domain's"
			part = k
		}
		if part >= 0 && k > part && k <= part+5 &&
			(negations[w] || noJudgements[w] || partNeg[w] || partVerdicts[w] && otherish(w) || offWords[w]) {
			return true
		}
	}
	return false
}

// butWords contrast (normalised); modalWords23 make a clause a refusal
// or a rule ("can't", "must", "kann nicht").
var (
	butWords     = set("but", "aber", "doch", "mais", "pero", "ma", "maar", "mas")
	modalWords23 = set("can", "cant", "cannot", "could", "must", "may", "kann", "konnen", "darf", "durfen", "muss",
		"peux", "pouvons", "puis", "peut", "dois", "doit", "puedo", "podemos", "puede", "debe", "posso", "possiamo",
		"puo", "deve", "kan", "kunnen", "mag", "moet", "pode", "podemos", "devo")
)

// notThatPart reports whether token i opens a sentence with "not" and a
// demonstrative before a part or a noun of the value, and the sentence
// ends there or on a word of regret: "Not that month, I'm afraid.",
// "Nicht diese Domain, leider.", "Pas ce mois-là.", "No ese mes.", "Niet
// die maand.", "Não esse ano." ("Not this month, the sale starts in July"
// goes on.)
func (t *text) notThatPart(i int, class string) bool {
	from, to := t.sentenceOf(i)
	if k := from; k < i {
		for k < i && noWordSet[string(t.tokBytes(k))] {
			k++
		}
		if k == i && t.toks[i-1].flags&fPunctAfter != 0 {
			from = i // "Nope, not that domain, sorry."; "No no, non quella."
		}
	}
	if i == from && i+2 == to && t.toks[i].flags&fPunctAfter == 0 && destDemos[string(t.tokBytes(i))] && negations[string(t.tokBytes(i+1))] {
		return true // "Esa no.", "Die niet.", "Quella no.": the pronoun, then the negation, alone
	}
	if i != from || i+1 >= len(t.toks) || !negations[string(t.tokBytes(i))] && !otherOpeners[string(t.tokBytes(i))] {
		return false
	}
	n := i + 1
	if w := string(t.tokBytes(i)); otherOpeners[w] {
		// "Andere Domain, leider.", "Autre domaine.", "Different year, I'm afraid."
	} else if w := string(t.tokBytes(i + 1)); negations[w] || !(demonstratives[w] || demoDeterminers[w] || destDemos[w]) || w == "this" {
		return false // "this month" is a time
	} else {
		n = i + 2
	}
	if n >= to {
		return true // "Nicht die.", "Non quella.": the demonstrative is the pronoun, "not that one"
	}
	w := string(t.tokBytes(n))
	if !(partWords[w] && (class == proofdesk.ClassDateOfBirth || !datePartSubjects[w]) || t.classNoun(n, w, class)) {
		return false // a day, a month, a year are parts of a date only
	}
	end := n + 1
	for end < to && end <= n+2 && !(t.toks[end-1].flags&fPunctAfter != 0) {
		if x := string(t.tokBytes(end)); x != "la" && x != "li" && x != "1" && x != "there" {
			return false // "mois-là", "that one"
		}
		end++
	}
	return end == to || t.toks[end-1].flags&fPunctAfter != 0 && t.regretCut(end, to) == end
}

// pointerNotYours reports whether token i opens a clause with a pointer
// at the value (a demonstrative, alone or before a noun of the value) that
// a negated copula says is not the requester's: "Ese no es su correo",
// "Die is niet uw adres", "Ce numéro n'est pas le vôtre", "That one isn't
// yours". The clause ends on the possessive or its noun of the value:
// "That's not your fault" and "Ese no es su pedido" name another thing.
func (t *text) pointerNotYours(i int, class string) bool {
	_, to := t.clauseOf(i)
	w := string(t.tokBytes(i))
	if t.negCopulaOpens31(i, to) {
		// "No es la tarjeta en la que está la fianza", "Non è la carta su
		// cui ...": the subject is in the verb (relative31.go)
		k := i + 2
		for k < to && possessiveArticles[string(t.tokBytes(k))] {
			k++
		}
		return k > i+2 && k+1 < to && t.classNoun(k, string(t.tokBytes(k)), class) && t.prepRelative31(k+1, to) &&
			!t.otherAhead(k+1, t.sentenceEnd28(k)) // not "No es la tarjeta con la que se paga el parking, es un ticket"
	}
	if !t.is52(i, x52Pointer) || w == "l" || w == "la" || w == "le" || w == "lo" { // pointerWords6
		return false
	}
	k := i + 1
	if k < to && (t.classNoun(k, string(t.tokBytes(k)), class) || string(t.tokBytes(k)) == "1" || string(t.tokBytes(k)) == "ci") {
		k++ // "ese número", "that one", "celle-ci"
	}
	neg, cop := false, false
	for ; k < to && k <= i+5; k++ {
		x := string(t.tokBytes(k))
		switch {
		case t.is52(k, x52Negation) || x == "n" || x == "ne" || x == "isnt" || x == "nao" || x == "nest" || x == "nes":
			neg = true
			if x == "isnt" || x == "nest" || x == "nes" {
				cop = true // "isn't", "n'est"
			}
		case t.is52(k, x52Copula) || x == "is" || x == "es" || x == "est" || x == "e" || x == "ist" || x == "s":
			cop = true
		default:
			goto possessive
		}
	}
	return false
possessive:
	if !neg || !cop {
		return false
	}
	if theOnePronouns23[string(t.tokBytes(k))] && (k+1 == to || t.toks[k].flags&fPunctAfter != 0) {
		return true // "Diese Adresse ist nicht die, an die wir etwas schicken würden"
	}
	for k < to && possessiveArticles[string(t.tokBytes(k))] {
		k++
	}
	if k < to && k > 0 && string(t.tokBytes(k)) == "1" && possessiveArticles[string(t.tokBytes(k-1))] {
		return true // "that address isn't the one we'd send anything to"
	}
	if k < to && k > 0 && possessiveArticles[string(t.tokBytes(k-1))] && k+1 < to && (theOneRelatives[string(t.tokBytes(k))] ||
		t.classNoun(k, string(t.tokBytes(k)), class) && (theOneRelatives[string(t.tokBytes(k+1))] || t.prepRelative31(k+1, to))) {
		return true // "Esa dirección no es la que usaríamos", "Dat adres is niet het adres waar wij ..."
	}
	if k < to && theOnePronouns23[string(t.tokBytes(k))] && (k+1 == to || t.toks[k].flags&fPunctAfter != 0 ||
		theOneRelatives[string(t.tokBytes(k+1))] || destPreps[string(t.tokBytes(k+1))]) {
		return true // "Diese Adresse ist nicht die, an die wir etwas schicken würden", "non è quello a cui"
	}
	if k >= to || !yourPossessives[string(t.tokBytes(k))] {
		return false
	}
	if k == to-1 {
		return true // "That one isn't yours", "Ce numéro n'est pas le vôtre"
	}
	if !t.classNoun(k+1, string(t.tokBytes(k+1)), class) {
		return false
	}
	// "Ese no es su correo", "Esa no es su dirección de correo"
	return k+2 == to || k+4 == to && ofWords[string(t.tokBytes(k+2))]
}

// frenchPointers point at the value as demonstrative pronouns: "celle-ci",
// "celui-là".
var frenchPointers = set("celle", "celui", "celles", "ceux")

// notOnAccount reports whether token i opens a short clause whose subject
// is a pronoun of the value and that says it is not on the requester's
// account: "It's not on your account.", "C'est pas sur votre compte",
// "Das ist nicht in Ihrem Konto". "It's not your account that's locked"
// goes on past the account's noun.
func (t *text) notOnAccount(i int) bool {
	_, to := t.clauseOf(i)
	if !t.is52(i, x52ValuePron) && !(t.is52(i, x52Negation) && i+1 < to && t.is52(i+1, x52Copula)) ||
		to-i > 8 || !t.is52(to-1, x52Account) || !yourPossessives[string(t.tokBytes(to-2))] { // valuePronouns23, negations, copulaWords, accountWords
		return false // ("No está en su cuenta", "Non è sul suo conto": the subject is in the verb)
	}
	for k := i; k < to-2; k++ {
		if w := string(t.tokBytes(k)); negations[w] || w == "nest" || w == "isnt" {
			return true
		}
	}
	return false
}

// valuePronouns23 stand for the offered value as a subject (normalised).
var valuePronouns23 = set("it", "its", "thats", "that", "es", "das", "cest", "ce", "c", "ca", "eso", "esa", "ese",
	"esto", "e", "quello", "quella", "dat", "het", "die", "isso", "essa", "esse", "nao", "sie", "er")

// theOnePronouns23 stand for "the one" after a negated copula ("nicht die",
// "pas celle", "non quello"); theOneRelatives open the relative after it.
var (
	theOnePronouns23 = set("die", "der", "celle", "celui", "quello", "quella", "degene", "diejenige", "derjenige")
	theOneRelatives  = set("que", "che", "where", "waar", "wo", "ou", "dat", "die", "cui", "we", "wij", "which", "to")
)

// regretCut returns the token index where a closing word of regret begins
// in [from, to) ("I'm afraid", "tut mir leid", "lo siento", "helaas"),
// after a mark, or to when the sentence does not close on one.
func (t *text) regretCut(from, to int) int {
	a := to // the longest run of regret words that closes [from, to)
	for a > from && regretTail[string(t.tokBytes(a-1))] {
		a--
	}
	for ; a < to; a++ { // it begins after a mark
		if a > 0 && t.toks[a-1].flags&fPunctAfter != 0 {
			return a
		}
	}
	return to
}

// Words of the short denials (normalised).
var (
	// cityPreps23 place a value in a city: "une autre adresse à Berlin".
	cityPreps23 = set("in", "a", "en", "em", "te", "im", "nach", "at")
	// otherOpeners open "another part": "Other domain", "Andere Domain".
	otherOpeners = set("other", "another", "different", "wrong", "andere", "anderer", "anderes", "falsche", "falscher",
		"falsches", "autre", "mauvais", "mauvaise", "otro", "otra", "distinto", "distinta", "altro", "altra", "diverso",
		"diversa", "ander", "verkeerde", "outro", "outra", "diferente")
	// nearMissWords say that the offer is close, not right ("close" reads
	// "cl", the street type): the token view of "close", "almost",
	// "nearly", "fast", "beinahe", "knapp", "presque", "casi", "quasi",
	// "bijna", "quase", "nah", written as tokens so that a word class
	// (clOpen23) may hold them; TestNearMissTokens checks them against
	// the normaliser.
	nearMissWords = set("cl", "almost", "nearly", "fast", "beinahe", "knapp", "presque", "casi", "quasi", "bijna",
		"quase", "nah")
	// offWords say a part is off.
	offWords = set("off", "differs", "differ", "wrong", "ne", "colle", "collent")
	// possessiveArticles stand before a possessive pronoun: "le vôtre",
	// "el suyo", "il suo", "o seu", "de uwe".
	possessiveArticles = set("the", "le", "la", "les", "el", "il", "o", "a", "de", "het", "der", "die", "das", "lo")
	// yourPossessives are the requester's possessives, as determiner or pronoun.
	yourPossessives = normSet("your", "yours", "ihre", "ihrer", "ihres", "ihr", "ihrem", "deinem", "dein", "deine", "deiner", "votre", "vôtre",
		"tien", "tienne", "su", "suyo", "suya", "tu", "tuyo", "tuya", "suo", "sua", "tuo", "tua", "uw", "uwe", "jouw",
		"jouwe", "je", "seu", "sua", "teu")
	// regretTail close a sentence with regret.
	regretTail = normSet("i", "im", "m", "am", "afraid", "sorry", "unfortunately", "sadly", "tut", "mir", "es", "leid",
		"leider", "bedaure", "desole", "desolee", "je", "suis", "malheureusement", "lo", "siento", "lamento",
		"lamentablemente", "desgracia", "por", "mi", "dispiace", "purtroppo", "spiacente", "helaas", "het", "spijt", "me",
		"infelizmente", "desculpe", "lamentavelmente")
)
