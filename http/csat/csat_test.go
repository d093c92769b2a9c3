package csat_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/http/csat"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

type mux struct{ *http.ServeMux }

func (m mux) Handle(p string, h http.Handler) { m.ServeMux.Handle(p, h) }

// The rating page: GET shows the form with the link's answer chosen and
// records nothing; a bad answer shows the form again with the reason; a
// POST from another site is refused; the page's POST records; a forged
// link is 404.
func TestRatingPage(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		n, err := desk.NewNotices(ctx, db, desk.NoticeConfig{BaseURL: "https://desk.example"})
		if err != nil {
			t.Fatal(err)
		}
		conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat}
		if err := sqldb.NewConversationService(db).CreateConversation(ctx, conv, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "hello"}); err != nil {
			t.Fatal(err)
		}
		link := n.Ratings().Link(conv.ID, proofdesk.RatingFromChat, proofdesk.RatingOkay)
		path := strings.TrimPrefix(link, "https://desk.example")
		m := mux{http.NewServeMux()}
		h := csat.NewHandler(n.Ratings(), nil)
		h.Company = "Acme <Shop>"
		h.Register(m)
		srv := httptest.NewServer(m)
		defer srv.Close()

		do := func(method, p string, form url.Values, origin string) (int, string, http.Header) {
			var body io.Reader
			if form != nil {
				body = strings.NewReader(form.Encode())
			}
			req, _ := http.NewRequest(method, srv.URL+p, body)
			if form != nil {
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			if origin != "" {
				req.Header.Set("Origin", origin)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, string(b), resp.Header
		}
		rated := func() string {
			r, err := db.Read().FindRating(ctx, conv.ID)
			if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
				return ""
			} else if err != nil {
				t.Fatal(err)
			}
			return r.Value
		}

		for range 2 {
			code, page, hdr := do("GET", path, nil, "")
			if code != 200 || !strings.Contains(page, `value="okay" required checked`) || strings.Contains(page, `value="good" required checked`) {
				t.Fatalf("GET: %d\n%s", code, page)
			}
			if strings.Contains(page, "<Shop>") || !strings.Contains(hdr.Get("Content-Security-Policy"), "default-src 'none'") {
				t.Fatal("the page is not escaped or has no CSP")
			}
		}
		if rated() != "" {
			t.Fatal("a GET recorded a rating")
		}
		formPath := strings.SplitN(path, "?", 2)[0]
		if code, page, _ := do("POST", formPath, url.Values{"rating": {"great"}}, srv.URL); code != 422 || !strings.Contains(page, "rating must be one of") || !strings.Contains(page, "<form") {
			t.Fatalf("bad answer: %d\n%s", code, page)
		}
		if code, _, _ := do("POST", formPath, url.Values{"rating": {"bad"}}, "https://evil.example"); code != 403 || rated() != "" {
			t.Fatalf("cross-site POST: %d, rated %q", code, rated())
		}
		req, _ := http.NewRequest("POST", srv.URL+formPath, strings.NewReader("rating=bad"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		req.Header.Set("Origin", srv.URL) // a lie Sec-Fetch-Site overrides
		if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 403 || rated() != "" {
			t.Fatalf("POST with Sec-Fetch-Site cross-site: %v %v", resp.StatusCode, err)
		}
		if code, page, _ := do("POST", formPath, url.Values{"rating": {"bad"}, "comment": {"slow"}}, srv.URL); code != 200 || !strings.Contains(page, "Thank you") || rated() != "bad" {
			t.Fatalf("POST: %d, rated %q\n%s", code, rated(), page)
		}
		if code, _, _ := do("GET", formPath[:len(formPath)-3]+"AAA", nil, ""); code != 404 {
			t.Fatalf("forged link: %d, want 404", code)
		}
	})
}
