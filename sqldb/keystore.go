package sqldb

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/vault"
)

// The key store holds the wrapped data keys apart from the data, so that
// a data backup (proofdesk backup, pg_dump of the data schema) carries no
// key: destroying a customer's keys makes every older data backup of that
// customer unreadable, as long as no key-store backup older than the
// destruction is kept.
//
//   - SQLite: the file keys.db beside the database file (KeyStorePath),
//     opened through a handle of its own with synchronous=FULL and
//     secure_delete. The data's writer never writes it, and a data row
//     never references a key that is not durably in it: customers' and
//     conversations' keys come from a pool written (and fsynced) in
//     batches before any of them is handed out (keyPool), so a create
//     costs no second commit. A crash leaves at most unused pooled keys:
//     orphans, harmless. Keys are destroyed the other way round: listed
//     in the data file by the erasure's commit, then deleted from the
//     key file (destroyDataKeys, finishDestructions), so a crash leaves
//     at most listed keys, which the next open deletes.
//   - PostgreSQL: the schema proofdesk_keys (or <schema>_keys when the
//     DSN's search_path names a schema) of the same database, written in
//     the data's own transaction, which makes the two atomic.
//
// Until migration 0049 has moved them, the keys stay in the data
// database's table data_keys, as releases before it kept them.

// keyStoreMigration is the migration that moves the keys apart.
const keyStoreMigration = "0049_key_store"

// keyPoolSize is how many customer or conversation keys one pool refill
// writes (one commit, fsynced, on SQLite).
const keyPoolSize = 128

// keyStore is where the wrapped data keys are.
type keyStore struct {
	// q runs the key store's SQL: the key file's own pool on SQLite,
	// the data's pool on PostgreSQL and before migration 0049.
	q *sql.DB
	// table is the qualified name of the keys' table.
	table string
	// inData is set when the table is reachable from a data transaction
	// (PostgreSQL, or before 0049): it is read and written there.
	inData bool
	// path is the SQLite key file ("" otherwise); own is set when q is
	// the key store's own pool (closed with the store).
	path string
	own  bool
	// apart is set once migration 0049 moved the keys out of the data.
	apart bool
	// closed is set when Close closed q: the store stays in place (a
	// read still in flight fails on the closed pool rather than racing
	// with Close), and a later Open opens a new one.
	closed bool

	poolMu sync.Mutex
	pool   []*vault.DataKey
}

// legacyKeyStore is the data database's own data_keys table.
func (db *DB) legacyKeyStore() *keyStore {
	return &keyStore{q: db.wdb, table: "data_keys", inData: true}
}

// KeyStorePath returns the SQLite key store of a SQLite store, the file
// keys.db beside the database file; "" for PostgreSQL.
func (db *DB) KeyStorePath() string {
	if db.dialect == Postgres {
		return ""
	}
	return filepath.Join(filepath.Dir(db.dsn), "keys.db")
}

// KeySchema returns the PostgreSQL schema of the key store:
// proofdesk_keys, or <schema>_keys when the DSN's search_path names a
// schema (tests give each store a schema of its own); "" for SQLite.
func (db *DB) KeySchema() string {
	if db.dialect != Postgres {
		return ""
	}
	if u, err := url.Parse(db.dsn); err == nil {
		if sp := u.Query().Get("search_path"); sp != "" {
			first, _, _ := strings.Cut(sp, ",")
			if first = strings.Trim(strings.TrimSpace(first), `"`); first != "" && first != "public" {
				return first + "_keys"
			}
		}
	}
	return "proofdesk_keys"
}

// ErrKeyStoreMissing is returned by Open and Inspect when the SQLite key
// store of a database whose keys were moved apart is not there.
var ErrKeyStoreMissing = errors.New("no key store")

// KeyStoreName names the key store: its SQLite file, or "schema
// <name>" on PostgreSQL.
func (db *DB) KeyStoreName() string { return db.keyStoreName() }

