package guard

import (
	"strings"

	"github.com/proofdesk/proofdesk"
)

// herplace.go (guard20): the city or country of one of her addresses said
// alone as where her things go or are, or where she moved or is listed:
// "The billing address is in Spain", "The recovery letter went to the
// Netherlands", "We'll send it to Madrid", "Sie ist nach Portugal
// gezogen", "Le colis est adressé à Lisbonne", "I'll only tell you the
// city: Berlin". The place follows a preposition of destination or
// location (or a word for the city or country as its label), and the
// clause before it has a subject that is hers: a thing of hers with a
// definite article or a possessive (her address, card, parcel, letter,
// code, account, ...) with a word between it and the preposition (not
// "the delivery to Spain takes 3 days"), a verb of sending with an object
// ("send it to"), or a verb of moving, living or being listed. The
// business's places ("our Berlin depot"), shipping with no object ("we
// ship to Spain"), a condition or "whether", a question, a negation
// before the place and the requester's words reported ("you asked us to
// send it to Berlin") pass.

// placeForms returns the customer's countries' names in the seven
// languages and her US regions, as token lists (normalised): the places
// herPlaceSaid looks for besides her cities (m.cities).
func placeForms(c *proofdesk.Customer) [][]string {
	var out [][]string
	seen := map[string]bool{}
	add := func(s string) {
		if s != "" && !seen[s] && !strings.HasPrefix(s, "the ") { // "the netherlands": "netherlands" after an article
			seen[s] = true
			out = append(out, strings.Fields(s))
		}
	}
	for _, a := range c.Addresses {
		for _, n := range countryNames[strings.ToUpper(a.Country)] {
			add(n)
		}
		if strings.EqualFold(a.Country, "US") {
			add(usStates[strings.ToUpper(a.Region)])
		}
	}
	return out
}

// publicWords returns the words of the public strings (normalised) with
// their names in the seven languages: a city of the business's own
// address ("75001 Paris") is no place of hers to herPlaceSaid.
func publicWordsOf(public []string) map[string]bool {
	out := map[string]bool{}
	for _, s := range public {
		for _, w := range normTokens(s) {
			out[w] = true
			for _, x := range exonyms[w] {
				out[x] = true
			}
		}
	}
	return out
}

// placeAt returns the number of tokens of one of her places (a city on
// file in any of the seven languages, a country's name) that opens at
// token k, or 0.
func (m *Matcher) placeAt(t *text, k int) int {
	b := t.tokBytes(k)
	if len(b) < 3 || len(b) >= 32 || m.cityHeads[b[0]]&(1<<len(b)) == 0 {
		return 0 // the shape of none of her cities and countries (NewMatcher)
	}
	if m.cityIndex(t, k) >= 0 {
		return 1
	}
	w := string(b)
	for _, p := range m.places {
		if p[0] != w || k+len(p) > len(t.toks) {
			continue
		}
		ok := true
		for j := 1; j < len(p) && ok; j++ {
			ok = string(t.tokBytes(k+j)) == p[j]
		}
		if ok {
			return len(p)
		}
	}
	return 0
}

// herPlaceSaid reports whether a sentence of t says one of her places as
// where a thing of hers goes or is, or where she moved or is listed.
func (m *Matcher) herPlaceSaid(t *text) bool {
	if len(m.cities) == 0 && len(m.places) == 0 {
		return false
	}
	for i := 1; i < len(t.toks); i++ {
		n := m.placeAt(t, i)
		if n == 0 {
			continue
		}
		if t.toks[i].flags&fQuestion != 0 || m.publicWords[string(t.tokBytes(i))] {
			continue
		}
		from, to := t.sentenceOf(i)
		if t.herPlaceLabel(i, from) || t.herPlaceAfterPrep(i, n, from, to) {
			return true
		}
		i += n - 1
	}
	return false
}

