package guard

import "github.com/proofdesk/proofdesk"

// Candidates counts, per protected class, the distinct candidate values a
// reply names: values of the class's shape, whoever's they are. The
// desk counts a sent reply naming any (below the class's level) towards
// the agent's pause, as it counts a blocked one: a reply naming one
// guessed value is blocked when the guess is right and sent when it is
// wrong, so "sent" answers too (issue 10, item 7; the enumeration rule,
// enumeration.go, reads the same shapes and blocks a reply that lists
// enumThreshold or more).
type Candidates struct {
	// Phone: numbers of 7 digits or more, in one token or in a run of
	// shorter ones ("+1 415 555 0142"), not a date ("2025-01-01").
	Phone int
	// Email: '@' signs ("jane@example.com").
	Email int
	// DateOfBirth: full dates that could be one (day, month and a year
	// 1900-2015, in any common order: "1984-03-07", "7 March 1984").
	DateOfBirth int
	// Payment: numbers of exactly 4 digits in a reply with a card word
	// ("the card ending 4242").
	Payment int
}

// Classes returns the classes c counts any candidate of, in the order
// phone, email, date_of_birth, payment.
func (c Candidates) Classes() []string {
	var out []string
	for _, k := range []struct {
		n     int
		class string
	}{{c.Phone, proofdesk.ClassPhone}, {c.Email, proofdesk.ClassEmail}, {c.DateOfBirth, proofdesk.ClassDateOfBirth}, {c.Payment, proofdesk.ClassPayment}} {
		if k.n > 0 {
			out = append(out, k.class)
		}
	}
	return out
}

// CountCandidates returns the candidate values reply names (see
// Candidates), read as the guard reads a reply (normalize.go): "Is it
// +1 415 555 0199?" has one phone candidate, "Thanks, we'll be in touch"
// none.
func CountCandidates(reply string) (c Candidates) {
	defer func() {
		if recover() != nil {
			c = Candidates{} // the verdict, not the count, is the guard's rule
		}
	}()
	t := textPool.Get().(*text)
	defer textPool.Put(t)
	t.normalize(reply)
	return t.candidates()
}

// candidates is CountCandidates on a normalised text: the shapes of
// enumeration(), counted from one.
func (t *text) candidates() Candidates {
	c := Candidates{Email: min(t.ats, len(distinct{}.h))}
	if len(t.numToks) == 0 {
		return c
	}
	var dates, four, runs distinct
	card := false
	for i := range t.toks {
		sh, lx := t.toks[i].shape, t.toks[i].lex
		if sh&(tsNum|tsMonth) == 0 && lx&lxCard == 0 {
			continue
		}
		if sh&(tsNum|tsMonth) != 0 {
			if d, ok := t.dateAt(i); ok {
				dates.add(d[:])
			}
		}
		if lx&lxCard != 0 {
			card = true
		} else if w := t.tokBytes(i); len(w) == 4 && sh&tsDigits != 0 {
			four.add(w)
		}
	}
	c.DateOfBirth = dates.n
	if card {
		c.Payment = four.n
	}
	for _, r := range t.runs {
		long := false
		for k := r.firstTok; k < r.firstTok+r.nTok; k++ {
			if w := t.tokBytes(int(k)); len(w) >= 7 {
				runs.add(w)
				long = true
			}
		}
		end := int(r.off) + 1
		for end < t.compact && t.buf[end] != '|' {
			end++
		}
		if d := t.buf[r.off+1 : end]; len(d) >= 7 && !long && !t.dateLike(r) {
			runs.add(d)
		}
	}
	c.Phone = runs.n
	return c
}
