package desk

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/locale"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/verify"
)

// ErasureTTL is how long the owner's link to confirm an erasure works.
const ErasureTTL = 7 * 24 * time.Hour

// maxLegalBasis bounds the legal basis a supervisor records, in bytes.
const maxLegalBasis = 500

// RequestErasure erases customerID by crypto-shredding
// (sqldb.Tx.EraseCustomer): a supervisor's or an admin's action with a
// reason (proofdesk.Decide, DoErase), refused under a support lock (423)
// or a legal hold on the customer or any of their conversations (409).
// With a legalBasis (the law or order the supervisor relies on, at most
// 500 bytes) it runs at once and every supervisor is alerted; without one
// the owner confirms it: a signed one-time link (ErasureTTL) goes to every
// contact point on file past the cooling-off period, and the result holds
// the pending request. Every step is audited (customer.erased,
// customer.erasure_requested; a refusal as gate.refused). The two-person
// rule (proofdesk.TwoPersonWindow) refuses the supervisor who cleared a
// legal hold covering the customer (403, rule erase.two_person) and
// alerts every supervisor. Errors:
// EUNAUTHORIZED, EFORBIDDEN, EINVALID (reason, legal basis, no settled
// contact point to confirm through), ELOCKED, ECONFLICT (legal hold,
// already erased), ENOTFOUND.
func (d *Desk) RequestErasure(ctx context.Context, customerID, reason, legalBasis string) (*proofdesk.ErasureResult, error) {
	a := proofdesk.AgentFromContext(ctx)
	if a == nil {
		return nil, proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Sign in first.")
	}
	reason, legalBasis = strings.TrimSpace(reason), strings.TrimSpace(legalBasis)
	if len(legalBasis) > maxLegalBasis {
		return nil, proofdesk.FieldError("legal_basis", "legal_basis is at most %d bytes", maxLegalBasis)
	}
	key, err := d.db.Secret(ctx, "erasure")
	if err != nil {
		return nil, err
	}
	out := &proofdesk.ErasureResult{}
	var refused error
	var refusal proofdesk.Decision // the gate's, when it refused
	err = d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		e, err := eraseCustomer(ctx, tx, proofdesk.ActorOf(a), customerID, reason, legalBasis)
		if err != nil {
			return err
		}
		if !e.dec.Allowed {
			refused, refusal = e.dec.Err(e.in), e.dec
			return refused
		}
		if !e.dec.OwnerConfirms {
			out.Erasure = e.erased
			return nil
		}
		c, dec := e.c, e.dec
		r := &proofdesk.ErasureRequest{CustomerID: c.ID, RequestedBy: a.ID, Reason: reason, ExpiresAt: tx.Now().Add(ErasureTTL)}
		if err := tx.CreateErasureRequest(ctx, r); err != nil {
			return err
		}
		link := d.baseURL() + "/erase/" + signLink(key, r.ID, c.ID, r.ExpiresAt)
		for _, cp := range d.settledContacts(c, tx.Now()) {
			if err := tx.Enqueue(ctx, erasureMessage(c, cp, link, r.ExpiresAt)); err != nil {
				return err
			}
			r.SentTo++
		}
		if r.SentTo == 0 {
			return proofdesk.FieldError("legal_basis", "The customer has no contact point on file past the cooling-off period to confirm through: record the legal basis you erase on instead.")
		}
		out.Request = r
		return tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditErasureRequested, SubjectKind: "customer", SubjectID: c.ID,
			Detail: map[string]string{"request": r.ID, "reason": reason, "sent_to": fmt.Sprint(r.SentTo), "rule": dec.Rule}})
	})
	if refused != nil {
		if aerr := d.db.AuditRefusal(ctx, proofdesk.DoErase, "customer", customerID, refused, nil); aerr != nil {
			return nil, aerr
		}
		if refusal.Alert {
			// The two-person rule refused the one who cleared a hold,
			// or an account of theirs: the other supervisors see the
			// attempt (IDs only).
			text := fmt.Sprintf("Agent %s tried to erase customer %s soon after a legal hold that covered them was cleared, by them or by an admin who created or changed their account, and was refused (rule %s): another supervisor must erase them, if the erasure is right. The reason is in the audit log (gate.refused).",
				a.ID, customerID, refusal.Rule)
			if aerr := d.db.WithTx(ctx, func(tx *sqldb.Tx) error { return tx.AlertSupervisors(ctx, "erasure_refused", "", text) }); aerr != nil {
				return nil, aerr
			}
		}
		return nil, refused
	}
	if err != nil {
		return nil, err
	}
	if out.Erasure != nil {
		d.scrub(ctx)
	}
	return out, nil
}

