package sqldb

import (
	"context"
	"fmt"
	"regexp"
)

// migrate0049 (0049_key_store, after its SQL file) moves every wrapped
// data key out of the data database into the key store (keystore.go) and
// drops the data's table data_keys, with the foreign keys that named it.
//
// SQLite: the keys are copied into the key file in one fsynced commit of
// its own before the data's transaction drops them, so a crash between
// leaves them in both places and the migration, run again, copies
// nothing new. The drop runs with secure_delete, and Migrate truncates the
// write-ahead log after it, so no key's bytes stay in the data file's
// free pages or log. PostgreSQL: one transaction moves them into the key
// schema.
//
// A key store that already holds a different key under the same ID (the
// key store of another database) stops the migration.
func migrate0049(ctx context.Context, tx *Tx) error {
	db := tx.db
	// The installation's keys exist from here on (on a fresh database they
	// are made now), so a key store without them is not this database's.
	system, err := tx.systemKey(ctx)
	if err != nil {
		return err
	}
	if _, err := tx.indexKey(ctx); err != nil {
		return err
	}
	if err := tx.putSetting(ctx, keyStoreCheckSetting, keyStoreCheck(system)); err != nil {
		return err
	}
	if err := db.useKeyStore(ctx, true, true); err != nil {
		return err
	}
	if db.dialect == Postgres {
		return migrate0049Postgres(ctx, tx)
	}
	type key struct{ id, masterID, wrapped, created string }
	var keys []key
	rows, err := tx.query(ctx, `SELECT id, master_key_id, wrapped, created_at FROM data_keys ORDER BY id`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var k key
		if err := rows.Scan(&k.id, &k.masterID, &k.wrapped, &k.created); err != nil {
			rows.Close()
			return err
		}
		keys = append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	err = db.withKeyTx(ctx, func(h *Handle) error {
		for _, k := range keys {
			res, err := h.exec(ctx, `INSERT INTO data_keys (id, master_key_id, wrapped, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
				k.id, k.masterID, k.wrapped, k.created)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 1 {
				continue
			}
			var have string
			if err := h.queryRow(ctx, `SELECT wrapped FROM data_keys WHERE id = ?`, k.id).Scan(&have); err != nil {
				return err
			}
			if have != k.wrapped {
				return fmt.Errorf("the key store %s already holds another data key %s: it belongs to another database; move it away", db.keys.path, k.id)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("copy the data keys: %w", err)
	}
	// SQLite cannot drop a foreign key: the tables that name data_keys
	// get their CREATE text without the clause, which changes nothing
	// stored (https://sqlite.org/lang_altertable.html#otheralter).
	// The SQL half set secure_delete (the writer has it on anyway, see
	// openPools).
	type table struct{ name, sql string }
	var tables []table
	rows, err = tx.query(ctx, `SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%REFERENCES data_keys%'`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var t table
		if err := rows.Scan(&t.name, &t.sql); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(tables) > 0 {
		var version int
		if err := tx.queryRow(ctx, `PRAGMA schema_version`).Scan(&version); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `PRAGMA writable_schema = ON`); err != nil {
			return err
		}
		for _, t := range tables {
			if _, err := tx.exec(ctx, `UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?`, dataKeysRef.ReplaceAllString(t.sql, ""), t.name); err != nil {
				_, _ = tx.exec(ctx, `PRAGMA writable_schema = OFF`)
				return fmt.Errorf("drop the foreign key of %s: %w", t.name, err)
			}
		}
		if _, err := tx.exec(ctx, fmt.Sprintf(`PRAGMA schema_version = %d`, version+1)); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `PRAGMA writable_schema = OFF`); err != nil {
			return err
		}
	}
	if _, err := tx.exec(ctx, `DROP TABLE data_keys`); err != nil {
		return fmt.Errorf("drop data_keys: %w", err)
	}
	db.scrubAfterMigrate = true
	return nil
}

// dataKeysRef is a foreign-key clause naming data_keys in a CREATE TABLE.
var dataKeysRef = regexp.MustCompile(`(?i)\s+REFERENCES\s+"?data_keys"?\s*(\(\s*"?id"?\s*\))?`)

func migrate0049Postgres(ctx context.Context, tx *Tx) error {
	schema := pgIdent(tx.db.KeySchema())
	for _, q := range []string{
		`CREATE SCHEMA IF NOT EXISTS ` + schema,
		`CREATE TABLE IF NOT EXISTS ` + schema + `.data_keys (
	id            TEXT PRIMARY KEY,
	master_key_id TEXT NOT NULL,
	wrapped       TEXT NOT NULL,
	created_at    TEXT NOT NULL
)`,
		`CREATE INDEX IF NOT EXISTS data_keys_master ON ` + schema + `.data_keys (master_key_id)`,
	} {
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("create the key schema: %w", err)
		}
	}
	var clash int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM data_keys d JOIN `+schema+`.data_keys k ON k.id = d.id WHERE k.wrapped <> d.wrapped`).Scan(&clash); err != nil {
		return err
	}
	if clash > 0 {
		return fmt.Errorf("the key schema %s already holds %d other data keys under the same IDs: it belongs to another database", tx.db.KeySchema(), clash)
	}
	if _, err := tx.exec(ctx, `INSERT INTO `+schema+`.data_keys (id, master_key_id, wrapped, created_at)
		SELECT id, master_key_id, wrapped, created_at FROM data_keys ON CONFLICT (id) DO NOTHING`); err != nil {
		return fmt.Errorf("move the data keys: %w", err)
	}
	// CASCADE drops the foreign keys that name it, not their tables.
	if _, err := tx.exec(ctx, `DROP TABLE data_keys CASCADE`); err != nil {
		return fmt.Errorf("drop data_keys: %w", err)
	}
	return nil
}
