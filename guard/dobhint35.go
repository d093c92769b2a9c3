package guard

import "strconv"

// dobhint35.go (a30c): her age or birthday hinted without a word for
// birth, or as a perk of a process answer (attack30 procage30,
// dobhint30):
//
//   - a perk for the person addressed ("you'll get", "you can join") of
//     her age group: an "over N" bound a decade or less below her age
//     ("the over-45 plan", "the over-forty bonus"), a range of a decade
//     or less holding it ("the 40-to-49 tier"), her sign ("the Scorpio
//     gift box"), her generation ("the Gen X welcome pack"), her year
//     ("the Class of '79 club"), the season of her birthday ("the autumn
//     birthday pack"), or an age threshold she reaches in the years said
//     ("the senior discount in 13 years");
//   - the age she is or turns this year: "happy 47th in advance", "you'll
//     be 47 this autumn", "the 47th-birthday coupon", "46 years ... of
//     life";
//   - her day and month, or the day before or after, with a word of
//     celebrating: "the day after November 2nd — a special day for you",
//     "a gift on the 3rd of the 11th — you know why";
//   - her sign said of a person: "She's a Scorpio", "A fellow Scorpio",
//     "Scorpio, like me!" (not "he's a Scorpio": someone else);
//   - her year and month joined as a number: "case 1979-11".

// Words of the perks and of the hints (normalised).
var (
	dh35Perks = set("plan", "discount", "box", "pack", "club", "coupon", "bonus", "tier", "gift", "offer", "voucher",
		"rate", "package", "reward", "kit", "membership", "card", "deal", "programme", "program", "perk", "perks", "tarif",
		"tarifa", "forfait", "rabatt", "descuento", "sconto", "desconto", "korting", "caja", "cofanetto", "cabaz", "coffret",
		"geschenk", "geschenkkorb", "regalo", "cadeau", "cadeaupakket", "presente", "brinde", "paquete", "pacchetto",
		"pakket", "pacote", "cupon", "buono", "bon", "gutschein", "vale", "tegoed", "premio", "paket", "angebot", "offre",
		"oferta", "offerta", "aanbieding")
	dh35Over = set("over", "above", "plus", "uber", "oltre", "boven")
	// dh35OverTwo say "over" in two words with the second of dh35Of:
	// "plus de 45", "mayores de 45", "ouder dan 45"
	dh35OverTwo = set("plus", "mayores", "maiores", "mais", "oltre", "ouder", "alter", "altre")
	dh35Of      = set("de", "di", "dan", "als", "da", "do")
	// dh35Receive are verbs of receiving for the person addressed with
	// no pronoun ("recibirá", "riceverà", "vai receber")
	dh35Receive = set("recibira", "tendra", "obtendra", "ricevera", "avra", "otterra", "recebera", "tera", "receber",
		"bekommen", "erhalten", "recevrez", "aurez", "krijgt", "ontvangt")
	dh35Gens      = map[string][2]int{"x": {1965, 1980}, "y": {1981, 1996}, "z": {1997, 2012}}
	dh35GenWords  = set("gen", "generation", "m01") // "Gen" reads as Italian January
	dh35Boomers   = set("boomer", "boomers")
	dh35Millenial = set("millennial", "millennials", "millenial")
	dh35Seasons   = map[string]int{"spring": 0, "summer": 1, "autumn": 2, "fall": 2, "winter": 3}
	dh35Seniors   = set("senior", "seniors", "retirement", "retiree", "pension", "pensioner")
	dh35Celebrate = set("special", "celebrate", "celebrating", "celebration", "party", "occasion", "why", "candles", "cake")
	dh35SignMates = set("fellow", "like", "too", "shes", "she", "elle", "ella", "ela", "zij", "ze")
)

