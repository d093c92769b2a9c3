package guard

import (
	"strings"
	"unicode/utf8"
)

// Values written backwards that the three reversed readings (reversed.go)
// do not undo, read when the reply says it writes something backwards (a
// reversal cue: "reversed", "backwards", "von hinten", "rückwärts", "à
// l'envers", "mots inversés", "al revés", "al contrario", "achterstevoren",
// "de trás para a frente", "right to left", "de droite à gauche", "swap the
// halves") or holds upside-down or mirrored letters:
//
//   - the words in reverse order, each as written ("fr dot exemple at
//     martin dot elodie", "Paix la de Rue 12");
//   - each run of digits, as the normaliser reads it (number words as
//     digits), reversed in place ("eight, five, one, seven", "null neun
//     drei acht ...", "eighty-five seventeen", "8 5 1 7"), the words around
//     ("last four", "PLZ") kept;
//   - the two sides of an '@' swapped ("exemple.fr@elodie.martin");
//   - a word cut in pairs of letters joined again ("Ha up ts tr as se");
//   - upside-down text turned over ("ɹɟ˙ǝldɯǝxǝ@uıʇɹɐɯ˙ǝıpolǝ", "xıɐԀ ɐl ǝp
//     ǝnᴚ 21") and mirror writing read back ("ɿʇ.ɘlqmɘxɘ@nitɿɒm.ɘiboɭɘ").
//
// A number an order, a ticket or a parcel owns keeps its exemption
// (ownedMasked). Each reading is checked for values only.

// reversalCues are the words that say a reply writes a value backwards
// (folded raw tokens).
var reversalCues = set("reversed", "reverse", "backwards", "backward", "inverted", "upside", "mirror", "mirrored",
	"ruckwarts", "ruckwaerts", "hinten", "umgekehrt", "verkehrt", "spiegelschrift", "spiegelverkehrt", "gespiegelt",
	"envers", "inverse", "inverses", "inversee", "inversees", "rebours", "miroir", "reves", "invertido", "invertida",
	"invertidos", "espejo", "contrario", "rovescio", "invertito", "invertita", "specchio", "achterstevoren", "omgekeerd",
	"achteruit", "spiegelbeeld", "inverso", "inversa", "espelho", "swap", "swapped", "halves", "vertauscht",
	"echange", "echangees", "intercambiado", "scambiato", "verwisseld", "trocado", "trocadas")

// reversalDirections are the pairs "right ... left" of a reading from
// right to left, the second word within 3 words after the first.
var reversalDirections = map[string]string{"right": "left", "rechts": "links", "droite": "gauche", "derecha": "izquierda",
	"destra": "sinistra", "direita": "esquerda", "tras": "frente", "achter": "voor"}

// cueEnd are the second words of the direction pairs; cueWords the
// words of a reversal cue's phrase ("reverse order", "read backwards",
// "von rechts gelesen", "de droite à gauche").
var (
	cueEnd   = set("left", "links", "gauche", "izquierda", "sinistra", "esquerda", "frente", "voor")
	cueWords = set("order", "ordre", "orden", "ordine", "volgorde", "ordem", "reihenfolge", "read", "gelesen", "lu", "lue",
		"leido", "letto", "gelezen", "lido", "to", "naar", "a", "von", "van", "para", "nach", "zu", "da", "de", "from", "in",
		"al", "of", "for", "privacy", "written", "geschrieben", "ecrit", "escrito", "scritto", "geschreven", "the", "la", "le",
		"die", "der", "het", "el", "il", "o", "written", "is", "are", "sind", "ist", "est", "es", "e", "zijn", "sao")
)

// reversalShape is the shapes of the reversal cues and of the first
// words of the direction pairs.
var reversalShape = shapesOf(keysOf(reversalCues), keysOf(reversalDirections))

