package guard

import (
	"strings"

	"github.com/proofdesk/proofdesk"
)

// A refusal does not excuse the rest of its reply (a30b): "I can't
// confirm it, but it's the right one", "Kein Kommentar, aber es stimmt",
// "No puedo confirmarlo, pero yo no cambiaría nada", "I can't confirm
// addresses 😉" still answer. The phrase sets treat a refusal as an
// exclusion of its sentence, so that "I can't confirm which email is on
// the account" confirms nothing; refusedRest cuts the refusal's clause
// out and reads what is left, clause by clause, as an answer given next
// to a refusal (refusalverdict30.go): a bare verdict ("passt", "vous avez
// raison", "but yes"), advice that only makes sense if the value is right
// or wrong ("I'd keep using it", "I'd double-check your paperwork"), a no
// refused ("I won't say no"); and a wink. Innocent refusals keep passing:
// what is left of "I can't confirm or deny that, but once you're verified
// I can help" answers nothing. With no refusal, a sentence that is only a
// verdict ("Es stimmt.", "Es la buena.") confirms (wholeVerdict30).

// refusedRest returns the rule of what the reply t (raw form reply) says
// beside a refusal of class, or of a bare verdict when it holds none, or
// "". It normalises the rest once, and reads only replies of at most
// maxRefusedReply30 tokens.
func refusedRest(reply string, t *text, class string) string {
	if class == "" {
		return ""
	}
	if len(t.toks) > maxWindowedReply38 {
		return "" // each window is normalised anew: a cost bounded by this, not by the reply
	}
	if len(t.toks) > maxRefusedReply30 {
		if rule := refusedWindows38(t, class); rule != "" {
			return rule // a long reply: each refusal read with what stands around it (padverdict38.go)
		}
		return refusedWhole41(t, class) // else all it says beside its refusals (refusal41.go)
	}
	if !t.refusalCue30() {
		return t.wholeVerdict30()
	}
	var cutArr [8]span // token ranges [start, end) of refusal clauses
	cuts := t.refusalClauses30(cutArr[:0])
	if len(cuts) == 0 {
		return t.wholeVerdict30()
	}
	if (winked30(reply) || t.winkWord30()) && !t.joking30() {
		return RuleConfirmation // "I can't confirm addresses 😉", "Je ne peux rien confirmer... clin d'œil"
	}
	rest := t.restString30(cuts)
	if rest == "" {
		return ""
	}
	r := textPool.Get().(*text)
	defer textPool.Put(r)
	r.normalize(rest)
	if len(r.toks) == 0 {
		return ""
	}
	// only the readings of an answer beside a refusal: the whole-reply
	// readings of the phrase sets would read the list item or the
	// business's news left next to it ("1) I can't confirm the address
	// 2) yes, the refund is on its way") as the answer
	rule := r.restVerdict30()
	if rule == "" {
		rule = butRule41(t, cuts, class) // a clause set against the refusal, read as any reply (refusal41.go)
	}
	if rule != "" && t.mockRefusal() {
		return ""
	}
	return rule
}

// maxRefusedReply30 bounds, in tokens, the replies refusedRest reads
// whole; longer ones are read a window around each refusal, up to
// maxWindowedReply38 tokens (three times the padding the attack used).
// Each window is normalised again, which on a 2 KB reply with four
// refusals cost as much as the rest of the check together: a refusal and
// its verdict padded past maxWindowedReply38 tokens are not read.
const (
	maxRefusedReply30  = 40
	maxWindowedReply38 = 120
)

// checkRefused is refusedRest as a verdict of m at level: the class of the
// offer that needs the highest level, as check reads it.
func (m *Matcher) checkRefused(reply string, t *text, level proofdesk.Level, offered []string) Verdict {
	need, class := m.offerNeed(level, offered)
	if class == "" {
		return Verdict{}
	}
	if rule := refusedRest(reply, t, class); rule != "" {
		return Verdict{Blocked: true, Rule: rule, Class: class, RequiredLevel: need}
	}
	return Verdict{}
}

// refusalCue30 reports whether a token of t may belong to a refusal: a
// verb of confirming or saying, or "comment".
func (t *text) refusalCue30() bool {
	for i := range t.toks {
		if w := t.tokBytes(i); len(w) >= 3 && len(w) < 24 && (sayVerbs30[string(w)] || shareVerbs38[string(w)] || confirmStem30(w) || commentWord30(w) || string(w) == "lets" ||
			denyVerbs24[string(w)]) {
			return true
		}
	}
	return false
}

