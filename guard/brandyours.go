package guard

// brandYours reports whether a card brand, the match [start, end) of the
// token view, is said as the customer's card in the six languages other
// than English (whose "your", "the" inContext reads): a possessive of
// the person addressed right before it ("auf Ihre Mastercard", "sur
// votre Mastercard", "sulla sua Mastercard", "para o seu Mastercard"), or
// an article before it and a relative clause of the person addressed
// adding or saving it after it ("la Mastercard que vous avez ajoutée", "die Mastercard, die
// Sie hinzugefügt haben", "the Mastercard you added").
func brandYours(view []byte, start, end int) bool {
	if prevTokens(view, start, 1, func(t []byte) bool { return brandPossessives[string(t)] }) {
		return !nextTokens(view, end-1, 1, func(t []byte) bool { return otherWord(string(t)) || brandThings[string(t)] })
	}
	if !prevTokens(view, start, 1, func(t []byte) bool { return brandArticles[string(t)] }) {
		return false
	}
	var next [6]string
	n := 0
	nextTokens(view, end-1, 6, func(t []byte) bool {
		next[n] = string(t)
		n++
		return false
	})
	if n < 2 || !(relPronouns[next[0]] && youSubjects[next[1]] || next[0] == "you") {
		return false
	}
	for _, w := range next[1:n] {
		if addedVerbs[w] {
			return true // "que vous avez ajoutée", not "que vous citez"
		}
	}
	return false
}

// brandPossessives are the possessives of the person addressed before a
// card brand (normalised); youSubjects the pronouns that open a relative
// clause of the person addressed.
var (
	brandPossessives = set("ihre", "ihrer", "deine", "deiner", "dein", "votre", "ta", "ton", "su", "tu", "sua", "tua",
		"suo", "tuo", "je", "uw", "jouw", "seu", "teu", "ur", "yr")
	youSubjects = set("you", "sie", "du", "vous", "tu", "usted", "lei", "u", "je", "jij", "voce", "ha", "hat", "avez")
	// addedVerbs say the card was added or saved: a card the person
	// addressed names ("que vous citez") is no card on file.
	addedVerbs = set("added", "saved", "registered", "hinzugefugt", "gespeichert", "hinterlegt", "ajoutee", "ajoute",
		"enregistree", "anadio", "agrego", "guardo", "registro", "aggiunto", "aggiunta", "salvato", "salvata",
		"toegevoegd", "opgeslagen", "adicionou", "adicionado", "registou", "guardou")
)

// notSentTo reports whether token i, a demonstrative before a card or
// phone word, closes a denial that something went to the offered value:
// a negation and a verb of going or sending within 3 tokens before the
// demonstrative or right after its noun ("The refund didn't go to that
// card", "Il rimborso non è andato su quella carta", "O reembolso não foi
// para esse cartão", "Die Erstattung ist nicht an diese Karte gegangen").
func (t *text) notSentTo(i int) bool {
	if i < 1 || i+1 >= len(t.toks) {
		return false
	}
	if t.toks[i].lex&lxDemo == 0 {
		// cheap letter tests before the look-ups, run on every token: every
		// one of thisWords opens with c, q, a or j, every articleDemos word
		// opens with d and has three letters
		w := t.tokBytes(i)
		switch {
		case len(w) >= 2 && (w[0] == 'c' || w[0] == 'q' || w[0] == 'a' || w[0] == 'j') && thisWords[string(w)]:
		case len(w) == 3 && w[0] == 'd' && articleDemos[string(w)] && toWords[string(t.tokBytes(i-1))]: // "naar die kaart"
		default:
			return false
		}
	}
	if t.toks[i+1].lex&(lxCard|lxPhone) == 0 {
		return false // a card or phone word after it
	}
	from, to := t.sentenceOf(i)
	if i+2 < to && notSentVerbs[string(t.tokBytes(i+2))] { // "nicht an diese Karte gegangen"
		for k := max(from, i-3); k < i; k++ {
			if negations[string(t.tokBytes(k))] {
				return true
			}
		}
	}
	for v := i - 1; v >= from && v >= i-3; v-- {
		if !notSentVerbs[string(t.tokBytes(v))] {
			continue
		}
		for k := max(from, v-3); k < i; k++ { // "didn't go to", "ging niet naar"
			if x := string(t.tokBytes(k)); negations[x] || x == "didnt" || x == "nao" || x == "non" || x == "niet" {
				return true
			}
		}
	}
	return false
}

// notSentVerbs say something went or was sent (normalised).
var notSentVerbs = set("go", "went", "gone", "sent", "ging", "gegangen", "geschickt", "gesendet", "alle", "parti",
	"envoye", "fue", "ido", "enviado", "andato", "andata", "inviato", "ging", "gegaan", "gestuurd", "foi", "enviado")
