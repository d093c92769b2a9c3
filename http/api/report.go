package api

import (
	"context"
	"net/http"
	"sort"
	"time"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// ReportHandler serves the reports (supervisors and admins, as Decide's
// DoViewReports says).
type ReportHandler struct {
	agents  proofdesk.AgentService
	reports reports
}

// reports computes a report; desk.Desk is one.
type reports interface {
	// Report returns the gate's refusal, or EINVALID for a bad range.
	Report(ctx context.Context, from, to time.Time) (*proofdesk.Report, error)
}

// NewReportHandler returns the handler; agents authenticates the bearer
// tokens; reports decides and computes.
func NewReportHandler(agents proofdesk.AgentService, reports reports) *ReportHandler {
	return &ReportHandler{agents: agents, reports: reports}
}

// Register adds, behind bearer-token auth:
//
//	GET /api/v1/reports?from=YYYY-MM-DD&to=YYYY-MM-DD[&format=csv] → 200 report JSON (or CSV)
func (h *ReportHandler) Register(r Router) {
	r.Handle("GET /api/v1/reports", authenticated(h.agents, h.handleReport))
}

type durationsJSON struct {
	Count         int   `json:"count"`
	MedianSeconds int64 `json:"median_seconds"`
	P90Seconds    int64 `json:"p90_seconds"`
}

func durJSON(d proofdesk.Durations) durationsJSON {
	return durationsJSON{Count: d.Count, MedianSeconds: int64(d.Median / time.Second), P90Seconds: int64(d.P90 / time.Second)}
}

type csatJSON struct {
	Good         int     `json:"good"`
	Okay         int     `json:"okay"`
	Bad          int     `json:"bad"`
	ScorePercent float64 `json:"score_percent"`
}

func csatOf(c proofdesk.CSATCounts) csatJSON {
	return csatJSON{Good: c.Good, Okay: c.Okay, Bad: c.Bad, ScorePercent: c.Score()}
}

type volumeJSON struct {
	Channel string `json:"channel"`
	Hour    int    `json:"hour"`
	Count   int    `json:"count"`
}

type reportAgentJSON struct {
	AgentID        string        `json:"agent_id"`
	Name           string        `json:"name"`
	Conversations  int           `json:"conversations"`
	Replies        int           `json:"replies"`
	FirstResponse  durationsJSON `json:"first_response"`
	CSAT           csatJSON      `json:"csat"`
	Reveals        int           `json:"reveals"`
	BreakGlass     int           `json:"break_glass"`
	BlockedReplies int           `json:"blocked_replies"`
	Lookups        int           `json:"lookups"`
}

type securityJSON struct {
	Verified         int            `json:"verified"`
	VerifiedPercent  float64        `json:"verified_percent"`
	VerifiedByFactor map[string]int `json:"verified_by_factor"`
	ToL1             durationsJSON  `json:"to_l1"`
	BlockedByRule    map[string]int `json:"blocked_by_rule"`
	ProbingFlags     int            `json:"probing_flags"`
	NotMeOwner       int            `json:"not_me_owner"`
	NotMeRequest     int            `json:"not_me_request"`
	Alerts           map[string]int `json:"alerts"`
}

type reportTeamJSON struct {
	Team          string        `json:"team"`
	Name          string        `json:"name"`
	Conversations int           `json:"conversations"`
	FirstResponse durationsJSON `json:"first_response"`
	CSAT          csatJSON      `json:"csat"`
	SLABreached   int           `json:"sla_breached"`
}

// reportJSON is the API's shape of a report; durations in seconds.
type reportJSON struct {
	From          string            `json:"from"`
	To            string            `json:"to"`
	Conversations int               `json:"conversations"`
	Volume        []volumeJSON      `json:"volume"`
	FirstResponse durationsJSON     `json:"first_response"`
	Resolution    durationsJSON     `json:"resolution"`
	CSAT          csatJSON          `json:"csat"`
	Agents        []reportAgentJSON `json:"agents"`
	Teams         []reportTeamJSON  `json:"teams"`
	SLABreached   int               `json:"sla_breached"`
	SLAAttainment float64           `json:"sla_attainment_percent"`
	Security      securityJSON      `json:"security"`
}

func reportView(rep *proofdesk.Report) reportJSON {
	out := reportJSON{From: rep.From.Format(time.RFC3339), To: rep.To.Format(time.RFC3339), Conversations: rep.Conversations,
		Volume: []volumeJSON{}, FirstResponse: durJSON(rep.FirstResponse), Resolution: durJSON(rep.Resolution), CSAT: csatOf(rep.CSAT), Agents: []reportAgentJSON{}}
	for _, v := range rep.Volume {
		out.Volume = append(out.Volume, volumeJSON{v.Channel, v.Hour, v.Count})
	}
	for _, a := range rep.Agents {
		out.Agents = append(out.Agents, reportAgentJSON{AgentID: a.AgentID, Name: a.Name, Conversations: a.Conversations, Replies: a.Replies,
			FirstResponse: durJSON(a.FirstResponse), CSAT: csatOf(a.CSAT), Reveals: a.Reveals, BreakGlass: a.BreakGlass, BlockedReplies: a.Blocked, Lookups: a.Lookups})
	}
	sort.Slice(out.Agents, func(i, j int) bool { return out.Agents[i].Name < out.Agents[j].Name })
	out.Teams, out.SLABreached, out.SLAAttainment = []reportTeamJSON{}, rep.SLABreached, rep.SLAAttainment
	for _, tm := range rep.Teams {
		out.Teams = append(out.Teams, reportTeamJSON{Team: tm.Team, Name: tm.Name, Conversations: tm.Conversations, FirstResponse: durJSON(tm.FirstResponse), CSAT: csatOf(tm.CSAT), SLABreached: tm.SLABreached})
	}
	s := rep.Security
	out.Security = securityJSON{Verified: s.Verified, VerifiedPercent: s.VerifiedShare, VerifiedByFactor: s.ByFactor, ToL1: durJSON(s.ToL1),
		BlockedByRule: s.BlockedByRule, ProbingFlags: s.ProbingFlags, NotMeOwner: s.NotMeOwner, NotMeRequest: s.NotMeRequest, Alerts: s.Alerts}
	return out
}

func (h *ReportHandler) handleReport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	from, to, err := proofdesk.ParseReportRange(q.Get("from"), q.Get("to"), time.Now())
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	format := q.Get("format")
	if format != "" && format != "json" && format != "csv" {
		httpd.Error(w, r, proofdesk.FieldError("format", "format must be json or csv"))
		return
	}
	rep, err := h.reports.Report(r.Context(), from, to)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	if format == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="proofdesk-report.csv"`)
		w.Header().Set("Cache-Control", "no-store")
		if err := rep.WriteCSV(w); err != nil {
			httpd.ReportError(r, err)
		}
		return
	}
	httpd.WriteJSON(w, http.StatusOK, reportView(rep))
}
