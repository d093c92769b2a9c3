package guard

import (
	"strconv"
	"strings"
)

// number word kinds
const (
	kNone     uint8 = iota
	kDigit          // 0-9
	kTeen           // 10-19
	kTens           // 20, 30, ... 90
	kHundred        // ×100
	kHundreds       // 200 ... 900 in one word ("novecientos")
	kThousand       // ×1000
	kConn           // "and", "und", "y", "e", "et", "en" between number words
	kDouble         // "double": the next digit twice
	kTriple         // "triple": the next digit three times
)

type numWord struct {
	val  int
	kind uint8
	// ambiguous words ("one" is also a pronoun in some languages, "due"
	// is English) count only next to another number word.
	ambiguous bool
	// compoundOnly words ("ein", "vent") count only inside a compound.
	compoundOnly bool
	ord          bool // an ordinal
}

type numItem struct {
	val  int
	kind uint8
	conn bool // preceded by a connector
	ord  bool // an ordinal ("third", "dritten"): it ends its number
}

// numWords are the number words of English, German, French, Spanish,
// Italian, Dutch and Portuguese, after folding (accents removed).
var numWords = func() map[string]numWord {
	m := map[string]numWord{}
	add := func(kind uint8, val int, words ...string) {
		for _, w := range words {
			m[w] = numWord{val: val, kind: kind}
		}
	}
	digits := [][]string{
		{"zero", "oh", "nought", "null", "zero", "cero", "nul"},
		{"one", "eins", "uno", "first", "premier", "premiere", "primero", "primera", "primo", "eerste", "primeiro", "erste", "ersten", "erster"},
		{"two", "zwei", "zwo", "deux", "dos", "twee", "dois", "duas", "second", "zweite", "zweiten", "zweiter", "segundo"},
		{"three", "drei", "trois", "tres", "tre", "drie", "third", "dritte", "dritten", "dritter", "derde", "troisieme", "tercero", "terzo", "terceiro"},
		{"four", "vier", "quatre", "cuatro", "quattro", "quatro", "fourth"},
		{"five", "funf", "cinq", "cinco", "cinque", "vijf", "fifth"},
		{"six", "sechs", "seis", "sei", "zes", "sixth"},
		{"seven", "sieben", "siete", "sette", "zeven", "sete", "seventh", "siebte", "siebten"},
		{"eight", "acht", "huit", "ocho", "otto", "oito", "eighth", "achte", "achten"},
		{"nine", "neun", "neuf", "nueve", "nove", "negen", "ninth"},
	}
	for v, ws := range digits {
		add(kDigit, v, ws...)
	}
	for _, w := range []string{"first", "premier", "premiere", "primero", "primera", "primo", "eerste", "primeiro", "erste",
		"ersten", "erster", "second", "zweite", "zweiten", "zweiter", "segundo", "third", "dritte", "dritten", "dritter", "derde",
		"troisieme", "tercero", "terzo", "terceiro", "fourth", "fifth", "sixth", "seventh", "siebte", "siebten", "eighth",
		"achte", "achten", "ninth", "tenth", "eleventh", "twelfth", "twentieth", "thirtieth"} {
		nw := m[w]
		nw.ord = true
		m[w] = nw
	}
	defer func() {
		for w, nw := range m {
			if strings.HasSuffix(w, "teenth") {
				nw.ord = true
				m[w] = nw
			}
		}
	}()
	teens := [][]string{
		{"ten", "zehn", "dix", "diez", "dieci", "tien", "dez", "tenth"},
		{"eleven", "elf", "onze", "undici", "eleventh"},
		{"twelve", "zwolf", "douze", "doce", "dodici", "twaalf", "doze", "twelfth"},
		{"thirteen", "dreizehn", "treize", "trece", "tredici", "dertien", "treze"},
		{"fourteen", "vierzehn", "quatorze", "catorce", "quattordici", "veertien", "catorze"},
		{"fifteen", "funfzehn", "quinze", "quince", "quindici", "vijftien"},
		{"sixteen", "sechzehn", "seize", "dieciseis", "sedici", "zestien", "dezesseis", "dezasseis"},
		{"seventeen", "siebzehn", "diecisiete", "diciassette", "zeventien", "dezessete", "dezassete"},
		{"eighteen", "achtzehn", "dieciocho", "diciotto", "achttien", "dezoito"},
		{"nineteen", "neunzehn", "diecinueve", "diciannove", "negentien", "dezenove", "dezanove"},
	}
	for v, ws := range teens {
		add(kTeen, 10+v, ws...)
		for _, w := range ws {
			if strings.HasSuffix(w, "teen") {
				add(kTeen, 10+v, w+"th")
			}
		}
	}
	tens := [][]string{
		{"twenty", "zwanzig", "vingt", "vingts", "veinte", "veinti", "venti", "twintig", "vinte", "twentieth"},
		{"thirty", "dreissig", "trente", "treinta", "trenta", "dertig", "trinta", "thirtieth"},
		{"forty", "vierzig", "quarante", "cuarenta", "quaranta", "veertig", "quarenta"},
		{"fifty", "funfzig", "cinquante", "cincuenta", "cinquanta", "vijftig", "cinquenta"},
		{"sixty", "sechzig", "soixante", "sesenta", "sessanta", "zestig", "sessenta"},
		{"seventy", "siebzig", "setenta", "settanta", "zeventig"},
		{"eighty", "achtzig", "ochenta", "ottanta", "tachtig", "oitenta"},
		{"ninety", "neunzig", "noventa", "novanta", "negentig"},
	}
	for v, ws := range tens {
		add(kTens, 20+10*v, ws...)
	}
	// the tens of Belgian and Swiss French: "septante-neuf", "nonante"
	add(kTens, 70, "septante")
	add(kTens, 80, "huitante", "octante")
	add(kTens, 90, "nonante")
	add(kHundred, 100, "hundred", "hundert", "cent", "cents", "honderd")
	// the Romance words for a hundred alone, never a multiplier ("two
	// hundred" is "doscientos", "duecento", "duzentos"): after a number
	// they open the next one, "quarenta e nove cento e cinquenta e um" is
	// 49, 151
	add(kHundreds, 100, "cien", "ciento", "cento", "cem")
	for v, ws := range [][]string{
		{"doscientos", "duecento", "duzentos"}, {"trescientos", "trecento", "trezentos"},
		{"cuatrocientos", "quattrocento", "quatrocentos"}, {"quinientos", "cinquecento", "quinhentos"},
		{"seiscientos", "seicento", "seiscentos"}, {"setecientos", "settecento", "setecentos"},
		{"ochocientos", "ottocento", "oitocentos"}, {"novecientos", "novecento", "novecentos"},
	} {
		add(kHundreds, 200+100*v, ws...)
	}
	add(kThousand, 1000, "thousand", "tausend", "mille", "mil", "duizend", "mila")
	add(kConn, 0, "and", "und", "y", "e", "et", "en")
	add(kDouble, 2, "double", "doppel")
	add(kTriple, 3, "triple")
	// "doble siete", "doppio sette", "dubbel zeven", "duplo sete": words of
	// their own too ("habitación doble"), so only before a number word
	for w, k := range map[string]uint8{"doble": kDouble, "doppio": kDouble, "doppia": kDouble, "dubbel": kDouble,
		"duplo": kDouble, "dupla": kDouble, "tripel": kTriple, "triplo": kTriple, "tripla": kTriple} {
		m[w] = numWord{val: 2 + int(k-kDouble), kind: k, ambiguous: true}
	}
	// misspellings of number words that speech-to-text and hurried
	// typing write: "eighty three nighty"
	add(kTens, 40, "fourty")
	add(kTens, 90, "ninty", "nighty")
	for w, v := range map[string]int{"un": 1, "une": 1, "una": 1, "een": 1, "um": 1, "uma": 1, "due": 2, "sept": 7, "once": 11,
		// guard14: homophones of a dictation, digits only beside another
		// number word ("seven one five ate", "sex null eins", "soixante dis neuf")
		"ate": 8, "for": 4, "fore": 4, "too": 2, "won": 1, "sex": 6, "dis": 10} {
		m[w] = numWord{val: v, kind: kDigit, ambiguous: true}
	}
	for w := range homophones {
		if _, ok := m[w]; !ok {
			panic("guard: homophone " + w + " is no number word")
		}
	}
	nw := m["dis"]
	nw.kind = kTeen
	m["dis"] = nw
	// guard14: misspellings of a dictation that are no other word
	add(kDigit, 5, "sinco")
	add(kDigit, 0, "sero")
	add(kTens, 70, "siebzich")
	add(kTens, 20, "zwanzich")
	add(kTens, 40, "vierzich")
	add(kTens, 50, "funfzich")
	add(kTens, 60, "sechzich")
	add(kTens, 80, "achtzich")
	add(kTens, 90, "neunzich")
	for w, v := range map[string]int{"ein": 1, "eine": 1, "vent": 20, "trent": 30, "quarant": 40, "cinquant": 50,
		"sessant": 60, "settant": 70, "ottant": 80, "novant": 90} {
		k := kDigit
		if v >= 20 {
			k = kTens
		}
		m[w] = numWord{val: v, kind: k, compoundOnly: true}
	}
	return m
}()

