package guard

import (
	"testing"
)

// TestWordSets8 checks the word-set bits kept on the tokens (x8,
// speed8.go) against their sets: each lexicon entry has exactly the bits
// of the sets that hold its word, no set holds a word that opens with a
// digit (a number token has no entry's bits), and after normalising
// every reply of the corpora each token's bits are its text's entry's.
func TestWordSets8(t *testing.T) {
	sets := wordSets8()
	for w, bits := range sets {
		if w != "" && isDigit(w[0]) {
			if digitX8([]byte(w)) != bits {
				t.Fatalf("word %q lacks its bits %#x", w, bits)
			}
		} else if e := lexFind([]byte(w)); e == nil || e.x8 != bits {
			t.Fatalf("word %q lacks its bits %#x", w, bits)
		}
	}
	for w, e := range lexicon {
		if e.x8 != sets[w] && !(w != "" && isDigit(w[0])) {
			t.Fatalf("word %q has bits %#x, its sets say %#x", w, e.x8, sets[w])
		}
	}
	for w, c := range cueBits41 {
		if uint8(sets[w]&x8Cue41) != c {
			t.Fatalf("cue %q: %#x, want %#x", w, sets[w]&x8Cue41, c)
		}
	}
	for w, c := range trig23v {
		if uint8(sets[w]>>x8TrigShift&x8Trig) != c {
			t.Fatalf("trigger %q: %#x, want %#x", w, sets[w]>>x8TrigShift&x8Trig, c)
		}
	}
	replies := append(corpusReplies(t),
		"but though and", "Aber doch, mais bon: pero y", "onze 11 11th 011 l1")
	var tx text
	for _, r := range replies {
		tx.normalize(r)
		for i := range tx.toks {
			w := tx.tokBytes(i)
			want := sets[string(w)]
			if got := tx.toks[i].x8; got != want {
				t.Fatalf("%q: token %d %q has bits %#x, its sets %#x", r, i, w, got, want)
			}
		}
	}
}
