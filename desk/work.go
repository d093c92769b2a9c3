package desk

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// This file is the inbox's work model (issue 13): admin-managed tags and
// teams, saved views, agent availability, the snooze wake-up, routing of
// new conversations to a team's queue, round-robin auto-assignment and the
// hand-back of an offline agent's chats. Who may do what is
// proofdesk.Decide's: DoAdminister for tags and teams and for another
// agent's availability or capacity, DoConversation for an agent's own
// views and availability, DoAssign (by the system) for every assignment.

// allow asks proofdesk.Decide about action for the context's agent,
// outside any conversation, and returns its refusal.
func allow(ctx context.Context, action string) error {
	in := proofdesk.DecisionInput{Action: action, Actor: proofdesk.ActorOf(proofdesk.AgentFromContext(ctx)), Now: time.Now()}
	return proofdesk.Decide(in).Err(in)
}

// FindTags lists the tag names agents may put on conversations.
func (d *Desk) FindTags(ctx context.Context) ([]*proofdesk.Tag, error) {
	if err := allow(ctx, proofdesk.DoConversation); err != nil {
		return nil, err
	}
	return d.db.FindTags(ctx)
}

// CreateTag adds a tag name (an admin's). EINVALID, ECONFLICT, EFORBIDDEN.
func (d *Desk) CreateTag(ctx context.Context, name string) (*proofdesk.Tag, error) {
	if err := allow(ctx, proofdesk.DoAdminister); err != nil {
		return nil, err
	}
	return d.db.CreateTag(ctx, name)
}

// RenameTag renames a tag everywhere it is used (an admin's).
func (d *Desk) RenameTag(ctx context.Context, id, name string) (*proofdesk.Tag, error) {
	if err := allow(ctx, proofdesk.DoAdminister); err != nil {
		return nil, err
	}
	return d.db.RenameTag(ctx, id, name)
}

// DeleteTag removes a tag from the list and from every conversation (an
// admin's).
func (d *Desk) DeleteTag(ctx context.Context, id string) error {
	if err := allow(ctx, proofdesk.DoAdminister); err != nil {
		return err
	}
	return d.db.DeleteTag(ctx, id)
}

// FindTeams lists the teams with their members.
func (d *Desk) FindTeams(ctx context.Context) ([]*proofdesk.Team, error) {
	if err := allow(ctx, proofdesk.DoConversation); err != nil {
		return nil, err
	}
	return d.db.FindTeams(ctx)
}

// CreateTeam creates a team (an admin's).
func (d *Desk) CreateTeam(ctx context.Context, t *proofdesk.Team) error {
	if err := allow(ctx, proofdesk.DoAdminister); err != nil {
		return err
	}
	return d.db.CreateTeam(ctx, t)
}

// UpdateTeam renames a team, sets its members, channels and
// auto-assignment (an admin's).
func (d *Desk) UpdateTeam(ctx context.Context, id string, upd sqldb.TeamUpdate) (*proofdesk.Team, error) {
	if err := allow(ctx, proofdesk.DoAdminister); err != nil {
		return nil, err
	}
	return d.db.UpdateTeam(ctx, id, upd)
}

// DeleteTeam deletes a team; its conversations leave its queue (an
// admin's).
func (d *Desk) DeleteTeam(ctx context.Context, id string) error {
	if err := allow(ctx, proofdesk.DoAdminister); err != nil {
		return err
	}
	return d.db.DeleteTeam(ctx, id)
}

// FindSavedViews lists the context agent's saved views.
func (d *Desk) FindSavedViews(ctx context.Context) ([]*proofdesk.SavedView, error) {
	if err := allow(ctx, proofdesk.DoConversation); err != nil {
		return nil, err
	}
	return d.db.FindSavedViews(ctx, proofdesk.AgentIDFromContext(ctx))
}

// CreateSavedView stores a named filter for the context agent. EINVALID
// names the bad filter field.
func (d *Desk) CreateSavedView(ctx context.Context, name string, f proofdesk.ViewFilter) (*proofdesk.SavedView, error) {
	if err := allow(ctx, proofdesk.DoConversation); err != nil {
		return nil, err
	}
	if err := d.CheckViewFilter(ctx, f); err != nil {
		return nil, err
	}
	v := &proofdesk.SavedView{AgentID: proofdesk.AgentIDFromContext(ctx), Name: name, Filter: f}
	if err := d.db.CreateSavedView(ctx, v); err != nil {
		return nil, err
	}
	return v, nil
}

