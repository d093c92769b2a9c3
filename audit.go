package proofdesk

import (
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
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
	AuditBrandingChange    = "settings.branding"
	AuditDisclosureBlocked = "guard.blocked"
	AuditSupportLock       = "customer.support_lock"
	AuditAlert             = "alert"
	// AuditRekey records the re-chaining of the log under the keyed hash
	// (migration 0009), with the old head and where it was broken, if it was.
	AuditRekey = "audit.rekey"
	// AuditGuardCandidate: a sent reply named a candidate value (a phone
	// number, an email address, a full date, card digits) of a class the
	// conversation's level does not reach, one the agent had not named in
	// the hour; counted with blocked replies towards the agent's pause
	// (desk.Desk.GuardReply). Detail "values" holds the values' keyed
	// hashes, never a value.
	AuditGuardCandidate = "guard.candidate"
)

// Actor kinds in the audit log.
const (
	ActorAgent    = "agent"
	ActorSystem   = "system"
	ActorCustomer = "customer"
	ActorCLI      = "cli"
)

// AuditEntry is one link of the hash chain. Hash is
// HMAC-SHA256(key, PrevHash || canonical encoding of the other fields),
// hex-encoded, where key is the installation's audit chain key: a secret
// derived from the master key and never stored in the database. Editing,
// deleting, inserting or reordering rows breaks the chain, and someone who
// can write the database but does not hold the master key cannot compute
// the hashes of a rewritten chain. Removing entries from the end and
// rewriting the head is caught by an exported AuditAnchor.
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

// ComputeHash returns the hash that e must carry given its PrevHash: the
// keyed HMAC-SHA256 under key, or, when key is empty, the unkeyed SHA-256
// of chains written before the chain was keyed (migration 0009 verifies
// and re-chains those; anyone can compute it, so it proves nothing on its
// own).
func (e *AuditEntry) ComputeHash(key []byte) string {
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
	if len(key) > 0 {
		h = hmac.New(sha256.New, key)
	}
	h.Write([]byte(e.PrevHash))
	h.Write(canon)
	return hex.EncodeToString(h.Sum(nil))
}

// VerifyChain checks entries, in Seq order, starting from prevHash (""
// for the first entry of the log), with the chain key (see ComputeHash).
// It returns the Seq of the first bad entry and a reason, or 0 and "" if
// the chain is intact.
func VerifyChain(entries []*AuditEntry, prevHash string, prevSeq int64, key []byte) (int64, string) {
	for _, e := range entries {
		switch {
		case e.Seq != prevSeq+1:
			return e.Seq, fmt.Sprintf("sequence gap: expected entry %d, found %d", prevSeq+1, e.Seq)
		case e.PrevHash != prevHash:
			return e.Seq, "previous-hash link does not match the entry before it"
		case !hmac.Equal([]byte(e.ComputeHash(key)), []byte(e.Hash)):
			return e.Seq, "content does not match its hash"
		}
		prevHash, prevSeq = e.Hash, e.Seq
	}
	return 0, ""
}

// AuditAnchorFormat is the format field of an exported AuditAnchor.
const AuditAnchorFormat = "proofdesk-audit-anchor/1"

// AuditAnchor is a signed statement of the audit chain's head at a moment:
// "entry Seq had hash Hash at Time". An operator exports it (proofdesk audit
// anchor) and keeps it outside the database; verifying the chain against it
// later catches a rewrite of the table, or its truncation, after Time.
// Signature is Ed25519 (RFC 8032) over SigningBytes, by a key derived from
// the master key; KeyID names the public key (see AnchorKeyID).
type AuditAnchor struct {
	Format    string    `json:"format"`
	Seq       int64     `json:"seq"`
	Hash      string    `json:"hash"`
	Time      time.Time `json:"time"`
	KeyID     string    `json:"key_id"`
	Signature string    `json:"signature"` // base64 (standard, padded)
}

// SigningBytes is what the anchor's signature covers: every field but the
// signature, one per line, with the time as RFC 3339 UTC nanoseconds.
func (a *AuditAnchor) SigningBytes() []byte {
	return fmt.Appendf(nil, "%s\n%d\n%s\n%s\n%s\n", a.Format, a.Seq, a.Hash, a.Time.UTC().Format(time.RFC3339Nano), a.KeyID)
}

// AnchorKeyID returns the identifier of an anchor signing key: "ak_" and
// the first 12 hex digits of the SHA-256 of the public key.
func AnchorKeyID(pub ed25519.PublicKey) string {
	h := sha256.Sum256(pub)
	return "ak_" + hex.EncodeToString(h[:6])
}

// Sign fills in Format, KeyID and Signature with priv.
func (a *AuditAnchor) Sign(priv ed25519.PrivateKey) {
	a.Format = AuditAnchorFormat
	a.Time = a.Time.UTC()
	a.KeyID = AnchorKeyID(priv.Public().(ed25519.PublicKey))
	a.Signature = base64.StdEncoding.EncodeToString(ed25519.Sign(priv, a.SigningBytes()))
}

// VerifySignature checks the anchor's format and its signature under pub.
// It returns an EINVALID error naming the problem: an unknown format, a key
// ID of another installation, or a signature that does not verify (a
// forged or edited anchor).
func (a *AuditAnchor) VerifySignature(pub ed25519.PublicKey) error {
	if a.Format != AuditAnchorFormat {
		return Errorf(EINVALID, "audit anchor: format %q is not %q", a.Format, AuditAnchorFormat)
	}
	if a.Seq < 1 || len(a.Hash) != 2*sha256.Size {
		return Errorf(EINVALID, "audit anchor: sequence or hash missing")
	}
	if want := AnchorKeyID(pub); a.KeyID != want {
		return Errorf(EINVALID, "audit anchor: signed by key %s, but this installation's anchor key is %s", a.KeyID, want)
	}
	sig, err := base64.StdEncoding.DecodeString(a.Signature)
	if err != nil || !ed25519.Verify(pub, a.SigningBytes(), sig) {
		return Errorf(EINVALID, "audit anchor: the signature does not verify under this installation's key: the anchor was forged or edited")
	}
	return nil
}

// ParseAuditAnchor decodes an anchor exported as JSON. Unknown fields are
// refused, so a hand-edited file fails loudly.
func ParseAuditAnchor(b []byte) (*AuditAnchor, error) {
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	var a AuditAnchor
	if err := dec.Decode(&a); err != nil {
		return nil, Errorf(EINVALID, "audit anchor: not a JSON anchor: %v", err)
	}
	return &a, nil
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
