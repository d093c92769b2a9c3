package guard

// Replies that name a judgement without giving one (guard15): "I won't be
// telling you which digits are right or wrong", "je ne dis pas « pas
// celle-là » et je ne dis pas « celle-là »". A phrase that affirms or
// denies is no answer when it stands in an alternative with its opposite
// ("right or wrong", "justes ou faux", "giuste o sbagliate", "certos ou
// errados"), or is quoted after a negated verb of saying ("I'm not saying
// 'that one'", "ich sage nicht", "je ne dis pas", "no digo", "non dico",
// "ik zeg niet", "não digo").

// Words of these replies (normalised).
var (
	orWords        = set("or", "oder", "ou", "o", "of", "od")
	judgementWords = set("right", "wrong", "correct", "incorrect", "true", "false", "richtig", "falsch", "korrekt",
		"juste", "justes", "faux", "fausse", "fausses", "exact", "exacts", "exacte", "exactes", "bien", "mal", "correcto",
		"correcta", "correctos", "correctas", "incorrecto", "incorrecta", "incorrectos", "incorrectas", "giusto",
		"giusta", "giusti", "giuste", "sbagliato", "sbagliata", "sbagliati", "sbagliate", "corretto", "corretta",
		"corretti", "corrette", "goed", "fout", "juist", "onjuist", "certo", "certa", "certos", "certas", "errado",
		"errada", "errados", "erradas", "correta", "correto", "corretos", "corretas", "not", "nicht", "pas", "no", "non",
		"niet", "nao", "yes", "ja", "oui", "si", "sim")
	quoteSayVerbs = set("saying", "say", "said", "telling", "tell", "sage", "sagen", "dis", "dire", "disons", "digo", "decir",
		"dico", "diro", "zeg", "zeggen", "dizer", "direi", "dirai", "dire")
	sayNegations = set("not", "nicht", "ne", "pas", "no", "non", "niet", "nao", "wont", "never", "nie", "jamais", "nunca", "mai",
		"nooit", "dont")
)

// judgementAside reports whether the phrase at sp (its first token i) is
// no answer: one side of an alternative of judgements, or a quote after a
// negated verb of saying in its sentence.
func (t *text) judgementAside(i int, sp span) bool {
	j := t.tokenAt(sp.end - 2) // the phrase's last token
	if j < i {
		j = i
	}
	if j+2 < len(t.toks) && orWords[string(t.tokBytes(j+1))] && judgementWords[string(t.tokBytes(j+2))] {
		return true // "right or wrong"
	}
	if i >= 2 && orWords[string(t.tokBytes(i-1))] && judgementWords[string(t.tokBytes(i-2))] {
		return true // "... or wrong"
	}
	from, _ := t.sentenceOf(i)
	for k := max(from, i-3); k < i; k++ {
		if !quoteSayVerbs[string(t.tokBytes(k))] {
			continue
		}
		for n := max(from, k-2); n <= k+1 && n < i; n++ {
			if n != k && sayNegations[string(t.tokBytes(n))] {
				return true // "I'm not saying 'that one'", "je ne dis pas « celle-là »"
			}
		}
	}
	return false
}
