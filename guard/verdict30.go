package guard

import "strings"

// A yes or no that the rest of its sentence only makes sense after
// (guard30): "Yes, you can go ahead", "Sí, recibirá el código en un
// minuto", "Ja, Sie werden nichts anpassen müssen", "No, you'll need to
// try again", "Nee, u moet uw papieren nakijken", "Non, vous avez dû vous
// tromper". A go-ahead, a code on its way at once, nothing to change, a
// retry, a look at her own papers or a mix-up on her side is the verdict
// on the offered value carried on, not a process answer (process23.go,
// process28.go): those carry a rule, a step, a time or a condition that
// holds whatever the value ("Yes, you can change it in Settings once
// you've verified", "Yes, please try again in a few minutes if the SMS
// doesn't arrive"), and such a clause still is one. A yes or no alone
// followed only by thanks, a greeting or an offer of more help ("Yes.
// Thanks.", "Nein. Schönen Tag noch!") answers too: nothing else is there
// for it to answer. A clause that says what a process is like ("Yes,
// it's free", "Sì, funziona così") answers the process.

// verdictTail30 reports whether the clause [rest, to) after the yes or no
// words [i, rest) carries the verdict on (see above).
func (t *text) verdictTail30(i, rest, to int) bool {
	if rest >= to || rest == 0 || t.toks[rest-1].flags&fPunctAfter == 0 && !t.isEmoji(rest) && !t.isEmoji(rest-1) || t.okOnly30(i, rest) {
		return false // "Isso não é algo que ...": no answer word set off; "Okay, thanks for waiting": an acknowledgement
	}
	p := rest
	for p < to-1 && t.toks[p].flags&fPunctAfter == 0 {
		p++
	}
	if p+1 < to && t.clauseOther(rest, p+1) {
		return false // "No, the page has changed, please look again at the new menu": about another thing
	}
	if t.courtesy30(rest, to) && !(t.isEmoji(i) && t.fillUsed38(rest, to)) {
		return true // "Yes 🙂 Thanks for reaching out"; not "👍 Thanks, talk soon" (verdictfill38.go)
	}
	if t.pointsBack30(rest, to) {
		return true // "Yes, you'll get the code on the number you just typed"
	}
	return t.verdictOn30(i, rest, rest, to)
}

// okOnly30 reports whether the answer words [i, rest) only acknowledge:
// "Okay. Thanks for waiting."
func (t *text) okOnly30(i, rest int) bool {
	for k := i; k < rest; k++ {
		if !okWords[string(t.tokBytes(k))] {
			return false
		}
	}
	return true
}

// verdictOn30 reports whether [from, to) carries on the verdict of the yes
// or no words [i, rest): a go-ahead after a yes, a retry after a no.
func (t *text) verdictOn30(i, rest, from, to int) bool {
	no := false
	for k := i; k < rest; k++ {
		w := string(t.tokBytes(k))
		no = no || answerNo[w] || negations[w] || noToks30[w]
	}
	if no {
		for p := from; p+1 < to; p++ {
			if t.toks[p].flags&fPunctAfter != 0 && t.clauseOther(p+1, to) {
				return false // "No, you can try again tomorrow, the system is under maintenance": a reason
			}
		}
		return t.retryClause30(from, to)
	}
	return t.goClause30(from, to)
}

// verdictNext30 reports whether the sentence after the one of the yes or
// no words [i, rest), which they fill, carries their verdict on: "Yes! We'll
// text the code in a moment", "No. You'll need to try again".
func (t *text) verdictNext30(i, rest, to int) bool {
	if to >= len(t.toks) || t.okOnly30(i, rest) {
		return false
	}
	_, to2 := t.sentenceOf(to)
	return t.pointsBack30(to, to2) || t.verdictOn30(i, rest, to, to2)
}

// verifyFirst30 reports whether the clause [rest, to) after the yes at i
// puts verification first (deferredAfter) and points at no value: "Yes,
// please verify first and I'll take it from there" answers "can you
// look?", not the value.
func (t *text) verifyFirst30(i, rest, to int) bool {
	if !t.deferredAfter(i) || t.pointsBack30(rest, to) {
		return false
	}
	for k := rest; k < to; k++ {
		if w := string(t.tokBytes(k)); isValueNoun(w) || contactNouns28[w] || t.toks[k].lex&(lxStrong|lxDemo) != 0 || judgeAny[w] || sameWords28[w] || theOnes[w] {
			return false
		}
	}
	return true
}

