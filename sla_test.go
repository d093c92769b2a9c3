package proofdesk_test

import (
	"errors"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
)

func paris(t *testing.T, s string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func ptr[T any](v T) *T { return &v }

// A support team in Paris works Mon–Fri 09:00–17:00 (Saturday mornings
// too) and is closed on Christmas Day. The conversations below are driven
// by a fake clock across the evening, the holiday, the weekend, a pause
// while waiting on the customer and a daylight-saving change.
func TestSLA_BusinessHoursAndHolidays(t *testing.T) {
	b, err := proofdesk.ParseBusinessHours("mon-fri 09:00-12:30, 13:30-17:00; sat 09:00-12:00", "Europe/Paris", []string{"2026-12-25"})
	if err != nil {
		t.Fatal(err)
	}
	policy := &proofdesk.SLAPolicy{Name: "standard", Targets: map[string]proofdesk.SLATargets{
		"high":   {FirstResponse: 2 * time.Hour, NextResponse: time.Hour, Resolution: 8 * time.Hour},
		"normal": {FirstResponse: 8 * time.Hour, Resolution: 24 * time.Hour},
	}}

	// Thursday 24 Dec 16:30: 30 minutes left that day; Friday is Christmas;
	// Saturday 09:00–12:00 gives the remaining 1h30 → due Sat 10:30.
	created := paris(t, "2026-12-24 16:30")
	f := proofdesk.SLAFacts{CreatedAt: created, Priority: "high"}
	st := proofdesk.EvaluateSLA(policy, b, f, paris(t, "2026-12-24 16:45"))
	if st.FirstResponse == nil || st.FirstResponse.Due == nil || !st.FirstResponse.Due.Equal(paris(t, "2026-12-26 10:30")) {
		t.Fatalf("first response due %v, want Sat 26 Dec 10:30", st.FirstResponse)
	}
	if st.FirstResponse.Remaining != 105*time.Minute || st.FirstResponse.Breached {
		t.Fatalf("at 16:45: remaining %v, want 1h45", st.FirstResponse.Remaining)
	}
	// On the holiday the clock does not move.
	st = proofdesk.EvaluateSLA(policy, b, f, paris(t, "2026-12-25 15:00"))
	if st.FirstResponse.Remaining != 90*time.Minute {
		t.Fatalf("on the holiday: remaining %v, want 1h30", st.FirstResponse.Remaining)
	}
	// Saturday 11:00, no reply: breached by 30 minutes.
	st = proofdesk.EvaluateSLA(policy, b, f, paris(t, "2026-12-26 11:00"))
	if !st.FirstResponse.Breached || st.FirstResponse.Remaining != -30*time.Minute {
		t.Fatalf("Saturday 11:00: %+v, want breached by 30m", st.FirstResponse)
	}

	// Waiting on the customer (pending) from Sat 09:15 to Mon 09:45 pauses
	// the clock: the reply on Monday 09:50 meets the target (30m + 15m +
	// 5m of counted time = 50m ≤ 2h).
	f.History = []proofdesk.StatusChange{{Status: proofdesk.StatusPending, At: paris(t, "2026-12-26 09:15")}}
	st = proofdesk.EvaluateSLA(policy, b, f, paris(t, "2026-12-28 09:00"))
	if !st.FirstResponse.Paused || st.FirstResponse.Due != nil || st.FirstResponse.Elapsed != 45*time.Minute {
		t.Fatalf("while pending: %+v, want paused at 45m", st.FirstResponse)
	}
	f.History = append(f.History, proofdesk.StatusChange{Status: proofdesk.StatusOpen, At: paris(t, "2026-12-28 09:45")})
	f.FirstReply = ptr(paris(t, "2026-12-28 09:50"))
	st = proofdesk.EvaluateSLA(policy, b, f, paris(t, "2026-12-28 10:00"))
	if !st.FirstResponse.Met || st.FirstResponse.Elapsed != 50*time.Minute {
		t.Fatalf("replied Monday 09:50: %+v, want met at 50m", st.FirstResponse)
	}
	// The lunch break does not count: the customer writes at 12:00, the
	// next response (1h) is due at 14:00, not 13:00.
	f.AwaitingSince = ptr(paris(t, "2026-12-28 12:00"))
	st = proofdesk.EvaluateSLA(policy, b, f, paris(t, "2026-12-28 12:10"))
	if st.NextResponse == nil || st.NextResponse.Due == nil || !st.NextResponse.Due.Equal(paris(t, "2026-12-28 14:00")) {
		t.Fatalf("next response %+v, want due 14:00", st.NextResponse)
	}
	// Resolution: 8h target; counted 30m (Thu) + 15m (Sat, before the
	// pause) + Mon 09:45–12:30 and 13:30–15:00 (4h15) = 5h when resolved
	// Monday 15:00.
	f.ResolvedAt = ptr(paris(t, "2026-12-28 15:00"))
	st = proofdesk.EvaluateSLA(policy, b, f, paris(t, "2026-12-28 16:00"))
	if !st.Resolution.Met || st.Resolution.Elapsed != 5*time.Hour {
		t.Fatalf("resolution %+v, want met at 5h", st.Resolution)
	}

	// Snoozed counts as paused too; a priority without a target has no clock.
	g := proofdesk.SLAFacts{CreatedAt: paris(t, "2026-12-28 10:00"), Priority: "normal",
		History: []proofdesk.StatusChange{{Status: proofdesk.StatusSnoozed, At: paris(t, "2026-12-28 11:00")}}}
	st = proofdesk.EvaluateSLA(policy, b, g, paris(t, "2026-12-29 10:00"))
	if !st.FirstResponse.Paused || st.FirstResponse.Elapsed != time.Hour || st.NextResponse != nil {
		t.Fatalf("snoozed: %+v", st)
	}
	if st := proofdesk.EvaluateSLA(policy, b, proofdesk.SLAFacts{CreatedAt: created, Priority: "low"}, created); st.FirstResponse != nil {
		t.Fatal("a priority without targets has a clock")
	}
}

// Across the change to summer time (Sunday 29 March 2026 in Paris) a
// working day is still 7 hours, and Add and Between agree.
func TestSLA_DaylightSavingAndInverse(t *testing.T) {
	b, err := proofdesk.ParseBusinessHours("mon-fri 09:00-12:30,13:30-17:00", "Europe/Paris", nil)
	if err != nil {
		t.Fatal(err)
	}
	fri, mon := paris(t, "2026-03-27 09:00"), paris(t, "2026-03-30 17:00")
	if got := b.Between(fri, mon); got != 14*time.Hour {
		t.Fatalf("Fri–Mon across DST: %v, want 14h", got)
	}
	start := paris(t, "2026-03-26 16:10")
	for _, d := range []time.Duration{0, time.Minute, 50 * time.Minute, 3 * time.Hour, 7 * time.Hour, 30 * time.Hour} {
		end := b.Add(start, d)
		if got := b.Between(start, end); got != d {
			t.Fatalf("Between(start, Add(start, %v)) = %v", d, got)
		}
	}
	var always *proofdesk.BusinessHours
	if got := always.Add(fri, time.Hour); !got.Equal(fri.Add(time.Hour)) {
		t.Fatalf("24/7 Add: %v", got)
	}
}

func TestParseBusinessHours_Errors(t *testing.T) {
	for _, tt := range []struct{ schedule, tz, field string }{
		{"mon-fri 09:00-17:00", "Mars/Olympus", "time_zone"},
		{"mon-fri 17:00-09:00", "UTC", "schedule"},
		{"funday 09:00-17:00", "UTC", "schedule"},
		{"mon 09:00-12:00,11:00-13:00", "UTC", "schedule"},
		{"mon 9-17", "UTC", "schedule"},
	} {
		_, err := proofdesk.ParseBusinessHours(tt.schedule, tt.tz, nil)
		var pe *proofdesk.Error
		if !errors.As(err, &pe) || pe.Code != proofdesk.EINVALID || pe.Field != tt.field {
			t.Errorf("ParseBusinessHours(%q, %q) = %v, want EINVALID on %s", tt.schedule, tt.tz, err, tt.field)
		}
	}
	if _, err := proofdesk.ParseBusinessHours("mon 09:00-17:00", "UTC", []string{"25/12/2026"}); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
		t.Errorf("a bad holiday: %v", err)
	}
}
