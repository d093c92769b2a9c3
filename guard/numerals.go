package guard

import (
	"strconv"
	"sync"
)

// Numbers said in ways the number reader does not read, given to the
// decoded reading (variants.go) as digits:
//
//   - digit words of a language outside the seven, or of the radio
//     (ICAO "wun, too, tree, fower, fife, ait, niner"): a run of 4 or more
//     single-digit words, list commas allowed, all of one table or the
//     seven languages' own digits, with at least one word of the table
//     ("sju, ett, fem, åtta", "zero six four seven two wun ait", "syv en
//     fem otte"); a lone word is the word it also is ("set", "to", "en");
//   - Roman numerals: a word of 4 letters or more that is a Roman numeral
//     in its canonical form ("MCMLXXIX"), and the shorter ones beside one
//     ("III. XI. MCMLXXIX");
//   - a letter that looks like a digit in a number: "715B";
//   - a value said in pieces with words between them that carry nothing:
//     a discourse filler ("like", "you know", "sozusagen", "genre", "o
//     sea", "tipo", "zeg maar", "pois") or a word of sequence ("then",
//     "after that", "danach", "ensuite", "luego", "poi", "daarna",
//     "depois"), across a sentence's end too ("71. And then 58."): the
//     run of such words (5 at most, at least one that is no mere function
//     word) is dropped where a piece of a value stands on both sides (a
//     number, a number word; a word for "dot" or "at" after it), and the
//     pieces around are joined, so "06, like, 47, you know, 21" reads "06
//     47 21" and "elodie. After that, dot martin." reads "elodie dot
//     martin".
//
// Each is tested on the raw tokens the normaliser keeps (lowercase,
// folded), after the scan of the reply; a reply with none costs a map
// look-up per word.

// foreignDigitTables are the digit words 0-9 of languages outside the
// seven and of the radio, each table as written (folded when first used).
var foreignDigitTables = [][10][]string{
	// ICAO Annex 10 radiotelephony digits, and German dialect forms
	{{"zeero", "zee"}, {"wun"}, {"too"}, {"tree"}, {"fower"}, {"fife", "fünnef", "fünwe"}, {}, {}, {"ait"}, {"niner"}},
	// Swedish
	{{"noll"}, {"ett", "en"}, {"två"}, {"tre"}, {"fyra"}, {"fem"}, {"sex"}, {"sju"}, {"åtta"}, {"nio"}},
	// Danish and Norwegian
	{{"nul", "null"}, {"en", "et", "ein"}, {"to"}, {"tre"}, {"fire"}, {"fem"}, {"seks"}, {"syv", "sju"}, {"otte", "åtte"}, {"ni"}},
	// Polish
	{{"zero"}, {"jeden", "jedna"}, {"dwa", "dwie"}, {"trzy"}, {"cztery"}, {"pięć"}, {"sześć"}, {"siedem"}, {"osiem"}, {"dziewięć"}},
	// Czech and Slovak
	{{"nula"}, {"jedna", "jeden", "jeden"}, {"dva", "dvě", "dve"}, {"tři", "tri"}, {"čtyři", "štyri"}, {"pět", "päť"}, {"šest", "šesť"}, {"sedm", "sedem"}, {"osm", "osem"}, {"devět", "deväť"}},
	// Turkish
	{{"sıfır"}, {"bir"}, {"iki"}, {"üç"}, {"dört"}, {"beş"}, {"altı"}, {"yedi"}, {"sekiz"}, {"dokuz"}},
	// Catalan
	{{"zero"}, {"u", "un", "una"}, {"dos", "dues"}, {"tres"}, {"quatre"}, {"cinc"}, {"sis"}, {"set"}, {"vuit"}, {"nou"}},
	// Breton
	{{"mann", "zero"}, {"unan"}, {"daou", "div"}, {"tri", "teir"}, {"pevar", "peder"}, {"pemp"}, {"c'hwec'h", "chwech"}, {"seizh"}, {"eizh"}, {"nav"}},
	// Romanian
	{{"zero"}, {"unu", "una"}, {"doi", "două"}, {"trei"}, {"patru"}, {"cinci"}, {"șase", "şase"}, {"șapte", "şapte"}, {"opt"}, {"nouă"}},
	// Finnish
	{{"nolla"}, {"yksi"}, {"kaksi"}, {"kolme"}, {"neljä"}, {"viisi"}, {"kuusi"}, {"seitsemän"}, {"kahdeksan"}, {"yhdeksän"}},
	// Hungarian
	{{"nulla"}, {"egy"}, {"kettő", "ketto"}, {"három"}, {"négy"}, {"öt"}, {"hat"}, {"hét"}, {"nyolc"}, {"kilenc"}},
	// Russian, transliterated
	{{"nol", "nul"}, {"odin", "odna"}, {"dva", "dve"}, {"tri"}, {"chetyre"}, {"pyat"}, {"shest"}, {"sem"}, {"vosem"}, {"devyat"}},
	// Greek, transliterated
	{{"miden"}, {"ena"}, {"dyo", "dio"}, {"tria"}, {"tessera"}, {"pente"}, {"exi"}, {"efta", "epta"}, {"okto", "ochto"}, {"ennea", "enia"}},
}