// herPlaceLabel reports whether the place at token i follows a word for
// the city or the country as its label, with a break or a copula between
// them: "I'll only tell you the city: Berlin", "Only the city, then:
// Lisbon", "la ciudad es Madrid".
func (t *text) herPlaceLabel(i, from int) bool {
	if t.keyIsPlace(i, from) {
		return true
	}
	for k := i - 1; k >= from && k >= i-3; k-- {
		w := string(t.tokBytes(k))
		if cityKeys[w] || placeCountryKeys[w] {
			if k > from && (ourWords[string(t.tokBytes(k-1))] || indefinites[string(t.tokBytes(k-1))] || anyWords[string(t.tokBytes(k-1))]) {
				return false // "our city: Paris", "a city like Berlin"
			}
			brk := false
			for j := k; j < i; j++ {
				x := string(t.tokBytes(j))
				if j > k && !placeLabelLinks[x] && t.toks[j].lex&lxCopula == 0 {
					return false
				}
				brk = brk || t.toks[j].flags&fPunctAfter != 0 || t.toks[j].lex&lxCopula != 0
			}
			return brk && !t.condBefore(from, i) && !t.placeNegated(from, i)
		}
		if t.toks[k].lex&lxCopula == 0 && !placeLabelLinks[w] {
			return false
		}
	}
	return false
}

// keyIsPlace reports whether the place at token i follows a copula whose
// subject is her city or country as a field, with its determiner: "The
// billing country on the account is Spain", "El país de facturación es
// España", "Die Stadt im Konto ist Berlin".
func (t *text) keyIsPlace(i, from int) bool {
	if i-2 < from || t.toks[i-1].lex&lxCopula == 0 {
		return false
	}
	for k := i - 2; k >= from && k >= i-7; k-- {
		w := string(t.tokBytes(k))
		if negations[w] || placeNegs[w] || t.toks[k].lex&lxCond != 0 || ourWords[w] || anyWords[w] || indefinites[w] && !definites[w] {
			return false
		}
		if !cityKeys[w] && !placeCountryKeys[w] {
			continue
		}
		for j := k - 1; j >= from && j >= k-2; j-- {
			x := string(t.tokBytes(j))
			if indefinites[x] && !definites[x] || ourWords[x] || anyWords[x] {
				return false
			}
			if definites[x] || secondPerson[x] || placeOwnedBy[x] {
				return !t.condBefore(from, i)
			}
		}
		return false
	}
	return false
}

