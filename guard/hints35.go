package guard

import (
	"slices"

	"github.com/proofdesk/proofdesk"
)

// bizAndHints35 returns the stricter of best and the verdicts of a30c's
// readings on the forward text (not on the second readings: a number
// reversed or decoded is read by its own cue there): her last 4 handed
// over as a business number, forwards or backwards (bizref35.go,
// revticket35.go), her phone told by its country or prefix in a process
// answer (procphone35.go), her city as the business's place serving her
// home or her request affirmed (ourplace35.go), her age group, sign or
// birthday hinted (dobhint35.go).
//
// f16 holds scan16's triggers: without g16Place no token after the first
// opens a place of hers (placeAt), and ourplace35's readings have nothing
// to read.
func (m *Matcher) bizAndHints35(t *text, level proofdesk.Level, offered []string, f16 uint16, best Verdict) Verdict {
	cl := m.bizRefClass(t)
	if cl == "" {
		cl = m.revTicketClass(t) // "Your ticket number reversed is 8517" (revticket35.go)
	}
	if cl != "" && m.levels[cl] > level {
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: cl, Part: PartLast4, RequiredLevel: m.levels[cl]}
		if v.stricter(best) {
			best = v // "Your ticket number is 7158" (bizref35.go)
		}
	}
	if lvl := m.levels[proofdesk.ClassPhone]; lvl > level && (m.phoneToldInProcess(t) || m.networkTold41b(t)) { // (procphone41b.go)
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassPhone, Part: PartFull, RequiredLevel: lvl}
		if v.stricter(best) {
			best = v // "Yes, we'll text the French mobile" (procphone35.go)
		}
	}
	if lvl := m.levels[proofdesk.ClassAddress]; lvl > level && f16&g16Place != 0 && (m.ourPlaceServed(t) ||
		slices.Contains(offered, proofdesk.ClassAddress) && m.ourPlaceAsked(t)) {
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassAddress, Part: PartCity, RequiredLevel: lvl}
		if v.stricter(best) {
			best = v // "Our Madrid team will deliver your parcel" (ourplace35.go)
		}
	}
	if lvl := m.levels[proofdesk.ClassDateOfBirth]; lvl > level && (m.dobHint35(t) || m.weekdayBirth41b(t, m.now)) { // (dobhint41b.go)
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassDateOfBirth, Part: PartFull, RequiredLevel: lvl}
		if v.stricter(best) {
			best = v // "Yes, you'll get the Scorpio gift box" (dobhint35.go)
		}
	}
	return best
}