// refusalClauses30 appends to cuts the clauses of t that refuse: one
// that holds a refusal phrase of the phrase sets ("can't confirm", "no
// comment"), or a negation, a modal of being able or allowed and a verb
// of confirming or saying ("Bestätigen kann ich nicht", "Je n'ai pas le
// droit de le dire", "No me está permitido decirlo"). A clause runs from
// a punctuation mark or a word of contrast ("but", "aber", "mais") to
// the next.
func (t *text) refusalClauses30(cuts []span) []span {
	var atArr [16]int
	at := atArr[:0] // the first tokens of the refusal phrases
	view := t.tokenView()
	phraser.ac.scan(view, func(id int32, start int) bool {
		p := phraser.meta[id]
		if !p.refusal || t.punctInside(start, start+int(phraser.ac.lens[id])) {
			return true
		}
		if i := t.tokenAt(start); i >= 0 && len(at) < cap(at) {
			at = append(at, i)
		}
		return true
	})
	// refusesIn30 needs a verb of confirming or saying, or "comment", in
	// its clause: the tokens of one, found in one pass, spare it the
	// clauses that have none (most of a long reply's)
	var cueArr [32]int32
	cues, allCues := cueArr[:0], true
	for k := range t.toks {
		if w := t.tokBytes(k); refusalVerb30(w) || commentWord30(w) {
			if len(cues) == cap(cues) {
				allCues = false
				break
			}
			cues = append(cues, int32(k))
		}
	}
	ci := 0
	for a := 0; a < len(t.toks) && len(cuts) < cap(cuts); {
		_, b := t.clause30(a)
		if n := t.hintLead30(a, b); n > 0 {
			cuts = append(cuts, span{a, a + n}) // "Let's just say I wouldn't send a correction"
			a += n
			continue
		}
		for ci < len(cues) && int(cues[ci]) < a {
			ci++
		}
		cue := !allCues || ci < len(cues) && int(cues[ci]) < b
		cut := cue && t.refusesIn30(a, b) || t.neitherIn24(a, b) || len(cuts) > 0 && cuts[len(cuts)-1].end == a && t.leadClause30(a, b)
		for _, i := range at {
			cut = cut || i >= a && i < b
		}
		if cut && a > 0 && t.toks[a].flags&fSentence == 0 {
			// "No, I can't tell you her age": a word that answers the
			// question with the refusal goes with it
			p, _ := t.clause30(a - 1)
			if a-p <= 2 && (len(cuts) == 0 || cuts[len(cuts)-1].end <= p) {
				a = p // merged below when the cut before ends there
			}
		}
		if cut {
			if n := len(cuts); n > 0 && cuts[n-1].end == a {
				cuts[n-1].end = b
			} else {
				cuts = append(cuts, span{a, b})
			}
		}
		a = b
	}
	return cuts
}

// clause30 returns the token range [a, b) of the clause that holds token
// i: from the token after a punctuation mark, a sentence start or a word
// of contrast, to the next.
func (t *text) clause30(i int) (a, b int) {
	a = i
	for a > 0 && t.toks[a-1].flags&fPunctAfter == 0 && t.toks[a].flags&fSentence == 0 && !contrast30[string(t.tokBytes(a))] {
		a--
	}
	b = i
	for b < len(t.toks) && t.toks[b].flags&fPunctAfter == 0 && !(b+1 < len(t.toks) && (t.toks[b+1].flags&fSentence != 0 || contrast30[string(t.tokBytes(b+1))])) {
		b++
	}
	if b < len(t.toks) {
		b++
	}
	return a, b
}

// refusesIn30 reports whether the clause [a, b) says the speaker cannot
// or may not confirm or say: a negation, a modal and a verb of confirming
// or saying, or a negation before "comment".
func (t *text) refusesIn30(a, b int) bool {
	neg, modal, verb := false, false, false
	for k := a; k < b; k++ {
		w := t.tokBytes(k)
		s := string(w)
		if neg30[s] {
			neg = true
		}
		if modal30[s] {
			modal = true
		}
		if s == "cant" || s == "cannot" || s == "unable" {
			neg, modal = true, true
		}
		if refusalVerb30(w) {
			verb = true
		}
		if commentWord30(w) && k > a && (neg30[string(t.tokBytes(k-1))] || k > a+1 && neg30[string(t.tokBytes(k-2))]) {
			return true // "Sans commentaire", "No comment from me"
		}
	}
	return neg && modal && verb
}

// restString30 returns the text of t outside the cut clauses, as words
// with their clause and sentence marks, each clause without the word of
// contrast that opens it ("but it's the right one" is "it's the right
// one"). Its first letter is upper case when the reply's was.
func (t *text) restString30(cuts []span) string { return string(t.appendRest38(nil, cuts)) }

// winked30 reports whether reply holds a winking face: "😉", ";)".
func winked30(reply string) bool {
	return strings.ContainsAny(reply, "😉😜😏") || strings.Contains(reply, ";)") || strings.Contains(reply, ";-)")
}

// winkWord30 reports whether t says "wink" in one of the seven languages.
func (t *text) winkWord30() bool {
	for i := range t.toks {
		if w := string(t.tokBytes(i)); winkWords30[w] {
			return true
		}
		if i+2 < len(t.toks) && string(t.tokBytes(i)) == "clin" && string(t.tokBytes(i+2)) == "oeil" {
			return true
		}
	}
	return false
}

