package guard

// agething41b.go (f41b): more ties of a thing's age to the person
// addressed (agething37.go), and a likeness that is another's.
//
// Ties: her vintage named ("your vintage", "Ihr Jahrgang", "votre
// millésime", "de su quinta", "la sua annata", "uw bouwjaar", "da sua
// colheita"), the age's likeness by "as old as" or "when you did" ("vecchio
// quanto lei", "exactly when you did"), the thing and the person
// addressed born in the same year ("Das Flugzeug und Sie sind im selben
// Jahr geboren").
//
// Not a tie: a likeness of other people or of another clause ("Like
// you, many guests love our 46-year-old hotel", "... and you will love
// it just as you did last time"), or of knowing, asking, being able
// ("como usted sabrá", "como a senhora deve saber", "Zoals u vroeg").

// vintageWords41b name the year a person or a wine was made (normalised).
var vintageWords41b = set("vintage", "jahrgang", "baujahr", "millesime", "quinta", "cosecha", "annata", "bouwjaar",
	"lichting", "colheita", "safra")

// ageKnow41b are verbs of knowing or asking that ageKnow37 does not hold:
// futures, infinitives, "must" (normalised).
var ageKnow41b = set("sabra", "saura", "sapra", "sabera", "sabia", "saber", "savoir", "sapere", "weten", "wissen",
	"deve", "debe", "doit", "muss", "moet", "must", "vroeg", "vroegt", "asks", "pregunto", "chiese", "demandiez",
	"fragten", "perguntou", "wist", "wusste", "wussten", "knows", "sait", "sa", "sanno")

// ageAsOld41b say "as old as" or "when" before the person addressed
// (normalised).
var ageAsOld41b = set("quanto", "when", "quand", "cuando", "quando", "wanneer", "toen")

// ageYourself41b are the person addressed as a reflexive (normalised).
var ageYourself41b = set("yourself", "yourselves")

// ageTied41b reports whether the sentence [from, to) of the age at token
// i ties it to the person addressed by the ties above.
func (t *text) ageTied41b(i, from, to int) bool {
	born, you := false, false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		you = you || ageYouObj37[w] || secondPerson[w] && !thingPoss39[w]
		born = born || birthWords[w]
		if vintageWords41b[w] {
			for j := max(from, k-3); j < to && j <= k+3; j++ {
				if x := string(t.tokBytes(j)); j != k && (secondPerson[x] || ageYouObj37[x] || ageYourself41b[x]) {
					return true // "your vintage", "de su quinta", "same vintage as yourself"
				}
			}
		}
		if ageAsOld41b[w] && k+1 < to && ageYouObj37[string(t.tokBytes(k+1))] && !t.ageKnowAfter37(k+1, to) && !t.ageKnowAfter41b(k+1, to) {
			if w == "quanto" || k+2 < to && (ageSoVerbs39[string(t.tokBytes(k+2))] || turnVerbs[string(t.tokBytes(k+2))]) {
				return true // "vecchio quanto lei", "exactly when you did"
			}
		}
		if (birthSame39[w] || ageSame37[w]) && k+1 < to && (yearWordsAge41b[string(t.tokBytes(k+1))]) {
			for j := from; j < to; j++ {
				if birthWords[string(t.tokBytes(j))] && you {
					return true // "Das Flugzeug und Sie sind im selben Jahr geboren"
				}
			}
		}
	}
	return false
}

// yearWordsAge41b are the words for year after "the same" (normalised).
var yearWordsAge41b = set("year", "jahr", "annee", "ano", "anno", "jaar")

// ageKnowAfter41b is ageKnowAfter37 with ageKnow41b.
func (t *text) ageKnowAfter41b(k, to int) bool {
	for j := k + 1; j < to && j <= k+3; j++ {
		if ageKnow41b[string(t.tokBytes(j))] {
			return true
		}
	}
	return false
}

// likeOther41b reports whether the likeness with the person addressed
// at token k is not the age's at token i: a verb of knowing after it,
// other people between them ("Like you, many guests love our
// 46-year-old hotel"), or the person addressed again between them, the
// subject of another clause ("46 years old and you will love it just as
// you did").
func (t *text) likeOther41b(i, k, to int) bool {
	if t.ageKnowAfter41b(k, to) {
		return true
	}
	a, b := min(i, k), max(i, k)
	for j := a + 1; j < b; j++ {
		x := string(t.tokBytes(j))
		if otherBorn[x] && !ourWords[x] || manyWords41b[x] || k > i && j < k-1 && ageYou32[x] {
			return true
		}
	}
	return false
}

// manyWords41b count other people ("many guests", "beaucoup de
// clients") (normalised).
var manyWords41b = set("many", "most", "viele", "meisten", "beaucoup", "plupart", "muchos", "muchas", "molti", "molte",
	"veel", "meeste", "muitos", "muitas", "tous", "todos", "todas", "tutti", "alle", "all", "everyone")
