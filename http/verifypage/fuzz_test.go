package verifypage_test

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"strconv"
	"strings"
	"testing"
	"time"

	"net/url"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// FuzzForm posts each body to the verification page's approve or deny
// form (store: SQLite), with the page's CSRF field in front or not. The
// page never answers 5xx; without the CSRF field nothing changes (403, or
// 400 for a body that is no form); the level rises only when the form's
// number is the one the agent read out, and the request's attempts only
// go down. A new request, on a new conversation, is issued every 20
// inputs. Seeds:
// testdata/fuzz/FuzzForm.
func FuzzForm(f *testing.F) {
	f.Add("number=42", true, false)
	f.Add("number=%2042%20&number=7", true, false)
	f.Add("number=-0", true, false)
	f.Add("number=99999999999999999999", true, false)
	f.Add("", true, true)
	f.Add("number=1", false, false)
	f.Add("csrf=x&number=1", false, true)
	f.Add("number=%zz", true, false)
	f.Add("a=1;b=2", true, false)
	fx := newFixture(f, sqldbtest.Open(f), "Ann")
	n := 0
	var csrf string
	var client *http.Client
	fresh := func(t *testing.T) {
		conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: fx.cust.ID, AssigneeID: fx.conv.AssigneeID}
		if err := sqldb.NewConversationService(fx.db).CreateConversation(fx.agentCtx, conv, nil); err != nil {
			t.Fatal(err)
		}
		fx.conv = conv
		for i := 0; ; i++ {
			info, err := fx.vs.IssueChallenge(fx.agentCtx, fx.conv.ID, fx.cust.ContactPoints[0].ID)
			if err == nil {
				fx.info = info
				break
			}
			if i == 5 {
				t.Fatalf("issue: %v", err)
			}
			fx.clk.Add(2 * time.Hour)
		}
		fx.token = fx.linkToken(t)
		jar, _ := cookiejar.New(nil)
		client = &http.Client{Jar: jar}
		resp, err := client.Get(fx.srv.URL() + "/v/" + fx.token)
		if err != nil {
			t.Fatal(err)
		}
		page := read(t, resp)
		if page.status != http.StatusOK {
			t.Fatalf("GET /v/: %d", page.status)
		}
		csrf = csrfOf(t, page)
	}
	f.Fuzz(func(t *testing.T, body string, withCSRF, deny bool) {
		if n%20 == 0 {
			fresh(t)
		}
		n++
		before := fx.formState(t)
		if withCSRF {
			body = "csrf=" + url.QueryEscape(csrf) + "&" + body
		}
		path := "/v/" + fx.token + "/approve"
		if deny {
			path = "/v/" + fx.token + "/deny"
		}
		req, _ := http.NewRequest("POST", fx.srv.URL()+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		r := read(t, resp)
		after := fx.formState(t)
		form, perr := url.ParseQuery(body)
		csrfOK := perr == nil && form.Get("csrf") == csrf
		switch {
		case r.status >= 500:
			t.Fatalf("POST %s %q: %d %s", path, body, r.status, r.body)
		case !csrfOK && after != before:
			t.Fatalf("without the CSRF field %q changed %+v into %+v (status %d)", body, before, after, r.status)
		case !csrfOK && r.status != http.StatusForbidden && r.status != http.StatusBadRequest:
			t.Fatalf("without the CSRF field: %d, want 403 or 400", r.status)
		}
		if after.Level > before.Level {
			pick := strings.TrimSpace(form.Get("number"))
			if deny || !csrfOK || pick != strconv.Itoa(fx.info.Number) {
				t.Fatalf("level %v -> %v after %s %q (the number read out is %d)", before.Level, after.Level, path, body, fx.info.Number)
			}
		}
		if before.Status == after.Status && after.AttemptsLeft > before.AttemptsLeft {
			t.Fatalf("attempts went up: %d -> %d", before.AttemptsLeft, after.AttemptsLeft)
		}
	})
}

// formState is the part of state a form can change: the conversation's
// level and fraud flag and the request's status and attempts (state also
// counts the audit log, which grows too slowly to read per input).
func (f *fixture) formState(t *testing.T) state {
	t.Helper()
	ctx := context.Background()
	conv, err := sqldb.NewConversationService(f.db).FindConversationByID(ctx, f.conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	chs, err := f.vs.FindChallenges(ctx, f.conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	st := state{Level: conv.EffectiveLevel(f.clk.Now()), Fraud: conv.Fraud}
	for _, ch := range chs {
		if ch.ID == f.info.ID {
			st.Status, st.AttemptsLeft = ch.Status, ch.AttemptsLeft
		}
	}
	return st
}
