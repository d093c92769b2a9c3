package guard

import (
	"fmt"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// Values shown through a mask or a field key (guard11). A mask leaves the
// characters it does not hide disclosed: "xxxx7158" is the card's ending,
// "71xx" and "•••• 71••" its first two digits of four, "101**" the
// postal code's first three. A field key names the class of the value
// after it in a log line, a key=value pair or a JSON or CSV fragment
// ("dest_city=Berlin", "cp_dest=1100", "localidade=LISBOA").

// maxMask is the longest run of mask characters glued to a card's digits
// that is matched ("xxxxxxxxxxxx7158").
const maxMask = 14

// maskedCard adds the card's ending shown beside a mask: the four digits
// after a glued mask of any length ("xxxx7158": no context needed, the
// mask says it is a masked number), the last two or three after one
// ("xx58", "x158") and the first two or three before one ("71xx", "715x",
// "71 xx" for "71••"), these in a card's context (ctxCard).
func (b *builder) maskedCard(last4 string, level proofdesk.Level) {
	p := pattern{class: proofdesk.ClassPayment, part: PartLast4, level: level}
	pc := p
	pc.ctx = ctxCard
	for n := 2; n <= maxMask; n++ {
		x := strings.Repeat("x", n)
		b.add(" "+x+last4+" ", p)
		b.add(" "+x+last4[1:]+" ", pc)
		b.add(" "+x+last4[2:]+" ", pc)
	}
	for _, h := range []string{last4[:2], last4[:3]} {
		b.add(" "+h+" xx ", pc)
		for n := 1; n <= 4-len(h)+2; n++ {
			b.add(" "+h+strings.Repeat("x", n)+" ", pc)
		}
	}
}

// postalParts adds the parts of postal code pc (its normalised groups)
// that count behind a postal field key (ctxPostalKey): the first group of
// four of a code of several groups ("1100" of "1100-053", "1012" of "1012
// PH"), and the first three digits or more of its first group before a
// mask ("101 xx" for "101**", "101xx").
func (b *builder) postalParts(pc []string, level proofdesk.Level) {
	if len(pc) == 0 || !allDigits([]byte(pc[0])) {
		return
	}
	p := pattern{class: proofdesk.ClassAddress, part: PartPostalCode, level: level, ctx: ctxPostalKey}
	head := pc[0]
	if len(pc) > 1 && len(head) == 4 {
		b.add(" "+head+" ", p)
	}
	for n := 3; n < len(head); n++ {
		b.add(" "+head[:n]+" xx ", p)
		for x := 1; x <= len(head)-n+1; x++ {
			b.add(" "+head[:n]+strings.Repeat("x", x)+" ", p)
		}
	}
}

// fieldKeyBefore reports whether the token before k (past up to two field
// affixes, "dest", "ship", or one after the key: "cp_dest=1100") is a
// field key of keys ("plz", "localidade"), or a compound of one of stems
// ("destplz", "zipcode", "shipCity"), not led by an article or a
// possessive ("die Stadt Berlin", "our city Paris").
func (t *text) fieldKeyBefore(k int, keys map[string]bool, stems []string) bool {
	j := k - 1
	for n := 0; n < 2 && j >= 0 && fieldAffixes[string(t.tokBytes(j))]; n++ {
		j--
	}
	if j < 0 || j < k-1 && t.toks[j+1].flags&fSentence != 0 {
		return false
	}
	w := string(t.tokBytes(j))
	if !keys[w] {
		for _, s := range stems {
			if len(w) > len(s) && (strings.HasPrefix(w, s) || strings.HasSuffix(w, s)) {
				for _, o := range ownerAffixes {
					if strings.HasPrefix(w, o) || strings.HasSuffix(w, o) {
						return false // "storeCity=Berlin", "origin_zip": the business's place
					}
				}
				return true
			}
		}
		return false
	}
	if j > 0 && t.toks[j].flags&fSentence == 0 {
		p := string(t.tokBytes(j - 1))
		if determiners[p] || ourWords[p] || pointerArticles[p] || placeOwners[p] || fieldOwners[p] {
			return false // "die Stadt Berlin", "in our city Paris", "store_city=Berlin"
		}
	}
	return true
}

// Field keys (normalised, snake_case and camelCase joined): the words and
// the stems a compound key is made of, by class, and the affixes that
// qualify a key ("dest_city", "cp_dest").
var (
	postalKeys = set("zip", "zipcode", "postcode", "postalcode", "plz", "postleitzahl", "cp", "cap", "cep",
		"codepostal", "codigopostal", "codicepostale", "postcodes", "zip4", "postal")
	postalStems = []string{"zip", "plz", "postcode", "postalcode", "postleitzahl", "codepostal", "codigopostal",
		"codpostal", "codicepostale"}
	cityKeys = set("city", "town", "stadt", "ort", "wohnort", "ville", "ciudad", "localidad", "poblacion", "citta",
		"localita", "comune", "stad", "plaats", "woonplaats", "cidade", "localidade", "concelho", "lieferort")
	cityStems = []string{"city", "stadt", "ville", "ciudad", "localidad", "citta", "localita", "plaats", "cidade",
		"localidade", "wohnort", "lieferort"}
	// ownerAffixes and fieldOwners make a key the business's or the
	// sender's: "store_city", "originZip", "warehouse_plz".
	ownerAffixes = []string{"store", "shop", "warehouse", "depot", "office", "branch", "hub", "origin", "sender", "from",
		"center", "centre", "zentrum", "centro", "facility",
		"pickup", "return", "lager", "filiale", "magasin", "tienda", "almacen", "negozio", "magazzino", "winkel", "loja"}
	fieldOwners  = set(ownerAffixes...)
	fieldAffixes = set("dest", "destination", "ship", "shipping", "billing", "bill", "delivery", "deliv", "cust",
		"customer", "user", "addr", "home", "liefer", "rechnung", "envio", "entrega", "consegna", "spedizione",
		"livraison", "facturation", "bezorg", "levering", "morada", "fatura", "name", "code", "value", "to",
		// HTML and Markdown table cells: "<td>City</td><td>Lisboa</td>"
		"td", "th", "tr", "span", "div", "li", "b", "strong", "dd", "dt")
)

// mailPrefixes adds the local part cut short past one of its separators
// ("starts with elodie.m…", "elodie.mart"): its labels up to one, then
// one letter or more of the next, beside a word for the user name or
// "starts with" (ctxMailLocal). The first label alone is often a first
// name, and is not added.
func (b *builder) mailPrefixes(local []string, level proofdesk.Level) {
	p := pattern{class: proofdesk.ClassEmail, part: PartFull, level: level, ctx: ctxMailLocal}
	for i := 1; i < len(local); i++ {
		for n := 1; n < len(local[i]); n++ {
			// through the normaliser: "mar" reads as March ("m03")
			b.addText(strings.Join(local[:i], " ")+" "+local[i][:n], p)
		}
	}
}

// mailMasked reports whether t holds an email on file with its local part
// masked and its domain shown ("e****.martin@exemple.fr", "******@exemple.fr"):
// an '@' read "at" after a mask ("xx") within the 6 tokens before it (the
// dots of the local part read as ends of sentences), then the domain of an
// email on file. The shown domain is a
// part; a mask over the domain too ("******@*****.**") shows nothing.
func (m *Matcher) mailMasked(t *text) bool {
	for k := 1; k+1 < len(t.toks); k++ {
		if string(t.tokBytes(k)) != "at" {
			continue
		}
		masked := false
		for j := k - 1; j >= 0 && j >= k-6; j-- {
			if allX(t.tokBytes(j)) {
				masked = true
				break
			}
		}
		if !masked {
			continue
		}
		for _, ep := range m.emailParts {
			dom, j := ep[1], k+1
			for j < len(t.toks) && len(dom) > 0 {
				w := string(t.tokBytes(j))
				if !strings.HasPrefix(dom, w) {
					break
				}
				dom, j = dom[len(w):], j+1
			}
			if dom == "" {
				return true
			}
		}
	}
	return false
}

// cardKeyed adds the card's ending after a key that names it in a log or a
// JSON field ("last4: 7158", "cardLast4=7158", "cc_tail=7158"): no other
// context needed.
func (b *builder) cardKeyed(last4 string, level proofdesk.Level) {
	p := pattern{class: proofdesk.ClassPayment, part: PartLast4, level: level}
	for _, k := range []string{"last4", "lastfour", "last 4", "cardlast4", "cclast4", "panlast4", "last4digits", "cc tail",
		"card tail", "pan tail", "pan suffix", "card suffix", "cc last4", "card last4", "pan last4"} {
		b.add(" "+k+" "+last4+" ", p)
		if strings.Contains(k, "tail") || strings.Contains(k, "suffix") {
			b.add(" "+k+" "+last4[1:]+" ", p) // "cc_tail=158"
			b.add(" "+k+" "+last4[2:]+" ", p) // "cc_tail=58"
		}
	}
}

// phoneKeyed adds a phone's last 2 to 4 digits after a key that names
// them ("phone_suffix=90", "tel_tail: 8390", "msisdnLast4=8390").
func (b *builder) phoneKeyed(digits string, level proofdesk.Level) {
	if len(digits) < 8 {
		return
	}
	p := pattern{class: proofdesk.ClassPhone, part: PartFull, level: level}
	for _, k := range []string{"phone suffix", "phone tail", "phone last4", "phonelast4", "tel suffix", "tel tail",
		"msisdn suffix", "msisdn tail", "msisdnlast4", "mobile suffix", "mobile tail", "mobile last4", "phone last 4"} {
		for n := 2; n <= 4; n++ {
			b.add(" "+k+" "+digits[len(digits)-n:]+" ", p)
		}
	}
}

// dobKeyed adds the month and the day of birth after a key that names them
// ("birth_month=11", "\"birthMonth\": 11", "dob_day=3", "geburtsmonat: 11").
func (b *builder) dobKeyed(month, day int, level proofdesk.Level) {
	p := pattern{class: proofdesk.ClassDateOfBirth, part: PartFull, level: level}
	for _, k := range []string{"birth month", "birthmonth", "dob month", "dobmonth", "month of birth", "monthofbirth",
		"geburtsmonat", "mois naissance", "moisnaissance", "mes nacimiento", "mesnacimiento", "mese nascita",
		"mesenascita", "geboortemaand", "mes nascimento", "mesnascimento"} {
		for _, m := range uniq(fmt.Sprint(month), fmt.Sprintf("%02d", month)) {
			b.addText(k+" "+m, p)
		}
	}
	for _, k := range []string{"birth day", "dob day", "dobday", "day of birth", "dayofbirth", "geburtstag tag",
		"jour naissance", "dia nacimiento", "giorno nascita", "geboortedag", "dia nascimento"} {
		for _, d := range uniq(fmt.Sprint(day), fmt.Sprintf("%02d", day)) {
			b.addText(k+" "+d, p)
		}
	}
}

// mailMasks adds an email's parts around a masked '@' ("***.martin@***",
// "e.martin@…", "elodie.martin@***", "****@exemple.**"): the local part's
// later labels after its first initial or a mask, the whole local part
// before a masked domain, the domain's first label after a masked local
// part. A pattern holding a mask needs an '@' in the text
// (ctxMailMasked); one cut short at the '@' needs the cut (ctxMailCut).
func (b *builder) mailMasks(local, dom []string, level proofdesk.Level) {
	m := pattern{class: proofdesk.ClassEmail, part: PartFull, level: level, ctx: ctxMailMasked}
	cut := m
	cut.ctx = ctxMailCut
	if len(local) >= 2 {
		for _, l := range local[1:] {
			if len(l) < 4 {
				continue
			}
			b.tokens([]string{"xx", l, "at"}, m)
			b.tokens([]string{local[0][:1], l, "at", "xx"}, m)
			b.tokens([]string{local[0][:1], l, "at"}, cut)
		}
	}
	if tokLen(local) >= 6 {
		b.tokens(append(append([]string(nil), local...), "at", "xx"), m)
		if len(dom) > 0 {
			b.tokens(append(append([]string(nil), local...), "at", dom[0][:1], "xx"), m) // "elodie.martin@e*****.fr"
		}
	}
	if len(dom) >= 2 && len(dom[0]) >= 5 && !webmail[dom[0]] {
		b.tokens([]string{"xx", "at", dom[0]}, m)
	}
}

// ownerAfter reports whether the token after the match ending at end (an
// offset of the token view) makes it a place of the business: "city=Berlin
// hub", "Madrid warehouse".
func (t *text) ownerAfter(end int) bool {
	j := t.tokenAt(end - 2)
	if j < 0 || j+1 >= len(t.toks) {
		return false
	}
	w := string(t.tokBytes(j + 1))
	return placeOwners[w] || fieldOwners[w]
}
