package http

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/proofdesk/proofdesk"
)

// CountsCollector exports the desk's all-time totals (CSAT ratings,
// security events, conversations by status, webhook deliveries) as
// Prometheus metrics, read from the store at most every MaxAge. They are
// the store's totals, the same on every node: aggregate with max(), not
// sum(). No label names a customer or an agent.
type CountsCollector struct {
	load   func(ctx context.Context) (*proofdesk.Counts, error)
	logger *slog.Logger
	// MaxAge is how long a reading is reused; NewCountsCollector sets 15s.
	MaxAge time.Duration

	mu   sync.Mutex
	at   time.Time
	last *proofdesk.Counts

	ratings, security, convs, hooks, breaches *prometheus.Desc
}

// NewCountsCollector returns a collector over load (*sqldb.DB's Counts).
func NewCountsCollector(load func(ctx context.Context) (*proofdesk.Counts, error), logger *slog.Logger) *CountsCollector {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &CountsCollector{load: load, logger: logger, MaxAge: 15 * time.Second,
		ratings:  prometheus.NewDesc("proofdesk_csat_ratings", "Customer-satisfaction ratings stored, by answer (good, okay, bad); one per rated conversation.", []string{"rating"}, nil),
		security: prometheus.NewDesc("proofdesk_security_events_total", "Security events in the audit log, by event: reply_blocked, probing_flag, not_me_owner, not_me_request, verification_completed, reveal, break_glass, lookup, alert.", []string{"event"}, nil),
		convs:    prometheus.NewDesc("proofdesk_conversations", "Conversations by status.", []string{"status"}, nil),
		hooks:    prometheus.NewDesc("proofdesk_webhook_deliveries", "Webhook deliveries in the outbox, by status (queued, sent, failed).", []string{"status"}, nil),
		breaches: prometheus.NewDesc("proofdesk_sla_breaches_total", "SLA breaches recorded, by target (first_response, next_response, resolution).", []string{"target"}, nil),
	}
}

// metricEvents names the audit actions as metric label values.
var metricEvents = map[string]string{
	proofdesk.AuditDisclosureBlocked: "reply_blocked", proofdesk.AuditProbing: "probing_flag",
	proofdesk.AuditOwnerReported: "not_me_owner", proofdesk.AuditChallengeDenied: "not_me_request",
	proofdesk.AuditChallengeOK: "verification_completed", proofdesk.AuditReveal: "reveal",
	proofdesk.AuditBreakGlass: "break_glass", proofdesk.AuditLookup: "lookup", proofdesk.AuditAlert: "alert",
}

// Describe implements prometheus.Collector.
func (c *CountsCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.ratings
	ch <- c.security
	ch <- c.convs
	ch <- c.hooks
	ch <- c.breaches
}

func (c *CountsCollector) read() *proofdesk.Counts {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.last != nil && time.Since(c.at) < c.MaxAge {
		return c.last
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	n, err := c.load(ctx)
	if err != nil {
		c.logger.Error("metrics counts", slog.Any("error", err))
		return c.last // the previous reading, or nothing
	}
	c.last, c.at = n, time.Now()
	return n
}

// Collect implements prometheus.Collector: every known label value is
// exported, zero when none was counted.
func (c *CountsCollector) Collect(ch chan<- prometheus.Metric) {
	n := c.read()
	if n == nil {
		return
	}
	for _, r := range []string{proofdesk.RatingGood, proofdesk.RatingOkay, proofdesk.RatingBad} {
		ch <- prometheus.MustNewConstMetric(c.ratings, prometheus.GaugeValue, float64(n.Ratings[r]), r)
	}
	for _, a := range proofdesk.MetricAuditActions {
		ch <- prometheus.MustNewConstMetric(c.security, prometheus.CounterValue, float64(n.Security[a]), metricEvents[a])
	}
	for _, s := range []string{proofdesk.StatusOpen, proofdesk.StatusPending, proofdesk.StatusSnoozed, proofdesk.StatusResolved} {
		ch <- prometheus.MustNewConstMetric(c.convs, prometheus.GaugeValue, float64(n.Conversations[s]), s)
	}
	for _, tg := range []string{"first_response", "next_response", "resolution"} {
		ch <- prometheus.MustNewConstMetric(c.breaches, prometheus.CounterValue, float64(n.SLABreaches[tg]), tg)
	}
	for _, s := range []string{proofdesk.OutboxQueued, proofdesk.OutboxSent, proofdesk.OutboxFailed} {
		ch <- prometheus.MustNewConstMetric(c.hooks, prometheus.GaugeValue, float64(n.WebhookDeliveries[s]), strings.ToLower(s))
	}
}
