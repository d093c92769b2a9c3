package console

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// This file is the console side of the inbox's work model (issue 13):
// priority, tags, team and snooze on a conversation, assignment to any
// colleague or team queue with the reason a choice would be refused, the
// agent's availability, saved views, and the admin page for tags, teams
// and capacity. Every decision is desk.Desk's, through proofdesk.Decide.

// workActions is desk.Desk's work model.
type workActions interface {
	FindTags(ctx context.Context) ([]*proofdesk.Tag, error)
	CreateTag(ctx context.Context, name string) (*proofdesk.Tag, error)
	RenameTag(ctx context.Context, id, name string) (*proofdesk.Tag, error)
	DeleteTag(ctx context.Context, id string) error
	FindTeams(ctx context.Context) ([]*proofdesk.Team, error)
	CreateTeam(ctx context.Context, t *proofdesk.Team) error
	UpdateTeam(ctx context.Context, id string, upd sqldb.TeamUpdate) (*proofdesk.Team, error)
	DeleteTeam(ctx context.Context, id string) error
	FindSavedViews(ctx context.Context) ([]*proofdesk.SavedView, error)
	CreateSavedView(ctx context.Context, name string, f proofdesk.ViewFilter) (*proofdesk.SavedView, error)
	DeleteSavedView(ctx context.Context, id string) error
	SetAvailability(ctx context.Context, agentID, availability string, capacity *int) (*proofdesk.Agent, error)
}

// agentToucher records console activity (the inactivity clock of an
// agent's availability); desk.Desk is one.
type agentToucher interface {
	TouchAgent(ctx context.Context, agentID string) error
}

func init() {
	notices["triaged"] = "Conversation updated."
	notices["availability"] = "Availability saved."
	notices["view_saved"] = "View saved."
	notices["view_deleted"] = "View deleted."
	notices["view_invalid"] = "The view was not saved: give it a name (1 to 100 characters) that none of your views has."
	notices["tags"] = "Tags saved."
	notices["teams"] = "Teams saved."
	notices["capacity"] = "Capacity saved."
}

func (h *Handler) work() workActions {
	w, _ := h.d.Desk.(workActions)
	return w
}

// touch records that the agent is active, at most once a minute (the
// store skips the write otherwise); failures only cost the clock. The
// page's own live refreshes and event stream are not activity: an open,
// idle tab turns away.
func (h *Handler) touch(r *http.Request) {
	if r.Header.Get("X-Proofdesk-Live") != "" || r.Header.Get("Accept") == "text/event-stream" {
		return
	}
	if t, ok := h.d.Desk.(agentToucher); ok {
		if a := proofdesk.AgentFromContext(r.Context()); a != nil {
			_ = t.TouchAgent(r.Context(), a.ID)
		}
	}
}

// registerWork adds the work model's console routes.
func (h *Handler) registerWork(r Router, auth, admin func(http.HandlerFunc) http.Handler) {
	r.Handle("POST /conversations/{id}/triage", auth(h.handleTriage))
	r.Handle("POST /conversations/{id}/snooze", auth(h.handleSnooze))
	r.Handle("POST /availability", auth(h.handleAvailability))
	r.Handle("POST /views", auth(h.handleViewSave))
	r.Handle("POST /views/{id}/delete", auth(h.handleViewDelete))
	r.Handle("GET /admin/work", admin(h.handleAdminWork))
	r.Handle("POST /admin/tags", admin(h.handleAdminTagCreate))
	r.Handle("POST /admin/tags/{id}", admin(h.handleAdminTagRename))
	r.Handle("POST /admin/tags/{id}/delete", admin(h.handleAdminTagDelete))
	r.Handle("POST /admin/teams", admin(h.handleAdminTeamCreate))
	r.Handle("POST /admin/teams/{id}", admin(h.handleAdminTeamUpdate))
	r.Handle("POST /admin/teams/{id}/delete", admin(h.handleAdminTeamDelete))
	r.Handle("POST /admin/agents/{id}/capacity", admin(h.handleAdminCapacity))
}

// assignOption is one choice of the assign form, with the reason
// proofdesk.Decide would refuse it ("" when allowed).
type assignOption struct {
	Value, Label, Refused string
	Selected              bool
}

