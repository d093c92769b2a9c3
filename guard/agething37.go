package guard

import (
	"strconv"
	"time"
)

// agething37.go (f36a): her age said of a thing and then tied to her.
// A hotel's, a plane's or a brand's age passes ("The Boeing on this route
// is 46 years old", ageThings); the same number said to be hers as well
// does not:
//   - a likeness with the person addressed: "genauso alt wie Sie", "just
//     like you did", "comme vous", "como usted", "come lei", "als u",
//     "como a senhora" (not "wie Sie wissen": a likeness of knowing);
//   - the same age or her age named: "the same age as you", "gleich alt",
//     "le même âge", "la misma edad", "la stessa età", "even oud", "a
//     mesma idade", "justo su edad", "la sua età";
//   - the person addressed and the thing joined as one subject: "You and
//     the Boeing are both 46", "nuestro hotel y usted tienen ... 46";
//   - one year younger or older than her, her age one year off: "46, ein
//     Jahr jünger als Sie im November" (47 then).
// The number must be her age this year or the year before it.

// ageAircraft37 are the makers and kinds of planes, other vehicles,
// lounges and routes: things with ages like a hotel ("The Boeing on this
// route is 46 years old"), joined to ageThings (normalised).
var ageAircraft37 = set("boeing", "airbus", "embraer", "bombardier", "fokker", "cessna", "jet", "jumbo", "jumbojet",
	"airliner", "maschine", "appareil", "aeronave", "aeromobile", "toestel", "velivolo", "bus", "coach", "autobus",
	"autocarro", "train", "zug", "tren", "treno", "trein", "comboio", "salon", "sala", "route", "strecke", "ligne",
	"ruta", "rotta", "rota")

// Words of these ties (normalised).
var (
	// ageLike37 say "like" or "as" before the person addressed.
	ageLike37 = set("like", "as", "wie", "comme", "como", "come", "als", "zoals", "que", "di", "dan", "do")
	// ageYouObj37 are the person addressed after a preposition or a
	// conjunction.
	ageYouObj37 = set("you", "sie", "ihnen", "dich", "du", "vous", "toi", "usted", "ti", "tu", "lei", "te", "u", "jou",
		"jij", "senhora", "senhor", "voce", "ustedes", "voi")
	// ageKnow37 are verbs after "wie Sie", "as you": a likeness of
	// knowing or seeing, not of age.
	ageKnow37 = set("know", "knew", "see", "saw", "wissen", "wisst", "weisst", "sehen", "savez", "voyez", "sabe", "sabes",
		"sa", "sai", "vede", "weet", "ziet", "sabem", "ve", "wish", "wunschen", "souhaitez", "desee", "desidera", "wenst",
		"deseja", "requested", "asked", "gewunscht", "demande", "pidio", "chiesto", "gevraagd", "pediu", "said", "gesagt",
		// a likeness of saying (agething39): "genau wie Sie sagten", "comme vous le disiez"
		"say", "says", "mentioned", "wrote", "sagten", "sagte", "sagen", "sagt", "erwahnten", "schrieben", "disiez",
		"disait", "dites", "dit", "ecriviez", "decia", "dijo", "dice", "decian", "dicho", "escribio", "diceva", "detto",
		"dite", "scritto", "zei", "zegt", "zeide", "schreef", "gezegd", "dizia", "disse", "diz", "escreveu")
	// ageSame37 say the same age (a word of sameness beside a word of
	// age or "old").
	ageSame37 = set("same", "gleich", "genauso", "ebenso", "meme", "misma", "mismo", "stessa", "stesso", "even", "zo",
		"mesma", "mesmo", "share", "teilen", "partagez", "comparten", "condividete", "delen", "partilham")
	// ageAnd37 join two subjects.
	ageAnd37 = set("and", "und", "et", "y", "e", "en")
	// ageYounger37 and ageOlder37 are the comparatives of age.
	ageYounger37 = set("younger", "junger", "jeune", "moins", "menos", "meno", "jonger")
	ageOlder37   = set("older", "alter", "plus", "mas", "piu", "ouder", "mais")
)

// ageShared37 reports whether t ties an age of a thing to the person
// addressed (see above), by her year of birth.
func (t *text) ageShared37(by int, now func() time.Time) bool {
	year := 0
	for _, i32 := range t.numToks { // two digits open with a digit
		i := int(i32)
		if tk := &t.toks[i]; tk.len6 != 2 || tk.shape&tsDigits == 0 || tk.flags&fQuestion != 0 {
			continue
		}
		w := t.tokBytes(i)
		a, _ := strconv.Atoi(string(w))
		if year == 0 {
			year = now().Year()
		}
		age := year - by // her age this year, or one less before her birthday
		if a < age-2 || a > age+1 {
			continue
		}
		from, to := t.sentenceOf(i)
		if (a == age || a == age-1) && (t.ageTiedYou37(i, from, to) || t.ageTied41b(i, from, to)) { // (agething41b.go)
			return true
		}
		// "46, ein Jahr jünger als Sie im November": her age one off
		if d := t.ageOffYou37(from, to); d != 0 && (a+d == age || a+d == age-1) {
			return true
		}
	}
	return false
}

