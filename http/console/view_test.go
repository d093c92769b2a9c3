package console

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
)

// TestViews renders every view, so a template error fails here, not in use.
func TestViews(t *testing.T) {
	h := NewHandler(nil, nil)
	data := map[string]any{
		"login": loginPage{CSRFToken: "tok", Email: "a@b.co", Error: "<oops>"},
		"home":  map[string]any{"Agent": &proofdesk.Agent{Name: "<Ada>", Role: "agent"}, "CSRFToken": "tok"},
		"error": map[string]string{"Title": "Forbidden", "Message": "no"},
	}
	for _, name := range viewNames {
		t.Run(name, func(t *testing.T) {
			d, ok := data[name]
			if !ok {
				t.Fatalf("no test data for view %s", name)
			}
			w := httptest.NewRecorder()
			h.render(w, httptest.NewRequest("GET", "/", nil), 200, name, d)
			body := w.Body.String()
			if w.Code != 200 || !strings.Contains(body, "<!doctype html>") {
				t.Fatalf("render %s: %d %s", name, w.Code, body)
			}
			if strings.Contains(body, "<oops>") || strings.Contains(body, "<Ada>") {
				t.Fatal("output not escaped")
			}
		})
	}
	defer func() {
		if recover() == nil {
			t.Fatal("rendering an unknown view did not panic")
		}
	}()
	h.render(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil), 200, "nope", nil)
}
