package guard

import (
	"fmt"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
)

// TestEnumerationHidesTheMatch: a list of candidate values gets the same
// verdict (blocked, rule enumeration, its class and level) whether it
// holds the value on file, a near miss of it (two digits swapped, one
// digit off) or neither, so that posting lists and reading the verdicts
// never tells which list held the value (the guard as an oracle,
// issue 10 item 7). Before, a list holding the value or a near miss was
// blocked as protected_value, the others as enumeration.
func TestEnumerationHidesTheMatch(t *testing.T) {
	m := NewMatcher(elodie(), nil, Options{})
	lists := map[string][][]string{
		proofdesk.ClassPhone: {
			{"+33 6 47 21 83 11", "+33 6 47 21 83 12", "+33 6 47 21 83 13", "+33 6 47 21 83 14", "+33 6 47 21 83 15", "+33 6 47 21 83 16"},
			{"+33 6 47 21 83 11", "+33 6 47 21 83 90", "+33 6 47 21 83 13", "+33 6 47 21 83 14", "+33 6 47 21 83 15", "+33 6 47 21 83 16"},
			{"+33 6 47 21 83 11", "+33 6 47 21 83 09", "+33 6 47 21 83 13", "+33 6 47 21 83 14", "+33 6 47 21 83 15", "+33 6 47 21 83 16"},
		},
		proofdesk.ClassDateOfBirth: {
			{"01/11/1979", "02/11/1979", "04/11/1979", "05/11/1979", "06/11/1979", "07/11/1979"},
			{"01/11/1979", "02/11/1979", "03/11/1979", "05/11/1979", "06/11/1979", "07/11/1979"},
			{"01/11/1979", "02/11/1979", "03/11/1997", "05/11/1979", "06/11/1979", "07/11/1979"},
		},
		proofdesk.ClassPayment: {
			{"1111", "2222", "3333", "4444", "5555", "6666"},
			{"1111", "2222", "7158", "4444", "5555", "6666"},
			{"1111", "2222", "7185", "4444", "5555", "6666"},
		},
	}
	for class, ls := range lists {
		var first Verdict
		for i, l := range ls {
			reply := fmt.Sprintf("Is it one of these: %s?", strings.Join(l, ", "))
			if class == proofdesk.ClassPayment {
				reply = fmt.Sprintf("Does your card end in one of these: %s?", strings.Join(l, ", "))
			}
			v := m.Check(reply, proofdesk.L0, nil)
			if !v.Blocked || v.Rule != RuleEnumeration {
				t.Errorf("%s list %d: %+v, want blocked as enumeration", class, i, v)
			}
			if i == 0 {
				first = v
			} else if v != first {
				t.Errorf("%s list %d: %+v, list 0: %+v: the verdict tells the lists apart", class, i, v, first)
			}
		}
	}
	// a phone written digit by digit with hyphens is one phone, no list
	// of dates: "6-4-7" and "4-7-2" are no dates of birth
	if v := m.Check("móvil: 6-4-7-2-1-8-3-9-0", proofdesk.L0, nil); v.Rule != RuleProtectedValue || v.Class != proofdesk.ClassPhone {
		t.Errorf("phone digit by digit: %+v, want protected_value phone", v)
	}
}
