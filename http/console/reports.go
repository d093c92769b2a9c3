package console

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"time"

	"github.com/proofdesk/proofdesk"
)

// ReportSource computes reports; desk.Desk is one. Report returns the
// gate's refusal (DoViewReports: supervisors and admins) or EINVALID for
// a bad range.
type ReportSource interface {
	Report(ctx context.Context, from, to time.Time) (*proofdesk.Report, error)
}

// The charts are SVG drawn on the server: no script, no external service,
// nothing the CSP would have to allow (colours are presentation
// attributes, not style).

// chartColors are the series colours, in order (channels, answers).
var chartColors = []string{"#3452d1", "#1f7a4d", "#9a5b00", "#b4232c", "#6b7385", "#7b3fb5"}

// hbar is one bar of a horizontal bar chart.
type hbar struct {
	Label, Value string
	Y, W, ValueX int
	Color        string
}

// hchart is a horizontal bar chart: one row of RowH pixels a bar.
type hchart struct {
	Title         string
	Width, Height int
	LabelW        int
	Bars          []hbar
	Empty         bool
}

const (
	chartW    = 520
	chartRowH = 26
	chartLblW = 170
)

type hitem struct {
	label string
	value float64
	text  string
	color string // "" picks the next series colour
}

func newHChart(title string, items []hitem) hchart {
	c := hchart{Title: title, Width: chartW, LabelW: chartLblW, Height: chartRowH*len(items) + 8, Empty: len(items) == 0}
	top := 0.0
	for _, it := range items {
		top = max(top, it.value)
	}
	span := chartW - chartLblW - 80
	for i, it := range items {
		w := 0
		if top > 0 {
			w = int(float64(span) * it.value / top)
		}
		if it.value > 0 && w < 2 {
			w = 2
		}
		color := it.color
		if color == "" {
			color = chartColors[i%len(chartColors)]
		}
		c.Bars = append(c.Bars, hbar{Label: it.label, Value: it.text, Y: i*chartRowH + 4, W: w, ValueX: chartLblW + w + 6, Color: color})
	}
	return c
}

// vseg is one channel's part of an hour's column.
type vseg struct {
	X, Y, W, H int
	Color      string
	Title      string
}

// hourChart is the volume by hour of day (UTC), stacked by channel.
type hourChart struct {
	Width, Height int
	Base          int
	Segs          []vseg
	Ticks         []vtick
	Legend        []legendItem
	Max           int
}

type vtick struct {
	X     int
	Label string
}

type legendItem struct {
	X     int
	Color string
	Label string
}

func newHourChart(cells []proofdesk.VolumeCell) hourChart {
	const w, h, base, left, colW = 620, 200, 170, 30, 22
	c := hourChart{Width: w, Height: h, Base: base}
	var channels []string
	seen := map[string]bool{}
	perHour := make([]int, 24)
	for _, v := range cells {
		if !seen[v.Channel] {
			seen[v.Channel] = true
			channels = append(channels, v.Channel)
		}
		if v.Hour >= 0 && v.Hour < 24 {
			perHour[v.Hour] += v.Count
		}
	}
	sort.Strings(channels)
	color := map[string]string{}
	for i, ch := range channels {
		color[ch] = chartColors[i%len(chartColors)]
		c.Legend = append(c.Legend, legendItem{X: left + i*100, Color: color[ch], Label: ch})
	}
	for _, n := range perHour {
		c.Max = max(c.Max, n)
	}
	stack := make([]int, 24)
	sort.Slice(cells, func(i, j int) bool { return cells[i].Channel < cells[j].Channel })
	for _, v := range cells {
		if c.Max == 0 || v.Hour < 0 || v.Hour > 23 {
			continue
		}
		hh := (base - 20) * v.Count / c.Max
		if hh < 1 && v.Count > 0 {
			hh = 1
		}
		stack[v.Hour] += hh
		c.Segs = append(c.Segs, vseg{X: left + v.Hour*(colW+2), Y: base - stack[v.Hour], W: colW, H: hh, Color: color[v.Channel],
			Title: fmt.Sprintf("%02d:00 UTC, %s: %d", v.Hour, v.Channel, v.Count)})
	}
	for hr := 0; hr < 24; hr += 3 {
		c.Ticks = append(c.Ticks, vtick{X: left + hr*(colW+2) + colW/2, Label: fmt.Sprintf("%02d", hr)})
	}
	return c
}

