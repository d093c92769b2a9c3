package sqldb

import "context"

// ExecSQL runs q on db's write pool: tests use it to break the schema and
// see that a transaction leaves nothing behind.
func ExecSQL(ctx context.Context, db *DB, q string) error {
	_, err := db.wdb.ExecContext(ctx, q)
	return err
}
