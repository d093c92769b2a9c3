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
