package guard

import "github.com/proofdesk/proofdesk"

// Verdicts on an offered value that name no value and open with no yes
// or no word (g23v), read after the other answer readings of check:
//
//   - a motion to the pointed contact point: "Bills aren't going to that
//     inbox", "Rechnungen gehen nicht an dieses Postfach", "Refunded to
//     that card as asked", "We'll call you on that number" (a negation in
//     the sentence makes it a denial);
//   - a word of matching that is a clause of its own, its subject a
//     pronoun or a noun of the class: "It does match, good", "Thanks,
//     fits — I'll refund now", "Passt, danke", "la fecha corresponde";
//   - a verification that succeeded, said of the value: "with that
//     address the verification succeeded", "la verifica è passata con il
//     compleanno che mi ha dato";
//   - the parts of a date judged together: "Day, month and year: all
//     fine", "Jour, mois et année : tout est bon";
//   - a yes word closing a sentence that points at the value: "That's
//     the card the fallback payment uses, yes", "Letter by letter, yes".
//
// A question, a conditional, a modal ("I can't send a code to that
// number") or a deferral to verification keeps each one from answering.

// offerVerdict23v returns the rule of one of the verdicts above on the
// offered value of class, or "".
func (t *text) offerVerdict23v(class string) string {
	if class == "" || class == proofdesk.ClassName || len(t.toks) == 0 {
		return ""
	}
	// one pass: a verification that succeeded answers whatever else
	// stands; a deferral anywhere ("… after verification") rules the
	// other readings out
	deferred, found := false, ""
	toks := t.toks
	for k := range toks {
		tk := &toks[k]
		tr, lx := uint8(tk.x8>>x8TrigShift&x8Trig), tk.lex // trig23v[w] (speed8.go)
		if tr&trVerify23v != 0 && t.verifiedWith23v(k, class) {
			return RuleConfirmation
		}
		if deferred = deferred || deferTok7(t, tk, k); deferred || found != "" || tr == 0 && lx&(lxDemo|lxCopula) == 0 {
			continue // one look-up for most words
		}
		found = t.reading23v(k, tr, lx, class)
	}
	if deferred {
		return ""
	}
	return found
}

// reading23v returns the rule of the reading that starts at token k
// (its kinds tr, its lexicon bits lx), or "".
func (t *text) reading23v(k int, tr uint8, lx uint16, class string) string {
	switch {
	case lx&lxDemo != 0 || tr&trDemo23v != 0:
		if t.demo23v(k) {
			return t.movedToPointed23v(k, class)
		}
	case lx&lxCopula != 0:
		return t.fieldIs23v(k, class)
	case tr&trOther23v != 0 && k > 0 && haveWords23v[string(t.tokBytes(k-1))]:
		if t.haveOther23v(k, class) {
			return RuleDenial
		}
	case tr&trMatch23v != 0:
		return t.matchAlone23v(k, class)
	case tr&trDatePart23v != 0 && class == proofdesk.ClassDateOfBirth:
		if t.partsFine23v(k) {
			return RuleConfirmation
		}
	case tr&trYesEnd23v != 0 && k > 0 && t.toks[k-1].flags&fPunctAfter != 0:
		if t.yesCloses23v(k, class) {
			return RuleConfirmation
		}
	}
	return ""
}

// The kinds of word offerVerdict23v starts a reading at, in one table
// (trig23v) so that a word costs one look-up.
const (
	trVerify23v uint8 = 1 << iota
	trDemo23v
	trOther23v
	trMatch23v
	trDatePart23v
	trYesEnd23v
)

var trig23v = func() map[string]uint8 {
	m := map[string]uint8{}
	add := func(bit uint8, sets ...map[string]bool) {
		for _, s := range sets {
			for w := range s {
				m[w] |= bit
			}
		}
	}
	add(trVerify23v, verifyNouns23v)
	add(trDemo23v, thisWords, demoExtra23v)
	add(trOther23v, otherWords, otherOpeners, indefinites28)
	add(trMatch23v, matchWords, matchWords28, fitWords23v)
	add(trDatePart23v, datePartWords23v)
	add(trYesEnd23v, answerYesEnd23v)
	m["die"] |= trDemo23v // Dutch after a word of direction (demo23v)
	return m
}()

// demo23v reports whether token k is a demonstrative that may point at
// a contact point: "that", "diese", "cette", "esa", "quella", "die"
// after a word of direction ("naar die mailbox").
func (t *text) demo23v(k int) bool {
	w := string(t.tokBytes(k))
	if t.toks[k].lex&lxDemo != 0 || thisWords[w] || demoExtra23v[w] {
		return true
	}
	return w == "die" && k > 0 && dutchPreps23v[string(t.tokBytes(k-1))] // "naar die mailbox"; German "an die Adresse" is an article
}

