package guard

// A yes or no after a hesitation at the head of its sentence (guard43):
// "Hmm no, not that one", "Hm nein, die nicht", "Mmm no, ese no", "Mah
// no, non quello", "ah ok yes that's the one". The filler says nothing;
// the answer word opens the sentence as if it stood first. Words that
// carry a meaning of their own ("well, no problem", "so yes") are no
// fillers.

// fillerOpens43 reports whether every token of the sentence before token
// i, at most three, is a hesitation or an interjection: the answer word
// at i then opens the sentence.
func (t *text) fillerOpens43(i int) bool {
	from, _ := t.sentenceOf(i)
	if i <= from || i-from > 3 || okWords[string(t.tokBytes(i))] {
		return false // "ah ok": an acknowledgement
	}
	for k := from; k < i; k++ {
		w := string(t.tokBytes(k))
		if !hesitations[w] && !interjections43[w] && !okWords[w] && !fillers49[w] || (w == "eh" || w == "pues") && !ehFiller49(t.tokBytes(i)) { // (filler49.go)
			return false // "Eh oui, c'est la période des soldes": an idiom
		}
	}
	return true
}

// interjections43 are the interjections of the seven languages that lead
// an answer without adding to it (normalised): "oh", "ach", "tja", "bof",
// "mah", "nou", "pois".
var interjections43 = set("oh", "ohh", "ach", "och", "tja", "naja", "bof", "ben", "mah", "beh", "boh", "nou", "tsja",
	"hmmm", "mmh", "mh", "hmpf", "ahh", "aha", "ahah")
