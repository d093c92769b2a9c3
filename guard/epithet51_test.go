package guard

import (
	"strings"
	"testing"
)

// TestCityMarks51 checks that the landmark tables are keyed by normalised
// names, as hints51Of looks them up, and that every mark normalises to
// words.
func TestCityMarks51(t *testing.T) {
	for city, marks := range cityMarks51 {
		if got := strings.Join(normTokens(city), " "); got != city {
			t.Errorf("cityMarks51 key %q normalises to %q", city, got)
		}
		for _, s := range marks {
			if len(normTokens(strings.TrimPrefix(s, "~"))) == 0 {
				t.Errorf("cityMarks51[%q]: %q has no words", city, s)
			}
		}
	}
	for alias, city := range cityAliases51 {
		if cityMarks51[city] == nil {
			t.Errorf("cityAliases51[%q] = %q: no such city", alias, city)
		}
		if got := strings.Join(normTokens(alias), " "); got != alias {
			t.Errorf("cityAliases51 key %q normalises to %q", alias, got)
		}
	}
	for key := range streetMarks51 {
		city, _, ok := strings.Cut(key, "/")
		if !ok || strings.Join(normTokens(city), " ") != city {
			t.Errorf("streetMarks51 key %q: want a normalised city, '/', the street's words", key)
		}
	}
}