// movedToPointed23v reads the demonstrative at k before a noun of class
// (or "one"), after a word of direction, in a sentence with a verb of
// going, sending, paying back or calling: confirmation, or denial when
// the sentence holds a negation.
func (t *text) movedToPointed23v(k int, class string) string {
	noun := false
	if k+1 < len(t.toks) {
		n := string(t.tokBytes(k + 1))
		noun = n == "1" || t.classNoun(k+1, n, class) || class == proofdesk.ClassEmail && mailboxWords[n]
	}
	if !noun && k > 0 && t.toks[k].flags&fPunctAfter != 0 && (class == proofdesk.ClassPayment || class == proofdesk.ClassPhone) &&
		toPreps23v[string(t.tokBytes(k-1))] {
		noun = true // "le paso el reembolso a esa."
	}
	if !noun || k == 0 || !dirPreps23v[string(t.tokBytes(k-1))] {
		return ""
	}
	from, to := t.sentenceOf(k)
	if t.conditional(k) {
		return ""
	}
	moved, neg, will := false, false, false
	for j := from; j < to; j++ {
		w := string(t.tokBytes(j))
		if modalWords[w] || modalExtra23v[w] || otherWords[w] {
			return "" // "I can't send a code to that number", "another"
		}
		moved = moved || sendVerbs[w] || moveVerbs23v[w]
		neg = neg || negations[w] || negExtra23v[w]
		will = will || willWords23v[w]
	}
	switch {
	case !moved, neg && will:
		return "" // "We won't send the code to that number": a refusal
	case neg:
		return RuleDenial
	}
	return RuleConfirmation
}

// matchAlone23v reads the word of matching at k as a verdict when its
// clause holds nothing but it, pronouns, articles, nouns of class and
// words of judging: "It does match, good", "la date de naissance
// correspond", "Grazie, torna —". A negation makes it a denial.
func (t *text) matchAlone23v(k int, class string) string {
	if t.conditional(k) {
		return ""
	}
	c := k
	for c > 0 && t.toks[c-1].flags&fPunctAfter == 0 {
		c--
	}
	e := k
	for e < len(t.toks)-1 && t.toks[e].flags&fPunctAfter == 0 {
		e++
	}
	neg, subject := false, false
	for j := c; j <= e; j++ {
		if j == k {
			continue
		}
		w := string(t.tokBytes(j))
		switch {
		case negations[w] || negExtra23v[w]:
			neg = true
		case t.classNoun(j, w, class):
			subject = true
		case pronounSubj23v[w] || t.toks[j].lex&lxDemo != 0:
		case subjWords23v[w] || matchWords[w] || matchWords28[w] || fitWords23v[w] || class == proofdesk.ClassDateOfBirth && w == "de":
		default:
			return ""
		}
	}
	if !subject {
		// a word alone, or with a pronoun, is a yes: judged by what
		// follows, nothing, thanks or an act on it now ("Passt, danke —
		// ich erstatte jetzt", "It does match, good"), not a statement
		// ("Klopt, we sturen een code vóór elke simwissel", "Es stimmt,
		// wir liefern auch samstags")
		_, to := t.sentenceOf(k)
		now := e+1 >= to && (to >= len(t.toks) || t.courtesyAfter30(to)) || e+1 < to && (t.courtesy30(e+1, to) || t.allIn23v(e+1, to, subjWords23v))
		for j := e + 1; j < to && !now; j++ {
			now = nowWords23v[string(t.tokBytes(j))]
		}
		if !now {
			return ""
		}
	}
	if neg {
		return RuleDenial
	}
	return RuleConfirmation
}

