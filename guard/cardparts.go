package guard

import "github.com/proofdesk/proofdesk"

// The last two digits. "ends in 58", "endet auf 58", "termina en
// cincuenta y ocho", "letzte ziffern 16": the last two digits of the card
// or of a phone after a word for the ending narrow the value as the last
// four do (a payment card is one of 100 with those digits, and the brand
// narrows it further). The last four block in context (patterns.go);
// the last two block after an ending word only, in a sentence that names
// no other thing's number ("the order ends in 58", "ticket ending 16").

// tailTwo is the last two digits of a value of class.
type tailTwo struct {
	class  string
	digits string
	four   string // the last four digits: "the last three are 158" (cardtail.go)
}

// tailTwosOf returns the last two digits of c's card and phones (phones
// as national numbers).
func tailTwosOf(c *proofdesk.Customer, phones []string) (out []tailTwo) {
	if c == nil {
		return nil
	}
	if p := c.Payment; p != nil && len(p.Last4) == 4 && allDigits([]byte(p.Last4)) {
		out = append(out, tailTwo{proofdesk.ClassPayment, p.Last4[2:], p.Last4})
	}
	for _, n := range phones {
		if len(n) >= 6 {
			out = append(out, tailTwo{proofdesk.ClassPhone, n[len(n)-2:], n[len(n)-4:]})
		}
	}
	return out
}

// tailTwoClass returns the class of a value whose last two digits t gives
// after a word for the ending (see above), or "".
func (m *Matcher) tailTwoClass(t *text) string {
	if len(m.twos) == 0 || t.cls&clTailLead == 0 {
		return ""
	}
	for k := range t.toks {
		if t.toks[k].lex&lxEnding == 0 || !t.has(k, clTailLead) { // tailLeads
			continue
		}
		n := k + 1
		if n < len(t.toks) && tailPreps[string(t.tokBytes(n))] {
			n++
		}
		if n >= len(t.toks) || t.toks[n-1].flags&fPunctAfter != 0 {
			continue
		}
		w := t.tokBytes(n)
		if len(w) != 2 || !isDigit(w[0]) || !isDigit(w[1]) || n+1 < len(t.toks) && t.toks[n+1].flags&fSepBefore != 0 && isDigit(t.tokBytes(n + 1)[0]) {
			continue // "ends in 58 12": a longer number
		}
		if !t.clauseEnd(n) {
			continue // "acaba em 16 dias": a count of something
		}
		from, to := t.sentenceOf(k)
		for _, tw := range m.twos {
			if tw.digits == string(w) && !t.tailOther(from, to, tw.class) {
				return tw.class
			}
		}
	}
	return ""
}

// tailOther reports whether the sentence [from, to) names another thing's
// number ("the order ends in 58") or a number of another class than class
// ("ur phone ends in 58" is no card).
func (t *text) tailOther(from, to int, class string) bool {
	card := false
	for k := from; k < to; k++ {
		card = card || cardWords[string(t.tokBytes(k))]
	}
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if ownerWords[w] || otherThings[w] && !cardWords[w] || businessPlace(w) {
			return true // "the order ends in 58", "het nummer dat eindigt op 58 is van de winkel"
		}
		if class == proofdesk.ClassPayment && numberWords[w] && !card {
			return true // a number, no card
		}
		if class == proofdesk.ClassPayment && t.toks[k].lex&lxPhone != 0 && !phoneVerbs[w] ||
			class == proofdesk.ClassPhone && cardWords[w] {
			return true
		}
	}
	return false
}