// stepRescue30 reports whether token k says when or on what condition a
// step happens, or that one comes first: the clause is a process answer.
func (t *text) stepRescue30(k, rest int) bool {
	w := string(t.tokBytes(k))
	if w == "1" {
		// "verify first" reads "verify 1"; "another 1" is a value
		return k > rest && !otherOpeners[string(t.tokBytes(k-1))] && !pointerArticles[string(t.tokBytes(k-1))] &&
			!determiners[string(t.tokBytes(k-1))] && !indefinites28[string(t.tokBytes(k-1))]
	}
	return t.toks[k].lex&lxCond != 0 || processTimes28[w] || beforeWords[w] || whileWords30[w] || firstWords[w] && w != "antes" ||
		w == "soon" && k > rest && string(t.tokBytes(k-1)) == "as"
}

// goClause30 reports whether clause [rest, to) after a yes goes ahead: a
// verb of going on, the next step, the value received at once or as
// planned, nothing to change, keeping it as it is.
func (t *text) goClause30(rest, to int) bool {
	neg, change, keep, asIs, start, forward, cue := false, false, false, false, false, false, false
	need, plan, receive := false, false, false
	for k := rest; k < to; k++ {
		w := string(t.tokBytes(k))
		if t.stepRescue30(k, rest) {
			return false // "once you've verified", "if the SMS doesn't arrive", "verify first"
		}
		prev, next := "", ""
		if k > rest {
			prev = string(t.tokBytes(k - 1))
		}
		if k+1 < to {
			next = string(t.tokBytes(k + 1))
		}
		switch {
		case goVerbs30[w], w == "seguir" || w == "seguimos" || w == "sigue" || w == "siga",
			w == "ahead" && prev == "go", w == "on" && (moveVerbs30[prev]), w == "door" && gaanWords30[prev],
			w == "unit" && (prev == "la" || prev == "a"), w == "frente" && prev == "em", w == "avanti", w == "adelante":
			if goVerbs30[w] && t.ownVerbAfter30(k, to) {
				continue // "continue to use the app", "continuare a usare l'app": a verb of its own
			}
			if w == "seguir" || w == "seguimos" || w == "sigue" || w == "siga" {
				cue = cue || next == "" || next == "adelante" || next == "con" || next == "com" || next == "em" || soonWords30[next]
				continue // "seguir el pedido" tracks an order
			}
			cue = cue || t.lightGo30(k, rest, to)
		case w == "weiter" && next != "unten" && next != "oben", w == "verder":
			cue = cue || t.lightGo30(k, rest, to) // "wir machen weiter", "we gaan verder" (not "ich leite es weiter": forward)
		case (nextWords30[w] && stepWords30[next] || stepWords30[w] && nextWords30[next]) && t.toStep30(k, rest):
			cue = cue || t.lightGo30(k, rest, to) // "move on to the next step", "passer à l'étape suivante" (not "the next step is the ID check")
		case (receiveVerbs30[w] || sendVerbs30[w]) && t.codeAhead30(k, to) && t.soonAhead30(k+1, to):
			cue = true // "you'll get a text shortly"
		case planWords30[w], alwaysWords28[w] && (w != "sempre" && asWords30[prev]), w == "gewoon" && k == to-1:
			plan = true // "wie geplant", "zoals gepland", "wie immer", "u krijgt de levering gewoon"
		case receiveVerbs30[w]:
			receive = true
		case changeVerbs30[w], w == "jour" && prev == "a", w == "passen" && prev == "te":
			change = true
		case needModals30[w]:
			need = true
		case keepVerbs30[w]:
			keep = true
		case w == "as" && (next == "is" || next == "it"), w == "tal" && next == "cual", w == "tel" && next == "quel":
			asIs = true
		case w == "using" && keep:
			asIs = true // "keep using it"
		case startVerbs30[w]:
			start = true
		case forwardVerbs30[w]:
			forward = true
		}
		neg = neg || negations[w] || nothingWords30[w] || w == "dont" || w == "wont" || w == "thing" && prev == "a"
	}
	if start || forward {
		return false // "go ahead and start the verification", "ich leite es weiter"
	}
	return cue || neg && need && change || keep && asIs || plan && receive
}

