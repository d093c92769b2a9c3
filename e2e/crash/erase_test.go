package crash_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/e2e/e2etest"
	"github.com/proofdesk/proofdesk/sqldb"
)

// Load of one trial of TestKillMidErasure.
const (
	erasers        = 4 // supervisors' API clients erasing at once
	erasesPerTrial = 8 // customers each eraser erases per trial
	eraseWriters   = 2 // API clients creating conversations meanwhile, in the same group commits
)

// TestKillMidErasure kills `proofdesk serve` (SQLite) with SIGKILL while
// API clients erase customers (each with a conversation, so two data
// keys each) and others write, then, before restarting it, reads the
// data file and the key file as the crash left them: no customer may
// have lost a data key without being a tombstone (the gap of an erasure
// that deleted the keys before the data's COMMIT). It counts the kills
// that left keys listed for destruction (the data committed, the key file
// not yet done, or done and the list not yet cleared). After the restart
// every erasure in flight at the kill is sent again and must answer
// erased (200) or already erased (409); at the end every customer is a
// tombstone with one customer.erased entry, none of their old keys is in
// the key file, nothing is left listed, and the audit chain verifies.
//
//	PROOFDESK_CRASH_TRIALS=20 go test ./e2e/crash/ -run TestKillMidErasure -v
func TestKillMidErasure(t *testing.T) {
	s := e2etest.StartServer(t, e2etest.ServerOptions{Args: serveArgs})
	n := trials(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(n)*time.Minute+2*time.Minute)
	defer cancel()
	dataPath, keysPath := filepath.Join(s.DataDir, "proofdesk.db"), filepath.Join(s.DataDir, "keys.db")

	// The customers, a conversation each, and (read with the server
	// stopped) the data keys the erasures will destroy.
	ids := make([]string, n*erasers*erasesPerTrial)
	var seed sync.WaitGroup
	var seedErr atomic.Pointer[error]
	for w := range 4 {
		seed.Go(func() {
			for i := w; i < len(ids); i += 4 {
				id, err := postJSON(ctx, s.URL+"/api/v1/customers", s.SyncToken, map[string]any{"name": fmt.Sprintf("Erasee %d", i),
					"emails": []map[string]string{{"value": fmt.Sprintf("erasee%d@example.com", i)}}})
				if err == nil {
					_, err = postJSON(ctx, s.URL+"/api/v1/conversations", s.Agent.Token, map[string]any{"channel": "api", "subject": "Erase me",
						"message": fmt.Sprintf("My card ending %04d", i), "customer_id": id})
				}
				if err != nil {
					seedErr.Store(&err)
					return
				}
				ids[i] = id
			}
		})
	}
	seed.Wait()
	if err := seedErr.Load(); err != nil {
		t.Fatalf("seed: %v", *err)
	}
	s.Kill(t)
	oldKeys := map[string][]string{} // customer → their data keys before the erasure
	withSQLite(t, dataPath, func(db *sql.DB) {
		for _, q := range []string{`SELECT id, data_key_id FROM customers`, `SELECT customer_id, data_key_id FROM conversations WHERE customer_id IS NOT NULL`} {
			rows, err := db.Query(q)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var c, k string
				if err := rows.Scan(&c, &k); err != nil {
					t.Fatal(err)
				}
				oldKeys[c] = append(oldKeys[c], k)
			}
			rows.Close()
		}
	})
	s.Restart(t)

	rng := rand.New(rand.NewPCG(59, 59))
	var (
		mu                         sync.Mutex
		failures                   []string
		acked, inFlight, wasErased int // answers 200; sent again after a kill; of those, 409
	)
	fail := func(f string, args ...any) {
		mu.Lock()
		failures = append(failures, fmt.Sprintf(f, args...))
		mu.Unlock()
	}
	listedKeysThere, listedKeysGone, killsInWindow, keysGoneNoTombstone := 0, 0, 0, 0
	for trial := range n {
		var wg sync.WaitGroup
		var acks, running atomic.Int32
		var stop atomic.Bool
		for e := range erasers {
			running.Add(1)
			wg.Go(func() {
				defer running.Add(-1)
				for i := range erasesPerTrial {
					id := ids[(trial*erasers+e)*erasesPerTrial+i]
					resent := false
					for ctx.Err() == nil {
						code, body, err := postStatus(ctx, s.URL+"/api/v1/customers/"+id+"/erase", s.Supervisor.Token,
							map[string]string{"reason": "Asked in writing", "legal_basis": "GDPR art. 17(1)(a)"})
						if err != nil {
							resent = true // the server is gone: again once it is back
							sleep(ctx, 50*time.Millisecond)
							continue
						}
						mu.Lock()
						switch {
						case code == http.StatusOK:
							acked++
							if resent {
								inFlight++
							}
						case code == http.StatusConflict && resent:
							acked++
							inFlight++
							wasErased++
						default:
							failures = append(failures, fmt.Sprintf("erase %s: status %d: %s", id, code, body))
						}
						mu.Unlock()
						acks.Add(1)
						break
					}
				}
			})
		}
		for w := range eraseWriters {
			wg.Go(func() {
				for i := 0; !stop.Load() && ctx.Err() == nil; i++ {
					if _, err := postJSON(ctx, s.URL+"/api/v1/conversations", s.Agent.Token, map[string]any{"channel": "api", "subject": "Meanwhile",
						"message": fmt.Sprintf("Question %d-%d-%d", trial, w, i)}); err != nil {
						sleep(ctx, 50*time.Millisecond)
					}
				}
			})
		}
		// Kill part way, while every eraser is still erasing.
		for target := int32(2 + rng.IntN(erasers*erasesPerTrial/2)); acks.Load() < target && ctx.Err() == nil; {
			time.Sleep(time.Millisecond)
		}
		time.Sleep(time.Duration(rng.IntN(20)) * time.Millisecond)
		if got := running.Load(); got != erasers {
			t.Fatalf("trial %d: %d of %d erasers still erasing at the kill, want all", trial, got, erasers)
		}
		s.Kill(t)

		// The files as the crash left them, before any recovery.
		present := keysIn(t, keysPath)
		withSQLite(t, dataPath, func(db *sql.DB) {
			listed := queryStrings(t, db, `SELECT key_id FROM key_destructions`)
			for _, k := range listed {
				if present[k] {
					listedKeysThere++
				} else {
					listedKeysGone++
				}
			}
			if len(listed) > 0 {
				killsInWindow++
			}
			for _, c := range queryStrings(t, db, `SELECT id FROM customers WHERE erased_at IS NULL`) {
				for _, k := range oldKeys[c] {
					if !present[k] {
						keysGoneNoTombstone++
						fail("trial %d: customer %s lost data key %s without being erased", trial, c, k)
					}
				}
			}
		})
		s.Restart(t)
		for running.Load() > 0 && ctx.Err() == nil {
			time.Sleep(10 * time.Millisecond)
		}
		stop.Store(true)
		wg.Wait()
		if ctx.Err() != nil {
			t.Fatalf("trial %d: the erasures did not finish in time", trial)
		}
	}
	s.Kill(t)

	// The end state, as the last start left it.
	present := keysIn(t, keysPath)
	withSQLite(t, dataPath, func(db *sql.DB) {
		if listed := queryStrings(t, db, `SELECT key_id FROM key_destructions`); len(listed) > 0 {
			fail("%d keys still listed for destruction after the restarts", len(listed))
		}
		for _, id := range ids {
			var erased sql.NullString
			var audited int
			if err := db.QueryRow(`SELECT erased_at FROM customers WHERE id = ?`, id).Scan(&erased); err != nil {
				t.Fatal(err)
			}
			if err := db.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = ? AND subject_id = ?`, proofdesk.AuditCustomerErased, id).Scan(&audited); err != nil {
				t.Fatal(err)
			}
			if !erased.Valid || audited != 1 {
				fail("customer %s: erased %v with %d customer.erased entries, want a tombstone and 1", id, erased.Valid, audited)
			}
			for _, k := range oldKeys[id] {
				if present[k] {
					fail("customer %s: old data key %s still in the key file", id, k)
				}
			}
		}
	})
	db := s.OpenStore(t)
	if seq, why, err := sqldb.NewAuditService(db).VerifyAudit(context.Background()); err != nil || seq != 0 {
		t.Errorf("audit chain after the kills: entry %d: %s (%v), want intact", seq, why, err)
	}
	for _, f := range failures[:min(len(failures), 10)] {
		t.Error(f)
	}
	if len(failures) > 0 {
		t.Errorf("%d failures", len(failures))
	}
	t.Logf("%d trials: %d erasures acknowledged (%d in flight at a kill, sent again: %d found erased, %d not); "+
		"%d kills left keys listed (%d listed keys still in keys.db, %d already gone); %d keys lost without a tombstone",
		n, acked, inFlight, wasErased, inFlight-wasErased, killsInWindow, listedKeysThere, listedKeysGone, keysGoneNoTombstone)
	if acked != len(ids) {
		t.Errorf("%d erasures acknowledged, want %d", acked, len(ids))
	}
}

// withSQLite opens the SQLite file at path in this process (no store, no
// recovery of listed keys) for fn.
func withSQLite(t *testing.T, path string, fn func(db *sql.DB)) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fn(db)
}

// keysIn returns the IDs of the data keys in the key file at path.
func keysIn(t *testing.T, path string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	withSQLite(t, path, func(db *sql.DB) {
		for _, id := range queryStrings(t, db, `SELECT id FROM data_keys`) {
			out[id] = true
		}
	})
	return out
}

// queryStrings returns the one string column of q's rows.
func queryStrings(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// postStatus posts in to url with a bearer token and returns the answer's
// status and body; err is a transport error (the server is gone).
func postStatus(ctx context.Context, url, token string, in any) (int, string, error) {
	b, _ := json.Marshal(in)
	req, _ := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := httpClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(bytes.TrimSpace(body)), nil
}
