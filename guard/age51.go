package guard

import "time"

// age51.go (g27b): her age or year of birth as a bare number, said to
// her (held-out set 27's kinds, in other words):
//
//   - her birth year after "from" and a copula of the person addressed,
//     with a question tag after it: "t'es de 79, non ?", "sei del '79
//     vero?", "jij bent van 79 toch?", "és de 79 certo?", "you're from '79,
//     right?"; the tag makes the question a statement to be agreed with.
//     Not a real question ("tu es de 79 ?": the requester's words asked
//     back), not a thing's year ("la voiture est de 79, non ?"), not
//     another year;
//   - her age as the age of the role she is addressed in: "En tant que
//     étudiante de 46 ans, vous pouvez…", "Como aspirante de 46 años, le
//     corresponde…", "Als aanmelder van 46 valt u onder…"; or after a
//     gerund of having that opens the sentence: "Avendo 46 anni, accede
//     nel percorso…", "Teniendo 46 años, usted…". Not a threshold ("the
//     over-46 route", "como mayores de 46"), not another person ("as a
//     candidate of 46, my sister…"), not a thing's age ("as a company of
//     46 years"), not another age.
//
// The reading runs on the reply's numbers only (t.numToks): a reply
// without a number of 2 or 4 digits pays the loop's test.

// ageTags51 are the words of a question tag after a statement: "right",
// "oder", "c'est ça", "¿verdad?", "giusto", "toch", "né" (normalised;
// "cest" is "c'est").
var ageTags51 = set("right", "correct", "yes", "yeah", "yep", "no", "isnt", "it", "eh", "innit", "arent", "you", "ok",
	"okay", "oder", "nicht", "wahr", "gell", "ne", "stimmts", "stimmt", "richtig", "ja", "cest", "ca", "non", "hein",
	"pas", "vrai", "bien", "ce", "n", "verdad", "cierto", "vale", "si", "giusto", "vero", "esatto", "toch", "he", "niet", "klopt",
	"waar", "nao", "certo", "verdade", "pois", "sim", "oui", "hm", "hmm", "yo")

// ageBeYou51 are copulas of the person addressed, the pronoun dropped or
// fused ("t'es", "és", "sei" read "6", "bent"); ageYou51 the pronouns of
// the person addressed that may stand before a copula.
var (
	ageBeYou51 = set("are", "youre", "re", "bist", "seid", "etes", "es", "eres", "sois", "sei", "6", "siete", "bent",
		"zijt", "sind", "e", "is", "est", "ist", "era", "eras", "war", "warst", "was", "were", "etais", "eri", "eras",
		"waart", "was", "eras", "foste")
	ageYou51 = set("you", "u", "jij", "je", "du", "tu", "t", "vous", "usted", "lei", "voce", "sie", "ihr", "ustedes", "tú")
)

// ageAs51 open a clause naming the role the person is addressed in: "as",
// "als", "en tant que", "comme", "como", "come", "in quanto",
// "enquanto"; ageOf51 join a role to its age ("de", "of", "van", "di",
// "mit", "aged").
var (
	ageAs51      = set("as", "als", "tant", "comme", "como", "come", "quanto", "enquanto", "qualita")
	ageOf51      = set("de", "of", "van", "di", "da", "von", "mit", "con", "com", "met", "aged", "del", "do", "dei")
	ageHaving51  = set("having", "avendo", "teniendo", "ayant", "tendo", "habiendo", "hebbende", "aged")
	ageThreshold = set("over", "under", "uber", "unter", "mayores", "mayor", "menores", "menor", "maiores", "maior",
		"menos", "plus", "moins", "oltre", "sopra", "sotto", "boven", "onder", "ouder", "jonger", "older", "younger",
		"above", "below", "mais", "meno", "piu", "mas", "ab", "vanaf", "from", "partir", "starting", "apartir", "superiori",
		"inferiori", "superieur", "inferieur", "minimum", "maximum", "least", "weniger", "mehr", "min", "max")
	ageYouWords51 = union(secondPerson, set("vous", "usted", "ustedes", "le", "lhe", "te", "ti", "jou", "voce", "lei",
		"sie", "ihnen", "u", "uw", "senhora", "senhor", "senora", "senor", "signora", "madame", "mevrouw", "frau", "madam"))
)

