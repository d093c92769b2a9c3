package guard

import "github.com/proofdesk/proofdesk"

// An answer about an offered value. After the requester offered a value
// of a class the level does not reach, the recognised yes and no forms
// (confirmation) are not the only answers: a sentence that names the
// class or points back at the value ("the mobile on the account", "that
// birth date", "quella salvata", "degene die") and carries an answer
// signal — a yes or no word set off as an answer, or a word for what the
// account holds — answers about the offered value whatever words it is
// phrased in. The forms that are no answer stay out: a question, a
// condition, a refusal or another exclusion, a deferral to verification,
// a value of the business's own ("our number") or a new one ("an
// email", "another address").

// offerAnswer returns RuleConfirmation or RuleDenial when a sentence of t
// answers about an offered value of class (see above), or "". excl holds
// the spans of the exclusion phrases of t (refusals and idioms). An
// exclusion, a deferral or a question anywhere in the reply rules the
// answer out, whatever sentence it sits in: "I can't say whether that's
// the number on the account; please call from the registered phone"
// refuses in one clause and names the value in the next. Only the
// sentences that hold a word for the account are judged.
func (t *text) offerAnswer(class string, excl []span) string {
	if len(excl) > 0 || t.notCompared31() || t.policyWhole23v() { // (policy23v.go)
		return "" // "noted for this delivery, without comparing it with the profile" (notcompared31.go)
	}
	first := -1
	for k := range t.toks {
		w := t.tokBytes(k)
		if deferWord(w) || t.toks[k].flags&fQuestion != 0 && !t.movedTail(k) {
			return "" // "after the verification", "use the form", a question: no answer yet
		}
		if first < 0 && t.strongAccount(k) {
			first = k
		}
	}
	if t.readOutValue(class) || t.actedOnGiven(class) {
		return RuleConfirmation // "I've just charged the delivery to the card you read out"
	}
	if class == proofdesk.ClassDateOfBirth && t.birthdayYes() {
		return RuleConfirmation // "Correct, and happy early birthday!"
	}
	if class == proofdesk.ClassAddress && t.cityDenied() {
		return RuleDenial // "Seville isn't on there", "Nee, Milaan hoort er niet bij"
	}
	for k := first; k >= 0 && k < len(t.toks); k++ {
		if !t.strongAccount(k) {
			continue
		}
		from, to := t.sentenceOf(k)
		if rule := t.sentenceAnswer(from, to, class); rule != "" {
			return rule
		}
		k = to - 1
	}
	return ""
}

// strongAccount reports whether token k is a word for the account that
// names no other thing's record (accountWords but not weakRecord).
func (t *text) strongAccount(k int) bool {
	if !t.has(k, clAccount) {
		return false
	}
	n := t.toks[k].end - t.toks[k].off - 1
	return n >= 4 && n <= 31
}

// sentenceAnswer judges the sentence of tokens [from, to) of a reply with
// no exclusion, deferral or question.
func (t *text) sentenceAnswer(from, to int, class string) string {
	if t.conditional(to-1) && !(t.movedTail(to-1) && !t.conditionalWord(to-1)) {
		return ""
	}
	if t.onlyToRecord(from, to) || t.toAccountOne(from, to) || t.keepPolicy(from, to) || t.ourPlaces(from, to) || t.changeRule(from, to) ||
		t.youProcessAfterWord(from, to) || t.processAfterWord28(from, to) || t.policyReply23v(from, to) || t.refusalSentence43(from, to) || t.howTo50(from, to) && !t.verdictAfter55(from) { // (refusal43.go) // "Oui, vous pourrez modifier l'adresse dans votre espace client" (process23.go)
		// "Sorry, no – the link can only go to the address on file": the
		// rule; "Exactly, the code comes by SMS, to the number on your account"
		return ""
	}
	mention := false
	for k := from; k < to && !mention; k++ {
		mention = t.mentionsValue(k, from, class)
	}
	if !mention {
		return ""
	}
	yes, no, rec, negCop := false, false, false, false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		negCop = negCop || t.negatedCopula31(k, from) // "Esa no es la tarjeta con la que se pagó la reserva"
		if anyWords[w] && w != "any" {
			return "" // "the link goes to whatever address is registered on the account": no value
		}
		lead := k == from || t.toks[k-1].flags&fPunctAfter != 0
		switch {
		case lead && t.toks[k].flags&fPunctAfter != 0 && answerYes[w]:
			yes = true
		case lead && t.toks[k].flags&fPunctAfter != 0 && answerNo[w]:
			no = true
		case accountWords[w] && !weakRecord[w] && !(k > from && noDeterminers[string(t.tokBytes(k-1))]) &&
			!(k+1 < to && t.toks[k].flags&fPunctAfter == 0 && recordCompounds31[string(t.tokBytes(k+1))]): // "the booking confirmation" (booking31.go)
			rec = true // "on the account", not "no account fee"
		}
	}
	switch {
	case !rec || yes && no:
		return ""
	case no, negCop && !yes:
		return RuleDenial
	}
	return RuleConfirmation
}

