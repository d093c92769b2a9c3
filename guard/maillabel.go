package guard

import (
	"strings"

	"github.com/proofdesk/proofdesk"
)

// mailTLD adds an email's top-level domain (its last label, "fr") as a
// token pattern of ctxMailTLD, for a domain no webmail's: "your .fr
// address, not the Gmail one" tells the domain's country.
func (b *builder) mailTLD(v string, level proofdesk.Level) {
	at := strings.LastIndexByte(v, '@')
	if at <= 0 {
		return
	}
	dom := normTokens(v[at+1:])
	if len(dom) < 2 || webmail[dom[0]] {
		return
	}
	b.tokens(dom[len(dom)-1:], pattern{class: proofdesk.ClassEmail, part: PartFull, level: level, ctx: ctxMailTLD})
}

// mailLabelYours reports whether the domain label or top-level domain at
// offset start of the token view is said of the customer's email: a
// possessive of the person addressed right before it and a word for
// address or email right after it ("your exemple address", "Ihre
// exemple-Adresse", "je .fr-adres"), or a possessive and such a word
// right before it ("votre adresse .fr", "tu dirección .fr", "il suo
// indirizzo .fr", "o seu endereço .fr").
func (t *text) mailLabelYours(start int, tld bool) bool {
	i := t.tokenAt(start)
	if i < 1 {
		return false
	}
	prev := string(t.tokBytes(i - 1))
	if prev == "at" {
		return false // a domain after a local part: mailPart's
	}
	for k := i + 1; k < len(t.toks) && k <= i+3; k++ {
		if string(t.tokBytes(k)) == "at" {
			return false // a local part ("your email elodie.martin@..."): mailPart's
		}
	}
	end := i // the label's last token: "exemple fr" is two
	if !tld && end+1 < len(t.toks) && t.toks[end].flags&fPunctAfter == 0 && tldWords[string(t.tokBytes(end+1))] {
		end++
	}
	if secondPerson[prev] && end+1 < len(t.toks) && mailAddrNouns(string(t.tokBytes(end+1))) {
		return true
	}
	if i >= 2 && mailAddrNouns(prev) && (secondPerson[string(t.tokBytes(i-2))] || i >= 3 && secondPerson[string(t.tokBytes(i-3))]) {
		return true
	}
	return false
}

// mailAddrNouns reports whether w names an email address.
func mailAddrNouns(w string) bool { return isValueNoun(w) && w != "number" || addressNouns[w] }

// tldWords are top-level domains that may follow a domain label.
var tldWords = set("fr", "de", "es", "it", "nl", "pt", "com", "org", "net", "eu", "be", "ch", "at", "uk")

// atDomainBare reports whether the domain at offset start of the token
// view follows an "@" with no local part before it ("elodie.martin@
// esempio.fr, ah no, @exemple.fr"): the domain corrected to hers.
func (t *text) atDomainBare(start int) bool {
	i := t.tokenAt(start)
	if i < 1 || t.ats == 0 || string(t.tokBytes(i-1)) != "at" {
		return false
	}
	from, _ := t.sentenceOf(i)
	return i-1 == from || t.toks[i-2].flags&fPunctAfter != 0
}

// mailCutDomain reports whether an email of the customer's stands in t
// with its local part exact and its domain cut short by its last letter
// at a token's end ("elodie.martin@exemple.f..."): read in the
// compact view around each "@", like mailTypo.
func (m *Matcher) mailCutDomain(t *text) bool {
	for i := range t.raw {
		c := int(t.raw[i].coff)
		if t.raw[i].lex&lxAt == 0 || c < 0 {
			continue
		}
		for _, ep := range m.emailParts {
			local, dom := ep[0], ep[1]
			n := len(local)
			if n < 6 || len(dom) < 6 || c-n < 0 || !t.rawStarts(i, c-n) || string(t.buf[c-n:c]) != local {
				continue
			}
			d := len(dom) - 1 // one letter: two would read "exemple" of "exemple.org" as cut
			if e := c + 2 + d; e <= len(t.buf) && compactRun(t.buf[c+2:e]) && string(t.buf[c+2:e]) == dom[:d] && t.rawEnds(i, e) {
				return true
			}
		}
	}
	return false
}

// otherDomain reports whether tokens [from, to), the rest of a yes- or
// no-word's sentence, say the customer's email is of another domain than
// the offered one ("No, yours is of another domain", "No, la suya es de
// otro dominio", "Não, o seu é de outro domínio"), the domain word
// closing its clause: it names her domain by what it is not.
func (t *text) otherDomain(from, to int) bool {
	for k := from; k+1 < to && k < from+6; k++ {
		if w := string(t.tokBytes(k)); (otherOnes[w] || w == "another") && domainWords[string(t.tokBytes(k+1))] &&
			(k+2 == to || t.toks[k+1].flags&fPunctAfter != 0) { // not "the other domain settings"
			return true
		}
	}
	return false
}

// domainWords say "domain" (normalised).
var domainWords = set("domain", "domaine", "dominio", "domein")
