package guard

import (
	"slices"
	"testing"
)

// CandidateValues names one value in two spellings once, in the form the
// desk hashes: the digits of a phone, an email lowercased, a date as
// year-month-day, card digits beside a card word.
func TestCandidateValues(t *testing.T) {
	for _, c := range []struct {
		reply string
		want  []string
	}{
		{"Call us at +33 1 23 45 67 89 or write to Support@Shop.example.", []string{"email:support@shop.example", "phone:33123456789"}},
		{"Is it +33-1-2345-6789? Born 7 March 1984, 07/03/84 or 2001-02-03?", []string{"date_of_birth:1984-03-07", "date_of_birth:2001-02-03", "phone:33123456789"}},
		{"The card ending 4242, not 1234?", []string{"payment:4242", "payment:1234"}},
		{"Order 4242 ships today.", nil},
		{"Thanks, we'll be in touch.", nil},
	} {
		if got := CandidateValues(c.reply); !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.reply, got, c.want)
		}
	}
}
