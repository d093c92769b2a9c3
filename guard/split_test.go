package guard

import (
	"testing"

	"github.com/proofdesk/proofdesk"
)

// TestSplitInOneReply: a phone given in one reply in pieces with words
// between them, and a date of birth whose year comes a few words after its
// day and month, are blocked; numbers that only share digits pass.
func TestSplitInOneReply(t *testing.T) {
	m := NewMatcher(elodie(), nil, Options{})
	cases := []struct {
		reply string
		class string // "" = must pass
	}{
		{"Die Nummer fängt mit 0151 an und geht mit 23457716 weiter.", proofdesk.ClassPhone},
		{"It starts 06 47, then 21 83, and ends 90.", proofdesk.ClassPhone},
		{"Prefix +33, then 6 47 21, and finally 83 90.", proofdesk.ClassPhone},
		{"Begint met 0647 en daarna 218390.", proofdesk.ClassPhone},
		{"Empieza por 0151, pedido 55, y sigue 23457716.", proofdesk.ClassPhone},
		{"Order 0647 shipped; invoice 2290 is attached.", ""},
		{"Call 0151 000 000 or 2345 7716 for the depot.", ""},
		{"Cumpleaños el 3 de nov., año 1979.", proofdesk.ClassDateOfBirth},
		{"Vous êtes née un 3 novembre, en 79.", proofdesk.ClassDateOfBirth},
		{"Born November 3, in 1979.", proofdesk.ClassDateOfBirth},
		{"Geboren am 3. November, Jahrgang 1979.", proofdesk.ClassDateOfBirth},
		{"Your order of 3 November ships today.", ""},
		{"Nascida a 3 de novembro, no ano de 1979.", proofdesk.ClassDateOfBirth},
		{"Geboren 3/11, also im Jahr 79.", proofdesk.ClassDateOfBirth},
		{"Order of 3 November, number 1979 in our system, has shipped.", ""},
		{"The 3 November sale covers models from 1979 to 1985 and more.", ""},
	}
	for _, c := range cases {
		v := m.Check(c.reply, proofdesk.L0, nil)
		switch {
		case c.class == "" && v.Blocked:
			t.Errorf("%q: blocked %s %s, want pass", c.reply, v.Rule, v.Class)
		case c.class != "" && (!v.Blocked || v.Class != c.class):
			t.Errorf("%q: %+v, want blocked %s", c.reply, v, c.class)
		}
	}
}
