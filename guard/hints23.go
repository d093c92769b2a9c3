package guard

// Litotes and hints about an offered value (guard19a): "I won't say it's
// wrong" and "I won't say it isn't your card" confirm (a negated verb of
// saying before a judgement of wrong, or before a negation: two negations
// make a yes); "I won't say it's right" denies. A part said to be off
// ("The postcode is off by a few digits") or two parts to swap ("Swap the
// day and the month", "Tag und Monat sind vertauscht") deny. "I won't tell
// anyone which digits are right or wrong" judges nothing.

// hints23 returns the rule of a litotes or a hint in t, or "".
func (t *text) hints23() string {
	for i := t.nextWith(clHint23, 0); i < len(t.toks); i = t.nextWith(clHint23, i+1) {
		if !t.has(i, clHint23) {
			continue // neither a word of swapping nor "off"
		}
		w := string(t.tokBytes(i))
		switch {
		case swapWords23[w]:
			if t.swapHint(i) {
				return RuleDenial
			}
		case w == "off" || w == "daneben":
			if t.offHint(i) {
				return RuleDenial
			}
		}
	}
	return ""
}

// litotes23 returns the rule of a litotes in t ("I won't say it's wrong"),
// or "": read before the phrase sets, whose "c'est faux" it holds.
func (t *text) litotes23() string {
	for i := t.nextWith(clSay23, 0); i < len(t.toks); i = t.nextWith(clSay23, i+1) {
		if t.has(i, clSay23) { // saySays23
			if r := t.litotes(i); r != "" {
				return r
			}
		}
	}
	return ""
}

// litotes reads the verb of saying at token i: negated by the speaker
// ("I won't say", "je ne dirais pas", "ich würde nicht sagen", "no diré"),
// then within 7 tokens of its sentence a judgement that closes it: wrong
// ("it's wrong") or a negation ("it isn't your card", "que non") is a
// confirmation, right is a denial. A word of which or whether, anyone,
// or a question makes it no answer.
func (t *text) litotes(i int) string {
	from, to := t.sentenceOf(i)
	if t.toks[i].flags&fQuestion != 0 || t.conditional(i) {
		return ""
	}
	neg, first := false, false
	k := i - 1
	for ; k >= from && k >= i-5; k-- {
		x := string(t.tokBytes(k))
		if !litotesSubject[x] || k < i-1 && t.toks[k].flags&fPunctAfter != 0 {
			break
		}
		neg = neg || litotesNeg[x]
		first = first || firstPerson23[x]
	}
	if !first && k >= from && t.toks[k].flags&fPunctAfter == 0 {
		return "" // "you won't say", "the courier won't say": not the speaker's
	}
	// the negation may follow the verb: "ich sage nicht", "ik zeg niet", "je ne dirais pas"
	j := i + 1
	for j < to && j <= i+2 && (litotesNeg[string(t.tokBytes(j))] || string(t.tokBytes(j)) == "you" || string(t.tokBytes(j)) == "u") {
		neg = neg || litotesNeg[string(t.tokBytes(j))]
		j++
	}
	if !neg || to-j > 8 || to-j < 1 {
		return ""
	}
	for k := from; k < to; k++ {
		if x := string(t.tokBytes(k)); refusalModals23[x] || anyoneWords23[x] || (otherThings[x] || thingWords[x]) && !partWords[x] && !noJudgements[x] {
			return "" // "I won't say it's wrong, I just can't check it", "I'd never say a customer is wrong"
		}
	}
	if t.deferredAnywhere() {
		return "" // "I won't say it's wrong or right before verification"
	}
	for k := j; k < to; k++ {
		if x := string(t.tokBytes(k)); x == "and" || x == "und" || x == "et" || x == "en" || x == "y" || saySays23[x] {
			to = k // "Ich sage nicht „nicht die“ und ich sage nicht „die“": one complement
			break
		}
	}
	wrong, right, negs, judge, cop := false, false, 0, -1, false
	for k := j; k < to; k++ {
		x := string(t.tokBytes(k))
		cop = cop || copulaWords[x] || x == "isnt" || x == "nest" || x == "s" || x == "its" || x == "thats" || x == "cest" ||
			yesJudgements[x]
		if whetherWords[x] || anyoneWords23[x] || whichWords23[x] {
			return "" // "I won't tell anyone which digits are right or wrong"
		}
		switch {
		case noJudgements[x] || wrongWords23[x]:
			wrong, judge = true, k
		case yesJudgements[x] && x != "yes" && x != "ja" && x != "oui" && x != "si" && x != "sim" && x != "ok":
			right, judge = true, k
		case negations[x] || x == "nest" || x == "isnt" || x == "non":
			negs++
			judge = max(judge, k)
		}
	}
	if judge < 0 || to-judge > 3 || wrong && right {
		return "" // "wrong to ask, ...": the judgement must close the sentence
	}
	switch {
	case wrong && negs == 0, !wrong && negs > 0 && cop:
		return RuleConfirmation // "I won't say it's wrong", "I won't say it isn't your card"
	case right && negs == 0:
		return RuleDenial // "I won't say it's right"
	}
	return ""
}

