package mail

import (
	"encoding/hex"
	"strings"
	"testing"
)

// TestDecompressRTF decodes the examples of [MS-OXRTFCP] §3.1.1 and
// §3.1.2 (the second with references that overlap what they write).
func TestDecompressRTF(t *testing.T) {
	if len(rtfPrebuffer) != 207 {
		t.Fatalf("prebuffer is %d bytes, want 207 ([MS-OXRTFCP] §2.1.3.1.1)", len(rtfPrebuffer))
	}
	tests := []struct{ hex, want string }{
		{"2d0000002b0000004c5a4675f1c5c7a703000a0072637067313235423 20af32068656c0900206277 05b06c647d0a800fa0", "{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n"},
		{"1a0000001c0000004c5a4675e2d44b51410004205758595a0d6e7d010eb0", "{\\rtf1 WXYZWXYZWXYZWXYZWXYZ}"},
	}
	for _, tt := range tests {
		b, err := hex.DecodeString(strings.ReplaceAll(tt.hex, " ", ""))
		if err != nil {
			t.Fatal(err)
		}
		got, err := decompressRTF(b, 1<<20)
		if err != nil || string(got) != tt.want {
			t.Fatalf("decompressRTF=%q, %v; want %q", got, err, tt.want)
		}
		// Truncated anywhere: an error or a prefix, never a panic.
		for i := range b {
			if out, err := decompressRTF(b[:i], 1<<20); err == nil && !strings.HasPrefix(tt.want, string(out)) {
				t.Fatalf("truncated at %d: %q", i, out)
			}
		}
	}
}

// TestRTFText reads the text of plain RTF and the HTML of encapsulated
// HTML ([MS-OXRTFEX] §4.1's shape).
func TestRTFText(t *testing.T) {
	plain := `{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Calibri;}}{\*\generator Riched20;}\viewkind4\uc1\pard\f0\fs22 Die Teilenummer ist RX-230.\par Gr\'fc\'dfe, J\u252?rgen\par}`
	if got, html := rtfText([]byte(plain)); got != "Die Teilenummer ist RX-230.\nGrüße, Jürgen" || html {
		t.Fatalf("rtfText=%q html=%v", got, html)
	}
	enc := `{\rtf1\ansi\ansicpg1252\fromhtml1 \deff0{\fonttbl{\f0\fswiss Arial;}}{\*\htmltag19 <html>}{\*\htmltag50 <body>}\htmlrtf {\htmlrtf0 {\*\htmltag64 <p>}Teil RX-231 \'e0 livrer{\*\htmltag72 </p>}\htmlrtf }\htmlrtf0 {\*\htmltag58 </body>}{\*\htmltag27 </html>}}`
	got, html := rtfText([]byte(enc))
	if !html || HTMLToText(got) != "Teil RX-231 à livrer" {
		t.Fatalf("rtfText=%q html=%v → %q", got, html, HTMLToText(got))
	}
}
