package guard

import "github.com/proofdesk/proofdesk"

// hints19 adds the verdicts of g19p's readings to best: her month or sign
// as what she is (dobhint19.go).
func (m *Matcher) hints19(t *text, level proofdesk.Level, best Verdict) Verdict {
	if lvl := m.levels[proofdesk.ClassDateOfBirth]; lvl > level && m.dobHint19(t) {
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassDateOfBirth, Part: PartFull, RequiredLevel: lvl}
		if v.stricter(best) {
			best = v // "She is a Scorpio", "Vous êtes de novembre" (dobhint19.go)
		}
	}
	return best
}
