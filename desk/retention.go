package desk

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// This file is retention (issue 17 §3): the admins' rules (how many days
// after resolution a channel's message bodies and attachments are kept;
// after how many months without a conversation or activity a customer is
// erased) and the run that applies them, on a schedule (WatchRetention,
// one node at a time) or at an admin's request (RunRetention). A legal
// hold on the customer or the conversation stops all of it. Each run is
// audited with its counts (proofdesk.AuditRetentionRun), each
// conversation it emptied too (proofdesk.AuditRetentionRemoved).

// Retention schedule and bounds of one run.
const (
	// RetentionEvery is how often the scheduled run comes due.
	RetentionEvery = time.Hour
	// retentionLease is how long one run may hold the schedule before
	// another node may start one (a run cut off by a crash).
	retentionLease = 30 * time.Minute
	// retentionMaxConversations and retentionMaxCustomers bound the work
	// of one run (per channel and in all); the next run goes on.
	retentionMaxConversations = 5000
	retentionMaxCustomers     = 1000
	retentionBatch            = 200
)

// RetentionConfig returns the retention rules, for an admin (Decide:
// DoAdminister). Errors: the gate's refusal.
func (d *Desk) RetentionConfig(ctx context.Context) (*proofdesk.RetentionConfig, error) {
	if err := administer(ctx); err != nil {
		return nil, err
	}
	return d.db.Read().FindRetentionConfig(ctx)
}

// SetRetentionConfig replaces the retention rules for an admin (Decide:
// DoAdminister), audited (proofdesk.AuditRetentionChange, the rules
// before and after) when they change. c is normalised (channels at 0
// dropped). Errors: the gate's refusal; EINVALID naming the field
// (RetentionConfig.Validate).
func (d *Desk) SetRetentionConfig(ctx context.Context, c *proofdesk.RetentionConfig) error {
	if err := administer(ctx); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	c.Normalize()
	return d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		old, err := tx.FindRetentionConfig(ctx)
		if err != nil {
			return err
		}
		if old.Summary() == c.Summary() {
			return nil
		}
		if err := tx.SaveRetentionConfig(ctx, c); err != nil {
			return err
		}
		return tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditRetentionChange, SubjectKind: "settings", SubjectID: "retention",
			Detail: map[string]string{"before": old.Summary(), "after": c.Summary()}})
	})
}

// RunRetention applies the rules now, for an admin (Decide:
// DoAdminister), as that admin, and returns what it did (audited, as
// every run). Errors: the gate's refusal; ECONFLICT while another run
// holds the schedule.
func (d *Desk) RunRetention(ctx context.Context) (*proofdesk.RetentionRun, error) {
	if err := administer(ctx); err != nil {
		return nil, err
	}
	claim, err := d.db.ClaimRetentionRun(ctx, false, RetentionEvery, retentionLease)
	if err != nil {
		return nil, err
	}
	if claim == "" {
		return nil, proofdesk.Errorf(proofdesk.ECONFLICT, "A retention run is in progress; its counts will be in the audit log. Try again when it has finished.")
	}
	return d.retain(ctx, proofdesk.RetentionManual, claim, true)
}

// CheckRetention runs the rules as Proofdesk itself when the scheduled
// run is due (every RetentionEvery) and no other node runs it, and
// returns what it did; nil when it was not its turn. Nothing set, nothing
// runs and nothing is audited.
func (d *Desk) CheckRetention(ctx context.Context) (*proofdesk.RetentionRun, error) {
	ctx = proofdesk.NewContextWithAgent(ctx, nil) // the system's
	cfg, err := d.db.Read().FindRetentionConfig(ctx)
	if err != nil || !cfg.Active() {
		return nil, err
	}
	claim, err := d.db.ClaimRetentionRun(ctx, true, RetentionEvery, retentionLease)
	if err != nil || claim == "" {
		return nil, err
	}
	return d.retain(ctx, proofdesk.RetentionScheduled, claim, false)
}

// WatchRetention calls CheckRetention every interval until ctx ends; the
// schedule in the store decides when a run is due.
func (d *Desk) WatchRetention(ctx context.Context, interval time.Duration, logger *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := d.CheckRetention(ctx); err != nil && ctx.Err() == nil {
			logger.Error("retention run", slog.Any("error", err))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// retain is one run under claim: the bodies of each channel's expired
// conversations, then the dormant customers; audited with its counts
// (always when manual, when it did or skipped anything when scheduled).
// The lease is released whatever happens.
func (d *Desk) retain(ctx context.Context, trigger, claim string, manual bool) (run *proofdesk.RetentionRun, err error) {
	defer func() {
		if rerr := d.db.ReleaseRetentionRun(context.WithoutCancel(ctx), claim); rerr != nil && err == nil {
			err = rerr
		}
	}()
	run = &proofdesk.RetentionRun{Trigger: trigger, StartedAt: d.db.Now()}
	cfg, err := d.db.Read().FindRetentionConfig(ctx)
	if err != nil {
		return nil, err
	}
	for _, ch := range proofdesk.RetentionChannels {
		if days := cfg.BodyDays[ch]; days > 0 {
			if err := d.retainBodies(ctx, ch, days, run); err != nil {
				return nil, err
			}
		}
	}
	if cfg.CustomerMonths > 0 {
		if err := d.retainCustomers(ctx, cfg.CustomerMonths, run); err != nil {
			return nil, err
		}
	}
	run.FinishedAt = d.db.Now()
	if !manual && run.Conversations == 0 && run.CustomersErased == 0 && run.SkippedLegalHold == 0 && run.SkippedLocked == 0 {
		return run, nil
	}
	err = d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		return tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditRetentionRun, SubjectKind: "settings", SubjectID: "retention",
			Detail: run.AuditDetail()})
	})
	return run, err
}

