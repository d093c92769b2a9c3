package sqldb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/proofdesk/proofdesk"
)

// Notifier writes the messages that tell account owners what happened:
// the owner notice, the account-change notice and the transcript with its
// signed "this wasn't me" link. Package desk provides it (desk.Notices,
// installed by desk.NewNotices); the store only enqueues what it returns,
// in the transaction of the change, so a notice commits with its cause or
// not at all. Every message goes to a contact point on file, never to an
// address taken from the conversation.
//
// Each method gets the branding stored by an admin (brand), or nil when
// none is: the notifier then uses its own default company name.
type Notifier interface {
	// OwnerNotice returns one email per on-file email of cust about conv;
	// what says what happened (package desk passes a note it renders in
	// the owner's language).
	OwnerNotice(brand *proofdesk.Branding, cust *proofdesk.Customer, conv *proofdesk.Conversation, what string) []*proofdesk.OutboxMessage
	// AccountChange returns the notices to the contact points c had before
	// a change (old) naming the fields that changed ("contact_points",
	// "addresses", ...; unknown names are skipped), never the new values.
	AccountChange(brand *proofdesk.Branding, c *proofdesk.Customer, old []*proofdesk.ContactPoint, changed []string, at time.Time) []*proofdesk.OutboxMessage
	// Transcript returns the transcript of an ended conversation for each
	// owner: msgs are its non-internal messages, oldest first;
	// codesIssued says whether a verification request was ever issued on
	// it (the view then hides codes); revealed gives, by customer ID, the
	// fields agents revealed in it (audited customer.reveal entries),
	// which the transcript lists.
	Transcript(brand *proofdesk.Branding, conv *proofdesk.Conversation, owners []*proofdesk.Customer, msgs []*proofdesk.Message, codesIssued bool,
		revealed map[string][]string, at time.Time) []*proofdesk.OutboxMessage
}

// StoredBranding returns the branding an admin saved, or nil when none
// was (BrandingService.FindBranding adds the defaults).
func (h *Handle) StoredBranding(ctx context.Context) (*proofdesk.Branding, error) {
	v, err := h.setting(ctx, "branding")
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("branding: %w", err)
	}
	var b proofdesk.Branding
	if err := json.Unmarshal([]byte(v), &b); err != nil {
		return nil, fmt.Errorf("branding: %w", err)
	}
	return &b, nil
}

// revealedFields returns, by customer ID, the fields revealed in a
// conversation, in the order of the audit log, each once. On PostgreSQL
// it reads the pending entries too (audit_seq.go): a reveal the sequencer
// has not chained yet is still told.
func (h *Handle) revealedFields(ctx context.Context, conversationID string) (map[string][]string, error) {
	q := `SELECT detail FROM audit_log WHERE action = ? AND subject_kind = 'conversation' AND subject_id = ? ORDER BY seq`
	args := []any{proofdesk.AuditReveal, conversationID}
	if h.db.dialect == Postgres {
		q = `SELECT detail FROM (
			SELECT seq AS o, detail FROM audit_log WHERE action = ? AND subject_kind = 'conversation' AND subject_id = ?
			UNION ALL
			SELECT 4611686018427387904 + id, detail FROM audit_pending WHERE action = ? AND subject_kind = 'conversation' AND subject_id = ?
		) e ORDER BY o`
		args = append(args, args...)
	}
	rows, err := h.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var raw string
		if err := rows.Scan(&raw); err != nil {
			return nil, err
		}
		var d map[string]string
		if json.Unmarshal([]byte(raw), &d) != nil || d["field"] == "" || slices.Contains(out[d["customer_id"]], d["field"]) {
			continue
		}
		out[d["customer_id"]] = append(out[d["customer_id"]], d["field"])
	}
	return out, rows.Err()
}

// SetNotifier sets the writer of owner notices. Until it is set, a change
// that must tell the owner fails (and rolls back): a change is never made
// silently.
func (db *DB) SetNotifier(n Notifier) { db.notifier = n }

var errNoNotifier = errors.New("sqldb: no owner notifier is set (desk.NewNotices installs it)")

func (tx *Tx) enqueueAll(ctx context.Context, ms []*proofdesk.OutboxMessage) error {
	for _, m := range ms {
		if err := tx.enqueue(ctx, m, nil); err != nil {
			return err
		}
	}
	return nil
}

// notifyOwner queues the owner notice of cust about conv.
func (tx *Tx) notifyOwner(ctx context.Context, cust *proofdesk.Customer, conv *proofdesk.Conversation, what string) error {
	if tx.db.notifier == nil {
		return errNoNotifier
	}
	brand, err := tx.StoredBranding(ctx)
	if err != nil {
		return err
	}
	return tx.enqueueAll(ctx, tx.db.notifier.OwnerNotice(brand, cust, conv, what))
}

// notifyAccountChange queues the account-change notices of c.
func (tx *Tx) notifyAccountChange(ctx context.Context, c *proofdesk.Customer, old []*proofdesk.ContactPoint, changed []string) error {
	if tx.db.notifier == nil {
		return errNoNotifier
	}
	brand, err := tx.StoredBranding(ctx)
	if err != nil {
		return err
	}
	return tx.enqueueAll(ctx, tx.db.notifier.AccountChange(brand, c, old, changed, tx.now))
}

// owners returns the customers a conversation is about: the linked one and
// every customer whose contact point matches the requester's claim.
func (tx *Tx) owners(ctx context.Context, conv *proofdesk.Conversation) ([]*proofdesk.Customer, error) {
	var out []*proofdesk.Customer
	seen := map[string]bool{}
	if conv.CustomerID != "" {
		c, err := tx.findCustomerByID(ctx, conv.CustomerID)
		if err != nil {
			return nil, err
		}
		out, seen[c.ID] = append(out, c), true
	}
	claimed, err := tx.claimedCustomers(ctx, conv.Requester)
	if err != nil {
		return nil, err
	}
	for _, c := range claimed {
		if !seen[c.ID] {
			out, seen[c.ID] = append(out, c), true
		}
	}
	return out, nil
}

// sendTranscripts queues the transcripts of an ended conversation to its
// owners (see Notifier.Transcript).
func (tx *Tx) sendTranscripts(ctx context.Context, conv *proofdesk.Conversation) error {
	owners, err := tx.owners(ctx, conv)
	if err != nil || len(owners) == 0 {
		return err
	}
	if tx.db.notifier == nil {
		return errNoNotifier
	}
	_, dk, err := tx.findConversationByID(ctx, conv.ID)
	if err != nil {
		return err
	}
	challenges, err := tx.CountChallenges(ctx, conv.ID)
	if err != nil {
		return err
	}
	rows, err := tx.query(ctx, `SELECT `+messageColumns+` FROM messages WHERE conversation_id = ? AND internal = 0 ORDER BY seq`, conv.ID)
	if err != nil {
		return err
	}
	var msgs []*proofdesk.Message
	for rows.Next() {
		m, err := scanMessage(rows, dk)
		if err != nil {
			rows.Close()
			return err
		}
		if m.RemovedAt != nil {
			m.Body = proofdesk.RetentionRemovedText(*m.RemovedAt) // a later transcript says what retention removed
		}
		msgs = append(msgs, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	revealed, err := tx.revealedFields(ctx, conv.ID)
	if err != nil {
		return err
	}
	brand, err := tx.StoredBranding(ctx)
	if err != nil {
		return err
	}
	return tx.enqueueAll(ctx, tx.db.notifier.Transcript(brand, conv, owners, msgs, challenges > 0, revealed, tx.now))
}
