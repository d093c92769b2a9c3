// Package desk is the application: the use cases of a support desk
// (lifting a support lock, and, as they move out of the store, reveal,
// account changes, verification, guard enforcement, notices), one file
// each. A use case gathers facts in one store transaction, asks
// proofdesk.Decide, and calls the store's transaction-level API; it holds
// no SQL and no rule of its own.
package desk

import "github.com/proofdesk/proofdesk/sqldb"

// Desk runs the use cases over a store.
type Desk struct {
	db *sqldb.DB
}

// New returns the desk over db.
func New(db *sqldb.DB) *Desk { return &Desk{db: db} }