// keysApart reports whether migration 0049 is applied to the data
// database (readable before any migration: false then).
func (db *DB) keysApart(ctx context.Context) (bool, error) {
	var n int
	err := db.wdb.QueryRowContext(ctx, db.rebind(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`), keyStoreMigration).Scan(&n)
	if err != nil {
		// No schema_migrations yet: an empty database.
		if _, err2 := db.wdb.ExecContext(ctx, `SELECT 1 FROM schema_migrations WHERE 1 = 0`); err2 != nil {
			return false, nil
		}
		return false, err
	}
	return n > 0, nil
}

// useKeyStore points the store at its key store: apart when migration
// 0049 is applied, else the data's data_keys. create makes the SQLite
// file and the table (the migration does); without it a missing key
// file is an error, since the data cannot be read without it.
func (db *DB) useKeyStore(ctx context.Context, apart, create bool) error {
	if db.keys != nil && db.keys.apart == apart && !db.keys.closed {
		return nil
	}
	if !apart {
		db.keys = db.legacyKeyStore()
		return nil
	}
	if db.dialect == Postgres {
		db.keys = &keyStore{q: db.wdb, table: pgIdent(db.KeySchema()) + ".data_keys", inData: true, apart: true}
		return nil
	}
	path := db.KeyStorePath()
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if !create {
			return fmt.Errorf("open key store: %s is missing: the data keys of %s are in it, and without them nothing sealed can be read; restore it from its backup (proofdesk backup --keys): %w", path, db.dsn, ErrKeyStoreMissing)
		}
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return fmt.Errorf("open key store: %w", err)
		}
		f.Close()
	} else if err != nil {
		return fmt.Errorf("open key store: %w", err)
	}
	// FULL: a key's commit is on disk before any data row names it.
	// secure_delete: a destroyed key's bytes are overwritten, not left in
	// a free page.
	q, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=secure_delete(1)&_txlock=immediate")
	if err != nil {
		return fmt.Errorf("open key store: %w", err)
	}
	q.SetMaxOpenConns(4)
	if _, err := q.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS data_keys (
	id            TEXT PRIMARY KEY,
	master_key_id TEXT NOT NULL,
	wrapped       TEXT NOT NULL,
	created_at    TEXT NOT NULL
)`); err != nil {
		q.Close()
		return fmt.Errorf("open key store %s: %w", path, err)
	}
	if _, err := q.ExecContext(ctx, `CREATE INDEX IF NOT EXISTS data_keys_master ON data_keys (master_key_id)`); err != nil {
		q.Close()
		return fmt.Errorf("open key store %s: %w", path, err)
	}
	db.keys = &keyStore{q: q, table: "data_keys", path: path, own: true, apart: true}
	return nil
}

// keyStoreCheckSetting names the setting that ties the data to its key
// store: keyStoreCheck of the system key, written by migration 0049.
const keyStoreCheckSetting = "key_store_check"

// keyStoreCheck is a secret derived from the system data key (never the
// key itself): a key store whose system key differs, another database's
// under the same master key, is refused at open.
func keyStoreCheck(system *vault.DataKey) string {
	return hex.EncodeToString(system.Derive("proofdesk key store check v1"))
}

// checkKeyStore reports an error when the key store's system key is not
// the one this data was written with.
func (db *DB) checkKeyStore(ctx context.Context) error {
	want, err := db.reader().setting(ctx, keyStoreCheckSetting)
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open db: %w", err)
	}
	if want != keyStoreCheck(db.system) {
		return fmt.Errorf("open db: the key store %s is not this database's key store (it holds another system key); restore the one backed up with it (proofdesk backup --keys)", db.keyStoreName())
	}
	return nil
}

// closeKeys closes the key store's own pool.
func (db *DB) closeKeys() error {
	if db.keys == nil || !db.keys.own || db.keys.closed {
		return nil
	}
	db.keys.closed = true
	return db.keys.q.Close()
}

// pgIdent quotes a PostgreSQL identifier.
func pgIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// keyHandle returns where h reads and writes keys: h itself when the key
// table is reachable from its transaction, else the key store's pool.
func (h *Handle) keyHandle() *Handle {
	ks := h.db.keys
	if ks.inData {
		return h
	}
	return &Handle{q: ks.q, db: h.db, now: h.now}
}

// putKey stores a wrapped data key through h (keyHandle's choice).
func (h *Handle) putKey(ctx context.Context, id, masterID, wrapped string) error {
	// In a PostgreSQL transaction, sent with its next statement.
	return h.keyHandle().execLater(ctx, "insert data key", `INSERT INTO `+h.db.keys.table+` (id, master_key_id, wrapped, created_at) VALUES (?, ?, ?, ?)`,
		id, masterID, wrapped, fmtTime(h.now))
}

// entityKey returns a new data key for a customer or conversation with
// that ID, stored before any row can name it: from the pool on the SQLite
// key file, else created in tx ("dk_" + the entity's ID).
func (tx *Tx) entityKey(ctx context.Context, entityID string) (*vault.DataKey, error) {
	ks := tx.db.keys
	if ks.inData {
		return tx.newDataKey(ctx, "dk_"+entityID)
	}
	return tx.db.takePooledKey(ctx)
}

