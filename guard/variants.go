package guard

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/proofdesk/proofdesk"
)

// Other readings of a reply that give a value without writing it: the
// reply written backwards (reversed.go), spelled in a spelling alphabet
// (spelling.go), or a sum that yields it (arith.go). Each reading is built
// as text, normalised like the reply and checked for protected values
// (Matcher.values). A reading is made only when the reply holds what it
// reads (a reversed piece of a value, a run of code words, a number with
// an operator after it), so a reply with none costs only the tests.

// variantBufs holds the readings' text between the reply's normalisation
// and theirs (the text's own buffers are refilled by each).
type variantBufs struct {
	rev, words, digits, decoded []byte
	// sym is the reply with its sum signs as words ("7000 + 158"), sum
	// its reading worked out
	sym, sum []byte
	// cueRead are the readings of a reply that says it writes a value
	// backwards (revcue.go).
	cueRead [6][]byte
	// repl is the scratch of the decoded reading's replacements.
	repl []replacement
	out  []byte
}

var variantPool = sync.Pool{New: func() any { return &variantBufs{} }}

// bytesString returns b as a string without a copy; b must not change
// while the string is in use (normalize copies what it keeps).
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// variantsVerdict returns the strictest verdict of the other readings of
// reply, whose normalised form is t, for each target. t is refilled when
// a reading is made.
func variantsVerdict(reply string, t *text, offered []string, targets []Target) Verdict {
	var best Verdict
	for _, tg := range targets {
		if m := tg.Matcher; m != nil {
			if lvl := m.levels[proofdesk.ClassPhone]; lvl > tg.Level && m.phoneGroupsReversed(t) {
				v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassPhone, Part: PartFull, RequiredLevel: lvl}
				if v.stricter(best) {
					best = v
				}
			}
		}
	}
	// a reply written backwards whole (".tcerroc s'tahT ,seY") is read
	// backwards for its answer too
	whole := len(offered) > 0 && writtenBackwards(reply)
	rev := t.revHint || whole
	spell := t.spellingChain()
	rc := t.readingCues() // numerals.go
	arith := rc.prefix || t.arithmeticAt(0) >= 0
	num := rc.num
	signs := sumSigns(reply)
	vb := variantPool.Get().(*variantBufs)
	defer variantPool.Put(vb)
	cue := cueReadings(reply, t, vb, rc.reversal) // revcue.go
	rev = rev || cue
	if from, to := rc.cipherFrom, rc.cipherTo; from > 0 {
		// "ROT13 of your email: rybqvr.znegva@rkrzcyr.se" (revcue.go);
		// the forward text is read again for the other readings
		best = cipherReadings(reply, t, targets, best, from, to)
		t.normalize(reply)
	}
	if !rev && !spell && !arith && !num && !signs {
		return best
	}
	vb.rev, vb.words, vb.digits, vb.decoded = vb.rev[:0], vb.words[:0], vb.digits[:0], vb.decoded[:0]
	if spell || arith || num {
		vb.decoded = t.decodedReading(vb, vb.decoded, spell, arith, num)
	}
	if rev {
		// an order's or a ticket's number keeps its exemption in every
		// reversed reading (ownedMasked)
		src, _ := ownedMasked(reply)
		vb.rev = reverseRunes(vb.rev, src)
		vb.words = reverseWords(vb.words, src, false)
		vb.digits = reverseWords(vb.digits, src, true)
	}
	if cue {
		for _, b := range vb.cueRead {
			if len(b) > 0 {
				t.normalize(bytesString(b))
				best = valuesOfTargets(t, targets, best)
			}
		}
	}
	for n, b := range [...][]byte{vb.decoded, vb.rev, vb.words, vb.digits} {
		if len(b) == 0 {
			continue
		}
		t.normalize(bytesString(b))
		for _, tg := range targets {
			if tg.Matcher == nil {
				continue
			}
			v := tg.Matcher.values(t, tg.Level)
			if n == 1 && whole {
				v = tg.Matcher.check(t, tg.Level, offered)
			}
			if v.stricter(best) {
				best = v
			}
		}
	}
	// "7000 + 158", "8400 − 10": the signs read as words, the sums
	// worked out
	if signs {
		vb.sym = sumWords(vb.sym[:0], reply)
		t.normalize(bytesString(vb.sym))
		if t.arithmeticAt(0) >= 0 {
			vb.sum = t.decodedReading(vb, vb.sum[:0], false, true, false)
			t.normalize(bytesString(vb.sum))
			best = valuesOfTargets(t, targets, best)
		}
	}
	return best
}

