package guard

import (
	"encoding/binary"
	"strings"
)

// Lexical classes of a word, kept on each token so that the checks after
// normalisation need no map lookup.
const (
	lxCard uint16 = 1 << iota
	lxPhone
	lxStreet
	lxRef
	lxEndRef
	lxCond
	lxExist
	lxSeCond
	lxEnding
	lxOwner
	lxDot // a word for "dot" in a spoken email address
	lxAt  // a word for "at" in a spoken email address
	lxDemo
	lxFiller // a word between the groups of one number: "then", "and"
	lxStrong // a pointer that judges: "correct", "stimmt"
	lxCopula
)

// lexEntry is what the normaliser knows of one word.
type lexEntry struct {
	canon  string // canonical form, "" if the word is its own
	num    numWord
	hasNum bool
	bits   uint16
	// object marks a possessive of the person spoken of that is also an
	// object pronoun ("happy birthday to her!"): its canonical form
	// only when a word follows it (thirdparty.go).
	object bool
	// afterPrep marks one that is also a verb ("zijn", "sein"): its
	// canonical form only after a preposition (thirdparty.go).
	afterPrep bool
	spoken    uint8 // sp* (spoken.go)
	part      uint8 // cu* (partdeny.go)
	// cls holds the word classes the rules read (cl*, wordClasses).
	cls uint64
	// x8 holds the word sets kept on tokens beside the classes (x8*,
	// speed8.go).
	x8 uint16
	// x52 holds more of them (x52*, speed52.go).
	x52 uint64
	// only marks a word in the lexicon for its classes alone: the
	// normaliser reads it as a word it does not know (lookup is nil).
	only bool
}

// lexicon holds every word that has a canonical form, a number value or a
// lexical class: one lookup per token.
var lexicon = func() map[string]*lexEntry {
	m := map[string]*lexEntry{}
	get := func(w string) *lexEntry {
		e := m[w]
		if e == nil {
			e = &lexEntry{}
			m[w] = e
		}
		return e
	}
	for w, c := range canon {
		get(w).canon = c
	}
	for w, c := range thirdPersonCanon {
		e := get(w)
		e.canon, e.object = c, true // "her address" is "your address" (thirdparty.go)
	}
	for w, c := range prepPossessives {
		e := get(w)
		e.canon, e.object, e.afterPrep = c, true, true // "naar zijn adres" (thirdparty.go)
	}
	// the superlative of a yes-word is the yes-word: "certissimo",
	// "esattissimo", "clarisimo"
	for _, w := range yesWords {
		if n := len(w); n > 3 && w[n-1] == 'o' && !strings.Contains(w, " ") {
			for _, suf := range []string{"issimo", "isimo"} {
				if sup := w[:n-1] + suf; m[sup] == nil {
					get(sup).canon = w
				}
			}
		}
	}
	for w, n := range numWords {
		e := get(w)
		e.num, e.hasNum = n, true
	}
	for bit, words := range map[uint16]map[string]bool{
		lxCard: cardWords, lxPhone: phoneWords, lxStreet: streetTypes, lxRef: refWords, lxEndRef: endRefWords,
		lxCond: condWords, lxExist: existential, lxSeCond: seCond, lxEnding: endingWords, lxOwner: ownerWords,
		lxDot: dotWords, lxAt: atWords, lxDemo: demonstratives, lxFiller: fillerWords, lxStrong: strongRefs, lxCopula: copulaWords,
	} {
		for w := range words {
			get(w).bits |= bit
		}
	}
	for bit, words := range map[uint8]map[string]bool{spFiller: hesitations, spCorrect: correctionWords, spSep: spokenSeps, spNote: noteCues, spStep: stepCues} {
		for w := range words {
			get(w).spoken |= bit
		}
	}
	for w, bits := range partCueWords {
		get(w).part |= bits
	}
	// a typo of a cue word is the word: "Mastercrad", "betalnig",
	// "eindgend" (typoVariants); a variant that is a word of the lexicon
	// already, or of two cues, stays as it is
	seen := map[string]string{}
	for _, w := range typoCues {
		for _, v := range typoVariants(w) {
			if c, ok := seen[v]; ok && c != w {
				seen[v] = ""
				continue
			}
			seen[v] = w
		}
	}
	for v, w := range seen {
		if w != "" && m[v] == nil && !typoRealWords[v] {
			get(v).canon = w
		}
	}
	// last, so that no step above sees a word entered for its classes
	for _, c := range wordClasses {
		for w := range c.words {
			e := m[w]
			if e == nil {
				e = &lexEntry{only: true}
				m[w] = e
			}
			e.cls |= c.bit
		}
	}
	for w, bits := range wordSets8() {
		if len(w) > 0 && isDigit(w[0]) {
			continue // set on the token by emit (digitSets8)
		}
		e := m[w]
		if e == nil {
			e = &lexEntry{only: true}
			m[w] = e
		}
		e.x8 |= bits
	}
	for w, bits := range wordBits52() {
		e := m[w]
		if e == nil {
			e = &lexEntry{only: true}
			m[w] = e
		}
		e.x52 |= bits
	}
	return m
}()

