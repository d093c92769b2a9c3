package sqldb

import "context"

// CountRows returns the number of rows of table, for tests of pruning.
func CountRows(ctx context.Context, db *DB, table string) (int, error) {
	var n int
	err := db.wreader().queryRow(ctx, `SELECT COUNT(*) FROM `+table).Scan(&n)
	return n, err
}

// RateCounted returns the sum of every rate counter, for tests of how
// many events were written.
func RateCounted(ctx context.Context, db *DB) (int, error) {
	var n int
	err := db.wreader().queryRow(ctx, `SELECT COALESCE(SUM(n), 0) FROM rate_counters`).Scan(&n)
	return n, err
}