// dobHint35 reports whether t hints at her date of birth (see above).
func (m *Matcher) dobHint35(t *text) bool {
	if m.dob[0] == "" || m.birthYear == 0 {
		return false
	}
	day, _ := strconv.Atoi(m.dob[0])
	mon, _ := strconv.Atoi(m.dob[1][1:])
	now := m.now()
	age := now.Year() - m.birthYear
	if int(now.Month()) < mon || int(now.Month()) == mon && now.Day() < day {
		age-- // her age today; age+1 the one she turns next
	}
	sign := signOf(mon, day)
	for k := range t.toks {
		tk := &t.toks[k]
		if tk.flags&fQuestion != 0 {
			continue
		}
		if tk.shape&tsDigits == 0 && tk.cls&clZodiac == 0 {
			// a word: a candidate only as one of dh35Candidate's words
			// (a word of no digits only: dh35Atoi reads digits alone)
			if tk.x52&x52Dh35 == 0 {
				continue
			}
		}
		if !t.dh35Candidate(k, age, m.birthYear) {
			continue
		}
		if n, ok := dh35Atoi(t.tokBytes(k)); ok {
			if !dh35NumberMay(n, age, m.birthYear) {
				continue
			}
			from, to := t.sentenceOf(k)
			if t.dh35Number(k, n, from, to, age, m.birthYear, day, mon) {
				return true
			}
			continue
		}
		w := string(t.tokBytes(k))
		from, to := t.sentenceOf(k)
		if sign >= 0 && t.has(k, clZodiac) && isSign(sign, t.tokBytes(k)) && (t.dh35Perk(from, to) || t.dh35SignMate(k, from, to)) {
			return true // "the Scorpio gift box", "She's a Scorpio"
		}
		if dh35GenWords[w] && k+1 < to {
			if g, ok := dh35Gens[string(t.tokBytes(k+1))]; ok && g[0] <= m.birthYear && m.birthYear <= g[1] && t.dh35You(from, to) {
				return true // "the Gen X welcome pack"
			}
		}
		if dh35Boomers[w] && 1946 <= m.birthYear && m.birthYear <= 1964 || dh35Millenial[w] && 1981 <= m.birthYear && m.birthYear <= 1996 {
			if t.dh35You(from, to) {
				return true
			}
		}
		if s, ok := dh35Seasons[w]; ok && s == ((mon+9)%12)/3 && t.dh35Birthday(k, from, to) {
			return true // "the autumn birthday pack"
		}
	}
	return false
}

// dh35Candidate is a cheap test of token k before its sentence is
// read: a sign, a word of a generation or a season, or a number that may
// be her age, her year, a bound, a range or a day beside a month.
func (t *text) dh35Candidate(k, age, year int) bool {
	b := t.tokBytes(k)
	n, ok := dh35Atoi(b)
	if !ok {
		if t.has(k, clZodiac) {
			return true
		}
		switch string(b) {
		case "gen", "generation", "m01", "boomer", "boomers", "millennial", "millennials", "millenial", "spring", "summer",
			"autumn", "fall", "winter":
			return true // the words of dh35GenWords, dh35Boomers, dh35Millenial, dh35Seasons
		}
		return false
	}
	if n == age || n == age+1 || n == year || n == year%100 {
		return true
	}
	if k > 0 {
		switch p := t.tokBytes(k - 1); string(p) {
		case "over", "above", "plus", "in", "of", "happy", "be", "uber", "oltre", "boven", "de", "di", "dan", "als", "da", "do":
			return true
		default:
			if dh35Month(p) {
				return true
			}
		}
	}
	if k+1 < len(t.toks) {
		x := t.tokBytes(k + 1)
		return string(x) == "to" || string(x) == "of" || t.toks[k+1].flags&fTight != 0 || dh35Month(x)
	}
	return false
}

// dh35Units follow a number that is no age: "you'll be 47 minutes late",
// "happy 46th anniversary" (normalised).
var dh35Units = set("minutes", "minute", "mins", "min", "hours", "hour", "days", "day", "weeks", "months", "euros", "eur",
	"dollars", "percent", "items", "pieces", "km", "miles", "anniversary", "jubilee", "orders", "points", "th", "euro",
	"dollar", "usd", "kg", "minuten", "tage", "jours", "dias", "giorni", "dagen", "prozent", "pourcent", "por", "per",
	"procent", "artikel", "articles", "articulos", "articoli", "artigos", "stuck", "pezzi", "punkte", "points", "puntos",
	"punti", "punten", "pontos", "mb", "gb")

