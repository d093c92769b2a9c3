package guard

// On the phone an agent confirms a value the caller offered by going on
// with it: "okay, I'll call you back on that one then, the one you just
// said", "I'll send the link to the address you just spelled", "te llamo
// a ese entonces", "that's the one, I'll refund to it then"; or by
// agreeing to the letter: "correct, exactly those digits", "exactly,
// that's what I've got here", "matches exactly, down to the postcode".
// nextStepSpoken reads those; a question, a condition, a negation before the
// verb or a deferral to verification is none.

// nextStepSpoken returns RuleConfirmation when a sentence of t confirms the
// offered value by acting on it or agreeing to the letter, else "".
func (t *text) nextStepSpoken() string {
	if len(t.toks) == 0 || t.spoken&spStep == 0 {
		return ""
	}
	for k := range t.toks {
		if deferWord(t.tokBytes(k)) {
			return "" // "after the verification I'll call you on the one you said"
		}
	}
	thatsOne := false // "that's the one," opened the reply
	for from := 0; from < len(t.toks); {
		to := from + 1
		for to < len(t.toks) && t.toks[to].flags&fSentence == 0 {
			to++
		}
		if t.toks[from].flags&fQuestion == 0 {
			if t.stepSentence(from, to, thatsOne) {
				return RuleConfirmation
			}
			thatsOne = thatsOne || t.thatsTheOne(from, to)
		}
		from = to
	}
	return ""
}

// stepSentence is nextStep for the sentence of tokens [from, to).
func (t *text) stepSentence(from, to int, thatsOne bool) bool {
	act, just, pointer, weak, then, exact, digits, match, downTo, have := -1, false, false, false, false, false, false, false, false, false
	for i := from; i < to; i++ {
		w := string(t.tokBytes(i))
		switch {
		case condWords[w] || negations[w] || stepNegations[w]:
			return false // "I can't call you back on the one you just said", "not to the address you spelled"
		case stepVerbs[w]:
			act = i
		case justWords[w]:
			// "you just said", "que vous venez de donner", "eben genannten"
			for j := i + 1; j < to && j <= i+4; j++ {
				if justSaid[string(t.tokBytes(j))] {
					just = true
				}
			}
		case stepPointers[w]:
			pointer = true
		case weakPointers[w]:
			weak = true
		case stepThen[w]:
			then = true
		case exactWords[w]:
			exact = true
		case stepDigits[w]:
			digits = true
		case matchWords[w] || stepMatch[w]:
			match = true
		case downToWords[w] && !(w == "bis" && i+1 < to && string(t.tokBytes(i+1)) == "auf"): // ("bis auf" is "except")
			// "down to the postcode", not "down to the cent"
			for j := i + 1; j < to && j <= i+3; j++ {
				downTo = downTo || stepParts[string(t.tokBytes(j))]
			}
		case haveHere[w]:
			have = i >= to-3 // "that's what I've got here", "das habe ich hier": ending the sentence
		}
	}
	switch {
	case act >= 0 && just:
		return true // "I'll send the link to the address you just spelled"
	case act >= 0 && pointer && (then || thatsOne || t.thatsTheOne(from, to)):
		return true // "te llamo a ese entonces"
	case act >= 0 && weak && (thatsOne || t.thatsTheOne(from, to)):
		return true // "that's the one, I'll refund to it then"
	case exact && digits && to-from <= 5 && t.demoIn(from, to):
		return true // "correct, exactly those digits", a bare answer
	case exact && have && to-from <= 9 && t.demoIn(from, to):
		return true // "exactly, that's what I've got here"
	case match && exact && downTo, exact && downTo && to-from <= 7:
		return true // "matches exactly, down to the postcode", "exact, jusqu'au numéro de rue"
	}
	return false
}

// demoIn reports whether a demonstrative (lxDemo) stands in tokens
// [from, to).
func (t *text) demoIn(from, to int) bool {
	for i := from; i < to; i++ {
		if w := string(t.tokBytes(i)); t.toks[i].lex&lxDemo != 0 || stepPointers[w] || stepDemos[w] {
			return true
		}
	}
	return false
}

// thatsTheOne reports whether the sentence [from, to) opens with "that's
// the one" or its like, a clause of its own: "das ist sie", "c'est bien celle-là", "esa es",
// "è quella", "dat is 'm", "é esse".
func (t *text) thatsTheOne(from, to int) bool {
	if from >= to || !t.has(from, clPhraseLead) {
		return false // no phrase opens with its first word
	}
	for _, ph := range theOnePhrases {
		if to-from < len(ph) {
			continue
		}
		ok := t.wordsAt(from, to, ph)
		if ok && t.toks[from+len(ph)-1].flags&fPunctAfter != 0 {
			return true // a clause of its own: not "ese es el envío más rápido"
		}
	}
	return false
}

// theOnePhrases open a sentence that says "that's the one" (tokens).
var theOnePhrases = [][]string{
	{"thats", "the", "1"}, {"that", "is", "the", "1"}, {"das", "ist", "sie"}, {"das", "ist", "er"},
	{"das", "ist", "die"}, {"cest", "bien", "celle", "la"}, {"cest", "celle", "la"}, {"cest", "bien", "celui", "la"},
	{"cest", "celui", "la"}, {"esa", "es"}, {"ese", "es"}, {"es", "esa"}, {"es", "ese"}, {"e", "quella"}, {"e", "quello"},
	{"quella", "e"}, {"quello", "e"}, {"dat", "is", "m"}, {"dat", "is", "hem"}, {"dat", "is", "ze"}, {"e", "esse"},
	{"e", "essa"}, {"esse", "e"}, {"essa", "e"}, {"e", "esse", "mesmo"},
}

