package sqldb

import "context"

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