// fieldIs23v reads the copula at k, its subject a pointer ("that's",
// "c'est", "das ist", a copula that opens its clause: "È proprio questa
// carta"), before a noun of the offered class, the login name for an
// email, past words of emphasis, articles and the account: "Correct,
// that's the DOB we hold", "Yes, it is the account's Mastercard", "In
// der Tat, das ist Ihr Benutzername". A negation before the noun makes
// it a denial; a compound ("the card reader"), another thing, a modal
// or a need ("it's your username you must enter") no answer.
func (t *text) fieldIs23v(k int, class string) string {
	w := string(t.tokBytes(k))
	c := k
	for c > 0 && t.toks[c-1].flags&fPunctAfter == 0 {
		c--
	}
	if !fusedPointers[w] && k != c && !(k == c+1 && (pronounSubj23v[string(t.tokBytes(c))] || t.demo23v(c))) {
		return ""
	}
	if t.conditional(k) {
		return ""
	}
	from, to := t.sentenceOf(k)
	for j := from; j < to; j++ {
		if x := string(t.tokBytes(j)); (modalWords[x] || needModals30[x] || modalExtra23v[x]) && !t.toutAFait46(j) { // (withus46.go)
			return ""
		}
	}
	neg := false
	for j := k + 1; j < to && j <= k+6; j++ {
		x := string(t.tokBytes(j))
		switch {
		case t.classNoun(j, x, class) || class == proofdesk.ClassEmail && loginNouns23v[x] ||
			class == proofdesk.ClassPayment && t.toks[j].lex&lxCard != 0:
			if !t.withUs46(j+1, to) && (t.qualifiedOther(j, to) || t.nounAfter(j, to) && !(j+1 < to && loginNouns23v[string(t.tokBytes(j+1))]) || t.ofOther23v(t.nounRunEnd23v(j, to), to)) { // "votre portable chez nous" (withus46.go)
				return "" // "the address of our returns centre", "het adres voor retouren"
			}
			if neg {
				return RuleDenial
			}
			return RuleConfirmation
		case negations[x] || negExtra23v[x]:
			neg = true
		case emphasis23v[x] || definites[x] || yourWords23v[x] || t.demo23v(j) || accountWords[x] && !weakRecord[x] || x == "s" ||
			len(x) > 4 && x[len(x)-1] == 's' && accountWords[x[:len(x)-1]]: // "the account's"

		default:
			return ""
		}
		if t.toks[j].flags&fPunctAfter != 0 {
			return ""
		}
	}
	return ""
}

// nounRunEnd23v returns the first token after the value nouns from j on:
// "l'adresse e-mail du service" goes on at "du".
func (t *text) nounRunEnd23v(j, to int) int {
	j++
	for j < to && t.toks[j-1].flags&fPunctAfter == 0 {
		if x := string(t.tokBytes(j)); !isValueNoun(x) && x != "e" && !loginNouns23v[x] {
			break
		}
		j++
	}
	return j
}

// ofOther23v reports whether the tokens from j on say whose or what for
// a thing is, other than the account: "of our returns centre", "du
// point relais", "voor retouren" ("of the account" is hers).
func (t *text) ofOther23v(j, to int) bool {
	if j >= to || t.toks[j-1].flags&fPunctAfter != 0 || !ofWords23v[string(t.tokBytes(j))] {
		return false
	}
	for k := j + 1; k < to && k <= j+3; k++ {
		x := string(t.tokBytes(k))
		if accountWords[x] && !weakRecord[x] || loginNouns23v[x] {
			return false // "of the account", "nome de utilizador"
		}
		if !definites[x] {
			return true
		}
	}
	return true
}

// haveOther23v reads "we have another date", "tenemos otra fecha",
// "nous avons une autre date": a verb of holding before a word for
// other (an indefinite article between them at most) and a noun of the
// offered class, in a statement; "another date for the delivery" is
// another thing.
func (t *text) haveOther23v(k int, class string) bool {
	if indefinites28[string(t.tokBytes(k))] {
		k++ // "une autre", "een andere"
	}
	if k+1 >= len(t.toks) || !(otherWords[string(t.tokBytes(k))] || otherOpeners[string(t.tokBytes(k))]) || t.conditional(k) {
		return false
	}
	n := k + 1
	from, to := t.sentenceOf(k)
	if n >= to || !t.classNoun(n, string(t.tokBytes(n)), class) || t.qualifiedOther(n, to) || t.nounAfter(n, to) {
		return false
	}
	for j := from; j < to; j++ {
		if x := string(t.tokBytes(j)); modalWords[x] || purposeWords23v[x] {
			return false // "we have another date for the delivery"
		}
	}
	return true
}

// allIn23v reports whether every token of [from, to) is in words.
func (t *text) allIn23v(from, to int, words map[string]bool) bool {
	for j := from; j < to; j++ {
		if !words[string(t.tokBytes(j))] {
			return false
		}
	}
	return from < to
}

// verifiedWith23v reads the verification noun at k in a sentence with a
// word of success and a pointer at the offered value (a demonstrative,
// a noun of class, a verb of giving): "Thanks, with that address the
// verification succeeded".
func (t *text) verifiedWith23v(k int, class string) bool {
	from, to := t.sentenceOf(k)
	ok := false
	for j := from; j < to; j++ {
		w := string(t.tokBytes(j))
		if negations[w] || negExtra23v[w] || modalWords[w] || onceWords23v[w] {
			return false
		}
		ok = ok || successWords23v[w]
	}
	if !ok || t.conditional(k) {
		return false // most verifications said are not a success
	}
	for j := from; j < to; j++ {
		w := string(t.tokBytes(j))
		if t.classNoun(j, w, class) || sayVerbs[w] || givenVerbs[w] || t.demo23v(j) && j+1 < to && t.classNoun(j+1, string(t.tokBytes(j+1)), class) {
			return true
		}
	}
	return false
}

