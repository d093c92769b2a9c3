package guard

import "github.com/proofdesk/proofdesk"

// Acting on the offered value without a yes (guard19a): "that's the one"
// as a clause of its own, alone or before what was done with it ("Esa
// es, ya le envié la factura", "C'est celui-là, j'y ai envoyé le code");
// a cleft of place after a pointer ("C'est bien là que part le colis",
// "Ahí es adonde va el paquete"); something going or arriving there ("the
// code will arrive there") — and, negated, the denial ("The code won't
// arrive there"); "it's not on your account" of the value.

// acts23 returns the rule of an act on the offered value read in t, or "".
func (t *text) acts23(class string) string {
	if t.deferredAnywhere() {
		return "" // "That's the one I'll confirm after verification"
	}
	record := false // the reply names the record: "it will arrive there, at the number on file"
	for k := 0; k < len(t.toks) && t.cls&clRecord23 != 0; k++ {
		if t.has(k, clRecord23) { // accountWords, registeredWords, onlyWords23
			record = true
			break
		}
	}
	for from := 0; from < len(t.toks); {
		_, to := t.sentenceOf(from)
		if to <= from {
			break
		}
		if t.toks[from].flags&fQuestion == 0 {
			if r := t.actSentence(from, to, class, record); r != "" {
				return r
			}
		}
		from = to
	}
	return ""
}

// actSentence reads the sentence [from, to) for acts23.
func (t *text) actSentence(from, to int, class string, record bool) string {
	advice := t.adviceOpens(from, to)
	for k := from + advice; k < to; k++ {
		if t.toks[k].lex&lxCond != 0 && !wouldWords23[string(t.tokBytes(k))] || t.has(k, clCond) { // condWords
			return "" // "if that's the one, ..."
		}
	}
	if t.saidSentence(from, to) {
		return RuleConfirmation // "Proprio come l'ha digitato." (saidtail.go)
	}
	// "Esa es." / "Esa es, ya le envié la factura."
	if t.thatsTheOne(from, to) {
		e := from
		for e < to && t.toks[e].flags&fPunctAfter == 0 {
			e++
		}
		if e+1 == to || t.actedClause(e+1, to) {
			return RuleConfirmation
		}
	}
	for c := from; c < to; {
		e := c
		for e < to-1 && t.toks[e].flags&fPunctAfter == 0 {
			e++
		}
		e++ // the clause [c, e)
		if r := t.thereClause(c, e, class, record); r != "" {
			return r
		}
		c = e
	}
	return ""
}

// actedClause reports whether the clause [c, to) says the business sent,
// called, charged or refunded, or will: a verb of acting ("envié",
// "envoyé", "sent", "called"), no negation.
func (t *text) actedClause(c, to int) bool {
	acted := false
	for k := c; k < to; k++ {
		w := string(t.tokBytes(k))
		if negations[w] || stepNegations[w] {
			return false
		}
		acted = acted || stepVerbs[w] || actedVerbs23[w] || wentVerbs[w]
	}
	return acted
}

