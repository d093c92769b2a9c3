package exportpage_test

import (
	"archive/zip"
	"bytes"
	"context"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/http/exportpage"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

type mux struct{ *http.ServeMux }

func (m mux) Handle(p string, h http.Handler) { m.ServeMux.Handle(p, h) }

// TestExportPage opens the emailed link as a mail scanner and a browser
// would, on each store: GET changes nothing, a POST without the page's
// CSRF token does nothing, the button downloads the zip once, and a wrong
// token is refused.
func TestExportPage(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := sqldbtest.NewFixture(t, db)
		f.VerifyL2(t, f.Conv)
		if _, err := f.VS.Notices().Exports().ExportFromConversation(f.SupCtx, f.Conv.ID); err != nil {
			t.Fatal(err)
		}
		msgs, _ := sqldb.NewOutboxService(db).FindOutbox(ctx, 100)
		var link string
		for _, m := range msgs {
			if m.Purpose == proofdesk.PurposeExportLink {
				link = regexp.MustCompile(`/x/[A-Za-z0-9_.-]+`).FindString(m.Body)
			}
		}
		if link == "" {
			t.Fatal("no export link in the outbox")
		}
		if _, err := exportpage.NewHandler(f.VS.Notices().Exports(), []byte("short"), nil); err == nil {
			t.Fatal("a short CSRF key was accepted")
		}
		h, err := exportpage.NewHandler(f.VS.Notices().Exports(), []byte(strings.Repeat("k", 32)), nil)
		if err != nil {
			t.Fatal(err)
		}
		m := mux{http.NewServeMux()}
		h.Register(m)
		srv := httptest.NewServer(m)
		defer srv.Close()
		jar, _ := cookiejar.New(nil)
		browser := &http.Client{Jar: jar}
		do := func(c *http.Client, method, path string, form url.Values) (int, http.Header, []byte) {
			t.Helper()
			var resp *http.Response
			var err error
			if method == http.MethodGet {
				resp, err = c.Get(srv.URL + path)
			} else {
				resp, err = c.PostForm(srv.URL+path, form)
			}
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, resp.Header, b
		}
		// A mail scanner opens it (twice): nothing is used up.
		for range 2 {
			if status, _, body := do(http.DefaultClient, http.MethodGet, link, nil); status != 200 || !strings.Contains(string(body), "Download my data") {
				t.Fatalf("scanner GET: %d %s", status, body)
			}
		}
		// In the browser's language.
		req, _ := http.NewRequest(http.MethodGet, srv.URL+link, nil)
		req.Header.Set("Accept-Language", "nl-BE,nl;q=0.9")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		nl, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(nl), `<html lang="nl">`) || !strings.Contains(string(nl), "Mijn gegevens downloaden") {
			t.Fatalf("Dutch GET: %d %s", resp.StatusCode, nl)
		}
		// A wrong token: refused.
		if status, _, _ := do(browser, http.MethodGet, link[:len(link)-3]+"abc", nil); status != http.StatusNotFound {
			t.Fatalf("wrong token: %d, want 404", status)
		}
		// A POST without the page's token (a forged form) does nothing.
		if status, hdr, _ := do(http.DefaultClient, http.MethodPost, link, url.Values{"csrf": {"1.x"}}); status != http.StatusForbidden || hdr.Get("Content-Type") == "application/zip" {
			t.Fatalf("forged POST: %d %s", status, hdr.Get("Content-Type"))
		}
		// The browser opens the page and presses the button.
		status, _, body := do(browser, http.MethodGet, link, nil)
		sm := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(body)
		if status != 200 || sm == nil {
			t.Fatalf("browser GET: %d %s", status, body)
		}
		csrf := html.UnescapeString(string(sm[1]))
		status, hdr, archive := do(browser, http.MethodPost, link, url.Values{"csrf": {csrf}})
		if status != 200 || hdr.Get("Content-Type") != "application/zip" || !strings.Contains(hdr.Get("Content-Disposition"), ".zip") {
			t.Fatalf("download: %d %v", status, hdr)
		}
		zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]bool{}
		for _, zf := range zr.File {
			names[zf.Name] = true
		}
		if !names["customer.json"] {
			t.Fatalf("archive files %v", names)
		}
		// Once only: the same button again, and the page, say it is gone.
		if status, hdr, body := do(browser, http.MethodPost, link, url.Values{"csrf": {csrf}}); status != http.StatusGone || hdr.Get("Content-Type") == "application/zip" ||
			!strings.Contains(string(body), "already downloaded") {
			t.Fatalf("second download: %d %s", status, body)
		}
		if status, _, body := do(browser, http.MethodGet, link, nil); status != http.StatusGone || !strings.Contains(string(body), "already downloaded") {
			t.Fatalf("page after the download: %d %s, want 410, already downloaded", status, body)
		}
	})
}
