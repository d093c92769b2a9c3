package sqldb_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	"github.com/proofdesk/proofdesk/pgnotify"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// twoNodes opens two stores on one database with one master key, as two
// nodes of one installation do.
func twoNodes(t *testing.T, dialect string) (a, b *sqldb.DB, dsn string) {
	t.Helper()
	dsn = sqldbtest.DSN(t, dialect)
	v := sqldbtest.NewVault(t)
	return sqldbtest.OpenWithVault(t, dsn, v), sqldbtest.OpenWithVault(t, dsn, v), dsn
}

func forDialects(t *testing.T, fn func(t *testing.T, dialect string)) {
	for _, d := range sqldbtest.Dialects() {
		t.Run(d, func(t *testing.T) { fn(t, d) })
	}
}

type stepClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *stepClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *stepClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestSharedThrottle(t *testing.T) {
	forDialects(t, func(t *testing.T, dialect string) {
		a, b, _ := twoNodes(t, dialect)
		clk := &stepClock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
		node := func(db *sqldb.DB) *auth.Throttle {
			cfg := auth.DefaultThrottleConfig()
			cfg.Now, cfg.Store = clk.Now, db
			return auth.NewThrottle(cfg)
		}
		ta, tb := node(a), node(b)
		ctx := t.Context()
		// Failures alternate between the nodes: together they reach the limit.
		for i := range 4 {
			th := []*auth.Throttle{ta, tb}[i%2]
			if err := th.Failure(ctx, "Ada@Example.com", "10.0.0.1"); err != nil {
				t.Fatal(err)
			}
			if err := tb.Check(ctx, "ada@example.com", "10.0.0.1"); err != nil {
				t.Fatalf("after %d failures: %v", i+1, err)
			}
		}
		if err := ta.Failure(ctx, "ada@example.com", "10.0.0.2"); err != nil {
			t.Fatal(err)
		}
		err := tb.Check(ctx, " ADA@example.com", "10.9.9.9")
		pe, ok := err.(*proofdesk.Error)
		if !ok || pe.Code != proofdesk.ERATELIMIT || pe.Details["retry_after"] != 900 {
			t.Fatalf("node B after 5 failures on A and B: err=%v, want rate_limited, retry_after 900", err)
		}
		if err := tb.Check(ctx, "bob@example.com", "10.0.0.1"); err != nil {
			t.Fatalf("other account: %v", err)
		}
		clk.Add(15 * time.Minute)
		if err := ta.Check(ctx, "ada@example.com", "10.0.0.1"); err != nil {
			t.Fatalf("after the lockout: %v", err)
		}
		// The second lockout doubles, seen from the other node.
		for range 5 {
			if err := tb.Failure(ctx, "ada@example.com", "10.0.0.3"); err != nil {
				t.Fatal(err)
			}
		}
		clk.Add(29 * time.Minute)
		if err := ta.Check(ctx, "ada@example.com", "10.0.0.1"); proofdesk.ErrorCode(err) != proofdesk.ERATELIMIT {
			t.Fatalf("second lockout shorter than 30 minutes: %v", err)
		}
		clk.Add(time.Minute)
		if err := ta.Check(ctx, "ada@example.com", "10.0.0.1"); err != nil {
			t.Fatalf("after the second lockout: %v", err)
		}
		// Failures older than the window do not count.
		for range 4 {
			_ = ta.Failure(ctx, "cy@example.com", "10.0.1.1")
		}
		clk.Add(16 * time.Minute)
		_ = tb.Failure(ctx, "cy@example.com", "10.0.1.1")
		if err := ta.Check(ctx, "cy@example.com", "10.0.1.1"); err != nil {
			t.Fatalf("old failures still counted: %v", err)
		}
		// A success on one node clears the account on both, not the address.
		_ = ta.Failure(ctx, "cy@example.com", "10.0.1.1")
		_ = ta.Failure(ctx, "cy@example.com", "10.0.1.1")
		if err := tb.Success(ctx, "cy@example.com", "10.0.1.1"); err != nil {
			t.Fatal(err)
		}
		for range 4 {
			_ = ta.Failure(ctx, "cy@example.com", "10.0.1.1")
		}
		if err := tb.Check(ctx, "cy@example.com", "10.0.1.1"); err != nil {
			t.Fatalf("success did not clear the account: %v", err)
		}
		// 20 failures from one address over many accounts lock the address.
		for i := range 20 {
			_ = []*auth.Throttle{ta, tb}[i%2].Failure(ctx, "spray"+string(rune('a'+i))+"@example.com", "10.7.7.7")
		}
		if err := ta.Check(ctx, "new@example.com", "10.7.7.7"); proofdesk.ErrorCode(err) != proofdesk.ERATELIMIT {
			t.Fatalf("spray from one address: %v, want rate_limited", err)
		}
	})
}

