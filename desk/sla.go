package desk

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// This file is service levels: the admins' configuration (targets per
// priority, business hours per team), a conversation's SLA clocks, and
// the watch that notifies supervisors of each breach once. The
// arithmetic is proofdesk.EvaluateSLA (sla.go); a conversation's clocks
// follow its priority (Conversation.Priority) and its team's hours
// (Conversation.Team, a team ID). A breach also escalates as the policy
// of the conversation's priority says (SLAConfig.Escalation): its
// priority raised one step, and/or it handed back to its team's queue.

// SLAConfig returns the service-level configuration, for an admin.
// Errors: the gate's refusal.
func (d *Desk) SLAConfig(ctx context.Context) (*proofdesk.SLAConfig, error) {
	if err := administer(ctx); err != nil {
		return nil, err
	}
	return d.db.Read().FindSLAConfig(ctx)
}

// SetSLAConfig replaces the configuration for an admin, audited. Errors:
// the gate's refusal; EINVALID (SLAConfig.Validate, or hours keyed by a
// team ID that does not exist).
func (d *Desk) SetSLAConfig(ctx context.Context, c *proofdesk.SLAConfig) error {
	if err := administer(ctx); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	for team := range c.Hours {
		if team == "" {
			continue
		}
		if _, err := d.db.FindTeam(ctx, team); proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
			return proofdesk.FieldError("hours", "business hours name team %q, which does not exist: key them by team ID (GET /api/v1/teams), \"\" for every team without its own", team)
		} else if err != nil {
			return err
		}
	}
	return d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		if err := tx.SaveSLAConfig(ctx, c); err != nil {
			return err
		}
		return tx.Audit(ctx, proofdesk.AuditEvent{Action: "sla.change", SubjectKind: "settings", SubjectID: "sla",
			Detail: map[string]string{"priorities": fmt.Sprint(len(c.Targets)), "teams": fmt.Sprint(len(c.Hours))}})
	})
}

// ConversationSLA returns the SLA clocks of a conversation now, for an
// actor Decide lets at the conversation (DoConversation). Errors: the
// gate's refusal, ENOTFOUND.
func (d *Desk) ConversationSLA(ctx context.Context, convID string) (string, proofdesk.SLAState, error) {
	var st proofdesk.SLAState
	var priority string
	err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		a, err := ask(ctx, tx, convID, proofdesk.DoConversation, "", nil)
		if err != nil {
			return err
		}
		if !a.dec.Allowed {
			return a.dec.Err(a.in)
		}
		cfg, err := tx.FindSLAConfig(ctx)
		if err != nil {
			return err
		}
		conv, facts, err := tx.SLAFacts(ctx, convID)
		if err != nil {
			return err
		}
		priority = facts.Priority
		st = proofdesk.EvaluateSLA(cfg.Policy(), cfg.HoursOf(conv.Team), facts, tx.Now())
		return nil
	})
	return priority, st, err
}

// CheckSLA evaluates every unresolved conversation and, for each target
// newly breached, records the breach, audits it and alerts supervisors
// (once per conversation and target, on any node), then escalates it as
// configured for its priority (escalate). It returns how many breaches it
// recorded.
func (d *Desk) CheckSLA(ctx context.Context) (int, error) {
	ctx = proofdesk.NewContextWithAgent(ctx, nil) // what the watch does is the system's
	h := d.db.Read()
	cfg, err := h.FindSLAConfig(ctx)
	if err != nil || len(cfg.Targets) == 0 {
		return 0, err
	}
	ids, err := h.UnresolvedConversations(ctx, 10000)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		conv, facts, err := h.SLAFacts(ctx, id)
		if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
			continue
		} else if err != nil {
			return n, err
		}
		st := proofdesk.EvaluateSLA(cfg.Policy(), cfg.HoursOf(conv.Team), facts, h.Now())
		for _, c := range []struct {
			target string
			clock  *proofdesk.SLAClock
		}{{"first_response", st.FirstResponse}, {"next_response", st.NextResponse}, {"resolution", st.Resolution}} {
			if c.clock == nil || !c.clock.Breached {
				continue
			}
			err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
				fresh, err := tx.RecordBreach(ctx, id, c.target)
				if err != nil || !fresh {
					return err
				}
				n++
				if err := tx.Audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: "sla.breached", SubjectKind: "conversation", SubjectID: id,
					Detail: map[string]string{"target": c.target, "priority": facts.Priority}}); err != nil {
					return err
				}
				if err := tx.AlertSupervisors(ctx, "sla_breach", id, fmt.Sprintf("Conversation %s (priority %s) breached its %s target of %s business time.",
					id, facts.Priority, c.target, c.clock.Target)); err != nil {
					return err
				}
				return d.escalate(ctx, tx, id, c.target, cfg.Escalation[facts.Priority])
			})
			if err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// escalate applies e to the conversation id that just breached target,
