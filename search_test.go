package proofdesk

import (
	"slices"
	"testing"
)

func TestSearchWordsFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Café", "cafe"}, {"cafe", "cafe"}, {"Cafe\u0301", "cafe"}, {"CAFÉ!", "cafe"},
		{"reclamação", "reclamacao"}, {"Straße", "strasse"}, {"ﬁnal", "final"}, {"Ｆｕｌｌ", "full"},
	} {
		got := SearchWords(c.in, 0)
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("SearchWords(%q) = %q, want [%q]", c.in, got, c.want)
		}
	}
	got := SearchWords("Where is my parcel? my PARCEL, a b", 0)
	if !slices.Equal(got, []string{"where", "is", "my", "parcel"}) {
		t.Fatalf("words = %q", got)
	}
	// Digits alone (a code, card digits, a phone in pieces) are never words.
	got = SearchWords("code 769220, card 4242 4242, call +1 415 555 0123, order A1234", 0)
	if !slices.Equal(got, []string{"code", "card", "call", "order", "a1234"}) {
		t.Fatalf("words with digits = %q", got)
	}
	if !SearchMatchesNothing("is 7") || !SearchMatchesNothing("769220") || SearchMatchesNothing("order A1234") {
		t.Fatal("a query with a word of digits must match nothing, and only such a query")
	}
	if n := len(SearchWords("aa bb cc dd", 2)); n != 2 {
		t.Fatalf("max: %d", n)
	}
}
