package guard

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/proofdesk/proofdesk"
)

// FuzzCheck checks that Check, CheckRecent, Index.Check, Probe and Offers never panic and that a
// verdict is always well formed. Seeds: f.Add below and testdata/fuzz.
func FuzzCheck(f *testing.F) {
	f.Add("We shipped to 221B Baker Street, London NW1 6XE.", 0, "address")
	f.Add("Yes, that's right.", 0, "address")
	f.Add("+1 (415) 555-0123 ***-***-0123 #4B ’’ … ••••", 1, "phone,payment")
	f.Add("\xff\xfe#\x00*", 2, "")
	// guard15's readings: backwards, spelled, sums, counterfactuals
	f.Add(".nilreB 51101 ,5 eßartstpuaH :rf.elpmexe@nitram.eidole 8517", 0, "address")
	f.Add("E wie Emil, Alfa Bravo Umlaut X-ray as in, 7000 + 158 one less than 7159 un de moins que", 0, "payment")
	f.Add("If that were wrong I'd stop you; it isn't. Good, then I'll send it there. Hot!", 0, "address")
	m := testMatcher(f)
	ix, err := NewIndex(testIndexKey, nil)
	if err != nil {
		f.Fatal(err)
	}
	ix.Add(testCustomer())
	ix.Add(elodie())
	rules := map[string]bool{RuleProtectedValue: true, RuleConfirmation: true, RuleDenial: true, RuleEnumeration: true}
	f.Fuzz(func(t *testing.T, reply string, level int, offered string) {
		lvl := proofdesk.Level(((level % 3) + 3) % 3)
		var off []string
		if offered != "" {
			off = strings.Split(offered, ",")
		}
		v := m.Check(reply, lvl, off)
		if v.Blocked {
			if !rules[v.Rule] || v.Class == "" || v.RequiredLevel <= lvl {
				t.Fatalf("malformed verdict %+v at %s", v, lvl)
			}
		} else if v != (Verdict{}) {
			t.Fatalf("passing verdict not zero: %+v", v)
		}
		if v2 := CheckAll(reply, off, Target{m, lvl}); v2 != v {
			t.Fatalf("CheckAll=%+v, Check=%+v", v2, v)
		}
		if v3 := CheckRecent(reply, []string{reply, "06 47"}, off, Target{m, lvl}); v.Blocked && !v3.Blocked {
			t.Fatalf("CheckRecent passes what Check blocks: %+v", v)
		}
		ix.Check(reply, lvl, "")
		m.Probe(reply)
		for _, c := range Offers(reply) {
			if !utf8.ValidString(c) || c == "" {
				t.Fatalf("bad class %q", c)
			}
		}
	})
}
