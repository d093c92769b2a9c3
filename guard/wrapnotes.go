package guard

import "github.com/proofdesk/proofdesk"

// A call-wrap note records what the caller gave and how it compared with
// the record, in shorthand: "Notes: cust read out mobile, correct, SMS
// sent", "notiz: Adr. Anrufer = Akte ✔", "nº llamante ≠ ficha", "last4
// given ≠ file". Sent to the requester, or where the requester can read
// it, it confirms or denies the value they offered as a reply in words
// does. wrapNote reads the verdict of such a note.

// noteLabels open a note: "Notes:", "Notiz:", "Nota:", "wrap:".
var noteLabels = set("note", "notes", "notiz", "notizen", "nota", "notas", "note", "wrap", "wrapup", "memo", "vermerk",
	"nb", "remarque", "remarques", "observacion", "observaciones", "annotazione", "notitie", "notities", "opmerking",
	"aantekening", "observacao", "observacoes", "anotacao", "summary", "resume", "resumen", "riepilogo", "samenvatting",
	"zusammenfassung", "resumo", "anmerkung", "nachbearbeitung", "acw")

// callerWords name the one who called, in a note's shorthand.
var callerWords = set("cust", "caller", "cx", "anrufer", "anruferin", "appelant", "appelante", "llamante", "chiamante",
	"beller", "chamador", "chamadora", "interlocutor")

// givenWords say that the caller gave, read out or spelled a value.
var givenWords = set("given", "gave", "read", "spelled", "spelt", "provided", "stated", "quoted", "supplied", "genannt",
	"angegeben", "buchstabiert", "durchgegeben", "vorgelesen", "mitgeteilt", "donne", "donnee", "donnees", "epele", "epelee",
	"fourni", "fournie", "indique", "indiquee", "communique", "communiquee", "dada", "dado", "dadas", "dados", "deletreado",
	"deletreada", "facilitado", "facilitada", "proporcionado", "proporcionada", "dictado", "dictada", "fornito", "fornita",
	"dettato", "dettata", "comunicato", "comunicata", "indicato", "indicata", "opgegeven", "gespeld", "genoemd",
	"doorgegeven", "voorgelezen", "informado", "informada", "soletrado", "soletrada", "fornecido", "fornecida", "ditado",
	"ditada", "indicado", "indicada", "dato", "dati", "dio", "deu", "gab", "gaf", "disse", "dit", "dicto",
	// the customer, a word of every reply: it counts only in a labelled note
	"customer", "client", "cliente", "kunde", "kundin", "klant",
	// and its shorthand in the seven languages (a22b): "Kd.", "cli.", "cte", "kl."
	"kd", "kdn", "kdin", "cl", "cli", "clt", "cte", "clte", "kl", "klt", "cust")

// noteCues gate wrapNote: a text without one is no note (text.spoken's
// spNote bit, set while emitting).
var noteCues = func() map[string]bool {
	m := set("eq", "neq", "emojiyes", "emojino")
	for _, s := range []map[string]bool{noteLabels, callerWords, givenWords} {
		for w := range s {
			m[w] = true
		}
	}
	return m
}()

// fileWords name the record a value is compared with.
var fileWords = set("file", "record", "records", "system", "crm", "akte", "datei", "system", "kartei", "stammdaten",
	"dossier", "fiche", "ficha", "expediente", "registro", "scheda", "archivio", "anagrafica", "pratica", "bestand",
	"systeem", "klantdossier", "ficheiro", "registo", "cadastro", "sistema", "acct", "account", "konto", "compte",
	"cuenta", "conto", "rekening", "conta")

// noteYes are the verdict words of a match; noteNo of a mismatch.
var noteYes = set("eq", "emojiyes", "correct", "matches", "match", "matched", "matching", "ok", "okay",
	"conforme", "conformes", "coincide", "coinciden", "coincidente", "stimmt", "passt", "korrekt", "identisch",
	"klopt", "corrisponde", "corretto", "corretta", "corrispondente", "confere", "bate", "correto", "correta", "idem",
	"identical", "juist", "correcto", "correcta", "exacto", "exacta", "exact", "exakt", "esatto", "esatta", "same",
	"ident", "gleich", "overeen", "juste", "bon", "valide", "valid", "gueltig",
	// the agent's acts of checking, said done: "verified", "bestätigt" (noteActs)
	"confirmed", "verified", "checked", "confirme", "confirmee", "verifie", "verifiee", "bestatigt", "verifiziert",
	"confirmado", "confirmada", "verificado", "verificada", "confermato", "confermata", "verificato", "verificata",
	"bevestigd", "geverifieerd",
	// a22b: the verdict in a note's everyday words: "nickel", "akkoord",
	// "tudo certo", "all good", "perfecto"
	"nickel", "akkoord", "certo", "certa", "good", "fine", "perfect", "perfecto", "perfecta", "perfetto", "perfetta",
	"parfait", "parfaite", "perfeito", "perfeita", "prima", "goed", "top", "bien", "bene", "bom", "boa", "gut",
	"valido", "valida", "geldig", "gueltig", "yes", "ja", "oui", "sim", "true")