// DeleteSavedView deletes one of the context agent's views. ENOTFOUND.
func (d *Desk) DeleteSavedView(ctx context.Context, id string) error {
	if err := allow(ctx, proofdesk.DoConversation); err != nil {
		return err
	}
	return d.db.DeleteSavedView(ctx, proofdesk.AgentIDFromContext(ctx), id)
}

// CheckViewFilter returns EINVALID naming the first bad field of f.
func (d *Desk) CheckViewFilter(ctx context.Context, f proofdesk.ViewFilter) error {
	switch {
	case f.Channel != "" && !proofdesk.ValidChannel(f.Channel):
		return proofdesk.FieldError("channel", "channel must be one of chat, email, phone, api")
	case f.Status != "" && !proofdesk.ValidStatus(f.Status):
		return proofdesk.FieldError("status", "status must be one of open, pending, snoozed, resolved")
	case f.Priority != "" && !proofdesk.ValidPriority(f.Priority):
		return proofdesk.FieldError("priority", "priority must be one of low, normal, high, urgent")
	case f.Level != "" && f.Level != "L0" && f.Level != "L1" && f.Level != "L2":
		return proofdesk.FieldError("level", "level must be L0, L1 or L2")
	case f.Sort != "" && f.Sort != proofdesk.SortActivity && f.Sort != proofdesk.SortPriority && f.Sort != proofdesk.SortCreated:
		return proofdesk.FieldError("sort", "sort must be one of activity, priority, created")
	case len(f.Tag) > 50:
		return proofdesk.FieldError("tag", "tag is longer than 50 bytes")
	}
	if f.Team != "" {
		if _, err := d.db.FindTeam(ctx, f.Team); proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
			return proofdesk.FieldError("team", "team names no team")
		} else if err != nil {
			return err
		}
	}
	if f.AssigneeID != "" && f.AssigneeID != "me" && f.AssigneeID != "none" {
		if _, err := sqldb.NewAgentService(d.db).FindAgentByID(ctx, f.AssigneeID); proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
			return proofdesk.FieldError("assignee_id", "assignee_id names no agent (or use me, none)")
		} else if err != nil {
			return err
		}
	}
	return nil
}

// ConversationFilter turns a view filter into a store filter for the
// context agent ("me" is them).
func ConversationFilter(ctx context.Context, f proofdesk.ViewFilter) proofdesk.ConversationFilter {
	var out proofdesk.ConversationFilter
	str := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	out.Channel, out.Status, out.Team, out.Priority = str(f.Channel), str(f.Status), str(f.Team), str(f.Priority)
	if f.Tag != "" {
		t := strings.ToLower(f.Tag)
		out.Tag = &t
	}
	switch f.AssigneeID {
	case "":
	case "none":
		out.Unassigned = true
	case "me":
		out.AssigneeID = str(proofdesk.AgentIDFromContext(ctx))
	default:
		out.AssigneeID = str(f.AssigneeID)
	}
	if l, err := proofdesk.ParseLevel(f.Level); err == nil && f.Level != "" {
		out.MinLevel = &l
	}
	out.Sort = f.Sort
	return out
}

// SetAvailability sets agentID's availability and, when capacity is
// non-nil, capacity. An agent sets their own availability; another
// agent's, and any capacity, is an admin's. Going offline hands the
// agent's open chats back to their team's queue (their level drops: a
// take-over) and auto-assigns them to the next available member.
func (d *Desk) SetAvailability(ctx context.Context, agentID, availability string, capacity *int) (*proofdesk.Agent, error) {
	me := proofdesk.AgentIDFromContext(ctx)
	action := proofdesk.DoConversation
	if agentID != me || capacity != nil {
		action = proofdesk.DoAdminister
	}
	if err := allow(ctx, action); err != nil {
		return nil, err
	}
	upd := proofdesk.AgentUpdate{Capacity: capacity}
	if availability != "" {
		if !proofdesk.ValidAvailability(availability) {
			return nil, proofdesk.FieldError("availability", "availability must be online, away or offline")
		}
		upd.Availability = &availability
	}
	a, err := sqldb.NewAgentService(d.db).UpdateAgent(ctx, agentID, upd)
	if err != nil {
		return nil, err
	}
	if availability == proofdesk.AvailabilityOffline {
		if err := d.handBack(ctx, agentID); err != nil {
			return a, err
		}
	}
	if availability == proofdesk.AvailabilityOnline || availability == proofdesk.AvailabilityOffline {
		d.assignQueues(ctx)
	}
	return a, nil
}

