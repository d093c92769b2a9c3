package guard

import "strings"

// Which address, by its city. A customer with addresses in several
// cities is told which one is which by the city alone: "of your
// addresses, the one in Turin is the billing one", "I replaced the
// Madrid one with the new one", "celle de Turin", "la de Turín",
// "quello di Torino", "die in Turijn", "o de Turim"; and where an order
// of theirs went: "your order went to Lisbon", "Ihre Bestellung ging
// nach Lissabon". The city is said in any of the seven languages' names
// for it (exonyms in patterns.go). A city beside a place of the business
// ("the one in Turin is our flagship store") stays out: cityNamed rules
// those out first.

// whichOneIn reports whether the city at token i, in the sentence [from,
// to), is named as one of the customer's addresses: after the label of
// an address's role ("Billing: Torino"), or with a pointer ("the one",
// "celle", "la", "quello", "die", "o") and a preposition before it, or
// "one" or "address" right after it, in a reply that speaks of addresses
// (a word for addresses or an address's role) or replaces one.
func (t *text) whichOneIn(i, from, to int) bool {
	l := i - 1
	if l > 0 && string(t.tokBytes(l)) == "xx" {
		l-- // "Billing: *Torino*": the emphasis reads as a mask
	}
	if l >= 0 && t.toks[l].flags&fPunctAfter != 0 && addressRoles[string(t.tokBytes(l))] &&
		!(i+1 < to && (businessPlace(string(t.tokBytes(i+1))) || otherWord(string(t.tokBytes(i+1))))) {
		return true // "Billing: Torino, shipping: Amsterdam", not "Shipping: Lisbon warehouse"
	}
	// "the Madrid one", "the Turin address"
	one := i+1 < to && (string(t.tokBytes(i+1)) == "1" || addressNouns[string(t.tokBytes(i+1))] && i > from && definites[string(t.tokBytes(i-1))])
	if !one && i-2 >= from && pointerPreps[string(t.tokBytes(i-1))] {
		w := string(t.tokBytes(i - 2))
		one = cityPointers[w] || pronounRefs[w] && w != "that" && w != "this"
	}
	if !one {
		return false
	}
	// the business's places or another thing anywhere rule it out ("we
	// have two stores; the one in Turin is open", "the Madrid one with the
	// new model"); the words for addresses count in the city's sentence
	// or the one before it
	about := false
	pfrom, _ := t.sentenceOf(max(from-1, 0))
	for k := range t.toks {
		w := string(t.tokBytes(k))
		if businessPlace(w) || k >= from && k < to && t.isOther(k, to) && !addressSetWords[w] { // "facturación" is an address's role
			return false
		}
		if k >= pfrom && k < to && (addressSetWords[w] || replaceWords[w] || addressNouns[w] ||
			len(w) > 7 && (strings.HasSuffix(w, "adresse") || strings.HasSuffix(w, "adres"))) {
			about = true
		}
	}
	return about
}

// businessPlace reports whether w is a word for the business or one of
// its places, singular or plural ("our", "stores", "Lager").
func businessPlace(w string) bool {
	if ourWords[w] || placeOwners[w] || businessPlaces[w] || stationWords46[w] { // businessPlaces: "Filialen", "negozi", "sedi" (formal.go); stations (hedge46.go)
		return true
	}
	n := len(w)
	return n > 4 && w[n-1] == 's' && placeOwners[w[:n-1]] || n > 5 && w[n-2:] == "es" && placeOwners[w[:n-2]]
}

// orderWentTo reports whether the city at token i, after a word for
// "to" or "in", is where an order of the person addressed (theirs or
// "the" one) went: "your order went to Lisbon", "Ihre Bestellung ging
// nach Lissabon", "a sua encomenda foi para Amesterdão", "Das Paket wurde
// nach Lissabon geliefert", "De bestelling is in Amsterdam bezorgd".
func (t *text) orderWentTo(i, from, to int) bool {
	if i-1 < from || !toWords[string(t.tokBytes(i-1))] && !intoWords[string(t.tokBytes(i-1))] && !forTo[string(t.tokBytes(i-1))] {
		return false
	}
	order, gone := false, false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if businessPlace(w) {
			return false // "Ihre Bestellung ging nach Lissabon ins Lager zurück"
		}
		if k < i-1 && shippedWords[w] && (k == from || secondPerson[string(t.tokBytes(k-1))] || definites[string(t.tokBytes(k-1))]) {
			order = true
		}
		gone = gone || goneWords[w]
		if k < i-1 && goneWords[w] && t.itGoesTo(k, i, from) {
			order = true // "it goes to Berlin", said of her parcel (thirdparty.go)
		}
	}
	return order && gone
}

