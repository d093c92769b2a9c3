package guard

// Reported speech after an offer (guard11): "as you said" opening an
// answer repeats the requester's value back as the one held.

// reportedYes say "as you said" of the offer: opening an answer, they are
// a yes judged by the rest of the sentence ("As you say, that's where it
// goes", "Wie Sie sagen, die wurde belastet", "Zoals je aangeeft, stap
// geslaagd"); "As you said, the parcel is late" answers something else.
var reportedYes = []string{
	"as you said", "as you say", "as you wrote", "as you mentioned", "as you stated", "as you indicated", "like you said",
	"like you say", "just as you said", "just as you say", "exactly as you said", "exactly as you say",
	"precisely as you said", "precisely as you say",
	"wie sie sagen", "wie sie sagten", "wie sie schreiben", "wie sie angeben", "wie sie es sagen", "wie du sagst",
	"wie du sagtest", "wie du schreibst", "wie angegeben", "genau wie sie sagen", "genau wie du sagst", "wie von ihnen angegeben",
	"comme vous dites", "comme vous le dites", "comme vous l'indiquez", "comme vous l'avez dit", "comme vous l'écrivez",
	"comme tu dis", "comme tu le dis", "comme indiqué", "comme vous le précisez", "exactement comme vous dites",
	"como dices", "como dice", "como usted dice", "como indicas", "como indica", "tal como indica", "tal como indicas",
	"tal como dice", "tal como dices", "tal cual dice", "como ha dicho", "como has dicho", "como nos indica",
	"come dice", "come dice lei", "come dici", "come dici tu", "come indica", "come ha detto", "come hai detto",
	"come da lei indicato", "proprio come dice", "come scrive",
	"zoals je zegt", "zoals u zegt", "zoals je aangeeft", "zoals u aangeeft", "zoals je schrijft", "zoals u schrijft",
	"zoals je al zei", "zoals u al zei", "zoals aangegeven", "precies zoals je zegt", "precies zoals u zegt",
	"como diz", "como disse", "como indica", "tal como indica", "tal como diz", "como referiu", "como refere",
	"como escreveu", "conforme indica", "conforme diz", "exatamente como diz",
}

// reportedCounts reports whether the reported-speech phrase at token i
// (ending at byte end) answers about the offer although the rest of its
// sentence points at no value: the rest is about no other thing and holds
// a yes word, a pronoun or place word of the value ("die wurde belastet",
// "that's where it goes"), or a consequence of the answer ("step passed",
// "I'll leave it as it is", "lo dejo así").
func (t *text) reportedCounts(i, end int) bool {
	if t.toks[i].flags&fQuestion != 0 || t.conditional(i) {
		return false
	}
	_, to := t.sentenceOf(i)
	rest := t.tokenAt(end - 1)
	if rest < i+1 {
		rest = i + 1
	}
	if rest >= to {
		return true // "As you say." alone
	}
	if t.otherAhead(rest, min(to, rest+4)) {
		return false // "As you said, the parcel is late"
	}
	for k := rest; k < to; k++ {
		lx := t.toks[k].lex
		if lx&lxStrong != 0 || reportedTails[string(t.tokBytes(k))] || k == to-1 && lx&lxEndRef != 0 {
			return true
		}
		// a pointer that is the subject: "die wurde belastet", "that's where"
		if k <= rest+1 && (lx&(lxRef|lxDemo) != 0 || demonstratives[string(t.tokBytes(k))] || reportedPronouns[string(t.tokBytes(k))]) {
			n := k + 1
			if n < to && string(t.tokBytes(n)) == "1" {
				n++ // "that one was charged"
			}
			if n < to && (t.toks[n].lex&lxCopula != 0 || reportedAux[string(t.tokBytes(n))]) {
				return true
			}
		}
	}
	return false
}

// reportedTails follow "as you said" in an answer about the offer: a yes
// word, a place word, a pronoun of the value, a consequence of the answer
// (normalised).
var reportedTails = set("exactly", "precisely", "indeed", "where", "passed", "approved", "leave",
	"genau", "exakt", "bestanden", "lasse", "dahin", "dorthin",
	"exactement", "precisement", "effectivement", "valide", "validee", "laisse",
	"exactamente", "justamente", "donde", "superado", "superada", "dejo", "dejamos",
	"esattamente", "proprio", "dove", "superato", "superata", "lascio", "lasciamo",
	"precies", "inderdaad", "waar", "geslaagd", "goedgekeurd", "laat", "laten",
	"exatamente", "justamente", "onde", "concluido", "concluida", "aprovado", "deixo", "deixamos")

// reportedPronouns stand for the offered value as a subject: German and
// Dutch "die", "der" (normalised).
var reportedPronouns = set("die", "der", "deze", "dieser")

// reportedAux follow a pronoun that is the subject of an answer: "die
// wurde belastet", "esa fue", "quella è stata" (normalised).
var reportedAux = set("was", "wurde", "war", "hat", "ist", "a", "fut", "fue", "ha", "e", "werd", "is", "foi", "vai",
	"goes", "geht", "va", "gaat", "went", "ging")
