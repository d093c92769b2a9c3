package sqldb_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestCheckpoint_OffTheWriter: concurrent writes are all stored and read
// back, from another connection, while the
// checkpointer copies the WAL beside them; once the writes stop, the
// WAL is emptied (TRUNCATE), which SQLite's automatic checkpoint in the
// commit never does.
func TestCheckpoint_OffTheWriter(t *testing.T) {
	ctx := context.Background()
	db := sqldbtest.OpenDialect(t, sqldb.SQLite)
	agents := sqldb.NewAgentService(db)
	const n = 300
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- agents.CreateAgent(ctx, &proofdesk.Agent{Email: fmt.Sprintf("a%d@desk.test", i), Name: "A",
				Role: proofdesk.RoleAgent, PasswordHash: "x", CreatedAt: time.Now()})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	wal := db.DSN() + "-wal"
	deadline := time.Now().Add(30 * time.Second)
	for {
		fi, err := os.Stat(wal)
		if err == nil && fi.Size() == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("WAL %v bytes (err %v) long after the writes stopped, want 0 (truncated when idle)", fi.Size(), err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	count := func(dsn string) int {
		t.Helper()
		c, err := sql.Open("sqlite", "file:"+dsn+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		var k int
		if err := c.QueryRow("SELECT count(*) FROM agents").Scan(&k); err != nil {
			t.Fatal(err)
		}
		return k
	}
	if got := count(db.DSN()); got < n {
		t.Fatalf("%d agents stored, want at least %d", got, n)
	}
}
