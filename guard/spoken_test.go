package guard

import (
	"testing"

	"github.com/proofdesk/proofdesk"
)

// TestSpokenVariant: a reply is read as the speaker meant it, and left
// alone ("") when nothing in it is taken back, hesitated or said as a
// separator.
func TestSpokenVariant(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"filler", "zero six, uh, forty-seven", "zero six, forty-seven"},
		{"um is one", "quarenta e um, vinte", ""},
		{"um filler", "forty-nine, um, one fifty-one", "forty-nine, one fifty-one"},
		{"repeated word", "douze rue de l'happé, pardon, de la Paix", "douze rue de la Paix"},
		{"symbol for symbol", "élodie tiret du... non, point, martin", "élodie point, martin"},
		{"broken-off symbol", "elodie, Unterstrich... nein, Punkt, martin", "elodie, Punkt, martin"},
		{"last word", "It's 06 47 21 84, sorry, 83 90.", "It's 06 47 21 83 90."},
		{"two-word marker", "06 47 21 38, I mean, 06 47 21 83 90", "06 47 21 83 90"},
		{"restart", "ends in, one one five, ten one one five, yeah", "ends in, ten one one five, yeah"},
		{"separator", "eleven slash three slash seventy-nine", "eleven / three / seventy-nine"},
		{"no answer word", "No, we never keep it.", ""},
		{"nothing", "The parcel left today.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := spokenVariant(tt.in); got != tt.want {
				t.Fatalf("spokenVariant(%q)=%q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestTheUmUm: "the um um" reads "the 11", Dutch "onze" (ours), at the
// end of a sentence: the guard read past it and failed closed.
func TestTheUmUm(t *testing.T) {
	m := NewMatcher(elodie(), nil, Options{})
	for _, s := range []string{"la✔ the um um,", "...but Notes: =addressmean 06 la✔ the um um,"} {
		if v := m.Check(s, proofdesk.L0, []string{proofdesk.ClassPhone}); v.Rule == RuleGuardError {
			t.Fatalf("Check(%q)=%+v, want no guard error", s, v)
		}
	}
}
