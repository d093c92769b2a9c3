package guard

import "github.com/proofdesk/proofdesk"

// Answers about an offered value given by what would have happened
// (guard15): "If that were wrong I'd have to stop you, and I'm not stopping
// you", "if you'd typed it wrong my screen would go red; it's not red", "I'd
// flag it if it were wrong. No flag", "if that weren't your card the refund
// button would be greyed out; it isn't", "if that were on file I'd have
// said great, and I didn't". A sentence with a condition about the value
// ("if that", "wenn das", "si c'était", "se fosse") and a verb in the
// conditional, then a short negated clause after it (in the sentence or
// the next one) that takes up a word of the consequence ("stop" ...
// "not stopping", "red" ... "not red") or stands for it ("it isn't", "I
// didn't", "No flag"): the consequence did not happen, so the condition is
// false. A condition of the value being wrong confirms it; one of it
// being right ("if that were on file") denies it.
//
// And the next step taken on the offered value (guard15): "great, then
// I'll send the replacement there", "perfect, I'll text the code to that
// number then", "the courier picks it up there on Thursday": a sentence
// with a word for "then" (or a courier as its subject), a verb of acting
// and the value pointed at ("there", "that one", "that number"), in a
// reply that defers nothing, asks nothing and negates nothing in it.

// Words of the counterfactual (normalised).
var (
	cfMarkers = set("would", "id", "youd", "itd", "hed", "shed", "wed", "theyd", "wouldve", "wurde", "ware", "hatte",
		"wurden", "waren", "hatten", "musste", "konnte", "zou", "zouden", "hubiera", "hubiese", "fuera", "fuese",
		"fosse", "avesse", "tivesse", "fosse", "seria", "teria", "estaria")
	// cfClauseEnds are the markers that end a condition's clause ("you'd"
	// opens one: "if you'd typed it wrong")
	cfClauseEnds = set("would", "wurde", "zou", "zouden", "dann", "then", "alors", "entonces", "allora", "entao")
	cfWrong      = set("wrong", "incorrect", "werent", "wasnt", "not", "typo", "falsch", "nicht", "faux", "fausse", "pas",
		"mal", "incorrecto", "incorrecta", "no", "sbagliato", "sbagliata", "non", "fout", "niet", "errado", "errada",
		"nao", "mistake", "fehler", "erreur", "error", "errore", "erro",
		// a typo is the value wrong: "Wenn Sie sich vertippt hätten, ..." (guard19a)
		"vertippt", "verschrieben", "tippfehler", "faute", "coquille", "errata", "tikfout", "typfout", "gralha")
	cfNegations = set("not", "no", "isnt", "didnt", "dont", "doesnt", "wasnt", "arent", "nothing", "nicht", "kein",
		"keine", "nichts", "pas", "rien", "ne", "non", "niet", "geen", "niets", "nao", "nada", "nenhum", "nessun",
		"nessuna", "niente", "nulla", "nope", "never", "nie", "jamais", "nunca", "mai", "nooit")
	cfFiller = set("it", "its", "is", "isnt", "not", "no", "i", "im", "didnt", "did", "dont", "do", "does", "doesnt",
		"am", "was", "wasnt", "and", "but", "so", "the", "a", "case", "es", "ist", "nicht", "das", "der", "fall", "ce",
		"cest", "n", "pas", "le", "cas", "il", "elle", "eso", "asi", "lo", "non", "e", "cosi", "het", "niet", "dat", "zo",
		"geval", "nao", "isso", "assim", "o", "caso", "und", "et", "y", "en", "ma", "mas", "aber", "mais", "maar", "ich",
		"je", "yo", "io", "ik", "eu", "ne", "hab", "habe", "ai", "he", "ho", "heb", "have", "has", "estoy", "sto", "ben",
		"estou", "bin", "suis", "sono", "er", "sie", "elle", "el", "ella", "lui", "hij", "ze", "ele", "ela", "la", "l",
		"est", "e", "esta", "fica", "zijn", "sind",
		// a verb of saying in the first person takes up "I'd tell you" whatever its stem ("se lo diría ... No le
		// digo nada", "glielo direi ... Non le dico niente", guard19a)
		"digo", "dico", "lhe", "gli", "glielo", "selo")
	cfSubjunctive = set("fosse", "fossi", "fossero", "avesse", "avessi", "estivesse", "tivesse", "fosse", "houvesse")
	cfRecord      = set("registrato", "registrata", "registered", "hinterlegt", "gespeichert", "enregistre", "enregistree",
		"registrado", "registrada", "geregistreerd", "registado", "registada", "file", "account", "konto", "compte",
		"cuenta", "conto", "conta", "matched", "matches", "passt", "stimmt", "correspondait", "coincidiera", "coincidisse")
	cfPointers = set("cetait", "ce", "that", "it", "this", "those", "das", "es", "dies", "ca", "cela", "c", "eso", "esto", "lo", "la",
		"quello", "questo", "quella", "questa", "dat", "het", "dit", "isso", "isto", "you", "du", "sie", "vous", "tu",
		"usted", "lei", "je", "u", "voce")
)

