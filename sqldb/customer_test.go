package sqldb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

var longAgo = time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)

// newCustomer returns a valid customer built through CustomerInput, the
// way the API and the importer build them.
func newCustomer(tb testing.TB, ext, email, phone string) *proofdesk.Customer {
	tb.Helper()
	in := proofdesk.CustomerInput{
		ExternalID: ext,
		Name:       "Jane Doe",
		Emails:     []proofdesk.ContactPointInput{{Value: email, AddedAt: &longAgo}},
		Phones:     []proofdesk.ContactPointInput{{Value: phone}},
		Addresses: []proofdesk.Address{{Line1: "742 Evergreen Terrace", Line2: "Apt 4B", City: "Springfield",
			Region: "OR", PostalCode: "97403", Country: "US"}},
		DateOfBirth: "1985-03-14",
		Payment:     &proofdesk.Payment{Brand: "visa", Last4: "4242"},
		Attributes:  map[string]string{"loyalty_id": "LOY-99812"},
	}
	c, err := in.Customer(time.Now())
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func TestCustomers(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		mustNotices(t, db)
		s := sqldb.NewCustomerService(db)
		c := newCustomer(t, "ext-1", "Jane.Doe@Example.com", "+1 (415) 555-0123")
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		got, err := s.FindCustomerByID(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c, got); diff != "" {
			t.Fatalf("customer round trip (-want +got):\n%s", diff)
		}
		if got.ContactPoints[0].Value != "jane.doe@example.com" || got.ContactPoints[1].Value != "+14155550123" {
			t.Fatalf("contact points not normalised: %q %q", got.ContactPoints[0].Value, got.ContactPoints[1].Value)
		}
		if !got.ContactPoints[0].AddedAt.Equal(longAgo) {
			t.Fatalf("added_at=%v, want the date given %v", got.ContactPoints[0].AddedAt, longAgo)
		}

		// Lookup by contact point goes through the blind index, in any spelling.
		for _, f := range []proofdesk.CustomerFilter{
			{Email: ptr("JANE.DOE@example.COM")},
			{Phone: ptr("+1 415-555-0123")},
			{ExternalID: ptr("ext-1")},
		} {
			cs, n, err := s.FindCustomers(ctx, f)
			if err != nil || n != 1 || len(cs) != 1 || cs[0].ID != c.ID {
				t.Fatalf("FindCustomers(%+v) = %d customers (total %d), %v; want the one", f, len(cs), n, err)
			}
		}
		if cs, n, err := s.FindCustomers(ctx, proofdesk.CustomerFilter{Email: ptr("other@example.com")}); err != nil || n != 0 || len(cs) != 0 {
			t.Fatalf("lookup of unknown email: %d, %v", n, err)
		}
		if _, _, err := s.FindCustomers(ctx, proofdesk.CustomerFilter{Email: ptr("not an email")}); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("bad email filter: code %q, want invalid", proofdesk.ErrorCode(err))
		}

		// Unique external ID → ECONFLICT on both dialects.
		dup := newCustomer(t, "ext-1", "other@example.com", "+442071234567")
		if err := s.CreateCustomer(ctx, dup); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("duplicate external_id: code %q (%v), want conflict", proofdesk.ErrorCode(err), err)
		}
		if _, err := s.FindCustomerByID(ctx, "cus_missing"); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("missing customer: code %q, want not_found", proofdesk.ErrorCode(err))
		}

		// Update: an email already on file keeps its ID and added_at.
		oldEmailID := got.ContactPoints[0].ID
		newEmails := []proofdesk.ContactPointInput{{Value: "jane.doe@example.com"}, {Value: "jd@work.example"}}
		upd, err := desk.New(db, desk.Config{}).UpdateCustomer(ctx, c.ID, proofdesk.CustomerUpdate{Emails: &newEmails, Name: ptr("Jane Q. Doe")})
		if err != nil {
			t.Fatal(err)
		}
		again, err := s.FindCustomerByID(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(upd, again); diff != "" {
			t.Fatalf("update result differs from stored (-upd +stored):\n%s", diff)
		}
		emails := again.ContactPointsOf(proofdesk.ContactEmail)
		if len(emails) != 2 || emails[0].ID != oldEmailID || !emails[0].AddedAt.Equal(longAgo) || again.Name != "Jane Q. Doe" {
			t.Fatalf("after update: %+v %+v name %q", emails[0], emails, again.Name)
		}
		if len(again.ContactPointsOf(proofdesk.ContactPhone)) != 1 {
			t.Fatal("phones changed though the update did not name them")
		}
		// An invalid update writes nothing.
		bad := "1985-13-45"
		if _, err := desk.New(db, desk.Config{}).UpdateCustomer(ctx, c.ID, proofdesk.CustomerUpdate{DateOfBirth: &bad, Name: ptr("Changed")}); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("bad dob: %v", err)
		}
		if after, _ := s.FindCustomerByID(ctx, c.ID); after.Name != "Jane Q. Doe" {
			t.Fatalf("rejected update wrote the name: %q", after.Name)
		}
	})
}

