package sqldb

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// migrate0010 (0010_phone_e164, Go only) re-reads every stored phone
// number with the store's blind-index key.
func migrate0010(ctx context.Context, tx *Tx) error {
	if _, err := tx.indexKey(ctx); err != nil {
		return err
	}
	return tx.renormalizePhones(ctx)
}

// renormalizePhones (migration 0010) rewrites every stored phone contact
// point in libphonenumber's E.164 form, with its blind index, so lookups
// of numbers normalised by proofdesk.NormalizePhoneIn find them. Numbers the
// old normaliser stored as "+1" plus a national number of another country
// ("0612345678" became "+10612345678") are read again as national numbers
// of DB.PhoneRegion when that is set and they are not valid North American
// numbers. A number that stays invalid is kept as it is (nothing is lost)
// and counted in the log, never printed.
func (tx *Tx) renormalizePhones(ctx context.Context) error {
	col, join := tx.db.keyJoin("c")
	rows, err := tx.query(ctx, `SELECT cp.id, cp.customer_id, cp.value_enc, c.data_key_id, `+col+`
		FROM contact_points cp JOIN customers c ON c.id = cp.customer_id`+join+`
		WHERE cp.kind = ? ORDER BY cp.id`, proofdesk.ContactPhone)
	if err != nil {
		return err
	}
	type row struct{ id, customerID, enc, dkID, wrapped string }
	var all []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.customerID, &r.enc, &r.dkID, &r.wrapped); err != nil {
			rows.Close()
			return err
		}
		all = append(all, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	changed, invalid := 0, 0
	for _, r := range all {
		dk, err := tx.db.openRowKey(ctx, r.dkID, r.wrapped)
		if err != nil {
			return fmt.Errorf("customer %s: %w", r.customerID, err)
		}
		old, err := dk.OpenString(contactAAD(r.id), r.enc)
		if err != nil {
			return fmt.Errorf("contact point %s: %w", r.id, err)
		}
		norm, ok := renormalizePhone(old, tx.db.PhoneRegion)
		if !ok {
			invalid++
			continue
		}
		if norm == old {
			continue
		}
		if _, err := tx.exec(ctx, `UPDATE contact_points SET value_enc = ?, blind_index = ? WHERE id = ?`,
			dk.SealString(contactAAD(r.id), norm), tx.db.BlindIndex(proofdesk.ContactPhone, norm), r.id); err != nil {
			return err
		}
		changed++
	}
	if changed > 0 || invalid > 0 {
		tx.db.logger.Info("phone numbers re-normalised to E.164", slog.Int("changed", changed), slog.Int("invalid_kept", invalid), slog.Int("total", len(all)))
	}
	return nil
}

// renormalizePhone returns the E.164 form of a number stored by the old
// normaliser, and false if it is not valid either way.
func renormalizePhone(old, region string) (string, bool) {
	if norm, err := proofdesk.NormalizePhone(old); err == nil {
		return norm, true
	}
	if region != "" && strings.HasPrefix(old, "+1") {
		if norm, err := proofdesk.NormalizePhoneIn(old[2:], region); err == nil {
			return norm, true
		}
	}
	return "", false
}
