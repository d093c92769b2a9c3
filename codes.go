package proofdesk

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file is how the agent-facing view hides verification codes a
// customer typed: in digits of any script, spaced, dotted or glued to
// words, spelled in words of the seven languages the guard knows, with O
// and l for 0 and 1, and split across messages.

// NumberReader reads the numbers in customer text. The view reads them
// through the disclosure guard's normaliser (package guard registers it
// on import: one normaliser for both); without it, only digits count.
type NumberReader struct {
	// Number returns the ASCII digits s reads as when s, a word or a few
	// words, is nothing but a number ("four eight", "neunundsiebzig",
	// "4O7", "４８２"); ok is false otherwise.
	Number func(s string) (digits string, ok bool)
	// DigitLetter returns the digit a single letter typed among digits
	// stands for ('0' for O, '1' for l); nil means none does.
	DigitLetter func(r rune) (byte, bool)
}

var numberReader = NumberReader{Number: plainNumber}

// SetNumberReader sets how the view reads numbers (package guard calls it
// from its init). It must be called before any view is built; a reader
// without Number is ignored.
func SetNumberReader(r NumberReader) {
	if r.Number != nil {
		numberReader = r
	}
}

// plainNumber is the reader without the guard: digits of any script and
// code separators, nothing else.
func plainNumber(s string) (string, bool) {
	var b []byte
	for _, r := range s {
		if v, ok := digitValue(r); ok {
			b = append(b, byte('0'+v))
		} else if !isCodeSeparator(r) {
			return "", false
		}
	}
	return string(b), len(b) > 0
}

// HideCodes replaces verification codes in s with CodeHiddenText and
// reports whether it replaced any. A number is read as the guard reads
// numbers (see NumberReader): digits of any script (ASCII, full-width,
// Arabic-Indic, ...), number words ("four eight two nine one three",
// "quatre huit deux"), O and l among digits for 0 and 1; spaces, hyphens,
// dots, slashes, line breaks and invisible characters (at most two)
// between pieces join them into one number ("482 913", "4-8-2-9-1-3",
// "482\u200b913"), and a comma joins pieces of one or two digits ("4, 8,
// 2"). When codesIssued is false, only a message that is nothing but a
// 6-digit number is hidden. When true, every number of six digits or more
// is hidden, wherever it stands in a sentence and whatever touches it (a
// code typed twice, or with a digit too many), and so is a message that
// is nothing but a number of three to five digits (the first part of a
// code split across messages).
func HideCodes(s string, codesIssued bool) (string, bool) {
	return ViewContext{CodesIssued: codesIssued}.hideCodes(s)
}

// hideCodes is HideCodes with vc's facts: CodesIssued, and KnownCode,
// which hides a recent code (or a number holding one, such as the code
// typed twice) wherever it stands.
func (vc ViewContext) hideCodes(s string) (string, bool) {
	ct := vc.scanCodes(s)
	if vc.KnownCode != nil {
		markKnownCodes([]*codeText{ct}, vc.KnownCode)
	}
	return ct.render()
}

// codeText is a text with its numbers and which of them to hide.
type codeText struct {
	s     string
	spans []numberSpan
	hide  []bool
	// whole is true when the text is nothing but one number.
	whole bool
	// hideAll replaces the whole text.
	hideAll bool
	// links reports that s had link tokens hidden (hideLinkTokens).
	links bool
}

// numberSpan is one number of a text: bytes [start, end) reading digits.
type numberSpan struct {
	start, end int
	digits     string
	// cardinal reads the span's number words as cardinals the view
	// composes itself ("zwanzig einundfünfzig" is 2051, "four hundred
	// eighty two thousand" 482000), where the reader's reading of the
	// phrase (digits) may add them otherwise; vigesimal does so with the
	// French twenties too ("quatre vingt", "soixante dix sept"), which
	// would misread "four twenty-eight" or "sixty nineteen" in other
	// languages; plain reads each piece on its own ("four hundred" is
	// 4100). Each is "" when it equals digits. A code is looked for in
	// each reading.
	cardinal, vigesimal, plain string
}

// longest is the number of digits of the span's longest reading but the
// plain one (which reads scale words as digits: "one hundred" would be
// four, so it decides nothing alone).
func (sp numberSpan) longest() int {
	return max(len(sp.digits), len(sp.cardinal), len(sp.vigesimal))
}