// retryClause30 reports whether clause [rest, to) after a no sends her to
// try again, to look at her own papers or a more recent one, or says she
// mixed it up; a negated clause ("No, we never check documents by chat")
// and a step's time or condition are no such advice.
func (t *text) retryClause30(rest, to int) bool {
	again, try, check, mine, other, mixed, rescue := false, false, false, false, false, false, false
	for k := rest; k < to; k++ {
		w := string(t.tokBytes(k))
		prev := ""
		if k > rest {
			prev = string(t.tokBytes(k - 1))
		}
		if t.toks[k].lex&lxCond != 0 || processTimes28[w] || beforeWords[w] || neverSet[w] || w != "1" && t.stepRescue30(k, rest) ||
			timeUnits28[w] || unitWords[w] || laterWords30[w] {
			rescue = true // "No, I can't see anything before you verify"
		}
		if negations[w] || w == "dont" || w == "cant" || w == "cannot" || w == "wont" || w == "nunca" || w == "nie" || w == "jamais" || w == "mai" || w == "nooit" {
			if !mixed {
				return false // "No, you're not mistaken", "No, we don't verify by phone"
			}
		}
		switch {
		case againWords30[w], w == "vez" && (prev == "otra" || prev == "outra"), (w == "nuevo" || w == "novo" || w == "nuovo" || w == "nouveau") && (prev == "de" || prev == "di" || prev == "a"),
			w == "eens" && prev == "nog", w == "einmal" && prev == "noch", w == "go" && prev == "another", w == "volver" || w == "tornare", w == "neu" || w == "nieuw" && prev == "het":
			again = true
		case retryVerbs30[w]:
			again, try = true, true
		case tryVerbs30[w]:
			try = true
		case checkVerbs30[w]:
			check = true
		case mixedWords30[w], w == "up" && prev == "mixed":
			mixed = true
		case recentWords30[w]:
			other = true // "a more recent bill"
		case otherOpeners[w]:
			other = other || t.otherValue30(k, to) // "con otro", "with another one", not "another browser"
		case paperWords30[w] || oldWords30[w]:
			mine = true // "check your paperwork", "vos anciens courriers" (not "your spam folder")
		}
	}
	if mixed {
		for k := rest; k < to; k++ {
			if w := string(t.tokBytes(k)); w != "1" && (t.toks[k].flags&fNumber != 0 || isDigit(w[0])) || otherThings[w] {
				mixed = false // "you've mixed up two orders; order 4471 was the shoes": other things
			}
		}
	}
	if rescue {
		return mixed // "No, si sarà sbagliata": "si" is no "if" there
	}
	return again && (try || check || !t.weStep30(rest, to)) || try && other || check && (mine || again) || mixed || other && t.needsOne30(rest, to)
}

// ownVerbAfter30 reports whether the verb of going on at k leads a verb of
// its own: "a" or "à" ("continue to") before a word that is no article,
// or a gerund ("continue using the app", "continuer à utiliser", "continuar
// usando").
func (t *text) ownVerbAfter30(k, to int) bool {
	if k+1 >= to {
		return false
	}
	n := string(t.tokBytes(k + 1))
	if strings.HasSuffix(n, "ing") || strings.HasSuffix(n, "ndo") {
		return true
	}
	return (n == "to" && string(t.tokBytes(k)) == "continue" || n == "a" || n == "de") && k+2 < to && !definites[string(t.tokBytes(k+2))] &&
		!nextWords30[string(t.tokBytes(k+2))] && !stepWords30[string(t.tokBytes(k+2))] && !t.isEmoji(k+2)
}

// otherValue30 reports whether "other" at k is another value: it ends its
// clause, or a value noun, "one" or a verb follows ("puede intentarlo con
// otro", "met een ander proberen"); "een andere browser" is another
// thing.
func (t *text) otherValue30(k, to int) bool {
	if k+1 >= to || t.toks[k].flags&fPunctAfter != 0 {
		return true
	}
	n := string(t.tokBytes(k + 1))
	return isValueNoun(n) || contactNouns28[n] || paperWords30[n] || n == "1" || tryVerbs30[n] || retryVerbs30[n] || checkVerbs30[n]
}

// toStep30 reports whether the step words at k follow a preposition of
// going to, right before them or before their article: "to the next
// step", "à l'étape suivante", "al siguiente paso", "naar de volgende
// stap", "mit dem nächsten Schritt".
func (t *text) toStep30(k, rest int) bool {
	for j := k - 1; j >= rest && j >= k-2; j-- {
		if w := string(t.tokBytes(j)); stepPreps30[w] {
			return true
		} else if !definites[w] && w != "dem" && w != "den" {
			return false
		}
	}
	return false
}

// weStep30 reports whether [rest, to) is a step of the business ("we'll
// send it again"): a first person or a first person plural future in
// the clause; "again" there is no retry of hers.
func (t *text) weStep30(rest, to int) bool {
	for k := rest; k < to; k++ {
		if w := string(t.tokBytes(k)); weWords30[w] || futureForm28(w) {
			return true
		}
	}
	return false
}

// needsOne30 reports whether clause [rest, to) has her need or fetch the
// other value: "you'll need a more recent bill".
func (t *text) needsOne30(rest, to int) bool {
	for k := rest; k < to; k++ {
		if w := string(t.tokBytes(k)); needWords30[w] || checkVerbs30[w] {
			return true
		}
	}
	return false
}

