package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// NotificationSettings returns agentID's notification settings, or
// proofdesk.DefaultNotificationSettings when the agent never chose.
func (h *Handle) NotificationSettings(ctx context.Context, agentID string) (proofdesk.NotificationSettings, error) {
	var kinds string
	var email int
	err := h.queryRow(ctx, `SELECT kinds, email FROM agent_notification_settings WHERE agent_id = ?`, agentID).Scan(&kinds, &email)
	if errors.Is(err, sql.ErrNoRows) {
		return proofdesk.DefaultNotificationSettings(), nil
	}
	if err != nil {
		return proofdesk.NotificationSettings{}, fmt.Errorf("notification settings: %w", err)
	}
	s := proofdesk.NotificationSettings{Kinds: []string{}, Email: email != 0}
	if kinds != "" {
		s.Kinds = strings.Split(kinds, ",")
	}
	return s, nil
}

// SetNotificationSettings stores agentID's notification settings (s
// already normalized: proofdesk.NotificationSettings.Normalize). It
// decides nothing.
func (tx *Tx) SetNotificationSettings(ctx context.Context, agentID string, s proofdesk.NotificationSettings) error {
	if _, err := tx.exec(ctx, `INSERT INTO agent_notification_settings (agent_id, kinds, email, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (agent_id) DO UPDATE SET kinds = excluded.kinds, email = excluded.email, updated_at = excluded.updated_at`,
		agentID, strings.Join(s.Kinds, ","), boolInt(s.Email), fmtTime(tx.now)); err != nil {
		return fmt.Errorf("set notification settings: %w", wrapErr(err))
	}
	return nil
}

// NotifyAgentsByEmail queues, in this transaction, one email of kind
// (proofdesk.NotifyAssigned, ...) to each active agent of agentIDs who
// chose that kind and email, carrying the kind and link only (never a
// message body or customer data), so nothing is sent for a change that
// rolls back. It decides nothing.
func (tx *Tx) NotifyAgentsByEmail(ctx context.Context, kind, conversationID, link string, agentIDs []string) error {
	seen := map[string]bool{}
	for _, id := range agentIDs {
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		s, err := tx.NotificationSettings(ctx, id)
		if err != nil {
			return err
		}
		if !s.Email || !s.Has(kind) {
			continue
		}
		a, err := tx.FindAgent(ctx, id)
		if err != nil {
			if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
				continue
			}
			return err
		}
		if a.Disabled {
			continue
		}
		body := proofdesk.AgentNoticeSubject(kind) + ".\n\nOpen it in the console: " + link + "\n\n" +
			"You chose these emails on your account page in the console, where you can turn them off.\n"
		if err := tx.enqueue(ctx, &proofdesk.OutboxMessage{Kind: proofdesk.OutboxEmail, Purpose: "agent_notice", ConversationID: conversationID,
			To: a.Email, Subject: proofdesk.AgentNoticeSubject(kind), Body: body}, nil); err != nil {
			return err
		}
	}
	return nil
}

// SetConsoleURL sets the public URL of Proofdesk that agents' notification
// emails link to (desk.New sets it from desk.Config.BaseURL).
func (db *DB) SetConsoleURL(u string) { db.consoleURL = strings.TrimRight(u, "/") }

// ConversationLink is the console address of conversation id.
func (db *DB) ConversationLink(id string) string {
	base := db.consoleURL
	if base == "" {
		base = "http://localhost:8080"
	}
	return base + "/conversations/" + id
}

// queueAgentNotices queues, before the commit, the emails of the agents
// who chose them for what tx changed: a customer's message in a
// conversation an agent holds (proofdesk.NotifyReply, to the holder) and
// a new unassigned chat (proofdesk.NotifyNewChat, to every agent who
// chose it), once per conversation and kind.
func (tx *Tx) queueAgentNotices(ctx context.Context) error {
	done := map[string]bool{}
	for _, ev := range tx.changes {
		var kind string
		switch {
		case ev.Type == proofdesk.EventMessageCreated && ev.AuthorKind == proofdesk.AuthorCustomer:
			kind = proofdesk.NotifyReply
		case ev.Type == proofdesk.EventConversationCreated:
			kind = proofdesk.NotifyNewChat
		default:
			continue
		}
		if done[kind+ev.ConversationID] {
			continue
		}
		done[kind+ev.ConversationID] = true
		// The two columns asked, not the conversation decrypted: this
		// runs on every customer message.
		var assignee, channel string
		err := tx.queryRow(ctx, `SELECT COALESCE(assignee_id, ''), channel FROM conversations WHERE id = ?`, ev.ConversationID).Scan(&assignee, &channel)
		if err = wrapErr(err); proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
			continue
		} else if err != nil {
			return fmt.Errorf("agent notices: %w", err)
		}
		var to []string
		if kind == proofdesk.NotifyReply {
			if assignee == "" {
				continue
			}
			to = []string{assignee}
		} else {
			if assignee != "" || channel != proofdesk.ChannelChat {
				continue
			}
			if to, err = tx.emailNotified(ctx); err != nil {
				return err
			}
		}
		if err := tx.NotifyAgentsByEmail(ctx, kind, ev.ConversationID, tx.db.ConversationLink(ev.ConversationID), to); err != nil {
			return err
		}
	}
	return nil
}

// emailNotified lists the agents who chose email notifications.
func (tx *Tx) emailNotified(ctx context.Context) ([]string, error) {
	rows, err := tx.query(ctx, `SELECT agent_id FROM agent_notification_settings WHERE email = 1 ORDER BY agent_id`)
	if err != nil {
		return nil, fmt.Errorf("email-notified agents: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
