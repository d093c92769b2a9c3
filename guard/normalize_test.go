package guard

import (
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNormalizeTokens(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"case and punctuation", "Hello,   WORLD!!", "hello world"},
		{"street", "221B Baker Street", "221b baker st"},
		{"street abbrev dot", "221b baker st.", "221b baker st"},
		{"avenue", "1600 Pennsylvania Ave. N.W.", "1600 pennsylvania ave nw"},
		{"avenue long", "1600 Pennsylvania Avenue Northwest", "1600 pennsylvania ave nw"},
		{"road", "9 Elm Road", "9 elm rd"},
		{"boulevard", "Sunset Boulevard", "sunset blvd"},
		{"drive lane court place", "Drive Lane Court Place", "dr ln ct pl"},
		{"apt", "Apt 4B", "unit 4b"},
		{"hash unit", "#4B", "unit 4b"},
		{"apt hash", "Apt #4B", "unit 4b"},
		{"unit", "Unit 4B", "unit 4b"},
		{"suite", "Suite 4B", "unit 4b"},
		{"uk postcode", "SW1A 1AA", "sw1a 1aa"},
		{"uk postcode lower joined", "sw1a1aa", "sw1a1aa"},
		{"zip+4", "94105-1234", "94105 1234"},
		{"phone", "+1 (415) 555-0123", "1 415 555 0123"},
		{"dotted phone", "415.555.0123", "415 555 0123"},
		{"email", "Jane.Doe@Example.COM", "jane doe at example com"},
		{"iso date", "1985-03-14", "1985 03 14"},
		{"month name", "March 14th, 1985", "m03 14 1985"},
		{"month abbrev", "14 Mar 1985", "14 m03 1985"},
		{"sept", "Sept 3rd", "m09 3"},
		{"apostrophe", "That's right, it doesn’t", "thats right it doesnt"},
		{"masked card", "**** **** **** 4242", "xx xx xx 4242"},
		{"masked phone", "***-***-0123", "xx xx 0123"},
		{"x mask", "XXXX-XXXX-4242", "xx xx 4242"},
		{"bullets", "•••• 4242", "xx 4242"},
		{"accents", "Hauptstraße 5, Zürich", "haupt st 5 zurich"},
		{"ordinal", "21st Street", "21 st"},
		{"non-latin", "Москва", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "non-latin" {
				// each rune becomes ~ and its code in base 36
				// confusable letters fold to Latin (UTS #39), the others are
				// ~ and their code in base 36
				got := strings.Join(normTokens(tt.in), " ")
				if !strings.HasPrefix(got, "moc~") || strings.Count(got, "~") != 2 || strings.Contains(got, " ") {
					t.Fatalf("normTokens(%q)=%q, want moc and 2 encoded runes in one token", tt.in, got)
				}
				return
			}
			got := strings.Join(normTokens(tt.in), " ")
			if got != tt.want {
				t.Fatalf("normTokens(%q)=%q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeDigitView(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"+1 (415) 555-0123", []string{"14155550123"}},
		{"415.555.0123 or 415 555 0199", []string{"4155550123", "4155550199"}},
		{"4155550123", []string{"4155550123"}},
		{"call 555-0123 now", []string{"5550123"}},
		{"5 items for $100.01", nil},
		{"5 items for 3 euros", nil},
		{"+44 (0)20 7946 0958", []string{"4402079460958"}},
		{"order 12345, total 99", []string{"12345"}},
		{"four one five, five five five, oh one two three", []string{"4155550123"}},
		{"４１５ 555​0123", []string{"4155550123"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var x text
			x.normalize(tt.in)
			var got []string
			for _, r := range strings.Split(string(x.buf[x.digits:x.compact]), "|") {
				if r != "" {
					got = append(got, r)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("digit view of %q (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestSentenceStarts(t *testing.T) {
	var x text
	x.normalize("No. Yes! maybe? no\nfine")
	var got []string
	for _, off := range x.sentences {
		rest := string(x.buf[off+1:])
		got = append(got, strings.Fields(rest)[0])
	}
	if diff := cmp.Diff([]string{"no", "yes", "maybe", "no", "fine"}, got); diff != "" {
		t.Fatalf("sentence starts (-want +got):\n%s", diff)
	}
}

func TestAutomaton(t *testing.T) {
	pats := []string{" he ", "she", " hers ", "he", "|123|", "~zz"}
	type m struct {
		id    int32
		start int
	}
	sortM := func(x []m) {
		sort.Slice(x, func(i, j int) bool { return x[i].start < x[j].start || x[i].start == x[j].start && x[i].id < x[j].id })
	}
	want := []m{{3, 3}, {1, 2}, {3, 8}, {0, 7}, {4, 11}, {5, 16}}
	sortM(want)
	for name, a := range map[string]*automaton{"sparse": buildAutomaton(pats), "dense": buildDense(pats)} {
		var got []m
		a.scan([]byte(" ushers he |123|~zz\xff he "), func(id int32, start int) bool {
			got = append(got, m{id, start})
			return true
		})
		sortM(got)
		want := append(want, m{3, 21}, m{0, 20})
		sortM(want)
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(m{})); diff != "" {
			t.Fatalf("%s matches (-want +got):\n%s", name, diff)
		}
	}
}
