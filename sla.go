package proofdesk

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Service levels: business hours per team, SLA targets per priority in
// business time, paused while the conversation waits on the customer
// (pending) or is snoozed. This file is the pure arithmetic; the store
// keeps the schedules, policies and status history
// (conversation_status_changes), and the desk acts on breaches.

// Span is one opening interval of a day, in minutes after midnight local
// time: [Start, End), 0 ≤ Start < End ≤ 1440.
type Span struct{ Start, End int }

// BusinessHours is a team's working time: a weekly schedule in a time
// zone, minus holidays (local dates). The zero value, and a nil pointer,
// mean always open (24/7).
type BusinessHours struct {
	Location *time.Location
	// Weekly holds each weekday's spans (time.Sunday = 0), sorted, not
	// overlapping.
	Weekly [7][]Span
	// Holidays are closed days, as local dates "2006-01-02".
	Holidays map[string]bool
}

// ParseBusinessHours reads a schedule such as
// "mon-fri 09:00-17:30; sat 10:00-14:00" in zone tz (an IANA name), with
// holidays as YYYY-MM-DD dates. Errors: EINVALID naming "schedule",
// "time_zone" or "holidays".
func ParseBusinessHours(schedule, tz string, holidays []string) (*BusinessHours, error) {
	loc, err := time.LoadLocation(tz)
	if err != nil || tz == "" {
		return nil, FieldError("time_zone", "time_zone must be an IANA zone such as Europe/Paris")
	}
	b := &BusinessHours{Location: loc, Holidays: map[string]bool{}}
	days := map[string]time.Weekday{"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}
	bad := func(part string) error {
		return FieldError("schedule", "schedule part %q must read like \"mon-fri 09:00-17:00\"", part)
	}
	for _, part := range strings.Split(schedule, ";") {
		part = strings.ToLower(strings.TrimSpace(part))
		if part == "" {
			continue
		}
		dayS, spansS, ok := strings.Cut(part, " ")
		if !ok {
			return nil, bad(part)
		}
		var from, to time.Weekday
		a, z, isRange := strings.Cut(dayS, "-")
		fa, ok1 := days[a]
		from, to = fa, fa
		if isRange {
			fz, ok2 := days[z]
			if !ok2 {
				return nil, bad(part)
			}
			to = fz
		}
		if !ok1 {
			return nil, bad(part)
		}
		for _, sp := range strings.Split(spansS, ",") {
			s, e, ok := strings.Cut(strings.TrimSpace(sp), "-")
			start, err1 := clockMinutes(s)
			end, err2 := clockMinutes(e)
			if !ok || err1 != nil || err2 != nil || start >= end {
				return nil, bad(part)
			}
			for d := from; ; d = (d + 1) % 7 {
				b.Weekly[d] = append(b.Weekly[d], Span{start, end})
				if d == to {
					break
				}
			}
		}
	}
	for d := range b.Weekly {
		sp := b.Weekly[d]
		sort.Slice(sp, func(i, j int) bool { return sp[i].Start < sp[j].Start })
		for i := 1; i < len(sp); i++ {
			if sp[i].Start < sp[i-1].End {
				return nil, FieldError("schedule", "the spans of %s overlap", time.Weekday(d))
			}
		}
	}
	for _, h := range holidays {
		if _, err := time.Parse(time.DateOnly, h); err != nil {
			return nil, FieldError("holidays", "holiday %q must be a date YYYY-MM-DD", h)
		}
		b.Holidays[h] = true
	}
	return b, nil
}

func clockMinutes(s string) (int, error) {
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 24 || mm < 0 || mm > 59 || (hh == 24 && mm != 0) {
		return 0, fmt.Errorf("bad time %q", s)
	}
	return hh*60 + mm, nil
}

func (b *BusinessHours) always() bool {
	if b == nil {
		return true
	}
	for _, d := range b.Weekly {
		if len(d) > 0 {
			return false
		}
	}
	return true
}

// openSpans returns the opening intervals of the local day containing t,
// as absolute times (DST-aware: each bound is built from the local clock).
func (b *BusinessHours) openSpans(day time.Time) [][2]time.Time {
	y, m, d := day.Date()
	if b.Holidays[fmt.Sprintf("%04d-%02d-%02d", y, m, d)] {
		return nil
	}
	var out [][2]time.Time
	for _, sp := range b.Weekly[day.Weekday()] {
		s := time.Date(y, m, d, sp.Start/60, sp.Start%60, 0, 0, b.Location)
		e := time.Date(y, m, d, sp.End/60, sp.End%60, 0, 0, b.Location)
		out = append(out, [2]time.Time{s, e})
	}
	return out
}

// maxScanDays bounds the search for open time (a schedule with no open
// day at all is treated as always open by always()).
const maxScanDays = 3 * 366

// Between returns the business time in [a, z); zero when z ≤ a.
func (b *BusinessHours) Between(a, z time.Time) time.Duration {
	if !z.After(a) {
		return 0
	}
	if b.always() {
		return z.Sub(a)
	}
	var total time.Duration
	la := a.In(b.Location)
	day := time.Date(la.Year(), la.Month(), la.Day(), 0, 0, 0, 0, b.Location)
	for i := 0; i < maxScanDays*10 && day.Before(z); i++ {
		for _, sp := range b.openSpans(day) {
			s, e := maxTime(sp[0], a), minTime(sp[1], z)
			if e.After(s) {
				total += e.Sub(s)
			}
		}
		day = time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, b.Location)
	}
	return total
}

