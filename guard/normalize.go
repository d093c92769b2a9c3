package guard

import (
	"sort"
	"strconv"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// text is a reply or a requester message in normalised form.
//
// Before tokenising, non-ASCII text is put in Unicode NFKC (full-width and
// other compatibility forms, composed accents); format characters
// (zero-width, soft hyphen, bidi controls) and combining marks are
// dropped; every space-like character is a space; a decimal digit of any
// script is its ASCII digit; a letter folds to ASCII through foldTable
// (accents removed, UTS #39 confusables skeleton), so "Cyrillic а" and
// "Latin a" meet.
//
// buf holds three views, one after the other, scanned in one pass:
//
//   - the token view: " tok tok tok " — lowercase ASCII letters and digits,
//     one space between tokens and one on each side, punctuation dropped,
//     apostrophes removed inside words, canonical tokens for street types,
//     unit words, months and ordinals in seven languages, number words
//     ("five oh three", "neunundsiebzig", "soixante-dix-neuf") as digits,
//     masking characters as "xx";
//   - the digit view, after the token view: "|run|run|" — every run of
//     digit tokens whose gaps hold only digit separators (space - . , ( ) /
//   - _), joined, kept when it has at least 4 digits;
//   - the compact view, after the digit view: every token as written
//     (folded, before canonical forms) joined with no space, the words for
//     "dot" dropped and '@' as "at", so "j.a.n.e (at) example dot com"
//     reads "janeatexamplecom".
//
// A pattern that starts with ' ' can only match in the token view, one
// that starts and ends with '|' only in the digit view.
type text struct {
	buf []byte
	// digits is where the digit view starts in buf (the first '|'), compact
	// where the compact view starts.
	digits, compact int
	// sentences holds the offsets in buf of the space before each token
	// that opens a sentence.
	sentences []int32
	// toks holds the tokens of the token view, in order.
	toks []tok
	// runs holds the digit view runs, in order.
	runs []run
	// threes holds the first tokens of exactly three digits (up to
	// maxThrees): a phone may open with one ("seis cuatro siete y sigue
	// con ..."), where no digit run of 4 or more opens it.
	threes []int32
	// nums lists, in order, the tokens whose text opens with a digit
	// (numbers, "14th", a number said in words): the readings of numbers
	// walk it instead of every token. shapes is the union of the tokens'
	// shapes (ts*).
	numToks []int32
	shapes  uint8
	// lexes is the union of the tokens' lexical classes (tok.lex).
	lexes uint16
	// gate7 has a bit of gate7Sets set when some token is a word of its
	// sets (speed7.go): a reading whose bit is clear has none.
	gate7 uint8
	// seq holds 0, 1, 2, ...: every token's index (tokensOf).
	seq []int32
	// sents holds, for each token, its whole sentence's first token and
	// the next sentence's (sentenceOf).
	sents []struct{ from, to int32 }
	// raw is the scratch token list of the first pass; rawNums6 lists,
	// in order, its tokens whose word opens with a digit.
	raw      []rawTok
	rawNums6 []int32
	// craw lists, in order, the raw tokens the compact view holds (coff >= 0;
	// their coff ascends): compactTok finds one by binary search.
	craw    []int32
	rawBuf  []byte
	nums    []numItem
	numOut  []int
	pre     []byte
	spelled []byte
	// ats counts the '@' signs.
	ats int
	// revHint is set when the scan met a reversed piece of a value
	// (reversed.go).
	revHint bool
	// named says a matcher's scan met one of its ctxNamed patterns
	// (thirdname.go); each matcher's values resets it.
	named bool
	// enc says which encodings the text may hold (enc* bits, decode.go),
	// gathered while tokenising; hexRun counts two-hex-digit words in a
	// row.
	enc    uint8
	hexRun int
	// cased says the text holds an upper-case letter: not texting form
	// (shortanswer.go).
	cased bool
	// spoken says what a second reading as speech may change (sp*,
	// spoken.go), gathered while emitting.
	spoken uint8
	// cls is the union of the tokens' word classes: a rule whose words
	// are none of them has nothing to read.
	cls uint64
	// partCues are the tokens partDenial may read (partdeny.go).
	partCues []partCue
	// hits and public are Matcher.matches's scratch, form
	// Index.candidates's.
	hits   []hit
	public []span
	form   [96]byte
}

// tok is one token of the token view.
type tok struct {
	off   int32 // offset in buf of the space before the token
	end   int32 // offset in buf of the space after the token
	flags uint16
	lex   uint16 // lexical classes (lx*)
	// shape says what the token's text is made of (ts*), set with its
	// end.
	shape uint8
	// head6 and tail6 are the token's first and last bytes (0 for an
	// empty token), len6 its length up to 255 (255: 255 or more), set
	// with its end: a loop tests them before it slices the text
	// (tokBytes). They fill the struct's padding (32 bytes a token).
	head6, tail6, len6 uint8
	// cls holds the word classes the rules read (cl*, wordClasses): the
	// lexicon's for the token as written in the token view.
	cls uint64
	// dend is the offset in buf just after the token's digits in the
	// digit view, or 0 when the token is in no run.
	dend int32
	// wsh6 is the token's shapeOf (wordShapes), 0 for an empty token.
	wsh6 uint16
	// x8 holds the token's word-set bits (x8*, speed8.go), its text's
	// lexicon entry's, set with cls. (The struct's padding is used up.)
	x8 uint16
	// x52 holds more word-set bits (x52*, speed52.go), set with x8.
	x52 uint64
}

// run is one run of the digit view.
type run struct {
	off            int32 // offset in buf of the '|' before the run
	tokStart       int32 // offset in buf of the space before its first token
	tokEnd         int32 // offset in buf of the space after its last token
	firstTok, nTok int32
}

// rawTok is a token of the first pass, before canonical forms.
type rawTok struct {
	start, end int32 // in rawBuf
	flags      uint16
	// tok is the index of the token of the token view it became; coff its
	// offset in the compact view.
	tok, coff int32
	lex       uint16 // lexical classes of the word as written
	// cls is the word classes (cl*) of the word as written, set where
	// emit looks it up in the lexicon; clUnread (every bit) for a word it
	// did not look up (in a number, spelled, "e-mail").
	cls uint64
}

const (
	fPunctAfter = 1 << iota // followed by , . ! ; : or the end of the text
	fSepBefore              // the gap before holds only digit separators
	fSentence               // opens a sentence
	fQuestion               // its sentence ends in '?'
	fNumber                 // a number word turned into digits
	fDotBefore              // the gap before is only dots and spaces
	fDecimal                // the gap before is one '.' or ','
	fTight                  // the gap before is one of / . -
	fListGap                // the gap before holds a list separator and a space
	fOneGap                 // the gap before is one space, dot or hyphen
	fFaceAfter              // followed by a face emoji (verdict30.go)
)

// canon maps whole tokens to their canonical form. Both the protected
// values and the text go through it, so "Street", "St" and "St." all meet.
var canon = map[string]string{
	// street types
	"street": "st", "str": "st", "avenue": "ave", "av": "ave", "road": "rd",
	"boulevard": "blvd", "drive": "dr", "lane": "ln", "court": "ct",
	"place": "pl", "terrace": "ter", "highway": "hwy", "parkway": "pkwy",
	"square": "sq", "circle": "cir", "crescent": "cres", "close": "cl",
	"way": "wy", "trail": "trl", "mount": "mt", "gardens": "gdns",
	"rua": "rue", "r": "rue", "c": "calle", "pza": "plaza", "pca": "praca", "vle": "viale", "pzza": "piazza",
	"strasse": "st", "strase": "st", "straat": "st", "avenida": "ave", "avda": "ave", "bd": "blvd",
	"north": "n", "south": "s", "east": "e", "west": "w",
	"northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw",
	// unit words
	"apt": "unit", "apartment": "unit", "suite": "unit", "ste": "unit",
	"flat": "unit", "room": "unit", "rm": "unit", "appartement": "unit", "apartamento": "unit",
	"wohnung": "unit", "whg": "unit", "appartamento": "unit", "interno": "unit", "int": "unit",
	"appart": "unit", "depa": "unit", "depto": "unit", "apto": "unit", "ape": "unit", "appt": "unit", // guard14: texting
	// months (EN DE FR ES IT NL PT)
	"january": "m01", "jan": "m01", "february": "m02", "feb": "m02",
	"march": "m03", "mar": "m03", "april": "m04", "apr": "m04", "may": "m05",
	"june": "m06", "jun": "m06", "july": "m07", "jul": "m07",
	"august": "m08", "aug": "m08", "september": "m09", "sep": "m09",
	"sept": "m09", "october": "m10", "oct": "m10", "november": "m11",
	"nov": "m11", "december": "m12", "dec": "m12",
	"januar": "m01", "janner": "m01", "februar": "m02", "marz": "m03", "mai": "m05", "juni": "m06",
	"juli": "m07", "oktober": "m10", "okt": "m10", "dezember": "m12", "dez": "m12",
	"janvier": "m01", "janv": "m01", "fevrier": "m02", "fevr": "m02", "fev": "m02", "mars": "m03", "avril": "m04", "avr": "m04",
	"juin": "m06", "juillet": "m07", "juil": "m07", "aout": "m08", "septembre": "m09", "octobre": "m10",
	"novembre": "m11", "decembre": "m12",
	"enero": "m01", "ene": "m01", "febrero": "m02", "marzo": "m03", "abril": "m04", "abr": "m04", "mayo": "m05",
	"junio": "m06", "julio": "m07", "agosto": "m08", "ago": "m08", "septiembre": "m09", "setiembre": "m09",
	"octubre": "m10", "noviembre": "m11", "diciembre": "m12", "dic": "m12",
	"gennaio": "m01", "gen": "m01", "febbraio": "m02", "aprile": "m04", "maggio": "m05", "mag": "m05",
	"giugno": "m06", "giu": "m06", "luglio": "m07", "lug": "m07", "settembre": "m09", "set": "m09",
	"ottobre": "m10", "ott": "m10", "dicembre": "m12",
	"januari": "m01", "februari": "m02", "maart": "m03", "mei": "m05", "augustus": "m08",
	"janeiro": "m01", "fevereiro": "m02", "marco": "m03", "maio": "m05", "junho": "m06",
	"julho": "m07", "setembro": "m09", "outubro": "m10", "out": "m10", "novembro": "m11", "dezembro": "m12",
	// the words for "at" in an email address
	"arobase": "at", "arroba": "at", "chiocciola": "at", "apenstaartje": "at", "apestaart": "at", "klammeraffe": "at", "klammeraffen": "at",
}

// compoundSuffixes split a compound street name into its name and its
// type: "Hauptstraße" reads "haupt st", "Kalverstraat" "kalver st".
var compoundSuffixes = []struct{ suffix, typ string }{
	{"strasse", "st"}, {"strase", "st"}, {"straat", "st"}, {"str", "st"}, {"weg", "weg"},
	{"gasse", "gasse"}, {"platz", "platz"}, {"allee", "allee"}, {"laan", "laan"},
	{"gracht", "gracht"}, {"plein", "plein"}, {"damm", "damm"}, {"ring", "ring"},
}

// dotWords are the words for "dot" in a spoken email address; the compact
// view drops them.
var dotWords = set("dot", "punkt", "point", "punto", "ponto", "period", "stip", "puntje", "punt")

// streetTypes are the canonical street-type tokens, in seven languages.
var streetTypes = map[string]bool{
	"st": true, "ave": true, "rd": true, "blvd": true, "dr": true, "ln": true,
	"ct": true, "pl": true, "ter": true, "hwy": true, "pkwy": true, "sq": true,
	"cir": true, "cres": true, "cl": true, "wy": true, "trl": true, "gdns": true,
	"row": true, "walk": true, "mews": true, "grove": true, "hill": true, "view": true,
	// de
	"weg": true, "gasse": true, "platz": true, "allee": true, "ring": true, "damm": true, "ufer": true,
	// fr
	"rue": true, "chemin": true, "impasse": true, "quai": true, "cours": true, "allees": true,
	// es
	"calle": true, "c": true, "paseo": true, "plaza": true, "camino": true, "carrer": true, "ronda": true, "travesia": true,
	// it
	"via": true, "viale": true, "piazza": true, "corso": true, "vicolo": true, "largo": true, "piazzale": true,
	// nl
	"laan": true, "gracht": true, "plein": true, "kade": true, "singel": true, "dreef": true, "steeg": true,
	// pt
	"rua": true, "travessa": true, "praca": true, "estrada": true, "alameda": true, "r": true,
}

// typeFirst are the street types written before the name ("rue de la
// Paix", "Calle de Alcalá", "Via Roma").
var typeFirst = map[string]bool{
	"rue": true, "chemin": true, "impasse": true, "quai": true, "cours": true, "ave": true, "blvd": true, "pl": true,
	"calle": true, "c": true, "paseo": true, "plaza": true, "camino": true, "carrer": true, "ronda": true, "travesia": true,
	"via": true, "viale": true, "piazza": true, "corso": true, "vicolo": true, "largo": true, "piazzale": true,
	"rua": true, "travessa": true, "praca": true, "estrada": true, "alameda": true, "r": true, "allees": true,
}

// particles join a street type to the name: "rue de la Paix".
var particles = set("de", "la", "le", "les", "du", "des", "del", "della", "dello", "dei", "degli", "di", "da",
	"do", "dos", "das", "van", "der", "den", "von", "the", "of", "el", "los", "las", "l", "d", "au", "aux", "het", "t")

// directions are the canonical compass tokens that may go with a street.
var directions = map[string]bool{"n": true, "s": true, "e": true, "w": true, "ne": true, "nw": true, "se": true, "sw": true}

// fold maps Latin letters that need more than foldTable gives (or that
// are most common) to ASCII.
var fold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae",
	'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ì': "i", 'í': "i",
	'î': "i", 'ï': "i", 'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o",
	'ö': "o", 'ø': "o", 'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y",
	'ÿ': "y", 'ß': "ss", 'œ': "oe", 'ł': "l", 'ś': "s", 'ź': "z", 'ż': "z",
	'č': "c", 'š': "s", 'ž': "z", 'ř': "r", 'ě': "e", 'ą': "a", 'ę': "e",
	'ń': "n", 'ć': "c", 'ẞ': "ss",
}

