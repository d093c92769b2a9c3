package guard

// Policy answers after a yes or no word (g23v): the clause after the
// word states how the business works for anyone, and says nothing of
// her value:
//
//   - a universal or habitual word: "That's right, we text a 6-digit
//     code before any SIM change", "Ja, unsere Mails kommen immer von
//     @unseredomain", "No, a backup card is never charged without
//     notice";
//   - a time the process waits for: "That's correct — you'll get a
//     confirmation email when the direct debit is set up";
//   - a price of nothing: "No, porting to another provider costs
//     nothing";
//   - a channel it is not done in, or a modal with a negation: "No, the
//     email can't be changed by chat", "Giusto, l'indirizzo non si cambia
//     in chat", "No, I can't send a code to a new number";
//   - a determiner of none on a noun: "No, no date of birth is asked for
//     an eligibility test".
//
// A demonstrative, a place word closing the clause ("there"), a word of
// judging or matching, "same", a word for the record, "the one", a
// possessive of the person addressed ("your") or "another one" keeps the
// answer an answer, wherever it stands in the sentence.

// policy23v reports whether the sentence [rest, to) after a yes or no
// word is one of the policy answers above.
func (t *text) policy23v(rest, to int) bool {
	if rest >= to {
		return false
	}
	marker := false
	for k := rest; k < to; k++ {
		if t.points23v(k, rest, to) {
			return false
		}
		w := string(t.tokBytes(k))
		next := ""
		if k+1 < to {
			next = string(t.tokBytes(k + 1))
		}
		switch {
		case allWords23v[w] && !(alwaysWords23v[w] && t.stillAfter28(k, rest) && !t.passiveAlways46(k, to)) && to-rest >= 5 && !stillWords28[next] && !(k > rest && stillWords28[string(t.tokBytes(k-1))]) &&
			!(w == "tout" && (next == "de" || next == "suite")), whenWords23v[w] && to-rest >= 5:
			marker = true
		case costWords23v[w] && k+1 < to && (nothingWords23v[next] || negations[next]):
			marker = true // "costs nothing"
		case k > rest && chatWords23v[w] && (channelPreps23v[string(t.tokBytes(k-1))] || k > rest+1 && channelPreps23v[string(t.tokBytes(k-2))]):
			marker = true // "by chat", "in de chat"
		case (modalWords[w] || ableWords23v[w]) && t.negNear23v(k, rest, to):
			marker = true // "can't be changed", "ne peut pas"
		case t.needNone46(k, rest):
			marker = true // "Non, pas besoin de date de naissance" (hedge46.go)
		case noneWords23v[w] && k+1 < to && (isValueNoun(next) || birthWords[next] || dateNouns[next] || t.classNoun(k+1, next, "")):
			marker = true // "no date of birth is asked"
		}
	}
	return marker
}

// points23v reports whether token k of the clause [rest, to) points at
// a value or judges one: a demonstrative, a place word closing the
// clause, a word of judging or matching, "same", the record, "the one",
// "your", "another one".
func (t *text) points23v(k, rest, to int) bool {
	if t.inWhatever46(k, rest) {
		return false // "whichever it is", "quel qu'il soit" (hedge46.go)
	}
	w := string(t.tokBytes(k))
	lx := t.toks[k].lex
	next := ""
	if k+1 < to {
		next = string(t.tokBytes(k + 1))
	}
	switch {
	case lx&lxDemo != 0 || thisWords[w] || k == to-1 && lx&lxEndRef != 0 || sameWords28[w] || matchWords[w] || matchWords28[w] ||
		yourWords23v[w] || w == "1" || theOnes[w] || isRecordWord(w) && !(registeredWords23v[w] && t.sourceBefore23v(k, rest)) && !t.general46(k, rest, to): // "la carte de réservation" (hedge46.go)
		return true // "No, never to that inbox", "Yes, always the one on file"
	case lx&lxStrong != 0 && !(otherWords[w] || otherOpeners[w]) && !(k == rest && w == "exact"):
		return true // "Yes, always correct"
	case (otherWords[w] || otherOpeners[w]) && (next == "" || next == "1" || isValueNoun(next) || t.toks[k].flags&fPunctAfter != 0):
		return true // "No, another one", "a different address"
	case accountWords[w] && !weakRecord[w] && !(registeredWords23v[w] && t.sourceBefore23v(k, rest)) && !t.anyBefore23v(k, rest) && !t.general46(k, rest, to),
		(sayVerbs[w] || givenVerbs[w] || usedWords23v[w]) && !(t.indefiniteNear23v(k, rest) && t.cannot23v(rest, to)) &&
			!((usedWords23v[w] && !givenVerbs[w] && !sayVerbs[w] || w == "da") && t.general46(k, rest, to)): // "the email you signed up with" (hedge46.go)
		return true // "Yes, the one you used when you opened the account"
	case respectWords23v[w]:
		return true // "Correct in every respect", "Klopt, op elk punt"
	case k > rest && t.toks[k-1].flags&fPunctAfter == 0 && objectPronouns23v[w]:
		return true // "you'll log in with it once verified": it is the value
	}
	return false
}