// noteWeak are the acts of checking said done (noteActs and their
// shorthand): a verdict of a match unless a verdict word after them in the
// sentence says otherwise ("Kd.-Tel. abgeglichen ❌", "tel checked, wrong").
// The other acts ("geprüft", "comprobado", "abgeglichen", "chkd") say the
// check was done, not how it came out: a verdict word or symbol after
// them does ("Tel. Kd. geprüft, passt").
var noteWeak = set("confirmed", "verified", "checked", "confirme", "confirmee", "verifie", "verifiee", "bestatigt",
	"verifiziert", "confirmado", "confirmada", "verificado", "verificada", "confermato", "confermata", "verificato",
	"verificata", "bevestigd", "geverifieerd")

var noteNo = set("neq", "emojino", "mismatch", "mismatched", "wrong", "incorrect", "falsch", "abweichend", "differs",
	"different", "faux", "fausse", "differente", "distinto", "distinta", "diferente", "errado", "errada", "diverso",
	"diversa", "sbagliato", "sbagliata", "errato", "errata", "anders", "onjuist", "afwijkend", "fout", "incorrecto",
	"incorrecta", "incorreto", "incorreta", "ungleich", "nomatch", "unmatched", "false", "nok", "ko")

// noteClassWords name a protected value in a note's shorthand, by
// class, besides the phone and card words of the lexicon; the words for
// "number" name a phone or a card.
var noteClassWords = func() map[string]string {
	m := map[string]string{}
	for class, words := range map[string][]string{
		proofdesk.ClassDateOfBirth: {"dob", "ddn", "dn", "fdn", "gebdat", "geb", "geburtsdatum", "birth", "birthdate",
			"naissance", "nacimiento", "nascita", "geboortedatum", "nascimento"},
		proofdesk.ClassAddress: {"address", "addr", "adr", "adresse", "anschrift", "direccion", "indirizzo", "adres",
			"morada", "endereco", "postcode", "plz", "zip", "cp", "cap"},
		proofdesk.ClassEmail: {"email", "mail", "correo", "courriel", "emailadresse"},
		// a22b: the phone's shorthand besides the lexicon's: "tlm.", "mob.", "cel."
		proofdesk.ClassPhone:   {"tlm", "tlmv", "mob", "cel", "tfn", "tfno", "telf", "tlfn", "fon"},
		proofdesk.ClassPayment: {"last4", "iban", "kartenendziffern", "endziffern"},
		"number":               {"number", "nummer", "numero", "nr", "no", "num", "digits"},
	} {
		for _, w := range words {
			m[w] = class
		}
	}
	return m
}()

// noteNames reports whether token i names a value of class in a note:
// "DOB", "Adr.", "mobile", "card", "nr".
func (t *text) noteNames(i int, w, class string) bool {
	c, ok := noteClassWords[w]
	switch {
	case c == "number" && t.numberOwned(i):
		return false // "cust gave ticket no.", "nº de pedido": another noun's number
	case ok:
		return c == class || c == "number" && (class == proofdesk.ClassPhone || class == proofdesk.ClassPayment)
	case t.toks[i].lex&lxPhone != 0:
		if noteChannels[w] && !(i+1 < len(t.toks) && numberWords[string(t.tokBytes(i+1))]) {
			return false // "SMS sent ✅", "call back tomorrow 👍": the channel used, not the number
		}
		return class == proofdesk.ClassPhone
	case t.toks[i].lex&lxCard != 0:
		return class == proofdesk.ClassPayment
	}
	return false
}

// noteChannels are the phone words that name a way of reaching her, not
// the number, unless a word for "number" follows ("SMS number").
var noteChannels = set("call", "text", "sms", "whatsapp", "contact", "ruf", "rufe", "rufen", "anrufen")

