package guard

import (
	"strings"

	"github.com/proofdesk/proofdesk"
)

// Parts of a value named by the word for the part: "the last two digits
// are nine zero", "last four: 83 — then 90", "the first part is zero six,
// forty-seven", "the area code is zero one five one", "the one with 7158
// at the end", "the year is 1979", "it's the 3rd of the month, that's all
// I'll say". The digits said (in up to four groups joined by "then",
// "and") must be that part of a value on file: the end of a phone or
// card, the start of a phone, the year or the day of birth. Short parts
// need more: the count said ("last two" before two digits), a hint that
// withholds the rest ("that's all I'll say", "if it helps"), a word for
// birth or the record. A number owned by another thing ("the order's
// last two digits", "our postcode") is no part of hers.

// partValues are a customer's value parts that partAt looks for.
type partValues struct {
	// ends are the last 2, 3 and 4 digits of each phone and card, with
	// their class; heads the first 3 to 5 digits of each phone in its
	// national (with and without its trunk 0) and international forms.
	ends, heads []classDigits
	// trunks are the phones' first national digit after the trunk 0
	// ("06"): a French mobile told by its prefix.
	trunks []string
	// forms are the phones' digit forms, national (with and without the
	// trunk 0) and international, for a number masked in its middle.
	forms []string
	// ccs are the phones' country calling codes; phoneAdjs the
	// adjectives of the phones' countries ("german", "francais").
	ccs       []string
	phoneAdjs map[string]bool
	// day and year of birth, and the year's last two digits.
	day, year, yy string
	// districts are the arrondissements her postal codes name ("2" for
	// 75002 Paris).
	districts []string
	// lens has bit n set when a part above has n digits (n below 64), or
	// n-1 for a district ("2e"); cands holds the parts (true: the ends
	// and heads, which may be said in groups).
	lens  uint64
	cands map[string]bool
	// bloom is a 1024-bit filter of cands (digitsHash), a test before the
	// map.
	bloom [16]uint64
}

// digitsHash is an FNV-1a hash of s folded to 10 bits.
func digitsHash(s []byte) uint {
	h := uint32(2166136261)
	for _, c := range s {
		h = (h ^ uint32(c)) * 16777619
	}
	return uint(h^h>>10^h>>20) & 1023
}

type classDigits struct{ digits, class string }

func partValuesOf(c *proofdesk.Customer) partValues {
	var p partValues
	p.phoneAdjs = map[string]bool{}
	add := func(list *[]classDigits, d, class string) {
		for _, x := range *list {
			if x.digits == d && x.class == class {
				return
			}
		}
		*list = append(*list, classDigits{d, class})
	}
	for _, cp := range c.ContactPoints {
		v := cp.Value
		if cp.Kind != proofdesk.ContactPhone || len(v) < 9 || v[0] != '+' || !allDigits([]byte(v[1:])) {
			continue
		}
		d := v[1:]
		nsn := nationalNumber(d)
		cc := d[:len(d)-len(nsn)]
		for n := 2; n <= 4; n++ {
			add(&p.ends, d[len(d)-n:], proofdesk.ClassPhone)
		}
		p.trunks = append(p.trunks, "0"+nsn[:1])
		for _, f := range []string{nsn, "0" + nsn, d} {
			p.forms = append(p.forms, f)
			for n := 3; n <= 5 && n < len(f); n++ {
				add(&p.heads, f[:n], proofdesk.ClassPhone)
			}
		}
		if cc != "" {
			p.ccs = append(p.ccs, cc)
			for _, a := range countryAdjs[phoneCountries[cc]] {
				p.phoneAdjs[a] = true
			}
		}
	}
	if c.Payment != nil && len(c.Payment.Last4) == 4 && allDigits([]byte(c.Payment.Last4)) {
		for n := 2; n <= 4; n++ {
			add(&p.ends, c.Payment.Last4[4-n:], proofdesk.ClassPayment)
		}
	}
	for _, a := range c.Addresses {
		pc := strings.ReplaceAll(a.PostalCode, " ", "")
		if strings.ToUpper(a.Country) != "FR" || len(pc) != 5 || !allDigits([]byte(pc)) {
			continue
		}
		if pre := pc[:3]; pre == "750" || pre == "690" || pre == "130" {
			if n := strings.TrimLeft(pc[3:], "0"); n != "" {
				p.districts = append(p.districts, n) // Paris, Lyon and Marseille
			}
		}
	}
	if dob := c.DateOfBirth; len(dob) == 10 && dob[4] == '-' && dob[7] == '-' {
		p.year, p.yy = dob[:4], dob[2:4]
		p.day = strings.TrimPrefix(dob[8:], "0")
	}
	p.cands = map[string]bool{}
	for _, x := range append(append([]string{p.year, p.yy, p.day}, p.ccs...), p.trunks...) {
		if x != "" {
			p.lens |= 1 << min(len(x), 63)
			p.cands[x] = false
		}
	}
	for _, l := range [][]classDigits{p.ends, p.heads} {
		for _, x := range l {
			p.lens |= 1 << min(len(x.digits), 63)
			p.cands[x.digits] = true
		}
	}
	for c := range p.cands {
		h := digitsHash([]byte(c))
		p.bloom[h>>6] |= 1 << (h & 63)
	}
	for _, d := range p.districts {
		p.lens |= 1<<len(d) | 1<<(len(d)+1) | 1<<(len(d)+2) | 1<<(len(d)+3) // "2", "2e", "2eme"
	}
	return p
}

