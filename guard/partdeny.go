package guard

// A value is denied part by part as often as whole: "the month's right
// but the day isn't", "the street yes, but not the postcode", "not
// quite, it's a different day", "nope, the spelling's off", "tenemos otro
// número alemán, no ese". One part that does not match says the offered
// value is not the one on file. partDenial reads those.

// partDenial returns RuleDenial when t denies the offered value by one of
// its parts, else "": a sentence of two clauses, each naming a part, one
// affirmed and the other negated; or a part, or the value's noun, said
// to be different or off after an opening "no" or with "not that one".
func (t *text) partDenial() string {
	if len(t.partCues) == 0 {
		return ""
	}
	opensNo := partNo[string(t.tokBytes(0))] || len(t.toks) > 1 && partHedge(string(t.tokBytes(0)), string(t.tokBytes(1)))
	// only the sentences that hold a cue, each once, and each check only
	// where its own cues are (text.partCues, set while emitting)
	for k := 0; k < len(t.partCues); {
		c := int(t.partCues[k].tok)
		if c >= len(t.toks) {
			break
		}
		from, to := c, c+1
		for from > 0 && t.toks[from].flags&fSentence == 0 {
			from--
		}
		for to < len(t.toks) && t.toks[to].flags&fSentence == 0 {
			to++
		}
		var bits uint8
		parts := 0
		for ; k < len(t.partCues) && int(t.partCues[k].tok) < to; k++ {
			cb := t.partCues[k].bits
			if cb&cuNoun != 0 && !t.indefiniteBefore(int(t.partCues[k].tok), from) {
				cb &^= cuNoun // "the email we have on file": no value of a kind
			}
			bits |= cb
			if cb&cuPart != 0 {
				parts++
			}
		}
		if t.toks[from].flags&fQuestion != 0 {
			continue
		}
		if (parts >= 2 && t.partContrast(from, to) || bits&cuDiffer != 0 && t.partOther(from, to, opensNo) ||
			bits&(cuHeld|cuNoun) == cuHeld|cuNoun && t.notHeld(from, to) || bits&cuExcept != 0 && parts >= 1 && t.partExcept(from, to)) &&
			!t.whetherIn(from, to) { // not "Non posso dire se qualche parte della data è sbagliata": whether, not which
			return RuleDenial
		}
	}
	return ""
}

// What a word may be to partDenial (lexEntry.part, text.partCues).
const (
	cuPart   uint8 = 1 << iota // a part of a value: "day", "postcode"
	cuDiffer                   // "different", "off", "otro"
	cuHeld                     // "have", "tenemos"
	cuExcept                   // "except", "bis", "sauf"
	cuNoun                     // a value's noun: "address", "número"
)

// indefiniteBefore reports whether an indefinite article stands within
// the 3 tokens before token i (not before from): "a Munich address".
func (t *text) indefiniteBefore(i, from int) bool {
	for j := max(from, i-3); j < i; j++ {
		if t.is52(j, x52Indef) { // indefinites
			return true
		}
	}
	return false
}

// partCue is a token that partDenial may read (maxPartCues at most).
type partCue struct {
	tok  int32
	bits uint8
}

const maxPartCues = 64

// partCueWords are the words of partCue, by bit, as written (before
// canonical forms: "street", "Straße", "month's").
var partCueWords = func() map[string]uint8 {
	m := map[string]uint8{}
	for w := range partWords {
		m[w] |= cuPart
		m[w+"s"] |= cuPart
	}
	for _, w := range []string{"street", "strasse", "straat", "rua", "streets"} {
		m[w] |= cuPart
	}
	for w := range partBefore {
		m[w] |= cuDiffer
	}
	for w := range partAfter {
		m[w] |= cuDiffer
	}
	for w := range heldVerbs {
		m[w] |= cuHeld
	}
	for w := range partExceptWords {
		m[w] |= cuExcept
	}
	m["bis"] |= cuExcept
	for w := range partValueNouns {
		m[w] |= cuNoun
	}
	for _, w := range []string{"adresse", "direccion", "numero", "telefono", "e-mail"} {
		m[w] |= cuNoun
	}
	return m
}()

