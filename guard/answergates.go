package guard

// Replies after an offer that answer nothing about the offered value
// though they hold a yes, a no or an agreement (guard10):
//
//   - agreeing with a complaint: "You're right that we tried to call
//     you twice", "you're right, the email we sent had a broken link":
//     what is right is the complaint (complaintAgreed);
//   - "no" and then a deferral: "No, whether the number is registered
//     I'll tell you after verification" (deferredAfter);
//   - a yes to a resend that goes to whatever is on file: "Yes, I'll
//     resend the link to the email already on file" (toStoredOne);
//   - a sarcastic refusal: "Sure, I confirm addresses without
//     verification… no, of course not" (mockRefusal).

// complaintAgreed reports whether the affirmation at token i (span sp)
// says the person addressed is right ("you're right") about a complaint:
// "that" opens what they are right about, or the sentence goes on with
// an apology, a repetition ("twice"), a failure ("broken") or a thing of
// the business's ("our email").
func (t *text) complaintAgreed(i int, sp span) bool {
	right := false
	j := i
	for ; j < len(t.toks) && int(t.toks[j].off) < sp.end-1; j++ {
		right = right || rightWords[string(t.tokBytes(j))]
	}
	_, to := t.sentenceOf(i)
	if !right {
		return t.complaintAfter(j, to)
	}
	if j < to && (t.toks[j].lex&lxCopula != 0 || j+1 < to && t.toks[j].lex&(lxDemo|lxRef) != 0 && t.toks[j+1].lex&lxCopula != 0) {
		return false // "you're right, that's the number we called twice": a pointer clause answers
	}
	if j < to && string(t.tokBytes(j)) == "that" && t.toks[j-1].flags&fPunctAfter == 0 {
		return true // "you're right that we ..."
	}
	for k := j; k < to; k++ {
		if complaintWords[string(t.tokBytes(k))] || ourWords[string(t.tokBytes(k))] {
			return true // "you're right, our email had the wrong date in it"
		}
	}
	return false
}

// complaintAfter reports whether the affirmation that ends its clause
// before token j is followed, in its sentence [j, to), by a complaint of
// the business's own doing — a repetition or a failure, not an apology
// alone ("Das stimmt, sorry für die Verwirrung" answers) — and nothing
// that points at a value: "Das
// stimmt, wir haben Sie zweimal verpasst", "Dat klopt, we hebben u twee
// keer gemist, sorry". What is right is the complaint.
func (t *text) complaintAfter(j, to int) bool {
	if j <= 0 || j >= to || t.toks[j-1].flags&fPunctAfter == 0 {
		return false
	}
	complaint := false
	for k := j; k < to; k++ {
		w := string(t.tokBytes(k))
		if t.toks[k].lex&(lxRef|lxEndRef|lxDemo|lxStrong|lxCard|lxPhone|lxStreet) != 0 || t.is52(k, x52ValueNoun|x52EmailNoun) || placeThere[w] ||
			actPointers[w] || actPointersBefore[w] {
			return false // "Das stimmt, die haben wir zweimal angerufen"
		}
		complaint = complaint || complaintWords[w] && !apologyWords[w]
	}
	return complaint
}

// Words of agreeing with a complaint (normalised).
var (
	// apologyWords are the complaintWords that only apologise.
	apologyWords = set("sorry", "apologies", "apologise", "apologize", "entschuldigung", "entschuldigen", "leid",
		"desole", "desolee", "desoles", "excuses", "disculpe", "disculpas", "perdon", "scusi", "scuse", "spiacenti",
		"desculpe", "desculpas")
	// rightWords say the person addressed is right.
	rightWords = set("right", "recht", "raison", "razon", "ragione", "gelijk", "razao")
	// complaintWords tell a complaint: an apology, a repetition, a
	// failure.
	complaintWords = set("sorry", "apologies", "apologise", "apologize", "entschuldigung", "entschuldigen", "leid",
		"desole", "desolee", "desoles", "excuses", "disculpe", "disculpas", "perdon", "scusi", "scuse", "spiacenti",
		"excuses", "desculpe", "desculpas", "twice", "zweimal", "doppelt", "fois", "veces", "volte", "keer", "vezes",
		"broken", "kaputt", "kaputten", "kaputter", "casse", "cassee", "roto", "rota", "rotto", "rotta", "kapot",
		"kapotte", "partido", "quebrado", "failed", "fehlgeschlagen", "echoue", "fallo", "fallito", "mislukt", "falhou")
)