// homophones are the ambiguous number words that sound like a digit and
// are common words otherwise ("for", "too", "ate"): they open no number
// and go on one only after two number words.
var homophones = map[string]bool{"ate": true, "for": true, "fore": true, "too": true, "won": true, "sex": true, "dis": true}

// ordinalSuffixes of number words ("vierzehnten", "twentieth", "vierde").
var ordinalSuffixes = []string{"sten", "ster", "stes", "ste", "ten", "ter", "tes", "te", "de", "th", "ieme", "eme", "esimo", "esima", "o"}

// numberWord returns the items of w if w is a number word, a compound of
// number words ("neunundsiebzig", "settantanove") or an ordinal of one.
func numberWord(w []byte, items []numItem) ([]numItem, bool, bool) {
	if nw, ok := numWords[string(w)]; ok && !nw.compoundOnly {
		return append(items, numItem{val: nw.val, kind: nw.kind, ord: nw.ord}), true, nw.ambiguous
	}
	return compoundNumber(w, items)
}

// compoundNumber is numberWord for a word that is not itself a number
// word.
func compoundNumber(w []byte, items []numItem) ([]numItem, bool, bool) {
	if !mayBeNumber(w) {
		return items, false, false
	}
	n := len(items)
	// an ordinal first: "elften" is 11th, not "elf" and "ten"
	for _, suf := range ordinalSuffixes {
		if len(w) > len(suf)+2 && string(w[len(w)-len(suf):]) == suf {
			stem := w[:len(w)-len(suf)]
			if nw, ok := numWords[string(stem)]; ok && !nw.compoundOnly && nw.kind != kConn {
				return append(items, numItem{val: nw.val, kind: nw.kind, ord: true}), true, false
			}
			if out, ok := segment(stem, items[:n], false); ok && len(out)-n >= 2 {
				out[len(out)-1].ord = true
				return out, true, false
			}
		}
	}
	if out, ok := segment(w, items[:n], false); ok && len(out)-n >= 2 {
		return out, true, false
	}
	return items[:n], false, false
}

