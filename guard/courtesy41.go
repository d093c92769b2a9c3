package guard

// More courtesy after a bare yes or no (a41a): apologies ("leider",
// "pardon", "disculpe", "mi spiace", "helaas", "excuus"), thanks for the
// question ("thanks for asking", "danke der Nachfrage", "merci de
// demander", "gracias por preguntar", "grazie per la domanda", "bedankt
// voor de vraag", "obrigado por perguntar"), wishes ("take care", "machen
// Sie's gut", "prenez soin de vous", "cuídese", "het beste"), farewells
// ("hasta luego", "até logo", "bis dann", "tot later") and the end of the
// talk ("that's all from me", "das war's", "c'est tout", "eso es todo",
// "è tutto", "dat was het", "é tudo"). With them, "No — sorry, that's all
// from me" and "Negativo, disculpe, hasta luego" are a bare answer and
// courtesy (fillAnswer38, verdictfill38.go), as "No, sorry, bye" is.

// courtesy41 reports whether w is one of these words, and whether it can
// carry a courtesy clause by itself (an anchor).
func courtesy41(w string) (vocab, anchor bool) {
	if courtesyAnchors41[w] {
		return true, true
	}
	return courtesyVocab41[w], false
}

var (
	courtesyAnchors41 = normSet("leider", "pardon", "perdon", "perdón", "disculpe", "disculpa", "disculpas", "spiace",
		"helaas", "excuus", "excuses", "asking", "nachfrage", "demander", "preguntar", "domanda", "vraag", "perguntar",
		"cuídese", "cuidese", "soin", "beste", "luego", "logo", "dann", "later", "care")
	courtesyVocab41 = normVocab(
		"that's thats all from me and for take",
		"das war's wars war von mir machen sie's sies gut der bis",
		"c'est cest tout pour moi prenez de vous et",
		"eso es todo y por hasta",
		"è e tutto mi la",
		"dat was het tot en",
		"é e tudo até ate",
	)
)

// greetedAnswer41 returns fillAnswer38's rule for what follows a greeting
// or thanks that opens the reply t ("Thanks — yes!", "Hallo! Raak. Fijne
// dag.", "Ciao Élodie! No, mi spiace, arrivederci."): the courtesy before
// the answer is no more content than the courtesy after it. The greeting
// may name the requester (one word after it). A bare answer word alone
// after it answers too. excl holds the exclusion spans of the phrase scan.
func (t *text) greetedAnswer41(excl []span) string {
	if len(excl) > 0 || len(t.toks) < 2 || len(t.toks) > 24 {
		return ""
	}
	if w := string(t.tokBytes(0)); !greetings41[w] && !courtesyAnchors30[w] {
		return ""
	}
	k := 0 // the end of the leading courtesy
	for k < len(t.toks) {
		e := k
		for e < len(t.toks) && t.toks[e].flags&fPunctAfter == 0 && !(e+1 < len(t.toks) && t.toks[e+1].flags&fSentence != 0) {
			e++
		}
		if e < len(t.toks) {
			e++
		}
		named := greetings41[string(t.tokBytes(k))] && e-k == 2 // "Ciao Élodie!"
		if !named && !(greetings41[string(t.tokBytes(k))] && e-k == 1) && !t.courtesy30(k, e) {
			break
		}
		k = e
	}
	if k == 0 || k >= len(t.toks) {
		return ""
	}
	bp := windowBufs38.Get().(*[]byte)
	defer windowBufs38.Put(bp)
	drop := [1]span{{0, k}}
	*bp = t.appendRest38((*bp)[:0], drop[:])
	q := textPool.Get().(*text)
	defer textPool.Put(q)
	q.normalize(string(*bp))
	if len(q.toks) == 1 {
		switch w := string(q.tokBytes(0)); {
		case answerYes[w] || bareYes30[w] || fillYes38[w] || hitWords38[w]:
			return RuleConfirmation
		case answerNo[w] || bareNo30[w] || fillNo38[w]:
			return RuleDenial
		}
		return ""
	}
	return q.fillAnswer38(nil)
}

// greetings41 open a reply as a greeting (normalised).
var greetings41 = normSet("hello", "hi", "hey", "hallo", "moin", "servus", "bonjour", "salut", "hola", "buenas", "ciao",
	"salve", "buongiorno", "hoi", "goedemorgen", "goedemiddag", "ola", "olá", "bom")