// partContrast reports whether the sentence [from, to) holds two clauses
// (split by a word for "but" or punctuation), each with a part word, one
// with a word of agreement and the other with a negation: "der Monat
// stimmt, aber der Tag nicht", "la calle sí, pero el código postal no".
func (t *text) partContrast(from, to int) bool {
	// a clause counts when it holds nothing but parts, verdicts and
	// links: "the month's right", not "the month is right for the
	// promotion" nor "el día de envío no"
	type clause struct{ part, yes, no, loose bool }
	var cs [4]clause
	n := 0
	for i := from; i < to && n < 4; i++ {
		w := string(t.tokBytes(i))
		if partBut[w] && i > from {
			n++
			if n == 4 {
				break
			}
		}
		c := &cs[n]
		switch {
		case condWords[w] && !(w == "si" && t.toks[i].flags&fPunctAfter != 0): // (Spanish and Italian "sí," is yes)
			return false // "if the day is right but the month isn't, ..."
		case isPartWord(w):
			c.part = true
		case partYes[w]:
			c.yes = true
		case partNeg[w]:
			c.no = true
		case !partLinks[w] && !partBut[w]:
			c.loose = true
		}
		if t.toks[i].flags&fPunctAfter != 0 && i+1 < to && !partBut[string(t.tokBytes(i+1))] {
			n++
		}
	}
	for a := 0; a < n+1 && a < 4; a++ {
		for b := a + 1; b < n+1 && b < 4; b++ {
			x, y := cs[a], cs[b]
			if x.part && y.part && !x.loose && !y.loose && (x.yes && !x.no && y.no || x.no && !x.yes && y.yes && !y.no) {
				return true
			}
		}
	}
	return false
}

// partOther reports whether the sentence [from, to) says a part or the
// value's noun is different or off, after an opening "no" (opensNo) or
// with "not that one" in it: "not quite, it's a different day", "nope,
// the spelling's off", "tenemos otro número alemán, no ese".
func (t *text) partOther(from, to int, opensNo bool) bool {
	// the difference said of it with a copula or "we have": "it's a
	// different day", "we have a different German number", "the
	// spelling's off"; not "the refund takes another day"
	other, notThat, copula := false, false, false
	for i := from; i < to; i++ {
		w := string(t.tokBytes(i))
		copula = copula || t.toks[i].lex&lxCopula != 0 || partCopulas[w]
		if condWords[w] && !(w == "si" && t.toks[i].flags&fPunctAfter != 0) {
			return false
		}
		if isOwner(w) || ourWords[w] {
			return false // "die van de bestelling komt een andere dag", "un autre colis", "unser Lager"
		}
		ends := func(j int) bool { return j == to-1 || t.toks[j].flags&fPunctAfter != 0 }
		if partBefore[w] {
			// "a different day.", "otro número alemán, no ese": the part
			// or noun right after it (a country between) ends its clause
			for j := i + 1; j < to && j <= i+2; j++ {
				x := string(t.tokBytes(j))
				if (isPartWord(x) || partValueNouns[x]) && (ends(j) || j+1 < to && countryAdjectives[string(t.tokBytes(j+1))] && ends(j+1)) {
					other = true
				}
				if !countryAdjectives[x] {
					break
				}
			}
		}
		if partAfter[w] && ends(i) {
			// "the spelling's off,": the part just before it
			for j := max(from, i-2); j < i; j++ {
				if x := string(t.tokBytes(j)); isPartWord(x) || partValueNouns[x] {
					other = true
					copula = copula || j == i-1 && x[len(x)-1] == 's' && !partWords[x] // "the spelling's off"
				}
			}
		}
		if negations[w] && i+1 < to && (t.toks[i+1].lex&lxDemo != 0 || partThat[string(t.tokBytes(i+1))]) && i+2 >= to {
			notThat = true // "..., no ese.", "..., not that one."
		}
	}
	return other && copula && (opensNo || notThat)
}

