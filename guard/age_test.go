package guard

import (
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
)

// TestAgeAgainstClock reads an age against the matcher's clock: the
// same reply gives the year of birth (1979) in one year and not in
// another, within one year either way.
func TestAgeAgainstClock(t *testing.T) {
	tests := []struct {
		year    int
		reply   string
		blocked bool
	}{
		{2025, "She turns 46 this year.", true},
		{2026, "She turns 46 this year.", true},
		{2027, "She turns 46 this year.", false},
		{2028, "She turns 46 this year.", false},
		{2030, "She turns 46 this year.", false},
		{2030, "She turns 51 this year.", true},
		{2030, "Elle aura 51 ans cette année.", true},
		{2030, "Elle aura 46 ans cette année.", false},
		{2024, "Sie wird dieses Jahr 43.", false},
		{2024, "Sie wird dieses Jahr 46.", true},
		{2024, "Ze wordt dit jaar 45.", true},
	}
	for _, tt := range tests {
		now := time.Date(tt.year, 3, 1, 0, 0, 0, 0, time.UTC)
		m := NewMatcher(elodie(), nil, Options{Now: func() time.Time { return now }})
		v := m.Check(tt.reply, proofdesk.L0, nil)
		if v.Blocked != tt.blocked || v.Blocked && v.Class != proofdesk.ClassDateOfBirth {
			t.Errorf("%d %q: blocked=%v %s, want %v date_of_birth", tt.year, tt.reply, v.Blocked, v.Class, tt.blocked)
		}
	}
}