// codeAhead30 reports whether the verb of sending or receiving at k is
// about the code: it says so itself ("text") or a word for the code, or
// "the mail", follows ("we'll send the SMS shortly", "vous recevrez le
// mail tout de suite"; not "I'll send the label now", "you'll get an
// email shortly with the return label", "die Rechnung per E-Mail").
func (t *text) codeAhead30(k, to int) bool {
	if w := string(t.tokBytes(k)); w == "text" || w == "sms" {
		return true
	}
	for j := k + 1; j < to; j++ {
		w := string(t.tokBytes(j))
		if codeNouns30[w] ||
			(w == "mail" || w == "email") && definites[string(t.tokBytes(j-1))] {
			return true
		}
	}
	return false
}

// lightGo30 reports whether the comma clause of the go-ahead cue at k
// holds nothing but the go-ahead: the person, a modal, the step, the
// verification, "now" ("you can go ahead", "wir können mit dem nächsten
// Schritt weitermachen", "puede seguir con la verificación"); a task of
// its own ("continue shopping", "proceed with the return on our
// website", "continuer vos achats") makes it a process answer.
func (t *text) lightGo30(k, rest, to int) bool {
	from, end := k, k+1
	for from > rest && t.toks[from-1].flags&fPunctAfter == 0 {
		from--
	}
	for end < to && t.toks[end-1].flags&fPunctAfter == 0 {
		end++
	}
	for j := from; j < end; j++ {
		w := string(t.tokBytes(j))
		if !goLight30[w] && !goVerbs30[w] && !stepWords30[w] && !nextWords30[w] && !processNouns30[w] && !soonWords30[w] &&
			!isValueNoun(w) && !contactNouns28[w] && !youSubjects23[w] && !youModals23[w] && !processCues28[w] && !weWords30[w] &&
			!definites[w] && !t.isEmoji(j) {
			return false
		}
	}
	return true
}

// soonAhead30 reports whether a word of "at once" or a short time follows
// in [from, to): "shortly", "in a moment", "gleich", "tout de suite",
// "en un minuto".
func (t *text) soonAhead30(from, to int) bool {
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		prev := ""
		if k > from {
			prev = string(t.tokBytes(k - 1))
		}
		if soonWords30[w] || w == "ja" && k == to-1 && k > from || w == "unit" && prev == "de" || (w == "2" || minuteWords30[w]) && oneWords30[prev] || w == "away" && prev == "right" ||
			w == "now" {
			return true
		}
	}
	return false
}

// pointsBack30 reports whether clause [rest, to) names the value as the
// one she gave ("the number you just typed", "the mobile you just read
// out") or ends on a pointer after a preposition ("log in with it",
// "verify with that").
func (t *text) pointsBack30(rest, to int) bool {
	gave := true
	for k := rest; k < to; k++ {
		if notedWords30[string(t.tokBytes(k))] || t.stepRescue30(k, rest) {
			gave = false // "I've noted the number you gave me", "to the address you gave once you're verified"
		}
	}
	for k := rest; gave && k+2 < to; k++ {
		if w := string(t.tokBytes(k)); (isValueNoun(w) || contactNouns28[w]) && t.youGave30(k+1, to) {
			return true
		}
	}
	use := false
	for k := rest; k < to; k++ {
		use = use || useWords30[string(t.tokBytes(k))]
	}
	if !use {
		return false // "Yes, I can help you with that", "I'm working on it"
	}
	last := string(t.tokBytes(to - 1))
	if to-2 >= rest && withPreps30[string(t.tokBytes(to-2))] && (last == "it" || last == "that" || t.toks[to-1].lex&lxDemo != 0) {
		return true // "No, you can't verify with that"
	}
	for k := rest + 1; k+1 < to; k++ {
		if string(t.tokBytes(k)) == "it" && withPreps30[string(t.tokBytes(k-1))] {
			return true // "all future codes on it"
		}
	}
	return false
}

// youGave30 reports whether a relative clause of the person addressed
// giving the value opens at token k: "you just typed", "que vous m'avez
// donné", "die Sie angegeben haben", "dat u heeft opgegeven".
func (t *text) youGave30(k, to int) bool {
	if k < to && relWords30[string(t.tokBytes(k))] {
		k++
	}
	if k >= to || !youSubjects23[string(t.tokBytes(k))] {
		return false
	}
	for j := k + 1; j < to && j <= k+4; j++ {
		if gaveVerbs30[string(t.tokBytes(j))] {
			return true
		}
	}
	return false
}

