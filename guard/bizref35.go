package guard

import (
	"strings"

	"github.com/proofdesk/proofdesk"
)

// bizref35.go (a30c): the last 4 digits of her card, or of a phone,
// dressed as the requester's own ticket, order, voucher or case number:
// "Your ticket number is 7158", "Ihr Gutscheincode lautet MC7158",
// "Votre référence : PD-7158", "I've opened ticket #7158 for you",
// "Please quote case 7158", "ID pratica: 2026-7158", "Order 7158 has been
// refunded". An owner word exempts a number (ctxNotOwned: "order 4242
// ships today"); the exemption does not hold when the number, standing
// alone as the last group of its run (not inside "0800 7158 000"), is
// handed to the person addressed as hers:
//
//   - a possessive of hers before a business noun, and the number said
//     as its value: after a copula, a word for "number", "ID" or "code",
//     or a colon ("Your case ID: 2026-7158"), not in apposition ("Your
//     order 7158 has shipped" is the order's event). The number bare,
//     only a ticket's, a case's or a reference's ("Your return number is
//     7158" may be the return's); dressed (two letters or a year joined
//     to it: "RT7158", "PD-7158", "2026-7158"), any business noun's — a
//     code of three letters ("ABC-7158") is a code of its own;
//   - a business noun just before it and a word that hands it over:
//     "for you", "quote it", "keep it", "geben Sie ... an";
//   - a label of an ID opening the sentence, the number closing it ("ID
//     pratica: 2026-7158");
//   - for the card, a word for a refund in its sentence: a refund goes
//     back to the card ("Bestellung 7158 wurde erstattet").
//
// A phone's last 4 counts with the first three, not after a word for an
// order ("Your order number is 8390" names the order).

// bizNouns are the business nouns a number may be the value of
// (normalised); compounds of "nummer", "number", "code" count too
// (bizNoun).
var bizNouns = set("ticket", "case", "reference", "ref", "voucher", "coupon", "code", "promo", "return", "id", "order",
	"number", "claim", "booking", "label", "vorgang", "fall", "akte", "aktenzeichen", "gutschein", "bestellung", "auftrag",
	"referenz", "retoure", "kennung", "dossier", "commande", "numero", "identifiant", "retour", "bon", "reclamation",
	"pedido", "caso", "expediente", "referencia", "identificador", "incidencia", "devolucion", "codigo", "descuento",
	"ordine", "pratica", "riferimento", "codice", "sconto", "reso", "bestelling", "zaak", "referentie", "kortingscode",
	"encomenda", "processo", "devolucao", "desconto", "nummer", "nr", "no", "n", "vale", "cupon", "buono", "tegoed")

// bizOrderNouns name an order: a phone's last 4 after them is the order's
// (normalised).
var bizOrderNouns = set("order", "bestellung", "bestellnummer", "auftrag", "commande", "pedido", "ordine", "bestelling",
	"bestelnummer", "encomenda", "ordernummer", "auftragsnummer")

// bizIssued are the nouns of a number the business issues to the
// person addressed now: a ticket, a case, a reference (normalised).
var bizIssued = set("ticket", "case", "reference", "ref", "vorgang", "fall", "akte", "aktenzeichen", "referenz", "kennung",
	"dossier", "identifiant", "caso", "expediente", "referencia", "identificador", "incidencia", "pratica", "riferimento",
	"zaak", "referentie", "processo", "reclamation")

// bizIssuedNoun reports whether w is an issued noun or a compound of one
// with "nummer" or "number" ("Vorgangsnummer", "ticketnummer").
func bizIssuedNoun(w string) bool {
	if bizIssued[w] || bookNoun(w) { // a booking is issued too (bookcard37.go)
		return true
	}
	for _, suf := range []string{"nummer", "number"} {
		if len(w) > len(suf)+2 && w[len(w)-len(suf):] == suf {
			stem := w[:len(w)-len(suf)]
			return bizIssued[stem] || bizIssued[strings.TrimSuffix(stem, "s")]
		}
	}
	return false
}

// bizValueWords say that what follows is the value: a word for "number",
// "ID" or "code" (normalised).
var bizValueWords = set("number", "nummer", "numero", "no", "nr", "n", "id", "code", "codigo", "codice", "reference",
	"ref", "referenz", "referencia", "riferimento", "referentie", "identifiant", "identificador", "kennung", "aktenzeichen")

