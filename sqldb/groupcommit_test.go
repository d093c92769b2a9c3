package sqldb_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestWithTx_GroupCommit queues transactions behind one that holds the
// SQLite writer, so that they run as one group, and checks that each
// keeps the semantics of a transaction of its own: a failing one (an
// error, a constraint, a panic, a context cancelled while queued) leaves
// nothing, the others are all stored, and each caller gets its own error.
func TestWithTx_GroupCommit(t *testing.T) {
	ctx := context.Background()
	db := sqldbtest.Open(t)
	if err := db.WithTx(ctx, func(tx *sqldb.Tx) error {
		return tx.ExecInTx(ctx, `CREATE TABLE group_test (k TEXT PRIMARY KEY)`)
	}); err != nil {
		t.Fatal(err)
	}
	insert := func(tx *sqldb.Tx, k string) error {
		return tx.ExecInTx(ctx, `INSERT INTO group_test (k) VALUES (?)`, k)
	}

	// The first transaction holds the writer until the others queued.
	release := holdWriter(ctx, db, func(tx *sqldb.Tx) error { return insert(tx, "first") })

	const n = 24
	errFailed := errors.New("member failed")
	cancelled, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	errs := make([]error, n)
	panics := make([]any, n)
	queued := 0
	for i := range n {
		wg.Add(1)
		queued++
		go func() {
			defer wg.Done()
			defer func() { panics[i] = recover() }()
			c := ctx
			if i == 7 {
				c = cancelled
			}
			errs[i] = db.WithTx(c, func(tx *sqldb.Tx) error {
				k := fmt.Sprintf("k%02d", i)
				if i == 9 {
					k = "first" // taken by the first transaction: a constraint error
				}
				if err := insert(tx, k); err != nil {
					return err
				}
				switch i % 6 {
				case 1:
					return errFailed
				case 3:
					if i == 3 {
						panic("member panicked")
					}
				}
				return nil
			})
		}()
	}
	for db.QueuedWrites() < queued {
		runtime.Gosched() // until every transaction is queued behind the first
	}
	cancel()
	firstErr := release()
	wg.Wait()
	if err := <-firstErr; err != nil {
		t.Fatalf("first: %v", err)
	}

	var want []string
	want = append(want, "first")
	for i := range n {
		var wantErr string
		var wantPanic any
		switch {
		case i == 3:
			wantPanic = "member panicked"
		case i == 7:
			wantErr = "begin: context canceled"
		case i == 9:
			wantErr = proofdesk.ECONFLICT
		case i%6 == 1:
			wantErr = errFailed.Error()
		default:
			want = append(want, fmt.Sprintf("k%02d", i))
		}
		got := ""
		if errs[i] != nil {
			got = errs[i].Error()
			if wantErr == proofdesk.ECONFLICT {
				got = proofdesk.ErrorCode(errs[i])
			}
		}
		if got != wantErr {
			t.Errorf("member %d: err %q, want %q", i, got, wantErr)
		}
		if panics[i] != wantPanic {
			t.Errorf("member %d: panic %v, want %v", i, panics[i], wantPanic)
		}
	}

	rows, err := db.Read().QueryStrings(ctx, `SELECT k FROM group_test`)
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(rows)
	sort.Strings(want)
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("stored keys (-want +got):\n%s", diff)
	}
	if _, _, largest := db.GroupCommits(); largest < 2 {
		t.Errorf("largest group %d, want the queued transactions in one group", largest)
	}
}

// TestGroupCommitAuditChain: the members of one group chain their audit
// entries from one head, written once before the COMMIT; the entries of
// members that fail roll back with the head they advanced, so the chain
// that commits has no gap and verifies, holding exactly the entries of
// the members that succeeded, in the order they ran.
func TestGroupCommitAuditChain(t *testing.T) {
	ctx := context.Background()
	db := sqldbtest.Open(t)
	audit := func(tx *sqldb.Tx, id string) error {
		return tx.Audit(ctx, proofdesk.AuditEvent{Action: "group.test", SubjectKind: "test", SubjectID: id})
	}
	release := holdWriter(ctx, db, func(tx *sqldb.Tx) error { return audit(tx, "first") })
	const n = 24
	errFailed := errors.New("member failed")
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = db.WithTx(ctx, func(tx *sqldb.Tx) error {
				if err := audit(tx, fmt.Sprintf("m%02d", i)); err != nil {
					return err
				}
				if i%3 == 1 {
					return errFailed // after its entry was chained
				}
				return audit(tx, fmt.Sprintf("m%02d-b", i))
			})
		}()
	}
	for db.QueuedWrites() < n {
		runtime.Gosched() // until every transaction is queued behind the first
	}
	firstErr := release()
	wg.Wait()
	if err := <-firstErr; err != nil {
		t.Fatalf("first: %v", err)
	}
	if _, members, largest := db.GroupCommits(); largest < 2 {
		t.Fatalf("no group of several transactions formed (%d members, largest group %d)", members, largest)
	}
	svc := sqldb.NewAuditService(db)
	if seq, why, err := svc.VerifyAudit(ctx); err != nil || seq != 0 {
		t.Fatalf("VerifyAudit = %d %q %v, want an intact chain", seq, why, err)
	}
	action := "group.test"
	entries, err := svc.FindAuditEntries(ctx, proofdesk.AuditFilter{Action: &action})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, e := range entries {
		got[e.SubjectID] = true
	}
	want := map[string]bool{"first": true}
	for i := range n {
		if i%3 != 1 {
			want[fmt.Sprintf("m%02d", i)], want[fmt.Sprintf("m%02d-b", i)] = true, true
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("chained entries (-want +got):\n%s", diff)
	}
}

// holdWriter runs fn in a transaction that holds the SQLite writer until
// release is called, so that the transactions queued meanwhile run as one
// group; release returns the channel that gets the first transaction's
// error.
func holdWriter(ctx context.Context, db *sqldb.DB, fn func(tx *sqldb.Tx) error) (release func() <-chan error) {
	started, released := make(chan struct{}), make(chan struct{})
	firstErr := make(chan error, 1)
	go func() {
		firstErr <- db.WithTx(ctx, func(tx *sqldb.Tx) error {
			close(started)
			<-released
			return fn(tx)
		})
	}()
	<-started
	return func() <-chan error {
		close(released)
		return firstErr
	}
}