// erasing is what eraseCustomer found and did: the customer, the facts
// given to proofdesk.Decide and its answer, and the erasure when it ran.
type erasing struct {
	c      *proofdesk.Customer
	in     proofdesk.DecisionInput
	dec    proofdesk.Decision
	erased *proofdesk.Erasure
}

// eraseCustomer is the opening every erasure of a customer shares (a
// supervisor's RequestErasure; the retention run, as Proofdesk itself
// with the rule as legal basis): in tx it loads customerID, gathers the
// legal holds on them and their conversations, asks proofdesk.Decide
// (DoErase) for actor with reason and legalBasis, and, when the gate
// allows an erasure without the owner's confirmation, erases
// (sqldb.Tx.EraseCustomer, audited customer.erased with the reason, the
// basis and the rule) and alerts every supervisor when the gate says so.
// A refusal is e.dec.Err(e.in), for the caller to audit or count; when
// the owner confirms (e.dec.OwnerConfirms) nothing was erased. Errors:
// ENOTFOUND, ECONFLICT once erased, the store's.
func eraseCustomer(ctx context.Context, tx *sqldb.Tx, actor proofdesk.Actor, customerID, reason, legalBasis string) (*erasing, error) {
	c, err := tx.FindCustomer(ctx, customerID)
	if err != nil {
		return nil, err
	}
	if c.ErasedAt != nil {
		return nil, proofdesk.Errorf(proofdesk.ECONFLICT, "The customer was already erased.")
	}
	e := &erasing{c: c, in: proofdesk.DecisionInput{Action: proofdesk.DoErase, Actor: actor, Reason: reason, Field: legalBasis,
		SupportLocked: c.SupportLocked, Now: tx.Now()}}
	if err := holdFacts(ctx, tx, c.ID, &e.in); err != nil {
		return nil, err
	}
	e.dec = proofdesk.Decide(e.in)
	if !e.dec.Allowed || e.dec.OwnerConfirms {
		return e, nil
	}
	if e.erased, err = tx.EraseCustomer(ctx, c.ID, map[string]string{"reason": reason, "legal_basis": legalBasis, "rule": e.dec.Rule}); err != nil || !e.dec.Alert {
		return e, err
	}
	// Nobody but the supervisor saw the legal basis: every supervisor is
	// told (IDs only; the basis is in the audit log).
	return e, tx.AlertSupervisors(ctx, "customer_erased", "", fmt.Sprintf("Customer %s was erased at once by agent %s on a legal basis they recorded, without the owner's confirmation. The reason and the legal basis are in the audit log (customer.erased).", c.ID, actor.ID))
}

// holdFacts fills in the legal-hold facts of an erasure of customerID by
// in.Actor: whether a hold covers them (sqldb.Handle.LegalHoldsOn), the
// holds covering them cleared within proofdesk.TwoPersonWindow, by whom
// (sqldb.Handle.LegalHoldClears), and, when there are some, who changed
// the actor's account lately (sqldb.Handle.AccountChanges), for the
// two-person rule.
func holdFacts(ctx context.Context, tx *sqldb.Tx, customerID string, in *proofdesk.DecisionInput) error {
	holds, err := tx.LegalHoldsOn(ctx, customerID, "")
	if err != nil {
		return err
	}
	in.LegalHold = len(holds) > 0
	if in.HoldClears, err = tx.LegalHoldClears(ctx, customerID, "", tx.Now().Add(-proofdesk.TwoPersonWindow)); err != nil || len(in.HoldClears) == 0 || in.Actor.ID == "" {
		return err
	}
	in.ActorAccountChanges, err = tx.AccountChanges(ctx, in.Actor.ID, tx.Now().Add(-2*proofdesk.TwoPersonWindow))
	return err
}

