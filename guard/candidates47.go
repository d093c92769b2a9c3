package guard

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/proofdesk/proofdesk"
	"golang.org/x/text/unicode/norm"
)

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
	t.phoneCandidates(runs.add)
	c.Phone = runs.n
	return c
}

// CandidateValues returns the distinct candidate values reply names (see
// Candidates), each as its class, a colon and the value in one
// normalised form, so that one value in two spellings is one: a phone as
// its digits ("+33 1 23 45 67 89" and "+33-1-2345-6789" are
// "phone:33123456789"), an email address lowercased
// ("Support@Shop.example" is "email:support@shop.example"), a date as
// year-month-day ("7 March 1984" and "07/03/84" are
// "date_of_birth:1984-03-07"), card digits as written
// ("payment:4242"). The classes with a value are CountCandidates's.
// It allocates (the desk calls it on a reply it counts, never Check).
func CandidateValues(reply string) (out []string) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	t := textPool.Get().(*text)
	defer textPool.Put(t)
	t.normalize(reply)
	seen := map[string]bool{}
	add := func(class string, v []byte) {
		s := class + ":" + string(v)
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	if t.ats > 0 {
		s := reply
		if asciiPrefix(s) < len(s) {
			s = norm.NFKC.String(s) // as the guard reads it (prepare): "＠" is '@'
		}
		for i := 0; i < len(s); i++ {
			if s[i] == '@' {
				add(proofdesk.ClassEmail, emailAround(s, i))
			}
		}
	}
	if len(t.numToks) == 0 {
		return out
	}
	card := false
	for i := range t.toks {
		if t.toks[i].lex&lxCard != 0 {
			card = true
			break
		}
	}
	for i := range t.toks {
		sh, lx := t.toks[i].shape, t.toks[i].lex
		if sh&(tsNum|tsMonth) == 0 {
			continue
		}
		if d, ok := t.dateAt(i); ok {
			add(proofdesk.ClassDateOfBirth, dateValue(d))
		}
		if w := t.tokBytes(i); card && lx&lxCard == 0 && len(w) == 4 && sh&tsDigits != 0 {
			add(proofdesk.ClassPayment, w)
		}
	}
	t.phoneCandidates(func(w []byte) { add(proofdesk.ClassPhone, w) })
	return out
}

// emailAround returns the address around the '@' at s[at], lowercased:
// the letters, digits and . _ % + - ' on either side (any non-ASCII
// letter too), without a sentence's closing dot ("write to
// Support@Shop.example." is "support@shop.example").
func emailAround(s string, at int) []byte {
	in := func(c byte) bool {
		return isAlnum(c) || c >= utf8.RuneSelf || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\''
	}
	from, to := at, at+1
	for from > 0 && in(s[from-1]) {
		from--
	}
	for to < len(s) && in(s[to]) {
		to++
	}
	for from < at && (s[from] == '.' || s[from] == '-' || s[from] == '\'') {
		from++
	}
	for to > at+1 && (s[to-1] == '.' || s[to-1] == '-' || s[to-1] == '\'') {
		to--
	}
	return []byte(strings.ToLower(s[from:to]))
}

// dateValue writes a date of dateAt (the year mod 250, month, day) as
// year-month-day: a two-digit year is read as 2000-2015 up to 15, as
// 19xx above ("07/03/84" is "1984-03-07").
func dateValue(d [3]byte) []byte {
	y := int(d[0])
	switch {
	case y >= 150:
		y += 1750 // 1900-1999
	case y <= 15:
		y += 2000
	default:
		y += 1900
	}
	return fmt.Appendf(nil, "%04d-%02d-%02d", y, d[1], d[2])
}
