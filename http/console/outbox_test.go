package console_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/http/console/consoletest"
	"github.com/proofdesk/proofdesk/sqldb"
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

// TestCustomerCard_OrdersMasked: an order on file shows on the customer
// card through the one view: masked at L0, with the fields to reveal.
func TestCustomerCard_OrdersMasked(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	ctx := context.Background()
	if err := s.DB.WithTx(ctx, func(tx *sqldb.Tx) error {
		_, err := tx.UpsertOrder(ctx, s.Customer, &proofdesk.Order{Number: "ORD-778899", Status: "shipped", TrackingNumber: "TRACK12345678",
			Items: []proofdesk.OrderItem{{Name: "Teapot", Quantity: 1}}, ShippingAddress: &proofdesk.Address{Line1: "9 Quay Street", City: "Bristol", Country: "GB"}})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	b := agentBrowser(t, s)
	_, page := b.get("/customers/" + s.Customer.ID + "?from=" + s.Conv.ID)
	if !strings.Contains(page, "order-row") {
		t.Fatalf("no order on the card:\n%s", page)
	}
	for _, secret := range []string{"ORD-778899", "TRACK12345678", "Teapot", "9 Quay Street"} {
		if strings.Contains(page, secret) {
			t.Fatalf("the card shows %q at L0", secret)
		}
	}
	if !strings.Contains(page, "Where orders go") {
		t.Fatal("no reveal field for where the orders go")
	}
}
