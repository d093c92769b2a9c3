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
	// a22a: products and quotients ("3579 times two", "3858 mal 2", "2 fois
	// 3579", "14007 por 2", "3579 keer 2", "3579 vezes 2", "14316 divided
	// by 2", "3958 geteilt durch 2"), the word after the operator that
	// may follow it ("multiplied by", "divisé par"), and a number added
	// after "and" ("7100 and 58 more", "7000 und 158 dazu", "10114 und
	// eins mehr", "7700 und dann 16 drauf")
	arithTimes = set("times", "mal", "fois", "por", "per", "keer", "vezes", "x", "multiplied", "multiplie", "multiplicado",
		"moltiplicato", "vermenigvuldigd", "multiplicated")
	arithDiv   = set("divided", "geteilt", "divise", "dividido", "diviso", "gedeeld", "dividida")
	arithBy    = set("by", "mit", "durch", "par", "por", "entre", "per", "met", "door")
	arithAnd   = set("and", "und", "et", "y", "e", "en")
	arithThen  = set("then", "dann", "puis", "luego", "poi", "dan", "depois", "also")
	arithAdded = set("more", "mehr", "dazu", "drauf", "plus", "mas", "piu", "meer", "erbij", "mais", "extra", "on", "obendrauf")
	// arithOne is "one" where the normaliser leaves it a word (it is
	// also an article)
	arithOne  = set("un", "une", "een", "um", "uma", "uno", "una", "ein", "eine", "eins")
	arithThan = set("than", "als", "que", "di", "dan", "de", "do", "rispetto", "a", "of", "from", "von", "da", "van")
)

// arithShape has bit n set in [first][last] for each word of the sums
// of n letters (n < 16) with those first and last letters: the word after
// a number is tested by its shape before any look-up.
var arithShape = func() (s [26][26]uint16) {
	for _, ws := range []map[string]bool{arithPlus, arithMinus, arithLess, arithMore, arithBefore, arithTimes, arithDiv, arithAnd} {
		for w := range ws {
			if n := len(w); n < 16 {
				s[w[0]-'a'][w[n-1]-'a'] |= 1 << n
			}
		}
	}
	return s
}()