// emoji that affirm or deny, as the tokens the phrase sets know.
var emojiTokens = map[rune]string{
	'👍': "emojiyes", '✅': "emojiyes", '✔': "emojiyes", '☑': "emojiyes", '👌': "emojiyes", '💯': "emojiyes",
	'🆗': "emojiyes", '✓': "emojiyes", '🙆': "emojiyes", '🎯': "emojiyes",
	'❌': "emojino", '✖': "emojino", '❎': "emojino", '👎': "emojino", '🚫': "emojino", '⛔': "emojino",
	'✗': "emojino", '✘': "emojino", '🙅': "emojino",
	// the zodiac's signs as the sign's name (a22c zodiac22: "ur a ♏ lol")
	'♈': "aries", '♉': "taurus", '♊': "gemini", '♋': "cancer", '♌': "leo", '♍': "virgo", '♎': "libra",
	'♏': "scorpio", '♐': "sagittarius", '♑': "capricorn", '♒': "aquarius", '♓': "pisces",
	// the hot-and-cold game (idioms15.go)
	'🔥': "emojifire", '🥶': "emojicold", '❄': "emojicold",
}

// isDigitSep reports whether c may stand between the digits of one
// number: any space, punctuation or symbol ("06 47", "06.47", "06–47",
// "06|47", "06🔹47"), at most 3 in a row.
func isDigitSep(c rune) bool {
	if c < utf8.RuneSelf {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c > ' ' && c < 0x7f && !isAlnum(byte(c))
	}
	return unicode.IsSpace(c) || unicode.IsPunct(c) || unicode.IsSymbol(c)
}

