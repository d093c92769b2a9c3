package guard

import "strings"

// Refusals to check that hold a word of checking or confirming (guard43):
// "I'm not in a position to check that email against the account here",
// "Ich kann diese E-Mail hier nicht mit dem Konto abgleichen",
// "Kartendaten bestätige ich im Chat nicht", "Whatever number you give
// me, I won't confirm anything here", "Welk nummer u ook geeft, ik
// bevestig hier niets", "Of het klopt of niet, kan ik hier niet zeggen".
// A sentence that is one clause refusing — a negation, a verb of
// checking, comparing, confirming or saying, a speaker who acts ("I",
// a modal, a verb in the first person) — and at most a concessive clause
// before it ("whatever number you give me", "whether it's right or not")
// judges nothing: its affirmation and negation words are the refusal's.
// A clause of contrast ("but it's the right one") or an answer word set
// off before it ("No, I can't ...") makes it more than a refusal.

// refusedVerb43 reports whether the affirmation phrase at token i (span
// sp of the token view) is the refused verb itself ("bestätige ich" of
// "Kartendaten bestätige ich im Chat nicht") in a sentence that is only a
// refusal.
func (t *text) refusedVerb43(i int, sp span) bool {
	verb := false
	for k := i; k < len(t.toks) && int(t.toks[k].off) < sp.end && !verb; k++ {
		verb = confirmStem30(t.tokBytes(k))
	}
	if !verb {
		return false
	}
	from, to := t.sentenceOf(i)
	return t.refusalSentence43(from, to)
}

// refusalSentence43 reports whether the sentence [from, to) is only a
// refusal (see above).
func (t *text) refusalSentence43(from, to int) bool {
	if to-from < 3 || to-from > 24 {
		return false
	}
	a := from
	for k := from; k < to-1; k++ {
		if t.toks[k].flags&fPunctAfter == 0 {
			continue
		}
		if a != from || !t.concessive43(from, k+1) {
			return false // two clauses, the first no concession: "No, I can't check it"
		}
		a = k + 1
	}
	neg, verb, actor, what := false, false, false, false
	for k := a; k < to; k++ {
		w := t.tokBytes(k)
		x := string(w)
		if contrast30[x] && x != "sin" || t.toks[k].flags&fQuestion != 0 || denyStem43(x) || x == "lets" {
			return false // "I won't deny it", "Let's say I don't contradict you": litotes
		}
		if x != "match" && (rightPredicates[x] || yesJudgements[x] || noJudgements[x] || wrongWords[x]) || needWords43[x] || otherOpeners[x] {
			return false // "I can't say more than that it's correct", "I don't need to check it again": a verdict beside it
		}
		what = what || chatPlaces43[x] || somethingWords[x] || x == "nothing" || x == "anything" || isValueNoun(x) ||
			strings.HasSuffix(x, "daten") || strings.HasSuffix(x, "gegevens")
		if changeVerbs30[x] || changedWords43[x] {
			return false // "I can confirm nothing has changed": a verdict
		}
		if x == "no" && k+1 < to && !verbAfterNo43(t.tokBytes(k+1)) || detNeg43[x] {
			continue // "I can confirm no change here": "no" of a noun
		}
		neg = neg || neg30[x] || x == "cant" || x == "cannot" || x == "wont" || x == "dont" || x == "isnt" || x == "anything" || x == "nothing"
		verb = verb || refusalVerb30(w) || checkWords43[x]
		actor = actor || speakers43[x] || modal30[x] || x == "im" || x == "ill" || x == "position" || t.firstPerson43(x)
	}
	return neg && verb && actor && what
}

// concessive43 reports whether the clause [a, b) concedes whatever the
// value: "whatever number you give me", "whether it's right or not", "egal
// welche Nummer", "quel que soit", "sea correcto o no", "welk nummer u ook".
func (t *text) concessive43(a, b int) bool {
	w := string(t.tokBytes(a))
	if concessives43[w] {
		return true
	}
	for k := a + 1; k < b; k++ {
		x := string(t.tokBytes(k))
		switch {
		case (whetherWords43[w] || w == "sea" || w == "seja" || w == "esteja" || w == "che" || w == "que") && neg30[x] && orWords43[string(t.tokBytes(k-1))]:
			return true // "whether it's right or not", "sea correcto o no", "che sia giusto o no"
		case (w == "welk" || w == "welke" || w == "wat") && x == "ook", (w == "quel" || w == "quelle") && x == "que",
			w == "me" && k == a+1 && x == "de":
			return true // "welk nummer u ook geeft", "quel que soit", "me dé el número que me dé"
		}
	}
	return false
}

