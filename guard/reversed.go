package guard

import (
	"strings"
	"unicode/utf8"

	"github.com/proofdesk/proofdesk"
)

// Values written backwards: "rf.elpmexe@nitram.eidole", "093812746 33+",
// "the last four backwards: 8517", "9791-11-30", "5 eßartstpuaH, 51101
// nilreB". The reply is read again reversed (variants.go): whole, rune by
// rune; each word reversed in place; and only its words with a digit or an
// '@' reversed in place, so that the words around ("last four") keep their
// sense. Each reading is normalised and checked for values like the reply.
//
// The readings cost a normalisation each, so they are made only when the
// reply can hold a reversed value: the automaton holds, besides the
// values, a few pieces of each value reversed (partRevHint: its words of 4
// letters or more, its digits of 4 or more, read backwards), and a hit on
// one only marks the text (text.revHint). A reply with none of them costs
// nothing more than the scan it already had.
//
// A phone read out in its groups backwards ("90 83 21 47 06") is checked
// on the digit view itself (phoneGroupsReversed).

// partRevHint marks a pattern that only says the reply may hold a value
// written backwards (internal; never a verdict's part).
const partRevHint = "rev_hint"

// reverseRunes appends s reversed rune by rune to dst.
func reverseRunes(dst []byte, s string) []byte {
	for i := len(s); i > 0; {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if r == utf8.RuneError && n <= 1 {
			dst = append(dst, s[i-1])
			i--
			continue
		}
		dst = append(dst, s[i-n:i]...)
		i -= n
	}
	return dst
}

// reverseWords appends s to dst with each word (a run of non-space runes)
// of 5 letters or more or with a digit or an '@' reversed in place; with
// digitsOnly, only the words holding a digit or an '@' ("8517",
// "rf.elpmexe@nitram.eidole").
func reverseWords(dst []byte, s string, digitsOnly bool) []byte {
	for i := 0; i < len(s); {
		if isSpaceByte(s[i]) {
			dst = append(dst, s[i])
			i++
			continue
		}
		j := i
		digit, letters := false, 0
		for j < len(s) && !isSpaceByte(s[j]) {
			if c := s[j]; c >= '0' && c <= '9' || c == '@' {
				digit = true
			} else if c < utf8.RuneSelf && isAlnum(c) || c >= 0xc0 {
				letters++ // a letter (or a multi-byte rune's first byte)
			}
			j++
		}
		// a short word reversed is too often another word ("amor",
		// "Roma"): only words of 5 letters or more, or with digits; a
		// noun that owns a number ("ticket", "tracking") stays as
		// written, so that its number keeps the exemption it has forwards
		keep := !digit && (digitsOnly || letters < 5 || ownerWord(s[i:j]))
		if keep {
			dst = append(dst, s[i:j]...)
		} else {
			dst = reverseRunes(dst, s[i:j])
		}
		i = j
	}
	return dst
}

// ownerWord reports whether the word w as written (its case, marks and
// punctuation around aside) is a noun that owns the number after it
// ("Ticket", "Bestellnummer:", "commande"), as ctxNotOwned reads it.
func ownerWord(w string) bool {
	var buf [32]byte
	n := 0
	for _, r := range w {
		var f string
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if !isAlnum(c) {
				continue // "#", ":", a quote
			}
			if n == len(buf) {
				return false
			}
			buf[n] = c
			n++
			continue
		default:
			f = foldTable[r]
		}
		if f == "" || n+len(f) > len(buf) {
			return false
		}
		n += copy(buf[n:], f)
	}
	return n > 0 && isOwner(string(buf[:n])) && !postalWords[string(buf[:n])]
}

