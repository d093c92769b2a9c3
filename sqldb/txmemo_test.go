package sqldb_test

import (
	"context"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestExecLater: a write sent later (on PostgreSQL, in a batch with the
// transaction's next statement) is seen by the transaction's next read,
// and one that fails fails the transaction with its own error, whatever
// statement sent it, and nothing of the transaction is stored.
func TestExecLater(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		const ins = `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)`
		err := db.WithTx(ctx, func(tx *sqldb.Tx) error {
			if err := tx.ExecLater(ctx, "first", ins, "later:a", "1", "2026-01-01"); err != nil {
				return err
			}
			v, err := tx.Setting(ctx, "later:a")
			if err != nil || v != "1" {
				t.Errorf("read after a later write: %q, %v; want \"1\"", v, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		err = db.WithTx(ctx, func(tx *sqldb.Tx) error {
			if err := tx.ExecLater(ctx, "second", ins, "later:b", "1", "2026-01-01"); err != nil {
				return err
			}
			if err := tx.ExecLater(ctx, "duplicate", ins, "later:a", "2", "2026-01-01"); err != nil {
				return err
			}
			_, err := tx.FindAgent(ctx, "agt_none")
			if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
				return nil // SQLite ran the writes at once and returned their error there
			}
			return err
		})
		if err == nil || !strings.Contains(err.Error(), "duplicate") || proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("WithTx = %v, want the duplicate's ECONFLICT", err)
		}
		if _, err := db.Read().Setting(ctx, "later:b"); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Errorf("later:b after the failed transaction: %v, want ENOTFOUND (rolled back)", err)
		}
	})
}
