package guard

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A value read out on the phone and written down — a speech-to-text
// transcript, a call note — comes with the speaker's disfluencies:
// fillers between its parts ("zero six, uh, forty-seven"), a piece said
// and taken back ("douze rue de l'happé, pardon, de la Paix"), a restart
// ("one one five, ten one one five") and separators said as words
// ("eleven slash three slash seventy-nine"). Check reads such a reply a
// second time as it was meant (spokenVariant) for protected values.

// What a word of the lexicon is to spoken text (lexEntry.spoken).
const (
	spFiller  uint8 = 1 << iota // a hesitation: "uh", "ähm", "euh"
	spCorrect                   // takes back what was just said: "pardon", "nein", "sorry"
	spSep                       // a separator said as a word: "slash", "barra"
	spNote                      // a cue of a call-wrap note (wrapnotes.go)
	spStep                      // a cue of a next step (nextstep.go)
)

// hesitations are the fillers of the seven languages, folded.
var hesitations = set("uh", "uhh", "uhm", "um", "umm", "er", "erm", "ah", "ahm", "ahh", "ahem", "oehm", "ohm", "hm", "hmm",
	"mm", "mmm", "euh", "heu", "beuh", "eh", "ehm", "ehh", "eeh", "ehmm", "hum", "uhmm", "ehhh", "eto")

// correctionWords take back the piece said just before them when they
// stand between two pieces, commas or an ellipsis around them. The
// second word of "I mean", "no wait", "quer dizer", "je veux dire", "ich
// meine", "o sea", "ik bedoel", "voglio dire" is the one listed: the
// first goes with it (correctionLead).
var correctionWords = set("pardon", "sorry", "nein", "non", "no", "nee", "neen", "nao", "perdon", "perdao", "cioe",
	"scusa", "scusi", "desculpe", "excuseer", "sorry", "correction", "korrektur", "correccion", "correzione",
	"correcao", "verbetering", "wait", "mean", "meant", "dizer", "dire", "meine", "sea", "bedoel", "meinte", "ovvero",
	"quiero", "digo", "attendez", "warte", "espera", "aspetta", "wacht")

// correctionLead are the words that open a two-word correction marker.
var correctionLead = set("i", "no", "quer", "quero", "veux", "ich", "o", "ik", "voglio", "je", "non", "nein", "wait", "ou")

// spokenSeps are the separators of a date or a number said as words.
var spokenSeps = set("slash", "stroke", "barra", "schragstrich", "streep", "oblique")

// symbolWords are the words for the symbols of an email address: a
// correction of one symbol by another drops the first ("tiret du... non,
// point").
var symbolWords = func() map[string]bool {
	m := set("tiret", "bas", "du", "dash", "hyphen", "underscore", "bindestrich", "unterstrich", "strich", "guion",
		"bajo", "trattino", "basso", "streepje", "liggend", "hifen", "underline", "sublinhado", "minus", "souligne")
	for w := range dotWords {
		m[w] = true
	}
	return m
}()

// noteSpoken records in t.spoken what raw token i, of lexicon entry e,
// may need a second reading for: a filler, a correction marker between
// two pieces, a separator word.
func (t *text) noteSpoken(i int, sp uint8) {
	if sp&spCorrect != 0 && (i == 0 || t.raw[i-1].flags&fPunctAfter == 0 && t.raw[i].flags&fPunctAfter == 0 &&
		!(i+1 < len(t.raw) && t.valueishRaw(i-1) && (t.valueishRaw(i+1) || i+2 < len(t.raw) && t.valueishRaw(i+2)))) {
		sp &^= spCorrect
	}
	t.spoken |= sp
}

// valueishRaw reports whether raw token i may be a piece of a value said
// aloud: digits, a number word, a symbol word of an email address.
func (t *text) valueishRaw(i int) bool {
	return valueishBytes(t.rawBuf[t.raw[i].start:t.raw[i].end], t.nums[:0])
}

