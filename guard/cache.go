package guard

import (
	"container/list"
	"strconv"
	"sync"

	"github.com/proofdesk/proofdesk"
)

// Cache keeps the matchers of recently seen customers, so a matcher is
// built once per customer and version. An entry is keyed by customer ID
// and reused only while a fingerprint of the customer's protected data and
// of the policy is unchanged, so an edited customer or policy is never
// checked against stale values (even if UpdatedAt was not bumped). It is
// safe for concurrent use and holds at most size matchers (least recently
// used out first).
type Cache struct {
	opt  Options
	size int

	mu    sync.Mutex
	ll    *list.List // of *cacheEntry, front = most recent
	items map[string]*list.Element
}

type cacheEntry struct {
	id string
	fp uint64
	m  *Matcher
}

// NewCache returns a cache of at most size matchers (at least 1), built
// with opt.
func NewCache(size int, opt Options) *Cache {
	return &Cache{opt: opt, size: max(size, 1), ll: list.New(), items: map[string]*list.Element{}}
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

	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[cust.ID]; ok {
		el.Value = &cacheEntry{id: cust.ID, fp: fp, m: m}
		c.ll.MoveToFront(el)
		return m
	}
	c.items[cust.ID] = c.ll.PushFront(&cacheEntry{id: cust.ID, fp: fp, m: m})
	for c.ll.Len() > c.size {
		last := c.ll.Back()
		c.ll.Remove(last)
		delete(c.items, last.Value.(*cacheEntry).id)
	}
	return m
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
		c.ll.Remove(el)
		delete(c.items, customerID)
	}
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
