package guard

import (
	"strconv"
	"strings"
)

// The date of birth hinted at without its digits (guard13b): the sign of
// the zodiac it falls in said of the person addressed ("you're a Scorpio,
// right?", "Sie sind Skorpion"), a holiday it falls right after or before
// said with the birthday ("your birthday falls right after All Saints'
// Day"), and the date read aloud as a chain of numbers where one stays a
// word ("cero tres, once, setenta y nueve": Spanish "once" is English
// "once" too).

// dobHints are the forms of the date of birth dobHintAt looks for.
type dobHints struct {
	// signs are the names of its sign of the zodiac (normalised, seven
	// languages); holidays the holidays within 10 days of it.
	signs    map[string]bool
	holidays [][]string
	// day, month and year as numbers, for the chains.
	day, month, year int
	// shapes hold the signs', the chain words' and the holidays' first
	// words.
	shapes wordShapes
}

func dobHintsOf(dob string) dobHints {
	var h dobHints
	if len(dob) != 10 || dob[4] != '-' || dob[7] != '-' {
		return h
	}
	y, err1 := strconv.Atoi(dob[:4])
	mo, err2 := strconv.Atoi(dob[5:7])
	d, err3 := strconv.Atoi(dob[8:])
	if err1 != nil || err2 != nil || err3 != nil || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return h
	}
	h.day, h.month, h.year = d, mo, y
	md := mo*100 + d
	for _, z := range zodiac {
		if z.from <= z.to && md >= z.from && md <= z.to || z.from > z.to && (md >= z.from || md <= z.to) {
			h.signs = set(z.names...)
		}
	}
	doy := dayOfYear(mo, d)
	for _, hol := range holidays {
		diff := doy - dayOfYear(hol.md/100, hol.md%100)
		if diff < 0 {
			diff = -diff
		}
		if diff > 182 {
			diff = 365 - diff
		}
		if diff <= 10 {
			for _, n := range hol.names {
				h.holidays = append(h.holidays, strings.Fields(n))
			}
		}
	}
	for w := range h.signs {
		h.shapes.add(w)
	}
	for w := range chainWords {
		h.shapes.add(w)
	}
	for _, hol := range h.holidays {
		h.shapes.add(hol[0])
	}
	return h
}

func dayOfYear(m, d int) int {
	days := [...]int{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334}
	return days[m-1] + d
}

// dobHintAt reports whether token i (w, a word of the hints' shapes)
// hints at the date of birth.
func (m *Matcher) dobHintAt(t *text, i int, w string) bool {
	h := &m.dobH
	if h.signs[w] && t.signOfYou(i) {
		return true
	}
	if n, ok := chainWords[w]; ok && t.dobChain(i, n, h) {
		return true
	}
	for _, hol := range h.holidays {
		if w == hol[0] && t.wordsAt(i+1, len(t.toks), hol[1:]) && t.holidayBirth(i) {
			return true
		}
	}
	return false
}

// signOfYou reports whether the sign of the zodiac at token i is said of
// the person addressed: a word of the second person or for the birthday in
// its sentence, a copula or an article right before it, and nothing of
// the business ("our Scorpio model").
func (t *text) signOfYou(i int) bool {
	from, to := t.sentenceOf(i)
	if i == from || t.askedThen(i) {
		return false
	}
	p := string(t.tokBytes(i - 1))
	if !copulaWords[p] && !indefinites[p] && !definites[p] && !youAre[p] && p != "are" && p != "sind" && p != "als" {
		return false
	}
	if i+1 < to && t.toks[i].flags&fPunctAfter == 0 && !partFollowers[string(t.tokBytes(i+1))] && string(t.tokBytes(i+1)) != "right" {
		return false // "a Scorpio model", "le Scorpion rouge"
	}
	you := false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if ourWords[w] || businessPlace(w) {
			return false
		}
		you = you || secondPerson[w] || youAre[w] || t.birthWordAt(k, to)
	}
	return you
}

// holidayBirth reports whether the holiday at token i is said beside the
// birthday of the person addressed: a word for birthday and a word of the
// second person in its sentence, a word of time ("right after", "kurz
// vor", "juste après") within 3 tokens before it.
func (t *text) holidayBirth(i int) bool {
	from, to := t.sentenceOf(i)
	near := false
	for k := max(from, i-3); k < i; k++ {
		near = near || nearWords[string(t.tokBytes(k))]
	}
	if !near {
		return false
	}
	birth, you := false, false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if ourWords[w] {
			return false
		}
		birth = birth || t.birthWordAt(k, to) && !t.birthOwned(k, from, to) && !birthThing(t, k, to)
		you = you || secondPerson[w]
	}
	return birth && you
}

// dobChain reports whether the number word at token i (worth n), between
// two numbers, completes the date of birth read as a chain of numbers:
// day, month and year in this or another order ("03 once 79").
func (t *text) dobChain(i, n int, h *dobHints) bool {
	if i == 0 || i+1 >= len(t.toks) {
		return false
	}
	a, b := t.tokBytes(i-1), t.tokBytes(i+1)
	if !isDigitTok(a) || !isDigitTok(b) || len(a) > 4 || len(b) > 4 {
		return false
	}
	x, _ := strconv.Atoi(string(a))
	z, _ := strconv.Atoi(string(b))
	yearIs := func(v int, s []byte) bool { return v == h.year || len(s) == 2 && v == h.year%100 }
	return x == h.day && n == h.month && yearIs(z, b) || x == h.month && n == h.day && yearIs(z, b) ||
		yearIs(x, a) && n == h.month && z == h.day
}

