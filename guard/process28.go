package guard

// Yes and no that answer a process or policy question, not the offered
// value (guard21): "Yes, we'll block the card as soon as you've
// verified", "Sí, podrá cambiar la dirección tras verificarse", "Ja, u
// ontvangt een e-mail in de mailbox die aan het account gekoppeld is",
// "Yes, when you change phones we start recovery through the e-mail on
// file", "No, we can't redirect the card over the phone", "No, we never
// ask for the full card number". A yes or no word whose sentence goes on
// with a cue of process — a modal or the future ("will", "peut",
// "podrá", "bloquerons", "vai"), a time of the process ("once", "sobald",
// "après", "tras", "dopo", "zodra", "assim que", "when"), a generic
// "always" or "never", a rule ("only", "by phone"), what she will
// receive, or a note taken — says what happens, not whether her value is
// right. The sentence must not point at or restate the value: a
// demonstrative ("we'll send the code to that number"), a judging word
// or "the one", "same", a place at the end ("there"), "as you said", a
// value stated as registered ("the number is on file"), or a verb of
// confirming or seeing that is not the step of the process ("Yes, I can
// confirm the number"). Acting on the offered value stays a confirmation.

// processClause reports whether the clause [rest, to) after a yes or no
// word holds a cue of process and points at no value.
func (t *text) processClause(rest, to int) bool {
	if rest >= to || t.saidTail(rest, to) < to {
		return false // "Yes, as you said, we'll send it"
	}
	cue, timed := false, false
	for k := rest; k < to; k++ {
		w := string(t.tokBytes(k))
		lx := t.toks[k].lex
		next, prev := "", ""
		if k+1 < to {
			next = string(t.tokBytes(k + 1))
		}
		if k > rest {
			prev = string(t.tokBytes(k - 1))
		}
		switch {
		case lx&lxStrong != 0 && !otherOpeners[w], sameWords28[w]:
			return false // "it's the one we have", "it's the same"
		case (otherOpeners[w] || lx&lxStrong != 0) && !t.ruleCue28(rest, to):
			return false // "No, you'll need another address"
		case (lx&lxDemo != 0 || demoMore28[w]) && t.demoPoints28(k, rest, to), w == "thats" || w == "cest":
			return false // "we'll send the code to that number"
		case k == to-1 && lx&lxEndRef != 0 && !hereWords[w]:
			return false // "we'll send it there"
		case copulaWords[w] && t.stateAhead28(k, to):
			return false // "the number is registered, we'll send the code"
		case theOnes[w], t.toks[k].flags&fNumber != 0 && !unitWords[next] && !timeUnits28[next],
			(w == "it" || pointerPronouns[w] || itWords[w]) && k > rest && (toWords[prev] || destWords[prev] || prev == "on" || prev == "auf"):
			return false // "celle de Paris", "the one ending 90", "we'll send the code to it"
		case judgeAny[w] && !otherOpeners[w] && !answerYes[w] && !answerNo[w], matchWords28[w], w == "die" && next == "van":
			return false // "de geboortedatum komt overeen, ...", "die van het account"
		case k <= rest+1 && lx&lxRef != 0 && !isValueNoun(w) && lx&(lxCard|lxPhone) == 0 && !otherOpeners[w] && lx&lxStrong == 0 && lx&lxDemo == 0:
			return false // "Sí, así es, ...", "Yes, on file, ..."
		case isMonthTok(t.tokBytes(k)), k <= rest+1 && yourWords28[w] && (contactNouns28[next] || emailNouns[next]):
			return false // "a birthday coupon in November", "your number will get the code"
		case seeVerbs[w] && !timed:
			return false // "Yes, I can confirm the number"
		}
		if processTimes28[w] || w == "as" && next == "soon" || everyWords28[w] && timeWords28[next] || (w == "des" || w == "tan") && next == "que" ||
			(w == "en" || w == "non" || w == "assim") && (next == "cuanto" || next == "appena" || next == "que") {
			timed, cue = true, true
		}
		cue = cue || processCues28[w] || neverSet[w] || alwaysWords28[w] && !t.stillAfter28(k, rest) || futureForm28(w) ||
			viaWords28[w] && phoneWords28[next] || w == "telefonisch"
	}
	return cue
}

// ruleCue28 reports whether [rest, to) states a rule: a negated modal,
// "never" or a channel, and no "only" (which makes another value the one) ("No, the refund can't go to another
// card", "No, we can't send it to a different address over the phone").
func (t *text) ruleCue28(rest, to int) bool {
	ne := false
	for k := rest; k < to; k++ {
		w := string(t.tokBytes(k))
		if onlyWords[w] || ne && (w == "que" || w == "qu") {
			return false // "No, the code can only go to another number": hers is not the one
		}
		ne = ne || w == "ne"
	}
	for k := rest; k < to; k++ {
		w := string(t.tokBytes(k))
		next := ""
		if k+1 < to {
			next = string(t.tokBytes(k + 1))
		}
		if neverSet[w] || w == "cant" || w == "cannot" || w == "telefonisch" || viaWords28[w] && phoneWords28[next] ||
			negations[w] && k > rest && processCues28[string(t.tokBytes(k-1))] {
			return true
		}
		if (negations[w] || w == "ne") && processCues28[next] {
			return true
		}
	}
	return false
}

