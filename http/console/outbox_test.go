package console_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/http/console/consoletest"
)

// TestOutbox_LinksAndFilters: without a relay the outbox shows bodies with
// the desk's own links clickable (the demo's verification links), and
// filters by conversation and status.
func TestOutbox_LinksAndFilters(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	s.Console.AllowNo2FA = true
	agentCtx := proofdesk.NewContextWithAgent(context.Background(), s.Agent)
	var emailID string
	for _, cp := range s.Customer.ContactPoints {
		if cp.Value == consoletest.CustomerEmail {
			emailID = cp.ID
		}
	}
	if _, err := s.Verification.IssueChallenge(agentCtx, s.Conv.ID, emailID); err != nil {
		t.Fatal(err)
	}
	b := signIn(t, s, consoletest.AdminEmail, consoletest.AdminPassword, "")
	_, page := b.get("/admin/outbox")
	if !strings.Contains(page, `<a href="`+s.Server.URL()+`/v/`) {
		t.Fatalf("no clickable verification link in the outbox:\n%s", page)
	}
	if !strings.Contains(page, "kept here (no relay)") {
		t.Fatal("the delivery state does not say the mail is kept here")
	}
	_, page = b.get("/admin/outbox?conversation=" + url.QueryEscape(s.Conv.ID) + "&status=queued")
	if !strings.Contains(page, "/v/") {
		t.Fatal("filter by the conversation and queued lost the request")
	}
	for _, q := range []string{"?status=sent", "?conversation=" + s.Unlinked.ID} {
		if _, page := b.get("/admin/outbox" + q); !strings.Contains(page, "The outbox is empty") {
			t.Fatalf("filter %s shows messages", q)
		}
	}
}