func TestImportIsAllOrNothing(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		s := sqldb.NewCustomerService(db)
		batch := []*proofdesk.Customer{
			newCustomer(t, "a", "a@example.com", "+14155550001"),
			newCustomer(t, "b", "b@example.com", "+14155550002"),
			newCustomer(t, "a", "c@example.com", "+14155550003"), // duplicate external id
		}
		if err := s.ImportCustomers(ctx, batch); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("import with duplicate: %v, want conflict", err)
		}
		if _, n, _ := s.FindCustomers(ctx, proofdesk.CustomerFilter{}); n != 0 {
			t.Fatalf("failed import left %d customers, want 0", n)
		}
		if err := s.ImportCustomers(ctx, batch[:2]); err != nil {
			t.Fatal(err)
		}
		if _, n, _ := s.FindCustomers(ctx, proofdesk.CustomerFilter{}); n != 2 {
			t.Fatalf("import stored %d customers, want 2", n)
		}
	})
}

func ptr[T any](v T) *T { return &v }

// Without the owner notices installed, a change that must tell the owner
// fails and leaves nothing half-written: the customer is unchanged and
// nothing is queued.
func TestUpdateWithoutNotifier(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		s := sqldb.NewCustomerService(db)
		c := newCustomer(t, "ext-1", "jane@example.com", "+14155550123")
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		emails := []proofdesk.ContactPointInput{{Value: "new@example.net"}}
		if _, err := desk.New(db, desk.Config{}).UpdateCustomer(ctx, c.ID, proofdesk.CustomerUpdate{Emails: &emails}); err == nil || !strings.Contains(err.Error(), "notifier") {
			t.Fatalf("update without notifier: %v, want the notifier error", err)
		}
		got, err := s.FindCustomerByID(ctx, c.ID)
		if err != nil || len(got.ContactPointsOf(proofdesk.ContactEmail)) != 1 || got.ContactPointsOf(proofdesk.ContactEmail)[0].Value != "jane@example.com" {
			t.Fatalf("customer changed: %+v %v", got, err)
		}
		if msgs, err := sqldb.NewOutboxService(db).FindOutbox(ctx, 10); err != nil || len(msgs) != 0 {
			t.Fatalf("outbox: %d messages, %v", len(msgs), err)
		}
	})
}

// TestBulkImportAnalyzes: on PostgreSQL, an import of 1,000 customers or
// more is followed by ANALYZE of the customer tables (their
// pg_stat_user_tables.analyze_count goes up), so that the planner does not
// take the freshly filled tables for a few rows; a smaller batch leaves
// the statistics to autovacuum.
func TestBulkImportAnalyzes(t *testing.T) {
	if sqldbtest.PostgresDSN() == "" {
		t.Skip("TEST_POSTGRES_DSN not set")
	}
	db := sqldbtest.OpenDialect(t, sqldb.Postgres)
	ctx := context.Background()
	analyzed := func() string {
		t.Helper()
		rows, err := db.Read().QueryStrings(ctx, `SELECT analyze_count::text FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = 'customers'`)
		if err != nil || len(rows) != 1 {
			t.Fatalf("analyze_count: %v %v", rows, err)
		}
		return rows[0]
	}
	s := sqldb.NewCustomerService(db)
	batch := func(prefix string, n int) []*proofdesk.Customer {
		cs := make([]*proofdesk.Customer, n)
		for i := range cs {
			cs[i] = newCustomer(t, fmt.Sprintf("%s%d", prefix, i), fmt.Sprintf("%s%d@example.com", prefix, i), fmt.Sprintf("+1415555%04d", i))
		}
		return cs
	}
	before := analyzed()
	if err := s.ImportCustomers(ctx, batch("small", 10)); err != nil {
		t.Fatal(err)
	}
	if got := analyzed(); got != before {
		t.Fatalf("a 10-customer import analysed the table: analyze_count %s, was %s", got, before)
	}
	if err := s.ImportCustomers(ctx, batch("bulk", 1000)); err != nil {
		t.Fatal(err)
	}
	if got := analyzed(); got == before {
		t.Fatalf("a 1,000-customer import left analyze_count at %s", got)
	}
}
