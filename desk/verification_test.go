package desk_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// "This wasn't me" on a request that has expired is still the owner's
// word: the request is recorded as denied (not left pending), the account
// is locked, and a second report of the same request is a conflict.
func TestDenyExpiredRequest(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		if _, err := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.EmailID); err != nil {
			t.Fatal(err)
		}
		token, _ := f.LastSecret(t)
		later := time.Now().Add(time.Hour)
		db.SetNow(func() time.Time { return later })
		if err := f.VS.DenyByToken(context.Background(), token); err != nil {
			t.Fatal(err)
		}
		chs, err := f.VS.FindChallenges(f.AgentCtx, f.Conv.ID)
		if err != nil || len(chs) != 1 || chs[0].Status != proofdesk.ChallengeDenied {
			t.Fatalf("challenges after deny: %+v %v", chs, err)
		}
		page, err := f.VS.ChallengePage(context.Background(), token)
		if err != nil || page.Status != proofdesk.ChallengeDenied {
			t.Fatalf("page after deny: %+v %v", page, err)
		}
		cust, err := sqldb.NewCustomerService(db).FindCustomerByID(context.Background(), f.Cust.ID)
		if err != nil || !cust.SupportLocked {
			t.Fatalf("customer not locked after deny: %v", err)
		}
		if err := f.VS.DenyByToken(context.Background(), token); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("second deny: %v, want ECONFLICT", err)
		}
	})
}

// The request's texts come from desk with the configured company, link
// base and lifetime: the email names the company, links to BaseURL/v/,
// says when it expires; SetPublicURL (the bound address) changes both the
// request's link and the transcript's /n/ link.
func TestRequestAndNoticeLinks(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		f.VS.SetPublicURL("https://support.acme.test/", "Acme")
		if _, err := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.EmailID); err != nil {
			t.Fatal(err)
		}
		resolved := proofdesk.StatusResolved
		if _, err := sqldb.NewConversationService(db).UpdateConversation(f.AgentCtx, f.Conv.ID, proofdesk.ConversationUpdate{Status: &resolved}); err != nil {
			t.Fatal(err)
		}
		msgs, err := sqldb.NewOutboxService(db).FindOutbox(context.Background(), 100)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, m := range msgs {
			switch m.Purpose {
			case "verification":
				if m.Kind == proofdesk.OutboxEmail && (!strings.Contains(m.Body, "https://support.acme.test/v/") || !strings.HasPrefix(m.Subject, "Acme:") ||
					!strings.Contains(m.Body, "expires in 10 minutes")) {
					t.Errorf("verification email:\n%s\n%s", m.Subject, m.Body)
				}
			case "transcript":
				if !strings.Contains(m.Body, "https://support.acme.test/n/") || !strings.Contains(m.Subject, "Acme support") {
					t.Errorf("transcript:\n%s\n%s", m.Subject, m.Body)
				}
			}
			seen[m.Purpose] = true
		}
		if !seen["verification"] || !seen["transcript"] {
			t.Fatalf("outbox purposes %v, want verification and transcript", seen)
		}
	})
}
