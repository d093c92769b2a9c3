package desk

import (
	"context"
	"fmt"
	"strings"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// MergeCustomers merges customer sourceID, a duplicate (say, the same
// person known by another channel), into targetID: a supervisor's action
// (proofdesk.Decide, DoMerge), refused under a support lock of either,
// with a reason, audited on both. First the owner is told at every
// contact point on file of both records (emails by email, phones by SMS).
// Then the source's emails and phones not on the target join it as new
// contact points (they count for verification only after the cooling-off
// period, like any new one), its addresses join the target's, and each of
// its conversations is relinked to the target at L0: a merge never raises
// any level. The source keeps its name and loses its contact points, so
// no lookup finds two records. A legal hold on either customer (or one of
// their conversations) refuses it, and so does one cleared within
// proofdesk.TwoPersonWindow. Errors: EUNAUTHORIZED, EINVALID
// (reason, the same customer), EFORBIDDEN, ELOCKED, ECONFLICT (legal
// hold, an erased customer), ENOTFOUND.
func (d *Desk) MergeCustomers(ctx context.Context, sourceID, targetID, reason string) (*proofdesk.Customer, error) {
	a := proofdesk.AgentFromContext(ctx)
	if a == nil {
		return nil, proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Sign in first.")
	}
	reason = strings.TrimSpace(reason)
	if len(reason) < 3 || len(reason) > 500 {
		return nil, proofdesk.FieldError("reason", "reason is required (3 to 500 bytes): say why these are the same customer")
	}
	if sourceID == targetID {
		return nil, proofdesk.FieldError("into", "a customer cannot be merged into itself")
	}
	var out *proofdesk.Customer
	var refused error
	err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		src, err := tx.FindCustomer(ctx, sourceID)
		if err != nil {
			return err
		}
		dst, err := tx.FindCustomer(ctx, targetID)
		if err != nil {
			if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
				return proofdesk.FieldError("into", "into names no customer")
			}
			return err
		}
		if src.ErasedAt != nil || dst.ErasedAt != nil {
			// A tombstone takes nothing: what joined it no erasure would
			// ever remove.
			return proofdesk.Errorf(proofdesk.ECONFLICT, "One of the customers was erased: an erased customer is merged with nothing.")
		}
		pol, err := tx.Policy(ctx)
		if err != nil {
			return err
		}
		var holds int
		var clears []proofdesk.HoldClear
		for _, id := range []string{src.ID, dst.ID} {
			hs, err := tx.LegalHoldsOn(ctx, id, "")
			if err != nil {
				return err
			}
			holds += len(hs)
			cs, err := tx.LegalHoldClears(ctx, id, "", tx.Now().Add(-proofdesk.TwoPersonWindow))
			if err != nil {
				return err
			}
			clears = append(clears, cs...)
		}
		in := proofdesk.DecisionInput{Action: proofdesk.DoMerge, Actor: proofdesk.ActorOf(a), Policy: pol,
			SupportLocked: src.SupportLocked || dst.SupportLocked, LegalHold: holds > 0, HoldClears: clears, Now: tx.Now()}
		dec := proofdesk.Decide(in)
		if !dec.Allowed {
			refused = dec.Err(in)
			return refused
		}
		// Told first, at every contact point of both records as they are.
		for _, c := range []*proofdesk.Customer{src, dst} {
			if err := notifyMerge(ctx, tx, c); err != nil {
				return err
			}
		}
		var add []*proofdesk.ContactPoint
		for _, cp := range src.ContactPoints {
			if !hasContact(dst, cp.Kind, cp.Value) {
				// AddedAt is now: the cooling-off period applies again.
				add = append(add, &proofdesk.ContactPoint{Kind: cp.Kind, Value: cp.Value, AddedAt: tx.Now()})
			}
		}
		// The source lets go of them first: one value, one record.
		src.ContactPoints = nil
		if err := tx.SaveCustomer(ctx, src, true); err != nil {
			return err
		}
		if len(add) > 0 {
			if err := tx.AddContactPoints(ctx, dst, add); err != nil {
				return err
			}
		}
		if len(src.Addresses) > 0 {
			if err := tx.SetAddresses(ctx, dst, append(append([]proofdesk.Address{}, dst.Addresses...), src.Addresses...)); err != nil {
				return err
			}
		}
		ids, err := tx.ConversationIDsOfCustomer(ctx, src.ID)
		if err != nil {
			return err
		}
		for _, id := range ids {
			conv, err := tx.FindConversation(ctx, id)
			if err != nil {
				return err
			}
			if err := tx.RelinkCustomer(ctx, conv, dst.ID); err != nil {
				return err
			}
		}
		for _, id := range []string{src.ID, dst.ID} {
			if err := tx.Audit(ctx, proofdesk.AuditEvent{Action: "customer.merged", SubjectKind: "customer", SubjectID: id,
				Detail: map[string]string{"source": src.ID, "target": dst.ID, "reason": reason, "conversations": fmt.Sprint(len(ids)),
					"contact_points": fmt.Sprint(len(add)), "rule": dec.Rule}}); err != nil {
				return err
			}
		}
		out, err = tx.FindCustomer(ctx, dst.ID)
		return err
	})
	if refused != nil {
		if aerr := d.db.AuditRefusal(ctx, proofdesk.DoMerge, "customer", sourceID, refused, map[string]string{"target": targetID}); aerr != nil {
			return nil, aerr
		}
		return nil, refused
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

func hasContact(c *proofdesk.Customer, kind, value string) bool {
	for _, cp := range c.ContactPointsOf(kind) {
		if cp.Value == value {
			return true
		}
	}
	return false
}

// notifyMerge tells c's owner, at each contact point on file, that a
// supervisor merged their records.
func notifyMerge(ctx context.Context, tx *sqldb.Tx, c *proofdesk.Customer) error {
	text := "A support supervisor merged two customer records that they found to be yours, so that your conversations are in one place. Nothing proves who you are by this: verification still asks for a contact point on file.\n\nIf this wasn't you, or these records are not both yours, reply to this message or contact us through the app."
	for _, cp := range c.ContactPoints {
		m := &proofdesk.OutboxMessage{Purpose: "owner_notice", CustomerID: c.ID, To: cp.Value}
		switch cp.Kind {
		case proofdesk.ContactEmail:
			m.Kind, m.Subject = proofdesk.OutboxEmail, "Your customer records were merged"
			m.Body = fmt.Sprintf("Hello %s,\n\n%s\n", firstName(c.Name), text)
		case proofdesk.ContactPhone:
			m.Kind = proofdesk.OutboxSMS
			m.Body = "Support merged two customer records they found to be yours. If this wasn't you, contact us."
		default:
			continue
		}
		if err := tx.Enqueue(ctx, m); err != nil {
			return err
		}
	}
	return nil
}
