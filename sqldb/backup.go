package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/proofdesk/proofdesk"
)

// Backup writes a consistent copy of a SQLite store's data (without its
// key store: see BackupKeys) to the new file path while the store keeps
// serving (VACUUM INTO: one read transaction, so
// the copy is the database as of one instant, compacted). The copy is
// written beside path and renamed into place once complete, so path never
// holds a partial backup. Neither the data keys nor the master key are in
// the copy: without them the sealed fields cannot be read; back them up
// apart (BackupKeys).
//
// Returns EINVALID when path exists (a backup never overwrites) or its
// directory does not, and for PostgreSQL, which is backed up with pg_dump.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.dialect == Postgres {
		return proofdesk.Errorf(proofdesk.EINVALID, "a PostgreSQL store is backed up with pg_dump (see the README), not with proofdesk backup")
	}
	return vacuumInto(ctx, db.wdb, path)
}

// vacuumInto writes a consistent copy of the SQLite database of q to the
// new file path (see Backup).
func vacuumInto(ctx context.Context, q *sql.DB, path string) error {
	if _, err := os.Lstat(path); err == nil {
		return proofdesk.Errorf(proofdesk.EINVALID, "%s exists: a backup never overwrites a file; choose a new name", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup: %w", err)
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return proofdesk.Errorf(proofdesk.EINVALID, "the directory %s does not exist", dir)
	}
	tmp := filepath.Join(dir, "."+filepath.Base(path)+".partial")
	_ = os.Remove(tmp) // left by an interrupted backup
	if _, err := q.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("backup: %w", wrapErr(err))
	}
	if err := syncFile(tmp); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("backup: %w", err)
	}
	if err := os.Link(tmp, path); err != nil { // fails if path appeared meanwhile
		_ = os.Remove(tmp)
		return fmt.Errorf("backup: %w", err)
	}
	_ = os.Remove(tmp)
	return syncFile(dir)
}

// syncFile flushes a file or directory to disk; a file is made 0600
// first (a backup holds sealed customer data and the audit chain).
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if !st.IsDir() {
		if err := f.Chmod(0o600); err != nil {
			return err
		}
	}
	return f.Sync()
}