// thereClause reads one clause: a pointer or copula then a cleft of
// place ("c'est bien là que part le colis"), or a verb of going or
// arriving closed by "there" ("the code will arrive there"); a negation
// makes the second a denial ("won't arrive there").
func (t *text) thereClause(c, e int, class string, record bool) string {
	if e-c < 2 {
		return ""
	}
	for k := c; k < e && k <= c+3; k++ {
		if !cleftLeads[string(t.tokBytes(k))] {
			break
		}
		if k+1 < e && t.placeCleft(k+1, e) && !t.fromAfter(k+1, e) && !t.thingIn(k+1, e) {
			return RuleConfirmation // not "Ahí es donde va la etiqueta de devolución"
		}
	}
	if class != proofdesk.ClassDateOfBirth && class != proofdesk.ClassName && t.cls&clFail23 != 0 {
		// "A refund there would bounce": what goes there fails
		there, fails := false, false
		for k := c; k < e; k++ {
			there = there || t.has(k, clThere23) // "there", "dort", "dorthin", "daar", "ahi", "alli"
			fails = fails || t.has(k, clFail23)  // failVerbs23
		}
		if there && fails {
			return RuleDenial
		}
	}
	if class != proofdesk.ClassEmail && class != proofdesk.ClassPhone && class != proofdesk.ClassAddress {
		return "" // a card or a date is no place things go
	}
	if record {
		return "" // "it will arrive there, at the number on file": the place is the record's
	}
	p := -1 // "there" in the last five tokens: "will arrive there within a minute", "wird dort nicht ankommen"
	for k := max(c+1, e-5); k < e; k++ {
		w := string(t.tokBytes(k))
		if thereWords23[w] && (w != "la" && w != "li" || k == e-1 || k+1 < e && (string(t.tokBytes(k+1)) == "dessus" || string(t.tokBytes(k+1)) == "bas")) ||
			w == "ai" && (k == e-1 || k > c && string(t.tokBytes(k-1)) == "para") ||
			k == e-1 && t.toks[k].lex&lxEndRef != 0 && !hereWords[w] {
			p = k
		}
	}
	if p < 0 {
		return ""
	}
	goes, neg, send, would, act, refused := false, false, false, false, false, false
	for k := c; k < e; k++ {
		if k == p {
			continue
		}
		w := string(t.tokBytes(k))
		if (otherThings[w] || thingWords[w]) && !deliverables23[w] || ourWords[w] {
			return "" // "our shop is there", "the form goes there"
		}
		if len(w) > 3 && w[0] == 'n' && (arrive23[w[1:]] || goVerbForms[w[1:]]) {
			goes, neg = true, true // "n'arrivera pas": the elided negation is one token with the verb
		}
		goes = goes || arriveVerbs[w] || goVerbForms[w] || sendGoVerbs[w] || arrive23[w]
		send = send || wentVerbs[w] || sendForms[w] || sendWould23[w]
		would = would || wouldWords23[w]
		act = act || personalActs23[w]
		refused = refused || refusalModals23[w] || w == "yet"
		neg = neg || negations[w] || negated23[w] || nothingSet[w]
	}
	switch {
	case act && !neg && !refused:
		return RuleConfirmation // "I'll text you there right away", "Ik bel u daar zo terug"
	case send && neg && would:
		return RuleDenial // "I wouldn't have anything sent there" ("we ship there", "we don't ship there" say where the shop ships)
	case !goes:
		return ""
	case neg:
		return RuleDenial
	}
	return RuleConfirmation
}

// adviceOpens returns how many tokens of an advice idiom open the
// sentence [from, to) ("If I were you", "An Ihrer Stelle", "À votre
// place"): its "if" is no condition of the answer after it.
func (t *text) adviceOpens(from, to int) int {
	if from >= to || !t.has(from, clPhraseLead) {
		return 0 // no idiom opens with its first word
	}
	for _, ph := range adviceIdioms {
		if to-from <= len(ph) {
			continue
		}
		ok := t.wordsAt(from, to, ph)
		if ok {
			return len(ph)
		}
	}
	return 0
}

// adviceIdioms open advice (tokens).
var adviceIdioms = [][]string{{"if", "i", "were", "you"}, {"if", "i", "was", "you"}, {"an", "ihrer", "stelle"},
	{"an", "deiner", "stelle"}, {"a", "votre", "place"}, {"a", "ta", "place"}, {"yo", "que", "usted"}, {"yo", "que", "tu"},
	{"en", "su", "lugar"}, {"al", "suo", "posto"}, {"al", "tuo", "posto"}, {"als", "ik", "u", "was"},
	{"als", "ik", "jou", "was"}, {"no", "seu", "lugar"}, {"se", "eu", "fosse", "voce"}}

// thingIn reports whether tokens [k, e) name a thing that is not sent to
// the value: "la etiqueta de devolución", "our warehouse".
func (t *text) thingIn(k, e int) bool {
	for j := k; j < e; j++ {
		if w := string(t.tokBytes(j)); (otherThings[w] || thingWords[w]) && !deliverables23[w] || ourWords[w] {
			return true
		}
	}
	return false
}

// fromAfter reports whether a word of "from" follows token k in [k, e):
// "that's where we ship from" names the business's place.
func (t *text) fromAfter(k, e int) bool {
	for j := k; j < e; j++ {
		if fromWords23[string(t.tokBytes(j))] {
			return true
		}
	}
	return false
}