// ellipsisDigits reports whether the dots or ellipsis before s[i:] mask
// digits: digits follow right after (more dots first when dots is set,
// "...58"; one more dot at least, so "v.2" and "12.58" stay as they are).
func ellipsisDigits(s string, i int, dots bool) bool {
	if dots {
		j := i
		for j < len(s) && s[j] == '.' {
			j++
		}
		if j == i {
			return false
		}
		i = j
	}
	return i < len(s) && s[i] >= '0' && s[i] <= '9'
}

// dotsMaskMail reports whether the dot before s[i:], inside a word, opens
// a run of three dots or more that masks part of an email's local part:
// a letter or digit right after the run, and an '@' in the same word.
func dotsMaskMail(s string, i int) bool {
	j := i
	for j < len(s) && s[j] == '.' {
		j++
	}
	if j-i < 2 || j >= len(s) || !isAlnum(s[j]) {
		return false
	}
	for ; j < len(s) && s[j] != ' ' && s[j] != '\n' && s[j] != '\t'; j++ {
		if s[j] == '@' {
			return true
		}
	}
	return false
}

func isMask(r rune) bool {
	return r == '*' || r == '•' || r == '●' || r == '∙'
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == '‘' || r == '´' || r == '`'
}

// nd holds the ranges of decimal digits (Unicode Nd): each range is made
// of blocks of ten, zero first (Unicode guarantees it), so a digit's value
// is its distance from the range start modulo 10.
var ndRanges = func() [][2]rune {
	var out [][2]rune
	for _, r := range unicode.Nd.R16 {
		for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
			if n := len(out); n > 0 && out[n-1][1]+1 == c {
				out[n-1][1] = c
			} else {
				out = append(out, [2]rune{c, c})
			}
		}
	}
	for _, r := range unicode.Nd.R32 {
		for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
			if n := len(out); n > 0 && out[n-1][1]+1 == c {
				out[n-1][1] = c
			} else {
				out = append(out, [2]rune{c, c})
			}
		}
	}
	return out
}()

