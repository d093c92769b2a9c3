package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/proofdesk/proofdesk"
)

// SaveSLAConfig replaces the service-level configuration; the caller
// validated and decided.
func (tx *Tx) SaveSLAConfig(ctx context.Context, c *proofdesk.SLAConfig) error {
	for _, q := range []string{`DELETE FROM sla_targets`, `DELETE FROM sla_business_hours`} {
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("save sla: %w", err)
		}
	}
	for p, t := range c.Targets {
		if _, err := tx.exec(ctx, `INSERT INTO sla_targets (priority, first_response_seconds, next_response_seconds, resolution_seconds) VALUES (?, ?, ?, ?)`,
			p, int64(t.FirstResponse/time.Second), int64(t.NextResponse/time.Second), int64(t.Resolution/time.Second)); err != nil {
			return fmt.Errorf("save sla: %w", wrapErr(err))
		}
	}
	esc, err := json.Marshal(c.Escalation)
	if err != nil {
		return fmt.Errorf("save sla: %w", err)
	}
	if err := tx.putSetting(ctx, slaEscalationKey, string(esc)); err != nil {
		return fmt.Errorf("save sla: %w", err)
	}
	for team, h := range c.Hours {
		hol, _ := json.Marshal(h.Holidays)
		if _, err := tx.exec(ctx, `INSERT INTO sla_business_hours (team, schedule, time_zone, holidays) VALUES (?, ?, ?, ?)`,
			team, h.Schedule, h.TimeZone, string(hol)); err != nil {
			return fmt.Errorf("save sla: %w", wrapErr(err))
		}
	}
	return nil
}

// slaEscalationKey is the setting holding SLAConfig.Escalation as JSON
// (a map by priority).
const slaEscalationKey = "sla_escalation"

// FindSLAConfig returns the service-level configuration (empty maps when
// none is set).
func (h *Handle) FindSLAConfig(ctx context.Context) (*proofdesk.SLAConfig, error) {
	c := &proofdesk.SLAConfig{Targets: map[string]proofdesk.SLATargets{}, Hours: map[string]proofdesk.SLAHoursInput{},
		Escalation: map[string]proofdesk.SLAEscalation{}}
	if v, err := h.setting(ctx, slaEscalationKey); err == nil {
		if err := json.Unmarshal([]byte(v), &c.Escalation); err != nil {
			return nil, fmt.Errorf("find sla: escalation: %w", err)
		}
		if c.Escalation == nil {
			c.Escalation = map[string]proofdesk.SLAEscalation{}
		}
	} else if proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
		return nil, fmt.Errorf("find sla: %w", err)
	}
	err := h.scanRows(ctx, `SELECT priority, first_response_seconds, next_response_seconds, resolution_seconds FROM sla_targets`, nil, func(row scanner) error {
		var p string
		var f, n, r int64
		if err := row.Scan(&p, &f, &n, &r); err != nil {
			return err
		}
		c.Targets[p] = proofdesk.SLATargets{FirstResponse: time.Duration(f) * time.Second, NextResponse: time.Duration(n) * time.Second, Resolution: time.Duration(r) * time.Second}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find sla: %w", err)
	}
	err = h.scanRows(ctx, `SELECT team, schedule, time_zone, holidays FROM sla_business_hours`, nil, func(row scanner) error {
		var team, hol string
		var in proofdesk.SLAHoursInput
		if err := row.Scan(&team, &in.Schedule, &in.TimeZone, &hol); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(hol), &in.Holidays); err != nil {
			return err
		}
		c.Hours[team] = in
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find sla: %w", err)
	}
	return c, nil
}

// SLAFacts gathers what the SLA clocks of a conversation depend on, from
// its stored history and the conversation's priority (one stored without
// one is proofdesk.DefaultPriority). Errors: ENOTFOUND.
func (h *Handle) SLAFacts(ctx context.Context, convID string) (*proofdesk.Conversation, proofdesk.SLAFacts, error) {
	conv, _, err := h.findConversationByID(ctx, convID)
	if err != nil {
		return nil, proofdesk.SLAFacts{}, err
	}
	f := proofdesk.SLAFacts{CreatedAt: conv.CreatedAt, Priority: conv.Priority}
	if !proofdesk.ValidPriority(f.Priority) {
		f.Priority = proofdesk.DefaultPriority
	}
	err = h.scanRows(ctx, `SELECT status, at FROM conversation_status_changes WHERE conversation_id = ? ORDER BY at`, []any{convID}, func(row scanner) error {
		var c proofdesk.StatusChange
		if err := row.Scan(&c.Status, timeScan{&c.At}); err != nil {
			return err
		}
		f.History = append(f.History, c)
		return nil
	})
	if err != nil {
		return nil, f, fmt.Errorf("sla facts: %w", err)
	}
	var first, last nullTime
	if err := h.queryRow(ctx, `SELECT MIN(created_at), MAX(created_at) FROM messages WHERE conversation_id = ? AND author_kind = 'agent' AND internal = 0`,
		convID).Scan(&first, &last); err != nil {
		return nil, f, fmt.Errorf("sla facts: %w", err)
	}
	f.FirstReply = first.t
	if last.t != nil {
		var waiting nullTime
		if err := h.queryRow(ctx, `SELECT MIN(created_at) FROM messages WHERE conversation_id = ? AND author_kind = 'customer' AND created_at > ?`,
			convID, fmtTime(*last.t)).Scan(&waiting); err != nil {
			return nil, f, fmt.Errorf("sla facts: %w", err)
		}
		f.AwaitingSince = waiting.t
	}
	if conv.Status == proofdesk.StatusResolved {
		at := conv.UpdatedAt
		for _, c := range f.History {
			if c.Status == proofdesk.StatusResolved {
				at = c.At
			}
		}
		f.ResolvedAt = &at
	}
	return conv, f, nil
}

// UnresolvedConversations returns the IDs of conversations not resolved,
// oldest first, at most limit.
func (h *Handle) UnresolvedConversations(ctx context.Context, limit int) ([]string, error) {
	var out []string
	err := h.scanRows(ctx, fmt.Sprintf(`SELECT id FROM conversations WHERE status <> 'resolved' ORDER BY created_at LIMIT %d`, limit), nil, func(row scanner) error {
		var id string
		if err := row.Scan(&id); err != nil {
			return err
		}
		out = append(out, id)
		return nil
	})
	return out, err
}

// RecordBreach records that target of a conversation was breached, once:
// it reports whether this call recorded it.
func (tx *Tx) RecordBreach(ctx context.Context, convID, target string) (bool, error) {
	r, err := tx.exec(ctx, `INSERT INTO sla_breaches (conversation_id, target, breached_at) VALUES (?, ?, ?) ON CONFLICT (conversation_id, target) DO NOTHING`,
		convID, target, fmtTime(tx.now))
	if err != nil {
		return false, fmt.Errorf("record breach: %w", wrapErr(err))
	}
	n, _ := r.RowsAffected()
	return n == 1, nil
}
