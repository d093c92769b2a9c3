package guard

import "github.com/proofdesk/proofdesk"

// postcodeTails adds the last 3 digits of a postal code (of its last
// token, short of the whole code) as token patterns of ctxPostTail: "the
// postcode ends in one one five", "el código postal termina en cero
// catorce", "il CAP finisce con centoventuno". A tail said as a digit
// and a number ("cero catorce" reads 0 14, "two eleven" 2 11) is a
// pattern of its own. pc is the code's normalised tokens.
func (b *builder) postcodeTails(pc []string, level proofdesk.Level) {
	if len(pc) == 0 {
		return
	}
	last := pc[len(pc)-1]
	if len(last) < 3 || !allDigits([]byte(last)) || len(pc) == 1 && len(last) == 3 {
		return
	}
	tail := last[len(last)-3:]
	p := pattern{class: proofdesk.ClassAddress, part: PartPostalCode, level: level, ctx: ctxPostTail}
	b.tokens([]string{tail}, p)
	if tail[1] != '0' {
		b.tokens([]string{tail[:1], tail[1:]}, p) // "zero fourteen", "two eleven"
	}
}

// postTail reports whether the digits at offset start of the token view
// follow a word for "ends in" (and its preposition), itself after a word
// for the postal code within 4 tokens of its sentence, not the
// business's: "your postcode ends in 115", "el código postal termina en
// 014".
func (t *text) postTail(start int) bool {
	return t.postcodeCue(start, postEndPreps, postEndWords)
}

// Words around a postal code's tail (normalised).
var (
	postEndWords = set("ends", "end", "ending", "endet", "enden", "endend", "termine", "finit", "se", "termina",
		"terminan", "acaba", "finisce", "eindigt", "eindigend", "termina", "finishes")
	postEndPreps = set("in", "with", "on", "auf", "mit", "par", "en", "por", "con", "em", "op", "met", "com", "by")
)
