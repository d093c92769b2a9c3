package api

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
	"github.com/proofdesk/proofdesk/sqldb"
)

// WorkHandler serves the inbox's work model: tags, teams, saved views and
// agents' availability. Every decision is the desk's (proofdesk.Decide):
// tags and teams are changed by admins, views are each agent's own.
type WorkHandler struct {
	agents proofdesk.AgentService
	desk   workDesk
	now    func() time.Time
}

// workDesk is desk.Desk's work model.
type workDesk interface {
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
	NotificationSettings(ctx context.Context) (proofdesk.NotificationSettings, error)
	SetNotificationSettings(ctx context.Context, s proofdesk.NotificationSettings) (proofdesk.NotificationSettings, error)
}

// NewWorkHandler returns the handler; agents authenticates bearer tokens.
func NewWorkHandler(agents proofdesk.AgentService, desk workDesk) *WorkHandler {
	return &WorkHandler{agents: agents, desk: desk, now: time.Now}
}

// Register adds, behind bearer-token auth (agents; integration tokens get
// 403):
//
//	GET    /api/v1/tags                     → 200 {"tags": [{"id","name"}]}
//	POST   /api/v1/tags          {"name"}   → 201 tag (admins)
//	PATCH  /api/v1/tags/{id}     {"name"}   → 200 tag, renamed on every conversation (admins)
//	DELETE /api/v1/tags/{id}                → 204, taken off every conversation (admins)
//	GET    /api/v1/teams                    → 200 {"teams": [{"id","name","auto_assign","channels","agent_ids"}]}
//	POST   /api/v1/teams         team       → 201 team (admins)
//	PATCH  /api/v1/teams/{id}    fields     → 200 team (admins)
//	DELETE /api/v1/teams/{id}               → 204 (admins)
//	GET    /api/v1/views                    → 200 {"views": [...]}, the caller's own
//	POST   /api/v1/views         {"name","filter"} → 201 view
//	DELETE /api/v1/views/{id}               → 204
//	GET    /api/v1/agents/availability      → 200 {"agents": [{"id","name","availability","capacity"}]}
//	PUT    /api/v1/agents/{id}/availability {"availability","capacity"} → 200 (own availability; others' and capacity: admins)
//	GET    /api/v1/agents/me/notifications  → 200 {"kinds": ["assigned","mention","reply","new_chat"], "email": bool}, the caller's own
//	PUT    /api/v1/agents/me/notifications  {"kinds","email"} → 200 the stored settings (422 "kinds" for an unknown kind)
func (h *WorkHandler) Register(r Router) {
	for p, fn := range map[string]http.HandlerFunc{
		"GET /api/v1/tags":                     h.handleTags,
		"POST /api/v1/tags":                    h.handleTagCreate,
		"PATCH /api/v1/tags/{id}":              h.handleTagRename,
		"DELETE /api/v1/tags/{id}":             h.handleTagDelete,
		"GET /api/v1/teams":                    h.handleTeams,
		"POST /api/v1/teams":                   h.handleTeamCreate,
		"PATCH /api/v1/teams/{id}":             h.handleTeamUpdate,
		"DELETE /api/v1/teams/{id}":            h.handleTeamDelete,
		"GET /api/v1/views":                    h.handleViews,
		"POST /api/v1/views":                   h.handleViewCreate,
		"DELETE /api/v1/views/{id}":            h.handleViewDelete,
		"GET /api/v1/agents/availability":      h.handleAvailabilityList,
		"PUT /api/v1/agents/{id}/availability": h.handleAvailability,
		"GET /api/v1/agents/me/notifications":  h.handleNotifications,
		"PUT /api/v1/agents/me/notifications":  h.handleNotificationsSet,
	} {
		r.Handle(p, authenticated(h.agents, fn))
	}
}

type tagJSON struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}

func newTagJSON(t *proofdesk.Tag) tagJSON {
	return tagJSON{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt}
}