// foreignDigit is what a folded word is in the foreign digit tables:
// the tables that hold it (bit i for table i) and its digit in each.
type foreignDigit struct {
	tables uint16
	digit  [16]int8
}

// discourse words: a filler or a word of sequence that may stand alone
// between two pieces (discStrong), or only with one of those
// (discWeak: "you", "know", "o", "sea", "zeg", "maar").
const (
	discWeak uint8 = 1 + iota
	discStrong
)

var discourseStrong = []string{
	// English
	"like", "basically", "well", "right", "so", "actually", "anyway", "okay", "ok", "literally", "kinda", "yeah",
	"then", "after", "afterwards", "next", "finally", "lastly", "message", "know", "see", "mean",
	// German
	"sozusagen", "halt", "eben", "also", "quasi", "genau", "naja", "dann", "danach", "anschließend", "anschliessend",
	"schließlich", "zuletzt", "nachricht", "nächste", "nächsten",
	// French
	"genre", "bref", "voilà", "ben", "bon", "quoi", "enfin", "donc", "alors", "disons", "hein", "bah", "ensuite", "puis",
	"après", "prochain", "suite",
	// Spanish
	"sea", "pues", "bueno", "este", "vale", "digamos", "osea", "mira", "entonces", "luego", "después", "siguiente", "mensaje",
	// Italian
	"tipo", "insomma", "ecco", "cioè", "diciamo", "allora", "beh", "dunque", "praticamente", "poi", "quindi", "dopo",
	"messaggio", "prossimo", "seguito",
	// Dutch
	"dus", "nou", "wel", "kijk", "daarna", "dan", "vervolgens", "bericht", "volgende", "zeg",
	// Portuguese
	"pois", "bem", "pronto", "né", "então", "olha", "assim", "sabe", "depois", "seguir", "mensagem", "próxima", "próximo",
}

var discourseWeak = []string{
	"you", "let", "me", "i", "that", "in", "the", "and", "this",
	"ja", "na", "und", "mal", "nach", "dem", "der", "die", "das", "in",
	"tu", "vois", "ça", "ca", "et", "le", "la", "dans",
	"o", "a", "ver", "y", "eso", "el", "en",
	"e", "il", "nel",
	"maar", "weet", "je", "het", "de", "ja",
	"quer", "dizer", "na", "no", "ou",
}

// numeralWords maps a folded word to its foreign digits and its
// discourse kind; built on first use, through the normaliser, so its keys
// are folded as the raw tokens are.
var (
	numeralOnce  sync.Once
	numeralDigit map[string]*foreignDigit
	discourse    map[string]uint8
)

