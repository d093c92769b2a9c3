// Command loadapi is a bounded load test of the REST API on a Proofdesk
// server on this machine, in three phases as a support desk uses it:
//
//   - create: a new customer (with the integration token, when given), a
//     conversation for them and its first message;
//   - inbox: the first page of open conversations, as an agent's inbox
//     loads it;
//   - reply: an agent's reply on one of the conversations created, which
//     passes the disclosure guard.
//
// Each phase sends -requests requests from -clients concurrent clients
// and reports requests per second, latency p50/p99/max and errors by
// status; with -pid it also reports the server's peak resident memory
// (VmHWM of /proc/PID/status). It refuses non-loopback servers and stops
// by itself after the fixed counts or the -duration cap.
//
//	loadapi -url http://127.0.0.1:8080 -token <agent token> [-integration-token <token>] [-requests 2000] [-clients 8] [-pid N]
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	var cfg Config
	flag.StringVar(&cfg.URL, "url", "http://127.0.0.1:8080", "base URL of the Proofdesk server (loopback only)")
	flag.StringVar(&cfg.Token, "token", os.Getenv("PROOFDESK_TOKEN"), "agent API token (or $PROOFDESK_TOKEN)")
	flag.StringVar(&cfg.IntegrationToken, "integration-token", os.Getenv("PROOFDESK_INTEGRATION_TOKEN"),
		"integration token that creates a customer per conversation (or $PROOFDESK_INTEGRATION_TOKEN); without it conversations have no customer")
	flag.IntVar(&cfg.Requests, "requests", 2000, "requests per phase")
	flag.IntVar(&cfg.Clients, "clients", 8, "concurrent clients")
	flag.IntVar(&cfg.PID, "pid", 0, "server process ID, to report its peak RSS (Linux)")
	flag.StringVar(&cfg.Phases, "phases", "create,inbox,reply", "phases to run, in order")
	flag.DurationVar(&cfg.Duration, "duration", 5*time.Minute, "hard cap on the whole run")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := Run(ctx, cfg)
	for _, p := range res {
		p.Print(os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadapi:", err)
		os.Exit(1)
	}
}

// Config bounds a run.
type Config struct {
	URL, Token, IntegrationToken string
	Requests, Clients, PID       int
	Phases                       string
	Duration                     time.Duration
}

// Phase holds one phase's figures.
type Phase struct {
	Name      string
	Requests  int
	OK        int
	Errors    map[string]int // "status 409", "transport" → count
	Elapsed   time.Duration
	Latency   []time.Duration
	PeakRSSKB int // 0 when -pid was not given
}

// PerSecond returns successful requests per second.
func (p *Phase) PerSecond() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.OK) / p.Elapsed.Seconds()
}

func pct(d []time.Duration, q float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	i := int(q*float64(len(s))+0.5) - 1
	return s[max(0, min(i, len(s)-1))]
}

// Print writes the phase's figures on one line.
func (p *Phase) Print(w io.Writer) {
	fmt.Fprintf(w, "%-6s %5d requests, %5d ok, %7.0f/s, p50 %s p99 %s max %s", p.Name, p.Requests, p.OK, p.PerSecond(),
		pct(p.Latency, .5).Round(10*time.Microsecond), pct(p.Latency, .99).Round(10*time.Microsecond), pct(p.Latency, 1).Round(10*time.Microsecond))
	if p.PeakRSSKB > 0 {
		fmt.Fprintf(w, ", server peak RSS %.1f MiB", float64(p.PeakRSSKB)/1024)
	}
	if len(p.Errors) > 0 {
		fmt.Fprintf(w, ", errors %v", p.Errors)
	}
	fmt.Fprintln(w)
}

// checkLoopback refuses any server that is not on this machine.
func checkLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("-url must be an http(s) URL")
	}
	host := u.Hostname()
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("refusing %s: loadapi only runs against a loopback server (localhost, 127.0.0.0/8, ::1)", host)
	}
	return nil
}

// ErrFailed is returned (and loadapi exits 1) when any request failed.
var ErrFailed = errors.New("requests failed")