// TouchAgent records console activity of agentID now: an online agent
// counts as away after proofdesk.AwayAfter without it.
func (d *Desk) TouchAgent(ctx context.Context, agentID string) error {
	return d.db.TouchAgent(ctx, agentID)
}

// handBack unassigns the open chats of agentID (an offline agent can
// answer no chat); each stays in its team's queue.
func (d *Desk) handBack(ctx context.Context, agentID string) error {
	ids, err := d.db.HeldConversationIDs(ctx, agentID, proofdesk.ChannelChat)
	if err != nil {
		return err
	}
	sys := withoutAgent(ctx)
	for _, id := range ids {
		if err := d.systemAssign(sys, id, "", ""); err != nil {
			return err
		}
	}
	return nil
}

// withoutAgent returns ctx without its agent: what the system does is
// audited as the system's.
func withoutAgent(ctx context.Context) context.Context {
	return proofdesk.NewContextWithAgent(context.WithoutCancel(ctx), nil)
}

// systemAssign moves conversation id from its holder (only if it is still
// from) to target as Proofdesk's own routing, through proofdesk.Decide.
func (d *Desk) systemAssign(ctx context.Context, id, from, target string) error {
	return d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		c, err := tx.FindConversation(ctx, id)
		if err != nil {
			return err
		}
		if from != "" && c.AssigneeID != from {
			return nil
		}
		var refused error
		if err := assign(ctx, tx, c, target, "", true, &refused); err != nil {
			return err
		}
		if err := tx.SaveConversation(ctx, c, proofdesk.ConversationUpdate{}, []string{"assignee_id"}); err != nil {
			return err
		}
		return d.changedAssigned(ctx, tx, c)
	})
}

// changedAssigned records, in tx, that c changed hands: the holder and
// the team are told after the commit (desk.PublishEvents).
//
// The new holder is also told as an assignment (proofdesk.EventAssigned,
// AgentID), which the console notifies like an agent's assignment, and
// by email in the same transaction if they chose so (notifyAgents).
func (d *Desk) changedAssigned(ctx context.Context, tx *sqldb.Tx, c *proofdesk.Conversation) error {
	tx.Changed(proofdesk.Event{Type: proofdesk.EventConversationUpdated, ConversationID: c.ID, Status: c.Status,
		Level: c.EffectiveLevel(tx.Now()).String(), AssigneeID: c.AssigneeID, Team: c.Team})
	if c.AssigneeID != "" {
		tx.Changed(proofdesk.Event{Type: proofdesk.EventAssigned, ConversationID: c.ID, AgentID: c.AssigneeID})
		return d.notifyAgents(ctx, tx, proofdesk.NotifyAssigned, c.ID, c.AssigneeID)
	}
	return nil
}

// maxAssignPerTick bounds the conversations one team's queue hands out in
// one pass.
const maxAssignPerTick = 50

// AutoAssignTeam gives the team's open unassigned conversations, oldest
// first, to its members by round robin: the next member after the last
// one given a conversation who is online (not away, not offline, not
// disabled) and holds fewer open conversations than their capacity (0: no
// limit). One transaction per conversation holds the team's row (FOR
// UPDATE on PostgreSQL), so nodes never hand out one conversation twice
// nor skip the order. Returns how many it assigned.
func (d *Desk) AutoAssignTeam(ctx context.Context, teamID string) (int, error) {
	ctx = withoutAgent(ctx)
	n := 0
	for n < maxAssignPerTick {
		var got *proofdesk.Conversation
		err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
			t, last, err := tx.LockTeam(ctx, teamID)
			if err != nil {
				return err
			}
			if !t.AutoAssign || len(t.AgentIDs) == 0 {
				return nil
			}
			queued, err := tx.QueuedConversations(ctx, teamID, 1)
			if err != nil || len(queued) == 0 {
				return err
			}
			agent, err := nextAgent(ctx, tx, t, last)
			if err != nil || agent == "" {
				return err
			}
			c, err := tx.FindConversation(ctx, queued[0])
			if err != nil {
				return err
			}
			var refused error
			if err := assign(ctx, tx, c, agent, "", true, &refused); err != nil {
				return err
			}
			if err := tx.SaveConversation(ctx, c, proofdesk.ConversationUpdate{}, []string{"assignee_id"}); err != nil {
				return err
			}
			if err := d.changedAssigned(ctx, tx, c); err != nil {
				return err
			}
			got = c
			return tx.SetTeamCursor(ctx, teamID, agent)
		})
		if err != nil || got == nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// nextAgent picks the member after last (by ID, wrapping) who is online