// stepCues gate nextStep: every form it reads holds one (text.spoken's
// spStep bit, set while emitting).
var stepCues = func() map[string]bool {
	m := set("m", "hem")
	for _, s := range []map[string]bool{justWords, exactWords, stepThen} {
		for w := range s {
			if w != "so" {
				m[w] = true
			}
		}
	}
	return m
}()

// Words of the next step (normalised).
var (
	// stepVerbs act on a phone, an address or a card, now or next:
	// call, call back, text, send, refund, charge.
	stepVerbs = set("call", "ring", "text", "send", "refund", "charge", "credit", "rufe", "anrufen", "zuruckrufen",
		"schicke", "sende", "erstatte", "buche", "rappelle", "appelle", "envoie", "rembourse", "credite", "llamo", "llamare",
		"envio", "mando", "reembolso", "abono", "cargo", "richiamo", "chiamo", "mando", "invio", "rimborso", "accredito",
		"bel", "stuur", "stort", "ligo", "ligarei", "envio", "mandarei", "enviarei", "reembolsarei", "sms", "whatsapp",
		"texting", "sending", "calling", "refunding", "ship", "post", "mail", "deliver", "versende", "liefere", "expedie",
		"livre", "despacho", "entrego", "spedisco", "consegno", "verzend", "lever", "despacho", "entrego")
	// justWords say "just now" before a verb of saying: "you just said".
	justWords = set("just", "gerade", "eben", "soeben", "venez", "vient", "acaba", "acabas", "acabou", "appena",
		"net", "zojuist", "recien", "recem")
	// justSaid are the verbs of saying, spelling or giving after them.
	justSaid = set("said", "spelled", "spelt", "read", "gave", "given", "mentioned", "told", "genannt", "genannten",
		"gesagt", "buchstabiert", "angegeben", "angegebenen", "durchgegeben", "donner", "dire", "epeler", "lire", "donne",
		"deletrear", "decir", "dar", "leer", "dictar", "dettato", "detto", "dato", "letto", "dettata", "noemde", "spelde",
		"gaf", "zei", "opgaf", "dizer", "soletrar", "ler", "ditar", "indicar", "out")
	// stepPointers point at the value just offered; weakPointers only
	// after "that's the one".
	stepPointers = set("that", "those", "ese", "esa", "eso", "esos", "ahi", "esse", "essa", "nesse", "nessa", "quello",
		"quella", "quelli", "li", "celui", "celle", "dessus", "dat", "daarop", "darauf", "dahin", "diese", "dieser")
	weakPointers = set("it", "m", "sie", "die", "la", "het", "lo", "le", "daar", "dort", "ci", "la", "ai", "aqui")
	// stepDemos point at what was just said: "those digits", "ces
	// chiffres", "that's what I've got".
	stepDemos = set("these", "thats", "what", "ces", "diese", "das", "was", "estos", "esos", "estas", "esas", "lo",
		"questi", "queste", "quelle", "deze", "wat", "esses", "essas", "estes", "estas", "isso", "ce", "cest")
	stepThen    = set("then", "dann", "alors", "entonces", "allora", "dan", "entao", "so", "pues", "donc", "quindi")
	stepCopulas = set("s", "is", "ist", "est", "es", "e", "its", "thats", "cest", "bien")
	exactWords  = set("exactly", "exact", "precisely", "genau", "exakt", "exactement", "exactamente", "exacto",
		"esattamente", "esatto", "precies", "exact", "exatamente", "exato", "certinho", "precisamente")
	stepDigits = set("digits", "numbers", "ziffern", "zahlen", "chiffres", "digitos", "numeros", "cifre", "numeri",
		"cijfers", "algarismos", "letters", "buchstaben", "lettres", "letras", "lettere")
	stepMatch   = set("stimmt", "correspond", "correspondent", "coincide", "corrisponde", "klopt", "bate", "confere")
	downToWords = set("down", "bis", "jusquau", "jusqu", "hasta", "fino", "tot", "ate")
	// stepParts are the parts of a value a match goes down to.
	stepParts = set("postcode", "zip", "plz", "postleitzahl", "postal", "codigo", "cap", "cp", "cep",
		"house", "hausnummer", "numero", "number", "nummer", "digit", "letter", "buchstaben", "lettre", "letra",
		"lettera", "dot", "punkt", "point", "punto", "ponto", "huisnummer", "street", "strasse", "rue",
		"calle", "via", "straat", "rua", "day", "tag", "jour", "dia", "giorno", "dag", "year", "jahr", "annee", "ano",
		"anno", "jaar", "last", "letzten", "derniers", "ultimos", "ultimi", "laatste", "mes")
	haveHere      = set("got", "have", "habe", "hab", "ai", "tengo", "ho", "heb", "tenho")
	stepNegations = set("cant", "cannot", "wont", "dont", "unable", "nunca", "never", "nie", "jamais", "mai", "nooit")
)
