package guard

// Vague denials that still tell (guard22a). After a value was offered:
//
//   - the value called old: "That's an old address, the current one is
//     somewhere else", "C'est une ancienne adresse", "Dat is een oud
//     adres": a pointer subject or a copula opening the clause, then a
//     word for old or former beside the value's noun or "one";
//   - "that can't be it": a negated modal of possibility, a copula and a
//     pointer closing the clause ("so that can't be it", "não pode ser
//     essa", "dat kan het niet zijn");
//   - the one on record said, then "not this one" closing the sentence:
//     "Não, o registado é francês, não esse", "we have a German number
//     from you, not this one".
//
// A question, a condition or a deferral is no answer; "our" old address,
// an old booking or a thing can't be "it" ("it can't be changed online"
// goes on past the copula).

// vague31 returns RuleDenial when a clause of t denies in one of the
// ways above, or "".
func (t *text) vague31() string {
	for k := range t.toks {
		if deferWord(t.tokBytes(k)) || t.has(k, clCond) {
			return ""
		}
	}
	for c := 0; c < len(t.toks); {
		e := c
		for e < len(t.toks)-1 && t.toks[e].flags&fPunctAfter == 0 && t.toks[e+1].flags&fSentence == 0 {
			e++
		}
		e++ // the clause [c, e)
		if t.toks[e-1].flags&fQuestion == 0 && (t.oldValue31(c, e) || t.cls&clCan31 != 0 && t.cantBeIt31(c, e) || t.notThisTail31(c, e)) {
			return RuleDenial
		}
		c = e
	}
	return ""
}

// oldValue31 reports whether the clause [c, e) opens with a pointer
// subject or a copula and calls the value's noun (or "one") old within
// its first six tokens: "that's an old address", "das ist eine alte
// Adresse", "è un vecchio indirizzo", "essa é uma morada antiga".
func (t *text) oldValue31(c, e int) bool {
	w := string(t.tokBytes(c))
	if !(t.toks[c].lex&(lxDemo|lxCopula) != 0 || fusedPointers[w] || pointerSubjects[w] || articleDemos[w]) {
		return false
	}
	for k := c + 1; k < e && k <= c+5; k++ {
		x := string(t.tokBytes(k))
		if ourWords[x] || ownWords[x] || negations[x] || otherThings[x] {
			return false // "that's our old address", "that's not an old one", "an old booking"
		}
		if !oldWords31[x] {
			continue
		}
		for j := max(c+1, k-2); j < e && j <= k+2; j++ {
			if y := string(t.tokBytes(j)); j != k && (isValueNoun(y) || y == "1" || y == "one" || y == "ones") {
				return true
			}
		}
	}
	return false
}

// cantBeIt31 reports whether the clause [c, e) negates a modal of
// possibility and a copula and closes on a pointer or the copula after
// one: "that can't be it", "no puede ser esa", "non può essere quello",
// "das kann es nicht sein", "dat kan het niet zijn".
func (t *text) cantBeIt31(c, e int) bool {
	modal, neg, be, ptr := false, false, false, false
	for k := c; k < e; k++ {
		x := string(t.tokBytes(k))
		switch {
		case otherThings[x] || isValueNoun(x):
			return false // "the booking can't be that one", "it can't be the same address twice"
		case canWords31[x]:
			modal = true
			neg = neg || x == "cant" || x == "cannot" || x == "couldnt"
		case negations[x] || x == "ne" || x == "niet" || x == "nao":
			neg = true
		case beWords31[x]:
			be = modal
		case t.toks[k].lex&lxDemo != 0 || itWords[x] || x == "it" || x == "ca" || pointerPronouns[x] || theOnes[x] ||
			frenchPointers[x] || articleDemos[x] || x == "1" || x == "la":
			ptr = true
		}
	}
	last := string(t.tokBytes(e - 1))
	end := t.toks[e-1].lex&lxDemo != 0 || itWords[last] || last == "it" || last == "ca" || pointerPronouns[last] || theOnes[last] ||
		frenchPointers[last] || last == "1" || last == "la" || (last == "sein" || last == "zijn") && ptr // not "No, that can't be, ..."
	return modal && neg && be && end
}

// notThisTail31 reports whether the clause [c, e) is "not" and a
// demonstrative ("not this one", "não esse", "nicht diese", "pas
// celui-là") closing a sentence whose clause before it names the record
// or what it holds ("o registado", "we have", "ours").
func (t *text) notThisTail31(c, e int) bool {
	if c == 0 || e-c > 3 || !negations[string(t.tokBytes(c))] && string(t.tokBytes(c)) != "nao" || c+1 >= e {
		return false
	}
	if x := string(t.tokBytes(c + 1)); t.toks[c+1].lex&lxDemo == 0 && !frenchPointers[x] && !theOnes[x] && !pronounRefs[x] {
		return false
	}
	if e < len(t.toks) && t.toks[e].flags&fSentence == 0 {
		return false // the sentence goes on
	}
	from, _ := t.sentenceOf(c)
	for k := from; k < c; k++ {
		x := string(t.tokBytes(k))
		if otherThings[x] {
			return false
		}
		if !(isRecordWord(x) || registeredWords[x] || accountWords[x] || ownWords[x]) || k+1 >= c {
			continue
		}
		// the record's value itself: "o registado é", "the registered
		// one", "der hinterlegte ist", "the stored number"; not "the
		// registered guest"
		if n := string(t.tokBytes(k + 1)); t.toks[k+1].lex&lxCopula != 0 || n == "1" || n == "one" || isValueNoun(n) {
			return true
		}
		for j := k + 1; j < c && j <= k+3 && haveWords31[x]; j++ {
			if isValueNoun(string(t.tokBytes(j))) {
				return true // "wir haben eine französische Nummer von Ihnen, nicht diese"
			}
		}
	}
	return false
}

// Words of a vague denial (normalised).
var (
	// oldWords31 say old or former.
	oldWords31 = set("old", "older", "former", "previous", "outdated", "alte", "alten", "alter", "altes", "altere",
		"alteren", "alterer", "fruhere",
		"fruheren", "ehemalige", "ehemaligen", "veraltet", "veraltete", "ancienne", "ancien", "vieille", "vieux",
		"precedente", "antigua", "antiguo", "anterior", "vieja", "viejo", "vecchio", "vecchia", "precedente",
		"oud", "oude", "vorige", "vroegere", "eerdere", "antiga", "antigo", "velha", "velho")
	// haveWords31 say "we have" of the record.
	haveWords31 = set("have", "haben", "avons", "tenemos", "abbiamo", "hebben", "temos")
	// canWords31 are modals of possibility.
	canWords31 = set("can", "cant", "cannot", "could", "couldnt", "kann", "konnen", "peut", "puede", "puo", "kan", "pode")
	// beWords31 are the infinitives of "be" after them.
	beWords31 = set("be", "sein", "etre", "ser", "essere", "zijn")
)
