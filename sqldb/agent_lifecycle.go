package sqldb

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// The transaction-level API of the agent lifecycle (desk/agents.go asks
// proofdesk.Decide and calls these): SQL only.

// CountOtherActiveAdmins counts the admins that are neither disabled nor
// removed, other than exceptID.
func (h *Handle) CountOtherActiveAdmins(ctx context.Context, exceptID string) (int, error) {
	var n int
	err := h.queryRow(ctx, `SELECT COUNT(*) FROM agents WHERE role = 'admin' AND disabled = 0 AND removed_at = '' AND id <> ?`, exceptID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count admins: %w", err)
	}
	return n, nil
}

// FindAgentByEmail returns ENOTFOUND if no agent has that email.
func (h *Handle) FindAgentByEmail(ctx context.Context, email string) (*proofdesk.Agent, error) {
	return h.findAgent(ctx, "email", strings.ToLower(strings.TrimSpace(email)))
}

// AgentChangeResult says what a change ended: console sessions and API
// tokens removed.
type AgentChangeResult struct {
	SessionsEnded int
	TokensRevoked int
}

// ApplyAgentChange writes change to agent a (already loaded in this
// transaction and allowed by Decide) and audits it as "agent.change":
//
//   - AgentDisable: disabled; every console session ends and every API
//     token is deleted, in this transaction, so the very next request of
//     either is refused on every node.
//   - AgentEnable: enabled (tokens stay revoked).
//   - AgentRemove: disabled and removed_at set; sessions, tokens and open
//     invitation links deleted.
//   - AgentSetRole: the role is newRole.
//   - AgentResetPassword: the password hash is passwordHash (a random,
//     unknown password); sessions end.
//   - AgentResetTOTP: the second factor is cleared; sessions end.
func (tx *Tx) ApplyAgentChange(ctx context.Context, a *proofdesk.Agent, change, newRole, passwordHash string) (AgentChangeResult, error) {
	var res AgentChangeResult
	detail := map[string]string{"change": change}
	endSessions, revokeTokens := false, false
	switch change {
	case proofdesk.AgentDisable:
		a.Disabled, endSessions, revokeTokens = true, true, true
	case proofdesk.AgentEnable:
		a.Disabled = false
	case proofdesk.AgentRemove:
		now := tx.now
		a.Disabled, a.RemovedAt, endSessions, revokeTokens = true, &now, true, true
		if _, err := tx.exec(ctx, `DELETE FROM agent_invitations WHERE agent_id = ?`, a.ID); err != nil {
			return res, fmt.Errorf("remove agent: %w", wrapErr(err))
		}
	case proofdesk.AgentSetRole:
		detail["from"], detail["to"] = a.Role, newRole
		a.Role = newRole
	case proofdesk.AgentResetPassword:
		if passwordHash == "" {
			return res, fmt.Errorf("reset password: no hash")
		}
		a.PasswordHash, endSessions = passwordHash, true
	case proofdesk.AgentResetTOTP:
		a.TOTPSecret, a.TOTPEnabled, endSessions = "", false, true
	default:
		return res, proofdesk.Errorf(proofdesk.EINVALID, "Unknown agent change.")
	}
	removed := ""
	if a.RemovedAt != nil {
		removed = fmtTime(*a.RemovedAt)
	}
	if _, err := tx.exec(ctx, `UPDATE agents SET role = ?, password_hash = ?, totp_enc = ?, totp_enabled = ?, disabled = ?, removed_at = ? WHERE id = ?`,
		a.Role, a.PasswordHash, tx.db.system.SealString(agentAAD(a.ID), a.TOTPSecret), boolInt(a.TOTPEnabled), boolInt(a.Disabled), removed, a.ID); err != nil {
		return res, fmt.Errorf("update agent: %w", wrapErr(err))
	}
	if endSessions {
		r, err := tx.exec(ctx, `DELETE FROM sessions WHERE agent_id = ?`, a.ID)
		if err != nil {
			return res, fmt.Errorf("end sessions: %w", wrapErr(err))
		}
		n, _ := r.RowsAffected()
		res.SessionsEnded = int(n)
		detail["sessions_ended"] = strconv.Itoa(res.SessionsEnded)
	}
	if revokeTokens {
		r, err := tx.exec(ctx, `DELETE FROM api_tokens WHERE agent_id = ?`, a.ID)
		if err != nil {
			return res, fmt.Errorf("revoke tokens: %w", wrapErr(err))
		}
		n, _ := r.RowsAffected()
		res.TokensRevoked = int(n)
		detail["tokens_revoked"] = strconv.Itoa(res.TokensRevoked)
	}
	return res, tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditAgentChange, SubjectKind: "agent", SubjectID: a.ID, Detail: detail})
}

