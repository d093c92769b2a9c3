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
	"customer", "client", "cliente", "kunde", "kundin", "klant")

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
	"bevestigd", "geverifieerd")

var noteNo = set("neq", "emojino", "mismatch", "mismatched", "wrong", "incorrect", "falsch", "abweichend", "differs",
	"different", "faux", "fausse", "differente", "distinto", "distinta", "diferente", "errado", "errada", "diverso",
	"diversa", "sbagliato", "sbagliata", "errato", "errata", "anders", "onjuist", "afwijkend", "fout", "incorrecto",
	"incorrecta", "incorreto", "incorreta", "ungleich", "nomatch", "unmatched")

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
		proofdesk.ClassEmail:   {"email", "mail", "correo", "courriel", "emailadresse"},
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
	case ok:
		return c == class || c == "number" && (class == proofdesk.ClassPhone || class == proofdesk.ClassPayment)
	case t.toks[i].lex&lxPhone != 0:
		return class == proofdesk.ClassPhone
	case t.toks[i].lex&lxCard != 0:
		return class == proofdesk.ClassPayment
	}
	return false
}

// noteNegations turn a verdict word of a match into one of a mismatch:
// "doesn't match", "stimmt nicht", "ne correspond pas", "no coincide".
var noteNegations = set("not", "doesnt", "dont", "didnt", "no", "nicht", "ne", "pas", "non", "niet", "nao", "kein",
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
	if len(t.toks) == 0 || t.spoken&spNote == 0 {
		return ""
	}
	labelled := noteLabels[string(t.tokBytes(0))] && t.toks[0].flags&fPunctAfter != 0
	abbrev := false // an abbreviation's dot split the sentence: "Nr. Anrufer ≠ Akte"
	for from := 0; from < len(t.toks); {
		to := from + 1
		for to < len(t.toks) && t.toks[to].flags&fSentence == 0 {
			to++
		}
		if rule := t.noteSentence(from, to, class, labelled, abbrev); rule != "" {
			return rule
		}
		abbrev = false
		for k := from; k < to && to-from <= 2; k++ {
			abbrev = abbrev || t.noteNames(k, string(t.tokBytes(k)), class)
		}
		from = to
	}
	return ""
}

// noteSentence is wrapNote for the sentence of tokens [from, to).
func (t *text) noteSentence(from, to int, class string, labelled, named bool) string {
	if t.toks[from].flags&fQuestion != 0 {
		return ""
	}
	given := -1
	caller, record := false, false
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
			yes, no := noteYes[w], noteNo[w]
			if !yes && !no {
				continue
			}
			neg := i > from && noteNegations[string(t.tokBytes(i-1))] || i+1 < to && noteNegations[string(t.tokBytes(i+1))] ||
				i > from+1 && noteNegations[string(t.tokBytes(i-2))] && t.toks[i-2].flags&fPunctAfter == 0
			if neg && noteActs[w] {
				continue // "numéro donné ; non confirmé", "né confermata né smentita": the agent did not check, no verdict
			}
			if yes && !neg {
				return RuleConfirmation
			}
			return RuleDenial
		}
	}
	return ""
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