func numeralTables() {
	numeralOnce.Do(func() {
		fold := func(w string) string {
			var t text
			t.tokenize(w)
			if len(t.raw) == 0 {
				return ""
			}
			s := ""
			for i := range t.raw {
				s += string(t.rawWord(i))
			}
			return s
		}
		numeralDigit = map[string]*foreignDigit{}
		for ti, tab := range foreignDigitTables {
			for d, ws := range tab {
				for _, w := range ws {
					k := fold(w)
					if k == "" {
						continue
					}
					e := numeralDigit[k]
					if e == nil {
						e = &foreignDigit{}
						numeralDigit[k] = e
					}
					e.tables |= 1 << ti
					e.digit[ti] = int8(d)
				}
			}
		}
		discourse = map[string]uint8{}
		for w := range hesitations {
			if _, num := numWords[w]; !num { // "um", "oh": a number word too
				discourse[w] = discWeak
			}
		}
		for _, w := range discourseWeak {
			discourse[fold(w)] = discWeak
		}
		for _, w := range discourseStrong {
			discourse[fold(w)] = discStrong
		}
		for w := range numeralDigit {
			numeralShape.add(w)
		}
		for w := range discourse {
			numeralShape.add(w)
		}
	})
}

// ownDigit returns the digit raw token i of t is in the seven languages
// (digits, a single-digit number word), or -1.
func (t *text) ownDigit(i int) int {
	w := t.rawWord(i)
	if len(w) == 1 && w[0] >= '0' && w[0] <= '9' {
		return int(w[0] - '0')
	}
	if e := lexFind(w); e != nil && e.hasNum { // numWords[w], in the lexicon
		if nw := e.num; nw.kind == kDigit && !nw.compoundOnly && !nw.ord {
			return nw.val
		}
	}
	return -1
}

// shapesOf returns the shapes (partsaid.go) of the words of the sets,
// each given by its keys.
func shapesOf(sets ...[]string) *wordShapes {
	s := new(wordShapes)
	for _, ws := range sets {
		for _, w := range ws {
			s.add(w)
		}
	}
	return s
}

// keysOf returns the keys of m.
func keysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for w := range m {
		out = append(out, w)
	}
	return out
}

// numeralShape is the shapes of the words of numeralDigit and discourse.
var numeralShape wordShapes

// numeralWord reports whether w may be a word of numeralDigit or
// discourse, by its shape.
func numeralWord(w []byte) bool { return numeralShape.has(w) }

// numeralAt reports whether raw token i (not the first) opens a foreign
// digit run or a run of discourse words between two pieces of a value.
func (t *text) numeralAt(i int) bool {
	if t.raw[i].cls&clNumeral == 0 {
		return false // neither a foreign digit nor a strong discourse word (clUnread: one emit did not look up)
	}
	w := t.rawWord(i)
	if !numeralWord(w) {
		return false
	}
	if numeralDigit[string(w)] != nil && t.foreignRun(i) > i {
		return true
	}
	// a run of discourse words holds a strong one: read from it, the
	// weak ones before it ("you know") included
	if discourse[string(w)] == discStrong {
		k := i
		for k > 1 && i-k < 4 && discourse[string(t.rawWord(k-1))] != 0 {
			k--
		}
		for ; k <= i; k++ {
			if _, to, _ := t.discourseRun(k); to > k {
				return true
			}
		}
	}
	return false
}

// readCues says which readings of numerals.go, arith.go (arithPrefix)
// and revcue.go a text may need.
type readCues struct {
	num, prefix, reversal bool
	// cipherFrom and cipherTo are the shifts of a cipher named
	// (cipherAt), 0 for none
	cipherFrom, cipherTo int
}

// readCueWords returns every word readingCues looks up on a raw token
// (numeralAt, arithPrefix, reversalAt, cipherAt): the words of class
// clReadCue.
func readCueWords() map[string]bool {
	numeralTables()
	m := set("rot13", "rot")
	for _, ws := range [][]string{keysOf(numeralDigit), keysOf(discourse), keysOf(arithPrefixWords),
		keysOf(arithYearWords), keysOf(reversalCues), keysOf(reversalDirections), keysOf(cipherNames)} {
		for _, w := range ws {
			m[w] = true
		}
	}
	return m
}