// courtesy30 reports whether tokens [from, to) are only words of thanks,
// greeting, good wishes or an offer of more help (and emoji), with at
// least one anchor of them.
func (t *text) courtesy30(from, to int) bool {
	anchor := false
	for k := from; k < to; k++ {
		if t.isEmoji(k) {
			continue
		}
		w := string(t.tokBytes(k))
		vocab, fill := t.fillCourtesyAt38(k, from) // "Yes! Great, perfect, safe travels" (verdictfill38.go)
		if !courtesyVocab30[w] && !vocab {
			return false
		}
		anchor = anchor || courtesyAnchors30[w] || fill
	}
	return anchor
}

// courtesyAfter30 reports whether every sentence from token from to the
// end of the text is courtesy30: "Yes. Thanks. Have a nice day!"
func (t *text) courtesyAfter30(from int) bool {
	if from >= len(t.toks) {
		return false
	}
	for k := from; k < len(t.toks); {
		_, to := t.sentenceOf(k)
		if to <= k || !t.courtesy30(k, to) {
			return false
		}
		k = to
	}
	return true
}

// processTrait30 reports whether clause [rest, to) says what a process is
// like: a copula or a verb of working, a word of a process's trait or of
// how it works in its first five tokens, or a process's thing (the code,
// the link) as its subject, and no value noun, judging word or "the one"
// ("Yes, it's free", "Sì, funziona così", "Ja, das ist der übliche
// Ablauf", "the code is six digits long"; not "Yes, it's the right one").
func (t *text) processTrait30(rest, to int) bool {
	if t.policy23v(rest, to) {
		return true // "That's right, we text a code before any SIM change" (policy23v.go)
	}
	trait, verb, thing := false, false, false
	first := rest
	for k := rest; k < to; k++ {
		w := string(t.tokBytes(k))
		if answerYes[w] || answerNo[w] {
			first = k + 1
			continue // "Yes, exactly, that's the usual wait"
		}
		if t.toks[k].lex&lxDemo != 0 && k > first && t.toks[k-1].lex&lxCopula == 0 || k == to-1 && t.toks[k].lex&lxEndRef != 0 && !hereWords[w] {
			return false // "o código foi para esse", "il link è arrivato lì"
		}
		if isValueNoun(w) || contactNouns28[w] || w == "1" && !trait && !thing || t.toks[k].lex&lxStrong != 0 && !traitWords30[w] || judgeAny[w] && !traitWords30[w] {
			return false
		}
		if k < first+5 && (traitWords30[w] && (w != "sur" || k == to-1) || worksVerbs30[w]) {
			trait = true
		}
		if k <= first+1 && processNouns30[w] && (k == first || definites[string(t.tokBytes(k-1))]) {
			thing = true // "the code is six digits long"
		}
		verb = verb || t.toks[k].lex&lxCopula != 0 || worksVerbs30[w]
	}
	return (trait || thing) && verb
}

