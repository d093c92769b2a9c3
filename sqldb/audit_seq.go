package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"log/slog"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
)

// On PostgreSQL the audit chain is built in two steps, as transparency
// logs build theirs (RFC 9162 section 4: a log accepts a submission at
// once and merges it into the tree within its maximum merge delay):
//
//  1. a transaction that changes something inserts its audit entry into
//     audit_pending, with the change, taking no lock: concurrent writers
//     no longer queue behind one chain head;
//  2. a sequencer moves pending entries, in batches, into audit_log,
//     giving each the next Seq and its keyed hash over the one before
//     (the same chain SQLite appends to directly), and advances
//     audit_head. One sequencer runs at a time across all nodes
//     (pg_advisory_xact_lock), every auditSequenceEvery on each node, and
//     before every read of the chain (FindAuditEntries, VerifyAudit,
//     AnchorAudit), so a reader always sees its own writes chained.
//
// An entry is pending for at most about auditSequenceEvery. Counters that
// must see the newest events at once (reveals, blocked replies and
// lookups per agent) read the audit_events view, chained and pending.

// auditSequenceEvery is the sequencer's period on each node: the longest
// an entry stays pending while nobody reads the chain.
const auditSequenceEvery = 100 * time.Millisecond

// auditSequenceBatch is the most entries one sequencer transaction
// chains.
const auditSequenceBatch = 1000

// sequencerLock is the advisory lock key that serialises sequencers.
const sequencerLock = 7714002

// auditPending records ev, to be chained by the sequencer.
func (tx *Tx) auditPending(ctx context.Context, ev proofdesk.AuditEvent) error {
	detail, err := json.Marshal(ev.Detail)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	// Sent with the transaction's next statement (execLater).
	return tx.execLater(ctx, "audit: insert", `INSERT INTO audit_pending (at, actor_kind, actor_id, action, subject_kind, subject_id, detail)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, fmtTime(tx.now), ev.ActorKind, ev.ActorID, ev.Action, ev.SubjectKind, ev.SubjectID, string(detail))
}

// sequenceAudit chains one batch of pending entries and returns how many
// it chained. Entries are chained in the order of their IDs among those
// committed; one that commits later than a higher ID is chained after it.
func (db *DB) sequenceAudit(ctx context.Context) (int, error) {
	if db.dialect != Postgres {
		return 0, nil
	}
	n := 0
	err := db.WithTx(ctx, func(tx *Tx) error {
		n = 0
		if _, err := tx.exec(ctx, `SELECT pg_advisory_xact_lock(?)`, sequencerLock); err != nil {
			return fmt.Errorf("audit sequencer: lock: %w", err)
		}
		rows, err := tx.query(ctx, `SELECT id, at, actor_kind, actor_id, action, subject_kind, subject_id, detail
			FROM audit_pending ORDER BY id LIMIT `+fmt.Sprint(auditSequenceBatch))
		if err != nil {
			return fmt.Errorf("audit sequencer: %w", err)
		}
		type pending struct {
			id     int64
			e      proofdesk.AuditEntry
			detail string
		}
		var ps []pending
		for rows.Next() {
			var p pending
			if err := rows.Scan(&p.id, timeScan{&p.e.Time}, &p.e.ActorKind, &p.e.ActorID, &p.e.Action, &p.e.SubjectKind, &p.e.SubjectID, &p.detail); err != nil {
				rows.Close()
				return fmt.Errorf("audit sequencer: %w", err)
			}
			ps = append(ps, p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("audit sequencer: %w", err)
		}
		if len(ps) == 0 {
			return nil
		}
		var prevSeq int64
		var prevHash string
		err = tx.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&prevSeq, &prevHash)
		if err != nil && proofdesk.ErrorCode(wrapErr(err)) != proofdesk.ENOTFOUND {
			return fmt.Errorf("audit sequencer: head: %w", err)
		}
		first := prevSeq == 0
		for _, p := range ps {
			e := p.e
			if err := json.Unmarshal([]byte(p.detail), &e.Detail); err != nil {
				return fmt.Errorf("audit sequencer: entry %d: %w", p.id, err)
			}
			e.Seq, e.PrevHash = prevSeq+1, prevHash
			e.Hash = e.ComputeHash(tx.db.auditKey)
			if _, err := tx.exec(ctx, `INSERT INTO audit_log (seq, at, actor_kind, actor_id, action, subject_kind, subject_id, detail, prev_hash, hash)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				e.Seq, fmtTime(e.Time), e.ActorKind, e.ActorID, e.Action, e.SubjectKind, e.SubjectID, p.detail, e.PrevHash, e.Hash); err != nil {
				return fmt.Errorf("audit sequencer: insert: %w", wrapErr(err))
			}
			prevSeq, prevHash = e.Seq, e.Hash
		}
		// Exactly the entries chained: an entry with an ID inside their
		// range may have committed after the read above (IDs are taken
		// at insert, commits land in any order) and waits for the next
		// batch.
		ids := make([]any, len(ps))
		for i, p := range ps {
			ids[i] = p.id
		}
		if _, err := tx.exec(ctx, `DELETE FROM audit_pending WHERE id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)`, ids...); err != nil {
			return fmt.Errorf("audit sequencer: %w", err)
		}
		if first {
			_, err = tx.exec(ctx, `INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)`, prevSeq, prevHash)
		} else {
			_, err = tx.exec(ctx, `UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, prevSeq, prevHash)
		}
		if err != nil {
			return fmt.Errorf("audit sequencer: head: %w", wrapErr(err))
		}
		n = len(ps)
		return nil
	})
	return n, err
}

// flushAudit chains every entry pending when it is called.
func (db *DB) flushAudit(ctx context.Context) error {
	for {
		n, err := db.sequenceAudit(ctx)
		if err != nil || n < auditSequenceBatch {
			return err
		}
	}
}

// runAuditSequencer chains pending entries every auditSequenceEvery until
// ctx ends.
func (db *DB) runAuditSequencer(ctx context.Context) {
	t := time.NewTicker(auditSequenceEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := db.flushAudit(ctx); err != nil && ctx.Err() == nil {
			db.logger.Error("audit sequencer", slog.Any("error", err))
		}
	}
}

// lockActor serialises, inside tx, the counted actions of one actor
// (reveals, blocked replies, lookups) on PostgreSQL, so that concurrent
// requests of one agent cannot all count below a limit at once; SQLite's
// single writer already does. The lock ends with tx.
// A transaction that holds the actor's lock already does not ask again.
func (h *Handle) lockActor(ctx context.Context, actorID string) error {
	if h.db.dialect != Postgres || h.tx == nil || h.isLocked("actor|"+actorID) {
		return nil
	}
	f := fnv.New64a()
	f.Write([]byte("actor|" + actorID))
	if _, err := h.exec(ctx, `SELECT pg_advisory_xact_lock(?)`, int64(f.Sum64())); err != nil {
		return err
	}
	h.holdLock("actor|" + actorID)
	return nil
}
