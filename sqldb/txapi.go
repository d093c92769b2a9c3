package sqldb

import (
	"context"
	"fmt"
	"time"

	"github.com/proofdesk/proofdesk"
)

// This file is the store's transaction-level API for the application
// (package desk): reads and writes inside one transaction, with no
// decisions. The application asks proofdesk.Decide and calls these.

// Now is the transaction's clock reading.
func (h *Handle) Now() time.Time { return h.now }

// FindConversation returns ENOTFOUND if no conversation has that ID.
func (h *Handle) FindConversation(ctx context.Context, id string) (*proofdesk.Conversation, error) {
	c, _, err := h.findConversationByID(ctx, id)
	return c, err
}

// FindCustomer returns ENOTFOUND if no customer has that ID.
func (h *Handle) FindCustomer(ctx context.Context, id string) (*proofdesk.Customer, error) {
	return h.findCustomerByID(ctx, id)
}

// DecisionFacts returns the facts proofdesk.Decide needs for action by
// the context's agent on conv and its customer cust (nil when unlinked):
// the live policy, the conversation's risk, level, holder and lock.
func (h *Handle) DecisionFacts(ctx context.Context, action string, conv *proofdesk.Conversation, cust *proofdesk.Customer) (proofdesk.DecisionInput, error) {
	return h.convFacts(ctx, action, conv, cust)
}

// SetSupportLocked sets or lifts the support lock of a customer. It
// decides nothing and audits nothing: the caller does both.
func (tx *Tx) SetSupportLocked(ctx context.Context, customerID string, locked bool) error {
	r, err := tx.exec(ctx, `UPDATE customers SET support_locked = ?, updated_at = ? WHERE id = ?`, boolInt(locked), fmtTime(tx.now), customerID)
	if err != nil {
		return fmt.Errorf("set support lock: %w", wrapErr(err))
	}
	if n, _ := r.RowsAffected(); n != 1 {
		return notFound("Customer")
	}
	return nil
}

// Audit appends ev to the audit chain in this transaction.
func (tx *Tx) Audit(ctx context.Context, ev proofdesk.AuditEvent) error { return tx.audit(ctx, ev) }

// NotifyOwner queues a notice to every on-file email of cust about conv.
func (tx *Tx) NotifyOwner(ctx context.Context, cust *proofdesk.Customer, conv *proofdesk.Conversation, what string) error {
	return tx.notifyOwner(ctx, cust, conv, what)
}

// AuditRefusal records a refusal of a gate action in its own transaction,
// under the audit action of what was refused (see
// proofdesk.AuditRefusedAction), with the rule that decided.
func (db *DB) AuditRefusal(ctx context.Context, action, subjectKind, subjectID string, refused error, detail map[string]string) error {
	return db.auditRefusal(ctx, action, subjectKind, subjectID, refused, detail)
}

// AddContactPoints stores cps as new contact points of c, after the ones
// it has, sealed under c's data key. It decides nothing.
func (tx *Tx) AddContactPoints(ctx context.Context, c *proofdesk.Customer, cps []*proofdesk.ContactPoint) error {
	dk, err := tx.customerKey(ctx, c.ID)
	if err != nil {
		return err
	}
	if err := tx.insertContactPointsAt(ctx, &proofdesk.Customer{ID: c.ID, ContactPoints: cps}, dk, len(c.ContactPoints)); err != nil {
		return err
	}
	// Every change of a customer sets updated_at: other nodes re-index
	// what changed since (desk.RefreshIndex).
	if _, err := tx.exec(ctx, `UPDATE customers SET updated_at = ? WHERE id = ?`, fmtTime(tx.now), c.ID); err != nil {
		return fmt.Errorf("add contact points: %w", wrapErr(err))
	}
	tx.db.guards.Forget(c.ID)
	tx.touchCustomer(c.ID)
	return nil
}

// SetAddresses replaces c's addresses (sealed). It decides nothing.
func (tx *Tx) SetAddresses(ctx context.Context, c *proofdesk.Customer, addrs []proofdesk.Address) error {
	c.Addresses, c.UpdatedAt = addrs, tx.now
	dk, err := tx.customerKey(ctx, c.ID)
	if err != nil {
		return err
	}
	enc, err := sealCustomer(dk, c)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE customers SET addresses_enc = ?, updated_at = ? WHERE id = ?`, enc.addresses, fmtTime(tx.now), c.ID); err != nil {
		return fmt.Errorf("set addresses: %w", wrapErr(err))
	}
	tx.db.guards.Forget(c.ID)
	tx.touchCustomer(c.ID)
	return nil
}

// NotifyAccountChange tells the contact points c had before a change
// (old) which of its fields changed ("contact_points", "addresses", ...).
func (tx *Tx) NotifyAccountChange(ctx context.Context, c *proofdesk.Customer, old []*proofdesk.ContactPoint, changed []string) error {
	return tx.notifyAccountChange(ctx, c, old, changed)
}

// SetFlag adds a risk flag to conv (kept once).
func (tx *Tx) SetFlag(ctx context.Context, conv *proofdesk.Conversation, flag string) error {
	return tx.setFlag(ctx, conv, flag)
}

// CountAudit counts the audit entries of actorID with action since t.
func (h *Handle) CountAudit(ctx context.Context, actorID, action string, since time.Time) (int, error) {
	if err := h.lockActor(ctx, actorID); err != nil {
		return 0, fmt.Errorf("count audit: %w", err)
	}
	var n int
	if err := h.queryRow(ctx, `SELECT COUNT(*) FROM audit_events WHERE actor_id = ? AND action = ? AND at > ?`,
		actorID, action, fmtTime(since)).Scan(&n); err != nil {
		return 0, fmt.Errorf("count audit: %w", err)
	}
	return n, nil
}

// AlertSupervisors audits an alert of kind on a conversation and emails
// text to every supervisor and admin.
func (tx *Tx) AlertSupervisors(ctx context.Context, kind, conversationID, text string) error {
	return tx.alertSupervisors(ctx, kind, conversationID, text)
}

// Read returns a handle on the read pool, for use cases that only read.
func (db *DB) Read() *Handle { return db.reader() }

// Enqueue writes m to the outbox in this transaction, so the message
// commits with the change that causes it, or not at all.
func (tx *Tx) Enqueue(ctx context.Context, m *proofdesk.OutboxMessage) error {
	return tx.enqueue(ctx, m, nil)
}

// FindAgent returns ENOTFOUND if no agent has that ID.
func (h *Handle) FindAgent(ctx context.Context, id string) (*proofdesk.Agent, error) {
	return h.findAgent(ctx, "id", id)
}

// FindCustomerByExternalID returns the customer with that external_id
// (looked up by its blind index), or ENOTFOUND.
func (h *Handle) FindCustomerByExternalID(ctx context.Context, externalID string) (*proofdesk.Customer, error) {
	cs, _, err := h.findCustomers(ctx, proofdesk.CustomerFilter{ExternalID: &externalID})
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, notFound("Customer")
	}
	return cs[0], nil
}
