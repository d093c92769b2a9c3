package sqldb

import (
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/proofdesk/proofdesk"
)

// AuditService reads and appends to the audit chain.
type AuditService struct{ db *DB }

// NewAuditService returns the audit service of db.
func NewAuditService(db *DB) *AuditService { return &AuditService{db: db} }

var _ proofdesk.AuditService = (*AuditService)(nil)

// audit appends ev to the chain inside tx, so the entry commits or rolls
// back with the change it records.
func (tx *Tx) audit(ctx context.Context, ev proofdesk.AuditEvent) error {
	if len(tx.db.auditKey) == 0 {
		// Fail closed: an unkeyed entry would be forgeable.
		return errors.New("audit: the chain key is not loaded (the store was not opened)")
	}
	if ev.ActorKind == "" {
		ev.ActorKind, ev.ActorID = proofdesk.ActorFromContext(ctx)
	}
	if ev.Detail == nil {
		ev.Detail = map[string]string{}
	}
	if tx.db.dialect == Postgres && !tx.migration && !tx.db.chainDirectly {
		// No lock: the entry waits in audit_pending for the sequencer
		// (audit_seq.go), which chains it within moments.
		if err := tx.auditPending(ctx, ev); err != nil {
			return err
		}
		return tx.auditWebhook(ctx, ev)
	}
	head := tx.head
	if head == nil || tx.migration {
		head = &auditHead{}
	}
	if !head.loaded {
		err := tx.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&head.seq, &head.hash)
		if err != nil && proofdesk.ErrorCode(wrapErr(err)) != proofdesk.ENOTFOUND {
			return fmt.Errorf("audit: head: %w", err)
		}
		head.loaded, head.stored = true, head.seq > 0
	}
	e := &proofdesk.AuditEntry{
		Seq: head.seq + 1, Time: tx.now, ActorKind: ev.ActorKind, ActorID: ev.ActorID,
		Action: ev.Action, SubjectKind: ev.SubjectKind, SubjectID: ev.SubjectID,
		Detail: ev.Detail, PrevHash: head.hash,
	}
	e.Hash = e.ComputeHash(tx.db.auditKey)
	detail, err := json.Marshal(e.Detail)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	if _, err := tx.exec(ctx, `INSERT INTO audit_log (seq, at, actor_kind, actor_id, action, subject_kind, subject_id, detail, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, fmtTime(e.Time), e.ActorKind, e.ActorID, e.Action, e.SubjectKind, e.SubjectID, string(detail), e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("audit: insert: %w", wrapErr(err))
	}
	head.seq, head.hash, head.dirty = e.Seq, e.Hash, true
	if head != tx.head {
		// A transaction of its own: the head row moves with the entry.
		if err := tx.Handle.storeAuditHead(ctx, head); err != nil {
			return err
		}
	}
	return tx.auditWebhook(ctx, ev) // some audited events are webhook events (webhook.go)
}

// auditHead is the chain's head as a write transaction on SQLite sees
// it. A group commit (groupcommit.go) shares one among its members: the
// head row is read at the group's first audited member and written once,
// just before the group's COMMIT (storeAuditHead), instead of a read and
// a write per entry on the single writer. Nothing else writes the chain
// while the group's transaction is open (SQLite has one writer; another
// process's write after the read makes this transaction's write fail),
// so the entries chain exactly as if each member read and wrote the row.
type auditHead struct {
	seq  int64
	hash string
	// loaded: seq and hash were read; stored: the row exists; dirty:
	// seq and hash are ahead of the row.
	loaded, stored, dirty bool
}

// storeAuditHead writes head to the audit_head row when it is ahead.
func (h *Handle) storeAuditHead(ctx context.Context, head *auditHead) error {
	if head == nil || !head.dirty {
		return nil
	}
	var err error
	if head.stored {
		_, err = h.exec(ctx, `UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, head.seq, head.hash)
	} else {
		_, err = h.exec(ctx, `INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)`, head.seq, head.hash)
	}
	if err != nil {
		return fmt.Errorf("audit: head: %w", wrapErr(err))
	}
	head.stored, head.dirty = true, false
	return nil
}