// valueish reports whether the folded word w may be a piece of a value
// said aloud (a transcript without punctuation corrects "dash no sorry
// dot" between such pieces).
func valueish(w string) bool { return valueishBytes([]byte(w), nil) }

// valueishBytes is valueish on bytes, with scratch for compound number
// words ("quatre-vingt-quatre" as one word).
func valueishBytes(w []byte, scratch []numItem) bool {
	if allDigits(w) || symbolWords[string(w)] || atWords[string(w)] {
		return true
	}
	if nw, ok := numWords[string(w)]; ok {
		return nw.kind != kConn
	}
	_, ok, _ := compoundNumber(w, scratch)
	return ok
}

// spokenReading returns the reply read as speech (spokenVariant) when
// its text's spoken bits say it may differ, else "".
func spokenReading(reply string, spoken uint8) string {
	if spoken&(spFiller|spCorrect|spSep) == 0 {
		return ""
	}
	return spokenVariant(reply)
}

// spWord is one word of a reply as spokenVariant reads it.
type spWord struct {
	text  string // as written, punctuation around it included
	key   string // letters and digits, folded and lowercase
	punct bool   // punctuation ends it: , . ; : … ! ?
	cut   bool   // it breaks off: "du...", "Unterstrich…", "l'hap-"
	drop  bool
}

