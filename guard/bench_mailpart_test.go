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

// TestSentenceOfBounded: text with no sentence end is read in windows of
// at most 2×maxSentenceSide+1 tokens around a token, so the rules that
// scan a match's sentence stay linear in the text (BenchmarkRepeatedEmailLike
// took 3.4 s for 108 KB when a sentence ran the whole text).
func TestSentenceOfBounded(t *testing.T) {
	x := textPool.Get().(*text)
	defer textPool.Put(x)
	x.normalize(strings.Repeat("mailto:jane.doe@example.co ", 2000))
	if len(x.toks) < 4*maxSentenceSide {
		t.Fatalf("only %d tokens", len(x.toks))
	}
	for _, i := range []int{0, 1, len(x.toks) / 2, len(x.toks) - 1} {
		from, to := x.sentenceOf(i)
		if from > i || to <= i || to-from > 2*maxSentenceSide+1 {
			t.Errorf("sentenceOf(%d) = [%d, %d) of %d tokens", i, from, to, len(x.toks))
		}
	}
	// a written sentence is whole
	x.normalize("Thanks. We shipped the parcel to the address on your account yesterday. Bye.")
	from, to := x.sentenceOf(4)
	if got := string(x.tokBytes(from)) + "…" + string(x.tokBytes(to-1)); got != "we…yesterday" {
		t.Errorf("sentence %q", got)
	}
}
