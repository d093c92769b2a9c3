package sqldb

import (
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/vault"
)

// customerMemo keeps the customers a write transaction has read and
// decrypted, by ID, so that one create or reply reads each customer once
// (the conversation's insert, the guard on the subject and the first
// message, the requester's inspection and the risk score each asked for
// it: a customer read and decrypted three or four times on the SQLite
// writer, 22 % of a create's CPU). It lives as long as its transaction
// and is emptied by every statement of the transaction that may change
// what a read of a customer returns (forgetCustomers); readers outside a
// transaction have none.
type customerMemo struct {
	byID map[string]*proofdesk.Customer
	// reads keeps the conversation and the guard's decision facts this
	// transaction read since its last write statement (memoRead), by a
	// key naming the read and its arguments: a create's guard runs twice
	// (the subject, then the first message) with no write between, and
	// read the conversation, the policy, the risk counts, the support
	// lock, the offered classes, the agent's recent replies and audit
	// times twice. Every write statement empties it, whatever table it
	// names: what it keeps is read from several tables, and a write that
	// leaves them alone is rare between two reads of the guard.
	reads map[string]any
}

// customerTables are the tables findCustomers reads a customer from: a
// write statement naming one of them (or the data keys' table) empties
// the memo. The test is on the statement's text, so that no write path
// can forget to invalidate; it errs on the side of reading again.
var customerTables = []string{"customers", "contact_points", "orders"}

// forgetCustomers empties h's memo when the statement q may change a
// customer as findCustomers reads it.
func (h *Handle) forgetCustomers(q string) {
	if h.memo == nil || (len(h.memo.byID) == 0 && len(h.memo.reads) == 0) {
		return
	}
	if !isWrite(q) {
		return
	}
	clear(h.memo.reads)
	for _, t := range customerTables {
		if strings.Contains(q, t) {
			clear(h.memo.byID)
			return
		}
	}
	if h.db != nil && h.db.keys.table != "" && strings.Contains(q, h.db.keys.table) && !isKeyInsert(q) {
		clear(h.memo.byID)
	}
}

// isKeyInsert reports whether q only adds a data key (a new conversation's
// or customer's, under a new ID): that changes no customer already read.
// Deleting a key (erasure) or rewrapping one does, and empties the memo.
func isKeyInsert(q string) bool {
	q = strings.TrimLeft(q, " \t\r\n")
	return len(q) > 12 && strings.EqualFold(q[:12], "INSERT INTO ") && !strings.Contains(strings.ToUpper(q), "DO UPDATE")
}

// isWrite reports whether q changes rows: anything but a SELECT (a WITH
// may hold an INSERT, UPDATE or DELETE, and is counted as a write).
func isWrite(q string) bool {
	q = strings.TrimLeft(q, " \t\r\n(")
	return len(q) < 6 || !strings.EqualFold(q[:6], "SELECT")
}

// memoCustomer returns a copy of the memo's customer id, or nil.
func (h *Handle) memoCustomer(id string) *proofdesk.Customer {
	if h.memo == nil {
		return nil
	}
	if c, ok := h.memo.byID[id]; ok {
		return cloneCustomer(c)
	}
	return nil
}

// rememberCustomer keeps a copy of c in h's memo, when h has one.
func (h *Handle) rememberCustomer(c *proofdesk.Customer) {
	if h.memo == nil {
		return
	}
	if h.memo.byID == nil {
		h.memo.byID = map[string]*proofdesk.Customer{}
	}
	h.memo.byID[c.ID] = cloneCustomer(c)
}

// cloneCustomer returns a deep copy of c: the callers of findCustomerByID
// may change what they get, and the memo's copy must not change with it.
func cloneCustomer(c *proofdesk.Customer) *proofdesk.Customer {
	out := *c
	if c.ContactPoints != nil {
		out.ContactPoints = make([]*proofdesk.ContactPoint, len(c.ContactPoints))
		for i, cp := range c.ContactPoints {
			v := *cp
			out.ContactPoints[i] = &v
		}
	}
	if c.Addresses != nil {
		out.Addresses = append([]proofdesk.Address(nil), c.Addresses...)
	}
	if c.Payment != nil {
		p := *c.Payment
		out.Payment = &p
	}
	if c.Attributes != nil {
		out.Attributes = maps.Clone(c.Attributes)
	}
	if c.Orders != nil {
		out.Orders = make([]*proofdesk.Order, len(c.Orders))
		for i, o := range c.Orders {
			v := *o
			v.Items = append([]proofdesk.OrderItem(nil), o.Items...)
			if o.Items == nil {
				v.Items = nil
			}
			if o.PlacedAt != nil {
				t := *o.PlacedAt
				v.PlacedAt = &t
			}
			if o.ShippingAddress != nil {
				a := *o.ShippingAddress
				v.ShippingAddress = &a
			}
			out.Orders[i] = &v
		}
	}
	if c.ErasedAt != nil {
		t := *c.ErasedAt
		out.ErasedAt = &t
	}
	return &out
}

// memoRead returns what read returns, read once per write transaction
// until its next write statement (customerMemo.reads): a later call with
// the same key gets a copy (clone) of the first answer. key must name the
// read and every argument it depends on; h.now is fixed for the
// transaction. Errors are not kept. Readers outside a transaction read
// every time.
func memoRead[T any](h *Handle, key string, clone func(T) T, read func() (T, error)) (T, error) {
	if h.memo == nil {
		return read()
	}
	if v, ok := h.memo.reads[key]; ok {
		return clone(v.(T)), nil
	}
	v, err := read()
	if err != nil {
		return v, err
	}
	if h.memo.reads == nil {
		h.memo.reads = map[string]any{}
	}
	h.memo.reads[key] = clone(v)
	return v, nil
}

// memoKey joins a read's name and arguments into a memoRead key.
func memoKey(parts ...string) string { return strings.Join(parts, "\x00") }

func same[T any](v T) T { return v }

func cloneStrings(s []string) []string { return slices.Clone(s) }

func cloneTimes(s []time.Time) []time.Time { return slices.Clone(s) }

func clonePolicy(p *proofdesk.Policy) *proofdesk.Policy {
	if p == nil {
		return nil
	}
	return &proofdesk.Policy{Classes: maps.Clone(p.Classes), Actions: maps.Clone(p.Actions), Attributes: maps.Clone(p.Attributes)}
}

func cloneRisk(r proofdesk.Risk) proofdesk.Risk {
	r.Signals = slices.Clone(r.Signals)
	return r
}

// convRead is a conversation as findConversationByID reads it, with its
// data key (shared: a data key is not changed once opened).
type convRead struct {
	c  *proofdesk.Conversation
	dk *vault.DataKey
}

func cloneConvRead(r convRead) convRead {
	c := *r.c
	c.Tags = slices.Clone(r.c.Tags)
	c.RiskFlags = slices.Clone(r.c.RiskFlags)
	if r.c.SnoozedUntil != nil {
		t := *r.c.SnoozedUntil
		c.SnoozedUntil = &t
	}
	if r.c.LevelExpiresAt != nil {
		t := *r.c.LevelExpiresAt
		c.LevelExpiresAt = &t
	}
	return convRead{&c, r.dk}
}
