package desk

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// CreateCustomer stores c (sqldb.DB.StoreCustomer) if proofdesk.Decide
// lets the context's actor create it (DoCreateCustomer): a contact point
// dated in the past (added_at) only from the integration token or an
// operator's import. A refusal stores nothing and is audited as a
// refused create. Errors: the gate's refusal (EFORBIDDEN), EINVALID,
// ECONFLICT.
func (d *Desk) CreateCustomer(ctx context.Context, c *proofdesk.Customer) error {
	if err := d.gateCreate(ctx, []*proofdesk.Customer{c}); err != nil {
		return err
	}
	return d.db.StoreCustomer(ctx, c)
}

// ImportCustomers stores all of cs in one transaction, or none
// (sqldb.DB.StoreCustomers), each passing the gate as CreateCustomer.
func (d *Desk) ImportCustomers(ctx context.Context, cs []*proofdesk.Customer) error {
	if err := d.gateCreate(ctx, cs); err != nil {
		return err
	}
	return d.db.StoreCustomers(ctx, cs)
}

// gateCreate asks proofdesk.Decide whether the context's actor may create
// each of cs as given (DoCreateCustomer); the first refusal is audited
// and returned.
func (d *Desk) gateCreate(ctx context.Context, cs []*proofdesk.Customer) error {
	who := actor(ctx)
	for _, c := range cs {
		now := d.db.Now()
		in := proofdesk.DecisionInput{Action: proofdesk.DoCreateCustomer, Actor: who, Now: now, Backdated: backdated(nil, c.ContactPoints, now),
			SetsExternalID: c.ExternalID != ""}
		dec := proofdesk.Decide(in)
		if dec.Allowed {
			continue
		}
		refused := dec.Err(in)
		if aerr := d.db.AuditRefusal(ctx, proofdesk.DoCreateCustomer, "customer", "", refused, nil); aerr != nil {
			return aerr
		}
		return refused
	}
	return nil
}

// UpdateCustomer applies upd outside any conversation (customer sync),
// each changed field as proofdesk.Decide rules it: protected fields only
// from the integration token (or an operator), never under a support
// lock, backdated contact points only from them; lifting a lock is an
// unlock (DoUnlock). The store re-seals the changed fields; the change is
// audited by field name (never values) and the owner is told at the
// contact points on file before the change. A refusal changes nothing and
// is audited as a refused change. Errors: ENOTFOUND, EINVALID naming the
// field, ECONFLICT for a taken external_id, the gate's refusal.
func (d *Desk) UpdateCustomer(ctx context.Context, id string, upd proofdesk.CustomerUpdate) (*proofdesk.Customer, error) {
	var out *proofdesk.Customer
	var refused error
	var refusedAction string
	err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		c, err := tx.FindCustomer(ctx, id)
		if err != nil {
			return err
		}
		oldContacts, wasLocked := c.ContactPoints, c.SupportLocked
		changed, err := sqldb.ApplyCustomerUpdate(c, upd, tx.Now())
		if err != nil {
			return err
		}
		if len(changed) == 0 {
			out = c
			return nil
		}
		in, err := tx.CustomerFacts(ctx, "", nil)
		if err != nil {
			return err
		}
		in.SupportLocked = wasLocked
		var notify bool
		var rules []string
		for _, ch := range changeActions(changed, upd, wasLocked) {
			in.Action, in.Field = ch.action, ch.field
			in.Backdated = ch.action == proofdesk.DoChangeContactPoint && backdated(oldContacts, c.ContactPoints, tx.Now())
			dec := proofdesk.Decide(in)
			if !dec.Allowed {
				refused, refusedAction = dec.Err(in), ch.action
				return refused
			}
			notify = notify || dec.NotifyOwner
			rules = append(rules, ch.action+":"+dec.Rule)
		}
		if err := tx.SaveCustomer(ctx, c, upd.Emails != nil || upd.Phones != nil); err != nil {
			return err
		}
		if notify {
			if err := tx.NotifyAccountChange(ctx, c, oldContacts, changed); err != nil {
				return err
			}
		}
		out = c
		return tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditCustomerUpdate, SubjectKind: "customer", SubjectID: c.ID,
			Detail: map[string]string{"fields": strings.Join(changed, ","), "rules": strings.Join(rules, ","), "notified": fmt.Sprint(notify)}})
	})
	if refused != nil && proofdesk.ErrorCode(refused) != proofdesk.EUNAUTHORIZED {
		if aerr := d.db.AuditRefusal(ctx, refusedAction, "customer", id, refused, nil); aerr != nil {
			return nil, aerr
		}
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// backdateSlack is how far before now a new contact point's added_at may
// be and still count as "now" (the caller's clock read it first).
const backdateSlack = time.Minute

// backdated reports whether a contact point in cps that is not in old is
// dated before now: it would skip the cooling-off.
func backdated(old, cps []*proofdesk.ContactPoint, now time.Time) bool {
	known := map[string]bool{}
	for _, cp := range old {
		known[cp.ID] = true
	}
	for _, cp := range cps {
		if !known[cp.ID] && cp.AddedAt.Before(now.Add(-backdateSlack)) {
			return true
		}
	}
	return false
}

type changeAction struct{ action, field string }

// changeActions names the gate action of each changed field.
func changeActions(changed []string, upd proofdesk.CustomerUpdate, wasLocked bool) []changeAction {
	var out []changeAction
	for _, f := range changed {
		switch f {
		case "name":
			out = append(out, changeAction{proofdesk.DoChangeName, ""})
		case "external_id":
			out = append(out, changeAction{proofdesk.DoChangeExternalID, ""})
		case "contact_points":
			out = append(out, changeAction{proofdesk.DoChangeContactPoint, ""})
		case "addresses":
			out = append(out, changeAction{proofdesk.DoChangeAddress, ""})
		case "date_of_birth":
			out = append(out, changeAction{proofdesk.DoChangeDateOfBirth, ""})
		case "payment":
			out = append(out, changeAction{proofdesk.DoChangePayment, ""})
		case "attributes":
			keys := make([]string, 0, len(upd.Attributes))
			for k := range upd.Attributes {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				out = append(out, changeAction{proofdesk.DoChangeAttribute, k})
			}
		case "support_locked":
			if wasLocked {
				// Lifting a lock is an unlock, decided in a conversation.
				out = append(out, changeAction{proofdesk.DoUnlock, ""})
			}
		}
	}
	return out
}

// Customers is the store's customer service with the desk's use cases in
// front: creating, importing and changing customers pass the gate. It
// implements proofdesk.CustomerService for the HTTP layers and the CLI.
type Customers struct {
	*sqldb.CustomerService
	d *Desk
}

var _ proofdesk.CustomerService = (*Customers)(nil)

// Customers returns s with d's gated create, import and update in front.
func (d *Desk) Customers(s *sqldb.CustomerService) *Customers {
	return &Customers{CustomerService: s, d: d}
}

// CreateCustomer is Desk.CreateCustomer.
func (c *Customers) CreateCustomer(ctx context.Context, cust *proofdesk.Customer) error {
	return c.d.CreateCustomer(ctx, cust)
}

// ImportCustomers is Desk.ImportCustomers.
func (c *Customers) ImportCustomers(ctx context.Context, cs []*proofdesk.Customer) error {
	return c.d.ImportCustomers(ctx, cs)
}

// UpdateCustomer is Desk.UpdateCustomer.
func (c *Customers) UpdateCustomer(ctx context.Context, id string, upd proofdesk.CustomerUpdate) (*proofdesk.Customer, error) {
	return c.d.UpdateCustomer(ctx, id, upd)
}