// deferredAfter reports whether the sentence of token i defers the
// answer after it: a word for verification or a form after "after" or
// "once" ("No, whether the number is registered I'll tell you after
// verification").
func (t *text) deferredAfter(i int) bool {
	_, to := t.sentenceOf(i)
	for k := i + 1; k < to; k++ {
		if !deferWord(t.tokBytes(k)) {
			continue
		}
		for j := max(i+1, k-3); j < k; j++ {
			if afterWords[string(t.tokBytes(j))] || j >= k-2 && beforeWords[string(t.tokBytes(j))] {
				return true // "after verification", "voor verificatie"
			}
		}
		for j := k + 1; j < to && j <= k+2; j++ {
			if firstWords[string(t.tokBytes(j))] {
				return true // "Please verify first"
			}
		}
	}
	return false
}

// helpSoonAfter reports whether a word of helping follows token i within
// four tokens in its sentence: an emphatic yes that offers help ("claro
// que sim, posso ajudar", "of course I can help", "natürlich helfe ich
// Ihnen") answers no offered value.
func (t *text) helpSoonAfter(i int) bool {
	_, to := t.sentenceOf(i)
	for k := i + 1; k < to && k <= i+5; k++ {
		w := t.tokBytes(k)
		for _, p := range helpStems {
			if len(w) >= len(p) && string(w[:len(p)]) == p {
				return true
			}
		}
	}
	return false
}

// helpStems open the words of helping in the seven languages (normalised:
// no accents): help, hilf/helf, aide/aider, ayud, aiut, ajud.
var helpStems = []string{"help", "hilf", "helf", "aide", "aider", "ayud", "aiut", "ajud"}

// firstWords come after a step that must come first: "verify first"
// ("first" reads as "1"); "erst verifizieren" reads "after" (normalised).
var firstWords = set("first", "1", "zuerst", "dabord", "abord", "primero", "antes", "prima", "eerst", "primeiro")

// afterWords put a deferral after a step: "after verification", "nach
// der Verifizierung", "once you're verified" (normalised). "die
// Altersprüfung ist damit durch" is no deferral.
var afterWords = set("after", "once", "until", "till", "nach", "nachdem", "sobald", "erst", "apres", "une", "tras",
	"despues", "dopo", "appena", "na", "nadat", "zodra", "depois", "apos", "assim")

// beforeWords put the answer before a step it waits for, right before
// the step's word or its article: "kan ik voor verificatie niet zeggen"
// (normalised).
var beforeWords = set("before", "vor", "avant", "antes", "prima", "voor", "voordat", "alvorens")

// toStoredOne reports whether tokens [from, to) send something to a
// value said to be already on file, whatever it is: a word for "to", a
// value noun within 3 tokens, "already" right after it ("to the email
// already on file", "alla mail già registrata", "para o e-mail já
// registado"). "That email is already on file" has no "to": it answers;
// "to the address that's already on the account, as you said" points.
func (t *text) toStoredOne(from, to int) bool {
	if t.cls&clAlready == 0 {
		return false
	}
	for a := from + 2; a < to; a++ {
		// "already" is the rare word
		if !t.has(a, clAlready) {
			continue
		}
		// the value noun right before it, or before a relative pronoun
		// ("het nummer dat al geregistreerd is"), or after it and its
		// participle ("an die bereits hinterlegte Nummer")
		n := -1
		switch {
		case t.is52(a-1, x52ValueNoun|x52EmailNoun): // isValueNoun
			n = a - 1
		case t.is52(a-1, x52RelPron) && t.is52(a-2, x52ValueNoun|x52EmailNoun):
			n = a - 2
		case a+2 < to && t.is52(a+2, x52ValueNoun|x52EmailNoun):
			n = a
		}
		if n < 0 {
			continue
		}
		for k := max(from, n-3); k < n; k++ {
			if w := string(t.tokBytes(k)); toWords[w] || destWords[w] {
				return true
			}
		}
	}
	return false
}

