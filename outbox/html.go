package outbox

import (
	"bytes"
	"context"
	"html"
	"html/template"
	"regexp"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// The HTML alternative of every email: the plain text, unchanged in
// meaning (escaped, line breaks kept, http(s) links made links), under a
// header in the business's colour with its logo and name, so mail from
// the desk looks like the business's own. Plain text stays the first
// part for clients that prefer it.

var mailHTML = template.Must(template.New("mail").Parse(`<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{.Subject}}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;color:#1d2330;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7"><tr><td align="center" style="padding:16px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:8px">
<tr><td style="background:{{.Primary}};color:{{.OnPrimary}};padding:14px 20px;font-size:18px;font-weight:bold;border-radius:8px 8px 0 0">{{if .Logo}}<img src="{{.Logo}}" alt="" height="32" style="height:32px;max-width:160px;vertical-align:middle;margin-right:10px;border:0">{{end}}{{.Company}}</td></tr>
<tr><td style="padding:20px;font-size:15px;line-height:1.5;white-space:pre-wrap;word-wrap:break-word">{{.Body}}</td></tr>
</table></td></tr></table>
</body></html>
`))

var urlInText = regexp.MustCompile(`https?://[^\s<>"'\x60]+[^\s<>"'\x60.,;:!?)\]]`)

// htmlBody escapes text and makes its http(s) URLs links.
func htmlBody(text string) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range urlInText.FindAllStringIndex(text, -1) {
		b.WriteString(html.EscapeString(text[last:m[0]]))
		u := html.EscapeString(text[m[0]:m[1]])
		b.WriteString(`<a href="` + u + `" style="color:#1f4fc4">` + u + `</a>`)
		last = m[1]
	}
	b.WriteString(html.EscapeString(text[last:]))
	return template.HTML(b.String()) // every piece escaped above
}

// brand returns the branding mail carries: the stored one, else the
// configured company name.
func (w *Worker) brand(ctx context.Context) proofdesk.Branding {
	if w.cfg.Branding != nil {
		if b, err := w.cfg.Branding.FindBranding(ctx); err == nil && b.Company != "" {
			return *b
		}
	}
	company := w.cfg.Company
	if company == "" {
		company = w.from.Name
	}
	return proofdesk.Branding{Company: company}
}

// renderHTML returns the HTML alternative of a mail with subject and the
// plain-text body text, under branding b (nil: read it now).
func (w *Worker) renderHTML(ctx context.Context, subject, text string, b *proofdesk.Branding) ([]byte, error) {
	if b == nil {
		stored := w.brand(ctx)
		b = &stored
	}
	var buf bytes.Buffer
	err := mailHTML.Execute(&buf, struct {
		Subject, Company   string
		Logo               string
		Primary, OnPrimary template.CSS
		Body               template.HTML
	}{subject, b.Company, b.LogoURL, template.CSS(b.Primary()), template.CSS(b.ContrastText()), htmlBody(text)})
	return buf.Bytes(), err
}
