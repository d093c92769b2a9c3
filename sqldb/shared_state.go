package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/proofdesk/proofdesk"
)

// The state every node sharing one database must agree on (issue 16):
// login throttling, TOTP replay memory, rate limits and unread marks. On
// SQLite (one node) the same tables serve. Keys are keyed hashes, so the
// tables hold no email address nor client address.

// LockedUntil returns the latest end of a lockout among keys, or the zero
// time when none of them is locked out at now.
func (db *DB) LockedUntil(ctx context.Context, keys []string, now time.Time) (time.Time, error) {
	var until time.Time
	for _, k := range keys {
		var s string
		err := db.wreader().queryRow(ctx, `SELECT locked_until FROM login_throttle WHERE key = ?`, db.index.BlindIndex("throttle", k)).Scan(&s)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return time.Time{}, fmt.Errorf("login throttle: %w", wrapErr(err))
		}
		if s == "" {
			continue
		}
		t, err := time.Parse(timeLayout, s)
		if err != nil {
			return time.Time{}, fmt.Errorf("login throttle: %w", err)
		}
		if t.After(now) && t.After(until) {
			until = t
		}
	}
	return until, nil
}

// AddFailure counts one failure for key at now, in a window of the given
// length that starts at the first failure. When the count reaches limit
// the key is locked out for lockout(n), n being the number of lockouts
// before this one (forgiven after a quiet day), and the count starts over.
// The read and the write are one transaction, row-locked on PostgreSQL, so
// nodes failing the same key at once count every failure.
func (db *DB) AddFailure(ctx context.Context, key string, now time.Time, window time.Duration, limit int, lockout func(n int) time.Duration) error {
	k := db.index.BlindIndex("throttle", key)
	err := db.WithTx(ctx, func(tx *Tx) error {
		// Keys quiet for two days whose lockout ended hold nothing left to
		// remember (lockouts are forgiven after a quiet day).
		old := fmtTime(now.Add(-48 * time.Hour))
		if _, err := tx.exec(ctx, `DELETE FROM login_throttle WHERE last_seen < ? AND locked_until < ?`, old, fmtTime(now)); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO login_throttle (key, failures, window_start, last_seen) VALUES (?, 0, ?, ?)
			ON CONFLICT (key) DO NOTHING`, k, fmtTime(now), fmtTime(now)); err != nil {
			return err
		}
		q := `SELECT failures, window_start, lockouts, last_seen FROM login_throttle WHERE key = ?`
		if db.dialect == Postgres {
			q += ` FOR UPDATE`
		}
		var failures, lockouts int
		var start, last string
		if err := tx.queryRow(ctx, q, k).Scan(&failures, &start, &lockouts, &last); err != nil {
			return err
		}
		ws, err := time.Parse(timeLayout, start)
		if err != nil {
			return err
		}
		ls, err := time.Parse(timeLayout, last)
		if err != nil {
			return err
		}
		if lockouts > 0 && now.Sub(ls) > 24*time.Hour {
			lockouts = 0
		}
		if failures == 0 || now.Sub(ws) >= window {
			failures, ws = 0, now
		}
		failures++
		locked := ""
		if failures >= limit {
			locked = fmtTime(now.Add(lockout(lockouts)))
			lockouts++
			failures = 0
		}
		if locked != "" {
			_, err = tx.exec(ctx, `UPDATE login_throttle SET failures = ?, window_start = ?, locked_until = ?, lockouts = ?, last_seen = ? WHERE key = ?`,
				failures, fmtTime(ws), locked, lockouts, fmtTime(now), k)
		} else {
			_, err = tx.exec(ctx, `UPDATE login_throttle SET failures = ?, window_start = ?, lockouts = ?, last_seen = ? WHERE key = ?`,
				failures, fmtTime(ws), lockouts, fmtTime(now), k)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("login throttle: %w", wrapErr(err))
	}
	return nil
}

// ClearFailures forgets key's failures and lockouts.
func (db *DB) ClearFailures(ctx context.Context, key string) error {
	err := db.WithTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM login_throttle WHERE key = ?`, db.index.BlindIndex("throttle", key))
		return err
	})
	if err != nil {
		return fmt.Errorf("login throttle: %w", wrapErr(err))
	}
	return nil
}

