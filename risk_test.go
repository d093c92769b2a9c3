package proofdesk_test

import (
	"slices"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
)

// RiskOf reads each signal from its fact, and only from it; the facts of a
// customer count only when the conversation is linked.
func TestRiskOf(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	old := now.AddDate(-1, 0, 0)
	cust := func(locked bool, added time.Time) *proofdesk.Customer {
		return &proofdesk.Customer{ID: "cus_1", SupportLocked: locked, ContactPoints: []*proofdesk.ContactPoint{
			{ID: "cp_1", Kind: proofdesk.ContactEmail, Value: "jane@example.com", AddedAt: old},
			{ID: "cp_2", Kind: proofdesk.ContactPhone, Value: "+14155550123", AddedAt: added}}}
	}
	tests := []struct {
		name string
		f    proofdesk.RiskFacts
		want []string
	}{
		{"nothing", proofdesk.RiskFacts{Customer: cust(false, old)}, nil},
		{"flags as set, in order", proofdesk.RiskFacts{Flags: []string{proofdesk.SignalDMARCFail, "risk_high", proofdesk.RiskProbing, proofdesk.SignalIntent}},
			[]string{proofdesk.RiskProbing, proofdesk.SignalIntent, proofdesk.SignalDMARCFail}},
		{"unlinked: customer facts do not count", proofdesk.RiskFacts{FailuresLastHour: 3, ChannelsLastHour: 3, Requester: proofdesk.Requester{Email: "x@evil.example"}}, nil},
		{"claimed email on file in another spelling", proofdesk.RiskFacts{Customer: cust(false, old), Requester: proofdesk.Requester{Email: "JANE@Example.COM"}}, nil},
		{"claimed phone on file in national format", proofdesk.RiskFacts{Customer: cust(false, old), Requester: proofdesk.Requester{Phone: "+1 (415) 555-0123"}}, nil},
		{"claimed email not on file", proofdesk.RiskFacts{Customer: cust(false, old), Requester: proofdesk.Requester{Email: "jane@evil.example"}},
			[]string{proofdesk.SignalContactNotOnFile}},
		{"claimed phone that does not parse", proofdesk.RiskFacts{Customer: cust(false, old), Requester: proofdesk.Requester{Phone: "call me"}},
			[]string{proofdesk.SignalContactNotOnFile}},
		{"one failure", proofdesk.RiskFacts{Customer: cust(false, old), FailuresLastHour: 1}, []string{proofdesk.SignalFailedCodes}},
		{"one channel is not many", proofdesk.RiskFacts{Customer: cust(false, old), ChannelsLastHour: 1}, nil},
		{"two channels", proofdesk.RiskFacts{Customer: cust(false, old), ChannelsLastHour: 2}, []string{proofdesk.SignalManyChannels}},
		{"contact added 29 days ago", proofdesk.RiskFacts{Customer: cust(false, now.AddDate(0, 0, -29))}, []string{proofdesk.SignalRecentChange}},
		{"contact added 31 days ago", proofdesk.RiskFacts{Customer: cust(false, now.AddDate(0, 0, -31))}, nil},
		{"support lock", proofdesk.RiskFacts{Customer: cust(true, old)}, []string{proofdesk.SignalSupportLock}},
	}
	for _, tt := range tests {
		tt.f.Now = now
		r := proofdesk.RiskOf(tt.f)
		if !slices.Equal(r.Signals, append([]string{}, tt.want...)) {
			t.Errorf("%s: signals %v, want %v", tt.name, r.Signals, tt.want)
		}
		score := 0
		for _, s := range tt.want {
			score += proofdesk.RiskWeights[s]
		}
		if r.Score != score || r.High != (score >= proofdesk.RiskHighScore) {
			t.Errorf("%s: score %d high %v, want %d", tt.name, r.Score, r.High, score)
		}
	}
}
