package guard

// Her email told by its top-level domain after a word for address and a
// word of ending (g22b): "It's the French address ending in .fr, not a
// German one", "votre adresse personnelle en .fr", "die Adresse, die auf
// .fr endet". mailLabelYours reads the domain right beside a possessive
// and an address noun; here up to four words may stand between the noun
// and the domain (adjectives, "ending in", "en"), the noun made hers by a
// possessive or a definite article, in a sentence of no business's own
// address and of no address in general ("addresses ending in .fr are
// French", "an address ending in .de").

// mailTLDSaid reports whether the top-level domain at offset start of the
// token view closes such a phrase.
func (t *text) mailTLDSaid(start int) bool {
	i := t.tokenAt(start)
	if i < 2 || t.toks[i].flags&fQuestion != 0 {
		return false // "The email went to the address ending in .fr? I can't say."
	}
	from, to := t.sentenceOf(i)
	if i+1 < to && string(t.tokBytes(i+1)) == "at" {
		return false
	}
	noun := -1
	for k := i - 1; k >= from && k >= i-5; k-- {
		w := string(t.tokBytes(k))
		if mailAddrNouns(w) {
			noun = k
			break
		}
		if !mailTLDBetween[w] && !countryAdjective(w) {
			return false
		}
	}
	if noun <= from {
		return false
	}
	own := false
	for k := noun - 1; k >= from && k >= noun-2; k-- {
		w := string(t.tokBytes(k))
		if secondPerson[w] || w == "her" || w == "the" || definites[w] {
			own = true
			break
		}
		if !countryAdjective(w) && !mailTLDBetween[w] {
			break
		}
	}
	if !own {
		return false
	}
	for k := from; k < to; k++ {
		if ourWords[string(t.tokBytes(k))] {
			return false
		}
	}
	return true
}

// countryAdjective reports whether w is an adjective of a country
// ("French", "deutsche", "française").
func countryAdjective(w string) bool { return countryAdjs32[w] }

// Words between an address noun and its top-level domain (normalised).
var (
	mailTLDBetween = set("ending", "ends", "that", "which", "in", "with", "en", "in", "auf", "endet", "endend", "mit",
		"die", "terminant", "termine", "qui", "se", "par", "termina", "terminada", "terminado", "que", "con", "em",
		"eindigend", "eindigt", "op", "die", "met", "personal", "personnelle", "personnel", "personale", "persoonlijke",
		"pessoal", "privada", "privata", "privee", "prive", "private", "privat", "private", "privaten", "perso", "mail",
		"email", "e", "di", "de", "do", "da", "del", "finisce", "finissant", "acaba", "acabada", "ends", "tld", "domain",
		"domaine", "dominio", "domein", "dominio", "persoonlijk", "personlich", "personliche")
	countryAdjs32 = set("french", "german", "spanish", "italian", "dutch", "portuguese", "franzosische", "franzosischen",
		"deutsche", "deutschen", "francaise", "francais", "allemande", "francesa", "frances", "alemana", "francese",
		"tedesca", "tedesco", "franse", "frans", "duitse", "francesa", "alema")
)
