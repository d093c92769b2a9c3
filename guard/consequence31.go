package guard

// A yes or no and then what follows from it. "Correct, so you'll get the
// birthday upgrade on that flight", "Richtig, dann bekommen Sie das
// Upgrade", "Exact, vous aurez donc le surclassement", "Klopt, dus u
// krijgt de upgrade": after a value was offered, a consequence drawn from
// the answer ("so", "dann", "donc", "dus") holds only if the value
// matched, so the answer word counts whatever the clause goes on with —
// a modal or the future would otherwise read as a process answer
// (process28.go). A deferral ("once you've verified") keeps it a step of
// the process, and an acknowledgement ("OK, so you'd like ...") is no
// answer.

// consequence31 reports whether the clause [rest, to) after an answer
// word set off by a mark (token rest-1) draws a consequence from it: a connective of
// consequence within its first three tokens, no mark before it, and no
// deferral in the sentence.
func (t *text) consequence31(rest, to int) bool {
	if rest < 1 || to-rest < 3 || t.toks[rest-1].flags&fPunctAfter == 0 || ackWords31[string(t.tokBytes(rest-1))] {
		return false
	}
	at := -1
	for k := rest; k < to && k <= rest+2; k++ {
		w := string(t.tokBytes(k))
		next := ""
		if k+1 < to {
			next = string(t.tokBytes(k + 1))
		}
		if soWords31[w] && !soNot31[next] && (w != "so" || soSubjects31[next]) || w == "asi" && next == "que" || w == "du" && next == "coup" ||
			w == "which" && next == "means" || w == "por" && next == "lo" {
			at = k
			break
		}
		if t.toks[k].flags&fPunctAfter != 0 {
			break
		}
	}
	if at < 0 {
		return false
	}
	if thenWords31[string(t.tokBytes(at))] && !judgeYes31[string(t.tokBytes(rest-1))] {
		return false // "Yes, then the driver will meet you at arrivals": a time, after a plain yes
	}
	from, end := t.sentenceOf(rest)
	for k := from; k < end; k++ {
		if deferWord(t.tokBytes(k)) || t.toks[k].flags&fQuestion != 0 || processTimes28[string(t.tokBytes(k))] ||
			k > at && (t.toks[k].flags&fNumber != 0 || t.toks[k].cls&clDigit != 0) {
			return false // "Yes, so once you've verified, ...", "OK, so ...?", "so you'll get a text when the room is ready", "dann um 9 Uhr"
		}
	}
	return true
}

// Words of a consequence drawn from an answer (normalised).
var (
	// soWords31 are connectives of consequence: "so", "dann", "donc",
	// "entonces", "quindi", "dus", "então".
	soWords31 = set("so", "then", "therefore", "thus", "dann", "also", "somit", "folglich", "donc", "alors", "entonces",
		"pues", "luego", "quindi", "allora", "dunque", "percio", "dus", "dan", "derhalve", "entao", "portanto", "logo")
	// soNot31 follow "so" or "logo" and make them no consequence: "so
	// that", "so far", "logo que" (as soon as), "dan ook".
	soNot31 = set("that", "far", "long", "much", "many", "que", "ook", "dass", "wie")
	// thenWords31 are the connectives that also say "then" of time: they
	// draw a consequence only after a word that judges the value
	// (judgeYes31: "Correct, then ...", "Richtig, dann ...").
	thenWords31 = set("then", "dann", "alors", "entonces", "luego", "allora", "dan")
	judgeYes31  = set("correct", "right", "exactly", "exact", "precisely", "richtig", "korrekt", "stimmt", "genau",
		"exakt", "exactement", "correcto", "correcta", "exacto", "exactamente", "esatto", "esattamente", "giusto",
		"corretto", "klopt", "juist", "precies", "correct", "certo", "exato", "exatamente", "correto", "isso")
	// soSubjects31 open the clause after English "so" (German "so" is
	// "like this": "Richtig, so funktioniert die Rücksendung").
	soSubjects31 = set("you", "youll", "youre", "youd", "we", "well", "were", "it", "itll", "its", "the", "your", "that",
		"thats", "this", "there", "theres", "she", "he", "they", "theyll", "shell", "hell")
	// ackWords31 acknowledge a message rather than answer it; "Right,
	// so ..." opens a summary.
	ackWords31 = set("right", "ok", "okay", "okey", "alright", "daccord", "vale", "oke", "oki", "ta", "bene", "prima", "gut", "top",
		"noted", "understood", "verstanden", "entendu", "entendido", "capito", "begrepen", "entendido", "thanks", "danke", "merci",
		"gracias", "grazie", "bedankt", "obrigado", "obrigada")
)
