package guard

// What follows from a yes to an offered value (guard43): her status, or
// the place things go.
//
// "Fine, you're verified now", "Passt, Sie sind verifiziert", "C'est bon,
// vous êtes vérifiée", "Vale, ya está verificada", "Bene, è verificata",
// "Prima, u bent geverifieerd": the requester is unverified (the level
// says so); after an offer, a clause that only says she is verified
// (with an answer word before it or not) holds only if the value she
// offered matched. A step that comes first or a
// condition ("once you've entered the code", stepRescue30), a future or a
// modal ("you'll be verified", "Sie werden verifiziert"), a negation
// ("you're not verified yet") or a question is the process told.
//
// "Yes, that's the address the invoices go to", "Right, that's the card
// the payments come from": a clause that names a value (or "the one") and
// closes on a verb of going or coming with its stranded preposition says
// where things go, as sentThere's "that's where the receipts go" does
// (sentthere.go); "that's the page the links go to" names no value.
// sentThere also reads a verb of sending in the present (sendTo43: "that's
// where we send the statements", not "... send the parcels from") and the
// cleft "c'est là que", "è lì che" (thereThat43).

// verifiedNow43 reports whether a sentence of t says the requester is
// verified now (see above): a clause of a subject, a copula and adverbs
// of the status frame (statusFrame43: "you're", "Sie sind", "ya está",
// "now") around a word of being verified, in a sentence with no
// negation, future, modal, condition, step or question.
func (t *text) verifiedNow43() bool {
	for k := range t.toks {
		w := t.tokBytes(k)
		if len(w) < 8 || !verifiedWords43[string(w)] {
			continue // every one of verifiedWords43 has 8 letters or more
		}
		from, end := t.sentenceOf(k)
		cf := k
		for cf > from && t.toks[cf-1].flags&fPunctAfter == 0 {
			cf--
		}
		if cf == k {
			continue // "Verified: ..." is a label
		}
		frame := true
		for j := cf; j < end && frame; j++ {
			x := string(t.tokBytes(j))
			frame = j == k || statusFrame43[x]
			if j > k && t.toks[j].flags&fPunctAfter != 0 {
				break
			}
		}
		if !frame {
			continue // "Documents are verified by our team"
		}
		rescued := false
		for j := from; j < end && !rescued; j++ {
			x := string(t.tokBytes(j))
			rescued = t.toks[j].flags&fQuestion != 0 || negations[x] || notYet43[x] || futureWords43[x] || j >= cf && !statusFrame43[x] && t.stepRescue30(j, from) || !verifiedWords43[x] && deferWord(t.tokBytes(j))
		}
		if !rescued {
			return true
		}
	}
	return false
}

// goesToEnd43 reports whether the first clause of [from, to) names a value
// and closes on a verb of going or coming and its preposition: "that's the
// address the invoices go to".
func (t *text) goesToEnd43(from, to int) bool {
	end := from
	for end < to-1 && t.toks[end].flags&fPunctAfter == 0 {
		end++
	}
	if end-from < 4 || !strandedPreps43[string(t.tokBytes(end))] {
		return false
	}
	v := string(t.tokBytes(end - 1))
	if !wentVerbs[v] && !arriveVerbs[v] && !comeVerbs43[v] && !sendVerbs43[v] {
		return false
	}
	be := false
	for k := from; k < end-2; k++ {
		w := string(t.tokBytes(k))
		if otherThings[w] || negations[w] || t.toks[k].lex&lxCond != 0 {
			return false
		}
		be = be || t.toks[k].lex&lxCopula != 0
		if be && valueNouns[w] || phoneWords[w] && w != "call" && w != "text" || w == "1" && k > from && pointerArticles[string(t.tokBytes(k-1))] {
			return true
		}
	}
	return false
}

// goesToEndAny43 reports whether a clause of t, not a question, is such
// a clause (goesToEnd43), from its first word or the one after an
// answer word set off by a mark.
func (t *text) goesToEndAny43() bool {
	for k := range t.toks {
		w := t.tokBytes(k)
		if len(w) < 2 || !strandedPreps43[string(w)] || k < 4 || t.toks[k].flags&fQuestion != 0 {
			continue // the cheap test first: a clause that closes on "to" or "from"
		}
		from, to := t.sentenceOf(k)
		if k+1 < to && t.toks[k].flags&fPunctAfter == 0 {
			continue // "the template we send to everyone": the preposition has its object
		}
		c := k
		for c > from && t.toks[c-1].flags&fPunctAfter == 0 {
			c--
		}
		if t.goesToEnd43(c, k+1) {
			return true
		}
	}
	return false
}

// exampleNoun43 reports whether token i is the French noun "exemple"
// after an article ("un exemple", "cet exemple", "d'exemple"), not a
// domain label: "prenom.nom@example.com (un exemple, pas une vraie
// adresse)" describes no address of hers.
func (t *text) exampleNoun43(i int) bool {
	return i > 0 && string(t.tokBytes(i)) == "exemple" && exampleLeads43[string(t.tokBytes(i-1))]
}

// exampleLeads43 stand before the noun "exemple".
var exampleLeads43 = set("un", "cet", "l", "d", "des", "les", "simple", "seul", "titre")

