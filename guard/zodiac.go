package guard

import "strconv"

// Birth dates said in texting form without a date: the zodiac sign ("ur
// a scorpio lol", "du bist skorpion": a sign narrows the birthday to a
// month), the decade of birth ("born in the late 70s", "ende der 70er
// geboren", "fin des années 70": with "late" it narrows the year to
// three), and the year after a slang word for it ("baujahr
// neunzehnhundertneunundsiebzig", "t'es née en septante-neuf"). Each
// counts only when it is the customer's (her sign, her decade, her year)
// and said of the person addressed or of a birth.

// zodiacSigns holds each sign's names in the seven languages as this
// reading takes them: the signs' names (zodiacNames, from Aries on) but
// "toro" and "loewe", which it never took (one table now where there
// were two copies; the verdicts stay as they were). signStarts holds
// the day each sign opens, as month*100+day.
var (
	zodiacSigns = func() (z [12]map[string]bool) {
		for s, names := range zodiacNames {
			z[s] = minus(names, set("toro", "loewe"))
		}
		return z
	}()
	signStarts = [12]int{321, 420, 521, 621, 723, 823, 923, 1023, 1122, 1222, 120, 219}
)

// signOf returns the sign of a birthday on month mo, day d (0 for Aries),
// or -1.
func signOf(mo, d int) int {
	md := mo*100 + d
	best := -1
	for s, start := range signStarts {
		if md >= start && (best < 0 || start > signStarts[best]) {
			best = s
		}
	}
	if best < 0 {
		return 9 // January 1–19: Capricorn
	}
	return best
}

// dobTexting reports whether t gives the customer's sign, decade of
// birth or year of birth in texting form (see above).
func (m *Matcher) dobTexting(t *text) bool {
	if m.dob[0] == "" {
		return false
	}
	d, _ := strconv.Atoi(m.dob[0])
	mo, _ := strconv.Atoi(m.dob[1][1:])
	y := m.dob[2]
	sign := signOf(mo, d)
	for _, k32 := range t.tokensOf(clDigit | clDecade | clZodiac) {
		k := int(k32)
		if t.toks[k].cls&(clDigit|clDecade|clZodiac) == 0 {
			continue // no number, decade or sign
		}
		w := t.tokBytes(k)
		if len(w) == 0 || len(w) > 31 {
			continue
		}
		if sign >= 0 && t.has(k, clZodiac) && len(w) >= 3 && isSign(sign, w) && t.signOfPerson(k) {
			return true // "ur a scorpio lol"
		}
		if (isDigit(w[0]) || t.has(k, clDecade)) && len(y) == 4 && t.birthYearTexting(k, y) {
			return true
		}
	}
	return false
}

// isSign reports whether w is a name of sign s.
func isSign(s int, w []byte) bool { return zodiacSigns[s][string(w)] }

// signOfPerson reports whether the sign at token k is said of the person
// addressed or as a sign: a "you" or a word for the sign in its sentence.
func (t *text) signOfPerson(k int) bool {
	if t.askedThen(k) {
		return false
	}
	from, to := t.sentenceOf(k)
	if k == from+1 && string(t.tokBytes(from)) == "6" {
		return true // Italian "sei ♏ vero": "sei" (you are) reads as the number 6 (a22c)
	}
	noun, me := false, false
	for j := from; j < to; j++ {
		w := string(t.tokBytes(j))
		if secondPerson[w] || textingYou[w] {
			return true
		}
		noun = noun || signNouns[w]
		me = me || firstPerson[w]
	}
	return noun && !me // "tu signo es escorpión", not "my sign is scorpio"
}

