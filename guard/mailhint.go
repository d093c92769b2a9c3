package guard

import (
	"strings"

	"github.com/proofdesk/proofdesk"
)

// An email told in parts without its whole (guard13b): its local part cut
// short ("elodie.m…"), its domain's label after a bare "@" ("your
// @exemple account") or as the one of hers set against a webmail ("the
// exemple one, not Gmail"), its domain's country beside a word for email
// ("your French e-mail", "votre adresse mail française", "first name dot
// last name at the French domain") or its top-level domain beside a word
// for the provider ("your address at that .fr provider").

// mailValues are the parts of the customer's emails mailHintAt looks for.
type mailValues struct {
	// locals are the local parts' tokens ("elodie", "martin"); labels the
	// domains' labels that are no webmail's ("exemple"); tlds their
	// top-level domains ("fr") and tldAdjs the adjectives of the
	// countries those name ("french", "francaise").
	locals  [][]string
	labels  []string
	tlds    []string
	tldAdjs map[string]bool
	// shapes hold all the words above (the locals' first).
	shapes wordShapes
}

func mailValuesOf(c *proofdesk.Customer) mailValues {
	mv := mailValues{tldAdjs: map[string]bool{}}
	for _, cp := range c.ContactPoints {
		at := strings.LastIndexByte(cp.Value, '@')
		if cp.Kind != proofdesk.ContactEmail || at <= 0 {
			continue
		}
		local, dom := normTokens(cp.Value[:at]), normTokens(cp.Value[at+1:])
		if len(dom) < 2 || webmail[dom[0]] {
			continue // a webmail's domain tells nothing of hers
		}
		if len(local) >= 2 {
			mv.locals = append(mv.locals, local)
		}
		for _, l := range dom[:len(dom)-1] {
			if len(l) >= 4 && !tldWords[l] {
				mv.labels = append(mv.labels, l)
			}
		}
		tld := dom[len(dom)-1]
		mv.tlds = append(mv.tlds, tld)
		for _, a := range countryAdjs[strings.ToUpper(tld)] {
			mv.tldAdjs[a] = true
		}
	}
	for _, l := range mv.locals {
		mv.shapes.add(l[0])
	}
	for _, w := range mv.labels {
		mv.shapes.add(w)
	}
	for _, w := range mv.tlds {
		mv.shapes.add(w)
	}
	for w := range mv.tldAdjs {
		mv.shapes.add(w)
	}
	return mv
}

// mailHintAt reports whether token i (w, a word of the hints' shapes)
// tells a part of the customer's email.
func (m *Matcher) mailHintAt(t *text, i int, w string) bool {
	mv := &m.mail
	switch {
	case contains(mv.labels, w):
		return t.labelPicked(i)
	case mv.tldAdjs[w] || contains(mv.tlds, w) && t.providerNext(i):
		return t.mailCountry(i, mv.tldAdjs[w])
	}
	for _, l := range mv.locals {
		if w == l[0] && t.localCut(i, l[1]) {
			return true
		}
	}
	return false
}

// localCut reports whether the local part's first word at token i is
// followed, across a dot, by the start of its second word cut short by an
// ellipsis or a mask ("elodie.m…", "elodie.mar...", "elodie.m***").
func (t *text) localCut(i int, second string) bool {
	if i+1 >= len(t.toks) {
		return false
	}
	n := t.tokBytes(i + 1)
	if len(n) == 0 || len(n) >= len(second) || !strings.HasPrefix(second, string(n)) || t.toks[i+1].flags&(fTight|fDotBefore) == 0 {
		return false
	}
	if i+2 < len(t.toks) && string(t.tokBytes(i+2)) == "xx" {
		return true // "elodie.m***"
	}
	return t.toks[i+1].flags&fPunctAfter != 0
}

// labelPicked reports whether the domain label at token i is said as the
// customer's: after a bare "@" ("your @exemple account"), or with "the
// one", a word for the account or the email after it and a possessive or
// article before it ("the exemple one", "your exemple account"), or
// beside a webmail it is set against ("exemple, not Gmail"). "Par
// exemple" is French for "for example".
func (t *text) labelPicked(i int) bool {
	from, to := t.sentenceOf(i)
	prev := ""
	if i > from {
		prev = string(t.tokBytes(i - 1))
	}
	if prev == "par" || prev == "for" || prev == "zum" || i+1 < to && string(t.tokBytes(i+1)) == "at" {
		return false // "par exemple"; a local part before "@" is mailPart's
	}
	for k := from; k < to; k++ {
		if ourWords[string(t.tokBytes(k))] {
			return false // "our exemple account"
		}
	}
	if prev == "at" && t.ats > 0 {
		p2 := ""
		if i-2 >= from {
			p2 = string(t.tokBytes(i - 2))
		}
		if i-1 == from || secondPerson[p2] || definites[p2] || pointerPreps[p2] || p2 == "to" {
			return true // "your @exemple account", "an die @exemple-Adresse"
		}
	}
	owned := secondPerson[prev] || definites[prev]
	if i+1 < to {
		if n := string(t.tokBytes(i + 1)); owned && (n == "1" || mailAddrNouns(n) || mailAccountWords[n]) {
			return true // "the exemple one", "your exemple account"
		}
	}
	// "votre compte exemple", "la cuenta de exemple", "die Adresse bei exemple"
	if i-1 > from && (mailAccountWords[prev] || mailAddrNouns(prev)) || i-2 > from && (prev == "de" || prev == "di" || prev == "bei" || prev == "chez" || prev == "bij") &&
		(mailAccountWords[string(t.tokBytes(i-2))] || mailAddrNouns(string(t.tokBytes(i-2)))) {
		for k := max(from, i-4); k < i; k++ {
			if secondPerson[string(t.tokBytes(k))] {
				return true
			}
		}
	}
	return owned && t.webmailIn(from, to, i)
}

