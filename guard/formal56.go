package guard

import (
	"strings"

	"github.com/proofdesk/proofdesk"
)

// Formal verdicts of held-out set 28 that formal50 did not read: the
// record side said as "the ones we have" ("sont ceux que nous avons",
// "sono quelle in nostro possesso", "zijn die welke wij hebben", "são os
// que temos"), a verdict word standing for the match and the record ("Ihre
// Angabe zu den letzten vier Ziffern ist zutreffend"), a word of occurring
// in the record ("niet voorkomt bij de adressen op het account"), a record
// in a compound ("eigenaarsprofiel", "Tierhalterkonto") or a registered
// word ("der ... hinterlegten"), and a verb of matching that opens the
// sentence before the value ("Leider stimmt die von Ihnen angegebene
// E-Mail-Adresse nicht mit ... überein").

// weHave56 reports whether token k closes "the ones we have": a verb of
// holding in the first person plural (after "we", "wij", "wir" where the
// verb does not say it), a pronoun of "the ones" at most 3 tokens before
// it (not before from), and no "to", "in stock" after it ("the ones we
// have to print").
func (t *text) weHave56(k, from, to int) bool {
	w := string(t.tokBytes(k))
	switch {
	case weHaveVerbs56[w]:
	case haveNeedsWe56[w]:
		if k == from || !we56[string(t.tokBytes(k-1))] {
			return false
		}
	default:
		return false
	}
	if k+1 < to && t.toks[k].flags&fPunctAfter == 0 && haveAfter56[string(t.tokBytes(k+1))] {
		return false
	}
	for j := k - 1; j >= from && j >= k-4; j-- {
		if ones56[string(t.tokBytes(j))] {
			return true
		}
	}
	return false
}