// digitValue returns the ASCII digit of a decimal digit of any script.
func digitValue(r rune) byte {
	i := sort.Search(len(ndRanges), func(i int) bool { return ndRanges[i][1] >= r })
	if i < len(ndRanges) && ndRanges[i][0] <= r {
		return byte('0' + (r-ndRanges[i][0])%10)
	}
	return '0'
}

// prepare returns s in NFKC if it has any non-ASCII byte.
func (t *text) prepare(s string) string {
	if asciiPrefix(s) < len(s) {
		t.pre = norm.NFKC.AppendString(t.pre[:0], s)
		return string(t.pre)
	}
	return s
}

// asciiPrefix returns the offset of the first non-ASCII byte of s, or
// len(s).
func asciiPrefix(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 { // 8 bytes at a time: is any byte's top bit set?
		b := s[i : i+8] // constant indices: one load
		w := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		if w&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return i
		}
	}
	return i
}

// normalize fills t from s, reusing t's buffers.
func (t *text) normalize(s string) {
	t.cased = hasUpper(s)
	s = t.prepare(s)
	t.revHint = false
	t.tokenize(s)
	t.emit()
}

// tokenize is the first pass: raw tokens of lowercase ASCII letters and
// digits, with what the gaps between them hold.
func (t *text) tokenize(s string) {
	t.raw = t.raw[:0]
	t.rawNums6 = t.rawNums6[:0]
	t.craw = t.craw[:0]
	t.rawBuf = t.rawBuf[:0]
	t.ats, t.enc, t.hexRun = 0, 0, 0
	start := -1
	sentence := true
	gapSep, gapDots, gapLen := true, true, 0
	var gapFirst rune
	gapDot := false  // the gap holds a '.'
	gapList := false // the gap holds a list separator (, / ;)

	question := -1 // index of the first raw token of the current sentence
	var pf uint16  // flags of the current token
	endTok := func() {
		if start < 0 {
			return
		}
		t.addRaw(start, pf)
		start = -1
		gapSep, gapDots, gapLen, gapDot, gapList = true, true, 0, false, false
	}
	startTok := func() {
		if start >= 0 {
			return
		}
		start = len(t.rawBuf)
		var f uint16
		if sentence {
			f |= fSentence
			sentence = false
			question = len(t.raw)
		}
		if gapSep && gapLen <= 3 {
			f |= fSepBefore
		}
		if gapDots && gapLen > 0 && gapDot {
			f |= fDotBefore
		}
		if gapLen == 1 && (gapFirst == '.' || gapFirst == ',') {
			f |= fDecimal
		}
		if gapLen == 1 && (gapFirst == '.' || gapFirst == '/' || gapFirst == '-') {
			f |= fTight
		}
		if gapLen == 1 && (gapFirst == ' ' || gapFirst == '.' || gapFirst == '-') {
			f |= fOneGap
		}
		if gapList && gapLen > 1 {
			f |= fListGap // "0611111111, 0622222222": two numbers
		}
		pf = f
	}
	gap := func(r rune) {
		if n := len(t.raw); n > 0 && start < 0 && faceEmoji30(r) {
			t.raw[n-1].flags |= fPunctAfter | fFaceAfter // "No 🙁 Thanks for waiting": a face sets the word off (verdict30.go)
		}
		// (French sets a space before ":", ";", "!" and "?")
		if n := len(t.raw); n > 0 && (gapLen == 0 || gapDots && !gapDot) && start < 0 {
			switch r {
			case ',', '.', '!', ';', ':', '…', '。', '！', '—', '–':
				t.raw[n-1].flags |= fPunctAfter
			case '/', '(':
				if gapLen > 0 && !isDigit(t.rawBuf[t.raw[n-1].end-1]) {
					t.raw[n-1].flags |= fPunctAfter // "Yes / thanks / bye", "Yes (thanks for asking)": a spaced slash or a bracket sets the word off (courtesy41.go)
				}
			case '-':
				if gapLen > 0 && !isDigit(t.rawBuf[t.raw[n-1].end-1]) {
					t.raw[n-1].flags |= fPunctAfter // "wrong I'm afraid - the warehouse": a spaced hyphen is a dash
				}
			}
		}
		if gapLen == 0 {
			gapFirst = r
		}
		gapLen++
		if !isDigitSep(r) {
			gapSep = false
		}
		if r != '.' && r != ' ' {
			gapDots = false
		}
		if r == ',' || r == '/' || r == ';' {
			gapList = true
		}
		if r == '.' {
			gapDot = true
		}
	}
	word := func(w string) {
		endTok()
		startTok()
		t.rawBuf = append(t.rawBuf, w...)
		t.addRaw(start, pf)
		start = -1
		gapSep, gapDots, gapLen, gapDot, gapList = true, true, 0, false, false
	}
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r >= 'A' && r <= 'Z':
			// the whole run of ASCII letters and digits at once
			for {
				startTok()
				buf := append(t.rawBuf, lowerAlnum[r]) // a local slice: one pass, in registers
				j := i
				for ; j < len(s); j++ {
					c := lowerAlnum[s[j]]
					if c == 0 {
						break
					}
					buf = append(buf, c)
				}
				t.rawBuf = buf
				// what the word may be part of: base64 or hex of text, a run
				// of hex pairs, roman numerals (decode.go); only words of 2
				// or 8 letters and more, or starting with I, V or X, can be
				if wl := j - i + 1; wl >= 8 || wl == 2 || isRoman(s[i-1]) {
					t.encWord(s[i-1 : j])
				} else {
					t.hexRun = 0
				}
				i = j
				// one space and another word, the commonest gap: recorded
				// as the case ' ' below does, without going round the loop
				if i+1 < len(s) && s[i] == ' ' && lowerAlnum[s[i+1]] != 0 {
					endTok()
					// startTok after a gap of one space: its flags
					// are fSepBefore and fOneGap, and the loop's
					// startTok finds the token started
					start = len(t.rawBuf)
					pf = fSepBefore | fOneGap
					if sentence {
						pf |= fSentence
						sentence = false
						question = len(t.raw)
					}
					r = rune(s[i+1])
					i += 2
					continue
				}
				break
			}
		case r == ' ':
			// the commonest gap, as gap(' ') would record it
			endTok()
			if gapLen == 0 {
				gapFirst = ' '
			}
			gapLen++
		case r < utf8.RuneSelf:
			c := byte(r)
			switch {
			case c == '\'' && start >= 0:
				// inside a word: dropped, the word goes on, unless it is
				// an elision ("l'ordine", "dell'indirizzo")
				if elides(t.rawBuf[start:]) && i < len(s) && (isAlnum(s[i]) || s[i] >= utf8.RuneSelf) {
					endTok() // (an accented letter too: "d'épeler", "l'été")
				}
			case c == '#' && i < len(s) && isAlnum(s[i]):
				if n := len(t.raw); start < 0 && n > 0 && isUnitWord(t.rawBuf[t.raw[n-1].start:t.raw[n-1].end]) {
					continue // "Apt #4B"
				}
				word("unit")
			case c == '@':
				t.ats++
				word("at")
			case c == '=' && i >= 2 && s[i-2] == ' ' && i < len(s) && s[i] == ' ' && !t.digitsAround(s, i):
				word("eq") // "Adr. Anrufer = Akte": a call note's verdict (wrapnotes.go)
			case (c == '=' || c == '!' || c == '<') && i >= 2 && s[i-2] == ' ' && i+1 < len(s) && s[i+1] == ' ' &&
				(s[i] == '=' && c != '<' || c == '<' && s[i] == '>') && !t.digitsAround(s, i+1):
				// "móvil cte. == ficha", "phone != file", "Tel. Kd. <> Akte":
				// the comparison operators of a call note (wrapnotes.go)
				i++
				if c == '=' {
					word("eq")
				} else {
					word("neq")
				}
			case c == '*':
				for i < len(s) && s[i] == '*' {
					i++
				}
				word("xx")
			case c == '.' && start >= 0 && dotsMaskMail(s, i):
				// "e.......n@exemple.fr": a run of dots inside an email's
				// local part masks its letters
				for s[i] == '.' {
					i++
				}
				word("xx")
			case c == '.' && start < 0 && ellipsisDigits(s, i, true):
				// "kaart met ...58": dots glued to digits hide the digits before
				for s[i] == '.' {
					i++
				}
				word("xx")
			default:
				t.enc |= encPunct[c]
				endTok()
				gap(r)
				if c == ')' && listMarker(s, i) && len(t.raw) > 0 {
					// "1) sim, é a morada da conta 2) ...": the marker and
					// the item each open a sentence
					t.raw[len(t.raw)-1].flags |= fSentence
					question = len(t.raw) - 1
					sentence = true
				}
				if (c == '.' || c == '!' || c == '?' || c == ';') && (i >= len(s) || s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t' || quoteEnds(s, i)) || c == '\n' {
					if c == '?' {
						for k := max(question, 0); k < len(t.raw); k++ {
							t.raw[k].flags |= fQuestion
						}
					}
					sentence = true
				}
			}
		case isApostrophe(r) && start >= 0:
			if elides(t.rawBuf[start:]) && i < len(s) && (isAlnum(s[i]) || s[i] >= utf8.RuneSelf) {
				endTok()
			}
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Cf, r):
			// combining marks, zero-width and bidi controls, soft hyphen:
			// dropped, the word goes on
		case r == '…' && start < 0 && ellipsisDigits(s, i, false):
			word("xx") // "carte en …58": an ellipsis glued to digits masks
		case isMask(r):
			for i < len(s) {
				r2, n := utf8.DecodeRuneInString(s[i:])
				if !isMask(r2) {
					break
				}
				i += n
			}
			word("xx")
		case unicode.IsDigit(r):
			startTok()
			t.rawBuf = append(t.rawBuf, digitValue(r))
		case unicode.IsLetter(r):
			startTok()
			if f, ok := fold[r]; ok {
				t.rawBuf = append(t.rawBuf, f...)
			} else if f, ok := foldTable[r]; ok {
				t.rawBuf = append(t.rawBuf, f...)
			} else if lr := unicode.ToLower(r); fold[lr] != "" {
				t.rawBuf = append(t.rawBuf, fold[lr]...)
			} else {
				t.rawBuf = append(t.rawBuf, '~')
				t.rawBuf = strconv.AppendUint(t.rawBuf, uint64(lr), 36)
			}
		case emojiTokens[r] != "" && !t.digitsAround(s, i):
			word(emojiTokens[r])
		case r == '≠' && !t.digitsAround(s, i):
			word("neq") // "Nr. Anrufer ≠ Akte" (wrapnotes.go); between digits a separator
		case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
			endTok()
			gap(' ')
			if r == '\u2028' || r == '\u2029' {
				sentence = true
			}
		default:
			endTok()
			gap(r)
			if r == '…' || r == '。' || r == '！' || r == '？' {
				if r == '？' {
					for k := max(question, 0); k < len(t.raw); k++ {
						t.raw[k].flags |= fQuestion
					}
				}
				sentence = true
			}
		}
	}
	endTok()
	if n := len(t.raw); n > 0 {
		t.raw[n-1].flags |= fPunctAfter
	}
}