// readings are the ways markKnownCodes reads a span's digits.
var readings = [...]func(numberSpan) string{
	func(sp numberSpan) string { return sp.digits },
	func(sp numberSpan) string { return cmpOr(sp.cardinal, sp.digits) },
	func(sp numberSpan) string { return cmpOr(sp.vigesimal, sp.digits) },
	func(sp numberSpan) string { return cmpOr(sp.plain, sp.digits) },
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// scanCodes finds the numbers of s and marks what vc hides without
// knowing the codes or the other messages.
func (vc ViewContext) scanCodes(s string) *codeText {
	s, links := hideLinkTokens(s)
	ct := &codeText{s: s, spans: numberSpans(s), links: links}
	ct.hide = make([]bool, len(ct.spans))
	if len(ct.spans) == 1 {
		sp := ct.spans[0]
		ct.whole = strings.TrimFunc(s[:sp.start]+s[sp.end:], isCodeFiller) == ""
		n := sp.longest()
		if ct.whole && (n == codeDigits || vc.CodesIssued && n >= 3) && !ordinaryNumber(s[sp.start:sp.end]) {
			ct.hideAll = true
		}
	}
	for i, sp := range ct.spans {
		if vc.CodesIssued && sp.longest() >= codeDigits && !ordinaryNumber(s[sp.start:sp.end]) {
			ct.hide[i] = true
		}
	}
	return ct
}

// dateRe and priceRe match a calendar date with a four-digit year
// (2024-05-06, 06/05/2024, 6.5.2024) and an amount with grouped thousands
// and cents (1,299.00, 1.249,50), in ASCII digits.
var (
	dateRe  = regexp.MustCompile(`^(?:(?:19|20)\d\d[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])|(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:19|20)\d\d|(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:19|20)\d\d)$`)
	priceRe = regexp.MustCompile(`^\d{1,3}(?:,\d{3})+\.\d\d$|^\d{1,3}(?:\.\d{3})+,\d\d$`)
)

// ordinaryNumber reports whether a number of six digits or more, as
// typed, is a date or an amount, which a request on the conversation does
// not hide (a known code still is, wherever it stands: markKnownCodes).
func ordinaryNumber(typed string) bool {
	return len(typed) <= 20 && strings.ContainsAny(typed, "-/.,") && (dateRe.MatchString(typed) || priceRe.MatchString(typed))
}

// render returns the text with the marked numbers hidden.
func (ct *codeText) render() (string, bool) {
	if ct.hideAll {
		return CodeHiddenText, true
	}
	var b strings.Builder
	last, found := 0, false
	for i, sp := range ct.spans {
		if !ct.hide[i] {
			continue
		}
		if !found {
			b.Grow(len(ct.s))
		}
		found = true
		b.WriteString(ct.s[last:sp.start])
		b.WriteString(CodeHiddenText)
		last = sp.end
	}
	if !found {
		return ct.s, ct.links
	}
	b.WriteString(ct.s[last:])
	return b.String(), true
}

// maxKnownChecks bounds the distinct 6-digit windows of one text (or one
// run of messages) that are checked against the recent codes (each check
// costs a keyed hash per recent code); a text with more, a wall of
// digits, has every number of six digits or more hidden instead: the
// safe side.
const maxKnownChecks = 64

// markKnownCodes reads the digits of all numbers of the texts in order
// and marks every number that holds part of six consecutive digits that
// known reports as a code: the code in one piece, typed twice, split by
// words ("482 and then 913") or across messages. It reads the numbers in
// each of their readings (numberSpan): the reader's, the view's
// cardinals, and piece by piece.
func markKnownCodes(texts []*codeText, known func(string) bool) {
	for k, read := range readings {
		if k > 0 && !hasReading(texts, k) {
			continue
		}
		markKnownReading(texts, known, read)
	}
}

// hasReading reports whether a span of the texts has reading k of its
// own (a cardinal or plain reading unlike its digits).
func hasReading(texts []*codeText, k int) bool {
	for _, ct := range texts {
		for _, sp := range ct.spans {
			if k == 1 && sp.cardinal != "" || k == 2 && sp.vigesimal != "" || k == 3 && sp.plain != "" {
				return true
			}
		}
	}
	return false
}

// markKnownReading is markKnownCodes for one reading of the spans.
func markKnownReading(texts []*codeText, known func(string) bool, read func(numberSpan) string) {
	type at struct {
		t *codeText
		i int
	}
	var d []byte
	var of []at // the number of each digit
	for _, ct := range texts {
		for i, sp := range ct.spans {
			r := read(sp)
			d = append(d, r...)
			for range len(r) {
				of = append(of, at{ct, i})
			}
		}
	}
	if len(d)-codeDigits+1 > maxKnownChecks {
		for _, ct := range texts {
			for i, sp := range ct.spans {
				if len(read(sp)) >= codeDigits {
					ct.hide[i] = true
				}
			}
		}
		// Still look for a code split across short numbers, up to the bound.
		d, of = d[:maxKnownChecks+codeDigits-1], of[:maxKnownChecks+codeDigits-1]
	}
	for i := 0; i+codeDigits <= len(d); i++ {
		if known(string(d[i : i+codeDigits])) {
			for _, a := range of[i : i+codeDigits] {
				if a.t.whole {
					a.t.hideAll = true
				}
				a.t.hide[a.i] = true
			}
		}
	}
}

// piece is a word, or the digits inside a word, that reads as a number.
type piece struct {
	start, end int
	digits     string
	// kind: a whole word, the digits inside a longer word, or a word that
	// counts only next to a number (a letter for a digit, "one").
	kind uint8
	// card is true for a number word (no digit in it) that reads as a
	// cardinal the view may compose with its neighbours (cardinalDigits).
	card bool
}

const (
	pWord uint8 = iota
	pInner
	pNear
	pSame // digits inside a word, after other digits of the same word
	pConn // a word joining two number words into one cardinal ("y", "e", "et")
)

// numberSpans returns the numbers of s: pieces joined by short gaps (see
// HideCodes), each read as a whole where its words form one number
// ("forty eight" is 48, not 408).
func numberSpans(s string) []numberSpan {
	nr := numberReader
	words := scanWords(s)
	if len(words) == 0 {
		return nil
	}
	pieces := make([]piece, 0, 4)
	isNum := make([]bool, len(words))
	wordDigits := make([]string, len(words)) // of a number word (card)
	var maybe []int                          // words that may count next to a number
	for wi, w := range words {
		text := s[w[0]:w[1]]
		if d, ok := nr.Number(text); ok {
			card := !hasDigit(text)
			pieces = append(pieces, piece{w[0], w[1], d, pWord, card})
			isNum[wi] = true
			if card {
				wordDigits[wi] = d
			}
			continue
		}
		if d, ok := digitsAndLetters(text, nr); ok {
			pieces = append(pieces, piece{start: w[0], end: w[1], digits: d, kind: pInner}) // "48291O"
			isNum[wi] = true
			continue
		}
		if d, ok := digitsAndWords(text, nr); ok {
			pieces = append(pieces, piece{start: w[0], end: w[1], digits: d, kind: pInner}) // "4eight2nine"
			isNum[wi] = true
			continue
		}
		if inner := innerDigits(s, w[0], w[1]); len(inner) > 0 {
			// "code482913ok"; the runs of one word join ("4a8b2c9d1e3")
			for k := range inner {
				if k > 0 {
					inner[k].kind = pSame
				}
			}
			pieces = append(pieces, inner...)
			isNum[wi] = true
			continue
		}
		maybe = append(maybe, wi)
	}
	if len(pieces) == 0 {
		return nil
	}
	// Words that count only next to a number: a letter for a digit, an
	// ambiguous number word ("one"), until none is added.
	for changed := true; changed; {
		changed = false
		for _, wi := range maybe {
			if isNum[wi] || !(wi > 0 && isNum[wi-1] && joinable(s, words[wi-1][1], words[wi][0], 1, 1) ||
				wi+1 < len(words) && isNum[wi+1] && joinable(s, words[wi][1], words[wi+1][0], 1, 1)) {
				continue
			}
			w := words[wi]
			text := s[w[0]:w[1]]
			if connects(s, words, wordDigits, wi, nr) {
				pieces = append(pieces, piece{start: w[0], end: w[1], kind: pConn, card: true})
				isNum[wi], changed = true, true
				continue
			}
			d, card := "", false
			if r, size := utf8.DecodeRuneInString(text); size == len(text) {
				// A letter for a digit only between numbers ("4 8 2 9 l 3"),
				// so that "13 I think" keeps its "I".
				between := wi > 0 && isNum[wi-1] && joinable(s, words[wi-1][1], w[0], 1, 1) &&
					wi+1 < len(words) && isNum[wi+1] && joinable(s, w[1], words[wi+1][0], 1, 1)
				if c, ok := digitLetter(nr, r); ok && between {
					d = string(c)
				}
			} else if len(text) <= 24 {
				if n, ok := nr.Number("two " + text); ok && len(n) > 1 && n[0] == '2' {
					d, card = n[1:], true // "one", "un", "een"
				} else if n, ok := nr.Number(text + " two"); ok && len(n) > 1 && n[len(n)-1] == '2' {
					d = n[:len(n)-1] // "double"
				}
			}
			if d != "" {
				pieces = append(pieces, piece{w[0], w[1], d, pNear, card})
				isNum[wi], changed = true, true
				if card {
					wordDigits[wi] = d
				}
			}
		}
	}
	base := spansOf(s, pieces, nr)
	// Letters for digits at a number's edge ("l.O.O.8.2.8", "4829 l O", "l58 OOl"):
	// they count when the number they then make has a code's length, so
	// "13 I think" keeps its "I" and a code typed with letters first or
	// last is still read whole.
	edge := make([]piece, 0, 2)
	isEdge := make([]bool, len(words))
	for changed := true; changed; {
		changed = false
		for _, wi := range maybe {
			if isNum[wi] || isEdge[wi] {
				continue
			}
			w := words[wi]
			c, ok := letterDigits(nr, s[w[0]:w[1]])
			if !ok {
				continue
			}
			next := func(wj int, a, b int) bool {
				return wj >= 0 && wj < len(words) && (isNum[wj] || isEdge[wj]) && joinable(s, a, b, 1, 1)
			}
			if next(wi-1, words[max(wi-1, 0)][1], w[0]) || next(wi+1, w[1], words[min(wi+1, len(words)-1)][0]) {
				edge = append(edge, piece{start: w[0], end: w[1], digits: c, kind: pNear})
				isEdge[wi], changed = true, true
			}
		}
	}
	if len(edge) == 0 {
		return base
	}
	var out []numberSpan
	for _, sp := range spansOf(s, append(append([]piece(nil), pieces...), edge...), nr) {
		withEdge := false
		for _, p := range edge {
			withEdge = withEdge || p.start >= sp.start && p.end <= sp.end
		}
		if !withEdge || sp.longest() >= codeDigits {
			out = append(out, sp)
			continue
		}
		for _, b := range base {
			if b.start >= sp.start && b.end <= sp.end {
				out = append(out, b)
			}
		}
	}
	return out
}

// spansOf joins pieces into numbers (see numberSpans).
func spansOf(s string, pieces []piece, nr NumberReader) []numberSpan {
	sortPieces(pieces)
	var out []numberSpan
	for i := 0; i < len(pieces); {
		j := i + 1
		for j < len(pieces) && (pieces[j].kind == pSame || joinable(s, pieces[j-1].end, pieces[j].start, len(pieces[j-1].digits), len(pieces[j].digits))) {
			j++
		}
		if sp, ok := readSpan(s, pieces[i:j], nr); ok {
			out = append(out, sp)
		}
		i = j
	}
	return out
}

// letterDigits reads a word of one to six letters each typed for a digit
// ("l", "OOl", the second half of "l58 OOl"): ok is false when any rune
// is no such letter.
func letterDigits(nr NumberReader, w string) (string, bool) {
	if w == "" || utf8.RuneCountInString(w) > codeDigits {
		return "", false
	}
	b := make([]byte, 0, len(w))
	for _, r := range w {
		c, ok := digitLetter(nr, r)
		if !ok {
			return "", false
		}
		b = append(b, c)
	}
	return string(b), true
}

func digitLetter(nr NumberReader, r rune) (byte, bool) {
	if nr.DigitLetter == nil {
		return 0, false
	}
	return nr.DigitLetter(r)
}

// readSpan reads the digits of joined pieces: consecutive words read as
// one phrase where the reader reads them so, else piece by piece. A span
// of only near words ("I", "one") is no number.
func readSpan(s string, ps []piece, nr NumberReader) (numberSpan, bool) {
	real := false
	var b []byte
	for i := 0; i < len(ps); {
		if ps[i].kind != pNear && ps[i].kind != pConn {
			real = true
		}
		if ps[i].kind == pInner || ps[i].kind == pSame {
			b = append(b, ps[i].digits...)
			i++
			continue
		}
		j := i + 1
		for j < len(ps) && ps[j].kind != pInner && ps[j].kind != pSame {
			if ps[j].kind != pNear && ps[j].kind != pConn {
				real = true
			}
			j++
		}
		if d, ok := nr.Number(s[ps[i].start:ps[j-1].end]); ok && j-i > 1 {
			b = append(b, d...)
		} else {
			for _, p := range ps[i:j] {
				b = append(b, p.digits...)
			}
		}
		i = j
	}
	sp := numberSpan{start: ps[0].start, end: ps[len(ps)-1].end, digits: string(b)}
	if !slices.ContainsFunc(ps, func(p piece) bool { return p.card }) {
		return sp, real // digits only: one reading
	}
	var plain []byte
	for _, p := range ps {
		plain = append(plain, p.digits...)
	}
	if c := cardinalDigits(s, ps, nr, false); c != sp.digits {
		sp.cardinal = c
	}
	if c := cardinalDigits(s, ps, nr, true); c != sp.digits {
		sp.vigesimal = c
	}
	if string(plain) != sp.digits {
		sp.plain = string(plain)
	}
	return sp, real
}

func sortPieces(ps []piece) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].start < ps[j-1].start; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// joinable reports whether the gap s[a:b] joins two pieces of a and b
// digits into one number: invisible characters, at most two spaces and
// one mark ("482 913", "482-913", "4 • 8", "(482) 913", "4…8"), or at
// most two code separators; a comma alone ("482,913"), or a comma and a
// space between pieces of one or two digits ("4, 8, 2"). Three spaces
// part two numbers, and so does ", " after a longer one ("order 12345,
// 2 items").
func joinable(s string, a, b, da, db int) bool {
	if a == b {
		return true // "482913code": the digits and the word touch
	}
	gap := strings.TrimFunc(s[a:b], func(r rune) bool { return unicode.Is(unicode.Cf, r) })
	if gap == "" || gap == "," {
		return true
	}
	n, spaces, marks := 0, 0, 0
	for _, r := range gap {
		n++
		switch {
		case r == ',' || r == ';':
			if da > 2 || db > 2 {
				return false
			}
			marks++
		case unicode.IsSpace(r):
			spaces++
		case r == ':' || r == '%' || unicode.Is(unicode.Sc, r):
			return false // times and amounts: "10:30", "12.99 $13"
		case isCodeSeparator(r) || unicode.IsPunct(r) || unicode.IsSymbol(r):
			marks++
		default:
			return false
		}
	}
	return n <= 2 || n == 3 && spaces <= 2 && marks <= 1
}

