package proofdesk

import "strings"

// IsBidiControl reports the Unicode bidirectional embedding, override and
// isolate controls (U+202A–U+202E, U+2066–U+2069), which make displayed
// text read differently from what it is: "Ana\u202Egpj.exe" shows as
// "Anaexe.jpg" (CVE-2021-42574, "Trojan Source"). The implicit marks
// U+200E, U+200F and U+061C, which right-to-left languages need and which
// cannot reorder text, are not among them.
func IsBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// NeutralizeBidi returns s without bidirectional controls (IsBidiControl).
// It is the one rule for every channel: chat, email, API and phone run
// names, subjects and messages through it before anything checks or
// stores them, so that the same input reads the same everywhere.
func NeutralizeBidi(s string) string {
	if strings.IndexFunc(s, IsBidiControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if IsBidiControl(r) {
			return -1
		}
		return r
	}, s)
}
