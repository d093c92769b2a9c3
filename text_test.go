package proofdesk_test

import (
	"testing"

	"github.com/proofdesk/proofdesk"
)

// TestNeutralize: bidi controls, invisible characters and control
// characters go; what scripts and emoji need to be written stays.
func TestNeutralize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"override", "Ana\u202egpj.exe\u202c", "Anagpj.exe"},
		{"zero width space in a name", "Sup\u200bport", "Support"},
		{"soft hyphen and word joiner", "Te\u00adam\u2060 Lead", "Team Lead"},
		{"byte order mark inside", "Jo\ufeffhn", "John"},
		{"hangul filler as a blank name", "\u3164", ""},
		{"tag characters", "hi\U000E0069\U000E0067\U000E006E", "hi"},
		{"digits split to hide a card number", "4111\u200b1111\u20621111\u200b1111", "4111111111111111"},
		{"escape sequence", "Ana\x1b[2J\x00", "Ana[2J"},
		{"C1 control", "a\u0085b", "ab"},
		{"persian needs the non-joiner", "می\u200cخواهم", "می\u200cخواهم"},
		{"emoji sequence needs the joiner", "👩\u200d💻", "👩\u200d💻"},
		{"emoji presentation selector", "❤\ufe0f", "❤\ufe0f"},
		{"hebrew with a mark", "שלום\u200f 12", "שלום\u200f 12"},
		{"lines and tabs kept in a body", "a\tb\r\nc", "a\tb\r\nc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := proofdesk.NeutralizeBidi(tt.in); got != tt.want {
				t.Fatalf("NeutralizeBidi(%q)=%q, want %q", tt.in, got, tt.want)
			}
		})
	}
	// A one-line field also folds its line breaks.
	for in, want := range map[string]string{
		" Ana\nBcc: x@y\u2028 ": "Ana Bcc: x@y",
		"ana\u202e@example.net": "ana@example.net",
		"\u200b\t":              "",
	} {
		if got := proofdesk.NeutralizeLine(in); got != want {
			t.Fatalf("NeutralizeLine(%q)=%q, want %q", in, got, want)
		}
	}
}
