package console

import (
	"html"
	"html/template"
	"regexp"
	"strings"
)

var urlRE = regexp.MustCompile(`https?://[^\s<>"']+`)

// linkify escapes body and makes the links to base (the desk's own URL,
// such as the demo's verification and "this wasn't me" links) clickable;
// any other URL stays text. The result is safe HTML.
func linkify(body, base string) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range urlRE.FindAllStringIndex(body, -1) {
		u := strings.TrimRight(body[m[0]:m[1]], ".,;:)")
		end := m[0] + len(u)
		b.WriteString(html.EscapeString(body[last:m[0]]))
		if base != "" && (u == base || strings.HasPrefix(u, base+"/")) {
			b.WriteString(`<a href="` + html.EscapeString(u) + `" target="_blank" rel="noopener noreferrer">` + html.EscapeString(u) + `</a>`)
		} else {
			b.WriteString(html.EscapeString(u))
		}
		last = end
	}
	b.WriteString(html.EscapeString(body[last:]))
	return template.HTML(b.String()) // every piece escaped above
}
