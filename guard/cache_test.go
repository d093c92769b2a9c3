package guard

import (
	"fmt"
	"runtime"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

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

// loadCustomer is a customer as cmd/loadapi creates them: a name and an
// email.
func loadCustomer(i int) *proofdesk.Customer {
	return &proofdesk.Customer{ID: fmt.Sprintf("cus_load%d", i), Name: fmt.Sprintf("Load Customer %d", i),
		ContactPoints: []*proofdesk.ContactPoint{{Kind: proofdesk.ContactEmail, Value: fmt.Sprintf("load-1-%d@example.test", i)}}}
}

// TestMatcherHeapBytes: the size the cache counts is within a factor of
// two of what the matchers hold on the heap.
func TestMatcherHeapBytes(t *testing.T) {
	p := testPolicy()
	for _, tt := range []struct {
		name string
		cust func(i int) *proofdesk.Customer
	}{
		{"name and email", loadCustomer},
		{"50 values", func(int) *proofdesk.Customer { return bigCustomer() }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// Three tries: the heap also moves with what other
			// goroutines of the process free meanwhile (CI once measured
			// half the estimate); a wrong estimate fails all three.
			var got, heap float64
			for try := 0; try < 3; try++ {
				const n = 200
				ms := make([]*Matcher, n)
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				for i := range ms {
					ms[i] = NewMatcher(tt.cust(i), p, Options{Public: testPublic})
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
				heap = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / n
				est := 0
				for _, m := range ms {
					est += m.heapBytes()
				}
				got = float64(est) / n
				runtime.KeepAlive(ms)
				t.Logf("per matcher: heapBytes %.0f, heap %.0f", got, heap)
				if got >= heap/2 && got <= heap*2 {
					return
				}
			}
			t.Fatalf("heapBytes %.0f per matcher, heap %.0f: not within a factor of 2", got, heap)
		})
	}
}

// TestCacheBytes: the cache holds matchers up to its byte bound, least
// recently used out first, and a matcher evicted and built again gives
// the same verdicts as the first.
func TestCacheBytes(t *testing.T) {
	p := testPolicy()
	c := NewCache(1000, Options{Public: testPublic})
	one := NewMatcher(loadCustomer(0), p, Options{Public: testPublic}).heapBytes()
	c.maxBytes = 10*one + one/2 // ten load customers
	jane := testCustomer()
	replies := []string{
		"221B Baker Street", "call 415 555 0123", "jane.doe@example.com", "j a n e . d o e at example dot com",
		"Your parcel left today.", "Jane Doe", "4 1 5 five five five 0 1 2 3",
	}
	levels := []proofdesk.Level{proofdesk.L0, proofdesk.L1, proofdesk.L2}
	first := c.Matcher(jane, p)
	var want []Verdict
	for _, r := range replies {
		for _, l := range levels {
			want = append(want, first.Check(r, l, nil), first.Check(r, l, []string{proofdesk.ClassAddress}))
		}
	}
	if !want[0].Blocked {
		t.Fatalf("the address passes at L0: %+v", want[0])
	}
	for i := range 40 {
		c.Matcher(loadCustomer(i), p)
		if c.Bytes() > c.maxBytes {
			t.Fatalf("after %d customers: %d bytes held, bound %d", i+1, c.Bytes(), c.maxBytes)
		}
	}
	if got := c.Len(); got != 10 {
		t.Fatalf("Len=%d, want 10", got)
	}
	// jane was the least recently used: gone, and built again.
	again := c.Matcher(jane, p)
	if again == first {
		t.Fatal("jane's matcher was not evicted")
	}
	var got []Verdict
	for _, r := range replies {
		for _, l := range levels {
			got = append(got, again.Check(r, l, nil), again.Check(r, l, []string{proofdesk.ClassAddress}))
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("rebuilt matcher's verdicts differ (-first +rebuilt):\n%s", diff)
	}
	// The most recent stays even when alone it is over the bound.
	c.maxBytes = 1
	c.Matcher(bigCustomer(), p)
	if c.Len() != 1 || c.Bytes() == 0 {
		t.Fatalf("Len=%d Bytes=%d, want the one most recent matcher", c.Len(), c.Bytes())
	}
	c.Forget(bigCustomer().ID)
	if c.Len() != 0 || c.Bytes() != 0 {
		t.Fatalf("after Forget: Len=%d Bytes=%d, want 0 0", c.Len(), c.Bytes())
	}
}
