package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"
)

// Group commit (SQLite). SQLite has one writer: every write transaction
// waited for the writer connection, and each paid for its own BEGIN and
// COMMIT (the WAL append; 15 % of a create's CPU in the profile). Here one
// goroutine, the group writer, owns that connection: WithTx queues the
// transaction's function, and the writer runs every function queued at
// that moment (up to maxGroup) in one BEGIN IMMEDIATE … COMMIT, each
// inside a savepoint of its own:
//
//   - a function that fails rolls back to its savepoint only, and its
//     caller gets its error, exactly as a transaction of its own would;
//   - every caller returns only after the COMMIT returned: a write is
//     acknowledged once it is durable (as durable as synchronous=NORMAL
//     in WAL mode makes any commit), never before;
//   - when the group itself fails (BEGIN, a savepoint's RELEASE or
//     ROLLBACK TO, or the COMMIT), every member not yet answered gets that
//     error and nothing of the group is stored.
//
// The writer does not wait to fill a group: it takes what queued while
// the previous group ran, so a lone write runs at once and, with no
// concurrency, costs what it cost before (a group of one has no
// savepoint). A member's statements run without its context's
// cancellation (Handle.sqlCtx): modernc.org/sqlite interrupts a statement
// whose context ends, and SQLite rolls back the whole transaction, the
// other members' work with it, when an interrupted INSERT, UPDATE or
// DELETE is inside an explicit transaction. A member whose context ended
// before it started is not run and returns the context's error.

// maxGroup bounds the transactions of one group, so that one COMMIT's
// WAL append stays small and the first member does not wait long for it.
const maxGroup = 32

// groupWriter is the goroutine that owns the SQLite writer connection
// for WithTx.
type groupWriter struct {
	db   *DB
	jobs chan *writeJob
	// mu guards closed: senders hold it read-locked while they queue, so
	// that close never closes jobs under a sender.
	mu     sync.RWMutex
	closed bool
	done   chan struct{}
	// groups and members count the groups committed or rolled back and
	// the transactions they ran; largest is the largest group's size.
	groups, members, largest atomic.Int64
}

// writeJob is one WithTx call waiting for its group.
type writeJob struct {
	ctx context.Context
	fn  func(tx *Tx) error
	tx  *Tx
	err error
	// panicked holds what fn panicked with; WithTx panics with it again
	// on the caller's goroutine.
	panicked any
	// committed is set when err came after the group's COMMIT (the
	// erasure is stored, its keys not yet destroyed): what it changed is
	// announced all the same.
	committed bool
	done      chan struct{}
}

func newGroupWriter(db *DB) *groupWriter {
	g := &groupWriter{db: db, jobs: make(chan *writeJob, 4*maxGroup), done: make(chan struct{})}
	go g.run()
	return g
}

// close stops the writer once every queued transaction has run; later
// calls of do fail. It may be called more than once.
func (g *groupWriter) close() {
	g.mu.Lock()
	if !g.closed {
		g.closed = true
		close(g.jobs)
	}
	g.mu.Unlock()
	<-g.done
}

// do queues fn and waits until its group committed or rolled back.
func (g *groupWriter) do(ctx context.Context, fn func(tx *Tx) error) error {
	j := &writeJob{ctx: ctx, fn: fn, done: make(chan struct{})}
	g.mu.RLock()
	if g.closed {
		g.mu.RUnlock()
		return fmt.Errorf("begin: %w", sql.ErrConnDone)
	}
	select {
	case g.jobs <- j:
	case <-ctx.Done():
		g.mu.RUnlock()
		return fmt.Errorf("begin: %w", ctx.Err())
	}
	g.mu.RUnlock()
	// Once queued, wait whatever the context says: the caller must not
	// return while its function may still run.
	<-j.done
	if j.panicked != nil {
		panic(j.panicked)
	}
	if j.err != nil {
		if j.committed {
			j.tx.afterCommit(ctx)
		}
		return j.err
	}
	j.tx.afterCommit(ctx)
	return nil
}