// partsFine23v reads two or more words for the parts of a date, then a
// word of "all fine" in the same sentence: "Day, month and year: all
// fine".
func (t *text) partsFine23v(k int) bool {
	if t.conditional(k) {
		return false
	}
	from, to := t.sentenceOf(k)
	if k > from+1 {
		return false
	}
	parts, fine := 0, false
	for j := from; j < to; j++ {
		w := string(t.tokBytes(j))
		if negations[w] || negExtra23v[w] {
			return false
		}
		if datePartWords23v[w] {
			parts++
		}
		fine = fine || parts >= 2 && fineWords23v[w]
	}
	return fine
}

// yesCloses23v reads the yes word at k, set off before it, that closes
// its sentence: the clause before it must point at the value, "that's
// the card ...", "this number", or spell it out ("letter by letter").
func (t *text) yesCloses23v(k int, class string) bool {
	from, to := t.sentenceOf(k)
	if k != to-1 || t.toks[k].flags&fQuestion != 0 || k == from || t.conditional(k) {
		return false
	}
	for j := from; j < k; j++ {
		w := string(t.tokBytes(j))
		if negations[w] || modalWords[w] {
			return false
		}
		if byWords23v[w] && j > from && j+1 < k && string(t.tokBytes(j-1)) == string(t.tokBytes(j+1)) {
			return true // "letter by letter", "chiffre par chiffre"
		}
		if t.demo23v(j) && j+1 < k && (t.classNoun(j+1, string(t.tokBytes(j+1)), class) || t.toks[j+1].lex&lxCopula != 0) {
			return true
		}
	}
	return false
}

