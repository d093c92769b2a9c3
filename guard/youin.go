package guard

// youIn reports whether the city at token i is where the person addressed
// lives: a preposition of place or destination, a pronoun for "you", a
// word for "in" right before the city ("instead of to you in Paris",
// "statt bei dir in Berlin", "au lieu d'être chez vous à Paris", "en vez de
// estar contigo en Madrid", "invece che da te a Torino", "in plaats van
// bij jou in Amsterdam", "em vez de estar contigo em Lisboa"). Meeting
// someone there ("we'll be with you in Paris", "see you in Paris") and a
// conditional before it name no home.
func (t *text) youIn(i, from, to int) bool {
	if i-2 < from || !intoWords[string(t.tokBytes(i-1))] && string(t.tokBytes(i-1)) != "nach" {
		return false
	}
	p := i - 2 // the pronoun
	w := string(t.tokBytes(p))
	switch {
	case withYouWords[w]: // "contigo", "consigo": the preposition within
	case youObjects[w] && p-1 >= from && youPreps[string(t.tokBytes(p-1))]:
		p--
	default:
		return false
	}
	if p-1 >= from {
		if meetWords[string(t.tokBytes(p-1))] {
			return false // "we'll be with you in Paris", "see you in Paris"
		}
	}
	return !t.condBefore(from, i)
}

// Words of "to you", "with you" (normalised).
var (
	withYouWords = set("contigo", "consigo", "convosco")
	youObjects   = set("you", "dir", "dich", "ihnen", "vous", "toi", "te", "ti", "lei", "usted", "ti", "jou", "u", "jullie",
		"voce", "si")
	youPreps  = set("to", "with", "at", "zu", "bei", "chez", "con", "a", "da", "bij", "naar", "para", "com", "junto")
	meetWords = set("see", "meet", "meeting", "join", "visit", "sehen", "treffen", "voir", "rencontrer", "ver", "vedere",
		"incontrare", "zien", "ontmoeten", "be", "serons", "seremos", "saremo", "estaremos")
)
