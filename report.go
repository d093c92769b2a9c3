package proofdesk

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Report is what the reports page shows for a date range [From, To):
// volume, response and resolution times, satisfaction, an agent table and
// the security figures. Every figure is computed from stored events
// (conversations, messages, status changes, ratings and the audit log);
// no figure names a customer.
type Report struct {
	From, To time.Time

	// Conversations is the number of conversations created in the range;
	// Volume splits them by channel and hour of day (UTC).
	Conversations int
	Volume        []VolumeCell

	// FirstResponse runs from a conversation's creation to the first
	// agent reply the requester saw, for conversations created in the
	// range; Resolution from creation to the last time it was resolved,
	// for conversations resolved in the range.
	FirstResponse Durations
	Resolution    Durations

	CSAT   CSATCounts
	Agents []AgentFigures
	Teams  []TeamFigures

	// SLABreached is the number of conversations created in the range with
	// a recorded SLA breach (sla_breaches); SLAAttainment the share
	// without one, in percent (100 without conversations).
	SLABreached   int
	SLAAttainment float64

	Security SecurityFigures
}

// VolumeCell counts the conversations of one channel created in one hour
// of the day (0–23, UTC).
type VolumeCell struct {
	Channel string
	Hour    int
	Count   int
}

// Durations summarises a set of durations: how many, the median and the
// 90th percentile (nearest rank); zero when Count is 0.
type Durations struct {
	Count  int
	Median time.Duration
	P90    time.Duration
}

