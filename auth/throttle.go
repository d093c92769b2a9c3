package auth

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/proofdesk/proofdesk"
)

// ThrottleConfig sets the login throttle's limits.
type ThrottleConfig struct {
	AccountLimit int           // failures per Window per account before a lockout
	AddrLimit    int           // failures per Window per client address
	Window       time.Duration // the sliding window failures are counted in
	Lockout      time.Duration // first lockout; each further one doubles
	MaxLockout   time.Duration // cap of the doubling
	Now          func() time.Time
	// Store keeps the counts and lockouts; nil keeps them in this
	// process's memory. Nodes sharing one database share a store
	// (*sqldb.DB is one), so a lockout on one node holds on all.
	Store ThrottleStore
}

// ThrottleStore keeps failed-login counts and lockouts by key ("a:" and
// the lowercased account, or "ip:" and the client address).
type ThrottleStore interface {
	// LockedUntil returns the latest lockout end among keys that is after
	// now, or the zero time.
	LockedUntil(ctx context.Context, keys []string, now time.Time) (time.Time, error)
	// AddFailure counts a failure for key at now within window; the limit-th
	// failure locks the key out for lockout(n), n being its earlier
	// consecutive lockouts (forgiven after a quiet day), and restarts the count.
	AddFailure(ctx context.Context, key string, now time.Time, window time.Duration, limit int, lockout func(n int) time.Duration) error
	// ClearFailures forgets key.
	ClearFailures(ctx context.Context, key string) error
}

// DefaultThrottleConfig allows 5 failures per 15 minutes per account and
// 20 per client address, then locks out for 15 minutes, doubling up to 4
// hours for repeat offenders.
func DefaultThrottleConfig() ThrottleConfig {
	return ThrottleConfig{
		AccountLimit: 5, AddrLimit: 20, Window: 15 * time.Minute,
		Lockout: 15 * time.Minute, MaxLockout: 4 * time.Hour, Now: time.Now,
	}
}

// Throttle counts failed logins per account and per client address in its
// store. It is safe for concurrent use.
type Throttle struct {
	cfg ThrottleConfig
	st  ThrottleStore
}

// NewThrottle returns a throttle with cfg; zero fields take the defaults.
func NewThrottle(cfg ThrottleConfig) *Throttle {
	def := DefaultThrottleConfig()
	if cfg.AccountLimit <= 0 {
		cfg.AccountLimit = def.AccountLimit
	}
	if cfg.AddrLimit <= 0 {
		cfg.AddrLimit = def.AddrLimit
	}
	if cfg.Window <= 0 {
		cfg.Window = def.Window
	}
	if cfg.Lockout <= 0 {
		cfg.Lockout = def.Lockout
	}
	if cfg.MaxLockout < cfg.Lockout {
		cfg.MaxLockout = max(def.MaxLockout, cfg.Lockout)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	st := cfg.Store
	if st == nil {
		st = &memThrottle{entries: map[string]*throttleEntry{}}
	}
	return &Throttle{cfg: cfg, st: st}
}

func accountKey(account string) string { return "a:" + strings.ToLower(strings.TrimSpace(account)) }
func addrKey(addr string) string       { return "ip:" + addr }

// Check returns ERATELIMIT, with Details{"retry_after": seconds}, when the
// account or the address is locked out, or the store's error. Call it
// before checking the password, and do not check the password when it
// fails.
func (t *Throttle) Check(ctx context.Context, account, addr string) error {
	now := t.cfg.Now()
	until, err := t.st.LockedUntil(ctx, []string{accountKey(account), addrKey(addr)}, now)
	if err != nil {
		return fmt.Errorf("login throttle: %w", err)
	}
	if !until.After(now) {
		return nil
	}
	secs := int(until.Sub(now).Round(time.Second) / time.Second)
	return &proofdesk.Error{
		Code:    proofdesk.ERATELIMIT,
		Message: "Too many failed sign-in attempts. Try again in " + humanDuration(until.Sub(now)) + ".",
		Details: map[string]any{"retry_after": max(secs, 1)},
	}
}

// Failure records a failed login for the account and the address.
func (t *Throttle) Failure(ctx context.Context, account, addr string) error {
	now := t.cfg.Now()
	if err := t.st.AddFailure(ctx, accountKey(account), now, t.cfg.Window, t.cfg.AccountLimit, t.lockout); err != nil {
		return fmt.Errorf("login throttle: %w", err)
	}
	if err := t.st.AddFailure(ctx, addrKey(addr), now, t.cfg.Window, t.cfg.AddrLimit, t.lockout); err != nil {
		return fmt.Errorf("login throttle: %w", err)
	}
	return nil
}

// lockout is the length of a lockout after n earlier ones: Lockout,
// doubled n times, at most MaxLockout.
func (t *Throttle) lockout(n int) time.Duration {
	d := t.cfg.Lockout
	for i := 0; i < n && d < t.cfg.MaxLockout; i++ {
		d *= 2
	}
	return min(d, t.cfg.MaxLockout)
}

// Success clears the account's failures (not the address's: one right
// password must not reset a spray across many accounts).
func (t *Throttle) Success(ctx context.Context, account, addr string) error {
	if err := t.st.ClearFailures(ctx, accountKey(account)); err != nil {
		return fmt.Errorf("login throttle: %w", err)
	}
	return nil
}

// memThrottle is the in-memory ThrottleStore of a single node.
type memThrottle struct {
	mu      sync.Mutex
	entries map[string]*throttleEntry
	ops     int
}

type throttleEntry struct {
	failures    []time.Time // inside the window, oldest first
	lockedUntil time.Time
	lockouts    int // consecutive lockouts, for the doubling
	lastSeen    time.Time
}

func (m *memThrottle) LockedUntil(_ context.Context, keys []string, now time.Time) (time.Time, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var until time.Time
	for _, k := range keys {
		if e := m.entries[k]; e != nil && e.lockedUntil.After(now) && e.lockedUntil.After(until) {
			until = e.lockedUntil
		}
	}
	return until, nil
}

func (m *memThrottle) AddFailure(_ context.Context, key string, now time.Time, window time.Duration, limit int, lockout func(int) time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	e := m.entries[key]
	if e == nil {
		e = &throttleEntry{}
		m.entries[key] = e
	}
	// Lockouts are forgiven after a quiet day.
	if e.lockouts > 0 && now.Sub(e.lastSeen) > 24*time.Hour {
		e.lockouts = 0
	}
	e.lastSeen = now
	cut := 0
	for cut < len(e.failures) && now.Sub(e.failures[cut]) >= window {
		cut++
	}
	e.failures = append(e.failures[cut:], now)
	if len(e.failures) >= limit {
		e.lockedUntil = now.Add(lockout(e.lockouts))
		e.lockouts++
		e.failures = e.failures[:0]
	}
	m.ops++
	if m.ops%1024 == 0 {
		m.prune(now, window)
	}
	return nil
}

func (m *memThrottle) ClearFailures(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.entries, key)
	return nil
}

// prune drops entries with nothing left to remember.
func (m *memThrottle) prune(now time.Time, window time.Duration) {
	for k, e := range m.entries {
		if !e.lockedUntil.After(now) && now.Sub(e.lastSeen) > max(window, 24*time.Hour) {
			delete(m.entries, k)
		}
	}
}

func humanDuration(d time.Duration) string {
	if d < time.Minute {
		return "less than a minute"
	}
	m := int((d + time.Minute - 1) / time.Minute)
	if m == 1 {
		return "1 minute"
	}
	return strconv.Itoa(m) + " minutes"
}
