package desk

import (
	"context"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// takeOverNotice is what the owner is told when a supervisor breaks glass
// to take over a conversation they verified themselves in.
// takeOverNotice is the owner notice of a break-glass take-over.
var takeOverNotice = ownerNote("o_takeover", "")

// UpdateConversation applies upd to the conversation id, each part as
// proofdesk.Decide rules it: linking to another customer (DoLink: a
// relink is a supervisor's, and the level drops to L0), assigning
// (DoAssign: a hand-over by the holder keeps the level; anyone else's
// move of a verified conversation drops it to L0, unless a supervisor
// breaks glass with upd.BreakGlassReason: audited, flagged, the owner
// told), then status, team and tags. A refusal changes nothing and is
// audited as a refused link or assignment. Errors: ENOTFOUND, EINVALID
// (customer_id or assignee_id naming nothing, a bad status) and the
// gate's refusal (EFORBIDDEN, EVERIFICATION, ELOCKED).
func (d *Desk) UpdateConversation(ctx context.Context, id string, upd proofdesk.ConversationUpdate) (*proofdesk.Conversation, error) {
	var out *proofdesk.Conversation
	var refused error
	refusedAction := proofdesk.DoAssign
	err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		c, err := tx.FindConversation(ctx, id)
		if err != nil {
			return err
		}
		var changed []string
		if upd.CustomerID != nil && *upd.CustomerID != c.CustomerID {
			if err := link(ctx, tx, c, *upd.CustomerID, &refused); err != nil {
				if refused != nil {
					refusedAction = proofdesk.DoLink
				}
				return err
			}
			changed = append(changed, "customer_id")
			// the requester's claims meet the customer's data: a lookup
			if err := d.requesterLookup(ctx, tx, c, &refused); err != nil {
				if refused != nil {
					refusedAction = proofdesk.DoLookup
				}
				return err
			}
		}
		if upd.Status != nil && *upd.Status != c.Status && !proofdesk.ValidStatus(*upd.Status) {
			return proofdesk.FieldError("status", "status must be one of open, pending, snoozed, resolved")
		}
		if upd.AssigneeID != nil && *upd.AssigneeID != c.AssigneeID {
			if *upd.AssigneeID != "" {
				if _, err := tx.FindAgent(ctx, *upd.AssigneeID); err != nil {
					if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
						return proofdesk.FieldError("assignee_id", "assignee_id names no agent")
					}
					return err
				}
			}
			if err := assign(ctx, tx, c, *upd.AssigneeID, upd.BreakGlassReason, false, &refused); err != nil {
				return err
			}
			changed = append(changed, "assignee_id")
			// A colleague given the conversation is told by email, if they
			// chose so, with this change (the console tells them live).
			if c.AssigneeID != "" && c.AssigneeID != proofdesk.AgentIDFromContext(ctx) {
				if err := d.notifyAgents(ctx, tx, proofdesk.NotifyAssigned, c.ID, c.AssigneeID); err != nil {
					return err
				}
			}
		}
		out = c
		if err := tx.SaveConversation(ctx, c, upd, changed); err != nil {
			return err
		}
		tx.Changed(proofdesk.Event{Type: proofdesk.EventConversationUpdated, ConversationID: c.ID, Status: c.Status, Level: c.EffectiveLevel(tx.Now()).String(),
			AssigneeID: c.AssigneeID, Team: c.Team})
		return nil
	})
	if refused != nil && proofdesk.ErrorCode(refused) != proofdesk.EUNAUTHORIZED {
		if aerr := d.db.AuditRefusal(ctx, refusedAction, "conversation", id, refused, nil); aerr != nil {
			return nil, aerr
		}
		return nil, refused
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// link moves c to the customer customerID ("" unlinks) as
// proofdesk.Decide rules it (DoLink); the level drops to L0. A refusal is
// stored in *refused and returned.
func link(ctx context.Context, tx *sqldb.Tx, c *proofdesk.Conversation, customerID string, refused *error) error {
	in, err := tx.DecisionFacts(ctx, proofdesk.DoLink, c, nil)
	if err != nil {
		return err
	}
	if in.Linked {
		if err := moveFacts(ctx, tx, c.ID, &in); err != nil {
			return err
		}
	}
	if dec := proofdesk.Decide(in); !dec.Allowed {
		*refused = dec.Err(in)
		return *refused
	}
	if customerID != "" {
		cust, err := tx.FindCustomer(ctx, customerID)
		if err != nil {
			if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
				return proofdesk.FieldError("customer_id", "customer_id names no customer")
			}
			return err
		}
		if cust.ErasedAt != nil {
			// What joins a tombstone no erasure would ever remove.
			return &proofdesk.Error{Code: proofdesk.ECONFLICT, Field: "customer_id", Message: "The customer was erased: link the conversation to a new customer record instead."}
		}
	}
	c.CustomerID = customerID
	if c.Level != proofdesk.L0 {
		if err := tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditLevelChange, SubjectKind: "conversation", SubjectID: c.ID,
			Detail: map[string]string{"from": c.Level.String(), "to": "L0", "reason": "linked to another customer"}}); err != nil {
			return err
		}
	}
	return tx.ResetLevel(ctx, c)
}

