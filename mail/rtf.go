package mail

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
)

// This file reads the body Outlook sends only as compressed RTF in a
// winmail.dat (PR_RTF_COMPRESSED): decompression per [MS-OXRTFCP], then
// the RTF's text, or the HTML it encapsulates ([MS-OXRTFEX]).

// rtfPrebuffer is the dictionary's initial content ([MS-OXRTFCP] §2.1.3.1.1).
const rtfPrebuffer = "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx"

// Compression types of [MS-OXRTFCP] §2.1.3.1.
const (
	rtfCompressed   = 0x75465A4C // "LZFu"
	rtfUncompressed = 0x414C454D // "MELA"
)

var errRTF = errors.New("malformed compressed RTF")

// decompressRTF returns the RTF of a PR_RTF_COMPRESSED value. The output is
// bounded by the header's RAWSIZE and by max; a reference past the input
// or a missing end marker is an error, never a read beyond b.
func decompressRTF(b []byte, max int) ([]byte, error) {
	if len(b) < 16 {
		return nil, errRTF
	}
	rawSize, compType := binary.LittleEndian.Uint32(b[4:]), binary.LittleEndian.Uint32(b[8:])
	if uint64(rawSize) > uint64(max) {
		return nil, errRTF
	}
	in := b[16:]
	switch compType {
	case rtfUncompressed:
		if uint64(len(in)) < uint64(rawSize) {
			return nil, errRTF
		}
		return in[:rawSize], nil
	case rtfCompressed:
	default:
		return nil, errRTF
	}
	var dict [4096]byte
	copy(dict[:], rtfPrebuffer)
	wp := len(rtfPrebuffer)
	// A reference of two bytes writes at most 17: the header's size is
	// not trusted for the allocation.
	out := make([]byte, 0, min(int(rawSize), 9*len(in)))
	for len(in) > 0 {
		ctrl := in[0]
		in = in[1:]
		for bit := 0; bit < 8; bit++ {
			if ctrl&(1<<bit) == 0 {
				if len(in) < 1 {
					return out, nil // the input ends between tokens
				}
				c := in[0]
				in = in[1:]
				out = append(out, c)
				dict[wp] = c
				wp = (wp + 1) % len(dict)
			} else {
				if len(in) < 2 {
					return nil, errRTF
				}
				ref := binary.BigEndian.Uint16(in)
				in = in[2:]
				off, n := int(ref>>4), int(ref&0xF)+2
				if off == wp {
					return out, nil // the end marker
				}
				for i := 0; i < n; i++ {
					c := dict[(off+i)%len(dict)]
					out = append(out, c)
					dict[wp] = c
					wp = (wp + 1) % len(dict)
				}
			}
			if len(out) > int(rawSize) {
				return nil, errRTF
			}
		}
	}
	return out, nil
}

// rtfDestinations are the groups whose text is not the document's.
var rtfDestinations = map[string]bool{
	"fonttbl": true, "colortbl": true, "stylesheet": true, "info": true, "pict": true,
	"header": true, "footer": true, "headerl": true, "headerr": true, "footerl": true, "footerr": true,
	"object": true, "listtable": true, "listoverridetable": true, "rsidtbl": true, "generator": true,
	"xmlnstbl": true, "themedata": true, "colorschememapping": true, "latentstyles": true, "datastore": true,
	"mmathPr": true, "pgdsctbl": true, "filetbl": true, "revtbl": true,
}

