package desk

import (
	"context"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// NotificationSettings returns the context's agent's own notification
// settings (the gate's refusal without an agent).
func (d *Desk) NotificationSettings(ctx context.Context) (proofdesk.NotificationSettings, error) {
	// Any agent, for themselves only (proofdesk.Decide, as saved views).
	if err := allow(ctx, proofdesk.DoConversation); err != nil {
		return proofdesk.NotificationSettings{}, err
	}
	me := proofdesk.AgentIDFromContext(ctx)
	return d.db.Read().NotificationSettings(ctx, me)
}

// SetNotificationSettings stores the context's agent's own notification
// settings and returns them normalized. Errors: the gate's refusal without an
// agent (integration tokens), EINVALID for an unknown kind. An agent only ever sets their own.
func (d *Desk) SetNotificationSettings(ctx context.Context, s proofdesk.NotificationSettings) (proofdesk.NotificationSettings, error) {
	// Any agent, for themselves only (proofdesk.Decide, as saved views).
	if err := allow(ctx, proofdesk.DoConversation); err != nil {
		return proofdesk.NotificationSettings{}, err
	}
	me := proofdesk.AgentIDFromContext(ctx)
	s, err := s.Normalize()
	if err != nil {
		return s, err
	}
	return s, d.db.WithTx(ctx, func(tx *sqldb.Tx) error { return tx.SetNotificationSettings(ctx, me, s) })
}

// NotifyMention tells each of agentIDs that an internal note on
// conversation convID mentions them: live (proofdesk.EventMention, after
// the commit) and by email for those who chose it, in one transaction.
func (d *Desk) NotifyMention(ctx context.Context, convID string, agentIDs []string) error {
	if len(agentIDs) == 0 {
		return nil
	}
	return d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := tx.FindConversation(ctx, convID); err != nil {
			return err
		}
		for _, id := range agentIDs {
			tx.Changed(proofdesk.Event{Type: proofdesk.EventMention, ConversationID: convID, AuthorKind: proofdesk.AuthorAgent, AgentID: id})
		}
		return d.notifyAgents(ctx, tx, proofdesk.NotifyMention, convID, agentIDs...)
	})
}

// notifyAgents queues in tx the notification emails of kind about convID
// to those of agentIDs who chose them: the kind and the link only.
func (d *Desk) notifyAgents(ctx context.Context, tx *sqldb.Tx, kind, convID string, agentIDs ...string) error {
	return tx.NotifyAgentsByEmail(ctx, kind, convID, d.db.ConversationLink(convID), agentIDs)
}
