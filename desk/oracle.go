package desk

import (
	"context"
	"fmt"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// The guard is no oracle (issue 10, item 7): an agent who learns from
// "blocked" or "sent", or from an exact-value lookup's answer, whether a
// guessed value is on file is stopped. Each blocked reply, each sent
// reply naming a candidate value above the conversation's level that the
// agent has not named in the hour (a wrong guess, sent: countCandidates)
// and each exact-value lookup is an audit
// entry under the agent; past Config.OracleLimitPerHour blocks and such
// replies (or Config.LookupLimitPerHour lookups)
// in the last hour supervisors are alerted and the agent's replies and lookups pause (a fact given to
// proofdesk.Decide) until the hour passes or a supervisor clears it.
// Linking a conversation whose requester claims an email or phone to a
// customer counts as a lookup too (requesterLookup): its risk signals say
// whether the claim is on file.

// insiderActions are the audit actions the insider alert counts: reveals,
// blocked replies and exact-value lookups alike.
var insiderActions = []string{proofdesk.AuditReveal, proofdesk.AuditDisclosureBlocked, proofdesk.AuditGuardCandidate, proofdesk.AuditLookup}

// limits returns the audit actions counted towards the pause, each set
// with its hourly limit: blocked replies together with sent replies that
// name candidate values (AuditGuardCandidate: each answers a guess as a
// block does), and exact-value lookups (more: an agent links
// conversations by email or phone many times a day).
func (d *Desk) limits() []struct {
	actions []string
	limit   int
} {
	return []struct {
		actions []string
		limit   int
	}{{[]string{proofdesk.AuditDisclosureBlocked, proofdesk.AuditGuardCandidate}, d.cfg.OracleLimitPerHour}, {[]string{proofdesk.AuditLookup}, d.cfg.LookupLimitPerHour}}
}

// pausedUntil returns when agentID's pause ends, or the zero time if the
// agent is not paused: the moment their blocked replies (or their
// lookups) in the last hour, since a supervisor last cleared them, fall
// back to the limit.
func (d *Desk) pausedUntil(ctx context.Context, h *sqldb.Handle, agentID string) (time.Time, error) {
	var until time.Time
	if agentID == "" {
		return until, nil
	}
	for _, l := range d.limits() {
		times, err := d.oracleTimes(ctx, h, agentID, l.actions)
		if err != nil {
			return time.Time{}, err
		}
		if over := len(times) - l.limit; over > 0 && times[over-1].Add(time.Hour).After(until) {
			until = times[over-1].Add(time.Hour)
		}
	}
	return until, nil
}

// oracleTimes returns the times of agentID's audit entries of action in
// the last hour, after the last time a supervisor cleared their pause.
func (d *Desk) oracleTimes(ctx context.Context, h *sqldb.Handle, agentID string, actions []string) ([]time.Time, error) {
	since := h.Now().Add(-time.Hour)
	cleared, ok, err := h.LastAuditAt(ctx, proofdesk.AuditPauseCleared, "agent", agentID)
	if err != nil {
		return nil, err
	}
	if ok && cleared.After(since) {
		since = cleared
	}
	return h.AuditTimes(ctx, agentID, actions, since)
}

// watchAgent runs after a blocked reply (blocked) or an exact-value
// lookup by agentID has been audited: the moment the agent passes the
// limit, supervisors are alerted (the pause follows from the same count);
// the insider alert counts it like a reveal.
func (d *Desk) watchAgent(ctx context.Context, tx *sqldb.Tx, agentID, conversationID string, blocked bool) error {
	if agentID == "" {
		return nil
	}
	l := d.limits()[1]
	what := "exact-value customer lookups"
	if blocked {
		l, what = d.limits()[0], "blocked replies and replies naming guessed values"
	}
	times, err := d.oracleTimes(ctx, &tx.Handle, agentID, l.actions)
	if err != nil {
		return err
	}
	if len(times) == l.limit+1 {
		if err := tx.AlertSupervisors(ctx, "guard_oracle", conversationID, fmt.Sprintf(
			"Agent %s had %d %s in the last hour (limit %d): this is how an insider tests guesses against the guard. Their replies and lookups are paused until %s UTC or until a supervisor clears the pause (DELETE /api/v1/agents/%s/pause).",
			agentID, len(times), what, l.limit, times[0].Add(time.Hour).UTC().Format("15:04"), agentID)); err != nil {
			return err
		}
	}
	return d.watchInsider(ctx, tx, agentID, conversationID)
}

// watchInsider alerts supervisors the moment an agent's reveals, blocked
// replies and exact-value lookups in the last hour pass
// Config.RevealAlertPerHour (the bribed-insider case).
func (d *Desk) watchInsider(ctx context.Context, tx *sqldb.Tx, agentID, conversationID string) error {
	times, err := tx.AuditTimes(ctx, agentID, insiderActions, tx.Now().Add(-time.Hour))
	if err != nil {
		return err
	}
	n := len(times)
	if n != d.cfg.RevealAlertPerHour+1 {
		return nil
	}
	return tx.AlertSupervisors(ctx, "reveal_volume", conversationID,
		fmt.Sprintf("Agent %s revealed, tried to send or looked up customer data %d times in the last hour (threshold %d).", agentID, n, d.cfg.RevealAlertPerHour))
}

// LookupCustomers finds customers by f. A lookup by an exact value
// (f.Email, f.Phone or f.ExternalID) by an agent is a gate action
// (proofdesk.DoLookup): refused while the agent is paused, otherwise
// audited (the key's kind, how many matched and the customer found when
// one did, never the value)
// and counted towards the agent's hourly limit. The integration looks up
// unaudited: it is the system of record. Errors: EUNAUTHORIZED without an
// actor, EFORBIDDEN (rule "oracle.paused") while paused, and the store's.
func (d *Desk) LookupCustomers(ctx context.Context, f proofdesk.CustomerFilter) ([]*proofdesk.Customer, int, error) {
	var kinds []string
	if f.Email != nil {
		kinds = append(kinds, "email")
	}
	if f.Phone != nil {
		kinds = append(kinds, "phone")
	}
	if f.ExternalID != nil {
		kinds = append(kinds, "external_id")
	}
	var out []*proofdesk.Customer
	var total int
	var refused error
	err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if len(kinds) == 0 {
			out, total, err = tx.FindCustomers(ctx, f)
			return err
		}
		in, dec, err := d.askLookup(ctx, tx, proofdesk.AgentFromContext(ctx))
		if err != nil {
			return err
		}
		if !dec.Allowed {
			refused = dec.Err(in)
			return refused
		}
		if out, total, err = tx.FindCustomers(ctx, f); err != nil {
			return err
		}
		if !dec.Audit {
			return nil
		}
		detail := map[string]string{"by": fmt.Sprint(kinds), "found": fmt.Sprint(total)}
		subject := ""
		if len(out) == 1 {
			subject = out[0].ID // whom the agent found, for an investigation
		}
		if err := tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditLookup, SubjectKind: "customer", SubjectID: subject, Detail: detail}); err != nil {
			return err
		}
		return d.watchAgent(ctx, tx, in.Actor.ID, "", false)
	})
	if refused != nil {
		if aerr := d.db.AuditRefusal(ctx, proofdesk.DoLookup, "agent", proofdesk.ActorOf(proofdesk.AgentFromContext(ctx)).ID, refused, map[string]string{"by": fmt.Sprint(kinds)}); aerr != nil {
			return nil, 0, aerr
		}
		return nil, 0, refused
	}
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// requesterLookup counts, as an exact-value lookup, conv when an agent
// links it to a customer (or creates it linked) while its requester claims
// an email or a phone: the desk then compares the claim with the
// customer's contact points and shows the result (the risk signal
// contact_not_on_file), so an agent who opens a conversation with a
// guessed requester address or number learns whether it is on file, as
// with GET /api/v1/customers?email=. Like LookupCustomers it is a gate
// action (proofdesk.DoLookup): refused while the agent is paused (the
// refusal is stored in *refused and returned), otherwise audited
// (AuditLookup on the customer, by requester_email and/or requester_phone,
// never the value) and counted towards the agent's hourly lookup limit.
// Nobody else is counted: inbound mail, calls and the widget set the
// requester from the channel, and the integration is the system of record.
func (d *Desk) requesterLookup(ctx context.Context, tx *sqldb.Tx, conv *proofdesk.Conversation, refused *error) error {
	kinds := requesterKinds(conv)
	a := proofdesk.AgentFromContext(ctx)
	if conv.CustomerID == "" || len(kinds) == 0 || a == nil {
		return nil
	}
	in, dec, err := d.askLookup(ctx, tx, a)
	if err != nil {
		return err
	}
	if !dec.Allowed {
		*refused = dec.Err(in)
		return *refused
	}
	if !dec.Audit {
		return nil
	}
	detail := map[string]string{"by": fmt.Sprint(kinds), "via": "conversation"}
	if conv.ID != "" {
		detail["conversation_id"] = conv.ID
	}
	if err := tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditLookup, SubjectKind: "customer", SubjectID: conv.CustomerID, Detail: detail}); err != nil {
		return err
	}
	return d.watchAgent(ctx, tx, in.Actor.ID, conv.ID, false)
}