// reversalAt reports whether raw token i is a reversal cue.
func (t *text) reversalAt(i int) bool {
	w := t.rawWord(i)
	if len(w) < 4 || !reversalShape.has(w) {
		return false
	}
	if reversalCues[string(w)] {
		return true
	}
	if to, ok := reversalDirections[string(w)]; ok {
		for k := i + 1; k < len(t.raw) && k <= i+3; k++ {
			if string(t.rawWord(k)) == to {
				return true
			}
		}
		// "von rechts gelesen", "van rechts"
		if i > 0 && (string(t.rawWord(i-1)) == "von" || string(t.rawWord(i-1)) == "van") {
			return true
		}
	}
	return false
}

// wordsReversed appends s to dst with its words (runs of non-space) in
// reverse order, each as written.
func wordsReversed(dst []byte, s string) []byte {
	end := len(s)
	for end > 0 {
		for end > 0 && isSpaceByte(s[end-1]) {
			end--
		}
		start := end
		for start > 0 && !isSpaceByte(s[start-1]) {
			start--
		}
		if start == end {
			break
		}
		if len(dst) > 0 {
			dst = append(dst, ' ')
		}
		// the punctuation that ended it goes: "elodie." read first
		w := strings.TrimRight(s[start:end], ".,;:!?")
		if w == "" {
			w = s[start:end]
		}
		dst = append(dst, w...)
		end = start
	}
	return dst
}

// digitRunsReversed appends t's token view to dst with each run of
// tokens that are all digits written as one number, its digits reversed:
// "last 4 8 5 1 7" is "last 4 7158" (a lone token of 4 or more that no
// cue wrote is reversed too; one shorter stays: "last 4").
func (t *text) digitRunsReversed(dst []byte) []byte {
	// the words of the cue go, so that the value stands by its noun
	// again: "last four (reverse order for privacy): 8 5 1 7", "de
	// laatste vier van rechts naar links: 8 5 1 7"
	cueAt := -10
	var skip []int32
	for i := 0; i < len(t.toks); i++ {
		w := string(t.tokBytes(i))
		if reversalCues[w] || reversalDirections[w] != "" {
			cueAt = i
		}
		for k := i + 1; k < len(t.toks) && k <= i+3 && cueAt < i; k++ {
			if to := string(t.tokBytes(k)); (reversalCues[to] || reversalDirections[to] != "" || cueEnd[to]) && cueWords[w] {
				cueAt = i // "read backwards", "von rechts": the words before the cue
			}
		}
		if i-cueAt <= 3 && (reversalCues[w] || reversalDirections[w] != "" || cueEnd[w] || cueWords[w]) {
			skip = append(skip, int32(i))
		}
	}
	for i := 0; i < len(t.toks); {
		w := t.tokBytes(i)
		if len(skip) > 0 && int(skip[0]) == i {
			skip = skip[1:]
			i++
			continue
		}
		if !allDigits(w) {
			dst = append(append(dst, w...), ' ')
			i++
			continue
		}
		j := i
		n := 0
		amount := false
		for j < len(t.toks) && allDigits(t.tokBytes(j)) {
			n += len(t.tokBytes(j))
			// a decimal amount ("85.17 EUR") stays as written, as it
			// passes forwards
			amount = amount || j > i && t.toks[j].flags&fDecimal != 0 && len(t.tokBytes(j)) <= 2
			j++
		}
		if j-i == 1 && n < 4 || amount {
			for k := i; k < j; k++ {
				dst = append(append(dst, t.tokBytes(k)...), ' ')
			}
			i = j
			continue
		}
		start := len(dst)
		for k := i; k < j; k++ {
			dst = append(dst, t.tokBytes(k)...)
		}
		for a, b := start, len(dst)-1; a < b; a, b = a+1, b-1 {
			dst[a], dst[b] = dst[b], dst[a]
		}
		dst = append(dst, ' ')
		i = j
	}
	return dst
}

