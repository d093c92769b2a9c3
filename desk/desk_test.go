package desk_test

import (
	"context"
	"errors"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// fixture is the one fixture of the store's and the use cases' tests
// (sqldbtest.Fixture); this package's helpers are its methods.
type fixture struct{ *sqldbtest.Fixture }

func newFixture(t *testing.T, db *sqldb.DB) *fixture { return &fixture{sqldbtest.NewFixture(t, db)} }

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func values(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func ptr[T any](v T) *T { return &v }

func errorsAs(err error, target any) bool { return errors.As(err, target) }

func mustAudit(t *testing.T, db *sqldb.DB) []*proofdesk.AuditEntry {
	t.Helper()
	es, err := sqldb.NewAuditService(db).FindAuditEntries(context.Background(), proofdesk.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return es
}