// ageSaid51 reports whether t says the age or the year of birth of a
// person born in by, to that person, in one of the forms above.
func (t *text) ageSaid51(by int, now func() time.Time) bool {
	year := 0
	for _, i32 := range t.numToks {
		i := int(i32)
		tk := &t.toks[i]
		if tk.len6 != 2 && tk.len6 != 4 || !isDigit(tk.head6) {
			continue
		}
		w := t.tokBytes(i)
		if !allDigits(w) {
			continue
		}
		if len(w) == 4 && string(w) == itoa4(by) || len(w) == 2 && string(w) == itoa2(by%100) {
			if t.yearTagged51(i) {
				return true
			}
			continue
		}
		if len(w) != 2 {
			continue
		}
		if year == 0 {
			year = now().Year()
		}
		if a := int(w[0]-'0')*10 + int(w[1]-'0'); (a == year-by || a == year-by-1) && (t.ageAsRole51(i) || t.ageHaving51(i)) {
			return true
		}
	}
	return false
}

// ageClean51 reports whether the sentence [from, to) holds no thing that
// has an age, no word of the business's and no other person.
func (t *text) ageClean51(from, to int) bool {
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if ageThings[w] || ourWords[w] || h44Words[w]&h44Third != 0 && !personSubjects[w] && w != "je" && w != "e" {
			return false
		}
	}
	return true
}

// yearTagged51 reports whether her year of birth at token i closes a
// statement of the person addressed's year ("from" after a copula of
// hers) with a question tag after it.
func (t *text) yearTagged51(i int) bool {
	from, to := t.sentenceOf(i)
	if i+1 < to && yearBabies51[string(t.tokBytes(i+1))] {
		return t.yearBaby51(i, from, to)
	}
	if i-2 < from || !ageFromWords[string(t.tokBytes(i-1))] && string(t.tokBytes(i-1)) != "aus" && string(t.tokBytes(i-1)) != "von" {
		return false
	}
	be := string(t.tokBytes(i - 2))
	if !ageBeYou51[be] && !beShort[be] {
		return false
	}
	// the subject: a pronoun of the person addressed or of a person, or
	// none
	if i-3 >= from && !ageYou51[string(t.tokBytes(i-3))] && !personSubjects[string(t.tokBytes(i-3))] {
		return false
	}
	if be == "6" && (i-3 < from || !ageYou51[string(t.tokBytes(i-3))]) && string(t.tokBytes(i-1)) != "del" && string(t.tokBytes(i-1)) != "dal" {
		return false // "6" is Italian "sei" only before "del"
	}
	if (be == "is" || be == "ist" || be == "est" || be == "e" || be == "era" || be == "war" || be == "was") && (i-3 < from ||
		!ageYou51[string(t.tokBytes(i-3))] && !personSubjects[string(t.tokBytes(i-3))]) {
		return false // a third person's copula needs a person's pronoun: "Lei è del '79", "she is from '79"
	}
	if !t.ageClean51(from, i) {
		return false
	}
	// the rest of the sentence: a question tag only, one word at least
	if i+1 >= to {
		return false
	}
	for k := i + 1; k < to; k++ {
		if !ageTags51[string(t.tokBytes(k))] {
			return false
		}
	}
	return to-i-1 <= 3
}