// segment splits w into number words, longest first, with connectors
// only between two of them.
func segment(w []byte, items []numItem, conn bool) ([]numItem, bool) {
	if len(w) == 0 {
		return items, !conn
	}
	// the number words that w starts with, longest first
	var ends [16]int32
	ne := 0
	node := int32(0)
	for l := 0; l < len(w) && ne < len(ends); l++ {
		c := w[l]
		if c < 'a' || c > 'z' {
			break
		}
		node = numTrie[node].next[c-'a']
		if node == 0 {
			break
		}
		if numTrie[node].word >= 0 {
			ends[ne] = int32(l + 1)
			ne++
		}
	}
	for k := ne - 1; k >= 0; k-- {
		l := int(ends[k])
		nw := numTrieWords[numTrie[trieAt(w[:l])].word]
		if nw.kind == kConn {
			if len(items) == 0 || conn || l == len(w) {
				continue
			}
			if out, ok := segment(w[l:], items, true); ok {
				return out, true
			}
			continue
		}
		if nw.ord && l < len(w) {
			continue // an ordinal ends a compound: "achtenveertig" is acht-en-veertig, not "achten" and 40
		}
		if out, ok := segment(w[l:], append(items, numItem{val: nw.val, kind: nw.kind, conn: conn}), false); ok {
			return out, true
		}
	}
	return items, false
}

// numTrie is a trie of the number words, for segmenting compounds
// without a map lookup per prefix; node 0 is the root, and a child 0
// means none.
type numTrieNode struct {
	next [26]int32
	word int32 // index in numTrieWords, or -1
}

var numTrieWords []numWord

var numTrie = func() []numTrieNode {
	nodes := []numTrieNode{{word: -1}}
	for w, nw := range numWords {
		n := int32(0)
		ok := true
		for i := 0; i < len(w); i++ {
			if w[i] < 'a' || w[i] > 'z' {
				ok = false
				break
			}
			c := w[i] - 'a'
			if nodes[n].next[c] == 0 {
				nodes = append(nodes, numTrieNode{word: -1})
				nodes[n].next[c] = int32(len(nodes) - 1)
			}
			n = nodes[n].next[c]
		}
		if ok {
			nodes[n].word = int32(len(numTrieWords))
			numTrieWords = append(numTrieWords, nw)
		}
	}
	return nodes
}()

// trieAt returns the trie node of w (a known number word).
func trieAt(w []byte) int32 {
	n := int32(0)
	for _, c := range w {
		n = numTrie[n].next[c-'a']
	}
	return n
}

// numbers turns number items into the numbers they say: "nineteen
// seventy nine" is 1979, "five oh three" is 5, 0, 3, "quatre vingt dix
// neuf" is 99, "neun und siebzig" is 79.
func numbers(items []numItem, out []int) []int {
	total, cur, last := 0, -1, kNone
	rep := 0
	flush := func() {
		if cur >= 0 || total > 0 {
			out = append(out, total+max(cur, 0))
		}
		total, cur, last = 0, -1, kNone
	}
	prevOrd := false
	for _, it := range items {
		if prevOrd {
			flush() // "dritten elften": an ordinal ends its number
		}
		prevOrd = it.ord
		v := it.val
		switch it.kind {
		case kDouble, kTriple:
			flush()
			rep = v
			continue
		case kDigit:
			if rep > 0 {
				for range rep {
					out = append(out, v)
				}
				rep = 0
				continue
			}
			switch {
			case cur >= 0 && (last == kTens || last == kHundred) && cur%10 == 0 && v != 0:
				cur += v
			case cur < 0 && total > 0:
				cur = v
			case cur >= 0 && last == kTeen && cur%100 == 10 && v >= 7:
				cur += v
			default:
				flush()
				cur = v
			}
			last = kDigit
		case kTeen:
			switch {
			case cur > 20 && cur < 100 && last == kDigit && total == 0:
				cur = cur*100 + v // "twenty-two eighteen"
			case cur >= 0 && last == kTens && (cur%100 == 60 || cur%100 == 80):
				cur += v
				last = kTens
				continue
			case cur >= 0 && last == kHundred || cur < 0 && total > 0:
				cur = max(cur, 0) + v
			case cur >= 0 && (last == kTeen || last == kTens) && cur < 100 && total == 0:
				cur = cur*100 + v
			default:
				flush()
				cur = v
			}
			last = kTeen
		case kTens:
			switch {
			case cur >= 0 && last == kDigit && it.conn:
				cur += v
			case cur > 20 && cur < 100 && last == kDigit && total == 0:
				cur = cur*100 + v // "twenty-two forty"
			case cur%100 == 4 && last == kDigit && v == 20:
				cur += 76 // "quatre-vingt", "six cent quatre-vingt-dix": 4 × 20
			case cur >= 0 && last == kHundred || cur < 0 && total > 0:
				cur = max(cur, 0) + v
			case cur >= 0 && (last == kTeen || last == kTens) && cur < 100 && total == 0 && cur%10 != 0 || cur >= 0 && last == kTeen && cur < 100 && total == 0:
				cur = cur*100 + v
			case cur >= 0 && last == kTens && cur < 100 && total == 0:
				cur = cur*100 + v
			default:
				flush()
				cur = v
			}
			last = kTens
		case kHundred:
			switch {
			case cur > 0 && cur < 20:
				// "three hundred", "nineteen hundred"; a group of two
				// ends before it: "negenenveertig honderdeenenvijftig"
				// is 49, 151
				cur *= 100
			case cur < 0 && total > 0:
				cur = 100
			default:
				flush()
				cur = 100
			}
			last = kHundred
		case kHundreds:
			if cur < 0 && total > 0 {
				cur = v
			} else {
				flush()
				cur = v
			}
			last = kHundred
		case kThousand:
			if cur >= 0 && total == 0 && cur < 1000 {
				total = max(cur, 1) * 1000
			} else if cur < 0 && total == 0 {
				total = 1000
			} else {
				flush()
				total = 1000
			}
			cur, last = -1, kThousand
		}
	}
	flush()
	return out
}

