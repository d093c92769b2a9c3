package sqldb

import (
	"context"

	"github.com/proofdesk/proofdesk"
)

// SeedBefore0020 builds, in the fresh store db (not opened), the database
// a release before migration 0020 left: migrations up to 0017 and one
// chat conversation per team name, with the free-text team. It returns
// the conversations' IDs. The store is closed on return.
func SeedBefore0020(ctx context.Context, db *DB, teams []string) ([]string, error) {
	if err := db.openPools(); err != nil {
		return nil, err
	}
	defer db.Close()
	if err := db.migrateUpTo(ctx, "0017~"); err != nil {
		return nil, err
	}
	var ids []string
	err := db.WithTx(ctx, func(tx *Tx) error {
		if _, err := tx.systemKey(ctx); err != nil {
			return err
		}
		for _, team := range teams {
			id := proofdesk.NewID("cnv")
			dk, err := tx.newDataKey(ctx, "dk_"+id)
			if err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO conversations (id, channel, data_key_id, requester_enc, subject_enc, status, team, created_at, updated_at, last_activity_at)
				VALUES (?, 'chat', ?, ?, ?, 'open', ?, ?, ?, ?)`, id, dk.ID, dk.Seal(conversationAAD(id, "requester"), []byte(`{}`)),
				dk.SealString(conversationAAD(id, "subject"), ""), team, fmtTime(tx.now), fmtTime(tx.now), fmtTime(tx.now)); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	return ids, err
}