// fmtDur writes a duration for people: 45s, 12m, 3h 5m, 2d 4h.
func fmtDur(d time.Duration) string {
	switch {
	case d < time.Minute:
		return strconv.Itoa(int(d/time.Second)) + "s"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + "m"
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh %dm", int(d/time.Hour), int(d%time.Hour/time.Minute))
	}
	return fmt.Sprintf("%dd %dh", int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour))
}

func durItems(name string, d proofdesk.Durations) []hitem {
	return []hitem{
		{name + " median", d.Median.Seconds(), fmtDur(d.Median), ""},
		{name + " p90", d.P90.Seconds(), fmtDur(d.P90), ""},
	}
}

func countItems(m map[string]int) []hitem {
	var out []hitem
	for k, v := range m {
		out = append(out, hitem{k, float64(v), strconv.Itoa(v), ""})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].value != out[j].value {
			return out[i].value > out[j].value
		}
		return out[i].label < out[j].label
	})
	return out
}

type reportsPage struct {
	page
	From, To string // the form's dates, YYYY-MM-DD (to inclusive)
	Report   *proofdesk.Report
	Hours    hourChart
	Channels hchart
	Times    hchart
	CSAT     hchart
	Factors  hchart
	Blocked  hchart
	Alerts   hchart
	CSVURL   string
	Figures  []figure
	Agents   []agentRow
	Teams    []teamRow
	Security []figure
}

// figure is one labelled number of a summary table.
type figure struct{ Label, Value string }

// agentRow is one row of the agent table, formatted.
type agentRow struct {
	Name                                                  string
	Conversations, Replies                                int
	FirstResponse, CSAT                                   string
	Good, Okay, Bad, Reveals, BreakGlass, Blocked, Lookup int
}

// teamRow is one row of the team table, formatted.
type teamRow struct {
	Team                       string
	Conversations, SLABreached int
	FirstResponse, CSAT        string
}

func durText(d proofdesk.Durations) string {
	if d.Count == 0 {
		return "–"
	}
	return fmt.Sprintf("%s (p90 %s, n=%d)", fmtDur(d.Median), fmtDur(d.P90), d.Count)
}

func pct(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) + "%" }