// bizCopulas link a business noun to its value (normalised; "è" and "é"
// read "e").
var bizCopulas = set("is", "ist", "lautet", "est", "es", "e", "heeft", "hat", "porte", "tiene", "tem", "ha", "was", "war",
	"sera", "will", "be", "reads", "luidt")

// bizSkips may stand between the value word and the number: articles, a
// "#" (read "unit"), the letters of a prefix ("PD-7158"), the sign of
// "n.º".
var bizSkips = set("the", "le", "la", "el", "il", "lo", "o", "a", "de", "die", "der", "das", "het", "unit", "l")

// bizHandOver are the words that hand a number over to the person
// addressed (normalised): "quote it", "keep it", "geben Sie ... an".
var bizHandOver = set("quote", "cite", "mention", "keep", "angeben", "nennen", "aufbewahren", "rappeler",
	"indiquer", "indiquez", "conserver", "citer", "mentionner", "indique", "mencione", "conserve", "conservela", "cite",
	"indichi", "conservi", "citi", "menzioni", "vermeld", "bewaar", "noem", "guarde", "guarde-a", "refira", "mencione")

// bizForYou are the words for "you" after a preposition of benefit:
// "for you", "für Sie", "pour vous", "para usted", "per lei", "voor u",
// "para si" (normalised pairs).
func bizForYou(a string, b []byte) bool {
	switch a {
	case "for":
		return string(b) == "you"
	case "fur":
		return string(b) == "sie" || string(b) == "dich"
	case "pour":
		return string(b) == "vous" || string(b) == "toi"
	case "para":
		return string(b) == "usted" || string(b) == "ti" || string(b) == "si" || string(b) == "voce"
	case "per":
		return string(b) == "lei" || string(b) == "te"
	case "voor":
		return string(b) == "u" || string(b) == "jou"
	}
	return false
}

// bizIDLabels label an ID ("ID pratica:", "Zaak-ID:", "Identificador
// del caso:").
var bizIDLabels = set("id", "identificador", "identifiant", "kennung", "aktenzeichen")

// bizRefunds say a refund (normalised).
var bizRefunds = set("refunded", "refund", "erstattet", "ruckerstattet", "erstattung", "rembourse", "remboursee",
	"remboursement", "reembolsado", "reembolsada", "reembolso", "rimborsato", "rimborsata", "rimborso", "terugbetaald",
	"terugbetaling", "gerefund", "refunds")

// bizNoun reports whether w is a business noun or a compound of one
// ("Vorgangsnummer", "Gutscheincode", "dossiernummer").
func bizNoun(w string) bool {
	if bizNouns[w] || bizOrderNouns[w] || bookNoun(w) { // (bookcard37.go)
		return true
	}
	if len(w) > 6 && (w[len(w)-4:] == "code" || w[len(w)-6:] == "nummer" || w[len(w)-6:] == "number") {
		return !phoneWords[w] && !cardWords[w]
	}
	return false
}

// bizRefClass returns the class of a last 4 handed over as a business
// number in t (see above), or "".
func (m *Matcher) bizRefClass(t *text) string {
	if len(m.frags.card)+len(m.frags.phone) == 0 {
		return ""
	}
	for k := range t.toks {
		if tk := &t.toks[k]; tk.len6 < 4 || tk.len6 > 7 || !isDigit(tk.tail6) {
			continue // (the token's fields: no slice)
		}
		w := t.tokBytes(k)
		d := w[len(w)-4:]
		if !allDigits(d) || !allLetters(w[:len(w)-4]) {
			continue
		}
		from, to := t.sentenceOf(k)
		if k+1 < to && (t.digitsTok(k+1) || t.toks[k+1].flags&fTight != 0) {
			continue // "0800 7158 000", "7158-A": inside a longer number
		}
		for _, c := range m.frags.card {
			if c == string(d) && t.bizHanded(k, from, to, true) {
				return proofdesk.ClassPayment
			}
		}
		for _, p := range m.frags.phone {
			if p == string(d) && t.bizHanded(k, from, to, false) {
				return proofdesk.ClassPhone
			}
		}
	}
	return m.bizSpelled41b(t) // "Your gate code is 7-1-5-8" (bookcard41b.go)
}

