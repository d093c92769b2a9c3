package console

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
)

// inboxWork is the work model's part of the inbox: the teams (by name),
// the agent's saved views, their availability and the filter choices.
type inboxWork struct {
	Teams        []*proofdesk.Team
	Views        []*proofdesk.SavedView
	Priorities   []string
	Tags         []*proofdesk.Tag
	Availability string // the agent's, as set (online, away, offline)
	Effective    string // as it counts now (online turns away when idle)
	TeamNames    map[string]string
	// Availabilities are the choices of the availability form.
	Availabilities []string
}

// parseWork reads the work model's filters; unknown values are dropped.
func (f *inboxFilter) parseWork(q url.Values) {
	f.Priority, f.Level, f.Assignee, f.Sort, f.Saved = q.Get("priority"), q.Get("level"), strings.TrimSpace(q.Get("assignee")), q.Get("sort"), q.Get("sv")
	if !proofdesk.ValidPriority(f.Priority) {
		f.Priority = ""
	}
	if f.Level != "L1" && f.Level != "L2" {
		f.Level = ""
	}
	switch f.Sort {
	case proofdesk.SortPriority, proofdesk.SortCreated, sortSLA:
	default:
		f.Sort = ""
	}
	if len(f.Assignee) > 64 {
		f.Assignee = ""
	}
	if len(f.Saved) > 64 {
		f.Saved = ""
	}
}

// applyWork adds the work model's filters to base, through the same
// translation as saved views (desk.ConversationFilter).
func (f inboxFilter) applyWork(ctx context.Context, base *proofdesk.ConversationFilter) {
	sort := f.Sort
	if sort == sortSLA {
		sort = "" // by activity from the store, then by time left (inbox_sla.go)
	}
	w := desk.ConversationFilter(ctx, proofdesk.ViewFilter{Tag: f.Tag, Priority: f.Priority, Level: f.Level, AssigneeID: f.Assignee, Sort: sort})
	base.Tag, base.Priority, base.MinLevel, base.Sort = w.Tag, w.Priority, w.MinLevel, w.Sort
	if f.Assignee != "" {
		base.AssigneeID, base.Unassigned = w.AssigneeID, w.Unassigned
	}
}

// inboxWork fills p.Work and, when the query names a saved view of the
// agent's (sv), applies its filter.
func (h *Handler) inboxWork(r *http.Request, p *inboxPage) error {
	wk := h.work()
	if wk == nil {
		return nil
	}
	ctx := r.Context()
	iw := &inboxWork{Priorities: proofdesk.Priorities, TeamNames: map[string]string{},
		Availabilities: []string{proofdesk.AvailabilityOnline, proofdesk.AvailabilityAway, proofdesk.AvailabilityOffline}}
	var err error
	if iw.Teams, err = wk.FindTeams(ctx); err != nil {
		return err
	}
	for _, t := range iw.Teams {
		iw.TeamNames[t.ID] = t.Name
	}
	if iw.Views, err = wk.FindSavedViews(ctx); err != nil {
		return err
	}
	if iw.Tags, err = wk.FindTags(ctx); err != nil {
		return err
	}
	if a := proofdesk.AgentFromContext(ctx); a != nil {
		if fresh, err := h.agents.FindAgentByID(ctx, a.ID); err == nil {
			a = fresh
		}
		iw.Availability, iw.Effective = a.Availability, a.EffectiveAvailability(h.Now())
	}
	if p.Filter.Saved != "" {
		for _, v := range iw.Views {
			if v.ID != p.Filter.Saved {
				continue
			}
			f := p.Filter
			f.View, f.Channel, f.Status, f.Team, f.Tag = "all", v.Filter.Channel, v.Filter.Status, v.Filter.Team, v.Filter.Tag
			f.Priority, f.Level, f.Assignee, f.Sort = v.Filter.Priority, v.Filter.Level, v.Filter.AssigneeID, v.Filter.Sort
			p.Filter = f
			p.Searched = true
		}
	}
	p.Work = iw
	return nil
}
