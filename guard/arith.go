package guard

import "strconv"

// A value given as a sum: "75000 plus two", "7000 plus 158", "one less
// than 7159", "1980 minus one", "un de moins que 7159", "uno in meno di
// 7159", "één minder dan 7159", "um a menos que 7159", "eins weniger als
// 7159". The token view has number words as digits already; a number, an
// operator and a number ("A plus B", "A minus B"), or a number, a word
// for less or more and a word for than before a number ("N less than A"),
// are worked out, and the reply with the result in their place is checked
// as text (variants.go), so that the words around ("last four", "born
// in") keep their sense.

// Words of the sums (normalised): the operators between two numbers, and
// the comparatives of "N less than A" with the words that may stand
// before them ("un de moins", "uno in meno", "um a menos") and after
// them ("than", "als", "que", "do que", "di", "dan").
var (
	arithPlus  = set("plus", "mas", "piu", "mais")
	arithMinus = set("minus", "moins", "menos", "meno", "min", "less")
	arithLess  = set("less", "fewer", "lower", "weniger", "kleiner", "niedriger", "moins", "menos", "meno", "minder", "lager",
		"kleiner", "inferieur", "inferior", "inferiore")
	arithMore = set("more", "higher", "mehr", "grosser", "hoher", "plus", "mas", "piu", "meer", "hoger", "groter", "mais",
		"superieur", "superior", "superiore")
	arithBefore = set("de", "a", "in", "en", "di")
	// arithOne is "one" where the normaliser leaves it a word (it is
	// also an article)
	arithOne  = set("un", "une", "een", "um", "uma", "uno", "una", "ein", "eine", "eins")
	arithThan = set("than", "als", "que", "di", "dan", "de", "do", "rispetto", "a", "of", "from", "von", "da", "van")
)

// arithShape has bit n set in [first][last] for each word of the sums
// of n letters (n < 16) with those first and last letters: the word after
// a number is tested by its shape before any look-up.
var arithShape = func() (s [26][26]uint16) {
	for _, ws := range []map[string]bool{arithPlus, arithMinus, arithLess, arithMore, arithBefore} {
		for w := range ws {
			if n := len(w); n < 16 {
				s[w[0]-'a'][w[n-1]-'a'] |= 1 << n
			}
		}
	}
	return s
}()

// arithWord reports whether w may be a word of a sum after a number.
func arithWord(w []byte) bool {
	n := len(w)
	if n == 0 || n >= 16 {
		return false
	}
	f, l := w[0]-'a', w[n-1]-'a'
	return f < 26 && l < 26 && arithShape[f][l]&(1<<n) != 0
}

// maxArithDigits bounds the operands: a sum of phone numbers fits in an
// int64.
const maxArithDigits = 15

// arithmeticAt returns the first token from k on that ends the first
// number of a sum (arithExpr), or -1.
func (t *text) arithmeticAt(k int) int {
	for ; k+2 < len(t.toks); k++ {
		// a number, or a word for one ("un", "een", "eins"), before a
		// word of a sum; tested by their first bytes and shapes first
		c := t.buf[t.toks[k].off+1]
		if (c < '0' || c > '9') && c != 'u' && c != 'e' || !arithWord(t.tokBytes(k+1)) {
			continue
		}
		if w := t.tokBytes(k); c > '9' && (len(w) > 4 || !arithOne[string(w)]) {
			continue
		}
		if _, _, _, ok := t.arithExpr(k); ok {
			return k
		}
	}
	return -1
}

