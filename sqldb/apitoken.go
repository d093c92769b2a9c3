package sqldb

import (
	"context"
	"fmt"

	"github.com/proofdesk/proofdesk"
)

// FindAPITokens lists the API tokens of agentID, or of every agent when
// agentID is "", newest first. The tokens carry their hash (the token
// itself is never stored); views must not show it.
func (s *AgentService) FindAPITokens(ctx context.Context, agentID string) ([]*proofdesk.APIToken, error) {
	q := `SELECT id, agent_id, name, hash, created_at, last_used_at FROM api_tokens`
	var args []any
	if agentID != "" {
		q += ` WHERE agent_id = ?`
		args = append(args, agentID)
	}
	rows, err := s.db.reader().query(ctx, q+` ORDER BY created_at DESC, id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("find tokens: %w", err)
	}
	defer rows.Close()
	var out []*proofdesk.APIToken
	for rows.Next() {
		t := &proofdesk.APIToken{}
		var last nullTime
		if err := rows.Scan(&t.ID, &t.AgentID, &t.Name, &t.Hash, timeScan{&t.CreatedAt}, &last); err != nil {
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
		if err := tx.queryRow(ctx, `SELECT agent_id FROM api_tokens WHERE id = ?`, id).Scan(&agentID); err != nil {
			if err = wrapErr(err); proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
				return notFound("API token")
			}
			return fmt.Errorf("find token: %w", err)
		}
		if _, err := tx.exec(ctx, `DELETE FROM api_tokens WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete token: %w", wrapErr(err))
		}
		return tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditTokenRevoke, SubjectKind: "agent", SubjectID: agentID,
			Detail: map[string]string{"credential_id": id}})
	})
}
