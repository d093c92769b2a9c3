package guard

import "github.com/proofdesk/proofdesk"

// A phone number can be given across the agent's consecutive replies in
// small pieces with words between them ("The first part is 06 47", "the
// middle is 21 83", "it ends with 90"): the joined text has no digit run
// to match, and the words ("first", "part two") even add digits of their
// own. fragmentsVerdict reads the digit groups of the recent replies and
// of the reply, in order, and blocks when some of them, skipping others,
// spell a phone number on file, starting in a recent reply and ending in
// this one.

// fragment is one digit group of a reply.
type fragment struct {
	digits  string
	inReply bool // in the reply being checked, not a recent one
}

// maxFragments bounds the digit groups read (the newest are kept).
const maxFragments = 64

// digitFragments appends the digit groups of s (digit tokens of 2 or more
// digits, number words read as digits) to out.
func digitFragments(out []fragment, s string, inReply bool) []fragment {
	t := textPool.Get().(*text)
	defer textPool.Put(t)
	t.normalize(s)
	for i := range t.toks {
		if w := t.tokBytes(i); len(w) >= 2 && allDigits(w) {
			out = append(out, fragment{string(w), inReply})
		}
	}
	return out
}

// spells reports whether a subsequence of frags, in order, joined, is
// exactly p, with its first piece in a recent reply and its last in the
// reply.
func spells(frags []fragment, p string) bool {
	// reach[l] is 1 when p[:l] is spelled by pieces from recent replies
	// only, 2 when a piece of the reply was used too (then only pieces of
	// the reply follow).
	var reach [24]uint8
	if len(p) >= len(reach) {
		return false
	}
	for _, f := range frags {
		for l := len(p) - len(f.digits); l >= 0; l-- {
			if p[l:l+len(f.digits)] != f.digits {
				continue
			}
			from := reach[l]
			switch {
			case l == 0 && !f.inReply:
				reach[len(f.digits)] = max(reach[len(f.digits)], 1)
			case from == 1 && !f.inReply:
				reach[l+len(f.digits)] = max(reach[l+len(f.digits)], 1)
			case from >= 1 && f.inReply:
				reach[l+len(f.digits)] = 2
			}
		}
	}
	return reach[len(p)] == 2
}

// fragmentsVerdict is the verdict of the digit groups of recent and reply
// on the phones of the targets.
func fragmentsVerdict(reply string, recent []string, targets []Target) Verdict {
	var frags []fragment
	for _, r := range recent {
		frags = digitFragments(frags, r, false)
	}
	n := len(frags)
	frags = digitFragments(frags, reply, true)
	if n == 0 || len(frags) == n {
		return Verdict{}
	}
	if len(frags) > maxFragments {
		frags = frags[len(frags)-maxFragments:]
	}
	var best Verdict
	for _, tg := range targets {
		m := tg.Matcher
		if m == nil || m.levels[proofdesk.ClassPhone] <= tg.Level {
			continue
		}
		for i, nsn := range m.phones {
			for _, p := range []string{nsn, "0" + nsn, m.phoneDigits[i]} {
				if spells(frags, p) {
					v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassPhone, Part: PartFull,
						RequiredLevel: m.levels[proofdesk.ClassPhone]}
					if v.stricter(best) {
						best = v
					}
				}
			}
		}
	}
	return best
}
