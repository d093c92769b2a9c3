package custpage

import (
	"context"
	_ "embed"
	"html/template"
	"io/fs"
	"net/http"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/locale"
)

//go:embed head.html
var headHTML string

// Head is what the opening every customer page shares shows (head.html,
// "custpage.open"): the document's language, its title, the stylesheet
// and the business's banner (name and logo).
type Head struct {
	// Lang is the page's language, a BCP 47 tag ("" reads as "en").
	Lang string
	// Title is the whole <title>, the business's name included.
	Title string
	// CSS is Style(Brand), the one stylesheet SetHeaders's CSP allows.
	CSS   template.CSS
	Brand Brand
	// Banner names the business's support in the page's language.
	Banner string
}

// NewHead returns the head of a page in tx's language with the stored
// branding (LoadBrand: svc, else company); the caller sets Title, which
// usually names Brand.Company.
func NewHead(ctx context.Context, svc proofdesk.BrandingService, company string, tx locale.Texts) Head {
	b := LoadBrand(ctx, svc, company)
	return Head{Lang: tx.Lang, CSS: template.CSS(Style(b)), Brand: b, Banner: tx.T("support_of", b.Company)}
}

// WriteHeader sets the page's headers for its stylesheet (SetHeaders) and
// writes status.
func (h Head) WriteHeader(w http.ResponseWriter, status int) {
	SetHeaders(w, string(h.CSS))
	w.WriteHeader(status)
}

// ParseFS parses the page templates of fsys that match patterns
// (template.ParseFS) together with the partials every customer page
// shares: "custpage.open", given a Head, writes the document from
// <!doctype html> to <main>; "custpage.close" closes it.
func ParseFS(fsys fs.FS, patterns ...string) (*template.Template, error) {
	t, err := template.New("custpage").Parse(headHTML)
	if err != nil {
		return nil, err
	}
	return t.ParseFS(fsys, patterns...)
}
