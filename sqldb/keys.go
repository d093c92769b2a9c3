package sqldb

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/vault"
)

// IDs of the installation-wide data keys.
const (
	indexKeyID  = "dk_index"
	systemKeyID = "dk_system"
)

// loadSystemKeys loads (or on first open creates) the blind-index and
// system data keys. It is where a wrong master key is caught at startup.
func (db *DB) loadSystemKeys(ctx context.Context) error {
	for _, id := range []string{indexKeyID, systemKeyID} {
		if !db.keys.apart {
			// Before migration 0049 (tests that write at an older
			// schema): created here if missing, as before.
			if err := db.WithTx(ctx, func(tx *Tx) error {
				_, err := tx.keyByID(ctx, id)
				if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
					_, err = tx.newDataKey(ctx, id)
				}
				return err
			}); err != nil && !errors.Is(err, vault.ErrUnknownMasterKey) {
				return fmt.Errorf("open db: create %s: %w", id, err)
			}
		}
		dk, err := db.reader().keyByID(ctx, id)
		if err != nil {
			if errors.Is(err, vault.ErrUnknownMasterKey) {
				return fmt.Errorf("master key does not fit this database: its data keys are wrapped by a master key that %s does not hold (%s); start with the key the database was created with", db.vault.Keyring().Source(), db.vault.Keyring().IDs())
			}
			if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
				return fmt.Errorf("open db: the key store %s holds no data key %s: it is not this database's key store; restore the one backed up with it (proofdesk backup --keys)", db.keyStoreName(), id)
			}
			return fmt.Errorf("master key: %w", err)
		}
		if id == indexKeyID {
			db.index = dk
		} else {
			db.setSystemKey(dk)
		}
	}
	if db.keys.apart {
		return db.checkKeyStore(ctx)
	}
	return nil
}

// keyStoreName names the key store in messages: its file or schema.
func (db *DB) keyStoreName() string {
	if db.dialect == Postgres {
		return "schema " + db.KeySchema()
	}
	return db.KeyStorePath()
}

// Labels of the secrets derived from the system data key (vault
// DataKey.Derive). Changing one orphans what it protects.
const (
	auditChainLabel  = "proofdesk audit chain v1"
	auditAnchorLabel = "proofdesk audit anchor v1"
)

// setSystemKey installs the system data key and the secrets derived from
// it: the audit chain's HMAC key and the anchor signing key. Neither is
// stored: both exist only where the master key unwraps the system key, so
// write access to the database does not let anyone recompute the chain or
// sign an anchor.
func (db *DB) setSystemKey(dk *vault.DataKey) {
	db.system = dk
	db.auditKey = dk.Derive(auditChainLabel)
	db.anchorKey = ed25519.NewKeyFromSeed(dk.Derive(auditAnchorLabel))
}

// systemKey returns the system data key inside tx, creating it on a fresh
// database; migrations that seal or key data call it, since they run
// before Open loads the keys.
func (tx *Tx) systemKey(ctx context.Context) (*vault.DataKey, error) {
	if tx.db.system != nil {
		return tx.db.system, nil
	}
	dk, err := tx.keyByID(ctx, systemKeyID)
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		dk, err = tx.newDataKey(ctx, systemKeyID)
	}
	if err != nil {
		if errors.Is(err, vault.ErrUnknownMasterKey) {
			return nil, fmt.Errorf("master key does not fit this database (%s holds %s)", tx.db.vault.Keyring().Source(), tx.db.vault.Keyring().IDs())
		}
		return nil, err
	}
	tx.db.setSystemKey(dk)
	return dk, nil
}

// indexKey is systemKey for the blind-index data key.
func (tx *Tx) indexKey(ctx context.Context) (*vault.DataKey, error) {
	if tx.db.index != nil {
		return tx.db.index, nil
	}
	dk, err := tx.keyByID(ctx, indexKeyID)
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		dk, err = tx.newDataKey(ctx, indexKeyID)
	}
	if err != nil {
		return nil, err
	}
	tx.db.index = dk
	return dk, nil
}

// newDataKey creates a data key with that ID and stores it in the key
// store: in tx where the key table is in the data database, else in a
// commit of its own on the key file, made before tx can name the key.
func (tx *Tx) newDataKey(ctx context.Context, id string) (*vault.DataKey, error) {
	dk, wrapped, masterID, err := tx.db.vault.NewDataKey(id)
	if err != nil {
		return nil, fmt.Errorf("new data key: %w", err)
	}
	if err := tx.putKey(ctx, id, masterID, wrapped); err != nil {
		return nil, err
	}
	return dk, nil
}