// partAt judges the digits at token i (w, opening with a digit): the
// class of a value part they name with the word for the part, or "", and
// the last token of their group.
func (m *Matcher) partAt(t *text, i int, w []byte) (string, int) {
	if i > 0 && t.digitsTok(i-1) && !t.countAt(i-1) || len(w) == 1 && t.countAt(i) {
		return "", i // inside a group, or "last 4: 83 then 90": the count, not a digit of the part
	}
	to := len(t.toks) // the group stays in its sentence
	var buf [16]byte
	s := append(buf[:0], w...)
	j := i // the group's last token
	for k := i + 1; k < to && k <= j+3 && len(s) <= 8; k++ {
		if t.toks[k].flags&fSentence != 0 {
			break
		}
		x := t.tokBytes(k)
		if isDigitTok(x) {
			s, j = append(s, x...), k
			continue
		}
		if !t.partFiller(k) {
			break
		}
		if k+1 < to && !t.digitsTok(k+1) && (!t.partFiller(k+1) || !(k+2 < to && t.digitsTok(k+2))) {
			break // "77 und dann 16": up to two fillers
		}
	}
	if !m.parts.candidate(s, i == j) {
		return "", j // the digits are no part of hers: no context to read
	}
	from, end := t.sentenceOf(i)
	if j >= end {
		j = end - 1
	}
	return m.partOf(t, string(s), i, j, from, end), j
}

// partOf judges the digits s of tokens [i, j] in the sentence [from, to).
func (m *Matcher) partOf(t *text, s string, i, j, from, to int) string {
	p := &m.parts
	if len(p.districts) > 0 && i == j && m.levels[proofdesk.ClassAddress] > proofdesk.L0 &&
		contains(p.districts, strings.TrimRight(s, "emr")) && t.districtSaid(i, from, to) {
		return proofdesk.ClassAddress // "2nd arrondissement", "2e arrondissement"
	}
	if t.partOwned(i, from) || j+1 < to && t.toks[j].flags&fPunctAfter == 0 && !partFollowers[string(t.tokBytes(j+1))] && !endVerbs[string(t.tokBytes(j+1))] {
		return "" // "the one ending 7716 is the parcel's", "inizia con 151 prodotti"
	}
	endW, headW, count := t.partWordBefore(i, from)
	if !endW && j+1 < to && t.endNounAfter(j, to) {
		endW = true
	}
	for _, e := range p.ends {
		if e.digits != s || !endW {
			continue
		}
		if m.levels[e.class] <= proofdesk.L0 {
			continue
		}
		if len(s) == 4 || count == len(s) || t.withholds(from, to) ||
			t.phoneNamedBefore(i, from, p.phoneAdjs) && e.class == proofdesk.ClassPhone {
			return e.class
		}
	}
	if headW && m.levels[proofdesk.ClassPhone] > proofdesk.L0 {
		for _, h := range p.heads {
			if h.digits == s {
				return proofdesk.ClassPhone
			}
		}
	}
	if m.levels[proofdesk.ClassPhone] > proofdesk.L0 && i == j && (t.ccPointed(i, from, to, p.ccs) ||
		contains(p.trunks, s) && t.trunkSaid(i, from, to, p.phoneAdjs)) {
		return proofdesk.ClassPhone
	}
	if m.levels[proofdesk.ClassDateOfBirth] > proofdesk.L0 && i == j {
		if s == p.year && t.yearSaid(i, from, to, false) || s == p.yy && t.yearSaid(i, from, to, true) {
			return proofdesk.ClassDateOfBirth
		}
		if s == p.day && t.daySaid(i, from, to) && !m.otherYearAt(t, i) {
			return proofdesk.ClassDateOfBirth
		}
	}
	return ""
}