// mentionsValue reports whether token k (in a sentence opening at from)
// names the class of the offered value or points back at one: a noun of
// the class not led by an indefinite or negative article, a quantifier,
// "whichever", "other" or "our", or a pointer pronoun ("celle", "degene", "the one").
func (t *text) mentionsValue(k, from int, class string) bool {
	w := string(t.tokBytes(k))
	if t.notedValue(k, from) {
		return false // "Ho annotato quella mail, ma ..."
	}
	if theOnes[w] || (w == "1" || w == "ones") && k > from && pointerArticles[string(t.tokBytes(k-1))] {
		return true
	}
	if onesOf31[w] && k > from && k+1 < len(t.toks) && ofWords31[string(t.tokBytes(k+1))] && t.toks[k].flags&fPunctAfter == 0 {
		return true // "no son los de la reserva", "não são os da reserva" (booking31.go)
	}
	if !t.classNoun(k, w, class) {
		return false
	}
	for j := k - 1; j >= from && j >= k-2; j-- {
		p := string(t.tokBytes(j))
		if indefinites[p] || otherWords[p] || ourWords[p] || noDeterminers[p] || quantWords[p] || anyWords[p] {
			return false
		}
		if j == k-1 && byWords[p] {
			return false // "the booking confirmation goes out by email": a channel, no value (booking31.go)
		}
	}
	return true
}

// notedValue reports whether the value noun k (in a sentence opening at
// from) is what the agent noted or received ("I've noted that email, but
// ...", "ik heb het nummer genoteerd"): the requester's words taken down,
// no answer about the record. A verb of noting counts up to three tokens
// before the noun or two after, with no punctuation between: "Noted,
// that email is the one on file" answers.
func (t *text) notedValue(k, from int) bool {
	for j := k - 1; j >= from && j >= k-3; j-- {
		if t.toks[j].flags&fPunctAfter != 0 {
			break
		}
		if noteVerbs[string(t.tokBytes(j))] {
			return true
		}
	}
	for j := k + 1; j < len(t.toks) && j <= k+2; j++ {
		if t.toks[j-1].flags&fPunctAfter != 0 || t.toks[j].flags&fSentence != 0 {
			break
		}
		if noteVerbs[string(t.tokBytes(j))] {
			return true
		}
	}
	return false
}

// noteVerbs say that the agent noted or received something, in seven
// languages (normalised).
var noteVerbs = set("noted", "received", "notiert", "vermerkt", "aufgeschrieben", "erhalten", "note", "recu",
	"anotado", "anotada", "apuntado", "apuntada", "recibido", "recibida", "annotato", "annotata", "segnato", "segnata",
	"ricevuto", "ricevuta", "genoteerd", "opgeschreven", "ontvangen", "anotei", "recebi", "recebido",
	"recebida", "anotamos", "apuntamos")

// anyWords say "any", "whatever" or "whichever" (normalised): "whatever
// address is registered", "the code goes to whichever number is on file"
// point at no value.
var anyWords = set("any", "whatever", "whichever", "cualquier", "cualquiera", "qualsiasi", "qualunque", "qualquer",
	"irgendeine", "irgendeiner", "irgendwelche", "welke", "quelconque", "nimporte", "quelque", "importe", "egal")

// classNoun reports whether token k, w, is a noun of class (any class's
// when the class is not one of these: fail closed).
func (t *text) classNoun(k int, w, class string) bool {
	lx := t.toks[k].lex
	switch class {
	case proofdesk.ClassAddress:
		return addressNouns[w] || streetNouns[w] || postalWords[w] && w != "code"
	case proofdesk.ClassPhone:
		return lx&lxPhone != 0 && !phoneVerbs[w] || numberWords[w] && w != "no"
	case proofdesk.ClassEmail:
		return emailNouns[w] || w == "emails" || w == "mails" || addressNouns[w]
	case proofdesk.ClassDateOfBirth:
		return birthWords[w] || dateNouns[w]
	case proofdesk.ClassPayment:
		return cardWords[w]
	}
	return valueNouns[w] || cardWords[w] || birthWords[w] || lx&lxPhone != 0 && !phoneVerbs[w]
}