// herPlaceAfterPrep reports whether the place at token i, n tokens long,
// after a preposition of destination or location, is where a thing of
// hers goes or is, or where she moved or is listed.
func (t *text) herPlaceAfterPrep(i, n, from, to int) bool {
	p := i - 1
	if p > from && herArticles[string(t.tokBytes(p))] && herPreps[string(t.tokBytes(p-1))] {
		p-- // "to the Netherlands", "para a Itália", "in den Niederlanden"
	}
	if !herPreps[string(t.tokBytes(p))] && !destPreps24[string(t.tokBytes(p))] && !t.wayOf24(p, from) {
		return false
	}
	for k := i + n; k < to; k++ {
		w := string(t.tokBytes(k))
		if t.businessAt(k, to) || placeBack[w] || placePolicy[w] || policy24[w] {
			return false // "to the Berlin depot", "ging nach Lissabon ins Lager zurück"
		}
		if negations[w] && k+1 < to && placeYours[string(t.tokBytes(k+1))] {
			return false // "the courier's parcel went to Berlin, not yours"
		}
	}
	for k := max(from, p-4); k < p; k++ {
		if t.businessAt(k, to) || placeOrgs[string(t.tokBytes(k))] || routeWords[string(t.tokBytes(k))] || t.digitsTok(k) && !t.listMark24(k, from) {
			return false // "our hub in Berlin", "via our depot in Madrid", "an Kalverstrat 29 nach Amsterdam" (another address's city)
		}
	}
	if t.condBefore(from, i) || t.placeNegated(from, i) {
		return false
	}
	subject, going := false, false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		// a verb of going before the place, or right after it (the verb
		// last: "nach Madrid geschickt"), not one that leaves from
		// elsewhere ("produced in Germany and shipped from Madrid")
		if (k < p || k >= i+n && k <= i+n+2) && (placeSendVerbs[w] || goneWords[w] || wentVerbs[w] || arriveVerbs[w] || placeGoVerbs[w] || sendVerbs24[w]) &&
			!(k+1 < to && cityFromWords[string(t.tokBytes(k+1))]) {
			going = true
		}
		if placePolicy[w] || placeReturns[w] || policy24[w] {
			return false // "Delivery: two days to Turin", "free to Lisbon", "the address for returns"
		}
	}
	for k := from; k < p; k++ {
		w := string(t.tokBytes(k))
		if firstPerson[w] && k == from || placeReport[w] || placeChange[w] || placeYou[w] && k+1 < p && (placeSendVerbs[string(t.tokBytes(k+1))] || k+2 < p && placeSendVerbs[string(t.tokBytes(k+2))]) {
			return false // "I moved to Madrid", "you asked us to send it to Berlin"
		}
		switch {
		case placeMoveVerbs[w]:
			subject = t.moverHers(from, k, p)
		case (herThing(w) || k > from && herThings(w)) && (k < p-1 || t.clauseHead24(k, from)) && (t.herDetermined(k, from) || t.clauseHead24(k, from)):
			// an address, an account sits somewhere ("the billing
			// address is in Spain"); a parcel, a card, a letter only
			// goes there ("the parcel is in Lisbon" is the tracking)
			subject = subject || going || placeSited(w) || k == p-1 && item24(w) && t.clauseHead24(k, from) // "2) parcel to Portland"
		case placeSendVerbs[w] && k+1 < p && placeObjects[string(t.tokBytes(k+1))],
			placeSendVerbs[w] && k > from && placeObjects[string(t.tokBytes(k-1))]:
			subject = true // "send it to", "on l'envoie à", "se la enviamos a"
		}
	}
	if !subject {
		// Dutch and German put the verb last: "Ze is volgens ons naar
		// Portugal verhuisd", "Sie ist nach Portugal gezogen"
		for k := i + n; k < to && k <= i+n+2; k++ {
			if placeMoveVerbs[string(t.tokBytes(k))] && t.moverHers(from, p, p) {
				subject = true
			}
		}
	}
	return subject
}

// businessAt reports whether token k names a place of the business or
// the business itself, not its records ("laut unseren Unterlagen",
// "volgens ons").
func (t *text) businessAt(k, to int) bool {
	w := string(t.tokBytes(k))
	if !businessPlace(w) {
		return false
	}
	if !ourWords[w] {
		return true
	}
	for j := max(0, k-2); j < k; j++ {
		if x := string(t.tokBytes(j)); sourceWords[x] || x == "2" { // "segundo" reads as 2
			return false
		}
	}
	if k+1 < to {
		n := string(t.tokBytes(k + 1))
		return !(accountWords[n] || isRecordWord(n) || recordPlaces[n])
	}
	return true
}

// moverHers reports whether the one who moved, lives or is listed, the
// subject in [from, p) of the verb at k (after it in German: "Laut
// Konto wohnt sie in ..."), is her: a person's pronoun
// ("she moved", "Ze is ... verhuisd"), the holder, a thing of hers, or no
// subject at all ("Se mudó a Portugal", "Risulta trasferita", "Vive en
// Portugal"); not "the courier is based in Lisbon".
func (t *text) moverHers(from, k, p int) bool {
	if k-from <= 1 {
		return true
	}
	for j := from; j < p; j++ {
		w := string(t.tokBytes(j))
		if personSubjects[w] || beShort[w] || agePersonNouns[w] || placeOwnedBy[w] || herThing(w) && t.herDetermined(j, from) {
			return true
		}
	}
	return false
}

