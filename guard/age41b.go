package guard

import (
	"strconv"
	"time"
)

// age41b.go (f41b): ages told to the person addressed in forms ageSaid,
// ageSaid29 and ageSaid32 do not read:
//   - her years owned by her: "with your 46 years", "mit Ihren 46
//     Jahren", "avec vos 46 ans", "a sus 46 años", "con i suoi 46 anni",
//     "met uw 46 jaar", "com os seus 46 anos" (a possessive of hers, an
//     article between, the number, a word for years);
//   - the year of life she is in: "in your 47th year", "Sie sind im 47.
//     Lebensjahr", "dans votre 47e année", "en su 47.º año de vida", "nel
//     suo 47º anno di vita", "in uw 47e levensjaar" (an ordinal, a word
//     for year after it, the person addressed in the clause before it):
//     the ordinal is her age plus one;
//   - the birthdays she has had: "You've had 46 birthdays so far", "Sie
//     hatten bisher 46 Geburtstage", "Ha celebrado 46 cumpleaños" (a
//     count of birthdays, no one else and nothing of ours in the
//     sentence).
// Each counts within a year of the age her year of birth gives now.

// agePoss41b are her possessives before her years (normalised).
var agePoss41b = set("your", "ihren", "ihre", "ihrer", "vos", "votre", "sus", "su", "suoi", "uw", "seus", "je", "jouw",
	"deinen", "deine", "tus", "tuoi", "teus", "vostri")

// agePossAlso41b are her possessives that are a thing's too ("el
// hotel, con sus 46 años", "il nostro hotel, con i suoi 46 anni").
var agePossAlso41b = set("su", "sus", "suo", "suoi", "sua", "sue", "seu", "seus", "sua", "suas", "ihren", "ihre", "ihrer")

// ageRole41b say "as" before a role after the years ("your 46 years as
// a member") (normalised).
var ageRole41b = set("as", "als", "comme", "como", "come", "with", "bei", "chez", "con", "met", "com", "at", "in", "of")

// ageLifeYear41b are the words for a year of life after an ordinal
// (normalised).
var ageLifeYear41b = set("year", "lebensjahr", "jahr", "annee", "ano", "anno", "levensjaar", "jaar")

// ageSaid41b reports whether t tells the person addressed her age in
// one of the forms above, by her year of birth by.
func (t *text) ageSaid41b(by int, now func() time.Time) bool {
	year := 0
	for _, i32 := range t.numToks { // (the number opens with a digit)
		i := int(i32)
		if tk := &t.toks[i]; tk.len6 < 2 || tk.len6 > 4 || !isDigit(tk.head6) {
			continue // (2 digits and 2 letters at most: 2 to 4 bytes, a digit first)
		}
		w := t.tokBytes(i)
		n := len(w)
		for n > 0 && !isDigit(w[n-1]) {
			n-- // "47e", "47o", "47th"
		}
		if n != 2 || !allDigits(w[:n]) || len(w)-n > 2 {
			continue
		}
		if year == 0 {
			year = now().Year()
		}
		a, _ := strconv.Atoi(string(w[:n]))
		age := year - by
		if a < age-2 || a > age+2 {
			continue
		}
		from, to := t.sentenceOf(i)
		next := i + 1
		if next < len(t.toks) && (string(t.tokBytes(next)) == "o" || string(t.tokBytes(next)) == "e") {
			next++ // "47.º" read "47 o"
		}
		nw := ""
		if next < len(t.toks) {
			nw = string(t.tokBytes(next))
		}
		// "your 46 years", "Ihren 46 Jahren", "os seus 46 anos"
		if (a == age || a == age-1) && ageYears[nw] && t.agePossBefore41b(i, from, to) &&
			!(next+1 < to && ageRole41b[string(t.tokBytes(next+1))]) {
			return true
		}
		// "in your 47th year", "im 47. Lebensjahr"
		if (a-1 == age || a-1 == age-1) && ageLifeYear41b[nw] && (len(w) > n || next > i+1 || nw == "lebensjahr" || nw == "levensjaar") &&
			t.ageYouBefore41b(i, from) {
			return true
		}
		// "46 birthdays so far"
		if (a == age || a == age-1) && len(w) == n && i+1 < to && birthStem(nw) && nw != "birthday" && !t.ageOthers41b(from, to) {
			return true
		}
	}
	return false
}

// agePossBefore41b reports whether a possessive of hers stands right
// before the number at token i, an article or "with" between
// ("con i suoi", "com os seus", "a sus").
func (t *text) agePossBefore41b(i, from, to int) bool {
	for j := i - 1; j >= from && j >= i-2; j-- {
		x := string(t.tokBytes(j))
		if agePoss41b[x] {
			return !(agePossAlso41b[x] && t.ageOthers41b(from, to)) // "el hotel, con sus 46 años"
		}
		if !definites[x] && x != "i" && x != "os" && x != "los" && x != "les" {
			return false
		}
	}
	return false
}

// ageYouBefore41b reports whether the person addressed stands in the
// clause before the ordinal at token i ("Sie sind im", "in your", "nel
// suo", "está en su").
func (t *text) ageYouBefore41b(i, from int) bool {
	for j := i - 1; j >= from && j >= i-4; j-- {
		x := string(t.tokBytes(j))
		if agePoss41b[x] || ageYou32[x] || secondPerson[x] {
			return !t.ageOthers41b(from, i)
		}
		if t.toks[j].flags&fPunctAfter != 0 {
			return false
		}
	}
	return false
}

// ageOthers41b reports whether the tokens [from, to) name another
// person, the business or a thing.
func (t *text) ageOthers41b(from, to int) bool {
	for j := from; j < to; j++ {
		x := string(t.tokBytes(j))
		if otherBorn[x] || ourWords[x] || ageThings[x] || businessWords[x] || manyWords41b[x] || firstPlural41b[x] {
			return true
		}
	}
	return false
}

// firstPlural41b are "we" (normalised).
var firstPlural41b = set("we", "wir", "nous", "nosotros", "noi", "wij", "we", "nos")