// and under capacity, or "".
func nextAgent(ctx context.Context, tx *sqldb.Tx, t *proofdesk.Team, last string) (string, error) {
	members := slices.Clone(t.AgentIDs)
	slices.Sort(members)
	agents, err := tx.FindAgentsByID(ctx, members)
	if err != nil {
		return "", err
	}
	load, err := tx.OpenLoad(ctx, members)
	if err != nil {
		return "", err
	}
	start := 0 // the first member after last, wrapping to the first
	for i, id := range members {
		if id > last {
			start = i
			break
		}
	}
	now := tx.Now()
	for k := range members {
		id := members[(start+k)%len(members)]
		a := agents[id]
		if a == nil || a.EffectiveAvailability(now) != proofdesk.AvailabilityOnline {
			continue
		}
		if a.Capacity > 0 && load[id] >= a.Capacity {
			continue
		}
		return id, nil
	}
	return "", nil
}

// assignQueues runs AutoAssignTeam for every auto-assigning team with a
// queue; errors are logged (the next tick retries).
func (d *Desk) assignQueues(ctx context.Context) {
	teams, err := d.db.FindTeams(ctx)
	if err != nil {
		slog.Default().Warn("auto-assign: find teams", "error", err)
		return
	}
	d.assignTeams(ctx, teams)
}

func (d *Desk) assignTeams(ctx context.Context, teams []*proofdesk.Team) {
	for _, t := range teams {
		if !t.AutoAssign || len(t.AgentIDs) == 0 {
			continue
		}
		if queued, err := d.db.HasQueued(ctx, t.ID); err != nil || !queued {
			continue
		}
		if _, err := d.AutoAssignTeam(ctx, t.ID); err != nil {
			slog.Default().Warn("auto-assign", "team", t.ID, "error", err)
		}
	}
}

// routeWindow is how far back routing looks for new conversations with no
// team.
const routeWindow = 10 * time.Minute

// WorkTick runs the work model's background duties once: snoozes that
// ended come back to open, new conversations with no team join the queue
// of the first team (by name) that takes their channel, queues are
// auto-assigned. Safe on every node at once: each step claims its rows in
// the database; an idle tick only reads.
func (d *Desk) WorkTick(ctx context.Context) error {
	if due, err := d.db.HasDueSnoozes(ctx); err != nil {
		return err
	} else if due {
		if _, err := d.db.WakeSnoozed(ctx, 100); err != nil {
			return err
		}
	}
	teams, err := d.db.FindTeams(ctx)
	if err != nil {
		return err
	}
	since := d.db.Now().Add(-routeWindow)
	for _, ch := range []string{proofdesk.ChannelChat, proofdesk.ChannelEmail, proofdesk.ChannelPhone, proofdesk.ChannelAPI} {
		i := slices.IndexFunc(teams, func(t *proofdesk.Team) bool { return slices.Contains(t.Channels, ch) })
		if i < 0 {
			continue
		}
		if fresh, err := d.db.HasNewUnrouted(ctx, ch, since); err != nil {
			return err
		} else if !fresh {
			continue
		}
		if err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
			return tx.RouteNewConversations(ctx, ch, teams[i].ID, since)
		}); err != nil {
			return err
		}
	}
	d.assignTeams(ctx, teams)
	return nil
}

// RunWork calls WorkTick every interval (0 means 2 s) until ctx ends.
func (d *Desk) RunWork(ctx context.Context, interval time.Duration, logger *slog.Logger) {
	if interval <= 0 {
		interval = 2 * time.Second
	}
	if logger == nil {
		logger = slog.Default()
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := d.WorkTick(ctx); err != nil && ctx.Err() == nil {
			logger.Warn("work loop", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
