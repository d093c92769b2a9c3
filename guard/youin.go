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

// movedAsk reports whether the clause from token k to the sentence end at
// to asks whether the customer moved ("— did you move?", "sind Sie
// umgezogen?", "¿se ha mudado?"): after a denial, the tail guesses why the
// value is not the one on file, so the denial still states (hedgedTail).
func (t *text) movedAsk(k, to int) bool {
	for j := k; j < to && j <= k+4; j++ {
		if movedWords[string(t.tokBytes(j))] {
			return true
		}
		if j > k && t.toks[j-1].flags&fPunctAfter != 0 {
			return false
		}
	}
	return false
}

// movedWords say "moved house" (normalised).
var movedWords = set("move", "moved", "relocated", "umgezogen", "umziehen", "demenage", "demenagee", "mudado", "mudada",
	"mudo", "mudou", "trasferita", "trasferito", "traslocato", "traslocata", "verhuisd", "verhuist")

// movedTail reports whether the question sentence of token k asks only in
// its last clause, and asks whether the customer moved ("That one isn't
// on your account, did you move?"): the clauses before it state.
func (t *text) movedTail(k int) bool {
	from, to := t.sentenceOf(k)
	c := to - 1
	for c > from && t.toks[c-1].flags&fPunctAfter == 0 {
		c--
	}
	return c > from && t.movedAsk(c, to)
}

// demoDenial reports whether token i, a demonstrative that opens its
// sentence, is the subject of a denial that the value is on the account:
// a negation, then a word for the account or record within 8 tokens of
// its clause ("Die ist nicht in Ihrem Konto", "Esa no está en su cuenta",
// "Quello non è sul suo account"). "Das ist nicht teuer" names no record.
func (t *text) demoDenial(i int) bool {
	if i > 0 && t.toks[i-1].flags&fPunctAfter == 0 {
		return false // a cheap test first, run on every token: it must open a clause
	}
	if w := t.tokBytes(i); t.toks[i].lex&lxDemo == 0 && !(len(w) == 3 && w[0] == 'd' && articleDemos[string(w)] &&
		i+1 < len(t.toks) && demoVerbs[string(t.tokBytes(i+1))]) {
		return false // "die" is a demonstrative before a verb: "Die ist nicht ...", "Die staat niet ..."
	}
	from, to := t.sentenceOf(i)
	if i != from {
		return false
	}
	neg := false
	for k := i + 1; k < to && k <= i+8; k++ {
		x := string(t.tokBytes(k))
		switch {
		case negations[x] || x == "nao" || x == "isnt" || x == "non" || x == "no":
			neg = true
		case neg && (accountWords[x] || isRecordWord(x)):
			return true
		case otherThings[x]:
			return false
		}
		if t.toks[k].flags&fPunctAfter != 0 {
			break
		}
	}
	return false
}

// articleDemos are articles that stand as demonstratives before a verb
// (normalised); demoVerbs the verbs after them.
var (
	articleDemos = set("die", "der", "das", "dat")
	demoVerbs    = set("ist", "steht", "is", "staat")
)
