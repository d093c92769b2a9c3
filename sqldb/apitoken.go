package sqldb

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
)

// FindAPITokens lists the API tokens of agentID, or of every agent when
// agentID is "", newest first. The tokens carry their hash (the token
// itself is never stored); views must not show it.
func (s *AgentService) FindAPITokens(ctx context.Context, agentID string) ([]*proofdesk.APIToken, error) {
	q := `SELECT id, 'agent', agent_id, name, hash, created_at, last_used_at FROM api_tokens`
	var args []any
	if agentID != "" {
		q += ` WHERE agent_id = ?`
		args = append(args, agentID)
	} else {
		q += ` UNION ALL SELECT id, 'integration', '', name, hash, created_at, last_used_at FROM integration_tokens`
	}
	rows, err := s.db.reader().query(ctx, q+` ORDER BY 6 DESC, 1 DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("find tokens: %w", err)
	}
	defer rows.Close()
	var out []*proofdesk.APIToken
	for rows.Next() {
		t := &proofdesk.APIToken{}
		var last nullTime
		if err := rows.Scan(&t.ID, &t.Kind, &t.AgentID, &t.Name, &t.Hash, timeScan{&t.CreatedAt}, &last); err != nil {
			return nil, fmt.Errorf("scan token: %w", wrapErr(err))
		}
		t.LastUsedAt = last.t
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeAPIToken deletes the token, so it no longer authenticates, and
// audits it as "token.revoke". Returns ENOTFOUND if no token has that ID.
func (s *AgentService) RevokeAPIToken(ctx context.Context, id string) error {
	return s.db.WithTx(ctx, func(tx *Tx) error {
		var agentID string
		table := "api_tokens"
		if err := tx.queryRow(ctx, `SELECT agent_id FROM api_tokens WHERE id = ?`, id).Scan(&agentID); err != nil {
			if err = wrapErr(err); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
				return fmt.Errorf("find token: %w", err)
			}
			var n int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM integration_tokens WHERE id = ?`, id).Scan(&n); err != nil {
				return fmt.Errorf("find token: %w", err)
			}
			if n == 0 {
				return notFound("API token")
			}
			table = "integration_tokens"
		}
		if _, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete token: %w", wrapErr(err))
		}
		return tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditTokenRevoke, SubjectKind: "agent", SubjectID: agentID,
			Detail: map[string]string{"credential_id": id}})
	})
}

// createIntegrationToken stores an integration token (no agent) and audits
// it as "token.create".
func (s *AgentService) createIntegrationToken(ctx context.Context, t *proofdesk.APIToken) error {
	if t.AgentID != "" {
		return proofdesk.FieldError("agent_id", "an integration token acts for no agent")
	}
	if strings.TrimSpace(t.Name) == "" || len(t.Name) > 100 {
		return proofdesk.FieldError("name", "an integration token needs a name of 1 to 100 bytes")
	}
	return s.db.WithTx(ctx, func(tx *Tx) error {
		t.ID = proofdesk.NewID("itk")
		t.CreatedAt = tx.now
		if _, err := tx.exec(ctx, `INSERT INTO integration_tokens (id, name, hash, created_at) VALUES (?, ?, ?, ?)`,
			t.ID, t.Name, t.Hash, fmtTime(t.CreatedAt)); err != nil {
			return fmt.Errorf("insert token: %w", wrapErr(err))
		}
		return tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditTokenCreate, SubjectKind: "integration", SubjectID: t.ID,
			Detail: map[string]string{"credential_id": t.ID, "kind": proofdesk.TokenIntegration}})
	})
}

// findIntegrationByTokenHash returns the integration an integration token
// stands for, as an Agent of RoleIntegration with the token's ID, or
// EUNAUTHORIZED.
func (s *AgentService) findIntegrationByTokenHash(ctx context.Context, hash string) (*proofdesk.Agent, error) {
	h := s.db.reader()
	a := &proofdesk.Agent{Role: proofdesk.RoleIntegration}
	var last nullTime
	err := h.queryRow(ctx, `SELECT id, name, created_at, last_used_at FROM integration_tokens WHERE hash = ?`, hash).Scan(&a.ID, &a.Name, timeScan{&a.CreatedAt}, &last)
	if err != nil {
		if proofdesk.ErrorCode(wrapErr(err)) == proofdesk.ENOTFOUND {
			return nil, proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Invalid API token.")
		}
		return nil, fmt.Errorf("find token: %w", err)
	}
	now := s.db.Now()
	if last.t == nil || now.Sub(*last.t) > time.Minute {
		if _, err := s.db.wdb.ExecContext(ctx, s.db.rebind(`UPDATE integration_tokens SET last_used_at = ? WHERE id = ?`), fmtTime(now), a.ID); err != nil {
			s.db.logger.Warn("record token use", slogErr(err))
		}
	}
	return a, nil
}
