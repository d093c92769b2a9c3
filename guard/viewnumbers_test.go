package guard

import "testing"

// TestNumber: the view's reader of numbers reads what the guard reads,
// and says no to anything else.
func TestNumber(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"four eight two", "482", true},
		{"forty-eight", "48", true},
		{"neunundsiebzig", "79", true},
		{"soixante-dix-neuf", "79", true},
		{"achtenveertig", "48", true},              // not "achten" (eighth) and forty
		{"vierhonderdachtenveertig", "448", true},  // the Dutch tens ending in eight inside a compound
		{"six cent quatre-vingt-dix", "690", true}, // quatre-vingt after the hundreds
		{"deux cent quarante", "240", true},
		{"quatre cents", "400", true},
		{"４８２", "482", true},
		{"4O7l", "4071", true},
		{"double five", "55", true},
		{"482 and 913", "482913", true},
		{"hello", "", false},
		{"order 482", "", false},
		{"first", "", false}, // an ordinal is a word
		{"one", "1", true},
		{"", "", false},
	} {
		if got, ok := Number(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("Number(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	for r, want := range map[rune]byte{'O': '0', 'o': '0', 'l': '1', 'I': '1', '\u043e': '0', 'Ｏ': '0'} {
		if got, ok := DigitLetter(r); !ok || got != want {
			t.Errorf("DigitLetter(%q) = %q, %v; want %q", r, got, ok, want)
		}
	}
	for _, r := range []rune{'a', 'x', '7', 'é'} {
		if _, ok := DigitLetter(r); ok {
			t.Errorf("DigitLetter(%q) reads a digit", r)
		}
	}
}
