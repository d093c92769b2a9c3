package guard

// headGate6 holds, by a word's first letter, its lengths (bit
// min(len, 31)) for the words of some sets: a token whose fields (head6,
// len6) fail it is in none of them, and its text need not be sliced or
// looked up. empty says a set holds "".
type headGate6 struct {
	lens  [256]uint32
	empty bool
}

// newHeadGate6 returns the gate of the words of sets.
func newHeadGate6(sets ...map[string]bool) *headGate6 {
	g := &headGate6{}
	for _, s := range sets {
		for w := range s {
			if w == "" {
				g.empty = true
				continue
			}
			g.lens[w[0]] |= 1 << min(len(w), 31)
		}
	}
	return g
}

// tok reports whether token tk may be a word of the gate's sets.
func (g *headGate6) tok(tk *tok) bool {
	if tk.len6 == 0 {
		return g.empty
	}
	return g.lens[tk.head6]&(1<<min(tk.len6, 31)) != 0
}

// ageComp37Gate6 gates ageOffYou37's comparatives.
var ageComp37Gate6 = newHeadGate6(ageYounger37, ageOlder37)

// pointerWords6 joins the sets pointerNotYours looks its first word up
// in: one look-up where there were five.
var pointerWords6 = union(demonstratives, demoDeterminers, destDemos, neverHadPronouns, frenchPointers)

// ageDecadeGate6 gates ageSaid32's look-up of a decade's word.
var ageDecadeGate6 = newHeadGate6(keySet(ageDecade32))

// dayShiftGate6 gates dobShifted's look-ups of a shift before a date.
var dayShiftGate6 = newHeadGate6(keySet(dayOneWord29), dayNouns29)