// scrub checkpoints the store after an erasure (sqldb.DB.Scrub); a
// failure leaves the zeroed pages for the next checkpoint and is logged
// by nobody here: the erasure itself committed.
func (d *Desk) scrub(ctx context.Context) { _, _ = d.db.Scrub(ctx) }

func (d *Desk) baseURL() string {
	if d.cfg.BaseURL == "" {
		return "http://localhost:8080"
	}
	return strings.TrimRight(d.cfg.BaseURL, "/")
}

// settledContacts are c's contact points added before the cooling-off
// period: one an attacker just added never confirms an erasure.
func (d *Desk) settledContacts(c *proofdesk.Customer, now time.Time) []*proofdesk.ContactPoint {
	cool := d.cfg.CoolingOff
	if cool <= 0 {
		cool = verify.DefaultCoolingOff
	}
	var out []*proofdesk.ContactPoint
	for _, cp := range c.ContactPoints {
		if !cp.AddedAt.After(now.Add(-cool)) {
			out = append(out, cp)
		}
	}
	return out
}

// erasureMessage is the mail or SMS asking c's owner to confirm, in c's
// language (locale).
func erasureMessage(c *proofdesk.Customer, cp *proofdesk.ContactPoint, link string, exp time.Time) *proofdesk.OutboxMessage {
	tx := locale.For(locale.Match(customerLanguage(c)))
	m := &proofdesk.OutboxMessage{Purpose: proofdesk.PurposeErasureConfirm, CustomerID: c.ID, To: cp.Value}
	if cp.Kind == proofdesk.ContactPhone {
		m.Kind, m.Body = proofdesk.OutboxSMS, tx.T("e_sms", link)
		return m
	}
	m.Kind, m.Subject = proofdesk.OutboxEmail, tx.T("e_subject")
	m.Body = tx.T("e_body", firstName(c.Name), exp.UTC().Format("2006-01-02 15:04"), link)
	return m
}

// ErasureLink is what the owner's confirmation page shows.
type ErasureLink struct {
	Request *proofdesk.ErasureRequest
	// Settled reports that the request was answered (or superseded).
	Settled bool
	// Language is the customer's language preference, or "".
	Language string
}

// openErasureLink returns the request a link names: ENOTFOUND for a
// malformed or forged token or one naming another customer, EFORBIDDEN
// once expired.
func (d *Desk) openErasureLink(ctx context.Context, h *sqldb.Handle, key []byte, token string) (*proofdesk.ErasureRequest, error) {
	reqID, custID, err := openLink(key, token, h.Now(), "This link has expired: nothing was erased. Contact support if you still want your data erased.")
	if err != nil {
		return nil, err
	}
	r, err := h.FindErasureRequest(ctx, reqID)
	if err != nil {
		return nil, err
	}
	if r.CustomerID != custID {
		return nil, proofdesk.Errorf(proofdesk.ENOTFOUND, "This link is not valid.")
	}
	return r, nil
}

// ErasureLinkInfo returns what the page behind an erasure link shows; it
// changes nothing (mail scanners open links). Errors as openErasureLink.
func (d *Desk) ErasureLinkInfo(ctx context.Context, token string) (*ErasureLink, error) {
	key, err := d.db.Secret(ctx, "erasure")
	if err != nil {
		return nil, err
	}
	r, err := d.openErasureLink(ctx, d.db.Read(), key, token)
	if err != nil {
		return nil, err
	}
	out := &ErasureLink{Request: r, Settled: r.Status != proofdesk.ErasurePending}
	if c, err := d.db.Read().FindCustomer(ctx, r.CustomerID); err == nil {
		out.Language = customerLanguage(c)
	}
	return out, nil
}

