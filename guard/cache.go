package guard

import (
	"container/list"
	"strconv"
	"sync"
	"unsafe"

	"github.com/proofdesk/proofdesk"
)

// Cache keeps the matchers of recently seen customers, so a matcher is
// built once per customer and version. An entry is keyed by customer ID
// and reused only while a fingerprint of the customer's protected data and
// of the policy is unchanged, so an edited customer or policy is never
// checked against stale values (even if UpdatedAt was not bumped). It is
// safe for concurrent use and holds at most size matchers and about
// CacheBytes of them (least recently used out first; the most recent one
// stays whatever its size). A matcher evicted and built again is built
// from the same values, so it gives the same verdicts.
type Cache struct {
	opt      Options
	size     int
	maxBytes int

	mu    sync.Mutex
	ll    *list.List // of *cacheEntry, front = most recent
	items map[string]*list.Element
	bytes int // sum of the entries' sizes
}

type cacheEntry struct {
	id    string
	fp    uint64
	m     *Matcher
	bytes int
}

// CacheBytes bounds the memory a Cache's matchers hold, as their sizes
// add up (Matcher.heapBytes): 4 MiB, some 330 customers with a name and
// an email each. A miss costs a build (BENCHMARKS.md: BuildMatcher).
const CacheBytes = 4 << 20

// NewCache returns a cache of at most size matchers (at least 1) and
// about CacheBytes, built with opt.
func NewCache(size int, opt Options) *Cache {
	return &Cache{opt: opt, size: max(size, 1), maxBytes: CacheBytes, ll: list.New(), items: map[string]*list.Element{}}
}

// Matcher returns the matcher of cust under p, building it if the cache
// has none for this version of the customer and policy.
func (c *Cache) Matcher(cust *proofdesk.Customer, p *proofdesk.Policy) *Matcher {
	fp := fingerprint(cust, p)
	c.mu.Lock()
	if el, ok := c.items[cust.ID]; ok {
		e := el.Value.(*cacheEntry)
		if e.fp == fp {
			c.ll.MoveToFront(el)
			c.mu.Unlock()
			return e.m
		}
	}
	c.mu.Unlock()

	// Build outside the lock; two concurrent builds of one customer are
	// harmless (the last one stays).
	m := NewMatcher(cust, p, c.opt)

	e := &cacheEntry{id: cust.ID, fp: fp, m: m, bytes: m.heapBytes()}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[cust.ID]; ok {
		c.bytes -= el.Value.(*cacheEntry).bytes
		el.Value = e
		c.ll.MoveToFront(el)
	} else {
		c.items[cust.ID] = c.ll.PushFront(e)
	}
	c.bytes += e.bytes
	for c.ll.Len() > 1 && (c.ll.Len() > c.size || c.bytes > c.maxBytes) {
		c.remove(c.ll.Back())
	}
	return m
}

// remove drops el; c.mu is held.
func (c *Cache) remove(el *list.Element) {
	e := el.Value.(*cacheEntry)
	c.ll.Remove(el)
	delete(c.items, e.id)
	c.bytes -= e.bytes
}

// Bytes returns the size of the matchers held, as heapBytes adds it up.
func (c *Cache) Bytes() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes
}

// Len returns the number of matchers held.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ll.Len()
}

// Forget drops the matcher of the customer with that ID, if any.
func (c *Cache) Forget(customerID string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[customerID]; ok {
		c.remove(el)
	}
}

// heapBytes estimates the memory m holds: its automaton's tables, its
// patterns and strings (slice capacities, not the allocator's rounding;
// TestMatcherHeapBytes compares it with the heap).
func (m *Matcher) heapBytes() int {
	n := int(unsafe.Sizeof(*m))
	if a := m.ac; a != nil {
		n += int(unsafe.Sizeof(*a)) +
			cap(a.nodes)*int(unsafe.Sizeof(acNode{})) +
			cap(a.edges)*int(unsafe.Sizeof(acEdge{})) +
			cap(a.outs)*4 + cap(a.lens)*4 +
			cap(a.wide)*int(unsafe.Sizeof([alphabet]int32{})) +
			cap(a.dense16)*2 + cap(a.dense32)*4 + cap(a.hasOut)*8 + cap(a.rows)*2
	}
	n += cap(m.pats) * int(unsafe.Sizeof(pattern{}))
	strs := func(ss []string) {
		n += cap(ss) * int(unsafe.Sizeof(""))
		for _, s := range ss {
			n += len(s)
		}
	}
	strs(m.phones)
	strs(m.phoneDigits)
	strs(m.splitForms)
	strs(m.houseNums)
	n += cap(m.emailParts) * int(unsafe.Sizeof([2]string{}))
	for _, p := range m.emailParts {
		n += len(p[0]) + len(p[1])
	}
	for _, s := range m.dob {
		n += len(s)
	}
	n += cap(m.dobMonths) * int(unsafe.Sizeof("")) // the names are canon's keys
	n += len(m.levels) * 64                        // a small map's bucket share per entry
	return n
}

// fingerprint hashes everything a matcher is built from (FNV-1a, 64 bit).
func fingerprint(c *proofdesk.Customer, p *proofdesk.Policy) uint64 {
	h := uint64(14695981039346656037)
	w := func(s string) {
		for i := 0; i < len(s); i++ {
			h ^= uint64(s[i])
			h *= 1099511628211
		}
		h ^= 0xff // field separator: not a byte of valid UTF-8
		h *= 1099511628211
	}
	wl := func(l proofdesk.Level) {
		h ^= uint64(l) + 1
		h *= 1099511628211
	}
	u := uint64(c.UpdatedAt.UnixNano())
	for range 8 {
		h ^= u & 0xff
		h *= 1099511628211
		u >>= 8
	}
	w(c.Name)
	for _, cp := range c.ContactPoints {
		w(cp.Kind)
		w(cp.Value)
	}
	for _, a := range c.Addresses {
		w(a.Line1)
		w(a.Line2)
		w(a.City)
		w(a.Region)
		w(a.PostalCode)
		w(a.Country)
	}
	w(c.DateOfBirth)
	if c.Payment != nil {
		w(c.Payment.Brand)
		w(c.Payment.Last4)
	}
	// map order is random: combine the entries with a commutative sum
	var attrs uint64
	for k, v := range c.Attributes {
		e := uint64(14695981039346656037)
		for _, s := range [2]string{k, v} {
			for i := 0; i < len(s); i++ {
				e ^= uint64(s[i])
				e *= 1099511628211
			}
			e ^= 0xff
			e *= 1099511628211
		}
		attrs += e
	}
	w(strconv.FormatUint(attrs, 36))
	if p == nil {
		w("default")
		return h
	}
	for _, mp := range []map[string]proofdesk.Level{p.Classes, p.Attributes} {
		var sum uint64
		for k, l := range mp {
			e := uint64(14695981039346656037)
			for i := 0; i < len(k); i++ {
				e ^= uint64(k[i])
				e *= 1099511628211
			}
			e ^= uint64(l) + 0x100
			e *= 1099511628211
			sum += e
		}
		wl(proofdesk.Level(len(mp)))
		w(strconv.FormatUint(sum, 36))
	}
	return h
}
