package guard

import (
	"strconv"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// A phone number can be given across the agent's consecutive replies in
// small pieces with words between them ("The first part is 06 47", "the
// middle is 21 83", "it ends with 90"): the joined text has no digit run
// to match, and the words ("first", "part two") even add digits of their
// own. fragmentsVerdict reads the digit groups of the recent replies and
// of the reply, in order, and blocks when some of them, skipping others,
// spell a phone number on file, starting in a recent reply and ending in
// this one. The same for an email's local part and domain given in
// different replies ("the first part is elodie.martin", "the domain is
// exemple.fr") and for a date of birth's day, month and year given apart
// ("day 3", "month November", "year 1979"). The day is any number token
// equal to it, so "Order 3 shipped in November" then "the 1979 edition"
// is blocked too: the price of reading a date given in three replies.

// fragment is one digit group of a reply.
type fragment struct {
	digits  string
	inReply bool // in the reply being checked, not a recent one
}

// maxFragments bounds the digit groups read (the newest are kept).
const maxFragments = 64

// replyParts is what one reply holds of the values that can be split
// across replies: its words joined with no space (the words for "dot"
// dropped), and its tokens.
type replyParts struct {
	compact string
	toks    map[string]bool
	// digits are its digit groups (digit tokens of 2 or more digits,
	// number words read as digits), in order.
	digits []string
}

func partsOf(s string) replyParts {
	t := textPool.Get().(*text)
	defer textPool.Put(t)
	t.normalize(s)
	var b strings.Builder
	p := replyParts{toks: map[string]bool{}}
	for i := range t.raw {
		if t.raw[i].lex&lxDot == 0 {
			b.Write(t.rawBuf[t.raw[i].start:t.raw[i].end])
		}
	}
	for i := range t.toks {
		if w := t.tokBytes(i); len(w) >= 2 && allDigits(w) {
			p.digits = append(p.digits, string(w))
		}
		w := string(t.tokBytes(i))
		if n, err := strconv.Atoi(w); err == nil && len(w) <= 2 {
			w = strconv.Itoa(n) // "03" is the day 3
		}
		p.toks[w] = true
	}
	p.compact = b.String()
	return p
}

// joinedOf is a value's letters and digits, folded and lowercased, as
// replyParts.compact holds them.
func joinedOf(s string) string { return partsOf(s).compact }

// splitAcross reports whether the pieces, each found in some reply by
// has, are all found only with the reply's help: every piece is in
// recent or the reply, at least one is in the reply, and recent alone
// does not hold them all (that was judged when it was sent).
func splitAcross(recent []replyParts, reply replyParts, pieces []string, has func(replyParts, string) bool) bool {
	inReply, allRecent := false, true
	for _, pc := range pieces {
		if pc == "" {
			return false
		}
		r := has(reply, pc)
		inRecent := false
		for _, p := range recent {
			if has(p, pc) {
				inRecent = true
				break
			}
		}
		if !r && !inRecent {
			return false
		}
		inReply = inReply || r
		allRecent = allRecent && inRecent
	}
	return inReply && !allRecent
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
	var best Verdict
	consider := func(class string, need proofdesk.Level) {
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: class, Part: PartFull, RequiredLevel: need}
		if v.stricter(best) {
			best = v
		}
	}
	// an email's local part and domain, a date of birth's parts
	var parts []replyParts
	for _, r := range recent {
		parts = append(parts, partsOf(r))
	}
	rp := partsOf(reply)
	var frags []fragment
	for _, p := range parts {
		for _, d := range p.digits {
			frags = append(frags, fragment{d, false})
		}
	}
	if len(frags) == 0 || len(rp.digits) == 0 {
		frags = nil // no phone can span the replies
	}
	for _, d := range rp.digits {
		frags = append(frags, fragment{d, true})
	}
	if len(frags) > maxFragments {
		frags = frags[len(frags)-maxFragments:]
	}
	inCompact := func(p replyParts, s string) bool { return len(s) >= 4 && strings.Contains(p.compact, s) }
	isToken := func(p replyParts, s string) bool { return p.toks[s] }
	for _, tg := range targets {
		m := tg.Matcher
		if m == nil {
			continue
		}
		if need := m.levels[proofdesk.ClassEmail]; need > tg.Level {
			for _, ep := range m.emailParts {
				if len(ep[0]) >= 5 && splitAcross(parts, rp, ep[:], inCompact) {
					consider(proofdesk.ClassEmail, need)
				}
			}
		}
		if need := m.levels[proofdesk.ClassDateOfBirth]; need > tg.Level && m.dob[0] != "" && splitAcross(parts, rp, m.dob[:], isToken) {
			consider(proofdesk.ClassDateOfBirth, need)
		}
	}
	for _, tg := range targets {
		m := tg.Matcher
		if m == nil || m.levels[proofdesk.ClassPhone] <= tg.Level {
			continue
		}
		for i, nsn := range m.phones {
			for _, p := range []string{nsn, "0" + nsn, m.phoneDigits[i]} {
				if frags != nil && spells(frags, p) {
					consider(proofdesk.ClassPhone, m.levels[proofdesk.ClassPhone])
				}
			}
		}
	}
	return best
}
