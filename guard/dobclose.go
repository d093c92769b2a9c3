package guard

import "github.com/proofdesk/proofdesk"

// A date of birth denied in part (guard13a): "Close, but the year's
// wrong", "The day doesn't match", "The year is off", "Quase, mas o ano
// não está certo". A part of the date (day, month, year) as the subject
// of a clause that calls it wrong, or not right, denies the offered
// date. A part of another thing ("the year of the warranty", "le jour de
// livraison") is no answer, and "the day doesn't matter" judges nothing.

// dobPartDenied reports whether a clause of t has a part of a date as its
// subject — after an article, "but" or a near-miss word at most — and a
// predicate that denies it, when the offered class is the date of birth.
func (t *text) dobPartDenied(class string) bool {
	if class != proofdesk.ClassDateOfBirth {
		return false
	}
	for k := range t.toks {
		w := string(t.tokBytes(k))
		if !datePartSubjects[w] {
			continue
		}
		cf, ct := t.clauseOf(k)
		ok := true
		for j := cf; j < k && ok; j++ {
			x := string(t.tokBytes(j))
			ok = pointerArticles[x] || dobLeadWords[x]
		}
		if !ok || t.toks[ct-1].flags&fQuestion != 0 || t.conditional(k) || t.otherAhead(k+1, ct) {
			continue
		}
		neg := false
		for j := k + 1; j < ct && j <= k+5; j++ {
			x := string(t.tokBytes(j))
			if wrongWords[x] {
				return true // "the year's wrong", "das Jahr ist falsch"
			}
			if negations[x] || negVerbs[x] {
				neg = true
				continue
			}
			if neg && rightPredicates[x] {
				return true // "the day doesn't match", "o ano não está certo"
			}
		}
	}
	return false
}

// Words of a date denied in part (normalised).
var (
	datePartSubjects = set("day", "month", "year", "years", "tag", "monat", "jahr", "jour", "mois", "annee", "dia",
		"mes", "ano", "giorno", "mese", "anno", "dag", "maand", "jaar")
	dobLeadWords = set("but", "aber", "mais", "pero", "ma", "maar", "mas", "cl", "close", "almost", "only", "just",
		"nur", "seulement", "solo", "alleen", "so", "fast", "presque", "casi", "quasi", "bijna", "quase")
	wrongWords = set("wrong", "off", "incorrect", "falsch", "faux", "fausse", "incorrecto", "equivocado", "sbagliato",
		"errato", "fout", "verkeerd", "errado", "incorreto")
	negVerbs = set("doesnt", "isnt", "dont", "nao", "no", "ne", "non", "niet", "nicht", "pas")
	// rightPredicates judge a part right: negated, they deny it.
	rightPredicates = set("match", "matches", "right", "correct", "fit", "fits", "stimmt", "passt", "richtig",
		"correspond", "bon", "bonne", "juste", "coincide", "correcto", "corresponde", "giusto", "corrisponde", "torna",
		"klopt", "juist", "certo", "correto", "bate", "confere")
)
