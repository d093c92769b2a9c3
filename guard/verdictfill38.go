package guard

// A yes or no after an offer, then only praise, thanks and goodbyes
// (guard38): "Yes! Great, perfect, wonderful, thanks again and safe
// travels.", "Correct — cheers, anything else I can do for you today?",
// "Negativo, desculpe, adeus.". Praise and acknowledgement words after a
// yes that already answers ("great", "perfect", "all good", "spot on"),
// an apology after a no ("sorry about that", "lo siento"), a farewell or a
// wish for the journey are courtesy as thanks are (courtesy30): the yes or
// no is the only thing there to answer the offered value. The offer of
// more help may be asked ("anything else I can do for you today?"): that
// question is not the answer word's (fillAsk38).

// fillCourtesyAt38 is fillCourtesy38 for token k of a clause that opens
// at from: "soon", "bald", "snel" are a farewell after "talk", "bis",
// "tot" ("tot snel"), not in "het is snel".
func (t *text) fillCourtesyAt38(k, from int) (vocab, anchor bool) {
	w := string(t.tokBytes(k))
	if fillSoon38[w] {
		return true, k > from && fillSoonLeads38[string(t.tokBytes(k-1))]
	}
	return fillCourtesy38(w)
}

// fillCourtesy38 reports whether w is a word of praise, a farewell, an
// apology or a wish that a courtesy clause may hold, and whether it can
// carry one (an anchor).
func fillCourtesy38(w string) (vocab, anchor bool) {
	if fillAnchors38[w] {
		return true, true
	}
	if vocab, anchor := courtesy41(w); vocab {
		return true, anchor // "disculpe, hasta luego", "that's all from me" (courtesy41.go)
	}
	return fillVocab38[w] || answerYes[w] || answerNo[w], false
}

// fillAsk38 reports whether the question sentence of token i, the yes or
// no word, is only that word set off by a mark and an offer of more help
// or other courtesy: "Correct — cheers, anything else I can do for you
// today?", "Esatto — grazie, posso fare altro per lei?".
func (t *text) fillAsk38(i int) bool {
	from, to := t.sentenceOf(i)
	rest := i + 1
	for rest < to && t.toks[rest-1].flags&fPunctAfter == 0 && (answerYes[string(t.tokBytes(rest))] || answerNo[string(t.tokBytes(rest))]) {
		rest++ // "Sì sì — grazie, ..."
	}
	if from != i || rest >= to || t.toks[rest-1].flags&fPunctAfter == 0 {
		return false
	}
	help := false
	for k := rest; k < to; k++ {
		w := string(t.tokBytes(k))
		help = help || helpAsk38[w]
	}
	return help && t.courtesy30(rest, to)
}

var (
	// fillAnchors38 are praise words, farewells and wishes that turn a
	// clause to courtesy by themselves.
	fillAnchors38 = normSet(
		"great", "perfect", "wonderful", "brilliant", "excellent", "awesome", "lovely", "bye", "goodbye", "care", "travels", "trip",
		"super", "perfekt", "prima", "toll", "wunderbar", "tschüss", "tschuss", "wiedersehen", "reise", "leid",
		"parfait", "génial", "formidable", "revoir", "voyage", "bientôt", "désolé", "désolée",
		"genial", "perfecto", "estupendo", "adiós", "viaje", "siento", "noches",
		"ottimo", "perfetto", "benissimo", "arrivederci", "ciao", "viaggio", "dispiace",
		"top", "perfect", "geweldig", "doei", "ziens", "reis", "fijne",
		"ótimo", "perfeito", "adeus", "viagem", "lamento", "desculpe", "noite",
		"sorry", "cheers", "ta", "scusi", "spiacente")
	// fillVocab38 are the other words such a clause may hold.
	fillVocab38 = normVocab(
		"again all good fine ok okay okey talk take safe enjoy your about that so much a lot now for today do",
		"nochmals noch mal alles gut gute tut mir auf schöne schönen bis",
		"encore tout bon bonne à a au pour vous faire puis-je puis je",
		"de nuevo todo bien buen buenas lo en que pueda ayudarle hasta",
		"ancora tutto ok bene buon buona mi posso fare per lei le",
		"nogmaals alles goed goede tot kan ik nog voor u doen",
		"outra vez tudo bem boa bom até posso ajudar em mais alguma",
	)
	// fillSoon38 are the words of "see you soon" and fillSoonLeads38 the
	// words before them.
	fillSoon38      = normSet("soon", "bald", "bientôt", "pronto", "presto", "snel", "breve", "later")
	fillSoonLeads38 = normSet("talk", "see", "bis", "à", "a", "hasta", "tot", "até")
	// helpAsk38 are the words of an offer of more help.
	helpAsk38 = normSet("else", "sonst", "helfen", "chose", "más", "ayudarle", "altro", "iets", "ajudar", "coisa")
)

