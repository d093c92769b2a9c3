package guard

import (
	"testing"
)

// TestWordSets52 checks the word-set bits kept on the tokens (x52,
// speed52.go) against their sets: no set holds a word that opens with a
// digit, each lexicon entry has exactly the bits of the sets that hold its
// word, and after normalising every reply of the corpora each token's bits
// are its text's entry's.
func TestWordSets52(t *testing.T) {
	for _, s := range wordSets52 {
		if s.bit >= 1<<x52G7Shift {
			t.Fatalf("set bit %#x among gate7's bits", s.bit)
		}
	}
	for _, s := range wordSets52 {
		for w := range s.set {
			if (w == "" || isDigit(w[0])) && s.bit&x52DigitTested == 0 {
				t.Fatalf("word %q of set %#x opens with a digit: no reading tests it", w, s.bit)
			}
		}
	}
	bits := wordBits52()
	for w, b := range bits {
		if e := lexFind([]byte(w)); e == nil || e.x52 != b {
			t.Fatalf("word %q lacks its bits %#x", w, b)
		}
	}
	for w, e := range lexicon {
		if e.x52 != bits[w] {
			t.Fatalf("word %q has bits %#x, its sets say %#x", w, e.x52, bits[w])
		}
	}
	replies := append(corpusReplies(t),
		"we have not that number, nous ne l'avons pas", "I'd say so: ce numéro n'est pas connu")
	var tx text
	for _, r := range replies {
		tx.normalize(r)
		for i := range tx.toks {
			w := tx.tokBytes(i)
			if got, want := tx.toks[i].x52, bits[string(w)]; got != want {
				t.Fatalf("%q: token %d %q has bits %#x, its sets %#x", r, i, w, got, want)
			}
		}
	}
}

// TestLexFindShort checks lexFind, which compares a short word's bytes
// as one number (lexSlot.short), against the lexicon map: every word, and
// every word with one byte changed, dropped or added.
func TestLexFindShort(t *testing.T) {
	check := func(w string) {
		if got, want := lexFind([]byte(w)), lexicon[w]; got != want {
			t.Fatalf("lexFind(%q) = %p, the lexicon has %p", w, got, want)
		}
	}
	check("")
	for w := range lexicon {
		check(w)
		check(w + "s")
		check("x" + w)
		for i := 0; i < len(w); i++ {
			check(w[:i] + w[i+1:])
			check(w[:i] + string(w[i]^1) + w[i+1:])
		}
	}
}
