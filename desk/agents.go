package desk

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	"github.com/proofdesk/proofdesk/sqldb"
)

// This file is the agent lifecycle (issue 14): admins invite, disable,
// re-enable and remove agents, change roles, and reset passwords and
// second factors, from the console, the CLI and the API alike. Each change
// asks proofdesk.Decide (DoManageAgent: admins only, never the last active
// admin), is written and audited in one transaction, and the agent is told
// by email through the outbox, in the same transaction.

// Lifetimes of the links an agent follows to set a password.
const (
	InviteTTL = 7 * 24 * time.Hour
	ResetTTL  = 24 * time.Hour
)

// AgentsConfig holds the settings of the agent lifecycle.
type AgentsConfig struct {
	// BaseURL is the public URL of Proofdesk, for /invite/{token} links;
	// "" means http://localhost:8080.
	BaseURL string
	// Company names the business in the mails to agents; "" means
	// "Proofdesk".
	Company string
	// PasswordParams are the argon2id costs of new passwords; zero means
	// auth.DefaultPasswordParams.
	PasswordParams auth.PasswordParams
}

// Agents runs the agent lifecycle over a store.
type Agents struct {
	db  *sqldb.DB
	cfg AgentsConfig
}

// NewAgents returns the agent lifecycle use cases over db.
func NewAgents(db *sqldb.DB, cfg AgentsConfig) *Agents {
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://localhost:8080"
	}
	if cfg.Company == "" {
		cfg.Company = "Proofdesk"
	}
	if cfg.PasswordParams.Memory == 0 {
		cfg.PasswordParams = auth.DefaultPasswordParams
	}
	return &Agents{db: db, cfg: cfg}
}

var _ proofdesk.AgentAdmin = (*Agents)(nil)

// actor is who asks: the agent of the context, or the operator at the
// command line (RoleSystem) when there is none.
func actor(ctx context.Context) proofdesk.Actor {
	if a := proofdesk.AgentFromContext(ctx); a != nil {
		return proofdesk.ActorOf(a)
	}
	return proofdesk.Actor{Role: proofdesk.RoleSystem}
}

