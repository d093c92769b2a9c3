package vault

import (
	"crypto/rand"
	"encoding/base64"
	"testing"
	"time"
)

// A cached data key serves only for CacheTTL: past it, using the key
// needs its wrapped form again (which an erasure deleted), and the sweep
// drops it from memory. Forget drops it at once.
func TestCacheTTL(t *testing.T) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		t.Fatal(err)
	}
	kr, err := ParseKeys(base64.StdEncoding.EncodeToString(raw), "test")
	if err != nil {
		t.Fatal(err)
	}
	v := New(kr)
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	v.now = func() time.Time { return now }
	_, wrapped, _, err := v.NewDataKey("dk_a")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := v.NewDataKey("dk_b"); err != nil {
		t.Fatal(err)
	}
	// "gone" stands for a row that no longer exists: only the cache opens it.
	if _, err := v.Unwrap("dk_a", "gone"); err != nil {
		t.Fatalf("within the TTL the cache serves the key: %v", err)
	}
	v.Forget("dk_b")
	if _, err := v.Unwrap("dk_b", "gone"); err == nil {
		t.Fatal("a forgotten key is still served from the cache")
	}
	now = now.Add(CacheTTL)
	if _, err := v.Unwrap("dk_a", "gone"); err == nil {
		t.Fatal("past the TTL the cache still serves the key without its row")
	}
	v.sweep()
	v.mu.RLock()
	n := len(v.cache)
	v.mu.RUnlock()
	if n != 0 {
		t.Fatalf("after the sweep %d keys stay in memory", n)
	}
	// With its row, the key unwraps again and is cached anew.
	if _, err := v.Unwrap("dk_a", wrapped); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Unwrap("dk_a", "gone"); err != nil {
		t.Fatalf("a re-unwrapped key is cached again: %v", err)
	}
}

// A read that took a key's wrapped row before an erasure deleted it, and
// unwraps it after the erasure's Forget (the erasure answered OK in
// between), gets the key for that read but does not put it back in the
// cache: else, for CacheTTL, any read in this process (one whose data
// snapshot predates the erasure, say) opens what the destroyed key
// sealed without its row, after the erasure was reported done.
func TestForgetBeatsAnUnwrapInFlight(t *testing.T) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		t.Fatal(err)
	}
	kr, err := ParseKeys(base64.StdEncoding.EncodeToString(raw), "test")
	if err != nil {
		t.Fatal(err)
	}
	v := New(kr)
	_, wrapped, _, err := v.NewDataKey("dk_a")
	if err != nil {
		t.Fatal(err)
	}
	v.Forget("dk_a") // the key file's row goes, then the erasure forgets
	if _, err := v.Unwrap("dk_a", wrapped); err != nil {
		t.Fatalf("the read in flight, with the row it read: %v", err)
	}
	if v.Cached("dk_a") != nil {
		t.Fatal("a destroyed key unwrapped by a read in flight is cached again")
	}
	if _, err := v.Unwrap("dk_a", "gone"); err == nil {
		t.Fatal("a destroyed key is served from the cache without its row")
	}
}
