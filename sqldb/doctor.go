package sqldb

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/proofdesk/proofdesk/vault"
)

// Inspect opens db's connections without applying migrations or writing
// anything and checks that the database answers. It is for `proofdesk
// doctor`: Close it after. The error says what failed (connecting,
// authenticating, a missing SQLite file...).
func (db *DB) Inspect(ctx context.Context) error {
	if db.dsn == "" {
		return errors.New("no database given")
	}
	if err := db.openPools(); err != nil {
		return err
	}
	if err := db.Ping(ctx); err != nil {
		return err
	}
	apart, err := db.keysApart(ctx)
	if err != nil {
		return err
	}
	return db.useKeyStore(ctx, apart, false)
}

// PendingMigrations returns the versions of the migrations this release
// has that the database (opened with Inspect) has not applied, oldest
// first; all of them for an empty database.
func (db *DB) PendingMigrations(ctx context.Context) ([]string, error) {
	applied := map[string]bool{}
	rows, err := db.rdb.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err == nil {
		defer rows.Close()
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				return nil, err
			}
			applied[v] = true
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	} // else no schema_migrations table yet: nothing applied
	dir := "migrations/" + db.dialect
	names, err := fs.Glob(migrationFS, dir+"/*.up.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var pending []string
	for _, n := range names {
		if v := strings.TrimSuffix(n[len(dir)+1:], ".up.sql"); !applied[v] {
			pending = append(pending, v)
		}
	}
	return pending, nil
}

// CheckMasterKey reports whether the master key opens the database's
// system data keys, reading only. Call it on a migrated database opened
// with Inspect. The error says which key the database wants. The keys
// it opened are kept, so sealed settings can be read after it.
func (db *DB) CheckMasterKey(ctx context.Context) error {
	for _, id := range []string{indexKeyID, systemKeyID} {
		dk, err := db.reader().keyByID(ctx, id)
		if err != nil {
			if errors.Is(err, vault.ErrUnknownMasterKey) {
				return fmt.Errorf("the master key does not fit this database: its data keys are wrapped by a master key that %s does not hold (%s); use the key the database was created with", db.vault.Keyring().Source(), db.vault.Keyring().IDs())
			}
			return fmt.Errorf("the master key cannot open data key %s: %w", id, err)
		}
		if id == indexKeyID {
			db.index = dk
		} else {
			db.setSystemKey(dk)
		}
	}
	if db.keys.apart {
		return db.checkKeyStore(ctx)
	}
	return nil
}

// PendingKeyDestructions returns how many data keys of erased customers
// the data database lists for destruction (key_destructions, migration
// 0059) that are not destroyed yet: an erasure's last step, deleting them
// from the SQLite key file, did not finish (a crash, or a full disk), and
// until it does those customers' data can still be read with the key
// store. The next serve or migrate finishes it (and serve retries every
// 30 s). Call it on a migrated database opened with Inspect; always 0 on
// PostgreSQL, where the keys are destroyed in the erasure's transaction.
func (db *DB) PendingKeyDestructions(ctx context.Context) (int, error) {
	var n int
	if err := db.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM key_destructions`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count the keys listed for destruction: %w", wrapErr(err))
	}
	return n, nil
}