// birthYearTexting reports whether the number at token k gives the year
// of birth y ("1979") in texting form: the decade ("70s", "der 70er",
// "anni 70") in a sentence about a birth, "late", "mid" or "early" (if
// said) agreeing; or the year, whole or in two digits ("79", "septante
// 9"), after a slang word for the year of birth or a birth word.
func (t *text) birthYearTexting(k int, y string) bool {
	b := t.tokBytes(k)
	if len(b) > 4 && !t.has(k, clDecade) || len(b) <= 4 && string(b) != y && string(b) != y[2:] && !(len(b) <= 3 && len(b) >= 2 && b[1] == '0') &&
		!(len(b) == 1 && string(b) == y[3:]) {
		return false // a cheap test first, on the bytes: most numbers are none of these
	}
	w := string(b)
	from, to := t.sentenceOf(k)
	decade := ""
	switch {
	case len(w) == 3 && w[2] == 's' && w[1] == '0':
		decade = w[:1] // "70s"
	case len(w) == 2 && w[1] == '0' && k > from && decadeLeads[string(t.tokBytes(k-1))]:
		decade = w[:1] // "der 70er", "anni 70"
	default:
		decade = decadeNames[w] // "seventies"
	}
	if decade != "" {
		if decade != y[2:3] || !t.birthIn(from, to) {
			return false
		}
		// "late", "mid", "early" must agree with the year's last digit
		last := int(y[3] - '0')
		for j := max(from, k-4); j < k; j++ {
			q := string(t.tokBytes(j))
			switch {
			case lateWords[q]:
				return last >= 7
			case midWords[q]:
				return last >= 4 && last <= 6
			case earlyWords[q]:
				return last <= 3
			}
		}
		return true
	}
	year := w == y || w == y[2:]
	if !year && len(w) == 1 && k > from && septante[string(t.tokBytes(k-1))] == y[2:3] && w == y[3:] {
		year = true // "septante 9": Belgian and Swiss French
	}
	if !year {
		return false
	}
	for j := max(from, k-3); j < k; j++ {
		if q := string(t.tokBytes(j)); yearSlang[q] || birthWords[q] || bornTexting[q] {
			return true
		}
	}
	return false
}

// birthIn reports whether tokens [from, to) speak of a birth.
func (t *text) birthIn(from, to int) bool {
	for j := from; j < to; j++ {
		if q := string(t.tokBytes(j)); birthWords[q] || bornTexting[q] || yearSlang[q] {
			return true
		}
	}
	return false
}

// Words of a birth in texting form (normalised).
var (
	// textingYou are the texting forms of "you": "ur a scorpio", "t'es".
	textingYou = set("ur", "u", "ya", "yr", "youre", "bist", "tes", "es", "eres", "sei", "bent", "es")
	// firstPerson say "I" or "my": the agent's own sign.
	firstPerson = set("i", "my", "me", "im", "ich", "mein", "meine", "je", "mon", "ma", "moi", "yo", "mi", "io",
		"mio", "ik", "mijn", "eu", "meu", "minha")
	// decadeNames name a decade in a word, as the digit of its tens.
	decadeNames = map[string]string{"sixties": "6", "seventies": "7", "eighties": "8", "nineties": "9",
		"sechziger": "6", "siebziger": "7", "achtziger": "8", "neunziger": "9", "sechzigern": "6", "siebzigern": "7",
		"achtzigern": "8", "neunzigern": "9", "zestig": "6", "zeventig": "7", "tachtig": "8", "negentig": "9"}
	// signNouns name a zodiac sign.
	signNouns = set("sign", "zodiac", "sternzeichen", "tierkreiszeichen", "signe", "zodiaque", "signo", "zodiaco",
		"segno", "sterrenbeeld")
	// decadeLeads stand before a decade's number: "der 70er", "los 70".
	decadeLeads = set("der", "den", "los", "las", "anni", "jaren", "anos", "annees", "the", "in", "dos", "2", "des",
		"i", "years", "jahre", "jahren", "anys")
	lateWords  = set("late", "ende", "fin", "fines", "fine", "eind", "final", "spaten", "spate", "finales", "fim")
	midWords   = set("mid", "mitte", "milieu", "mediados", "meta", "midden", "meados")
	earlyWords = set("early", "anfang", "debut", "principios", "inizio", "begin", "inicio", "fruhen", "comienzos")
	// yearSlang are slang words for the year of birth: "baujahr 79".
	yearSlang = set("baujahr", "jahrgang", "bouwjaar", "vintage", "cosecha", "millesime", "annata", "colheita")
	// bornTexting are the participles of being born not in birthWords.
	bornTexting = set("nee", "ne", "nacio", "naci", "nasceu", "nasci", "nasceste", "nacque", "nacqui", "nati",
		"gebore", "naciste")
	// septante holds the tens of Belgian and Swiss French ("septante").
	septante = map[string]string{"septante": "7", "huitante": "8", "octante": "8", "nonante": "9"}
)

// askedThen reports whether token k stands in a question that the next
// sentence answers with "then" ("Sie sind ein Skorpion? Dann passt der
// Anhänger perfekt", "Are you a Scorpio? Then this pendant is for you"):
// a question asked to offer something, which tells nothing of the
// record.
func (t *text) askedThen(k int) bool {
	if t.toks[k].flags&fQuestion == 0 {
		return false
	}
	_, to := t.sentenceOf(k)
	return to < len(t.toks) && thenWords[string(t.tokBytes(to))]
}

// thenOpeners open a sentence that follows from a question (normalised).
var thenOpeners = set("then", "dann", "alors", "entonces", "allora", "dan", "entao")
