package proofdesk

import (
	"context"
	"time"
)

// Changes an admin makes to an agent (DoManageAgent's AgentChange).
const (
	AgentInvite        = "invite"         // create the agent and send a link to set a password and a second factor
	AgentDisable       = "disable"        // no sign-in; sessions end and API tokens are revoked at once
	AgentEnable        = "enable"         // sign in again (with new credentials: the old tokens stay revoked)
	AgentRemove        = "remove"         // disabled for good and listed apart; the row stays for the audit log
	AgentSetRole       = "role"           // change the role (NewRole)
	AgentResetPassword = "reset_password" // the old password stops working; a link to set a new one is sent
	AgentResetTOTP     = "reset_totp"     // the second factor is cleared; the next sign-in enrols a new one
)

// ValidAgentChange reports whether c is a known agent change.
func ValidAgentChange(c string) bool {
	switch c {
	case AgentInvite, AgentDisable, AgentEnable, AgentRemove, AgentSetRole, AgentResetPassword, AgentResetTOTP:
		return true
	}
	return false
}

// AuditAgentChange is the audit action of an agent lifecycle change; the
// entry's detail names the change ("change") and, for a role, the roles.
const AuditAgentChange = "agent.change"

// AuditAgentPasswordSet is the audit action of an agent setting a password
// through an invitation or reset link.
const AuditAgentPasswordSet = "agent.password_set"

// Rules of DoManageAgent.
const (
	RuleLastAdmin    = "agent.last_admin" // the change would leave no active admin
	RuleAgentRemoved = "agent.removed"    // a removed agent is not changed again
)

// AgentInvitation is a link an agent follows to set a password and a
// second factor: after an invitation or a reset. Only the SHA-256 of its
// token is stored (IDHash).
type AgentInvitation struct {
	IDHash    string
	AgentID   string
	Purpose   string // "invite" or "reset"
	CreatedAt time.Time
	ExpiresAt time.Time
}

// decideManageAgent is the rule of DoManageAgent: admins (and the operator
// at the command line) manage agents; no change may leave the desk without
// an active admin, so an admin disables, removes or demotes themselves or
// the last other admin only while another active admin remains; a removed
// agent stays removed. Every change is audited.
func decideManageAgent(in DecisionInput) Decision {
	a := in.Actor
	if a.Role != RoleAdmin && a.Role != RoleSystem {
		return roleRefusal(RuleAdminOnly, RoleAdmin, "Only an admin may manage agents.")
	}
	if !ValidAgentChange(in.AgentChange) {
		return refuse(EINVALID, RuleUnknownAction, "Unknown agent change.")
	}
	if in.AgentChange == AgentSetRole && !ValidRole(in.NewRole) {
		return refuse(EINVALID, RuleUnknownAction, "The role must be admin, supervisor or agent.")
	}
	if in.TargetRemoved {
		return refuse(ECONFLICT, RuleAgentRemoved, "This agent was removed; invite them again under another email if they come back.")
	}
	losesAdmin := in.AgentChange == AgentDisable || in.AgentChange == AgentRemove ||
		(in.AgentChange == AgentSetRole && in.NewRole != RoleAdmin)
	if in.TargetRole == RoleAdmin && !in.TargetDisabled && losesAdmin && in.OtherAdmins == 0 {
		msg := "This is the last active admin: make another agent an admin first."
		if in.TargetID == a.ID {
			msg = "You are the last active admin: make another agent an admin before you step down."
		}
		return refuse(ECONFLICT, RuleLastAdmin, msg)
	}
	return Decision{Allowed: true, Rule: RuleAllowed, Audit: true}
}

// AgentChangeResult is what a lifecycle change did: the agent after it,
// the link to set a password (an invitation or a password reset, also
// mailed to the agent; "" otherwise), and the console sessions and API
// tokens it ended.
type AgentChangeResult struct {
	Agent         *Agent
	Link          string
	SessionsEnded int
	TokensRevoked int
}

// AgentAdmin is the agent lifecycle (desk.Agents): every change asks
// Decide (DoManageAgent), is audited, and the agent is told.
type AgentAdmin interface {
	// InviteAgent creates the agent with an unknown password and mails a
	// link to set one. EINVALID naming the field, ECONFLICT for a taken
	// email, EFORBIDDEN for a non-admin.
	InviteAgent(ctx context.Context, email, name, role string) (*AgentChangeResult, error)
	// ChangeAgent applies change (Agent* but AgentInvite; newRole for
	// AgentSetRole). ENOTFOUND, EFORBIDDEN, ECONFLICT (the last admin, a
	// removed agent), EINVALID.
	ChangeAgent(ctx context.Context, id, change, newRole string) (*AgentChangeResult, error)
	// FindInvitation returns the agent a link is for; ENOTFOUND for an
	// unknown, used or expired link.
	FindInvitation(ctx context.Context, token string) (*Agent, error)
	// AcceptInvitation sets the password and uses the link up.
	AcceptInvitation(ctx context.Context, token, password string) (*Agent, error)
}
