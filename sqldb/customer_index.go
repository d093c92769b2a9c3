package sqldb

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/vault"
)

// The application keeps an index of every customer's protected values
// (guard.Index, built by package desk): EachCustomer feeds its build, and
// OnCustomersChanged keeps it current.

// eachCustomerPage is how many customers EachCustomer reads at a time.
const eachCustomerPage = 500

// EachCustomer calls fn with every customer, decrypted with contact
// points, in ID order, reading a page at a time (each page is one read;
// customers created meanwhile may or may not be seen: OnCustomersChanged
// reports them). An error from fn stops the walk and is returned.
func (db *DB) EachCustomer(ctx context.Context, fn func(*proofdesk.Customer) error) error {
	return db.eachCustomer(ctx, "", fn)
}

// EachCustomerChangedSince is EachCustomer for the customers created or
// changed (updated_at, which every change of a customer or its contact
// points sets) after since: how a node learns of changes committed on
// another node.
func (db *DB) EachCustomerChangedSince(ctx context.Context, since time.Time, fn func(*proofdesk.Customer) error) error {
	return db.eachCustomer(ctx, fmtTime(since), fn)
}

func (db *DB) eachCustomer(ctx context.Context, since string, fn func(*proofdesk.Customer) error) error {
	after := ""
	for {
		h := db.reader()
		rows, err := h.query(ctx, h.db.selectCustomers()+` WHERE c.id > ? AND c.updated_at > ? ORDER BY c.id LIMIT ?`, after, since, eachCustomerPage)
		if err != nil {
			return fmt.Errorf("each customer: %w", err)
		}
		var page []*proofdesk.Customer
		keys := map[string]*vault.DataKey{}
		scanned, last := 0, ""
		for rows.Next() {
			c, dk, err := db.scanCustomer(ctx, rows)
			if c != nil {
				scanned, last = scanned+1, c.ID
			}
			if errors.Is(err, errKeyDestroyed) {
				continue // destroyed: nothing to read
			}
			if err != nil {
				rows.Close()
				return err
			}
			keys[c.ID] = dk
			page = append(page, c)
		}
		if err := rows.Err(); err != nil {
			rows.Close()
			return fmt.Errorf("each customer: %w", err)
		}
		rows.Close()
		for _, c := range page {
			if err := h.loadDetails(ctx, c, keys[c.ID]); err != nil {
				return err
			}
			if err := fn(c); err != nil {
				return err
			}
		}
		if scanned < eachCustomerPage {
			return nil
		}
		after = last
	}
}

// OnCustomersChanged sets fn, called after each committed transaction
// that created or changed customers, with their IDs (once each). fn runs
// on the committing goroutine: keep it short. The last call wins.
func (db *DB) OnCustomersChanged(fn func(ctx context.Context, ids []string)) {
	db.customersChanged.Store(&fn)
}

// touchCustomer records that this transaction created or changed customer
// id, for OnCustomersChanged.
func (tx *Tx) touchCustomer(id string) {
	for _, x := range tx.touched {
		if x == id {
			return
		}
	}
	tx.touched = append(tx.touched, id)
}

// afterCommit tells OnCustomersChanged's and OnCommitted's functions what
// tx changed.
func (tx *Tx) afterCommit(ctx context.Context) {
	if len(tx.touched) > 0 {
		if fn := tx.db.customersChanged.Load(); fn != nil && *fn != nil {
			(*fn)(ctx, tx.touched)
		}
	}
	if len(tx.changes) > 0 {
		if fn := tx.db.committed.Load(); fn != nil && *fn != nil {
			(*fn)(ctx, tx.changes)
		}
	}
}