// numeralCueWords returns the words numeralAt can read as the start of
// a numeral (class clNumeral): the foreign digits and the strong
// discourse words.
func numeralCueWords() map[string]bool {
	numeralTables()
	m := keySet(numeralDigit)
	for w, d := range discourse {
		if d == discStrong {
			m[w] = true
		}
	}
	return m
}

// readingCuesShape is the shapes of every word readingCues looks up.
var (
	readingCuesOnce  sync.Once
	readingCuesShape *wordShapes
)

// readingCues finds, in one pass over t's raw tokens, a foreign digit
// run, a Roman numeral or discourse between pieces of a value
// (numeralAt), a double, half or year before or after (arithPrefix), a
// reversal cue (reversalAt) and a letter cipher named (cipherAt): a word
// is looked up only when its shape is one of theirs.
func (t *text) readingCues() (c readCues) {
	numeralTables()
	readingCuesOnce.Do(func() {
		readingCuesShape = shapesOf(keysOf(numeralDigit), keysOf(discourse), keysOf(arithPrefixWords), keysOf(arithYearWords),
			keysOf(reversalCues), keysOf(reversalDirections), keysOf(cipherNames), []string{"rot13", "rot"})
	})
	raw, rb := t.raw, t.rawBuf // (local slices: no reload of t's fields a token)
	for i := range raw {
		w := rb[raw[i].start:raw[i].end] // rawWord(i)
		if len(w) == 0 {
			continue
		}
		if w[0] <= '9' {
			if !c.num && len(w) >= 4 && lookalikeDigit(w) >= 0 {
				c.num = true
			}
			continue
		}
		if !c.num && romanLetters[w[0]] && (len(w) == 1 || romanLetters[w[1]]) && romanNumber(w) > 0 && t.romanAt(i) { // (two letters first)
			c.num = true
		}
		if raw[i].cls&clReadCue == 0 || !readingCuesShape.has(w) {
			continue // a word of none of the sets below (readCueWords)
		}
		if !c.num && i > 0 && t.numeralAt(i) {
			c.num = true
		}
		if !c.prefix {
			if to, _ := t.arithPrefix(i); to > i {
				c.prefix = true
			}
		}
		if !c.reversal && t.reversalAt(i) {
			c.reversal = true
		}
		if c.cipherFrom == 0 {
			c.cipherFrom, c.cipherTo = t.cipherAt(i)
		}
	}
	return c
}

// romanLetters are the letters of Roman numerals (lowercase).
var romanLetters = [256]bool{'i': true, 'v': true, 'x': true, 'l': true, 'c': true, 'd': true, 'm': true}

// lookalikes are the letters written for the digit they look like, in
// a number: "715B" is 7158, "O647" 0647.
var lookalikes = [256]byte{'b': '8', 'o': '0', 'i': '1', 'l': '1', 'z': '2', 's': '5'}

// lookalikeDigit returns where the one letter of w stands that looks
// like a digit, when w is otherwise 3 digits or more ("715b", "7l58"),
// or -1. An "s" that ends it is a plural ("1990s").
func lookalikeDigit(w []byte) int {
	at, digits := -1, 0
	for k, c := range w {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case lookalikes[c] != 0 && at < 0:
			at = k
		default:
			return -1
		}
	}
	if at < 0 || digits < 3 || w[at] == 's' && at == len(w)-1 {
		return -1
	}
	return at
}

// foreignRun returns the end of the foreign digit run through raw token
// i (a word of one of the tables), or i when there is none.
func (t *text) foreignRun(i int) int {
	from, to, _ := t.foreignSpan(i)
	if to-from >= 4 {
		return to
	}
	return i
}