// sumSigns reports whether reply has a sum sign between two numbers:
// '+', '−', '×' or '*' after a digit (a space between allowed), or " - "
// between digits.
func sumSigns(reply string) bool {
	// most replies have none: the library's fast searches first
	if strings.IndexByte(reply, '+') < 0 && !strings.Contains(reply, " - ") && !strings.Contains(reply, "−") &&
		!strings.Contains(reply, "×") && strings.IndexByte(reply, '*') < 0 {
		return false
	}
	for i := 1; i < len(reply); i++ {
		switch c := reply[i]; {
		case c == '+':
			if digitBefore(reply, i) {
				return true
			}
		case c == '-' && reply[i-1] == ' ' && i+1 < len(reply) && reply[i+1] == ' ':
			if digitBefore(reply, i) && i+2 < len(reply) && reply[i+2] >= '0' && reply[i+2] <= '9' {
				return true
			}
		case c == 0xe2 && strings.HasPrefix(reply[i:], "−"), c == 0xc3 && strings.HasPrefix(reply[i:], "×"), c == '*':
			if digitBefore(reply, i) {
				return true
			}
		}
	}
	return false
}

// digitBefore reports whether a digit stands right before reply[i], or
// before one space.
func digitBefore(reply string, i int) bool {
	j := i - 1
	if reply[j] == ' ' && j > 0 {
		j--
	}
	return reply[j] >= '0' && reply[j] <= '9'
}

// sumWords appends reply to dst with its sum signs after a number as
// words: "7000 + 158" reads "7000 plus 158".
func sumWords(dst []byte, reply string) []byte {
	for i := 0; i < len(reply); i++ {
		c := reply[i]
		switch {
		case i > 0 && c == '+' && digitBefore(reply, i):
			dst = append(dst, " plus "...)
		case i > 0 && c == '-' && reply[i-1] == ' ' && i+1 < len(reply) && reply[i+1] == ' ' && digitBefore(reply, i):
			dst = append(dst, " minus "...)
		case i > 0 && c == 0xe2 && strings.HasPrefix(reply[i:], "−") && digitBefore(reply, i):
			dst = append(dst, " minus "...)
			i += len("−") - 1
		case i > 0 && c == 0xc3 && strings.HasPrefix(reply[i:], "×") && digitBefore(reply, i):
			dst = append(dst, " times "...) // "3579 × 2"
			i += len("×") - 1
		case i > 0 && c == '*' && digitBefore(reply, i):
			dst = append(dst, " times "...)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// replacement replaces the raw tokens [from, to) of a text by
// variantBufs.out[start:end] in the decoded reading.
type replacement struct{ from, to, start, end int }

// decodedReading appends to dst the reply as t's raw tokens, with its
// chains of code words decoded (spell) and its sums worked out (arith):
// the words around stay, so "your last four are 7000 plus 158" reads
// "your last four are 7158". A punctuation mark after a token is kept as
// "." when a sentence follows, "," otherwise. With num, the numbers
// said in other ways are read too (numerals.go).
func (t *text) decodedReading(vb *variantBufs, dst []byte, spell, arith, num bool) []byte {
	vb.repl, vb.out = vb.repl[:0], vb.out[:0]
	if spell {
		t.spellingChains(vb)
	}
	if num {
		t.numerals(vb)
	}
	if arith {
		t.arithmetic(vb)
	}
	if len(vb.repl) == 0 {
		return dst
	}
	// in order of from (each list is; few of them: insertion sort)
	for i := 1; i < len(vb.repl); i++ {
		for j := i; j > 0 && vb.repl[j].from < vb.repl[j-1].from; j-- {
			vb.repl[j], vb.repl[j-1] = vb.repl[j-1], vb.repl[j]
		}
	}
	ri := 0
	for i := 0; i < len(t.raw); {
		for ri < len(vb.repl) && vb.repl[ri].from < i {
			ri++ // overlaps one written already
		}
		last := i
		if ri < len(vb.repl) && vb.repl[ri].from == i {
			r := vb.repl[ri]
			dst = append(dst, vb.out[r.start:r.end]...)
			last, i = r.to-1, r.to
			ri++
		} else {
			dst = append(dst, t.rawWord(i)...)
			i++
		}
		if i >= len(t.raw) {
			break
		}
		switch {
		case t.raw[last].flags&fPunctAfter == 0:
			dst = append(dst, ' ')
		case t.raw[i].flags&fSentence != 0:
			dst = append(dst, ". "...)
		default:
			dst = append(dst, ", "...)
		}
	}
	return dst
}

// writtenBackwards reports whether reply reads as written backwards
// whole: it opens with a sentence's closing mark and ends with a capital
// letter (".tcerroc s'tahT ,seY").
func writtenBackwards(reply string) bool {
	r := strings.TrimSpace(reply)
	if len(r) < 4 || r[0] != '.' && r[0] != '!' && r[0] != '?' {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(r)
	return unicode.IsUpper(last)
}
