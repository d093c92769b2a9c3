package guard

// A denial that hints at the value on file through "ours" (guard43): "No,
// ours isn't on gmail", "Not right, ours ends in .fr", "Almost, but ours
// has a dot between first and last name", "Nein, unsere ist nicht bei
// gmail", "Non, la nôtre n'est pas chez gmail", "Quasi, ma la nostra
// finisce in .fr", "Nee, die van ons is niet bij gmail", "Quase, mas o
// nosso termina em .fr". "Ours" standing alone, the subject of its
// clause, is the value the business holds for her; a clause that tells
// its form (a mail provider, a top-level domain, a symbol, how it ends or
// starts), in a sentence with a negation or a contrast ("but", "almost"),
// denies the offered one and gives a piece of the real one away. "No,
// ours isn't open on Sundays" tells no form; "Our emails end in .fr" has
// no lone "ours" (a noun follows).

// oursHint43 reports whether a sentence of t denies the offered value
// with a hint at the one on file (see above).
func (t *text) oursHint43() bool {
	for k := range t.toks {
		w := t.tokBytes(k)
		if len(w) < 3 || w[0] != 'o' && w[0] != 'u' && w[0] != 'n' {
			continue // every one of oursAlone43 opens with o, u or n
		}
		if !oursAlone43[string(w)] || !t.oursSubject43(k) {
			continue
		}
		from, to := t.sentenceOf(k)
		if t.toks[to-1].flags&fQuestion != 0 || t.conditional(k) {
			continue
		}
		_, ct := t.clauseOf(k)
		neg, our := false, false
		for j := from; j < to; j++ {
			our = our || j != k && ourWords[string(t.tokBytes(j))]
		}
		if our {
			continue // "No, that's not our support line, ours starts with 0800": the business's own thing
		}
		for j := from; j < ct; j++ {
			x := string(t.tokBytes(j))
			neg = neg || negations[x] || contrastWords43[x] || x == "nao" || x == "doesnt" || x == "dont"
		}
		if neg && t.formSaid43(k+1, ct) {
			return true
		}
	}
	return false
}

// oursSubject43 reports whether "ours" at k stands alone as a subject: a
// verb or a negation follows it, and for the possessives that are also
// determiners an article ("la nôtre", "die van ons", "o nosso") or a
// preposition ("bei unserer") comes before.
func (t *text) oursSubject43(k int) bool {
	if k+1 >= len(t.toks) {
		return false
	}
	next := string(t.tokBytes(k + 1))
	if !(t.toks[k+1].lex&lxCopula != 0 || negations[next] || formVerbs43[next] || next == "hat" || next == "heeft" || next == "has" ||
		next == "tiene" || next == "ha" || next == "a" || next == "tem" || next == "nest" || next == "ne" || next == "se" || next == "si" || next == "sich" || next == "isnt" || next == "doesnt") {
		return false
	}
	w := string(t.tokBytes(k))
	if w == "ours" || w == "unsere" || w == "unserer" || w == "unseres" {
		return true
	}
	if k == 0 {
		return false
	}
	p := string(t.tokBytes(k - 1))
	return w == "ons" && p == "van" || definites[p] && w != "ons"
}

// formSaid43 reports whether [from, to) tells the form of a value: a mail
// provider, a top-level domain, a symbol, or a verb of ending or starting
// with what it ends in.
func (t *text) formSaid43(from, to int) bool {
	for k := from; k < to; k++ {
		x := string(t.tokBytes(k))
		if mailProviders19[x] || dotWords[x] || symbolWords[x] || countryTLDs19[x] && k > from && (string(t.tokBytes(k-1)) == "in" || string(t.tokBytes(k-1)) == "en" || string(t.tokBytes(k-1)) == "em" || string(t.tokBytes(k-1)) == "auf" || string(t.tokBytes(k-1)) == "op") {
			return true
		}
		if formVerbs43[x] && k+1 < to && formPreps43[string(t.tokBytes(k+1))] {
			return true // "ends in .fr", "termine par 90"
		}
	}
	return false
}

// Words of "ours" and of a value's form (normalised).
var (
	// oursAlone43 are the possessives that stand for "ours".
	oursAlone43 = set("ours", "unsere", "unserer", "unseres", "notre", "nuestra", "nuestro", "nostra", "nostro", "ons",
		"onze", "nossa", "nosso")
	// contrastWords43 turn a sentence against the offered value: "but",
	// "almost".
	contrastWords43 = set("but", "aber", "mais", "pero", "ma", "maar", "mas", "almost", "fast", "presque", "casi", "quasi",
		"bijna", "quase", "nearly")
	// formVerbs43 say how a value ends or starts.
	formVerbs43 = set("ends", "starts", "begins", "endet", "beginnt", "fangt", "termine", "commence", "finit", "termina",
		"empieza", "comienza", "acaba", "finisce", "inizia", "comincia", "eindigt", "begint", "comeca", "acaba")
	// formPreps43 follow a verb of ending: "in", "auf", "par", "con".
	formPreps43 = set("in", "with", "auf", "mit", "par", "en", "con", "per", "op", "met", "em", "com", "por")
)
