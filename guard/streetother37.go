package guard

import (
	"strconv"
	"strings"
)

// streetother37.go (f36a): the gates of otherHouse and streetOtherNumber
// (streetother.go) that give her house number back when it is written
// another way, and the exemption of another house number extended to
// the street's word with its city (ctxStreetCity) and to a number after
// a preposition ("Ons partnerhotel zit op 40 Rue de la Paix").
//
//   - leading zeros are no other number: "Via Roma 08", "Calle de Alcalá
//     045", "Rua Augusta 0100" are her numbers;
//   - a number with a sum on it that gives her number is hers:
//     "Hauptstraße 50, ohne die Null", "Kalverstraat 920, zonder de nul",
//     "24 Rue de la Paix, divisé par deux", "Hauptstraße 10, halbiert".

// houseTrim drops the leading zeros of a house number ("08", "045"),
// keeping one digit.
func houseTrim(w []byte) []byte {
	for len(w) > 1 && w[0] == '0' && isDigit(w[1]) {
		w = w[1:]
	}
	return w
}

// Words of a sum said on a house number after it (normalised; number
// words are digits already: "ohne die Null" reads "ohne die 0"):
// dropping a digit, halving, doubling.
var (
	houseDrop = set("without", "drop", "remove", "removed", "minus", "less", "ohne", "weg", "streichen", "gestrichen",
		"sans", "enleve", "enlever", "retire", "sin", "quita", "quitando", "quitar", "senza", "togli", "togliendo",
		"tolto", "zonder", "weglaten", "haal", "sem", "tirando", "tira", "tirar", "no", "not", "kein", "keine", "pas")
	houseHalf = set("halved", "half", "halve", "halbiert", "halbieren", "halfte", "haelfte", "halbe", "moitie",
		"mitad", "meta", "metade", "helft", "gehalveerd", "halveren", "halveer", "divided", "geteilt", "divise",
		"dividido", "dividida", "diviso", "divisa", "gedeeld", "dividir", "teilen", "diviser", "dividere", "delen")
	houseDouble = set("doubled", "double", "twice", "doppelt", "verdoppelt", "doble", "duplicado", "doppio",
		"raddoppiato", "dubbel", "verdubbeld", "dobro", "dobrado")
)

// houseTimes39 are the words of a product before its factor ("times
// two", "fois deux", "mal zwei", "keer twee", "vezes dois") (normalised;
// number words are digits already).
var houseTimes39 = set("times", "fois", "mal", "veces", "por", "per", "volte", "keer", "maal", "vezes", "x")

// houseSum reports whether the house number token k has, in the four
// tokens after it in its sentence, a sum that gives house: a zero taken
// out of it, halved, doubled.
func (t *text) houseSum(k int, house string) bool { return t.houseSumAfter(k, k, house) }

// houseSumAfter is houseSum with the sum's words after token last: the
// street's last word for a number before it ("120 Rue de la Paix, sans
// le zéro").
func (t *text) houseSumAfter(k, last int, house string) bool {
	w := string(houseTrim(t.tokBytes(k)))
	if !allDigits([]byte(w)) {
		return false
	}
	_, to := t.sentenceOf(k)
	drop := false
	for j := last + 1; j < to && j <= last+4; j++ {
		x := t.tokBytes(j)
		if houseVerbs41b[string(x)] {
			to = j // "Rua Augusta 50, Lisboa, is open twice a week": the sum is another thing's (street41b.go)
			break
		}
		if t.houseDiv41b(w, j, to, house) {
			return true // "Le 120 Rue de la Paix divisé par dix" (street41b.go)
		}
		switch s := string(x); {
		case houseDrop[s]:
			drop = true
		case s == "0" && drop || s == "0" && j > last+1 && houseDrop[string(t.tokBytes(j-1))]:
			for d := 0; d < len(w); d++ {
				if w[d] == '0' && string(houseTrim([]byte(w[:d]+w[d+1:]))) == house {
					return true
				}
			}
		case houseHalf[s]:
			if n := atoi([]byte(w)); n%2 == 0 && strconv.FormatInt(n/2, 10) == house {
				return true
			}
		case houseDouble[s] || houseTimes39[s] && j+1 < to && string(t.tokBytes(j+1)) == "2":
			// "6 Rue de la Paix times two", "fois deux" (streetarith39)
			if n := atoi([]byte(w)); strconv.FormatInt(n*2, 10) == house {
				return true
			}
		}
	}
	// "Hauptstraße 50, die Null weg": the drop word after the zero
	for j := last + 1; j+1 < to && j <= last+4; j++ {
		if string(t.tokBytes(j)) == "0" && houseDrop[string(t.tokBytes(j+1))] {
			for d := 0; d < len(w); d++ {
				if w[d] == '0' && string(houseTrim([]byte(w[:d]+w[d+1:]))) == house {
					return true
				}
			}
		}
	}
	return false
}

