package sqldb

import "context"

// CountRows returns the number of rows of table, for tests of pruning.
func CountRows(ctx context.Context, db *DB, table string) (int, error) {
	var n int
	err := db.wreader().queryRow(ctx, `SELECT COUNT(*) FROM `+table).Scan(&n)
	return n, err
}