// arithExpr reads a sum whose first number ends at token k: it returns
// the tokens [from, to) it spans and its result, as digits as wide as the
// number it changes (a leading 0 kept).
func (t *text) arithExpr(k int) (from, to int, res int64, ok bool) {
	a := t.tokBytes(k)
	if k+2 >= len(t.toks) {
		return 0, 0, 0, false
	}
	op := string(t.tokBytes(k + 1))
	if arithOne[string(a)] {
		a = []byte("1") // "un de moins que", "één minder dan", "um a menos que": the article the normaliser leaves
		if arithPlus[op] || arithMinus[op] {
			return 0, 0, 0, false
		}
	}
	if len(a) > maxArithDigits || !allDigits(a) {
		return 0, 0, 0, false
	}
	// "A plus B", "A minus B"
	b := t.tokBytes(k + 2)
	if arithOne[string(b)] {
		b = []byte("1") // "1980 moins un"
	}
	if (arithPlus[op] || arithMinus[op]) && len(b) <= maxArithDigits && allDigits(b) {
		from, x := k, atoi(a)
		// "75 000 plus two": the thousands written apart
		if len(a) == 3 && k > 0 && t.toks[k].flags&fSepBefore != 0 {
			if p := t.tokBytes(k - 1); len(p) <= 3 && allDigits(p) {
				from, x = k-1, atoi(p)*1000+x
			}
		}
		y := atoi(b)
		if x < 10 {
			return 0, 0, 0, false
		}
		if arithPlus[op] {
			return from, k + 3, x + y, true
		}
		if x-y < 0 {
			return 0, 0, 0, false
		}
		return from, k + 3, x - y, true
	}
	// "N less than A", "N de moins que A", "N in meno di A", "N a menos do que A"
	n := atoi(a)
	if n > 1000 {
		return 0, 0, 0, false
	}
	j := k + 1
	if arithBefore[op] {
		j++
	}
	if j >= len(t.toks) {
		return 0, 0, 0, false
	}
	cmp := string(t.tokBytes(j))
	less, more := arithLess[cmp], arithMore[cmp]
	if !less && !more {
		return 0, 0, 0, false
	}
	j++
	for s := 0; s < 2 && j < len(t.toks) && arithThan[string(t.tokBytes(j))]; s++ {
		j++
	}
	if j >= len(t.toks) {
		return 0, 0, 0, false
	}
	b = t.tokBytes(j)
	if len(b) > maxArithDigits || !allDigits(b) {
		return 0, 0, 0, false
	}
	y := atoi(b)
	if y < 10 {
		return 0, 0, 0, false
	}
	if less {
		if y-n < 0 {
			return 0, 0, 0, false
		}
		return k, j + 1, y - n, true
	}
	return k, j + 1, y + n, true
}

func atoi(b []byte) int64 {
	var n int64
	for _, c := range b {
		n = n*10 + int64(c-'0')
	}
	return n
}

// arithmetic appends to vb.repl each sum of t replaced by its result.
func (t *text) arithmetic(vb *variantBufs) {
	for k := t.arithmeticAt(0); k >= 0; k = t.arithmeticAt(k + 1) {
		from, to, res, _ := t.arithExpr(k)
		// the result as wide as the number it changes: "0647218400
		// minus 10" is "0647218390"
		width := 0
		for _, i := range [...]int{from, to - 1} {
			if w := t.tokBytes(i); len(w) > 1 && w[0] == '0' {
				width = max(width, len(w))
			}
		}
		rf, rt, lead := t.rawSpan(from, to)
		if rf < 0 {
			continue
		}
		start := len(vb.out)
		for i := lead; i < from; i++ {
			vb.out = append(append(vb.out, t.tokBytes(i)...), ' ')
		}
		n := 1
		for r := res; r >= 10; r /= 10 {
			n++
		}
		for pad := width - n; pad > 0; pad-- {
			vb.out = append(vb.out, '0')
		}
		vb.out = strconv.AppendInt(vb.out, res, 10)
		vb.repl = append(vb.repl, replacement{from: rf, to: rt, start: start, end: len(vb.out)})
		k = to - 2
	}
}

// rawSpan returns the raw tokens [rf, rt) that became the tokens [from,
// to) of the token view, or -1; lead is the first token of rf's: before
// from when rf is a phrase of number words that goes on into the sum
// ("four one less than": one raw phrase, the tokens 4 and 1).
func (t *text) rawSpan(from, to int) (rf, rt, lead int) {
	rf, rt = -1, len(t.raw)
	for i := range t.raw {
		tk := int(t.raw[i].tok)
		if tk <= from {
			rf = i
		}
		if tk >= to {
			rt = i
			break
		}
	}
	if rf < 0 || rt <= rf {
		return -1, -1, 0
	}
	for rf > 0 && t.raw[rf-1].tok == t.raw[rf].tok {
		rf--
	}
	return rf, rt, int(t.raw[rf].tok)
}
