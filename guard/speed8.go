package guard

// Word sets read on most replies' tokens, kept as bits on the token
// (tok.x8) like the word classes (wordclass.go): the lexicon entry of a
// token's text holds them (lexEntry.x8), set where emit sets the token's
// classes, so that a rule tests a bit where it looked each token up in a
// map. The bits of a token are set exactly when its text is a word of the
// set (TestWordSets8). A token that opens with a digit has no entry's
// bits: emit's last pass sets its bits from digitSets8 ("11", French
// "onze" as a number, is a word of cueBits41).
//
//	cueBits41[w]                     tk.x8 & x8Cue41
//	trig23v[w]                       tk.x8 >> x8TrigShift & x8Trig
//	conjunctions38[w] || contrast30[w] || particles30[w]
//	                                 tk.x8 & x8Lead41 != 0
//	isValueNoun(w)                   tk.x8 & x8Noun49 != 0
//	holdVerbs49[w]                   tk.x8 & x8Hold49 != 0
//	negRel49[w]                      tk.x8 & x8Neg49 != 0
const (
	x8Cue41     uint16 = 0x3f // cueBits41's value (formVerdict41)
	x8TrigShift        = 6    // trig23v's value, 6 bits from here (offerVerdict23v)
	x8Trig      uint16 = 0x3f
	x8Lead41    uint16 = 1 << 12 // what formClause41 skips at a clause's start: conjunctions38, contrast30, particles30
	x8Noun49    uint16 = 1 << 13 // a value noun (isValueNoun: valueNouns, emailNouns): relVerdict49 and holdAlready49 need one
	x8Hold49    uint16 = 1 << 14 // a verb of holding (holdVerbs49): holdAlready49 needs one
	x8Neg49     uint16 = 1 << 15 // a negation of relVerdictIn49 (negRel49): it needs one
)

// wordSets8 pairs each bit of x8 with its word set, the value of a word
// of a map[string]uint8 shifted into place.
func wordSets8() map[string]uint16 {
	m := map[string]uint16{}
	for w, c := range cueBits41 {
		m[w] |= uint16(c)
	}
	for w, c := range trig23v {
		m[w] |= uint16(c) << x8TrigShift
	}
	for _, s := range []map[string]bool{conjunctions38, contrast30, particles30} {
		for w := range s {
			m[w] |= x8Lead41
		}
	}
	for _, s := range []map[string]bool{valueNouns, emailNouns} {
		for w := range s {
			m[w] |= x8Noun49
		}
	}
	for w := range holdVerbs49 {
		m[w] |= x8Hold49
	}
	for w := range negRel49 {
		m[w] |= x8Neg49
	}
	return m
}

// x8Of returns the word-set bits (x8) of a lexicon entry, 0 for nil.
func x8Of(e *lexEntry) uint16 {
	if e == nil {
		return 0
	}
	return e.x8
}

// digitSets8 holds the words of wordSets8 that open with a digit, with
// their bits: the lexicon has no entry for them.
var digitSets8 = func() (out []digitSet8) {
	for w, bits := range wordSets8() {
		if len(w) > 0 && isDigit(w[0]) {
			out = append(out, digitSet8{w, bits})
		}
	}
	return out
}()

type digitSet8 struct {
	w    string
	bits uint16
}

// digitX8 returns the word-set bits of w, a token that opens with a
// digit.
func digitX8(w []byte) uint16 {
	for _, d := range digitSets8 {
		if d.w == string(w) {
			return d.bits
		}
	}
	return 0
}