// in the breach's transaction (so once per breach), as Proofdesk itself
// (ctx carries no agent): the priority raised one step through the
// store's conversation update (audited as an edit), the holder removed
// through assign as the system (proofdesk.Decide, DoAssign: a verified
// conversation drops to L0 as at any take-over), then "sla.escalated"
// audited and the change published (tx.Changed). Nothing configured,
// nothing done.
func (d *Desk) escalate(ctx context.Context, tx *sqldb.Tx, id, target string, e proofdesk.SLAEscalation) error {
	if !e.RaisePriority && !e.Unassign {
		return nil
	}
	c, err := tx.FindConversation(ctx, id)
	if err != nil {
		return err
	}
	var upd proofdesk.ConversationUpdate
	var changed []string
	detail := map[string]string{"target": target}
	if e.RaisePriority {
		if next, ok := proofdesk.NextPriority(c.Priority); ok {
			detail["priority_from"], detail["priority_to"] = c.Priority, next
			upd.Priority = &next
		}
	}
	if e.Unassign && c.AssigneeID != "" {
		detail["unassigned"] = c.AssigneeID
		var refused error
		if err := assign(ctx, tx, c, "", "", true, &refused); refused != nil {
			// the gate's refusal keeps the holder; the breach still counts
			detail["unassign_refused"] = proofdesk.ErrorCode(refused)
			delete(detail, "unassigned")
		} else if err != nil {
			return err
		} else {
			changed = append(changed, "assignee_id")
		}
	}
	if upd.Priority == nil && len(changed) == 0 {
		if _, ok := detail["unassign_refused"]; !ok {
			return nil
		}
	}
	if err := tx.SaveConversation(ctx, c, upd, changed); err != nil {
		return err
	}
	if err := tx.Audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: "sla.escalated", SubjectKind: "conversation", SubjectID: id,
		Detail: detail}); err != nil {
		return err
	}
	return d.changedAssigned(ctx, tx, c)
}

// WatchSLA runs CheckSLA every interval until ctx ends.
func (d *Desk) WatchSLA(ctx context.Context, interval time.Duration, logger *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := d.CheckSLA(ctx); err != nil && ctx.Err() == nil {
			logger.Error("sla watch", slog.Any("error", err))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// InboxSLA returns, by conversation ID, the clock of each conversation in
// convs that is most urgent now: of its running clocks (first response,
// next response, resolution; not stopped), the one with the least time left
// (negative once breached). A conversation without a running clock, and
// every one while no target is set, has none (nothing is read then). For
// an actor Decide lets work on conversations (DoConversation); the
// clocks are times, no customer data, of conversations the caller
// already listed.
func (d *Desk) InboxSLA(ctx context.Context, convs []*proofdesk.Conversation) (map[string]*proofdesk.SLAClock, error) {
	if err := allow(ctx, proofdesk.DoConversation); err != nil {
		return nil, err
	}
	h := d.db.Read()
	cfg, err := h.FindSLAConfig(ctx)
	if err != nil || len(cfg.Targets) == 0 {
		return nil, err
	}
	out := map[string]*proofdesk.SLAClock{}
	now := h.Now()
	for _, c := range convs {
		if c.Status == proofdesk.StatusResolved {
			continue
		}
		conv, facts, err := h.SLAFacts(ctx, c.ID)
		if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, err
		}
		if k := MostUrgent(proofdesk.EvaluateSLA(cfg.Policy(), cfg.HoursOf(conv.Team), facts, now)); k != nil {
			out[c.ID] = k
		}
	}
	return out, nil
}

// MostUrgent returns the running clock (not stopped: no reply or
// resolution yet; paused ones count) of st with the least time left, or
// nil when none runs.
func MostUrgent(st proofdesk.SLAState) *proofdesk.SLAClock {
	var best *proofdesk.SLAClock
	for _, k := range []*proofdesk.SLAClock{st.FirstResponse, st.NextResponse, st.Resolution} {
		if k != nil && !k.Stopped && (best == nil || k.Remaining < best.Remaining) {
			best = k
		}
	}
	return best
}
