package sqldb_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
	"github.com/proofdesk/proofdesk/vault"
)

// wrapMark starts every wrapped data key (vault).
const wrapMark = "wk:v1:"

// fileHas reports whether the file at path, or its write-ahead log,
// holds s.
func fileHas(t *testing.T, path, s string) bool {
	t.Helper()
	for _, p := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(p)
		if os.IsNotExist(err) && p != path {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(s)) {
			return true
		}
	}
	return false
}

// masterKey returns a random master key (base64) and a vault maker for
// it: each call is a fresh vault, as a restarted process has.
func masterKey(t *testing.T) func() *vault.Vault {
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	return func() *vault.Vault {
		kr, err := vault.ParseKeys(base64.StdEncoding.EncodeToString(key), "test key")
		if err != nil {
			t.Fatal(err)
		}
		return vault.New(kr)
	}
}

// TestKeysApartFromData: the data database holds no data key and no
// foreign key to one; a data backup carries no wrapped key; the key store
// (and its backup) holds them.
func TestKeysApartFromData(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		for i := range 5 {
			c := newCustomer(t, fmt.Sprintf("K-%d", i), fmt.Sprintf("k%d@example.com", i), fmt.Sprintf("+14152%06d", i))
			if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, c); err != nil {
				t.Fatal(err)
			}
			conv := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: c.ID, Subject: "Hello",
				Requester: proofdesk.Requester{Email: fmt.Sprintf("k%d@example.com", i)}}
			if err := sqldb.NewConversationService(db).CreateConversation(ctx, conv, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "Hi"}); err != nil {
				t.Fatal(err)
			}
		}
		raw := rawDB(t, db)
		keysDB := raw
		if db.Dialect() == sqldb.SQLite {
			var err error
			if keysDB, err = sql.Open("sqlite", db.KeyStorePath()); err != nil {
				t.Fatal(err)
			}
			defer keysDB.Close()
		}
		var keys int
		if err := keysDB.QueryRow(`SELECT COUNT(*) FROM ` + keyTable(db)).Scan(&keys); err != nil || keys < 12 {
			t.Fatalf("key store holds %d keys (%v), want at least 12 (2 installation, 5 customers, 5 conversations)", keys, err)
		}
		if db.Dialect() == sqldb.Postgres {
			var reg sql.NullString
			if err := raw.QueryRow(`SELECT to_regclass('data_keys')::text`).Scan(&reg); err != nil || reg.Valid {
				t.Fatalf("data schema still has data_keys: %v %v", reg, err)
			}
			var fks int
			if err := raw.QueryRow(`SELECT COUNT(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace
				AND confrelid IN (SELECT oid FROM pg_class WHERE relname = 'data_keys')`).Scan(&fks); err != nil || fks != 0 {
				t.Fatalf("%d foreign keys from the data to the keys (%v), want 0", fks, err)
			}
			return
		}
		var refs int
		if err := raw.QueryRow(`SELECT COUNT(*) FROM sqlite_schema WHERE sql LIKE '%data_keys%'`).Scan(&refs); err != nil || refs != 0 {
			t.Fatalf("%d schema entries name data_keys (%v), want 0", refs, err)
		}
		if fileHas(t, db.DSN(), wrapMark) {
			t.Fatalf("the data file holds a wrapped data key")
		}
		dir := t.TempDir()
		data, keysCopy := filepath.Join(dir, "data.db"), filepath.Join(dir, "keys.db")
		if err := db.Backup(ctx, data); err != nil {
			t.Fatal(err)
		}
		if err := db.BackupKeys(ctx, keysCopy); err != nil {
			t.Fatal(err)
		}
		if fileHas(t, data, wrapMark) {
			t.Errorf("the data backup holds a wrapped data key")
		}
		if !fileHas(t, keysCopy, wrapMark) {
			t.Errorf("the key store backup holds no wrapped data key")
		}
		if err := db.BackupKeys(ctx, keysCopy); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Errorf("a second key backup to the same file: %v, want EINVALID", err)
		}
	})
}