// partFiller reports whether token k may stand between the groups of a
// part: "then", "und dann", "en dan".
func (t *text) partFiller(k int) bool {
	return t.toks[k].lex&lxFiller != 0 || string(t.tokBytes(k)) == "dan"
}

// countAt reports whether token i is the one-digit count of a part
// right after its word ("last 4", "ersten 3").
func (t *text) countAt(i int) bool {
	w := t.tokBytes(i)
	if len(w) != 1 || !isDigit(w[0]) || i == 0 {
		return false
	}
	return t.has(i-1, clPartEnd)
}

// candidate reports whether digits s may be a part partOf looks for
// (single: one token).
func (p *partValues) candidate(s []byte, single bool) bool {
	if len(s) >= 64 || p.lens&(1<<len(s)) == 0 {
		return false // no part of hers has this many digits
	}
	if h := digitsHash(s); p.bloom[h>>6]&(1<<(h&63)) != 0 {
		if c, ok := p.cands[string(s)]; ok {
			return single || c
		}
	}
	if !single {
		return false
	}
	for _, d := range p.districts {
		if len(s) >= len(d) && string(s[:len(d)]) == d {
			return true
		}
	}
	return false
}

func isDigitTok(w []byte) bool { return len(w) > 0 && isDigit(w[0]) && allDigits(w) }

// partOwned reports whether the number at token i belongs to another
// thing: an owner noun ("order", "Bestellnummer", "postcode") or the
// business ("our") in the 6 tokens before it.
func (t *text) partOwned(i, from int) bool {
	for k := from; k < i; k++ {
		w := string(t.tokBytes(k))
		if w == "code" && k > from && string(t.tokBytes(k-1)) == "area" || partDigitNouns[w] && k > from && string(t.tokBytes(k-1)) == "1" || partHead[w] {
			continue // "the area code is 0151", "the first part is 06 47", "Netnummer"
		}
		if partOwner(w) {
			return true
		}
		if n := len(w); n > 3 && w[n-1] == 's' && partOwner(w[:n-1]) {
			return true // "the parcel's", "last 4 orders"
		}
	}
	return false
}

func partOwner(w string) bool {
	return isOwner(w) || postalWords[w] || ourWords[w] || partOwners[w] || bookingCodeOwners[w] || bookingCode(w)
}

// bookingCodeOwners are a travel booking's things that carry numbers and codes
// of their own (normalised): "Il codice della prenotazione inizia con 06
// 47", "el localizador de la reserva empieza por 0647".
var bookingCodeOwners = set("booking", "reservation", "pnr", "locator", "buchung", "reservierung",
	"reserva", "localizador", "prenotazione", "codice", "boeking", "reservering", "boekingscode", "bilhete",
	"biglietto", "billete", "billet", "fahrschein", "ticketnummer")

// bookingCode reports whether w is a compound of a code ("boekingscode",
// "buchungscode", "reservierungscode"), not a calling code ("landcode").
func bookingCode(w string) bool {
	return len(w) > 8 && strings.HasSuffix(w, "code") && !callCodeWords[w] && !codeWords[w]
}

// partFollowers may follow the digits of a part in its clause: "7158 at
// the end", "90 and that's all", "83 then 90"; any other word makes the
// digits a count or another thing's ("151 prodotti", "the 3rd tab").
var partFollowers = set("at", "am", "a", "al", "alla", "aan", "no", "en", "and", "und", "et", "y", "e", "en", "but",
	"aber", "mais", "pero", "ma", "maar", "mas", "then", "dann", "puis", "luego", "poi", "dan", "depois", "right",
	"isnt", "n", "nicht", "non", "niet", "nao", "oder", "or", "ou", "o", "of", "des", "du", "del", "van", "do", "della",
	"di", "de", "im", "dans", "in", "op", "em", "is", "ist", "est", "es", "e", "if", "falls", "wenn", "si", "se", "als",
	"thats", "das", "cest", "i", "ich", "je", "yo", "io", "ik", "eu", "da")

