// Command loadchat is a bounded load test of the live chat: it creates
// visitors and chat conversations on a Proofdesk server on this machine,
// opens one WebSocket per visitor, sends a fixed number of messages from
// each, and listens to the agents' live stream (GET /api/v1/events) to
// measure chat messages per second and visitor→agent latency (p50/p99).
// It refuses non-loopback servers and stops by itself after the fixed
// counts or the -duration cap, whichever comes first.
//
//	loadchat -url http://127.0.0.1:8080 -token <agent API token> [-visitors 1000] [-messages 5] [-rate 0] [-duration 2m]
//
// With -rate 0 every visitor sends its next message as soon as the
// previous one is acknowledged (closed loop: the figure is the server's
// throughput). With -rate N the visitors together send N messages per
// second on a fixed schedule (open loop: the latency is that of a server
// offered N/s); a send that falls behind its time leaves at once, so the
// schedule catches up instead of dropping slots, and the report gives the
// rate actually offered and says when it fell below 95 % of N.
package main

import (
	"bufio"
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
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"
)

func main() {
	var cfg Config
	flag.StringVar(&cfg.URL, "url", "http://127.0.0.1:8080", "base URL of the Proofdesk server (loopback only)")
	flag.StringVar(&cfg.Token, "token", os.Getenv("PROOFDESK_TOKEN"), "agent API token for the live stream (or $PROOFDESK_TOKEN)")
	flag.IntVar(&cfg.Visitors, "visitors", 1000, "concurrent visitors, one WebSocket each")
	flag.IntVar(&cfg.Messages, "messages", 5, "messages per visitor after the first")
	flag.Float64Var(&cfg.Rate, "rate", 0, "messages per second offered by all visitors together (0: each sends after the previous ack)")
	flag.DurationVar(&cfg.Duration, "duration", 2*time.Minute, "hard cap on the whole run")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := Run(ctx, cfg)
	if res != nil {
		res.Print(os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadchat:", err)
		os.Exit(1)
	}
}

// Config bounds a run.
type Config struct {
	URL      string
	Token    string
	Visitors int
	Messages int
	// Rate, when > 0, paces the sends of all visitors together to Rate
	// messages per second (open loop).
	Rate     float64
	Duration time.Duration
}

// Result holds a run's figures.
type Result struct {
	Visitors, Connected int
	Sent, Acked         int
	SeenByAgent         int
	// Unacked counts messages sent but never acknowledged (the widget
	// would resend them; here they count as lost), NotSeen messages
	// acknowledged but never shown on the agents' live stream.
	Unacked, NotSeen int
	Errors           map[string]int
	SendPhase        time.Duration
	// Latency is visitor send → event on the agent's stream; Ack is the
	// visitor's round trip to the acknowledgement.
	Latency, Ack []time.Duration
	// Target is -rate (messages/s, 0: closed loop); Offered the rate at
	// which the sends actually left (see schedule.offered); Late how long
	// after its scheduled time each send left.
	Target, Offered float64
	Late            []time.Duration
}

// Shortfall reports whether an open-loop run offered less than 95 % of
// its target rate: the client could not keep the schedule (starved of
// CPU, or every visitor was waiting for an ack), so the latency figures
// are those of a lower load than asked.
func (r *Result) Shortfall() bool {
	return r.Target > 0 && r.Offered < 0.95*r.Target
}

// PerSecond returns acknowledged chat messages per second of the send phase.
func (r *Result) PerSecond() float64 {
	if r.SendPhase <= 0 {
		return 0
	}
	return float64(r.Acked) / r.SendPhase.Seconds()
}

func pct(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	i := int(p*float64(len(s))+0.5) - 1
	return s[max(0, min(i, len(s)-1))]
}

// Print writes the figures.
func (r *Result) Print(w io.Writer) {
	fmt.Fprintf(w, "visitors %d, websockets open %d\n", r.Visitors, r.Connected)
	fmt.Fprintf(w, "messages sent %d, acknowledged %d, seen on the agent stream %d\n", r.Sent, r.Acked, r.SeenByAgent)
	fmt.Fprintf(w, "unacknowledged %d, acknowledged but not seen by the agent %d\n", r.Unacked, r.NotSeen)
	fmt.Fprintf(w, "send phase %s: %.0f chat messages/s\n", r.SendPhase.Round(time.Millisecond), r.PerSecond())
	fmt.Fprintf(w, "visitor→agent latency p50 %s p99 %s max %s\n", pct(r.Latency, .5).Round(10*time.Microsecond),
		pct(r.Latency, .99).Round(10*time.Microsecond), pct(r.Latency, 1).Round(10*time.Microsecond))
	if r.Target > 0 {
		fmt.Fprintf(w, "offered %.0f msgs/s of the target %.0f; sends behind schedule p50 %s p99 %s max %s\n", r.Offered, r.Target,
			pct(r.Late, .5).Round(10*time.Microsecond), pct(r.Late, .99).Round(10*time.Microsecond), pct(r.Late, 1).Round(10*time.Microsecond))
		if r.Shortfall() {
			fmt.Fprintf(w, "COULD NOT OFFER THE TARGET RATE: %.0f of %.0f msgs/s (%.0f %%); the latency above is that of the lower rate\n",
				r.Offered, r.Target, 100*r.Offered/r.Target)
		}
	}
	fmt.Fprintf(w, "ack round trip        p50 %s p99 %s\n", pct(r.Ack, .5).Round(10*time.Microsecond), pct(r.Ack, .99).Round(10*time.Microsecond))
	if len(r.Errors) > 0 {
		fmt.Fprintf(w, "errors %v\n", r.Errors)
	}
}

// checkLoopback refuses any server that is not on this machine.
func checkLoopback(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("-url must be an http(s) URL")
	}
	host := u.Hostname()
	if host == "localhost" {
		return u, nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return u, nil
	}
	return nil, fmt.Errorf("refusing %s: loadchat only runs against a loopback server (localhost, 127.0.0.0/8, ::1)", host)
}