// agreeWith43 compare the offered value with one on file and find them
// the same: "it agrees with the Madrid one", "elle concorde avec celle de
// Madrid", "concuerda con la de Madrid", "komt overeen met die in
// Madrid", "bate com a de Lisboa". A thing of another kind after them
// ("agrees with our returns policy") is aboutOther's (phrases.go).
var agreeWith43 = []string{
	"agrees with the one", "agrees with that one", "agrees with what we have", "agrees with our records",
	"concorde avec celle", "concorde avec celui", "concorde avec ce que",
	"concuerda con la que", "concuerda con el que", "concuerda con lo que", "concuerda con la de", "concuerda con el de",
	"concorda con quella", "concorda con quello", "concorda con quella di", "concorda con quello di", "concorda con cio che",
	"komt overeen met die", "komt overeen met degene", "komt overeen met wat",
	"bate com a que", "bate com o que", "bate com a de", "bate com o de", "confere com a que", "confere com o que",
	"concorda com a que", "concorda com o que",
}

// sendTo43 reports whether token j, in the clause ending before end, is a
// verb of sending in the present with no "from" after it: "that's where
// we send the statements", not "that's where we send the parcels from".
func (t *text) sendTo43(j, end int) bool {
	if !sendVerbs43[string(t.tokBytes(j))] {
		return false
	}
	for k := j + 1; k < end; k++ {
		if fromWords43[string(t.tokBytes(k))] {
			return false
		}
	}
	return true
}

// fromWords43 say where a thing comes from.
var fromWords43 = set("from", "von", "aus", "depuis", "desde", "da", "dal", "dalla", "vanaf", "uit", "vanuit")

// Words of status and of going (normalised).
var (
	// verifiedWords43 say the person is verified or identified.
	verifiedWords43 = set("verified", "authenticated", "identified", "verifiziert", "authentifiziert", "identifiziert",
		"verifie", "verifiee", "authentifie", "authentifiee", "identifie", "identifiee", "verificado", "verificada",
		"autenticado", "autenticada", "identificado", "identificada", "verificato", "verificata", "autenticato",
		"autenticata", "identificato", "identificata", "geverifieerd", "geauthenticeerd", "geidentificeerd")
	// statusFrame43 are the subjects, copulas and adverbs of a clause of
	// status: "you're (now) verified", "Sie sind jetzt verifiziert", "ya
	// está verificada", "u bent nu geverifieerd".
	statusFrame43 = set("you", "youre", "are", "have", "youve", "been", "now", "fully", "successfully", "all", "sie", "sind",
		"jetzt", "nun", "erfolgreich", "vollstandig", "vous", "etes", "maintenant", "desormais", "bien", "bien", "ya", "esta",
		"estas", "usted", "ahora", "correctamente", "e", "ora", "lei", "adesso", "gia", "stata", "stato", "correttamente",
		"u", "bent", "nu", "je", "jij", "bent", "succesvol", "agora", "voce", "ja", "foi", "fica", "ficou", "has", "ha",
		"sido", "wurden", "wurde")
	// notYet43 keep the status open: "not yet", "noch nicht", "pas encore".
	notYet43 = set("yet", "noch", "encore", "todavia", "aun", "ancora", "nog", "ainda", "nicht", "niet")
	// futureWords43 put the status later or make it a rule: "you'll be
	// verified", "Sie werden verifiziert", "vous serez vérifiée".
	futureWords43 = set("will", "ll", "youll", "shell", "be", "can", "must", "need", "needs", "werden", "wird", "kann",
		"muss", "serez", "sera", "seras", "etre", "peut", "pouvez", "doit", "devez", "sera", "ser", "estara", "puede",
		"debe", "tiene", "sara", "essere", "puo", "deve", "wordt", "worden", "zal", "zult", "kan", "kunt", "moet",
		"vai", "ficara", "pode", "precisa", "tem", "if", "when", "once", "wenn", "sobald", "quand", "des", "si", "cuando",
		"quando", "als", "zodra", "se", "after", "nach", "apres", "despues", "dopo", "na", "depois")
	// strandedPreps43 close a relative clause: "the one the texts go to".
	strandedPreps43 = set("to", "from", "on", "into")
	// comeVerbs43 say where a thing comes from: "the card the payments come
	// from".
	comeVerbs43 = set("come", "comes", "came", "charged", "debited", "billed", "taken")
	// sendVerbs43 are verbs of sending or delivering in the present: "that's
	// where we send the statements", "c'est là que partent les relevés".
	sendVerbs43 = set("send", "sends", "deliver", "delivers", "ship", "post", "mail", "text", "schicken", "senden",
		"schickt", "sendet", "liefern", "envoyons", "envoie", "envoyer", "partent", "livrons", "livre", "arrivent",
		"enviamos", "mandamos", "envia", "manda", "entregamos", "mandiamo", "inviamo", "spediamo", "consegniamo",
		"invia", "manda", "sturen", "stuurt", "versturen", "bezorgen", "leveren", "gaan", "enviamos", "mandamos",
		"entregamos", "envia", "seguem", "saem", "salen", "partono", "escono")
)

// thereThat43 reports whether w at k is "there" before "that" (French "c'est
// là que", Italian "è lì che", Portuguese "é aí que"): the cleft says where,
// as "where" does.
func thereThat43(w string, t *text, k, end int) bool {
	return (w == "la" || w == "li" || w == "ai" || w == "ali") && k+1 < end && (string(t.tokBytes(k+1)) == "que" || string(t.tokBytes(k+1)) == "qu" || string(t.tokBytes(k+1)) == "che")
}