// keyTable returns the qualified key table of db, for raw SQL.
func keyTable(db *sqldb.DB) string {
	if db.Dialect() == sqldb.Postgres {
		return `"` + db.KeySchema() + `".data_keys`
	}
	return `data_keys`
}

// TestUpgradeMovesKeysOutOfTheDataFile: migration 0049 on a SQLite store
// written by the previous release leaves none of the wrapped keys' bytes
// in the data file (free pages, log), and every record reads back.
func TestUpgradeMovesKeysOutOfTheDataFile(t *testing.T) {
	ctx := context.Background()
	newVault := masterKey(t)
	dsn := sqldbtest.DSN(t, sqldb.SQLite)
	old := sqldb.NewDB(dsn, newVault(), nil)
	if _, _, err := sqldb.OpenBefore(ctx, old, "0049_key_store"); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := range 20 {
		c := newCustomer(t, fmt.Sprintf("U-%d", i), fmt.Sprintf("u%d@example.com", i), fmt.Sprintf("+14152%06d", i))
		if err := sqldb.NewCustomerService(old).CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	raw, err := sql.Open("sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	var wrapped []string
	rows, err := raw.Query(`SELECT wrapped FROM data_keys`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var w string
		if err := rows.Scan(&w); err != nil {
			t.Fatal(err)
		}
		wrapped = append(wrapped, w)
	}
	rows.Close()
	raw.Close()
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	if len(wrapped) != 22 || !fileHas(t, dsn, wrapped[0]) {
		t.Fatalf("before the upgrade: %d keys in the data file, want 22 (the test reads the file's bytes)", len(wrapped))
	}

	db := sqldbtest.OpenWithVault(t, dsn, newVault())
	for _, id := range ids {
		if _, err := sqldb.NewCustomerService(db).FindCustomerByID(ctx, id); err != nil {
			t.Fatalf("customer %s after the upgrade: %v", id, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	for i, w := range wrapped {
		if fileHas(t, dsn, w) {
			t.Fatalf("wrapped key %d is still in the data file after the upgrade", i)
		}
		if !fileHas(t, filepath.Join(filepath.Dir(dsn), "keys.db"), w) {
			t.Fatalf("wrapped key %d is not in the key store", i)
		}
	}
}

// TestKeyStoreMissingOrForeign: a SQLite store whose keys.db is missing,
// or is another store's, refuses to open and says so; it never starts
// over with new keys.
func TestKeyStoreMissingOrForeign(t *testing.T) {
	ctx := context.Background()
	newVault := masterKey(t)
	dsn := sqldbtest.DSN(t, sqldb.SQLite)
	db := sqldb.NewDB(dsn, newVault(), nil)
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	keysPath := db.KeyStorePath()
	db.Close()
	if err := os.Rename(keysPath, keysPath+".away"); err != nil {
		t.Fatal(err)
	}
	err := sqldb.NewDB(dsn, newVault(), nil).Open(ctx)
	if err == nil || !strings.Contains(err.Error(), "keys.db is missing") {
		t.Fatalf("open without keys.db: %v, want it named missing", err)
	}
	if _, err := os.Stat(keysPath); !os.IsNotExist(err) {
		t.Fatalf("a refused open left a keys.db behind: %v", err)
	}
	other := sqldb.NewDB(sqldbtest.DSN(t, sqldb.SQLite), newVault(), nil)
	if err := other.Open(ctx); err != nil {
		t.Fatal(err)
	}
	other.Close()
	b, err := os.ReadFile(other.KeyStorePath())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keysPath, b, 0o600); err != nil {
		t.Fatal(err)
	}
	err = sqldb.NewDB(dsn, newVault(), nil).Open(ctx)
	if err == nil || !strings.Contains(err.Error(), "not this database's key store") {
		t.Fatalf("open with another store's keys.db: %v, want a refusal", err)
	}
}

// TestRestoredBackupAfterKeyDestruction is the proof of crypto-shredding:
// a data backup is taken, a customer's data keys (theirs and their
// conversations') are destroyed, and the data backup is restored beside
// the live key store. The restored data still holds the customer's
// ciphertext, yet none of their fields or message bodies can be read;
// every other customer still decrypts, and the audit chain verifies. The
// erase is the desk's (desk.Desk.RequestErasure).
func TestRestoredBackupAfterKeyDestruction(t *testing.T) {
	for _, d := range sqldbtest.Dialects() {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			newVault := masterKey(t)
			dsn := sqldbtest.DSN(t, d)
			db := sqldbtest.OpenWithVault(t, dsn, newVault())
			customers, convs := sqldb.NewCustomerService(db), sqldb.NewConversationService(db)
			type person struct{ id, conv, name, email, body string }
			var people []person
			for i := range 3 {
				p := person{name: fmt.Sprintf("Person %d Quill", i), email: fmt.Sprintf("person%d@example.com", i),
					body: fmt.Sprintf("My card ending %04d was charged twice", 1000+i)}
				c := newCustomer(t, fmt.Sprintf("P-%d", i), p.email, fmt.Sprintf("+14152%06d", i))
				c.Name = p.name
				if err := customers.CreateCustomer(ctx, c); err != nil {
					t.Fatal(err)
				}
				conv := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: c.ID, Subject: "Refund",
					Requester: proofdesk.Requester{Name: p.name, Email: p.email}}
				if err := convs.CreateConversation(ctx, conv, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: p.body}); err != nil {
					t.Fatal(err)
				}
				p.id, p.conv = c.ID, conv.ID
				people = append(people, p)
			}
			erased := people[0]
			// Each customer has a sent reply on their conversation and a
			// notice about no conversation (an owner notice, say) in the
			// outbox.
			for _, p := range people {
				err := db.WithTx(ctx, func(tx *sqldb.Tx) error {
					if err := tx.Enqueue(ctx, &proofdesk.OutboxMessage{Kind: proofdesk.OutboxEmail, Purpose: sqldb.PurposeReply, ConversationID: p.conv,
						To: p.email, Subject: "Re: Refund", Body: "Reply about " + p.body}); err != nil {
						return err
					}
					return tx.Enqueue(ctx, &proofdesk.OutboxMessage{Kind: proofdesk.OutboxEmail, Purpose: "notice", CustomerID: p.id,
						To: p.email, Subject: "Your details changed", Body: "Notice for " + p.name})
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			due, err := db.ClaimDue(ctx, time.Now().Add(time.Hour), 100, []string{proofdesk.OutboxEmail}, time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range due {
				if d.Purpose == sqldb.PurposeReply {
					if err := db.MarkSent(ctx, d, "<"+d.ID+"@example.com>", time.Now()); err != nil {
						t.Fatal(err)
					}
				}
			}

			restore := dataBackup(t, db)
			// The erase (desk.Desk.RequestErasure, with a legal basis: at
			// once) destroys the customer's keys and their conversations'.
			f := sqldbtest.NewFixture(t, db)
			res, err := f.Desk.RequestErasure(f.SupCtx, erased.id, "Asked in writing", "GDPR art. 17(1)(a)")
			if err != nil || res.Erasure == nil || res.Erasure.KeysDestroyed != 2 {
				t.Fatalf("erase: %+v %v, want 2 keys destroyed", res, err)
			}
			db.Close()

			restored := restore(newVault())
			raw := rawDB(t, restored)
			var sealed string
			if err := raw.QueryRow(rebind(raw, `SELECT addresses_enc FROM customers WHERE id = ?`), erased.id).Scan(&sealed); err != nil || !strings.HasPrefix(sealed, "enc:v1:") {
				t.Fatalf("the restored backup does not hold the erased customer's sealed row: %q %v", sealed, err)
			}
			var n int
			if err := raw.QueryRow(rebind(raw, `SELECT COUNT(*) FROM messages WHERE conversation_id = ?`), erased.conv).Scan(&n); err != nil || n != 1 {
				t.Fatalf("the restored backup holds %d of the erased customer's messages (%v), want 1", n, err)
			}
			customers, convs = sqldb.NewCustomerService(restored), sqldb.NewConversationService(restored)
			if c, err := customers.FindCustomerByID(ctx, erased.id); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
				t.Errorf("erased customer from the restored backup: %+v %v, want ENOTFOUND", c, err)
			}
			email := erased.email
			if cs, _, err := customers.FindCustomers(ctx, proofdesk.CustomerFilter{Email: &email}); err != nil || len(cs) != 0 {
				t.Errorf("erased customer by email: %d found (%v), want none", len(cs), err)
			}
			if c, err := convs.FindConversationByID(ctx, erased.conv); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
				t.Errorf("erased customer's conversation: %+v %v, want ENOTFOUND", c, err)
			}
			if ms, err := convs.FindMessages(ctx, erased.conv); err == nil {
				t.Errorf("erased customer's messages read back: %d", len(ms))
			}
			all, _, err := customers.FindCustomers(ctx, proofdesk.CustomerFilter{})
			if err != nil {
				t.Fatalf("list customers of the restored backup: %v", err)
			}
			for _, c := range all {
				if c.ID == erased.id || c.Name == erased.name {
					t.Errorf("the customer list of the restored backup shows the erased customer")
				}
			}
			if len(all) != 2 {
				t.Errorf("the restored backup lists %d customers, want the 2 not erased", len(all))
			}
			for _, p := range people[1:] {
				c, err := customers.FindCustomerByID(ctx, p.id)
				if err != nil || c.Name != p.name || len(c.ContactPointsOf(proofdesk.ContactEmail)) != 1 || c.ContactPointsOf(proofdesk.ContactEmail)[0].Value != p.email {
					t.Fatalf("customer %s from the restored backup: %+v %v", p.id, c, err)
				}
				ms, err := convs.FindMessages(ctx, p.conv)
				if err != nil || len(ms) != 1 || ms[0].Body != p.body {
					t.Fatalf("messages of %s from the restored backup: %v %v", p.id, ms, err)
				}
			}
			// The outbox of the restored backup still holds the erased
			// customer's reply and notice, but no longer opens them; every
			// other customer's rows open.
			if err := raw.QueryRow(rebind(raw, `SELECT COUNT(*) FROM outbox WHERE conversation_id = ?`), erased.conv).Scan(&n); err != nil || n == 0 {
				t.Fatalf("the restored backup holds %d of the erased customer's outbox rows (%v), want some", n, err)
			}
			outbox, err := sqldb.NewOutboxService(restored).FindOutboxMessages(ctx, proofdesk.OutboxFilter{Limit: 500})
			if err != nil {
				t.Fatalf("outbox of the restored backup: %v", err)
			}
			opened := map[string]int{}
			for _, m := range outbox {
				if m.To == erased.email || strings.Contains(m.Body, erased.body) || strings.Contains(m.Body, erased.name) {
					t.Errorf("the restored backup's outbox opens the erased customer's %s message: %q", m.Purpose, m.Subject)
				}
				opened[m.To+"|"+m.Purpose]++
			}
			for _, p := range people[1:] {
				if opened[p.email+"|"+sqldb.PurposeReply] != 1 || opened[p.email+"|notice"] != 1 {
					t.Errorf("the restored backup's outbox opens %d replies and %d notices of %s, want 1 and 1",
						opened[p.email+"|"+sqldb.PurposeReply], opened[p.email+"|notice"], p.id)
				}
			}
			// (The live claim above leased them until an hour from now.) A
			// worker on the restored backup is not stopped by the erased
			// customer's queued notice: it claims the others' and fails
			// that one for good.
			due, err = restored.ClaimDue(ctx, time.Now().Add(3*time.Hour), 100, []string{proofdesk.OutboxEmail}, time.Minute)
			if err != nil {
				t.Fatalf("claim on the restored backup: %v", err)
			}
			if len(due) != 2 {
				t.Errorf("claimed %d messages on the restored backup, want the 2 notices not erased", len(due))
			}
			for _, d := range due {
				if d.To == erased.email {
					t.Errorf("claimed the erased customer's %s message", d.Purpose)
				}
			}
			var failed int
			if err := raw.QueryRow(rebind(raw, `SELECT COUNT(*) FROM outbox WHERE status = ?`), proofdesk.OutboxFailed).Scan(&failed); err != nil || failed != 1 {
				t.Errorf("%d failed outbox rows after the claim (%v), want the erased customer's notice", failed, err)
			}
			again, err := restored.ClaimDue(ctx, time.Now().Add(5*time.Hour), 100, []string{proofdesk.OutboxEmail}, time.Minute)
			if err != nil || len(again) != 2 {
				t.Errorf("second claim: %d messages, %v; want the 2 notices not erased again, and not the failed one", len(again), err)
			}
			// The worker reads a claim batch's threads in one call: the
			// erased conversation's Message-IDs, sealed under a destroyed
			// key, are left out, and the others' still come back.
			threads, err := restored.ThreadsMessageIDs(ctx, []string{erased.conv, people[1].conv, people[2].conv})
			if err != nil {
				t.Fatalf("thread read of a batch with the erased conversation: %v", err)
			}
			if len(threads[erased.conv]) != 0 || len(threads[people[1].conv]) != 1 || len(threads[people[2].conv]) != 1 {
				t.Errorf("threads of the restored backup: %v, want one Message-ID for each conversation not erased", threads)
			}
			if seq, why, err := sqldb.NewAuditService(restored).VerifyAudit(ctx); seq != 0 || err != nil {
				t.Fatalf("audit chain of the restored backup: entry %d %q %v", seq, why, err)
			}
		})
	}
}

// dataBackup takes a data backup of db (proofdesk backup on SQLite; on
// PostgreSQL pg_dump of the data schema, without the key schema) and
// returns a function that, once db is closed, restores it in place, beside
// the live key store, and opens it with v.
func dataBackup(t *testing.T, db *sqldb.DB) func(v *vault.Vault) *sqldb.DB {
	t.Helper()
	ctx := context.Background()
	dsn := db.DSN()
	file := filepath.Join(t.TempDir(), "backup")
	if db.Dialect() == sqldb.SQLite {
		if err := db.Backup(ctx, file); err != nil {
			t.Fatal(err)
		}
		return func(v *vault.Vault) *sqldb.DB {
			for _, p := range []string{dsn, dsn + "-wal", dsn + "-shm"} {
				if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
					t.Fatal(err)
				}
			}
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dsn, b, 0o600); err != nil {
				t.Fatal(err)
			}
			return sqldbtest.OpenWithVault(t, dsn, v)
		}
	}
	if _, err := exec.LookPath("pg_dump"); err != nil {
		t.Skip("pg_dump not installed")
	}
	schema := sqldbtest.Schema(dsn)
	base := sqldbtest.PostgresDSN()
	if out, err := exec.Command("pg_dump", "--format=custom", "--schema="+schema, "--file="+file, base).CombinedOutput(); err != nil {
		t.Fatalf("pg_dump: %v\n%s", err, out)
	}
	return func(v *vault.Vault) *sqldb.DB {
		admin, err := sql.Open("pgx", base)
		if err != nil {
			t.Fatal(err)
		}
		defer admin.Close()
		if _, err := admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("pg_restore", "--no-owner", "-d", base, file).CombinedOutput(); err != nil {
			t.Fatalf("pg_restore: %v\n%s", err, out)
		}
		return sqldbtest.OpenWithVault(t, dsn, v)
	}
}