// confirmStem30 reports whether w is a form of "confirm" or "deny" in the
// seven languages ("confirmarlo", "bestätigen", "bevestig").
func confirmStem30(w []byte) bool {
	s := string(w)
	for _, p := range confirmPrefixes30 {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// refusalVerb30 reports whether w is a verb of confirming, saying or
// handing data out ("Ik kan niets vrijgeven", padverdict38.go).
func refusalVerb30(w []byte) bool {
	return sayVerbs30[string(w)] || shareVerbs38[string(w)] || confirmStem30(w)
}

// commentWord30 reports whether w says "comment".
func commentWord30(w []byte) bool {
	s := string(w)
	return strings.HasPrefix(s, "comment") || strings.HasPrefix(s, "kommentar") || strings.HasPrefix(s, "comentar") ||
		strings.HasPrefix(s, "comentario") || strings.HasPrefix(s, "commento") || strings.HasPrefix(s, "commentaar") ||
		strings.HasPrefix(s, "commentare")
}

var (
	confirmPrefixes30 = []string{"confirm", "conferm", "bestatig", "bevestig", "deny", "verneinen", "dementi", "negar", "smenti",
		"ontkennen"}
	// sayVerbs30 say, tell or share (normalised).
	sayVerbs30 = set("say", "tell", "share", "disclose", "reveal", "discuss", "comment", "sagen", "verraten", "nennen",
		"mitteilen", "dire", "communiquer", "reveler", "decir", "decirlo", "decirla", "decirle", "decirte", "revelar",
		"dirlo", "dirla", "dirle", "dirti", "rivelare", "zeggen", "vertellen", "noemen", "dizer", "dize")
	// neg30 are the negations of a refusal (normalised).
	neg30 = set("not", "no", "never", "nicht", "nichts", "kein", "keine", "keinen", "ne", "pas", "rien", "jamais",
		"nada", "non", "nulla", "niente", "nessun", "nessuna", "niet", "niets", "geen", "nooit", "nao", "nunca", "neither",
		"nor", "weder", "ni", "sans", "sin", "sem", "senza", "zonder")
	// modal30 are the modals of being able or allowed (normalised).
	modal30 = set("can", "able", "allowed", "permitted", "may", "authorised", "authorized", "kann", "darf", "konnen",
		"durfen", "konnte", "peux", "pouvons", "peut", "droit", "autorise", "puedo", "podemos", "puede", "permitido",
		"permitida", "posso", "possiamo", "puo", "permesso", "permessa", "kan", "mag", "kunnen", "mogen", "mogelijk",
		"consigo", "pode",
		"m05") // "mag" and "may" are read as the month
	// contrast30 open a clause that goes against the one before.
	contrast30 = set("but", "though", "although", "however", "aber", "doch", "jedoch", "allerdings", "mais", "cependant",
		"pourtant", "pero", "sin", "ma", "maar", "mas", "porem", "contudo", "except", "ausser", "sauf", "salvo",
		"excepto", "tranne", "behalve", "exceto")
	// exceptWords30 say "except", thatWords30 the "that" after it.
	exceptWords30 = set("except", "ausser", "sauf", "salvo", "excepto", "tranne", "behalve", "exceto")
	thatWords30   = set("that", "dass", "que", "che", "dat")
	// leadIn30 are the words of a clause that only leads into what is
	// said: "nur so viel:", "je dirai seulement :", "let's just say".
	leadIn30 = set("only", "just", "nur", "so", "viel", "seulement", "solo", "solamente", "soltanto", "alleen",
		"say", "sage", "dirai", "dire", "digo", "dico", "zeg", "i", "ill", "lets", "je", "ich", "yo", "io", "ik", "eu",
		"this", "much", "will", "dit")
	winkWords30 = set("wink", "winkwink", "zwinker", "zwinkern", "guino", "occhiolino", "knipoog", "knipoogje", "piscadela",
		"piscar")
)

// leadClause30 reports whether the clause [a, b) only leads into what
// follows it, next to a refusal: "Kein Kommentar – nur so viel: passt".
func (t *text) leadClause30(a, b int) bool {
	if b-a < 2 || b == len(t.toks) {
		return false
	}
	for k := a; k < b; k++ {
		if !leadIn30[string(t.tokBytes(k))] {
			return false
		}
	}
	return true
}

// hintLead30 returns the length of a "let's just say" that opens the
// clause [a, b) and leads into a hint, or 0.
func (t *text) hintLead30(a, b int) int {
	if b-a < 4 || string(t.tokBytes(a)) != "lets" {
		return 0
	}
	k := a + 1
	if string(t.tokBytes(k)) == "just" {
		k++
	}
	if string(t.tokBytes(k)) != "say" {
		return 0
	}
	return k + 1 - a
}

// joking30 reports whether t takes its wink back as a joke: "No comment
// 😉 just kidding, I need to verify you first".
func (t *text) joking30() bool {
	for i := range t.toks {
		if jokeWords30[string(t.tokBytes(i))] {
			return true
		}
	}
	return false
}

var jokeWords30 = set("kidding", "joking", "joke", "jk", "spass", "scherz", "blague", "rigole", "broma", "bromeo", "scherzo",
	"scherzavo", "grapje", "geintje", "brincadeira", "brincar")