// workPanel is the triage panel of a conversation page.
type workPanel struct {
	Priorities []string
	Tags       []*proofdesk.Tag // the managed names not on the conversation
	Teams      []*proofdesk.Team
	TeamName   string
	Assign     []assignOption
	// SnoozeFor are the quick snooze choices (hours).
	SnoozeFor    []snoozeChoice
	SnoozedUntil *time.Time
	// Refused is why the greyed-out assign choices are refused (Decide's
	// words), "" when every choice is allowed.
	Refused string
}

type snoozeChoice struct {
	Hours int
	Label string
}

var snoozeChoices = []snoozeChoice{{1, "1 hour"}, {4, "4 hours"}, {24, "Tomorrow (24 h)"}, {168, "Next week"}}

// newWorkPanel fills the triage panel; in is the page's decision input
// (actor, holder, level), which assignment options are asked about.
func (h *Handler) newWorkPanel(ctx context.Context, conv *proofdesk.Conversation, agents []*proofdesk.Agent, in proofdesk.DecisionInput) (*workPanel, error) {
	wp := &workPanel{Priorities: proofdesk.Priorities, SnoozeFor: snoozeChoices, SnoozedUntil: conv.SnoozedUntil}
	w := h.work()
	if w == nil {
		return wp, nil
	}
	tags, err := w.FindTags(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range tags {
		if !slices.Contains(conv.Tags, t.Name) {
			wp.Tags = append(wp.Tags, t)
		}
	}
	if wp.Teams, err = w.FindTeams(ctx); err != nil {
		return nil, err
	}
	for _, t := range wp.Teams {
		if t.ID == conv.Team {
			wp.TeamName = t.Name
		}
	}
	ask := func(target string) string {
		q := in
		q.Action, q.TargetID = proofdesk.DoAssign, target
		if d := proofdesk.Decide(q); !d.Allowed {
			return d.Message
		}
		return ""
	}
	me := in.Actor.ID
	wp.Assign = append(wp.Assign, assignOption{Value: "me", Label: "Me", Refused: ask(me), Selected: conv.AssigneeID == me})
	for _, a := range agents {
		if a.ID == me {
			continue
		}
		label := a.Name + " (" + availabilityLabel(a, time.Now()) + ")"
		wp.Assign = append(wp.Assign, assignOption{Value: a.ID, Label: label, Refused: ask(a.ID), Selected: conv.AssigneeID == a.ID})
	}
	for _, t := range wp.Teams {
		wp.Assign = append(wp.Assign, assignOption{Value: "team:" + t.ID, Label: "Team queue: " + t.Name, Refused: ask("")})
	}
	wp.Assign = append(wp.Assign, assignOption{Value: "", Label: "Nobody", Refused: ask("")})
	for _, o := range wp.Assign {
		if o.Refused != "" {
			wp.Refused = o.Refused
			break
		}
	}
	return wp, nil
}

func availabilityLabel(a *proofdesk.Agent, now time.Time) string {
	return a.EffectiveAvailability(now)
}

func (h *Handler) handleTriage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	conv, err := h.d.Conversations.FindConversationByID(ctx, id)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	var upd proofdesk.ConversationUpdate
	tags := slices.Clone(conv.Tags)
	changedTags := false
	// A tag's remove button is a button of the composer form, which also
	// carries the priority and tag selects: it removes that tag only, so
	// a select left as it was (perhaps stale) changes nothing.
	rm := r.PostFormValue("tag_remove")
	if rm == "" {
		if v, ok := r.PostForm["priority"]; ok && v[0] != "" && v[0] != conv.Priority {
			upd.Priority = &v[0]
		}
		if v, ok := r.PostForm["team"]; ok && v[0] != conv.Team {
			t := strings.TrimSpace(v[0])
			upd.Team = &t
		}
		if add := strings.ToLower(strings.TrimSpace(r.PostFormValue("tag_add"))); add != "" && !slices.Contains(tags, add) {
			tags, changedTags = append(tags, add), true
		}
	} else if slices.Contains(tags, rm) {
		tags, changedTags = slices.DeleteFunc(tags, func(t string) bool { return t == rm }), true
	}
	if changedTags {
		upd.Tags = &tags
	}
	if _, err := h.d.Conversations.UpdateConversation(ctx, id, upd); err != nil {
		if c := proofdesk.ErrorCode(err); c == proofdesk.EINVALID || c == proofdesk.EFORBIDDEN {
			h.showConversation(w, r, httpStatus(err), func(p *conversationPage) { p.Error = proofdesk.ErrorMessage(err) })
			return
		}
		h.renderError(w, r, err)
		return
	}
	h.afterAction(w, r, id, "triaged", backTo(id, "triaged")+"#triage")
}

