package notice_test

import (
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
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/http/notice"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

type mux struct{ *http.ServeMux }

func (m mux) Handle(p string, h http.Handler) { m.ServeMux.Handle(p, h) }

func TestNoticePage(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		notices := mustNotices(t, db)
		in := proofdesk.CustomerInput{Name: "Jane Doe", Emails: []proofdesk.ContactPointInput{{Value: "jane@example.com"}}}
		c, _ := in.Customer(db.Now())
		if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		cs := sqldb.NewConversationService(db)
		conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: c.ID}
		if err := cs.CreateConversation(ctx, conv, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "hello"}); err != nil {
			t.Fatal(err)
		}
		resolved := proofdesk.StatusResolved
		if _, err := cs.UpdateConversation(ctx, conv.ID, proofdesk.ConversationUpdate{Status: &resolved}); err != nil {
			t.Fatal(err)
		}
		msgs, _ := sqldb.NewOutboxService(db).FindOutbox(ctx, 10)
		m := regexp.MustCompile(`(/n/[A-Za-z0-9_.-]+)`).FindStringSubmatch(msgs[0].Body)
		if m == nil {
			t.Fatal("no link in the transcript")
		}
		m2 := mux{http.NewServeMux()}
		if _, err := notice.NewHandler(notices, nil, []byte("short"), nil); err == nil {
			t.Fatal("a short CSRF key was accepted")
		}
		nh, err := notice.NewHandler(notices, nil, []byte(strings.Repeat("k", 32)), nil)
		if err != nil {
			t.Fatal(err)
		}
		nh.Register(m2)
		srv := httptest.NewServer(m2)
		defer srv.Close()

		get := func(path string) (int, string) {
			resp, err := http.Get(srv.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, string(b)
		}
		// Opening the link twice changes nothing.
		for range 2 {
			status, body := get(m[1])
			if status != 200 || !strings.Contains(html.UnescapeString(body), "This wasn't me") {
				t.Fatalf("GET: %d %s", status, body)
			}
		}
		if got, _ := sqldb.NewCustomerService(db).FindCustomerByID(ctx, c.ID); got.SupportLocked {
			t.Fatal("GET locked the account")
		}
		// In the browser's language, branded.
		req, _ := http.NewRequest("GET", srv.URL+m[1], nil)
		req.Header.Set("Accept-Language", "es-MX,es;q=0.9")
		if resp, err := http.DefaultClient.Do(req); err != nil {
			t.Fatal(err)
		} else {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			for _, want := range []string{`<html lang="es">`, "¿Fue usted?", "No fui yo", "Soporte de Proofdesk", `<meta name="viewport"`} {
				if !strings.Contains(html.UnescapeString(string(b)), want) {
					t.Fatalf("Spanish page lacks %q: %s", want, b)
				}
			}
		}
		if status, _ := get("/n/forged.token"); status != 404 {
			t.Fatalf("forged token: %d", status)
		}
		// A POST without the page's CSRF token (a cross-site form, a
		// scanner, a script holding only the link) changes nothing.
		post := func(c *http.Client, form url.Values) (int, string, *http.Response) {
			resp, err := c.PostForm(srv.URL+m[1], form)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, string(b), resp
		}
		locked := func() bool {
			got, err := sqldb.NewCustomerService(db).FindCustomerByID(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			return got.SupportLocked
		}
		jar, _ := cookiejar.New(nil)
		browser := &http.Client{Jar: jar}
		resp, err := browser.Get(srv.URL + m[1])
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fm := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(string(page))
		if fm == nil {
			t.Fatalf("no CSRF field on the page: %s", page)
		}
		for name, try := range map[string]struct {
			c    *http.Client
			form url.Values
		}{
			"no token, no cookie":  {http.DefaultClient, nil},
			"token without cookie": {http.DefaultClient, url.Values{"csrf": {fm[1]}}},
			"cookie without token": {browser, nil},
			"cookie, forged token": {browser, url.Values{"csrf": {"9999999999.AAAA"}}},
		} {
			if status, body, _ := post(try.c, try.form); status != http.StatusForbidden || !strings.Contains(body, "expired or did not come from this page") {
				t.Fatalf("%s: POST %d %s", name, status, body)
			}
			if locked() {
				t.Fatalf("%s: POST locked the account", name)
			}
		}
		// The refusal is said in the visitor's language, on the branded page.
		req, _ = http.NewRequest("POST", srv.URL+m[1], strings.NewReader(url.Values{"csrf": {"9999999999.AAAA"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept-Language", "es-ES")
		if resp, err := browser.Do(req); err != nil {
			t.Fatal(err)
		} else {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(html.UnescapeString(string(b)), "Este formulario ha caducado o no procede de esta página") ||
				!strings.Contains(string(b), `<html lang="es">`) {
				t.Fatalf("Spanish refusal: %d %s", resp.StatusCode, b)
			}
			if locked() {
				t.Fatal("a refused POST locked the account")
			}
		}
		status, body, resp := post(browser, url.Values{"csrf": {fm[1]}})
		if status != 200 || !strings.Contains(body, "locked support changes") {
			t.Fatalf("POST: %d %s", status, body)
		}
		if !locked() {
			t.Fatal("POST did not lock the account")
		}
		// The token expires with the page.
		nh.Now = func() time.Time { return time.Now().Add(31 * time.Minute) }
		if status, _, _ := post(browser, url.Values{"csrf": {fm[1]}}); status != http.StatusForbidden {
			t.Fatalf("expired CSRF token: %d", status)
		}
		if h := resp.Header.Get("Referrer-Policy"); h != "no-referrer" {
			t.Fatalf("Referrer-Policy %q", h)
		}
	})
}

// mustNotices installs the owner notices on db and returns them.
func mustNotices(t *testing.T, db *sqldb.DB) *desk.Notices {
	t.Helper()
	n, err := desk.NewNotices(context.Background(), db, desk.NoticeConfig{BaseURL: "https://desk.example"})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