// streetNouns say "street" (a street type alone, "cours", "via", is often
// another word).
var streetNouns = set("street", "strasse", "rue", "calle", "rua", "straat")

// dateNouns say "date" (with birthWords, the date of birth's class nouns).
var dateNouns = set("date", "datum", "fecha", "data", "geburtsdatum", "geboortedatum")

// deferWord reports whether w defers the answer: verification, a form,
// German "Prüfung" ("erst nach der Prüfung", "Identitätsprüfung"). Every
// one opens with v, f or m, or ends in "prufung".
func deferWord(w []byte) bool {
	if len(w) >= 7 && string(w[len(w)-7:]) == "prufung" {
		return true
	}
	if len(w) < 4 || w[0] != 'v' && w[0] != 'f' && w[0] != 'm' {
		return false
	}
	return len(w) >= 5 && (string(w[:5]) == "verif" || string(w[:5]) == "formu") || string(w) == "form" || string(w) == "modulo"
}

// phoneVerbs are phoneWords that are also verbs or channels ("call",
// "text"): no class noun by themselves.
var phoneVerbs = set("call", "text", "contact", "sms", "whatsapp", "ruf", "rufe", "rufen", "anrufen")

// weakRecord are accountWords that also name other things' records ("the
// courier's records", "the system is slow", "we have the same problem").
var weakRecord = set("records", "record", "system", "sistema", "systeem", "have", "hold", "haben", "hebben",
	"tenemos", "abbiamo", "temos", "avons", "consta", "risulta")

// answerYes and answerNo are the single-word yes and no forms, as
// normalised tokens.
var answerYes, answerNo = func() (map[string]bool, map[string]bool) {
	y, n := map[string]bool{}, map[string]bool{}
	for _, l := range [][]string{yesWords, yesPunctWords} {
		for _, s := range l {
			if toks := normTokens(s); len(toks) == 1 {
				y[toks[0]] = true
			}
		}
	}
	for _, l := range [][]string{noWords, noPunctWords} {
		for _, s := range l {
			if toks := normTokens(s); len(toks) == 1 {
				n[toks[0]] = true
			}
		}
	}
	return y, n
}()

// birthdayYes reports whether t, after a birth date was offered, wishes a
// happy birthday beside a yes or a word for matching: "Correct, and happy
// early birthday!", "Happy birthday next month — matches", "Stimmt, und
// alles Gute zum Geburtstag!". The wish says the date is right; a wish
// with no yes ("Happy birthday! Your voucher is in your inbox") is no
// answer. (offerAnswer has ruled out an exclusion, a deferral and a
// question.)
func (t *text) birthdayYes() bool {
	wish, yes := false, false
	for k := range t.toks {
		w := string(t.tokBytes(k))
		if birthWishes[w] || wishLeads[w] && birthdayNouns(t, k+1, k+4) {
			wish = true
		}
		if wish && wishFor[w] && k+1 < len(t.toks) && !secondPerson[string(t.tokBytes(k+1))] {
			return false // "happy birthday to her": someone else's
		}
		lead := k == 0 || t.toks[k-1].flags&fPunctAfter != 0
		// "Correct," set off as an answer, not "Correct code"
		yes = yes || lead && t.toks[k].flags&fPunctAfter != 0 && answerYes[w] || matchWords[w]
	}
	return wish && yes && !t.otherAhead(0, len(t.toks)) // "Happy birthday! Yes, the voucher is valid all month"
}

// birthdayNouns reports whether a word for birthday stands in tokens [from, to).
func birthdayNouns(t *text, from, to int) bool {
	for k := from; k < min(to, len(t.toks)); k++ {
		if w := string(t.tokBytes(k)); w == "birthday" || w == "geburtstag" || w == "anniversaire" || w == "cumpleanos" ||
			w == "compleanno" || w == "verjaardag" || w == "aniversario" {
			return true
		}
	}
	return false
}

// Words of a birthday wish and of an answer that matches (normalised).
var (
	// birthWishes wish a happy birthday in one word; wishLeads open a wish
	// whose birthday noun follows.
	birthWishes = set("gefeliciteerd", "parabens", "felicidades", "auguri")
	wishLeads   = set("happy", "gute", "joyeux", "bon", "feliz", "buon", "fijne", "gelukkige", "frohen", "felice")
	// wishFor say whom a wish is for: "happy birthday to her".
	wishFor = set("to", "an", "a", "pour", "para", "per", "voor", "aan")
	// matchWords say a value matches: "matches", "passt", "ça colle".
	matchWords = set("matches", "match", "passt", "colle", "coincide", "coinciden", "torna", "corrisponde", "klopt",
		"bate", "confere", "stimmt", "stimmen", "fits")
)
