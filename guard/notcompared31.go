package guard

// A value taken down without comparing it: "Dank u, ik heb dat adres
// alleen voor deze bezorging genoteerd, zonder het met het profiel te
// vergelijken", "I've noted that address for this delivery only, without
// checking it against the profile", "sin compararla con la reserva". The
// agent says the record was not looked at: no answer about it, whatever
// words for the record and the value the sentence holds.

// notCompared31 reports whether t says "without" and, within six tokens
// after it in the same clause, a verb of comparing or checking.
func (t *text) notCompared31() bool {
	if t.cls&clWithout31 == 0 {
		return false // no "without" in the reply
	}
	for k := range t.toks {
		if !t.has(k, clWithout31) {
			continue
		}
		for j := k + 1; j < len(t.toks) && j <= k+6; j++ {
			if compareVerbs31[string(t.tokBytes(j))] {
				if t.verdictAfter38(j) {
					break // "sin compararlo con el perfil, y sí, es al que enviamos" (triggerwrap38.go)
				}
				return true
			}
			if t.toks[j].flags&fPunctAfter != 0 {
				break
			}
		}
	}
	return false
}

// Words of comparing not done (normalised).
var (
	withoutWords31 = set("without", "ohne", "sans", "sin", "senza", "zonder", "sem")
	compareVerbs31 = set("comparing", "compare", "checking", "check", "matching", "match", "looking", "vergleichen",
		"abgleichen", "abzugleichen", "prufen", "comparer", "comparaison", "confronter", "regarder", "compararla",
		"compararlo", "comparar", "cotejar", "cotejarla", "cotejarlo", "mirar", "revisar", "confrontarlo", "confrontarla",
		"confrontare", "controllare", "controllarlo", "controllarla", "guardare", "vergelijken", "controleren",
		"checken", "kijken", "conferir", "compara", "verificar")
)

// sentFrom31 reports whether the sentence [from, to) says where the
// business's messages are sent from: "from" ("von", "depuis", "desde",
// "da", "vanaf"), within two tokens a demonstrative or a value noun, and
// a verb of sending or coming within four tokens before "from" or three
// after the noun: "No, boarding passes
// aren't sent from that address", "Nein, die Bordkarten kommen nicht von
// dieser Adresse". The address is a sender's, not hers on the record.
func (t *text) sentFrom31(from, to int) bool {
	for j := from; j < to; j++ {
		f := string(t.tokBytes(j))
		if !senderFrom31[f] && !(f == "de" && j+1 < to && (t.toks[j+1].lex&lxDemo != 0 || demoMore28[string(t.tokBytes(j+1))])) {
			continue // "de" only before a demonstrative: "ne partent pas de cette adresse"
		}
		n := -1
		for x := j + 1; x < to && x <= j+2 && n < 0; x++ {
			if t.toks[x].lex&lxDemo != 0 || demoMore28[string(t.tokBytes(x))] || isValueNoun(string(t.tokBytes(x))) {
				n = x
			}
		}
		if n < 0 {
			continue
		}
		// the verb before "from" or after the noun: "worden niet vanaf dat
		// adres verstuurd"
		for x := max(from, j-4); x < to && x <= n+3; x++ {
			if senderVerbs31[string(t.tokBytes(x))] {
				return true
			}
		}
	}
	return false
}

// Words of a message's sender (normalised).
var (
	senderVerbs31 = set("sent", "send", "sends", "come", "comes", "came", "go", "goes", "mailed", "verschickt", "versendet",
		"gesendet", "geschickt", "kommen", "kommt", "kam", "envoye", "envoyes", "envoyee", "envoyees", "partent", "part",
		"viennent", "vient", "enviado", "enviados", "enviada", "enviadas", "salen", "sale", "vienen", "viene", "llegan",
		"inviato", "inviati", "inviata", "inviate", "partono", "parte", "arrivano", "arriva", "vengono", "viene",
		"verstuurd", "verzonden", "gestuurd", "komen", "komt", "saem", "sai", "vem", "veem", "chegam", "chega", "envian",
		"envia", "enviam", "envoient", "sendet", "senden", "schicken", "inviano", "invia", "versturen", "sturen", "verstuurt")
	senderFrom31 = set("from", "von", "depuis", "desde", "da", "vanaf", "van", "dal", "dalla", "dallo")
)

// sameOfThing31 reports whether the agreement word at token i, a phrase
// of one token (span sp) in a sentence ending at to, is an adjective of
// the noun right after it: "our same-day zone", "the same flight", "le
// même tarif". "Same number", "same one", "same as on file" and "same,
// yes" still agree.
func (t *text) sameOfThing31(i, to int, sp span) bool {
	if int(t.toks[i].end) < sp.end-1 || i+1 >= to || t.toks[i].flags&fPunctAfter != 0 || i == 0 || t.toks[i-1].flags&fPunctAfter != 0 {
		return false // one token, a word after it, led by an article or a possessive ("the same", "our same-day")
	}
	if !sameLeads31[string(t.tokBytes(i-1))] {
		return false
	}
	n := string(t.tokBytes(i + 1))
	return otherThings[n] || sameThings31[n]
}

// Words of "same" as an adjective (normalised): the articles and
// possessives before it, the things after it.
var (
	sameLeads31  = set("our", "the", "a", "this", "that", "its")
	sameThings31 = set("day", "night", "week", "flight", "room", "rate", "tariff", "fare", "terminal", "gate", "zone",
		"hotel", "seat", "time", "route", "airline", "booking", "reservation", "trip", "journey", "train", "bus")
)