// Add returns the instant at which d of business time has passed after
// start (start itself when d ≤ 0 and start is open time).
func (b *BusinessHours) Add(start time.Time, d time.Duration) time.Time {
	if b.always() {
		return start.Add(max(d, 0))
	}
	ls := start.In(b.Location)
	day := time.Date(ls.Year(), ls.Month(), ls.Day(), 0, 0, 0, 0, b.Location)
	for range maxScanDays {
		for _, sp := range b.openSpans(day) {
			s := maxTime(sp[0], start)
			if !sp[1].After(s) {
				continue
			}
			if avail := sp[1].Sub(s); d <= avail {
				return s.Add(max(d, 0))
			} else {
				d -= avail
			}
		}
		day = time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, b.Location)
	}
	return start.Add(d) // no open time within the horizon
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// SLATargets are the business-time targets of one priority; zero means
// no target.
type SLATargets struct {
	FirstResponse, NextResponse, Resolution time.Duration
}

// SLAPolicy gives the targets per priority.
type SLAPolicy struct {
	Name    string
	Targets map[string]SLATargets
}

// StatusChange is one entry of a conversation's status history.
type StatusChange struct {
	Status string
	At     time.Time
}

// SLAFacts are what the clock of one conversation depends on.
type SLAFacts struct {
	CreatedAt time.Time
	Priority  string
	// History is the status history, oldest first; before the first
	// entry the conversation was open.
	History []StatusChange
	// FirstReply is the first agent reply the requester saw, nil if none.
	FirstReply *time.Time
	// AwaitingSince is the first customer message after the last agent
	// reply, nil when the customer is not waiting (next response).
	AwaitingSince *time.Time
	// ResolvedAt is set when the conversation is resolved.
	ResolvedAt *time.Time
}

// SLAClock is the state of one target at a time.
type SLAClock struct {
	Target time.Duration
	// Elapsed is business time counted so far, pauses excluded.
	Elapsed time.Duration
	// Remaining is Target - Elapsed: negative once breached.
	Remaining time.Duration
	// Due is when the target is reached if nothing pauses the clock; nil
	// while paused, when met, or without a target.
	Due      *time.Time
	Met      bool // stopped in time (the reply or resolution came)
	Stopped  bool // the reply or resolution came, in time or late
	Breached bool
	Paused   bool
}

// SLAState is every clock of a conversation at a time.
type SLAState struct {
	FirstResponse, NextResponse, Resolution *SLAClock // nil: no target
}

// paused reports the intervals when the status was pending or snoozed.
func pausedIntervals(h []StatusChange, now time.Time) [][2]time.Time {
	var out [][2]time.Time
	var since *time.Time
	for _, c := range h {
		p := c.Status == StatusPending || c.Status == StatusSnoozed
		switch {
		case p && since == nil:
			at := c.At
			since = &at
		case !p && since != nil:
			out = append(out, [2]time.Time{*since, c.At})
			since = nil
		}
	}
	if since != nil {
		out = append(out, [2]time.Time{*since, now})
	}
	return out
}

// elapsed is the business time in [a, z) outside the pauses.
func (b *BusinessHours) elapsed(a, z time.Time, pauses [][2]time.Time) time.Duration {
	total := b.Between(a, z)
	for _, p := range pauses {
		s, e := maxTime(p[0], a), minTime(p[1], z)
		if e.After(s) {
			total -= b.Between(s, e)
		}
	}
	return total
}

func (b *BusinessHours) clock(target time.Duration, start time.Time, stop *time.Time, pauses [][2]time.Time, now time.Time, pausedNow bool) *SLAClock {
	if target <= 0 {
		return nil
	}
	end := now
	if stop != nil {
		end = *stop
	}
	c := &SLAClock{Target: target, Elapsed: b.elapsed(start, end, pauses)}
	c.Remaining = target - c.Elapsed
	c.Breached = c.Remaining < 0
	switch {
	case stop != nil:
		c.Met, c.Stopped = !c.Breached, true
	case pausedNow:
		c.Paused = true
	case c.Remaining >= 0:
		due := b.Add(now, c.Remaining)
		c.Due = &due
	}
	return c
}

