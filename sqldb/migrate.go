package sqldb

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFS embed.FS

// Migrate applies the pending migrations of the dialect in version order,
// each in its own transaction, and records them in schema_migrations. A
// migration is a SQL file, a Go function (goMigrations), or both (the SQL
// first, then the Go, in the same transaction). Migrations are never
// edited once shipped; new ones are added at the end.
func (db *DB) Migrate(ctx context.Context) error { return db.migrateUpTo(ctx, "") }

// migrateUpTo applies the pending migrations up to and including version
// last, or all of them when last is "". Tests use it to build a database
// as an older release left it.
func (db *DB) migrateUpTo(ctx context.Context, last string) error {
	if _, err := db.wdb.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	apart, err := db.keysApart(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if err := db.useKeyStore(ctx, apart, false); err != nil {
		return err
	}
	dir := "migrations/" + db.dialect
	names, err := fs.Glob(migrationFS, dir+"/*.up.sql")
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	files := map[string]string{} // version → SQL file
	var versions []string
	for _, name := range names {
		version := strings.TrimSuffix(name[len(dir)+1:], ".up.sql")
		files[version] = name
		versions = append(versions, version)
	}
	for version := range goMigrations {
		if files[version] == "" {
			versions = append(versions, version)
		}
	}
	sort.Strings(versions)
	for _, version := range versions {
		if last != "" && version > last {
			break
		}
		if err := db.migrateVersion(ctx, files[version], version); err != nil {
			return fmt.Errorf("migrate %s: %w", version, err)
		}
	}
	if db.scrubAfterMigrate {
		// A reader (the checkpointer's own PASSIVE pass, say) can keep
		// the TRUNCATE from finishing, and then the log keeps the moved
		// keys' old images: try again, for up to about a second.
		for try := 0; ; try++ {
			done, err := db.Scrub(ctx)
			if err != nil {
				return fmt.Errorf("migrate: truncate the log after moving the keys: %w", err)
			}
			if done || try == 50 {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		db.scrubAfterMigrate = false
	}
	return nil
}

// goMigrations are the migrations, or the Go halves of migrations,
// written in Go, by version: each runs after its SQL file if it has one,
// in the same transaction, for changes SQL cannot make (sealing data,
// re-keying, re-reading sealed values). A Go migration that needs the
// store's keys loads them in its transaction (Tx.systemKey, Tx.indexKey).
// Like SQL files they are never edited once shipped.
var goMigrations = map[string]func(ctx context.Context, tx *Tx) error{
	"0009_keyed_audit_sealed_names": migrate0009,
	"0010_phone_e164":               migrate0010,
	keyStoreMigration:               migrate0049,
}

// migrateVersion applies migration version, its SQL file name ("" for
// none) and its Go function, unless it is recorded as applied.
func (db *DB) migrateVersion(ctx context.Context, name, version string) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		tx.migration = true
		if db.dialect == Postgres {
			// Serialise nodes that start at once.
			if _, err := tx.exec(ctx, `SELECT pg_advisory_xact_lock(7714001)`); err != nil {
				return err
			}
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		if name != "" {
			body, err := migrationFS.ReadFile(name)
			if err != nil {
				return err
			}
			if _, err := tx.tx.ExecContext(ctx, string(body)); err != nil {
				return err
			}
		}
		if fn := goMigrations[version]; fn != nil {
			if err := fn(ctx, tx); err != nil {
				return err
			}
		}
		_, err := tx.exec(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, version, fmtTime(tx.now))
		return err
	})
}
