package guard

// What a refusal leaves is judged as any reply is (a41a): "I can't
// confirm account details, but it's the one we text", "..., aber Sie
// haben sie perfekt getippt", "Es ist die hinterlegte. <a long thank-you>.
// Ich darf hier keine Kontodaten nennen." The bags of refusalverdict30.go
// read only a verdict made of their own words; what is left once the
// refusal clauses are cut out (restString30) now also goes through
// readings41, the readings check applies to a whole reply, so a wording
// those readings know is known beside a refusal too. A long reply (more
// than maxRefusedReply30 tokens, at most maxWindowedReply38) whose windows
// judge nothing is read whole the same way, once, so a verdict before the
// refusal or two sentences after it is read.

// readings41 returns the rule of the readings of a reply t that judge
// the offered value of class, in the order check applies them, or "":
// a call-wrap note, a part right and another wrong, the phrase sets and
// the answers built on them (phrases.go), a consequence, short denials,
// deixis, a pointer alone, a vague verdict; none when the reply mocks a
// refusal.
func (t *text) readings41(class string) string {
	rule := t.wrapNote(class)
	if rule == "" {
		rule = t.partDenial()
	}
	if rule != "" {
		return rule
	}
	rule = t.counterfactual() // "if that were wrong I'd stop you; I'm not" (counterfactual.go): its "no" is no denial
	if rule == "" {
		rule = t.litotes23() // "I won't say it's wrong" (hints23.go): its "wrong" is no denial
	}
	if rule == "" {
		rule = t.confirmation(class)
	}
	if rule == "" {
		rule = t.answer15(class) // a consequence that did not happen, the next step on the value (counterfactual.go)
	}
	if rule == "" {
		rule = t.answer23(class) // short denials (denial23.go)
	}
	if rule == "" {
		rule = t.deixis31() // "That's indeed where the boarding pass went" (deixis31.go)
	}
	if rule == "" {
		rule = t.pointerAlone31(class) // "C'est cette carte-là, la caution y est bloquée" (pointeralone31.go)
	}
	if rule == "" {
		rule = t.vague31() // "That's an old address", "so that can't be it" (vague31.go)
	}
	if rule == "" {
		rule = t.formVerdict41() // "it's the one we text", "yours definitely matches" (verdictforms41.go)
	}
	if rule == "" {
		rule = t.offerVerdict23v(class) // "Bills aren't going to that inbox", "It does match, good" (offerverdict23v.go)
	}
	if rule == "" {
		rule = t.relVerdict49() // "I can't verify here a number that already matches the account" (verdict49.go)
	}
	if rule == "" {
		rule = t.holdAlready49() // "We already have that number", "Ce numéro, nous ne l'avons pas" (verdict49.go)
	}
	if rule != "" && t.mockRefusal() {
		rule = "" // not "Sure, I confirm addresses without verification… no, of course not"
	}
	return rule
}

// butRule41 returns the rule, by the readings of any reply
// (readings41), of the clauses of t set against one of its refusal clauses
// cuts: a clause opened by a word of contrast right after a refusal clause
// ("I can't confirm it, but it's the one we text"; "Ich darf nichts
// bestätigen. Aber Sie haben sie perfekt getippt."), to the end of its
// sentence, without the word of contrast. Only these: the refusal's own
// clauses ("was bei uns gespeichert ist") and a bare answer merged with it
// ("Nein, ob sie hinterlegt ist, kann ich nicht sagen") ask or refuse, and
// stay with restVerdict30. The text read is at most maxRefusedReply30
// tokens.
func butRule41(t *text, cuts []span, class string) string {
	var keepArr [9]span // token ranges kept, in order
	keep := keepArr[:0]
	for _, c := range cuts {
		k := c.end
		if k >= len(t.toks) || !contrast30[string(t.tokBytes(k))] || len(keep) == cap(keep) {
			continue
		}
		_, e := t.sentenceOf(k)
		if e-k-1 < 2 || e-k-1 > butClause41 || len(keep) > 0 && keep[len(keep)-1].end > k {
			continue
		}
		if t.asideClause41(k+1, e) {
			continue
		}
		keep = append(keep, span{k + 1, e})
	}
	if len(keep) == 0 {
		return ""
	}
	var dropArr [10]span // the complement of keep
	drop := dropArr[:0]
	at := 0
	for _, s := range keep {
		if s.start > at {
			drop = append(drop, span{at, s.start})
		}
		at = s.end
	}
	if at < len(t.toks) {
		drop = append(drop, span{at, len(t.toks)})
	}
	return t.readRest38(drop, func(q *text) string { return q.readings41(class) })
}

// refusedWhole41 returns the rule of what a long reply t (at most
// maxWindowedReply38 tokens) says outside its refusal clauses of class,
// read whole, or "" when it holds no refusal clause.
func refusedWhole41(t *text, class string) string {
	if class == "" || len(t.toks) > maxWindowedReply38 || !t.refusalCue30() {
		return ""
	}
	var cutArr [8]span
	cuts := t.refusalClauses30(cutArr[:0])
	if len(cuts) == 0 {
		return ""
	}
	rule := t.readRest38(cuts, (*text).restVerdict30)
	if rule == "" {
		rule = butRule41(t, cuts, class)
	}
	if rule != "" && t.mockRefusal() {
		return ""
	}
	return rule
}

// asideClause41 reports whether the clause [a, b) beside a refusal is
// about something else than the value: the business's own thing ("but our
// hotel's number is on the booking page"), the asking ("but you're right
// to ask"), what she does judged ("but you're right to be careful"), or
// the talk ending ("but that's it from me").
func (t *text) asideClause41(a, b int) bool {
	for k := a; k < b; k++ {
		w := string(t.tokBytes(k))
		if t.ourAt(k) || askVerbs41[w] || k+1 < b && endFrom41[w] && endWho41[string(t.tokBytes(k+1))] ||
			k+2 < b && (rightNouns30[w] || verdictAdjs30[w]) && toDo41[string(t.tokBytes(k+1))] {
			return true // "but you're right to be careful with phishing": a judgement of what she does
		}
	}
	return false
}

var (
	// askVerbs41 say asking (normalised).
	askVerbs41 = set("ask", "asking", "fragen", "nachfragen", "demander", "preguntar", "preguntarlo", "chiedere", "domandare",
		"vragen", "perguntar")
	// toDo41 lead an infinitive after "right": "right to", "recht, zu",
	// "raison de", "razón en", "ragione a", "gelijk om", "razão em".
	toDo41 = set("to", "zu", "de", "d", "en", "al", "a", "di", "ad", "om", "te", "em", "ao")
	// endFrom41 and endWho41 make "from me", "for today", "de ma part",
	// "por hoy", "per oggi", "voor vandaag", "por hoje": a talk ending.
	endFrom41 = set("from", "for", "von", "fur", "de", "pour", "por", "per", "da", "voor", "van")
	endWho41  = set("me", "today", "now", "mir", "heute", "jetzt", "moi", "aujourdhui", "mi", "hoy", "ahora", "oggi", "ora",
		"mij", "vandaag", "nu", "mim", "hoje", "agora")
)

// butClause41 bounds, in tokens, a clause set against a refusal that
// butRule41 reads: a verdict is short; a longer clause tells news.
const butClause41 = 8
