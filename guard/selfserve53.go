package guard

import "strings"

// An answer to a quoted value that sends the requester to look it up
// herself, or that names only "the one chosen at checkout", judges
// nothing: "> Hauptstraße 5 Berlin right? Please check the address under
// My orders > Shipping once you're signed in"; "> was it my Mastercard
// 7158? The charge went to the payment method used at checkout". Like a
// refusal or the process (restAnswersProcess24), it lets the requester's
// own quoted words pass; any verdict in the answer itself is still judged
// (quoteVerdict24 checks the rest on its own).

// openingVerdict53 returns the verdict of rest's first clause, checked
// alone under the offered classes, when that clause is short (at most
// three words), what follows it sends her to look herself
// (selfService53), and it is a confirmation or a denial, and rest refuses
// nothing and answers no how-to; else v. rest is the
// answer after a quoted value: "> was it my card 7158? Yes, check your bank
// app for the details" opens with a yes, and the pointer after it (read
// whole, an answer about the app) must not carry the yes through. "No, I
// can't check that here" and "Yes, you can change it in Settings" keep
// their reading.
func openingVerdict53(rest string, offered []string, check func(reply string, offered []string) Verdict, v Verdict) Verdict {
	first := rest
	if i := strings.IndexAny(first, ",;:.!?—–("); i >= 0 {
		first = first[:i]
	}
	if i := strings.Index(first, " - "); i >= 0 {
		first = first[:i]
	}
	if len(first) == len(rest) || len(strings.Fields(first)) > 3 {
		return v // only a short verdict before a pointer to self-service
	}
	w := check(first, offered)
	if !w.Blocked || w.Rule != RuleConfirmation && w.Rule != RuleDenial {
		return v
	}
	r := textPool.Get().(*text)
	defer textPool.Put(r)
	r.normalize(rest[len(first):])
	if !r.selfService53() {
		return v
	}
	r.normalize(rest)
	if r.cannotCheck53() || r.refusesOrProcess24() {
		return v
	}
	return w
}

// restSelfService53 reports whether rest, the answer after a quoted
// value, sends her to look herself (selfService53) or says the agent
// cannot check (cannotCheck53).
func restSelfService53(rest string) bool {
	r := textPool.Get().(*text)
	defer textPool.Put(r)
	r.normalize(rest)
	return r.selfService53() || r.cannotCheck53()
}

// cannotCheck53 reports whether a sentence of t says the agent cannot
// check (a modal of ability, a negation and a verb of checking in one
// sentence, in any order): "Telefonnummern kann ich im Chat grundsätzlich
// nicht abgleichen", "Postcodes kan ik in deze chat niet controleren". As
// an answer to a quoted value it judges nothing; a verdict beside it is
// still read (quoteVerdict24 checks the answer on its own).
func (t *text) cannotCheck53() bool {
	for a := 0; a < len(t.toks); {
		_, b := t.sentenceOf(a)
		if b <= a {
			b = a + 1
		}
		modal, neg, check := false, false, false
		for k := a; k < b; k++ {
			w := string(t.tokBytes(k))
			modal = modal || processModals[w] || ableWords53[w] || cannotWords53[w]
			neg = neg || negations[w] || noDeterminers[w] || cannotWords53[w]
			check = check || checkWords43[w] || checkWords30[w] || checkVerbs[w] || checkMore53[w]
		}
		if modal && neg && check {
			return true
		}
		a = b
	}
	return false
}

// ableWords53 are the modals of ability processModals lacks, cannotWords53
// a modal and its negation in one token, checkMore53 the verbs of checking
// and seeing the check sets lack, with their clitics (normalised).
var (
	ableWords53 = set("konnen", "konnte", "puis", "pueden", "podemos", "consigo", "conseguimos", "possono", "possiamo",
		"kunnen", "kun", "mogen", "darf", "durfen", "able", "allowed", "permitted", "autorise", "autorisee")
	cannotWords53 = set("cannot", "cant", "couldnt", "unable")
	checkMore53   = set("regarder", "voir", "see", "sehen", "ver", "vedere", "zien", "mirarlo", "mirarla", "comprobarlo",
		"comprobarla", "verificarlo", "verificarla", "controllarli", "controllarlo", "controllarla", "verificarli",
		"verificarlo", "controlarlo", "conferir", "nagaan", "checken", "match", "compare", "comparer", "comparar",
		"confrontare", "vergleichen", "vergelijken", "lookup", "checked", "verified", "compared", "gepruft", "uberpruft",
		"verifie", "verifiee", "verifies", "verifiees", "comprobado", "comprobados", "verificado", "verificados", "verificato",
		"verificati", "gecontroleerd", "geverifieerd", "verificadas", "controlados", "controllati")
)

