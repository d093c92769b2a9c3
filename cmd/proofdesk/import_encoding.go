package main

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// This file turns the bytes of an import file into UTF-8 text: what
// spreadsheets write (Excel's "CSV" is Windows-1252 on Western Windows,
// "CSV UTF-8" has a byte order mark, "Unicode Text" is UTF-16LE with one).
// Decoding is done by golang.org/x/text/encoding; encoding names are the
// WHATWG Encoding Standard's labels (https://encoding.spec.whatwg.org/#names-and-labels).

// encodingAuto is the --encoding value that detects the encoding.
const encodingAuto = "auto"

// Byte order marks (Unicode 15, section 23.8).
var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decodeImportText returns b as UTF-8 text and the name of the encoding it
// was read in. name is an --encoding value: "auto", "utf-16" (either byte
// order, the byte order mark is required), or any WHATWG label
// ("utf-8", "utf-16le", "windows-1252", "latin1", "windows-1251", ...).
//
// auto reads a byte order mark (UTF-8, UTF-16LE, UTF-16BE); without one,
// the file is UTF-8 if it is valid UTF-8, else Windows-1252 if it looks like
// Windows-1252 text, else it is refused. A file that is not valid in the
// chosen encoding is refused with importErrors naming the first bad line;
// so are NUL bytes, C1 control characters (bytes that Windows-1252 leaves
// undefined) and U+FFFD, the mark of an earlier lossy conversion. A leading
// byte order mark is dropped.
func decodeImportText(b []byte, name string) ([]byte, string, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		name = encodingAuto
	}
	var enc encoding.Encoding
	label := name
	switch name {
	case encodingAuto:
		switch {
		case bytes.HasPrefix(b, bomUTF8):
			enc, label = unicode.UTF8, "utf-8" // checked as is; the mark is dropped below
		case bytes.HasPrefix(b, bomUTF16LE), bytes.HasPrefix(b, bomUTF16BE):
			enc, label = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16"
		case bytes.IndexByte(b, 0) >= 0:
			// Text in UTF-8 or Windows-1252 has no NUL; UTF-16 of ASCII is half NULs.
			return nil, "", importErrors{{Line: bytes.Count(b[:bytes.IndexByte(b, 0)], []byte{'\n'}) + 1, Message: nulMessage}}
		case utf8.Valid(b):
			enc, label = unicode.UTF8, "utf-8"
		default:
			if line := notWindows1252Line(b); line > 0 {
				return nil, "", importErrors{{Line: line, Message: fmt.Sprintf("not valid UTF-8 (from line %d), and not Windows-1252 text either: "+
					"name the file's encoding with --encoding (e.g. windows-1252, windows-1251, iso-8859-2, iso-8859-15, macintosh, shift_jis, utf-16le)", firstInvalidUTF8Line(b))}}
			}
			enc, label = charmap.Windows1252, "windows-1252"
		}
	case "utf-16":
		if !bytes.HasPrefix(b, bomUTF16LE) && !bytes.HasPrefix(b, bomUTF16BE) {
			return nil, "", importErrors{{Line: 1, Message: "--encoding utf-16 needs a byte order mark at the start of the file; " +
				"without one, say the byte order: --encoding utf-16le or utf-16be"}}
		}
		enc = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case "utf-8", "utf8", "unicode-1-1-utf-8":
		enc, label = unicode.UTF8, "utf-8" // checked as is; a leading mark is dropped below
	default:
		var err error
		enc, err = htmlindex.Get(name)
		if err != nil {
			return nil, "", fmt.Errorf("--encoding %q is not an encoding name (auto, utf-8, utf-16, utf-16le, utf-16be, windows-1252, iso-8859-15, windows-1251, ...)", name)
		}
		if canon, err := htmlindex.Name(enc); err == nil {
			label = canon
		}
		line := utf8LettersLine(b)
		if line == 0 && bytes.HasPrefix(b, bomUTF8) {
			line = 1 // a UTF-8 byte order mark
		}
		if line > 0 && !strings.HasPrefix(label, "utf-16") {
			// Read as a legacy encoding, UTF-8 letters turn into two or
			// three wrong ones each ("é" becomes "Ã©" in windows-1252).
			return nil, "", importErrors{{Line: line, Message: fmt.Sprintf("the file is UTF-8 text (letters outside ASCII from this line), "+
				"not %s: read as %s they would turn into other letters; use --encoding utf-8, or leave --encoding out", label, label)}}
		}
	}
	text := b
	if enc != unicode.UTF8 { // valid UTF-8 needs no copy
		var err error
		// x/text decoders replace what is invalid with U+FFFD, which the
		// check below refuses with its line; an error here is a truncated
		// UTF-16 file (an odd byte) or a missing byte order mark.
		text, err = enc.NewDecoder().Bytes(b)
		if err != nil {
			return nil, "", importErrors{{Line: bytes.Count(b, []byte{'\n'}) + 1, Message: fmt.Sprintf("not valid %s: %v", label, err)}}
		}
	}
	text = bytes.TrimPrefix(text, bomUTF8) // utf-16le/be labels keep the mark
	if line, msg := checkImportText(text, label, enc != unicode.UTF8); msg != "" {
		return nil, "", importErrors{{Line: line, Message: msg}}
	}
	return text, label, nil
}