// RecordAudit appends one entry in its own transaction.
func (s *AuditService) RecordAudit(ctx context.Context, ev proofdesk.AuditEvent) error {
	return s.db.WithTx(ctx, func(tx *Tx) error { return tx.audit(ctx, ev) })
}

// FindAuditEntries returns entries in Seq order.
func (s *AuditService) FindAuditEntries(ctx context.Context, f proofdesk.AuditFilter) ([]*proofdesk.AuditEntry, error) {
	where, args := []string{"seq > ?"}, []any{f.AfterSeq}
	if f.ActorID != nil {
		where, args = append(where, "actor_id = ?"), append(args, *f.ActorID)
	}
	if f.Action != nil {
		where, args = append(where, "action = ?"), append(args, *f.Action)
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 1000
	}
	if err := s.db.flushAudit(ctx); err != nil {
		return nil, err
	}
	return s.db.reader().findAudit(ctx, where, args, limit)
}

func (h *Handle) findAudit(ctx context.Context, where []string, args []any, limit int) ([]*proofdesk.AuditEntry, error) {
	q := `SELECT seq, at, actor_kind, actor_id, action, subject_kind, subject_id, detail, prev_hash, hash FROM audit_log WHERE ` +
		joinAnd(where) + ` ORDER BY seq LIMIT ` + fmt.Sprint(limit)
	rows, err := h.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("find audit: %w", err)
	}
	defer rows.Close()
	var out []*proofdesk.AuditEntry
	for rows.Next() {
		e := &proofdesk.AuditEntry{}
		var detail string
		if err := rows.Scan(&e.Seq, timeScan{&e.Time}, &e.ActorKind, &e.ActorID, &e.Action, &e.SubjectKind, &e.SubjectID, &detail, &e.PrevHash, &e.Hash); err != nil {
			return nil, fmt.Errorf("find audit: %w", err)
		}
		if err := json.Unmarshal([]byte(detail), &e.Detail); err != nil {
			// A row edited into invalid JSON still fails verification
			// through its hash; keep the raw text visible.
			e.Detail = map[string]string{"_unparseable": detail}
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// VerifyAudit walks the whole chain, checking every keyed hash, and checks
// it against audit_head. It returns the Seq of the first bad entry and why,
// or 0 and "". Removing the newest entries and rewriting audit_head to
// match is not caught here: VerifyAuditAnchor catches it.
func (s *AuditService) VerifyAudit(ctx context.Context) (int64, string, error) {
	_, seq, why, err := s.verifyAudit(ctx)
	return seq, why, err
}

// verifyAudit is VerifyAudit that also returns the last entry's Seq.
func (s *AuditService) verifyAudit(ctx context.Context) (last, bad int64, why string, err error) {
	if err := s.db.flushAudit(ctx); err != nil {
		return 0, 0, "", err
	}
	h := s.db.reader()
	var prevHash string
	var prevSeq int64
	for {
		batch, err := h.findAudit(ctx, []string{"seq > ?"}, []any{prevSeq}, 1000)
		if err != nil {
			return 0, 0, "", err
		}
		if len(batch) == 0 {
			break
		}
		if bad, why := proofdesk.VerifyChain(batch, prevHash, prevSeq, s.db.auditKey); bad != 0 {
			return prevSeq, bad, why, nil
		}
		tail := batch[len(batch)-1]
		prevHash, prevSeq = tail.Hash, tail.Seq
	}
	var headSeq int64
	var headHash string
	err = h.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash)
	if err != nil && proofdesk.ErrorCode(wrapErr(err)) != proofdesk.ENOTFOUND {
		return 0, 0, "", fmt.Errorf("verify audit: %w", err)
	}
	if headSeq != prevSeq || headHash != prevHash {
		return prevSeq, prevSeq + 1, fmt.Sprintf("chain ends at entry %d but the head records entry %d: entries were removed from the end", prevSeq, headSeq), nil
	}
	return prevSeq, 0, "", nil
}

// AnchorAudit returns the chain's head signed with the installation's
// anchor key (derived from the master key), to be kept outside the
// database. It refuses (EINVALID) to anchor an empty chain or one that
// does not verify: anchoring a broken chain would vouch for it.
func (s *AuditService) AnchorAudit(ctx context.Context) (*proofdesk.AuditAnchor, error) {
	last, bad, why, err := s.verifyAudit(ctx)
	if err != nil {
		return nil, err
	}
	if bad != 0 {
		return nil, proofdesk.Errorf(proofdesk.EINVALID, "audit anchor: the chain is broken at entry %d (%s); it cannot be anchored", bad, why)
	}
	if last == 0 {
		return nil, proofdesk.Errorf(proofdesk.EINVALID, "audit anchor: the audit log is empty")
	}
	var hash string
	if err := s.db.reader().queryRow(ctx, `SELECT hash FROM audit_log WHERE seq = ?`, last).Scan(&hash); err != nil {
		return nil, fmt.Errorf("audit anchor: %w", wrapErr(err))
	}
	a := &proofdesk.AuditAnchor{Seq: last, Hash: hash, Time: s.db.Now()}
	a.Sign(s.db.anchorKey)
	return a, nil
}

// AnchorPublicKey returns the public half of the anchor signing key, with
// which anyone can check an anchor's signature.
func (s *AuditService) AnchorPublicKey() ed25519.PublicKey {
	return s.db.anchorKey.Public().(ed25519.PublicKey)
}

// VerifyAuditAnchor checks that a is signed by this installation and that
// the chain still holds a's entry unchanged, with an intact chain from the
// first entry through it and beyond. It returns the Seq of the first bad
// entry and why, or 0 and "". A forged or edited anchor is an EINVALID
// error, not a broken chain.
func (s *AuditService) VerifyAuditAnchor(ctx context.Context, a *proofdesk.AuditAnchor) (int64, string, error) {
	if err := a.VerifySignature(s.AnchorPublicKey()); err != nil {
		return 0, "", err
	}
	last, bad, why, err := s.verifyAudit(ctx)
	if err != nil {
		return 0, "", err
	}
	if bad != 0 {
		return bad, why, nil
	}
	if last < a.Seq {
		return last + 1, fmt.Sprintf("the anchor of %s records entry %d but the chain ends at entry %d: entries were removed", a.Time.UTC().Format(time.RFC3339), a.Seq, last), nil
	}
	var hash string
	if err := s.db.reader().queryRow(ctx, `SELECT hash FROM audit_log WHERE seq = ?`, a.Seq).Scan(&hash); err != nil {
		return 0, "", fmt.Errorf("verify audit anchor: %w", wrapErr(err))
	}
	if !hmac.Equal([]byte(hash), []byte(a.Hash)) {
		return a.Seq, fmt.Sprintf("entry %d differs from the anchor of %s: the log was rewritten", a.Seq, a.Time.UTC().Format(time.RFC3339)), nil
	}
	// The log is re-chained under the key once, by migration 0009, before
	// any anchor can exist. A re-chaining after the anchor is migration
	// 0009 run again over a log made to look unkeyed: it would key a
	// rewritten tail as intact.
	var rekey int64
	err = s.db.reader().queryRow(ctx, `SELECT seq FROM audit_log WHERE action = ? AND seq > ? ORDER BY seq LIMIT 1`, proofdesk.AuditRekey, a.Seq).Scan(&rekey)
	if err == nil {
		return rekey, fmt.Sprintf("entry %d re-chained the log after the anchor of %s: migration 0009 ran again over a log rewritten to look unkeyed", rekey, a.Time.UTC().Format(time.RFC3339)), nil
	} else if proofdesk.ErrorCode(wrapErr(err)) != proofdesk.ENOTFOUND {
		return 0, "", fmt.Errorf("verify audit anchor: %w", wrapErr(err))
	}
	return 0, "", nil
}

func joinAnd(where []string) string {
	if len(where) == 0 {
		return "1 = 1"
	}
	s := where[0]
	for _, w := range where[1:] {
		s += " AND " + w
	}
	return s
}
