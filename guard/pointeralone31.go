package guard

// A pointer as a clause of its own, then what was done with the value:
// "C'est cette carte-là, la caution y est bloquée", "That's the one, the
// deposit is held on it", "Genau die, die Kaution ist darauf geblockt",
// "Esa misma, la fianza está bloqueada en ella", "È quella, ...", "Essa
// mesma, a caução está cativa nele", and alone: "Quella stessa.", "That
// very one.". Every word of the clause points — a demonstrative, "the
// one", "same", "very", "exactly", a copula, an article, the value's noun
// — and the clause after it acts on or holds the value with no negation.
// The phrases of thatsTheOne (nextstep.go) are some of these clauses;
// this reads them by their words. A question, a condition or a deferral
// is no answer, nor a clause with any other word ("This one, please").

// pointerAlone31 returns RuleConfirmation when a sentence of t opens with
// a pointing clause (see above) that stands alone or is followed by an
// act on the value, or "".
func (t *text) pointerAlone31(class string) string {
	if t.cls&clDemo == 0 && t.cls&clPhraseLead == 0 {
		return "" // no demonstrative and no "that's the one" in the reply
	}
	for k := range t.toks {
		if deferWord(t.tokBytes(k)) || t.has(k, clCond) {
			return ""
		}
	}
	for from := 0; from < len(t.toks); {
		_, to := t.sentenceOf(from)
		if to <= from {
			break
		}
		if t.toks[from].flags&fQuestion == 0 {
			if e := t.pointingClause31(from, to, class); e > 0 && (e == to || t.actsOn31(e, to)) {
				return RuleConfirmation
			}
		}
		from = to
	}
	return ""
}

// pointingClause31 returns the end of the clause opening the sentence
// [from, to) when its every word points (see above) and one of them is a
// demonstrative or "the one", or 0.
func (t *text) pointingClause31(from, to int, class string) int {
	demo := false
	for k := from; k < to && k < from+5; k++ {
		w := string(t.tokBytes(k))
		switch {
		case t.toks[k].lex&lxDemo != 0 || demoMore28[w] || theOnes[w] || frenchPointers[w] || w == "1" && k > from ||
			k > from && (articleDemos[w] || theOnePronouns23[w]) && pointingWords31[string(t.tokBytes(k-1))]: // "Genau die,"
			demo = true
		case copulaWords[w] || pointingWords31[w] || definites[w] || w == "ci" || t.classNoun(k, w, class):
		default:
			return 0
		}
		if t.toks[k].flags&fPunctAfter != 0 || t.isEmoji(k) {
			if demo && k > from {
				return k + 1
			}
			return 0
		}
	}
	return 0
}

// actsOn31 reports whether the clause from c on (to the sentence's end
// to) acts on or holds the value: a verb of charging, sending, holding
// and a word that points back at the value ("on it", "y", "darauf", "en
// ella", "lì", "nele", "erop"), with no negation and no other thing
// named. "That one, the deposit, is refunded after check-out" points
// back at nothing.
func (t *text) actsOn31(c, to int) bool {
	acted, back := false, false
	for k := c; k < to; k++ {
		w := string(t.tokBytes(k))
		if negations[w] || stepNegations[w] || w == "ne" || w == "niet" || w == "nao" || otherThings[w] {
			return false // "That's the one: order 4471, delivered 12 November" is about the order
		}
		acted = acted || actedVerbs23[w] || chargeVerbs[w] || heldVerbs31[w] || deliverWords[w]
		back = back || backRefs31[w]
	}
	return acted && back
}

// Words of a pointing clause and of a value held (normalised).
var (
	// backRefs31 point back at the value from the clause after the
	// pointer: "on it", "y", "darauf", "en ella", "lì", "nele", "erop".
	backRefs31 = set("it", "there", "y", "dessus", "darauf", "drauf", "damit", "dort", "ella", "el", "ahi", "alli", "li",
		"la", "lei", "esso", "essa", "nele", "nela", "nesse", "nessa", "ai", "erop", "ermee", "daarop", "daar", "hem")
	// pointingWords31 stand in a pointing clause beside its
	// demonstrative: "exactly", "genau", "bien", "mismo", "stessa",
	// "very", "la" ("celle-là"), "one".
	pointingWords31 = set("exactly", "precisely", "just", "very", "same", "indeed", "genau", "exakt", "eben", "dieselbe",
		"derselbe", "dasselbe", "bien", "meme", "justement", "exactement", "precisement", "la", "mismo", "misma", "justo",
		"exactamente", "precisamente", "proprio", "stessa", "stesso", "esattamente", "precies", "dezelfde", "hetzelfde",
		"mesmo", "mesma", "exatamente", "m", "hem", "het", "ze", "sie", "er", "ella", "ela", "ele", "elle", "lui", "lei")
	// heldVerbs31 say a value holds a charge or a hold: "held", "bloquée",
	// "geblockt", "bloqueada", "bloccata", "cativa", "geblokkeerd".
	heldVerbs31 = set("held", "blocked", "authorised", "authorized", "preauthorised", "preauthorized", "reserved",
		"geblockt", "blockiert", "gesperrt", "reserviert", "vorgemerkt", "autorisiert", "bloque", "bloquee", "autorise",
		"autorisee", "retenue", "retenu", "bloqueado", "bloqueada", "retenido", "retenida", "autorizado", "autorizada",
		"bloccato", "bloccata", "trattenuto", "trattenuta", "autorizzato", "autorizzata", "geblokkeerd", "gereserveerd",
		"vastgezet", "cativo", "cativa", "cativado", "cativada", "used", "benutzt", "verwendet", "utilisee", "utilise",
		"usado", "usada", "utilizzato", "utilizzata", "usato", "usata", "gebruikt", "utilizado", "utilizada", "paid",
		"bezahlt", "paye", "payee", "pagado", "pagada", "pagato", "pagata", "betaald", "pago", "paga", "cargo", "cobro",
		"cargaron", "cobraron", "debito", "cobrou", "debitou", "pagou", "addebitata", "afgeboekt", "abgerechnet")
)