// UseTOTPStep records step as the last TOTP time step accepted for
// agentID and returns true, or returns false when that step or a later one
// was already accepted (a replay). One statement, so two nodes offered the
// same code at once accept it once.
func (db *DB) UseTOTPStep(ctx context.Context, agentID string, step int64) (bool, error) {
	var n int64
	err := db.WithTx(ctx, func(tx *Tx) error {
		r, err := tx.exec(ctx, `INSERT INTO totp_steps (agent_id, last_step) VALUES (?, ?)
			ON CONFLICT (agent_id) DO UPDATE SET last_step = excluded.last_step WHERE totp_steps.last_step < excluded.last_step`, agentID, step)
		if err != nil {
			return err
		}
		n, err = r.RowsAffected()
		return err
	})
	if err != nil {
		return false, fmt.Errorf("totp step: %w", wrapErr(err))
	}
	return n == 1, nil
}

// TakeRate counts one event for key in the current fixed window of length
// per and reports whether it is within limit; when it is not, wait is the
// time until the window ends.
func (db *DB) TakeRate(ctx context.Context, key string, limit int, per time.Duration, now time.Time) (ok bool, wait time.Duration, err error) {
	granted, wait, err := db.ReserveRate(ctx, key, 1, limit, per, now)
	return granted == 1, wait, err
}

// ReserveRate counts n events for key in the current fixed window of
// length per, in one write, and returns how many of them are within limit
// (0 to n): the caller may admit that many events in this window. When it
// is 0, wait is the time until the window ends. Grants never add up past
// limit in a window, whatever the number of nodes.
func (db *DB) ReserveRate(ctx context.Context, key string, n, limit int, per time.Duration, now time.Time) (granted int, wait time.Duration, err error) {
	if n < 1 {
		return 0, 0, proofdesk.Errorf(proofdesk.EINVALID, "rate reservation of %d events: want at least 1", n)
	}
	secs := max(int64(per/time.Second), 1)
	start := windowStart(now, per)
	k := db.index.BlindIndex("rate", key)
	var total int
	err = db.WithTx(ctx, func(tx *Tx) error {
		if err := tx.queryRow(ctx, `INSERT INTO rate_counters (key, window_start, n) VALUES (?, ?, ?)
			ON CONFLICT (key, window_start) DO UPDATE SET n = rate_counters.n + excluded.n RETURNING n`, k, start, n).Scan(&total); err != nil {
			return err
		}
		if total == n { // the first events of a window clear ended windows
			_, err := tx.exec(ctx, `DELETE FROM rate_counters WHERE (key = ? AND window_start < ?) OR window_start < ?`,
				k, start, start-max(secs, 3600))
			return err
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("rate limit: %w", wrapErr(err))
	}
	granted = min(max(limit-(total-n), 0), n)
	if granted == 0 {
		wait = time.Unix(start+secs, 0).Sub(now)
	}
	return granted, wait, nil
}

// windowStart is the Unix second at which the fixed window of length per
// holding now starts.
func windowStart(now time.Time, per time.Duration) int64 {
	secs := max(int64(per/time.Second), 1)
	return now.Unix() / secs * secs
}

// MarkRead records that agentID opened conversationID at t.
func (db *DB) MarkRead(ctx context.Context, agentID, conversationID string, t time.Time) error {
	err := db.WithTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO conversation_reads (agent_id, conversation_id, seen_at) VALUES (?, ?, ?)
			ON CONFLICT (agent_id, conversation_id) DO UPDATE SET seen_at = excluded.seen_at`, agentID, conversationID, fmtTime(t))
		return err
	})
	if err != nil {
		return fmt.Errorf("mark read: %w", wrapErr(err))
	}
	return nil
}

// ReadTimes returns when agentID last opened each of conversationIDs that
// it ever opened.
func (db *DB) ReadTimes(ctx context.Context, agentID string, conversationIDs []string) (map[string]time.Time, error) {
	out := make(map[string]time.Time, len(conversationIDs))
	const chunk = 200
	for i := 0; i < len(conversationIDs); i += chunk {
		ids := conversationIDs[i:min(i+chunk, len(conversationIDs))]
		args := []any{agentID}
		marks := make([]byte, 0, 3*len(ids))
		for j, id := range ids {
			if j > 0 {
				marks = append(marks, ", "...)
			}
			marks = append(marks, '?')
			args = append(args, id)
		}
		rows, err := db.wreader().query(ctx, `SELECT conversation_id, seen_at FROM conversation_reads WHERE agent_id = ? AND conversation_id IN (`+string(marks)+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("read times: %w", wrapErr(err))
		}
		for rows.Next() {
			var id, s string
			if err := rows.Scan(&id, &s); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read times: %w", err)
			}
			t, err := time.Parse(timeLayout, s)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("read times: %w", err)
			}
			out[id] = t
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("read times: %w", wrapErr(err))
		}
	}
	return out, nil
}
