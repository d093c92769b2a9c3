// Package desk is the application: the use cases of a support desk, one
// file each (unlock.go, account.go, reveal.go, verification.go, notice.go;
// guard enforcement is still in package sqldb). A use case gathers facts
// in one store transaction, asks proofdesk.Decide, and calls the store's
// transaction-level API; it holds no SQL and no rule of its own. The texts
// and signed links sent to customers are written here, not in the store.
package desk

import "github.com/proofdesk/proofdesk/sqldb"

// Config holds the desk's settings.
type Config struct {
	// RevealAlertPerHour is the number of reveals by one agent in an hour
	// above which supervisors are alerted; 0 means 20.
	RevealAlertPerHour int
}

// Desk runs the use cases over a store.
type Desk struct {
	db  *sqldb.DB
	cfg Config
}

// New returns the desk over db.
func New(db *sqldb.DB, cfg Config) *Desk {
	if cfg.RevealAlertPerHour <= 0 {
		cfg.RevealAlertPerHour = 20
	}
	return &Desk{db: db, cfg: cfg}
}
