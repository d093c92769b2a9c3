package sqldb

import (
	"context"
	"fmt"

	"github.com/proofdesk/proofdesk"
)

// ReleaseOutboxClaims makes the queued outbox rows a previous run had
// claimed due again at once, and returns how many. On SQLite one server
// runs on the database, so at its start every claim is an orphan of a
// run that died mid-send (a crash, kill -9, power loss); without this,
// those rows wait for their lease (minutes) to pass. On PostgreSQL the
// claims may be live nodes' and are left to expire: it returns 0.
func (db *DB) ReleaseOutboxClaims(ctx context.Context) (int, error) {
	if db.dialect == Postgres {
		return 0, nil
	}
	r, err := db.wdb.ExecContext(ctx, `UPDATE outbox SET lease_until = NULL WHERE status = ? AND lease_until IS NOT NULL`, proofdesk.OutboxQueued)
	if err != nil {
		return 0, fmt.Errorf("release outbox claims: %w", wrapErr(err))
	}
	n, _ := r.RowsAffected()
	return int(n), nil
}