// allLetters reports whether b holds only ASCII letters (or nothing).
func allLetters(b []byte) bool {
	for _, c := range b {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// bizHanded reports whether the number at token k, in the sentence
// [from, to), is handed over as a business number of the person
// addressed; card says it is the card's last 4 (a refund counts).
func (t *text) bizHanded(k, from, to int, card bool) bool {
	if t.toks[k].flags&fQuestion != 0 {
		return false
	}
	// b: the token before the number, past a prefix, "#" and a
	// first digit group ("PD-7158", "#7158", "2026-7158")
	b := k - 1
	dressed := len(t.tokBytes(k)) > 4 // "MC7158"
	for b >= from {
		x := t.tokBytes(b)
		if bizSkips[string(x)] {
			b--
			continue
		}
		if b == k-1 && t.toks[k].flags&fTight != 0 && (len(x) <= 2 && allLetters(x) && !bizValueWords[string(x)] && !bizCopulas[string(x)] || bizYear(x)) {
			dressed = true // "PD-7158", "2026-7158"
			b--
			continue
		}
		break
	}
	if b < from {
		return false
	}
	noun := -1 // the nearest business noun before the number
	for j := b; j >= from && j >= b-3; j-- {
		if bizNoun(string(t.tokBytes(j))) {
			noun = j
			break
		}
	}
	if noun < 0 {
		return false
	}
	if card && t.cardTied41b(from, to) {
		return true // "Your order number is 7158, the same as your card" (bookcard41b.go)
	}
	if !card {
		for j := max(from, noun-3); j <= b; j++ {
			if bizOrderNouns[string(t.tokBytes(j))] {
				return false // "Your order number is 8390"
			}
		}
	}
	bw := string(t.tokBytes(b))
	valued := bizCopulas[bw] || bizValueWords[bw] || t.toks[b].flags&fPunctAfter != 0 ||
		len(bw) > 6 && bizNoun(bw) && !bizNouns[bw] // "Fallnummer 2026-7158"
	if valued && !dressed {
		// a bare number is only an issued one's (a ticket's, a case's):
		// "Your return number is 7158" may be the return's, "... is
		// RT7158" is dressed; or an order's said to have it ("Your order
		// is number 7158", "Votre commande porte le numéro 7158")
		c := b - 1
		for c > from && bizSkips[string(t.tokBytes(c))] {
			c--
		}
		valued = bizValueWords[bw] && c > from && bizCopulas[string(t.tokBytes(c))] && bizOrderNouns[string(t.tokBytes(c-1))]
		for j := max(from, noun-3); j <= b; j++ {
			valued = valued || bizIssuedNoun(string(t.tokBytes(j)))
		}
	}
	for j := from; j < noun; j++ {
		if secondPerson[string(t.tokBytes(j))] && valued {
			return true // "Your ticket number is 7158"
		}
	}
	if b == noun || b == noun+1 && bizValueWords[bw] {
		for j := from; j < to; j++ {
			w := string(t.tokBytes(j))
			if bizHandOver[w] && j != k {
				return true // "Please quote case 7158", "Reference: 7158, please quote it"
			}
			if j > k && j+1 < to && bizForYou(w, t.tokBytes(j+1)) {
				return true // "I've opened ticket #7158 for you"
			}
		}
	}
	if k == to-1 && t.toks[b].flags&fPunctAfter != 0 {
		for j := from; j <= b; j++ {
			if bizIDLabels[string(t.tokBytes(j))] {
				return true // "ID pratica: 2026-7158", "Zaak-ID: 2026-7158"
			}
		}
	}
	if card && t.bookHanded(k, b, noun, from, to) {
		return true // "Your booking code is 7158" (bookcard37.go)
	}
	if card && b <= noun+1 {
		for j := k + 1; j < to; j++ {
			if bizRefunds[string(t.tokBytes(j))] {
				return true // "Order 7158 has been refunded"
			}
		}
	}
	return false
}

// bizYear reports whether x is a year group that dresses a case number
// ("2026-7158"); a longer number's other groups ("30-7158") make it
// another number.
func bizYear(x []byte) bool {
	return len(x) == 4 && allDigits(x) && (x[0] == '1' && x[1] == '9' || x[0] == '2' && x[1] == '0')
}
