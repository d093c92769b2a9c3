package sqldb_test

import (
	"context"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// Migration 0010 rewrites numbers stored by the old normaliser in E.164,
// with their blind indexes: a trunk "0" kept after the country code, and a
// French national number the old code took for a North American one
// ("06 12 34 56 78" became "+10612345678"), read again with the default
// region. A number that stays invalid is kept, not lost.
func TestMigration0010_PhoneE164(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		customers := sqldb.NewCustomerService(db)
		tests := []struct {
			ext, stored, want string
		}{
			{"M-1", "+4402079460958", "+442079460958"},
			{"M-2", "+10612345678", "+33612345678"},
			{"M-3", "+14155550123", "+14155550123"},
			{"M-4", "+999123", "+999123"},
		}
		ids := map[string]string{}
		for _, tt := range tests {
			c := newCustomer(t, tt.ext, tt.ext+"@example.com", "+14155550100")
			if err := customers.CreateCustomer(ctx, c); err != nil {
				t.Fatal(err)
			}
			cp := c.ContactPointsOf(proofdesk.ContactPhone)[0]
			if err := db.StoreContactValueForTest(ctx, cp.ID, tt.stored); err != nil {
				t.Fatal(err)
			}
			ids[tt.ext] = c.ID
		}
		db.PhoneRegion = "FR"
		if err := db.RerunDataMigrationForTest(ctx, "0010_phone_e164"); err != nil {
			t.Fatal(err)
		}
		for _, tt := range tests {
			id := ids[tt.ext]
			cs, _, err := customers.FindCustomers(ctx, proofdesk.CustomerFilter{ID: &id})
			if err != nil || len(cs) != 1 {
				t.Fatalf("%s: %v", tt.ext, err)
			}
			if got := cs[0].ContactPointsOf(proofdesk.ContactPhone)[0].Value; got != tt.want {
				t.Errorf("%s: stored %q after migration, want %q", tt.ext, got, tt.want)
			}
			if tt.want == tt.stored && tt.ext == "M-4" {
				continue // not valid: kept, not findable by a valid number
			}
			want := tt.want
			found, _, err := customers.FindCustomers(ctx, proofdesk.CustomerFilter{Phone: &want})
			if err != nil || len(found) != 1 || found[0].ID != id {
				t.Errorf("%s: lookup by %s found %d, %v: the blind index was not rewritten", tt.ext, want, len(found), err)
			}
		}
	})
}