// snoozeLayout is the console's snooze time field: an HTML datetime-local
// value, read as UTC (the page says so).
const snoozeLayout = "2006-01-02T15:04"

func (h *Handler) handleSnooze(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var until time.Time
	if v := r.PostFormValue("hours"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 24*90 {
			h.showConversation(w, r, http.StatusUnprocessableEntity, func(p *conversationPage) { p.Error = "Snooze for 1 hour to 90 days." })
			return
		}
		until = h.Now().UTC().Add(time.Duration(n) * time.Hour)
	} else {
		v := r.PostFormValue("until")
		t, err := time.Parse(snoozeLayout, v)
		if err != nil {
			t, err = time.Parse(snoozeLayout+":05", v) // with seconds (step="1")
		}
		if err != nil {
			h.showConversation(w, r, http.StatusUnprocessableEntity, func(p *conversationPage) {
				p.Error = "Give the time the conversation comes back (UTC), e.g. 2026-12-24T09:00."
				p.SnoozeTyped = v
			})
			return
		}
		until = t.UTC()
	}
	st := proofdesk.StatusSnoozed
	if _, err := h.d.Conversations.UpdateConversation(r.Context(), id, proofdesk.ConversationUpdate{Status: &st, SnoozedUntil: &until}); err != nil {
		if c := proofdesk.ErrorCode(err); c == proofdesk.EINVALID || c == proofdesk.EFORBIDDEN {
			h.showConversation(w, r, httpStatus(err), func(p *conversationPage) {
				p.Error = proofdesk.ErrorMessage(err)
				p.SnoozeTyped = r.PostFormValue("until")
			})
			return
		}
		h.renderError(w, r, err)
		return
	}
	h.afterAction(w, r, id, "snoozed", "/inbox?view=mine&done=snoozed")
}

func (h *Handler) handleAvailability(w http.ResponseWriter, r *http.Request) {
	wk := h.work()
	if wk == nil {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.EINTERNAL, "availability is not configured"))
		return
	}
	a := proofdesk.AgentFromContext(r.Context())
	if _, err := wk.SetAvailability(r.Context(), a.ID, r.PostFormValue("availability"), nil); err != nil {
		h.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/inbox?done=availability", http.StatusSeeOther)
}

func (h *Handler) handleViewSave(w http.ResponseWriter, r *http.Request) {
	wk := h.work()
	if wk == nil {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.EINTERNAL, "saved views are not configured"))
		return
	}
	f := proofdesk.ViewFilter{Channel: r.PostFormValue("channel"), Status: r.PostFormValue("status"), Team: r.PostFormValue("team"),
		Tag: strings.ToLower(strings.TrimSpace(r.PostFormValue("tag"))), Priority: r.PostFormValue("priority"), Level: r.PostFormValue("level"),
		AssigneeID: r.PostFormValue("assignee"), Sort: r.PostFormValue("sort")}
	if f.Sort == sortSLA {
		f.Sort = "" // saved views keep the store's sorts: one sorted by SLA time left is saved by activity
	}
	v, err := wk.CreateSavedView(r.Context(), r.PostFormValue("name"), f)
	if err != nil {
		if c := proofdesk.ErrorCode(err); c == proofdesk.EINVALID || c == proofdesk.ECONFLICT {
			http.Redirect(w, r, "/inbox?view=all&done=view_invalid", http.StatusSeeOther)
			return
		}
		h.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/inbox?sv="+v.ID+"&done=view_saved", http.StatusSeeOther)
}

func (h *Handler) handleViewDelete(w http.ResponseWriter, r *http.Request) {
	wk := h.work()
	if wk == nil {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.EINTERNAL, "saved views are not configured"))
		return
	}
	if err := wk.DeleteSavedView(r.Context(), r.PathValue("id")); err != nil {
		h.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/inbox?done=view_deleted", http.StatusSeeOther)
}

// Admin: tags, teams, capacity.

type adminWorkPage struct {
	page
	Tags     []*proofdesk.Tag
	Teams    []*proofdesk.Team
	Agents   []*proofdesk.Agent
	Channels []string
	Now      time.Time
}

