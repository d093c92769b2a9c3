package guard

// Her card's brand said as the card on file by the words around it
// (g22b, a travel desk's refunds and lounges), where ctxBrand reads no
// "your" or "card": a participle of keeping before it ("die hinterlegte
// Mastercard"), a participle or a record after it ("la Mastercard
// enregistrée", "la Mastercard de la reserva", "de Mastercard in uw
// profiel", "o Mastercard registado"), a tier between ("the Mastercard
// Gold you booked with"), or the brand's cards likened to the one the
// person addressed booked or paid with ("World Elite Mastercards like the
// one you booked with"). The brand as such stays free: "Some premium
// Mastercard and Visa cards include travel cover", "we take Mastercard
// on every booking".

// Words around a brand on file (normalised).
var (
	// brandKept32 are the participles of a card kept on a record.
	brandKept32 = set("hinterlegte", "hinterlegten", "hinterlegt", "gespeicherte", "gespeicherten", "gespeichert",
		"registrierte", "registrierten", "enregistree", "enregistre", "memorisee", "registrada", "registrado",
		"guardada", "guardado", "registrata", "registrato", "salvata", "salvato", "memorizzata", "opgeslagen",
		"geregistreerde", "geregistreerd", "bewaarde", "registado", "registada", "guardado", "gravado", "saved",
		"stored", "registered", "kept", "associee", "asociada", "associata", "gekoppelde", "associado", "verknupfte")
	// brandTiers are the tiers of a card brand, between it and what
	// follows: "the Mastercard Gold you booked with".
	brandTiers32 = set("gold", "platinum", "world", "elite", "black", "titanium", "standard", "premium", "business",
		"debit", "credit", "classic", "signature", "infinite", "oro", "or", "platine", "platino", "card", "karte",
		"carte", "tarjeta", "carta", "kaart", "cartao", "cards", "karten", "cartes", "tarjetas", "kaarten", "cartoes")
	// brandRecords32 are the records a card is kept on.
	brandRecords32 = set("file", "record", "account", "profile", "booking", "reservation", "akte", "konto", "profil",
		"buchung", "reservierung", "dossier", "compte", "reservation", "expediente", "cuenta", "perfil", "reserva",
		"fascicolo", "conto", "profilo", "prenotazione", "account", "dossier", "profiel", "boeking", "reservering",
		"ficha", "conta", "registo", "registro", "kundenkonto", "kundenprofil")
	// brandRecordLeads may stand between the brand and its record: "on
	// file", "de la reserva", "in uw profiel", "do perfil".
	brandRecordLeads32 = set("on", "in", "of", "from", "im", "in", "auf", "aus", "de", "du", "dans", "sur", "del", "en",
		"della", "nel", "sul", "dal", "van", "op", "uit", "do", "da", "no", "na", "the", "your", "this", "der", "dem",
		"ihrem", "ihrer", "la", "le", "l", "votre", "el", "su", "il", "suo", "sua", "uw", "het", "je", "o", "a", "seu",
		"dieser", "diesem", "cette", "ce", "esta", "este", "questa", "questo", "deze", "dit", "essa", "esse", "her",
		"ihr", "ihre", "sa", "son", "su")
	// brandDefs32 are the articles joined to a preposition before a
	// brand: "sulla Mastercard", "na Mastercard", "zur Mastercard".
	brandDefs32 = set("sulla", "alla", "della", "nella", "dalla", "colla", "sul", "al", "del", "na", "pela", "pelo", "no",
		"ao", "zur", "zum", "den", "dem", "au", "des", "der")
	// brandLike32 liken the brand's cards to hers: "like the one you booked
	// with", "comme celle avec laquelle vous avez réservé".
	brandLike32 = set("like", "such", "wie", "comme", "como", "come", "zoals", "similar", "ahnlich", "semblable")
	// brandUsed32 are the verbs of booking or paying with a card.
	brandUsed32 = set("booked", "paid", "used", "reserved", "charged", "gebucht", "bezahlt", "verwendet", "benutzt",
		"reserviert", "reserve", "reservee", "paye", "payee", "utilise", "utilisee", "reservo", "reservaste",
		"pago", "pagaste", "uso", "usaste", "utilizo", "prenotato", "pagato", "usato", "utilizzato", "geboekt",
		"betaald", "gebruikt", "gereserveerd", "reservou", "pagou", "usou", "utilizou", "book", "pay", "use")
)