// Words of acts on the value (normalised).
var (
	// cleftLeads open a cleft of place: "c'est (bien) là que", "ahí es
	// adonde", "that's (exactly) where", "é para lá que".
	cleftLeads = set("cest", "c", "est", "bien", "es", "ahi", "alli", "thats", "that", "is", "s", "exactly", "just",
		"precisely", "das", "ist", "genau", "dort", "daar", "is", "precies", "e", "proprio", "li", "la", "para", "mesmo",
		"justamente", "exactement", "exactamente", "precisamente", "dat", "esattamente", "exatamente", "ali", "it")
	// actedVerbs23 say the business did something with the value.
	actedVerbs23 = set("sent", "called", "texted", "charged", "refunded", "shipped", "mailed", "envoye", "envoyee",
		"appele", "rembourse", "debite", "expedie", "envie", "envio", "mande", "llame", "reembolse", "cobre", "inviato",
		"inviata", "mandato", "chiamato", "rimborsato", "addebitato", "spedito", "gestuurd", "verstuurd", "gebeld",
		"terugbetaald", "enviei", "mandei", "liguei", "reembolsei", "cobrei", "geschickt", "gesendet", "angerufen",
		"erstattet", "belastet", "verschickt", "envoie", "enviado", "enviada")
	// thereWords23 close a clause of going there.
	thereWords23 = set("there", "dorthin", "dahin", "dort", "la", "alli", "ahi", "li", "daar", "daarheen", "ali")
	// arrive23 are verbs of arriving or going besides arriveVerbs.
	arrive23 = set("arrive", "arrives", "land", "lands", "come", "comes", "reach", "ankommt", "ankommen", "landet",
		"arrivera", "arriveront", "arrivent", "arrive", "llegara", "llegaran", "llegaria", "arrivera", "arriveranno",
		"komt", "aankomen", "aankomt", "chegara", "chegarao", "chegaria", "go", "goes", "going", "gehen",
		"ira", "iran", "andra", "andranno", "gaat", "vai", "irao")
	// deliverables23 are things sent to a value: they go there.
	deliverables23 = set("parcel", "paket", "colis", "paquete", "pacco", "pakket", "encomenda", "invoice", "rechnung",
		"facture", "factura", "fattura", "factuur", "fatura", "order", "bestellung", "commande", "pedido", "ordine",
		"bestelling", "code", "codigo", "codice", "receipt", "recibo", "ricevuta", "recu",
		"quittung", "beleg", "bon", "bonnetje", "sms", "codes", "reset")

	// negated23 negate a verb of going; wouldWords23 are conditional
	// auxiliaries that say what one would do, not a condition.
	negated23    = set("wont", "doesnt", "didnt", "never", "wouldnt", "shouldnt", "nie", "jamais", "nunca", "mai", "nooit")
	wouldWords23 = set("would", "wouldnt", "id", "d", "wurde", "wurden", "ferais", "enverrais", "haria", "mandaria",
		"farei", "zou", "faria")
	// failVerbs23 say what goes to a value fails.
	failVerbs23 = set("bounce", "bounces", "bounced", "fail", "fails", "failed", "zuruckkommen", "zuruckgehen",
		"scheitern", "echouerait", "echouer", "rebondirait", "rechazaria", "rechazado", "fallaria", "fallira",
		"respinto", "fallirebbe", "mislukken", "mislukt", "terugkomen", "falharia", "devolvido")
	onlyWords23 = set("only", "nur", "seulement", "uniquement", "solo", "solamente", "soltanto", "alleen", "apenas")
	// personalActs23 are an agent's own acts on a phone or an email (not
	// "ship" or "deliver", which say where the shop ships).
	personalActs23 = set("call", "text", "ring", "email", "richiamo", "chiamo", "rappelle", "appelle", "llamo",
		"llamare", "rufe", "bel", "ligo", "ligarei", "texte", "envoie", "mando", "envio", "schicke", "sende", "stuur",
		"invio", "textez", "send", "mail")
	// sendWould23 send, in the forms of advice ("je ne ferais rien envoyer", "no mandaría nada").
	sendWould23 = set("envoyer", "enverrais", "mandaria", "enviaria", "mandar", "enviar", "spedire", "mandare",
		"inviare", "spedirei", "manderei", "sturen", "versturen", "mandava", "enviava", "schicken", "senden", "schicke")
	fromWords23 = set("from", "von", "aus", "de", "desde", "da", "van")
)
