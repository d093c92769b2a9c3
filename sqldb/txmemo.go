package sqldb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/proofdesk/proofdesk"
)

// txMemo keeps what one write transaction has already established, so
// that its later statements do not ask PostgreSQL again (each question a
// round trip: a create asked for the same row lock four times, and for
// the policy and the webhook subscriptions once per audited change):
//
//   - the rows it locked (lockRow, lockClause) and the actors it
//     serialised (lockActor): a lock lasts until the transaction ends;
//   - the settings and the webhook subscriptions it read, emptied by
//     every statement of the transaction that writes those tables (the
//     test is on the statement's text, as for the customer memo, so no
//     write path can forget it). Another transaction's change that
//     commits meanwhile is not seen: the transaction works with one
//     policy and one list of subscriptions throughout.
//
// It lives as long as its transaction; readers outside one have none.
type txMemo struct {
	// conn is a PostgreSQL transaction's connection, on which pending
	// writes go (execLater); err is the failure of one that was sent.
	conn    *sql.Conn
	pending []pendingExec
	err     error

	locked       map[string]bool
	settings     map[string]settingRead
	webhooks     []*proofdesk.Webhook
	webhooksRead bool
}

// settingRead is one read of a setting: its value, or ENOTFOUND.
type settingRead struct {
	v   string
	err error
}

// forgetTx empties the parts of h's memo that the statement q may change.
func (h *Handle) forgetTx(q string) {
	m := h.txm
	if m == nil || (len(m.settings) == 0 && !m.webhooksRead) || !isWrite(q) {
		return
	}
	if strings.Contains(q, "settings") {
		clear(m.settings)
	}
	if strings.Contains(q, "webhooks") {
		m.webhooks, m.webhooksRead = nil, false
	}
}

// locks reports whether h takes row locks: a write transaction on
// PostgreSQL (see lockRow).
func (h *Handle) locks() bool { return h.inTx && h.db.dialect == Postgres }

// isLocked reports whether this transaction already holds the lock key.
func (h *Handle) isLocked(key string) bool { return h.txm != nil && h.txm.locked[key] }

// holdLock records that this transaction holds the lock key.
func (h *Handle) holdLock(key string) {
	if h.txm == nil {
		return
	}
	if h.txm.locked == nil {
		h.txm.locked = map[string]bool{}
	}
	h.txm.locked[key] = true
}

// lockClause returns the FOR UPDATE clause that makes a read of the row
// id of table (under alias in the query) also take lockRow's lock, or ""
// when h takes no locks or holds it already. Call lockedRow once the
// read found the row.
func (h *Handle) lockClause(table, alias, id string) string {
	if !h.locks() || h.isLocked(table+"|"+id) {
		return ""
	}
	return ` FOR UPDATE OF ` + alias
}

// lockedRow records that a read with lockClause locked the row id of
// table.
func (h *Handle) lockedRow(table, id string) {
	if h.locks() {
		h.holdLock(table + "|" + id)
	}
}

// pendingExec is a write of a PostgreSQL transaction whose result nobody
// reads (execLater): it is sent with the transaction's next statement,
// in one pgx batch, one round trip for all.
type pendingExec struct {
	what string // the error's prefix, as an immediate exec would say
	q    string // rebound for PostgreSQL
	args []any
}

// execLater runs the write q in h's transaction, at once or, on
// PostgreSQL, with the transaction's next statement (its read, its next
// write, or the COMMIT): the statements run in the same order either
// way, and a failure fails the transaction, whose WithTx returns it
// (wrapped in what). Use it only for a write whose result the caller
// does not read and whose failure it does not handle itself.
func (h *Handle) execLater(ctx context.Context, what, q string, args ...any) error {
	m := h.txm
	if m == nil || m.conn == nil {
		if _, err := h.exec(ctx, q, args...); err != nil {
			return fmt.Errorf("%s: %w", what, wrapErr(err))
		}
		return nil
	}
	if m.err != nil {
		return m.err
	}
	h.forgetCustomers(q)
	h.forgetTx(q)
	m.pending = append(m.pending, pendingExec{what: what, q: h.db.rebind(q), args: args})
	return nil
}

// sendPending sends h's pending writes, then last (when not nil), in one
// pgx batch on the transaction's connection, and returns last's result.
// A pending write's failure is kept (txMemo.err): the transaction is
// aborted, and WithTx returns that failure rather than the ones it causes.
func (h *Handle) sendPending(ctx context.Context, last *pendingExec) (sql.Result, error) {
	m := h.txm
	if m.err != nil {
		return nil, m.err
	}
	pending := m.pending
	m.pending = nil
	b := &pgx.Batch{}
	for _, p := range pending {
		b.Queue(p.q, p.args...)
	}
	if last != nil {
		b.Queue(last.q, last.args...)
	}
	var n int64
	var lastErr error
	err := m.conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("batch: unexpected driver connection %T", dc)
		}
		br := c.Conn().SendBatch(ctx, b)
		for _, p := range pending {
			if _, err := br.Exec(); err != nil {
				_ = br.Close()
				return fmt.Errorf("%s: %w", p.what, wrapErr(err))
			}
		}
		if last != nil {
			tag, err := br.Exec()
			if err != nil {
				lastErr = err
				_ = br.Close()
				return nil
			}
			n = tag.RowsAffected()
		}
		return br.Close()
	})
	if err != nil {
		m.err = err
		return nil, err
	}
	if lastErr != nil {
		return nil, lastErr // the caller wraps it, as an immediate exec's
	}
	return driver.RowsAffected(n), nil
}