// InviteAgent creates an agent with an unknown password and mails them a
// link (valid InviteTTL) to set a password and a second factor. Errors:
// EINVALID naming the field, ECONFLICT when the email is taken, the
// gate's refusal (EFORBIDDEN) for a non-admin.
func (s *Agents) InviteAgent(ctx context.Context, email, name, role string) (*proofdesk.AgentChangeResult, error) {
	e, err := proofdesk.NormalizeEmail(email)
	if err != nil {
		return nil, proofdesk.FieldError("email", "email: give a valid email address")
	}
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 200 {
		return nil, proofdesk.FieldError("name", "name: give the agent's name (at most 200 characters)")
	}
	if !proofdesk.ValidRole(role) {
		return nil, proofdesk.FieldError("role", "role must be admin, supervisor or agent")
	}
	in := proofdesk.DecisionInput{Action: proofdesk.DoManageAgent, Actor: actor(ctx), AgentChange: proofdesk.AgentInvite, NewRole: role, Now: time.Now()}
	if d := proofdesk.Decide(in); !d.Allowed {
		return nil, d.Err(in)
	}
	hash, err := s.unknownPassword()
	if err != nil {
		return nil, err
	}
	a := &proofdesk.Agent{Email: strings.ToLower(e), Name: name, Role: role, PasswordHash: hash}
	res := &proofdesk.AgentChangeResult{Agent: a}
	err = s.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		if err := tx.InsertAgent(ctx, a); err != nil {
			return err
		}
		link, err := s.newLink(ctx, tx, a, "invite", InviteTTL)
		if err != nil {
			return err
		}
		res.Link = link
		return s.tell(ctx, tx, a, "You are invited to "+s.cfg.Company+" support",
			fmt.Sprintf("Hello %s,\n\nan admin invited you to the %s support desk as %s. Open this link within 7 days to set your password and your second factor:\n\n%s\n\nIf you did not expect this, ignore this mail.\n", a.Name, s.cfg.Company, role, link))
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// ChangeAgent applies change (proofdesk.AgentDisable, AgentEnable,
// AgentRemove, AgentSetRole with newRole, AgentResetPassword,
// AgentResetTOTP) to the agent targetID when proofdesk.Decide allows it.
// Disabling or removing ends the agent's console sessions and deletes
// their API tokens in the same transaction: the next request of either is
// refused, on every node. A refusal is audited. Errors: ENOTFOUND, the
// gate's refusal (EFORBIDDEN for a non-admin, ECONFLICT for the last
// admin or a removed agent), EINVALID.
func (s *Agents) ChangeAgent(ctx context.Context, targetID, change, newRole string) (*proofdesk.AgentChangeResult, error) {
	if change == proofdesk.AgentInvite || !proofdesk.ValidAgentChange(change) {
		return nil, proofdesk.FieldError("change", "change must be disable, enable, remove, role, reset_password or reset_totp")
	}
	var hash string
	if change == proofdesk.AgentResetPassword {
		var err error
		if hash, err = s.unknownPassword(); err != nil {
			return nil, err
		}
	}
	res := &proofdesk.AgentChangeResult{}
	var refused error
	err := s.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		a, err := tx.FindAgent(ctx, targetID)
		if err != nil {
			return err
		}
		others, err := tx.CountOtherActiveAdmins(ctx, a.ID)
		if err != nil {
			return err
		}
		in := proofdesk.DecisionInput{Action: proofdesk.DoManageAgent, Actor: actor(ctx), TargetID: a.ID, AgentChange: change,
			NewRole: newRole, TargetRole: a.Role, TargetDisabled: a.Disabled, TargetRemoved: a.RemovedAt != nil, OtherAdmins: others, Now: tx.Now()}
		if d := proofdesk.Decide(in); !d.Allowed {
			refused = d.Err(in)
			return refused
		}
		r, err := tx.ApplyAgentChange(ctx, a, change, newRole, hash)
		if err != nil {
			return err
		}
		res.Agent, res.SessionsEnded, res.TokensRevoked = a, r.SessionsEnded, r.TokensRevoked
		subject, body := s.changeText(a, change)
		if change == proofdesk.AgentResetPassword {
			link, err := s.newLink(ctx, tx, a, "reset", ResetTTL)
			if err != nil {
				return err
			}
			res.Link = link
			body += "\n\nOpen this link within 24 hours to set a new password:\n\n" + link + "\n"
		}
		return s.tell(ctx, tx, a, subject, body)
	})
	if refused != nil {
		if aerr := s.db.AuditRefusal(ctx, proofdesk.DoManageAgent, "agent", targetID, refused, map[string]string{"change": change}); aerr != nil {
			return nil, aerr
		}
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

// changeText is the mail that tells the agent what an admin changed.
func (s *Agents) changeText(a *proofdesk.Agent, change string) (subject, body string) {
	what := map[string]string{
		proofdesk.AgentDisable:       "disabled your account: you are signed out everywhere and your API tokens no longer work",
		proofdesk.AgentEnable:        "enabled your account again; API tokens revoked earlier stay revoked",
		proofdesk.AgentRemove:        "removed your account: you are signed out everywhere and your API tokens no longer work",
		proofdesk.AgentSetRole:       "changed your role to " + a.Role,
		proofdesk.AgentResetPassword: "reset your password: the old one no longer works and you are signed out everywhere",
		proofdesk.AgentResetTOTP:     "reset your second factor: you are signed out everywhere, and you set up a new authenticator app at your next sign-in",
	}[change]
	return "Your " + s.cfg.Company + " support account changed",
		fmt.Sprintf("Hello %s,\n\nan admin of the %s support desk %s.\n\nIf this is unexpected, tell your team lead.", a.Name, s.cfg.Company, what)
}

// unknownPassword returns the hash of a random password nobody learns:
// the agent sets their own through the link.
func (s *Agents) unknownPassword() (string, error) {
	return auth.HashPassword(auth.GeneratePassword()+auth.GeneratePassword(), s.cfg.PasswordParams)
}

// newLink stores an invitation of purpose ("invite", "reset") for a and
// returns its /invite/{token} link.
func (s *Agents) newLink(ctx context.Context, tx *sqldb.Tx, a *proofdesk.Agent, purpose string, ttl time.Duration) (string, error) {
	token, hash := auth.NewInviteToken()
	inv := &proofdesk.AgentInvitation{IDHash: hash, AgentID: a.ID, Purpose: purpose, ExpiresAt: tx.Now().Add(ttl)}
	if err := tx.CreateAgentInvitation(ctx, inv); err != nil {
		return "", err
	}
	return s.cfg.BaseURL + "/invite/" + token, nil
}

// tell mails the agent through the outbox, in tx.
func (s *Agents) tell(ctx context.Context, tx *sqldb.Tx, a *proofdesk.Agent, subject, body string) error {
	return tx.Enqueue(ctx, &proofdesk.OutboxMessage{Kind: proofdesk.OutboxEmail, Purpose: "agent_notice", To: a.Email, Subject: subject, Body: body})
}

// FindInvitation returns the agent an invitation or reset link is for and
// whether they still need a second factor. ENOTFOUND for an unknown, used
// or expired link, or a removed or disabled agent.
func (s *Agents) FindInvitation(ctx context.Context, token string) (*proofdesk.Agent, error) {
	if !auth.ValidInviteTokenFormat(token) {
		return nil, proofdesk.Errorf(proofdesk.ENOTFOUND, "This link is unknown, used or expired. Ask an admin for a new one.")
	}
	h := s.db.Read()
	inv, err := h.FindAgentInvitation(ctx, auth.HashToken(token))
	if err != nil {
		return nil, proofdesk.Errorf(proofdesk.ENOTFOUND, "This link is unknown, used or expired. Ask an admin for a new one.")
	}
	a, err := h.FindAgent(ctx, inv.AgentID)
	if err != nil || a.Disabled {
		return nil, proofdesk.Errorf(proofdesk.ENOTFOUND, "This link is unknown, used or expired. Ask an admin for a new one.")
	}
	return a, nil
}

// AcceptInvitation sets the password of the agent the link is for (12 to
// 1024 bytes) and uses the link up. The agent then signs in (and sets up
// a second factor when they have none). Errors: ENOTFOUND for an unknown,
// used or expired link, EINVALID for a bad password.
func (s *Agents) AcceptInvitation(ctx context.Context, token, password string) (*proofdesk.Agent, error) {
	if _, err := s.FindInvitation(ctx, token); err != nil {
		return nil, err
	}
	if len(password) < 12 || len(password) > 1024 {
		return nil, proofdesk.FieldError("password", "password: at least 12 characters")
	}
	hash, err := auth.HashPassword(password, s.cfg.PasswordParams)
	if err != nil {
		return nil, err
	}
	var out *proofdesk.Agent
	err = s.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		inv, err := tx.FindAgentInvitation(ctx, auth.HashToken(token))
		if err != nil {
			return proofdesk.Errorf(proofdesk.ENOTFOUND, "This link is unknown, used or expired. Ask an admin for a new one.")
		}
		a, err := tx.FindAgent(ctx, inv.AgentID)
		if err != nil {
			return err
		}
		if a.Disabled {
			return proofdesk.Errorf(proofdesk.ENOTFOUND, "This link is unknown, used or expired. Ask an admin for a new one.")
		}
		if err := tx.UseAgentInvitation(ctx, inv, hash); err != nil {
			return err
		}
		a.PasswordHash, out = hash, a
		return nil
	})
	return out, err
}