// takePooledKey hands out a key of the pool, refilling it when empty
// with keyPoolSize keys written in one fsynced commit.
func (db *DB) takePooledKey(ctx context.Context) (*vault.DataKey, error) {
	ks := db.keys
	ks.poolMu.Lock()
	defer ks.poolMu.Unlock()
	if len(ks.pool) == 0 {
		fresh := make([]*vault.DataKey, 0, keyPoolSize)
		err := func() error {
			sqlTx, err := ks.q.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			defer sqlTx.Rollback()
			stmt, err := sqlTx.PrepareContext(ctx, `INSERT INTO data_keys (id, master_key_id, wrapped, created_at) VALUES (?, ?, ?, ?)`)
			if err != nil {
				return err
			}
			defer stmt.Close()
			now := fmtTime(db.Now())
			for range keyPoolSize {
				dk, wrapped, masterID, err := db.vault.NewDataKey(proofdesk.NewID("dk"))
				if err != nil {
					return err
				}
				if _, err := stmt.ExecContext(ctx, dk.ID, masterID, wrapped, now); err != nil {
					return wrapErr(err)
				}
				fresh = append(fresh, dk)
			}
			return sqlTx.Commit()
		}()
		if err != nil {
			return nil, fmt.Errorf("fill the key pool: %w", err)
		}
		ks.pool = fresh
	}
	dk := ks.pool[len(ks.pool)-1]
	ks.pool = ks.pool[:len(ks.pool)-1]
	return dk, nil
}

// keyByID returns the unwrapped data key with that ID, from the vault's
// cache or else read through h.
func (h *Handle) keyByID(ctx context.Context, id string) (*vault.DataKey, error) {
	if dk := h.db.vault.Cached(id); dk != nil {
		return dk, nil
	}
	var wrapped string
	if err := h.keyHandle().queryRow(ctx, `SELECT wrapped FROM `+h.db.keys.table+` WHERE id = ?`, id).Scan(&wrapped); err != nil {
		return nil, fmt.Errorf("data key %s: %w", id, wrapErr(err))
	}
	return h.db.vault.Unwrap(id, wrapped)
}

// keyJoin returns how a query of table alias t (customers c,
// conversations v) selects the wrapped data key: the column and the join.
// Where the key table is not in the data database (SQLite after 0049) the
// column is empty and the scan reads the key by its ID (openRowKey).
func (db *DB) keyJoin(alias string) (col, join string) {
	if !db.keys.inData {
		return `''`, ``
	}
	return `k.wrapped`, ` JOIN ` + db.keys.table + ` k ON k.id = ` + alias + `.data_key_id`
}

// openRowKey unwraps the data key of a scanned row: from its wrapped form
// when the query joined it, else by its ID from the key store. A key that
// is no longer in the key store (destroyed) fails here: the row cannot be
// read.
func (db *DB) openRowKey(ctx context.Context, id, wrapped string) (*vault.DataKey, error) {
	if wrapped != "" {
		return db.openKey(id, wrapped)
	}
	dk, err := (&Handle{q: db.keys.q, db: db, now: db.Now()}).keyByID(ctx, id)
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		return nil, errKeyDestroyed
	}
	if err != nil {
		return nil, fmt.Errorf("unwrap: %w", err)
	}
	return dk, nil
}

// errKeyDestroyed is a row's data key missing from the key store: it was
// destroyed (an erased customer in a restored data backup, say). Lists
// skip such a row, as PostgreSQL's join does; finding it by ID is
// ENOTFOUND.
var errKeyDestroyed = &proofdesk.Error{Code: proofdesk.ENOTFOUND, Message: "Not found: its data key was destroyed."}

// customerKey returns the data key of customer id.
func (h *Handle) customerKey(ctx context.Context, customerID string) (*vault.DataKey, error) {
	var dkID string
	if err := h.queryRow(ctx, `SELECT data_key_id FROM customers WHERE id = ?`, customerID).Scan(&dkID); err != nil {
		return nil, fmt.Errorf("customer %s: %w", customerID, wrapErr(err))
	}
	return h.keyByID(ctx, dkID)
}

// DestroyDataKeys deletes the data keys with these IDs from the key store
// and from memory, for good (Tx.destroyDataKeys, in a transaction of its
// own). It returns how many keys it deleted; unknown IDs are skipped.
func (db *DB) DestroyDataKeys(ctx context.Context, ids []string) (int, error) {
	var n int
	err := db.WithTx(ctx, func(tx *Tx) error {
		var err error
		n, err = tx.destroyDataKeys(ctx, ids...)
		return err
	})
	return n, err
}