// Run performs the phases and returns their figures.
func Run(ctx context.Context, cfg Config) ([]*Phase, error) {
	if err := checkLoopback(cfg.URL); err != nil {
		return nil, err
	}
	if cfg.Token == "" {
		return nil, errors.New("-token (an agent API token) is required")
	}
	if cfg.Requests <= 0 || cfg.Requests > 1_000_000 || cfg.Clients <= 0 || cfg.Clients > 1000 {
		return nil, errors.New("-requests must be 1..1000000 and -clients 1..1000")
	}
	if cfg.Duration <= 0 {
		cfg.Duration = 5 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	l := &loader{base: strings.TrimRight(cfg.URL, "/"), cfg: cfg,
		client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: cfg.Clients * 2}}}
	defer l.client.CloseIdleConnections()
	var out []*Phase
	failed := false
	for _, name := range strings.Split(cfg.Phases, ",") {
		var fn func(ctx context.Context, i int) (int, error)
		switch strings.TrimSpace(name) {
		case "create":
			fn = l.create
		case "inbox":
			fn = l.inbox
		case "reply":
			fn = l.reply
		default:
			return out, fmt.Errorf("unknown phase %q (create, inbox, reply)", name)
		}
		p := l.run(ctx, strings.TrimSpace(name), fn)
		out = append(out, p)
		if len(p.Errors) > 0 {
			failed = true
		}
		if ctx.Err() != nil {
			return out, fmt.Errorf("stopped at the -duration cap or by a signal: %w", ctx.Err())
		}
	}
	if failed {
		return out, ErrFailed
	}
	return out, nil
}

type loader struct {
	base   string
	cfg    Config
	client *http.Client
	mu     sync.Mutex
	convs  []string // conversations created, for the reply phase
}

// run sends cfg.Requests calls of fn from cfg.Clients goroutines.
func (l *loader) run(ctx context.Context, name string, fn func(ctx context.Context, i int) (int, error)) *Phase {
	p := &Phase{Name: name, Requests: l.cfg.Requests, Errors: map[string]int{}}
	var next atomic.Int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for range l.cfg.Clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= l.cfg.Requests || ctx.Err() != nil {
					return
				}
				t0 := time.Now()
				status, err := fn(ctx, i)
				d := time.Since(t0)
				mu.Lock()
				switch {
				case err != nil:
					p.Errors["transport"]++
				case status >= 300:
					p.Errors["status "+strconv.Itoa(status)]++
				default:
					p.OK++
					p.Latency = append(p.Latency, d)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	p.Elapsed = time.Since(start)
	if l.cfg.PID > 0 {
		p.PeakRSSKB = peakRSS(l.cfg.PID)
	}
	return p
}

// do sends one request and decodes a JSON answer into out (when not nil).
func (l *loader) do(ctx context.Context, method, path, token string, in, out any) (int, error) {
	var body io.Reader
	if in != nil {
		b, _ := json.Marshal(in)
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, l.base+path, body)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := l.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 300 && out != nil {
		return resp.StatusCode, json.NewDecoder(resp.Body).Decode(out)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}

func (l *loader) create(ctx context.Context, i int) (int, error) {
	run := time.Now().UnixNano()
	in := map[string]any{"channel": "api", "subject": fmt.Sprintf("Order question %d", i),
		"message":   "Hello, I have a question about my order.",
		"requester": map[string]string{"email": fmt.Sprintf("load-%d-%d@example.test", run, i)}}
	if l.cfg.IntegrationToken != "" {
		var cust struct {
			ID string `json:"id"`
		}
		st, err := l.do(ctx, "POST", "/api/v1/customers", l.cfg.IntegrationToken,
			map[string]any{"name": fmt.Sprintf("Load Customer %d", i), "emails": []string{fmt.Sprintf("load-%d-%d@example.test", run, i)}}, &cust)
		if err != nil || st >= 300 {
			return st, err
		}
		// Linked to the customer, with no requester claim: an agent's
		// conversation that claims an email while naming a customer is
		// counted as an exact-value lookup (the guard is no oracle), and
		// a load of them would pause the agent.
		in["customer_id"] = cust.ID
		delete(in, "requester")
	}
	var conv struct {
		ID string `json:"id"`
	}
	st, err := l.do(ctx, "POST", "/api/v1/conversations", l.cfg.Token, in, &conv)
	if err == nil && st < 300 {
		l.mu.Lock()
		l.convs = append(l.convs, conv.ID)
		l.mu.Unlock()
	}
	return st, err
}

func (l *loader) inbox(ctx context.Context, _ int) (int, error) {
	return l.do(ctx, "GET", "/api/v1/conversations?status=open&limit=50", l.cfg.Token, nil, nil)
}

func (l *loader) reply(ctx context.Context, i int) (int, error) {
	l.mu.Lock()
	n := len(l.convs)
	var id string
	if n > 0 {
		id = l.convs[i%n]
	}
	l.mu.Unlock()
	if id == "" {
		return 0, errors.New("no conversation to reply to: run the create phase first")
	}
	return l.do(ctx, "POST", "/api/v1/conversations/"+id+"/messages", l.cfg.Token,
		map[string]string{"body": "Thanks for writing. We are looking into it and will get back to you today."}, nil)
}

// peakRSS returns VmHWM of a process in KiB, or 0.
func peakRSS(pid int) int {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	return 0
}