// herDetermined reports whether the noun at token k has a definite
// article or a possessive within the 3 tokens before it, with no
// indefinite nearer, or opens its sentence: "the recovery letter", "her
// delivery address", "Billing address is in Spain".
func (t *text) herDetermined(k, from int) bool {
	if k == from {
		return t.toks[k].flags&fPunctAfter == 0 // not a label: "Shipping: free to Lisbon"
	}
	for j := k - 1; j >= from && j >= k-3; j-- {
		w := string(t.tokBytes(j))
		switch {
		case w == "a" && placeEnglish[string(t.tokBytes(k))]:
			return false // English "a billing address", not Portuguese "a conta"
		case indefinites[w] && !definites[w], ourWords[w], anyWords[w]:
			return false
		case definites[w] || secondPerson[w] || placeOwnedBy[w]:
			return true
		}
	}
	return false
}

// placeSited reports whether the thing w (normalised) has a place
// without going there: an address, an account, a record, its holder.
func placeSited(w string) bool {
	return placeSitedThings[w] || addressNouns[w] || herThing(w) && !placeThings[w] && !shippedWords[w] && !goods24[w]
}

// herThing reports whether w (normalised) is a thing of hers that goes
// to or sits at an address: an address (and its compounds, "factuuradres",
// "Rechnungsadresse"), her account, card, parcel, letter, code, statement.
func herThing(w string) bool {
	if placeThings[w] || addressNouns[w] || shippedWords[w] || goods24[w] {
		return true
	}
	for _, s := range []string{"adresse", "adres", "address", "anschrift"} {
		if len(w) > len(s)+2 && strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// herThings reports whether w is the plural of a thing of herThing:
// "your invoices", "her letters" (with their determiner: "Envíos a
// direcciones en Italia" are any).
func herThings(w string) bool {
	for _, suf := range []string{"s", "es", "en"} {
		if n := len(w) - len(suf); n > 3 && w[n:] == suf && (placeThings[w[:n]] || shippedWords[w[:n]] || addressNouns[w[:n]]) {
			return true // "invoices", "Bestellungen", "direcciones"
		}
	}
	return false
}

// placeNegated reports whether a negation stands in [from, i): "I can't
// send it to Berlin", "The card will not go to Madrid".
func (t *text) placeNegated(from, i int) bool {
	for k := from; k < i; k++ {
		if w := string(t.tokBytes(k)); negations[w] || placeNegs[w] {
			return true
		}
	}
	return false
}

// Words of herPlaceSaid (normalised).
var (
	// herPreps put a thing at or toward a place; herArticles may
	// stand between them and the place.
	herPreps = set("ad", "to", "in", "at", "into", "nach", "im", "an", "au", "aux", "a", "en", "vers", "dans", "para", "hacia",
		"hasta", "verso", "naar", "te", "em", "no", "na", "pra", "alla")
	herArticles = set("the", "den", "der", "die", "dem", "le", "la", "l", "les", "el", "los", "het", "de", "o", "a", "os",
		"il", "lo", "gli")
	// placeThings are the things of hers that go to or sit at an
	// address, besides the address nouns and the orders (shippedWords).
	placeThings = set("account", "card", "replacement", "letter", "code", "pin", "statement", "invoice", "bill", "mail",
		"post", "billing", "delivery", "shipping", "profile", "record", "file", "holder", "customer",
		"konto", "kundenkonto", "karte", "ersatzkarte", "ersatz", "brief", "rechnung", "kontoauszug", "profil", "lieferung",
		"compte", "carte", "remplacement", "lettre", "courrier", "releve", "facture", "dossier", "fiche", "livraison",
		"cuenta", "tarjeta", "reemplazo", "carta", "codigo", "extracto", "factura", "perfil", "envio", "entrega",
		"conto", "sostituzione", "lettera", "codice", "estratto", "fattura", "profilo", "spedizione", "consegna",
		"rekening", "kaart", "pas", "vervanging", "code", "afschrift", "factuur", "profiel", "levering", "bezorging",
		"conta", "cartao", "substituicao", "document", "dokument", "dokumente", "documento", "documenti", "documentos",
		"documenten", "papers", "codigo", "extrato", "fatura", "morada", "rekeninghouder", "titular", "titolare",
		"kontoinhaber", "kontoinhaberin", "titulaire")
	// placeOwnedBy are possessives of her the normaliser leaves apart.
	placeOwnedBy = set("her", "his", "its", "son", "sa", "ses", "haar", "zijn", "seine", "seiner", "ihrer", "dela", "dele")
	// placeMoveVerbs say she moved, lives or is listed somewhere.
	placeMoveVerbs = set("moved", "relocated", "listed", "lives", "living", "based", "registered", "resides",
		"gezogen", "umgezogen", "verzogen", "gemeldet", "wohnt", "ansassig", "demenage", "demenagee", "installe", "installee",
		"domicilie", "domiciliee", "habite", "mudo", "mudado", "mudada", "trasladado", "trasladada", "empadronado",
		"empadronada", "vive", "reside", "trasferita", "trasferito", "trasferitasi", "residente", "abita", "verhuisd",
		"ingeschreven", "woont", "mudou", "mudouse", "mora", "residia")
	// placeSendVerbs send a thing; placeObjects are the object pronouns
	// after them ("send it") or before them ("on l'envoie", "se la
	// enviamos", "we sturen hem").
	placeSendVerbs = set("send", "sending", "sent", "post", "posted", "mail", "mailed", "ship", "shipped", "forward",
		"forwarded", "deliver", "delivered", "addressed", "schicken", "schicke", "senden", "geschickt", "gesendet",
		"verschickt", "zugestellt", "envoie", "envoyons", "envoye", "envoyee", "expedie", "expediee", "adresse", "adressee",
		"livre", "livree", "enviamos", "enviaremos", "enviara", "enviado", "enviada", "mandamos", "mandado", "mandada",
		"spediamo", "spedito", "spedita", "inviamo", "inviato", "inviata", "sturen", "gestuurd", "verzenden", "verzonden",
		"versturen", "verstuurd", "bezorgd", "bring", "bringen", "bringt", "apporte", "lleva", "llevamos", "porta",
		"portiamo", "brengt", "brengen", "leva", "levamos", "enviamo", "manda", "spedisce", "schickt", "stuurt", "verstuurt", "adressiert", "adresseert", "envio", "envia", "enviaron", "mando", "mandaron",
		"indirizzato", "indirizzata", "geadresseerd", "enderecado", "enderecada", "enviamos", "enviado", "enviada", "enviaremos", "mandamos")
	placeObjects = set("it", "them", "es", "ihn", "l", "le", "la", "lo", "gliela", "glielo", "hem", "het", "lha",
		"lho", "los", "las", "les")
	// placeReport report the requester's words or wish: "you asked us to
	// send it to Berlin".
	placeReport = set("asked", "said", "mentioned", "wrote", "requested", "want", "wanted", "wish", "prefer",
		"gesagt", "gebeten", "geschrieben", "mochten", "wollen", "demande", "dit", "ecrit", "voulez", "souhaitez",
		"pidio", "dijo", "escribio", "quiere", "desea", "chiesto", "detto", "scritto", "vuole", "desidera", "gevraagd",
		"gezegd", "geschreven", "wilt", "pediu", "disse", "escreveu", "quer", "deseja")
	// placeSitedThings sit at a place (placeSited); placeGoVerbs say a
	// thing goes or arrives there besides wentVerbs and goneWords.
	placeSitedThings = set("account", "billing", "profile", "record", "file", "holder", "customer",
		"konto", "kundenkonto", "profil", "compte", "dossier", "fiche", "cuenta", "perfil",
		"conto", "profilo", "rekening", "profiel", "conta", "morada",
		"rekeninghouder", "titular", "titolare", "kontoinhaber", "kontoinhaberin", "titulaire", "facturation", "facturacion",
		"fatturazione", "faturacao", "factuur")
	placeGoVerbs = set("reach", "reaches", "arrive", "arrives", "headed", "heading", "travel", "travels", "routed",
		"kommt", "landet", "geht", "arrivera", "arrive", "parvient", "llegara", "llega", "arrivera", "arriva", "komt",
		"chega", "chegara", "seguira", "segue", "vai", "gaat", "va", "way", "wy", "unterwegs", "route", "camino", "viaggio",
		"onderweg", "caminho", "delivery", "ships", "weg", "chemin", "strada")
	// placeBack send a thing back to the business; placePolicy tell a
	// shipping rule, not her parcel; placeYours is "yours" alone.
	placeBack   = set("back", "returned", "return", "zuruck", "retour", "renvoye", "devuelto", "vuelta", "ritorno", "rispedito", "terug", "retornado", "devolvido")
	placePolicy = set("free", "gratis", "gratuit", "gratuite", "gratuito", "gratuita", "days", "tage", "tagen", "jours",
		"dias", "giorni", "dagen", "werkdagen", "weeks", "semaines", "semanas", "settimane", "weken", "wochen", "costs", "kostet",
		"coute", "cuesta", "costa", "kost", "custa", "tracking", "suivi", "seguimiento", "sendungsverfolgung", "rastreamento",
		"tracciamento", "possible", "available", "moglich", "disponible", "posible", "disponibile", "possibile", "mogelijk",
		"beschikbaar", "possivel", "disponivel")
	placeYours = set("yours", "ihre", "ihrer", "votre", "tuyo", "suyo", "suya", "vostro", "suo", "sua", "uwe", "jouwe", "seu", "vosso")
	placeNegs  = set("never", "cant", "cannot", "wont", "dont", "doesnt", "didnt", "nie", "niemals", "ne", "jamais",
		"nunca", "non", "mai", "nooit", "geen", "nao")
	// placeCountryKeys name a country as a field; placeLabelLinks may
	// stand between a key and the place ("the city, then: Lisbon").
	placeCountryKeys = set("country", "land", "pays", "pais", "paese", "nazione")
	placeLabelLinks  = set("then", "just", "only", "dann", "nur", "alors", "seulement", "entonces", "solo", "solamente",
		"allora", "soltanto", "dan", "alleen", "entao", "so", "apenas", "is", "ist", "est", "es", "e", "was", "war")
)

// placeYou are "you" as a subject: "you can send it to Madrid" is the
// requester's sending.
var placeYou = set("you", "vous", "usted", "ustedes", "u", "jij", "voce", "du", "tu", "voi", "vos")

// placeChange change or add an address: "update your address to Lisbon"
// asks for a new one, it tells none on file.
var placeChange = set("update", "change", "changed", "changing", "add", "added", "set", "switch", "andern", "aktualisieren",
	"geandert", "hinzufugen", "modifier", "changer", "modifie", "ajouter", "cambiar", "actualizar", "cambiado", "anadir",
	"modificare", "cambiare", "aggiornare", "aggiungere", "wijzigen", "veranderen", "aanpassen", "toevoegen", "alterar",
	"atualizar", "mudar", "adicionar")

// placeOrgs are the business's teams and desks: "the account team in
// Amsterdam" is no place of hers.
var placeOrgs = set("team", "teams", "department", "support", "service", "desk", "center", "centre", "headquarters", "hq",
	"staff", "colleagues", "abteilung", "kundendienst", "zentrale", "kollegen", "equipe", "siege", "collegues", "servicio",
	"equipo", "departamento", "centro", "sede", "companeros", "assistenza", "reparto", "colleghi", "afdeling",
	"klantenservice", "collega", "collegas", "equipa", "apoio", "colegas", "servico")

// placeEnglish are the English things of herThing: "a" before them is
// the indefinite article.
var placeEnglish = set("account", "card", "replacement", "letter", "code", "pin", "statement", "invoice", "bill", "mail",
	"post", "billing", "delivery", "shipping", "profile", "record", "file", "holder", "customer", "address", "parcel",
	"package", "order", "new", "recovery", "current", "old", "home", "postal", "mailing", "shipping")

// placeReturns are the business's returns: "the address we have for
// returns is in Madrid".
var placeReturns = set("returns", "retouren", "rucksendung", "rucksendungen", "retours", "devoluciones", "devolucion",
	"resi", "reso", "retourzendingen", "devolucoes", "devolucao")