// foreignSpan returns the run [from, to) of digit words around raw
// token i that share a table, and the tables. A word that is a digit in
// the seven languages too ("zero", "tre", "dos") counts as that digit and
// narrows no table; the run needs one word that is not.
func (t *text) foreignSpan(i int) (from, to int, tables uint16) {
	if numeralDigit[string(t.rawWord(i))] == nil {
		return i, i, 0
	}
	tables = 0xffff
	foreign := false
	// a word of the run: a table's word that fits the tables so far, or
	// a digit of the seven
	fits := func(k int) bool {
		if t.ownDigit(k) >= 0 {
			return true
		}
		if t.raw[k].cls&clReadCue == 0 {
			return false // no word of numeralDigit (clUnread: one emit did not look up)
		}
		f := numeralDigit[string(t.rawWord(k))]
		if f == nil || f.tables&tables == 0 {
			return false
		}
		tables &= f.tables
		foreign = true
		return true
	}
	// a pause inside a run is a list comma at most
	joined := func(k int) bool { // raw token k goes on from k-1
		return t.raw[k-1].flags&fPunctAfter == 0 || t.raw[k].flags&fListGap != 0 && t.raw[k].flags&fSentence == 0
	}
	fits(i)
	from = i
	for from > 0 && joined(from) && fits(from-1) {
		from--
	}
	to = i + 1
	for to < len(t.raw) && joined(to) && fits(to) {
		to++
	}
	if !foreign {
		return i, i, 0
	}
	return from, to, tables
}

// discourseRun reads the discourse words from raw token i on: the piece
// of a value before them (raw token from), the one after them (next),
// and to, the token after it; to is i when they are not between two.
func (t *text) discourseRun(i int) (from, to, next int) {
	if i == 0 {
		return 0, i, 0
	}
	strong := false
	j := i
	for ; j < len(t.raw) && j-i < 5; j++ {
		k := discourse[string(t.rawWord(j))]
		if k == 0 {
			break
		}
		strong = strong || k == discStrong
	}
	if !strong || j == i || j >= len(t.raw) || j-i >= 5 && discourse[string(t.rawWord(j))] != 0 {
		return 0, i, 0
	}
	after := t.rawWord(j)
	sym := dotWords[string(after)] || atWords[string(after)]
	if !t.pieceRaw(j) {
		return 0, i, 0
	}
	before := t.rawWord(i - 1)
	if !t.pieceRaw(i-1) && !(sym && len(before) >= 2 && discourse[string(before)] == 0) {
		return 0, i, 0
	}
	return i - 1, j + 1, j
}

// pieceRaw is valueishRaw, its quick tests first (a compound number word
// is read only when its prefix may open one).
func (t *text) pieceRaw(i int) bool {
	w := t.rawWord(i)
	if len(w) == 0 {
		return false
	}
	if allDigits(w) || symbolWords[string(w)] || atWords[string(w)] {
		return true
	}
	if nw, ok := numWords[string(w)]; ok {
		return nw.kind != kConn
	}
	return mayBeNumber(w) && t.valueishRaw(i)
}

// romanAt reports whether raw token i is read as a Roman numeral: 4
// letters or more, or 2 or more beside one of 4 or more (one word
// between at most).
func (t *text) romanAt(i int) bool {
	w := t.rawWord(i)
	if lookup(w) != nil || romanNumber(w) <= 0 {
		return false
	}
	if len(w) >= 4 {
		return true
	}
	if len(w) < 2 {
		return false
	}
	for k := max(i-2, 0); k <= i+2 && k < len(t.raw); k++ {
		if v := t.rawWord(k); k != i && len(v) >= 4 && lookup(v) == nil && romanNumber(v) > 0 {
			return true
		}
	}
	return false
}