func (g *groupWriter) run() {
	defer close(g.done)
	batch := make([]*writeJob, 0, maxGroup)
	for j := range g.jobs {
		batch = append(batch[:0], j)
	fill:
		for len(batch) < maxGroup {
			select {
			case j, ok := <-g.jobs:
				if !ok {
					break fill
				}
				batch = append(batch, j)
			default:
				break fill
			}
		}
		g.db.runGroup(batch)
		g.groups.Add(1)
		g.members.Add(int64(len(batch)))
		if n := int64(len(batch)); n > g.largest.Load() {
			g.largest.Store(n)
		}
		for _, j := range batch {
			close(j.done)
		}
	}
}

// runGroup runs batch in one transaction and sets each job's outcome.
func (db *DB) runGroup(batch []*writeJob) {
	bg := context.Background()
	sqlTx, err := db.wdb.BeginTx(bg, nil)
	if err != nil {
		for _, j := range batch {
			j.err = fmt.Errorf("begin: %w", wrapErr(err))
		}
		return
	}
	gh := &Handle{q: sqlTx, db: db, stmts: db.wstmts, tx: sqlTx}
	// The members chain their audit entries from one head, written once
	// before the COMMIT (auditHead).
	head := &auditHead{}
	savepoints := len(batch) > 1
	// fail answers every member not yet answered with err, the ones
	// whose work succeeded too: none of it will be stored.
	fail := func(err error) {
		_ = sqlTx.Rollback()
		for _, j := range batch {
			if j.err == nil && j.panicked == nil {
				j.err = err
			}
		}
	}
	ok := 0
	for _, j := range batch {
		if err := j.ctx.Err(); err != nil {
			j.err = fmt.Errorf("begin: %w", err)
			continue
		}
		if savepoints {
			if _, err := gh.exec(bg, `SAVEPOINT group_member`); err != nil {
				fail(fmt.Errorf("begin: %w", wrapErr(err)))
				return
			}
		}
		j.tx = &Tx{Handle: Handle{q: sqlTx, db: db, now: db.Now(), stmts: db.wstmts, tx: sqlTx, inTx: true, grouped: true, memo: &customerMemo{}, txm: &txMemo{}}, tx: sqlTx, head: head}
		before := *head
		j.err, j.panicked = runMember(j)
		if j.err != nil || j.panicked != nil {
			// Its entries roll back with it: so does the head.
			*head = before
			if !savepoints {
				_ = sqlTx.Rollback()
				return
			}
			// ROLLBACK TO keeps the savepoint open: release it too.
			if _, err := gh.exec(bg, `ROLLBACK TO group_member`); err != nil {
				fail(fmt.Errorf("rollback: %w", wrapErr(err)))
				return
			}
		} else {
			ok++
		}
		if savepoints {
			if _, err := gh.exec(bg, `RELEASE group_member`); err != nil {
				fail(fmt.Errorf("commit: %w", wrapErr(err)))
				return
			}
		}
	}
	if ok == 0 {
		_ = sqlTx.Rollback()
		return
	}
	// An erasure lists the data keys it destroyed in the data file
	// (destroyDataKeys); they leave the SQLite key file once the COMMIT
	// made the list durable, before any member is answered.
	erasing := false
	for _, j := range batch {
		if j.err == nil && j.panicked == nil && j.tx != nil && len(j.tx.destroyKeys) > 0 {
			erasing = true
		}
	}
	if erasing {
		if err := atDestroyStep(stepCommit); err != nil {
			fail(err)
			return
		}
	}
	if err := gh.storeAuditHead(bg, head); err != nil {
		fail(err)
		return
	}
	if err := sqlTx.Commit(); err != nil {
		fail(fmt.Errorf("commit: %w", wrapErr(err)))
		return
	}
	if !erasing {
		return
	}
	if err := db.destroyListed(bg, db.wdb); err != nil {
		// Stored, but not done: the erasing members are told so.
		for _, j := range batch {
			if j.err == nil && j.panicked == nil && j.tx != nil && len(j.tx.destroyKeys) > 0 {
				j.err, j.committed = err, true
			}
		}
	}
}

// runMember runs j's function and what WithTx adds to every transaction,
// turning a panic into a value for the caller's goroutine.
func runMember(j *writeJob) (err error, panicked any) {
	defer func() {
		if p := recover(); p != nil {
			err, panicked = nil, p
		}
	}()
	if err := j.fn(j.tx); err != nil {
		return err, nil
	}
	return j.tx.queueAgentNotices(j.ctx), nil
}