// halvesSwapped appends s to dst with the two sides of each '@' in a word
// swapped: "exemple.fr@elodie.martin" is "elodie.martin@exemple.fr".
func halvesSwapped(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && !isSpaceByte(s[j]) {
			j++
		}
		w := strings.TrimRight(s[i:j], ".,;:!?")
		if a, b, ok := strings.Cut(w, "@"); ok && a != "" && b != "" {
			dst = append(append(append(dst, b...), '@'), a...)
			dst = append(dst, s[i+len(w):j]...)
		} else {
			dst = append(dst, s[i:j]...)
		}
		for j < len(s) && isSpaceByte(s[j]) {
			dst = append(dst, s[j])
			j++
		}
		i = j
	}
	return dst
}

// upsideDown maps the letters of upside-down text to the letters they
// are turned over (an ASCII letter turned over is another: "u" is "n",
// "d" is "p"); mirrored maps those of mirror writing.
var (
	upsideDown = map[rune]rune{'ɐ': 'a', 'q': 'b', 'ɔ': 'c', 'p': 'd', 'ǝ': 'e', 'ɟ': 'f', 'ƃ': 'g', 'ɥ': 'h', 'ı': 'i',
		'ɾ': 'j', 'ʞ': 'k', 'ן': 'l', 'ɯ': 'm', 'u': 'n', 'd': 'p', 'b': 'q', 'ɹ': 'r', 'ʇ': 't', 'n': 'u', 'ʌ': 'v',
		'ʍ': 'w', 'ʎ': 'y', '˙': '.', 'Ԁ': 'P', 'ᴚ': 'R', '∀': 'A', 'Ǝ': 'E', 'Ⅎ': 'F', '⅁': 'G', 'ſ': 'J', '˥': 'L',
		'W': 'M', 'M': 'W', 'Ո': 'U', 'Λ': 'V', '⅄': 'Y', '6': '9', '9': '6', 'ʃ': 'l', '¡': '!', '¿': '?'}
	mirrored = map[rune]rune{'ɒ': 'a', 'd': 'b', 'ɔ': 'c', 'b': 'd', 'ɘ': 'e', 'ʇ': 'f', 'ǫ': 'g', 'ʜ': 'h', 'ꞁ': 'j',
		'ʞ': 'k', 'ɭ': 'l', 'q': 'p', 'p': 'q', 'ɿ': 'r', 'ꙅ': 's', 'ƨ': 's', 'Ǝ': 'E', 'ᴎ': 'N',
		'Я': 'R', 'Ɔ': 'C', 'ꟻ': 'F', 'Ꭾ': 'p'}
	// turnedCues are the runes that only upside-down text uses, mirrorCues
	// those of mirror writing.
	turnedCues = "ɐǝɹɯʇɟɥʞʎʍıᴚԀ∀˙ɔƃɾʌ"
	mirrorCues = "ɘɿɒɭꙅƨᴎꟻ"
)

// turnedLetters reports whether reply holds a rune of turnedCues (flip)
// or of mirrorCues (mirror); ASCII bytes are passed over without a
// look-up.
func turnedLetters(reply string) (flip, mirror bool) {
	for i := asciiPrefix(reply); i < len(reply); i++ {
		if reply[i] < utf8.RuneSelf {
			continue
		}
		r, n := utf8.DecodeRuneInString(reply[i:])
		flip = flip || strings.ContainsRune(turnedCues, r)
		mirror = mirror || strings.ContainsRune(mirrorCues, r)
		i += n - 1
	}
	return flip, mirror
}