// fillAnswer38 returns RuleConfirmation or RuleDenial when the reply
// opens with a bare answer of at most four words set off by a mark ("Yes!",
// "Centrato,", "Négatif,", "C'est celle-là,") and all that follows to
// its end is courtesy (courtesy30 with the words above): "Acertó, gracias,
// buen viaje.", "Negatief, sorry, doei.". An emoji alone ("👍 Thanks, talk
// soon") acknowledges the message; "Okay, thanks" and "Perfect, thanks"
// praise, no answer. excl holds the exclusion spans the phrase scan found.
func (t *text) fillAnswer38(excl []span) string {
	if len(excl) > 0 || len(t.toks) < 2 {
		return ""
	}
	head := 0
	for head < len(t.toks) && head < 4 && t.toks[head].flags&fPunctAfter == 0 {
		head++
	}
	if head >= 4 || head+1 >= len(t.toks) || t.toks[head].flags&fQuestion != 0 && !t.fillAsk38(0) {
		return ""
	}
	head++ // [0, head) is the answer, its last token set off
	answer, deny, pointed, content := false, false, false, 0
	for k := 0; k < head; k++ {
		w := string(t.tokBytes(k))
		if t.isEmoji(k) || okWords[w] {
			return ""
		}
		if _, fill := fillCourtesy38(w); fill && !answerYes[w] && !answerNo[w] || courtesyAnchors30[w] {
			return "" // "Perfect, thanks": praise, no answer
		}
		if fillNo38[w] || answerNo[w] || shortDeny[w] || negations[w] || denyAdjectiveSet[w] {
			deny = true
		}
		strong, pointer := t.answerWord(k, w)
		switch {
		case strong || fillYes38[w] || fillNo38[w] || answerYes[w] || answerNo[w]:
			answer = true
		case pointer:
			pointed = true
		case t.toks[k].lex&lxCopula == 0 && !theOnes[w]:
			content++
		}
	}
	if content > 0 || !(answer || pointed) || !t.courtesy30(head, len(t.toks)) {
		return ""
	}
	if deny {
		return RuleDenial
	}
	return RuleConfirmation
}

// fillYes38 and fillNo38 are the radio words of yes and no.
var (
	fillYes38 = normSet("affirmative", "affirmatif", "afirmativo", "affermativo", "affirmativ", "bevestigd", "confirmed",
		"confirmado", "confermato", "bestätigt", "confirmé", "bevestigd")
	fillNo38 = normSet("negative", "negatif", "négatif", "negatief", "negativo", "negativ")
)

// fillUsed38 reports whether tokens [from, to) hold a word only this
// file's sets make courtesy: after an emoji alone ("👍 Thanks, talk
// soon") the farewell acknowledges the message.
func (t *text) fillUsed38(from, to int) bool {
	for k := from; k < to; k++ {
		if w := string(t.tokBytes(k)); !courtesyVocab30[w] && !t.isEmoji(k) {
			return true
		}
	}
	return false
}
