package guard

import "github.com/proofdesk/proofdesk"

// Acting on the offered value, with or without a yes (guard13a): "I've
// charged the delivery to this one", "We called you there this morning",
// "Ich habe die Lieferung von der alten auf diese umgestellt", "j'ai
// débité la livraison sur celle-ci", "We used it earlier for the
// replacement 👍". The business did something with the value: it holds
// it. A verb of acting with a place word, a destination pointer or the
// value as its pronoun object says so; "I've switched delivery to
// express" and "we called the courier" name other things, and a
// question, a condition, a deferral or an exclusion is no answer
// (offerAnswer's rules, checked by the caller).

// actedOnValue reports whether a sentence of t says the business acted on
// the offered value of class: a verb of acting (actVerbs, chargeVerbs,
// callVerbs, switchVerbs, a past send verb) with, in its clause, a place
// word ("there", "dort", "dessus", "lì"), a destination preposition before
// a demonstrative pronoun ("to this one", "auf diese", "sur celle-ci"),
// or a pronoun object right after the verb ("used it", "debited on it").
func (t *text) actedOnValue(class string) bool {
	if t.cls&clActing == 0 {
		return false
	}
	for v := range t.toks {
		if !t.has(v, clActing) {
			continue
		}
		if w := t.tokBytes(v); len(w) < 4 || len(w) > 12 {
			continue
		}
		from, to := t.clauseOf(v)
		sf, st := t.sentenceOf(v)
		if t.toks[st-1].flags&fQuestion != 0 || t.conditional(v) || t.deferredAfter(sf) {
			continue
		}
		if t.pointedAct(v, from, to, class) {
			return true
		}
	}
	return false
}

// pointedAct reports whether the clause [from, to) of acting verb v
// points at the offered value (see actedOnValue).
func (t *text) pointedAct(v, from, to int, class string) bool {
	for k := from; k < to; k++ {
		x := string(t.tokBytes(k))
		switch {
		case actPlaces[x] && !(k+1 < to && existential[string(t.tokBytes(k+1))]) && !(k > from && string(t.tokBytes(k-1)) == "from"):
			if class == proofdesk.ClassPhone || class == proofdesk.ClassEmail || class == proofdesk.ClassAddress ||
				x == "dessus" || x == "darauf" {
				return true // "we called you there", "the code went dorthin"; a card is "dessus", not "there"
			}
		case x == "la" && k > from && string(t.tokBytes(k-1)) == "para" && (k+1 == to || !t.nounOther(k+1)):
			return true // "enviámos para lá"
		case actDestPreps[x] && k+1 < to && actDemos[string(t.tokBytes(k+1))]:
			n := k + 2
			for n < to && (string(t.tokBytes(n)) == "ci" || string(t.tokBytes(n)) == "la" && string(t.tokBytes(k+1)) != "la") {
				n++ // "celle-ci", "celle-là"
			}
			if n == to || n == v || string(t.tokBytes(n)) == "1" || t.classNoun(n, string(t.tokBytes(n)), class) ||
				t.has(n, clActing) || t.isEmoji(n) || t.timeAt(n) {
				return true // "to this one", "auf diese umgestellt", "sur celle-ci"
			}
		case k == v+1 && actObjects[x] && (k+1 == to || !t.nounOther(k+1) || t.timeAt(k+1) || purposePreps[string(t.tokBytes(k+1))]) &&
			!t.itIsOther(v):
			return true // "we used it earlier", "debited it"
		case k+2 == to && onWords[x] && string(t.tokBytes(k+1)) == "it" && k > v:
			return true // "debited the new delivery on it"
		}
	}
	return false
}

// itIsOther reports whether the sentence of verb v names another thing
// that "it" may be, outside what it was used for: "we used it — the
// voucher code, I mean", "I called it in to the warehouse" (as
// actedOnIt).
func (t *text) itIsOther(v int) bool {
	from, end := t.sentenceOf(v)
	for k := from; k < end; k++ {
		if k > from && purposePreps[string(t.tokBytes(k-1))] || k > from+1 && purposePreps[string(t.tokBytes(k-2))] {
			continue // "we used it for the reset"
		}
		if placeOwners[string(t.tokBytes(k))] || t.isOther(k, end) {
			return true
		}
	}
	return false
}

// timeAt reports whether token n says when: "earlier", "esta mañana",
// "hoje de manhã", "this morning".
func (t *text) timeAt(n int) bool {
	w := string(t.tokBytes(n))
	if timeWords[w] || dayParts[w] {
		return true
	}
	return n+1 < len(t.toks) && (demonstratives[w] || w == "this") && (timeWords[string(t.tokBytes(n+1))] || dayParts[string(t.tokBytes(n+1))])
}

// dayParts are parts of a day (normalised).
var dayParts = set("morning", "afternoon", "evening", "morgen", "vormittag", "nachmittag", "matin", "apres", "soir",
	"manana", "tarde", "noche", "mattina", "stamattina", "pomeriggio", "sera", "ochtend", "vanochtend", "middag",
	"avond", "manha", "noite")

// Words of acting on a value (normalised).
var (
	callVerbs = set("called", "rang", "phoned", "texted", "angerufen", "appelee", "appele", "llamamos", "llamado",
		"chiamata", "chiamato", "gebeld", "ligamos", "ligado", "ligamos", "contacted", "kontaktiert", "contacte",
		"contactee", "contactado", "contattato", "contattata", "gecontacteerd", "contactamos")
	switchVerbs = set("switched", "changed", "moved", "umgestellt", "geandert", "bascule", "basculee", "change",
		"transfere", "cambiado", "cambie", "spostato", "spostata", "cambiato", "omgezet", "veranderd", "gewijzigd",
		"mudei", "mudamos", "alterei", "mudado", "alterado", "passe")
	// sentVerbs are past forms of sending: "sent", "geschickt", "envoyé".
	sentVerbs = set("sent", "shipped", "posted", "mailed", "resent", "verschickt", "geschickt", "gesendet", "versandt",
		"envoye", "envoyee", "expedie", "expediee", "renvoye", "enviado", "enviada", "enviamos", "mandado", "spedito",
		"spedita", "inviato", "inviata", "mandato", "gestuurd", "verstuurd", "verzonden", "opgestuurd", "enviei",
		"mandei", "enviamos", "debitado", "debited")
	// actPlaces say "there" of the value; "dessus" and "darauf" also of
	// a card.
	actPlaces = set("there", "dort", "dorthin", "dahin", "dessus", "darauf", "ahi", "alli", "alla", "daar",
		"daarheen", "daarop", "li", "ali")
	// actDestPreps lead the value as the destination or the medium.
	actDestPreps = set("to", "on", "onto", "auf", "an", "sur", "vers", "a", "en", "su", "sulla", "naar", "op",
		"para", "em", "na", "no", "nesse", "nessa", "al", "alla")
	// actDemos are demonstrative pronouns (not determiners: "to that
	// address" is the classNoun after them).
	actDemos = set("this", "that", "diese", "dieser", "die", "celle", "celui", "esa", "ese", "esta", "este",
		"quella", "quello", "questa", "questo", "deze", "die", "essa", "esse", "esta", "este")
	// actObjects are pronoun objects right after the verb: "used it".
	actObjects = set("it", "es", "sie", "ihn")
	onWords    = set("on", "onto")
)
