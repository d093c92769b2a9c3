package guard

import "testing"

// TestLookup checks the lexicon's hash table against the map it is built
// from: every word is found with its entry, and words near them are not.
func TestLookup(t *testing.T) {
	for w, e := range lexicon {
		if got := lookup([]byte(w)); got != e {
			t.Fatalf("lookup(%q) = %p, want %p", w, got, e)
		}
		for _, x := range []string{w + "q", w[:len(w)-1], "x" + w} {
			if got := lookup([]byte(x)); got != lexicon[x] {
				t.Fatalf("lookup(%q) = %p, want %p", x, got, lexicon[x])
			}
		}
	}
	if lookup(nil) != lexicon[""] {
		t.Fatal("lookup of the empty word")
	}
}
