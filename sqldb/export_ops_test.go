package sqldb

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// ExecSQL runs q on db's write pool: tests use it to break the schema and
// see that a transaction leaves nothing behind.
func ExecSQL(ctx context.Context, db *DB, q string) error {
	_, err := db.wdb.ExecContext(ctx, q)
	return err
}

// OpenAtPrevious opens the fresh store db at the schema of the previous
// release: every migration but the newest. It returns that migration's
// version and the newest one's. The caller writes data through the store
// as that release did, closes db, and opens the file again to migrate.
func OpenAtPrevious(ctx context.Context, db *DB) (previous, newest string, err error) {
	return OpenBefore(ctx, db, "")
}

// OpenBefore opens the fresh store db at the schema of the release before
// migration version before ("0049_key_store"; "" for the newest): every
// migration up to the one before it. It returns that migration's version
// and before's.
func OpenBefore(ctx context.Context, db *DB, before string) (previous, next string, err error) {
	if err := db.openPools(); err != nil {
		return "", "", err
	}
	dir := "migrations/" + db.dialect
	names, err := fs.Glob(migrationFS, dir+"/*.up.sql")
	if err != nil {
		return "", "", err
	}
	sort.Strings(names)
	v := func(n string) string { return strings.TrimSuffix(n[len(dir)+1:], ".up.sql") }
	i := len(names) - 1
	if before != "" {
		for i = 0; i < len(names) && v(names[i]) != before; i++ {
		}
		if i == 0 || i == len(names) {
			return "", "", fmt.Errorf("no migration before %q", before)
		}
	}
	previous, next = v(names[i-1]), v(names[i])
	// Written as the previous release wrote: its audit entries chained
	// in the writing transaction (audit_pending may not exist yet).
	db.chainDirectly = true
	if err := db.migrateUpTo(ctx, previous); err != nil {
		return "", "", err
	}
	return previous, next, db.loadSystemKeys(ctx)
}
