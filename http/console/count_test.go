package console

import "testing"

// TestCountText: a view's count has thousands separators and "+" when
// it stopped at its bound, as the inbox shows "1,000+".
func TestCountText(t *testing.T) {
	tests := []struct {
		n      int
		capped bool
		want   string
	}{
		{0, false, "0"},
		{999, false, "999"},
		{1000, true, "1,000+"},
		{200, true, "200+"},
		{12345, false, "12,345"},
	}
	for _, tt := range tests {
		if got := countText(tt.n, tt.capped); got != tt.want {
			t.Errorf("countText(%d, %v) = %q, want %q", tt.n, tt.capped, got, tt.want)
		}
	}
}
