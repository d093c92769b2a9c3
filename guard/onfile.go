package guard

// Answers about the process that name the value on file by where it is
// kept, not by what it is (guard13a): "the link can only go to the
// address on file", "to the address in the profile", "al número que
// consta", "à l'adresse du dossier". Like "the registered number"
// (toRegistered) they name whatever is on file, not the offered value.

// onFileAfter reports whether value noun n is followed, within its
// clause, by where the record keeps it: a preposition, an optional
// article or possessive and a record noun ("address on file", "Adresse
// in Ihrem Profil", "adresse du dossier", "indirizzo in archivio"), or a
// relative verb of being on record ("número que consta", "nummer dat
// bekend is").
func (t *text) onFileAfter(n, to int) bool {
	k := n + 1
	if k < to && relPronouns[string(t.tokBytes(k))] {
		return k+1 < to && onRecordVerbs[string(t.tokBytes(k+1))]
	}
	if k >= to || !recordPreps[string(t.tokBytes(k))] || t.toks[n].flags&fPunctAfter != 0 {
		return false
	}
	k++
	if k < to && recordArticles[string(t.tokBytes(k))] {
		k++
	}
	return k < to && keptIn[string(t.tokBytes(k))]
}

// demoAt reports whether token k points ("that", "diese", "esa"): "to
// that address on file" is the offered one.
func (t *text) demoAt(k int) bool {
	return t.toks[k].lex&lxDemo != 0 || demonstratives[string(t.tokBytes(k))] || demoDeterminers[string(t.tokBytes(k))]
}

// onlyToRecord reports whether tokens [from, to) say that something goes
// only to the registered one or the one on file: "the reset link can
// only go to the address on file", "le lien ne part qu'à l'adresse du
// dossier". It names the rule, not a value, whatever yes or no opens it.
func (t *text) onlyToRecord(from, to int) bool {
	for k := from; k+2 < to; k++ {
		w := string(t.tokBytes(k))
		if !(onlyWords[w] && sendGoVerbs[string(t.tokBytes(k+1))] || sendGoVerbs[w] && onlyTo[string(t.tokBytes(k+1))]) {
			continue
		}
		for j := k + 2; j < to && j <= k+5; j++ {
			if registeredWords[string(t.tokBytes(j))] || isValueNoun(string(t.tokBytes(j))) && t.onFileAfter(j, to) {
				return true // "the registered address", "the address on file"
			}
		}
	}
	return false
}

// channelAnswer reports whether tokens [from, to), the rest of a yes or
// no, say only by which channel something goes ("Sí, por SMS", "Ja, per
// Mail"): an answer about the process.
func (t *text) channelAnswer(from, to int) bool {
	return to-from == 2 && byWords[string(t.tokBytes(from))] && channelWords[string(t.tokBytes(from+1))]
}

// agentMay reports whether the clause of token i holds a modal of
// permission or ability of the agent before it: "an eine neue Adresse
// darf ich nichts schicken", "I may not send anything": a rule of the
// process, not a value denied.
func (t *text) agentMay(i int) bool {
	cf, _ := t.clauseOf(i)
	for k := cf; k < i; k++ {
		if permitModals[string(t.tokBytes(k))] {
			return true
		}
	}
	return false
}

// Words of the record keeping a value (normalised).
var (
	recordPreps    = set("on", "in", "im", "au", "du", "dans", "del", "en", "nel", "nella", "op", "no", "na", "do", "da", "de", "auf")
	recordArticles = set("the", "your", "our", "ihrem", "ihr", "dem", "unserem", "votre", "le", "la", "l", "su", "el", "la",
		"suo", "sua", "il", "uw", "je", "het", "de", "o", "a", "seu", "sua", "vostro", "nostro")
	// keptIn are where a record keeps a value.
	keptIn = union(bookingWords, set("file", "profile", "account", "record", "records", "dossier", "compte", "profil", "konto", "kundenkonto",
		"akte", "cuenta", "perfil", "ficha", "archivio", "profilo", "conto", "account", "profiel", "conta", "registo",
		"ficheiro", "cadastro", "expediente", "systeme", "system", "sistema", "systeem"))
	// onRecordVerbs follow a relative pronoun: "que consta", "che
	// risulta", "dat bekend is".
	onRecordVerbs = set("consta", "figura", "risulta", "bekend", "staat", "hinterlegt", "gespeichert", "figure")
	byWords       = set("by", "per", "via", "par", "por", "pelo", "tramite")
	channelWords  = set("sms", "email", "mail", "text", "post", "courrier", "correo", "posta", "whatsapp", "telefon",
		"phone", "telephone", "telefono", "telefoon", "telefone")
	permitModals = set("may", "darf", "durfen", "peux", "puis", "pouvons", "puedo", "podemos", "posso", "possiamo", "mag",
		"mogen", "kan", "kunnen", "can", "kann", "konnen", "cannot", "cant")
)
