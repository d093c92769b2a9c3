package http_test

import (
	"mime"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

func TestServeAttachment(t *testing.T) {
	t.Parallel()
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	tests := []struct {
		name     string
		a        proofdesk.Attachment
		query    string
		wantType string
		wantDisp string
		wantName string
	}{
		{"png shown inline", proofdesk.Attachment{Filename: "shot.png", ContentType: "image/png", Data: png}, "", "image/png", "inline", "shot.png"},
		{"png asked as download", proofdesk.Attachment{Filename: "shot.png", ContentType: "image/png", Data: png}, "?download=1", "image/png", "attachment", "shot.png"},
		{"html named png is a download", proofdesk.Attachment{Filename: "x.png", ContentType: "image/png", Data: []byte("<html><script>alert(1)</script>")}, "", "image/png", "attachment", "x.png"},
		{"svg is never inline", proofdesk.Attachment{Filename: "logo.svg", ContentType: "image/svg+xml", Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)}, "", "application/octet-stream", "attachment", "logo.svg"},
		{"html is bytes", proofdesk.Attachment{Filename: "page.html", ContentType: "text/html; charset=utf-8", Data: []byte("<script>alert(1)</script>")}, "", "application/octet-stream", "attachment", "page.html"},
		{"pdf is a download", proofdesk.Attachment{Filename: "Rechnung März.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.7")}, "", "application/pdf", "attachment", "Rechnung März.pdf"},
		{"bad type", proofdesk.Attachment{Filename: "a", ContentType: "not a type", Data: []byte("x")}, "", "application/octet-stream", "attachment", "a"},
		{"name with quotes and RLO", proofdesk.Attachment{Filename: "a\"b\u202e.txt", ContentType: "text/plain", Data: []byte("x")}, "", "text/plain", "attachment", "a\"b.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := httptest.NewRecorder()
			httpd.ServeAttachment(w, httptest.NewRequest("GET", "/f"+tt.query, nil), &tt.a)
			res := w.Result()
			if got := res.Header.Get("Content-Type"); got != tt.wantType {
				t.Fatalf("Content-Type=%q, want %q", got, tt.wantType)
			}
			if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Fatalf("X-Content-Type-Options=%q, want nosniff", got)
			}
			// Go's mime package reads RFC 2231/8187 filename* as browsers do.
			disp, params, err := mime.ParseMediaType(res.Header.Get("Content-Disposition"))
			if err != nil || disp != tt.wantDisp || params["filename"] != tt.wantName {
				t.Fatalf("Content-Disposition=%q (%q %v), want %s with filename %q", res.Header.Get("Content-Disposition"), disp, params, tt.wantDisp, tt.wantName)
			}
			if w.Body.String() != string(tt.a.Data) {
				t.Fatalf("body=%q, want the file", w.Body.String())
			}
			if res.Header.Get("Content-Security-Policy") == "" || res.StatusCode != http.StatusOK {
				t.Fatalf("status=%d CSP=%q", res.StatusCode, res.Header.Get("Content-Security-Policy"))
			}
		})
	}
}
