package guard

// processAnswer reports whether tokens [from, to), the rest of a yes- or
// no-word's sentence, answer a question about the process rather than
// judge a value: a modal of possibility or need followed within 8 tokens of its clause
// by a verb of changing, correcting, entering or sending ("Yes, the email
// can be changed once you're verified", "Nein, Sie müssen die Karte nicht
// neu eingeben", "Sim, posso enviar o código por SMS"), or "only goes to"
// the registered one ("No, the link only goes to the registered
// address"). A verb of seeing or confirming after the modal judges after
// all ("Yes, I can confirm that's the address"), as does a pointer at the
// offered value before the modal ("Yes, that one can be used").
func (t *text) processAnswer(from, to int) bool {
	for k := from; k < to && k < from+6; k++ {
		w := string(t.tokBytes(k))
		if n := string(t.tokBytes(min(k+1, to-1))); t.toks[k].lex&lxDemo != 0 && !(k+1 < to && (isValueNoun(n) || dobNouns[n])) {
			return false // "Yes, that one can stay"; "Ja, das Geburtsdatum kann ..." is an article
		}
		if t.onlyToRecord(k, min(to, k+8)) {
			return true // "only goes to the registered address", "ne part qu'à l'adresse du dossier"
		}
		if !processModals[w] && !procNeedWords[w] {
			continue
		}
		for j := k + 1; j < to && j <= k+8; j++ {
			v := string(t.tokBytes(j))
			if seeVerbs[v] {
				return false
			}
			if processVerbs[v] {
				return true
			}
			if t.toks[j].flags&fPunctAfter != 0 {
				break
			}
		}
	}
	return false
}

// Words of the process answer (normalised): modals of possibility, words
// of need, verbs of changing, correcting, entering or sending, "only",
// "goes" and "registered".
var (
	processModals = set("can", "could", "kann", "konnen", "peut", "peux", "pouvez", "puede", "puedo", "puo", "posso",
		"si", "se", "kan", "kunt", "kunnen", "pode", "posso", "podemos", "possiamo", "pouvons")
	procNeedWords = set("need", "needs", "mussen", "musst", "muss", "besoin", "falta", "necesita", "necesario", "serve",
		"bisogno", "hoeft", "hoeven", "precisa", "necessario")
	processVerbs = set("changed", "corrected", "updated", "modified", "edited", "reenter", "re", "send", "sent",
		"geandert", "korrigiert", "aktualisiert", "berichtigt", "eingeben", "schicken", "senden", "gesendet",
		"modifie", "modifiee", "corrige", "corrigee", "change", "changee", "ressaisir", "envoyer", "modifier",
		"cambiar", "corregir", "modificar", "actualizar", "introducir", "enviar", "cambiare", "correggere",
		"modificare", "aggiornare", "reinserire", "inserire", "inviare", "gewijzigd", "gecorrigeerd",
		"aangepast", "invoeren", "voeren", "sturen", "versturen", "alterado", "alterada", "corrigido", "corrigida",
		"alterar", "corrigir", "atualizar")
	onlyTo          = set("qu", "qua") // "ne part qu'à"
	onlyWords       = set("only", "nur", "uniquement", "seulement", "solo", "solamente", "alleen", "so")
	sendGoVerbs     = set("goes", "go", "geht", "gehen", "part", "va", "gaat", "vai", "arrive", "arriva", "llega", "chega")
	registeredWords = set("registered", "hinterlegte", "hinterlegten", "enregistree", "enregistre", "registrada",
		"registrado", "registrata", "registrato", "geregistreerde", "registada", "registado", "file")
)

// toRegistered reports whether tokens [from, to) send something to the
// registered one of a class, whatever it is: a word for "to", then within
// 3 tokens a word for "registered" beside a value noun ("it goes to the
// registered number", "il part au numéro enregistré", "geht an die
// hinterlegte Nummer"). Like toStoredOne's "already on file", it names no
// value.
func (t *text) toRegistered(from, to int) bool {
	for a := from; a+2 < to; a++ {
		if w := string(t.tokBytes(a)); !toWords[w] && !destWords[w] {
			continue
		}
		for r := a + 1; r < to && r <= a+3; r++ {
			if !registeredWords[string(t.tokBytes(r))] {
				continue
			}
			if isValueNoun(string(t.tokBytes(r-1))) || r+1 < to && isValueNoun(string(t.tokBytes(r+1))) ||
				regPhoneNouns41b[string(t.tokBytes(r-1))] || r+1 < to && regPhoneNouns41b[string(t.tokBytes(r+1))] { // (procphone41b.go)
				return true
			}
		}
	}
	return false
}
