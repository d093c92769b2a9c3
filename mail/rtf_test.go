package mail

import (
	"encoding/hex"
	"math/rand/v2"
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
	// Every prefix of both, and random RTF-like bytes: it ends, and
	// decompression stays within its bound.
	for _, doc := range []string{plain, enc} {
		for i := range doc {
			_, _ = rtfText([]byte(doc[:i]))
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte(`{}'*uc0123456789abfhtmlrpa -`)
	for n := 0; n < 2000; n++ {
		b := make([]byte, r.IntN(200))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		_, _ = rtfText(b)
		if out, err := decompressRTF(append([]byte{20, 0, 0, 0, 64, 0, 0, 0, 0x4c, 0x5a, 0x46, 0x75, 0, 0, 0, 0}, b...), 64); err == nil && len(out) > 64 {
			t.Fatalf("%d bytes out, over the bound of 64", len(out))
		}
	}
}

// FuzzRTF: decompression stays within its bound and the text reader ends,
// on any input.
func FuzzRTF(f *testing.F) {
	b, _ := hex.DecodeString("1a0000001c0000004c5a4675e2d44b51410004205758595a0d6e7d010eb0")
	f.Add(b)
	f.Add([]byte(`{\rtf1\ansi\fromhtml1 {\*\htmltag64 <p>}a\'e9\u252?b\htmlrtf {\par}\htmlrtf0}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if out, err := decompressRTF(data, 1<<16); err == nil && len(out) > 1<<16 {
			t.Fatalf("%d bytes out, over the bound", len(out))
		}
		_, _ = rtfText(data)
	})
}