// destroyDataKeys destroys the data keys with these IDs: what they sealed
// can no longer be read, in the store or in any data backup, once no
// key-store backup older than this holds them. Where the key table is in
// the data database (PostgreSQL) the keys are deleted in tx. On the SQLite
// key file, which cannot commit with the data file, tx lists them in the
// data file's key_destructions (migration 0059), so that they are listed
// if and only if tx commits; once it has, WithTx deletes them from the key
// file (finishDestructions) before it returns. The vault forgets them at
// once, and again once they are deleted. The installation's keys cannot
// be destroyed (EINVALID). It returns how many keys it deleted (or will
// delete, on SQLite).
func (tx *Tx) destroyDataKeys(ctx context.Context, ids ...string) (int, error) {
	for _, id := range ids {
		if id == systemKeyID || id == indexKeyID {
			return 0, proofdesk.Errorf(proofdesk.EINVALID, "the installation's data key %s cannot be destroyed", id)
		}
	}
	defer tx.db.vault.Forget(ids...)
	tx.announceDestroyed(ids)
	if !tx.db.keys.inData {
		n := 0
		for _, id := range ids {
			var one int
			err := tx.keyHandle().queryRow(ctx, `SELECT 1 FROM data_keys WHERE id = ?`, id).Scan(&one)
			if proofdesk.ErrorCode(wrapErr(err)) == proofdesk.ENOTFOUND {
				continue
			} else if err != nil {
				return 0, fmt.Errorf("destroy data key: %w", err)
			}
			if _, err := tx.exec(ctx, `INSERT INTO key_destructions (key_id, queued_at) VALUES (?, ?) ON CONFLICT (key_id) DO NOTHING`, id, fmtTime(tx.now)); err != nil {
				return 0, fmt.Errorf("destroy data key: %w", wrapErr(err))
			}
			n++
			tx.destroyKeys = append(tx.destroyKeys, id)
		}
		return n, nil
	}
	n := 0
	for _, id := range ids {
		res, err := tx.exec(ctx, `DELETE FROM `+tx.db.keys.table+` WHERE id = ?`, id)
		if err != nil {
			return n, fmt.Errorf("destroy data key: %w", wrapErr(err))
		}
		if k, _ := res.RowsAffected(); k > 0 {
			n += int(k)
		}
	}
	return n, nil
}

// Steps of a key destruction on the SQLite key file, for destroyStep.
const (
	stepCommit = "commit" // the data COMMIT that lists the keys
	stepKeys   = "keys"   // the keys' deletion from the key file
	stepList   = "list"   // the list's clearing in the data file
)

// destroyStep, when a test sets it, is called before each step of a key
// destruction on the SQLite key file (stepCommit, stepKeys, stepList); an
// error stops the destruction there, as a crash would, and is returned.
// Nil in production.
var destroyStep func(step string) error

// atDestroyStep runs destroyStep, if set, for step.
func atDestroyStep(step string) error {
	if destroyStep == nil {
		return nil
	}
	return destroyStep(step)
}

