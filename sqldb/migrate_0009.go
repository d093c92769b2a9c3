package sqldb

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/proofdesk/proofdesk"
)

// migrate0009 is the Go half of 0009_keyed_audit_sealed_names: it seals
// every customer's name and external_id (with a blind index for lookups),
// drops the plaintext external_id column, and re-chains the audit log
// under the HMAC key derived from the master key.
func migrate0009(ctx context.Context, tx *Tx) error {
	if err := tx.sealCustomerNames0009(ctx); err != nil {
		return fmt.Errorf("seal names: %w", err)
	}
	if err := tx.rechainAudit0009(ctx); err != nil {
		return fmt.Errorf("re-chain audit: %w", err)
	}
	return nil
}

func (tx *Tx) sealCustomerNames0009(ctx context.Context) error {
	var n int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM customers`).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		idx, err := tx.indexKey(ctx)
		if err != nil {
			return err
		}
		type row struct{ id, ext, name, dkID, wrapped string }
		after := ""
		for {
			rows, err := tx.query(ctx, `SELECT c.id, COALESCE(c.external_id, ''), c.name, c.data_key_id, k.wrapped
				FROM customers c JOIN data_keys k ON k.id = c.data_key_id WHERE c.id > ? ORDER BY c.id LIMIT 500`, after)
			if err != nil {
				return err
			}
			var batch []row
			for rows.Next() {
				var r row
				if err := rows.Scan(&r.id, &r.ext, &r.name, &r.dkID, &r.wrapped); err != nil {
					rows.Close()
					return err
				}
				batch = append(batch, r)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			if len(batch) == 0 {
				break
			}
			for _, r := range batch {
				dk, err := tx.db.openKey(r.dkID, r.wrapped)
				if err != nil {
					return fmt.Errorf("customer %s: %w", r.id, err)
				}
				c := &proofdesk.Customer{ID: r.id, Name: r.name, ExternalID: r.ext}
				name, extEnc, extIdx := sealIdentity(dk, idx, c)
				if _, err := tx.exec(ctx, `UPDATE customers SET name = ?, external_id_enc = ?, external_id_idx = ?, external_id = NULL WHERE id = ?`,
					name, extEnc, extIdx, r.id); err != nil {
					return fmt.Errorf("customer %s: %w", r.id, wrapErr(err))
				}
			}
			after = batch[len(batch)-1].id
		}
	}
	if _, err := tx.exec(ctx, `DROP INDEX customers_external_id`); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `ALTER TABLE customers DROP COLUMN external_id`)
	return err
}

// rechainAudit0009 checks the unkeyed chain written before 0009, then
// rewrites every hash as the keyed HMAC and appends an audit.rekey entry
// that records how many entries were re-chained, the old head, and where
// the old chain was broken, if it was: re-chaining must not launder a
// tampered log, so the break stays on record inside the keyed chain.
func (tx *Tx) rechainAudit0009(ctx context.Context) error {
	var n int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM audit_log`).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return nil
	}
	if _, err := tx.systemKey(ctx); err != nil {
		return err
	}
	key := tx.db.auditKey
	var oldPrev, newPrev, brokenWhy string
	var prevSeq, brokenAt, count int64
	for {
		batch, err := tx.findAudit(ctx, []string{"seq > ?"}, []any{prevSeq}, 1000)
		if err != nil {
			return err
		}
		if len(batch) == 0 {
			break
		}
		for _, e := range batch {
			if brokenAt == 0 {
				if bad, why := proofdesk.VerifyChain([]*proofdesk.AuditEntry{e}, oldPrev, prevSeq, nil); bad != 0 {
					brokenAt, brokenWhy = bad, why
				}
			}
			oldPrev, prevSeq = e.Hash, e.Seq
			e.PrevHash = newPrev
			e.Hash = e.ComputeHash(key)
			if _, err := tx.exec(ctx, `UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?`, e.PrevHash, e.Hash, e.Seq); err != nil {
				return wrapErr(err)
			}
			newPrev = e.Hash
			count++
		}
	}
	var headSeq int64
	var headHash string
	if err := tx.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash); err != nil {
		return wrapErr(err)
	}
	if brokenAt == 0 && (headSeq != prevSeq || headHash != oldPrev) {
		brokenAt, brokenWhy = prevSeq+1, fmt.Sprintf("chain ended at entry %d but the head recorded entry %d", prevSeq, headSeq)
	}
	if _, err := tx.exec(ctx, `UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, prevSeq, newPrev); err != nil {
		return wrapErr(err)
	}
	detail := map[string]string{"entries": fmt.Sprint(count), "unkeyed_head": oldPrev, "unkeyed_intact": "true"}
	if brokenAt != 0 {
		detail["unkeyed_intact"] = "false"
		detail["unkeyed_broken_at"] = fmt.Sprint(brokenAt)
		detail["unkeyed_broken_why"] = brokenWhy
		tx.db.logger.Warn("audit: the unkeyed chain was already broken when it was re-chained; the break is recorded in the audit.rekey entry",
			slog.Int64("seq", brokenAt))
	}
	return tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: proofdesk.AuditRekey, SubjectKind: "audit_log",
		SubjectID: "0009", Detail: detail})
}