// scanWords returns the words of s as byte ranges: runs of letters,
// numbers (digits, superscripts, circled digits), marks and invisible
// characters.
func scanWords(s string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range s {
		in := unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) ||
			unicode.Is(unicode.Cf, r) && start >= 0
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(s)})
	}
	// A word may not end in invisible characters: they join words.
	for k := range out {
		w := s[out[k][0]:out[k][1]]
		out[k][1] = out[k][0] + len(strings.TrimRightFunc(w, func(r rune) bool { return unicode.Is(unicode.Cf, r) }))
	}
	return out
}

// digitsAndLetters reads a word of digits with letters for digits among
// them ("48291O", "2O2l"): every rune a digit or a letter the reader
// reads as one, and at least one real digit.
func digitsAndLetters(w string, nr NumberReader) (string, bool) {
	if nr.DigitLetter == nil {
		return "", false
	}
	var b []byte
	real := false
	for _, r := range w {
		if v, ok := digitValue(r); ok {
			b, real = append(b, byte('0'+v)), true
		} else if c, ok := nr.DigitLetter(r); ok {
			b = append(b, c)
		} else if !unicode.Is(unicode.Cf, r) {
			return "", false
		}
	}
	return string(b), real
}

// innerDigits returns the runs of digits inside the word s[a:b] that is
// not a number as a whole ("code482913ok").
func innerDigits(s string, a, b int) []piece {
	var out []piece
	start := -1
	var d []byte
	flush := func(end int) {
		if start >= 0 {
			out = append(out, piece{start: start, end: end, digits: string(d), kind: pInner})
			start, d = -1, d[:0]
		}
	}
	for i, r := range s[a:b] {
		if v, ok := digitValue(r); ok {
			if start < 0 {
				start = a + i
			}
			d = append(d, byte('0'+v))
			continue
		}
		if unicode.Is(unicode.Cf, r) && start >= 0 {
			continue
		}
		flush(a + i)
	}
	flush(b)
	return out
}