// brandOnFile reports whether t names the card's brand as the card on
// file in one of the ways above.
func (m *Matcher) brandOnFile(t *text) bool {
	b := m.brand
	if len(b) < 4 {
		return false
	}
	for k := range t.toks {
		if tk := &t.toks[k]; tk.head6 != b[0] || int(tk.len6) < min(len(b), 255) {
			continue // (head6 and len6 first: no slice of most tokens)
		}
		w := t.tokBytes(k)
		if len(w) < len(b) || string(w) != b && string(w) != b+"s" {
			continue
		}
		from, to := t.sentenceOf(k)
		if t.toks[k].flags&fQuestion != 0 || t.brandOurs(from, to) {
			continue // "Is the Mastercard registered in your name?"
		}
		plural := len(w) > len(b)
		// a definite article, not "a Mastercard saved in the app"
		prev := ""
		if k > from {
			prev = string(t.tokBytes(k - 1))
		}
		article := brandArticles[prev] && !brandIndefinites[prev] && prev != "a" && prev != "an" || brandDefs32[prev]
		if !plural && k > from && brandKept32[string(t.tokBytes(k-1))] {
			return true // "die hinterlegte Mastercard"
		}
		j := k + 1
		for j < to && j <= k+2 && brandTiers32[string(t.tokBytes(j))] {
			j++
		}
		if !plural && article && j < to && t.brandRecordAt(j, to) {
			return true // "la Mastercard enregistrée", "de Mastercard in uw profiel"
		}
		if !plural && article && j > k+1 && t.brandUsedBy(j, to) {
			return true // "the Mastercard Gold you booked with"
		}
		for l := j; l < to && l <= j+1; l++ {
			if brandLike32[string(t.tokBytes(l))] && (t.brandUsedBy(l+1, to) || t.yoursAt(l+1, to)) {
				return true // "World Elite Mastercards like the one you booked with", "like yours"
			}
		}
	}
	return false
}

// brandRecordAt reports whether token j, after a brand, keeps it on a
// record: a participle of keeping ("enregistrée", "registado", "on
// file"), or a record after at most 3 prepositions, articles and
// possessives ("de la reserva", "in uw profiel", "on the booking").
func (t *text) brandRecordAt(j, to int) bool {
	if brandKept32[string(t.tokBytes(j))] {
		return true
	}
	for l := j; l < to && l <= j+3; l++ {
		w := string(t.tokBytes(l))
		if brandRecords32[w] {
			return l > j // a lead before it: not "the Mastercard account offer"
		}
		if !brandRecordLeads32[w] {
			return false
		}
	}
	return false
}

// brandUsedBy reports whether the tokens from j on, within 6, say the
// person addressed booked or paid with it: a pronoun of the person
// addressed and a verb of booking, paying or using ("you booked with",
// "que vous avez utilisée", "mit der Sie gebucht haben").
func (t *text) brandUsedBy(j, to int) bool {
	you, used := false, false
	for l := j; l < to && l <= j+6; l++ {
		w := string(t.tokBytes(l))
		you = you || youSubjects[w] || secondPerson[w] || relPronouns[w] && l > j // "como o que usou" (the subject dropped)
		used = used || brandUsed32[w]
	}
	return you && used
}

// yoursAt reports whether token j, or the one after an article, is a
// possessive pronoun of the person addressed: "like yours", "comme la
// vôtre", "como la suya", "zoals de uwe".
func (t *text) yoursAt(j, to int) bool {
	for l := j; l < to && l <= j+1; l++ {
		w := string(t.tokBytes(l))
		if brandYoursWords[w] {
			return true
		}
		if !definites[w] {
			return false
		}
	}
	return false
}

// brandYoursWords are the possessive pronouns of the person addressed
// (normalised).
var brandYoursWords = set("yours", "ihre", "ihrer", "ihrige", "deine", "votre", "tienne", "suya", "suyo", "tuya", "tuyo",
	"sua", "suo", "tua", "tuo", "uwe", "jouwe", "seu", "teu", "hers")

// brandOurs reports whether the sentence [from, to) is about the
// business's own things (terminals, promotions, the cards it takes).
func (t *text) brandOurs(from, to int) bool {
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if brandThings[w] || ourWords[w] {
			return true
		}
	}
	return false
}
