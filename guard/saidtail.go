package guard

// Requester's words as the tail of a short answer (guard19a): "Yes,
// exactly as you said.", "Stimmt, wie Sie sagen.", "Genau so, wie Sie es
// geschrieben haben.", "Exactly as you typed it." An affirmation or denial
// word whose sentence goes on only with a reference to what the requester
// said, typed, wrote or spelled is as short as the word alone: the
// reference names the offered value, it does not move the answer to
// another thing. "Yes, as you said, the parcel is late" is no such tail
// (the clause after it is judged as before).

// saidTail returns the token index where a closing clause that refers to
// the requester's words begins in [rest, to), or to when the sentence does
// not close on one. The clause is an optional intensifier ("exactly",
// "genau so", "tal cual"), an "as" word, then up to four small words
// (pronouns of the requester or the value, auxiliaries, "just") around a
// verb of saying, typing, writing, spelling or giving, and nothing after
// but such small words: "as you typed it", "wie Sie es geschrieben haben",
// "come l'ha scritto lei", "zoals u het net zei".
func (t *text) saidTail(rest, to int) int {
	to = t.regretCut(rest, to) // "Nee, die nicht, tut mir leid" (denial23.go)
	a0 := rest
	if rest > 0 && string(t.tokBytes(rest-1)) == "cual" && t.toks[rest-1].flags&fPunctAfter == 0 {
		a0 = rest - 1 // "Tal cual lo ha escrito usted": the yes word is the "as"
	}
	for a := a0; a < to; a++ {
		if !tailAs[string(t.tokBytes(a))] && !(a == rest-1) {
			continue
		}
		if a > rest && t.toks[a-1].flags&fPunctAfter == 0 && !tailIntensifiers[string(t.tokBytes(a-1))] {
			continue // "the one as you said": the "as" belongs to a clause that goes on
		}
		if w := string(t.tokBytes(a)); (w == "als" || w == "way") && (a == rest || !(string(t.tokBytes(a-1)) == "zo" || string(t.tokBytes(a-1)) == "the")) {
			continue // Dutch "als" is "as" only after "zo"; "way" only after "the"
		}
		verb := -1
		for k := a + 1; k < to && k <= a+5; k++ {
			w := string(t.tokBytes(k))
			if tailVerbs[w] {
				verb = k
				break
			}
			if !tailSmall[w] && !secondPerson[w] {
				break
			}
		}
		if verb < 0 {
			continue
		}
		ok := true
		for k := verb + 1; k < to; k++ {
			if w := string(t.tokBytes(k)); !tailSmall[w] && !secondPerson[w] && !tailAfter[w] {
				ok = false
				break
			}
		}
		if !ok || t.toks[verb].flags&fQuestion != 0 {
			continue
		}
		start := max(a, rest)
		for start > rest && t.toks[start-1].flags&fPunctAfter == 0 && tailIntensifiers[string(t.tokBytes(start-1))] {
			start-- // "exactly as you said", "genau so, wie ..." ("so" then a comma: the loop stops at the mark)
		}
		if start > rest && tailIntensifiers[string(t.tokBytes(start-1))] {
			start-- // "genau so, wie Sie sagen": the intensifier before the comma
			for start > rest && t.toks[start-1].flags&fPunctAfter == 0 && tailIntensifiers[string(t.tokBytes(start-1))] {
				start--
			}
		}
		return start
	}
	return to
}

