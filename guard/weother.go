package guard

// Another value held, said without a no (guard13a): "Yours is from
// another domain", "La suya es de otro dominio", "Yours has a different
// ending": a sentence whose subject is the possessive pronoun of the
// person addressed and that gives her value another domain or ending
// denies the offered one. "Ours is from another domain" is the
// business's. And a difference about a value kept for a purpose ("We
// have a different address for returns", "a different card reader") is
// no denial of the offered one.

// yoursOther reports whether a sentence of t opens on a possessive
// pronoun of the person addressed and says her value is of another
// domain or ends differently (otherDomain, or a word for other or
// different before a word for the ending), in its first clause.
func (t *text) yoursOther() bool {
	if t.cls&clYours == 0 {
		return false
	}
	for k := range t.toks {
		if !t.has(k, clYours) {
			continue
		}
		if s := t.sentenceStart(k); k != s && !(k == s+1 && yoursArticles[string(t.tokBytes(s))]) {
			continue // it opens the sentence, after an article at most: "La vôtre est ..."
		}
		from, to := t.sentenceOf(k)
		if t.toks[to-1].flags&fQuestion != 0 || t.conditional(k) || t.deferredAfter(from) {
			continue
		}
		_, ct := t.clauseOf(k)
		if t.otherDomain(k+1, ct) {
			return true
		}
		for j := k + 1; j+1 < ct; j++ {
			if (otherOnes[string(t.tokBytes(j))] || differentWords[string(t.tokBytes(j))]) && endingNouns[string(t.tokBytes(j+1))] {
				return true // "Yours has a different ending"
			}
		}
	}
	return false
}

// keptForOther reports whether the denial phrase span sp is followed by
// a noun of a value and then a purpose ("a different address for
// returns", "eine andere Nummer für Retouren", "a different one for the
// billing team") or by a second noun of a compound ("a different card
// reader"): a value of the business's for that, not the offered one.
func (t *text) keptForOther(sp span) bool {
	j := t.tokenAt(sp.end - 1)
	if j < 0 || int(t.toks[j].off) != sp.end-1 {
		j = t.tokenAt(sp.end - 2)
		if j < 0 {
			return false
		}
		j++ // the phrase ends on a noun ("different card"): the token after it
	}
	if j >= len(t.toks) {
		return false
	}
	_, to := t.sentenceOf(j)
	if j < to && (isValueNoun(string(t.tokBytes(j))) || string(t.tokBytes(j)) == "1") {
		j++
	}
	if j >= to {
		return false
	}
	w := string(t.tokBytes(j))
	if t.toks[j-1].flags&fPunctAfter == 0 && compoundTails[w] {
		return true // "a different card reader"
	}
	if !purposePreps[w] {
		return false
	}
	for k := j + 1; k < to && k <= j+3; k++ {
		x := string(t.tokBytes(k))
		if youWordsAll[x] {
			return false // "a different one for you"
		}
		if otherWord(x) || teamWords[x] {
			return true
		}
	}
	return false
}

// Words of another value held (normalised).
var (
	yoursPronouns  = set("yours", "votre", "suya", "suyo", "sua", "seu", "uwe", "jouwe", "ihre", "deine", "tuya", "tua", "teu")
	yoursArticles  = set("la", "le", "o", "a", "de", "die", "el", "il")
	differentWords = set("different", "andere", "anderes", "differente", "distinta", "distinto", "diferente", "diversa",
		"diverso", "ander")
	endingNouns = set("ending", "endung", "terminaison", "fin", "terminacion", "finale", "desinenza", "einde", "uitgang",
		"terminacao", "final", "tld", "extension")
	compoundTails = set("reader", "readers", "terminal", "machine", "lesegerat", "lecteur", "lector", "lettore", "lezer",
		"leitor", "scheme", "type")
	teamWords = set("team", "department", "billing", "returns", "support", "abteilung", "service", "equipe", "equipo",
		"departamento", "reparto", "afdeling", "equipa", "hotline", "retouren", "retours", "devoluciones", "resi", "devolucoes", "warehouse", "lager", "entrepot", "almacen",
		"magazzino", "magazijn", "armazem", "shop", "store", "laden", "magasin", "tienda", "negozio", "winkel", "loja")
	youWordsAll = set("you", "sie", "dich", "vous", "toi", "usted", "ti", "lei", "te", "u", "jou", "voce", "si")
)

// demoNoOpens reports whether a sentence of t opens on a clause that is
// only a demonstrative pronoun and a negation, in either order ("Not
// that one –", "Nicht die –", "Ese no,", "Non quello,", "Niet die,",
// "Esse não,", "Pas celui-là,"): the offered one denied before the reply
// says which one is held.
func (t *text) demoNoOpens() bool {
	if t.cls&clDemo == 0 || t.cls&clNeg == 0 {
		return false // no demonstrative or no negation anywhere
	}
	for s := 0; s < len(t.toks); {
		_, to := t.sentenceOf(s)
		e := s // the opening clause's last token
		for e < to-1 && e < s+3 && t.toks[e].flags&fPunctAfter == 0 {
			e++
		}
		if e > s && e < to-1 && t.toks[e].flags&fPunctAfter != 0 && t.toks[s].flags&fQuestion == 0 {
			demo, neg, other := false, false, false
			for k := s; k <= e; k++ {
				w := string(t.tokBytes(k))
				switch {
				case actDemos[w] || demonstratives[w] && w != "das" && w != "dat" && w != "eso" && w != "isso" && w != "ca" && w != "cela":
					demo = true
				case negations[w] || w == "nao":
					neg = true
				case w == "1" || w == "ci" || w == "la":
				default:
					other = true
				}
			}
			if demo && neg && !other && !t.otherAhead(e+1, to) && !t.otherNamed(e+1, to) {
				return true // not "Not that one, the other form": another thing
			}
		}
		s = to
	}
	return false
}

// otherNamed reports whether tokens [from, to) name a thing that is no
// value: a form, or "the other" before a noun that is none ("the other
// form").
func (t *text) otherNamed(from, to int) bool {
	for k := from; k < to; k++ {
		if deferWord(t.tokBytes(k)) {
			return true
		}
		if otherOnes[string(t.tokBytes(k))] && k+1 < to && !isValueNoun(string(t.tokBytes(k+1))) &&
			t.toks[k+1].lex&(lxPhone|lxCard|lxStreet) == 0 && t.nounOther(k+1) {
			return true
		}
	}
	return false
}