// partOwners are things with numbers that isOwner does not know
// (normalised).
var partOwners = set("ticket", "case", "parcel", "package", "paket", "colis", "paquete", "pacco", "pakket", "encomenda",
	"price", "preis", "prix", "precio", "prezzo", "prijs", "preco", "total", "amount", "betrag", "montant", "importe",
	"importo", "bedrag", "valor", "euros", "euro", "eur", "minutes", "minuten", "minutos", "minuti", "pin", "password",
	"passwort", "voucher", "gutschein", "coupon", "cupon", "buono", "vale", "iban", "account", "konto", "compte", "cuenta",
	"conto", "rekening", "conta", "room", "envio", "envoi", "sendung", "zending", "spedizione", "shipment",
	"delivery", "lieferung", "livraison", "entrega", "consegna", "levering", "bezorging", "albaran", "items", "tab",
	"payment", "zahlung", "abbuchung", "lastschrift", "paiement", "prelevement", "pago", "cobro", "pagamento", "addebito",
	"betaling", "incasso", "cobranca", "debit", "zimmer", "chambre", "version", "seite", "page", "pagina", "page", "line", "zeile",
	"ligne", "linea", "regel", "linha", "step", "schritt", "etape", "paso", "passo", "stap", "etapa", "model", "size")

// partWordBefore looks at the 5 tokens before token i for a word that
// names the end or the start of a number ("last", "letzten", "ending",
// "first", "starting", "area code", "Vorwahl") and a count said with it
// ("last two": 2).
func (t *text) partWordBefore(i, from int) (end, head bool, count int) {
	for k := i - 1; k >= from && k >= i-7; k-- {
		w := string(t.tokBytes(k))
		switch {
		case partLast[w]:
			end = true
		case partFirst[w] || partHead[w] || w == "1" && k+1 < i && partDigitNouns[string(t.tokBytes(k+1))]:
			head = true // "the first part is 06 47" ("first" reads "1")
		case w == "code" && k > from && string(t.tokBytes(k-1)) == "area":
			head = true
		default:
			continue
		}
		// "last 2 digits", "the 2 last digits", "les 2 derniers chiffres"
		for _, c := range []int{k + 1, k - 1} {
			if c >= from && c < i {
				if x := t.tokBytes(c); len(x) == 1 && isDigit(x[0]) {
					count = int(x[0] - '0')
				} else if n := wordCounts[string(x)]; n > 0 {
					count = n // "le ultime due cifre": Italian "due" and "tre" stay words
				}
			}
		}
		if (partFirst[w]) && count == 0 && !hasPartNoun(t, k, i) {
			head = false // "the first time I saw 151": only a part of a number
		}
		for b := k + 1; b < i; b++ {
			if x := string(t.tokBytes(b)); !partGlue(x) && !(b-k == 1 && wordCounts[x] > 0) {
				return false, false, 0 // "le ultime due consegne ... il 16": the part of another thing
			}
		}
		return end, head, count
	}
	return false, false, 0
}

// partGlue reports whether w may stand between the word for a part and
// its digits: a count, a noun of digits, a phone or card word, a copula,
// an article, a preposition ("the last two digits of the card are").
func partGlue(w string) bool {
	return len(w) > 0 && isDigit(w[0]) || partDigitNouns[w] || copulaWords[w] || definites[w] || ofWords[w] || partWith[w] ||
		phoneWords[w] || cardWords[w] || cityNumberWords[w] || partGlueWords[w]
}

var partGlueWords = set("are", "sind", "sont", "son", "sono", "zijn", "sao", "only", "just", "nur", "seulement", "solo",
	"alleen", "apenas", "by", "par", "por", "op", "auf", "em", "in", "en", "on", "mit", "met", "qui", "que", "che",
	"die", "der", "your", "ihre", "votre", "su", "sua", "je", "uw", "seu", "of", "is", "was")

