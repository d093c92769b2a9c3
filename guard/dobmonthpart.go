package guard

// The date of birth hinted at by the part of the month or of the season
// it falls in (g22b): "Not the 13th, no, it's earlier in the month",
// "Nicht der 13., es ist früher im Monat", "your birthday is at the start
// of the month", "your birthday falls on a Saturday in late autumn", "Ihr
// Geburtstag liegt im Spätherbst". A part of the month counts after a day
// denied in the reply ("not the 13th") or with a word for the birthday;
// earlier or later than the denied day, or the start, middle or end of
// the month, must hold her day; a season with its part must hold her
// month, and a word for the birthday stands in its sentence. Payment
// terms ("due at the end of the month") name no birthday and deny no day.

// Words of parts of the month and of seasons (normalised).
var (
	monthEarlier = set("earlier", "fruher", "tot", "antes", "prima", "eerder", "cedo", "before", "vorher")
	monthLater   = set("later", "spater", "tard", "despues", "dopo", "tarde", "after", "danach", "poi")
	monthStart   = set("start", "beginning", "early", "anfang", "beginn", "debut", "principio", "principios", "inicio",
		"comienzo", "inizio", "begin", "comeco", "primeiros", "primeiras", "primi", "primeros", "first", "ersten")
	monthMiddle = set("mid", "middle", "mitte", "milieu", "mediados", "mitad", "meta", "midden", "meados", "meio")
	monthEnd    = set("end", "late", "ende", "fin", "finales", "final", "fine", "eind", "fim", "finais", "ultimos",
		"ultimi", "last", "letzten", "derniers")
	// seasonMonths are the seasons' months (northern), by part: early,
	// middle, late.
	seasonMonths = map[string][3]int{"autumn": {9, 10, 11}, "fall": {9, 10, 11}, "herbst": {9, 10, 11},
		"automne": {9, 10, 11}, "otono": {9, 10, 11}, "autunno": {9, 10, 11}, "herfst": {9, 10, 11},
		"najaar": {9, 10, 11}, "outono": {9, 10, 11}, "winter": {12, 1, 2}, "hiver": {12, 1, 2}, "invierno": {12, 1, 2},
		"inverno": {12, 1, 2}, "spring": {3, 4, 5}, "fruhling": {3, 4, 5}, "fruhjahr": {3, 4, 5}, "printemps": {3, 4, 5},
		"primavera": {3, 4, 5}, "lente": {3, 4, 5}, "voorjaar": {3, 4, 5}, "summer": {6, 7, 8}, "sommer": {6, 7, 8},
		"ete": {6, 7, 8}, "verano": {6, 7, 8}, "estate": {6, 7, 8}, "zomer": {6, 7, 8}, "verao": {6, 7, 8}}
	// seasonCompounds are the seasons with their part in one word.
	seasonCompounds = map[string]int{"spatherbst": 11, "fruhherbst": 9, "spatsommer": 8, "fruhsommer": 6,
		"spatwinter": 2, "fruhwinter": 12, "spatherfst": 11, "naherfst": 11, "fruhjahr": 4}
)

// travelThings have days of their own: "the flight doesn't leave on the
// 13th but earlier in the month".
var travelThings = set("flight", "flights", "flug", "vol", "vuelo", "volo", "vlucht", "voo", "train", "zug", "tren",
	"treno", "trein", "comboio", "departure", "abflug", "depart", "salida", "partenza", "vertrek", "partida", "stay",
	"aufenthalt", "sejour", "estancia", "soggiorno", "verblijf", "estadia", "checkin", "check")

// dobMonthPart reports whether t hints at the day or month of birth day,
// month in one of the ways above. Every token is tested by its length
// and first letter before a look-up; the denied day is read once, and
// only when a part of the month was found.
func (t *text) dobMonthPart(day, month int) bool {
	if day == 0 || month == 0 {
		return false
	}
	denied, read := 0, false
	for k := range t.toks {
		tk := &t.toks[k]
		if tk.x52&x52MonthPart == 0 {
			continue // no word of monthPartKinds (speed52.go)
		}
		w := t.tokBytes(k)
		switch monthPartKinds[string(w)] {
		case 1: // a month noun
			if !t.monthPartBefore(k) {
				continue
			}
			if !read {
				denied, read = t.deniedDay(day), true
			}
			if denied >= 0 && t.monthPartHolds(k, day, denied) {
				return true
			}
		case 2: // a season with its part in one word
			if seasonCompounds[string(w)] == month && t.birthdayIn(k) {
				return true
			}
		case 3: // a season
			if t.seasonPartHolds(k, seasonMonths[string(w)], month) && t.birthdayIn(k) {
				return true
			}
		}
	}
	return false
}

// monthPartKinds tells the month nouns (1), the seasons with their part
// (2) and the seasons (3) apart in one look-up.
var monthPartKinds = func() map[string]int8 {
	k := map[string]int8{}
	for w := range monthNouns {
		k[w] = 1
	}
	for w := range seasonCompounds {
		k[w] = 2
	}
	for w := range seasonMonths {
		if k[w] == 0 {
			k[w] = 3
		}
	}
	return k
}()