// Concurrent failures on two nodes are all counted: 8 at once with a limit
// of 4 lock the key (a lost update would leave it unlocked).
func TestSharedThrottle_Concurrent(t *testing.T) {
	forDialects(t, func(t *testing.T, dialect string) {
		a, b, _ := twoNodes(t, dialect)
		ctx := t.Context()
		var wg sync.WaitGroup
		for i := range 4 {
			db := []*sqldb.DB{a, b}[i%2]
			wg.Go(func() {
				for range 2 {
					if err := db.AddFailure(ctx, "a:x", time.Now(), time.Hour, 4, func(int) time.Duration { return time.Hour }); err != nil {
						t.Error(err)
					}
				}
			})
		}
		wg.Wait()
		until, err := a.LockedUntil(ctx, []string{"a:x"}, time.Now())
		if err != nil || until.IsZero() {
			t.Fatalf("8 concurrent failures with limit 4: locked until %v, %v; want locked", until, err)
		}
	})
}

func TestSharedTOTPSteps(t *testing.T) {
	forDialects(t, func(t *testing.T, dialect string) {
		a, b, _ := twoNodes(t, dialect)
		ctx := t.Context()
		agent := &proofdesk.Agent{Email: "ann@desk.example", Name: "Ann", Role: proofdesk.RoleAdmin, PasswordHash: "x"}
		if err := sqldb.NewAgentService(a).CreateAgent(ctx, agent); err != nil {
			t.Fatal(err)
		}
		key, err := auth.NewTOTPKey("Proofdesk", agent.Email)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		code := totpCodeAt(t, key.Secret, now)
		va, vb := auth.NewTOTPVerifier(a), auth.NewTOTPVerifier(b)
		if err := va.Verify(ctx, agent.ID, key.Secret, code, now); err != nil {
			t.Fatalf("first use on A: %v", err)
		}
		if err := vb.Verify(ctx, agent.ID, key.Secret, code, now); proofdesk.ErrorCode(err) != proofdesk.EUNAUTHORIZED {
			t.Fatalf("replay on B: err=%v, want unauthorized", err)
		}
		if err := vb.Verify(ctx, agent.ID, key.Secret, totpCodeAt(t, key.Secret, now.Add(-30*time.Second)), now); err == nil {
			t.Fatal("an older step accepted on B after A used a later one")
		}
		later := now.Add(30 * time.Second)
		if err := vb.Verify(ctx, agent.ID, key.Secret, totpCodeAt(t, key.Secret, later), later); err != nil {
			t.Fatalf("the next step on B: %v", err)
		}
		// The same fresh step offered to both nodes at once is taken once.
		var took atomic.Int32
		var wg sync.WaitGroup
		for i := range 8 {
			db := []*sqldb.DB{a, b}[i%2]
			wg.Go(func() {
				ok, err := db.UseTOTPStep(ctx, agent.ID, 1<<40)
				if err != nil {
					t.Error(err)
				}
				if ok {
					took.Add(1)
				}
			})
		}
		wg.Wait()
		if n := took.Load(); n != 1 {
			t.Fatalf("one step accepted %d times across nodes, want 1", n)
		}
	})
}

func TestSharedRate(t *testing.T) {
	forDialects(t, func(t *testing.T, dialect string) {
		a, b, _ := twoNodes(t, dialect)
		ctx := t.Context()
		now := time.Date(2026, 3, 1, 12, 0, 10, 0, time.UTC)
		for i := range 3 {
			ok, _, err := []*sqldb.DB{a, b}[i%2].TakeRate(ctx, "widget:v1", 3, time.Minute, now)
			if err != nil || !ok {
				t.Fatalf("event %d: ok=%v, %v", i+1, ok, err)
			}
		}
		ok, wait, err := b.TakeRate(ctx, "widget:v1", 3, time.Minute, now)
		if err != nil || ok || wait != 50*time.Second {
			t.Fatalf("4th event in the minute: ok=%v wait=%v err=%v, want refused, 50s", ok, wait, err)
		}
		if ok, _, _ := a.TakeRate(ctx, "widget:v2", 3, time.Minute, now); !ok {
			t.Fatal("another key is limited too")
		}
		if ok, _, err := a.TakeRate(ctx, "widget:v1", 3, time.Minute, now.Add(50*time.Second)); err != nil || !ok {
			t.Fatalf("next minute: ok=%v, %v", ok, err)
		}
	})
}

// The PostgreSQL trigger of migration 0014 wakes every node's outbox
// worker when a row is queued, on commit.
func TestOutboxNotify(t *testing.T) {
	if sqldbtest.PostgresDSN() == "" {
		t.Skip("TEST_POSTGRES_DSN not set")
	}
	db := sqldbtest.OpenDialect(t, sqldb.Postgres)
	f := newFixture(t, db)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	wake := pgnotify.Wake(ctx, sqldbtest.PostgresDSN(), pgnotify.OutboxChannel, nil)
	select { // one wake-up on connecting
	case <-wake:
	case <-time.After(5 * time.Second):
		t.Fatal("no wake-up on connecting")
	}
	queueReply(t, f)
	select {
	case <-wake:
	case <-time.After(5 * time.Second):
		t.Fatal("queueing an outbox row did not wake the listener")
	}
}

