package sqldb

import (
	"context"
	"fmt"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// Counts returns the all-time totals the metrics export, by SQL over the
// stored events (each a GROUP BY on an indexed column).
func (db *DB) Counts(ctx context.Context) (*proofdesk.Counts, error) {
	h := db.reader()
	c := &proofdesk.Counts{Ratings: map[string]int{}, Security: map[string]int{}, Conversations: map[string]int{}, WebhookDeliveries: map[string]int{}, SLABreaches: map[string]int{}}
	group := func(m map[string]int, q string, args ...any) error {
		return h.scanRows(ctx, q, args, func(row scanner) error {
			var k string
			var n int
			if err := row.Scan(&k, &n); err != nil {
				return err
			}
			m[k] = n
			return nil
		})
	}
	actions := make([]any, len(proofdesk.MetricAuditActions))
	for i, a := range proofdesk.MetricAuditActions {
		actions[i] = a
	}
	steps := []func() error{
		func() error { return group(c.Ratings, `SELECT rating, COUNT(*) FROM csat_ratings GROUP BY rating`) },
		func() error {
			return group(c.Security, `SELECT action, COUNT(*) FROM audit_events WHERE action IN (?`+strings.Repeat(", ?", len(actions)-1)+`) GROUP BY action`, actions...)
		},
		func() error {
			return group(c.Conversations, `SELECT status, COUNT(*) FROM conversations GROUP BY status`)
		},
		func() error { return group(c.SLABreaches, `SELECT target, COUNT(*) FROM sla_breaches GROUP BY target`) },
		func() error {
			return group(c.WebhookDeliveries, `SELECT status, COUNT(*) FROM outbox WHERE purpose = ? GROUP BY status`, PurposeWebhook)
		},
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return nil, fmt.Errorf("counts: %w", err)
		}
	}
	return c, nil
}
