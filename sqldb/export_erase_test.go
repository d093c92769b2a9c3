package sqldb

import (
	"context"
	"testing"
)

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

// WrappedKey returns the wrapped form of data key id from the key store
// (ENOTFOUND when it is not there).
func WrappedKey(ctx context.Context, db *DB, id string) (string, error) {
	var s string
	err := db.reader().keyHandle().queryRow(ctx, `SELECT wrapped FROM `+db.keys.table+` WHERE id = ?`, id).Scan(&s)
	return s, wrapErr(err)
}

// Steps of a key destruction on the SQLite key file (SetDestroyStep).
const (
	StepCommit = stepCommit
	StepKeys   = stepKeys
	StepList   = stepList
)

// SetDestroyStep makes fn the failpoint of key destructions (destroyStep)
// until the test ends. Not for parallel tests.
func SetDestroyStep(tb testing.TB, fn func(step string) error) {
	tb.Helper()
	destroyStep = fn
	tb.Cleanup(func() { destroyStep = nil })
}

// ClearDestroyStep removes the failpoint.
func ClearDestroyStep() { destroyStep = nil }

// CachedKey reports whether the vault holds data key id unwrapped.
func (db *DB) CachedKey(id string) bool { return db.vault.Cached(id) != nil }

// OpenKey unwraps data key id from wrapped as a reader does with the
// row it read (openKey), so that a test can play a read in flight.
func (db *DB) OpenKey(id, wrapped string) error {
	_, err := db.openKey(id, wrapped)
	return err
}