// denyStem43 reports whether x is a verb of denying or contradicting: a
// refusal to deny confirms ("I won't deny it").
func denyStem43(x string) bool {
	return strings.HasPrefix(x, "deny") || strings.HasPrefix(x, "contradic") || strings.HasPrefix(x, "widersprech") ||
		strings.HasPrefix(x, "dementi") || strings.HasPrefix(x, "negar") || strings.HasPrefix(x, "smenti") ||
		strings.HasPrefix(x, "ontken") || strings.HasPrefix(x, "verneinen") || strings.HasPrefix(x, "contredi") ||
		strings.HasPrefix(x, "contradd") || strings.HasPrefix(x, "tegenspre")
}

// verbAfterNo43 reports whether w, after "no", makes it the negation of
// a verb (Spanish "no confirmo", "no puedo", "no lo digo"), not of a noun
// ("no change").
func verbAfterNo43(w []byte) bool {
	x := string(w)
	return firstVerbs43[x] || clitics43[x] || modal30[x] || refusalVerb30(w) || checkWords43[x] || x == "estoy" || x == "es" || x == "voy"
}

// firstPerson43 reports whether x is a verb in the first person singular
// of the Romance languages that refuses: "confirmo", "compruebo",
// "estoy", "posso".
func (t *text) firstPerson43(x string) bool { return firstVerbs43[x] }

// Words of a refusal to check (normalised).
var (
	// checkWords43 are verbs of checking and comparing.
	checkWords43 = set("check", "verify", "compare", "match", "prufen", "uberprufen", "abgleichen", "vergleichen",
		"kontrollieren", "verifier", "comparer", "controler", "comprobar", "verificar", "comparar", "cotejar",
		"verificare", "controllare", "confrontare", "controleren", "vergelijken", "nagaan", "checken", "conferir")
	// chatPlaces43 name the channel a refusal holds for: "here", "in chat".
	chatPlaces43 = set("here", "hier", "ici", "aqui", "qui", "chat", "phone", "telefon", "telephone", "telefono",
		"telefoon", "telefone", "email", "mail", "ligne")
	// needWords43 say there is no need: "I don't need to check it".
	needWords43 = set("need", "needs", "brauche", "brauchen", "besoin", "necesito", "necesitamos", "bisogno", "hoef",
		"hoeven", "preciso", "precisamos", "more", "mehr", "plus", "mas", "piu", "meer", "than", "als")
	// changedWords43 say a value changed: "nothing has changed".
	changedWords43 = set("changed", "geandert", "change", "changee", "cambiado", "cambiato", "veranderd", "gewijzigd",
		"mudou", "mudado", "alterado", "alterada", "modificado", "modificato", "modifie", "updated", "aktualisiert")
	// detNeg43 are negations that go with a noun: "kein", "geen", "nessun".
	detNeg43 = set("kein", "keine", "keinen", "keiner", "geen", "nessun", "nessuna", "nessuno", "ningun", "ninguna", "nenhum", "nenhuma", "aucun", "aucune")
	// speakers43 are the speaker and the business as subjects.
	speakers43 = set("i", "ich", "je", "j", "ik", "yo", "io", "eu", "we", "wir", "nous", "wij")
	// firstVerbs43 are first-person verbs of refusing in Romance languages.
	firstVerbs43 = set("confirmo", "compruebo", "verifico", "digo", "estoy", "puedo", "confermo", "controllo", "dico",
		"sono", "posso", "estou", "posso", "confirmo", "digo", "podemos", "possiamo", "pouvons", "confirmons")
	// concessives43 open a clause that concedes whatever the value.
	concessives43 = set("whatever", "whichever", "regardless", "egal", "gleich", "qualunque", "qualsiasi", "cualquiera",
		"quelconque", "wat", "qualquer")
	// orWords43 stand before the negation of "or not": "or not", "ou non".
	orWords43 = set("or", "oder", "ou", "o", "of", "oppure")
)