// selfService53 reports whether a sentence of t points the requester to a
// place of self-service (her account, the portal, the app, her orders, her
// bank) with a verb of looking ("check", "prüfen Sie", "consultez",
// "revisa", "controlli", "bekijk", "veja"), or names the one "chosen at
// checkout" ("le moyen choisi au paiement", "das bei der Bestellung
// gewählte Zahlungsmittel").
func (t *text) selfService53() bool {
	for a := 0; a < len(t.toks); {
		_, b := t.sentenceOf(a)
		if b <= a {
			b = a + 1
		}
		look, place, chosen, checkout := -1, false, -1, -1
		for k := a; k < b; k++ {
			w := string(t.tokBytes(k))
			switch {
			case lookVerbs53[w]:
				look = k
			case selfPlaces53[w] || loginWords[w] || accountNouns[w]:
				place = true
			}
			if chosenWords53[w] {
				chosen = k
			}
			if checkoutWords53[w] {
				checkout = k
			}
		}
		if look >= 0 && place {
			return true
		}
		if chosen >= 0 && checkout >= 0 && abs53(chosen-checkout) <= 6 {
			return true
		}
		a = b
	}
	return false
}

func abs53(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Words of self-service (normalised): verbs of looking, in the imperative
// or infinitive; the places she looks in; "chosen" or "used" and the
// checkout they qualify.
var (
	lookVerbs53 = set("check", "see", "look", "review", "find", "view", "consult",
		"prufen", "prufe", "uberprufen", "sehen", "siehst", "schauen", "schau", "nachsehen", "finden", "findest", "einsehen", "zeigt",
		"consultez", "consulter", "verifiez", "verifier", "voyez", "voir", "regardez", "regarder", "retrouvez", "vois", "consulte",
		"revisa", "revise", "revisar", "revisalo", "compruebalo", "miralo", "consultalo", "verificalo", "mirala", "revisala", "consulta", "consultar", "mira", "mire", "comprueba", "compruebe", "verifica", "verifique", "ver",
		"controlli", "controlla", "controllare", "verifichi", "consulti", "guardi", "guarda", "veda", "vede", "trova", "trovi",
		"bekijk", "kijk", "controleer", "zie", "bekijken", "kijken", "controleren",
		"veja", "confira", "consulte", "verificar", "vê", "ve", "verifica",
		"show", "shows", "tell", "tells", "zeigt", "zeigen", "montre", "montrera", "dira", "muestra", "mostrara", "dara",
		"mostra", "mostrera", "dira", "toont", "laat", "mostra", "diz", "dice", "ves", "ziet", "zie", "vede", "vedere", "voyez", "vois", "toont", "mostrera", "montrera",
		"mostrara", "mostrar", "mostrera", "vindt", "encuentras", "encontraras", "encontra", "trouverez", "trovera", "finden")
	selfPlaces53 = set("portal", "kundenportal", "portail", "portale", "app", "application", "appli", "aplicacion", "aplicacao",
		"settings", "einstellungen", "parametres", "ajustes", "impostazioni", "instellingen", "definicoes", "configuracoes",
		"orders", "bestellungen", "commandes", "pedidos", "ordini", "bestellingen", "encomendas",
		"bank", "banking", "bankapp", "banque", "bancaire", "banco", "bancaria", "banca", "bancario", "bankapp", "bancaria",
		"statement", "kontoauszug", "releve", "extracto", "estratto", "bankafschrift", "extrato",
		"invoices", "billing", "rechnungen", "factures", "facturas", "fatture", "facturen", "faturas", "portaal",
		"accountinstellingen", "kontoeinstellungen", "profiel", "profil", "perfil", "profilo", "profile", "konto", "compte",
		"daten", "donnees", "datos", "dati", "gegevens", "dados", "kundenkonto", "espace", "area", "omgeving", "bereich")
	chosenWords53 = set("used", "chosen", "selected", "gewahlte", "gewahlt", "verwendete", "verwendet", "benutzte", "choisi",
		"choisie", "utilise", "utilisee", "elegido", "elegida", "usado", "usada", "utilizado", "utilizada", "scelto", "scelta",
		"usato", "usata", "utilizzato", "utilizzata", "gekozen", "gebruikte", "gebruikt", "escolhido", "escolhida")
	checkoutWords53 = set("checkout", "payment", "purchase", "order", "ordering", "bestellung", "kauf", "zahlung", "kasse",
		"paiement", "commande", "achat", "pago", "compra", "pedido", "pagamento", "acquisto", "ordine", "afrekenen",
		"betaling", "bestelling", "aankoop", "encomenda", "booking", "buchung", "reservation", "reserva", "prenotazione", "boeking")
)

// ordinalOrAbbrev53 reports whether the '.' at s[i] ends a day's ordinal
// before a month's name ("3. November", "14. Februar": German, Dutch and
// Scandinavian dates) or a short abbreviation before a number ("geb.
// 1979", "Nr. 5", "Str. 12"), not a sentence.
func ordinalOrAbbrev53(s string, i int) bool {
	a := i
	for a > 0 && s[a-1] != ' ' && s[a-1] != '>' {
		a--
	}
	word := s[a:i]
	if i+2 >= len(s) || s[i+1] != ' ' || word == "" || len(word) > 4 {
		return false
	}
	next := s[i+2:]
	if e := strings.IndexAny(next, " ,.;:?!"); e >= 0 {
		next = next[:e]
	}
	digits, letters := 0, 0
	for k := 0; k < len(word); k++ {
		switch c := word[k]; {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			letters++
		}
	}
	switch {
	case digits == len(word) && digits <= 2:
		m, ok := canon[strings.ToLower(next)]
		return ok && len(m) == 3 && m[0] == 'm'
	case letters == len(word) && letters >= 2:
		return next != "" && next[0] >= '0' && next[0] <= '9'
	}
	return false
}
