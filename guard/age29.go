package guard

import (
	"strconv"
	"time"
)

// Ages in the forms ageSaid does not read (a22c, attack22 age22): the unit
// glued to the number ("46yo", "46J"), the years in a figure of speech ("46
// Lenze", "46 printemps", "46 primaveras", "46 lentes jong"), an age at a
// year said beside it ("she was 20 in 1999", "sie wird 2029 fünfzig",
// "cumplirá 50 en 2029", "her 18th in 1997", "fifty the year after 2028"),
// an age in months ("558 months old"), a half or the next age after it
// ("46 and a half", "forty-six going on forty-seven"), and an age in number
// words (the token view writes them in digits, without the digit class).

// Words of ages (normalised).
var (
	// ageGlued29 are the units of years written on the number: "46yo"
	ageGlued29 = set("yo", "yrs", "yr", "y", "j", "jr", "ans", "anos", "anni", "jahre", "jaar", "a")
	// ageSlang29 are the years of a figure of speech: "46 Lenze", "46
	// printemps", "46 lentes jong"
	ageSlang29 = set("lenze", "lenzen", "printemps", "primaveras", "primavere", "lentes", "lente", "springs", "summers",
		"winters", "sommer", "winter", "etes", "hivers", "veranos", "inviernos", "estati", "inverni", "zomers",
		"verões", "veroes", "invernos", "candles", "kerzen", "bougies", "velas", "candeline", "kaarsjes")
	// ageMonths29 are the words for months after an age in months
	ageMonths29 = set("months", "month", "monate", "monaten", "mois", "meses", "mesi", "maanden")
	// ageHalf29 say half a year more, or the next age: "46 and a half",
	// "going on 47"
	ageHalf29 = set("half", "halb", "halbe", "demi", "demie", "medio", "media", "mezzo", "mezza", "half", "meio", "meia",
		"going", "bald", "bientot", "casi", "quasi", "bijna", "quase")
	// ageVerbs29 are the verbs of a person's age at a year: "was 20 in
	// 1999", "will be 50", "celebrated her 18th"
	ageVerbs29 = union(turnVerbs, ageHaveVerbs, yearBeWords, beShort, set("be", "was", "were", "shell", "hell", "youll",
		"celebrated", "celebrates", "celebrate", "feierte", "feiert", "sera", "serait", "etait", "avait", "fetait",
		"sara", "aveva", "compiva", "zal", "werd", "had", "tenia", "tinha", "fara", "cumplia", "seria"))
	ageProDrop29 = set("tiene", "ha", "tem", "hat", "heeft", "a", "tenia", "aveva", "tinha", "sera", "sara", "era")
	// ageAtYear29 are the prepositions of a year after an age: "20 in 1999"
	ageAtYear29 = set("in", "en", "im", "nel", "em", "no", "op", "anno", "jahr", "annee", "ano")
	ageAfter29  = set("after", "nach", "apres", "despues", "dopo", "na", "depois")
	ageBefore29 = set("before", "vor", "avant", "antes", "prima", "voor")
)

