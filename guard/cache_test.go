package guard

import (
	"sync"
	"testing"

	"github.com/proofdesk/proofdesk"
)

func TestCache(t *testing.T) {
	c := NewCache(2, Options{Public: testPublic})
	p := testPolicy()
	jane := testCustomer()
	m1 := c.Matcher(jane, p)
	if m2 := c.Matcher(testCustomer(), p); m2 != m1 {
		t.Fatal("same customer and version: matcher rebuilt")
	}
	if !m1.Check("221B Baker Street", proofdesk.L0, nil).Blocked {
		t.Fatal("cached matcher does not block the address")
	}

	// An edited customer gets a new matcher, even without a new UpdatedAt.
	moved := testCustomer()
	moved.Addresses = []proofdesk.Address{{Line1: "7 Elm Road", City: "Leeds", PostalCode: "LS1 4AP", Country: "GB"}}
	m3 := c.Matcher(moved, p)
	if m3 == m1 {
		t.Fatal("edited customer: stale matcher returned")
	}
	if m3.Check("221B Baker Street", proofdesk.L0, nil).Blocked || !m3.Check("7 Elm Road", proofdesk.L0, nil).Blocked {
		t.Fatal("new matcher does not reflect the new address")
	}

	// A policy change rebuilds too.
	p2 := testPolicy()
	p2.Classes[proofdesk.ClassAddress] = proofdesk.L2
	if v := c.Matcher(moved, p2).Check("7 Elm Road", proofdesk.L1, nil); !v.Blocked || v.RequiredLevel != proofdesk.L2 {
		t.Fatalf("policy change not seen: %+v", v)
	}

	// Size bound, least recently used out.
	c.Matcher(&proofdesk.Customer{ID: "b"}, p)
	c.Matcher(&proofdesk.Customer{ID: "c"}, p)
	if got := c.Len(); got != 2 {
		t.Fatalf("Len=%d, want 2", got)
	}
	c.Forget("c")
	if got := c.Len(); got != 1 {
		t.Fatalf("Len after Forget=%d, want 1", got)
	}
}

func TestCacheConcurrent(t *testing.T) {
	c := NewCache(8, Options{})
	p := testPolicy()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cu := testCustomer()
			cu.ID = string(rune('a' + i%3))
			for range 50 {
				if !c.Matcher(cu, p).Check("call 415 555 0123", proofdesk.L0, nil).Blocked {
					t.Error("phone not blocked")
					return
				}
			}
		}()
	}
	wg.Wait()
	if c.Len() != 3 {
		t.Fatalf("Len=%d, want 3", c.Len())
	}
}
