package guard

// maskparts.go (guard20): a masked form that still shows parts of hers.
// A phone masked in its middle keeps its country code or trunk prefix
// and its last digits ("+33 6 •• •• •• 90", "06 XX XX XX 90", "+49 1**
// **** **16"): both ends shown, both hers, tell the number's shape and
// ending. An email said by its first letters after a word for "starts
// with" ("the inbox starting with elodie", "el correo que empieza por
// «elo»", "het mailadres begint met elodie"): the first letters of her
// local part. A mask that shows nothing ("•• •• •• ••", "the number on
// file"), other digits, other letters, and a question, a condition or a
// negation pass.

// phoneEndsShown reports whether t holds a phone of hers masked in its
// middle with its head (the country code, or the trunk prefix and a
// digit) and its last 2 digits or more shown. Beyond phoneMaskedEnds
// (partsaid.go), the head may be short and in groups of tokens ("+33 6",
// "06"), which the digit view's runs of 4 digits or more do not hold.
func (m *Matcher) phoneEndsShown(t *text) bool {
	if t.shapes&tsX == 0 {
		return false // no mask
	}
	for a := 1; a < len(t.toks); a++ {
		if !allX(t.tokBytes(a)) || allX(t.tokBytes(a-1)) {
			continue
		}
		b := a
		for b < len(t.toks) && allX(t.tokBytes(b)) {
			b++
		}
		var hb, tb [24]byte // no allocation: a phone has 15 digits at most
		head, tail := hb[:0], tb[:0]
		h0 := a
		for h0 > 0 && h0 > a-4 && t.digitsTok(h0-1) {
			h0--
		}
		for k := h0; k < a && len(head)+len(t.tokBytes(k)) <= len(hb); k++ {
			if k > h0 && string(t.tokBytes(k)) == "0" {
				continue // "+33 (0)6": the trunk 0 written after the country code
			}
			head = append(head, t.tokBytes(k)...)
		}
		for k := b; k < len(t.toks) && k < b+4 && t.digitsTok(k) && len(tail)+len(t.tokBytes(k)) <= len(tb); k++ {
			tail = append(tail, t.tokBytes(k)...)
		}
		if len(head) == 0 || len(tail) < 2 {
			continue
		}
		for i, nsn := range m.phones {
			intl := m.phoneDigits[i]
			if len(tail) > len(nsn) || nsn[len(nsn)-len(tail):] != string(tail) {
				continue
			}
			cc := len(intl) - len(nsn)
			for _, f := range [...]struct {
				form string
				min  int
			}{{intl, max(cc, 1)}, {"0" + nsn, 2}, {nsn, 2}} {
				if len(head) >= f.min && len(head)+len(tail) < len(f.form) && f.form[:len(head)] == string(head) {
					return true
				}
			}
		}
	}
	return false
}

// mailStartSaid reports whether a word for "starts with" is followed
// within 3 tokens (or, the verb last, preceded within 2) by the first 3 letters or more of her email's local
// part, in a sentence that names an email, a mailbox or an address and
// asks, supposes and denies nothing.
func (m *Matcher) mailStartSaid(t *text) bool {
	if t.cls&clMailStart == 0 {
		return false // no word for "starts"
	}
	for k := range t.toks {
		if !t.has(k, clMailStart) {
			continue // startWords, mailStartVerbs
		}
		from, to := t.sentenceOf(k)
		// "starts with elo", "die mit elod beginnt" (the verb last)
		for j := max(from, k-2); j < to && j <= k+3; j++ {
			w := string(t.tokBytes(j))
			if j == k || len(w) < 3 || !m.localPrefix(w) {
				continue
			}
			if t.toks[j].flags&fQuestion != 0 || t.condBefore(from, j) || t.placeNegated(from, max(j, k)) {
				break
			}
			for n := from; n < to; n++ {
				if x := string(t.tokBytes(n)); emailNouns[x] || mailboxWords[x] || addressNouns[x] || mailStartNouns[x] {
					return true
				}
			}
			break
		}
	}
	return false
}

// localPrefix reports whether w opens the local part of one of her
// emails, its words joined ("elodiem" of "elodie.martin").
func (m *Matcher) localPrefix(w string) bool {
	for _, l := range m.mail.locals {
		rest := w // matched word by word, without joining them
		for _, x := range l {
			if len(rest) <= len(x) {
				if x[:len(rest)] == rest {
					return true
				}
				break
			}
			if rest[:len(x)] != x {
				break
			}
			rest = rest[len(x):]
		}
	}
	return false
}

// mailStartVerbs say "starts" besides startWords: German "fängt ...
// an" (normalised).
var mailStartVerbs = set("fangt", "fangen", "faengt", "beginnt", "opens", "begint")

// mailStartNouns name an email or its login besides emailNouns,
// mailboxWords and addressNouns (normalised).
var mailStartNouns = set("emails", "login", "username", "benutzername", "identifiant", "usuario", "utente", "gebruikersnaam",
	"utilizador", "postvak", "inbox", "emailadres", "endereco", "indirizzo")
