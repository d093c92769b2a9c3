// Package sqldbtest opens real stores for tests: a SQLite file in a
// temporary directory, and a fresh PostgreSQL schema when
// TEST_POSTGRES_DSN is set.
package sqldbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/vault"
)

// PostgresDSN returns TEST_POSTGRES_DSN, or "" when PostgreSQL tests are off.
func PostgresDSN() string { return os.Getenv("TEST_POSTGRES_DSN") }

// Dialects returns the dialects to test: SQLite always, PostgreSQL when
// TEST_POSTGRES_DSN is set.
func Dialects() []string {
	if PostgresDSN() != "" {
		return []string{sqldb.SQLite, sqldb.Postgres}
	}
	return []string{sqldb.SQLite}
}

// Run runs fn as a subtest on a fresh store of each dialect.
func Run(t *testing.T, fn func(t *testing.T, db *sqldb.DB)) {
	t.Helper()
	for _, d := range Dialects() {
		t.Run(d, func(t *testing.T) { fn(t, OpenDialect(t, d)) })
	}
}

// Open returns a fresh SQLite store, closed when the test ends.
func Open(tb testing.TB) *sqldb.DB { return OpenDialect(tb, sqldb.SQLite) }

// NewVault returns a vault with a random master key.
func NewVault(tb testing.TB) *vault.Vault {
	tb.Helper()
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		tb.Fatal(err)
	}
	kr, err := vault.ParseKeys(base64.StdEncoding.EncodeToString(key), "test key")
	if err != nil {
		tb.Fatal(err)
	}
	return vault.New(kr)
}

// OpenDialect returns a fresh store of the dialect with a random master
// key, closed (and its PostgreSQL schemas, data and keys, dropped) when
// the test ends.
func OpenDialect(tb testing.TB, dialect string) *sqldb.DB {
	tb.Helper()
	return OpenWithVault(tb, DSN(tb, dialect), NewVault(tb))
}

// DSN returns the DSN of a fresh, empty database of the dialect.
func DSN(tb testing.TB, dialect string) string {
	tb.Helper()
	if dialect == sqldb.SQLite {
		return filepath.Join(tb.TempDir(), "proofdesk.db")
	}
	base := PostgresDSN()
	if base == "" {
		tb.Skip("TEST_POSTGRES_DSN not set")
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		admin.Close()
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		_, _ = admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		_, _ = admin.Exec(`DROP SCHEMA IF EXISTS ` + schema + `_keys CASCADE`) // its key store (sqldb.DB.KeySchema)
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// OpenWithVault opens a store on dsn with v, closed when the test ends.
func OpenWithVault(tb testing.TB, dsn string, v *vault.Vault) *sqldb.DB {
	tb.Helper()
	db := sqldb.NewDB(dsn, v, nil)
	if err := db.Open(context.Background()); err != nil {
		tb.Fatalf("open store: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	// The application's guard checks every agent reply, as in production.
	desk.New(db, desk.Config{})
	return db
}

// Schema returns the search_path schema of a PostgreSQL DSN.
func Schema(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return ""
	}
	return u.Query().Get("search_path")
}