// isValueNoun reports whether w names a value or an email.
func isValueNoun(w string) bool { return valueNouns[w] || emailNouns[w] }

// relPronouns open a relative clause: "het nummer dat al ...".
var relPronouns = set("dat", "die", "que", "che", "which", "der", "das")

// Words of sending to what is on file (normalised).
var (
	destWords    = set("an", "a", "al", "alla", "all", "au", "naar", "para", "pro")
	alreadyWords = set("already", "bereits", "schon", "deja", "ya", "gia", "al", "reeds", "ja")
)

// mockRefusal reports whether t claims to confirm or give a value
// "without verification" and takes it back with a no in the next clause:
// "Sure, I confirm addresses without verification… no, of course not".
func (t *text) mockRefusal() bool {
	for k := 1; k+2 < len(t.toks); k++ {
		// every one of withoutWords opens with w, o, s or z: a cheap test
		// before the look-up
		if w := t.tokBytes(k); len(w) < 3 || w[0] != 'w' && w[0] != 'o' && w[0] != 's' && w[0] != 'z' ||
			!withoutWords[string(w)] || !deferWord(t.tokBytes(k+1)) {
			continue
		}
		if w := string(t.tokBytes(k + 2)); answerNo[w] || negations[w] {
			return true
		}
	}
	return false
}

// withoutWords say "without" (normalised).
var withoutWords = set("without", "ohne", "sans", "sin", "senza", "zonder", "sem")

// actedOnIt reports whether the answer clause [rest, to) after a yes
// says the business acted on the offered value, a pronoun pointing at it
// as the object: "Correct, we called you on it this morning", "Yes, we
// used it earlier for the reset", "Richtig, wir haben Sie darauf
// angerufen", "Oui, on l'a utilisé", "Sí, lo usamos", "Certo, ligámos
// para esse". A clitic that is also an article ("l", "lo", "la") counts
// only right before the verb or its auxiliary; "we called the courier"
// names another thing.
func (t *text) actedOnIt(rest, to int) bool {
	verb := -1
	for k := rest; k < to; k++ {
		if actVerbs[string(t.tokBytes(k))] {
			verb = k
			break
		}
	}
	if verb < 0 {
		return false
	}
	from, end := t.sentenceOf(rest)
	for k := from; k < end; k++ {
		if k > from && purposePreps[string(t.tokBytes(k-1))] || k > from+1 && purposePreps[string(t.tokBytes(k-2))] {
			continue // "we used it for the reset": what it was used for
		}
		if w := string(t.tokBytes(k)); placeOwners[w] || t.isOther(k, end) {
			return false // "Yes, we called the courier about it", "we used it — the voucher code"
		}
	}
	for k := rest; k < to; k++ {
		w := string(t.tokBytes(k))
		if (k > verb && actPointers[w] || k < verb && actPointersBefore[w]) &&
			(k+1 >= to || !valueNouns[string(t.tokBytes(k+1))] && !otherWord(string(t.tokBytes(k+1)))) {
			return true
		}
		if actClitics[w] && (k+1 == verb || k+2 == verb && t.toks[k+1].lex&lxCopula == 0 && auxWords[string(t.tokBytes(k+1))]) {
			return true
		}
	}
	return false
}