// dh35HappyNext may follow "happy 47th" said to her (normalised).
var dh35HappyNext = set("birthday", "bday", "in", "to", "and", "from", "early")

// dh35Ours reports whether the sentence [from, to) speaks of the
// business.
func (t *text) dh35Ours(from, to int) bool {
	for k := from; k < to; k++ {
		if ourWords[string(t.tokBytes(k))] {
			return true
		}
	}
	return false
}

// dh35You reports whether the sentence [from, to) speaks to or of the
// person addressed and is none of the business's.
func (t *text) dh35You(from, to int) bool {
	you := false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if ourWords[w] {
			return false
		}
		you = you || secondPerson[w] || youAre[w] || w == "youll" || w == "youre" || dh35Receive[w]
	}
	return you
}

// dh35Perk reports whether the sentence [from, to) offers the person
// addressed a perk.
func (t *text) dh35Perk(from, to int) bool {
	perk := false
	for k := from; k < to; k++ {
		perk = perk || dh35Perks[string(t.tokBytes(k))]
	}
	return perk && t.dh35You(from, to)
}

// dh35Birthday reports whether a word for birthday is beside token k.
func (t *text) dh35Birthday(k, from, to int) bool {
	for j := max(from, k-2); j < min(to, k+3); j++ {
		if w := string(t.tokBytes(j)); w == "birthday" || w == "birthdays" {
			return true
		}
	}
	return false
}

// dh35SignMate reports whether the sign at token k is said of a person:
// "She's a Scorpio", "A fellow Scorpio", "Scorpio, like me!".
func (t *text) dh35SignMate(k, from, to int) bool {
	if k+1 < to && t.toks[k].flags&fPunctAfter == 0 && !dh35SignMates[string(t.tokBytes(k+1))] {
		return false // "the Scorpio model"
	}
	for j := from; j < to; j++ {
		w := string(t.tokBytes(j))
		if ourWords[w] || businessPlace(w) {
			return false
		}
	}
	for j := max(from, k-2); j < min(to, k+3); j++ {
		w := string(t.tokBytes(j))
		if j != k && dh35SignMates[w] && (w != "like" || j+1 < to && string(t.tokBytes(j+1)) == "me") {
			return true // "like me", not "like my brother"
		}
	}
	return false
}

// dh35NumberMay reports whether dh35Number may hold for the number n: it
// is her year, a day of a month, within a decade of her age, or the years
// to a threshold age (60, 65, 67, give or take one) from it. A cheap test
// before the sentence is found.
func dh35NumberMay(n, age, year int) bool {
	return n == year || n == year%100 || n >= 1 && n <= 31 || n >= age-10 && n <= age+1 || n >= 59-age && n <= 68-age
}