// checkImportText finds the first line of decoded text that holds an
// invalid sequence or U+FFFD, a NUL or a C1 control character, and says
// why. It returns 0, "" when the text is clean.
// decoded says text came out of a decoder, which turns invalid input into
// U+FFFD.
func checkImportText(text []byte, label string, decoded bool) (int, string) {
	lineOf := func(i int) int { return bytes.Count(text[:i], []byte{'\n'}) + 1 }
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf { // ASCII: only NUL is refused
			if c == 0 {
				return lineOf(i), nulMessage
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return lineOf(i), fmt.Sprintf("not valid %s: choose the file's encoding with --encoding", label)
		case r == utf8.RuneError && decoded:
			return lineOf(i), fmt.Sprintf("not valid %s: choose the file's encoding with --encoding "+
				"(or the file holds U+FFFD REPLACEMENT CHARACTER, the mark of letters lost in an earlier conversion)", label)
		case r == utf8.RuneError:
			return lineOf(i), "holds U+FFFD REPLACEMENT CHARACTER, the mark of letters lost in an earlier conversion: fix those letters in the file first"
		case r >= 0x80 && r <= 0x9F:
			return lineOf(i), fmt.Sprintf("not valid %s: holds control character U+%04X (a byte the encoding leaves undefined?); choose the file's encoding with --encoding", label, r)
		}
		i += size
	}
	return 0, ""
}

const nulMessage = "holds a NUL byte: is it UTF-16 without a byte order mark? Then use --encoding utf-16le or utf-16be"

// notWindows1252Line returns 0 if b, which is not valid UTF-8, reads as
// text in Windows-1252, else the 1-based line where it does not: every byte is defined there (0x81, 0x8D, 0x8F,
// 0x90 and 0x9D are not), there are no NULs, no run of three or more
// non-ASCII bytes, and no letter of Mac Roman or ISO-8859-15 that
// Windows-1252 would misread (misreadLetter). Letters outside ASCII in Western European languages come
// one or two at a time between ASCII ones ("Müller", "Größe", "ação");
// Cyrillic (Windows-1251), Greek, Shift_JIS or Big5 text is runs of them,
// and is refused rather than turned into Latin mojibake.
func notWindows1252Line(b []byte) int {
	run, line := 0, 1
	for i, c := range b {
		switch {
		case c == 0 || c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D:
			return line
		case c >= 0x80:
			run++
			if run >= 3 || misreadLetter(b, i) {
				return line
			}
		default:
			run = 0
			if c == '\n' {
				line++
			}
		}
	}
	return 0
}

// misreadLetter reports whether the byte b[i] (not ASCII) is a letter of
// another single-byte encoding that Windows-1252 would turn into something
// no name holds there:
//
//   - an uppercase Š Œ Ž Ÿ (8a 8c 8e 9f) right after a lowercase letter,
//     or between a letter and a lowercase one: Mac Roman's ä é ü
//     ("JosŽ", "MŸller", "JŠger"; Excel for Mac's "CSV" was Mac Roman),
//     where a Czech "Škoda" or "KOŠICE" is written otherwise;
//   - a symbol between two letters: ƒ † ‡ ˆ ‰ • ™ § (83 86–89 95 99 a7;
//     Mac Roman's É Ü á à â ï ô ß: "Ch‰teau", "Stra§e");
//   - a symbol beside a letter: ¤ ¦ ¨ ¸ ¼ ½ ¾ (a4 a6 a8 b8 bc–be,
//     ISO-8859-15's € Š š ž Œ œ Ÿ: "¦midt"). Its Ž (b4) reads as ´,
//     which people type for an apostrophe ("D´Angelo"), and is let be.
//
// Letters are ASCII letters or other non-ASCII bytes.
func misreadLetter(b []byte, i int) bool {
	letter := func(j int) bool {
		if j < 0 || j >= len(b) {
			return false
		}
		c := b[j]
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
	}
	lower := func(j int) bool { return j >= 0 && j < len(b) && b[j] >= 'a' && b[j] <= 'z' }
	switch b[i] {
	case 0x8A, 0x8C, 0x8E, 0x9F:
		return lower(i-1) || letter(i-1) && lower(i+1)
	case 0x83, 0x86, 0x87, 0x88, 0x89, 0x95, 0x99, 0xA7:
		return letter(i-1) && letter(i+1)
	case 0xA4, 0xA6, 0xA8, 0xB8, 0xBC, 0xBD, 0xBE:
		return letter(i-1) || letter(i+1)
	}
	return false
}

// firstInvalidUTF8Line is the 1-based line of b's first invalid UTF-8 sequence.
func firstInvalidUTF8Line(b []byte) int {
	line := 1
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		i += size
	}
	return line
}

// utf8LettersLine returns the 1-based line of b's first multi-byte UTF-8
// sequence if b is valid UTF-8 holding any, else 0.
func utf8LettersLine(b []byte) int {
	if !utf8.Valid(b) {
		return 0
	}
	b = bytes.TrimPrefix(b, bomUTF8)
	i := bytes.IndexFunc(b, func(r rune) bool { return r >= utf8.RuneSelf })
	if i < 0 {
		return 0
	}
	return bytes.Count(b[:i], []byte{'\n'}) + 1
}