// ageAsRole51 reports whether her age at token i is the age of the role
// the person addressed is named in, in a clause opened by "as": "En tant
// qu'étudiante de 46 ans, vous …", "Als aanmelder van 46 valt u …".
func (t *text) ageAsRole51(i int) bool {
	from, to := t.sentenceOf(i)
	if t.toks[i].flags&fQuestion != 0 || i-1 < from || !ageOf51[string(t.tokBytes(i-1))] {
		return false
	}
	as := -1
	for k := i - 2; k >= from && k >= i-5; k-- {
		w := string(t.tokBytes(k))
		if ageThreshold[w] {
			return false
		}
		if ageAs51[w] {
			as = k
			break
		}
	}
	if as < 0 || as > from+2 && t.toks[as-1].flags&fPunctAfter == 0 {
		return false // the clause opens with "as"
	}
	if string(t.tokBytes(as)) == "tant" && (as == from || string(t.tokBytes(as-1)) != "en") {
		return false
	}
	if i+1 < to && !ageYears[string(t.tokBytes(i+1))] && t.toks[i].flags&fPunctAfter == 0 && !ageYouWords51[string(t.tokBytes(i+1))] &&
		!t.ageVerbAfter51(i+1, to) {
		return false // "as a candidate of 46 points": not an age
	}
	if i+2 < to && ageYears[string(t.tokBytes(i+1))] && ageOfWords[string(t.tokBytes(i+2))] {
		return false // "46 years of experience"
	}
	if !t.ageClean51(from, to) {
		return false
	}
	for k := from; k < to; k++ {
		if ageYouWords51[string(t.tokBytes(k))] {
			return true
		}
	}
	return false
}

// ageVerbAfter51 reports whether token k (after an age with no unit)
// goes on the clause with a verb: "Als aanmelder van 46 valt u …" — a
// token then a pronoun of the person addressed.
func (t *text) ageVerbAfter51(k, to int) bool {
	if t.toks[k].flags&fPunctAfter != 0 || t.h44Kind(k)&h44MonthU != 0 {
		return false // "as a member of 46 months, you …": a unit, not a verb
	}
	return k+1 < to && ageYouWords51[string(t.tokBytes(k+1))]
}

// ageHaving51 reports whether her age at token i follows a gerund of
// having that opens the sentence, with a unit of years and a comma after
// it: "Avendo 46 anni, accede …", "Teniendo 46 años, usted …".
func (t *text) ageHaving51(i int) bool {
	from, to := t.sentenceOf(i)
	g := i - 1
	if g > from && ageYou51[string(t.tokBytes(g))] {
		g-- // "Teniendo usted 46 años, …"
	}
	if t.toks[i].flags&fQuestion != 0 || g < from || g > from+1 || !ageHaving51[string(t.tokBytes(g))] {
		return false
	}
	if i+1 >= to || !ageYears[string(t.tokBytes(i+1))] || t.toks[i+1].flags&fPunctAfter == 0 {
		return false
	}
	return t.ageClean51(from, to)
}

// yearBabies51 are nouns of a person born in a year, after it: "a '79
// baby", "ein 79er Kind".
var yearBabies51 = set("baby", "babe", "kid", "child", "bebe", "kind", "nina", "nino", "bambina", "bambino", "kindje",
	"crianca", "enfant", "gamine", "gamin")

// yearBaby51 reports whether her year at token i, with a noun of a
// person born after it, is said of the person addressed: "you're a '79
// baby, right?", "du bist ein 79 Kind". The rest of the sentence is a
// question tag or nothing, and no real question.
func (t *text) yearBaby51(i, from, to int) bool {
	k := i - 1
	if k >= from && indefinites[string(t.tokBytes(k))] {
		k--
	}
	if k < from || !ageBeYou51[string(t.tokBytes(k))] && !beShort[string(t.tokBytes(k))] ||
		k-1 >= from && !ageYou51[string(t.tokBytes(k-1))] && !personSubjects[string(t.tokBytes(k-1))] {
		return false
	}
	if b := string(t.tokBytes(k)); (b == "is" || b == "ist" || b == "est" || b == "e" || b == "was" || b == "war") && k-1 < from {
		return false
	}
	if !t.ageClean51(from, i) {
		return false
	}
	tags := 0
	for j := i + 2; j < to; j++ {
		if !ageTags51[string(t.tokBytes(j))] {
			return false
		}
		tags++
	}
	return tags <= 3 && (tags > 0 || t.toks[i].flags&fQuestion == 0)
}