// recordCompound56 reports whether w is a compound ending in a noun of
// the record: "eigenaarsprofiel", "tierhalterkonto", "kundenkonto".
func recordCompound56(w string) bool {
	for _, s := range recordTails56 {
		if len(w) > len(s)+2 && strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

var recordTails56 = []string{"profiel", "profil", "konto", "account", "dossier", "bestand", "kartei", "akte"}

// Words of the readings (normalised).
var (
	// weHaveVerbs56 hold in the first person plural; haveNeedsWe56 need
	// the pronoun before them.
	weHaveVerbs56 = set("avons", "navons", "lavons", "abbiamo", "temos", "tenemos", "possesso", "posse", "detenons", "disponemos",
		"disponiamo", "dispomos", "guardamos", "conservons", "conserviamo")
	haveNeedsWe56 = set("have", "got", "hold", "keep", "haben", "hebben", "bewaren", "speichern", "tenho")
	we56          = set("we", "weve", "wij", "wir", "nous", "noi", "nos", "nosotros")
	// ones56 stand for "the ones" of the record: "ceux que", "quelle in",
	// "die welke", "os que", "the ones", "dieselben".
	ones56 = set("ceux", "celles", "celle", "celui", "quelle", "quelli", "quella", "quello", "welke", "os", "as",
		"los", "las", "ones", "one", "dieselben", "dieselbe", "diejenigen", "diejenige", "aquellos", "aquellas",
		"aqueles", "aquelas", "die", "dezelfde", "nostro", "nostra", "nostri", "nostre", "nosso", "nossa")
	// haveAfter56 after a verb of holding make it no record: "the ones we
	// have to print", "ceux que nous avons en stock".
	haveAfter56 = set("to", "zu", "te", "om", "a", "de", "da", "di", "que", "para", "per", "pour", "for", "en", "em",
		"in", "stock", "lager", "voorraad", "magazzino", "estoque", "sent", "printed", "envoye", "envoyes", "enviado",
		"inviato", "gestuurd", "verschickt", "ontvangen", "recu", "recus")
	// truth56 judge the value given as true or false: the match and the
	// record at once ("Ihre Angabe ... ist zutreffend"); untrue56 deny.
	truth56 = set("zutreffend", "zutreffende", "korrekt", "korrekte", "richtig", "richtige", "correct", "correcte",
		"correctes", "corrects", "exact", "exacte", "exacts", "exactes", "accurate", "correcto", "correcta",
		"correctos", "correctas", "exacto", "exacta", "exactos", "exactas", "corretto", "corretta", "corretti",
		"corrette", "esatto", "esatta", "esatti", "esatte", "juist", "juiste", "correcte", "correto", "correta",
		"corretos", "corretas", "exato", "exata", "exatos", "exatas", "valide", "valid", "gultig")
	untrue56 = set("unzutreffend", "unzutreffende", "falsch", "falsche", "incorrect", "incorrecte", "inexact",
		"inexacte", "inaccurate", "wrong", "incorrecto", "incorrecta", "inexacto", "errato", "errata", "errati",
		"errate", "sbagliato", "sbagliata", "sbagliate", "onjuist", "onjuiste", "fout", "incorreto", "incorreta",
		"errado", "errada", "errados", "erradas", "erroneo", "errone", "errones", "erronee", "inexacts", "inexactes", "incorrects",
		"incorrectes", "incorrectos", "incorrectas", "incorretos", "incorretas", "inexactos", "inexactas", "falsi",
		"falsos", "falsas", "faux", "fausse", "fausses", "onjuist")
	// occur56 say a value occurs in the record: "niet voorkomt bij",
	// "ne figure pas dans", "no consta en".
	occur56 = set("voorkomt", "voorkomen", "vorkommt", "vorkommen", "figure", "figurent", "figura", "figuran",
		"figurano", "consta", "constan", "constam", "appears", "appear", "compare", "compaiono", "aparece", "aparecem",
		"aparecen", "apparait", "apparaissent", "erscheint", "staat", "staan")
	// saidNouns56 are nouns of what the requester gave: "Ihre Angabe zu
	// den Ziffern", "uw opgave van".
	saidNouns56 = set("angabe", "angaben", "opgave", "indication", "indications", "indicacion", "indicazione",
		"indicacao")
	// said56 are words of saying said50 misses.
	said56 = set("citez", "citiez", "refere", "refiere", "riferisce", "nennt", "noemde", "mentionnez", "indicou",
		"nommez", "gave", "given", "gegeven", "donne", "donnes", "donnez", "dado", "dada", "dato", "data",
		"angabe", "angaben", "opgave")
	// nouns56 are value nouns formal50 did not know: compounds, and "st",
	// the normalised "straat", "street".
	nouns56 = set("geboortedatum", "geburtsdatum", "geburtstag", "verjaardag", "telefoonnummer", "telefonnummer",
		"handynummer", "mobielnummer", "mobilnummer", "emailadres", "mailadres", "huisadres", "postadres", "woonadres",
		"anschrift", "wohnadresse", "postanschrift", "st", "naissance", "nacimiento", "nascita", "nascimento")
	// openMatch56 are verbs of matching that may open a sentence before
	// the value (a verb-second clause): "Leider stimmt ...", "Helaas komt
	// ... niet overeen".
	openMatch56 = set("stimmt", "stimmen", "komt", "komen", "kommt")
)

// saidValue56 reports whether the clause [rest, to) after a yes names
// the value the requester just gave: a value noun with a word of saying
// at most 3 tokens before it or 6 after it ("Exact, la clinique vous
// joindra au numéro que vous venez de donner", "Richtig, unter der
// genannten Nummer erreicht Sie die Praxis", "passt 👍 (Nummer wie von
// Ihnen angegeben)"); the yes is a word of truth, not a plain yes that may
// grant a request (plainYes56). A question, a condition, a negation, a word of
// possibility, the business's possessive or a code rule it out ("Yes,
// the number you gave is our hotline").
func (t *text) saidValue56(rest, to int, class string) bool {
	if plainYes56[string(t.tokBytes(0))] {
		return false // "Yes, we'll call you on the number you gave" answers a request
	}
	noun, said := -1, false
	for k := rest; k < to; k++ {
		w := string(t.tokBytes(k))
		if t.toks[k].flags&fQuestion != 0 || condWords[w] || t.whether50(k, rest) || neg50[w] || can50[w] ||
			modal56[w] || ours50[w] || codes50[w] || thingWords[w] || otherThings[w] && !said50[w] {
			return false
		}
		if noun < 0 && classNoun56(class, w) {
			noun = k
			for j := max(rest, k-3); j < k; j++ {
				said = said || saidGave56(string(t.tokBytes(j)))
			}
			continue
		}
		if noun >= 0 && k <= noun+6 && saidGave56(w) {
			said = true
		}
	}
	return noun >= 0 && said
}

// plainYes56 are yes words that grant as well as confirm: only a word of
// truth ("Exact", "Richtig", "passt") before the value given judges it.
var plainYes56 = set("yes", "yeah", "yep", "yup", "ja", "oui", "si", "sim", "emojiyes", "certo", "certa", "sure", "ok",
	"okay", "d", "claro", "natuurlijk", "bien", "isso", "so")

// classNoun56 reports whether w names a value of the offered class:
// "number" for a phone, "address" or "email" for an email, "address" for
// an address.
func classNoun56(class, w string) bool {
	switch class {
	case "phone":
		return numberNouns56[w] || phoneWords[w] && w != "call" && w != "text" && w != "contact"
	case "email":
		return emailNouns[w] || addressNouns[w] || w == "emailadresse" || w == "emailadres"
	case "address":
		return addressNouns[w] || w == "postanschrift" || w == "wohnadresse"
	}
	return false
}

var numberNouns56 = set("number", "nummer", "numero", "numer", "telefonnummer", "telefoonnummer", "handynummer",
	"mobilnummer", "mobielnummer", "rufnummer")

// saidGave56 reports whether w says the requester gave a value.
func saidGave56(w string) bool { return said50[w] || said56[w] || gaveInf56[w] }

// gaveInf56 are infinitives of giving a value: "que vous venez de
// donner", "que acabou de indicar", "you just gave".
var gaveInf56 = set("donner", "indiquer", "communiquer", "indicar", "dar", "facilitar", "indicare", "dare", "fornire",
	"comunicare", "geven", "opgeven", "doorgeven", "doorgegeven", "mitgeteilt", "mitgeteilte", "mitgeteilten",
	"fornecer", "informar", "informou", "referiu", "referido", "referida", "forneceu", "facilitou", "deu", "gave", "given", "provide", "genannt", "genannte", "genannten", "angegeben")

// modal56 are words of possibility and of changing a value: a yes before
// them answers a how-to ("Exact, vous pouvez modifier le numéro que vous
// venez de donner").
var modal56 = set("can", "could", "may", "pouvez", "peux", "pourrez", "puedes", "puede", "podra", "podes", "pode",
	"podem", "kunt", "kun", "kannst", "konnen", "koennen", "puoi", "potete", "potra", "change", "update", "edit",
	"modifier", "changer", "cambiar", "modificar", "actualizar", "cambiare", "modificare", "aggiornare", "wijzigen",
	"aanpassen", "andern", "aktualisieren", "alterar", "atualizar", "mudar")

// another56 returns the rule of a question asking for another value of
// the offered class after a clause that says the offered one is not on
// file or not held ("Hmm, that one's not on file — do you have another
// number you might've used?", "ese no lo tenemos, ¿tienes otro número?",
// "Ce numéro n'est pas dans votre dossier, vous en auriez un autre ?").
// The word of "another" at k sits in the sentence [from, to); the denial
// is in that sentence before it or in the sentence before. "another
// colour" (no value noun), a condition, a thing or a code rule it out.
func (t *text) another56(k, from, to int, class string) string {
	if class == "" {
		return ""
	}
	q := false
	for j := from; j < to; j++ {
		q = q || t.toks[j].flags&fQuestion != 0
	}
	if !q {
		return ""
	}
	bare := k+1 >= to || t.toks[k].flags&fPunctAfter != 0 // "vous en auriez un autre ?"
	if !bare {
		n := string(t.tokBytes(k + 1))
		if !classNoun56(class, n) && !oneWords56[n] {
			return ""
		}
		bare = oneWords56[n]
	}
	start := from
	if from > 0 {
		start, _ = t.sentenceOf(from - 1)
	}
	neg, held, named := false, false, false
	for j := start; j < k; j++ {
		w := string(t.tokBytes(j))
		if condWords[w] || t.whether50(j, start) || thingWords[w] || codes50[w] {
			return ""
		}
		neg = neg || neg50[w]
		held = held || record50[w] || t.weHeld56(j, start, k)
		named = named || classNoun56(class, w) || pointers56[w] && j+1 < k && t.standsAlone56(j+1, start, k)
	}
	if bare && !named {
		return "" // "Die Größe haben wir nicht, möchten Sie eine andere?"
	}
	if neg && held {
		return RuleDenial
	}
	return ""
}

// weHeld56 reports whether token j is a verb of holding in the first
// person plural ("tenemos", "hebben we", "we have").
func (t *text) weHeld56(j, from, to int) bool {
	w := string(t.tokBytes(j))
	if weHaveVerbs56[w] {
		return true
	}
	if !haveNeedsWe56[w] && w != "has" && w != "hat" && w != "heeft" {
		return false
	}
	return j > from && we56[string(t.tokBytes(j-1))] || j > from+1 && we56[string(t.tokBytes(j-2))] ||
		j+1 < to && we56[string(t.tokBytes(j+1))]
}

// provider56 returns the rule of a sentence that says the business holds
// no address of the offered email's provider: "No, Gmail no tenemos
// ninguno tuyo", "indirizzi Gmail non ne abbiamo", "we don't have any
// Gmail address of yours": a provider, a negation, a verb of holding in
// the first person plural and a word of none or of hers.
func (t *text) provider56(from, to int, class string) string {
	if class != proofdesk.ClassEmail {
		return ""
	}
	prov, neg, held, none := false, false, false, false
	for j := from; j < to; j++ {
		w := string(t.tokBytes(j))
		if t.toks[j].flags&fQuestion != 0 || condWords[w] || t.whether50(j, from) || thingWords[w] || modal56[w] {
			return ""
		}
		prov = prov || mailProviders[w]
		neg = neg || neg50[w]
		held = held || t.weHeld56(j, from, to)
		if hers56[w] || none56[w] && (j+1 >= to || t.toks[j].flags&fPunctAfter != 0 || hers56[string(t.tokBytes(j+1))] ||
			noneAfter56[string(t.tokBytes(j+1))]) {
			none = true // "ninguno tuyo", "non ne abbiamo", not "keine Gmail-Integration"
		}
	}
	if prov && neg && held && none {
		return RuleDenial
	}
	return ""
}

var (
	// another56 ask for another value.
	another56 = set("another", "other", "andere", "anderen", "anderes", "ander", "autre", "otro", "otra", "outro",
		"outra", "altro", "altra", "alternative")
	oneWords56 = set("one", "1", "uno", "una", "um", "uma", "een", "eine", "einen", "un", "une")
	// none56 say none or hers: "ninguno tuyo", "non ne abbiamo", "nenhum seu".
	none56 = set("none", "any", "keine", "keinen", "aucune", "aucun", "geen", "ninguno", "ninguna", "nenhum",
		"nenhuma", "nessuno", "nessun")
	hers56 = set("yours", "tuyo", "tuya", "suyo", "suya", "seu", "sua", "tuo", "tua", "suo", "ne")
	// noneAfter56 may follow a word of none that stands alone: "keine von
	// Ihnen", "aucune à votre nom", "none for you".
	noneAfter56 = set("von", "van", "a", "pour", "for", "of", "de", "di", "da", "do")
	// pointers56 point at the value offered: "that one", "ese", "celui-là".
	pointers56 = set("that", "this", "it", "die", "dat", "diese", "dieser", "ce", "celui", "cela", "ese", "esa", "eso",
		"quello", "quel", "esse", "essa")
)

// standsAlone56 reports whether the token n after a pointer shows the
// pointer stands for the value ("ese no lo tenemos", "die hebben we
// niet", "that one's not on file"), not a determiner ("Esa talla").
func (t *text) standsAlone56(n, from, to int) bool {
	w := string(t.tokBytes(n))
	return neg50[w] || oneWords56[w] || t.weHeld56(n, from, to) || copulaWords[w] || w == "is" || w == "s" ||
		w == "est" || w == "ist" || w == "es" || w == "e" || w == "lo" || w == "la" || w == "l" || w == "o"
}

// nothingOn56 returns the rule of a sentence saying the business holds
// nothing on a street for her: "no, we don't have anything on Gran Vía
// for you", "on n'a rien rue de Rivoli pour vous", "in Corso Vittorio non
// abbiamo niente per lei": a word of nothing, a verb of holding in the
// first person plural, a street noun and "for you". A question or a
// condition rules it out.
func (t *text) nothingOn56(from, to int, class string) string {
	if class != proofdesk.ClassAddress {
		return ""
	}
	nothing, held, street, you := false, false, false, false
	for j := from; j < to; j++ {
		w := string(t.tokBytes(j))
		if t.toks[j].flags&fQuestion != 0 || condWords[w] || t.whether50(j, from) || thingWords[w] || codes50[w] {
			return ""
		}
		nothing = nothing || nothing56[w]
		held = held || t.weHeld56(j, from, to) || w == "na" && j > from && string(t.tokBytes(j-1)) == "on"
		street = street || streetNouns51[w]
		you = you || forPreps56[w] && j+1 < to && youWords56[string(t.tokBytes(j+1))] && t.clauseEnds56(j+1, to)
	}
	if nothing && held && street && you {
		return RuleDenial
	}
	return ""
}

var (
	nothing56  = set("anything", "nothing", "rien", "niente", "nulla", "nada", "nichts", "niets", "nothin")
	forPreps56 = set("for", "pour", "per", "para", "fur", "voor")
	youWords56 = set("you", "vous", "lei", "usted", "si", "sie", "u", "te", "toi", "ti", "voi", "ihnen", "jou", "vos")
)

// clauseEnds56 reports whether token i ends its clause (an emoji may
// follow): "for you 🤔", not "for you to pick up".
func (t *text) clauseEnds56(i, to int) bool {
	if t.toks[i].flags&fPunctAfter != 0 {
		return true
	}
	for j := i + 1; j < to; j++ {
		if !t.isEmoji(j) {
			return false
		}
	}
	return true
}
