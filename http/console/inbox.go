package console

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// scanLimit bounds how many conversations a view reads before filtering
// in Go (subjects are encrypted, so a subject search decrypts a page).
const scanLimit = 200

// inboxFilter is what the inbox shows, from the query string.
type inboxFilter struct {
	View     string // mine, unassigned, open, all
	Channel  string
	Team     string
	Status   string
	Q        string // subject contains
	Customer string // an email or phone, looked up by blind index
	Tag      string
	// The work model's filters (work.go): priority, minimum level
	// (L1, L2), assignee ("me", "none" or an agent ID), sort order and
	// the saved view they came from.
	Priority string
	Level    string
	Assignee string
	Sort     string
	Saved    string
}

func parseInboxFilter(q url.Values) inboxFilter {
	f := inboxFilter{
		View: q.Get("view"), Channel: q.Get("channel"), Team: strings.TrimSpace(q.Get("team")),
		Status: q.Get("status"), Q: strings.TrimSpace(q.Get("q")),
		Customer: strings.TrimSpace(q.Get("customer")), Tag: strings.ToLower(strings.TrimSpace(q.Get("tag"))),
	}
	switch f.View {
	case "mine", "unassigned", "open", "all":
	default:
		f.View = "mine"
	}
	f.parseWork(q)
	if !proofdesk.ValidChannel(f.Channel) {
		f.Channel = ""
	}
	if !proofdesk.ValidStatus(f.Status) {
		f.Status = ""
	}
	if len(f.Q) > 200 {
		f.Q = f.Q[:200]
	}
	return f
}

// query returns the filter as a query string, with view replaced.
func (f inboxFilter) query(view string) string {
	v := url.Values{}
	v.Set("view", view)
	for k, s := range map[string]string{"channel": f.Channel, "team": f.Team, "status": f.Status, "q": f.Q, "customer": f.Customer, "tag": f.Tag,
		"priority": f.Priority, "level": f.Level, "assignee": f.Assignee, "sort": f.Sort} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v.Encode()
}

// inboxRow is one conversation in the list.
type inboxRow struct {
	Conv     *proofdesk.Conversation
	Level    proofdesk.Level
	Unread   bool
	Assignee string
	// Preview titles a row without a subject: the start of the
	// requester's first message.
	Preview string
	// SLA is the time left on the most urgent SLA clock; nil for none.
	SLA *slaCell
}

// viewLink is one entry of the view navigation.
type viewLink struct {
	Key, Label, URL string
	Count, Unread   int
	// Capped says Count stopped at its bound and means "at least".
	Capped bool
	Active bool
}

type inboxPage struct {
	page
	Filter    inboxFilter
	Rows      []inboxRow
	Views     []viewLink
	Channels  []string
	Statuses  []string
	Teams     []string
	Work      *inboxWork
	Total     int
	Truncated bool
	Searched  bool
	SearchErr string
}