// digitsAround reports whether the symbol that ends at s[i] stands
// between digits, spaces at most between: "06 = 47", "06≠47", "06✔47"
// are one number's separators, not words.
func (t *text) digitsAround(s string, i int) bool {
	if n := len(t.rawBuf); n == 0 || !isDigit(t.rawBuf[n-1]) {
		return false
	}
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i < len(s) && isDigit(s[i])
}

// addRaw appends the raw token from rawBuf[start:] to the end of rawBuf.
// It writes the fields in place: a literal built on the stack and copied
// whole stalls the copy's wide load on the narrow stores (no store
// forwarding), a cost the profile showed on every token.
func (t *text) addRaw(start int, flags uint16) {
	t.raw = append(t.raw, rawTok{})
	r := &t.raw[len(t.raw)-1]
	r.start, r.end, r.flags, r.coff, r.cls = int32(start), int32(len(t.rawBuf)), flags, -1, clUnread
	if start < len(t.rawBuf) && isDigit(t.rawBuf[start]) {
		t.rawNums6 = append(t.rawNums6, int32(len(t.raw)-1))
	}
}

// encWord notes in t.enc what the ASCII word w may be part of: base64 or
// hex of text (8 characters or more mixing cases and digits, or all hex),
// a run of four two-hex-digit words, roman numerals.
func (t *text) encWord(w string) {
	var cls uint16
	ups := 0 // capitals after the first letter
	for k := 0; k < len(w); k++ {
		c := w[k]
		cls |= decodeClass[c]
		if k > 0 && c >= 'A' && c <= 'Z' {
			ups++
		}
	}
	wl := len(w)
	if wl >= 8 && (ups >= 1 && cls&(dcLower|dcDigit) != 0 || cls&dcNotHex == 0 && wl%2 == 0) {
		t.enc |= encToken
	}
	if wl == 2 && cls&dcNotHex == 0 {
		if t.hexRun++; t.hexRun >= 4 {
			t.enc |= encToken
		}
	} else {
		t.hexRun = 0
	}
	if cls&dcNotRoman == 0 && wl >= 2 {
		t.enc |= encRoman
	}
}