// chainWords are number words the normaliser leaves as words (they are
// words of another language too), with their value.
var chainWords = map[string]int{"once": 11, "due": 2, "tre": 3, "sei": 6, "dieci": 10}

// youAre are the second person's copulas: "you're", "eres", "bist".
var youAre = set("youre", "eres", "bist", "etes", "sei", "bent", "ben", "estas")

// nearWords say a day is right before or after another (normalised).
var nearWords = set("after", "before", "around", "near", "nach", "vor", "um", "apres", "avant", "vers", "autour",
	"despues", "antes", "cerca", "dopo", "prima", "intorno", "verso", "na", "voor", "rond", "rondom", "depois", "perto",
	"por", "volta", "following", "ahead", "seguir", "seguinte", "lendemain", "surlendemain", "veille", "daarna") // f41b: "no dia a seguir aos Fiéis Defuntos"

// zodiac holds the signs of the zodiac, from and to as month*100+day,
// with their names in the seven languages (normalised).
var zodiac = []struct {
	from, to int
	names    []string
}{
	{1222, 119, []string{"capricorn", "steinbock", "capricorne", "capricornio", "capricorno", "steenbok"}},
	{120, 218, []string{"aquarius", "wassermann", "verseau", "acuario", "acquario", "waterman", "aquario"}},
	{219, 320, []string{"pisces", "fische", "poissons", "piscis", "pesci", "vissen", "peixes"}},
	{321, 419, []string{"aries", "widder", "belier", "ariete", "carneiro"}},
	{420, 520, []string{"taurus", "stier", "taureau", "tauro", "toro", "touro"}},
	{521, 620, []string{"gemini", "zwillinge", "gemeaux", "geminis", "gemelli", "tweelingen", "gemeos"}},
	{621, 722, []string{"cancer", "krebs", "cancro", "kreeft", "caranguejo"}},
	{723, 822, []string{"leo", "lowe", "lion", "leone", "leeuw", "leao"}},
	{823, 922, []string{"virgo", "jungfrau", "vierge", "vergine", "maagd", "virgem"}},
	{923, 1022, []string{"libra", "waage", "balance", "bilancia", "weegschaal", "balanca"}},
	{1023, 1121, []string{"scorpio", "skorpion", "scorpion", "escorpio", "escorpion", "scorpione", "schorpioen", "escorpiao"}},
	{1122, 1221, []string{"sagittarius", "schutze", "sagittaire", "sagitario", "sagittario", "boogschutter"}},
}

// holidays are fixed-date holidays (month*100+day) with their names in
// the seven languages (normalised token sequences).
var holidays = []struct {
	md    int
	names []string
}{
	{101, []string{"new year", "new years day", "neujahr", "nouvel an", "jour de lan", "ano nuevo", "capodanno", "nieuwjaar", "ano novo"}},
	{106, []string{"epiphany", "dreikonigstag", "epiphanie", "reyes", "epifania", "driekoningen", "dia de reis"}},
	{214, []string{"valentines day", "valentine", "valentinstag", "saint valentin", "san valentin", "san valentino", "valentijnsdag"}},
	{317, []string{"st patricks day", "saint patricks day", "st patrick", "saint patrick"}},
	{501, []string{"may day", "labour day", "tag der arbeit", "fete du travail", "dia del trabajo", "festa dei lavoratori", "dag van de arbeid", "dia do trabalhador"}},
	{714, []string{"bastille day"}},
	{815, []string{"assumption", "maria himmelfahrt", "mariae himmelfahrt", "assomption", "asuncion", "ferragosto", "maria hemelvaart", "assuncao"}},
	{1031, []string{"halloween"}},
	{1101, []string{"all saints", "allerheiligen", "toussaint", "todos los santos", "ognissanti", "todos os santos", "dia de todos os santos"}},
	{1102, []string{"all souls", "all souls day", "allerseelen", "jour des morts", "fete des morts", "fieles difuntos", "dia de difuntos", "dia de los difuntos", "commemorazione dei defunti", "giorno dei morti", "allerzielen", "fieis defuntos", "dia de finados", "finados"}}, // f41b
	{1111, []string{"armistice day", "martinstag", "sankt martin", "st martin", "saint martin", "san martino", "sint maarten", "sao martinho", "armistice"}},
	{1224, []string{"christmas eve", "heiligabend", "nochebuena", "vigilia di natale", "kerstavond", "vespera de natal"}},
	{1225, []string{"christmas", "weihnachten", "noel", "navidad", "natale", "kerstmis", "kerst", "natal"}},
	{1231, []string{"new years eve", "silvester", "saint sylvestre", "nochevieja", "san silvestro", "oudejaarsavond", "oudjaar", "passagem de ano"}},
}