// numberOwned reports whether the "number" word at i is another noun's:
// an owner before it ("ticket no.", "order nr") or after it behind
// "de"/"di"/"van"/"do" ("nº de pedido", "numero di ordine").
func (t *text) numberOwned(i int) bool {
	if i > 0 && (ownerWords[string(t.tokBytes(i-1))] || ownerStems[string(t.tokBytes(i-1))]) {
		return true
	}
	if i+1 < len(t.toks) && ownerWords[string(t.tokBytes(i+1))] {
		return true
	}
	if i+2 < len(t.toks) && ownerOf[string(t.tokBytes(i+1))] && ownerWords[string(t.tokBytes(i+2))] {
		return true
	}
	return false
}

// ownerStems are the first halves of German compounds written with a
// hyphen before "Nr.": "Bestell-Nr.", "Kunden-Nr.", "Vorgangs-Nr.".
var ownerStems = set("bestell", "auftrags", "rechnungs", "kunden", "vorgangs", "sendungs", "referenz", "artikel",
	"ticket", "fall", "lieferschein", "paket")

// ownerOf join a number to its owner: "nº de pedido".
var ownerOf = set("de", "di", "du", "del", "della", "van", "do", "da", "des", "der", "of")

// noteNegations turn a verdict word of a match into one of a mismatch:
// "doesn't match", "stimmt nicht", "ne correspond pas", "no coincide".
var noteNegations = set("not", "doesnt", "dont", "didnt", "no", "nicht", "ne", "pas", "non", "niet", "nao", "kein",
	"neither", "nor", "weder", "noch", "ni", "nem", // "neither confirmed nor denied" (a22b)
	"isnt", "never")

// wrapNote returns RuleConfirmation or RuleDenial when t is a call-wrap
// note that compares a value of class the caller gave with the record,
// else "".
// A note is a text that opens with a note label, or a sentence that names
// the caller or compares with a symbol (=, ≠, ✔, ✗); the verdict follows
// a word of giving or the caller within its sentence: a verdict word,
// negated or not, or a symbol, = and ≠ before a word for the record.
// A question, or a sentence under a condition ("if the number given is
// correct"), is no verdict.
func (t *text) wrapNote(class string) string {
	if len(t.toks) == 0 {
		return ""
	}
	if rule := t.noteField(class); rule != "" || t.spoken&spNote == 0 {
		return rule
	}
	labelled := noteLabels[string(t.tokBytes(0))] && t.toks[0].flags&fPunctAfter != 0
	// an abbreviation's dot split the sentence: "Nr. Anrufer ≠ Akte",
	// "Nota: cell. cli. verificato", "Notiz: Tel. Kd. <> Akte": fragments
	// of up to 4 words carry what they named, and a cue (the name in a
	// labelled note, the caller, a word of giving), to the next sentence
	abbrev, cue := false, false
	for from := 0; from < len(t.toks); {
		to := from + 1
		for to < len(t.toks) && t.toks[to].flags&fSentence == 0 {
			to++
		}
		if rule := t.noteSentence(from, to, class, labelled, abbrev, abbrev && cue); rule != "" {
			return rule
		}
		size := to - from
		if from == 0 && labelled {
			size-- // "Nota: data nascita cli.": the label is no word of the fragment
		}
		if size > 4 {
			abbrev, cue = false, false
		}
		for k := from; k < to && size <= 4; k++ {
			w := string(t.tokBytes(k))
			if t.noteNames(k, w, class) {
				abbrev, cue = true, cue || labelled
			}
			cue = cue || callerWords[w] || givenWords[w]
		}
		from = to
	}
	return ""
}