// elision are the French and Italian words that lose their vowel before
// another: "l'ordine" is "l ordine", "d'ordine" "d ordine" (but "c'est"
// and "n'est" stay one word, as English "that's" and "doesn't" do).
var elision = set("l", "d", "dell", "all", "dall", "nell", "sull", "un", "quell", "quest", "qu", "j", "m", "s", "t", "jusqu", "lorsqu", "puisqu")

// elisionFirst marks the first letters of the elision words.
var elisionFirst = func() (t [256]bool) {
	for w := range elision {
		t[w[0]] = true
	}
	return t
}()

// elides reports whether w is an elision word: elision[string(w)], the
// map read only for words that start as one does ("I've", "can't" and
// "you're" do not).
func elides(w []byte) bool { return len(w) > 0 && elisionFirst[w[0]] && elision[string(w)] }

func isUnitWord(w []byte) bool { return string(w) == "unit" || canon[string(w)] == "unit" }

// lowerAlnum maps an ASCII letter or digit to its lowercase form, every
// other byte to 0.
var lowerAlnum = func() (t [256]byte) {
	for c := 0; c < 256; c++ {
		if isAlnum(byte(c)) {
			t[c] = byte(c)
			if c >= 'A' && c <= 'Z' {
				t[c] |= 0x20
			}
		}
	}
	return t
}()

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func allDigits(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func allX(b []byte) bool {
	for _, c := range b {
		if c != 'x' {
			return false
		}
	}
	return true
}

// tokenView returns the token view of t: " tok tok ".
func (t *text) tokenView() []byte { return t.buf[:t.digits] }

// listMarker reports whether the ")" that ends at s[i] closes a list
// marker: one or two digits after the start of the text or a space, and a
// space or the end after it ("1) yes 2) no"), not "(1)" or "x1)".
func listMarker(s string, i int) bool {
	if i < len(s) && s[i] != ' ' && s[i] != '\n' && s[i] != '\t' {
		return false
	}
	k := i - 2
	for k >= 0 && k >= i-4 && s[k] >= '0' && s[k] <= '9' {
		k--
	}
	return k < i-2 && k >= i-4 && (k < 0 || s[k] == ' ' || s[k] == '\n' || s[k] == '\t')
}

// normTokens returns the canonical tokens of s (for building patterns).
func normTokens(s string) []string {
	var t text
	t.normalize(s)
	var out []string
	v := t.tokenView()
	start := -1
	for i, c := range v {
		if c == ' ' {
			if start >= 0 {
				out = append(out, string(v[start:i]))
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return out
}

// tokenAt returns the index of the token whose leading space is at off, or
// the token that contains off.
func (t *text) tokenAt(off int) int {
	// sort.Search's binary search, written out on a local slice (no
	// closure call a step): the first token whose off is past off
	toks := t.toks
	lo, hi := 0, len(toks)
	for lo < hi {
		if mid := int(uint(lo+hi) >> 1); int(toks[mid].off) > off {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo - 1
}

// opensSentence reports whether the token view offset off (the space
// before a token) starts a sentence.
func (t *text) opensSentence(off int) bool {
	i := sort.Search(len(t.sentences), func(i int) bool { return int(t.sentences[i]) >= off })
	return i < len(t.sentences) && int(t.sentences[i]) == off
}

// quoteEnds reports whether s[i:] opens with closing quotation marks
// followed by a space or the end: '?»', '?"', '?“': the quoted sentence
// ends there ("> «Is it still the German one?» Yes, still that one": the
// yes is no part of the question). (guard13a)
func quoteEnds(s string, i int) bool {
	j := i
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if r != '»' && r != '"' && r != '”' && r != '“' && r != '\'' && r != '’' && r != '›' && r != '«' {
			break
		}
		j += n
	}
	return j > i && (j >= len(s) || s[j] == ' ' || s[j] == '\n' || s[j] == '\r' || s[j] == '\t')
}
