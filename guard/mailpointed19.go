package guard

// mailpointed19.go (g19p): her email told by its domain as "the one":
// "we'll use the exemple.fr one", "le escribimos a la de exemple.fr",
// "usiamo quella di exemple.fr", "escrevemos para o de exemple.fr",
// "celle de exemple.fr", "die von exemple.fr". mailPart (phrases.go)
// wants a word for email near the domain; a pronoun that stands for the
// address does as well. The business's ("our exemple.fr one") and a
// question pass.

// mailOneHeads19 stand for a thing before "of" and the domain: "la de",
// "quella di", "o de", "celle de", "die von", "die van", "the one at"
// (normalised).
var mailOneHeads19 = set("la", "el", "quella", "quello", "o", "a", "celle", "celui", "die", "diejenige", "1", "those",
	"esa", "ese", "essa", "esse", "aquella", "aquela", "dat", "degene")

// mailOneOf19 join the pronoun to the domain (normalised).
var mailOneOf19 = set("de", "di", "do", "da", "von", "van", "at", "on", "bei", "chez", "en", "su", "em", "op", "del")

// mailPointed19 reports whether the domain match [start, end) of the
// token view is pointed at as her address (see above).
func (t *text) mailPointed19(start, end int) bool {
	i, j := t.tokenAt(start), t.tokenAt(end-2)
	if i < 1 || j < i {
		return false
	}
	from, to := t.sentenceOf(i)
	if t.toks[i].flags&fQuestion != 0 || i <= from {
		return false
	}
	pointed := false
	switch p := string(t.tokBytes(i - 1)); {
	case (definites[p] || demonstratives[p] || secondPerson[p]) && j+1 < to && string(t.tokBytes(j+1)) == "1":
		pointed = true // "the exemple.fr one"
	case mailOneOf19[p] && i-2 >= from && mailOneHeads19[string(t.tokBytes(i-2))]:
		pointed = true // "la de exemple.fr", "the one at exemple.fr"
	}
	if !pointed {
		return false
	}
	for k := from; k < to; k++ {
		if w := string(t.tokBytes(k)); ourWords[w] || anyWords[w] || procUs[w] {
			return false
		}
	}
	return true
}
