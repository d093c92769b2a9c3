package auth

import (
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

// Throttle counts failed logins per account and per client address in
// memory. It is safe for concurrent use.
type Throttle struct {
	cfg ThrottleConfig

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
	return &Throttle{cfg: cfg, entries: map[string]*throttleEntry{}}
}

func accountKey(account string) string { return "a:" + strings.ToLower(strings.TrimSpace(account)) }
func addrKey(addr string) string       { return "ip:" + addr }

// Check returns ERATELIMIT, with Details{"retry_after": seconds}, when the
// account or the address is locked out. Call it before checking the
// password, and do not check the password when it fails.
func (t *Throttle) Check(account, addr string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.cfg.Now()
	until := now
	for _, k := range []string{accountKey(account), addrKey(addr)} {
		if e := t.entries[k]; e != nil && e.lockedUntil.After(until) {
			until = e.lockedUntil
		}
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
func (t *Throttle) Failure(account, addr string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.cfg.Now()
	t.fail(accountKey(account), t.cfg.AccountLimit, now)
	t.fail(addrKey(addr), t.cfg.AddrLimit, now)
	t.ops++
	if t.ops%1024 == 0 {
		t.prune(now)
	}
}

func (t *Throttle) fail(key string, limit int, now time.Time) {
	e := t.entries[key]
	if e == nil {
		e = &throttleEntry{}
		t.entries[key] = e
	}
	// Lockouts are forgiven after a quiet day.
	if e.lockouts > 0 && now.Sub(e.lastSeen) > 24*time.Hour {
		e.lockouts = 0
	}
	e.lastSeen = now
	cut := 0
	for cut < len(e.failures) && now.Sub(e.failures[cut]) >= t.cfg.Window {
		cut++
	}
	e.failures = append(e.failures[cut:], now)
	if len(e.failures) >= limit {
		d := t.cfg.Lockout
		for i := 0; i < e.lockouts && d < t.cfg.MaxLockout; i++ {
			d *= 2
		}
		e.lockedUntil = now.Add(min(d, t.cfg.MaxLockout))
		e.lockouts++
		e.failures = e.failures[:0]
	}
}

// Success clears the account's failures (not the address's: one right
// password must not reset a spray across many accounts).
func (t *Throttle) Success(account, addr string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.entries, accountKey(account))
}

// prune drops entries with nothing left to remember.
func (t *Throttle) prune(now time.Time) {
	for k, e := range t.entries {
		if !e.lockedUntil.After(now) && now.Sub(e.lastSeen) > max(t.cfg.Window, 24*time.Hour) {
			delete(t.entries, k)
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
