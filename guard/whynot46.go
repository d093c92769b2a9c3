package guard

// "Why not" (g46): "Can't see why not, the birth date you gave is the
// one on your record", "Warum nicht, ...", "Pourquoi pas, ...", "¿Por
// qué no?", "Perché no, ...", "Waarom niet, ...", "Porque não, ...". The
// negation of "why not", set off by punctuation, says there is no
// reason against: it sets no value aside (setAside, formal.go).

// whyNot46 reports whether the negation at token j closes a "why not"
// set off by punctuation.
func (t *text) whyNot46(j int) bool {
	if j == 0 || t.toks[j].flags&fPunctAfter == 0 && j+1 < len(t.toks) {
		return false
	}
	w := string(t.tokBytes(j - 1))
	if w == "que" && j > 1 {
		w = string(t.tokBytes(j-2)) + " que" // "por qué no", "por que não"
	}
	return whyWords46[w]
}

// whyWords46 say "why" (normalised).
var whyWords46 = set("why", "warum", "wieso", "weshalb", "pourquoi", "porque", "por que", "perche", "waarom")
