package guard

// An acknowledgement of the message, not an answer about the value: "yes
// received", "yep got it", "oui reçu", "sim recebido", "oui je regarde",
// "sim vou ver", "yes will do", "nope all good", "nope nothing else",
// "nope not my department", "same here lol", "👍 got ur msg", "yes we
// ship there". After a value was offered, a yes or no followed only by
// words of taking a message in, looking into it, having nothing more, or
// what the business does in general says the message was read; it judges
// nothing. The words after the yes or no must all be such words, fillers
// or their small glue ("i", "we", "ur", "it"), and one of them a word of
// acknowledgement: "yes that one received" still points.

// Words of an acknowledgement (normalised).
var (
	// ackCore take a message in, look into it, or say it is the usual.
	ackCore = normSet("received", "reçu", "reçue", "recibido", "recibida", "ricevuto", "ricevuta", "ontvangen",
		"recebido", "recebida", "erhalten", "bekommen", "gekregen", "msg", "msgs", "message", "messages", "nachricht",
		"mensaje", "messaggio", "bericht", "mensagem", "department", "dept", "abteilung", "departamento", "reparto",
		"afdeling", "normal", "normale", "normaal", "usual", "üblich", "habitual", "abituale", "regarde", "schau",
		"schaue", "kijk", "guardo", "miro", "look", "looking", "noted", "notiert", "noté", "anotado",
		"annotato", "genoteerd", "anotei", "ship", "ships", "deliver", "delivers", "liefern", "livrons", "enviamos",
		"spediamo", "bezorgen", "leveren", "entregamos")
	// ackPairs are the two-word acknowledgements.
	ackPairs = normPairs("got it", "will do", "all good", "nothing else", "same here", "got ur", "got your",
		"alles gut", "tout bon", "todo bien", "tutto bene", "alles goed", "tudo bem", "sonst nichts", "nada más",
		"niente altro", "niets anders", "nada mais", "mach ich", "on it", "je regarde", "vou ver", "ich schau",
		"ik kijk", "lo miro", "ci guardo", "rien d")
	// ackGlue are the small words around them.
	ackGlue = normSet("i", "we", "je", "ich", "ik", "eu", "yo", "io", "wir", "nous", "ur", "your", "my", "it", "its",
		"not", "no", "nothing", "else", "all", "good", "will", "do", "vou", "got", "thats", "here", "same", "there",
		"dort", "là", "allí", "lì", "daar", "lá", "ci", "lo", "bem", "bien", "bene", "goed", "gut", "on", "that", "this",
		"mach", "tout", "todo", "tutto", "alles", "tudo", "nada", "niente", "niets", "sonst", "nichts", "más", "mais",
		"altro", "anders", "also", "too", "aussi", "auch", "ook", "también", "anche", "também", "ver", "vejo", "rien",
		"d", "thanks", "thx", "ty", "merci", "danke", "gracias", "grazie", "bedankt", "obrigado", "obrigada")
)

// ackRest reports whether the words [rest, to) after the yes or no word
// at token i only acknowledge the message (see above).
func (t *text) ackRest(i, rest, to int) bool {
	if rest >= to || to-rest > 4 {
		return false
	}
	core := false
	for k := rest; k < to; k++ {
		w := string(t.tokBytes(k))
		if ackCore[w] {
			core = true
			continue
		}
		if !ackGlue[w] && !shortFillers[w] && !t.isEmoji(k) {
			return false
		}
	}
	for k := i; !core && k+1 < to; k++ {
		core = t.ackPairAt(k)
	}
	return core
}

// ackPairAt reports whether tokens k and k+1 are one of ackPairs.
func (t *text) ackPairAt(k int) bool {
	var pair [64]byte
	a, b := t.tokBytes(k), t.tokBytes(k+1)
	if len(a)+len(b)+1 > len(pair) {
		return false
	}
	return ackPairs[string(append(append(append(pair[:0], a...), ' '), b...))]
}