// hasPartNoun reports whether a noun of a part of a number ("digits",
// "part", "Ziffern", "chiffres") stands between token k and token i.
func hasPartNoun(t *text, k, i int) bool {
	for j := k + 1; j < i; j++ {
		if partDigitNouns[string(t.tokBytes(j))] {
			return true
		}
	}
	return false
}

var (
	// wordCounts are counts the normaliser leaves as words ("le ultime due
	// cifre", "die letzten beiden Ziffern").
	wordCounts = map[string]int{"due": 2, "tre": 3, "beiden": 2, "beide": 2}
	// partLast say the end of a number (normalised).
	partLast = set("last", "ending", "ends", "final", "letzten", "letzte", "letzter", "endet", "endend", "derniers",
		"dernier", "dernieres", "derniere", "termine", "finit", "ultimos", "ultimas", "ultimo", "ultima", "termina",
		"acaba", "ultime", "ultimi", "finisce", "laatste", "eindigt", "eindigend", "terminam", "finais")
	// partFirst say the first digits; partHead start a number or are
	// its area code.
	partFirst = set("first", "ersten", "erste", "premiers", "premier", "premieres", "primeros", "primeras", "primi",
		"prime", "eerste", "primeiros", "primeiras")
	partHead = set("starting", "starts", "begins", "beginning", "opens", "beginnt", "anfangt", "fangt", "beginnend",
		"commence", "commencant", "empieza", "comienza", "empezando", "inizia", "comincia", "iniziando", "begint",
		"beginnend", "comeca", "comecando", "inicia", "prefix", "vorwahl", "indicatif", "prefixe", "prefijo", "prefisso",
		"netnummer", "kengetal", "indicativo", "prefixo")
	// partDigitNouns name the digits or the parts of a number.
	partDigitNouns = set("digits", "digit", "numbers", "part", "ziffern", "ziffer", "stellen", "teil", "chiffres", "chiffre",
		"partie", "digitos", "cifras", "parte", "cifre", "cijfers", "deel", "algarismos")
	// partEndNouns say "at the end" after the digits ("mit 7158 am Ende").
	partEndNouns = set("end", "ende", "fin", "final", "fine", "eind", "einde", "fim")
)

// endNounAfter reports whether "at the end" follows the digits ending at
// token j: a word for the end within the 3 tokens after them.
func (t *text) endNounAfter(j, to int) bool {
	for k := j + 1; k < to && k <= j+3; k++ {
		if w := string(t.tokBytes(k)); partEndNouns[w] || k == j+1 && endVerbs[w] {
			return true
		}
	}
	return false
}

// endVerbs say "ends" after the digits (German and Dutch word order: "die
// auf neunzig endet", "die op 90 eindigt").
var endVerbs = set("endet", "aufhort", "eindigt", "ophoudt")

// phoneNamedBefore reports whether a phone word or the adjective of a
// phone's country stands in the 5 tokens before token i ("the French one
// ending nine-zero", "your mobile ending 90").
func (t *text) phoneNamedBefore(i, from int, adjs map[string]bool) bool {
	for k := max(from, i-5); k < i; k++ {
		w := string(t.tokBytes(k))
		if phoneWords[w] || adjs[w] {
			return true
		}
	}
	return false
}

// ccPointed reports whether the number at token i is a phone's country
// code that picks one of her phones: the clause ends on it, "with" before
// it and "the one" or a phone word before that ("I'll use the one with
// +49", "das mit der 49"), with a phone word in the sentence.
func (t *text) ccPointed(i, from, to int, ccs []string) bool {
	if !contains(ccs, string(t.tokBytes(i))) || i+1 < to && t.toks[i].flags&fPunctAfter == 0 || i-2 < from {
		return false
	}
	if definites[string(t.tokBytes(i-1))] && i-3 >= from {
		i-- // "celui avec le +49"
	}
	if !partWith[string(t.tokBytes(i-1))] {
		return false
	}
	pointed, phone := false, false
	for k := from; k < i-1; k++ {
		w := string(t.tokBytes(k))
		phone = phone || phoneWords[w] || strings.HasSuffix(w, "nummern") || strings.HasSuffix(w, "nummers") || strings.HasSuffix(w, "numbers")
		pointed = pointed || k >= i-3 && (w == "1" || partOnes[w] || phoneWords[w])
	}
	return pointed && phone
}