// demoPoints28 reports whether demonstrative k points at the value: at
// the head of the answer, before a value noun, "one" or a copula, or at
// the end ("Sí, esa", "Ja, an diese Nummer", "c'est la bonne"). "das",
// "dat", "that" and "esta" further on before another word are an
// article, a conjunction or a verb ("No, we never ask that you read out
// the number").
func (t *text) demoPoints28(k, rest, to int) bool {
	if k == rest || k == to-1 || !ambiguousDemos28[string(t.tokBytes(k))] && !demoMore28[string(t.tokBytes(k))] {
		return true
	}
	n := string(t.tokBytes(k + 1))
	return isValueNoun(n) || copulaWords[n] || n == "1" || n == "one"
}

// stateAhead28 reports whether copula k says a value is on record or is
// one: a word of the record or a value noun within three tokens after it
// ("is registered", "ist hinterlegt", "es la tarjeta", "staat
// geregistreerd"); "die aan het account gekoppeld is" ends on its copula.
func (t *text) stateAhead28(k, to int) bool {
	for j := k + 1; j < to && j <= k+3; j++ {
		x := string(t.tokBytes(j))
		if registeredWords[x] || stateWords28[x] || accountWords[x] {
			return true
		}
		if isValueNoun(x) || x == "1" {
			return true // "es la tarjeta", "it's a different address"
		}
		if !determiners[x] && !otherOpeners[x] && !indefinites28[x] && !negations[x] && !stillWords28[x] && !alwaysWords28[x] {
			return false // "é feita pelo e-mail da conta": a step
		}
	}
	return false
}

// futureForm28 reports whether w (normalised) is a first person plural
// future in French, Spanish, Portuguese or Italian: "bloquerons",
// "enviaremos", "bloccheremo".
func futureForm28(w string) bool {
	n := len(w)
	return n >= 8 && (w[n-4:] == "rons" && w[n-5] != 'r' || w[n-5:] == "remos" || w[n-4:] == "remo") && !notFuture28[w]
}

// Words of a process answer (normalised).
var (
	// processCues28: modals, the future, receiving, noting.
	processCues28 = set("will", "well", "ill", "youll", "theyll", "itll", "shall", "wont", "can", "cant", "cannot",
		"could", "may", "must", "need", "needs", "able", "get", "receive", "noted", "logged",
		"wird", "werden", "wirst", "kann", "kannst", "konnen", "konnt", "darf", "darfst", "durfen", "muss", "mussen",
		"musst", "soll", "sollen", "erhalten", "bekommen", "notiert", "vermerkt",
		"peut", "peuvent", "pouvons", "pouvez", "pourra", "pourrez", "pourrons", "pourront", "doit", "doivent",
		"devons", "devez", "va", "vont", "allons", "allez", "sera", "seront", "recevrez", "recevra", "note",
		"puede", "pueden", "podemos", "podra", "podran", "podremos", "debe", "deben", "vamos", "recibira",
		"recibiran", "recibe", "anotado", "anotada",
		"puo", "possono", "possiamo", "potra", "potranno", "potremo", "deve", "devono", "dobbiamo", "sara",
		"saranno", "ricevera", "riceve", "annotato", "annotata",
		"kan", "kunnen", "kunt", "mag", "mogen", "moet", "moeten", "zal", "zullen", "zult", "gaat", "gaan",
		"ontvangt", "ontvangen", "krijgt", "genoteerd", "llegara", "llegaran", "arrivera", "arriveront", "arriveranno",
		"chegara", "chegarao", "enviara", "enviera", "inviera",
		"pode", "podem", "podera", "poderao", "vai", "vao", "devem", "recebera", "recebe", "anotei")
	// processTimes28 say when a step happens.
	processTimes28 = set("once", "after", "when", "sobald", "nach", "nachdem", "wenn", "apres", "quand", "lorsque",
		"tras", "despues", "cuando", "dopo", "quando", "zodra", "nadat", "als", "depois", "until", "bis",
		"jusqu", "hasta", "finche", "totdat", "ate", "whenever", "telkens", "sempreque")
	// everyWords28 and timeWords28 say "every time": "chaque fois", "cada vez", "ogni volta".
	everyWords28  = set("every", "each", "jedes", "chaque", "cada", "ogni", "elke", "iedere")
	timeWords28   = set("time", "mal", "fois", "vez", "volta", "keer")
	alwaysWords28 = set("always", "immer", "toujours", "siempre", "sempre", "altijd")
	sameWords28   = set("same", "dieselbe", "derselbe", "dasselbe", "gleiche", "meme", "misma", "mismo", "stesso",
		"stessa", "dezelfde", "hetzelfde", "mesma", "mesmo")
	viaWords28   = set("over", "by", "par", "por", "per", "via", "am", "al", "pelo")
	phoneWords28 = set("phone", "telephone", "telefon", "telefono", "telefoon", "telefone", "chat")
	// stateWords28 say a value is on record or right, besides
	// registeredWords.
	stateWords28     = set("hinterlegt", "gespeichert", "enregistre", "enregistree", "geregistreerd", "bekend", "saved", "stored", "ours")
	ambiguousDemos28 = set("das", "dat", "that", "esta", "ce", "ces")
	// demoMore28 point before a noun, besides demonstratives: "a quel
	// numero", "à ce numéro", "para aquele cartão".
	demoMore28    = set("quel", "quei", "quegli", "ce", "cet", "cette", "ces", "aquel", "aquella", "aquele", "aquela", "diesem", "diesen", "desse", "dessa", "nesse", "nessa", "neste", "nesta", "deste", "desta")
	indefinites28 = set("a", "an", "un", "une", "ein", "eine", "einer", "een", "um", "uma", "uno", "una", "other", "another")
	notFuture28   = set("extremos", "estremo", "supremo", "environs")
)