// NewDurations summarises ds (which it sorts).
func NewDurations(ds []time.Duration) Durations {
	if len(ds) == 0 {
		return Durations{}
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return Durations{Count: len(ds), Median: percentile(ds, 50), P90: percentile(ds, 90)}
}

// percentile is the nearest-rank percentile p (1–100) of sorted ds.
func percentile(ds []time.Duration, p int) time.Duration {
	rank := (p*len(ds) + 99) / 100 // ceil(p/100 * n)
	if rank < 1 {
		rank = 1
	}
	return ds[rank-1]
}

// CSATCounts counts ratings given in the range.
type CSATCounts struct {
	Good, Okay, Bad int
}

// Total is the number of ratings.
func (c CSATCounts) Total() int { return c.Good + c.Okay + c.Bad }

// Score is the share of good ratings, in percent (0 without ratings).
func (c CSATCounts) Score() float64 {
	if c.Total() == 0 {
		return 0
	}
	return 100 * float64(c.Good) / float64(c.Total())
}

// AgentFigures is one row of the agent table.
type AgentFigures struct {
	AgentID, Name string
	// Conversations created in the range that the agent holds now.
	Conversations int
	// Replies the agent sent in the range (internal notes excluded).
	Replies int
	// FirstResponse of the conversations it holds.
	FirstResponse Durations
	CSAT          CSATCounts
	// Reveals, BreakGlass, Blocked (replies stopped by the guard) and
	// Lookups (exact-value customer lookups) in the range.
	Reveals, BreakGlass, Blocked, Lookups int
}

// TeamFigures is one row of the team table ("" is no team).
type TeamFigures struct {
	Team          string // team ID (Conversation.Team)
	Name          string // the team's name; "" for no team or a team since deleted
	Conversations int
	FirstResponse Durations
	CSAT          CSATCounts
	SLABreached   int
}

// SecurityFigures are the figures no other desk shows: how often identity
// was proven and how fast, and how many attempts to extract data were
// stopped.
type SecurityFigures struct {
	// Verified is the number of conversations created in the range that
	// reached L1 or more; VerifiedShare is Verified over Conversations, in
	// percent. ByFactor counts the factor that first raised each of them
	// (email, sms, session, dmarc...).
	Verified      int
	VerifiedShare float64
	ByFactor      map[string]int
	// ToL1 runs from a conversation's creation to its first L1.
	ToL1 Durations
	// BlockedByRule counts replies the disclosure guard stopped, by rule.
	BlockedByRule map[string]int
	// ProbingFlags counts requester messages that quoted account data.
	ProbingFlags int
	// NotMe counts "This wasn't me" reports: from a transcript or notice
	// (owner) and from a verification request (request).
	NotMeOwner, NotMeRequest int
	// Alerts counts supervisor alerts by kind (guard_oracle: too many
	// blocked sends or lookups; reveal_volume; fraud_reported).
	Alerts map[string]int
}

func fmtSeconds(d time.Duration) string { return strconv.FormatInt(int64(d/time.Second), 10) }

// WriteCSV writes r as CSV rows "section,key,metric,value": one
// figure a row, durations in seconds, so a spreadsheet can pivot it.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	row := func(section, key, metric string, v any) {
		_ = cw.Write([]string{section, csvSafe(key), metric, csvSafe(fmt.Sprint(v))})
	}
	dur := func(section, key string, d Durations) {
		row(section, key, "count", d.Count)
		row(section, key, "median_seconds", fmtSeconds(d.Median))
		row(section, key, "p90_seconds", fmtSeconds(d.P90))
	}
	row("section", "key", "metric", "value")
	row("range", "", "from", r.From.Format(time.RFC3339))
	row("range", "", "to", r.To.Format(time.RFC3339))
	row("volume", "", "conversations", r.Conversations)
	for _, c := range r.Volume {
		row("volume", c.Channel, fmt.Sprintf("hour_%02d", c.Hour), c.Count)
	}
	dur("first_response", "", r.FirstResponse)
	dur("resolution", "", r.Resolution)
	row("csat", "", "good", r.CSAT.Good)
	row("csat", "", "okay", r.CSAT.Okay)
	row("csat", "", "bad", r.CSAT.Bad)
	row("csat", "", "score_percent", strconv.FormatFloat(r.CSAT.Score(), 'f', 1, 64))
	for _, a := range r.Agents {
		k := a.AgentID
		row("agent", k, "name", a.Name)
		row("agent", k, "conversations", a.Conversations)
		row("agent", k, "replies", a.Replies)
		dur("agent", k+" first_response", a.FirstResponse)
		row("agent", k, "csat_good", a.CSAT.Good)
		row("agent", k, "csat_okay", a.CSAT.Okay)
		row("agent", k, "csat_bad", a.CSAT.Bad)
		row("agent", k, "reveals", a.Reveals)
		row("agent", k, "break_glass", a.BreakGlass)
		row("agent", k, "blocked_replies", a.Blocked)
		row("agent", k, "lookups", a.Lookups)
	}
	for _, tm := range r.Teams {
		k := tm.Team
		if tm.Name != "" {
			k = tm.Name
		}
		row("team", k, "conversations", tm.Conversations)
		dur("team", k+" first_response", tm.FirstResponse)
		row("team", k, "csat_good", tm.CSAT.Good)
		row("team", k, "csat_okay", tm.CSAT.Okay)
		row("team", k, "csat_bad", tm.CSAT.Bad)
		row("team", k, "sla_breached", tm.SLABreached)
	}
	row("sla", "", "breached", r.SLABreached)
	row("sla", "", "attainment_percent", strconv.FormatFloat(r.SLAAttainment, 'f', 1, 64))
	s := r.Security
	row("security", "", "verified", s.Verified)
	row("security", "", "verified_percent", strconv.FormatFloat(s.VerifiedShare, 'f', 1, 64))
	for _, k := range countKeys(s.ByFactor) {
		row("security", k, "verified_by_factor", s.ByFactor[k])
	}
	dur("security", "to_l1", s.ToL1)
	for _, k := range countKeys(s.BlockedByRule) {
		row("security", k, "blocked_by_rule", s.BlockedByRule[k])
	}
	row("security", "", "probing_flags", s.ProbingFlags)
	row("security", "owner", "not_me", s.NotMeOwner)
	row("security", "request", "not_me", s.NotMeRequest)
	for _, k := range countKeys(s.Alerts) {
		row("security", k, "alerts", s.Alerts[k])
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe keeps a spreadsheet from reading a cell (an agent's name) as
// a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func countKeys(m map[string]int) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// ParseReportRange reads a report's range from a form or query: from and
// to are dates (YYYY-MM-DD, UTC, to inclusive) or RFC 3339 times (to
// exclusive). Empty from means 7 days before to; empty to means the end of
// today (UTC) at now. Errors: EINVALID naming the field.
func ParseReportRange(fromS, toS string, now time.Time) (from, to time.Time, err error) {
	parse := func(field, s string, end bool) (time.Time, error) {
		if t, err := time.Parse("2006-01-02", s); err == nil {
			if end {
				t = t.AddDate(0, 0, 1)
			}
			return t, nil
		}
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return t.UTC(), nil
		}
		return time.Time{}, FieldError(field, "%s must be a date (YYYY-MM-DD) or an RFC 3339 time", field)
	}
	if toS == "" {
		y, m, d := now.UTC().Date()
		to = time.Date(y, m, d, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
	} else if to, err = parse("to", toS, true); err != nil {
		return
	}
	if fromS == "" {
		from = to.AddDate(0, 0, -7)
	} else if from, err = parse("from", fromS, false); err != nil {
		return
	}
	if !to.After(from) {
		return from, to, FieldError("to", "the end of the range must be after its start")
	}
	return from, to, nil
}

// Counts are the all-time totals exported as Prometheus metrics: no
// customer, no per-customer label. Every map is keyed by a fixed, small
// set of values.
type Counts struct {
	// Ratings by answer (good, okay, bad).
	Ratings map[string]int
	// Security events by audit action (guard.blocked, guard.probing,
	// owner.reported, challenge.denied, challenge.completed,
	// customer.reveal, break_glass, customer.lookup, alert).
	Security map[string]int
	// Conversations by status.
	Conversations map[string]int
	// WebhookDeliveries by outbox status (queued, sent, failed).
	WebhookDeliveries map[string]int
	// SLABreaches by target (first_response, next_response, resolution).
	SLABreaches map[string]int
}

// MetricAuditActions are the audit actions counted in Counts.Security.
var MetricAuditActions = []string{AuditDisclosureBlocked, AuditProbing, AuditOwnerReported, AuditChallengeDenied,
	AuditChallengeOK, AuditReveal, AuditBreakGlass, AuditLookup, AuditAlert}