// swapHint reports whether the word of swapping at token i has two parts
// of a value in its sentence ("Swap the day and the month", "Tag und
// Monat sind vertauscht", "Les deux derniers chiffres sont inversés"), or
// "the last two digits": the offered value is not the one on file. Items
// or sizes swapped are another thing.
func (t *text) swapHint(i int) bool {
	from, to := t.sentenceOf(i)
	if t.toks[i].flags&fQuestion != 0 || t.conditional(i) {
		return false
	}
	parts, last := 0, false
	for k := from; k < to; k++ {
		x := string(t.tokBytes(k))
		if (otherThings[x] || thingWords[x]) && !partWords[x] || ourWords[x] || modalWords23[x] {
			return false // "we can swap the item", "the parcels were swapped"
		}
		if partWords[x] || lastDigitNouns[x] {
			parts++
		}
		last = last || lastDigitLeads[x]
	}
	return parts >= 2 || parts == 1 && last
}

// offHint reports whether "off" at token i judges a part of a value
// closing its clause or before "by" ("The postcode is off by a few
// digits", "Die Postleitzahl liegt daneben"): a part word before it in
// its clause, a copula or "liegt" between.
func (t *text) offHint(i int) bool {
	c, e := t.clauseOf(i)
	if t.toks[i].flags&fQuestion != 0 || t.conditional(i) {
		return false
	}
	if i+1 < e && !byWords23[string(t.tokBytes(i+1))] {
		return false // "the postcode is off the list": another sense
	}
	part := false
	for k := c; k < i; k++ {
		x := string(t.tokBytes(k))
		if (otherThings[x] || thingWords[x]) && !partWords[x] || ourWords[x] {
			return false
		}
		part = part || partWords[x] || lastDigitNouns[x] || len(x) > 4 && x[len(x)-1] == 's' && partWords[x[:len(x)-1]]
	}
	return part
}

// Words of litotes and hints (normalised).
var (
	// saySays23 are verbs of saying or claiming, first person.
	saySays23 = set("say", "claim", "tell", "sage", "sagen", "behaupten", "behaupte", "dirais", "dirai", "dis",
		"pretends", "pretendrais", "dire", "dire", "dire", "dire", "dire", "dire", "diria", "dire", "decir", "dire",
		"dire", "dire", "diro", "direi", "zeg", "zeggen", "beweer", "beweren", "dizer", "direi", "diria", "afirmar",
		"affermare", "affirmer")
	// litotesSubject may stand before the verb of saying in a negated
	// first-person clause.
	litotesSubject = set("i", "ich", "je", "j", "ik", "eu", "yo", "io", "wont", "wouldnt", "will", "not", "would", "ne",
		"nicht", "no", "non", "niet", "nao", "vou", "voy", "a", "ga", "zou", "werde", "wurde", "m", "im", "going", "to",
		"pas", "n", "certainly", "definitely", "let", "me", "just", "lets", "us", "ll", "d", "id", "ill", "vais", "vado")
	// litotesNeg negate the verb of saying.
	litotesNeg = set("wont", "wouldnt", "not", "ne", "pas", "nicht", "no", "non", "niet", "nao", "never")
	// wrongWords23 judge wrong besides noJudgements.
	wrongWords23 = set("false", "mal", "incorrect", "erroneous", "inexact", "inexacte", "inexacto", "inesatto")
	// anyoneWords23 make a sentence a rule about others.
	anyoneWords23 = set("anyone", "anybody", "anything", "jemandem", "niemandem", "personne", "nadie", "nessuno",
		"niemand", "ninguem", "alguien", "qualcuno", "iemand", "alguem", "everyone", "whoever")
	// swapWords23 say two things are swapped or to swap them.
	swapWords23 = set("swap", "swapped", "switch", "switched", "transposed", "reversed", "flip", "flipped",
		"tauschen", "vertauscht", "vertauschen", "verdreht", "inversez", "inverser", "inverse", "inverses", "inversee",
		"intercambie", "intercambia", "intercambiados", "intercambiadas", "invertidos", "invertidas", "inverta",
		"scambi", "scambia", "scambiati", "scambiate", "invertiti", "invertite", "inverti", "verwissel", "verwisseld",
		"omgedraaid", "omdraaien", "troque", "troca", "trocados", "trocadas", "invertidos")
	byWords23       = set("by", "um")
	refusalModals23 = set("cant", "cannot", "unable", "kann", "konnen", "darf", "peux", "pouvons", "puedo", "podemos",
		"posso", "possiamo", "kan", "kunnen", "mag", "posso", "podemos", "until", "before", "bis", "avant", "hasta", "antes",
		"finche", "prima", "voordat", "tot")
	firstPerson23 = set("i", "ich", "je", "j", "ik", "eu", "yo", "io", "im", "id", "ill")
	whichWords23  = set("which", "what", "welche", "welcher", "welches", "quel", "quelle", "quels", "quelles", "cual",
		"cuales", "quale", "quali", "welk", "welke", "qual", "quais", "wie", "who")
)