// askLookup asks proofdesk.Decide whether a (nil: the system) may look a
// customer up by an exact value (DoLookup), with the one fact it needs
// besides the actor: an agent's pause (pausedUntil; the integration and
// the system have none).
func (d *Desk) askLookup(ctx context.Context, tx *sqldb.Tx, a *proofdesk.Agent) (proofdesk.DecisionInput, proofdesk.Decision, error) {
	in := proofdesk.DecisionInput{Action: proofdesk.DoLookup, Actor: proofdesk.ActorOf(a), Now: tx.Now()}
	if proofdesk.ValidRole(in.Actor.Role) {
		var err error
		if in.PausedUntil, err = d.pausedUntil(ctx, &tx.Handle, in.Actor.ID); err != nil {
			return in, proofdesk.Decision{}, err
		}
	}
	return in, proofdesk.Decide(in), nil
}

// requesterKinds names the contact claims of conv's requester.
func requesterKinds(conv *proofdesk.Conversation) []string {
	var kinds []string
	if conv.Requester.Email != "" {
		kinds = append(kinds, "requester_email")
	}
	if conv.Requester.Phone != "" {
		kinds = append(kinds, "requester_phone")
	}
	return kinds
}

// CreateConversation is the store's CreateConversation, with a
// conversation an agent creates linked to a customer and with a requester
// email or phone counted first as an exact-value lookup (requesterLookup):
// audited and counted even if the creation then fails; refused, and
// nothing created, while the agent is paused. Errors: the gate's refusal
// (EFORBIDDEN, rule "oracle.paused") and the store's.
func (c *Conversations) CreateConversation(ctx context.Context, conv *proofdesk.Conversation, first *proofdesk.Message) error {
	if conv.CustomerID != "" && len(requesterKinds(conv)) > 0 && proofdesk.AgentFromContext(ctx) != nil {
		var refused error
		err := c.d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
			if _, err := tx.FindCustomer(ctx, conv.CustomerID); err != nil {
				if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
					return proofdesk.FieldError("customer_id", "customer_id names no customer")
				}
				return err
			}
			return c.d.requesterLookup(ctx, tx, conv, &refused)
		})
		if refused != nil {
			if aerr := c.d.db.AuditRefusal(ctx, proofdesk.DoLookup, "customer", conv.CustomerID, refused,
				map[string]string{"by": fmt.Sprint(requesterKinds(conv)), "via": "conversation"}); aerr != nil {
				return aerr
			}
			return refused
		}
		if err != nil {
			return err
		}
	}
	return c.ConversationService.CreateConversation(ctx, conv, first)
}

