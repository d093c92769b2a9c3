package guard

// Token shapes: what a token's text in the token view is made of, one
// bit each, set once when emit ends the token (tok.shape) and joined on
// the text (text.shapes). A reading that wants numbers walks
// text.numToks; one that wants a masked run or a month returns at once
// when no token has the shape.
const (
	tsNum    uint8 = 1 << iota // opens with a digit: "2025", "14th", a number said in words
	tsDigits                   // digits only
	tsX                        // x only (allX): a masked run ("xx", "xxxx")
	tsMonth                    // a month's canonical token: "m" and two digits ("m03")
)

// shapeOfTok returns the shape bits of the token text w.
func shapeOfTok(w []byte) uint8 {
	if len(w) == 0 {
		return tsX // as allX has it
	}
	switch c := w[0]; {
	case isDigit(c):
		if allDigits(w) {
			return tsNum | tsDigits
		}
		return tsNum
	case c == 'x':
		if allX(w) {
			return tsX
		}
	case c == 'm':
		if len(w) == 3 && isDigit(w[1]) && isDigit(w[2]) {
			return tsMonth
		}
	}
	return 0
}

// tokensOf returns the tokens a reading of the word classes c, clDigit
// among them, has to look at: the number tokens (every token of class
// clDigit opens with a digit) when no token has another class of c, else
// every token. The slice is t's, good until the next normalize.
func (t *text) tokensOf(c uint64) []int32 {
	if t.cls&c&^clDigit == 0 {
		return t.numToks
	}
	return t.allToks()
}

// allToks returns every token's index, in order (t's slice).
func (t *text) allToks() []int32 {
	for len(t.seq) < len(t.toks) {
		t.seq = append(t.seq, int32(len(t.seq)))
	}
	return t.seq[:len(t.toks)]
}

// digitsTok reports whether token k is digits only: isDigitTok of its
// text, read from its shape.
func (t *text) digitsTok(k int) bool { return t.toks[k].shape&tsDigits != 0 }