// ageSaid29 reports whether t says the age of a person in one of the forms
// above as one that the year of birth by gives.
func (t *text) ageSaid29(by int, now func() time.Time) bool {
	year := 0
	for _, i32 := range t.numToks {
		i := int(i32)
		w := t.tokBytes(i)
		if len(w) < 2 || t.toks[i].flags&fQuestion != 0 {
			continue
		}
		d := 0
		for d < len(w) && isDigit(w[d]) {
			d++
		}
		a, _ := dh35Atoi(w[:d]) // 0 past 4 digits, which the test below skips
		if year == 0 {
			year = now().Year()
		}
		// numbers that can be no age below, before the sentence is found:
		// glued to more than 3 digits, 5 digits or more, or neither an age
		// (10-120) of up to 3 digits nor months (120 or more, 3-4 digits)
		if d < len(w) && d > 3 || d == len(w) && (d > 4 || (d > 3 || a < 10 || a > 120) && (d < 3 || a < 120)) {
			continue
		}
		from, to := t.sentenceOf(i)
		word := func(k int) string {
			if k < from || k >= to {
				return ""
			}
			return string(t.tokBytes(k))
		}
		if d < len(w) {
			// "46yo", "46J"
			if d <= 3 && ageGlued29[string(w[d:])] && abs(year-a-by) <= 1 && t.agePerson29(from, to) {
				return true
			}
			continue
		}
		next := word(i + 1)
		switch {
		case d >= 3 && d <= 4 && i+1 < to && t.is52(i+1, x52AgeMonth) && a >= 120: // ageMonths29[next]
			if abs(year-a/12-by) <= 1 && t.agePerson29(from, to) {
				return true // "558 months old"
			}
			continue
		case d > 3 || a < 10 || a > 120:
			continue
		}
		// an age at a year beside it: "was 20 in 1999", "wird 2029 50", "the
		// year after 2028"
		// (the age closes its phrase: "40 items" is no age)
		// (the loop below reads only a year of 4 digits, 1... or 2...:
		// without one in reach, closes is not looked up)
		yearNear := false
		for k := max(from, i-5); k < min(to, i+6) && !yearNear; k++ {
			tk := &t.toks[k]
			yearNear = k != i && tk.len6 == 4 && tk.shape&tsDigits != 0 && (tk.head6 == '1' || tk.head6 == '2')
		}
		closes := yearNear && (next == "" || t.toks[i].flags&fPunctAfter != 0 || ageYears[next] || ageAtYear29[next] || birthWords[next] ||
			len(next) == 4 && allDigits([]byte(next)) || next == "the" && yearWords[word(i+2)])
		for k := max(from, i-5); k < min(to, i+6) && closes; k++ {
			y := t.tokBytes(k)
			if k == i || len(y) != 4 || !allDigits(y) || y[0] != '1' && y[0] != '2' {
				continue
			}
			at, _ := strconv.Atoi(string(y))
			switch {
			case ageAfter29[word(k-1)]:
				at++
			case ageBefore29[word(k-1)]:
				at--
			}
			if abs(at-a-by) <= 1 && at != by && t.ageVerb29(from, to) && t.ageYearBound29(i, k, from) {
				return true
			}
		}
		if abs(year-a-by) > 1 {
			continue
		}
		switch {
		case ageSlang29[next] && t.agePerson29(from, to):
			return true // "46 Lenze", "46 printemps"
		case (ageHalf29[word(i+1)] || ageHalf29[word(i+2)] || ageHalf29[word(i+3)]) && t.ageVerb29(from, to) && t.agePerson29(from, to):
			return true // "46 and a half", "going on 47"
		case t.toks[i].cls&clDigit == 0 && t.ageAt(i):
			return true // "Ze is zesenveertig", read as 46 but not of the digit class
		}
	}
	return false
}

// agePerson29 reports whether the sentence [from, to) is about a person
// (a pronoun, "she's", a customer) and about no business or product.
func (t *text) agePerson29(from, to int) bool {
	person := false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if ageThings[w] || ourWords[w] {
			return false
		}
		// (a verb of having or turning first: the subject left out, "Tiene 46 primaveras", "Cumplirá 50")
		person = person || k == from && (turnVerbs[w] || ageProDrop29[w]) || personSubjects[w] || beShort[w] || agePersonNouns[w] || w == "shell" || w == "your" || w == "her"
	}
	return person
}

// ageVerb29 reports whether the sentence [from, to) has a person and a
// verb of being, turning or celebrating.
func (t *text) ageVerb29(from, to int) bool {
	if !t.agePerson29(from, to) {
		return false
	}
	for k := from; k < to; k++ {
		if ageVerbs29[string(t.tokBytes(k))] {
			return true
		}
	}
	return false
}

// ageYearBound29 reports whether the age at token i and the year at token
// k are said of each other, the age after a verb of age or a person: "was
// 20 in 1999", "her 18th in 1997", "wird 2029 50", "In 1999 was ze 20",
// "50 the year after 2028"; not a year and a number that only share a
// sentence ("your 2026 invoice is 47").
func (t *text) ageYearBound29(i, k, from int) bool {
	w := func(j int) string {
		if j < from || j >= len(t.toks) {
			return ""
		}
		return string(t.tokBytes(j))
	}
	aged := func(j int) bool { // an age verb or a person before token j
		p := w(j - 1)
		return ageVerbs29[p] || personSubjects[p] || p == "your" || p == "ihren" || p == "son" || p == "su" || p == "suo"
	}
	switch {
	case k == i+2 && ageAtYear29[w(i+1)] || k == i+1:
		return aged(i) // "was 20 in 1999", "her 18th in 1997"
	case k == i-1:
		return turnVerbs[w(k-1)] || ageVerbs29[w(k-1)] // "wird 2029 50"
	case k == i-2 && aged(i):
		return turnVerbs[w(k-1)] || ageVerbs29[w(k-1)] // "feierte 2009 ihren 30."
	case k == i+4 && w(i+1) == "the" && yearWords[w(i+2)]:
		return aged(i) // "fifty the year after 2028"
	case k < i && (k == from || k-1 == from && ageAtYear29[w(k-1)]):
		return aged(i) && i-k <= 4 // "In 1999 was ze 20", "Em 2029 ela faz 50 anos"
	}
	return false
}