// ownedMasked returns reply with the digits of each word that a noun
// owns written as '#' ("Ticket #51101", "Pedido 41082", "Numéro de
// commande : 20057", "Encomenda 350-0011"): an owner word among the two
// words before it (ownerWord; words without a letter or digit, ":" or
// "#", not counted). The forward reading exempts such a number
// (ctxNotOwned: it is the order's, the ticket's), and the reversed
// readings keep the exemption so: the whole reply reversed puts the noun
// after the number, where the exemption no longer sees it. ok is false
// when no word is owned (reply is returned as it is).
func ownedMasked(reply string) (masked string, ok bool) {
	var out []byte
	prev := [2]bool{} // the two words before own their number
	for i := 0; i < len(reply); {
		if isSpaceByte(reply[i]) {
			i++
			continue
		}
		j := i
		digit, word := false, false
		for j < len(reply) && !isSpaceByte(reply[j]) {
			c := reply[j]
			if c >= '0' && c <= '9' {
				digit = true
			}
			if c >= 0x80 || isAlnum(c) {
				word = true
			}
			j++
		}
		if digit && (prev[0] || prev[1]) {
			if out == nil {
				out = []byte(reply)
			}
			for k := i; k < j; k++ {
				if c := out[k]; c >= '0' && c <= '9' {
					out[k] = '#'
				}
			}
		}
		if word {
			prev[1], prev[0] = prev[0], !digit && ownerWord(reply[i:j])
		}
		i = j
	}
	if out == nil {
		return reply, false
	}
	return string(out), true
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// revHints adds the reversed pieces of the customer's values as
// partRevHint patterns: the words of 4 letters or more of each value
// written backwards (" nitram ", " nilreb ", " essartstpuah "), and its
// digits backwards when it has 4 or more ("8517", "093812746", "9791").
func (b *builder) revHints(c *proofdesk.Customer, levels map[string]proofdesk.Level) {
	add := func(v string, level proofdesk.Level) {
		if v == "" || level <= proofdesk.L0 {
			return
		}
		rev := string(reverseRunes(nil, v))
		hint := pattern{part: partRevHint, level: level}
		for _, w := range normTokens(rev) {
			if len(w) >= 4 && !hasDigit(w) && w[0] != '~' {
				b.add(" "+w+" ", hint)
			}
		}
		var d []byte
		for i := 0; i < len(rev); i++ {
			if rev[i] >= '0' && rev[i] <= '9' {
				d = append(d, rev[i])
			}
		}
		if len(d) >= 4 {
			b.add(string(d), hint)
		}
	}
	for _, cp := range c.ContactPoints {
		switch cp.Kind {
		case proofdesk.ContactEmail:
			add(cp.Value, levels[proofdesk.ClassEmail])
		case proofdesk.ContactPhone:
			lvl := levels[proofdesk.ClassPhone]
			if d := strings.TrimPrefix(cp.Value, "+"); len(d) >= 8 && allDigits([]byte(d)) {
				add(nationalNumber(d), lvl)
				add(d[len(d)-4:], lvl) // "the last four backwards"
				continue
			}
			add(cp.Value, lvl)
		}
	}
	lvl := levels[proofdesk.ClassAddress]
	for _, a := range c.Addresses {
		for _, v := range []string{a.Line1, a.Line2, a.City, a.PostalCode} {
			add(v, lvl)
		}
	}
	if len(c.DateOfBirth) >= 4 {
		add(c.DateOfBirth[:4], levels[proofdesk.ClassDateOfBirth]) // the year: every date of birth written backwards holds it
	}
	if c.Payment != nil && len(c.Payment.Last4) == 4 {
		add(c.Payment.Last4, levels[proofdesk.ClassPayment])
	}
}

// phoneGroupsReversed reports whether a run of 3 or more digit groups of t
// gives a phone on file when its groups are read in the other order ("90
// 83 21 47 06", "7716 2345 0151"): the national number, with its trunk 0
// or its country code.
func (m *Matcher) phoneGroupsReversed(t *text) bool {
	if len(m.phones) == 0 {
		return false
	}
	var buf [maxSplitPhone + 4]byte
	for ri := range t.runs {
		r := &t.runs[ri]
		if r.nTok < 3 || r.nTok > 12 || r.tokEnd-r.tokStart < 10 {
			continue // fewer than 8 digits
		}
		n := 0
		ok := true
		for k := int(r.firstTok + r.nTok - 1); k >= int(r.firstTok); k-- {
			w := t.tokBytes(k)
			if n+len(w) > len(buf) || !allDigits(w) {
				ok = false
				break
			}
			n += copy(buf[n:], w)
		}
		if !ok || n < 8 {
			continue
		}
		got := buf[:n]
		for i, nsn := range m.phones {
			if string(got) == nsn || len(got) == len(nsn)+1 && got[0] == '0' && string(got[1:]) == nsn ||
				string(got) == m.phoneDigits[i] {
				return true
			}
		}
	}
	return false
}