// processAfterWord28 reports whether the sentence [from, to) opens with a
// yes or no word set off by a mark and goes on as processClause reads.
func (t *text) processAfterWord28(from, to int) bool {
	w := string(t.tokBytes(from))
	return from+1 < to && t.toks[from].flags&fPunctAfter != 0 && (answerYes[w] || answerNo[w]) && t.processClause(from+1, to)
}

// sentenceEnd28 returns the end of the sentence of token k.
func (t *text) sentenceEnd28(k int) int {
	_, to := t.sentenceOf(k)
	return to
}

// ruleAnswer28 reports whether the sentence of token i, after a yes or no
// word if one opens it, states a rule of the business (processClause and
// ruleCue28): "another card" or "a different address" in "No, the refund
// can't go to another card", "Nein, wir können die Karte nicht
// telefonisch an eine andere Adresse umleiten" denies nothing of hers.
func (t *text) ruleAnswer28(i int) bool {
	if t.policyAt23v(i) {
		return true // "No, a backup card is never charged without notice" (policy23v.go)
	}
	from, to := t.sentenceOf(i)
	if w := string(t.tokBytes(from)); from+1 < to && t.toks[from].flags&fPunctAfter != 0 && (answerYes[w] || answerNo[w]) {
		from++
	}
	return t.ruleCue28(from, to) && t.processClause(from, to)
}

// stillAfter28 reports whether the word for "always" at k follows a
// copula or a verb of standing within three tokens: "est toujours
// enregistré", "staat er nog altijd in" say "still", a state of the
// record, not a rule.
func (t *text) stillAfter28(k, rest int) bool {
	for j := k - 1; j >= rest && j >= k-3; j-- {
		if x := string(t.tokBytes(j)); copulaWords[x] || standVerbs[x] {
			return true
		}
	}
	return false
}

var (
	// stillWords28 may stand between a copula and what it says.
	stillWords28 = set("still", "noch", "immer", "encore", "todavia", "aun", "ancora", "nog", "er", "da", "ainda", "bien")
	// yourWords28 are possessives of the person addressed; contactNouns28
	// name a phone number.
	yourWords28    = set("your", "ihre", "ihr", "votre", "su", "suo", "sua", "uw", "je", "seu", "tu", "dein", "deine", "tua", "teu", "ton", "ta")
	contactNouns28 = set("number", "phone", "mobile", "cell", "nummer", "handy", "handynummer", "telefonnummer", "numero", "portable",
		"telephone", "movil", "telefono", "cellulare", "telefoon", "telefoonnummer", "mobiel", "telemovel", "celular", "telefone")
	// timeUnits28 measure a step's time, besides unitWords.
	timeUnits28 = set("minutes", "minute", "min", "mins", "minuten", "minutos", "minuti", "seconds", "sekunden", "secondes",
		"segundos", "secondi", "seconden", "h", "hrs", "werktage", "werkdagen")
	// matchWords28 say that values match, besides judgeAny.
	matchWords28 = set("overeen", "ubereinstimmt", "uberein", "correspond", "correspondent", "corresponde", "corrisponde", "coincidem")
)

// ourMailFrom28 reports whether the sentence of token i says where the
// business's own mail comes from: "our", "unsere", "nos" and within four
// tokens a verb of coming ("No, our e-mails always come from
// @proofdesk.com, never from a Gmail address"): a mail provider named
// there is no denial of hers.
func (t *text) ourMailFrom28(i int) bool {
	from, to := t.sentenceOf(i)
	for k := from; k < to; k++ {
		if x := string(t.tokBytes(k)); !ourWords[x] && !ownWords[x] && !ourMail28[x] {
			continue
		}
		for j := k + 1; j < to && j <= k+4; j++ {
			if x := string(t.tokBytes(j)); ownComeVerbs[x] && x != "is" {
				return true
			}
		}
	}
	return false
}

// ourMail28 are possessives of the business in the plural (normalised).
var ourMail28 = set("our", "unsere", "nos", "nuestros", "nuestras", "nostre", "nostri", "onze", "nossos", "nossas")