func (h *Handler) handleInbox(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	agent := proofdesk.AgentFromContext(ctx)
	f := parseInboxFilter(r.URL.Query())
	p := inboxPage{page: h.newPage(r, "Inbox", "inbox"), Filter: f,
		Channels: []string{proofdesk.ChannelChat, proofdesk.ChannelEmail, proofdesk.ChannelPhone, proofdesk.ChannelAPI},
		Statuses: []string{proofdesk.StatusOpen, proofdesk.StatusPending, proofdesk.StatusSnoozed, proofdesk.StatusResolved},
		Teams:    h.d.Settings.Teams,
		Searched: f.Q != "" || f.Customer != "" || f.Tag != "" || f.Priority != "" || f.Level != "" || f.Assignee != ""}
	if err := h.inboxWork(r, &p); err != nil {
		h.renderError(w, r, err)
		return
	}
	f = p.Filter

	convs, truncated, err := h.findInbox(r, f)
	if err != nil && proofdesk.ErrorCode(err) != proofdesk.EINVALID {
		h.renderError(w, r, err)
		return
	} else if err != nil {
		p.SearchErr = proofdesk.ErrorMessage(err)
	}
	p.Truncated = truncated
	p.Total = len(convs)
	names, err := h.agentNames(r)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	unread, err := unreadOf(ctx, h.reads, agent.ID, convs)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	var clocks map[string]*proofdesk.SLAClock
	if h.d.SLA != nil {
		if clocks, err = h.d.SLA.InboxSLA(ctx, convs); err != nil {
			h.renderError(w, r, err)
			return
		}
	}
	if f.Sort == sortSLA {
		sortBySLA(convs, clocks)
	}
	now := h.Now()
	previews := 0
	for _, c := range convs {
		row := inboxRow{Conv: c, Level: c.EffectiveLevel(now),
			Unread: unread[c.ID], Assignee: names[c.AssigneeID], SLA: newSLACell(clocks[c.ID])}
		if c.Subject == "" && previews < previewRows {
			previews++
			if row.Preview, err = h.preview(ctx, c.ID, previewLen); err != nil {
				h.renderError(w, r, err)
				return
			}
		}
		p.Rows = append(p.Rows, row)
	}
	if p.Views, err = h.viewCounts(r, f); err != nil {
		h.renderError(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "inbox", p)
}

// findInbox returns the conversations of f, newest activity first, and
// whether the scan limit cut the list.
func (h *Handler) findInbox(r *http.Request, f inboxFilter) ([]*proofdesk.Conversation, bool, error) {
	ctx := r.Context()
	agentID := proofdesk.AgentIDFromContext(ctx)
	base := proofdesk.ConversationFilter{Limit: scanLimit}
	status := f.Status
	switch f.View {
	case "mine":
		base.AssigneeID = &agentID
		if status == "" {
			status = proofdesk.StatusOpen
		}
	case "unassigned", "open":
		if status == "" {
			status = proofdesk.StatusOpen
		}
	}
	if status != "" {
		base.Status = &status
	}
	if f.Channel != "" {
		base.Channel = &f.Channel
	}
	if f.Team != "" {
		base.Team = &f.Team
	}
	f.applyWork(ctx, &base)

	if f.Q != "" && f.Customer == "" && h.d.Search != nil {
		return h.searchInbox(r, f, base)
	}
	var convs []*proofdesk.Conversation
	truncated := false
	if f.Customer != "" {
		cf := proofdesk.CustomerFilter{Limit: 20}
		if strings.Contains(f.Customer, "@") {
			e, err := proofdesk.NormalizeEmail(f.Customer)
			if err != nil {
				return nil, false, proofdesk.FieldError("customer", "Search by customer takes a full email address or phone number.")
			}
			cf.Email = &e
		} else {
			ph, err := proofdesk.NormalizePhoneIn(f.Customer, h.PhoneRegion)
			if err != nil {
				return nil, false, proofdesk.FieldError("customer", "Search by customer takes a full email address or phone number (%s).", proofdesk.ErrorMessage(err))
			}
			cf.Phone = &ph
		}
		if h.d.Desk == nil {
			return nil, false, proofdesk.Errorf(proofdesk.EINTERNAL, "customer lookups are not wired to the desk")
		}
		custs, _, err := h.d.Desk.LookupCustomers(ctx, cf)
		if err != nil {
			return nil, false, err
		}
		for _, c := range custs {
			cfl := base
			cfl.CustomerID = &c.ID
			cs, n, err := h.d.Conversations.FindConversations(ctx, cfl)
			if err != nil {
				return nil, false, err
			}
			truncated = truncated || n > len(cs)
			convs = append(convs, cs...)
		}
		slices.SortFunc(convs, func(a, b *proofdesk.Conversation) int { return b.LastActivityAt.Compare(a.LastActivityAt) })
	} else {
		cs, n, err := h.d.Conversations.FindConversations(ctx, base)
		if err != nil {
			return nil, false, err
		}
		truncated = n > len(cs)
		convs = cs
	}

	q := strings.ToLower(f.Q)
	// The search reads the subject as the agent is shown it (the one
	// view, with the conversation's first messages): matching the hidden
	// text would confirm a code digit by digit.
	if err := h.showSubjects(ctx, convs...); err != nil {
		return nil, false, err
	}
	out := convs[:0]
	for _, c := range convs {
		if f.View == "unassigned" && c.AssigneeID != "" {
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(c.Subject), q) {
			continue
		}
		if f.Tag != "" && !slices.Contains(c.Tags, f.Tag) {
			continue
		}
		out = append(out, c)
	}
	return out, truncated, nil
}

// viewCounts returns the view navigation with counts and unread counts.
func (h *Handler) viewCounts(r *http.Request, f inboxFilter) ([]viewLink, error) {
	ctx := r.Context()
	agentID := proofdesk.AgentIDFromContext(ctx)
	open := proofdesk.StatusOpen
	mine, _, err := h.d.Conversations.FindConversations(ctx, proofdesk.ConversationFilter{AssigneeID: &agentID, Status: &open, Limit: scanLimit})
	if err != nil {
		return nil, err
	}
	all, allN, err := h.d.Conversations.FindConversations(ctx, proofdesk.ConversationFilter{Status: &open, Limit: scanLimit})
	if err != nil {
		return nil, err
	}
	unread, err := unreadOf(ctx, h.reads, agentID, all, mine)
	if err != nil {
		return nil, err
	}
	var unassigned, unassignedUnread, mineUnread, allUnread int
	for _, c := range all {
		u := unread[c.ID]
		if u {
			allUnread++
		}
		if c.AssigneeID == "" {
			unassigned++
			if u {
				unassignedUnread++
			}
		}
	}
	for _, c := range mine {
		if unread[c.ID] {
			mineUnread++
		}
	}
	links := []viewLink{
		{Key: "mine", Label: "Mine", Count: len(mine), Capped: len(mine) == scanLimit, Unread: mineUnread},
		{Key: "unassigned", Label: "Unassigned", Count: unassigned, Capped: len(all) == scanLimit, Unread: unassignedUnread},
		{Key: "open", Label: "All open", Count: allN, Capped: proofdesk.ConversationCountCapped(allN), Unread: allUnread},
		{Key: "all", Label: "Everything", Count: -1},
	}
	for i := range links {
		links[i].URL = "/inbox?" + (inboxFilter{}).query(links[i].Key)
		links[i].Active = links[i].Key == f.View && f.Channel == "" && f.Team == "" && f.Status == ""
	}
	return links, nil
}

// agentNames maps agent IDs to names.
func (h *Handler) agentNames(r *http.Request) (map[string]string, error) {
	as, err := h.agents.FindAgents(r.Context())
	if err != nil {
		return nil, err
	}
	m := make(map[string]string, len(as))
	for _, a := range as {
		m[a.ID] = a.Name
	}
	return m, nil
}