// notHeld reports whether the sentence [from, to) says a value of a kind
// (an indefinite article, at most two words, the value's noun) is one we
// do not have from the customer: "a Munich address we don't have from
// you at all", "eine Münchner Adresse haben wir von Ihnen gar nicht".
func (t *text) notHeld(from, to int) bool {
	noun, we, have, neg := -1, false, false, false
	for i := from; i < to; i++ {
		w := string(t.tokBytes(i))
		switch {
		case condWords[w] && !(w == "si" && i > from && siPreps[string(t.tokBytes(i-1))]) || ourWords[w] || newWords[w] || deferWord(t.tokBytes(i)):
			return false // "eine neue Adresse haben wir noch nicht erhalten, bitte nach der Verifizierung"
		case partValueNouns[w] && noun < 0:
			for j := max(from, i-3); j < i; j++ {
				if t.is52(j, x52Indef) { // indefinites
					noun = i
				}
			}
		case noun >= 0 && weWords[w]:
			we = true
		case noun >= 0 && heldVerbs[w]:
			have = true
			we = we || heldWe[w]
		case noun >= 0 && w == "no":
			// Spanish "no (la) tenemos", not Portuguese "no sistema"
			for j := i + 1; j < to && j <= i+2; j++ {
				neg = neg || heldVerbs[string(t.tokBytes(j))]
			}
		case noun >= 0 && (negations[w] || stepNegations[w] || w == "gar"):
			neg = true
		}
	}
	return noun >= 0 && we && have && neg
}

// siPreps make Portuguese "si" the pronoun ("de si", "from you"), not
// "if".
var siPreps = set("de", "a", "para", "por", "com", "sobre")

// newWords say a value is new: "a new address we don't have yet".
var newWords = set("new", "neue", "neuen", "neuer", "neues", "nouvelle", "nouveau", "nueva", "nuevo", "nuova", "nuovo",
	"nieuw", "nieuwe", "nova", "novo", "change", "anderung", "changement", "cambio", "modifica", "wijziging", "alteracao")

// heldVerbs say "have" after the value's noun; heldWe in the first
// person plural.
var (
	heldVerbs = set("have", "had", "haben", "hatten", "avons", "tenemos", "teniamos", "abbiamo", "avevamo", "hebben",
		"hadden", "temos", "tinhamos")
	heldWe = set("avons", "tenemos", "teniamos", "abbiamo", "avevamo", "temos", "tinhamos")
)

// partExcept reports whether the short sentence [from, to) agrees except
// for a part: "genau, bis auf die Hausnummer", "yes, except the
// postcode", "oui, sauf le code postal", "sí, salvo el día".
func (t *text) partExcept(from, to int) bool {
	if to-from > 8 {
		return false
	}
	yes := false
	for i := from; i < to; i++ {
		w := string(t.tokBytes(i))
		if partYes[w] || exactWords[w] {
			yes = true
			continue
		}
		if !yes || !(partExceptWords[w] || w == "bis" && i+1 < to && string(t.tokBytes(i+1)) == "auf") {
			continue
		}
		for j := i + 1; j < to && j <= i+4; j++ {
			if isPartWord(string(t.tokBytes(j))) {
				return true
			}
		}
	}
	return false
}

// partExceptWords say "except" ("bis auf" in German).
var partExceptWords = set("except", "apart", "sauf", "excepto", "salvo", "menos", "tranne", "eccetto", "salvo",
	"behalve", "exceto", "ausser", "auser")

// isPartWord reports whether w is a part word, or its plural or English
// possessive as the token view writes it ("the month's right": "months").
func isPartWord(w string) bool {
	return partWords[w] || len(w) > 3 && w[len(w)-1] == 's' && partWords[w[:len(w)-1]]
}

// partHedge reports whether a and b open a reply with "not quite" or its
// like.
func partHedge(a, b string) bool {
	return (a == "not" || a == "nicht" || a == "pas" || a == "no" || a == "non" || a == "niet" || a == "nao") && partQuite[b]
}

