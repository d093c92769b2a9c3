package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
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
	secs := int64(per / time.Second)
	if secs < 1 {
		secs = 1
	}
	start := now.Unix() / secs * secs
	k := db.index.BlindIndex("rate", key)
	var n int
	err = db.WithTx(ctx, func(tx *Tx) error {
		if err := tx.queryRow(ctx, `INSERT INTO rate_counters (key, window_start, n) VALUES (?, ?, 1)
			ON CONFLICT (key, window_start) DO UPDATE SET n = rate_counters.n + 1 RETURNING n`, k, start).Scan(&n); err != nil {
			return err
		}
		if n == 1 { // the first event of a window clears the old ones
			_, err := tx.exec(ctx, `DELETE FROM rate_counters WHERE key = ? AND window_start < ?`, k, start)
			return err
		}
		return nil
	})
	if err != nil {
		return false, 0, fmt.Errorf("rate limit: %w", wrapErr(err))
	}
	if n <= limit {
		return true, 0, nil
	}
	return false, time.Unix(start+secs, 0).Sub(now), nil
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
