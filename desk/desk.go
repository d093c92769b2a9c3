// Package desk is the application: the use cases of a support desk, one
// file each: unlock.go, account.go, customer.go (create, import, change
// outside a conversation), assign.go (assign and link), reveal.go,
// verification.go, notice.go
// and transcript.go, reply.go (the disclosure guard on every outgoing
// reply), oracle.go (the pause of an agent who tests guesses) and
// index.go (every customer's protected values, for unlinked replies). A
// use case gathers facts in one store transaction, asks proofdesk.Decide,
// and calls the store's transaction-level API; it holds no SQL and no rule
// of its own. The texts and signed links sent to customers are written
// here, not in the store.
package desk

import (
	"time"

	"github.com/proofdesk/proofdesk/sqldb"
)

// Config holds the desk's settings.
type Config struct {
	// RevealAlertPerHour is the number of reveals by one agent in an hour
	// above which supervisors are alerted; 0 means 20.
	RevealAlertPerHour int
	// OracleLimitPerHour is the number of blocked replies by one agent
	// in an hour above which supervisors are alerted and the agent's
	// replies and lookups pause; 0 means 10.
	OracleLimitPerHour int
	// LookupLimitPerHour is the same for exact-value customer lookups
	// (email, phone, external ID); 0 means 60.
	LookupLimitPerHour int
	// BaseURL is the public URL of Proofdesk, for the conversation links
	// of agents' notification emails; "" means http://localhost:8080.
	BaseURL string
	// CoolingOff is how long a new contact point counts for nothing; an
	// erasure is confirmed only through older ones. 0 means
	// verify.DefaultCoolingOff.
	CoolingOff time.Duration
}

// Desk runs the use cases over a store.
type Desk struct {
	db    *sqldb.DB
	cfg   Config
	index customerIndex
}

// New returns the desk over db and installs it as db's reply guard
// (sqldb.DB.SetReplyGuard): from then on every agent reply the store
// keeps, on any channel, passes GuardReply.
func New(db *sqldb.DB, cfg Config) *Desk {
	if cfg.RevealAlertPerHour <= 0 {
		cfg.RevealAlertPerHour = 20
	}
	if cfg.OracleLimitPerHour <= 0 {
		cfg.OracleLimitPerHour = 10
	}
	if cfg.LookupLimitPerHour <= 0 {
		cfg.LookupLimitPerHour = 60
	}
	d := &Desk{db: db, cfg: cfg}
	db.SetReplyGuard(d)
	db.SetConsoleURL(cfg.BaseURL)
	return d
}

// SetBaseURL sets the public URL of Proofdesk (Config.BaseURL) once the
// server knows the address it bound: the links of erasure confirmations
// and of agents' notification emails. Call it before serving.
func (d *Desk) SetBaseURL(u string) {
	d.cfg.BaseURL = u
	d.db.SetConsoleURL(u)
}
