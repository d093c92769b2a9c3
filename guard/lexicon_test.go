package guard

import "testing"

// TestLookup checks the lexicon's hash table against the map it is built
// from: every word is found with its entry, and words near them are not.
func TestLookup(t *testing.T) {
	for w, e := range lexicon {
		if got := lexFind([]byte(w)); got != e {
			t.Fatalf("lexFind(%q) = %p, want %p", w, got, e)
		}
		if got := lookup([]byte(w)); (got == nil) != e.only || got != nil && got != e {
			t.Fatalf("lookup(%q) = %p, want %p unless entered for its classes only", w, got, e)
		}
		for _, x := range []string{w + "q", w[:len(w)-1], "x" + w} {
			if got := lexFind([]byte(x)); got != lexicon[x] {
				t.Fatalf("lexFind(%q) = %p, want %p", x, got, lexicon[x])
			}
		}
	}
	if lexFind(nil) != lexicon[""] {
		t.Fatal("lookup of the empty word")
	}
}