var (
	// demoExtra23v: demonstratives the lexicon leaves out (normalised).
	demoExtra23v = set("diesem", "diesen", "dieser", "dit", "deze", "quel", "quella", "quello", "quell", "aquel", "essa", "esse")
	// dirPreps23v: words of direction before a contact point (normalised).
	dirPreps23v = set("to", "on", "into", "an", "auf", "unter", "in", "a", "au", "vers", "sur", "al", "para", "pra", "su",
		"naar", "op", "per", "for")
	// willWords23v say "will": negated, a refusal (normalised).
	willWords23v = set("will", "wont", "won", "werden", "wird", "werde", "zullen", "zal", "allons", "vamos", "vou", "faremo")
	// toPreps23v say "to" before a demonstrative alone: not "for that".
	toPreps23v = set("to", "a", "al", "para", "pra", "naar", "an", "su", "sur")
	// dutchPreps23v: Dutch words of direction before "die".
	dutchPreps23v = set("naar", "op", "aan")
	// moveVerbs23v: going, sending, paying back and calling, beyond sendVerbs.
	moveVerbs23v = set("went", "gone", "send", "sends", "resend", "refund", "refunded", "charge", "charged", "charges", "call",
		"calls", "calling", "ging", "gegangen", "schicken", "schicke", "schickt", "senden", "erstattet", "erstatte",
		"rufen", "ruft", "rufe", "partent", "part", "envoyons", "envoie", "envoyez", "renvoie", "rembourse", "appelle",
		"appelons", "appelle", "van", "va", "envio", "reenvio", "reembolsado", "reembolsada", "llamamos", "llama",
		"paso", "mandiamo", "manda", "rimando", "rimborsato", "rimborsata", "chiamiamo", "chiama", "sturen", "stuur",
		"stuurt", "teruggestort", "bellen", "bel", "belt", "reenviamos", "reembolsamos", "ligamos", "liga", "enviamos")
	// modalExtra23v: modal words the shared set leaves out (normalised).
	modalExtra23v = set("cant", "cannot", "kann", "peut", "puedo", "posso", "possiamo", "possono", "posso", "kunnen",
		"moet", "must", "should", "musst", "muss", "doit", "debe", "deve", "devo", "tem", "hay")
	// negExtra23v: negations the shared set leaves out (normalised).
	negExtra23v = set("dont", "doesnt", "didnt", "never", "nothing", "nie", "nichts", "niemals", "rien", "jamais", "ne", "n",
		"nada", "nunca", "nulla", "niente", "mai", "niets", "nooit", "nunca", "aren", "isn", "don", "doesn", "nicht",
		"won", "wont", "nao")
	// fitWords23v: words of matching beyond matchWords (normalised).
	fitWords23v = set("corresponds", "correspond", "cuadra", "entspricht", "stemt", "confere", "fit", "coincide", "komt")
	// subjWords23v may stand with a word of matching in its clause.
	subjWords23v = set("it", "does", "do", "thanks", "thank", "you", "good", "great", "perfect", "fine", "ok", "okay", "yes",
		"perfectly", "exactly", "the", "that", "this", "es", "das", "danke", "gut", "perfekt", "alles", "ja", "ca",
		"cela", "la", "le", "l", "merci", "parfait", "bien", "oui", "gracias", "perfecto", "si", "todo", "grazie",
		"perfetto", "tutto", "het", "dat", "dank", "u", "bedankt", "perfect", "de", "a", "o", "obrigado", "obrigada",
		"perfeito", "sim", "mesmo", "bate", "overeen", "uberein", "moving", "on", "does", "do", "certo")
	// loginNouns23v name the login, the email at this business (normalised).
	loginNouns23v = set("login", "username", "usuario", "utente", "utilizador", "gebruikersnaam", "benutzername",
		"identifiant", "user", "anmeldename", "nome", "nombre")
	// emphasis23v may stand between a copula and what it says (normalised).
	emphasis23v = set("indeed", "indeed,", "bien", "wel", "inderdaad", "doch", "tatsachlich", "effectivement", "justamente",
		"precisamente", "proprio", "davvero", "mesmo", "exactamente", "exactement", "genau", "precies", "also", "still",
		"effettivamente", "efectivamente", "de", "del", "do", "da", "van", "het", "of")
	// ofWords23v say whose or what for (normalised).
	ofWords23v = set("of", "for", "from", "du", "des", "de", "del", "della", "dello", "dell", "da", "do", "van", "voor", "di", "dei",
		"von", "vom", "fur", "pour", "para", "per")
	// haveWords23v: "we have" (normalised).
	haveWords23v = set("have", "hold", "haben", "habe", "avons", "ai", "tenemos", "tengo", "abbiamo", "ho", "hebben", "heb",
		"temos", "tenho")
	// purposeWords23v give a thing a purpose: "for returns" (normalised).
	purposeWords23v = set("for", "fur", "pour", "para", "per", "voor", "available", "disponible", "disponibile", "beschikbaar",
		"verfugbar", "disponivel")
	// pronounSubj23v may be the subject of a word of matching.
	pronounSubj23v = set("it", "that", "this", "ca", "cela", "das", "es", "het", "dat", "esto", "eso", "isso", "cio")
	// nowWords23v say an act follows at once (normalised).
	nowWords23v = set("now", "jetzt", "maintenant", "ahora", "subito", "ora", "nu", "agora", "gleich", "meteen")
	// verifyNouns23v name a verification (normalised).
	verifyNouns23v = set("verification", "prufung", "verifizierung", "verifikation", "abgleich", "verificacion", "verifica",
		"verificatie", "verificacao", "controle", "controllo", "control", "check")
	// successWords23v say it succeeded (normalised).
	successWords23v = set("passed", "succeeded", "successful", "bestanden", "erfolgreich", "reussi", "reussie", "passee",
		"pasado", "superada", "superado", "bien", "riuscita", "riuscito", "passata", "superata", "geslaagd", "gelukt",
		"passou", "bem", "aprovada", "ok")
	// onceWords23v put the verification ahead (normalised).
	onceWords23v = set("once", "sobald", "when", "wenn", "quand", "lorsque", "cuando", "quando", "zodra", "wanneer", "after",
		"nach", "apres", "despues", "dopo", "depois", "na")
	// datePartWords23v name the parts of a date (normalised).
	datePartWords23v = set("day", "month", "year", "tag", "monat", "jahr", "jour", "mois", "annee", "dia", "mes", "ano",
		"giorno", "mese", "anno", "dag", "maand", "jaar")
	// fineWords23v say all is fine (normalised).
	fineWords23v = set("fine", "good", "ok", "okay", "ordnung", "bon", "bien", "posto", "orde", "certo", "correct", "right",
		"stimmt", "juste", "correcto", "corretto", "klopt", "correto", "bene")
	// answerYesEnd23v close a statement with a yes (normalised).
	answerYesEnd23v = set("yes", "ja", "oui", "si", "sim", "right", "correct", "genau", "exact", "exacto", "esatto", "klopt")
	// byWords23v join a word to itself: "letter by letter" (normalised).
	byWords23v = set("by", "fur", "fuer", "par", "por", "per", "voor", "a")
)