// emit is the second pass: canonical tokens, number words as digits, and
// the three views.
func (t *text) emit() {
	t.buf = append(t.buf[:0], ' ')
	t.toks = t.toks[:0]
	t.sentences = t.sentences[:0]
	t.runs = t.runs[:0]
	t.spoken = 0
	t.cls = 0
	t.partCues = t.partCues[:0]
	nums := t.numOut[:0]
	greet := 0 // words left of a salutation that opens a sentence
	for i := 0; i < len(t.raw); {
		// the word after a salutation opens a sentence: "Hi Élodie, yes,
		// that birth date matches" answers as "Yes, that birth date
		// matches" does; the salutation is a greeting word and at most
		// three more words (a name, a title) before punctuation
		if greet > 0 {
			if t.raw[i-1].flags&fPunctAfter != 0 {
				t.raw[i].flags |= fSentence
				greet = 0
			} else {
				greet--
			}
		}
		r := &t.raw[i]         // (emit appends no raw token: the pointer stays good)
		rt := rawHead{r.flags} // (the one field read below: no copy of the whole token)
		w := t.rawBuf[r.start:r.end]
		ew := lexFind(w) // the word's entry, for its classes (emitWord) and greetingWords (x52)
		if rt.flags&(fSentence|fQuestion) == fSentence && x52Of(ew)&x52Greeting != 0 {
			greet = 4
		}
		r.tok = int32(len(t.toks))
		// "e-mail", "E-Mail-Adresse": one word, "email", not the
		// conjunction or copula "e" and "mail"
		if len(w) == 1 && w[0] == 'e' && i+1 < len(t.raw) && rt.flags&fPunctAfter == 0 && t.raw[i+1].flags&fTight != 0 {
			if n := t.rawBuf[t.raw[i+1].start:t.raw[i+1].end]; len(n) >= 4 && string(n[:4]) == "mail" {
				t.spelled = append(append(t.spelled[:0], 'e'), n...)
				t.raw[i+1].tok = int32(len(t.toks))
				t.emitWord(t.spelled, rt.flags|t.raw[i+1].flags&(fPunctAfter|fQuestion), lexFind(t.spelled))
				i += 2
				continue
			}
		}
		// a word spelled letter by letter: "K a l v e r s t r a a t"
		sj := i
		if len(w) == 1 && isLower(w[0]) { // (spelledRun's first test: a run opens with a single letter)
			sj = t.spelledRun(i)
		}
		if j := sj; j > i {
			t.spelled = t.spelled[:0]
			for k := i; k < j; k++ {
				t.spelled = append(t.spelled, t.rawBuf[t.raw[k].start])
				t.raw[k].tok = int32(len(t.toks))
			}
			w = t.spelled
			t.emitWord(w, rt.flags, lexFind(w))
			i = j
			continue
		}
		r.cls = clsOf(ew)
		e := ew
		if e != nil && e.only {
			e = nil // known for its classes only: no word of the normaliser's
		}
		if e != nil {
			r.lex = e.bits
			if e.part != 0 && len(t.partCues) < maxPartCues {
				t.partCues = append(t.partCues, partCue{int32(len(t.toks)), e.part})
			}
			if e.spoken != 0 {
				t.noteSpoken(i, e.spoken)
				// "Uh, I can't use a number you give me": the sentence
				// opens after its filler
				if e.spoken&spFiller != 0 && rt.flags&(fSentence|fPunctAfter) == fSentence|fPunctAfter && i+1 < len(t.raw) {
					t.raw[i+1].flags |= fSentence
				}
			}
		} else {
			r.lex = 0
		}
		// a phrase of number words
		var items []numItem
		var ok, amb bool
		switch {
		case e != nil && e.hasNum:
			if !e.num.compoundOnly && !(e.num.ambiguous && homophones[string(w)]) { // a homophone opens no number
				items, ok, amb = append(t.nums[:0], numItem{val: e.num.val, kind: e.num.kind, ord: e.num.ord}), true, e.num.ambiguous
				t.nums = items[:0] // scratch: keep what append grew
			}
		case e == nil && mayBeNumber(w): // (compoundNumber's first test)
			items, ok, amb = compoundNumber(w, t.nums[:0])
		}
		if ok && items[0].kind != kConn {
			j := i + 1
			words := 1
			for j < len(t.raw) {
				// punctuation ends the phrase, except commas between digits
				// read one by one ("sept, un, cinq, huit")
				if t.raw[j-1].flags&fPunctAfter != 0 && (t.raw[j].flags&fListGap == 0 || !t.digitList(items, j)) {
					break
				}
				w2 := t.rawBuf[t.raw[j].start:t.raw[j].end]
				if nw, isConn := numWords[string(w2)]; isConn && nw.kind == kConn && j+1 < len(t.raw) && t.raw[j].flags&fPunctAfter == 0 {
					n := len(items)
					if more, ok, _ := numberWord(t.rawBuf[t.raw[j+1].start:t.raw[j+1].end], items); ok {
						more[n].conn = true
						items = more
						j += 2
						words++
						continue
					}
					break
				}
				more, ok, amb2 := numberWord(w2, items)
				if !ok || amb2 && len(items) < 2 && homophones[string(w2)] && !(items[len(items)-1].kind == kTens && string(w2) == "dis") {
					break // "the Madrid one for your flat": a homophone goes on a dictation of two digits or more
				}
				items = more
				j++
				words++
			}
			t.nums = items
			// "last four seven one five eight": the count after a word for
			// "last" is no digit of the number that follows
			if words > 1 && i > 0 && t.countBefore(i, items) {
				nums = append(nums[:0], items[0].val)
				t.numOut = nums[:0]
				t.emitNumbers(nums, rt.flags, rt.flags)
				i++
				continue
			}
			for k := i + 1; k < j; k++ {
				t.raw[k].tok = int32(len(t.toks))
				t.raw[k].lex = 0
			}
			if !amb || words > 1 || t.numberBetween(i, items) {
				nums = numbers(items, nums[:0])
				t.numOut = nums[:0]
				t.emitNumbers(nums, rt.flags, t.raw[j-1].flags)
				i = j
				continue
			}
		}
		t.emitWord(w, rt.flags, ew)
		i++
	}
	// token ends and shapes, the number tokens and the three-digit ones
	t.threes, t.numToks = t.threes[:0], t.numToks[:0]
	var shapes uint8
	var lexes uint16
	var g7 uint8
	toks, buf := t.toks, t.buf // (local slices and token pointer: no reload of t's fields a field)
	for k := range toks {
		tk := &toks[k]
		if k+1 < len(toks) {
			tk.end = toks[k+1].off
		} else {
			tk.end = int32(len(buf) - 1)
		}
		w := buf[tk.off+1 : tk.end] // tokBytes(k)
		sh := shapeOfTok(w)
		tk.shape = sh
		if len(w) > 0 {
			tk.head6, tk.tail6, tk.len6 = w[0], w[len(w)-1], uint8(min(len(w), 255))
			sw := shapeOf(w)
			tk.wsh6 = uint16(sw)
			if isDigit(w[0]) {
				if gateTab7[w[len(w)/2]][min(len(w), 31)]&gateSh7[sw] != 0 {
					g7 |= gateWords7[string(w)] // (few tokens pass both tables)
				}
				tk.x8 = digitX8(w) // "11" (speed8.go)
			} else {
				g7 |= uint8(tk.x52 >> x52G7Shift) // gateWords7[w], from the lexicon entry (speed52.go)
			}
		}
		shapes |= sh
		lexes |= tk.lex
		if sh&tsNum != 0 {
			t.numToks = append(t.numToks, int32(k))
			if len(w) == 3 && sh&tsDigits != 0 && len(t.threes) < maxThrees {
				t.threes = append(t.threes, int32(k))
			}
		}
	}
	t.shapes, t.lexes, t.gate7 = shapes, lexes, g7
	t.sentenceSpans()
	t.digits = len(t.buf)
	t.digitView()
	t.compact = len(t.buf)
	t.compactView()
}