// finishDestructions destroys the data keys the data file lists in
// key_destructions: it makes the data file's log durable (syncDataLog:
// the data commits with synchronous=NORMAL, and the list must not be lost
// to a power cut once the keys are), deletes the keys from the SQLite key
// file in one fsynced commit, truncates the key file's log, forgets them,
// and then removes them from the list through w, the data's writer (its
// pool, or the connection a transaction of its own holds). Each step can
// be repeated: a crash anywhere leaves keys that the next call deletes,
// or a list of keys already gone. It returns how many keys it finished.
// A no-op where the key table is in the data database.
func (db *DB) finishDestructions(ctx context.Context, w querier) (int, error) {
	if db.keys == nil || db.keys.inData {
		return 0, nil
	}
	var ids []string
	rows, err := w.QueryContext(ctx, `SELECT key_id FROM key_destructions ORDER BY key_id`)
	if err != nil {
		return 0, fmt.Errorf("destroy data keys: %w", wrapErr(err))
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, fmt.Errorf("destroy data keys: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("destroy data keys: %w", wrapErr(err))
	}
	if len(ids) == 0 {
		return 0, nil
	}
	if err := db.syncDataLog(); err != nil {
		return 0, fmt.Errorf("destroy data keys: %w", err)
	}
	if err := atDestroyStep(stepKeys); err != nil {
		return 0, err
	}
	err = db.withKeyTx(ctx, func(h *Handle) error {
		for _, id := range ids {
			if _, err := h.exec(ctx, `DELETE FROM data_keys WHERE id = ?`, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("destroy data keys: %w", err)
	}
	// A read that unwrapped one of them between the erasure's Forget and
	// the deletion cached it again.
	db.vault.Forget(ids...)
	db.scrubKeys(ctx)
	if err := atDestroyStep(stepList); err != nil {
		return 0, err
	}
	for chunk := range slices.Chunk(ids, 500) {
		q := `DELETE FROM key_destructions WHERE key_id IN (?` + strings.Repeat(`, ?`, len(chunk)-1) + `)`
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		if _, err := w.ExecContext(ctx, q, args...); err != nil {
			return 0, fmt.Errorf("destroy data keys: clear the list: %w", wrapErr(err))
		}
	}
	return len(ids), nil
}

// destroyRetry is how long after a failed key destruction (a full disk,
// say) it is tried again.
const destroyRetry = 30 * time.Second

// destroyListed finishes the listed key destructions through w
// (finishDestructions). When that fails it logs it, schedules a retry
// every destroyRetry until one succeeds or the store is closed, and
// returns an error saying so: the erasure that listed the keys is stored,
// but must not be reported done while its keys can still be unwrapped.
func (db *DB) destroyListed(ctx context.Context, w querier) error {
	_, err := db.finishDestructions(ctx, w)
	if err == nil {
		return nil
	}
	db.logger.Error("key store: destroy the data keys an erasure listed", slogErr(err))
	db.retryDestructions()
	return fmt.Errorf("the erasure is stored, but its data keys are not destroyed yet; they will be within %s, or at the next erasure or start: %w", destroyRetry, err)
}

// retryDestructions schedules one finishDestructions after destroyRetry,
// unless one is scheduled already or the store is closed.
func (db *DB) retryDestructions() {
	if db.closed.Load() || !db.retrying.CompareAndSwap(false, true) {
		return
	}
	time.AfterFunc(destroyRetry, func() {
		db.retrying.Store(false)
		if db.closed.Load() {
			return
		}
		_ = db.destroyListed(context.Background(), db.wdb)
	})
}

// syncDataLog flushes the SQLite data file's write-ahead log to disk. A
// commit is in the log once it returns, but with synchronous=NORMAL the
// log is fsynced only at checkpoints; a frame already copied into the
// database file was fsynced by that checkpoint, and a log that is not
// there holds nothing. Only the log is opened here: SQLite holds no lock
// on it (WAL locks are on the -shm file), whereas closing a descriptor of
// the database file itself would drop the process's POSIX locks on it.
func (db *DB) syncDataLog() error {
	f, err := os.OpenFile(db.dsn+"-wal", os.O_RDWR, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("sync the data log: %w", err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync the data log: %w", err)
	}
	return nil
}

// scrubKeys truncates the SQLite key file's write-ahead log after keys
// were destroyed, so their bytes do not stay in it.
func (db *DB) scrubKeys(ctx context.Context) {
	if _, err := db.keys.q.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		db.logger.Warn("key store: truncate the log after destroying keys", slogErr(err))
	}
}

// BackupKeys writes a consistent copy of the SQLite key store to the new
// file path, as Backup does for the data: never overwriting, mode 0600.
// Keep key-store backups apart from data backups and only briefly (see
// the README): an erased customer stays readable from older data backups
// as long as a key-store backup older than the erase exists. Returns
// EINVALID for PostgreSQL (pg_dump --schema=proofdesk_keys) and as
// Backup does.
func (db *DB) BackupKeys(ctx context.Context, path string) error {
	if db.dialect == Postgres {
		return proofdesk.Errorf(proofdesk.EINVALID, "a PostgreSQL key store is backed up with pg_dump --schema=%s (see the README), not with proofdesk backup", db.KeySchema())
	}
	if db.keys == nil || !db.keys.own {
		return proofdesk.Errorf(proofdesk.EINVALID, "this store keeps its keys in the data database still: run proofdesk migrate first")
	}
	return vacuumInto(ctx, db.keys.q, path)
}

// withKeyTx runs fn in a write transaction of the key store: a data
// transaction where the key table is in the data database, else one of
// the key file.
func (db *DB) withKeyTx(ctx context.Context, fn func(h *Handle) error) error {
	if db.keys.inData {
		return db.WithTx(ctx, func(tx *Tx) error { return fn(&tx.Handle) })
	}
	sqlTx, err := db.keys.q.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", wrapErr(err))
	}
	if err := fn(&Handle{q: sqlTx, db: db, now: db.Now()}); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", wrapErr(err))
	}
	return nil
}
