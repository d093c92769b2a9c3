package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
)

// This file stores the inbox's work model (issue 13): admin-managed tags
// and teams, saved views, agent availability, the reopen of a
// conversation a customer writes to, the snooze wake-up and the
// round-robin state. It decides nothing: desk/work.go asks
// proofdesk.Decide and calls these.

// Audit actions of the work model.
const (
	AuditTagChange        = "tag.change"        // create, rename, delete (detail "op")
	AuditTeamChange       = "team.change"       // create, update, delete (detail "op")
	AuditConversationWoke = "conversation.woke" // a snooze ended
)

// likeEscape escapes LIKE's wildcards (and its escape character, '\')
// in s, for a pattern with ESCAPE '\'.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// checkTeam returns EINVALID when no team has the ID id.
func (h *Handle) checkTeam(ctx context.Context, id string) error {
	var n int
	if err := h.queryRow(ctx, `SELECT COUNT(*) FROM teams WHERE id = ?`, id).Scan(&n); err != nil {
		return fmt.Errorf("check team: %w", err)
	}
	if n == 0 {
		return proofdesk.FieldError("team", "team names no team")
	}
	return nil
}

// checkTags refuses a tag in tags, not already in old, that is not an
// admin-managed tag name, once an admin created at least one tag.
func (h *Handle) checkTags(ctx context.Context, tags, old []string) error {
	names, err := h.tagNames(ctx)
	if err != nil || len(names) == 0 {
		return err
	}
	for _, t := range tags {
		if !slices.Contains(old, t) && !slices.Contains(names, t) {
			return proofdesk.FieldError("tags", "tag %q is not one of the tags an admin created", t)
		}
	}
	return nil
}