// typoCues are the words that say a protected class or point at its
// value ("card", "ending", "payment", "phone", "address", "birth", in the
// seven languages; normalised, 6 letters or more): a reply that misspells
// one still says it.
var typoCues = []string{
	"mastercard", "kreditkarte", "bankkarte", "girocard", "tarjeta", "creditcard", "maestro", "credito", "debito",
	"cartao", "ending", "endziffern", "ziffern", "letzten", "terminant", "finissant", "termina", "terminada",
	"terminado", "terminando", "finisce", "eindigt", "eindigend", "eindigen", "laatste", "cijfers", "ultimos",
	"derniers", "chiffres", "digitos", "algarismos", "payment", "zahlung", "bezahlung", "paiement", "pagamento",
	"betaling", "telephone", "telefon", "telefono", "telefoon", "telefonnummer", "telefoonnummer", "handynummer",
	"address", "adresse", "anschrift", "direccion", "indirizzo", "endereco", "birthday", "geburtstag",
	"geburtsdatum", "naissance", "nacimiento", "nascita", "verjaardag", "geboortedatum", "nascimento",
}

// typoRealWords are variants of typoCues that are words of their own
// ("einigen" is German "some", "Termin" an appointment, "dernier" any
// last thing): never read as a typo.
var typoRealWords = set("einigen", "einigt", "termin", "dernier", "ultimo", "laatst", "deniers", "letten", "eindig",
	"eindige", "endigen", "digito")

// typoVariants returns the misspellings of w one edit away that keep its
// first letter and 6 letters or more: two neighbouring letters swapped
// ("mastercrad") or one letter dropped ("eindgend").
func typoVariants(w string) []string {
	var out []string
	for i := 1; i+1 < len(w); i++ {
		if w[i] != w[i+1] {
			out = append(out, w[:i]+string(w[i+1])+string(w[i])+w[i+2:])
		}
	}
	if len(w) > 6 {
		for i := 1; i < len(w); i++ {
			if w[i] != w[i-1] { // "adress" from "address" once, not twice
				out = append(out, w[:i]+w[i+1:])
			}
		}
	}
	return out
}

// fillerWords may stand between the digit groups of one number.
var fillerWords = set("then", "and", "und", "dann", "et", "puis", "y", "luego", "e", "poi", "en", "daarna", "depois",
	"followed", "by", "plus")

// atWords are the words for "at" in a spoken email address.
var atWords = func() map[string]bool {
	m := map[string]bool{"at": true}
	for w, c := range canon {
		if c == "at" {
			m[w] = true
		}
	}
	return m
}()