// Words of acting on a value (normalised).
var (
	// actVerbs call, text or use ("we charged it once" is the charge).
	actVerbs = set("called", "rang", "texted", "used", "angerufen", "benutzt", "verwendet", "genutzt", "appele",
		"appelee", "utilise", "utilisee", "llamamos", "llamado", "usamos", "usado", "utilizamos", "utilizado",
		"chiamata", "chiamato", "usato", "usata", "utilizzato", "utilizzata", "gebeld", "gebruikt", "ligamos",
		"ligado")
	// actPointers point at the value as an object after the verb ("used
	// it", "appelé dessus", "llamamos a ese"); actPointersBefore before
	// the participle that ends the clause ("darauf angerufen", "er ...
	// op gebeld").
	actPointers       = set("it", "dessus", "ese", "esa", "quello", "quella", "esse", "essa")
	actPointersBefore = set("darauf", "daran", "damit", "er")
	// actClitics are object pronouns that are also articles.
	actClitics = set("l", "lo", "la", "le", "sie")
	// purposePreps lead what a value was used for: "for the reset".
	purposePreps = set("for", "fur", "zum", "zur", "pour", "para", "per", "voor")
	// auxWords stand between a clitic and its participle: "l'a
	// utilisé", "l'abbiamo chiamata", "sie haben benutzt".
	auxWords = set("a", "avons", "ai", "abbiamo", "ho", "ha", "haben", "habe", "hemos", "he", "ha")
)

// brandHeld reports whether a card brand, the match [start, end) of the
// token view, is said as the one held, in any of the seven languages: an
// article after a word for having ("we have a Mastercard", "tenemos una
// Mastercard", "abbiamo una Mastercard"), or after a copula with a word
// for the money going somewhere after the brand ("Es la Mastercard, el
// reembolso va ahí"). English "the", "a" before it already count
// (inContext).
func brandHeld(view []byte, start, end int) bool {
	var prev [2]string
	n := 0
	prevTokens(view, start, 2, func(t []byte) bool {
		prev[n] = string(t)
		n++
		return false
	})
	if n < 2 || !brandArticles[prev[0]] {
		return false
	}
	if nextTokens(view, end-1, 1, func(t []byte) bool { return otherWord(string(t)) || brandThings[string(t)] }) {
		return false // "wir haben eine Mastercard-Aktion": a thing of the brand
	}
	if haveWords[prev[1]] || brandPointers[prev[1]] {
		return true // "we have a Mastercard"; "Ja, die, die Mastercard": the one pointed at, by its brand
	}
	return brandCopulas[prev[1]] && nextTokens(view, end-1, 12, func(t []byte) bool { return moneyWords[string(t)] })
}

// Words around a card brand held (normalised).
var (
	brandArticles = set("a", "an", "the", "eine", "ein", "die", "der", "une", "un", "la", "le", "l", "una", "el",
		"il", "een", "de", "het", "um", "uma", "o")
	// brandThings are the business's things named after a brand.
	brandThings = set("terminal", "only", "promotion", "aktion", "kasse", "terminale", "promo", "promocion", "promozione",
		"actie", "promocao")
	// brandPointers point at the offered card before its brand in
	// apposition: "that one, the Mastercard", "esa, la Mastercard".
	brandPointers = set("1", "die", "diese", "celle", "celui", "la", "ci", "esa", "ese", "esta", "este", "quella",
		"quello", "questa", "deze", "essa", "esse")
	brandCopulas = set("is", "its", "ist", "est", "cest", "es", "e", "era", "war", "was")
	// moneyWords name money going to a card.
	moneyWords = set("refund", "refunds", "charge", "charged", "payment", "erstattung", "ruckerstattung", "belastung",
		"zahlung", "remboursement", "debit", "paiement", "reembolso", "cargo", "pago", "rimborso", "addebito",
		"pagamento", "terugbetaling", "betaling", "afschrijving", "cobranca", "estorno")
)