// spokenVariant returns reply as the speaker meant it: fillers dropped,
// every piece taken back by a correction marker dropped with the marker,
// a group restarted in the next one dropped, separator words as "/".
// It returns "" when that changes nothing.
func spokenVariant(reply string) string {
	fields := strings.Fields(reply)
	ws := make([]spWord, len(fields))
	// the keys written into one buffer, then cut from one string
	kb := make([]byte, 0, len(reply))
	ends := make([]int, len(fields))
	for i, f := range fields {
		kb = appendSpokenKey(kb, f)
		ends[i] = len(kb)
	}
	keys := string(kb)
	for i, f := range fields {
		start := 0
		if i > 0 {
			start = ends[i-1]
		}
		ws[i] = spWord{text: f, key: keys[start:ends[i]]}
		r, _ := utf8.DecodeLastRuneInString(f)
		ws[i].punct = strings.ContainsRune(",.;:…!?", r)
		ws[i].cut = strings.HasSuffix(f, "...") || r == '…' || strings.HasSuffix(f, "-")
	}
	changed := false
	// fillers; "um" is also Portuguese "one": a filler only with
	// punctuation on both sides ("zero six, um, forty-seven")
	for i := range ws {
		if !hesitations[ws[i].key] {
			continue
		}
		if ws[i].key == "um" && !(ws[i].punct && i > 0 && ws[i-1].punct) {
			continue
		}
		ws[i].drop, changed = true, true
	}
	// corrections
	for i := 1; i < len(ws); i++ {
		if ws[i].drop || !correctionWords[ws[i].key] {
			continue
		}
		first := i // the marker's first word
		if p := prevKept(ws, i); p >= 0 && correctionLead[ws[p].key] && !ws[p].punct {
			first = p
		}
		before := prevKept(ws, first)
		next := nextKept(ws, i)
		if before < 0 || next < 0 {
			continue
		}
		if !ws[before].punct && !ws[before].cut && !ws[i].punct && !(valueish(ws[before].key) && valueish(ws[next].key)) {
			continue // "no" inside a sentence: no correction; a transcript's "dash no sorry dot" is one
		}
		for k := first; k <= i; k++ {
			ws[k].drop = true
		}
		changed = true
		// the piece taken back: from the last word the correction
		// repeats ("de l'happé, pardon, de la Paix"), else the last word
		// and a word broken off, and a symbol word before a symbol word
		// (the start that repeats the most of the correction's words:
		// "sieben sieben eins sieben, nein, sieben sieben eins sechs")
		from, best := -1, 0
		for k, n := before, 0; k >= 0 && n < 4; k-- {
			if ws[k].drop {
				continue
			}
			if m := repeats(ws, k, before, next); m > best {
				from, best = k, m
			}
			n++
		}
		if from >= 0 {
			for k := from; k <= before; k++ {
				ws[k].drop = true
			}
			continue
		}
		k := before
		if ws[k].cut && !symbolWords[ws[next].key] {
			ws[k].drop = true
			k = prevKept(ws, k)
		}
		for k >= 0 {
			ws[k].drop = true
			k = prevKept(ws, k)
			if k < 0 || !symbolWords[ws[next].key] || !symbolWords[ws[k].key] || ws[k].punct {
				break
			}
		}
	}
	// a restart: a group of number words that the next group ends with
	// ("one one five, ten one one five")
	for i := 0; i < len(ws); {
		j := groupEnd(ws, i)
		if j < len(ws) {
			k := groupEnd(ws, j)
			if n, m := keptCount(ws, i, j), keptCount(ws, j, k); n > 0 && m > n && sameTail(ws, i, j, k) {
				for x := i; x < j; x++ {
					ws[x].drop = true
				}
				changed = true
			}
		}
		i = j
	}
	// separators said as words
	for i := range ws {
		if spokenSeps[ws[i].key] && !ws[i].drop {
			ws[i].text, changed = "/", true
		}
	}
	if !changed {
		return ""
	}
	var b strings.Builder
	for _, w := range ws {
		if w.drop {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
	}
	return b.String()
}

// repeats returns how many kept words of ws[k:before+1], from k, the
// kept words from next say again.
func repeats(ws []spWord, k, before, next int) int {
	m := 0
	for k <= before && next >= 0 && next < len(ws) {
		if ws[k].key != ws[next].key {
			break
		}
		m++
		k = nextKept(ws, k)
		next = nextKept(ws, next)
		if k < 0 {
			break
		}
	}
	return m
}

// groupEnd returns the end of the group of words that starts at i: the
// word after the next one that punctuation ends.
func groupEnd(ws []spWord, i int) int {
	for ; i < len(ws); i++ {
		if ws[i].punct {
			return i + 1
		}
	}
	return i
}

func keptCount(ws []spWord, i, j int) int {
	n := 0
	for ; i < j; i++ {
		if !ws[i].drop {
			if _, ok := numWords[ws[i].key]; !ok {
				return 0 // only number words restart
			}
			n++
		}
	}
	return n
}

// sameTail reports whether the kept words of ws[i:j] are the last kept
// words of ws[j:k].
func sameTail(ws []spWord, i, j, k int) bool {
	a, b := j-1, k-1
	for a >= i {
		for a >= i && ws[a].drop {
			a--
		}
		for b >= j && ws[b].drop {
			b--
		}
		if a < i {
			break
		}
		if b < j || ws[a].key != ws[b].key {
			return false
		}
		a, b = a-1, b-1
	}
	return true
}

func prevKept(ws []spWord, i int) int {
	for i--; i >= 0 && ws[i].drop; i-- {
	}
	return i
}

func nextKept(ws []spWord, i int) int {
	for i++; i < len(ws) && ws[i].drop; i++ {
	}
	if i == len(ws) {
		return -1
	}
	return i
}

// appendSpokenKey appends to b the letters and digits of a word,
// lowercase and folded as the normaliser folds them ("Ähm," is "ahm",
// "perdón" is "perdon"); an elided article goes ("l'happé" is "happe").
func appendSpokenKey(b []byte, f string) []byte {
	if i := strings.IndexAny(f, "'’"); i >= 0 && i <= 2 {
		f = f[i+1:]
	}
	for i := 0; i < len(f); {
		if c := f[i]; c < utf8.RuneSelf {
			if isAlnum(c) {
				b = append(b, lowerAlnum[c])
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(f[i:])
		i += n
		r = unicode.ToLower(r)
		switch {
		case fold[r] != "":
			b = append(b, fold[r]...)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}