// placeAt are the prepositions that may stand before an address's
// leading house number ("zit op 40 Rue de la Paix", "está en 40 Rue de
// la Paix", "is at 40 Rue de la Paix") (normalised).
var placeAt = set("at", "on", "in", "op", "en", "au", "a", "em", "no", "na", "bei", "an", "auf", "al", "nel", "nella",
	"sul", "naar", "para", "zu", "te", "aan", "dans", "chez")

// houseOfCity returns the house number of her address in city
// (normalised), or "" when no address of hers is there.
func (m *Matcher) houseOfCity(city string) string {
	for _, a := range m.p24.addrs {
		if a.city == city {
			return a.house
		}
	}
	return ""
}

// otherHouseAt reports whether token k is a house number that is not
// house (nor a slip of it, nor a sum giving it); with house "", not any
// of her house numbers.
func (m *Matcher) otherHouseAt(t *text, k int, house string) bool {
	if k < 0 || k >= len(t.toks) {
		return false
	}
	w := t.tokBytes(k)
	if len(w) == 0 || !isDigit(w[0]) {
		return false
	}
	if house != "" {
		return otherHouse(w, house) && !t.houseSum(k, house)
	}
	for _, a := range m.p24.addrs {
		if a.house != "" && (!otherHouse(w, a.house) || t.houseSum(k, a.house)) {
			return false
		}
	}
	return true
}

// streetCityOther reports whether the street's word matched at [start,
// end) (ctxStreetCity, of her address in city) stands beside a house
// number that is not hers, read as streetOtherNumber reads it:
// "Nuestro hotel asociado está en Via Roma 19, Torino", "... en 40 Rue
// de la Paix, Paris".
func (m *Matcher) streetCityOther(t *text, start, end int, city string) bool {
	house := m.houseOfCity(city)
	i := t.tokenAt(start)
	if house == "" || i < 0 {
		return false
	}
	// "Via Roma 19, Torino", "Hauptstraße 22, 10827 Berlin": a number
	// closing the address, her city or a postal code right after it (not
	// "la de Alcalá, 3º, Madrid": a floor)
	if j := t.tokenAt(end - 1); j >= 0 && int(t.toks[j].off) == end-1 && t.toks[j].flags&fSentence == 0 && !t.ordinalAt(j) &&
		allDigits(t.tokBytes(j)) && m.otherHouseAt(t, j, house) && j+1 < len(t.toks) && t.toks[j+1].flags&fSentence == 0 {
		if w := t.tokBytes(j + 1); string(w) == city || len(w) >= 4 && allDigits(w) {
			return true
		}
	}
	for b := i - 1; b >= 0 && b >= i-3 && t.toks[b+1].flags&fSentence == 0; b-- {
		if w := t.tokBytes(b); typeFirst[string(w)] {
			start = int(t.toks[b].off) // "Via Roma", "Rue de la Paix": the type opens it
			break
		} else if len(w) > 0 && isDigit(w[0]) {
			break
		}
	}
	return t.streetOtherNumber(start, end, streetNum{num: house, before: true})
}

