package sqldb

import (
	"strings"

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
