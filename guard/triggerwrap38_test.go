package guard

import "testing"

// TestYoursWords38Lengths: yoursMatch38 skips tokens by length before
// its look-up; a word of another length added to yoursWords38 would
// never be read.
func TestYoursWords38Lengths(t *testing.T) {
	for w := range yoursWords38 {
		if len(w) < 3 || len(w) > 5 {
			t.Errorf("yoursWords38 holds %q (%d bytes): yoursMatch38 reads only words of 3 to 5", w, len(w))
		}
	}
}
