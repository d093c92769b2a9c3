package proofdesk

import (
	"sort"
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