// rtfText returns the text of an RTF document, and whether it encapsulates
// HTML (\fromhtml1), in which case the text is that HTML ([MS-OXRTFEX]
// §2.1.3: the \*\htmltag groups and the text outside \htmlrtf blocks).
// Paragraph and line marks become line breaks, \'hh is read in the
// document's \ansicpg code page (Windows-1252 if none), \uN as that
// character. It reads at most len(rtf) bytes and never fails.
func rtfText(rtf []byte) (string, bool) {
	type group struct {
		skip    bool // a destination whose text is not shown
		ucSkip  int  // characters after \uN to skip (\ucN)
		htmltag bool
	}
	stack := []group{{ucSkip: 1}}
	var out []byte
	dec := charmap.Windows1252.NewDecoder()
	html, htmlrtf := false, false
	pendingSkip := 0 // fallback characters left to skip after \uN
	emit := func(b []byte) {
		top := stack[len(stack)-1]
		if top.skip || (htmlrtf && !top.htmltag) {
			return
		}
		out = append(out, b...)
	}
	i := 0
	for i < len(rtf) {
		c := rtf[i]
		switch c {
		case '{':
			stack = append(stack, stack[len(stack)-1])
			i++
			if bytes.HasPrefix(rtf[i:], []byte("\\*")) {
				// An optional destination: skipped unless it is an
				// encapsulated HTML tag.
				j := i + 2
				for j < len(rtf) && (rtf[j] == ' ' || rtf[j] == '\r' || rtf[j] == '\n') {
					j++
				}
				if bytes.HasPrefix(rtf[j:], []byte("\\htmltag")) {
					stack[len(stack)-1].htmltag = true
				} else {
					stack[len(stack)-1].skip = true
				}
				i = j
			}
		case '}':
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
			i++
		case '\\':
			i++
			if i >= len(rtf) {
				break
			}
			switch n := rtf[i]; {
			case n == '\'':
				if i+2 < len(rtf) {
					if v, err := strconv.ParseUint(string(rtf[i+1:i+3]), 16, 8); err == nil {
						if pendingSkip > 0 {
							pendingSkip--
						} else if d, err := dec.Bytes([]byte{byte(v)}); err == nil {
							emit(d)
						}
					}
				}
				i += 3
			case n == '\\' || n == '{' || n == '}':
				emit([]byte{n})
				i++
			case n == '~':
				emit([]byte("\u00a0"))
				i++
			case n == '\r' || n == '\n':
				emit([]byte("\n"))
				i++
			case n >= 'a' && n <= 'z' || n >= 'A' && n <= 'Z':
				j := i
				for j < len(rtf) && (rtf[j] >= 'a' && rtf[j] <= 'z' || rtf[j] >= 'A' && rtf[j] <= 'Z') {
					j++
				}
				word := string(rtf[i:j])
				k := j
				if k < len(rtf) && rtf[k] == '-' {
					k++
				}
				for k < len(rtf) && rtf[k] >= '0' && rtf[k] <= '9' && k-j < 11 {
					k++
				}
				param, hasParam := 0, k > j
				if hasParam {
					param, _ = strconv.Atoi(string(rtf[j:k]))
				}
				if k < len(rtf) && rtf[k] == ' ' {
					k++ // the delimiter is part of the control word
				}
				i = k
				top := &stack[len(stack)-1]
				switch {
				case rtfDestinations[word]:
					top.skip = true
				case word == "fromhtml":
					html = true
				case word == "htmlrtf":
					htmlrtf = !hasParam || param != 0
				case word == "ansicpg":
					if e, err := htmlindex.Get("windows-" + strconv.Itoa(param)); err == nil {
						dec = e.NewDecoder()
					}
				case word == "uc":
					top.ucSkip = param
				case word == "u":
					if param < 0 {
						param += 65536
					}
					emit([]byte(string(rune(param))))
					pendingSkip = top.ucSkip
				case word == "par" || word == "line" || word == "row":
					emit([]byte("\n"))
				case word == "tab" || word == "cell":
					emit([]byte("\t"))
				case word == "emdash":
					emit([]byte("—"))
				case word == "endash":
					emit([]byte("–"))
				case word == "lquote":
					emit([]byte("‘"))
				case word == "rquote":
					emit([]byte("’"))
				case word == "ldblquote":
					emit([]byte("“"))
				case word == "rdblquote":
					emit([]byte("”"))
				case word == "bullet":
					emit([]byte("•"))
				}
			default:
				i++ // another control symbol
			}
		case '\r', '\n':
			i++ // line breaks in RTF source are not text
		default:
			j := i
			for j < len(rtf) && rtf[j] != '\\' && rtf[j] != '{' && rtf[j] != '}' && rtf[j] != '\r' && rtf[j] != '\n' {
				j++
			}
			run := rtf[i:j]
			for pendingSkip > 0 && len(run) > 0 {
				run, pendingSkip = run[1:], pendingSkip-1
			}
			emit(run)
			i = j
		}
	}
	return strings.TrimSpace(string(out)), html
}