// arithWord reports whether token tk may be a word of a sum after a
// number, by its first and last letters and length (head6, tail6, len6:
// no slice of its text).
func arithWord(tk *tok) bool {
	n := int(tk.len6)
	if n == 0 || n >= 16 {
		return false
	}
	f, l := tk.head6-'a', tk.tail6-'a'
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
		c := t.toks[k].head6 // (0 for an empty token: no digit, u or e)
		if (c < '0' || c > '9') && c != 'u' && c != 'e' || !arithWord(&t.toks[k+1]) {
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
	if arithTimes[op] || arithDiv[op] || arithAnd[op] {
		return t.arithProduct(k, a, op)
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
		if !arithPlus[op] && x-y < 0 {
			return 0, 0, 0, false
		}
		if arithPlus[op] {
			x += y
		} else {
			x -= y
		}
		to, x := t.arithChain(k+3, x)
		return from, to, x, true
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
	for i := 0; i < len(t.raw); i++ {
		if to, res := t.arithPrefix(i); to > i {
			start := len(vb.out)
			vb.out = strconv.AppendInt(vb.out, res, 10)
			vb.repl = append(vb.repl, replacement{from: i, to: to, start: start, end: len(vb.out)})
			i = to - 1
		}
	}
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

// arithChain goes on with a sum whose result so far is x, from token k:
// "7000 plus 100 plus 58", "5060 più 1" after a double. It returns the
// token after the chain and its result.
func (t *text) arithChain(k int, x int64) (int, int64) {
	for k+1 < len(t.toks) {
		op, b := string(t.tokBytes(k)), t.tokBytes(k+1)
		if arithOne[string(b)] {
			b = []byte("1")
		}
		if len(b) > maxArithDigits || !allDigits(b) {
			break
		}
		y := atoi(b)
		switch {
		case arithPlus[op]:
			x += y
		case arithMinus[op] && x >= y:
			x -= y
		case arithTimes[op] && x < 1e12 && y < 1e3:
			x *= y
		default:
			return k, x
		}
		k += 2
	}
	return k, x
}

// arithProduct reads "A times B", "A divided by B" and "A and B more"
// whose first number a ends at token k, op the word after it.
func (t *text) arithProduct(k int, a []byte, op string) (from, to int, res int64, ok bool) {
	j := k + 2
	if (arithTimes[op] || arithDiv[op]) && j < len(t.toks) && arithBy[string(t.tokBytes(j))] && !allDigits(t.tokBytes(j)) {
		j++ // "multiplied by", "divisé par", "geteilt durch"
	}
	if arithAnd[op] && j < len(t.toks) && arithThen[string(t.tokBytes(j))] {
		j++ // "und dann 16 drauf"
	}
	if j >= len(t.toks) {
		return 0, 0, 0, false
	}
	b := t.tokBytes(j)
	if arithOne[string(b)] {
		b = []byte("1")
	} else if n, ok := arithWords41b[string(b)]; ok && !arithAnd[op] {
		b = []byte(n) // "3579 per due" (card41b.go)
	}
	if len(b) > maxArithDigits || !allDigits(b) {
		return 0, 0, 0, false
	}
	x, y := atoi(a), atoi(b)
	switch {
	case arithTimes[op]:
		// one factor small ("3579 times two", "deux fois 3579"), the
		// product a value's width
		if x >= 1e12 || y >= 1e12 || min(x, y) > 20 || min(x, y) < 2 {
			return 0, 0, 0, false
		}
		res = x * y
	case arithDiv[op]:
		if y < 2 || y > 20 || x%y != 0 {
			return 0, 0, 0, false
		}
		res = x / y
	default: // "A and B more": the word for more right after B
		if j+1 >= len(t.toks) || !arithAdded[string(t.tokBytes(j+1))] || x < 10 {
			return 0, 0, 0, false
		}
		to, res := t.arithChain(j+2, x+y)
		return k, to, res, true
	}
	to, res = t.arithChain(j+1, res)
	return k, to, res, true
}

// arithPrefixWords are the words for a double or a half before a number
// ("das Doppelte von 3579", "el doble de", "il doppio di", "la moitié
// de", "half of 14316"), read on the raw tokens (the normaliser makes a
// number word of some); the value is 2 for a double, -2 for a half.
var arithPrefixWords = map[string]int64{
	"double": 2, "twice": 2, "doppelte": 2, "doppelten": 2, "doppelt": 2, "zweifache": 2, "doble": 2, "doppio": 2,
	"dubbele": 2, "dobro": 2, "duplo": 2,
	"half": -2, "halfte": -2, "moitie": -2, "mitad": -2, "meta": -2, "helft": -2, "metade": -2,
}

// arithYearWords and arithBeforeAfter read "the year before 1980", "ein
// Jahr vor 1980", "l'année avant 1980", "un año antes de 1980", "l'anno
// prima del 1980", "een jaar voor 1980", "um ano antes de 1980", "the
// year after 1978" (raw tokens).
var (
	arithYearWords   = set("year", "jahr", "annee", "an", "ano", "anno", "jaar")
	arithBeforeAfter = map[string]int64{"before": -1, "vor": -1, "avant": -1, "antes": -1, "prima": -1, "voor": -1,
		"after": 1, "nach": 1, "apres": 1, "despues": 1, "dopo": 1, "na": 1, "depois": 1}
	arithOf = set("of", "von", "vom", "de", "del", "di", "van", "do", "da", "der", "des", "du", "dello")
)

// arithPrefixShape is the shapes of the words that open a double, a
// half or a year before or after.
var arithPrefixShape = shapesOf(keysOf(arithPrefixWords), keysOf(arithYearWords))

// arithPrefix reads a double, a half or a year before or after at raw
// token i: it returns the raw tokens [i, to) it spans and its result,
// to == i when there is none.
func (t *text) arithPrefix(i int) (to int, res int64) {
	w := t.rawWord(i)
	if len(w) < 2 || len(w) > 9 || !arithPrefixShape.has(w) {
		return i, 0
	}
	f, dbl := arithPrefixWords[string(w)]
	year := arithYearWords[string(w)]
	if !dbl && !year {
		return i, 0
	}
	j := i + 1
	var step int64
	if year {
		if j >= len(t.raw) {
			return i, 0
		}
		s, ok := arithBeforeAfter[string(t.rawWord(j))]
		if !ok {
			return i, 0
		}
		step = s
		j++
	}
	if j < len(t.raw) && arithOf[string(t.rawWord(j))] {
		j++
	}
	if j >= len(t.raw) {
		return i, 0
	}
	b := t.rawWord(j)
	if len(b) > maxArithDigits || len(b) < 2 || !allDigits(b) {
		return i, 0
	}
	x := atoi(b)
	switch {
	case year:
		if len(b) != 4 {
			return i, 0
		}
		res = x + step
	case f > 0:
		res = x * f
	case x%2 != 0:
		return i, 0
	default:
		res = x / 2
	}
	j++
	// a sum after it: "il doppio di 5060 più 1"
	for j+1 < len(t.raw) {
		op, c := string(t.rawWord(j)), t.rawWord(j+1)
		if len(c) > maxArithDigits || !allDigits(c) {
			break
		}
		if arithPlus[op] {
			res += atoi(c)
		} else if arithMinus[op] && res >= atoi(c) {
			res -= atoi(c)
		} else {
			break
		}
		j += 2
	}
	return j, res
}