// Words of a closing reference to the requester's words (normalised).
var (
	// tailAs say "as" or "like" before the verb of saying.
	tailAs = normSet("as", "like", "wie", "comme", "como", "come", "zoals", "conforme", "cosi", "tel", "telle", "how", "way",
		"als")
	// tailIntensifiers stand before the "as" word: "exactly as", "genau so
	// wie", "tal cual como", "precies zoals".
	tailIntensifiers = normSet("exactly", "just", "precisely", "so", "genau", "exakt", "ganz", "exactement", "tout",
		"juste", "ainsi", "tal", "cual", "exactamente", "justo", "asi", "esattamente", "proprio", "precisamente",
		"precies", "net", "zo", "exatamente", "assim", "mesmo", "y", "cosi", "thats", "the", "that", "is", "exactement")
	// tailVerbs say that the requester said, typed, wrote, spelled, gave or
	// read out something.
	tailVerbs = normSet("said", "say", "says", "typed", "type", "wrote", "write", "written", "spelled", "spelt", "spell",
		"gave", "given", "give", "entered", "put", "read", "dictated", "mentioned", "stated", "told",
		"sagen", "sagten", "sagst", "sagtest", "gesagt", "tippen", "getippt", "schreiben", "schrieben", "geschrieben",
		"buchstabiert", "buchstabieren", "angegeben", "genannt", "eingegeben", "diktiert", "vorgelesen", "sagt",
		"dites", "dit", "ecrit", "ecrivez", "tape", "tapez", "epele", "epelez", "donne", "donnez", "indique", "saisi",
		"dicte", "lu", "dice", "dices", "dijo", "dijiste", "escrito", "escribe", "escribio", "escribiste", "tecleado",
		"tecleo", "deletreado", "deletreo", "dado", "dio", "indicado", "indica", "puesto", "dictado", "detto", "dici",
		"scritto", "scrive", "scrivi", "digitato", "dettato", "dato", "indicato", "letto", "zegt", "zei", "gezegd",
		"getypt", "typt", "typte", "geschreven", "schrijft", "schreef", "gespeld", "spelt", "spelde", "gegeven", "gaf",
		"opgegeven", "aangegeven", "doorgegeven", "voorgelezen", "diz", "disse", "escreveu", "escrito", "digitou",
		"digitado", "soletrou", "soletrado", "deu", "indicou", "ditou", "leu", "dicto", "voorlas", "voorgelezen",
		"opgelezen", "dicteerde", "gedicteerd", "las", "dictaste", "deletreaste",
		"tecleaste", "diste", "dettato", "detto", "dettata", "gespeld", "buchstabierst")
	// tailSmall are the small words around the verb: pronouns of the
	// requester or the value, auxiliaries, "just", "already".
	tailSmall = normSet("it", "me", "us", "to", "just", "already", "earlier", "before", "have", "has", "had", "did",
		"es", "ihn", "sie", "mir", "uns", "haben", "hat", "hast", "gerade", "eben", "schon", "vorhin", "grad",
		"l", "le", "la", "lo", "me", "m", "nous", "avez", "as", "a", "deja", "tout", "juste", "nos", "ha", "has", "ya",
		"antes", "usted", "lei", "mi", "ci", "gia", "prima", "hai", "het", "t", "ons", "hebt", "heeft", "heb", "net",
		"al", "zojuist", "daarnet", "o", "nos", "ja", "agora", "voce", "senhor", "senhora", "te", "ti", "y", "moi", "que")
	// tailAfter close the clause after the verb: "in your message", "at the
	// start of the chat" are no such words, so only these small ones.
	tailAfter = normSet("earlier", "now", "here", "above", "ahora", "aqui", "arriba", "oben", "hier", "plus", "haut",
		"sopra", "qui", "boven", "acima", "aqui", "wel", "bien", "doch", "out", "aloud", "back", "vor", "voor", "alto")
)

// tailYesWords are yes words that mostly come with a reference to the
// requester's words: "Tal cual, como dice usted", "Genau so.", "Tout à
// fait comme vous l'avez écrit".
var tailYesWords = []string{"tal cual", "tale e quale", "precies zo", "exatamente assim"}

// emojiMark reports whether the yes or no word at token i, one that counts
// only with punctuation after it, is closed by an emoji instead: "Passt ✅",
// "Sí ✅". "OK 👍" is an acknowledgement, not an answer about the value.
func (t *text) emojiMark(i int) bool {
	if i+1 >= len(t.toks) || !t.isEmoji(i+1) || okWords[string(t.tokBytes(i))] {
		return false
	}
	_, to := t.sentenceOf(i)
	return to == i+2 || t.courtesy30(i+2, to) // "Ja 🙂 Danke für Ihre Nachricht" (verdict30.go)
}

// okWords acknowledge what was said without answering it (normalised).
var okWords = normSet("ok", "okay", "oké", "okey", "okok")

// saidSentence reports whether the sentence [from, to) is only a reference
// to the requester's words led by an intensifier: "Proprio come l'ha
// digitato.", "Just as you typed it.", "Precies zoals u zei." — the yes is
// the intensifier (a bare "As you said." is reportedYes).
func (t *text) saidSentence(from, to int) bool {
	return to-from >= 3 && tailIntensifiers[string(t.tokBytes(from))] && !t.conditional(from) &&
		t.toks[from].flags&fQuestion == 0 && t.saidTail(from, to) == from
}