// lexTable is lexicon as an open-addressed hash table (linear probing,
// at most a quarter full): a lookup per token costs a few nanoseconds
// where the map's costs several times more. lexTags holds each slot's
// hash (lexTag; 0 for an empty slot), 4 bytes a slot where lexTable has
// 24: a probe reads the small array, which stays in cache, and the slot
// and its word only when the hashes agree (most words of a reply are in
// no slot).
var lexTable, lexTags, lexMask = func() ([]lexSlot, []uint32, uint32) {
	size := 1
	for size < 4*len(lexicon) {
		size <<= 1
	}
	tab, tags := make([]lexSlot, size), make([]uint32, size)
	mask := uint32(size - 1)
	for w, e := range lexicon {
		hash := lexHash([]byte(w))
		h := hash & mask
		for tab[h].e != nil {
			h = (h + 1) & mask
		}
		_, short := lexHashShort([]byte(w))
		tab[h], tags[h] = lexSlot{w, e, short}, lexTag(hash)
	}
	return tab, tags, mask
}()

// lexTag is the tag of hash in lexTags: never 0.
func lexTag(hash uint32) uint32 { return hash | 1 }

type lexSlot struct {
	word string
	e    *lexEntry
	// short is lexHashShort's bytes of word: for a word of 8 bytes or
	// fewer, with its length, the word itself, which a probe compares
	// where it would read the word's bytes (speed52.go)
	short uint64
}

// lexHash mixes w 8 bytes at a time (one multiply each, where FNV-1a
// took one a byte), the length first, and returns the top 32 bits. The
// last 1 to 8 bytes are read as two overlapping 4-byte words, or (under
// 4) as the first, middle and last byte.
func lexHash(w []byte) uint32 {
	h, _ := lexHashShort(w)
	return h
}

// lexHashShort is lexHash, and the last 1 to 8 bytes it mixes as one
// word: for a word of 8 bytes or fewer, all of them (under 4, the first,
// middle and last byte are all there are), so that with the length it
// tells the word.
func lexHashShort(w []byte) (uint32, uint64) {
	h := uint64(len(w)) * 0x9e3779b97f4a7c15
	for len(w) > 8 {
		h = (h ^ binary.LittleEndian.Uint64(w)) * 0xff51afd7ed558ccd
		w = w[8:]
	}
	var x uint64
	switch m := len(w); {
	case m >= 4:
		x = uint64(binary.LittleEndian.Uint32(w)) | uint64(binary.LittleEndian.Uint32(w[m-4:]))<<32
	case m > 0:
		x = uint64(w[0]) | uint64(w[m>>1])<<8 | uint64(w[m-1])<<16
	}
	h = (h ^ x) * 0xc4ceb9fe1a85ec53
	return uint32(h >> 32), x
}

// lookup returns the lexicon entry of w for the normaliser, or nil:
// lexicon[string(w)] unless that is there for its word classes only.
func lookup(w []byte) *lexEntry {
	if e := lexFind(w); e != nil && !e.only {
		return e
	}
	return nil
}

// lexFind returns the lexicon entry of w, or nil: lexicon[string(w)].
func lexFind(w []byte) *lexEntry {
	hash, short := lexHashShort(w)
	tag := lexTag(hash)
	for h := hash & lexMask; ; h = (h + 1) & lexMask {
		switch lexTags[h] {
		case 0:
			return nil
		case tag:
			if sl := &lexTable[h]; len(sl.word) == len(w) && (len(w) <= 8 && sl.short == short || len(w) > 8 && sl.word == string(w)) {
				return sl.e
			}
		}
	}
}

// clsOf returns the word classes (cl*) of a lexicon entry, 0 for nil.
func clsOf(e *lexEntry) uint64 {
	if e == nil {
		return 0
	}
	return e.cls
}

// numPrefix holds the first three letters of every number word, to skip
// compound segmentation of words that cannot be numbers.
var numPrefix = func() (p [26 * 26 * 26]bool) {
	for w := range numWords {
		if len(w) >= 3 && isLower(w[0]) && isLower(w[1]) && isLower(w[2]) {
			p[prefixIndex([]byte(w))] = true
		}
	}
	return p
}()

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }

func prefixIndex(w []byte) int {
	return (int(w[0]-'a')*26+int(w[1]-'a'))*26 + int(w[2]-'a')
}

// mayBeNumber reports whether w could be a compound number word.
func mayBeNumber(w []byte) bool {
	return len(w) >= 5 && isLower(w[0]) && isLower(w[1]) && isLower(w[2]) && numPrefix[prefixIndex(w)]
}