// words of verdict30 (normalised)
var (
	noToks30 = normSet("nada", "niente", "nenhum", "afraid", "sadly", "hélas", "lamentablemente", "purtroppo", "helaas",
		"infelizmente", "leider", "malheureusement", "desgracia", "nope", "nö")
	goVerbs30 = normSet("proceed", "continue", "fortfahren", "weitermachen", "fortsetzen", "continuer", "poursuivre",
		"avancer", "continuar", "continuamos", "continuemos", "avanzar", "proseguir", "proseguire", "procedere",
		"continuare", "continuiamo", "proseguiamo", "doorgaan", "prosseguir", "avançar", "skip", "passons")
	moveVerbs30 = normSet("move", "moving", "carry", "carrying")
	gaanWords30 = normSet("gaan", "gaat", "ga")
	nextWords30 = normSet("next", "nächsten", "nächste", "suivante", "siguiente", "successivo", "prossimo", "próximo",
		"volgende", "seguinte")
	stepWords30    = normSet("step", "schritt", "étape", "paso", "passo", "stap", "fase", "stage")
	receiveVerbs30 = normSet("get", "receive", "erhalten", "bekommen", "recevrez", "recevoir", "recibirá", "recibir",
		"riceverà", "ricevere", "ontvangt", "krijgt", "ontvangen", "receber", "receberá", "come", "arrive", "kommt",
		"arrivera", "llegará", "arriverà", "komt", "chegará",
	)
	// sendVerbs30 send at once: "we'll text the code in a moment"
	sendVerbs30 = normSet("text", "send", "sms", "call", "schicken", "senden", "envoyer", "envoie", "enviar", "enviamos", "inviare", "inviamo",
		"sturen", "sturen", "enviamos", "mandar", "mandamos")
	soonWords30 = normSet("shortly", "soon", "moment", "sec", "gleich", "sofort",
		"enseguida", "ahora", "subito", "momento", "meteen", "straks", "breve",
		"immédiatement", "inmediatamente", "immediatamente", "onmiddellijk", "imediatamente")
	minuteWords30 = normSet("minute", "minuto", "minuut", "minuta")
	oneWords30    = normSet("a", "one", "un", "uno", "um", "een", "einer", "1")
	needModals30  = normSet("need", "needs", "have", "must", "mussen", "müssen", "brauchen", "devrez", "devez", "aurez",
		"tendrá", "tiene", "dovrà", "deve", "hoeft", "hoeven", "tem", "tens", "moet", "moeten", "muss", "musst",
		"doit", "devez", "dois", "devi", "debe", "deberá", "dovete", "precisar", "precisa", "necesita", "necesitará", "serve", "à", "faut", "hace", "falta")
	asWords30     = normSet("as", "wie", "comme", "zoals")
	planWords30   = normSet("planned", "geplant", "gepland", "prévu", "previsto", "prevista")
	changeVerbs30 = normSet("change", "update", "modify", "adjust", "correct", "edit", "ändern", "anpassen",
		"aktualisieren", "korrigieren", "changer", "modifier", "corriger", "cambiar", "modificar", "actualizar",
		"corregir", "cambiare", "modificare", "aggiornare", "correggere", "wijzigen", "aanpassen", "veranderen",
		"bijwerken", "alterar", "mudar", "atualizar", "corrigir")
	keepVerbs30    = normSet("keep", "behalten", "garder", "conservar", "mantener", "mantenere", "houden", "behouden", "manter")
	startVerbs30   = normSet("start", "begin", "starten", "beginnen", "commencer", "démarrer", "empezar", "comenzar", "iniciar", "iniziare", "cominciare", "começar")
	forwardVerbs30 = normSet("leite", "leiten", "leitet", "gebe", "reiche", "helfe", "helfen", "hilft", "help", "helpen", "forward")
	nothingWords30 = normSet("nothing", "nichts", "rien", "nada", "nulla", "niente", "niks", "niets", "never")
	againWords30   = normSet("again", "nochmal", "nochmals", "erneut", "opnieuw", "nogmaals", "novamente", "anew")
	retryVerbs30   = normSet("retry", "redo", "réessayer", "recommencer", "riprovare", "ricominciare", "recomeçar",
		"repetir", "repetirlo", "ripetere", "reintentar", "ricontrollare", "herhalen", "riprovi", "réessayez",
		"reintente", "recommencez", "ricominci", "recomece")
	tryVerbs30 = normSet("try", "versuchen", "probieren", "essayer", "intentar", "intentarlo", "provare", "proberen",
		"tentar", "probar", "inténtelo", "intentelo", "probeer", "tente", "pruebe", "provi", "essayez", "versuchen")
	checkVerbs30 = normSet("check", "verify", "look", "dig", "review", "nachsehen", "nachschauen", "prüfen",
		"überprüfen", "ansehen", "schauen", "vérifier", "chercher", "regarder", "revisar", "buscar", "mirar",
		"controllare", "cercare", "guardare", "verificare", "nakijken", "kijken", "controleren", "verificar", "procurar",
		"consultar", "ver",
		// the polite imperative: "revise sus facturas", "regardez dans vos courriels", "kijk in uw brieven"
		"revise", "revisa", "regardez", "vérifiez", "cherchez", "controlli", "controlla", "guardi", "verifichi", "cerchi",
		"kijk", "controleer", "veja", "verifique", "procure", "schauen", "prüfen", "sehen")
	mixedWords30 = normSet("mistaken", "confused", "vertan", "geirrt", "vertippt", "verwechselt", "tromper", "trompé",
		"trompée", "equivocado", "equivocada", "equivocó", "sbagliata", "sbagliato", "confusa", "confuso", "vergist",
		"enganado", "enganada", "enganou", "enganar", "sbagliare", "equivocarse", "mixed")
	recentWords30 = normSet("recent", "newer", "latest", "récent", "récente", "reciente", "recente", "recentere",
		"nieuwere", "aktuellere", "neuere", "neueren", "aktuelleren")
	yourMore30   = normSet("vos", "sus", "suoi", "sue", "seus", "suas", "uw", "ihre", "ihren", "ihrer", "your", "deine", "tes", "tus")
	paperWords30 = normSet("paperwork", "papers", "documents", "contract", "bill", "lease", "letters", "unterlagen",
		"vertrag", "mietvertrag", "rechnung", "post", "papiers", "contrat", "courriers", "factures", "facture",
		"datos", "contrato", "facturas", "documentos", "contratto", "documenti", "fatture", "fattura", "papieren",
		"huurcontract", "rekening", "documenten", "fatura", "faturas", "cartão")
	weWords30   = normSet("we", "wir", "nous", "on", "noi", "wij", "nós", "i", "ich", "je", "yo", "io", "ik", "eu")
	needWords30 = normSet("need", "brauchen", "besoin", "necesitará", "necesita", "servirà", "nodig", "precisar", "precisa", "dig", "faudra", "faut",
		"servira", "serve", "brauchen", "brauchen", "necesitara", "precisará")
	gaveVerbs30 = normSet("typed", "read", "gave", "given", "said", "entered", "mentioned", "wrote", "written",
		"provided", "shared", "angegeben", "genannt", "eingegeben", "geschrieben", "indiqué", "donné", "écrit", "saisi",
		"dado", "dio", "escrito", "indicado", "dato", "scritto", "indicato", "gegeven", "genoemd", "ingevuld",
		"opgegeven", "deu", "escreveu", "indicou", "digitou", "tecleado")
	notedWords30 = normSet("noted", "notiert", "vermerkt", "noté", "note", "anotado", "anotada", "anotei", "annotato",
		"annotata", "genoteerd", "logged", "recorded", "saved")
	whileWords30 = normSet("while", "meanwhile", "während", "pendant", "mientras", "mentre", "terwijl", "enquanto")
	stepPreps30  = normSet("to", "onto", "a", "al", "ao", "à", "naar", "zum", "zur", "mit", "met", "with", "con", "com")
	oldWords30   = normSet("old", "older", "alten", "alte", "anciens", "anciennes", "antiguas", "antiguos", "vecchie",
		"vecchi", "oude", "antigos", "antigas", "mails", "emails", "courriels", "correos", "post", "brieven", "cartas", "lettere")
	// useWords30 use a value: logging in, verifying, paying, getting codes with it.
	useWords30 = normSet("log", "login", "sign", "verify", "pay", "use", "codes", "code", "register", "anmelden",
		"einloggen", "verifizieren", "bezahlen", "zahlen", "nutzen", "verwenden", "connecter", "vérifier", "payer",
		"utiliser", "iniciar", "verificar", "pagar", "usar", "accedere", "verificare", "pagare", "usare", "utilizzare",
		"inloggen", "verifiëren", "betalen", "gebruiken", "entrar", "utilizar", "codigos", "codes", "codici")
	codeNouns30  = normSet("code", "codes", "link", "sms", "text", "message", "codigo", "codice", "lien", "enlace", "verificatie")
	laterWords30 = normSet("later", "tomorrow", "später", "morgen", "demain", "tard", "mañana", "tarde", "domani", "tardi",
		"amanhã", "straks", "afterwards")
	// goLight30 may stand in a go-ahead clause besides the person, a modal
	// and the step.
	goLight30 = normSet("go", "ahead", "on", "move", "carry", "let", "lets", "us", "feel", "free", "to", "with", "now",
		"right", "just", "then", "please", "simply", "ok", "jetzt", "gleich", "direkt", "sofort", "dann", "bitte", "einfach",
		"mit", "dem", "zum", "zur", "weiter", "machen", "gehen", "durfen", "maintenant", "tout", "de", "a", "au", "l",
		"suite", "alors", "passer", "passons", "passe", "allons", "on", "ahora", "ya", "enseguida", "al", "con", "pasar",
		"pasamos", "seguir", "seguimos", "adelante", "entonces", "ir", "vamos", "ora", "adesso", "subito", "allora",
		"passare", "passiamo", "andare", "andiamo", "avanti", "nu", "meteen", "direct", "dan", "naar", "met", "verder",
		"door", "gaan", "ga", "gerust", "agora", "ja", "entao", "ao", "passar", "passamos", "em", "frente", "favor", "por",
		"per", "favore", "svp", "tick", "box", "off", "skip", "rest", "resto", "reste", "it", "all", "set", "that", "this",
		// "may" and "mag" read as the month (m05)
		"m05")
	relWords30   = normSet("that", "which", "que", "qui", "che", "die", "dat", "den", "welche")
	withPreps30  = normSet("with", "on", "to", "mit", "auf", "avec", "sur", "con", "su", "com", "met", "op")
	traitWords30 = normSet("normal", "free", "quick", "fast", "safe", "secure", "usual", "standard", "gratuit", "gratuite",
		"sûr", "rapide", "sécurisé", "normale", "gratuito", "gratuita", "seguro", "segura", "rápido", "rápida",
		"sicuro", "sicura", "veloce", "gratis", "kostenlos", "sicher", "schnell", "üblich", "übliche", "üblichen",
		"normaal", "veilig", "snel", "simple", "easy", "einfach", "leicht", "facile", "sencillo", "fácil",
		"semplice", "eenvoudig", "makkelijk", "simples", "gebruikelijk", "habitual", "solito", "ablauf", "procedure", "procédure",
		"procedimiento", "procedura", "procedimento", "procedure", "kostenlose", "gratuits", "gratuites")
	processNouns30 = normSet("code", "link", "sms", "verification", "refund", "codigo", "codice", "lien", "enlace",
		"verifizierung", "bestatigung", "verificacion", "verifica", "verificatie", "verificacao", "erstattung",
		"remboursement", "reembolso", "rimborso", "terugbetaling")
	worksVerbs30 = normSet("hacemos", "works", "work", "funktioniert", "fonctionne", "funciona", "funziona", "werkt")

	// courtesyAnchors30 are the words a courtesy sentence turns on;
	// courtesyVocab30 all the words it may hold.
	courtesyAnchors30 = normSet("thanks", "thank", "thx", "cheers", "danke", "dank", "merci", "gracias", "grazie",
		"bedankt", "obrigado", "obrigada", "ringrazio", "patience", "geduld", "paciencia", "paciência", "pazienza",
		"day", "evening", "weekend", "wochenende", "semana", "settimana", "tag", "abend", "journée", "soirée", "día", "dia", "tardes", "giornata", "serata", "dag",
		"avond", "tarde", "else", "sonst", "chose", "más", "altro", "iets", "coisa", "waiting", "warten", "wachten",
		"attesa", "aguardar", "esperar", "patienté", "hésitez", "avíseme", "weten", "melden", "wait", "wartezeit",
		"attente", "espera")
	courtesyVocab30 = normVocab(
		"thanks thank you thx cheers many thanks for your the patience waiting reaching out message writing to us",
		"have a nice great good lovely day evening morning afternoon weekend anything else i can help with",
		"schönes wochenende bon week-end buen fin de semana buon fine settimana fijn weekend bom fim de semana",
		"let me know if you need is there and",
		"danke vielen dank schön fürs für ihre ihr ihnen das warten geduld nachricht schönen tag noch einen abend",
		"kann ich sonst helfen melden sie sich gern gerne wenn etwas ist noch",
		"merci beaucoup pour votre patience message bonne journée soirée autre chose n'hésitez pas si vous avez besoin d'autre d'avoir patienté",
		"gracias muchas por su paciencia esperar escribirnos que tenga un buen día buenas tardes algo más avíseme si necesita",
		"grazie mille per la pazienza l'attesa averci scritto buona giornata serata mi faccia sapere se le serve altro ringrazio",
		"bedankt dank voor uw geduld het wachten bericht hartelijk fijne dag avond nog iets laat weten als u nodig heeft",
		"obrigado obrigada muito pela paciência por aguardar mensagem bom dia boa tarde mais alguma coisa diga-me se precisar de",
		// "and", the articles, apologies for the wait
		"and und et y e en een ein eine einen un una um uma fim sorry for the wait entschuldigen sie die wartezeit désolé pour l'attente",
		"perdone la espera scusi per l'attesa sorry voor het wachten desculpe a espera",
	)
)