// turned appends s to dst read back from upside-down (table upsideDown)
// or mirror writing (mirrored): reversed rune by rune, each rune mapped.
func turned(dst []byte, s string, table map[rune]rune) []byte {
	for i := len(s); i > 0; {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		i -= n
		if m, ok := table[r]; ok {
			r = m
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// cueReadings builds into vb.cueRead the readings of a reply with a
// reversal cue or turned letters (see above), from reply and its
// normalised form t, and reports whether it made one; cue says the
// reply holds a reversal cue (reversalAt).
func cueReadings(reply string, t *text, vb *variantBufs, cue bool) bool {
	for i := range vb.cueRead {
		vb.cueRead[i] = vb.cueRead[i][:0]
	}
	flip, mirror := turnedLetters(reply)
	if !cue && !flip && !mirror {
		return false
	}
	src, _ := ownedMasked(reply)
	if cue {
		vb.cueRead[0] = t.digitRunsReversed(vb.cueRead[0])
		vb.cueRead[1] = wordsReversed(vb.cueRead[1], src)
		if strings.IndexByte(src, '@') >= 0 {
			vb.cueRead[2] = halvesSwapped(vb.cueRead[2], src)
		}
	}
	if cue {
		vb.cueRead[5] = pairsJoined(vb.cueRead[5], src)
	}
	if flip {
		vb.cueRead[3] = turned(vb.cueRead[3], src, upsideDown)
	}
	if mirror {
		vb.cueRead[4] = turned(vb.cueRead[4], src, mirrored)
	}
	return true
}

// pairsJoined appends s to dst with each run of 4 or more words of two
// letters joined into one word ("Ha up ts tr as se" is "Hauptstrasse"),
// or returns dst as it was when there is none.
func pairsJoined(dst []byte, s string) []byte {
	start := len(dst)
	found := false
	fields := strings.Fields(s)
	for i := 0; i < len(fields); {
		j := i
		for j < len(fields) && len(fields[j]) == 2 && isAlnum(fields[j][0]) && isAlnum(fields[j][1]) && !hasDigit(fields[j]) {
			j++
		}
		// the last pair may carry punctuation: "as se,"
		end := j
		if j < len(fields) && len(fields[j]) == 3 && isAlnum(fields[j][0]) && isAlnum(fields[j][1]) && !isAlnum(fields[j][2]) {
			end = j + 1
		}
		if len(dst) > start {
			dst = append(dst, ' ')
		}
		if end-i >= 4 {
			for k := i; k < end; k++ {
				dst = append(dst, fields[k]...)
			}
			found = true
			i = end
			continue
		}
		dst = append(dst, fields[i]...)
		i++
	}
	if !found {
		return dst[:start]
	}
	return dst
}

// cipherAt returns the shifts of a letter cipher named at raw token i:
// 13 for ROT13 ("ROT13", "rot-13"), every shift for Caesar's ("Caesar",
// "César", "Cäsar", "Cesare"), or 0 for none.
func (t *text) cipherAt(i int) (from, to int) {
	w := t.rawWord(i)
	if len(w) < 3 || len(w) > 21 || w[0] != 'r' && w[0] != 'c' {
		return 0, 0
	}
	switch {
	case string(w) == "rot13":
		return 13, 13
	case string(w) == "rot":
		if i+1 < len(t.raw) && string(t.rawWord(i+1)) == "13" {
			return 13, 13
		}
	case cipherNames[string(w)]:
		return 1, 25
	}
	return 0, 0
}

var cipherNames = set("caesar", "cesar", "casar", "cesare", "caesarchiffre", "caesarverschlusselung")

// caesar appends s to dst with its ASCII letters shifted n places on.
func caesar(dst []byte, s string, n int) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			c = 'a' + (c-'a'+byte(n))%26
		case c >= 'A' && c <= 'Z':
			c = 'A' + (c-'A'+byte(n))%26
		}
		dst = append(dst, c)
	}
	return dst
}

// cipherReadings checks reply read through the letter cipher it names
// (cipherAt) for values; from and to are the shifts.
func cipherReadings(reply string, t *text, targets []Target, best Verdict, from, to int) Verdict {
	var buf []byte
	for n := from; n > 0 && n <= to; n++ {
		buf = caesar(buf[:0], reply, 26-n)
		t.normalize(string(buf))
		best = valuesOfTargets(t, targets, best)
	}
	return best
}
