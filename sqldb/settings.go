package sqldb

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/proofdesk/proofdesk"
)

func settingAAD(key string) string { return "settings|" + key + "|value" }

// setting returns a stored setting's raw value, or ENOTFOUND.
// A write transaction reads each setting once (txmemo.go).
func (h *Handle) setting(ctx context.Context, key string) (string, error) {
	if h.txm != nil {
		if r, ok := h.txm.settings[key]; ok {
			return r.v, r.err
		}
	}
	var v string
	err := wrapErr(h.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v))
	if h.txm != nil && (err == nil || proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND) {
		if h.txm.settings == nil {
			h.txm.settings = map[string]settingRead{}
		}
		h.txm.settings[key] = settingRead{v, err}
	}
	return v, err
}

func (tx *Tx) putSetting(ctx context.Context, key, value string) error {
	_, err := tx.exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, key, value, fmtTime(tx.now))
	return wrapErr(err)
}

// Secret returns the installation secret named name (32 random bytes,
// sealed by the system data key), creating it on first use. Several nodes
// sharing one PostgreSQL get the same secret.
func (db *DB) Secret(ctx context.Context, name string) ([]byte, error) {
	key := "secret:" + name
	if err := db.WithTx(ctx, func(tx *Tx) error {
		_, err := tx.setting(ctx, key)
		if proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			return err
		}
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING`,
			key, db.system.SealString(settingAAD(key), base64.StdEncoding.EncodeToString(b)), fmtTime(tx.now))
		return err
	}); err != nil {
		return nil, fmt.Errorf("secret %s: %w", name, err)
	}
	sealed, err := db.reader().setting(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("secret %s: %w", name, err)
	}
	s, err := db.system.OpenString(settingAAD(key), sealed)
	if err != nil {
		return nil, fmt.Errorf("secret %s: %w", name, err)
	}
	return base64.StdEncoding.DecodeString(s)
}

// PolicyService stores the policy in the settings table.
type PolicyService struct{ db *DB }

// NewPolicyService returns the policy service of db.
func NewPolicyService(db *DB) *PolicyService { return &PolicyService{db: db} }

var _ proofdesk.PolicyService = (*PolicyService)(nil)

func encodePolicy(p *proofdesk.Policy) string {
	b, _ := json.Marshal(proofdesk.NewPolicyDocument(p))
	return string(b)
}

func decodePolicy(s string) (*proofdesk.Policy, error) {
	var d proofdesk.PolicyDocument
	if err := json.Unmarshal([]byte(s), &d); err != nil {
		return nil, err
	}
	return d.Policy()
}

// FindPolicy returns the stored policy, or the defaults.
func (s *PolicyService) FindPolicy(ctx context.Context) (*proofdesk.Policy, error) {
	return s.db.reader().policy(ctx)
}

// PolicyTTL bounds how long a node keeps its decoded copy of the policy
// when it missed the change's event (proofdesk.EventPolicyChanged): a
// full buffer, a reconnecting listener. The node that changed it drops
// its copy at the commit, the others when the event arrives.
const PolicyTTL = 5 * time.Second

// policyCache keeps the decoded policy, read on every gated action and
// on every visitor's chat message (the probing check).
type policyCache struct {
	mu sync.Mutex
	// gen counts ForgetPolicy calls: a read that began before one does
	// not store what it read.
	gen uint64
	// writing counts this node's policy changes in flight (UpdatePolicy):
	// while one is, every read goes to the store and none is kept, so
	// that no read between its commit and ForgetPolicy gets the old
	// copy.
	writing int
	p       *proofdesk.Policy
	at      time.Time
}

// ForgetPolicy drops this node's copy of the policy: it changed, here or
// on another node (proofdesk.EventPolicyChanged).
func (db *DB) ForgetPolicy() { db.policies.change(0) }

// change drops the copy and adds d to the changes in flight.
func (c *policyCache) change(d int) {
	c.mu.Lock()
	c.gen++
	c.p = nil
	c.writing += d
	c.mu.Unlock()
}

// policy returns the policy, from this node's copy when it is younger
// than PolicyTTL; each caller gets its own copy to keep or change.
func (h *Handle) policy(ctx context.Context) (*proofdesk.Policy, error) {
	c := &h.db.policies
	c.mu.Lock()
	if c.p != nil && time.Since(c.at) < PolicyTTL {
		p := clonePolicy(c.p)
		c.mu.Unlock()
		return p, nil
	}
	gen := c.gen
	c.mu.Unlock()
	p, err := h.storedPolicy(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.gen == gen && c.writing == 0 {
		c.p, c.at = clonePolicy(p), time.Now()
	}
	c.mu.Unlock()
	return p, nil
}

// storedPolicy reads and decodes the stored policy, or the defaults.
func (h *Handle) storedPolicy(ctx context.Context) (*proofdesk.Policy, error) {
	v, err := h.setting(ctx, "policy")
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		return proofdesk.DefaultPolicy(), nil
	} else if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	p, err := decodePolicy(v)
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	return p, nil
}

// UpdatePolicy validates p, stores it and audits the policy before and
// after (levels only: a policy holds no customer data).
func (s *PolicyService) UpdatePolicy(ctx context.Context, p *proofdesk.Policy) error {
	if err := p.Validate(); err != nil {
		return err
	}
	// From before the transaction until the copy is dropped after it
	// (whether or not the commit's event reaches this node), this node
	// reads the policy from the store.
	s.db.policies.change(1)
	defer s.db.policies.change(-1)
	return s.db.WithTx(ctx, func(tx *Tx) error {
		before, err := tx.storedPolicy(ctx)
		if err != nil {
			return err
		}
		after := encodePolicy(p)
		if err := tx.putSetting(ctx, "policy", after); err != nil {
			return err
		}
		tx.Changed(proofdesk.Event{Type: proofdesk.EventPolicyChanged})
		return tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditPolicyChange, SubjectKind: "policy", SubjectID: "policy",
			Detail: map[string]string{"before": encodePolicy(before), "after": after}})
	})
}

// ReplayStore records signed session token IDs until they expire, so a
// token is accepted once across every node.
type ReplayStore struct{ db *DB }

// NewReplayStore returns the replay store of db.
func NewReplayStore(db *DB) *ReplayStore { return &ReplayStore{db: db} }

// Seen records jti and reports whether it had been recorded before.
func (s *ReplayStore) Seen(ctx context.Context, jti string, exp time.Time) (bool, error) {
	seen := false
	err := s.db.WithTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM used_tokens WHERE expires_at < ?`, fmtTime(tx.now)); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `INSERT INTO used_tokens (jti, expires_at) VALUES (?, ?) ON CONFLICT (jti) DO NOTHING`, jti, fmtTime(exp))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		seen = n == 0
		return err
	})
	return seen, err
}