// noteSentence is wrapNote for the sentence of tokens [from, to).
func (t *text) noteSentence(from, to int, class string, labelled, named, cued bool) string {
	if t.toks[from].flags&fQuestion != 0 {
		return ""
	}
	given := -1
	if cued {
		given = from - 1 // the fragments before: "Tel. Kd. | <> Akte"
	}
	caller, record := false, false
	weak := "" // an act of checking said done: the verdict unless a later word says otherwise
	for i := from; i < to; i++ {
		w := string(t.tokBytes(i))
		switch {
		case condWords[w]:
			return ""
		// the verdict's window runs from the last cue: "il chiamante ha
		// dato la data di nascita, corretta"
		case callerWords[w]:
			caller, given = true, i
		case givenWords[w]:
			given = i
		case t.noteNames(i, w, class):
			named = true
			if labelled || given >= 0 {
				given = i // "Notes: DOB ✔ matches", "Notiz: Handynummer = Akte"
			}
		case fileWords[w]:
			record = true
		case ownerWords[w]:
			named = false // "cust gave order no., ok": the verdict is the order's
		case given >= 0 && i-given <= 6:
			// the value's class named: "refund given, correct amount"
			// and "cust called about refund, correct amount refunded"
			// are about something else
			if !named {
				continue
			}
			switch w {
			case "eq", "neq":
				if !t.recordNear(i, to) {
					continue
				}
			case "emojiyes", "emojino":
				if !labelled && !record {
					continue // "caller ID withheld ✔"
				}
			default:
				if !labelled && !caller {
					continue
				}
			}
			yes, no := noteYes[w] || noteWeak[w], noteNo[w]
			if !yes && !no {
				continue
			}
			// "ticket no., matches": a negation word cut off by punctuation negates nothing
			neg := i > from && noteNegations[string(t.tokBytes(i-1))] && t.toks[i-1].flags&fPunctAfter == 0 || i+1 < to && noteNegations[string(t.tokBytes(i+1))] ||
				i > from+1 && noteNegations[string(t.tokBytes(i-2))] && t.toks[i-2].flags&fPunctAfter == 0
			if neg && noteActs[w] {
				continue // "numéro donné ; non confirmé", "né confermata né smentita": the agent did not check, no verdict
			}
			if yes && !neg && noteWeak[w] {
				weak = RuleConfirmation
				continue
			}
			if yes && !neg {
				return RuleConfirmation
			}
			return RuleDenial
		}
	}
	return weak
}

// recordNear reports whether a word for the record follows token i
// within 2 tokens before to.
func (t *text) recordNear(i, to int) bool {
	for k := i + 1; k < to && k <= i+2; k++ {
		if fileWords[string(t.tokBytes(k))] {
			return true
		}
	}
	return false
}

// noteActs are the agent's acts of checking (normalised): negated ("not
// confirmed", "nicht bestätigt", "non vérifié"), they say the check was
// not done, which judges nothing, where a negated verdict ("nicht
// korrekt") denies.
var noteActs = set("confirmed", "verified", "checked", "denied", "confirme", "confirmee", "verifie", "verifiee", "dementi",
	"dementie", "bestatigt", "gepruft", "uberpruft", "verifiziert", "kontrolliert", "confirmado", "confirmada",
	"verificado", "verificada", "comprobado", "comprobada", "desmentido", "confermato", "confermata", "verificato",
	"verificata", "controllato", "controllata", "smentito", "smentita", "bevestigd", "geverifieerd", "gecontroleerd",
	"ontkend", "desmentida")

// fieldTrue and fieldFalse are the values of a yes/no field in a record
// dump or a note (normalised): "Verified DOB: 1", "dob_ok=false".
var (
	fieldTrue  = set("1", "true", "yes", "y", "ja", "j", "oui", "o", "sim", "s", "wahr", "vrai", "verdadero", "vero", "waar", "verdadeiro")
	fieldFalse = set("0", "false", "no", "n", "nein", "non", "nao", "falsch", "faux", "falso", "onwaar", "nee")
)

// noteField returns RuleConfirmation or RuleDenial when a sentence ends
// in a yes/no field about a value of class: a verdict or an act of
// checking and the value's name within its key, then ':' or '=' and the
// field's value ("Verified DOB: 1", "phone_match = true", "dob_ok=false",
// "DOB verificada: sí"); else "". A no-verdict key ("mismatch") turns the
// value round.
func (t *text) noteField(class string) string {
	for i := 1; i < len(t.toks); i++ {
		if i+1 < len(t.toks) && t.toks[i+1].flags&fSentence == 0 {
			continue // the value ends its sentence (the flags first: no word read)
		}
		v := string(t.tokBytes(i))
		if t.toks[i-1].flags&fPunctAfter == 0 && v != "true" && v != "false" {
			continue // after the key's punctuation ("dob_ok=false" has none)
		}
		yes, no := fieldTrue[v], fieldFalse[v]
		if !yes && !no || t.toks[i-1].flags&fQuestion != 0 {
			continue
		}
		named, verdict, neg := false, false, false
		for k := i - 1; k >= 0 && k >= i-3; k-- {
			w := string(t.tokBytes(k))
			named = named || t.noteNames(k, w, class)
			if noteYes[w] || noteWeak[w] {
				verdict = true
			} else if noteNo[w] {
				verdict, neg = true, true
			}
			if t.toks[k].flags&fSentence != 0 {
				break
			}
		}
		if !named || !verdict {
			continue
		}
		if yes != neg {
			return RuleConfirmation
		}
		return RuleDenial
	}
	return ""
}