// ageTiedYou37 reports whether the sentence [from, to) of the age at
// token i ties it to the person addressed by likeness, sameness, her
// age named, or a joint subject.
func (t *text) ageTiedYou37(i, from, to int) bool {
	you, same, joint := false, false, false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if !ageYouObj37[w] && !secondPerson[w] {
			if ageSame37[w] {
				same = true
			}
			continue
		}
		you = true
		p := k - 1
		if p > from && (t.tokBytes(p)[0] == 'a' || t.tokBytes(p)[0] == 'o') && len(t.tokBytes(p)) == 1 {
			p-- // "como a senhora"
		}
		if ageYouObj37[w] && p >= from && ageLike37[string(t.tokBytes(p))] && !t.ageKnowAfter37(k, to) && !t.likeOther41b(i, k, to) {
			return true // "genauso alt wie Sie", "like you did"
		}
		if ageYouObj37[w] && k > i && t.ageAlsoYou39(k, to) {
			return true // "46 years old, and so are you", "und Sie auch", "y usted también"
		}
		if k+1 < to && ageNouns[string(t.tokBytes(k+1))] && !ageYouObj37[w] {
			return true // "justo su edad", "la sua età"
		}
		if ageYouObj37[w] && k < i && i-k <= 7 && t.clauseRun37(k, i) && (k+1 < i && ageAnd37[string(t.tokBytes(k+1))] ||
			k-1 >= from && ageAnd37[string(t.tokBytes(k-1))]) {
			joint = true // "You and the Boeing are both 46", "Usted y el Boeing tienen 46 años"
		}
	}
	return you && (same || joint)
}

// ageOffYou37 returns +1 when the sentence [from, to) says the thing is
// younger than the person addressed, -1 when older, 0 otherwise: a
// comparative, a word for "than" and the person addressed after it.
func (t *text) ageOffYou37(from, to int) int {
	for k := from; k+2 < to; k++ {
		if !ageComp37Gate6.tok(&t.toks[k]) {
			continue // no comparative's first letter and length (speed6.go)
		}
		w := string(t.tokBytes(k))
		d := 0
		switch {
		case ageYounger37[w]:
			d = 1
		case ageOlder37[w]:
			d = -1
		default:
			continue
		}
		for j := k + 1; j < to && j <= k+4; j++ {
			x := string(t.tokBytes(j))
			if ageYouObj37[x] && ageLike37[string(t.tokBytes(j-1))] || ageYouObj37[x] && j-2 > k && ageLike37[string(t.tokBytes(j-2))] {
				return d
			}
		}
	}
	return 0
}

// ageKnowAfter37 reports whether a verb of knowing or asking follows the
// person addressed at token k within three tokens ("as you may know",
// "wie Sie sicher wissen").
func (t *text) ageKnowAfter37(k, to int) bool {
	for j := k + 1; j < to && j <= k+3; j++ {
		if ageKnow37[string(t.tokBytes(j))] {
			return true
		}
	}
	return false
}

// clauseRun37 reports whether tokens k to i stand in one clause: no
// punctuation and no relative pronoun between ("You and your family will
// love the hotel, which is 46 years old" joins no age).
func (t *text) clauseRun37(k, i int) bool {
	for j := k; j < i; j++ {
		if t.toks[j].flags&fPunctAfter != 0 || j > k && relative37[string(t.tokBytes(j))] {
			return false
		}
	}
	return true
}

// relative37 are relative pronouns (normalised).
var relative37 = set("which", "that", "who", "welche", "welcher", "qui", "que", "lequel", "laquelle",
	"cual", "quale", "che", "dat", "wat", "welke", "cujo")

// ageAlso39 are the words for "too" that end a clause after the person
// addressed: "und Sie auch", "Sie ebenfalls", "et vous aussi", "y usted
// también", "en u ook", "e a senhora também", "you did too" (normalised).
var ageAlso39 = set("too", "also", "auch", "ebenfalls", "ebenso", "aussi", "egalement", "tambien", "anche", "pure",
	"ook", "eveneens", "tambem")

// ageSoVerbs39 are the verbs of "so are you", "so did you" (normalised).
var ageSoVerbs39 = set("are", "did", "do", "were", "have", "had")

// ageAlsoYou39 reports whether the person addressed at token k, after
// the age, closes its clause with a word for "too" at most two tokens on
// ("you did too", "und Sie auch") or is the end of "so are you": the age
// said again of her (agething39). "You also get breakfast" goes on and
// ties nothing.
func (t *text) ageAlsoYou39(k, to int) bool {
	end := func(j int) bool { return j+1 >= to || t.toks[j].flags&fPunctAfter != 0 }
	for j := k + 1; j < to && j <= k+2; j++ {
		if ageAlso39[string(t.tokBytes(j))] && end(j) {
			return true
		}
		if t.toks[j-1].flags&fPunctAfter != 0 {
			break
		}
	}
	return k >= 2 && end(k) && ageSoVerbs39[string(t.tokBytes(k-1))] && string(t.tokBytes(k-2)) == "so"
}