func (h *Handler) handleReports(w http.ResponseWriter, r *http.Request) {
	if h.d.Reports == nil {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.EINTERNAL, "reports are not configured"))
		return
	}
	q := r.URL.Query()
	from, to, err := proofdesk.ParseReportRange(q.Get("from"), q.Get("to"), h.Now())
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	format := q.Get("format")
	if format != "" && format != "csv" {
		h.renderError(w, r, proofdesk.FieldError("format", "format must be csv or left out"))
		return
	}
	rep, err := h.d.Reports.Report(r.Context(), from, to)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	if format == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="proofdesk-report-%s-%s.csv"`, from.Format("20060102"), to.AddDate(0, 0, -1).Format("20060102")))
		w.Header().Set("Cache-Control", "no-store")
		if err := rep.WriteCSV(w); err != nil {
			h.d.Logger.Error("report csv", "error", err)
		}
		return
	}
	h.render(w, r, http.StatusOK, "reports", buildReportsPage(h.newPage(r, "Reports", "reports"), rep, from, to))
}

// buildReportsPage lays out rep for the page: charts, tables and the
// range of the form.
func buildReportsPage(pg page, rep *proofdesk.Report, from, to time.Time) reportsPage {
	p := reportsPage{page: pg, Report: rep,
		From: from.Format("2006-01-02"), To: to.Add(-time.Nanosecond).Format("2006-01-02")}
	p.CSVURL = "/reports?from=" + p.From + "&to=" + p.To + "&format=csv"
	p.Hours = newHourChart(append([]proofdesk.VolumeCell(nil), rep.Volume...))
	perChannel := map[string]int{}
	for _, v := range rep.Volume {
		perChannel[v.Channel] += v.Count
	}
	p.Channels = newHChart("Conversations by channel", countItems(perChannel))
	p.Times = newHChart("Response and resolution times", append(durItems("First response", rep.FirstResponse), durItems("Resolution", rep.Resolution)...))
	p.CSAT = newHChart("Satisfaction", []hitem{
		{"Good", float64(rep.CSAT.Good), strconv.Itoa(rep.CSAT.Good), "#1f7a4d"},
		{"Okay", float64(rep.CSAT.Okay), strconv.Itoa(rep.CSAT.Okay), "#9a5b00"},
		{"Bad", float64(rep.CSAT.Bad), strconv.Itoa(rep.CSAT.Bad), "#b4232c"},
	})
	p.Factors = newHChart("Verified by factor", countItems(rep.Security.ByFactor))
	p.Blocked = newHChart("Replies blocked, by rule", countItems(rep.Security.BlockedByRule))
	p.Alerts = newHChart("Supervisor alerts, by kind", countItems(rep.Security.Alerts))
	p.Figures = []figure{
		{"Conversations", strconv.Itoa(rep.Conversations)},
		{"First response, median", durText(rep.FirstResponse)},
		{"Resolution, median", durText(rep.Resolution)},
		{"Satisfaction (good of rated)", fmt.Sprintf("%s of %d", pct(rep.CSAT.Score()), rep.CSAT.Total())},
	}
	for _, a := range rep.Agents {
		name := a.Name
		if name == "" {
			name = a.AgentID
		}
		csat := "–"
		if a.CSAT.Total() > 0 {
			csat = pct(a.CSAT.Score())
		}
		p.Agents = append(p.Agents, agentRow{Name: name, Conversations: a.Conversations, Replies: a.Replies, FirstResponse: durText(a.FirstResponse), CSAT: csat,
			Good: a.CSAT.Good, Okay: a.CSAT.Okay, Bad: a.CSAT.Bad, Reveals: a.Reveals, BreakGlass: a.BreakGlass, Blocked: a.Blocked, Lookup: a.Lookups})
	}
	for _, tm := range rep.Teams {
		name, csat := tm.Name, "–"
		if name == "" && tm.Team != "" {
			name = tm.Team // a team since deleted
		} else if name == "" {
			name = "(no team)"
		}
		if tm.CSAT.Total() > 0 {
			csat = pct(tm.CSAT.Score())
		}
		p.Teams = append(p.Teams, teamRow{Team: name, Conversations: tm.Conversations, SLABreached: tm.SLABreached, FirstResponse: durText(tm.FirstResponse), CSAT: csat})
	}
	p.Figures = append(p.Figures, figure{"SLA attainment (no breach recorded)", fmt.Sprintf("%s (%d breached)", pct(rep.SLAAttainment), rep.SLABreached)})
	sec := rep.Security
	p.Security = []figure{
		{"Conversations verified (L1 or more)", fmt.Sprintf("%d, %s", sec.Verified, pct(sec.VerifiedShare))},
		{"First message to L1, median", durText(sec.ToL1)},
		{"Probing flags (requester quoted account data)", strconv.Itoa(sec.ProbingFlags)},
		{"\"This wasn't me\" from a transcript or notice", strconv.Itoa(sec.NotMeOwner)},
		{"\"This wasn't me\" from a verification request", strconv.Itoa(sec.NotMeRequest)},
		{"Blocked-send and lookup alerts (guard_oracle)", strconv.Itoa(sec.Alerts["guard_oracle"])},
	}
	return p
}
