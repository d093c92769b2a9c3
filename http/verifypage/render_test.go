package verifypage

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk/http/custpage"
)

// TestRenderEveryView renders each registered view and checks that the
// style the page carries is the one the CSP allows by hash.
func TestRenderEveryView(t *testing.T) {
	h := &Handler{}
	d := pageData{Token: "tok", CSRF: "1.abc", Agent: "Ann", Channel: "Live chat", Since: "1 Jan 2026, 10:00 UTC",
		Expires: "1 Jan 2026, 10:10 UTC", Choices: []int{12, 34, 56}, Message: "A message"}
	for _, name := range viewNames {
		t.Run(name, func(t *testing.T) {
			w := httptest.NewRecorder()
			h.render(w, httptest.NewRequest("GET", "/v/tok", nil), 200, name, d)
			body := w.Body.String()
			if w.Code != 200 || !strings.HasPrefix(body, "<!doctype html>") || !strings.Contains(body, "</html>") {
				t.Fatalf("view %s: status %d, body %s", name, w.Code, body)
			}
			style := custpage.Style(custpage.LoadBrand(context.Background(), nil, ""))
			if !strings.Contains(body, "<style>"+style+"</style>") || !strings.Contains(w.Header().Get("Content-Security-Policy"), custpage.StyleHash(style)) {
				t.Fatalf("view %s: style differs from the hashed stylesheet", name)
			}
			if strings.Contains(body, "<script") {
				t.Fatalf("view %s has a script", name)
			}
		})
	}
	if len(views) != len(viewNames) {
		t.Fatalf("%d views parsed, %d named", len(views), len(viewNames))
	}
	defer func() {
		if recover() == nil {
			t.Fatal("rendering an unregistered view did not panic")
		}
	}()
	h.render(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil), 200, "nope", d)
}
