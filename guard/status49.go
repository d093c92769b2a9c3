package guard

// passedNow49 reads the requester's status told in other words than
// verifiedNow43's (guard49, attack48 status48, statusb48): "Perfect,
// identity confirmed", "Right, you're through now", "Check passed,
// thanks", "Super, die Prüfung ist durch", "Vale, queda verificada",
// "Perfecto, ya está validada", "Ha superato la verifica", "Prima, u bent
// erdoor", "Passou na verificação", "Nice, your account is unlocked now".
// A clause holds a word of passing or of being unlocked or validated
// (passWords49), or an identity noun beside a word of confirming; the
// sentence has no negation, future, modal, condition, step or question
// (as verifiedNow43 reads them). After an offer, the status holds only if
// the value matched. "Once you're through, ..." and "you'll be unlocked"
// are the process told.
func (t *text) passedNow49() bool {
	for k := range t.toks {
		x := string(t.tokBytes(k))
		ok := passWords49[x]
		if !ok && identityWords49[x] {
			p, n := string(t.tokBytes(max(k-1, 0))), string(t.tokBytes(min(k+1, len(t.toks)-1)))
			ok = confirmedWords49[p] || confirmedWords49[n] || verifiedWords43[p] || verifiedWords43[n]
		}
		if !ok {
			continue
		}
		from, end := t.sentenceOf(k)
		if !t.passFrame49(k, from, end) {
			continue // "we ship through all of Europe", "le mot de passe"
		}
		rescued := false
		for j := from; j < end && !rescued; j++ {
			y := string(t.tokBytes(j))
			if j > from && passWords49[string(t.tokBytes(j-1))] && j+1 < end && checkNouns49[string(t.tokBytes(j+1))] {
				continue // "door de controle", "passou na verificação"
			}
			rescued = t.toks[j].flags&fQuestion != 0 || negations[y] || notYet43[y] || futureWords43[y] ||
				t.stepRescue30(j, from) || passRescue49[y]
		}
		if !rescued {
			return true
		}
	}
	return false
}

// passFrame49 reports whether the clause of token k holds only the
// status frame around it: "you're through now", "die Prüfung ist durch",
// "u bent door de controle", "identity confirmed".
func (t *text) passFrame49(k, from, end int) bool {
	cf := k
	for cf > from && t.toks[cf-1].flags&fPunctAfter == 0 {
		cf--
	}
	for j := cf; j < end; j++ {
		x := string(t.tokBytes(j))
		if j != k && !statusFrame43[x] && !frame49[x] && !checkNouns49[x] && !identityWords49[x] && !confirmedWords49[x] &&
			!verifiedWords43[x] && !passWords49[x] {
			return false
		}
		if t.toks[j].flags&fPunctAfter != 0 {
			break
		}
	}
	return true
}

// Words of a status passed (normalised).
var (
	passWords49 = set("passed", "through", "durch", "erdoor", "passe", "pasado", "superato", "superata", "passou",
		"door", "unlocked", "freigeschaltet", "debloque", "debloquee", "desbloqueada", "desbloqueado", "sbloccato",
		"sbloccata", "ontgrendeld", "vrijgegeven", "validated", "validiert", "validee", "validada", "validado",
		"convalidata", "convalidato", "gevalideerd", "queda")
	// frame49 are the other words of the frame: "your account is", "ist",
	// "c'est", "la", "na", "de".
	frame49 = set("your", "account", "konto", "compte", "cuenta", "conto", "account", "conta", "is", "ist", "est", "cest",
		"c", "the", "die", "der", "la", "le", "de", "na", "a", "het", "ihr", "ihre", "votre", "su", "sua", "uw", "o", "it",
		"its", "es", "e", "esta", "sind", "bent", "ha", "haben", "hebt", "a")
	identityWords49  = set("identity", "identitat", "identite", "identidad", "identita", "identiteit", "identidade")
	confirmedWords49 = set("confirmed", "bestatigt", "confirmee", "confirme", "confirmada", "confirmado", "confermata",
		"confermato", "bevestigd", "checked", "gepruft", "controlee", "comprobada", "verificata", "gecontroleerd")
	// passRescue49 make a word of passing none of her status: a thing
	// passed on or through ("passed to the team", "through the link",
	// "door de post"), a time passed.
	passRescue49 = set("on", "along", "to", "link", "weiter", "an", "pass", "mail", "post", "website", "app", "durchgestellt",
		"durchgeben", "durchlesen", "lesen", "verbunden", "connected", "parcel", "paket", "colis", "paquete", "pacco", "pakket",
		"pacote", "time", "tiempo", "tempo", "zeit", "temps", "tijd", "deadline", "frist", "plazo", "scadenza", "termijn",
		"prazo", "days", "tage", "jours", "dias", "giorni", "dagen", "dias", "order", "bestellung", "commande", "pedido",
		"ordine", "bestelling", "encomenda", "payment", "zahlung", "paiement", "pago", "pagamento", "betaling")
	// checkNouns49 name the check passed: "door de controle", "superato la
	// verifica", "passou na verificação".
	checkNouns49 = set("verification", "check", "controle", "verifica", "verificacion", "verificacao", "prufung",
		"uberprufung", "verificatie", "security", "sicherheitsprufung", "controllo", "test", "identificacion")
)
