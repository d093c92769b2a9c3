package guard

import (
	"testing"

	"github.com/proofdesk/proofdesk"
)

// TestPartials24Direct runs the readings of partial24.go alone (not
// behind the rest of the guard), one reply per class, with the business's
// own sentence beside each: the anchors must open the right reader, and
// "our"/"we" must close it.
func TestPartials24Direct(t *testing.T) {
	m := NewMatcher(elodie(), nil, Options{Now: corpusNow})
	cases := []struct {
		reply, class string
	}{
		{"Your mailbox begins with your first name, minus the accent.", proofdesk.ClassEmail},
		{"Haar verjaardag valt in de maand na oktober.", proofdesk.ClassDateOfBirth},
		{"Ze heeft met Mastercard betaald.", proofdesk.ClassPayment},
		{"Haar tweede nummer heeft het landnummer van Duitsland.", proofdesk.ClassPhone},
		{"Ihre Wohnung in Berlin ist in Mitte.", proofdesk.ClassAddress},
		{"Our store in Berlin is in Mitte.", ""},
		{"We accept Mastercard and Visa.", ""},
		{"Our mailbox begins with our first name.", ""},
	}
	for _, c := range cases {
		var x text
		x.normalize(c.reply)
		v := m.partials24(&x, proofdesk.L0)
		if v.Class != c.class || v.Blocked != (c.class != "") {
			t.Errorf("%q: blocked=%v class %q, want class %q", c.reply, v.Blocked, v.Class, c.class)
		}
		if v.Blocked && v.Rule != RuleProtectedValue {
			t.Errorf("%q: rule %q", c.reply, v.Rule)
		}
		if v := m.partials24(&x, proofdesk.L2); v.Blocked {
			t.Errorf("%q: blocked at L2", c.reply)
		}
	}
}

// BenchmarkPartials24 is the cost of partial24.go's readings on the 2 KB
// reply of BenchmarkCheck2KB50Values, normalised beforehand.
func BenchmarkPartials24(b *testing.B) {
	m := NewMatcher(elodie(), nil, Options{Now: corpusNow})
	var x text
	x.normalize(reply2KB())
	b.ReportAllocs()
	for b.Loop() {
		m.partials24(&x, proofdesk.L0)
	}
}