// CreateAgentInvitation stores inv (IDHash set by the caller, never the
// token) and drops the agent's earlier unused links: one link works at a
// time.
func (tx *Tx) CreateAgentInvitation(ctx context.Context, inv *proofdesk.AgentInvitation) error {
	if len(inv.IDHash) < 32 {
		return fmt.Errorf("invitation: hash is missing")
	}
	if _, err := tx.exec(ctx, `DELETE FROM agent_invitations WHERE agent_id = ? AND used_at = ''`, inv.AgentID); err != nil {
		return fmt.Errorf("invitation: %w", wrapErr(err))
	}
	inv.CreatedAt = tx.now
	if _, err := tx.exec(ctx, `INSERT INTO agent_invitations (id_hash, agent_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		inv.IDHash, inv.AgentID, inv.Purpose, fmtTime(inv.CreatedAt), fmtTime(inv.ExpiresAt)); err != nil {
		return fmt.Errorf("invitation: %w", wrapErr(err))
	}
	return nil
}

// FindAgentInvitation returns the unused, unexpired invitation with that
// hash, or ENOTFOUND (unknown, used or expired alike).
func (h *Handle) FindAgentInvitation(ctx context.Context, idHash string) (*proofdesk.AgentInvitation, error) {
	inv := &proofdesk.AgentInvitation{}
	err := h.queryRow(ctx, `SELECT id_hash, agent_id, purpose, created_at, expires_at FROM agent_invitations WHERE id_hash = ? AND used_at = ''`, idHash).
		Scan(&inv.IDHash, &inv.AgentID, &inv.Purpose, timeScan{&inv.CreatedAt}, timeScan{&inv.ExpiresAt})
	if err != nil {
		if err = wrapErr(err); proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
			return nil, notFound("Invitation")
		}
		return nil, fmt.Errorf("find invitation: %w", err)
	}
	if !h.now.Before(inv.ExpiresAt) {
		return nil, notFound("Invitation")
	}
	return inv, nil
}

// UseAgentInvitation marks the invitation used and sets the agent's
// password hash, audited as "agent.password_set". ENOTFOUND when the
// invitation was used meanwhile.
func (tx *Tx) UseAgentInvitation(ctx context.Context, inv *proofdesk.AgentInvitation, passwordHash string) error {
	r, err := tx.exec(ctx, `UPDATE agent_invitations SET used_at = ? WHERE id_hash = ? AND used_at = ''`, fmtTime(tx.now), inv.IDHash)
	if err != nil {
		return fmt.Errorf("use invitation: %w", wrapErr(err))
	}
	if n, _ := r.RowsAffected(); n != 1 {
		return notFound("Invitation")
	}
	if _, err := tx.exec(ctx, `UPDATE agents SET password_hash = ? WHERE id = ?`, passwordHash, inv.AgentID); err != nil {
		return fmt.Errorf("set password: %w", wrapErr(err))
	}
	return tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditAgentPasswordSet, SubjectKind: "agent", SubjectID: inv.AgentID,
		Detail: map[string]string{"purpose": inv.Purpose}})
}