// webmailIn reports whether a webmail other than token skip stands in
// [from, to): "the exemple one, not Gmail".
func (t *text) webmailIn(from, to, skip int) bool {
	for k := from; k < to; k++ {
		if w := string(t.tokBytes(k)); k != skip && len(w) >= 4 && webmail[w] && w != "mail" && w != "live" {
			return true
		}
	}
	return false
}

// mailCountry reports whether the country adjective (adj) or top-level
// domain at token i, of the customer's email's domain, is said of her
// email: beside a singular word for email or the domain with a possessive
// before ("your French e-mail", "Ihre französische E-Mail-Adresse",
// "votre adresse mail française", "o seu e-mail francês"), set against a
// webmail ("the French one, not the Hotmail one"), beside a word for the
// provider ("your address at that .fr provider"), or as the domain of an
// email described by first and last name ("first name dot last name at
// the French domain").
func (t *text) mailCountry(i int, adj bool) bool {
	from, to := t.sentenceOf(i)
	if i > from && langPreps[string(t.tokBytes(i-1))] || i-1 > from && definites[string(t.tokBytes(i-1))] && langPreps[string(t.tokBytes(i-2))] {
		return false // "your e-mail in French", "in het Frans": the language
	}
	for k := from; k < to; k++ {
		if ourWords[string(t.tokBytes(k))] {
			return false
		}
	}
	noun, domain, provider := -1, false, false
	for k := max(from, i-3); k < to && k <= i+3; k++ {
		w := string(t.tokBytes(k))
		if k == i {
			continue
		}
		switch {
		case emailNouns[w] || mailboxWords[w] || w == "emailadresse" || w == "mailadresse":
			if noun < 0 || k < i {
				noun = k
			}
		case domainWords[w] || w == "domane":
			domain = true
		case providerWords[w]:
			provider = true
		}
	}
	if noun >= 0 && noun+1 < to && t.toks[noun].flags&fPunctAfter == 0 {
		if n := string(t.tokBytes(noun + 1)); otherWord(n) || mailThings[n] {
			return false // "your French e-mail settings"
		}
	}
	you := false
	for k := max(from, i-4); k < i; k++ {
		you = you || secondPerson[string(t.tokBytes(k))]
	}
	if !adj {
		return provider && you // ".fr" itself: "your address at that .fr provider"
	}
	if domain && t.mailShaped(int(t.toks[i].off)) {
		return true // "first name dot last name at the French domain"
	}
	if noun < 0 && !provider {
		return i+1 < to && string(t.tokBytes(i+1)) == "1" && t.webmailIn(from, to, i) && (you || definites[string(t.tokBytes(max(from, i-1)))])
	}
	if you {
		return true
	}
	// "I sent it to the French e-mail, not the Hotmail one"
	return t.webmailIn(from, to, i)
}

// providerNext reports whether a word for the provider follows token i
// within 2 tokens (a quick test before mailCountry: "de" is a word too).
func (t *text) providerNext(i int) bool {
	for k := i + 1; k < len(t.toks) && k <= i+2; k++ {
		if providerWords[string(t.tokBytes(k))] {
			return true
		}
	}
	return false
}

var (
	// mailThings are things of an email that are no address: "your
	// French e-mail settings" (normalised).
	mailThings = set("settings", "preferences", "einstellungen", "parametres", "preferences", "configuracion",
		"preferencias", "impostazioni", "preferenze", "instellingen", "voorkeuren", "configuracoes", "template",
		"templates", "signature", "signatur", "firma", "handtekening", "assinatura", "newsletter", "language")
	// mailAccountWords name a mail account (normalised).
	mailAccountWords = set("account", "konto", "compte", "cuenta", "conto", "account", "conta", "postfach", "mailbox",
		"inbox", "boite", "buzon", "casella", "caixa")
	// providerWords name a mail provider (normalised).
	providerWords = set("provider", "anbieter", "mailanbieter", "fournisseur", "proveedor", "fornitore", "aanbieder",
		"fornecedor", "operadora", "host", "hoster")
	// langPreps put a language after them: "in French", "auf Französisch".
	langPreps = set("in", "en", "auf", "em", "op")
)
