package sqldb_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
	"github.com/proofdesk/proofdesk/vault"
)

// TestRotateUnderLoad rotates the master key (key file mode, as `proofdesk
// keys rotate` does) while a "server" store keeps creating and reading
// customers. Afterwards the old key is retired from the file, and a store
// opened with only the new key reads every record.
func TestRotateUnderLoad(t *testing.T) {
	for _, dialect := range sqldbtest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			kr, err := vault.LoadKeyring(dir, "")
			if err != nil {
				t.Fatal(err)
			}
			oldID := kr.Primary()
			dsn := sqldbtest.DSN(t, dialect)
			if dialect == sqldb.SQLite {
				dsn = filepath.Join(dir, "proofdesk.db")
			}
			server := sqldbtest.OpenWithVault(t, dsn, vault.New(kr))
			customers := sqldb.NewCustomerService(server)
			var mu sync.Mutex
			want := map[string]string{} // id → email
			create := func(i int) error {
				email := fmt.Sprintf("user%d@example.com", i)
				c := newCustomer(t, "", email, fmt.Sprintf("+1415555%04d", i%10000))
				if err := customers.CreateCustomer(ctx, c); err != nil {
					return err
				}
				mu.Lock()
				want[c.ID] = email
				mu.Unlock()
				return nil
			}
			for i := range 60 {
				if err := create(i); err != nil {
					t.Fatal(err)
				}
			}

			stop := make(chan struct{})
			var wg sync.WaitGroup
			var ops, failures atomic.Int64
			var firstErr atomic.Value
			for w := range 3 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := 0; ; i++ {
						select {
						case <-stop:
							return
						default:
						}
						var err error
						if i%3 == 0 {
							err = create(1000 + w*100000 + i)
						} else {
							mu.Lock()
							var id string
							for id = range want {
								break
							}
							mu.Unlock()
							_, err = customers.FindCustomerByID(ctx, id)
						}
						ops.Add(1)
						if err != nil {
							failures.Add(1)
							firstErr.CompareAndSwap(nil, err)
						}
					}
				}()
			}

			time.Sleep(100 * time.Millisecond)
			newKR, err := vault.AddPrimaryToFile(dir)
			if err != nil {
				t.Fatal(err)
			}
			rotator := sqldb.NewDB(dsn, vault.New(newKR), nil)
			if err := rotator.Open(ctx); err != nil {
				t.Fatal(err)
			}
			defer rotator.Close()
			// The server picks up the new primary within a second; keys it
			// wrapped with the old one meanwhile are caught by later passes.
			n, err := rotator.RotateKeys(ctx, 1200*time.Millisecond)
			if err != nil {
				t.Fatal(err)
			}
			close(stop)
			wg.Wait()
			if failures.Load() > 0 {
				t.Fatalf("%d of %d operations failed during rotation; first: %v", failures.Load(), ops.Load(), firstErr.Load())
			}
			if n < 60 {
				t.Fatalf("rotation re-wrapped %d keys, want at least the 60 seeded customers' keys", n)
			}
			t.Logf("rotation: %d keys re-wrapped during %d operations", n, ops.Load())
			if left, _ := rotator.CountKeysNotUnder(ctx, newKR.Primary()); left != 0 {
				t.Fatalf("%d data keys still under the old master key", left)
			}
			if err := vault.RetireFromFile(dir); err != nil {
				t.Fatal(err)
			}

			onlyNew, err := vault.LoadKeyring(dir, "")
			if err != nil || len(onlyNew.IDs()) != 1 {
				t.Fatalf("key file after retire: %v %v", err, onlyNew.IDs())
			}
			fresh := sqldbtest.OpenWithVault(t, dsn, vault.New(onlyNew))
			fc := sqldb.NewCustomerService(fresh)
			for id, email := range want {
				c, err := fc.FindCustomerByID(ctx, id)
				if err != nil {
					t.Fatalf("customer %s after rotation: %v", id, err)
				}
				if got := c.ContactPointsOf(proofdesk.ContactEmail)[0].Value; got != email {
					t.Fatalf("customer %s email corrupted after rotation", id)
				}
			}
			// A store with only the old key is refused at startup, clearly.
			oldOnly := sqldb.NewDB(dsn, vault.New(kr.Only(oldID)), nil)
			if err := oldOnly.Open(ctx); err == nil {
				oldOnly.Close()
				t.Fatal("opening with the retired key succeeded")
			}
		})
	}
}