// Words of the two rules above (normalised).
var (
	// pointerPreps stand between a pointer and a city: "the one in", "celle
	// de", "quello di", "die in", "o de".
	pointerPreps = set("in", "of", "de", "di", "da", "do", "em", "en", "a", "van", "te", "at")
	// cityPointers are the pointers "the one" before a preposition.
	cityPointers = set("1", "a", "celle", "celui", "la", "el", "lo", "quello", "quella", "die", "degene", "diegene", "o",
		"der", "das")
	// addressSetWords name a person's addresses or an address's role.
	addressSetWords = set("addresses", "adressen", "direcciones", "indirizzi", "enderecos", "moradas", "anschriften",
		"billing", "delivery", "shipping", "facturation", "livraison", "facturacion", "entrega", "envio", "fatturazione",
		"consegna", "spedizione", "factuur", "bezorging", "levering", "faturacao", "rechnungsadresse", "lieferadresse")
	// intoWords put a parcel in a city: "livré à Lisbonne", "entregó en
	// Madrid", "in Amsterdam bezorgd" (not "parti de Madrid").
	intoWords = set("a", "au", "en", "in", "em", "im", "op", "alla")
	// addressRoles label an address by its role: "Billing: Torino".
	addressRoles = set("billing", "shipping", "delivery", "rechnung", "lieferung", "versand", "facturation",
		"livraison", "facturacion", "envio", "entrega", "fatturazione", "spedizione", "consegna", "factuur",
		"bezorging", "levering", "faturacao", "rechnungsadresse", "lieferadresse")
	// replaceWords replace one thing by another.
	replaceWords = set("replaced", "replace", "swapped", "ersetzt", "ersetzen", "getauscht", "remplace", "remplacee",
		"echange", "echangee", "sustituido", "sustituida", "cambiado", "cambiata", "cambiato", "gewisseld", "trocado", "trocada",
		"reemplazado", "sostituito", "sostituita", "vervangen", "substitui", "substituido", "substituida")
	// goneWords say the things of the person addressed (shippedWords)
	// went to an address.
	goneWords = set("went", "gone", "shipped", "delivered", "ging", "gegangen", "geliefert", "partie", "parti", "allee",
		"livree", "fue", "llego", "entregado", "andato", "andata", "arrivato", "consegnato", "gegaan", "bezorgd",
		"geleverd", "foi", "seguiu", "entregue", "livre", "entrego", "enviado", "enviada", "sent", "spedito", "verzonden",
		"heading", "headed", "going", "goes", "geht", "va", "vai", "gaat", "unterwegs", "onderweg")
)

// cityDenied reports whether a sentence of t, after the requester
// offered an address, denies a city: a city of the exonyms table and a
// negation in a sentence that names no place of the business, no service
// to the city and no condition: "Seville isn't on there", "Sevilla steht
// da nicht drin", "No, Milan isn't one of yours". "Seville isn't a city
// we ship to" and "the Seville store isn't open" are about the business.
// (offerAnswer has ruled out an exclusion, a deferral and a question.)
func (t *text) cityDenied() bool {
	if t.cls&clExonym == 0 {
		return false // no city of the table
	}
	done := 0 // the end of the last sentence judged
	for i := range t.toks {
		if w := t.tokBytes(i); len(w) < 3 || len(w) >= 32 || !t.has(i, clExonym) {
			continue
		}
		from, to := t.sentenceOf(i)
		if from < done {
			continue // a sentence judged already
		}
		done = to
		neg := false
		for k := from; k < to && !neg; k++ {
			neg = negations[string(t.tokBytes(k))] || noneWords31[string(t.tokBytes(k))] // "we don't have anything in Porto" (booking31.go)
		}
		if !neg || t.conditional(to-1) {
			continue
		}
		for k := from; k < to && neg; k++ {
			w := string(t.tokBytes(k))
			neg = !businessPlace(w) && !((cityServices[w] || otherWord(w)) && !t.sentVerb46(k, from)) && !stayWords31[w] && // "no se envió a Madrid" (noneyours46.go)
				(t.toks[k].lex&lxCond == 0 || w == "si" && k > from && forWords31[string(t.tokBytes(k-1))]) // "para si": for you
		}
		if neg {
			return true
		}
	}
	return false
}

// cityServices say the business serves a city or name it as a place
// (normalised): "a city we ship to", "beliefern wir nicht".
var cityServices = set("ship", "shipping", "deliver", "delivery", "serve", "served", "city", "area", "zone", "region",
	"liefern", "beliefern", "versand", "stadt", "gebiet", "livrons", "livraison", "desservie", "desservi", "ville",
	"enviamos", "envio", "ciudad", "zona", "servida", "servido", "spediamo", "servita", "servito", "citta",
	"leveren", "bezorgen", "stad", "gebied", "entregamos", "cidade", "flights", "flight", "weather", "strike",
	"affected", "betroffen", "affectee", "afectada", "afectado", "colpita", "colpito", "getroffen", "afetada",
	"afetado", "delay", "delays", "verspatung", "retard", "retraso", "ritardo", "vertraging", "atraso")
