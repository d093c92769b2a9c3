package guard

import (
	"strings"

	"github.com/proofdesk/proofdesk"
)

// An email described instead of written (guard11): "first name dot last
// name at the .fr domain", "the mailbox with your first and last name at
// exemple", "Vor- und Nachnamen mit Punkt bei exemple.fr". When the local
// part is the customer's first and last name, a sentence that names both
// name parts and a label of the email's domain (or its top-level domain)
// tells the address.

// mailShape adds the labels of email v's domain (ctxMailShape) when its
// local part is name's first and last word ("elodie.martin" for "Élodie
// Martin"), in either order.
func (b *builder) mailShape(name, v string, level proofdesk.Level) {
	at := strings.LastIndexByte(v, '@')
	n := normTokens(name)
	if at <= 0 || len(n) < 2 {
		return
	}
	local, dom := normTokens(v[:at]), normTokens(v[at+1:])
	first, last := n[0], n[len(n)-1]
	if len(local) != 2 || !(local[0] == first && local[1] == last || local[0] == last && local[1] == first) {
		return
	}
	p := pattern{class: proofdesk.ClassEmail, part: PartFull, level: level, ctx: ctxMailShape}
	for _, d := range dom {
		if !webmail[d] {
			b.tokens([]string{d}, p)
		}
	}
}

// mailShaped reports whether the domain label at token view offset start
// stands in a sentence that names a first name and a last name ("1 name
// dot last name", "Vor- und Nachnamen", "prénom point nom", "nome e
// cognome") after a word for email, "at" or "dot", not as a question.
func (t *text) mailShaped(start int) bool {
	i := t.tokenAt(start)
	if i < 0 || t.toks[i].flags&fQuestion != 0 || t.exampleNoun43(i) {
		return false // "(un exemple, pas une vraie adresse)": the French noun (status43.go)
	}
	from, to := t.sentenceOf(i)
	firstAt, lastAt := -1, -1
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		next := ""
		if k+1 < to {
			next = string(t.tokBytes(k + 1))
		}
		switch {
		case firstNameWords[w], w == "1" && (next == "name" || next == "and"), w == "vor" && next == "und",
			w == "given" && next == "name", w == "primeiro" && next == "nome":
			if firstAt < 0 {
				firstAt = k
			}
		case lastNameWords[w], w == "last" && next == "name", w == "family" && next == "name":
			lastAt = k
		}
	}
	for k := from; k < i; k++ {
		if ourWords[string(t.tokBytes(k))] {
			return false // "our domain is exemple.fr": the business's
		}
	}
	if firstAt < 0 || lastAt < 0 || i < firstAt {
		return false // "the exemple.fr team: your first and last name please" names no address
	}
	for k := from; k < i; k++ {
		if w := string(t.tokBytes(k)); t.toks[k].lex&(lxDot|lxAt) != 0 || emailNouns[w] || mailboxWords[w] || w == "at" || w == "chez" || w == "bei" ||
			w == "dominio" || w == "domain" || w == "domaine" || w == "domein" || w == "domane" {
			return true
		}
	}
	return false
}

// Words for a first name and a last name in seven languages (normalised).
var (
	firstNameWords = set("firstname", "forename", "vorname", "vornamen", "vornames", "prenom", "prenoms", "nombre",
		"nome", "voornaam", "voornamen")
	lastNameWords = set("surname", "lastname", "nachname", "nachnamen", "familienname", "nom", "apellido", "apellidos",
		"cognome", "achternaam", "apelido", "sobrenome")
)