type visitor struct {
	token, conv string
	ws          *websocket.Conn
}

type stats struct {
	mu      sync.Mutex
	sentAt  map[string]time.Time // message id → when its send began
	seenAt  map[string]time.Time // message id → when the agent stream showed it
	ack     []time.Duration
	errors  map[string]int
	sent    atomic.Int64
	acked   atomic.Int64
	allSeen chan struct{}
	want    int
	// both counts the messages both acknowledged and seen.
	both int
	// pace, when not nil, hands out the send slots of -rate.
	pace *schedule
}

func (s *stats) fail(kind string) {
	s.mu.Lock()
	s.errors[kind]++
	s.mu.Unlock()
}

// Run performs one bounded run.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	base, err := checkLoopback(cfg.URL)
	if err != nil {
		return nil, err
	}
	if cfg.Visitors <= 0 || cfg.Visitors > 10000 || cfg.Messages < 0 || cfg.Messages > 1000 {
		return nil, errors.New("-visitors must be 1..10000 and -messages 0..1000")
	}
	if cfg.Token == "" {
		return nil, errors.New("-token (an agent API token) is required for the live stream")
	}
	if cfg.Duration <= 0 {
		cfg.Duration = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	baseURL := strings.TrimRight(base.String(), "/")
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 0}}
	defer client.CloseIdleConnections()
	st := &stats{sentAt: map[string]time.Time{}, seenAt: map[string]time.Time{}, errors: map[string]int{},
		allSeen: make(chan struct{}), want: -1}
	res := &Result{Visitors: cfg.Visitors}

	// The agent side first, so no event is missed.
	if err := agentStream(ctx, client, baseURL, cfg.Token, st); err != nil {
		return nil, err
	}

	// Visitors and conversations, 32 at a time.
	vs := make([]*visitor, cfg.Visitors)
	if err := parallel(ctx, cfg.Visitors, 32, func(i int) error {
		v, err := newVisitor(ctx, client, baseURL, i)
		vs[i] = v
		return err
	}); err != nil {
		return res, fmt.Errorf("setup: %w", err)
	}
	// All WebSockets open before any message is sent.
	wsURL := "ws" + strings.TrimPrefix(baseURL, "http") + "/widget/v1/ws?conversation="
	if err := parallel(ctx, cfg.Visitors, 64, func(i int) error {
		c, _, err := websocket.Dial(ctx, wsURL+vs[i].conv, &websocket.DialOptions{HTTPClient: client,
			Subprotocols: []string{"proofdesk.v1", "visitor." + vs[i].token}})
		if err != nil {
			return err
		}
		vs[i].ws = c
		if f, err := readFrame(ctx, c); err != nil || f.Type != "ready" {
			return fmt.Errorf("no ready frame: %v", err)
		}
		return nil
	}); err != nil {
		return res, fmt.Errorf("open websockets: %w", err)
	}
	defer func() {
		for _, v := range vs {
			if v != nil && v.ws != nil {
				v.ws.Close(websocket.StatusNormalClosure, "")
			}
		}
	}()
	res.Connected = cfg.Visitors

	st.mu.Lock()
	st.want = cfg.Visitors * cfg.Messages
	st.mu.Unlock()
	start := time.Now()
	if cfg.Rate > 0 {
		st.pace = newSchedule(cfg.Rate, start)
	}
	_ = parallel(ctx, cfg.Visitors, cfg.Visitors, func(i int) error {
		sendAll(ctx, vs[i], cfg.Messages, st)
		return nil
	})
	res.SendPhase = time.Since(start)
	if st.pace != nil {
		res.Target = cfg.Rate
		_, res.Offered, res.Late = st.pace.offered()
	}

	// Wait for the agent stream to show every acknowledged message, within
	// the cap.
	if st.acked.Load() == int64(st.want) {
		select {
		case <-st.allSeen:
		case <-ctx.Done():
		case <-time.After(10 * time.Second):
		}
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	res.Sent, res.Acked, res.Ack, res.Errors = int(st.sent.Load()), int(st.acked.Load()), st.ack, st.errors
	for id, sent := range st.sentAt {
		if seen, ok := st.seenAt[id]; ok {
			res.SeenByAgent++
			res.Latency = append(res.Latency, seen.Sub(sent))
		}
	}
	res.Unacked = res.Sent - res.Acked
	res.NotSeen = res.Acked - res.SeenByAgent
	if ctx.Err() != nil {
		return res, fmt.Errorf("stopped at the -duration cap or by a signal: %w", ctx.Err())
	}
	if res.Unacked > 0 || res.NotSeen > 0 || res.Sent < cfg.Visitors*cfg.Messages {
		return res, fmt.Errorf("%w: %d of %d messages not sent, %d unacknowledged, %d acknowledged but not seen by the agent",
			ErrLost, cfg.Visitors*cfg.Messages-res.Sent, cfg.Visitors*cfg.Messages, res.Unacked, res.NotSeen)
	}
	return res, nil
}