// trunkSaid reports whether the two digits at token i, a phone's trunk 0
// and first digit ("06"), are said as her number's: after "a" ("it's a
// 06"), in a sentence with a phone word or the adjective of her phone's
// country and no list of prefixes ("06 or 07").
func (t *text) trunkSaid(i, from, to int, adjs map[string]bool) bool {
	if i == from || !indefinites[string(t.tokBytes(i-1))] {
		return false
	}
	phone := false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if k != i && t.digitsTok(k) {
			return false // "06 or 07": a list of prefixes
		}
		phone = phone || phoneWords[w] || adjs[w] || w == "telemovel"
	}
	return phone
}

// phoneMaskedEnds reports whether a phone on file is shown with its
// middle masked and both ends left ("+33 6 4• •• •• 90"): 3 digits or
// more that open one of its forms, a mask, then 2 digits or more that
// end it, fewer digits than it has.
func (m *Matcher) phoneMaskedEnds(t *text) bool {
	if t.shapes&tsX == 0 {
		return false // no mask
	}
	for _, r := range t.runs {
		k := int(r.firstTok + r.nTok)
		if k >= len(t.toks) || !allX(t.tokBytes(k)) {
			continue
		}
		for k < len(t.toks) && allX(t.tokBytes(k)) {
			k++
		}
		if k >= len(t.toks) || !t.digitsTok(k) {
			continue
		}
		head, tail := t.runDigits(r), t.tokBytes(k)
		if len(head) < 3 || len(tail) < 2 {
			continue
		}
		for _, f := range m.parts.forms {
			if len(head)+len(tail) < len(f) && strings.HasPrefix(f, string(head)) && strings.HasSuffix(f, string(tail)) {
				return true
			}
		}
	}
	return false
}

var (
	partWith = set("with", "mit", "avec", "con", "met", "com", "du", "del", "do", "della")
	// partOnes stand for "the one" in the seven languages.
	partOnes = set("celui", "celle", "die", "diejenige", "dasjenige", "quello", "quella", "degene", "dat", "aquele", "aquela",
		"la", "el", "o", "a")
)

// yearSaid reports whether the year of birth at token i is said as such:
// a word for year right before it as its subject ("the year is 1979",
// "das Jahr: 1979"), or "from" and the record ("by the file it's from
// '79"), the decade of the seventies, a word for birth, or a hint that
// withholds the rest in its sentence. Two digits (short) need one of the
// latter.
func (t *text) yearSaid(i, from, to int, short bool) bool {
	birth, record, decade, prep := false, false, false, false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		birth = birth || t.birthWordAt(k, to) && !t.birthOwned(k, from, to)
		record = record || accountWords[w] && !haveWords[w] || recordPlaces[w]
		decade = decade || decadeWords[w] || partDecades[w] ||
			w == "70" && k > from && decadeNouns[string(t.tokBytes(k-1))] // "les années 70", "anni 70"
	}
	if i > from {
		prep = yearPreps[string(t.tokBytes(i-1))]
	}
	if !short {
		for k := i - 1; k >= from && k >= i-3; k-- {
			w := string(t.tokBytes(k))
			if yearWords[w] {
				// the subject with a verb or a colon ("the year is 1979"),
				// not "the model year", "the year 1979 edition", "founded
				// in the year 1979"
				said := k < i-1 || t.toks[k].flags&fPunctAfter != 0
				ends := i+1 == to || t.toks[i].flags&fPunctAfter != 0
				subj := k == from || definites[string(t.tokBytes(k-1))] || secondPerson[string(t.tokBytes(k-1))]
				return said && ends && subj
			}
			if !copulaWords[w] && !definites[w] {
				break
			}
		}
	}
	if prep && (record || decade || birth) {
		return true
	}
	return (birth || decade) && !short || t.withholds(from, to) && (prep || !short)
}

var (
	// partDecades and decadeNouns say the seventies beyond decadeWords.
	partDecades = set("settanta", "setenta", "zeventig", "70er", "70ern", "seventies")
	decadeNouns = set("annees", "anni", "anos", "jaren", "the", "den", "los", "les", "gli", "de", "os")
	yearPreps   = set("from", "in", "von", "aus", "de", "del", "di", "dal", "van", "uit", "em", "do", "da", "du", "en", "im", "nel", "no")
)

