package sqldb

import "context"

// StoreContactValueForTest overwrites contact point cpID's value and blind
// index as an older release would have written them (value need not be
// what today's normaliser makes of it).
func (db *DB) StoreContactValueForTest(ctx context.Context, cpID, value string) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		var kind, dkID, wrapped string
		if err := tx.queryRow(ctx, `SELECT cp.kind, c.data_key_id, k.wrapped FROM contact_points cp JOIN customers c ON c.id = cp.customer_id
			JOIN data_keys k ON k.id = c.data_key_id WHERE cp.id = ?`, cpID).Scan(&kind, &dkID, &wrapped); err != nil {
			return err
		}
		dk, err := db.openKey(dkID, wrapped)
		if err != nil {
			return err
		}
		_, err = tx.exec(ctx, `UPDATE contact_points SET value_enc = ?, blind_index = ? WHERE id = ?`,
			dk.SealString(contactAAD(cpID), value), db.BlindIndex(kind, value), cpID)
		return err
	})
}

// RerunDataMigrationForTest forgets that data migration version ran and
// runs the pending data migrations again, as Open does.
func (db *DB) RerunDataMigrationForTest(ctx context.Context, version string) error {
	if err := db.WithTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM schema_migrations WHERE version = ?`, version)
		return err
	}); err != nil {
		return err
	}
	return db.migrateData(ctx)
}
