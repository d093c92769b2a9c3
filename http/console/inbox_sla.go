package console

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/proofdesk/proofdesk"
)

// sortSLA sorts the inbox by time left on the most urgent SLA clock
// (breached first), in the console only: the store pages by activity,
// the clocks are computed over the rows the scan returned (scanLimit).
const sortSLA = "sla"

// InboxSLASource gives the most urgent running SLA clock of each listed
// conversation (desk.Desk.InboxSLA); none when no target is set.
type InboxSLASource interface {
	InboxSLA(ctx context.Context, convs []*proofdesk.Conversation) (map[string]*proofdesk.SLAClock, error)
}

// slaCell is an inbox row's SLA column: the time left on its most
// urgent clock, coloured breached (red), soon (amber: under an hour or a
// quarter of the target left) or ok.
type slaCell struct {
	Text, Class, Title string
}

func newSLACell(k *proofdesk.SLAClock) *slaCell {
	if k == nil {
		return nil
	}
	c := &slaCell{Class: "sla sla-ok", Title: "SLA target " + slaDuration(k.Target) + " of business time"}
	switch {
	case k.Breached:
		c.Class, c.Text = "sla sla-breached", "SLA breached "+slaDuration(-k.Remaining)+" ago"
	case k.Remaining < time.Hour || k.Remaining < k.Target/4:
		c.Class, c.Text = "sla sla-soon", slaDuration(k.Remaining)+" left"
	default:
		c.Text = slaDuration(k.Remaining) + " left"
	}
	if k.Paused {
		c.Text += " (paused)"
	}
	return c
}

// slaDuration writes d as "2d 3h", "3h 5m" or "12m" (business time).
func slaDuration(d time.Duration) string {
	d = d.Round(time.Minute)
	switch {
	case d >= 24*time.Hour:
		return fmt.Sprintf("%dd %dh", d/(24*time.Hour), d%(24*time.Hour)/time.Hour)
	case d >= time.Hour:
		return fmt.Sprintf("%dh %dm", d/time.Hour, d%time.Hour/time.Minute)
	}
	return fmt.Sprintf("%dm", d/time.Minute)
}

// sortBySLA orders convs by time left on their most urgent clock, least
// first (breached before due); those without a running clock keep their
// order after them.
func sortBySLA(convs []*proofdesk.Conversation, clocks map[string]*proofdesk.SLAClock) {
	slices.SortStableFunc(convs, func(a, b *proofdesk.Conversation) int {
		ka, kb := clocks[a.ID], clocks[b.ID]
		switch {
		case ka == nil && kb == nil:
			return 0
		case ka == nil:
			return 1
		case kb == nil:
			return -1
		}
		return cmp.Compare(ka.Remaining, kb.Remaining)
	})
}
