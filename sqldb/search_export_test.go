package sqldb

import (
	"context"
	"fmt"
	"time"
)

// ForgetSearchIndexForTest empties the search index, as a store from
// before migration 0024 had it.
func (db *DB) ForgetSearchIndexForTest(ctx context.Context) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM search_tokens`); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `DELETE FROM search_docs`)
		return err
	})
}

// SeedSearchForBench adds n conversations, clones of template (their
// encrypted columns copied), each indexed with the words text(i) gives,
// in transactions of 1,000; withTokens false adds the conversations only.
func (db *DB) SeedSearchForBench(ctx context.Context, template string, n int, withTokens bool, text func(i int) string) error {
	for start := 0; start < n; start += 1000 {
		err := db.WithTx(ctx, func(tx *Tx) error {
			for i := start; i < min(start+1000, n); i++ {
				id := fmt.Sprintf("cnv_bench%07d", i)
				if !withTokens {
					if _, err := tx.exec(ctx, `INSERT INTO conversations (id, channel, customer_id, data_key_id, requester_enc, subject_enc, status, assignee_id, team, tags, level, risk_flags, fraud, created_at, updated_at, last_activity_at)
						SELECT ?, channel, customer_id, data_key_id, requester_enc, subject_enc, status, assignee_id, team, tags, level, risk_flags, fraud, created_at, updated_at, ? FROM conversations WHERE id = ?`,
						id, fmtTime(tx.now.Add(time.Duration(i)*time.Second)), template); err != nil {
						return err
					}
					continue
				}
				if err := tx.indexSearch(ctx, id, text(i)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// BytesForBench is the database's size: SQLite's pages after a WAL
// checkpoint, PostgreSQL's search_tokens with its indexes plus search_docs.
func (db *DB) BytesForBench(ctx context.Context) (int64, error) {
	var n int64
	if db.dialect == Postgres {
		err := db.reader().queryRow(ctx, `SELECT pg_total_relation_size('search_tokens') + pg_total_relation_size('search_docs')`).Scan(&n)
		return n, err
	}
	if _, err := db.wdb.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return 0, err
	}
	var pages, size int64
	if err := db.wdb.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		return 0, err
	}
	if err := db.wdb.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&size); err != nil {
		return 0, err
	}
	return pages * size, nil
}
