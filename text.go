package proofdesk

import (
	"strings"
	"unicode"
)

// IsBidiControl reports the Unicode bidirectional embedding, override and
// isolate controls (U+202A–U+202E, U+2066–U+2069), which make displayed
// text read differently from what it is: "Ana\u202Egpj.exe" shows as
// "Anaexe.jpg" (CVE-2021-42574, "Trojan Source"). The implicit marks
// U+200E, U+200F and U+061C, which right-to-left languages need and which
// cannot reorder text, are not among them.
func IsBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// IsInvisible reports the default-ignorable characters (Unicode
// DerivedCoreProperties.txt, Default_Ignorable_Code_Point) that show
// nothing and that no script needs in order to be written: they hide text
// from a reader ("Sup\u200Bport" shows as "Support") or from a scanner
// ("4111\u200B1111…" is not a run of digits). They are U+00AD SOFT HYPHEN,
// U+034F COMBINING GRAPHEME JOINER, U+115F, U+1160, U+3164 and U+FFA0
// (Hangul fillers, shown blank), U+17B4–U+17B5, U+180B–U+180F (Mongolian
// variation selectors and vowel separator), U+200B ZERO WIDTH SPACE,
// U+2060–U+2064 (word joiner, invisible operators), U+2065 and
// U+206A–U+206F (deprecated format controls), U+FEFF ZERO WIDTH NO-BREAK
// SPACE (a byte order mark in the middle of text), U+FFF0–U+FFF8 and the
// tag characters U+E0000–U+E007F (UTS #51 §2.3, "ASCII smuggling").
//
// Kept, because writing needs them: U+200C ZERO WIDTH NON-JOINER and
// U+200D ZERO WIDTH JOINER (Persian, Indic scripts, emoji sequences), the
// variation selectors U+FE00–U+FE0F and U+E0100–U+E01EF (emoji and CJK
// presentation), and the implicit bidi marks (see IsBidiControl).
func IsInvisible(r rune) bool {
	switch {
	case r < 0xAD:
		return false
	case r == 0xAD, r == 0x34F, r == 0x115F, r == 0x1160, r == 0x17B4, r == 0x17B5,
		r >= 0x180B && r <= 0x180F, r == 0x200B, r >= 0x2060 && r <= 0x2065,
		r >= 0x206A && r <= 0x206F, r == 0x3164, r == 0xFEFF, r == 0xFFA0,
		r >= 0xFFF0 && r <= 0xFFF8, r >= 0xE0000 && r <= 0xE007F:
		return true
	}
	return false
}

// isNeutralized reports the runes NeutralizeBidi drops: bidi controls,
// invisible characters, and control characters other than tab, line
// feed and carriage return (C0, DEL, C1).
func isNeutralized(r rune) bool {
	if r == '\t' || r == '\n' || r == '\r' {
		return false
	}
	return unicode.IsControl(r) || IsBidiControl(r) || IsInvisible(r)
}

// NeutralizeBidi returns s without bidirectional controls
// (IsBidiControl), invisible characters (IsInvisible) and control
// characters but tab, line feed and carriage return. It is the one rule
// for every channel: chat, email, API, phone and import run names,
// subjects, addresses and messages through it before anything checks or
// stores them, so that the same input reads the same everywhere, to a
// person and to the guard.
func NeutralizeBidi(s string) string {
	if strings.IndexFunc(s, isNeutralized) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isNeutralized(r) {
			return -1
		}
		return r
	}, s)
}

// NeutralizeLine is NeutralizeBidi for a one-line field (a display name,
// a subject, an email address, a file name): line and paragraph breaks
// (CR, LF, U+2028, U+2029) and tabs become spaces, and the result is
// trimmed of blank space at both ends.
func NeutralizeLine(s string) string {
	s = NeutralizeBidi(s)
	if strings.ContainsAny(s, "\t\r\n\u2028\u2029") {
		s = strings.Map(func(r rune) rune {
			switch r {
			case '\t', '\r', '\n', 0x2028, 0x2029:
				return ' '
			}
			return r
		}, s)
	}
	return strings.TrimSpace(s)
}
