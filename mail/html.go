package mail

import (
	"html"
	"strings"
)

// HTMLToText converts an HTML body to plain text: the contents of script,
// style, head, template and similar elements are dropped, comments and tags
// are stripped, block elements become line breaks, entities are unescaped
// and runs of blank space are collapsed. It runs in linear time and never
// fails; unterminated tags or comments end the text.
//
// The result is plain text for storage, not safe HTML: whoever renders it
// must escape it.
func HTMLToText(s string) string {
	var b strings.Builder
	b.Grow(len(s) / 2)
	i := 0
	for i < len(s) {
		if s[i] != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			writeHTMLText(&b, s[i:i+j])
			i += j
			continue
		}
		if strings.HasPrefix(s[i:], "<!--") {
			end := strings.Index(s[i+4:], "-->")
			if end < 0 {
				break
			}
			i += 4 + end + 3
			continue
		}
		if i+1 < len(s) && !isTagStart(s[i+1]) {
			b.WriteByte('<') // "1 < 2": not a tag
			i++
			continue
		}
		end := tagEnd(s, i+1)
		if end < 0 {
			break
		}
		name, closing := tagName(s[i+1 : end])
		i = end + 1
		if !closing && skipElements[name] {
			// Drop everything up to the matching close tag.
			j := indexFold(s[i:], "</"+name)
			if j < 0 {
				i = len(s)
				break
			}
			i += j
			if k := strings.IndexByte(s[i:], '>'); k >= 0 {
				i += k + 1
			} else {
				i = len(s)
			}
			continue
		}
		switch {
		case blockElements[name]:
			b.WriteByte('\n')
		case name == "td" || name == "th":
			if !closing {
				b.WriteByte(' ')
			}
		}
	}
	return collapseBlank(html.UnescapeString(b.String()))
}

// skipElements are elements whose contents are never shown as text.
var skipElements = map[string]bool{
	"script": true, "style": true, "head": true, "title": true,
	"template": true, "noscript": true, "iframe": true, "object": true,
	"svg": true, "math": true, "textarea": true, "select": true,
}

// blockElements are elements that start or end a line.
var blockElements = map[string]bool{
	"br": true, "p": true, "div": true, "li": true, "tr": true, "hr": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"table": true, "blockquote": true, "pre": true, "ul": true, "ol": true,
	"section": true, "article": true, "header": true, "footer": true,
	"dt": true, "dd": true, "address": true,
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

// isTagStart reports whether c may follow '<' in a tag, comment or
// declaration.
func isTagStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/' || c == '!' || c == '?'
}

// tagEnd returns the index of the '>' closing the tag that starts before
// from, skipping quoted attribute values, or -1.
func tagEnd(s string, from int) int {
	var quote byte
	for i := from; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

// tagName returns the lowercase element name of a tag body ("/p", "br/",
// "a href=...") and whether it is a closing tag.
func tagName(tag string) (name string, closing bool) {
	if strings.HasPrefix(tag, "/") {
		closing = true
		tag = tag[1:]
	}
	end := 0
	for end < len(tag) {
		c := tag[end]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			break
		}
		end++
	}
	return strings.ToLower(tag[:end]), closing
}

// indexFold is strings.Index ignoring ASCII case of s.
func indexFold(s, lowerSub string) int {
	n := len(lowerSub)
	for i := 0; i+n <= len(s); i++ {
		if s[i] == '<' && strings.EqualFold(s[i:i+n], lowerSub) {
			return i
		}
	}
	return -1
}

// collapseBlank trims every line, collapses runs of spaces inside lines and
// keeps at most one blank line in a row.
func collapseBlank(s string) string {
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	blank := true // drop leading blank lines
	for _, l := range lines {
		l = strings.Join(strings.Fields(strings.ReplaceAll(l, "\u00a0", " ")), " ")
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