// dateParticles join the numbers of a date said aloud: "el tres del
// once del setenta y nueve", "a três do onze de setenta e nove".
var dateParticles = set("de", "del", "do", "da", "di", "du", "of", "van")

// numberBetween reports whether the ambiguous number word at raw token i
// ("once", "un", "um", "due"; items holds its one item) stands between
// two numbers, a date particle at most on either side: a number token
// just before it and a number word or digits just after it ("cero tres,
// once, setenta y nueve", "el tres del once del setenta y nueve").
func (t *text) numberBetween(i int, items []numItem) bool {
	n := len(t.toks)
	if n == 0 || i+1 >= len(t.raw) {
		return false
	}
	tokAt := func(k int) []byte {
		if k == n-1 {
			return t.buf[t.toks[k].off+1 : len(t.buf)-1]
		}
		return t.buf[t.toks[k].off+1 : t.toks[k+1].off]
	}
	k := n - 1
	if k > 0 && dateParticles[string(tokAt(k))] {
		k--
	}
	if !allDigits(tokAt(k)) {
		return false
	}
	j := i + 1
	w := t.rawBuf[t.raw[j].start:t.raw[j].end]
	if dateParticles[string(w)] && j+1 < len(t.raw) {
		j++
		w = t.rawBuf[t.raw[j].start:t.raw[j].end]
	}
	if allDigits(w) {
		return true
	}
	if nw, ok := numWords[string(w)]; ok {
		return !nw.ambiguous && !nw.compoundOnly && nw.kind != kConn
	}
	_, ok, _ := compoundNumber(w, items[len(items):len(items)])
	return ok
}

// greetingWords open a salutation in the seven languages ("Hi Élodie,",
// "Guten Tag,", "Bonjour Madame Martin,", "Bom dia,"), folded as the
// token view writes them.
var greetingWords = set("hi", "hello", "hey", "hiya", "dear", "good", "morning", "afternoon", "evening",
	"hallo", "moin", "servus", "guten", "liebe", "lieber", "sehr",
	"bonjour", "bonsoir", "salut", "coucou", "chere", "cher",
	"hola", "buenos", "buenas", "estimada", "estimado", "querida", "querido",
	"ciao", "salve", "buongiorno", "buonasera", "gentile", "cara", "caro",
	"hoi", "he", "goedemorgen", "goedemiddag", "goedenavond", "beste", "dag",
	"ola", "oi", "bom", "boa", "prezada", "prezado")

// maxThrees bounds the three-digit tokens a text keeps for the pieces of
// a phone (Matcher.phoneSplitThree).
const maxThrees = 16

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// lastWords say "the last" before a count of digits.
var lastWords = set("last", "final", "letzten", "letzte", "ultimos", "ultimas", "ultimi", "ultime", "laatste")

// countLabel53 reports whether digit token i is a count of 2 to 6 after a
// word for "last" ("last 4", "letzten 4", "derniers 4", "últimos 4").
func (t *text) countLabel53(i int) bool {
	w := t.tokBytes(i)
	return i > 0 && len(w) == 1 && w[0] >= '2' && w[0] <= '6' && lastDigitLeads[string(t.tokBytes(i-1))]
}

// countBefore reports whether the number phrase items, at raw token i,
// opens with a count after a word for "last" ("last four", "letzten
// vier", "ultimos cuatro"), followed by as many digits read one by one.
func (t *text) countBefore(i int, items []numItem) bool {
	c := items[0]
	if c.kind != kDigit || c.val < 2 || c.val > 6 || len(items)-1 < c.val ||
		!lastWords[string(t.rawBuf[t.raw[i-1].start:t.raw[i-1].end])] {
		return false
	}
	for _, it := range items[1:] {
		if it.kind != kDigit {
			return false
		}
	}
	return true
}