// daySaid reports whether the day of birth at token i is said as such:
// "of the month" after it ("it's the 3rd of the month"), or a word for
// the day before it as its subject ("day is the third"), in a sentence
// that withholds the rest or names the birthday, or that says nothing
// else ("Day is the third."); or a word for the birthday in its clause
// with no month and no other number ("your birthday is on the third,
// isn't it?").
func (t *text) daySaid(i, from, to int) bool {
	if i+1 < to && t.digitsTok(i+1) || i > from && t.digitsTok(i-1) {
		return false
	}
	month, dayW := false, false
	for k := i + 1; k < to && k <= i+4; k++ {
		if w := string(t.tokBytes(k)); monthNouns[w] {
			month = true
			break
		} else if !ofWords[w] && !definites[w] {
			break
		}
	}
	for k := i - 1; k >= from && k >= i-4; k-- {
		w := string(t.tokBytes(k))
		if dayNouns[w] {
			dayW = k == from || definites[string(t.tokBytes(k-1))] || secondPerson[string(t.tokBytes(k-1))] || copulaWords[string(t.tokBytes(k-1))]
			break
		}
		if !copulaWords[w] && !definites[w] {
			break
		}
	}
	birth, otherNum := false, false
	for k := from; k < to; k++ {
		w := t.tokBytes(k)
		if k != i && (isDigitTok(w) || len(w) == 3 && w[0] == 'm' && isDigit(w[1])) {
			otherNum = true // another date: "your birthday voucher runs from the 3rd to the 10th"
		}
		birth = birth || t.birthWordAt(k, to) && !t.birthOwned(k, from, to) && !birthThing(t, k, to)
	}
	if otherNum {
		return false
	}
	if month || dayW {
		if birth {
			return true
		}
		for k := from; k < to; k++ {
			if w := string(t.tokBytes(k)); !dayNouns[w] && !monthNouns[w] && (otherWord(w) || partOwner(w)) {
				return false // "Payment is due on the 3rd of the month, if it helps"
			}
		}
		return t.withholds(from, to) || dayW && to-from <= 5
	}
	if !birth || i == from || i+1 < to && t.toks[i].flags&fPunctAfter == 0 {
		return false // "your date of birth can be changed on the 3rd tab"
	}
	// "your birthday is on the third": the day after an article or "on"
	p := string(t.tokBytes(i - 1))
	return definites[p] || dayPreps[p] || dayNouns[p]
}

var (
	dayPreps = set("on", "am", "le", "el", "il", "op", "no", "a", "al", "den")
)

// birthThing reports whether the word for birthday at token k names a
// thing ("birthday voucher", "Geburtstagsrabatt" is one word and no
// birth word).
func birthThing(t *text, k, to int) bool {
	return k+1 < to && birthThings[string(t.tokBytes(k+1))]
}

var birthThings = set("voucher", "discount", "sale", "gift", "offer", "coupon", "code", "bonus", "card", "email", "mail",
	"points", "party", "gutschein", "rabatt", "geschenk", "angebot", "bon", "cadeau", "remise", "promo", "offre", "cupon",
	"descuento", "regalo", "oferta", "buono", "sconto", "offerta", "korting", "aanbieding", "desconto", "presente", "brinde")

// withholds reports whether the sentence [from, to) or the one after it
// holds a hint that withholds the rest of a value ("that's all I'll say",
// "the rest I can't tell you", "if it helps", "mehr sage ich nicht",
// "je n'en dis pas plus", "no digo más", "non dico altro", "meer zeg ik
// niet", "não digo mais").
func (t *text) withholds(from, to int) bool {
	end := to
	if to < len(t.toks) {
		_, end = t.sentenceOf(to)
	}
	for k := from; k < end; k++ {
		w := string(t.tokBytes(k))
		for _, h := range hintPhrases[w] {
			if t.wordsAt(k+1, end, h) {
				return true
			}
		}
	}
	return false
}

// wordsAt reports whether the tokens from k on, before to, are ws.
func (t *text) wordsAt(k, to int, ws []string) bool {
	if k+len(ws) > to {
		return false
	}
	for n, w := range ws {
		if string(t.tokBytes(k+n)) != w {
			return false
		}
	}
	return true
}