// EvaluateSLA returns the clocks of a conversation under policy p and
// business hours b (nil: 24/7) at now. Paused intervals (pending,
// snoozed) do not count; a clock stops at the first reply, the reply to
// the waiting customer, or the resolution.
func EvaluateSLA(p *SLAPolicy, b *BusinessHours, f SLAFacts, now time.Time) SLAState {
	var st SLAState
	if p == nil {
		return st
	}
	t, ok := p.Targets[f.Priority]
	if !ok {
		return st
	}
	pauses := pausedIntervals(f.History, now)
	pausedNow := len(f.History) > 0 && (f.History[len(f.History)-1].Status == StatusPending || f.History[len(f.History)-1].Status == StatusSnoozed)
	st.FirstResponse = b.clock(t.FirstResponse, f.CreatedAt, f.FirstReply, pauses, now, pausedNow)
	if f.AwaitingSince != nil && f.FirstReply != nil {
		st.NextResponse = b.clock(t.NextResponse, *f.AwaitingSince, nil, pauses, now, pausedNow)
	}
	st.Resolution = b.clock(t.Resolution, f.CreatedAt, f.ResolvedAt, pauses, now, pausedNow)
	return st
}

// SLAConfig is the desk's service-level configuration: targets per
// priority (PriorityLow to PriorityUrgent, a conversation's
// Conversation.Priority) and business hours per team, keyed by team ID
// (Conversation.Team; "" for every team without its own; none at all
// means 24/7).
type SLAConfig struct {
	Targets map[string]SLATargets
	Hours   map[string]SLAHoursInput
	// Escalation is what a breach does besides alerting supervisors, by
	// the conversation's priority when it breaches; none: alert only.
	Escalation map[string]SLAEscalation
}

// SLAEscalation is what a breach of a conversation does: RaisePriority
// raises its priority one step (low→normal→high→urgent; urgent stays),
// Unassign hands it back to its team's queue (auto-assignment picks it
// up again). Each breach (conversation, target) escalates once.
type SLAEscalation struct {
	RaisePriority bool `json:"raise_priority"`
	Unassign      bool `json:"unassign"`
}

// NextPriority returns the priority one step above p (a priority that is
// not known reads as DefaultPriority), and false when p is already the
// highest.
func NextPriority(p string) (string, bool) {
	r := PriorityRank(p)
	if r < 0 {
		r = PriorityRank(DefaultPriority)
	}
	if r+1 >= len(Priorities) {
		return Priorities[r], false
	}
	return Priorities[r+1], true
}

// SLAHoursInput is a team's business hours as configured: a schedule
// such as "mon-fri 09:00-17:00", an IANA time zone, holiday dates.
type SLAHoursInput struct {
	Schedule string   `json:"schedule"`
	TimeZone string   `json:"time_zone"`
	Holidays []string `json:"holidays"`
}

// Validate checks every priority and schedule. Errors: EINVALID naming
// the field.
func (c *SLAConfig) Validate() error {
	for p, t := range c.Targets {
		if !ValidPriority(p) {
			return FieldError("targets", "unknown priority %q: priorities are %s", p, strings.Join(Priorities, ", "))
		}
		if t.FirstResponse < 0 || t.NextResponse < 0 || t.Resolution < 0 {
			return FieldError("targets", "targets must not be negative")
		}
	}
	for p := range c.Escalation {
		if !ValidPriority(p) {
			return FieldError("escalation", "unknown priority %q: priorities are %s", p, strings.Join(Priorities, ", "))
		}
	}
	for team, h := range c.Hours {
		if _, err := ParseBusinessHours(h.Schedule, h.TimeZone, h.Holidays); err != nil {
			return FieldError("hours", "business hours of team %q: %s", team, ErrorMessage(err))
		}
	}
	return nil
}

// HoursOf returns the business hours of team: its own, else the default
// (""), else nil (24/7).
func (c *SLAConfig) HoursOf(team string) *BusinessHours {
	h, ok := c.Hours[team]
	if !ok {
		if h, ok = c.Hours[""]; !ok {
			return nil
		}
	}
	b, err := ParseBusinessHours(h.Schedule, h.TimeZone, h.Holidays)
	if err != nil {
		return nil // Validate refused it on the way in
	}
	return b
}

// Policy returns the targets as a policy.
func (c *SLAConfig) Policy() *SLAPolicy { return &SLAPolicy{Name: "desk", Targets: c.Targets} }

// DefaultPriority is the priority of a conversation that has none.
const DefaultPriority = PriorityNormal