// AnswerErasure records the owner's answer to an erasure request through
// its link: confirm erases the customer (sqldb.Tx.EraseCustomer, audited
// with the request and "confirmed_by": "owner"), otherwise the request is
// declined (customer.erasure_declined) and supervisors are alerted. The
// gate is asked again with the facts of now (the requesting supervisor's
// role, a support lock or legal hold set meanwhile): a refusal erases
// nothing. The link works once. Errors: as openErasureLink, ECONFLICT
// when already answered, the gate's refusal.
func (d *Desk) AnswerErasure(ctx context.Context, token string, confirm bool) (*proofdesk.Erasure, error) {
	key, err := d.db.Secret(ctx, "erasure")
	if err != nil {
		return nil, err
	}
	var out *proofdesk.Erasure
	var refused error
	var custID string
	err = d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		r, err := d.openErasureLink(ctx, &tx.Handle, key, token)
		if err != nil {
			return err
		}
		custID = r.CustomerID
		if r.Status != proofdesk.ErasurePending {
			return proofdesk.Errorf(proofdesk.ECONFLICT, "This request was already answered.")
		}
		owner := proofdesk.AuditEvent{ActorKind: proofdesk.ActorCustomer, ActorID: r.CustomerID, SubjectKind: "customer", SubjectID: r.CustomerID}
		if !confirm {
			if err := tx.SettleErasureRequest(ctx, r.ID, proofdesk.ErasureDeclined); err != nil {
				return err
			}
			owner.Action, owner.Detail = proofdesk.AuditErasureDeclined, map[string]string{"request": r.ID}
			if err := tx.Audit(ctx, owner); err != nil {
				return err
			}
			return tx.AlertSupervisors(ctx, "erasure_declined", "", "The owner said they did not ask for the erasure of customer "+r.CustomerID+" (request "+r.ID+"): nothing was erased.")
		}
		c, err := tx.FindCustomer(ctx, r.CustomerID)
		if err != nil {
			return err
		}
		sup, err := tx.FindAgent(ctx, r.RequestedBy)
		if err != nil {
			return err
		}
		in := proofdesk.DecisionInput{Action: proofdesk.DoErase, Actor: proofdesk.ActorOf(sup), Reason: r.Reason,
			SupportLocked: c.SupportLocked, Now: tx.Now()}
		if err := holdFacts(ctx, tx, c.ID, &in); err != nil {
			return err
		}
		if sup.Disabled || sup.RemovedAt != nil {
			in.Actor = proofdesk.Actor{ID: sup.ID, Role: proofdesk.RoleAgent}
		}
		dec := proofdesk.Decide(in)
		if !dec.Allowed {
			// Details name the rule: the page tells a refusal from a
			// request already answered (both may be ECONFLICT).
			refused = &proofdesk.Error{Code: dec.Code, Message: "Your data cannot be erased at the moment: our support team will contact you. Nothing was erased.",
				Details: map[string]any{"rule": dec.Rule}}
			return refused
		}
		if err := tx.SettleErasureRequest(ctx, r.ID, proofdesk.ErasureConfirmed); err != nil {
			return err
		}
		out, err = tx.EraseCustomer(ctx, c.ID, map[string]string{"request": r.ID, "reason": r.Reason, "requested_by": r.RequestedBy,
			"confirmed_by": "owner", "rule": dec.Rule})
		return err
	})
	if refused != nil {
		if aerr := d.db.AuditRefusal(ctx, proofdesk.DoErase, "customer", custID, refused, map[string]string{"confirmed_by": "owner"}); aerr != nil {
			return nil, aerr
		}
		return nil, refused
	}
	if err != nil {
		return nil, err
	}
	if out != nil {
		d.scrub(ctx)
	}
	return out, nil
}