// afterAnswer23v returns the first token of the sentence [from, to)
// after its opening answer ("No,", "That's right —", "C'est exact,"):
// a clause of at most three tokens set off by punctuation that holds a
// yes or no word or a word of judging; or from.
func (t *text) afterAnswer23v(from, to int) int {
	ans := false
	h := t.hedgeLead46(from, to) // "I'd say so:", "Yo diría que sí:" (hedge46.go)
	for k := h; k < to && k < h+3; k++ {
		w := string(t.tokBytes(k))
		ans = ans || answerYes[w] || answerNo[w] || t.toks[k].lex&lxStrong != 0 || h > from && t.hedgeAnswer46(k)
		if t.toks[k].flags&fPunctAfter != 0 {
			if ans {
				return k + 1
			}
			break
		}
	}
	return from
}

// policyAt23v reports whether the sentence of token i is a policy
// answer (policy23v) after its opening yes or no.
func (t *text) policyAt23v(i int) bool {
	from, to := t.sentenceOf(i)
	rest := t.afterAnswer23v(from, to)
	return rest > from && t.policy23v(rest, to)
}

// policyReply23v reports whether the sentence [from, to) is a policy
// answer, or follows the reply's first sentence that is one and points
// at nothing itself: "No, the email can't be changed by chat; it needs
// confirmation from the registered address".
func (t *text) policyReply23v(from, to int) bool {
	if rest := t.afterAnswer23v(from, to); rest > from {
		return t.policy23v(rest, to)
	}
	if from == 0 || len(t.toks) == 0 || !t.policyAt23v(0) {
		return false
	}
	for k := from; k < to; k++ {
		if t.points23v(k, from, to) {
			return false
		}
	}
	return true
}

// policyWhole23v reports whether every sentence of the reply is a
// policy answer or follows one and points at nothing (policyReply23v):
// "No, I can't send a code to a new number you give me in chat" is no
// act on the value given.
func (t *text) policyWhole23v() bool {
	if len(t.toks) == 0 {
		return false
	}
	for k := 0; k < len(t.toks); {
		from, to := t.sentenceOf(k)
		if to <= k || !t.policyReply23v(from, to) {
			return false
		}
		k = to
	}
	return true
}

// sourceBefore23v reports whether the record word at k stands in a
// noun phrase led by an article or "from", within two tokens before it:
// "from the registered address", "desde la dirección registrada".
func (t *text) sourceBefore23v(k, rest int) bool {
	for j := k - 1; j >= rest && j >= k-2; j-- {
		if w := string(t.tokBytes(j)); definites[w] || fromWords23v[w] {
			return true
		}
	}
	return false
}

// anyBefore23v reports whether a word of "any" or "no" leads the noun
// phrase of token k, within two tokens: "for any contract change".
func (t *text) anyBefore23v(k, rest int) bool {
	for j := k - 1; j >= rest && j >= k-2; j-- {
		if w := string(t.tokBytes(j)); allWords23v[w] || noneWords23v[w] || indefinites28[w] {
			return true
		}
	}
	return false
}

// indefiniteNear23v reports whether an indefinite article stands in the
// six tokens before k: "a new number you give me" is any number.
func (t *text) indefiniteNear23v(k, rest int) bool {
	for j := k - 1; j >= rest && j >= k-6; j-- {
		if w := string(t.tokBytes(j)); indefinites28[w] && !otherOpeners[w] {
			return true
		}
	}
	return false
}

