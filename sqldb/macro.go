package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/proofdesk/proofdesk"
)

// Macros: SQL only. Who may create, change or apply one is desk's
// (proofdesk.Decide, DoEditMacro and DoFillPlaceholder).

const macroCols = `id, owner_id, created_by, title, body, set_status, set_priority, set_team, add_tags, created_at, updated_at`

func scanMacro(sc interface{ Scan(...any) error }) (*proofdesk.Macro, error) {
	m := &proofdesk.Macro{}
	var tags string
	if err := sc.Scan(&m.ID, &m.OwnerID, &m.CreatedBy, &m.Title, &m.Body, &m.Status, &m.Priority, &m.Team, &tags,
		timeScan{&m.CreatedAt}, timeScan{&m.UpdatedAt}); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(tags), &m.Tags); err != nil || m.Tags == nil {
		m.Tags = []string{}
	}
	return m, nil
}

// FindMacros returns the shared macros and agentID's personal ones, by
// title.
func (db *DB) FindMacros(ctx context.Context, agentID string) ([]*proofdesk.Macro, error) {
	rows, err := db.reader().query(ctx, `SELECT `+macroCols+` FROM macros WHERE owner_id = '' OR owner_id = ? ORDER BY title, id`, agentID)
	if err != nil {
		return nil, fmt.Errorf("find macros: %w", wrapErr(err))
	}
	defer rows.Close()
	var out []*proofdesk.Macro
	for rows.Next() {
		m, err := scanMacro(rows)
		if err != nil {
			return nil, fmt.Errorf("find macros: %w", wrapErr(err))
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find macros: %w", wrapErr(err))
	}
	return out, nil
}

// FindMacro returns ENOTFOUND for an unknown ID.
func (h *Handle) FindMacro(ctx context.Context, id string) (*proofdesk.Macro, error) {
	m, err := scanMacro(h.queryRow(ctx, `SELECT `+macroCols+` FROM macros WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Macro")
	}
	if err != nil {
		return nil, fmt.Errorf("find macro: %w", wrapErr(err))
	}
	return m, nil
}

// FindMacro returns ENOTFOUND for an unknown ID.
func (db *DB) FindMacro(ctx context.Context, id string) (*proofdesk.Macro, error) {
	return db.reader().FindMacro(ctx, id)
}

// SaveMacro inserts m, or replaces the macro with its ID; it sets the
// times. It validates nothing and decides nothing.
func (tx *Tx) SaveMacro(ctx context.Context, m *proofdesk.Macro) error {
	if m.CreatedAt.IsZero() {
		m.CreatedAt = tx.now
	}
	m.UpdatedAt = tx.now
	if m.Tags == nil {
		m.Tags = []string{}
	}
	_, err := tx.exec(ctx, `INSERT INTO macros (`+macroCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, title = excluded.title, body = excluded.body,
		set_status = excluded.set_status, set_priority = excluded.set_priority, set_team = excluded.set_team,
		add_tags = excluded.add_tags, updated_at = excluded.updated_at`,
		m.ID, m.OwnerID, m.CreatedBy, m.Title, m.Body, m.Status, m.Priority, m.Team, mustJSON(m.Tags), fmtTime(m.CreatedAt), fmtTime(m.UpdatedAt))
	if err != nil {
		return fmt.Errorf("save macro: %w", wrapErr(err))
	}
	return nil
}

// DeleteMacro returns ENOTFOUND for an unknown ID.
func (tx *Tx) DeleteMacro(ctx context.Context, id string) error {
	r, err := tx.exec(ctx, `DELETE FROM macros WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("delete macro: %w", wrapErr(err))
	}
	if n, _ := r.RowsAffected(); n != 1 {
		return notFound("Macro")
	}
	return nil
}
