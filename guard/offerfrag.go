package guard

import (
	"strconv"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// A fragment of an offered value. After the requester offered a value
// of a class ("is it the card ending 7159?"), a correction names the
// wrong value and the right one: "not 7159 — 7158", "nicht 83 09,
// sondern 83 90", "not the 13th, the 3rd". The right one is a fragment
// of the value on file with no class word beside it, which the value
// patterns do not take alone (a bare 4-digit number is an order or a
// year for anyone else). With the class offered it discloses: the card's
// last four, a phone's last four (whole or in two pairs, "83 — then
// 90"), the year of birth; the day of birth only in a correction, beside
// another day and a negation, since a small number is most often a count;
// the same for the year in two digits ("not '78, '79").

// offerFrags holds the digit fragments of a customer's values that
// disclose once their class is offered.
type offerFrags struct {
	card, phone []string // last four digits
	year, day   string   // of the date of birth: "1979", "3"
	// locals are the emails' local parts of two words or more, as
	// tokens; tlds their domains' last labels ("fr").
	locals [][]string
	tlds   []string
}

// fragmentsOf returns c's offerFrags; phones are the national numbers.
func fragmentsOf(c *proofdesk.Customer, phones []string, dob [3]string) offerFrags {
	var f offerFrags
	if c.Payment != nil && len(c.Payment.Last4) == 4 && allDigits([]byte(c.Payment.Last4)) {
		f.card = append(f.card, c.Payment.Last4)
	}
	for _, p := range phones {
		if len(p) >= 6 {
			f.phone = append(f.phone, p[len(p)-4:])
		}
	}
	f.day, f.year = dob[0], dob[2]
	for _, cp := range c.ContactPoints {
		at := strings.LastIndexByte(cp.Value, '@')
		if cp.Kind != proofdesk.ContactEmail || at <= 0 {
			continue
		}
		if l := normTokens(cp.Value[:at]); len(l) >= 2 {
			f.locals = append(f.locals, l)
		}
		if d := normTokens(cp.Value[at+1:]); len(d) >= 2 && !webmail[d[0]] {
			f.tlds = append(f.tlds, d[len(d)-1])
		}
	}
	return f
}

// offeredFragment returns the offered class (of those above level) whose
// fragment t holds, or "", and the rule: RuleProtectedValue, or
// RuleDenial for an email's provider denied beside its domain's ending
// ("ours isn't Gmail but a .fr").
func (m *Matcher) offeredFragment(t *text, level proofdesk.Level, offered []string) (string, string) {
	for _, c := range offered {
		if m.levels[c] <= level {
			continue
		}
		switch c {
		case proofdesk.ClassEmail:
			if t.localReversed(m.frags.locals) {
				return c, RuleProtectedValue
			}
			if t.providerDenied(m.frags.tlds) {
				return c, RuleDenial
			}
		case proofdesk.ClassPayment:
			if t.digitsSpelled(m.frags.card) {
				return c, RuleProtectedValue
			}
		case proofdesk.ClassPhone:
			if t.digitsSpelled(m.frags.phone) {
				return c, RuleProtectedValue
			}
		case proofdesk.ClassDateOfBirth:
			if m.frags.year != "" && (t.digitsSpelled([]string{m.frags.year}) || t.corrected(m.frags.year[2:], yearOf)) ||
				m.frags.day != "" && t.corrected(m.frags.day, dayOf) {
				return c, RuleProtectedValue
			}
		}
	}
	return "", ""
}

// localReversed reports whether t holds an email's local part with its
// words in reverse order and a word that says it is the other way round:
// "not martin.elodie, the other way round", "nicht martin.elodie,
// umgekehrt".
func (t *text) localReversed(locals [][]string) bool {
	rev := false
	for k := range t.toks {
		rev = rev || reversedWords[string(t.tokBytes(k))]
	}
	if !rev {
		return false
	}
	for _, l := range locals {
		for k := range t.toks {
			j, n := k, 0 // the words of l from its last, a word for "dot" between them
			for ; j < len(t.toks) && n < len(l); j++ {
				w := string(t.tokBytes(j))
				if n > 0 && dotWords[w] {
					continue
				}
				if w != l[len(l)-1-n] {
					break
				}
				n++
			}
			if n == len(l) {
				return true
			}
		}
	}
	return false
}

// reversedWords say "the other way round" (normalised).
var reversedWords = set("round", "around", "reversed", "backwards", "swapped", "umgekehrt", "vertauscht", "inverse",
	"reves", "contrario", "andersom", "omgekeerd", "invertido", "invertito", "inverso", "inversa")

// providerDenied reports whether a sentence of t denies a webmail
// provider beside an email domain's last label after an article or "but":
// "ours isn't Gmail but a .fr", "keine Gmail, sondern eine .fr".
func (t *text) providerDenied(tlds []string) bool {
	for k := range t.toks {
		if k == 0 || !tldLeads[string(t.tokBytes(k-1))] || !contains(tlds, string(t.tokBytes(k))) {
			continue
		}
		from, to := t.sentenceOf(k)
		mail, neg := false, false
		for j := from; j < to; j++ {
			w := string(t.tokBytes(j))
			mail = mail || webmail[w] && len(w) > 3
			neg = neg || negations[w] || w == "keine" || w == "niet" || w == "geen"
		}
		if mail && neg {
			return true
		}
	}
	return false
}

// tldLeads come before a domain's ending said alone: "a .fr", "eine
// .fr", "mais une .fr".
var tldLeads = set("a", "an", "but", "eine", "ein", "sondern", "une", "un", "mais", "una", "uno", "pero", "sino", "ma",
	"een", "maar", "um", "uma", "mas")

// digitsSpelled reports whether digit tokens of t in a row, joined, are
// one of frags, whole tokens only ("83 90", "7 1 5 8", "83 — then 90";
// not "17158" or "71.58").
func (t *text) digitsSpelled(frags []string) bool {
	if len(frags) == 0 {
		return false
	}
	for k := range t.toks {
		w := t.tokBytes(k)
		if !allDigits(w) || k > 0 && allDigits(t.tokBytes(k-1)) && t.toks[k-1].flags&fPunctAfter == 0 {
			continue // not the first digits of a group
		}
		for _, f := range frags {
			if t.spellsFrom(k, f) && !t.fragmentOwned(k) {
				return true
			}
		}
	}
	return false
}

// spellsFrom reports whether the digit tokens from k on, skipping the
// words for "then" and "and" between them, spell f and end there.
func (t *text) spellsFrom(k int, f string) bool {
	got := 0
	for j := k; j < len(t.toks) && got < len(f); j++ {
		w := t.tokBytes(j)
		if !allDigits(w) {
			if got > 0 && thenWords[string(w)] {
				continue
			}
			return false
		}
		if j > k && t.toks[j].flags&fDecimal != 0 {
			return false // "71.58 euros": an amount
		}
		if got+len(w) > len(f) || string(w) != f[got:got+len(w)] {
			return false
		}
		got += len(w)
		if got == len(f) {
			return j+1 == len(t.toks) || !allDigits(t.tokBytes(j+1)) || t.toks[j].flags&fPunctAfter != 0
		}
	}
	return false
}

// thenWords may stand between the pieces of a number read out: "83,
// then 90".
var thenWords = set("then", "and", "dann", "und", "puis", "et", "luego", "despues", "y", "poi", "e", "dan", "en", "daarna", "depois", "ensuite")

// corrected reports whether t corrects a value to v: a token that of
// reads as v and, within four tokens, another that it reads as something
// else, led by a negation: "not the 13th, the 3rd", "el 3, no el 13",
// "not '78, '79". of is dayOf or yearOf.
func (t *text) corrected(v string, of func([]byte) string) bool {
	for k := range t.toks {
		if of(t.tokBytes(k)) != v {
			continue
		}
		for j := max(0, k-4); j < min(len(t.toks), k+5); j++ {
			if d := of(t.tokBytes(j)); j == k || d == "" || d == v {
				continue
			}
			if (j > 0 && negations[string(t.tokBytes(j-1))] || j > 1 && negations[string(t.tokBytes(j-2))]) && !t.fragmentOwned(k) {
				return true
			}
		}
	}
	return false
}

// yearOf returns w if it is a two-digit year ("79"), or "".
func yearOf(w []byte) string {
	if len(w) != 2 || !allDigits(w) {
		return ""
	}
	return string(w)
}

// dayOf returns w as a day of the month without a leading zero or a
// Dutch ordinal "e" ("3e"), or "".
func dayOf(w []byte) string {
	if n := len(w); n >= 2 && n <= 3 && w[n-1] == 'e' {
		w = w[:n-1]
	}
	if len(w) == 0 || len(w) > 2 || !allDigits(w) {
		return ""
	}
	n, _ := strconv.Atoi(string(w))
	if n < 1 || n > 31 {
		return ""
	}
	return strconv.Itoa(n)
}

// fragmentOwned reports whether the number at token k belongs to another
// thing: an owner or number noun in the 3 tokens before it ("order 7158",
// "ticket #8390"; not "No, 1979"), or a sentence about another thing or the business ("Delivery
// on the 3rd, not the 13th", "our shop has been open since 1979").
func (t *text) fragmentOwned(k int) bool {
	from, to := t.sentenceOf(k)
	if t.amountAt41b(k) {
		return true // "kostet 7158 Yen" (card41b.go)
	}
	for j := max(from, k-3); j < k; j++ {
		if w := string(t.tokBytes(j)); isOwner(w) || phoneWords[w] || codeWords[w] || numberWords[w] && t.toks[j].flags&fPunctAfter == 0 && !negations[w] {
			return true
		}
	}
	for j := from; j < to; j++ {
		w := string(t.tokBytes(j))
		if ourWords[w] || placeOwners[w] || sinceWords[w] || otherWord(w) {
			return true
		}
	}
	return false
}

// sinceWords date a thing from a year: "open since 1979" (normalised).
var sinceWords = set("since", "seit", "depuis", "desde", "dal", "sinds", "founded", "opened", "gegrundet", "fonde",
	"fondee", "fundada", "fundado", "fondata", "fondato", "opgericht")
