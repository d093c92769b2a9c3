package desk

import (
	"context"
	"crypto/rand"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/guard"
	"github.com/proofdesk/proofdesk/sqldb"
)

// Every customer is protected, not only the linked one (issue 10 §6): the
// desk keeps a guard.Index of every customer's email addresses, phone
// numbers and street addresses (keyed hashes under a key drawn at start,
// in memory only), built from the store when the server starts and kept
// current after each committed create or change. GuardReply consults it,
// so a reply on an unlinked or unverified conversation that holds ANY
// customer's value is blocked.

// customerIndex is the desk's index and its state.
type customerIndex struct {
	ix    atomic.Pointer[guard.Index]
	ready atomic.Bool
	// started is when BuildIndex began (zero: no index wanted).
	started atomic.Pointer[time.Time]
	stats   atomic.Pointer[IndexStats]
	// refreshed is the store time RefreshIndex reads changes after.
	refreshed atomic.Pointer[time.Time]
}

// IndexStats describes a built index.
type IndexStats struct {
	Customers int           // customers indexed
	Keys      int           // keyed-hash entries
	Bytes     int           // memory of the table and its filter (guard.Index.Bytes)
	Build     time.Duration // time to read, decrypt and index every customer
}

// BuildIndex builds the index of every customer's protected values from
// the store (decrypting each customer) and from then on keeps it current.
// From the moment it (or StartIndex) is called until it returns,
// StartIndex marks the index wanted (IndexReady is false from now on) and
// runs BuildIndex on a new goroutine, then calls done with its result.
func (d *Desk) StartIndex(ctx context.Context, done func(IndexStats, error)) {
	now := time.Now()
	d.index.started.Store(&now)
	go func() { done(d.BuildIndex(ctx)) }()
}

// indexRefreshMargin is how far before the last refresh a refresh looks
// again: a transaction stamps updated_at when it runs and commits later,
// and the nodes' clocks differ a little.
const indexRefreshMargin = 2 * time.Minute

// RefreshIndex re-indexes the customers created or changed since the
// last refresh (or the build), from the store: on several nodes, how one
// node's index learns of changes committed on another (its own commits
// are indexed at once). Run it every few seconds; it does nothing before
// the index is built.
func (d *Desk) RefreshIndex(ctx context.Context) error {
	ix := d.index.ix.Load()
	last := d.index.refreshed.Load()
	if ix == nil || !d.index.ready.Load() || last == nil {
		return nil
	}
	start := d.db.Now()
	if err := d.db.EachCustomerChangedSince(ctx, last.Add(-indexRefreshMargin), func(c *proofdesk.Customer) error {
		ix.Add(c)
		return nil
	}); err != nil {
		return fmt.Errorf("guard index refresh: %w", err)
	}
	d.index.refreshed.Store(&start)
	return nil
}

// IndexReady reports false and GuardReply refuses replies on
// conversations it would check at L0 (ECONFLICT, rule
// "guard.index_building": try again shortly) rather than send one
// unchecked. An error leaves the index not ready (replies at L0 stay
// refused) and is returned.
func (d *Desk) BuildIndex(ctx context.Context) (IndexStats, error) {
	now := time.Now()
	if d.index.started.Load() == nil {
		d.index.started.Store(&now)
	}
	key := make([]byte, 16)
	if _, err := rand.Read(key); err != nil {
		return IndexStats{}, fmt.Errorf("guard index key: %w", err)
	}
	var policy *proofdesk.Policy
	if err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		in, err := tx.DecisionFacts(ctx, proofdesk.DoReply, &proofdesk.Conversation{}, nil)
		policy = in.Policy
		return err
	}); err != nil {
		return IndexStats{}, fmt.Errorf("guard index: policy: %w", err)
	}
	// What changes from now on, on any node, the next refresh reads.
	refreshFrom := d.db.Now()
	d.index.refreshed.Store(&refreshFrom)
	ix, err := guard.NewIndex(key, policy)
	if err != nil {
		return IndexStats{}, err
	}
	d.index.ix.Store(ix)
	// Changes committed while the build runs are applied as they come;
	// Add replaces what was indexed for a customer.
	d.db.OnCustomersChanged(d.customersChanged)
	n := 0
	if err := d.db.EachCustomer(ctx, func(c *proofdesk.Customer) error {
		ix.Add(c)
		n++
		return nil
	}); err != nil {
		return IndexStats{}, fmt.Errorf("guard index: %w", err)
	}
	st := IndexStats{Customers: n, Keys: ix.Len(), Bytes: ix.Bytes(), Build: time.Since(now)}
	d.index.stats.Store(&st)
	d.index.ready.Store(true)
	return st, nil
}

// IndexReady reports whether the index of every customer is built, or
// that none is wanted (BuildIndex never called); /readyz reads it.
func (d *Desk) IndexReady() bool {
	return d.index.started.Load() == nil || d.index.ready.Load()
}

// customersChanged re-indexes customers after a commit: the new values in,
// an erased customer out.
func (d *Desk) customersChanged(ctx context.Context, ids []string) {
	ix := d.index.ix.Load()
	if ix == nil {
		return
	}
	for _, id := range ids {
		c, err := sqldb.NewCustomerService(d.db).FindCustomerByID(context.WithoutCancel(ctx), id)
		switch {
		case err == nil:
			ix.Add(c)
		case proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND:
			ix.Remove(id)
		default:
			// Keep what was indexed: a stale entry over-blocks, a
			// removed one would let a value through.
		}
	}
}

// checkIndex returns the index's verdict on text for a reply checked at
// level on a conversation linked to linkedID ("" if none), under policy
// p, the policy in force now (the index was built under the one in force
// at start).
func (d *Desk) checkIndex(text string, level proofdesk.Level, linkedID string, p *proofdesk.Policy) (guard.Verdict, error) {
	if d.index.started.Load() == nil {
		return guard.Verdict{}, nil
	}
	ix := d.index.ix.Load()
	if !d.index.ready.Load() || ix == nil {
		if level > proofdesk.L0 {
			return guard.Verdict{}, nil
		}
		return guard.Verdict{}, &proofdesk.Error{Code: proofdesk.ECONFLICT, Details: map[string]any{"rule": "guard.index_building"},
			Message: "The guard is still indexing every customer's data after the server started: replies on unverified conversations wait until it is ready. Try again in a minute."}
	}
	v := ix.Check(text, proofdesk.L0, linkedID)
	if v.Blocked && p != nil {
		v.RequiredLevel = p.ClassLevel(v.Class)
		v.Blocked = v.RequiredLevel > level
	} else if v.Blocked {
		v.Blocked = v.RequiredLevel > level
	}
	return v, nil
}
