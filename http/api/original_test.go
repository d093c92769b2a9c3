package api

import (
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
)

func TestRawReleased(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		received time.Time
		hadCode  bool
		want     bool
	}{
		{"fresh mail", now.Add(-time.Minute), false, false},
		{"just inside the code window", now.Add(-proofdesk.RecentCodeWindow + time.Second), false, false},
		{"past the code window", now.Add(-proofdesk.RecentCodeWindow), false, true},
		{"old mail whose text held a code", now.Add(-48 * time.Hour), true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rawReleased(tt.received, now, tt.hadCode); got != tt.want {
				t.Fatalf("rawReleased = %v, want %v", got, tt.want)
			}
		})
	}
}