// ClearPause lifts agentID's pause now (a supervisor's decision, audited
// with the reason): their blocked replies and lookups count again from
// zero. Errors: EUNAUTHORIZED without an agent, EFORBIDDEN for anyone but
// a supervisor, EINVALID for a missing reason, ENOTFOUND for an unknown
// agent.
func (d *Desk) ClearPause(ctx context.Context, agentID, reason string) error {
	if !proofdesk.ValidReason(reason) {
		return proofdesk.FieldError("reason", "reason is required (3 to 500 bytes, in words): say why the pause can be lifted")
	}
	var refused error
	err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		in := proofdesk.DecisionInput{Action: proofdesk.DoClearPause, Actor: proofdesk.ActorOf(proofdesk.AgentFromContext(ctx)), TargetID: agentID, Now: tx.Now()}
		dec := proofdesk.Decide(in)
		if !dec.Allowed {
			refused = dec.Err(in)
			return refused
		}
		if _, err := tx.FindAgent(ctx, agentID); err != nil {
			return err
		}
		return tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditPauseCleared, SubjectKind: "agent", SubjectID: agentID,
			Detail: map[string]string{"reason": reason}})
	})
	if refused != nil {
		if aerr := d.db.AuditRefusal(ctx, proofdesk.DoClearPause, "agent", agentID, refused, nil); aerr != nil {
			return aerr
		}
	}
	return err
}

// PausedUntil returns when agentID's replies and lookups resume, or the
// zero time if they are not paused, for the agent themself or a
// supervisor (proofdesk.Decide, DoViewPause). Errors: the gate's refusal
// (EFORBIDDEN, EUNAUTHORIZED).
func (d *Desk) PausedUntil(ctx context.Context, agentID string) (time.Time, error) {
	var until time.Time
	in := proofdesk.DecisionInput{Action: proofdesk.DoViewPause, Actor: proofdesk.ActorOf(proofdesk.AgentFromContext(ctx)), TargetID: agentID}
	if dec := proofdesk.Decide(in); !dec.Allowed {
		return until, dec.Err(in)
	}
	err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		until, err = d.pausedUntil(ctx, &tx.Handle, agentID)
		return err
	})
	return until, err
}
