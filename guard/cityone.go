package guard

import "strings"

// A city on file that picks one of her addresses or numbers by its city
// alone, beyond whichOneIn: "the order goes to the Madrid address",
// "l'adresse de Paris", "it's the Berlin one on the order", "the Berlin
// number", and a city said after her other addresses are set aside
// ("None of the German ones, it's Madrid"). The business's places, a
// thing the city's word belongs to ("the Berlin store"), a route ("from
// the Berlin one") and any address of a kind ("a Madrid address") stay
// out.

// cityPicked reports whether the city at token i, in the sentence [from,
// to), picks one of her addresses or numbers.
func (t *text) cityPicked(i, from, to int) bool {
	for k := from; k < to; k++ {
		if w := string(t.tokBytes(k)); businessPlace(w) || secondThings[w] {
			return false
		}
	}
	if i > from && indefinites[string(t.tokBytes(i-1))] || t.condBefore(from, i) {
		return false
	}
	// "l'adresse de Paris", "la dirección de Madrid", "het adres in
	// Amsterdam", "le numéro de Berlin"
	if i-2 >= from && pointerPreps[string(t.tokBytes(i-1))] {
		n := string(t.tokBytes(i - 2))
		if (addressNouns[n] || cityNumberWords[n] || partHead[n] && t.phoneNoDigits(from, to)) && (i-3 < from || !cityAnyOne[string(t.tokBytes(i-3))]) {
			return true
		}
	}
	pointed := i-2 >= from && pointerPreps[string(t.tokBytes(i-1))] && (cityPointers[string(t.tokBytes(i-2))] || cityPointers46[string(t.tokBytes(i-2))]) && string(t.tokBytes(i-2)) != "1"
	if i > from && cityFromWords[string(t.tokBytes(i-1))] && !pointed {
		return false // "returns go from Berlin", not "celle de Paris"
	}
	next := ""
	if i+1 < to {
		next = string(t.tokBytes(i + 1))
	}
	def := i > from && (definites[string(t.tokBytes(i-1))] || secondPerson[string(t.tokBytes(i-1))])
	// "the Madrid address", "the Berlin number", "die Berliner Adresse"
	if def && (addressNouns[next] || phoneWords[next] || cityNumberWords[next]) || partHead[next] && t.phoneNoDigits(from, to) {
		return true // "with Berlin's prefix", "mit Berliner Vorwahl"
	}
	// "it's the Berlin one on the order", "billing is the Lisbon one",
	// "c'est celle de Paris sur la commande", "es la de Madrid en el
	// pedido", "es ist die Berliner auf der Bestellung"
	one := def && next == "1" && i-2 >= from && !cityFromWords[string(t.tokBytes(i-2))]
	one = one || pointed
	if !one && def && (next == "" || t.toks[i].flags&fPunctAfter != 0 || onPreps[next]) && i-1 > from && copulaWords[string(t.tokBytes(i-2))] {
		one = true // "es ist die Berliner", "it's the Berlin on the order"
	}
	if one {
		for k := from; k < to; k++ {
			if w := string(t.tokBytes(k)); pickWords[w] || addressRoles[w] || pointed && weHave46[w] { // "la de Portland es la que tenemos" (noneyours46.go)
				return true
			}
		}
	}
	return t.cityAfterNone(i, from, to)
}

// districtSaid reports whether the number at token i, the arrondissement
// of a postal code of hers, is said as where she lives: "arrondissement"
// right after it ("in the capital, 2nd arrondissement", "im 2.
// Arrondissement"), in a sentence of the person addressed, an address or
// home, or the capital, and none of the business's places.
func (t *text) districtSaid(i, from, to int) bool {
	if i+1 == to && to < len(t.toks) {
		_, to = t.sentenceOf(to) // "im 2. Arrondissement": the German ordinal's dot
	}
	if i+1 >= to || !strings.HasPrefix(string(t.tokBytes(i+1)), "arr") {
		return false
	}
	if t.streetGeneric(from, to) {
		return false // "Couriers deliver anywhere in Paris, including the 2nd arrondissement"
	}
	about := false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if businessPlace(w) {
			return false
		}
		about = about || secondPerson[w] || addressNouns[w] || homeWords[w] || capitalWords[w]
	}
	return about
}

// phoneNoDigits reports whether the sentence [from, to) names a phone and
// holds no digits: "the mobile with Berlin's prefix" is hers, "Berlin's
// prefix is 030" anyone's.
func (t *text) phoneNoDigits(from, to int) bool {
	phone := false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if t.digitsTok(k) {
			return false
		}
		phone = phone || phoneWords[w] || cityNumberWords[w]
	}
	return phone
}

// cityAfterNone reports whether the city at token i follows a clause that
// sets her other addresses aside ("None of the German ones, it's
// Madrid", "Keine der deutschen, es ist die in Lissabon") and ends its
// clause or is "the one".
func (t *text) cityAfterNone(i, from, to int) bool {
	if !(t.toks[i].flags&fPunctAfter != 0 || i+1 == to || i+1 < to && string(t.tokBytes(i+1)) == "1") {
		return false
	}
	for k := from; k < to; k++ {
		if w := string(t.tokBytes(k)); businessPlace(w) || otherWord(w) {
			return false // "None of the German stores, try the American one"
		}
	}
	for k := from; k < i; k++ {
		if !noneWords[string(t.tokBytes(k))] {
			continue
		}
		for j := k; j < i; j++ {
			if t.toks[j].flags&fPunctAfter != 0 {
				return true
			}
		}
	}
	return false
}

var (
	// capitalWords name a capital city (normalised).
	capitalWords = set("capital", "hauptstadt", "capitale", "hoofdstad", "paris", "parijs", "parigi")
	// cityAnyOne are the indefinite articles that are no definite one too
	// (Portuguese "a" is "the"): "une adresse de Paris" is any.
	cityAnyOne = set("an", "ein", "eine", "einer", "einem", "un", "une", "uno", "una", "een", "um", "uma")
	// cityNumberWords are the nouns of a phone number (normalised).
	cityNumberWords = set("number", "nummer", "numero", "telefonnummer", "handynummer", "nummers")
	// pickWords name what an address is picked for: the order, the
	// invoice, the account (normalised).
	pickWords = set("order", "orders", "invoice", "account", "file", "bestellung", "rechnung", "konto", "commande",
		"facture", "compte", "pedido", "factura", "cuenta", "ordine", "fattura", "conto", "bestelling", "factuur",
		"encomenda", "fatura", "conta", "parcel", "paket", "colis", "paquete", "pacco", "pakket")
	// cityFromWords say where a thing comes from, not where it goes.
	cityFromWords = set("from", "von", "aus", "de", "desde", "da", "dal", "van", "vanuit", "uit", "vom")
	// onPreps put a thing on an order or record: "auf der Bestellung".
	onPreps = set("on", "auf", "sur", "en", "su", "sull", "sulla", "op", "na", "no", "in", "im", "dans", "nel", "nella")
	// noneWords set her other addresses aside.
	noneWords = set("none", "neither", "keine", "keiner", "aucune", "aucun", "ninguna", "ninguno", "nessuna", "nessuno",
		"geen", "nenhuma", "nenhum")
	// secondThings are things of a place that are no address of hers:
	// "the Berlin number of our hotline".
	secondThings = set("hotline", "helpline", "office", "team", "support", "store", "shop", "warehouse", "branch",
		"kundenservice", "filiale", "service", "servicio", "servizio", "klantenservice", "atendimento", "assistance",
		"agence", "agencia", "agenzia")
)