// hintPhrases are the hints that withhold the rest of a value, keyed by
// their first word (normalised), each with its following words.
var hintPhrases = func() map[string][][]string {
	m := map[string][][]string{}
	for _, p := range []string{
		"thats all ill say", "thats all i can say", "thats all im saying", "i wont say more", "i cant say more",
		"i wont say the rest", "if it helps", "if that helps", "the rest i cant", "the rest i wont", "not saying more",
		"mehr sage ich nicht", "mehr kann ich nicht sagen", "mehr verrate ich nicht", "falls das hilft", "wenn das hilft",
		"wenn es hilft", "den rest", "je nen dis pas plus", "je nen dirai pas plus", "si ca aide", "si ca peut aider",
		"le reste je", "no digo mas", "no te digo mas", "no le digo mas", "si le sirve", "si te sirve", "si ayuda",
		"el resto no", "non dico altro", "non dico di piu", "se aiuta", "se puo aiutare", "il resto non", "meer zeg ik niet",
		"meer kan ik niet zeggen", "als het helpt", "als dat helpt", "de rest zeg", "nao digo mais", "se ajudar",
		"o resto nao", "mais nao digo",
	} {
		ws := strings.Fields(p)
		m[ws[0]] = append(m[ws[0]], ws[1:])
	}
	return m
}()

// wordShapes is a quick test before a map look-up: a 1024-bit filter of
// a set of words, keyed by their first two letters, last letter and
// length.
type wordShapes [16]uint64

func shapeOf(w []byte) uint {
	n := len(w)
	return (uint(w[0])*131 + uint(w[min(1, n-1)])*31 + uint(w[n-1])*7 + uint(n)) & 1023
}

func (ws *wordShapes) add(w string) {
	if len(w) > 0 {
		h := shapeOf([]byte(w))
		ws[h>>6] |= 1 << (h & 63)
	}
}

// hasTok is has of the text of token tk (wsh6).
func (ws *wordShapes) hasTok(tk *tok) bool {
	return tk.len6 != 0 && ws[tk.wsh6>>6]&(1<<(tk.wsh6&63)) != 0
}

func (ws *wordShapes) has(w []byte) bool {
	if len(w) == 0 {
		return false
	}
	h := shapeOf(w)
	return ws[h>>6]&(1<<(h&63)) != 0
}

// partials returns the verdict on the parts of values t names in words
// of their own (partsaid.go and its sibling files), at level.
func (m *Matcher) partials(t *text, level proofdesk.Level) Verdict {
	if lvl := m.levels[proofdesk.ClassPhone]; lvl > level && len(t.runs) > 0 && m.phoneMaskedEnds(t) {
		return Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassPhone, Part: PartFull, RequiredLevel: lvl}
	}
	// one pass: the digits for partAt, the words for the hints
	// (streetsaid.go, dobhint.go, mailhint.go)
	street := m.levels[proofdesk.ClassAddress] > level && len(m.streets) > 0
	dob := m.levels[proofdesk.ClassDateOfBirth] > level && m.dobH.day != 0
	mail := m.levels[proofdesk.ClassEmail] > level && (len(m.mail.labels) > 0 || len(m.mail.locals) > 0)
	for i := 0; i < len(t.toks); i++ {
		tk := &t.toks[i]
		if tk.len6 == 0 {
			continue
		}
		if isDigit(tk.head6) {
			c, j := m.partAt(t, i, t.tokBytes(i))
			if c != "" && m.levels[c] > level {
				v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: c, Part: PartLast4, RequiredLevel: m.levels[c]}
				switch c {
				case proofdesk.ClassDateOfBirth:
					v.Part = PartFull
				case proofdesk.ClassAddress:
					v.Part = PartPostalCode // the arrondissement of her postal code
				}
				return v
			}
			i = j
			continue
		}
		if !m.hintShapes.hasTok(tk) {
			continue
		}
		w := string(t.tokBytes(i))
		switch {
		case street && m.streetAt(t, i, w):
			return Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassAddress, Part: PartStreet, RequiredLevel: m.levels[proofdesk.ClassAddress]}
		case dob && m.dobHintAt(t, i, w):
			return Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassDateOfBirth, Part: PartFull, RequiredLevel: m.levels[proofdesk.ClassDateOfBirth]}
		case mail && m.mailHintAt(t, i, w):
			return Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassEmail, Part: PartFull, RequiredLevel: m.levels[proofdesk.ClassEmail]}
		}
	}
	return m.partials24(t, level) // partial24.go
}