func (h *WorkHandler) handleTags(w http.ResponseWriter, r *http.Request) {
	ts, err := h.desk.FindTags(r.Context())
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	out := make([]tagJSON, 0, len(ts))
	for _, t := range ts {
		out = append(out, newTagJSON(t))
	}
	httpd.WriteJSON(w, http.StatusOK, map[string]any{"tags": out})
}

type nameBody struct {
	Name string `json:"name"`
}

func (h *WorkHandler) handleTagCreate(w http.ResponseWriter, r *http.Request) {
	var in nameBody
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	t, err := h.desk.CreateTag(r.Context(), in.Name)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusCreated, newTagJSON(t))
}

func (h *WorkHandler) handleTagRename(w http.ResponseWriter, r *http.Request) {
	var in nameBody
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	t, err := h.desk.RenameTag(r.Context(), r.PathValue("id"), in.Name)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, newTagJSON(t))
}

func (h *WorkHandler) handleTagDelete(w http.ResponseWriter, r *http.Request) {
	if err := h.desk.DeleteTag(r.Context(), r.PathValue("id")); err != nil {
		httpd.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type teamJSON struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	AutoAssign bool      `json:"auto_assign"`
	Channels   []string  `json:"channels"`
	AgentIDs   []string  `json:"agent_ids"`
	CreatedAt  time.Time `json:"created_at"`
}

func newTeamJSON(t *proofdesk.Team) teamJSON {
	out := teamJSON{ID: t.ID, Name: t.Name, AutoAssign: t.AutoAssign, Channels: t.Channels, AgentIDs: t.AgentIDs, CreatedAt: t.CreatedAt}
	if out.Channels == nil {
		out.Channels = []string{}
	}
	if out.AgentIDs == nil {
		out.AgentIDs = []string{}
	}
	return out
}

func (h *WorkHandler) handleTeams(w http.ResponseWriter, r *http.Request) {
	ts, err := h.desk.FindTeams(r.Context())
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	out := make([]teamJSON, 0, len(ts))
	for _, t := range ts {
		out = append(out, newTeamJSON(t))
	}
	httpd.WriteJSON(w, http.StatusOK, map[string]any{"teams": out})
}

type teamBody struct {
	Name       *string   `json:"name"`
	AutoAssign *bool     `json:"auto_assign"`
	Channels   *[]string `json:"channels"`
	AgentIDs   *[]string `json:"agent_ids"`
}

func (h *WorkHandler) handleTeamCreate(w http.ResponseWriter, r *http.Request) {
	var in teamBody
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	t := &proofdesk.Team{}
	if in.Name != nil {
		t.Name = *in.Name
	}
	if in.AutoAssign != nil {
		t.AutoAssign = *in.AutoAssign
	}
	if in.Channels != nil {
		t.Channels = *in.Channels
	}
	if in.AgentIDs != nil {
		t.AgentIDs = *in.AgentIDs
	}
	if err := h.desk.CreateTeam(r.Context(), t); err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusCreated, newTeamJSON(t))
}

func (h *WorkHandler) handleTeamUpdate(w http.ResponseWriter, r *http.Request) {
	var in teamBody
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	t, err := h.desk.UpdateTeam(r.Context(), r.PathValue("id"), sqldb.TeamUpdate{Name: in.Name, AutoAssign: in.AutoAssign, Channels: in.Channels, AgentIDs: in.AgentIDs})
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, newTeamJSON(t))
}

