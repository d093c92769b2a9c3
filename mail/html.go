package mail

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTMLToText converts an HTML body to plain text with the HTML5 tokenizer
// of golang.org/x/net/html, so comments, raw-text elements and malformed
// markup end where a browser ends them (an empty comment "<!-->" does not
// swallow the rest of the mail). The contents of script, style, head,
// template and similar elements are dropped, block elements become line
// breaks, table cells are separated by a space, entities are unescaped and
// runs of blank space are collapsed. The lines of a <blockquote> start
// with "> ", one per level, as mail clients write quoted text in plain
// text (StripQuoted drops them from what the conversation shows). An inline image (<img src="cid:…">)
// becomes "[image: NAME]" where NAME is its alt text or content ID, so the
// reader sees where it stood. It runs in linear time and never fails.
//
// The result is plain text for storage, not safe HTML: whoever renders it
// must escape it.
func HTMLToText(s string) string {
	var b strings.Builder
	b.Grow(len(s) / 2)
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0  // depth inside elements whose content is never shown
	quote := 0 // depth inside <blockquote>
	lineHasText := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			// io.EOF for a string reader; an unterminated tag or
			// comment at the end is dropped, as a browser drops it.
			return collapseBlank(b.String())
		case html.TextToken:
			if skip == 0 {
				t := string(z.Text())
				if strings.TrimSpace(t) != "" {
					if quote > 0 && !lineHasText {
						b.WriteString(strings.Repeat("> ", quote))
					}
					lineHasText = true
				}
				writeHTMLText(&b, t)
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if skipElements[a] {
				switch {
				case tt == html.StartTagToken:
					skip++
				case tt == html.EndTagToken && skip > 0:
					skip--
				}
				continue
			}
			if skip > 0 {
				continue
			}
			if a == atom.Blockquote {
				switch {
				case tt == html.StartTagToken:
					quote++
				case tt == html.EndTagToken && quote > 0:
					quote--
				}
			}
			switch {
			case blockElements[a]:
				b.WriteByte('\n')
				lineHasText = false
			case a == atom.Td || a == atom.Th:
				if tt != html.EndTagToken {
					b.WriteByte(' ')
				}
			case a == atom.Img && hasAttr && tt != html.EndTagToken:
				if ref := inlineImage(z); ref != "" {
					b.WriteString(" [image: " + ref + "] ")
					lineHasText = true
				}
			}
		}
	}
}

// inlineImage returns how to name an <img> that shows a part of the mail
// (src "cid:…"): its alt text, else its content ID. Other images (remote
// URLs, which mail clients block) give "".
func inlineImage(z *html.Tokenizer) string {
	var src, alt string
	for {
		k, v, more := z.TagAttr()
		switch string(k) {
		case "src":
			src = string(v)
		case "alt":
			alt = string(v)
		}
		if !more {
			break
		}
	}
	src = strings.TrimSpace(src)
	if len(src) < 4 || !strings.EqualFold(src[:4], "cid:") {
		return ""
	}
	cid := src[4:]
	if name := cleanLine(alt, 200); name != "" {
		return name
	}
	return cleanLine(cid, 200)
}

// skipElements are elements whose contents are never shown as text.
var skipElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Head: true, atom.Title: true,
	atom.Template: true, atom.Noscript: true, atom.Iframe: true, atom.Object: true,
	atom.Svg: true, atom.Math: true, atom.Textarea: true, atom.Select: true,
}

// blockElements are elements that start or end a line.
var blockElements = map[atom.Atom]bool{
	atom.Br: true, atom.P: true, atom.Div: true, atom.Li: true, atom.Tr: true, atom.Hr: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Table: true, atom.Blockquote: true, atom.Pre: true, atom.Ul: true, atom.Ol: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true,
	atom.Dt: true, atom.Dd: true, atom.Address: true,
}

// writeHTMLText writes a text run, turning source line breaks and tabs into
// spaces as a browser does.
func writeHTMLText(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\n', '\r', '\t', '\f':
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
}

// htmlTextRune maps a no-break space to a space and drops what an entity
// such as "&#8203;" may have produced that every channel drops (isHidden)
// or that is a control character.
func htmlTextRune(r rune) rune {
	switch {
	case r == '\u00a0':
		return ' '
	case r != '\t' && unicode.IsControl(r), isHidden(r):
		return -1
	}
	return r
}

// collapseBlank trims every line, collapses runs of spaces inside lines and
// keeps at most one blank line in a row.
func collapseBlank(s string) string {
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	blank := true // drop leading blank lines
	for _, l := range lines {
		l = strings.Join(strings.Fields(strings.Map(htmlTextRune, l)), " ")
		if l == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, l)
		blank = false
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
