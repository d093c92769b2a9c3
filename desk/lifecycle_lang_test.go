package desk_test

import (
	"context"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// The mails and SMS of an erasure request and of an export speak the
// customer's stored language, and the erasure link tells the page which.
func TestLifecycleMailsInCustomersLanguage(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		f.VerifyL2(t, f.Conv) // for the export; its fixture reads English
		if err := db.WithTx(ctx, func(tx *sqldb.Tx) error {
			c, err := tx.FindCustomer(ctx, f.Cust.ID)
			if err != nil {
				return err
			}
			if c.Attributes == nil {
				c.Attributes = map[string]string{}
			}
			c.Attributes["language"] = "de-CH"
			return tx.SaveCustomer(ctx, c, false)
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Desk.RequestErasure(f.SupCtx, f.Cust.ID, "the owner asked by phone", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := f.VS.Notices().Exports().ExportFromConversation(f.SupCtx, f.Conv.ID); err != nil {
			t.Fatal(err)
		}
		msgs, err := sqldb.NewOutboxService(db).FindOutbox(ctx, 200)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{ // purpose and kind -> German words
			"erasure_confirm/email":                "Bestätigen Sie die Löschung Ihrer Daten",
			"erasure_confirm/sms":                  "alle Ihre Daten zu löschen",
			proofdesk.PurposeExportLink + "/email": "Laden Sie sie einmal über diesen Link herunter",
			proofdesk.PurposeExportNotice + "/sms": "Eine Kopie Ihrer Daten wurde",
		}
		seen := map[string]bool{}
		for _, m := range msgs {
			k := m.Purpose + "/" + string(m.Kind)
			w, ok := want[k]
			if !ok {
				continue
			}
			if !strings.Contains(m.Subject+"\n"+m.Body, w) {
				t.Errorf("%s: %q\n%s, want German (%q)", k, m.Subject, m.Body, w)
			}
			seen[k] = true
		}
		for k := range want {
			if !seen[k] {
				t.Errorf("no %s message", k)
			}
		}
		info, err := f.Desk.ErasureLinkInfo(ctx, erasureLinks(t, db)["jane@example.com"])
		if err != nil || info.Language != "de-CH" {
			t.Fatalf("link info language %q (%v), want de-CH", info.Language, err)
		}
	})
}