// counterfactual returns RuleConfirmation or RuleDenial when t answers
// about the offered value by a consequence that did not happen, or "".
func (t *text) counterfactual() string {
	toks := t.toks
	for i := range toks {
		if toks[i].cls&(clCfOtherwise|clCfOpen|clCfInvert) == 0 && toks[i].lex&lxCond == 0 {
			continue // both tests below fail: one tight test a token first
		}
		c := t.toks[i].cls                              // the class tests of cfOtherwiseAt, cfCond, cfInverted, inline
		if c&clCfOtherwise != 0 && t.cfOtherwiseAt(i) { // "Otherwise my screen would be red. It's green." (counter29.go)
			if r := t.cfOtherwiseRule(i); r != "" {
				return r
			}
			continue
		}
		if t.toks[i].lex&lxCond == 0 && (c&(clCfOpen|clCfInvert) == 0 || !t.cfCond(i) && !t.cfInverted(i)) {
			continue
		}
		from, to := t.sentenceOf(i)
		if t.toks[i].flags&fQuestion != 0 {
			continue
		}
		inverted := t.cfInverted(i) // the verb-first condition is its own mood (counter29.go)
		marker := inverted
		for k := from; k < to && !marker; k++ {
			w := t.tokBytes(k)
			marker = len(w) >= 2 && len(w) < 32 && t.has(k, clCfMarker) || conditionalMood(w)
		}
		if !marker {
			continue
		}
		// the condition's clause: it points at the value and names no
		// other thing; is it the value being wrong?
		// (it ends at punctuation, at "would" or after its value noun:
		// "if that weren't your card | the refund button would ...")
		ce := i
		for ce < to-1 && t.toks[ce].flags&fPunctAfter == 0 && !cfClauseEnds[string(t.tokBytes(ce+1))] &&
			!(ce > i && (cfMarkers[string(t.tokBytes(ce+1))] || conditionalMood(t.tokBytes(ce+1)))) &&
			!(ce > i && !inverted && valueNouns[string(t.tokBytes(ce))]) {
			ce++
		}
		pointed, wrong := false, false
		other := false
		for k := i + 1; k <= ce && k < to; k++ {
			w := string(t.tokBytes(k))
			pointed = pointed || cfPointers[w] || valueNouns[w] || cfRecord[w]
			wrong = wrong || cfWrong[w]
			if otherWord(w) && !cfWrong[w] && !(k+1 < to && valueNouns[string(t.tokBytes(k+1))]) { // ("fout", "error" are wrongness here)
				other = true
				break
			}
		}
		// "se fosse sbagliato": the value is the subject left out
		if other || !pointed && !wrong {
			continue
		}
		// the consequence's words: the sentence's words outside the
		// condition's clause
		if t.negatedEcho(from, to, i, ce) || t.cfEvident(from, to, i, ce, wrong) {
			if wrong {
				return RuleConfirmation
			}
			return RuleDenial
		}
	}
	return ""
}

// cfCond reports whether token i opens a condition that the phrase
// sets do not read as one: Italian and Portuguese "se" before "non",
// "não" or a subjunctive ("se fosse", "se non fosse", "se estivesse"),
// Dutch "als" before a pointer ("als dat fout was").
func (t *text) cfCond(i int) bool {
	if !t.has(i, clCfOpen) || i+1 >= len(t.toks) {
		return false
	}
	w, n := string(t.tokBytes(i)), string(t.tokBytes(i+1))
	switch w {
	case "se":
		return t.toks[i+1].lex&lxSeCond != 0 || cfSubjunctive[n] || n == "non" || n == "nao"
	case "als":
		return cfPointers[n] || n == "u" || n == "je" || n == "het"
	}
	return false
}