// digitValue returns the value of a decimal digit of any script, or of
// a dingbat digit (➃, ❹, ➍, ⓸: circled digits that Unicode encodes as
// symbols without a compatibility decomposition, 1-9 and the zero ⓿).
// Unicode encodes each script's digits 0-9 as one contiguous run, and the
// Nd table lists them in runs that start at a zero.
func digitValue(r rune) (int, bool) {
	if r >= '0' && r <= '9' {
		return int(r - '0'), true
	}
	if r >= 0x24f5 && r <= 0x2793 {
		return dingbatDigit(r)
	}
	if r < utf8.RuneSelf || !unicode.IsDigit(r) {
		return 0, false
	}
	for _, rg := range unicode.Nd.R16 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) && rg.Stride == 1 {
			return int(r-rune(rg.Lo)) % 10, true
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) && rg.Stride == 1 {
			return int(r-rune(rg.Lo)) % 10, true
		}
	}
	return 0, false
}

// dingbatDigit reads the circled digits of the Enclosed Alphanumerics
// and Dingbats blocks that have no decomposition: each run is 1 to 10
// (the tenth, "10", is no digit), and ⓿ is a zero.
func dingbatDigit(r rune) (int, bool) {
	if r == 0x24ff {
		return 0, true // ⓿
	}
	for _, first := range [...]rune{0x24f5, 0x2776, 0x2780, 0x278a} { // ⓵ ❶ ➀ ➊
		if r >= first && r < first+9 {
			return int(r-first) + 1, true
		}
	}
	return 0, false
}