func (h *WorkHandler) handleTeamDelete(w http.ResponseWriter, r *http.Request) {
	if err := h.desk.DeleteTeam(r.Context(), r.PathValue("id")); err != nil {
		httpd.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type viewJSON struct {
	ID        string               `json:"id"`
	Name      string               `json:"name"`
	Filter    proofdesk.ViewFilter `json:"filter"`
	CreatedAt time.Time            `json:"created_at"`
}

func (h *WorkHandler) handleViews(w http.ResponseWriter, r *http.Request) {
	vs, err := h.desk.FindSavedViews(r.Context())
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	out := make([]viewJSON, 0, len(vs))
	for _, v := range vs {
		out = append(out, viewJSON{ID: v.ID, Name: v.Name, Filter: v.Filter, CreatedAt: v.CreatedAt})
	}
	httpd.WriteJSON(w, http.StatusOK, map[string]any{"views": out})
}

func (h *WorkHandler) handleViewCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name   string               `json:"name"`
		Filter proofdesk.ViewFilter `json:"filter"`
	}
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	v, err := h.desk.CreateSavedView(r.Context(), in.Name, in.Filter)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusCreated, viewJSON{ID: v.ID, Name: v.Name, Filter: v.Filter, CreatedAt: v.CreatedAt})
}

func (h *WorkHandler) handleViewDelete(w http.ResponseWriter, r *http.Request) {
	if err := h.desk.DeleteSavedView(r.Context(), r.PathValue("id")); err != nil {
		httpd.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type availabilityJSON struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Availability string `json:"availability"`
	Capacity     int    `json:"capacity"`
}

func (h *WorkHandler) newAvailabilityJSON(a *proofdesk.Agent) availabilityJSON {
	return availabilityJSON{ID: a.ID, Name: a.Name, Availability: a.EffectiveAvailability(h.now()), Capacity: a.Capacity}
}

func (h *WorkHandler) handleAvailabilityList(w http.ResponseWriter, r *http.Request) {
	as, err := h.agents.FindAgents(r.Context())
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	out := make([]availabilityJSON, 0, len(as))
	for _, a := range as {
		if !a.Disabled {
			out = append(out, h.newAvailabilityJSON(a))
		}
	}
	httpd.WriteJSON(w, http.StatusOK, map[string]any{"agents": out})
}

func (h *WorkHandler) handleAvailability(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Availability string `json:"availability"`
		Capacity     *int   `json:"capacity"`
	}
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	a, err := h.desk.SetAvailability(r.Context(), r.PathValue("id"), in.Availability, in.Capacity)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, h.newAvailabilityJSON(a))
}

// workFilter reads the work-model filters of GET /api/v1/conversations:
// team (ID), tag, priority, level (at least L1 or L2), unassigned=1 and
// sort (activity, priority, created).
func workFilter(q url.Values, f *proofdesk.ConversationFilter) error {
	if v := q.Get("team"); v != "" {
		f.Team = &v
	}
	if v := strings.ToLower(strings.TrimSpace(q.Get("tag"))); v != "" {
		f.Tag = &v
	}
	if v := q.Get("priority"); v != "" {
		if !proofdesk.ValidPriority(v) {
			return proofdesk.FieldError("priority", "priority must be one of low, normal, high, urgent")
		}
		f.Priority = &v
	}
	if v := q.Get("level"); v != "" {
		l, err := proofdesk.ParseLevel(v)
		if err != nil {
			return proofdesk.FieldError("level", "level must be L0, L1 or L2")
		}
		f.MinLevel = &l
	}
	switch q.Get("unassigned") {
	case "", "0", "false":
	case "1", "true":
		f.Unassigned = true
	default:
		return proofdesk.FieldError("unassigned", "unassigned must be 1 or 0")
	}
	switch v := q.Get("sort"); v {
	case "", proofdesk.SortActivity, proofdesk.SortPriority, proofdesk.SortCreated:
		f.Sort = v
	default:
		return proofdesk.FieldError("sort", "sort must be one of activity, priority, created")
	}
	return nil
}

func (h *WorkHandler) handleNotifications(w http.ResponseWriter, r *http.Request) {
	s, err := h.desk.NotificationSettings(r.Context())
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, s)
}

func (h *WorkHandler) handleNotificationsSet(w http.ResponseWriter, r *http.Request) {
	var in proofdesk.NotificationSettings
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	s, err := h.desk.SetNotificationSettings(r.Context(), in)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, s)
}
