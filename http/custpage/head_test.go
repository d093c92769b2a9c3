package custpage

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/proofdesk/proofdesk/locale"
)

// TestHead renders a page through the shared partials: the document's
// language, the escaped title and banner, the one stylesheet the CSP
// allows by hash, and the page's own content between them.
func TestHead(t *testing.T) {
	fsys := fstest.MapFS{"p.html": {Data: []byte(`{{template "custpage.open" .}}<p>content</p>{{template "custpage.close"}}`)}}
	tmpl, err := ParseFS(fsys, "*.html")
	if err != nil {
		t.Fatal(err)
	}
	h := NewHead(context.Background(), nil, "Acme <Shop>", locale.For("de"))
	h.Title = "Bestätigung · " + h.Brand.Company
	w := httptest.NewRecorder()
	h.WriteHeader(w, 201)
	if err := tmpl.ExecuteTemplate(w.Body, "p.html", h); err != nil {
		t.Fatal(err)
	}
	body := w.Body.String()
	for _, want := range []string{
		"<!doctype html>\n<html lang=\"de\">",
		"<title>Bestätigung · Acme &lt;Shop&gt;</title>",
		"<style>" + Style(h.Brand) + "</style>",
		"<span>Acme &lt;Shop&gt; Support</span></header>\n<main>\n<p>content</p></main>\n</body>\n</html>",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q:\n%s", want, body)
		}
	}
	if w.Code != 201 || !strings.Contains(w.Header().Get("Content-Security-Policy"), StyleHash(Style(h.Brand))) || w.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("status %d, headers %v", w.Code, w.Header())
	}
}