// deniedDay returns the first day other than day denied in t ("not the
// 13th"), 0 if none, or -1 when t names a thing with days of its own
// before it (a payment, a flight).
func (t *text) deniedDay(day int) int {
	for k := range t.toks {
		w := t.tokBytes(k)
		if n := dayNumber(w); n > 0 && n != day && t.dayDenied(k) {
			return n
		}
		if partOwner(string(w)) || travelThings[string(w)] {
			return -1 // "the payment isn't due on the 15th, it's earlier in the month"
		}
	}
	return 0
}

// monthPartBefore reports whether a word of a part of the month stands
// within the 4 tokens before the month noun at k.
func (t *text) monthPartBefore(k int) bool {
	from, _ := t.sentenceOf(k)
	for j := k - 1; j >= from && j >= k-4; j-- {
		w := string(t.tokBytes(j))
		if monthEarlier[w] || monthLater[w] || monthStart[w] || monthMiddle[w] || monthEnd[w] {
			return true
		}
	}
	return false
}

// dayNumber reads a day of the month, 1–31, from a token: "13", "13e",
// "13th" reads "13" already.
func dayNumber(w []byte) int {
	n, d := 0, 0
	for d < len(w) && d < 2 && isDigit(w[d]) {
		n = n*10 + int(w[d]-'0')
		d++
	}
	if d == 0 || d < len(w) && (isDigit(w[d]) || len(w)-d > 2) {
		return 0
	}
	if n < 1 || n > 31 {
		return 0
	}
	return n
}

// dayDenied reports whether the day at token k is denied: a negation
// within the 4 tokens before it, only articles, a copula and a word for
// day between
// ("not the 13th", "nicht der 13.", "pas le 13", "não o dia 13").
func (t *text) dayDenied(k int) bool {
	from, _ := t.sentenceOf(k)
	for j := k - 1; j >= from && j >= k-4; j-- {
		w := string(t.tokBytes(j))
		if negations[w] {
			return true
		}
		if !definites[w] && !dayNouns[w] && !copulaWords[w] && w != "on" && w != "am" {
			return false
		}
	}
	return false
}

// monthPartHolds reports whether the month noun at token k closes a part
// of the month that holds day: earlier or later than the denied day, or
// the start, middle or end of the month after a denied day or with a
// word for the birthday.
func (t *text) monthPartHolds(k, day, denied int) bool {
	from, _ := t.sentenceOf(k)
	for j := k - 1; j >= from && j >= k-4; j-- {
		w := string(t.tokBytes(j))
		switch {
		case monthEarlier[w]:
			return denied > 0 && day < denied
		case monthLater[w]:
			return denied > 0 && day > denied
		case monthStart[w]:
			return day <= 10 && (denied > 0 || t.birthdayIn(k))
		case monthMiddle[w]:
			return day > 10 && day <= 20 && (denied > 0 || t.birthdayIn(k))
		case monthEnd[w]:
			return day > 20 && (denied > 0 || t.birthdayIn(k))
		}
	}
	return false
}

// seasonPartHolds reports whether the season at token k, with the part
// before it (within 3 tokens: "late autumn", "fin de l'automne", "a
// finales de otoño"), holds month.
func (t *text) seasonPartHolds(k int, ms [3]int, month int) bool {
	from, _ := t.sentenceOf(k)
	for j := k - 1; j >= from && j >= k-3; j-- {
		w := string(t.tokBytes(j))
		switch {
		case monthStart[w]:
			return ms[0] == month
		case monthMiddle[w]:
			return ms[1] == month
		case monthEnd[w] || w == "tardo" || w == "laat" || w == "spaten" || w == "spate" || w == "tardio" || w == "tardia":
			return ms[2] == month
		}
	}
	return false
}

// birthdayIn reports whether token k's sentence says the birthday of the
// person addressed falls there: a possessive of hers or of the person
// addressed, a word for the birthday, a verb of being or falling after
// it, token k after that ("your birthday falls on a Saturday in late
// autumn", "Ihr Geburtstag liegt im Spätherbst"); not a voucher or an
// offer sent then ("your birthday voucher comes at the start of the
// month"), nothing of the business's.
func (t *text) birthdayIn(k int) bool {
	from, _ := t.sentenceOf(k)
	for j := from; j < k; j++ {
		w := string(t.tokBytes(j))
		if ourWords[w] || partOwner(w) {
			return false
		}
		if !birthdayWords[w] || j == from || !secondPerson[string(t.tokBytes(j-1))] && string(t.tokBytes(j-1)) != "her" {
			continue
		}
		for l := j + 1; l < k && l <= j+2; l++ {
			if birthdayFalls[string(t.tokBytes(l))] {
				for m := l + 1; m < k; m++ {
					if x := string(t.tokBytes(m)); ourWords[x] || partOwner(x) {
						return false
					}
				}
				return true
			}
		}
	}
	return false
}

// birthdayFalls are the verbs of a birthday falling on a day (normalised).
var birthdayFalls = set("is", "falls", "fall", "ist", "fallt", "liegt", "est", "tombe", "es", "cae", "e", "cade", "cadra",
	"valt", "cai", "fica", "will", "wird", "sera", "sara", "zal")
