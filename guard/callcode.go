package guard

import (
	"strings"

	"github.com/proofdesk/proofdesk"
)

// A phone told by its country calling code or by a city of hers in its
// country (guard18): "it's a +33 mobile", "it starts with +49, that's
// all", "the +49 one", "her Berlin number is the one we'll call". The
// code is a bare number in the token view (the '+' is dropped), so it
// counts only with a phone noun beside it or a word for "starts with" or
// for a calling code before it; not before more
// digits (a whole number is the phone patterns'), not in a sentence about
// the business's own line.

// phoneCallForms adds, for each phone of c in international form, its
// calling code (ctxCallCode) and the cities of c's addresses in the
// code's country, in the seven languages' names, as country forms of the
// phone (ctxCountry: a phone noun beside them, said of her).
func (b *builder) phoneCallForms(c *proofdesk.Customer, level proofdesk.Level) {
	for _, cp := range c.ContactPoints {
		if cp.Kind != proofdesk.ContactPhone {
			continue
		}
		code, country := callCodeOf(cp.Value)
		if code == "" {
			continue
		}
		b.tokens([]string{code}, pattern{class: proofdesk.ClassPhone, part: PartFull, level: level, ctx: ctxCallCode})
		for _, a := range c.Addresses {
			if !strings.EqualFold(a.Country, country) {
				continue
			}
			city := normTokens(a.City)
			if len(city) == 0 || tokLen(city) < 4 {
				continue
			}
			forms := []string{strings.Join(city, " ")}
			forms = append(forms, exonyms[forms[0]]...)
			if len(city) == 1 {
				for _, suf := range []string{"er", "ien", "ienne", "se"} {
					forms = append(forms, city[0]+suf) // "Berliner", "parisien" (as the address's city forms)
				}
			}
			b.countryForms(forms, proofdesk.ClassPhone, level)
		}
	}
}

// callCodeOf returns the country calling code of an international phone
// number ("+49 151 ..." gives "49", "DE"), or "".
func callCodeOf(v string) (code, country string) {
	v = strings.TrimSpace(v)
	if !strings.HasPrefix(v, "+") && !strings.HasPrefix(v, "00") {
		return "", ""
	}
	var d []byte
	for i := 0; i < len(v) && len(d) < 5; i++ {
		if isDigit(v[i]) {
			d = append(d, v[i])
		}
	}
	if v[0] == '0' && len(d) > 2 {
		d = d[2:]
	}
	for n := 1; n <= 3 && n < len(d); n++ {
		if c := phoneCountries[string(d[:n])]; c != "" {
			return string(d[:n]), c
		}
	}
	return "", ""
}

// callCodeSaid reports whether the calling code at offset start of the
// token view is said as the code of her phone: a phone noun right after
// it ("a +33 mobile", "die +49-Nummer"), a word for "starts with" or for
// a calling code in the 3 tokens before it, closing its clause ("starts
// with +49", "Vorwahl +49", "indicatif +33"), or a phone noun before it
// closing its clause ("es un móvil +33"). Not before more digits, not in
// a sentence of the business's ("our hotline is +33 ..."). "The +49 one"
// stays out: read-backs of numbers in words stopped innocents that way.
func (t *text) callCodeSaid(start int) bool {
	i := t.tokenAt(start)
	if i < 0 {
		return false
	}
	from, to := t.sentenceOf(i)
	punct := t.toks[i].flags&fPunctAfter != 0
	next := ""
	if i+1 < to {
		next = string(t.tokBytes(i + 1))
	}
	if !punct && next != "" && isDigit(next[0]) && next != "1" {
		return false // "+33 1 23 45 67 89": a whole number
	}
	for k := from; k < to; k++ {
		if w := string(t.tokBytes(k)); ourWords[w] || formatWords[w] {
			return false // "das richtige Format für eine deutsche Handynummer: +49"
		}
	}
	switch {
	case !punct && countryPhoneNouns[next]:
		return true
	case (punct || next == "") && i > from && countryPhoneNouns[string(t.tokBytes(i-1))] && (i-1 == from || t.toks[i-2].lex&lxOwner == 0):
		return true // "es un móvil +33", not "order number 49"
	}
	if !punct && next != "" && !countryPhoneNouns[next] {
		return false // "beginnt mit 49 Artikeln"
	}
	for k := max(from, i-3); k < i; k++ {
		if w := string(t.tokBytes(k)); startWords[w] || callCodeWords[w] {
			return true
		}
	}
	return false
}

// callCodeWords name a country calling code (normalised).
var callCodeWords = set("code", "prefix", "vorwahl", "landervorwahl", "landesvorwahl", "indicatif", "prefijo", "prefisso",
	"landcode", "landnummer", "netnummer", "indicativo", "prefixo")

// formatWords say a sentence is about how a number is written, not about
// hers (normalised).
var formatWords = set("format", "formats", "formatted", "formatting", "formatieren", "formatiert", "formato", "formatos",
	"formati", "formaat", "formaten", "schreibweise", "notation", "notazione", "notacion", "notacao", "example",
	"beispiel", "exemple", "ejemplo", "esempio", "voorbeeld", "exemplo")
