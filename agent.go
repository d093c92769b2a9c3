package proofdesk

import (
	"context"
	"time"
)

// Agent roles.
const (
	RoleAdmin      = "admin"
	RoleSupervisor = "supervisor"
	RoleAgent      = "agent"
)

// ValidRole reports whether r is a known role.
func ValidRole(r string) bool {
	return r == RoleAdmin || r == RoleSupervisor || r == RoleAgent
}

// Agent is a member of the support team.
type Agent struct {
	ID           string
	Email        string
	Name         string
	Role         string
	PasswordHash string // argon2id, PHC string format
	TOTPSecret   string // base32; "" until enrolled
	TOTPEnabled  bool
	Disabled     bool
	// RemovedAt is when an admin removed the agent (nil: not removed). A
	// removed agent is disabled for good; the row stays for the audit log.
	RemovedAt *time.Time
	CreatedAt time.Time
	// Availability is online, away or offline (see AwayAfter).
	Availability string
	// Capacity is how many open conversations auto-assignment gives the
	// agent at most; 0 means no limit.
	Capacity int
	// LastSeenAt is the agent's last console activity, nil if never.
	LastSeenAt *time.Time
}

// EffectiveAvailability is the agent's availability at now: online
// becomes away after AwayAfter without console activity; disabled agents
// are offline.
func (a *Agent) EffectiveAvailability(now time.Time) string {
	switch {
	case a == nil || a.Disabled || a.Availability == "":
		return AvailabilityOffline
	case a.Availability == AvailabilityOnline && (a.LastSeenAt == nil || now.Sub(*a.LastSeenAt) > AwayAfter):
		return AvailabilityAway
	}
	return a.Availability
}

// IsSupervisor reports whether the agent has supervisor rights (admins do).
func (a *Agent) IsSupervisor() bool {
	return a != nil && (a.Role == RoleSupervisor || a.Role == RoleAdmin)
}

// IsAdmin reports whether the agent is an admin.
func (a *Agent) IsAdmin() bool { return a != nil && a.Role == RoleAdmin }

// Kinds of API token.
const (
	TokenAgent       = "agent"       // acts as the agent that created it
	TokenIntegration = "integration" // the system of record (RoleIntegration)
)

// APIToken lets an API client act as the agent that created it, or, of
// Kind TokenIntegration, as the business's system of record (no AgentID).
// Only a SHA-256 hash of the token is stored.
type APIToken struct {
	ID         string
	Kind       string // TokenAgent ("" too) or TokenIntegration
	AgentID    string
	Name       string
	Hash       string
	CreatedAt  time.Time
	LastUsedAt *time.Time
}

// Session is a console login. ID is stored hashed.
type Session struct {
	ID        string
	AgentID   string
	CSRFToken string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// AgentUpdate is a partial update of an agent.
type AgentUpdate struct {
	Name         *string
	Role         *string
	PasswordHash *string
	TOTPSecret   *string
	TOTPEnabled  *bool
	Disabled     *bool
	Availability *string
	Capacity     *int
}

// AgentService stores agents, their API tokens and console sessions.
type AgentService interface {
	// CreateAgent returns ECONFLICT if the email is taken.
	CreateAgent(ctx context.Context, a *Agent) error
	// FindAgentByID returns ENOTFOUND if none has that ID.
	FindAgentByID(ctx context.Context, id string) (*Agent, error)
	// FindAgentByEmail returns ENOTFOUND if none has that email.
	FindAgentByEmail(ctx context.Context, email string) (*Agent, error)
	// FindAgents lists all agents.
	FindAgents(ctx context.Context) ([]*Agent, error)
	// UpdateAgent returns ENOTFOUND if none has that ID.
	UpdateAgent(ctx context.Context, id string, upd AgentUpdate) (*Agent, error)
	// CreateAPIToken stores t (with its hash, never the token).
	CreateAPIToken(ctx context.Context, t *APIToken) error
	// FindAgentByTokenHash returns EUNAUTHORIZED if no token has that hash.
	// An integration token yields an Agent of RoleIntegration whose ID is
	// the token's: it has no console login.
	FindAgentByTokenHash(ctx context.Context, hash string) (*Agent, error)
	// FindAPITokens lists the API tokens of agentID, or of every agent
	// when agentID is "", newest first. Hash is set; views must not show it.
	FindAPITokens(ctx context.Context, agentID string) ([]*APIToken, error)
	// RevokeAPIToken removes a token so it no longer authenticates; it is
	// audited as "token.revoke". Returns ENOTFOUND if none has that ID.
	RevokeAPIToken(ctx context.Context, id string) error
	// CreateSession stores s; s.ID must already be hashed.
	CreateSession(ctx context.Context, s *Session) error
	// FindSession returns EUNAUTHORIZED if missing or expired.
	FindSession(ctx context.Context, idHash string, now time.Time) (*Session, error)
	// DeleteSession removes a session; missing is not an error.
	DeleteSession(ctx context.Context, idHash string) error
	// RecordLogin writes the audit entry for a login attempt; agentID is ""
	// when no agent has the email given (the email is not recorded).
	RecordLogin(ctx context.Context, agentID string, ok bool, reason string) error
}