// digitList reports whether a number phrase of items may go on past the
// comma before raw token j: every item so far is a single digit, and
// single digits read one by one follow, 4 or more in all.
func (t *text) digitList(items []numItem, j int) bool {
	for _, it := range items {
		if it.kind != kDigit {
			return false
		}
	}
	n := len(items)
	for ; j < len(t.raw) && n < 4; j++ {
		nw, ok := numWords[string(t.rawBuf[t.raw[j].start:t.raw[j].end])]
		if ok && nw.kind == kConn && n == 3 && j+1 < len(t.raw) && t.raw[j].flags&fPunctAfter == 0 {
			// "sept, un, cinq et huit"
			j++
			nw, ok = numWords[string(t.rawBuf[t.raw[j].start:t.raw[j].end])]
		}
		if !ok || nw.kind != kDigit || nw.compoundOnly {
			return false
		}
		n++
		if t.raw[j].flags&fPunctAfter != 0 && (j+1 >= len(t.raw) || t.raw[j+1].flags&fListGap == 0) {
			j++
			break
		}
	}
	return n >= 4
}

// spelledRun returns the end of a run of 4 or more single letters from
// raw token i, each after a gap of one space, dot or hyphen, or i.
func (t *text) spelledRun(i int) int {
	if t.raw[i].end-t.raw[i].start != 1 || !isLower(t.rawBuf[t.raw[i].start]) {
		return i // both runs below open with a single letter: most words are none
	}
	// a word spelled with its letters joined by hyphens or dots ("R-U-E
	// D-E L-A P-A-I-X"): each word on its own, 2 letters or more
	if i+1 < len(t.raw) && t.raw[i+1].flags&fTight != 0 {
		j := i + 1
		for j < len(t.raw) && t.raw[j].end-t.raw[j].start == 1 && isLower(t.rawBuf[t.raw[j].start]) && t.raw[j].flags&fTight != 0 &&
			t.raw[j-1].flags&fPunctAfter == 0 {
			j++
		}
		if t.raw[i].end-t.raw[i].start == 1 && isLower(t.rawBuf[t.raw[i].start]) && j-i >= 2 &&
			(j == len(t.raw) || t.raw[j].flags&fTight == 0) {
			return j
		}
	}
	j := i
	for j < len(t.raw) && t.raw[j].end-t.raw[j].start == 1 && isLower(t.rawBuf[t.raw[j].start]) &&
		(j == i || t.raw[j].flags&fOneGap != 0) {
		j++
	}
	if j-i < 4 {
		return i
	}
	return j
}

// emitNumbers writes the numbers of a phrase: single digits read one by
// one are joined ("four two four two" is 4242).
func (t *text) emitNumbers(nums []int, flags, lastFlags uint16) {
	first := true
	for k := 0; k < len(nums); k++ {
		f := uint16(fNumber)
		if first {
			f |= flags &^ fPunctAfter
		} else {
			f |= fSepBefore
		}
		t.startToken(f)
		t.setCls(len(t.toks)-1, clDigit)
		if nums[k] < 10 {
			for ; k < len(nums) && nums[k] < 10; k++ {
				t.buf = append(t.buf, byte('0'+nums[k]))
			}
			k--
		} else {
			t.buf = strconv.AppendInt(t.buf, int64(nums[k]), 10)
		}
		if k == len(nums)-1 {
			t.toks[len(t.toks)-1].flags |= lastFlags & (fPunctAfter | fQuestion)
		}
		t.buf = append(t.buf, ' ')
		first = false
	}
}

func (t *text) startToken(flags uint16) {
	off := int32(len(t.buf) - 1)
	if flags&fSentence != 0 {
		t.sentences = append(t.sentences, off)
	}
	t.toks = append(t.toks, tok{}) // fields in place, as in addRaw
	tk := &t.toks[len(t.toks)-1]
	tk.off, tk.flags = off, flags
}

// emitWord writes the canonical form of one raw token (e: its lexicon
// entry, nil or one entered for its classes only when the normaliser
// does not know it) and sets the token's word classes.
func (t *text) emitWord(w []byte, flags uint16, e *lexEntry) {
	// "N.E." reads "ne"
	if len(w) == 1 && (w[0] == 'e' || w[0] == 'w') && flags&fDotBefore != 0 && len(t.toks) > 0 {
		last := t.toks[len(t.toks)-1]
		prev := t.buf[last.off+1 : len(t.buf)-1]
		if len(prev) == 1 && (prev[0] == 'n' || prev[0] == 's') {
			t.buf = append(t.buf[:len(t.buf)-1], w[0], ' ')
			t.setEntry(len(t.toks)-1, lexFind(t.buf[last.off+1:len(t.buf)-1]))
			return
		}
	}
	t.startToken(flags)
	idx := len(t.toks) - 1
	start := len(t.buf)
	t.buf = append(t.buf, w...)
	known := e
	if known != nil && known.only {
		known = nil
	}
	if known == nil && len(w) > 0 && (w[0] <= '9' || w[0] == 'o' || w[0] == 'l' || w[0] == 'i') && t.lettersAsDigits(w, flags) { // (what lettersAsDigits reads first: a digit, o, l or i)
		for k := start; k < len(t.buf); k++ {
			switch t.buf[k] {
			case 'o':
				t.buf[k] = '0'
			case 'l', 'i':
				t.buf[k] = '1'
			}
		}
		if isDigit(t.buf[start]) {
			t.setCls(idx, clDigit)
		}
		t.buf = append(t.buf, ' ')
		return
	}
	switch {
	case known != nil && known.canon != "" && !(known.object && flags&fPunctAfter != 0) && (!known.afterPrep || t.prepBefore(idx)):
		t.buf = append(t.buf[:start], known.canon...)
		c := lexFind(t.buf[start:])
		if c != nil {
			t.toks[idx].lex = c.bits
		} else {
			t.toks[idx].lex = 0
		}
		t.setEntry(idx, c)
	case known != nil:
		t.toks[idx].lex = known.bits
		t.setEntry(idx, known)
	case !mayCanon(w):
		t.setEntry(idx, e) // canonical leaves it as it is
	default:
		n := len(t.buf)
		t.canonical(start)
		switch {
		case len(t.toks) > idx+1: // a compound split: "haupt" "st"
			t.setEntry(idx, lexFind(t.buf[start:t.toks[idx+1].off]))
			t.setEntry(idx+1, lexFind(t.buf[t.toks[idx+1].off+1:]))
		case len(t.buf) != n: // "14th", "XXX"
			t.setEntry(idx, lexFind(t.buf[start:]))
		default:
			t.setEntry(idx, e)
		}
	}
	if len(t.buf) > start && isDigit(t.buf[start]) {
		t.setCls(idx, t.toks[idx].cls|clDigit) // digits, "14th"
	}
	t.buf = append(t.buf, ' ')
}

