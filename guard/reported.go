package guard

import "github.com/proofdesk/proofdesk"

// Reported speech after an offer (guard11): "as you said" opening an
// answer repeats the requester's value back as the one held.

// reportedYes say "as you said" of the offer: opening an answer, they are
// a yes judged by the rest of the sentence ("As you say, that's where it
// goes", "Wie Sie sagen, die wurde belastet", "Zoals je aangeeft, stap
// geslaagd"); "As you said, the parcel is late" answers something else.
var reportedYes = []string{
	"as you said", "as you say", "as you wrote", "as you mentioned", "as you stated", "as you indicated", "as you indicate", "like you said",
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
	for k := rest; k < to; k++ {
		if laterWords[string(t.tokBytes(k))] {
			for j := rest; j < to; j++ {
				if deferWord(t.tokBytes(j)) {
					return false // "Como diz, o cartão só posso ver depois da verificação"
				}
			}
		}
		if whereWords[string(t.tokBytes(k))] && k+1 < to && goVerbs[string(t.tokBytes(k+1))] {
			return true // "that's where it goes", "é para onde vai a encomenda"
		}
		if t.placeCleft(k, to) {
			return true // "é para lá que vai a encomenda", "that's where the parcel goes"
		}
	}
	for k := rest; k < to; k++ {
		if t.toks[k].lex&lxEndRef != 0 && !hereWords[string(t.tokBytes(k))] && (k == to-1 || placeThere[string(t.tokBytes(k))]) {
			return true // "Wie angegeben, der Link ist dorthin unterwegs": sent to the offered value
		}
	}
	if t.otherAhead(rest, to) {
		return false // "As you said, the parcel is late", "that's where the confusion comes from"
	}
	for k := rest; k < to; k++ {
		lx := t.toks[k].lex
		if w := string(t.tokBytes(k)); lx&lxStrong != 0 || reportedTails[w] || yesWordSet[w] || k == to-1 && lx&lxEndRef != 0 {
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
var reportedTails = set("exactly", "precisely", "indeed", "passed", "approved", "leave",
	"genau", "exakt", "bestanden", "lasse", "dahin", "dorthin",
	"exactement", "precisement", "effectivement", "valide", "validee", "laisse",
	"exactamente", "justamente", "superado", "superada", "dejo", "dejamos",
	"esattamente", "proprio", "superato", "superata", "completata", "completato", "lascio", "lasciamo",
	"precies", "inderdaad", "geslaagd", "goedgekeurd", "laat", "laten",
	"exatamente", "justamente", "concluido", "concluida", "aprovado", "deixo", "deixamos", "fica", "completed", "abgeschlossen", "termine", "completado", "voltooid")

// whereWords say "where", goVerbs that something goes or is delivered
// there: "that's where it goes", "ahí es donde se entrega" (normalised).
var (
	whereWords = set("where", "wo", "wohin", "ou", "donde", "adonde", "dove", "waar", "waarheen", "onde", "aonde")
	goVerbs    = set("it", "goes", "go", "we", "they", "geht", "gehen", "liefern", "va", "vont", "livrons", "se", "entregamos",
		"enviamos", "va", "vanno", "consegniamo", "spediamo", "gaat", "gaan", "leveren", "vai", "vao", "entregamos", "mandamos")
)

// laterWords put something off until later: with a word for verification
// the answer waits for it (normalised).
var laterWords = set("after", "once", "until", "first", "nach", "erst", "apres", "despues", "primero", "dopo", "prima",
	"na", "eerst", "depois", "primeiro", "before", "vor", "avant", "antes", "voor")

// placeThere say "there" and nothing else (normalised: French "là" and
// Italian "lì" read as articles too, so they count only closing the
// sentence).
var placeThere = set("there", "dort", "dorthin", "dahin", "alli", "ahi", "daar", "daarheen", "ali")

// reportedPronouns stand for the offered value as a subject: German and
// Dutch "die", "der" (normalised).
var reportedPronouns = set("die", "der", "deze", "dieser")

// reportedAux follow a pronoun that is the subject of an answer: "die
// wurde belastet", "esa fue", "quella è stata" (normalised).
var reportedAux = set("was", "wurde", "war", "hat", "ist", "a", "fut", "fue", "ha", "e", "werd", "is", "foi", "vai",
	"goes", "geht", "va", "gaat", "went", "ging")

// neverHadPhrases deny the offered value by saying it was never held, is
// unknown or not the requester's, was not used, or that nothing goes to it
// ("We've never had that number for you", "die kennen wir nicht", "no se
// pagó con esa", "the reset didn't go there", "❌ not on your account"):
// denials, judged as the others by what follows them.
var neverHadPhrases = []string{
	// en
	"never had", "never held that",
	"don't know that", "do not know that", "don't know this", "don't recognise that", "don't recognize that",
	"not in your profile", "isn't in your profile", "nicht in ihrem profil", "pas dans votre profil", "no está en su perfil",
	"niet in uw profiel", "niet in je profiel", "não está no seu perfil", "not on your account", "isn't on your account", "not on the account", "isn't on the account", "not in your account",
	"wasn't used", "was not used", "never used", "never charged", "wasn't paid with", "was not paid with", "wasn't charged", "was not charged",
	"not that card", "didn't go there", "did not go there", "didn't go to that", "did not go to that", "goes elsewhere",
	"went elsewhere", "goes somewhere else", "went somewhere else", "send nothing to", "nothing goes to", "nothing went to",
	// de
	"hatten wir nie", "nie gehabt", "nie hinterlegt", "war nie hinterlegt", "kennen wir nicht", "kenne ich nicht",
	"nicht in ihrem konto", "nicht auf ihrem konto", "nicht in ihrem kundenkonto", "wurde nicht verwendet",
	"wurde nicht benutzt", "wurde nicht belastet", "nie verwendet", "nie benutzt", "nie belastet", "nicht damit bezahlt", "nicht mit dieser", "ging nicht dorthin",
	"ging nicht dahin", "ging nicht an diese", "geht woanders hin", "ging woanders hin", "schicken nichts an",
	"schicken wir nichts", "senden nichts an",
	// fr
	"jamais eu", "jamais eue", "ne connaissons pas", "ne la connaissons pas", "ne le connaissons pas",
	"ne connais pas", "pas sur votre compte", "pas dans votre compte", "n'a pas été utilisée", "n'a pas été utilisé",
	"n'a pas servi", "n'a pas été débitée", "jamais utilisée", "jamais utilisé", "jamais servi", "pas payé avec", "n'est pas parti là", "n'est pas partie là",
	"n'est pas allé là", "va ailleurs", "part ailleurs", "est parti ailleurs", "n'envoyons rien à",
	"n'envoyons rien",
	// es
	"nunca hemos tenido", "nunca tuvimos", "no conocemos", "no la conocemos", "no lo conocemos", "no está en su cuenta",
	"no está en tu cuenta", "no se usó", "no se utilizó", "no se pagó con", "no se cobró", "nunca se usó", "nunca se utilizó",
	"nunca la tuvimos", "nunca lo tuvimos", "nunca la hemos tenido", "nunca lo hemos tenido", "no fue allí", "no fue ahí",
	"no llegó ahí", "no llegó allí", "va a otro sitio", "va a otra parte", "fue a otro sitio", "no enviamos nada",
	// it
	"mai avuto", "mai avuta", "non conosciamo", "non lo conosciamo", "non la conosciamo", "non è sul suo conto",
	"non è nel suo account", "non è nel suo profilo", "non è stata usata", "non è stata utilizzata",
	"non è stata addebitata", "mai stata usata", "mai stata utilizzata", "mai usata", "non è andato lì", "non è andata lì", "va altrove", "è andato altrove",
	"è andata altrove", "non mandiamo niente", "non inviamo nulla", "non spediamo nulla",
	// nl
	"nooit gehad", "kennen we niet", "kennen wij niet", "ken ik niet", "niet op uw account", "niet op je account",
	"niet in uw account", "niet in je account", "is niet gebruikt", "nooit gebruikt", "niet mee betaald", "is niet belast",
	"ging niet daarheen", "ging niet naar dat", "ging niet naar die", "gaat ergens anders heen", "ging ergens anders heen",
	"sturen niets naar", "versturen niets naar",
	// pt
	"nunca tivemos", "não conhecemos", "não a conhecemos", "não o conhecemos", "não está na sua conta",
	"não está na tua conta", "não foi usado", "não foi usada", "não foi utilizado", "não foi utilizada",
	"nunca o tivemos", "nunca a tivemos", "nunca foi usado", "nunca foi usada", "não foi pago com", "não foi paga com", "não foi cobrado", "não foi cobrada", "não foi para lá", "vai para outro lado", "foi para outro lado",
	"vai para outro sítio", "não enviamos nada",
}

// neverHadCounts reports whether the never-had phrase at token i denies
// the offered value of class: its sentence names no other thing and
// points at the value — a noun of the class (not led by "no", "any",
// "our"), a pointer ("that one", "die", "là"), an object pronoun of the
// value ("ne l'avons jamais eu"), or it opens on a no word ("No, that
// card wasn't used", "❌ not on your account").
func (t *text) neverHadCounts(i int, class string) bool {
	from, _ := t.sentenceOf(i)
	cf, ct := t.clauseOf(i) // the phrase's clause
	// what is sent to an email or a phone (a link, a code) not going there
	// denies the value; a parcel not going to an address is a delivery
	// problem ("the driver couldn't go there today"), and a card or a date
	// of birth is not somewhere to go
	if class == proofdesk.ClassEmail || class == proofdesk.ClassPhone {
		if t.toks[ct-1].lex&lxEndRef != 0 && !hereWords[string(t.tokBytes(ct-1))] {
			return true // "the reset didn't go there", "der Link ging nicht dorthin"
		}
		for k := cf; k < ct; k++ {
			if placeThere[string(t.tokBytes(k))] {
				return true // "De resetlink ging daar niet heen"
			}
		}
	}
	if t.otherAhead(cf, ct) && !t.subjectValueUse(i, cf, ct, class) {
		return false // "We've never had that problem", "the voucher wasn't used"; not "that card wasn't used for this order"
	}
	for k := cf; k < ct; k++ {
		if t.toks[k].lex&lxCard != 0 && class != proofdesk.ClassPayment || t.toks[k].flags&fNumber != 0 && string(t.tokBytes(k)) != "1" {
			return false // "The card ending 1234 is not on your account": another value
		}
	}
	if w := string(t.tokBytes(from)); from < i && (noWordSet[w] && t.toks[from].flags&fPunctAfter != 0 || t.isEmoji(from)) {
		return true
	}
	for k := cf; k < ct; k++ {
		w := string(t.tokBytes(k))
		if t.mentionsValue(k, cf, class) || k >= i-3 && k < i && neverHadPronouns[w] && t.clitics(k+1, i) ||
			(demonstratives[w] || demoDeterminers[w] || neverHadPronouns[w] && w != "l") && (k+1 == ct || string(t.tokBytes(k+1)) == "1" || t.classNoun(k+1, string(t.tokBytes(k+1)), class) ||
				class == proofdesk.ClassAddress && t.toks[k+1].lex&lxStreet != 0) {
			return true
		}
	}
	return false
}

// clitics reports whether tokens [from, to) are only the little words
// between an object pronoun and its verb ("l'avons", "wir", "abbiamo").
func (t *text) clitics(from, to int) bool {
	for k := from; k < to; k++ {
		if !cliticWords[string(t.tokBytes(k))] {
			return false
		}
	}
	return true
}

// cliticWords stand between an object pronoun and its verb (normalised).
var cliticWords = set("ne", "n", "l", "nous", "avons", "wir", "we", "non", "abbiamo", "hemos", "nunca", "mai", "nooit",
	"hebben", "wij", "ik", "nao", "nos", "temos", "je", "u", "jou", "you", "have", "ve", "i", "haben", "ich", "never")

// neverHadPronouns are object pronouns or demonstratives that stand for
// the offered value before the verb ("ne l'avons jamais eu", "die kennen
// wir nicht", "quello non l'abbiamo mai avuto") (normalised); "that" and
// "dat" stand for anything ("Dat hebben we nooit gehad met die
// vervoerder").
var neverHadPronouns = set("l", "la", "le", "lo", "die", "deze", "essa", "esse", "esa", "ese", "quello", "quella")

// noWordSet holds the no words that open a denial without punctuation
// after them ("nope", "nein", "emojino") (normalised).
var noWordSet = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range noWords {
		if toks := normTokens(w); len(toks) == 1 {
			m[toks[0]] = true
		}
	}
	for _, w := range noPunctWords {
		if toks := normTokens(w); len(toks) == 1 {
			m[toks[0]] = true
		}
	}
	return m
}()

// neverWords say "never" or "nothing", or negate a verb of going: a
// denial when their clause also holds a verb of having or knowing ("Die
// Nummer hatten wir bei Ihnen nie"), of sending ("A essa rua não
// mandamos nada") or of going with a place word ("De resetlink ging daar
// niet heen"), judged then as neverHadPhrases (neverWordCounts).
var neverWords = []string{"never", "nie", "niemals", "jamais", "nunca", "mai", "nooit", "nothing", "nichts",
	"rien", "nada", "niente", "nulla", "niets", "niet", "nicht", "not", "pas", "non", "não"}

// neverWordCounts reports whether the clause of never word i holds a verb
// of having or knowing with "never", of sending with "nothing", or of
// going with a place word.
func (t *text) neverWordCounts(i int) bool {
	cf, ct := t.clauseOf(i)
	w := string(t.tokBytes(i))
	have, send, goes, place, used := false, false, false, false, false
	for k := cf; k < ct; k++ {
		x := string(t.tokBytes(k))
		used = used || k > i && usedForms[x] // "wurde für die Bestellung nicht verwendet"
		have = have || haveVerbs[x]
		send = send || sendForms[x]
		goes = goes || goVerbForms[x]
		place = place || placeThere[x] || k == ct-1 && t.toks[k].lex&lxEndRef != 0 && !hereWords[x]
	}
	switch {
	case neverSet[w]:
		return have || send // "We've never shipped anything to that street for you"
	case nothingSet[w]:
		return send
	}
	return goes && place || used && notWords[w] && t.demoBefore(cf, i)
}

// demoBefore reports whether a demonstrative stands in [from, i): "Diese
// Karte wurde ... nicht verwendet", not "Ihre Karte wurde nicht belastet".
func (t *text) demoBefore(from, i int) bool {
	for k := from; k < i; k++ {
		if t.demoAt(k) || actDemos[string(t.tokBytes(k))] {
			return true
		}
	}
	return false
}

// Words of the clause around a never word (normalised).
var (
	// usedForms are participles of using after a negation ("nicht
	// verwendet", "niet gebruikt"); "not charged" is a payment's state.
	usedForms  = set("verwendet", "benutzt", "genutzt", "belastet", "gebruikt", "belast", "used", "charged")
	notWords   = set("nicht", "niet", "not")
	neverSet   = set("never", "nie", "niemals", "jamais", "nunca", "mai", "nooit")
	nothingSet = set("nothing", "nichts", "rien", "nada", "niente", "nulla", "niets")
	haveVerbs  = set("had", "have", "held", "known", "know", "hatten", "gehabt", "haben", "kennen", "gekannt", "eu", "eue",
		"avons", "connu", "connue", "tenido", "tuvimos", "hemos", "conocido", "avuto", "avuta", "abbiamo", "conosciuto",
		"gehad", "hebben", "gekend", "kennen", "tivemos", "temos", "tido", "conhecemos", "conhecido")
	sendForms = set("send", "sent", "ship", "shipped", "deliver", "delivered", "senden", "schicken", "liefern", "geschickt",
		"envoyons", "livrons", "expedions", "envoye", "enviamos", "mandamos", "entregamos", "enviado", "spediamo",
		"mandiamo", "inviamo", "spedito", "sturen", "versturen", "leveren", "gestuurd", "verstuurd", "enviado", "mandado")
	goVerbForms = set("go", "goes", "went", "gone", "ging", "geht", "gegangen", "parti", "partie", "alle", "allee", "va",
		"fue", "llego", "andato", "andata", "arrivato", "arrivata", "gaat", "gegaan", "foi", "chegou")
)

// saidVerbs say that the requester said or wrote something, as a verb or
// a participle ("as you wrote", "as mentioned", "wie angegeben",
// "comme indiqué", "según indica", "come da lei indicato", "zoals u al
// aangaf", "tal como referiu"): with an "as" word before them in the
// clause that opens the sentence (saidOpening) they open an answer as
// reportedYes do.
var saidVerbs = []string{"said", "wrote", "write", "mentioned", "mention", "stated", "indicated", "put it",
	"told us", "message", "note", "sagen", "sagten", "sagst", "sagtest", "schreiben", "schrieben", "schreibst",
	"geschrieben", "genannt", "angegeben", "erwahnt", "erwähnt", "dites", "dit", "indiquez", "indique", "indiqué",
	"mentionnez", "mentionné", "écrivez", "écrit", "précisez", "précisé", "dices", "dice", "dijo", "indica", "indicas",
	"indicó", "escribe", "escribes", "menciona", "mencionó", "dici", "detto", "scrive", "scritto", "indicato",
	"menzionato", "menziona", "zegt", "zei", "aangeeft", "aangaf", "aangegeven", "schrijft", "schreef", "noemt",
	"noemde", "diz", "disse", "indicou", "referiu", "refere", "escreveu", "mencionou", "mencionado", "referido"}

// saidOpening reports whether the verb of saying at token i closes the
// clause that opens its sentence (at most 8 tokens, punctuation right
// after the verb or up to two tokens later) and that clause holds an "as"
// word:
// "As per your message,", "Wie von Ihnen genannt,", "Según indica,".
func (t *text) saidOpening(i int) bool {
	from := t.sentenceStart(i)
	if i-from > 5 || t.toks[i].flags&fQuestion != 0 {
		return false
	}
	end := i // the clause's last token: the verb or up to 2 after it ("as mentioned by you,")
	for end < i+2 && end+1 < len(t.toks) && t.toks[end].flags&fPunctAfter == 0 {
		end++
	}
	if t.toks[end].flags&fPunctAfter == 0 || end-from > 7 {
		return false
	}
	for k := from; k < i; k++ {
		if t.toks[k].flags&fPunctAfter != 0 {
			return false // the clause ends before the verb
		}
		if asOpeners[string(t.tokBytes(k))] {
			return true
		}
	}
	return false
}

// sentenceStart returns the first token of token i's sentence.
func (t *text) sentenceStart(i int) int {
	from, _ := t.sentenceOf(i)
	return from
}

// asOpeners say "as" or "according to" before a verb of saying (normalised).
var asOpeners = set("as", "like", "per", "wie", "so", "comme", "ainsi", "como", "tal", "segun", "conforme", "come",
	"cosi", "secondo", "zoals", "net", "volgens", "gemass", "laut", "selon", "d apres")

// saidEnd returns the offset in the token view after the clause that the
// verb of saying at token i closes (saidOpening).
func (t *text) saidEnd(i int) int {
	end := i
	for end < i+2 && end+1 < len(t.toks) && t.toks[end].flags&fPunctAfter == 0 {
		end++
	}
	return int(t.toks[end].end) + 1
}

// clauseOf returns the token indexes [from, to) of the clause that holds
// token i: from the punctuation mark before it to the one after, in its
// sentence.
func (t *text) clauseOf(i int) (from, to int) {
	sf, st := t.sentenceOf(i)
	from, to = i, i
	for from > sf && t.toks[from-1].flags&fPunctAfter == 0 {
		from--
	}
	for to < st-1 && t.toks[to].flags&fPunctAfter == 0 {
		to++
	}
	return from, to + 1
}

// placeCleft reports whether token k opens a cleft of place: "where" or
// a place word and a relative ("là que", "lì che", "dort wo"), then a
// verb of going within 3 tokens: "that's where the parcel goes", "c'est
// là que part le colis", "é para lá que vai a encomenda" (guard13a).
func (t *text) placeCleft(k, to int) bool {
	w := string(t.tokBytes(k))
	v := k + 1
	switch {
	case whereWords[w]:
	case (placeThere[w] || w == "la" || w == "li") && k+1 < to && cleftRelatives[string(t.tokBytes(k+1))]:
		v = k + 2
	default:
		return false
	}
	for j := v; j < to && j <= v+2; j++ {
		if x := string(t.tokBytes(j)); goVerbForms[x] || sendGoVerbs[x] || sendVerbs[x] {
			return true
		}
	}
	return false
}

// cleftRelatives follow the place word of a cleft (normalised).
var cleftRelatives = set("que", "che", "wo", "waar", "where", "donde", "dove", "ou", "onde")

// reportedEnd returns the offset in the token view where the answer after
// the reported-speech phrase ending at end begins: past a clause that
// says where it was said ("As you said in your email, ..."), which is no
// answer.
func (t *text) reportedEnd(end int) int {
	k := t.tokenAt(end - 1)
	if k <= 0 || k >= len(t.toks) || t.toks[k-1].flags&fPunctAfter != 0 || !recordPreps[string(t.tokBytes(k))] {
		return end
	}
	for k < len(t.toks)-1 && t.toks[k].flags&fPunctAfter == 0 {
		k++
	}
	return int(t.toks[k].end) + 1
}