// isCodeSeparator reports whether r may stand between the digits of a code.
func isCodeSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '-', '.', '/', '_', '\u00a0', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212',
		'\u2009', '\u200a', '\u202f', '\u3000', '\u30fb', '\uff0d', '\uff0e':
		return true
	}
	return unicode.Is(unicode.Cf, r) // zero-width spaces and joiners, BOM
}

// isCodeFiller is what may surround a message that is nothing but a code.
func isCodeFiller(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.Is(unicode.Cf, r)
}

// NewConversationViews is NewMessageViews with the conversation's subject
// read as the customer's first text, written with the first of msgs (at
// its time, among what the customer wrote elsewhere, ViewContext.Elsewhere:
// before what they wrote there since, after what they wrote before): a
// code split between an email's subject and its body ("code 482", then
// "913 thanks") is hidden in both. It returns the subject as shown and
// the messages' views.
func NewConversationViews(subject string, msgs []*Message, vc ViewContext) (string, []*MessageView) {
	if strings.TrimSpace(subject) == "" {
		return subject, NewMessageViews(msgs, vc)
	}
	all := make([]*Message, 0, len(msgs)+1)
	s := &Message{AuthorKind: AuthorCustomer, Body: subject}
	if len(msgs) > 0 {
		s.CreatedAt = msgs[0].CreatedAt
	}
	all = append(all, s)
	views := NewMessageViews(append(all, msgs...), vc)
	return views[0].Body, views[1:]
}

