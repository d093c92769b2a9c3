package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

// reportCSAT is the part of GET /api/v1/reports this test reads.
type reportCSAT struct {
	CSAT struct {
		Good, Okay, Bad int
	} `json:"csat"`
	Agents []struct {
		AgentID string `json:"agent_id"`
		CSAT    struct {
			Good, Okay, Bad int
		} `json:"csat"`
	} `json:"agents"`
}

// A chat is resolved in the console: the widget gets a rating link
// (csat frame) and the owner's transcript email a link per answer.
// Opening the email's "bad" link (a GET, as a mail scanner would) shows
// the form with "bad" chosen and records nothing; a POST from another
// site is refused; the page's own POST records the rating on the
// conversation, for the agent who held it, and the report counts it.
func TestCSAT_FromEmailLink(t *testing.T) {
	eachStore(t, func(t *testing.T, s *e2etest.Server) {
		createJane(t, s)
		v := newVisitor(t, s, "Jane Doe", janeEmail, "Hello")
		b := newBrowser(t, s)
		b.login(s.Agent)
		b.action(v.conv, "/assign", url.Values{"assignee": {s.Agent.ID}})
		code, _, body := reply(t, s, v.conv, "Hello! How can I help?")
		must(t, code == http.StatusCreated, "reply: %d %s", code, body)
		resolve(t, s, b, v.conv)

		f := v.next(t, "the csat frame", func(f frame) bool { return f.Type == "csat" })
		must(t, strings.HasPrefix(f.URL, s.URL+"/csat/"), "csat frame url %q", f.URL)

		m := s.Mailpit.WaitMessage(t, janeEmail, "Your conversation with", wait)
		var bad string
		for _, l := range m.Links() {
			if strings.Contains(l, "/csat/") && strings.HasSuffix(l, "?rating=bad") {
				bad = l
			}
		}
		must(t, bad != "", "no \"bad\" rating link in the transcript:\n%s", m.Text)

		var rep reportCSAT
		s.API(t, "GET", "/api/v1/reports", s.Supervisor.Token, nil, http.StatusOK, &rep)
		must(t, rep.CSAT.Good+rep.CSAT.Okay+rep.CSAT.Bad == 0, "ratings before anyone rated: %+v", rep.CSAT)

		customer := newBrowser(t, s)
		code, page := customer.get(bad)
		must(t, code == http.StatusOK && strings.Contains(page, `value="bad" required checked`), "GET %s: %d, want the form with bad chosen\n%s", bad, code, page)
		s.API(t, "GET", "/api/v1/reports", s.Supervisor.Token, nil, http.StatusOK, &rep)
		must(t, rep.CSAT.Bad == 0, "opening the link (a GET) recorded a rating: %+v", rep.CSAT)

		form := url.Values{"rating": {"bad"}, "comment": {"Took a while."}}
		req, _ := http.NewRequest("POST", bad, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "https://evil.example")
		resp, err := s.Client.Do(req)
		must(t, err == nil, "cross-site POST: %v", err)
		resp.Body.Close()
		must(t, resp.StatusCode == http.StatusForbidden, "cross-site POST: %d, want 403", resp.StatusCode)

		code, page = customer.post(bad, form)
		must(t, code == http.StatusOK && strings.Contains(page, "Thank you for your rating"), "POST %s: %d\n%s", bad, code, page)

		s.API(t, "GET", "/api/v1/reports", s.Supervisor.Token, nil, http.StatusOK, &rep)
		must(t, rep.CSAT.Bad == 1 && rep.CSAT.Good+rep.CSAT.Okay == 0, "report CSAT %+v, want one bad", rep.CSAT)
		held := false
		for _, a := range rep.Agents {
			held = held || (a.AgentID == s.Agent.ID && a.CSAT.Bad == 1)
		}
		must(t, held, "the rating is not counted for the agent who held the conversation: %+v", rep.Agents)

		// And the metrics: counts only, no customer.
		code, metrics := b.get("/metrics")
		must(t, code == http.StatusOK && strings.Contains(metrics, `proofdesk_csat_ratings{rating="bad"} 1`) &&
			strings.Contains(metrics, `proofdesk_csat_ratings{rating="good"} 0`), "GET /metrics lacks the rating:\n%s", grepLines(metrics, "proofdesk_csat"))
		must(t, !strings.Contains(metrics, janeEmail) && !strings.Contains(metrics, v.conv), "/metrics names a customer or conversation")

		// The console's report page and its CSV show it too.
		sup := newBrowser(t, s)
		sup.login(s.Supervisor)
		code, page = sup.get("/reports")
		must(t, code == http.StatusOK && strings.Contains(page, "<svg") && strings.Contains(page, "Satisfaction"), "GET /reports: %d\n%s", code, page)
		code, page = sup.get("/reports?format=csv")
		must(t, code == http.StatusOK && strings.Contains(page, "csat,,bad,1"), "GET /reports?format=csv: %d\n%s", code, page)
		code, _ = b.get("/reports")
		must(t, code == http.StatusForbidden, "an agent's GET /reports: %d, want 403", code)
	})
}

// grepLines returns the lines of s that contain sub.
func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