func (h *Handle) tagNames(ctx context.Context) ([]string, error) {
	rows, err := h.query(ctx, `SELECT name FROM tags ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("find tags: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// changedReopened records that c is open again, for the holder or the
// team to be told: conversation.reopened (with assignee and team) and
// conversation.updated.
func (tx *Tx) changedReopened(c *proofdesk.Conversation) {
	lvl := c.EffectiveLevel(tx.now).String()
	tx.Changed(proofdesk.Event{Type: proofdesk.EventConversationReopened, ConversationID: c.ID, Status: c.Status, Level: lvl, AssigneeID: c.AssigneeID, Team: c.Team})
	tx.Changed(proofdesk.Event{Type: proofdesk.EventConversationUpdated, ConversationID: c.ID, Status: c.Status, Level: lvl})
}

// WakeSnoozed brings every snoozed conversation whose snoozed_until has
// passed back to open, at most limit of them, and returns them. Each is
// claimed by one node only: the rows are picked with FOR UPDATE SKIP
// LOCKED on PostgreSQL and changed only while still snoozed.
func (db *DB) WakeSnoozed(ctx context.Context, limit int) ([]*proofdesk.Conversation, error) {
	if limit <= 0 {
		limit = 100
	}
	var woke []*proofdesk.Conversation
	err := db.WithTx(ctx, func(tx *Tx) error {
		woke = nil
		q := `SELECT id FROM conversations WHERE status = ? AND snoozed_until <= ? ORDER BY snoozed_until LIMIT ` + fmt.Sprint(limit)
		if db.dialect == Postgres {
			q += ` FOR UPDATE SKIP LOCKED`
		}
		ids, err := tx.queryIDs(ctx, q, proofdesk.StatusSnoozed, fmtTime(tx.now))
		if err != nil {
			return fmt.Errorf("wake snoozed: %w", err)
		}
		for _, id := range ids {
			// Its activity time moves to now: it shows as unread again
			// and at the top of the open views.
			r, err := tx.exec(ctx, `UPDATE conversations SET status = ?, snoozed_until = NULL, updated_at = ?, last_activity_at = ? WHERE id = ? AND status = ?`,
				proofdesk.StatusOpen, fmtTime(tx.now), fmtTime(tx.now), id, proofdesk.StatusSnoozed)
			if err != nil {
				return fmt.Errorf("wake snoozed: %w", err)
			}
			if n, _ := r.RowsAffected(); n != 1 {
				continue
			}
			if err := tx.logStatus(ctx, id, proofdesk.StatusOpen); err != nil {
				return err
			}
			if err := tx.audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: AuditConversationWoke, SubjectKind: "conversation", SubjectID: id,
				Detail: map[string]string{"from": proofdesk.StatusSnoozed, "to": proofdesk.StatusOpen}}); err != nil {
				return err
			}
			c, _, err := tx.findConversationByID(ctx, id)
			if err != nil {
				return err
			}
			woke = append(woke, c)
			tx.changedReopened(c)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return woke, nil
}

func (h *Handle) queryIDs(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := h.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// Tags.

func cleanTagName(name string) (string, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" || len(name) > 50 || strings.ContainsAny(name, "\"\\,\x00") {
		return "", proofdesk.FieldError("name", "a tag name is 1 to 50 bytes, without quotes, commas or backslashes")
	}
	return proofdesk.NeutralizeBidi(name), nil
}

// FindTags lists the admin-managed tags by name.
func (db *DB) FindTags(ctx context.Context) ([]*proofdesk.Tag, error) {
	rows, err := db.reader().query(ctx, `SELECT id, name, created_at FROM tags ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("find tags: %w", err)
	}
	defer rows.Close()
	var out []*proofdesk.Tag
	for rows.Next() {
		t := &proofdesk.Tag{}
		if err := rows.Scan(&t.ID, &t.Name, timeScan{&t.CreatedAt}); err != nil {
			return nil, fmt.Errorf("find tags: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// CreateTag stores a tag name (lower-cased). ECONFLICT if taken.
func (db *DB) CreateTag(ctx context.Context, name string) (*proofdesk.Tag, error) {
	name, err := cleanTagName(name)
	if err != nil {
		return nil, err
	}
	t := &proofdesk.Tag{ID: proofdesk.NewID("tag"), Name: name}
	err = db.WithTx(ctx, func(tx *Tx) error {
		t.CreatedAt = tx.now
		if _, err := tx.exec(ctx, `INSERT INTO tags (id, name, created_at) VALUES (?, ?, ?)`, t.ID, t.Name, fmtTime(t.CreatedAt)); err != nil {
			return nameConflict(err, "tag")
		}
		return tx.audit(ctx, proofdesk.AuditEvent{Action: AuditTagChange, SubjectKind: "tag", SubjectID: t.ID, Detail: map[string]string{"op": "create"}})
	})
	return t, err
}

func nameConflict(err error, what string) error {
	err = wrapErr(err)
	if proofdesk.ErrorCode(err) == proofdesk.ECONFLICT {
		return &proofdesk.Error{Code: proofdesk.ECONFLICT, Field: "name", Message: "A " + what + " with this name already exists."}
	}
	return fmt.Errorf("%s: %w", what, err)
}

// RenameTag renames a tag and the tag on every conversation that has it,
// in one transaction. ENOTFOUND, ECONFLICT.
func (db *DB) RenameTag(ctx context.Context, id, name string) (*proofdesk.Tag, error) {
	name, err := cleanTagName(name)
	if err != nil {
		return nil, err
	}
	t := &proofdesk.Tag{}
	err = db.WithTx(ctx, func(tx *Tx) error {
		if err := tx.queryRow(ctx, `SELECT id, name, created_at FROM tags WHERE id = ?`, id).Scan(&t.ID, &t.Name, timeScan{&t.CreatedAt}); err != nil {
			if proofdesk.ErrorCode(wrapErr(err)) == proofdesk.ENOTFOUND {
				return notFound("Tag")
			}
			return err
		}
		old := t.Name
		if old == name {
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE tags SET name = ? WHERE id = ?`, name, id); err != nil {
			return nameConflict(err, "tag")
		}
		t.Name = name
		if err := tx.retag(ctx, old, name); err != nil {
			return err
		}
		return tx.audit(ctx, proofdesk.AuditEvent{Action: AuditTagChange, SubjectKind: "tag", SubjectID: id, Detail: map[string]string{"op": "rename"}})
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// DeleteTag removes a tag and takes it off every conversation. ENOTFOUND.
func (db *DB) DeleteTag(ctx context.Context, id string) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		var name string
		if err := tx.queryRow(ctx, `SELECT name FROM tags WHERE id = ?`, id).Scan(&name); err != nil {
			if proofdesk.ErrorCode(wrapErr(err)) == proofdesk.ENOTFOUND {
				return notFound("Tag")
			}
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM tags WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete tag: %w", err)
		}
		if err := tx.retag(ctx, name, ""); err != nil {
			return err
		}
		return tx.audit(ctx, proofdesk.AuditEvent{Action: AuditTagChange, SubjectKind: "tag", SubjectID: id, Detail: map[string]string{"op": "delete"}})
	})
}

// retag replaces the tag old with name ("" removes it) on every
// conversation.
func (tx *Tx) retag(ctx context.Context, old, name string) error {
	rows, err := tx.query(ctx, `SELECT id, tags FROM conversations WHERE tags LIKE ? ESCAPE '\'`, "%"+likeEscape(jsonString(old))+"%")
	if err != nil {
		return fmt.Errorf("retag: %w", err)
	}
	type row struct{ id, tags string }
	var rs []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.tags); err != nil {
			rows.Close()
			return err
		}
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range rs {
		var tags []string
		if err := json.Unmarshal([]byte(r.tags), &tags); err != nil {
			return fmt.Errorf("conversation %s: tags: %w", r.id, err)
		}
		var out []string
		for _, t := range tags {
			switch {
			case t != old:
				out = append(out, t)
			case name != "":
				out = append(out, name)
			}
		}
		b, _ := json.Marshal(normalizeTags(out))
		if _, err := tx.exec(ctx, `UPDATE conversations SET tags = ? WHERE id = ?`, string(b), r.id); err != nil {
			return fmt.Errorf("retag: %w", err)
		}
	}
	return nil
}

// Teams.

// TeamUpdate is a partial update of a team; nil fields are left alone.
type TeamUpdate struct {
	Name       *string
	AutoAssign *bool
	Channels   *[]string
	AgentIDs   *[]string
}

func cleanTeamName(name string) (string, error) {
	name = proofdesk.NeutralizeBidi(strings.TrimSpace(name))
	if name == "" || len(name) > 100 {
		return "", proofdesk.FieldError("name", "a team name is 1 to 100 bytes")
	}
	return name, nil
}

func cleanChannels(chs []string) ([]string, error) {
	out := []string{}
	for _, ch := range chs {
		if !proofdesk.ValidChannel(ch) {
			return nil, proofdesk.FieldError("channels", "channels must be of chat, email, phone, api")
		}
		if !slices.Contains(out, ch) {
			out = append(out, ch)
		}
	}
	return out, nil
}

const teamColumns = `id, name, auto_assign, channels, created_at`

func (h *Handle) scanTeams(ctx context.Context, where string, args ...any) ([]*proofdesk.Team, error) {
	rows, err := h.query(ctx, `SELECT `+teamColumns+` FROM teams `+where+` ORDER BY name`, args...)
	if err != nil {
		return nil, fmt.Errorf("find teams: %w", err)
	}
	var out []*proofdesk.Team
	byID := map[string]*proofdesk.Team{}
	for rows.Next() {
		t := &proofdesk.Team{AgentIDs: []string{}}
		var auto int
		var chs string
		if err := rows.Scan(&t.ID, &t.Name, &auto, &chs, timeScan{&t.CreatedAt}); err != nil {
			rows.Close()
			return nil, fmt.Errorf("find teams: %w", err)
		}
		t.AutoAssign = auto != 0
		if err := json.Unmarshal([]byte(chs), &t.Channels); err != nil {
			rows.Close()
			return nil, fmt.Errorf("team %s: channels: %w", t.ID, err)
		}
		out = append(out, t)
		byID[t.ID] = t
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	mrows, err := h.query(ctx, `SELECT team_id, agent_id FROM team_members ORDER BY team_id, agent_id`)
	if err != nil {
		return nil, fmt.Errorf("find team members: %w", err)
	}
	defer mrows.Close()
	for mrows.Next() {
		var tid, aid string
		if err := mrows.Scan(&tid, &aid); err != nil {
			return nil, err
		}
		if t := byID[tid]; t != nil {
			t.AgentIDs = append(t.AgentIDs, aid)
		}
	}
	return out, mrows.Err()
}

// FindTeams lists the teams by name, with their members.
func (db *DB) FindTeams(ctx context.Context) ([]*proofdesk.Team, error) {
	return db.reader().scanTeams(ctx, "")
}

// FindTeam returns ENOTFOUND if no team has that ID.
func (db *DB) FindTeam(ctx context.Context, id string) (*proofdesk.Team, error) {
	return db.reader().findTeam(ctx, id)
}

func (h *Handle) findTeam(ctx context.Context, id string) (*proofdesk.Team, error) {
	ts, err := h.scanTeams(ctx, "WHERE id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(ts) == 0 {
		return nil, notFound("Team")
	}
	return ts[0], nil
}

// CreateTeam stores t (name, auto-assign, channels, members). EINVALID,
// ECONFLICT.
func (db *DB) CreateTeam(ctx context.Context, t *proofdesk.Team) error {
	name, err := cleanTeamName(t.Name)
	if err != nil {
		return err
	}
	chs, err := cleanChannels(t.Channels)
	if err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		t.ID, t.Name, t.Channels, t.CreatedAt = proofdesk.NewID("tm"), name, chs, tx.now
		b, _ := json.Marshal(chs)
		if _, err := tx.exec(ctx, `INSERT INTO teams (id, name, auto_assign, channels, created_at) VALUES (?, ?, ?, ?, ?)`,
			t.ID, t.Name, boolInt(t.AutoAssign), string(b), fmtTime(t.CreatedAt)); err != nil {
			return nameConflict(err, "team")
		}
		members := t.AgentIDs
		t.AgentIDs = []string{}
		if err := tx.setMembers(ctx, t, members); err != nil {
			return err
		}
		return tx.audit(ctx, proofdesk.AuditEvent{Action: AuditTeamChange, SubjectKind: "team", SubjectID: t.ID, Detail: map[string]string{"op": "create"}})
	})
}

func (tx *Tx) setMembers(ctx context.Context, t *proofdesk.Team, ids []string) error {
	if _, err := tx.exec(ctx, `DELETE FROM team_members WHERE team_id = ?`, t.ID); err != nil {
		return fmt.Errorf("team members: %w", err)
	}
	t.AgentIDs = []string{}
	for _, id := range ids {
		if slices.Contains(t.AgentIDs, id) {
			continue
		}
		if _, err := tx.findAgent(ctx, "id", id); err != nil {
			if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
				return proofdesk.FieldError("agent_ids", "agent_ids names no agent")
			}
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO team_members (team_id, agent_id) VALUES (?, ?)`, t.ID, id); err != nil {
			return fmt.Errorf("team members: %w", err)
		}
		t.AgentIDs = append(t.AgentIDs, id)
	}
	slices.Sort(t.AgentIDs)
	return nil
}

// UpdateTeam applies upd. ENOTFOUND, EINVALID, ECONFLICT.
func (db *DB) UpdateTeam(ctx context.Context, id string, upd TeamUpdate) (*proofdesk.Team, error) {
	var out *proofdesk.Team
	err := db.WithTx(ctx, func(tx *Tx) error {
		t, err := tx.findTeam(ctx, id)
		if err != nil {
			return err
		}
		var changed []string
		if upd.Name != nil {
			if t.Name, err = cleanTeamName(*upd.Name); err != nil {
				return err
			}
			changed = append(changed, "name")
		}
		if upd.AutoAssign != nil {
			t.AutoAssign, changed = *upd.AutoAssign, append(changed, "auto_assign")
		}
		if upd.Channels != nil {
			if t.Channels, err = cleanChannels(*upd.Channels); err != nil {
				return err
			}
			changed = append(changed, "channels")
		}
		b, _ := json.Marshal(t.Channels)
		if _, err := tx.exec(ctx, `UPDATE teams SET name = ?, auto_assign = ?, channels = ? WHERE id = ?`, t.Name, boolInt(t.AutoAssign), string(b), id); err != nil {
			return nameConflict(err, "team")
		}
		if upd.AgentIDs != nil {
			if err := tx.setMembers(ctx, t, *upd.AgentIDs); err != nil {
				return err
			}
			changed = append(changed, "agent_ids")
		}
		out = t
		return tx.audit(ctx, proofdesk.AuditEvent{Action: AuditTeamChange, SubjectKind: "team", SubjectID: id,
			Detail: map[string]string{"op": "update", "fields": strings.Join(changed, ",")}})
	})
	return out, err
}

// DeleteTeam removes a team; its conversations leave its queue (team
// ""). ENOTFOUND.
func (db *DB) DeleteTeam(ctx context.Context, id string) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		if _, err := tx.findTeam(ctx, id); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE conversations SET team = '' WHERE team = ?`, id); err != nil {
			return fmt.Errorf("delete team: %w", err)
		}
		if _, err := tx.exec(ctx, `DELETE FROM teams WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete team: %w", err)
		}
		return tx.audit(ctx, proofdesk.AuditEvent{Action: AuditTeamChange, SubjectKind: "team", SubjectID: id, Detail: map[string]string{"op": "delete"}})
	})
}

// LockTeam locks the team row for the rest of the transaction (PostgreSQL;
// SQLite has one writer) so that one node at a time picks the team's next
// agent, and returns the team with where its round robin stopped.
func (tx *Tx) LockTeam(ctx context.Context, id string) (*proofdesk.Team, string, error) {
	q := `SELECT last_agent_id FROM teams WHERE id = ?`
	if tx.db.dialect == Postgres {
		q += ` FOR UPDATE`
	}
	var last string
	if err := tx.queryRow(ctx, q, id).Scan(&last); err != nil {
		if proofdesk.ErrorCode(wrapErr(err)) == proofdesk.ENOTFOUND {
			return nil, "", notFound("Team")
		}
		return nil, "", fmt.Errorf("lock team: %w", err)
	}
	t, err := tx.findTeam(ctx, id)
	return t, last, err
}

// SetTeamCursor records the agent the team's round robin gave the last
// conversation to.
func (tx *Tx) SetTeamCursor(ctx context.Context, teamID, agentID string) error {
	_, err := tx.exec(ctx, `UPDATE teams SET last_agent_id = ? WHERE id = ?`, agentID, teamID)
	return err
}

// OpenLoad returns how many open conversations each of agentIDs holds.
func (h *Handle) OpenLoad(ctx context.Context, agentIDs []string) (map[string]int, error) {
	out := map[string]int{}
	if len(agentIDs) == 0 {
		return out, nil
	}
	args := []any{proofdesk.StatusOpen}
	ph := make([]string, len(agentIDs))
	for i, id := range agentIDs {
		ph[i], args = "?", append(args, id)
	}
	rows, err := h.query(ctx, `SELECT assignee_id, COUNT(*) FROM conversations WHERE status = ? AND assignee_id IN (`+strings.Join(ph, ",")+`) GROUP BY assignee_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("open load: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// FindAgentsByID returns the agents of ids that exist, by ID.
func (h *Handle) FindAgentsByID(ctx context.Context, ids []string) (map[string]*proofdesk.Agent, error) {
	out := map[string]*proofdesk.Agent{}
	for _, id := range ids {
		a, err := h.findAgent(ctx, "id", id)
		if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, err
		}
		out[id] = a
	}
	return out, nil
}

// QueuedConversations returns the IDs of open, unassigned conversations in
// the queue of team, oldest first, at most limit.
func (h *Handle) QueuedConversations(ctx context.Context, team string, limit int) ([]string, error) {
	return h.queryIDs(ctx, `SELECT id FROM conversations WHERE team = ? AND status = ? AND assignee_id IS NULL ORDER BY created_at, id LIMIT `+fmt.Sprint(limit), team, proofdesk.StatusOpen)
}

// HeldConversations returns the IDs of the open and pending conversations
// agentID holds on channel ("" for every channel).
func (h *Handle) HeldConversations(ctx context.Context, agentID, channel string) ([]string, error) {
	q := `SELECT id FROM conversations WHERE assignee_id = ? AND status IN (?, ?)`
	args := []any{agentID, proofdesk.StatusOpen, proofdesk.StatusPending}
	if channel != "" {
		q, args = q+` AND channel = ?`, append(args, channel)
	}
	return h.queryIDs(ctx, q+` ORDER BY created_at, id`, args...)
}

// RouteNewConversations puts the open, unassigned conversations on
// channel with no team, created since since, in the queue of team. It
// decides nothing: desk.WorkTick picks the team.
func (tx *Tx) RouteNewConversations(ctx context.Context, channel, team string, since time.Time) error {
	if _, err := tx.exec(ctx, `UPDATE conversations SET team = ? WHERE team = '' AND channel = ? AND status = ? AND assignee_id IS NULL AND created_at >= ?`,
		team, channel, proofdesk.StatusOpen, fmtTime(since)); err != nil {
		return fmt.Errorf("route conversations: %w", err)
	}
	return nil
}

// HasQueued reports whether the queue of team holds an open, unassigned
// conversation (a read, so that idle ticks write nothing).
func (db *DB) HasQueued(ctx context.Context, team string) (bool, error) {
	ids, err := db.reader().QueuedConversations(ctx, team, 1)
	return len(ids) > 0, err
}

// HasNewUnrouted reports whether an open, unassigned conversation on
// channel with no team was created since since.
func (db *DB) HasNewUnrouted(ctx context.Context, channel string, since time.Time) (bool, error) {
	ids, err := db.reader().queryIDs(ctx, `SELECT id FROM conversations WHERE team = '' AND channel = ? AND status = ? AND assignee_id IS NULL AND created_at >= ? LIMIT 1`,
		channel, proofdesk.StatusOpen, fmtTime(since))
	return len(ids) > 0, err
}

// HasDueSnoozes reports whether a snooze has ended (a read: WakeSnoozed
// then claims them).
func (db *DB) HasDueSnoozes(ctx context.Context) (bool, error) {
	ids, err := db.reader().queryIDs(ctx, `SELECT id FROM conversations WHERE status = ? AND snoozed_until <= ? LIMIT 1`, proofdesk.StatusSnoozed, fmtTime(db.Now()))
	return len(ids) > 0, err
}

// Saved views.

// FindSavedViews lists the saved views of agentID by name.
func (db *DB) FindSavedViews(ctx context.Context, agentID string) ([]*proofdesk.SavedView, error) {
	rows, err := db.reader().query(ctx, `SELECT id, agent_id, name, filter, created_at FROM saved_views WHERE agent_id = ? ORDER BY name, id`, agentID)
	if err != nil {
		return nil, fmt.Errorf("find saved views: %w", err)
	}
	defer rows.Close()
	var out []*proofdesk.SavedView
	for rows.Next() {
		v := &proofdesk.SavedView{}
		var f string
		if err := rows.Scan(&v.ID, &v.AgentID, &v.Name, &f, timeScan{&v.CreatedAt}); err != nil {
			return nil, fmt.Errorf("find saved views: %w", err)
		}
		if err := json.Unmarshal([]byte(f), &v.Filter); err != nil {
			return nil, fmt.Errorf("saved view %s: %w", v.ID, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// CreateSavedView stores v for v.AgentID; the caller validated v.Filter.
// EINVALID for a bad name, ECONFLICT when the agent has one of that name.
func (db *DB) CreateSavedView(ctx context.Context, v *proofdesk.SavedView) error {
	v.Name = proofdesk.NeutralizeBidi(strings.TrimSpace(v.Name))
	if v.Name == "" || len(v.Name) > 100 {
		return proofdesk.FieldError("name", "a view name is 1 to 100 bytes")
	}
	b, _ := json.Marshal(v.Filter)
	return db.WithTx(ctx, func(tx *Tx) error {
		v.ID, v.CreatedAt = proofdesk.NewID("view"), tx.now
		if _, err := tx.exec(ctx, `INSERT INTO saved_views (id, agent_id, name, filter, created_at) VALUES (?, ?, ?, ?, ?)`,
			v.ID, v.AgentID, v.Name, string(b), fmtTime(v.CreatedAt)); err != nil {
			return nameConflict(err, "view")
		}
		return nil
	})
}

// DeleteSavedView removes agentID's view id. ENOTFOUND when agentID has
// no such view.
func (db *DB) DeleteSavedView(ctx context.Context, agentID, id string) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		r, err := tx.exec(ctx, `DELETE FROM saved_views WHERE id = ? AND agent_id = ?`, id, agentID)
		if err != nil {
			return fmt.Errorf("delete saved view: %w", err)
		}
		if n, _ := r.RowsAffected(); n != 1 {
			return notFound("View")
		}
		return nil
	})
}

// TouchAgent records console activity of agentID at the store's now (the
// inactivity clock of availability). It writes at most once a minute per
// agent.
func (db *DB) TouchAgent(ctx context.Context, agentID string) error {
	now := db.Now()
	_, err := db.wdb.ExecContext(ctx, db.rebind(`UPDATE agents SET last_seen_at = ? WHERE id = ? AND (last_seen_at IS NULL OR last_seen_at < ?)`),
		fmtTime(now), agentID, fmtTime(now.Add(-time.Minute)))
	return err
}

// HeldConversationIDs returns the IDs of the open and pending
// conversations agentID holds on channel ("" for every channel).
func (db *DB) HeldConversationIDs(ctx context.Context, agentID, channel string) ([]string, error) {
	return db.reader().HeldConversations(ctx, agentID, channel)
}

var _ proofdesk.WorkService = (*DB)(nil)