// ErrLost is returned (and loadchat exits 1) when any message was not
// sent, not acknowledged, or acknowledged but never reached the agents.
var ErrLost = errors.New("messages lost")

func parallel(ctx context.Context, n, width int, fn func(i int) error) error {
	sem := make(chan struct{}, width)
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	for i := range n {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return ctx.Err()
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := fn(i); err != nil {
				once.Do(func() { first = err })
			}
		}()
	}
	wg.Wait()
	return first
}

func postJSON(ctx context.Context, client *http.Client, u, auth string, body any, out any) error {
	b, _ := json.Marshal(body)
	req, err := http.NewRequestWithContext(ctx, "POST", u, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fmt.Errorf("POST %s: %d %s", u, resp.StatusCode, bytes.TrimSpace(msg))
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

func newVisitor(ctx context.Context, client *http.Client, base string, i int) (*visitor, error) {
	var tok struct {
		Token string `json:"visitor_token"`
	}
	if err := postJSON(ctx, client, base+"/widget/v1/visitors", "", struct{}{}, &tok); err != nil {
		return nil, err
	}
	var conv struct {
		ID string `json:"conversation_id"`
	}
	if err := postJSON(ctx, client, base+"/widget/v1/conversations", "Visitor "+tok.Token,
		map[string]string{"message": fmt.Sprintf("load test visitor %d", i), "client_id": "open"}, &conv); err != nil {
		return nil, err
	}
	return &visitor{token: tok.Token, conv: conv.ID}, nil
}

type serverFrame struct {
	Type     string `json:"type"`
	ClientID string `json:"client_id"`
	ID       string `json:"id"`
	Error    string `json:"error"`
}

func readFrame(ctx context.Context, c *websocket.Conn) (*serverFrame, error) {
	_, data, err := c.Read(ctx)
	if err != nil {
		return nil, err
	}
	var f serverFrame
	return &f, json.Unmarshal(data, &f)
}

// sendAll sends n messages, one at a time, each after the previous ack.
// A goroutine reads the visitor's frames all along, as a browser does, so
// the server's pings are answered while the visitor waits for its turn.
func sendAll(ctx context.Context, v *visitor, n int, st *stats) {
	replies := make(chan *serverFrame, 4)
	go func() {
		defer close(replies)
		for {
			f, err := readFrame(ctx, v.ws)
			if err != nil {
				return
			}
			if f.Type == "ack" || f.Type == "error" {
				select {
				case replies <- f:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	for i := range n {
		cid := fmt.Sprintf("m%d", i)
		b, _ := json.Marshal(map[string]string{"type": "message", "client_id": cid, "body": fmt.Sprintf("load message %d from %s", i, v.conv)})
		if st.pace != nil && st.pace.wait(ctx) != nil {
			return
		}
		t0 := time.Now()
		if err := v.ws.Write(ctx, websocket.MessageText, b); err != nil {
			st.fail("write")
			return
		}
		st.sent.Add(1)
		for {
			f, ok := <-replies
			if !ok {
				st.fail("read")
				return
			}
			if f.ClientID != cid {
				continue
			}
			if f.Type == "error" {
				st.fail(f.Error)
				break
			}
			st.acked.Add(1)
			st.mu.Lock()
			st.ack = append(st.ack, time.Since(t0))
			if _, seen := st.seenAt[f.ID]; seen {
				st.both++
			}
			st.sentAt[f.ID] = t0
			st.checkAllSeen()
			st.mu.Unlock()
			break
		}
	}
}

// checkAllSeen closes allSeen once every expected message was both
// acknowledged and seen; st.mu is held.
func (st *stats) checkAllSeen() {
	if st.want < 0 || st.both < st.want {
		return
	}
	select {
	case <-st.allSeen:
	default:
		close(st.allSeen)
	}
}

// agentStream opens the live stream and records when each customer
// message shows on it.
func agentStream(ctx context.Context, client *http.Client, base, token string, st *stats) error {
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/api/v1/events", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("agent stream: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return fmt.Errorf("agent stream: status %d (is -token an agent API token?)", resp.StatusCode)
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	// Wait for the ready event: the subscription is live.
	for sc.Scan() && !strings.HasPrefix(sc.Text(), "event: ready") {
	}
	go func() {
		defer resp.Body.Close()
		var event string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				if event = line[7:]; event == "resync" {
					st.fail("agent_stream_resync")
				}
			case strings.HasPrefix(line, "data: ") && event == "message.created":
				now := time.Now()
				var ev struct {
					MessageID  string `json:"message_id"`
					AuthorKind string `json:"author_kind"`
				}
				if json.Unmarshal([]byte(line[6:]), &ev) == nil && ev.AuthorKind == "customer" {
					st.mu.Lock()
					if _, dup := st.seenAt[ev.MessageID]; !dup {
						st.seenAt[ev.MessageID] = now
						if _, acked := st.sentAt[ev.MessageID]; acked {
							st.both++
						}
					}
					st.checkAllSeen()
					st.mu.Unlock()
				}
			}
		}
	}()
	return nil
}
