package guard

import "strings"

// A value the business says it does not hold (guard43): "We don't have
// that number", "That number isn't known to us", "That card isn't linked
// to you", "Nous n'avons pas ce numéro", "Ese
// número no nos consta", "Quella carta non è collegata a lei", "Dat
// nummer is bij ons niet bekend", "Esse cartão não está associado a si".
// After an offer, a demonstrative value noun ("that number", "ce numéro")
// and, in its clause, a negation and a predicate of holding (we have, we
// know, linked to the account or to her) deny the offered value as
// recordDenial's "isn't on your account" does (pointer.go). A noun with a
// complement ("that number of seats", "ce numéro de commande", "esa
// tarjeta regalo"), a clause about another thing (otherThings: "that card
// type") or an embedded question ("Ik mag u niet zeggen of dat nummer bij
// ons bekend is") is no such denial. "That number isn't ours" stays with
// originDenied (notcompared31.go): a caller's number that is not the
// business's.

// holdDenial43 reports whether the clause of token i, a value noun after a
// demonstrative, denies that the business holds it (see above).
func (t *text) holdDenial43(i int) bool {
	if i == 0 {
		return false
	}
	if t.toks[i-1].lex&lxDemo == 0 && !t.is52(i-1, x52This) && !(t.is52(i-1, x52ArticleDemo) && t.opensSentence(int(t.toks[i-1].off))) { // "Die kaart is ..."
		return false
	}
	if !t.is52(i, x52ValueNoun|x52PhoneWord) {
		return false
	}
	w := string(t.tokBytes(i))
	if w == "details" || w == "datos" || w == "dati" || w == "dados" || w == "gegevens" || w == "angaben" {
		return false
	}
	if i+1 < len(t.toks) && t.toks[i].flags&fPunctAfter == 0 && t.toks[i+1].flags&fSentence == 0 && !t.nounEnds43(i+1) {
		return false // "that number of seats", "ce numéro de commande", "esa tarjeta regalo"
	}
	from, to := t.sentenceOf(i)
	for k := i - 1; k > from; k-- {
		if t.toks[k-1].flags&fPunctAfter != 0 {
			from = k
			break
		}
	}
	for k := i; k < to-1; k++ {
		if t.toks[k].flags&fPunctAfter != 0 {
			to = k + 1
			break
		}
	}
	neg, held, we := false, false, false
	for k := from; k < to; k++ {
		x := string(t.tokBytes(k))
		b := t.toks[k].x52 // (the sets' bits: otherThings, isValueNoun, whetherWords43, negations, weWords, ...)
		switch {
		case b&x52Other != 0 || k > i && k == i+1 && b&(x52ValueNoun|x52EmailNoun) != 0 || k < i && b&x52Whether != 0:
			return false
		case b&x52Negation != 0 || x == "nao" || x == "dont" || x == "havent" || x == "hasnt" || x == "doesnt" || x == "nothing" || x == "niente" || x == "nada" || x == "rien" || x == "nichts" || x == "niets":
			neg = true
		case b&x52We != 0 || x == "us" || x == "uns" || x == "ci" || x == "nos" || x == "ons" || x == "nous":
			we = true
		case b&x52HeldWe != 0:
			held = true
			we = true
		case b&(x52Have|x52Known|x52Linked) != 0, b&x52HoldMore != 0 && (b&x52EnglishHold != 0 || to-k <= 4): // (holddeny49.go)
			held = true
		}
	}
	return neg && held && we || neg && held && t.linkedIn43(from, to)
}

// nounEnds43 reports whether token j, right after a value noun, leaves
// the noun whole: a negation, a copula, a clitic, a verb of holding, or a
// preposition of where it is held ("that number isn't", "ese número no",
// "dat nummer hebben", "that number on file"); a noun or "of" after it
// makes a compound ("esa tarjeta regalo", "ce numéro de commande").
func (t *text) nounEnds43(j int) bool {
	x := string(t.tokBytes(j))
	return negations[x] || t.toks[j].lex&lxCopula != 0 || clitics43[x] || heldWe43[x] || haveWords43[x] || x == "nao" ||
		x == "n" || x == "nest" || x == "isnt" || x == "is" || x == "ist" || x == "est" || x == "esta" || x == "e" ||
		x == "has" || x == "hasnt" || x == "wasnt" || x == "hebben" || x == "haben" || x == "hebt" || heldPreps43[x] || holdMore49[x]
}

// linkedIn43 reports whether [from, to) holds a word of being linked: the
// account or the person it is linked to need not be named ("isn't linked
// to you").
//
// Linked to something else is no denial of her value: "That card isn't
// connected to the reader", "Cette carte n'est pas liée au programme de
// fidélité", "Esa tarjeta no está vinculada a la promoción" (attack48);
// the first word after a preposition of linking ("to", "mit", "à", "aan")
// that is no article must be hers (you, your account), or there is none.
func (t *text) linkedIn43(from, to int) bool {
	link := false
	for k := from; k < to && !link; k++ {
		link = linkedWords43[string(t.tokBytes(k))]
	}
	if !link {
		return false
	}
	for k := from; k < to; k++ {
		if !linkPreps43[string(t.tokBytes(k))] {
			continue
		}
		for j := k + 1; j < to; j++ { // "mit dem Terminal nicht verbunden", "liée au programme"
			if x := string(t.tokBytes(j)); !linkFillers43[x] {
				if !linkHers43[x] && !weWords[x] && !linkedWords43[x] && !negations[x] {
					return false
				}
				break
			}
		}
	}
	return true
}