// faceEmoji30 reports whether r is a face emoji (the text view drops it):
// between two words it is a mark, as a comma is.
func faceEmoji30(r rune) bool {
	return r >= 0x1F600 && r <= 0x1F64F || r >= 0x1F910 && r <= 0x1F92F || r >= 0x1F970 && r <= 0x1F97A || r == 0x2639 || r == 0x263A
}

// faceInside30 reports whether a face emoji stands inside the phrase at
// [start, end) of the view: "No 🙁 Thanks" is no "no thanks".
func (t *text) faceInside30(start, end int) bool {
	for k := t.tokenAt(start); k >= 0 && k < len(t.toks) && int(t.toks[k].end) < end-1; k++ {
		if t.toks[k].flags&fFaceAfter != 0 {
			return true
		}
	}
	return false
}

// yesPunct30 and noPunct30 are yes and no forms that answer when a mark
// sets them off: "Es stimmt.", "Es la buena.", "Infatti, ...", "Sì sì, ...", "Afraid not, ...",
// "Leider nicht, ..." ("leider nicht möglich" is no answer).
var (
	yesPunct30 = []string{"es stimmt", "es la buena", "es el bueno", "es la correcta", "es el correcto", "infatti", "bien sûr", "sì sì", "sí sí", "sim sim", "oui oui"}
	noPunct30  = []string{"afraid not", "i'm afraid not", "sadly not", "unfortunately not", "leider nicht", "helaas niet",
		"hélas non", "por desgracia no", "desgraciadamente no", "nada disso", "errato", "errata", "pas correct",
		"non corretto", "niet correct", "não correto", "no correcto", "verkeerd", "purtroppo no", "malheureusement non"}
)
