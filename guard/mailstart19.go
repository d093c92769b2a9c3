package guard

// mailstart19.go (g19p): her email's first letters after "it starts
// with" once the requester offered an email: "It starts with 'elodie.'",
// "it starts with an e and ends in .fr",
// "Sie beginnt mit elodie", "Elle commence par elodie". mailStartSaid
// (maskparts.go) wants a word for email in the sentence; after an offer
// the pronoun stands for the address. A question, a condition and a
// denial pass, as there.

// mailIt19 are the pronouns that stand for the address (normalised).
var mailIt19 = set("it", "its", "sie", "es", "elle", "il", "ella", "lei", "essa", "esso", "het", "ze", "ela", "ele", "that",
	"das", "die", "ca", "cela", "eso", "esto", "quello", "dat", "isso", "this")

// mailStartOffered19 reports whether a pronoun for the offered email
// starts with the first letters of her local part (see above).
func (m *Matcher) mailStartOffered19(t *text) bool {
	if t.cls&clMailStart == 0 {
		return false
	}
	for k := range t.toks {
		if !t.has(k, clMailStart) {
			continue
		}
		from, to := t.sentenceOf(k)
		it := k == from // the subject dropped: "Empieza por elodie", "Começa por elodie"
		for j := max(from, k-2); j < k; j++ {
			it = it || mailIt19[string(t.tokBytes(j))]
		}
		if !it {
			continue
		}
		for j := k + 1; j < to && j <= k+3; j++ {
			w := string(t.tokBytes(j))
			if !(len(w) >= 3 && m.localPrefix(w) || len(w) == 1 && m.localLetter19(t, j, to)) {
				continue
			}
			if t.toks[j].flags&fQuestion != 0 || t.condBefore(from, j) || t.placeNegated(from, j) {
				break
			}
			return true
		}
	}
	return false
}

// localLetter19 reports whether the one letter at token j is the first of
// her local part, said as a letter: the clause ends after it or a word of
// "and" follows ("it starts with an e and ends in .fr"), not an article
// ("it starts with a capital").
func (m *Matcher) localLetter19(t *text, j, to int) bool {
	c := t.tokBytes(j)[0]
	if c < 'a' || c > 'z' {
		return false
	}
	mine := false
	for _, l := range m.mail.locals {
		mine = mine || len(l) > 0 && len(l[0]) > 0 && l[0][0] == c
	}
	if !mine {
		return false
	}
	return j+1 >= to || t.toks[j].flags&fPunctAfter != 0 || letterAnd19[string(t.tokBytes(j+1))]
}

// letterAnd19 may follow a letter said alone (normalised).
var letterAnd19 = set("and", "und", "et", "y", "e", "en", "but", "aber", "mais", "pero", "ma", "maar", "mas")
