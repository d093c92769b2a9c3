package sqldb

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/proofdesk/proofdesk"
)

// LegacyCustomer is a customer as a release before migration 0009 stored
// it: name and external_id in clear.
type LegacyCustomer struct{ ID, Name, ExternalID string }

// SeedBefore0009 builds, in the fresh store db (not opened), the database an older release
// left: migrations up to 0008, customers with their name and external_id
// in clear, and an audit log of n entries hashed with the unkeyed SHA-256
// chain. It returns the customers' IDs. The store is closed on return.
func SeedBefore0009(ctx context.Context, db *DB, customers []LegacyCustomer, n int) ([]string, error) {
	if err := db.openPools(); err != nil {
		return nil, err
	}
	defer db.Close()
	if err := db.migrateUpTo(ctx, "0008~"); err != nil {
		return nil, err
	}
	var ids []string
	err := db.WithTx(ctx, func(tx *Tx) error {
		if _, err := tx.systemKey(ctx); err != nil {
			return err
		}
		if _, err := tx.indexKey(ctx); err != nil {
			return err
		}
		for _, lc := range customers {
			c := &proofdesk.Customer{ID: proofdesk.NewID("cus"), Name: lc.Name, ExternalID: lc.ExternalID, Attributes: map[string]string{}}
			dk, err := tx.newDataKey(ctx, "dk_"+c.ID)
			if err != nil {
				return err
			}
			enc, err := sealCustomer(dk, c)
			if err != nil {
				return err
			}
			var ext any
			if c.ExternalID != "" {
				ext = c.ExternalID
			}
			if _, err := tx.exec(ctx, `INSERT INTO customers (id, external_id, name, data_key_id, addresses_enc, dob_enc, payment_enc, attributes_enc, support_locked, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`, c.ID, ext, c.Name, dk.ID, enc.addresses, enc.dob, enc.payment, enc.attributes, fmtTime(tx.now), fmtTime(tx.now)); err != nil {
				return err
			}
			ids = append(ids, c.ID)
		}
		prev := ""
		for i := 1; i <= n; i++ {
			e := &proofdesk.AuditEntry{Seq: int64(i), Time: time.Unix(1700000000+int64(i), 0).UTC(), ActorKind: proofdesk.ActorSystem,
				Action: "legacy.event", SubjectKind: "thing", SubjectID: fmt.Sprint(i), Detail: map[string]string{"i": fmt.Sprint(i)}, PrevHash: prev}
			e.Hash = e.ComputeHash(nil)
			if _, err := tx.exec(ctx, `INSERT INTO audit_log (seq, at, actor_kind, actor_id, action, subject_kind, subject_id, detail, prev_hash, hash)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.Seq, fmtTime(e.Time), e.ActorKind, e.ActorID, e.Action, e.SubjectKind, e.SubjectID,
				mustJSON(e.Detail), e.PrevHash, e.Hash); err != nil {
				return err
			}
			prev = e.Hash
		}
		if n > 0 {
			if _, err := tx.exec(ctx, `INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)`, n, prev); err != nil {
				return err
			}
		}
		return nil
	})
	return ids, err
}

// StoreContactValueForTest overwrites contact point cpID's value and blind
// index as an older release would have written them (value need not be
// what today's normaliser makes of it).
func (db *DB) StoreContactValueForTest(ctx context.Context, cpID, value string) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		var kind, custID string
		if err := tx.queryRow(ctx, `SELECT kind, customer_id FROM contact_points WHERE id = ?`, cpID).Scan(&kind, &custID); err != nil {
			return err
		}
		dk, err := tx.customerKey(ctx, custID)
		if err != nil {
			return err
		}
		_, err = tx.exec(ctx, `UPDATE contact_points SET value_enc = ?, blind_index = ? WHERE id = ?`,
			dk.SealString(contactAAD(cpID), value), db.BlindIndex(kind, value), cpID)
		return err
	})
}

// RerunDataMigrationForTest forgets that migration version ran and runs
// the pending migrations again, as Open does.
func (db *DB) RerunDataMigrationForTest(ctx context.Context, version string) error {
	if err := db.WithTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM schema_migrations WHERE version = ?`, version)
		return err
	}); err != nil {
		return err
	}
	return db.Migrate(ctx)
}

// ExecInTx runs q in tx, for tests of transactions themselves.
func (tx *Tx) ExecInTx(ctx context.Context, q string, args ...any) error {
	_, err := tx.exec(ctx, q, args...)
	return wrapErr(err)
}

// QueuedWrites is how many WithTx calls wait for the group writer
// (SQLite).
func (db *DB) QueuedWrites() int { return len(db.group.jobs) }

// GroupCommits returns how many groups the group writer ran, how many
// transactions they held, and the largest group's size (SQLite).
func (db *DB) GroupCommits() (groups, members, largest int64) {
	return db.group.groups.Load(), db.group.members.Load(), db.group.largest.Load()
}

// QueryStrings returns the first column of q's rows, for tests.
func (h *Handle) QueryStrings(ctx context.Context, q string, args ...any) ([]string, error) {
	return h.queryIDs(ctx, q, args...)
}

// TraceRoundTrips makes db, not yet opened, count the PostgreSQL round
// trips of the statements run with a context from the returned mark:
// each statement, BEGIN, COMMIT and prepare is one (pgx writes each with
// one flush and waits for its reply); a pgx batch is one.
// The statements' texts since the last call of taken are kept for a
// failing test to show.
func TraceRoundTrips(db *DB) (mark func(context.Context) context.Context, count func() int64, taken func() []string) {
	t := &roundTripTracer{}
	db.pgTracer = t
	taken = func() []string {
		t.mu.Lock()
		defer t.mu.Unlock()
		out := t.sql
		t.sql = nil
		return out
	}
	return func(ctx context.Context) context.Context { return context.WithValue(ctx, roundTripKey{}, true) }, t.n.Load, taken
}

type roundTripKey struct{}

type roundTripTracer struct {
	n   atomic.Int64
	mu  sync.Mutex
	sql []string
}

func (t *roundTripTracer) count(ctx context.Context, sql string) context.Context {
	if ctx.Value(roundTripKey{}) != nil {
		t.n.Add(1)
		t.mu.Lock()
		t.sql = append(t.sql, sql)
		t.mu.Unlock()
	}
	return ctx
}

func (t *roundTripTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	return t.count(ctx, d.SQL)
}
func (t *roundTripTracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}
func (t *roundTripTracer) TracePrepareStart(ctx context.Context, _ *pgx.Conn, d pgx.TracePrepareStartData) context.Context {
	return t.count(ctx, "prepare: "+d.SQL)
}
func (t *roundTripTracer) TracePrepareEnd(context.Context, *pgx.Conn, pgx.TracePrepareEndData) {}
func (t *roundTripTracer) TraceBatchStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceBatchStartData) context.Context {
	return t.count(ctx, fmt.Sprintf("batch of %d", d.Batch.Len()))
}
func (t *roundTripTracer) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}
func (t *roundTripTracer) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData)     {}

// ExecLater is execLater, for tests.
func (tx *Tx) ExecLater(ctx context.Context, what, q string, args ...any) error {
	return tx.execLater(ctx, what, q, args...)
}

// Setting is setting, for tests.
func (h *Handle) Setting(ctx context.Context, key string) (string, error) { return h.setting(ctx, key) }

// MaxElsewhere is maxElsewhere, for the tests.
const MaxElsewhere = maxElsewhere
