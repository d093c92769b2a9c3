package sqldb_test

import (
	"context"
	"errors"
	"regexp"
	"testing"

	"github.com/proofdesk/proofdesk"

	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
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

func mustAudit(t *testing.T, db *sqldb.DB) []*proofdesk.AuditEntry {
	t.Helper()
	es, err := sqldb.NewAuditService(db).FindAuditEntries(context.Background(), proofdesk.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return es
}
func (f *fixture) say(t *testing.T, conv *proofdesk.Conversation, body string) {
	t.Helper()
	if err := sqldb.NewConversationService(f.DB).CreateMessage(context.Background(), &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: body}); err != nil {
		t.Fatal(err)
	}
}
func (f *fixture) reply(ctx context.Context, conv *proofdesk.Conversation, body string) error {
	a := proofdesk.AgentFromContext(ctx)
	return sqldb.NewConversationService(f.DB).CreateMessage(ctx, &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: a.ID, Body: body})
}

var codeRe = regexp.MustCompile(`code[^0-9]*([0-9]{6})`)