// openKey unwraps a data key whose wrapped form was already selected.
func (db *DB) openKey(id, wrapped string) (*vault.DataKey, error) {
	dk, err := db.vault.Unwrap(id, wrapped)
	if err != nil {
		return nil, fmt.Errorf("unwrap: %w", err)
	}
	return dk, nil
}

// RotateKeys re-wraps every data key not wrapped by the vault's primary
// master key while the store keeps serving. Each row is updated only if it
// did not change meanwhile. Servers pick up a new primary from the key
// file within a second, so after each pass RotateKeys waits settle and
// passes again, until a pass after the wait finds nothing left. It returns
// how many keys it re-wrapped; one audit entry records the rotation.
func (db *DB) RotateKeys(ctx context.Context, settle time.Duration) (int, error) {
	primary := db.vault.Keyring().Primary()
	total := 0
	for {
		n, err := db.rotatePass(ctx, primary)
		total += n
		if err != nil {
			return total, err
		}
		if n == 0 || settle <= 0 {
			break
		}
		select {
		case <-ctx.Done():
			return total, ctx.Err()
		case <-time.After(settle):
		}
	}
	err := db.WithTx(ctx, func(tx *Tx) error {
		return tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorCLI, Action: proofdesk.AuditKeyRotate,
			SubjectKind: "master_key", SubjectID: primary, Detail: map[string]string{"rewrapped": fmt.Sprint(total)}})
	})
	return total, err
}

// rotatePass re-wraps, in batches, the data keys not under primary.
func (db *DB) rotatePass(ctx context.Context, primary string) (int, error) {
	total := 0
	for {
		type row struct{ id, wrapped string }
		var batch []row
		rows, err := db.keys.q.QueryContext(ctx, db.rebind(`SELECT id, wrapped FROM `+db.keys.table+` WHERE master_key_id <> ? ORDER BY id LIMIT 500`), primary)
		if err != nil {
			return total, fmt.Errorf("rotate: %w", err)
		}
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.wrapped); err != nil {
				rows.Close()
				return total, fmt.Errorf("rotate: %w", err)
			}
			batch = append(batch, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return total, fmt.Errorf("rotate: %w", err)
		}
		if len(batch) == 0 {
			return total, nil
		}
		err = db.withKeyTx(ctx, func(tx *Handle) error {
			for _, r := range batch {
				nw, masterID, changed, err := db.vault.Rewrap(r.id, r.wrapped)
				if err != nil {
					return fmt.Errorf("rewrap %s: %w", r.id, err)
				}
				if !changed {
					continue
				}
				res, err := tx.exec(ctx, `UPDATE `+db.keys.table+` SET wrapped = ?, master_key_id = ? WHERE id = ? AND wrapped = ?`, nw, masterID, r.id, r.wrapped)
				if err != nil {
					return err
				}
				if n, _ := res.RowsAffected(); n == 1 {
					total++
				}
			}
			return nil
		})
		if err != nil {
			return total, fmt.Errorf("rotate: %w", err)
		}
	}
}

// CountKeysNotUnder returns how many data keys are not wrapped by the
// master key with that ID.
func (db *DB) CountKeysNotUnder(ctx context.Context, masterID string) (int, error) {
	var n int
	err := db.keys.q.QueryRowContext(ctx, db.rebind(`SELECT COUNT(*) FROM `+db.keys.table+` WHERE master_key_id <> ?`), masterID).Scan(&n)
	return n, err
}

// announceDestroyed tells every node, after the commit, that these data
// keys were destroyed (desk.PublishEvents): each forgets them at once; a
// node that misses the event drops them within vault.CacheTTL.
func (tx *Tx) announceDestroyed(ids []string) {
	for len(ids) > 0 {
		n := min(len(ids), keysPerEvent)
		tx.Changed(proofdesk.Event{Type: proofdesk.EventKeysDestroyed, KeyIDs: ids[:n:n]})
		ids = ids[n:]
	}
}

// keysPerEvent keeps an EventKeysDestroyed under the 8,000 bytes of a
// PostgreSQL notification.
const keysPerEvent = 64

// ForgetKeys drops the data keys with these IDs from this node's cache:
// another node destroyed them (proofdesk.EventKeysDestroyed).
func (db *DB) ForgetKeys(ids ...string) { db.vault.Forget(ids...) }