// conditionalMood reports whether w is a verb in the conditional in
// French, Spanish, Italian or Portuguese ("aurais", "saldría",
// "sarebbe", "ficaria"): 5 letters or more with its ending.
func conditionalMood(w []byte) bool {
	n := len(w)
	if n < 5 || w[n-1] != 's' && w[n-1] != 't' && w[n-1] != 'a' && w[n-1] != 'i' && w[n-1] != 'e' && w[n-1] != 'm' && w[n-1] != 'n' && w[n-1] != 'o' {
		return false
	}
	for _, suf := range condSuffixes {
		if n > len(suf)+1 && string(w[n-len(suf):]) == suf {
			return true
		}
	}
	return false
}

var condSuffixes = []string{"rais", "rait", "raient", "ria", "rian", "riam", "rei", "rebbe", "rebbero"}

// negatedEcho reports whether a short negated clause follows the
// consequence of the condition at tokens [ci, ce] of the sentence [from,
// to): later in the sentence after punctuation or "and", or as the next
// sentence; it takes up a word of the consequence or is only a pronoun,
// an auxiliary and the negation ("it isn't", "I didn't", "No flag").
func (t *text) negatedEcho(from, to, ci, ce int) bool {
	try := func(s, e int) bool {
		if e-s < 1 || e-s > 6 {
			return false
		}
		neg, echo, filler := false, false, true
		for k := s; k < e; k++ {
			w := t.tokBytes(k)
			if cfNegations[string(w)] {
				neg = true
				continue
			}
			if !cfFiller[string(w)] {
				filler = false
			}
			if len(w) >= 3 && !cfFiller[string(w)] && t.echoes(w, from, to, ci, ce) {
				echo = true
			}
		}
		return neg && (echo || filler)
	}
	// clauses after the consequence in the sentence
	for k := from; k < to-1; k++ {
		if k >= ci && k <= ce {
			continue
		}
		if t.toks[k].flags&fPunctAfter != 0 || andWords[string(t.tokBytes(k+1))] && k > ce {
			s := k + 1
			if andWords[string(t.tokBytes(s))] || string(t.tokBytes(s)) == "but" {
				s++
			}
			e := s
			for e < to && (e == s || t.toks[e-1].flags&fPunctAfter == 0) {
				e++
			}
			if s > ce && s < to && try(s, e) {
				return true
			}
		}
	}
	// the next sentence
	if to < len(t.toks) {
		nf, nt := t.sentenceOf(to)
		if nf == to && try(nf, nt) {
			return true
		}
	}
	return false
}

// echoes reports whether w shares its first 3 letters (or all of a
// shorter word) with a word of the sentence [from, to) outside its
// condition [ci, ce] ("stopping" and "stop", "red" and "red").
func (t *text) echoes(w []byte, from, to, ci, ce int) bool {
	n := min(len(w), 3)
	for k := from; k < to; k++ {
		if k >= ci && k <= ce {
			continue
		}
		x := t.tokBytes(k)
		if len(x) < n || &x[0] == &w[0] || cfNegations[string(x)] || cfFiller[string(x)] {
			continue
		}
		if string(x[:n]) == string(w[:n]) {
			return true
		}
	}
	return false
}

// Words of the next step (normalised).
var (
	stepThenWords = set("then", "dann", "alors", "donc", "entonces", "pues", "allora", "dan", "entao")
	actVerbs15    = set("send", "ship", "text", "deliver", "post", "put", "refund", "call", "pick", "collect", "tick",
		"schicke", "sende", "senden", "schicken", "liefern", "rufe", "buche", "erstatte", "hole", "holt", "abholen",
		"envoie", "envoyer", "enverrai", "expedie", "livrer", "livrera", "rembourse", "rembourserai", "appelle",
		"appellera", "passe", "recupere", "envio", "enviare", "mando", "mandare", "enviar", "reembolso", "llamara",
		"recoge", "recogera", "entrego", "invio", "inviero", "spedisco", "spediro", "rimborso", "chiamera",
		"ritira", "ritirera", "stuur", "sturen", "verstuur", "versturen", "bel", "belt", "haalt", "ophalen",
		"betaal", "enviarei", "mandarei", "liga", "ligara", "ruft", "recolhe", "levanta", "picks", "calls", "sends", "ships")
	placeWords15 = set("there", "dort", "dorthin", "dahin", "labas", "ahi", "alli", "alla", "li", "daar",
		"daarheen", "ai")
	courierWords = set("courier", "driver", "kurier", "fahrer", "bote", "livreur", "coursier", "transporteur",
		"repartidor", "mensajero", "corriere", "fattorino", "koerier", "bezorger", "chauffeur", "estafeta", "motorista")
)

