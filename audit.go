package proofdesk

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Audit actions. Detail values never hold PII, codes, tokens or keys.
const (
	AuditLogin             = "agent.login"
	AuditLoginFailed       = "agent.login_failed"
	AuditAgentCreate       = "agent.create"
	AuditAgentUpdate       = "agent.update"
	AuditTokenCreate       = "token.create"
	AuditTokenRevoke       = "token.revoke"
	AuditCustomerCreate    = "customer.create"
	AuditCustomerUpdate    = "customer.update"
	AuditCustomerImport    = "customer.import"
	AuditConversationNew   = "conversation.create"
	AuditConversationEdit  = "conversation.update"
	AuditKeyRotate         = "keys.rotate"
	AuditLevelChange       = "assurance.change"
	AuditChallengeSent     = "challenge.sent"
	AuditChallengeOK       = "challenge.completed"
	AuditChallengeFailed   = "challenge.failed"
	AuditChallengeLocked   = "challenge.locked"
	AuditChallengeRefused  = "challenge.refused"
	AuditChallengeDenied   = "challenge.denied" // "this wasn't me"
	AuditReveal            = "customer.reveal"
	AuditRevealRefused     = "customer.reveal_refused"
	AuditBreakGlass        = "break_glass"
	AuditPolicyChange      = "policy.change"
	AuditDisclosureBlocked = "guard.blocked"
	AuditSupportLock       = "customer.support_lock"
	AuditAlert             = "alert"
)

// Actor kinds in the audit log.
const (
	ActorAgent    = "agent"
	ActorSystem   = "system"
	ActorCustomer = "customer"
	ActorCLI      = "cli"
)

// AuditEntry is one link of the hash chain. Hash is
// SHA-256(PrevHash || canonical encoding of the other fields), so editing,
// deleting, inserting or reordering rows breaks the chain.
type AuditEntry struct {
	Seq         int64
	Time        time.Time
	ActorKind   string
	ActorID     string
	Action      string
	SubjectKind string
	SubjectID   string
	Detail      map[string]string
	PrevHash    string
	Hash        string
}

// ComputeHash returns the hash that e must carry given its PrevHash.
func (e *AuditEntry) ComputeHash() string {
	keys := make([]string, 0, len(e.Detail))
	for k := range e.Detail {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	det := make([][2]string, 0, len(keys))
	for _, k := range keys {
		det = append(det, [2]string{k, e.Detail[k]})
	}
	canon, _ := json.Marshal([]any{
		e.Seq, e.Time.UTC().Format(time.RFC3339Nano), e.ActorKind, e.ActorID,
		e.Action, e.SubjectKind, e.SubjectID, det,
	})
	h := sha256.New()
	h.Write([]byte(e.PrevHash))
	h.Write(canon)
	return hex.EncodeToString(h.Sum(nil))
}

// VerifyChain checks entries, in Seq order, starting from prevHash (""
// for the first entry of the log). It returns the Seq of the first bad
// entry and a reason, or 0 and "" if the chain is intact.
func VerifyChain(entries []*AuditEntry, prevHash string, prevSeq int64) (int64, string) {
	for _, e := range entries {
		switch {
		case e.Seq != prevSeq+1:
			return e.Seq, fmt.Sprintf("sequence gap: expected entry %d, found %d", prevSeq+1, e.Seq)
		case e.PrevHash != prevHash:
			return e.Seq, "previous-hash link does not match the entry before it"
		case e.ComputeHash() != e.Hash:
			return e.Seq, "content does not match its hash"
		}
		prevHash, prevSeq = e.Hash, e.Seq
	}
	return 0, ""
}

// AuditFilter selects audit entries.
type AuditFilter struct {
	ActorID  *string
	Action   *string
	AfterSeq int64
	Limit    int
}

// AuditEvent is what a service asks to record; the store fills in the
// sequence, time and hashes in the same transaction as the change.
type AuditEvent struct {
	ActorKind   string
	ActorID     string
	Action      string
	SubjectKind string
	SubjectID   string
	Detail      map[string]string
}

// ActorFromContext returns the actor kind and ID for the audit log.
func ActorFromContext(ctx context.Context) (kind, id string) {
	if a := AgentFromContext(ctx); a != nil {
		if a.Role == RoleIntegration {
			return ActorIntegration, a.ID
		}
		return ActorAgent, a.ID
	}
	return ActorSystem, ""
}

// AuditService reads and appends to the audit chain.
type AuditService interface {
	// RecordAudit appends one entry in its own transaction. Services that
	// change data record in the change's own transaction instead.
	RecordAudit(ctx context.Context, ev AuditEvent) error
	// FindAuditEntries returns entries in Seq order.
	FindAuditEntries(ctx context.Context, f AuditFilter) ([]*AuditEntry, error)
	// VerifyAudit walks the whole chain; it returns the first bad Seq and
	// a reason, or 0 and "".
	VerifyAudit(ctx context.Context) (int64, string, error)
}

// redactKeyHint guards against Detail keys that suggest secrets.
func redactKeyHint(k string) bool {
	k = strings.ToLower(k)
	return strings.Contains(k, "token") || strings.Contains(k, "code") || strings.Contains(k, "password")
}

// CheckAuditDetail rejects detail keys that look like they carry secrets,
// a guard for developers (tests call it on every recorded event).
func CheckAuditDetail(d map[string]string) error {
	for k := range d {
		if redactKeyHint(k) {
			return fmt.Errorf("audit detail key %q looks like a secret", k)
		}
	}
	return nil
}
