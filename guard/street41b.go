package guard

import "strconv"

// street41b.go (f41b): her street named after a venue of its own.
//
// A hotel, a B&B, a café, a bar, a museum, a pharmacy or a restaurant
// named before the street, in a sentence that says nothing to or of the
// person addressed, has its own address there, as a shop does
// (placeOwners): "The B&B at Via Roma 4 in Torino has rooms for two",
// "Le café du 6 Rue de la Paix, Paris, ouvre deux fois par jour", "Het
// hotel op Kalverstraat 93, Amsterdam, vraagt min. 1 nacht". Her own
// house number with the street is the full pattern and needs no context.

// venueNouns41b are places of a business of their own (normalised; "b
// b" is "B&B").
var venueNouns41b = set("hotel", "hotels", "b", "bnb", "hostel", "hostal", "pension", "pensione", "albergo", "pousada",
	"herberg", "cafe", "bar", "pub", "kneipe", "restaurant", "ristorante", "restaurante", "trattoria", "museum",
	"museo", "musee", "museu", "apotheke", "pharmacy", "pharmacie", "farmacia", "apotheek", "farmacia", "bakery",
	"backerei", "boulangerie", "panaderia", "panetteria", "bakkerij", "padaria", "cinema", "kino", "bioscoop",
	"theater", "theatre", "teatro", "gallery", "galerie", "galleria", "clinic", "klinik", "clinique", "clinica",
	"kliniek", "praxis", "praxen", "gym", "spa", "salon", "brasserie", "bistro", "hostels")

// venueBefore41b reports whether a venue noun stands in the six tokens
// before token i and the sentence [from, to) names no person addressed.
func (t *text) venueBefore41b(i, from, to int) bool {
	venue := false
	for k := max(from, i-6); k < i; k++ {
		venue = venue || venueNouns41b[string(t.tokBytes(k))]
	}
	if !venue {
		return false
	}
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if secondPerson[w] || ageYouObj37[w] || herWords37[w] {
			return false
		}
	}
	return true
}

// leadOfWords41b are the words "of the" that may stand before an
// address's leading house number ("Le café du 6 Rue de la Paix", "the
// café of 6 Rue de la Paix"), as placeAt's prepositions do (normalised).
var leadOfWords41b = set("du", "of", "des")

// leadOf41b reports whether token k, before an address's leading house
// number, sets the address apart: "of the" ("du 6 Rue de la Paix"), or a
// definite article opening the sentence ("Le 120 Rue de la Paix loue des
// chambres").
func (t *text) leadOf41b(k int) bool {
	if k < 0 {
		return false
	}
	if leadOfWords41b[string(t.tokBytes(k))] {
		return true
	}
	from, _ := t.sentenceOf(k)
	return k == from && definites[string(t.tokBytes(k))]
}

// houseVerbs41b are verbs that end a house number's sum: the words after
// them are another thing's ("Rua Augusta 50, Lisboa, is open twice a
// week") (normalised).
var houseVerbs41b = set("is", "was", "has", "remains", "reopens", "ist", "war", "bleibt", "est", "reste", "esta", "sigue",
	"rimane", "resta", "blijft", "fica", "continua", "open", "opens", "offers", "offre", "ouvre", "loue", "teilt", "abre", "admite",
	"tiene", "ha", "faz", "vraagt", "heeft", "tem", "hat", "sells", "serves")

// houseDiv41b reports whether the word at token j of a house number's
// sum divides it ("divisé par dix", "geteilt durch 10") by a number that
// gives house: "Le 120 Rue de la Paix divisé par dix" is 12.
func (t *text) houseDiv41b(w string, j, to int, house string) bool {
	if !arithDiv[string(t.tokBytes(j))] && !houseHalf[string(t.tokBytes(j))] {
		return false
	}
	k := j + 1
	if k < to && arithBy[string(t.tokBytes(k))] && !allDigits(t.tokBytes(k)) {
		k++
	}
	if k >= to || !allDigits(t.tokBytes(k)) {
		return false
	}
	n, d := atoi([]byte(w)), atoi(t.tokBytes(k))
	return d > 1 && d <= 100 && n%d == 0 && strconv.FormatInt(n/d, 10) == house
}

// herHouseBetween41b may stand between a possessive of hers and her
// house number said apart from the street: "your place at number 5",
// "Ihrer Nummer 5", "dal suo numero 8" (normalised).
var herHouseBetween41b = union(houseWordSet, set("place", "home", "house", "haus", "casa", "huis", "maison", "door",
	"at", "a", "in", "op", "no", "na"))

// herNumberSaid41b reports whether the sentence of the street matched at
// start gives her house number house apart from it, after a possessive
// of hers: "Our partner hotel is at Hauptstraße 22, a few doors from your
// place at number 5", "a pocos portales de su número 45", "instead of
// your 92". Another number beside the street does not make the street
// another's then.
func (t *text) herNumberSaid41b(start int, house string) bool {
	i := t.tokenAt(start)
	if i < 0 || house == "" {
		return false
	}
	from, to := t.sentenceOf(i)
	for k := from + 1; k < to; k++ {
		if string(houseTrim(t.tokBytes(k))) != house {
			continue
		}
		for j := k - 1; j >= from && j >= k-4; j-- {
			x := string(t.tokBytes(j))
			if secondPerson[x] {
				return true
			}
			if !herHouseBetween41b[x] {
				break
			}
		}
	}
	return false
}