// TextAt returns text, which the customer wrote as message id of msgs
// (an inbound mail's full text, quoted history and all), as the
// conversation's view shows it: read in that message's place among msgs,
// after the subject, as NewConversationViews reads the message's body,
// so that a code split across messages is hidden in it too (read on its
// own, "759 sorry" of "my code is 629", "759 sorry" shows its half).
// With id not among msgs, text is read on its own.
func (vc ViewContext) TextAt(subject string, msgs []*Message, id, text string) string {
	vc.AgentText = nil // agents' messages do not change how customers' read
	var in []*Message
	at := -1
	for _, m := range msgs {
		if m.AuthorKind == AuthorAgent {
			continue // NewMessageViews reads past them
		}
		if m.ID == id {
			c := *m
			c.Body, c.Attachments = text, nil
			at, m = len(in), &c
		}
		in = append(in, m)
	}
	if at < 0 {
		return vc.Text(text)
	}
	_, views := NewConversationViews(subject, in, vc)
	return views[at].Body
}

// NewMessageViews returns the views of a conversation's messages, in
// order, as NewMessageView does, and also hides a code the customer split
// across messages ("482", then "913"; agents' messages in between do not
// break it): numbers that end one customer message and start the next
// are read as one. The names of the customer's files are their text too
// for a known code (vc.KnownCode): "code 482.png", then "913 thanks".
func NewMessageViews(msgs []*Message, vc ViewContext) []*MessageView {
	out := make([]*MessageView, len(msgs))
	texts := make([]*codeText, len(msgs))
	names := make([][]*codeText, len(msgs))
	for i, m := range msgs {
		if m.AuthorKind != AuthorAgent {
			texts[i] = vc.scanCodes(m.Body)
			for _, a := range m.Attachments {
				names[i] = append(names[i], vc.scanCodes(a.Filename))
			}
		}
	}
	// chains of numbers across customer messages
	var chain []*codeText
	flush := func() {
		if len(chain) > 1 {
			markChain(chain, vc)
		}
		chain = chain[:0]
	}
	for _, ct := range texts {
		if ct == nil {
			continue
		}
		if len(ct.spans) == 0 {
			flush()
			continue
		}
		first, last := ct.spans[0], ct.spans[len(ct.spans)-1]
		starts := strings.TrimFunc(ct.s[:first.start], isCodeFiller) == ""
		ends := strings.TrimFunc(ct.s[last.end:], isCodeFiller) == ""
		if starts && len(chain) > 0 {
			chain = append(chain, ct)
			if ends && len(ct.spans) == 1 {
				continue // nothing but a number: the chain goes on
			}
		}
		flush()
		if ends {
			chain = append(chain, ct) // its last number may start a chain
		}
	}
	flush()
	if vc.KnownCode != nil {
		pm, pt := withNames(msgs, texts, names)
		markKnownPieces(withElsewhere(pm, pt, vc), vc.KnownCode)
	}
	for i, m := range msgs {
		out[i] = vc.newMessageView(m, texts[i], names[i])
	}
	return out
}

// withNames returns msgs and their texts with, after each message's
// text, the names of its files (names[i]), each paired with its message
// (for its time): what markKnownPieces reads. msgs and texts as they are
// when no message has a file.
func withNames(msgs []*Message, texts []*codeText, names [][]*codeText) ([]*Message, []*codeText) {
	n := 0
	for _, ns := range names {
		n += len(ns)
	}
	if n == 0 {
		return msgs, texts
	}
	pm, pt := make([]*Message, 0, len(msgs)+n), make([]*codeText, 0, len(msgs)+n)
	for i, m := range msgs {
		pm, pt = append(pm, m), append(pt, texts[i])
		for _, ct := range names[i] {
			pm, pt = append(pm, m), append(pt, ct)
		}
	}
	return pm, pt
}