// Words of an ending (normalised): tailLeads are the ending words that
// lead the last digits ("ends", "letzte"), tailPreps the prepositions
// between ("in", "auf", "par").
var (
	tailLeads = set("ending", "ends", "end", "digits", "final", "endet", "endziffern", "ziffern", "termine",
		"terminant", "finissant", "finit", "termina", "terminada", "terminado", "terminando", "finisce", "finale",
		"eindigt", "eindigend", "cijfers", "terminam", "chiffres", "digitos", "cifre", "cifras", "algarismos",
		"acaba", "acabado", "acabada", "finisse", "eind", "finishing", "finishes")
	tailPreps = set("in", "on", "with", "w", "auf", "mit", "par", "en", "por", "con", "in", "op", "met", "em", "com",
		"at", "by")
)

// brandContrast reports whether a card brand, the match [start, end) of
// the token view, is set against another brand by a negation within four
// tokens, before or after it: "is ne mastercard keine visa", "c une
// mastercard pas une visa", "not a visa, a mastercard" say which brand the
// card is. What the business accepts ("we take mastercard not amex") is
// no card of the customer's.
func brandContrast(view []byte, start, end int) bool {
	neg, other, accept := false, false, false
	look := func(t []byte) bool {
		w := string(t)
		switch {
		case negations[w] || noDeterminers[w] || w == "nicht" || w == "keine" || w == "kein":
			neg = true
		case neg && cardBrands[w]:
			other = true
		}
		accept = accept || acceptWords[w]
		return false
	}
	nextTokens(view, end-1, 4, look)
	if !(neg && other) {
		neg, other = false, false
		prevTokens(view, start, 4, look)
	}
	if !(neg && other) || accept {
		return false
	}
	accept = false
	prevTokens(view, start, 6, func(t []byte) bool { accept = accept || acceptWords[string(t)]; return false })
	nextTokens(view, end-1, 6, func(t []byte) bool { accept = accept || acceptWords[string(t)]; return false })
	return !accept
}

// Words of card brands (normalised): cardBrands name a brand, acceptWords
// say what the business accepts.
var (
	cardBrands = set("visa", "mastercard", "mc", "amex", "maestro", "discover", "jcb", "diners", "unionpay",
		"girocard", "cb")
	acceptWords = set("accept", "accepts", "accepted", "take", "takes", "akzeptieren", "akzeptiert", "nehmen",
		"acceptons", "acceptez", "accepte", "acceptees", "aceptamos", "acepta", "aceptan", "aceptada", "accettiamo",
		"accetta", "accettata", "accepteren", "accepteert", "aceitamos", "aceita", "aceite", "work", "works",
		"funktioniert", "marche", "funciona", "funziona", "werkt", "we", "wir", "nous", "nosotros", "noi", "wij", "nos")
)

// brandTypo reports whether t names the customer's card brand one letter
// off, in one word or split in two ("masterkard", "master cart", "master
// car"), where the brand itself would count (ctxBrand: "ur masterkard",
// "the master cart ending ..."). brand is the brand in one normalised
// word; only brands of 6 letters or more are read so ("visa" one letter
// off is "vista").
func (m *Matcher) brandTypo(t *text) bool {
	b := m.brand
	if len(b) < 6 {
		return false
	}
	view := t.tokenView()
	var pair [64]byte
	for k := range t.toks {
		if t.toks[k].head6 != b[0] {
			continue // (not empty: b opens with a letter)
		}
		w := t.tokBytes(k)
		last := k
		cand := w
		if len(w) < len(b)-1 && (len(w) < 3 || b[:len(w)] != string(w)) {
			continue // neither the brand one letter off nor its first part ("master")
		}
		if len(w) < len(b)-1 && k+1 < len(t.toks) && len(w)+len(t.tokBytes(k+1)) <= len(pair) {
			cand = append(append(pair[:0], w...), t.tokBytes(k+1)...) // "master cart"
			last = k + 1
		}
		if string(cand) == b || len(cand) < len(b)-1 || len(cand) > len(b)+1 || !editOne(cand, b) {
			continue
		}
		start, end := int(t.toks[k].off), int(t.toks[last].off)+len(t.tokBytes(last))+1
		if inContext(view, start, end, ctxBrand) {
			return true
		}
	}
	return false
}
