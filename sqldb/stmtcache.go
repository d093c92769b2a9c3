package sqldb

import (
	"context"
	"database/sql"
	"strings"
	"sync"
)

// maxCachedStmts bounds a statement cache: the store's SQL is a fixed
// set of texts, but a few are built per call (IN lists), and those stop
// being cached once the bound is reached.
const maxCachedStmts = 1024

// stmtCache keeps one prepared statement per SQL text on one SQLite pool.
// modernc.org/sqlite parses and plans a statement's text on every call
// that is not prepared (the profile of an outbox delivery showed 40 % of
// its CPU in sqlite3Prepare); database/sql keeps a prepared statement per
// connection under a *sql.Stmt, and a transaction reuses it through
// Tx.StmtContext. PostgreSQL needs none of this: pgx caches prepared
// statements per connection itself.
//
// The writer pool has one connection, held by the transaction that runs,
// so a statement first seen inside a transaction cannot be prepared there
// on the pool: it runs unprepared and is prepared in the background once
// the connection is free, for the next transaction.
type stmtCache struct {
	pool *sql.DB
	mu   sync.RWMutex
	m    map[string]*sql.Stmt
	// pending holds texts being prepared in the background.
	pending map[string]bool
	closed  bool
	// wg counts background prepares; close waits for them, so none
	// opens a connection after the store is closed.
	wg     sync.WaitGroup
	ctx    context.Context
	cancel context.CancelFunc
}

func newStmtCache(pool *sql.DB) *stmtCache {
	ctx, cancel := context.WithCancel(context.Background())
	return &stmtCache{pool: pool, m: make(map[string]*sql.Stmt), pending: make(map[string]bool), ctx: ctx, cancel: cancel}
}

// cacheable reports whether q is one statement (a prepared statement
// runs only the first of several).
func cacheable(q string) bool {
	q = strings.TrimRight(q, " \t\r\n;")
	return !strings.Contains(q, ";")
}

// lookup returns the prepared statement for q, or nil.
func (c *stmtCache) lookup(q string) *sql.Stmt {
	c.mu.RLock()
	s := c.m[q]
	c.mu.RUnlock()
	return s
}

// get returns the prepared statement for q, preparing it on the pool when
// needed; nil when q is not cacheable, the cache is full or preparing
// failed (the caller then runs q unprepared, and reports its error).
// Never call it while holding the pool's only connection.
func (c *stmtCache) get(ctx context.Context, q string) *sql.Stmt {
	if s := c.lookup(q); s != nil {
		return s
	}
	if !cacheable(q) {
		return nil
	}
	c.mu.RLock()
	full := len(c.m) >= maxCachedStmts || c.closed
	c.mu.RUnlock()
	if full {
		return nil
	}
	s, err := c.pool.PrepareContext(ctx, q)
	if err != nil {
		return nil
	}
	return c.keep(q, s)
}

func (c *stmtCache) keep(q string, s *sql.Stmt) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.m[q]; old != nil || c.closed || len(c.m) >= maxCachedStmts {
		_ = s.Close()
		return old
	}
	c.m[q] = s
	return s
}

// prepareLater prepares q in the background, for a text first seen
// inside a transaction.
func (c *stmtCache) prepareLater(q string) {
	if !cacheable(q) {
		return
	}
	c.mu.Lock()
	if c.pending[q] || c.m[q] != nil || c.closed || len(c.m)+len(c.pending) >= maxCachedStmts {
		c.mu.Unlock()
		return
	}
	c.pending[q] = true
	c.wg.Add(1)
	c.mu.Unlock()
	go func() {
		defer c.wg.Done()
		s, err := c.pool.PrepareContext(c.ctx, q)
		c.mu.Lock()
		delete(c.pending, q)
		c.mu.Unlock()
		if err == nil {
			c.keep(q, s)
		}
	}()
}

// close waits for background prepares and closes every cached
// statement; later calls prepare nothing.
func (c *stmtCache) close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.cancel()
	c.wg.Wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, s := range c.m {
		_ = s.Close()
		delete(c.m, q)
	}
}