// cannot23v reports whether [rest, to) holds a modal of ability with a
// negation near it: "I can't send a code to a new number you give me".
func (t *text) cannot23v(rest, to int) bool {
	for k := rest; k < to; k++ {
		if w := string(t.tokBytes(k)); (modalWords[w] || ableWords23v[w]) && t.negNear23v(k, rest, to) {
			return true
		}
	}
	return false
}

// negNear23v reports whether a negation stands within two tokens of
// the modal at k, inside [rest, to): "can't", "kann ... nicht", "ne
// peut pas", "non posso", "kan geen".
func (t *text) negNear23v(k, rest, to int) bool {
	w := string(t.tokBytes(k))
	if w == "cant" || w == "cannot" {
		return true
	}
	for j := max(rest, k-2); j < min(to, k+3); j++ {
		if x := string(t.tokBytes(j)); j != k && (negations[x] || x == "ne" || x == "n" || x == "geen" || x == "kein" || x == "keinen" || x == "keine") {
			return true
		}
	}
	return false
}

// words of policy23v (normalised)
var (
	allWords23v = set("any", "every", "each", "always", "never", "whenever", "everyone", "jeder", "jede", "jedem", "jeden",
		"jedes", "immer", "nie", "niemals", "tout", "toute", "chaque", "toujours", "jamais", "cualquier", "cualquiera",
		"cada", "siempre", "nunca", "ogni", "qualsiasi", "qualunque", "sempre", "mai", "elk", "elke", "ieder", "iedere",
		"altijd", "nooit", "qualquer", "all", "alle")
	// alwaysWords23v say "always", "still" after a copula ("est toujours
	// enregistré").
	alwaysWords23v = set("always", "immer", "toujours", "siempre", "sempre", "altijd")
	whenWords23v   = set("when", "once", "sobald", "wenn", "sowie", "quand", "lorsque", "cuando", "quando", "appena",
		"zodra", "wanneer")
	// ableWords23v say "can" beyond modalWords (normalised); a need
	// ("non deve cambiare niente") is no rule.
	ableWords23v = set("cant", "cannot", "kann", "konnen", "peut", "peuvent", "puedo", "podemos", "posso", "possiamo",
		"kunnen", "kunt", "kan", "posso", "podemos")
	// respectWords23v name a respect: "in every respect" judges all of it.
	respectWords23v = set("respect", "respects", "regard", "regards", "hinsicht", "punkt", "punkten", "point", "points",
		"punto", "punti", "puntos", "punt", "punten", "ponto", "pontos", "aspect", "aspecto", "aspetto", "ligne", "linea", "lijn",
		"detail", "details", "detalle", "dettaglio")
	// objectPronouns23v: "it" as an object, the value itself.
	objectPronouns23v = set("it", "ihn")
	// usedWords23v: what she did with a value (normalised).
	usedWords23v = set("used", "signed", "opened", "gebruikt", "benutzt", "verwendet", "utilise", "utilisee",
		"usado", "usada", "usato", "usata", "utilizzato", "utilizado")
	// fromWords23v: "from" before what is on file (normalised).
	fromWords23v    = set("from", "von", "vom", "depuis", "desde", "dall", "dalla", "dal", "da", "van", "do", "a")
	costWords23v    = set("costs", "cost", "kostet", "kosten", "coute", "cuesta", "costa", "kost", "custa")
	nothingWords23v = set("nothing", "nichts", "rien", "nada", "nulla", "niente", "niets")
	chatWords23v    = set("chat", "chats", "telephone")
	channelPreps23v = set("by", "in", "via", "over", "per", "im", "par", "por", "en", "nel", "no", "pelo", "de", "tramite", "dans", "le")
	noneWords23v    = set("no", "kein", "keine", "aucune", "aucun", "ningun", "ninguna", "nessun", "nessuna", "geen", "nenhum", "nenhuma")
	// yourWords23v are possessives of the person addressed (normalised).
	yourWords23v = set("your", "yours", "ihr", "ihre", "ihrer", "ihren", "ihrem", "votre", "vos", "tu", "tus", "su", "sus", "suo",
		"sua", "suoi", "uw", "seu", "sua", "dein", "deine", "ton", "ta", "tes", "tuo", "tua", "jouw")
	// registeredWords23v say what is on file, as a source in a process:
	// "from the registered address" (normalised).
	registeredWords23v = set("registered", "registrierten", "hinterlegten", "enregistree", "enregistre", "registrada",
		"registrado", "registrato", "registrata", "geregistreerde", "registado", "registada")
)