// moveFacts fills in the legal-hold facts of moving the linked
// conversation convID to another customer (DoLink): whether a hold covers
// it (its own or its customer's, sqldb.Handle.LegalHoldsOn) and the holds
// that did, cleared within proofdesk.TwoPersonWindow
// (sqldb.Handle.LegalHoldClears).
func moveFacts(ctx context.Context, tx *sqldb.Tx, convID string, in *proofdesk.DecisionInput) error {
	holds, err := tx.LegalHoldsOn(ctx, "", convID)
	if err != nil {
		return err
	}
	in.LegalHold = len(holds) > 0
	in.HoldClears, err = tx.LegalHoldClears(ctx, "", convID, tx.Now().Add(-proofdesk.TwoPersonWindow))
	return err
}

// assign moves c to the agent target as proofdesk.Decide rules it
// (DoAssign), asked for the context's agent or, with system, for
// Proofdesk's own routing (auto-assignment). A refusal is stored in
// *refused and returned.
func assign(ctx context.Context, tx *sqldb.Tx, c *proofdesk.Conversation, target, breakGlassReason string, system bool, refused *error) error {
	var cust *proofdesk.Customer
	if c.CustomerID != "" {
		var err error
		if cust, err = tx.FindCustomer(ctx, c.CustomerID); err != nil {
			return err
		}
	}
	in, err := tx.DecisionFacts(ctx, proofdesk.DoAssign, c, cust)
	if err != nil {
		return err
	}
	in.TargetID, in.BreakGlassReason = target, breakGlassReason
	if system {
		in.Actor = proofdesk.Actor{Role: proofdesk.RoleSystem}
	}
	dec := proofdesk.Decide(in)
	if !dec.Allowed {
		*refused = dec.Err(in)
		return *refused
	}
	detail := map[string]string{"from": c.AssigneeID, "to": target, "rule": dec.Rule, "level": in.Level.String()}
	c.AssigneeID = target
	if dec.DropLevel {
		if err := tx.ResetLevel(ctx, c); err != nil {
			return err
		}
		if err := tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditLevelChange, SubjectKind: "conversation", SubjectID: c.ID,
			Detail: map[string]string{"from": in.Level.String(), "to": "L0", "reason": "taken over by another agent"}}); err != nil {
			return err
		}
	}
	if dec.BreakGlass {
		detail["reason"] = breakGlassReason
		if err := tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditBreakGlass, SubjectKind: "conversation", SubjectID: c.ID,
			Detail: map[string]string{"what": "take_over", "reason": breakGlassReason}}); err != nil {
			return err
		}
		if err := tx.SetFlag(ctx, c, proofdesk.RiskBreakGlass); err != nil {
			return err
		}
		if dec.NotifyOwner && cust != nil {
			if err := tx.NotifyOwner(ctx, cust, c, takeOverNotice); err != nil {
				return err
			}
		}
	}
	if dec.DropLevel || dec.BreakGlass {
		return tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditTakeOver, SubjectKind: "conversation", SubjectID: c.ID, Detail: detail})
	}
	return nil
}

// Conversations is the store's conversation service with the desk's use
// cases in front: UpdateConversation assigns and links through the gate.
// It implements proofdesk.ConversationService for the HTTP layers.
type Conversations struct {
	*sqldb.ConversationService
	d *Desk
}

var _ proofdesk.ConversationService = (*Conversations)(nil)

// Conversations returns s with d's UpdateConversation in front.
func (d *Desk) Conversations(s *sqldb.ConversationService) *Conversations {
	return &Conversations{ConversationService: s, d: d}
}

// UpdateConversation is Desk.UpdateConversation.
func (c *Conversations) UpdateConversation(ctx context.Context, id string, upd proofdesk.ConversationUpdate) (*proofdesk.Conversation, error) {
	return c.d.UpdateConversation(ctx, id, upd)
}