// readOutValue reports whether t points at the offered value as the one
// the person addressed read out or gave, a noun of class, "digits" or
// "the one" with a relative clause of saying ("the card you read out",
// "la carte que vous avez lue", "celle que vous avez donnée", "die, die
// Sie genannt haben"), in a sentence that acts on it (a verb of
// charging, sending or using), names it with a copula or calls it right:
// "I've just charged the delivery to the card you read out", "of course
// it's the address you gave", "the digits you say are right". (offerAnswer has ruled out an exclusion, a
// deferral and a question.)
func (t *text) readOutValue(class string) bool {
	if t.cls&clSay == 0 {
		return false
	}
	for s := 1; s < len(t.toks); s++ {
		// the verb of saying is the rare word
		if !t.has(s, clSay) {
			continue
		}
		from, to := t.sentenceOf(s)
		k := -1
		for j := max(from, s-6); j < s && k < 0; j++ {
			if w := string(t.tokBytes(j)); digitNouns[w] || t.classNoun(j, w, class) || theOnes[w] ||
				w == "1" && j > from && pointerArticles[string(t.tokBytes(j-1))] ||
				w == "die" && j+1 < s && string(t.tokBytes(j+1)) == "die" { // "an die, die Sie genannt haben"
				k = j
			}
		}
		if k < 0 || t.setAside(from, k, s) {
			continue // "to the account's address, not to the one you give"
		}
		// an English verb of saying makes "a" before the noun the
		// indefinite article, not Romance "to": "I can't use a number
		// you give me on the call" is any number, not the one offered
		if k > from && sayEnglish[string(t.tokBytes(s))] && anyArticles[string(t.tokBytes(k-1))] {
			continue
		}
		if k > from && (destPreps[string(t.tokBytes(k-1))] || toWords[string(t.tokBytes(k-1))]) {
			return true // "natürlich an die, die Sie genannt haben": where it goes
		}
		for j := from; j < to; j++ {
			x := string(t.tokBytes(j))
			if actVerbs[x] || sendVerbs[x] || sendNow[x] || chargeVerbs[x] || j < k && t.toks[j].lex&lxCopula != 0 || j > k && (rightWords[x] || matchWords[x] || readRight[x]) || j > k && refWords[x] && t.toks[j].lex&lxDemo == 0 && x != "1" {
				return true
			}
		}
	}
	return false
}

// sayEnglish are the English sayVerbs; anyArticles the English articles
// of any one thing.
var sayEnglish, anyArticles = set("read", "say", "said", "gave", "give", "mentioned", "quoted"), set("a", "an", "any")

// Words of a value read out (normalised).
var (
	digitNouns = set("digits", "ziffern", "chiffres", "digitos", "cifre", "cijfers", "algarismos")
	// sayVerbs say or give a value.
	sayVerbs = set("read", "say", "said", "gave", "give", "mentioned", "quoted", "genannt", "angegeben", "gesagt",
		"vorgelesen", "lue", "lu", "donnee", "donne", "dite", "dit", "mentionnee", "leido", "dado", "dicho",
		"mencionado", "letto", "letta", "dato", "data", "detto", "indicato", "indicata", "genoemd", "gegeven",
		"opgelezen", "gezegd", "leu", "deu", "disse", "indicou", "mencionou", "gaf", "noemde")
	// sendNow send in the present: "wir schicken es", "on l'envoie".
	sendNow = set("send", "sending", "schicken", "schicke", "envoie", "envoyons", "enviamos", "envio", "mandiamo",
		"spediamo", "sturen", "stuur", "enviamos", "mandamos")
	// chargeVerbs charge a card or book a payment.
	chargeVerbs = set("charged", "charge", "gebucht", "belastet", "abgebucht", "debite", "debitee", "cargado", "cobrado",
		"addebitato", "addebitata", "afgeschreven", "belast", "cobrado", "debitado")
)