func totpCodeAt(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	code, err := totp.GenerateCode(secret, at)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func TestSharedReads(t *testing.T) {
	forDialects(t, func(t *testing.T, dialect string) {
		a, b, _ := twoNodes(t, dialect)
		ctx := t.Context()
		agent := &proofdesk.Agent{Email: "ann@desk.example", Name: "Ann", Role: proofdesk.RoleAgent, PasswordHash: "x"}
		if err := sqldb.NewAgentService(a).CreateAgent(ctx, agent); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for range 3 {
			c := &proofdesk.Conversation{Channel: proofdesk.ChannelAPI, Subject: "s"}
			if err := sqldb.NewConversationService(a).CreateConversation(ctx, c, nil); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, c.ID)
		}
		t1 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
		if err := a.MarkRead(ctx, agent.ID, ids[0], t1); err != nil {
			t.Fatal(err)
		}
		if err := b.MarkRead(ctx, agent.ID, ids[0], t1.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := a.MarkRead(ctx, agent.ID, ids[2], t1); err != nil {
			t.Fatal(err)
		}
		got, err := b.ReadTimes(ctx, agent.ID, ids)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || !got[ids[0]].Equal(t1.Add(time.Minute)) || !got[ids[2]].Equal(t1) {
			t.Fatalf("ReadTimes=%v, want %s at %v and %s at %v", got, ids[0], t1.Add(time.Minute), ids[2], t1)
		}
	})
}

// Workers on two nodes claiming at once never claim one row twice.
func TestClaimDue_TwoNodes(t *testing.T) {
	forDialects(t, func(t *testing.T, dialect string) {
		a, b, _ := twoNodes(t, dialect)
		f := newFixture(t, a)
		const n = 20
		for range n {
			queueReply(t, f)
		}
		var mu sync.Mutex
		claimed := map[string]int{}
		var wg sync.WaitGroup
		for i := range 4 {
			db := []*sqldb.DB{a, b}[i%2]
			wg.Go(func() {
				for {
					got, err := db.ClaimDue(t.Context(), f.Clk.Now(), 3, allKinds, time.Hour)
					if err != nil {
						t.Error(err)
						return
					}
					if len(got) == 0 {
						return
					}
					mu.Lock()
					for _, d := range got {
						claimed[d.ID]++
					}
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if len(claimed) != n {
			t.Fatalf("%d rows claimed, want %d", len(claimed), n)
		}
		for id, c := range claimed {
			if c != 1 {
				t.Fatalf("row %s claimed %d times", id, c)
			}
		}
	})
}

// Keys nobody used for two days are pruned, so the tables do not grow
// with every address and visitor ever seen.
func TestSharedState_Prune(t *testing.T) {
	forDialects(t, func(t *testing.T, dialect string) {
		db, _, _ := twoNodes(t, dialect)
		ctx := t.Context()
		t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
		hour := func(int) time.Duration { return time.Hour }
		for i := range 10 {
			if err := db.AddFailure(ctx, "ip:10.0.0."+string(rune('0'+i)), t0, time.Minute, 5, hour); err != nil {
				t.Fatal(err)
			}
			if _, _, err := db.TakeRate(ctx, "widget:v"+string(rune('0'+i)), 5, time.Minute, t0); err != nil {
				t.Fatal(err)
			}
		}
		// A lockout still running is kept however old its last failure.
		for range 5 {
			if err := db.AddFailure(ctx, "a:locked", t0, time.Minute, 5, func(int) time.Duration { return 72 * time.Hour }); err != nil {
				t.Fatal(err)
			}
		}
		later := t0.Add(49 * time.Hour)
		if err := db.AddFailure(ctx, "ip:10.9.9.9", later, time.Minute, 5, hour); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.TakeRate(ctx, "widget:new", 5, time.Minute, later); err != nil {
			t.Fatal(err)
		}
		if n, err := sqldb.CountRows(ctx, db, "login_throttle"); err != nil || n != 2 {
			t.Fatalf("login_throttle rows after two quiet days: %d, %v; want 2 (the running lockout and the new key)", n, err)
		}
		if until, err := db.LockedUntil(ctx, []string{"a:locked"}, later); err != nil || until.IsZero() {
			t.Fatalf("running lockout: until %v, %v", until, err)
		}
		if n, err := sqldb.CountRows(ctx, db, "rate_counters"); err != nil || n != 1 {
			t.Fatalf("rate_counters rows after two quiet days: %d, %v; want 1", n, err)
		}
	})
}