// romanNumber returns the value of w as a Roman numeral in its canonical
// form (lowercase: "mcmlxxix" is 1979), or 0.
func romanNumber(w []byte) int {
	if len(w) == 0 || len(w) > 15 {
		return 0
	}
	val := func(c byte) int {
		switch c {
		case 'i':
			return 1
		case 'v':
			return 5
		case 'x':
			return 10
		case 'l':
			return 50
		case 'c':
			return 100
		case 'd':
			return 500
		case 'm':
			return 1000
		}
		return 0
	}
	n := 0
	for i := 0; i < len(w); i++ {
		v := val(w[i])
		if v == 0 {
			return 0
		}
		if i+1 < len(w) && val(w[i+1]) > v {
			n -= v
		} else {
			n += v
		}
	}
	var buf [16]byte
	if n <= 0 || n >= 4000 || string(romanCanonical(buf[:0], n)) != string(w) {
		return 0
	}
	return n
}

// romanCanonical appends n (1-3999) as a canonical lowercase Roman
// numeral to dst.
func romanCanonical(dst []byte, n int) []byte {
	for _, p := range [...]struct {
		v int
		s string
	}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}} {
		for n >= p.v {
			dst = append(dst, p.s...)
			n -= p.v
		}
	}
	return dst
}

// numerals appends to vb.repl the foreign digit runs of t as digits,
// its Roman numerals as numbers, and its pieces of a value with
// discourse words between them joined without them.
func (t *text) numerals(vb *variantBufs) {
	numeralTables()
	for i := 0; i < len(t.raw); i++ {
		w := t.rawWord(i)
		if e := numeralDigit[string(w)]; e != nil {
			if from, to, tables := t.foreignSpan(i); to-from >= 4 {
				ti := 0
				for tables&(1<<ti) == 0 {
					ti++
				}
				start := len(vb.out)
				for k := from; k < to; k++ {
					if d := t.ownDigit(k); d >= 0 {
						vb.out = append(vb.out, byte('0'+d))
					} else {
						vb.out = append(vb.out, byte('0'+numeralDigit[string(t.rawWord(k))].digit[ti]))
					}
				}
				vb.repl = append(vb.repl, replacement{from: from, to: to, start: start, end: len(vb.out)})
				i = to - 1
				continue
			}
		}
		if len(w) > 0 && w[0] >= 'c' && w[0] <= 'x' && t.romanAt(i) {
			start := len(vb.out)
			vb.out = strconv.AppendInt(vb.out, int64(romanNumber(w)), 10)
			vb.repl = append(vb.repl, replacement{from: i, to: i + 1, start: start, end: len(vb.out)})
			continue
		}
		if len(w) >= 4 && w[0] <= '9' {
			if at := lookalikeDigit(w); at >= 0 {
				start := len(vb.out)
				vb.out = append(vb.out, w...)
				vb.out[start+at] = lookalikes[w[at]]
				vb.repl = append(vb.repl, replacement{from: i, to: i + 1, start: start, end: len(vb.out)})
				continue
			}
		}
		if discourse[string(w)] == 0 {
			continue
		}
		from, to, next := t.discourseRun(i)
		if to <= i {
			continue
		}
		// the pieces joined: the one before, and from the one after on,
		// each run of discourse words between two pieces dropped
		start := len(vb.out)
		vb.out = append(vb.out, t.rawWord(from)...)
		for {
			vb.out = append(append(vb.out, ' '), t.rawWord(next)...)
			// the pieces that go on after it (a list comma between
			// them), and a next run of discourse words
			k := next + 1
			for k < len(t.raw) && t.raw[k].flags&fSentence == 0 && discourse[string(t.rawWord(k))] == 0 && t.pieceRaw(k) {
				vb.out = append(append(vb.out, ' '), t.rawWord(k)...)
				next, k = k, k+1
			}
			to = next + 1
			if k >= len(t.raw) || discourse[string(t.rawWord(k))] == 0 {
				break
			}
			_, to2, next2 := t.discourseRun(k)
			if to2 <= k {
				break
			}
			next = next2
		}
		vb.repl = append(vb.repl, replacement{from: from, to: to, start: start, end: len(vb.out)})
		i = to - 1
	}
}