// Words of a partial denial (normalised).
var (
	partWords = set("day", "month", "year", "tag", "monat", "jahr", "jour", "mois", "annee", "dia", "mes", "ano",
		"giorno", "mese", "anno", "dag", "maand", "jaar", "st", "rue", "calle", "via", "straat", "street", "postcode",
		"plz", "postleitzahl", "postal", "cp", "cap", "cep", "codigo", "zip", "hausnummer", "huisnummer", "house", "city",
		"stadt", "ville", "ciudad", "citta", "stad", "cidade", "prefix", "vorwahl", "prefixe", "prefijo", "prefisso",
		"ending", "endung", "digits", "ziffern", "chiffres", "digitos", "cifre", "cijfers", "algarismos", "spelling",
		"schreibweise", "orthographe", "ortografia", "spelling", "domain", "domane", "domaine", "dominio", "domein")
	partValueNouns = set("number", "nummer", "numero", "address", "adresse", "direccion", "indirizzo", "adres", "morada",
		"endereco", "email", "mail", "correo", "date", "datum", "fecha", "data", "card", "karte", "carte", "tarjeta",
		"carta", "kaart", "cartao", "mobile", "handy", "portable", "movil", "cellulare", "mobiel", "telemovel")
	partYes = set("right", "correct", "ok", "okay", "fine", "yes", "ja", "oui", "si", "sim", "wel", "stimmt", "klopt",
		"bon", "bonne", "bien", "giusto", "giusta", "certo", "certa", "correcto", "correcta", "richtig", "juste", "exact",
		"matches", "coincide", "corrisponde", "bate", "passt", "corretto", "corretta", "goed", "juist")
	partNeg = set("no", "not", "isnt", "doesnt", "nicht", "pas", "niet", "nao", "non", "wrong", "falsch", "faux",
		"mal", "sbagliato", "sbagliata", "errado", "errada", "fout", "off", "nope", "arent", "different", "anders")
	partLinks = set("the", "der", "die", "das", "den", "dem", "le", "la", "les", "l", "el", "los", "las", "il", "lo",
		"i", "de", "het", "o", "a", "os", "as", "is", "s", "ist", "est", "es", "esta", "e", "are", "sind", "zijn",
		"sono", "sao", "its", "cest", "still", "noch", "encore", "todavia", "ancora", "nog", "ainda", "ok", "code", "number")
	partCopulas = set("s", "its", "theres", "thats", "cest", "have", "has", "haben", "habe", "avons", "ai", "tenemos",
		"tengo", "abbiamo", "ho", "hebben", "heb", "temos", "tenho", "is", "ist", "est", "es", "e")
	partBut   = set("but", "aber", "mais", "pero", "ma", "maar", "mas", "though", "however", "jedoch", "sino")
	partNo    = set("no", "nope", "nein", "non", "nee", "nao", "neen", "nah")
	partQuite = set("quite", "ganz", "tout", "exactamente", "exactly", "proprio", "helemaal", "exatamente", "really")
	// partBefore say "different" before a noun, partAfter after it.
	partBefore = set("different", "another", "anderer", "andere", "anderen", "anderes", "autre", "otro", "otra", "altro",
		"altra", "ander", "outro", "outra", "distinto", "distinta", "diferente", "diverso", "diversa", "differente")
	partAfter = set("off", "wrong", "falsch", "faux", "fausse", "sbagliato", "sbagliata", "errado", "errada", "fout",
		"different", "anders", "diferente", "distinto", "distinta", "diverso", "diversa", "differente", "incorrect")
	partThat = set("that", "this", "ese", "esa", "eso", "quello", "quella", "dat", "die", "deze", "esse", "essa",
		"isso", "diese", "dieser", "celui", "celle", "celuila", "cellela", "that1")
)

// whetherIn reports whether the sentence [from, to) asks whether (a word
// of whetherWords after a word of saying or knowing): "I can't say whether
// any part of the date is wrong", "Não posso dizer se parte da data está
// errada".
func (t *text) whetherIn(from, to int) bool {
	for k := from + 1; k < to; k++ {
		if whetherWords[string(t.tokBytes(k))] && sayVerbsW[string(t.tokBytes(k-1))] {
			return true
		}
	}
	return false
}

// sayVerbsW say or know before "whether" (normalised).
var sayVerbsW = set("say", "tell", "know", "confirm", "sagen", "wissen", "bestatigen", "dire", "savoir", "confirmer",
	"decir", "saber", "confirmar", "sapere", "confermare", "zeggen", "weten", "bevestigen", "dizer")
