package sqldb

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
)

// AgentService stores agents, API tokens and console sessions.
type AgentService struct{ db *DB }

// NewAgentService returns the agent service of db.
func NewAgentService(db *DB) *AgentService { return &AgentService{db: db} }

var _ proofdesk.AgentService = (*AgentService)(nil)

func agentAAD(id string) string { return "agents|" + id + "|totp" }

// CreateAgent returns ECONFLICT if the email is taken.
func (s *AgentService) CreateAgent(ctx context.Context, a *proofdesk.Agent) error {
	a.Email = strings.ToLower(strings.TrimSpace(a.Email))
	if _, err := proofdesk.NormalizeEmail(a.Email); err != nil {
		return proofdesk.FieldError("email", "email is not a valid email address")
	}
	if strings.TrimSpace(a.Name) == "" {
		return proofdesk.FieldError("name", "name is required")
	}
	if !proofdesk.ValidRole(a.Role) {
		return proofdesk.FieldError("role", "role must be admin, supervisor or agent")
	}
	if a.PasswordHash == "" {
		return proofdesk.FieldError("password", "a password is required")
	}
	return s.db.WithTx(ctx, func(tx *Tx) error { return tx.InsertAgent(ctx, a) })
}

// InsertAgent stores a new agent in this transaction and audits it as
// "agent.create"; the caller validated it. ECONFLICT if the email is taken.
func (tx *Tx) InsertAgent(ctx context.Context, a *proofdesk.Agent) error {
	a.ID = proofdesk.NewID("agt")
	a.CreatedAt = tx.now
	if _, err := tx.exec(ctx, `INSERT INTO agents (id, email, name, role, password_hash, totp_enc, totp_enabled, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.Email, a.Name, a.Role, a.PasswordHash, tx.db.system.SealString(agentAAD(a.ID), a.TOTPSecret), boolInt(a.TOTPEnabled), boolInt(a.Disabled), fmtTime(a.CreatedAt)); err != nil {
		err = wrapErr(err)
		if proofdesk.ErrorCode(err) == proofdesk.ECONFLICT {
			return &proofdesk.Error{Code: proofdesk.ECONFLICT, Field: "email", Message: "An agent with this email already exists."}
		}
		return fmt.Errorf("insert agent: %w", err)
	}
	return tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditAgentCreate, SubjectKind: "agent", SubjectID: a.ID,
		Detail: map[string]string{"role": a.Role}})
}

const agentColumns = `id, email, name, role, password_hash, totp_enc, totp_enabled, disabled, created_at, availability, capacity, last_seen_at, removed_at`

func (db *DB) scanAgent(row scanner) (*proofdesk.Agent, error) {
	a := &proofdesk.Agent{}
	var totp, removed string
	var enabled, disabled int
	var seen nullTime
	if err := row.Scan(&a.ID, &a.Email, &a.Name, &a.Role, &a.PasswordHash, &totp, &enabled, &disabled, timeScan{&a.CreatedAt},
		&a.Availability, &a.Capacity, &seen, &removed); err != nil {
		return nil, wrapErr(err)
	}
	a.LastSeenAt = seen.t
	if removed != "" {
		var n nullTime
		if err := n.Scan(removed); err != nil {
			return nil, fmt.Errorf("agent %s: %w", a.ID, err)
		}
		a.RemovedAt = n.t
	}
	a.TOTPEnabled, a.Disabled = enabled != 0, disabled != 0
	var err error
	if a.TOTPSecret, err = db.system.OpenString(agentAAD(a.ID), totp); err != nil {
		return nil, fmt.Errorf("agent %s: %w", a.ID, err)
	}
	return a, nil
}

func (h *Handle) findAgent(ctx context.Context, col, v string) (*proofdesk.Agent, error) {
	a, err := h.db.scanAgent(h.queryRow(ctx, `SELECT `+agentColumns+` FROM agents WHERE `+col+` = ?`, v))
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		return nil, notFound("Agent")
	}
	return a, err
}

// FindAgentByID returns ENOTFOUND if none has that ID.
func (s *AgentService) FindAgentByID(ctx context.Context, id string) (*proofdesk.Agent, error) {
	return s.db.reader().findAgent(ctx, "id", id)
}

// FindAgentByEmail returns ENOTFOUND if none has that email.
func (s *AgentService) FindAgentByEmail(ctx context.Context, email string) (*proofdesk.Agent, error) {
	return s.db.reader().findAgent(ctx, "email", strings.ToLower(strings.TrimSpace(email)))
}

// FindAgents lists all agents by name.
func (s *AgentService) FindAgents(ctx context.Context) ([]*proofdesk.Agent, error) {
	h := s.db.reader()
	rows, err := h.query(ctx, `SELECT `+agentColumns+` FROM agents ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("find agents: %w", err)
	}
	defer rows.Close()
	var out []*proofdesk.Agent
	for rows.Next() {
		a, err := s.db.scanAgent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// UpdateAgent applies upd and audits which fields changed.
func (s *AgentService) UpdateAgent(ctx context.Context, id string, upd proofdesk.AgentUpdate) (*proofdesk.Agent, error) {
	var out *proofdesk.Agent
	err := s.db.WithTx(ctx, func(tx *Tx) error {
		a, err := tx.findAgent(ctx, "id", id)
		if err != nil {
			return err
		}
		var changed []string
		if upd.Name != nil {
			a.Name, changed = *upd.Name, append(changed, "name")
		}
		if upd.Role != nil {
			if !proofdesk.ValidRole(*upd.Role) {
				return proofdesk.FieldError("role", "role must be admin, supervisor or agent")
			}
			a.Role, changed = *upd.Role, append(changed, "role")
		}
		if upd.PasswordHash != nil {
			a.PasswordHash, changed = *upd.PasswordHash, append(changed, "password")
		}
		if upd.TOTPSecret != nil {
			a.TOTPSecret, changed = *upd.TOTPSecret, append(changed, "totp_secret")
		}
		if upd.TOTPEnabled != nil {
			a.TOTPEnabled, changed = *upd.TOTPEnabled, append(changed, "totp_enabled")
		}
		if upd.Disabled != nil {
			a.Disabled, changed = *upd.Disabled, append(changed, "disabled")
		}
		if upd.Availability != nil && *upd.Availability != a.Availability {
			if !proofdesk.ValidAvailability(*upd.Availability) {
				return proofdesk.FieldError("availability", "availability must be online, away or offline")
			}
			a.Availability, changed = *upd.Availability, append(changed, "availability")
			if a.Availability == proofdesk.AvailabilityOnline {
				t := tx.now
				a.LastSeenAt = &t
			}
		}
		if upd.Capacity != nil && *upd.Capacity != a.Capacity {
			if *upd.Capacity < 0 || *upd.Capacity > 1000 {
				return proofdesk.FieldError("capacity", "capacity must be 0 (no limit) to 1000 open conversations")
			}
			a.Capacity, changed = *upd.Capacity, append(changed, "capacity")
		}
		out = a
		if len(changed) == 0 {
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE agents SET name = ?, role = ?, password_hash = ?, totp_enc = ?, totp_enabled = ?, disabled = ?, availability = ?, capacity = ?, last_seen_at = ? WHERE id = ?`,
			a.Name, a.Role, a.PasswordHash, tx.db.system.SealString(agentAAD(a.ID), a.TOTPSecret), boolInt(a.TOTPEnabled), boolInt(a.Disabled),
			a.Availability, a.Capacity, fmtTimePtr(a.LastSeenAt), a.ID); err != nil {
			return fmt.Errorf("update agent: %w", wrapErr(err))
		}
		return tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditAgentUpdate, SubjectKind: "agent", SubjectID: a.ID,
			Detail: map[string]string{"fields": strings.Join(changed, ",")}})
	})
	return out, err
}

// CreateAPIToken stores t; t.Hash must be set, the token itself never is.
func (s *AgentService) CreateAPIToken(ctx context.Context, t *proofdesk.APIToken) error {
	if len(t.Hash) < 32 {
		return proofdesk.FieldError("hash", "token hash is missing")
	}
	if t.Kind == proofdesk.TokenIntegration {
		return s.createIntegrationToken(ctx, t)
	}
	return s.db.WithTx(ctx, func(tx *Tx) error {
		if _, err := tx.findAgent(ctx, "id", t.AgentID); err != nil {
			return err
		}
		t.Kind = proofdesk.TokenAgent
		t.ID = proofdesk.NewID("tok")
		t.CreatedAt = tx.now
		if _, err := tx.exec(ctx, `INSERT INTO api_tokens (id, agent_id, name, hash, created_at) VALUES (?, ?, ?, ?, ?)`,
			t.ID, t.AgentID, t.Name, t.Hash, fmtTime(t.CreatedAt)); err != nil {
			return fmt.Errorf("insert token: %w", wrapErr(err))
		}
		return tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditTokenCreate, SubjectKind: "agent", SubjectID: t.AgentID,
			Detail: map[string]string{"credential_id": t.ID}})
	})
}

// FindAgentByTokenHash returns EUNAUTHORIZED if no token has that hash or
// its agent is disabled. It records the token's use at most once a minute.
func (s *AgentService) FindAgentByTokenHash(ctx context.Context, hash string) (*proofdesk.Agent, error) {
	h := s.db.reader()
	var tokID string
	var last nullTime
	// The token and its agent in one statement: every API request asks.
	row := h.queryRow(ctx, `SELECT t.id, t.last_used_at, `+prefixed("a.", agentColumns)+` FROM api_tokens t JOIN agents a ON a.id = t.agent_id WHERE t.hash = ?`, hash)
	a, err := s.db.scanAgent(scanAlso{row, []any{&tokID, &last}})
	if err != nil {
		if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
			return s.findIntegrationByTokenHash(ctx, hash)
		}
		return nil, fmt.Errorf("find token: %w", err)
	}
	if a.Disabled {
		return nil, proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Invalid API token.")
	}
	now := s.db.Now()
	if last.t == nil || now.Sub(*last.t) > time.Minute {
		if _, err := s.db.wdb.ExecContext(ctx, s.db.rebind(`UPDATE api_tokens SET last_used_at = ? WHERE id = ?`), fmtTime(now), tokID); err != nil {
			s.db.logger.Warn("record token use", slogErr(err))
		}
	}
	return a, nil
}

// scanAlso scans the columns before row's own into first.
type scanAlso struct {
	row   scanner
	first []any
}

func (s scanAlso) Scan(dest ...any) error { return s.row.Scan(append(s.first, dest...)...) }

func prefixed(p, cols string) string {
	parts := strings.Split(cols, ", ")
	for i := range parts {
		parts[i] = p + parts[i]
	}
	return strings.Join(parts, ", ")
}

// CreateSession stores s; s.ID must already be hashed.
func (s *AgentService) CreateSession(ctx context.Context, sess *proofdesk.Session) error {
	return s.db.WithTx(ctx, func(tx *Tx) error {
		if sess.CreatedAt.IsZero() {
			sess.CreatedAt = tx.now
		}
		// Expired sessions are swept on the way.
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE expires_at < ?`, fmtTime(tx.now)); err != nil {
			return fmt.Errorf("sweep sessions: %w", err)
		}
		_, err := tx.exec(ctx, `INSERT INTO sessions (id_hash, agent_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
			sess.ID, sess.AgentID, sess.CSRFToken, fmtTime(sess.CreatedAt), fmtTime(sess.ExpiresAt))
		return wrapErr(err)
	})
}

// FindSession returns EUNAUTHORIZED if the session is missing or expired.
func (s *AgentService) FindSession(ctx context.Context, idHash string, now time.Time) (*proofdesk.Session, error) {
	sess := &proofdesk.Session{}
	err := s.db.reader().queryRow(ctx, `SELECT id_hash, agent_id, csrf_token, created_at, expires_at FROM sessions WHERE id_hash = ?`, idHash).
		Scan(&sess.ID, &sess.AgentID, &sess.CSRFToken, timeScan{&sess.CreatedAt}, timeScan{&sess.ExpiresAt})
	if err != nil {
		if proofdesk.ErrorCode(wrapErr(err)) == proofdesk.ENOTFOUND {
			return nil, proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Session expired. Please sign in again.")
		}
		return nil, fmt.Errorf("find session: %w", err)
	}
	if !now.Before(sess.ExpiresAt) {
		return nil, proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Session expired. Please sign in again.")
	}
	return sess, nil
}

// DeleteSession removes a session; a missing one is not an error.
func (s *AgentService) DeleteSession(ctx context.Context, idHash string) error {
	return s.db.WithTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM sessions WHERE id_hash = ?`, idHash)
		return err
	})
}

// RecordLogin audits a login attempt. agentID is "" when no agent has the
// email given; the email itself is not recorded.
func (s *AgentService) RecordLogin(ctx context.Context, agentID string, ok bool, reason string) error {
	action := proofdesk.AuditLogin
	if !ok {
		action = proofdesk.AuditLoginFailed
	}
	d := map[string]string{}
	if reason != "" {
		d["reason"] = reason
	}
	return s.db.WithTx(ctx, func(tx *Tx) error {
		return tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorAgent, ActorID: agentID, Action: action, SubjectKind: "agent", SubjectID: agentID, Detail: d})
	})
}