// withElsewhere returns the texts of msgs merged, in the order written
// (CreatedAt), with those of what the customer wrote elsewhere
// (ViewContext.Elsewhere), read only when a text holds a number shorter
// than a code: the pieces of a code split between two conversations.
func withElsewhere(msgs []*Message, texts []*codeText, vc ViewContext) []*codeText {
	if vc.Elsewhere == nil || !hasShortNumber(texts) {
		return texts
	}
	other := vc.Elsewhere()
	if len(other) == 0 {
		return texts
	}
	out := make([]*codeText, 0, len(texts)+len(other))
	j := 0
	for i, ct := range texts {
		for j < len(other) && other[j].CreatedAt.Before(msgs[i].CreatedAt) {
			out = append(out, vc.scanCodes(other[j].Body))
			j++
		}
		out = append(out, ct)
	}
	for ; j < len(other); j++ {
		out = append(out, vc.scanCodes(other[j].Body))
	}
	return out
}

// hasShortNumber reports whether a text holds a number of fewer digits
// than a code.
func hasShortNumber(texts []*codeText) bool {
	for _, ct := range texts {
		if ct == nil {
			continue
		}
		for _, sp := range ct.spans {
			if len(sp.digits) < codeDigits {
				return true
			}
		}
	}
	return false
}

// markKnownPieces reads the short numbers (fewer digits than a code) of
// all the customer's messages in order, whatever stands between them,
// and marks those that together spell a recent code: "48", then "let me
// look", then "29", then "13". Only the last maxKnownChecks windows are
// checked: the code is most likely among the latest messages.
func markKnownPieces(texts []*codeText, known func(string) bool) {
	var short, orig []*codeText
	var idx [][]int // the index in the original text of each short number
	for _, ct := range texts {
		if ct == nil {
			continue
		}
		p := &codeText{s: ct.s}
		var at []int
		for i, sp := range ct.spans {
			if len(sp.digits) < codeDigits {
				p.spans = append(p.spans, sp)
				p.hide = append(p.hide, false)
				at = append(at, i)
			}
		}
		if len(p.spans) > 0 {
			short, orig, idx = append(short, p), append(orig, ct), append(idx, at)
		}
	}
	// Keep the tail: at most maxKnownChecks+codeDigits-1 digits.
	limit := maxKnownChecks + codeDigits - 1
	n, k := 0, len(short)
	for k > 0 && n < limit {
		k--
		for _, sp := range short[k].spans {
			n += len(sp.digits)
		}
	}
	short, orig, idx = short[k:], orig[k:], idx[k:]
	for n > limit && len(short) > 0 && len(short[0].spans) > 0 {
		n -= len(short[0].spans[0].digits)
		short[0].spans, short[0].hide, idx[0] = short[0].spans[1:], short[0].hide[1:], idx[0][1:]
	}
	markKnownCodes(short, known)
	for k, p := range short {
		for pi, h := range p.hide {
			if h {
				orig[k].hide[idx[k][pi]] = true
				if orig[k].whole {
					orig[k].hideAll = true
				}
			}
		}
	}
}

// markChain marks the numbers of a chain of customer messages, each
// ending and the next starting with a number: read together they may be
// a code.
func markChain(chain []*codeText, vc ViewContext) {
	parts := make([]*codeText, len(chain))
	total := 0
	for k, ct := range chain {
		// the first message's last number, the others' first
		i := 0
		if k == 0 {
			i = len(ct.spans) - 1
		}
		j := i + 1
		parts[k] = &codeText{s: ct.s, spans: ct.spans[i:j], hide: ct.hide[i:j], whole: ct.whole}
		for _, sp := range parts[k].spans {
			total += sp.longest()
		}
	}
	if vc.CodesIssued && total >= codeDigits {
		for k, p := range parts {
			for i := range p.hide {
				p.hide[i] = true
			}
			if p.whole {
				chain[k].hideAll = true
			}
		}
	}
	if vc.KnownCode != nil {
		markKnownCodes(parts, vc.KnownCode)
		for k, p := range parts {
			if p.hideAll {
				chain[k].hideAll = true
			}
		}
	}
}

// SubjectMessages is how many of a conversation's first customer
// messages ViewContext.Subject needs to read a subject as the
// conversation's page reads it: a code split across the subject and the
// messages after it, one digit a message, spans at most codeDigits-1 of
// them.
const SubjectMessages = codeDigits - 1

// SubjectContext is what a conversation's subject is read with outside
// its page (lists, API objects, webhooks): its first customer messages,
// oldest first (at most SubjectMessages; nil when the subject holds no
// number, see SubjectHoldsNumber), whether a verification request was
// issued on it (ViewContext.CodesIssued), and what its customer wrote in
// their other conversations (ViewContext.Elsewhere; nil when unknown),
// read only when the subject's reading needs it, and the conversation's
// later customer messages (Later: the latest SubjectLater after First;
// nil when there are none or the store cannot tell), read only for a
// known code's pieces (ViewContext.KnownCode), which the conversation's
// page reads across all its messages ("code 482", chatter, "913").
type SubjectContext struct {
	First       []*Message
	CodesIssued bool
	Elsewhere   func() []*Message
	Later       func() []*Message
}

