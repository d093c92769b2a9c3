package guard

// An emoji after the word of an act or a time judges the act, not a
// value: "SMS sent ✅", "call back tomorrow 👍", "queue time 4 min, call
// ok 👍". Written after a value's noun it still answers about it ("dat
// nummer hebben wij ✅").

// actTimes say when an act is done (normalised).
var actTimes = set("tomorrow", "tmrw", "tmr", "later", "today", "tonight", "asap", "morgen", "heute", "spater",
	"demain", "aujourdhui", "soir", "manana", "hoy", "luego", "domani", "oggi", "dopo", "amanha", "hoje", "depois",
	"vandaag", "straks", "later", "min", "mins", "minutes", "minuten", "minutos", "minuti")

// emojiOnAct reports whether the emoji at token i follows a status word
// ("sent", "done"), a time word ("tomorrow"), or an "ok" after a channel
// ("call ok"): the act's status.
// The sentence before it names no value but by a channel ("SMS",
// "call"): "the new number is saved ✅" still answers.
func (t *text) emojiOnAct(from, i int) bool {
	if i < 1 {
		return false
	}
	w := string(t.tokBytes(i - 1))
	act := statusWords[w] || actTimes[w] || actSent[w] ||
		(w == "ok" || w == "okay") && i >= 2 && noteChannels[string(t.tokBytes(i-2))]
	if !act {
		return false
	}
	for k := from; k < i; k++ {
		if !noteChannels[string(t.tokBytes(k))] && t.sentencePoints(k, k+1) {
			return false
		}
	}
	return true
}

// actSent say a message went out, besides statusWords: "SMS raus ✅".
var actSent = set("raus", "out", "gesendet", "verschickt", "versendet", "envoyee", "partie", "parti", "enviada",
	"mandado", "mandada", "inviata", "mandato", "spedito", "verzonden", "gestuurd", "mandei", "enviei", "received",
	"erhalten", "recu", "recue", "recibido", "ricevuto", "ontvangen", "recebido")