// linkPreps43 open what a value is linked to ("to", "mit", "à", "aan");
// linkFillers43 are prepositions, articles and adverbs between a link
// word and what it links to ("linked to the", "liée au", "vinculada a
// la", "gekoppeld aan het"); linkHers43 are the customer and her account
// ("to you", "à votre compte", "a su cuenta", "aan uw account").
var (
	linkPreps43   = set("to", "with", "mit", "an", "a", "au", "aux", "al", "alla", "allo", "ai", "alle", "agli", "aan", "met", "ao", "aos", "com", "con")
	linkFillers43 = set("to", "with", "the", "any", "an", "mit", "dem", "den", "der", "die", "das", "ihrem", "ihr", "a", "au", "aux",
		"le", "la", "les", "l", "al", "alla", "allo", "ai", "alle", "agli", "aan", "met", "het", "de", "ao", "aos", "o", "os", "as", "com",
		"here", "hier", "ici", "aqui", "aqui", "qui", "currently", "yet", "noch", "encore", "todavia", "ancora", "nog", "ainda")
	linkHers43 = set("you", "your", "yours", "account", "profile", "record", "records", "name", "ihnen", "ihrem", "konto", "profil",
		"vous", "votre", "compte", "usted", "ti", "su", "cuenta", "perfil", "lei", "suo", "sua", "conto", "profilo", "u", "uw", "jou",
		"jouw", "je", "account", "si", "sua", "seu", "conta", "her", "ihr", "elle", "ella", "haar", "ela", "file", "dossier", "ficha",
		"scheda", "akte", "kundenkonto", "klantaccount")
)

// Words of holding a value (normalised).
var (
	// heldPreps43 say where a value is held: "that number on file", "diese
	// Nummer bei uns".
	heldPreps43 = set("on", "in", "under", "at", "bei", "im", "unter", "sur", "chez", "en", "con", "bajo", "in", "presso",
		"bij", "op", "onder", "na", "no", "em", "com")
	// heldWe43 are "we have", "we know" in one word.
	heldWe43 = set("avons", "navons", "tenemos", "abbiamo", "temos", "connaissons", "conocemos", "conosciamo", "conhecemos",
		"consta", "constam", "risulta", "risultano", "figura", "registramos")
	// haveWords43 need "we" beside them: "we don't have", "haben wir nicht".
	haveWords43 = set("have", "haben", "hebben", "hab", "heb", "know", "kennen", "ken")
	// knownWords43 say a value is known to someone: "known to us", "uns
	// bekannt", "connu de nos services".
	knownWords43 = set("known", "bekannt", "connu", "connue", "conocido", "conocida", "conosciuto", "conosciuta",
		"bekend", "conhecido", "conhecida", "registered", "registriert", "enregistre", "enregistree", "registrado",
		"registrada", "registrato", "registrata", "geregistreerd")
	// linkedWords43 say a value is linked to an account or a person.
	linkedWords43 = set("linked", "associated", "connected", "attached", "tied", "verknupft", "verbunden", "zugeordnet",
		"lie", "liee", "associe", "associee", "rattache", "rattachee", "vinculada", "vinculado", "asociada", "asociado",
		"collegata", "collegato", "associata", "associato", "gekoppeld", "gelinkt", "verbonden", "associado",
		"associada", "ligado", "ligada")
	// whetherWords43 open an embedded question: "Ik mag u niet zeggen of
	// dat nummer bij ons bekend is" refuses.
	whetherWords43 = set("whether", "if", "ob", "si", "se", "of")
	// clitics43 stand between a negation and its verb: "non ci risulta",
	// "no nos consta", "ne nous est pas connu".
	clitics43 = set("ci", "nos", "nous", "uns", "ons", "me", "mi", "ne", "lo", "la", "le", "se", "si")
)

// cliticNegated43 reports whether the affirmation at token i follows a
// clitic pronoun that follows a negation: "Quel numero non ci risulta",
// "Ese número no nos consta": the affirmation is negated when a pointed
// value before it is denied (holdDenial43); "No nos consta otra dirección"
// still confirms.
func (t *text) cliticNegated43(i int) bool {
	if i < 2 || !clitics43[string(t.tokBytes(i-1))] || !negations[string(t.tokBytes(i-2))] {
		return false
	}
	from, _ := t.sentenceOf(i)
	for k := from + 1; k < i-2; k++ {
		if t.holdDenial43(k) {
			return true
		}
	}
	return false // "No nos consta otra dirección": none other on record confirms
}

// nothingOn43 reports whether token i, a word for "nothing", says the
// business holds nothing under a street or a pointed value: "We have
// nothing on Rue de la Pomme", "No tenemos nada en la calle Mayor", "We
// hebben niets op de Dorpsstraat", "nothing under that number". "We have
// nothing in stock" names no place.
func (t *text) nothingOn43(i int) bool {
	if !t.is52(i, x52Nothing) {
		return false
	}
	from, to := t.sentenceOf(i)
	held := false
	for k := from; k < to; k++ {
		if t.is52(k, x52Other) || t.toks[k].flags&fQuestion != 0 {
			return false
		}
		held = held || t.is52(k, x52HeldWe) || t.is52(k, x52Have) && (k > from && t.is52(k-1, x52We) || k+1 < to && t.is52(k+1, x52We))
	}
	if !held {
		return false
	}
	for k := i + 1; k < to && k <= i+4; k++ {
		x := string(t.tokBytes(k))
		if streetTypes[x] || streetNouns[x] || strings.HasSuffix(x, "straat") || strings.HasSuffix(x, "strasse") ||
			(t.toks[k-1].lex&lxDemo != 0 || thisWords[string(t.tokBytes(k-1))]) && (valueNouns[x] || phoneWords[x]) {
			return true
		}
	}
	return false
}

// nothingWords43 say "nothing" (normalised).
var nothingWords43 = set("nothing", "nichts", "rien", "nada", "niente", "nulla", "niets", "nix")
