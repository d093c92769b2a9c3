package guard

import (
	"fmt"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
)

// BenchmarkRepeatedEmailLike measures Probe (every inbound customer
// message) and Check on a text that repeats an email-like token with no
// sentence break ("mailto:jane.doe@example.co " n times): each near match
// scans its whole sentence (text.mailPart), so the time grows with the
// square of the length. Sizes double; the ns/op should only double.
func BenchmarkRepeatedEmailLike(b *testing.B) {
	m := NewMatcher(testCustomer(), nil, Options{})
	for _, n := range []int{1000, 2000, 4000} {
		s := strings.Repeat("mailto:jane.doe@example.co ", n)
		b.Run(fmt.Sprintf("Probe/%dKB", len(s)/1000), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				m.Probe(s)
			}
		})
		b.Run(fmt.Sprintf("Check/%dKB", len(s)/1000), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				m.Check(s, proofdesk.L0, nil)
			}
		})
	}
}