// SubjectLater is how many of a conversation's latest customer messages
// after its first SubjectMessages ViewContext.Subject reads for a known
// code's pieces: the page checks no more than the last maxKnownChecks
// six-digit windows of them either.
const SubjectLater = 32

// SubjectFinder returns, for each of a page of conversations (ids), the
// SubjectContext its subject is read with, in one read whatever the
// number of ids; a conversation missing from the answer has none (no
// customer message, no request). The store implements it.
type SubjectFinder interface {
	FindSubjectContexts(ctx context.Context, ids []string) (map[string]SubjectContext, error)
}

// SubjectHoldsNumber reports whether subject holds a number (digits, or
// number words as the guard reads them): only then can a code be split
// between it and the body, and only then does ViewContext.Subject need
// the conversation's first messages. Most subjects hold none.
func SubjectHoldsNumber(subject string) bool {
	return len(numberSpans(subject)) > 0
}

// Subject returns a conversation's subject as every surface shows it (the
// inbox and customer lists, the API's conversation objects, webhooks):
// read as the customer's first text before first, the conversation's
// first customer messages, as NewConversationViews reads it on the
// conversation's page, so a code split between an email's subject ("my
// code 482") and body ("913 thanks") is hidden in the subject there too.
// With sc.CodesIssued, vc hides as if a request was issued (a subject
// that is nothing but a short number, the first part of a code); a known
// code (vc.KnownCode) is hidden either way, also split between the
// subject and another conversation of the customer (sc.Elsewhere, else
// vc.Elsewhere). Agents' messages among first are skipped, as
// NewMessageViews skips them.
func (vc ViewContext) Subject(subject string, sc SubjectContext) string {
	vc.CodesIssued = vc.CodesIssued || sc.CodesIssued
	vc.AgentText = nil
	if sc.Elsewhere != nil {
		vc.Elsewhere = sc.Elsewhere
	}
	if !SubjectHoldsNumber(subject) {
		return vc.Text(subject) // a link token still hides
	}
	msgs := sc.First
	if sc.Later != nil && vc.KnownCode != nil && hasShortNumber([]*codeText{vc.scanCodes(subject)}) {
		// A known code's pieces are read across all the messages.
		msgs = append(append([]*Message(nil), sc.First...), sc.Later()...)
	}
	first := make([]*Message, 0, len(msgs))
	for _, m := range msgs {
		if m.AuthorKind != AuthorAgent {
			first = append(first, m)
		}
	}
	shown, _ := NewConversationViews(subject, first, vc)
	return shown
}

// FindSubjectContexts returns the SubjectContext of each of convs whose
// subject holds a number (SubjectHoldsNumber), read through find in one
// call, keyed by conversation ID; it does not call find when no subject
// holds one. With find nil (a store that cannot tell), each such
// subject is read as if a request was issued on its conversation, the
// safe side, without its messages.
func FindSubjectContexts(ctx context.Context, find SubjectFinder, convs ...*Conversation) (map[string]SubjectContext, error) {
	var ids []string
	for _, c := range convs {
		if c != nil && SubjectHoldsNumber(c.Subject) {
			ids = append(ids, c.ID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	if find == nil {
		out := make(map[string]SubjectContext, len(ids))
		for _, id := range ids {
			out[id] = SubjectContext{CodesIssued: true}
		}
		return out, nil
	}
	return find.FindSubjectContexts(ctx, ids)
}

// OutboxSubjects sets the Subject of each of msgs as vc shows it: a
// message of a conversation (a reply's "Re: my code is 482") through
// Subject, with that conversation's SubjectContext found through find
// for all of msgs in one call (FindSubjectContexts), so that a code split
// between the subject and the customer's first messages is hidden as in
// the lists; any other message through Text. Errors: find's.
func (vc ViewContext) OutboxSubjects(ctx context.Context, find SubjectFinder, msgs []*OutboxMessage) error {
	var convs []*Conversation
	seen := map[string]bool{}
	for _, m := range msgs {
		if m.ConversationID != "" && !seen[m.ConversationID] && SubjectHoldsNumber(m.Subject) {
			seen[m.ConversationID] = true
			convs = append(convs, &Conversation{ID: m.ConversationID, Subject: m.Subject})
		}
	}
	scs, err := FindSubjectContexts(ctx, find, convs...)
	if err != nil {
		return err
	}
	for _, m := range msgs {
		if sc, ok := scs[m.ConversationID]; ok && m.ConversationID != "" {
			m.Subject = vc.Subject(m.Subject, sc)
		} else {
			m.Subject = vc.Text(m.Subject)
		}
	}
	return nil
}
