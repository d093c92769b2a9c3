package http_test

import (
	"context"
	"encoding/json"
	"log/slog"
	gohttp "net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/proofdesk/proofdesk"
	pdhttp "github.com/proofdesk/proofdesk/http"
)

func TestCountsCollector(t *testing.T) {
	loads := 0
	c := pdhttp.NewCountsCollector(func(context.Context) (*proofdesk.Counts, error) {
		loads++
		return &proofdesk.Counts{Ratings: map[string]int{"bad": 2}, Security: map[string]int{proofdesk.AuditDisclosureBlocked: 5},
			Conversations: map[string]int{"open": 3}, WebhookDeliveries: map[string]int{"sent": 7}}, nil
	}, nil)
	want := `
# HELP proofdesk_csat_ratings Customer-satisfaction ratings stored, by answer (good, okay, bad); one per rated conversation.
# TYPE proofdesk_csat_ratings gauge
proofdesk_csat_ratings{rating="bad"} 2
proofdesk_csat_ratings{rating="good"} 0
proofdesk_csat_ratings{rating="okay"} 0
`
	if err := testutil.CollectAndCompare(c, strings.NewReader(want), "proofdesk_csat_ratings"); err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(c)
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			if mf.GetName() == "proofdesk_security_events_total" && m.GetLabel()[0].GetValue() == "reply_blocked" {
				found = m.GetCounter().GetValue() == 5
			}
		}
	}
	if !found {
		t.Fatal(`proofdesk_security_events_total{event="reply_blocked"} is not 5`)
	}
	if loads != 1 {
		t.Fatalf("%d loads for two scrapes within MaxAge, want 1", loads)
	}
}

// Every metric the Grafana dashboard (docs/grafana-dashboard.json) queries
// is one Proofdesk exports.
func TestGrafanaDashboardMetrics(t *testing.T) {
	b, err := os.ReadFile("../docs/grafana-dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	var dash struct {
		Panels []struct {
			Title   string `json:"title"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
	}
	if err := json.Unmarshal(b, &dash); err != nil {
		t.Fatalf("docs/grafana-dashboard.json: %v", err)
	}
	s := pdhttp.NewServer(slog.New(slog.DiscardHandler))
	s.Registry.MustRegister(pdhttp.NewCountsCollector(func(context.Context) (*proofdesk.Counts, error) { return &proofdesk.Counts{}, nil }, nil))
	s.Handle("GET /x", gohttp.HandlerFunc(func(w gohttp.ResponseWriter, _ *gohttp.Request) {}))
	s.Handler().ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/x", nil))
	mfs, err := s.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, mf := range mfs {
		have[mf.GetName()] = true
	}
	name := regexp.MustCompile(`proofdesk_[a-z_]+`)
	n := 0
	for _, p := range dash.Panels {
		for _, tg := range p.Targets {
			for _, m := range name.FindAllString(tg.Expr, -1) {
				n++
				if base := strings.TrimSuffix(m, "_bucket"); !have[m] && !have[base] {
					t.Errorf("panel %q queries %s, which is not exported", p.Title, m)
				}
			}
		}
	}
	if n < 8 {
		t.Fatalf("only %d metric references in the dashboard", n)
	}
}
