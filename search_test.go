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
	if n := len(SearchWords("aa bb cc dd", 2)); n != 2 {
		t.Fatalf("max: %d", n)
	}
}
