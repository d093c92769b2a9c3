package sqldb

import (
	"context"
	"encoding/json"
	"fmt"

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
	if tx.db.dialect == Postgres {
		// One appender at a time: the chain is a total order.
		if _, err := tx.exec(ctx, `LOCK TABLE audit_head IN EXCLUSIVE MODE`); err != nil {
			return fmt.Errorf("audit: lock: %w", err)
		}
	}
	var prevSeq int64
	var prevHash string
	err := tx.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&prevSeq, &prevHash)
	if err != nil && proofdesk.ErrorCode(wrapErr(err)) != proofdesk.ENOTFOUND {
		return fmt.Errorf("audit: head: %w", err)
	}
	if ev.ActorKind == "" {
		ev.ActorKind, ev.ActorID = proofdesk.ActorFromContext(ctx)
	}
	if ev.Detail == nil {
		ev.Detail = map[string]string{}
	}
	e := &proofdesk.AuditEntry{
		Seq: prevSeq + 1, Time: tx.now, ActorKind: ev.ActorKind, ActorID: ev.ActorID,
		Action: ev.Action, SubjectKind: ev.SubjectKind, SubjectID: ev.SubjectID,
		Detail: ev.Detail, PrevHash: prevHash,
	}
	e.Hash = e.ComputeHash()
	detail, err := json.Marshal(e.Detail)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	if _, err := tx.exec(ctx, `INSERT INTO audit_log (seq, at, actor_kind, actor_id, action, subject_kind, subject_id, detail, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, fmtTime(e.Time), e.ActorKind, e.ActorID, e.Action, e.SubjectKind, e.SubjectID, string(detail), e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("audit: insert: %w", wrapErr(err))
	}
	if prevSeq == 0 {
		_, err = tx.exec(ctx, `INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)`, e.Seq, e.Hash)
	} else {
		_, err = tx.exec(ctx, `UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, e.Seq, e.Hash)
	}
	if err != nil {
		return fmt.Errorf("audit: head: %w", wrapErr(err))
	}
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

// VerifyAudit walks the whole chain and checks it against audit_head. It
// returns the Seq of the first bad entry and why, or 0 and "".
func (s *AuditService) VerifyAudit(ctx context.Context) (int64, string, error) {
	h := s.db.reader()
	var prevHash string
	var prevSeq int64
	for {
		batch, err := h.findAudit(ctx, []string{"seq > ?"}, []any{prevSeq}, 1000)
		if err != nil {
			return 0, "", err
		}
		if len(batch) == 0 {
			break
		}
		if bad, why := proofdesk.VerifyChain(batch, prevHash, prevSeq); bad != 0 {
			return bad, why, nil
		}
		last := batch[len(batch)-1]
		prevHash, prevSeq = last.Hash, last.Seq
	}
	var headSeq int64
	var headHash string
	err := h.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash)
	if err != nil && proofdesk.ErrorCode(wrapErr(err)) != proofdesk.ENOTFOUND {
		return 0, "", fmt.Errorf("verify audit: %w", err)
	}
	if headSeq != prevSeq || headHash != prevHash {
		return prevSeq + 1, fmt.Sprintf("chain ends at entry %d but the head records entry %d: entries were removed from the end", prevSeq, headSeq), nil
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