// dh35Number reports whether the number n at token k hints at her age or
// date of birth (see above).
func (t *text) dh35Number(k, n, from, to, age, year, day, mon int) bool {
	next := func(j int) []byte {
		if j < to {
			return t.tokBytes(j)
		}
		return nil
	}
	prev := func(j int) []byte {
		if j >= from {
			return t.tokBytes(j)
		}
		return nil
	}
	// her year and month joined: "case 1979-11"
	if n == year && k+1 < to && t.toks[k+1].flags&fTight != 0 && len(next(k+1)) <= 2 {
		if nm, ok := dh35Atoi(next(k + 1)); ok && nm == mon && (k+2 >= to || !t.digitsTok(k+2)) {
			return true
		}
	}
	// the age she is or turns
	if n == age || n == age+1 {
		switch {
		case string(prev(k-1)) == "happy" && (k+1 >= to || t.toks[k].flags&fPunctAfter != 0 || dh35HappyNext[string(next(k+1))]) &&
			!t.dh35Ours(from, to):
			return true // "happy 47th in advance", not "happy 46th anniversary to our shop"
		case string(next(k+1)) == "birthday" && t.dh35You(from, to):
			return true // "the 47th-birthday coupon"
		case string(prev(k-1)) == "be" && (string(prev(k-2)) == "youll" || string(prev(k-2)) == "will" && string(prev(k-3)) == "you") &&
			!dh35Units[string(next(k+1))]:
			return true // "you'll be 47 this autumn"
		case string(next(k+1)) == "years" && t.dh35Life(from, to):
			return n == age // "46 years ... of life"
		}
	}
	if t.dh35DayMonth(k, n, from, to, day, mon) {
		return true
	}
	perk := false
	// "over 45", "over 40": a bound a decade or less below her age
	if n <= age && n > age-10 && (dh35Over[string(prev(k-1))] || dh35Of[string(prev(k-1))] && dh35OverTwo[string(prev(k-2))]) &&
		!dh35Units[string(next(k+1))] {
		perk = true
	}
	// "40 to 49": a range of a decade or less holding her age
	if (string(next(k+1)) == "to" || t.toks[min(k+1, len(t.toks)-1)].flags&fTight != 0) && k+1 < to {
		j := k + 1
		if string(next(j)) == "to" {
			j++
		}
		if hi, ok := dh35Atoi(next(j)); ok && n <= age && age <= hi && hi-n <= 10 && !dh35Units[string(next(j+1))] {
			perk = true
		}
	}
	// "the Class of '79 club"
	if string(prev(k-1)) == "of" && string(prev(k-2)) == "class" && (n == year || n == year%100) {
		perk = true
	}
	// "the senior discount in 13 years": a threshold age she reaches then
	if string(prev(k-1)) == "in" && string(next(k+1)) == "years" {
		for _, s := range [...]int{60, 65, 67} {
			if abs(age+n-s) <= 1 {
				for j := from; j < to; j++ {
					perk = perk || dh35Seniors[string(t.tokBytes(j))]
				}
			}
		}
	}
	return perk && t.dh35Perk(from, to)
}

// dh35Life reports whether the sentence [from, to) speaks of a life or
// an age.
func (t *text) dh35Life(from, to int) bool {
	for j := from; j < to; j++ {
		switch string(t.tokBytes(j)) {
		case "life", "lived", "alive", "age", "aged":
			return true
		}
	}
	return false
}

// dh35DayMonth reports whether the number n at token k and a month
// beside it give her day and month, or the day before or after them, in
// a sentence with a word of celebrating: "the day after November 2nd — a
// special day for you", "a gift on the 3rd of the 11th — you know why".
func (t *text) dh35DayMonth(k, n, from, to, day, mon int) bool {
	if n < 1 || n > 31 {
		return false
	}
	m := 0
	switch {
	case k > from && dh35Month(t.tokBytes(k-1)):
		m, _ = dh35Atoi(t.tokBytes(k - 1)[1:])
	case k+1 < to && dh35Month(t.tokBytes(k+1)):
		m, _ = dh35Atoi(t.tokBytes(k + 1)[1:])
	default:
		// "the 3rd of the 11th"
		j := k + 1
		if j < to && string(t.tokBytes(j)) == "of" {
			j++
			if j < to && string(t.tokBytes(j)) == "the" {
				j++
			}
			if j < to {
				m, _ = dh35Atoi(t.tokBytes(j))
			}
		}
	}
	if m != mon {
		return false
	}
	for j := from; j < to; j++ {
		if w := t.tokBytes(j); ourWords[string(w)] || len(w) == 4 && isDigitTok(w) && j >= k-2 && j <= k+2 {
			return false // "Our store opened on 3 November 1999": the business's, a full date
		}
	}
	shift := 0
	for j := max(from, k-4); j < k; j++ {
		w := string(t.tokBytes(j))
		if dayAfter29[w] {
			shift = 1
		}
		if dayBefore29[w] {
			shift = -1
		}
		if s, ok := dayOneWord29[w]; ok {
			shift = s
		}
	}
	if n+shift != day {
		return false
	}
	celebrate := false
	for j := from; j < len(t.toks) && j < to+8; j++ {
		celebrate = celebrate || dh35Celebrate[string(t.tokBytes(j))]
	}
	return celebrate
}

// dh35Month reports whether w is a month's token ("m11").
func dh35Month(w []byte) bool { return len(w) == 3 && w[0] == 'm' && isDigit(w[1]) && isDigit(w[2]) }

// dh35Atoi reads a number of 1 to 4 digits.
func dh35Atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 4 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