// cityOtherAddress reports whether the city matched at start (ctxCity)
// closes an address whose house number is not hers: "Hauptstraße 22,
// 10827 Berlin", "Kalverstraat 140, Amsterdam", "40 Rue de la Paix,
// Paris". Her postal code before it keeps it hers.
func (m *Matcher) cityOtherAddress(t *text, start int) bool {
	i := t.tokenAt(start)
	if i <= 0 || len(m.p24.addrs) == 0 || t.toks[i].flags&fSentence != 0 {
		return false
	}
	house := m.houseOfCity(string(t.tokBytes(i)))
	from, _ := t.sentenceOf(i)
	k := i - 1
	if w := t.tokBytes(k); len(w) == 2 && !isDigit(w[0]) && k-1 > from && len(t.tokBytes(k-1)) == 4 && allDigits(t.tokBytes(k-1)) {
		k-- // "1012 PH Amsterdam"
	}
	if w := t.tokBytes(k); len(w) >= 4 && allDigits(w) {
		for _, a := range m.p24.addrs {
			if a.postcode != "" && strings.HasPrefix(a.postcode, string(w)) {
				return false // her postal code
			}
		}
		k--
	}
	if k <= from {
		return false
	}
	// "Kalverstraat 140, Amsterdam": a street's word and the number
	if w := t.tokBytes(k - 1); len(w) > 0 && !isDigit(w[0]) && !t.ordinalAt(k) && m.otherHouseAt(t, k, house) {
		return true
	}
	// "40 Rue de la Paix, Paris": the number before a street type word,
	// at most five tokens before the city
	for d := k; d >= from && d >= k-5; d-- {
		if w := t.tokBytes(d); len(w) > 0 && isDigit(w[0]) {
			return d+1 < i && typeFirst[string(t.tokBytes(d+1))] && m.otherHouseAt(t, d, house)
		}
	}
	return false
}

// ordinalAt reports whether token k is a number with an ordinal's ending
// ("3o", "2e", "1a", "3.º" read "3 o"), a floor or a district rather than
// a house number.
func (t *text) ordinalAt(k int) bool {
	w := t.tokBytes(k)
	if n := len(w); n >= 2 && isDigit(w[0]) && strings.IndexByte("oae", w[n-1]) >= 0 && isDigit(w[n-2]) {
		return true
	}
	if n := len(w); n >= 3 && isDigit(w[0]) && (string(w[n-2:]) == "er" || string(w[n-2:]) == "nd" || string(w[n-2:]) == "rd" ||
		string(w[n-2:]) == "th" || string(w[n-2:]) == "st") {
		return true
	}
	if k+1 < len(t.toks) && t.toks[k+1].flags&fSentence == 0 {
		switch string(t.tokBytes(k + 1)) {
		case "o", "a", "e", "er", "eme", "ieme":
			return true
		}
	}
	return false
}

// lastTokBefore returns the last token of a match ending at end (the
// token after it opens at end-1).
func (t *text) lastTokBefore(end int) int {
	if k := t.tokenAt(end - 1); k > 0 && int(t.toks[k].off) == end-1 {
		return k - 1
	}
	return len(t.toks) - 1
}

// floorAfter reports whether a floor is named after the house number at
// token k, a word or more between ("22 im 3. Stock", "22 on the 3rd
// floor", "22 al terzo piano"): the number is the house's, the floor
// told apart.
func (t *text) floorAfter(k int) bool {
	for j := k + 2; j < len(t.toks) && j <= k+4; j++ {
		if t.toks[j].flags&fSentence != 0 && !allDigits(t.tokBytes(j-1)) {
			return false
		}
		if floorWords[string(t.tokBytes(j))] {
			return true
		}
	}
	return false
}
