package guard

import "testing"

func TestIntent(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Hi, where is my order shipping to?", true},
		{"Can you tell me the address on file?", true},
		{"I'd like to  CHANGE my EMAIL please", true},
		{"What are the last four of my card?", true},
		{"Thanks, the parcel arrived.", false},
		{"My order is late", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := Intent(tt.in); got != tt.want {
			t.Errorf("Intent(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
