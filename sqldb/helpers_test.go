package sqldb_test

import (
	"context"
	"errors"
	"testing"

	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// mustNotices installs the owner notices on db and returns them.
func mustNotices(t *testing.T, db *sqldb.DB) *desk.Notices {
	t.Helper()
	n, err := desk.NewNotices(context.Background(), db, desk.NoticeConfig{BaseURL: "https://desk.example"})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func errorsAs(err error, target any) bool { return errors.As(err, target) }
