package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/vault"
)

// The orders the business's system of record pushes (desk/orders.go asks
// Decide): SQL and sealing only.

func orderAAD(id string) string { return "orders|" + id + "|data" }

// orderNumberIndex is the blind-index kind of order numbers.
const orderNumberIndex = "order_number"

// UpsertOrder stores o for customer c, replacing the order of the same
// number; it reports whether the order is new. The order is sealed under
// the customer's data key, and the customer's updated_at is set, so every
// node's guard index reads it.
func (tx *Tx) UpsertOrder(ctx context.Context, c *proofdesk.Customer, o *proofdesk.Order) (created bool, err error) {
	dk, err := tx.customerKey(ctx, c.ID)
	if err != nil {
		return false, err
	}
	o.UpdatedAt = tx.now
	idx := tx.db.index.BlindIndex(orderNumberIndex, strings.ToLower(o.Number))
	var id string
	err = tx.queryRow(ctx, `SELECT id FROM orders WHERE customer_id = ? AND number_idx = ?`, c.ID, idx).Scan(&id)
	switch proofdesk.ErrorCode(wrapErr(err)) {
	case "":
	case proofdesk.ENOTFOUND:
		id, created = proofdesk.NewID("ord"), true
	default:
		return false, fmt.Errorf("find order: %w", err)
	}
	b, err := json.Marshal(o)
	if err != nil {
		return false, err
	}
	placed := ""
	if o.PlacedAt != nil {
		placed = fmtTime(*o.PlacedAt)
	}
	enc := dk.Seal(orderAAD(id), b)
	if created {
		_, err = tx.exec(ctx, `INSERT INTO orders (id, customer_id, number_idx, data_enc, placed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
			id, c.ID, idx, enc, placed, fmtTime(tx.now))
	} else {
		_, err = tx.exec(ctx, `UPDATE orders SET data_enc = ?, placed_at = ?, updated_at = ? WHERE id = ?`, enc, placed, fmtTime(tx.now), id)
	}
	if err != nil {
		return false, fmt.Errorf("store order: %w", wrapErr(err))
	}
	if _, err := tx.exec(ctx, `UPDATE customers SET updated_at = ? WHERE id = ?`, fmtTime(tx.now), c.ID); err != nil {
		return false, fmt.Errorf("store order: %w", wrapErr(err))
	}
	tx.touchCustomer(c.ID)
	return created, nil
}

// openOrder opens one stored order of a customer sealed under dk (the
// customer's newest are read with its contact points, loadDetails).
func openOrder(dk *vault.DataKey, id, enc string) (*proofdesk.Order, error) {
	b, err := dk.Open(orderAAD(id), enc)
	if err != nil {
		return nil, fmt.Errorf("order %s: %w", id, err)
	}
	o := &proofdesk.Order{}
	if err := json.Unmarshal(b, o); err != nil {
		return nil, fmt.Errorf("order %s: %w", id, err)
	}
	return o, nil
}
