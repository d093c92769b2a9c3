package sqldb

import "context"

// CountWhere returns SELECT COUNT(*) FROM table WHERE where, for tests
// that read back what an erasure left.
func CountWhere(ctx context.Context, db *DB, table, where string, args ...any) (int, error) {
	var n int
	err := db.wreader().queryRow(ctx, `SELECT COUNT(*) FROM `+table+` WHERE `+where, args...).Scan(&n)
	return n, err
}

// RawString returns one string column of one row, unopened.
func RawString(ctx context.Context, db *DB, q string, args ...any) (string, error) {
	var s string
	err := db.wreader().queryRow(ctx, q, args...).Scan(&s)
	return s, err
}