func (p *adminWorkPage) AgentName(id string) string {
	for _, a := range p.Agents {
		if a.ID == id {
			return a.Name
		}
	}
	return id
}

func (h *Handler) adminWork(w http.ResponseWriter, r *http.Request, status int, errMsg string) {
	wk := h.work()
	if wk == nil {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.EINTERNAL, "tags and teams are not configured"))
		return
	}
	ctx := r.Context()
	p := &adminWorkPage{page: h.newPage(r, "Tags and teams", "admin"), Now: h.Now(),
		Channels: []string{proofdesk.ChannelChat, proofdesk.ChannelEmail, proofdesk.ChannelPhone, proofdesk.ChannelAPI}}
	p.Error = errMsg
	var err error
	if p.Tags, err = wk.FindTags(ctx); err == nil {
		if p.Teams, err = wk.FindTeams(ctx); err == nil {
			p.Agents, err = h.agents.FindAgents(ctx)
		}
	}
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	p.Agents = slices.DeleteFunc(p.Agents, func(a *proofdesk.Agent) bool { return a.Disabled })
	h.render(w, r, status, "admin_work", p)
}

func (h *Handler) handleAdminWork(w http.ResponseWriter, r *http.Request) {
	h.adminWork(w, r, http.StatusOK, "")
}

// adminDone redirects after a change, or shows the page again with a
// clear error for bad input.
func (h *Handler) adminDone(w http.ResponseWriter, r *http.Request, err error, done string) {
	if err != nil {
		if c := proofdesk.ErrorCode(err); c == proofdesk.EINVALID || c == proofdesk.ECONFLICT || c == proofdesk.ENOTFOUND {
			h.adminWork(w, r, httpStatus(err), proofdesk.ErrorMessage(err))
			return
		}
		h.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/work?done="+done, http.StatusSeeOther)
}

func (h *Handler) handleAdminTagCreate(w http.ResponseWriter, r *http.Request) {
	_, err := h.work().CreateTag(r.Context(), r.PostFormValue("name"))
	h.adminDone(w, r, err, "tags")
}

func (h *Handler) handleAdminTagRename(w http.ResponseWriter, r *http.Request) {
	_, err := h.work().RenameTag(r.Context(), r.PathValue("id"), r.PostFormValue("name"))
	h.adminDone(w, r, err, "tags")
}

func (h *Handler) handleAdminTagDelete(w http.ResponseWriter, r *http.Request) {
	h.adminDone(w, r, h.work().DeleteTag(r.Context(), r.PathValue("id")), "tags")
}

func (h *Handler) handleAdminTeamCreate(w http.ResponseWriter, r *http.Request) {
	t := &proofdesk.Team{Name: r.PostFormValue("name"), AutoAssign: r.PostFormValue("auto_assign") == "1",
		Channels: r.PostForm["channels"], AgentIDs: r.PostForm["agent_ids"]}
	h.adminDone(w, r, h.work().CreateTeam(r.Context(), t), "teams")
}

func (h *Handler) handleAdminTeamUpdate(w http.ResponseWriter, r *http.Request) {
	name := r.PostFormValue("name")
	auto := r.PostFormValue("auto_assign") == "1"
	chs, members := r.PostForm["channels"], r.PostForm["agent_ids"]
	if chs == nil {
		chs = []string{}
	}
	if members == nil {
		members = []string{}
	}
	_, err := h.work().UpdateTeam(r.Context(), r.PathValue("id"), sqldb.TeamUpdate{Name: &name, AutoAssign: &auto, Channels: &chs, AgentIDs: &members})
	h.adminDone(w, r, err, "teams")
}

func (h *Handler) handleAdminTeamDelete(w http.ResponseWriter, r *http.Request) {
	h.adminDone(w, r, h.work().DeleteTeam(r.Context(), r.PathValue("id")), "teams")
}

func (h *Handler) handleAdminCapacity(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("capacity")))
	if err != nil {
		h.adminDone(w, r, proofdesk.FieldError("capacity", "capacity is a whole number of open conversations (0: no limit)"), "")
		return
	}
	_, err = h.work().SetAvailability(r.Context(), r.PathValue("id"), "", &n)
	h.adminDone(w, r, err, "capacity")
}

// Has reports whether xs holds x (for checkboxes).
func (p *adminWorkPage) Has(xs []string, x string) bool { return slices.Contains(xs, x) }