// stepLex gives each word of a next step's sentence what it is to
// nextStep: a negation, a verb of acting, a place, a demonstrative.
const (
	stepNeg uint8 = 1 << iota
	stepAct
	stepPlace
	stepDemo
)

var stepLex = func() map[string]uint8 {
	m := map[string]uint8{"wont": stepNeg, "cant": stepNeg, "cannot": stepNeg}
	for bit, ws := range map[uint8]map[string]bool{stepNeg: cfNegations, stepAct: actVerbs15, stepPlace: placeWords15, stepDemo: destDemos} {
		for w := range ws {
			m[w] |= bit
		}
	}
	return m
}()

// nextStep reports whether t takes the next step on the offered value of
// class: a sentence with a word for "then" or a courier, a verb of acting
// and the value pointed at, in a reply that defers, asks and negates
// nothing there.
func (t *text) nextStep(class string) bool {
	deferred := -1 // not known yet
	for i := range t.toks {
		// a word for "then" or a courier, or a demonstrative before "one"
		// or a noun of the class
		if t.toks[i].cls&clStep == 0 && t.toks[i].lex&lxDemo == 0 {
			continue
		}
		b := t.tokBytes(i)
		if len(b) == 0 || len(b) >= 32 {
			continue
		}
		step := t.has(i, clStep)
		demo := !step && t.toks[i].lex&lxDemo != 0 && i+1 < len(t.toks) && t.demoValue15(i, class)
		if !step && !demo {
			continue
		}
		from, to := t.sentenceOf(i)
		// "Good, then ...": the acknowledgement and "then" accept the value
		act, point := false, demo || step && stepThenWords[string(b)] && (i == from+1 && t.ackOpens15(from, to) ||
			i == from && i > 0 && t.ackOpens15(i-1, i)) // ("Good," may read as a greeting that ends a sentence)
		for k := from; k < to; k++ {
			if t.toks[k].lex&lxCond != 0 {
				act = false
				break
			}
			f := stepLex[string(t.tokBytes(k))] // one look-up a token
			if f&stepNeg != 0 {
				act = false
				break
			}
			act = act || f&stepAct != 0
			switch {
			case f&stepPlace != 0 && step:
				point = true
			case f&stepDemo != 0 && k+1 < to && t.demoValue15(k, class):
				point = true
			}
		}
		if act && point {
			if deferred < 0 {
				deferred = 0
				for k := range t.toks {
					if deferWord(t.tokBytes(k)) || t.toks[k].flags&fQuestion != 0 {
						deferred = 1
						break
					}
				}
			}
			return deferred == 0
		}
	}
	return false
}

// ackOpens15 is ackOpens with the plain words of approval: "Good, then
// ...", "Bene, allora ...".
func (t *text) ackOpens15(from, to int) bool {
	return t.ackOpens(from, to) || t.toks[from].flags&fPunctAfter != 0 && ackWords15[string(t.tokBytes(from))]
}

var ackWords15 = set("good", "fine", "excellent", "gut", "sehr", "bon", "tres", "bueno", "genial", "bene", "goed", "mooi",
	"bom", "otimo", "alright", "wunderbar", "parfait", "estupendo", "benissimo", "uitstekend", "excelente")

// demoValue15 reports whether the demonstrative at token k points at a
// value of class: "that one", "that number", "diese Adresse".
func (t *text) demoValue15(k int, class string) bool {
	if k+1 >= len(t.toks) {
		return false
	}
	n := string(t.tokBytes(k + 1))
	return n == "1" || t.classNoun(k+1, n, class) || valueNouns[n]
}

// answer15 returns the rule of a next step on the offered value of class,
// or "" (the counterfactual is read before the phrase sets: check).
func (t *text) answer15(class string) string {
	if class == proofdesk.ClassName {
		return ""
	}
	if t.nextStep(class) || t.nextStep29(class) {
		return RuleConfirmation
	}
	return ""
}