// setCls sets the word classes of token i (cl*) and adds them to the
// text's.
func (t *text) setCls(i int, c uint64) {
	t.toks[i].cls = c
	t.cls |= c
}

// rawHead is the field of a raw token emit reads after it may have
// changed the token: its flags as they were.
type rawHead struct{ flags uint16 }

// setEntry sets the word classes and word-set bits (x8, speed8.go) of
// token i from e, the lexicon entry of its text (nil: none).
func (t *text) setEntry(i int, e *lexEntry) {
	t.setCls(i, clsOf(e))
	t.toks[i].x8 = x8Of(e)
	t.toks[i].x52 = x52Of(e)
}

// lettersAsDigits reports whether w is digits with o, l or i among them
// standing for 0 and 1 ("O6", "7l58", "9O" after "83"): not an ordinal
// ("1o", "2a") unless a digit token comes just before it.
func (t *text) lettersAsDigits(w []byte, flags uint16) bool {
	digits, letters := 0, 0
	for _, c := range w {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == 'o' || c == 'l' || c == 'i':
			letters++
		default:
			return false
		}
	}
	if digits == 0 || letters == 0 || letters > digits+1 {
		return false
	}
	ordinal := w[len(w)-1] == 'o' && allDigits(w[:len(w)-1])
	if !ordinal {
		return true
	}
	n := len(t.toks)
	return n >= 2 && flags&fSepBefore != 0 && allDigits(t.buf[t.toks[n-2].off+1:t.toks[n-1].off])
}

// compoundEnds marks the last two letters of every compound suffix that
// splits a word: most words end otherwise ("-ing" among them), and skip
// the suffix loop.
var compoundEnds = func() (t [26 * 26]bool) {
	for _, cs := range compoundSuffixes {
		if !splitsCompound(cs.suffix) {
			continue
		}
		n := len(cs.suffix)
		t[int(cs.suffix[n-2]-'a')*26+int(cs.suffix[n-1]-'a')] = true
	}
	return t
}()

// splitsCompound reports whether a word that ends in suffix (of
// compoundSuffixes) is split: "ring" is a street type only as a whole
// word ("spring", "during").
func splitsCompound(suffix string) bool { return suffix != "ring" }

// mayCanon reports whether canonical may rewrite the token w: an
// ordinal's digits, a mask's x's or a compound street name's suffix, as
// it tests them.
func mayCanon(w []byte) bool {
	n := len(w)
	return n >= 2 && (w[0] >= '0' && w[0] <= '9' || w[0] == 'x' ||
		n >= 6 && isLower(w[n-2]) && isLower(w[n-1]) && compoundEnds[int(w[n-2]-'a')*26+int(w[n-1]-'a')])
}

// canonical rewrites the token that starts at buf[start:] in place.
func (t *text) canonical(start int) {
	tok := t.buf[start:]
	if len(tok) >= 2 && tok[0] >= '0' && tok[0] <= '9' {
		// ordinals: 14th, 21st, 2nd, 3rd, 1er, 2eme, 3de, 8ste -> 14, 21, ...
		n := len(tok)
		if last := tok[n-1]; last >= '0' && last <= '9' {
			return // every suffix ends in a letter
		}
		for _, suf := range []string{"st", "nd", "rd", "th", "er", "re", "eme", "ere", "de", "ste", "te", "ten"} {
			if n > len(suf) && string(tok[n-len(suf):]) == suf && allDigits(tok[:n-len(suf)]) {
				t.buf = t.buf[:start+n-len(suf)]
				return
			}
		}
		return
	}
	if len(tok) >= 2 && allX(tok) {
		t.buf = append(t.buf[:start], 'x', 'x')
		return
	}
	// compound street names: "hauptstrasse" -> "haupt st"
	if len(tok) >= 6 && isLower(tok[len(tok)-2]) && isLower(tok[len(tok)-1]) && compoundEnds[(int(tok[len(tok)-2]-'a'))*26+int(tok[len(tok)-1]-'a')] {
		for _, cs := range compoundSuffixes {
			if len(tok) >= len(cs.suffix)+3 && string(tok[len(tok)-len(cs.suffix):]) == cs.suffix {
				if !splitsCompound(cs.suffix) {
					continue
				}
				t.buf = append(t.buf[:start+len(tok)-len(cs.suffix)], ' ')
				t.startToken(0)
				t.toks[len(t.toks)-1].lex = lexicon[cs.typ].bits
				t.buf = append(t.buf, cs.typ...)
				return
			}
		}
	}
}

