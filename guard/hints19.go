package guard

import (
	"slices"

	"github.com/proofdesk/proofdesk"
)

// hints19 adds the verdicts of g19p's readings to best: her month or sign
// as what she is (dobhint19.go).
func (m *Matcher) hints19(t *text, level proofdesk.Level, offered []string, best Verdict) Verdict {
	if lvl := m.levels[proofdesk.ClassDateOfBirth]; lvl > level && (m.dobHint19(t) || t.shapes&tsDigits != 0 && m.dayAfterStart19(t)) {
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassDateOfBirth, Part: PartFull, RequiredLevel: lvl}
		if v.stricter(best) {
			best = v // "She is a Scorpio", "Vous êtes de novembre" (dobhint19.go)
		}
	}
	if lvl := m.levels[proofdesk.ClassPhone]; lvl > level && len(m.phones) > 0 && t.phoneKindsSaid19() {
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassPhone, Part: PartFull, RequiredLevel: lvl}
		if v.stricter(best) {
			best = v // "We have no landline for you, only mobiles" (phonekinds19.go)
		}
	}
	if lvl := m.levels[proofdesk.ClassPayment]; lvl > level && t.lexes&lxCard != 0 && m.brandLogoSaid19(t) {
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassPayment, Part: PartCardBrand, RequiredLevel: lvl}
		if v.stricter(best) {
			best = v // "the card with the red and yellow logo" (brandlogo19.go)
		}
	}
	if lvl := m.levels[proofdesk.ClassEmail]; lvl > level && slices.Contains(offered, proofdesk.ClassEmail) && m.mailStartOffered19(t) {
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassEmail, Part: PartFull, RequiredLevel: lvl}
		if v.stricter(best) {
			best = v // "It starts with 'elodie.'" after an offered email (mailstart19.go)
		}
	}
	if lvl := m.levels[proofdesk.ClassEmail]; lvl > level && !slices.Contains(offered, proofdesk.ClassEmail) && m.mailProviderSaid19(t) { // offered: valueDenied judges it
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassEmail, Part: PartFull, RequiredLevel: lvl}
		if v.stricter(best) {
			best = v // "Your e-mail isn't a Sapo one" (mailprovider19.go)
		}
	}
	if len(offered) > 0 && t.shapes&tsDigits != 0 {
		for _, tw := range m.twos {
			if m.levels[tw.class] > level && slices.Contains(offered, tw.class) && t.corrected19(tw.digits) {
				v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: tw.class, Part: PartLast4, RequiredLevel: m.levels[tw.class]}
				if v.stricter(best) {
					best = v // "en fait c'est 90 à la fin, pas 09": the right ending of the offered value, beside the wrong one
				}
			}
		}
	}
	return best
}

// corrected19 reports whether t sets the two digits v right against
// another pair led by a negation within four tokens before or six after: "90 at the end, not
// 09", "c'est 90 à la fin, pas 09", "eindigt op 90, niet 09" (partNeg
// holds "pas", which negations lacks).
func (t *text) corrected19(v string) bool {
	for _, k32 := range t.numToks {
		k := int(k32)
		if string(t.tokBytes(k)) != v {
			continue
		}
		for j := max(0, k-4); j < min(len(t.toks), k+7); j++ {
			if d := yearOf(t.tokBytes(j)); j == k || d == "" || d == v {
				continue
			}
			if (j > 0 && partNeg[string(t.tokBytes(j-1))] || j > 1 && partNeg[string(t.tokBytes(j-2))]) && !t.fragmentOwned(k) {
				return true
			}
		}
	}
	return false
}
