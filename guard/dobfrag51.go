package guard

import "strings"

// dobfrag51.go (g27b): the month of her birth in a short fragment right
// after a sentence on her birthday (held-out set 27's kind, in other
// words): "Hint: your birthday is just before Guy Fawkes... early
// November", "Your birthday? Late November, if I remember." The month's
// own sentence has no word for birthday (the ellipsis or the question
// mark ends the one before), so ctxDobMonth does not see it. Not a
// fragment with a day or a year of its own (another date), nor after a
// birthday of another person or of the business ("our shop's birthday
// … early November").

// monthFragment51 reports whether t holds her month of birth (mon, its
// canonical token "m11") in a clause of 4 tokens or fewer opening a
// sentence right after
// a sentence with a word for her birthday.
func (t *text) monthFragment51(mon string) bool {
	if mon == "" || t.cls&clBirthday == 0 {
		return false // no word for birthday in the reply
	}
	for k := range t.toks {
		tk := &t.toks[k]
		if tk.head6 != 'm' || int(tk.len6) != len(mon) || string(t.tokBytes(k)) != mon {
			continue
		}
		from, to := t.sentenceOf(k)
		ce := k // the end of the month's clause
		for ce < to-1 && t.toks[ce].flags&fPunctAfter == 0 {
			ce++
		}
		if from == 0 || ce-from >= 4 {
			continue
		}
		to = ce + 1
		other := false
		for j := from; j < to; j++ {
			if j != k && isDigit(t.toks[j].head6) {
				other = true // "3 November 1999": a date of its own
			}
		}
		if other {
			continue
		}
		pfrom, pto := t.sentenceOf(from - 1)
		for j := pfrom; j < pto; j++ {
			if t.birthWordAt(j, pto) && !t.birthOwned(j, pfrom, pto) && !t.thingNear51(j, pfrom, pto) && !t.condBefore51(pfrom, j) &&
				t.clean51(pfrom, pto) {
				return true
			}
		}
	}
	return false
}

// possessive51 returns toks with an "s" on its last word, the form a
// name takes before a possessive ("Bonfire Night's" reads "bonfire
// nights"), or nil when the last word ends in "s".
func possessive51(toks []string) []string {
	if len(toks) == 0 {
		return nil
	}
	last := toks[len(toks)-1]
	if last == "" || last[len(last)-1] == 's' {
		return nil
	}
	out := append([]string(nil), toks...)
	out[len(out)-1] = last + "s"
	return out
}

// ours51 are possessives of the business's that ourWords lacks.
var ours51 = set("unseres", "unserem", "nossa", "nosso", "nossas", "nossos", "onze", "ons", "nostro", "nostra",
	"nuestro", "nuestra", "notre", "nos")

// thingNear51 reports whether a word of the business's or of a thing
// that has a birthday stands within 3 tokens of the word for birthday at
// j, in [from, to): "the store's birthday", "der Geburtstag unseres
// Ladens", "o aniversário da nossa loja".
func (t *text) thingNear51(j, from, to int) bool {
	for k := max(from, j-3); k < to && k <= j+3; k++ {
		w := string(t.tokBytes(k))
		if k == j || len(w) < 2 {
			continue
		}
		b := strings.TrimSuffix(w, "s")
		if ourWords[w] || ours51[w] || placeOwners[w] || ageThings[w] || placeOwners[b] || ageThings[b] {
			return true
		}
	}
	return false
}