// retainBodies removes the bodies and attachments of the conversations of
// channel resolved more than days ago, one transaction each, skipping
// those under a legal hold (of the conversation or its customer) or one
// cleared within proofdesk.TwoPersonWindow (legalHold).
func (d *Desk) retainBodies(ctx context.Context, channel string, days int, run *proofdesk.RetentionRun) error {
	cutoff := d.db.Now().AddDate(0, 0, -days)
	after, seen := "", 0
	for seen < retentionMaxConversations {
		convs, err := d.db.Read().ExpiredConversations(ctx, channel, cutoff, after, retentionBatch)
		if err != nil {
			return err
		}
		if len(convs) == 0 {
			return nil
		}
		for _, c := range convs {
			after = c.ID
			seen++
			var held bool
			var r sqldb.RetentionRemoval
			err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
				var err error
				if held, err = legalHold(ctx, tx, c.CustomerID, c.ID); err != nil || held {
					return err
				}
				if r, err = tx.RemoveMessageBodies(ctx, c.ID, cutoff); err != nil || r.Bodies == 0 {
					return err
				}
				return tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditRetentionRemoved, SubjectKind: "conversation", SubjectID: c.ID,
					Detail: map[string]string{"channel": channel, "days": strconv.Itoa(days), "bodies": strconv.Itoa(r.Bodies),
						"attachments": strconv.Itoa(r.Attachments)}})
			})
			if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
				continue // erased meanwhile
			} else if err != nil {
				return err
			}
			switch {
			case held:
				run.SkippedLegalHold++
			case r.Bodies > 0:
				run.Conversations++
				run.BodiesRemoved += r.Bodies
				run.AttachmentsRemoved += r.Attachments
			}
		}
	}
	return nil
}

// legalHold reports whether a legal hold covers the customer (customerID,
// "" for none: its own hold or one on any of its conversations) or the
// conversation (convID, "" for none: its own hold or its customer's), or
// one that did was cleared within proofdesk.TwoPersonWindow: retention
// waits out the two-person window, or the same night's run would destroy
// what the hold kept for the one who cleared it.
// sqldb.Handle.LegalHoldsOn and LegalHoldClears say which.
func legalHold(ctx context.Context, tx *sqldb.Tx, customerID, convID string) (bool, error) {
	if customerID != "" && convID != "" {
		customerID = "" // the conversation's check covers its customer
	}
	holds, err := tx.LegalHoldsOn(ctx, customerID, convID)
	if err != nil || len(holds) > 0 {
		return len(holds) > 0, err
	}
	clears, err := tx.LegalHoldClears(ctx, customerID, convID, tx.Now().Add(-proofdesk.TwoPersonWindow))
	return len(clears) > 0, err
}

// retainCustomers erases, one transaction each, the customers with no
// conversation and no activity for months (sqldb.Handle.DormantCustomers),
// as Proofdesk itself with the retention rule as the legal basis
// (proofdesk.Decide, DoErase: rule erase.retention) through the opening
// every erasure shares (eraseCustomer: sqldb.Tx.EraseCustomer, audited as
// customer.erased). A legal hold on the customer or any of their
// conversations skips them, and so does one cleared within
// proofdesk.TwoPersonWindow (counted as held: the window runs out first)
// and a support lock (the account is under investigation): each counted.
func (d *Desk) retainCustomers(ctx context.Context, months int, run *proofdesk.RetentionRun) error {
	ctx = proofdesk.NewContextWithAgent(ctx, nil) // the erasure is Proofdesk's, under the rule, whoever started the run
	cutoff := d.db.Now().AddDate(0, -months, 0)
	reason := fmt.Sprintf("no conversation or activity for %d months", months)
	after, seen, erased := "", 0, 0
	defer func() {
		if erased > 0 {
			d.scrub(ctx)
		}
	}()
	for seen < retentionMaxCustomers {
		ids, err := d.db.Read().DormantCustomers(ctx, cutoff, after, retentionBatch)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		for _, id := range ids {
			after = id
			seen++
			var held, locked, done bool
			err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
				e, err := eraseCustomer(ctx, tx, proofdesk.Actor{Role: proofdesk.RoleSystem}, id, reason, proofdesk.RetentionLegalBasis)
				if err != nil {
					return err
				}
				if !e.dec.Allowed {
					// a legal hold (standing, or cleared within the
					// two-person window) or a support lock: left alone, counted
					held = e.dec.Rule == proofdesk.RuleLegalHold || e.dec.Rule == proofdesk.RuleTwoPerson
					locked = e.dec.Rule == proofdesk.RuleSupportLock
					if !held && !locked {
						return e.dec.Err(e.in)
					}
					return nil
				}
				done = e.erased != nil
				return nil
			})
			if c := proofdesk.ErrorCode(err); c == proofdesk.ENOTFOUND || c == proofdesk.ECONFLICT {
				continue // gone or erased meanwhile
			} else if err != nil {
				return err
			}
			switch {
			case held:
				run.SkippedLegalHold++
			case locked:
				run.SkippedLocked++
			case done:
				run.CustomersErased++
				erased++
			}
		}
	}
	return nil
}
