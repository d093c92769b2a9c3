package guard

// A street named beside another house number is another address on that
// street: "Hotel Spreeblick, Hauptstraße 22, 10827 Berlin", "the Park
// Hyatt, 5 Rue de la Paix", "Kalverstraat 140". A ctxStreet pattern of a
// street with its number on file keeps that number (aux, 1-based in
// Matcher.houses); the street alone counts as hers only when no other
// house number stands right beside it (her own number is the full street
// pattern, which needs no context).

// streetNum is the house number on file of a street, and whether it
// stands before the street ("12 Rue de la Paix") or after it
// ("Hauptstraße 5").
type streetNum struct {
	num    string
	before bool
}

// streetOtherNumber reports whether the street matched at [start, end) of
// the token view has, where its number on file stands (before it or
// after it, a house number word between: "Hauptstraße Nr. 22"), a house
// number other than that one.
func (t *text) streetOtherNumber(start, end int, h streetNum) bool {
	i := t.tokenAt(start)
	if i < 0 {
		return false
	}
	if h.before {
		// "the Park Hyatt, 5 Rue de la Paix, takes deliveries": the address
		// set off by punctuation, no floor or unit word after the number
		return i > 0 && t.toks[i].flags&fSentence == 0 && t.toks[i-1].flags&fPunctAfter == 0 && otherHouse(t.tokBytes(i-1), h.num) &&
			!t.houseSumAfter(i-1, t.lastTokBefore(end), h.num) && (i-1 == 0 || t.toks[i-2].flags&fPunctAfter != 0 || t.toks[i-1].flags&fSentence != 0 ||
			placeAt[string(t.tokBytes(i-2))] || t.leadOf41b(i-2)) // "zit op 40 Rue de la Paix" (streetother37.go), "du 6 Rue" (street41b.go)
	}
	k := t.tokenAt(end - 1) // the token after the match opens at its closing space
	if k < 0 || int(t.toks[k].off) != end-1 {
		return false
	}
	if t.toks[k].flags&fSentence != 0 {
		return false
	}
	if k+1 < len(t.toks) && houseWordSet[string(t.tokBytes(k))] {
		k++ // "Hauptstraße Nr. 31" (the abbreviation's dot opens no sentence)
	}
	// "Hauptstraße 22, 10827 Berlin": the number closes the address
	// (punctuation or a postal code after it), no floor word after it
	// ("Via Roma 3° piano")
	if !otherHouse(t.tokBytes(k), h.num) || t.houseSum(k, h.num) {
		return false // "Hauptstraße 50, ohne die Null" (streetother37.go)
	}
	if k+1 >= len(t.toks) || t.toks[k].flags&fPunctAfter != 0 || t.toks[k+1].flags&fSentence != 0 {
		return true
	}
	w := t.tokBytes(k + 1)
	if len(w) >= 4 && isDigit(w[0]) && allDigits(w) {
		return true
	}
	// "Kalverstraat 140 in Amsterdam", "Via Roma 19 a Torino": a
	// preposition and a name after the number, not a floor's or a unit's
	// word ("Via Roma 3° piano", "Rua Augusta 3 andar") nor a number
	// ("Hauptstraße 22 im 3. Stock")
	if floorWords[string(w)] {
		return false
	}
	if t.floorAfter(k) {
		return true // "Hauptstraße 22 im 3. Stock ist unser Büro" (streetother37.go)
	}
	if k+2 < len(t.toks) && placeIn[string(w)] {
		n := t.tokBytes(k + 2)
		return len(n) > 0 && !isDigit(n[0]) && !floorWords[string(n)]
	}
	return false
}

// placeIn are the prepositions of a city after an address (normalised).
var placeIn = set("in", "im", "a", "en", "em", "op", "te")

// floorWords name a floor, a unit or a side of a building after its
// number (normalised).
var floorWords = set("floor", "fl", "stock", "og", "etage", "piso", "planta", "piano", "andar", "verdieping", "hoog",
	"apt", "apartment", "flat", "wohnung", "appartement", "apartamento", "appartamento", "door", "puerta", "porta",
	"deur", "esq", "dto", "dta", "izq", "izquierda", "derecha", "esquerdo", "direito", "scala", "interno", "int",
	"links", "rechts", "gauche", "droite", "hinterhaus", "vorderhaus", "escalier", "escalera", "bis", "ter")

// otherHouse reports whether w reads as a house number ("22", "140",
// "5b") other than house.
func otherHouse(w []byte, house string) bool {
	w = houseTrim(w) // "Via Roma 08" (streetother37.go)
	if len(w) == 0 || len(w) > 5 || !isDigit(w[0]) || string(w) == house {
		return false
	}
	n := 0
	for n < len(w) && isDigit(w[n]) {
		n++
	}
	if n > 3 && n != len(house) || n < len(w)-1 {
		return false // a postal code ("Kalverstraat, 1012 PH"), a year
	}
	return !slip(string(w[:n]), house)
}

// slip reports whether the number a may be a slip of b: the same digits
// in another order, or one digit changed ("Calle de Alcalá 54" for 45).
func slip(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	diff := 0
	for k := range a {
		if a[k] != b[k] {
			diff++
		}
	}
	if diff <= 1 {
		return true
	}
	var ca, cb [10]int
	for k := range a {
		if isDigit(a[k]) && isDigit(b[k]) {
			ca[a[k]-'0']++
			cb[b[k]-'0']++
		}
	}
	return ca == cb
}

// houseWordSet are the words for a house number that may stand between a
// street and its number (not "no", "n": "na Rua Augusta, no 3.º andar").
var houseWordSet = set("number", "nr", "num", "numero", "nummer", "hausnummer", "huisnummer", "nro", "civico", "numer")