// digitView writes "|run|run|": runs of digit tokens with only digit
// separators between them, of 4 digits or more.
func (t *text) digitView() {
	t.buf = append(t.buf, '|')
	runStart := -1
	for i := 0; i <= len(t.toks); i++ {
		isDigits := false
		if i < len(t.toks) {
			t.toks[i].dend = 0 // (only tokens before i are read)
			isDigits = t.digitsTok(i)
		}
		// "06 47 then 21 83 90": a filler word between two digit tokens
		if runStart >= 0 && !isDigits && i < len(t.toks) && t.toks[i-1].dend != 0 && t.toks[i].lex&lxFiller != 0 &&
			i+1 < len(t.toks) && t.digitsTok(i+1) && t.toks[i+1].flags&fSepBefore != 0 {
			continue
		}
		if runStart >= 0 && (!isDigits || !t.joins(i) && !(i > 0 && t.toks[i-1].lex&lxFiller != 0)) {
			// end the run; an amount ("71.58", "71,58") is no run
			r := &t.runs[len(t.runs)-1]
			amount := i-runStart == 2 && t.toks[i-1].flags&fDecimal != 0 && len(t.tokBytes(i-1)) == 2
			if len(t.buf)-int(r.off)-1 >= 4 && !amount {
				r.nTok = int32(i - runStart)
				r.tokEnd = t.toks[i-1].off + int32(len(t.tokBytes(i-1))) + 1
				t.buf = append(t.buf, '|')
			} else {
				t.buf = t.buf[:r.off+1]
				t.runs = t.runs[:len(t.runs)-1]
			}
			runStart = -1
		}
		if !isDigits {
			continue
		}
		if runStart >= 0 && runStart == i-1 && t.countLabel53(i-1) {
			// "last 4: 7 1 5 8", "últimos 4: 7-1-5-8": the count is the
			// label's, the digits after it the number
			r := &t.runs[len(t.runs)-1]
			t.buf = t.buf[:r.off+1]
			t.runs = t.runs[:len(t.runs)-1]
			t.toks[i-1].dend = 0
			runStart = -1
		}
		if runStart < 0 {
			runStart = i
			t.runs = append(t.runs, run{}) // fields in place, as in addRaw
			r := &t.runs[len(t.runs)-1]
			r.off, r.tokStart, r.firstTok = int32(len(t.buf)-1), t.toks[i].off, int32(i)
		}
		t.buf = append(t.buf, t.tokBytes(i)...)
		t.toks[i].dend = int32(len(t.buf))
	}
}

// joins reports whether digit token i goes on the run of token i-1: only
// digit separators between them, and no list separator ("0611111111,
// 0622222222") unless both are number words ("zero six, forty-seven").
func (t *text) joins(i int) bool {
	f := t.toks[i].flags
	if f&fSepBefore == 0 {
		return false
	}
	if f&fListGap == 0 || f&fNumber != 0 && t.toks[i-1].flags&fNumber != 0 {
		return true
	}
	// single digits read one by one, in groups: "plus 4 9, 1 5 1, 2 3 4 5"
	return t.toks[i].end-t.toks[i].off == 2 && t.toks[i].off-t.toks[i-1].off == 2
}

// tokBytes returns token i of the token view.
func (t *text) tokBytes(i int) []byte { return t.buf[t.toks[i].off+1 : t.toks[i].end] }

// compactWindow is how many tokens before and after a word for "at" the
// compact view holds: a local part or a domain spelled letter by letter.
const compactBefore, compactAfter = 24, 12

// compactView writes the tokens as written joined, the words for "dot"
// dropped, "at" for the words for "at"; only around those (every compact
// pattern is an email address), each window after a 0xff.
func (t *text) compactView() {
	t.buf = append(t.buf, 0xff)
	next := 0 // first raw token not yet written
	// (every raw token's coff is -1 from addRaw on)
	for i := range t.raw {
		t.raw[i].tok = min(t.raw[i].tok, int32(len(t.toks)-1))
	}
	for i := range t.raw {
		if t.raw[i].lex&lxAt == 0 || !t.domainAfter(i) {
			continue
		}
		from := max(i-compactBefore, next)
		if from > next || next == 0 {
			t.buf = append(t.buf, 0xff)
		}
		to := min(i+compactAfter+1, len(t.raw))
		for k := from; k < to; k++ {
			t.raw[k].coff = int32(len(t.buf))
			t.craw = append(t.craw, int32(k))
			switch {
			case t.raw[k].lex&lxDot != 0:
			case t.raw[k].lex&lxAt != 0:
				t.buf = append(t.buf, 'a', 't')
			default:
				t.buf = append(t.buf, t.rawBuf[t.raw[k].start:t.raw[k].end]...)
			}
		}
		next = to
	}
	t.buf = append(t.buf, 0xff)
}

// domainAfter reports whether a domain follows the word for "at" at raw
// token i: a word for "dot", or a dot, in the next 4 tokens.
func (t *text) domainAfter(i int) bool {
	for k := i + 1; k < len(t.raw) && k <= i+4; k++ {
		if t.raw[k].lex&lxDot != 0 || k > i+1 && t.raw[k].flags&fDotBefore != 0 {
			return true
		}
	}
	return false
}

// endsToken reports whether digit view offset end is where a token of run
// r ends.
func (t *text) endsToken(r *run, end int) bool {
	for k := r.firstTok; k < r.firstTok+r.nTok; k++ {
		if int(t.toks[k].dend) == end {
			return true
		}
	}
	return false
}

// runAt returns the run of the digit view that holds offset off.
func (t *text) runAt(off int) *run {
	for i := range t.runs {
		if int(t.runs[i].off) <= off {
			if i+1 == len(t.runs) || int(t.runs[i+1].off) > off {
				return &t.runs[i]
			}
		}
	}
	return nil
}

// compactTok returns the index of the token that holds compact view
// offset off.
func (t *text) compactTok(off int) int {
	// the last compact raw token starting at or before off (a binary
	// search: a check calls it for every hit in the compact view)
	n, hi := 0, len(t.craw)
	for n < hi {
		if mid := int(uint(n+hi) >> 1); int(t.raw[t.craw[mid]].coff) > off {
			hi = mid
		} else {
			n = mid + 1
		}
	}
	if n == 0 {
		return -1
	}
	return int(t.raw[t.craw[n-1]].tok)
}
