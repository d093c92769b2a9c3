package guard

import "strings"

// maskAny7 reports whether reply may hold a mask after digits as maskAt24
// reads one ("x", "*", "#", "_", "..", ". .", "…", "•" after a digit and
// spaces): a reply without one has no masked head, and maskHead24 need
// not walk its bytes. It is a necessary test only (the x must follow a
// digit; the others anywhere).
func maskAny7(reply string) bool {
	if strings.IndexByte(reply, '*') >= 0 || strings.IndexByte(reply, '#') >= 0 || strings.IndexByte(reply, '_') >= 0 ||
		strings.Contains(reply, "..") || strings.Contains(reply, ". .") || strings.Contains(reply, "…") || strings.Contains(reply, "•") {
		return true
	}
	for _, x := range [...]byte{'x', 'X'} {
		for s, off := reply, 0; ; {
			p := strings.IndexByte(s, x)
			if p < 0 {
				break
			}
			q := off + p
			for q > 0 && reply[q-1] == ' ' {
				q--
			}
			if q > 0 && isDigit(reply[q-1]) {
				return true
			}
			s, off = s[p+1:], off+p+1
		}
	}
	return false
}

// middleGate7 gates middleAfter7's look-ups.
var middleGate7 = newHeadGate6(middleWords24)

// middleAfter7 reports whether one of the 4 tokens after k is a word for
// the middle (middleWords24), whatever the sentence: phoneMiddle24's
// necessary test before it searches her phones for a run's digits.
func (t *text) middleAfter7(k int) bool {
	for j := k + 1; j <= k+4 && j < len(t.toks); j++ {
		if middleGate7.tok(&t.toks[j]) && middleWords24[string(t.tokBytes(j))] {
			return true
		}
	}
	return false
}

// neitherGate7 gates neitherSpans24's look-ups: its words and "we".
var neitherGate7 = newHeadGate6(neitherWords24, set("we"))

// deferTok7 is deferWord of token k (tk), its fields (len6, head6, tail6)
// first: a deferral word has 4 letters or more and opens with v, f or m
// or ends in "prufung".
func deferTok7(t *text, tk *tok, k int) bool {
	if tk.len6 < 4 || tk.tail6 != 'g' && tk.head6 != 'v' && tk.head6 != 'f' && tk.head6 != 'm' {
		return false
	}
	return deferWord(t.tokBytes(k))
}

// networkGate7 gates networkTold41b's look-ups.
var networkGate7 = newHeadGate6(networkNouns41b)

// The bits of text.gate7: some token of the reply is a word of the sets
// (gateTab7 and gateSh7, then gateWords7), found in emit's last pass.
const (
	g7Network   uint8 = 1 << iota // networkNouns41b (networkTold41b)
	g7Neither                     // neitherWords24 or compareVerbs24 (neitherSpans24: its two readings)
	g7PhoneKind                   // phoneKinds19 (phoneKindsSaid19)
	g7Middle                      // middleWords24 (phoneMiddle24)
	g7Decade                      // ageDecade32's words (ageSaid32)
)

// gate7Sets are the sets of text.gate7's bits. No set holds "".
var gate7Sets = map[uint8][]map[string]bool{
	g7Network:   {networkNouns41b},
	g7Neither:   {neitherWords24, compareVerbs24},
	g7PhoneKind: {phoneKinds19},
	g7Middle:    {middleWords24},
	g7Decade:    {keySet(ageDecade32)},
}

// gateTab7 holds, by a word's middle letter (w[len(w)/2]) and its length
// (31: 31 or more), the bits of text.gate7 whose sets may hold it;
// gateSh7 by its shapeOf (first, second and last letters, length). A
// token that both hold bits for sets the bits gateWords7 holds for it.
var gateTab7, gateSh7 = func() (g [256][32]uint8, sh [1024]uint8) {
	for bit, sets := range gate7Sets {
		for _, s := range sets {
			for w := range s {
				if w != "" {
					g[w[len(w)/2]][min(len(w), 31)] |= bit
					sh[shapeOf([]byte(w))] |= bit
				}
			}
		}
	}
	return g, sh
}()

// gateWords7 maps each word of gate7Sets to its bits.
var gateWords7 = func() map[string]uint8 {
	m := map[string]uint8{}
	for bit, sets := range gate7Sets {
		for _, s := range sets {
			for w := range s {
				m[w] |= bit
			}
		}
	}
	return m
}()

// clauseEnd7 reports whether token p closes a clause of formVerdict41:
// punctuation after it or a sentence opening after it.
func (t *text) clauseEnd7(p int) bool {
	return t.toks[p].flags&fPunctAfter != 0 || p+1 < len(t.toks) && t.toks[p+1].flags&fSentence != 0
}

// clauseAround7 returns the clause [a, b) of formVerdict41's walk that
// holds token x: a after the last clause end before x, b after the first
// at or after x (or the end of t).
func (t *text) clauseAround7(x int) (a, b int) {
	a = x
	for a > 0 && !t.clauseEnd7(a-1) {
		a--
	}
	b = x
	for b < len(t.toks) && !t.clauseEnd7(b) {
		b++
	}
	if b < len(t.toks) {
		b++
	}
	return a, b
}
