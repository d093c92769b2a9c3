package guard

// A relative led by a preposition. "Esa no es la tarjeta a la que se
// cargó", "Quella non è la carta su cui è stato addebitato", "Ce n'est
// pas la carte avec laquelle vous avez payé", "Dat is niet de kaart
// waarmee is betaald": the value noun, then "to which", "on which",
// "with which" and what was done with it. pointerNotYours (denial23.go)
// reads it as it reads "la que", "the one we".

// prepRelative31 reports whether tokens from k open a relative led by a
// preposition: a preposition, an article at most, then a relative
// pronoun ("a la que", "su cui", "sulla quale", "avec laquelle", "mit
// der", "com o qual"), or a Dutch or French relative with its preposition
// in it ("waarmee", "waarop", "dont").
func (t *text) prepRelative31(k, to int) bool {
	if k >= to {
		return false
	}
	if prepRelWords31[string(t.tokBytes(k))] {
		return true
	}
	if !relPreps31[string(t.tokBytes(k))] {
		return false
	}
	for j := k + 1; j < to && j <= k+2; j++ {
		w := string(t.tokBytes(j))
		if relPronouns31[w] {
			return true
		}
		if !definites[w] && w != "los" && w != "las" && w != "os" && w != "as" {
			return false
		}
	}
	return false
}

// Words of a relative led by a preposition (normalised).
var (
	// relPreps31 lead a relative: "to", "with", "on", "a", "con", "su".
	relPreps31 = set("to", "with", "on", "onto", "from", "a", "con", "en", "su", "sulla", "sul", "da", "di", "auf", "an",
		"mit", "von", "zu", "sur", "avec", "par", "pour", "com", "em", "na", "no", "para", "por", "pela", "pelo", "met",
		"op", "naar", "van", "aan")
	// relPronouns31 are the relative pronouns after the preposition.
	relPronouns31 = set("que", "cui", "cual", "cuales", "quale", "quali", "qual", "quais", "laquelle", "lequel",
		"lesquels", "lesquelles", "quoi", "qui", "der", "die", "dem", "denen", "welche", "welcher", "welchem", "which",
		"whom", "wie", "welke")
	// prepRelWords31 are relatives with their preposition in one word.
	prepRelWords31 = set("waarmee", "waarop", "waarvan", "waarnaar", "waaraan", "dont", "womit", "worauf", "wovon",
		"wohin")
)

// negatedCopula31 reports whether token k, in a sentence opening at from,
// is a copula negated right before or after it ("no es", "non è", "n'est
// pas", "is niet", "não é", "ist nicht") or a fused one ("isn't",
// "nest"): the sentence that names the record denies.
func (t *text) negatedCopula31(k, from int) bool {
	w := string(t.tokBytes(k))
	if w == "isnt" || w == "arent" || w == "wasnt" || w == "nest" {
		return true
	}
	if t.toks[k].lex&lxCopula == 0 {
		return false
	}
	if k > from && (negations[string(t.tokBytes(k-1))] || string(t.tokBytes(k-1)) == "n") {
		return true
	}
	return k+1 < len(t.toks) && t.toks[k].flags&fPunctAfter == 0 && (negations[string(t.tokBytes(k+1))] || string(t.tokBytes(k+1)) == "niet")
}

// negCopulaOpens31 reports whether the clause opening at i (ending at
// to) opens with a negation and a copula, its subject in the verb: "No
// es", "Non è", "Não é".
func (t *text) negCopulaOpens31(i, to int) bool {
	w := string(t.tokBytes(i))
	return (w == "no" || w == "non" || w == "nao") && i+1 < to && t.toks[i].flags&fPunctAfter == 0 &&
		t.toks[i+1].lex&lxCopula != 0
}
