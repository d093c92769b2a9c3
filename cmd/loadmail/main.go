// Command loadmail is a bounded load test of inbound email: it sends a
// fixed number of messages over real SMTP to a Proofdesk listener
// (--smtp-addr) on this machine, over a fixed number of connections, and
// measures inbound emails parsed and stored per second. The listener
// answers 250 only after the message is stored, so every accepted message
// was parsed and stored. Every second message answers an earlier one with
// In-Reply-To, so threading is measured as well as new conversations.
// It refuses non-loopback addresses and stops by itself after the fixed
// count or the -duration cap, whichever comes first.
//
//	loadmail -smtp 127.0.0.1:2525 [-mails 2000] [-conns 8] [-duration 2m]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/smtp"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	var cfg Config
	flag.StringVar(&cfg.Addr, "smtp", "127.0.0.1:2525", "the server's inbound SMTP address (loopback only)")
	flag.IntVar(&cfg.Mails, "mails", 2000, "messages to send")
	flag.IntVar(&cfg.Conns, "conns", 8, "concurrent SMTP connections")
	flag.DurationVar(&cfg.Duration, "duration", 2*time.Minute, "hard cap on the whole run")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := Run(ctx, cfg)
	if res != nil {
		res.Print(os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadmail:", err)
		os.Exit(1)
	}
}

// Config bounds a run.
type Config struct {
	Addr     string
	Mails    int
	Conns    int
	Duration time.Duration
}

// Result holds a run's figures.
type Result struct {
	Mails, Accepted int
	Errors          map[string]int
	Elapsed         time.Duration
	// Latency is DATA sent → 250 (stored) per message.
	Latency []time.Duration
}

// PerSecond returns accepted (parsed and stored) messages per second.
func (r *Result) PerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Accepted) / r.Elapsed.Seconds()
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
	fmt.Fprintf(w, "mails %d, accepted (parsed and stored) %d in %s: %.0f inbound emails/s\n",
		r.Mails, r.Accepted, r.Elapsed.Round(time.Millisecond), r.PerSecond())
	fmt.Fprintf(w, "per message (DATA → 250) p50 %s p99 %s max %s\n", pct(r.Latency, .5).Round(10*time.Microsecond),
		pct(r.Latency, .99).Round(10*time.Microsecond), pct(r.Latency, 1).Round(10*time.Microsecond))
	if len(r.Errors) > 0 {
		fmt.Fprintf(w, "errors %v\n", r.Errors)
	}
}

// checkLoopback refuses any address that is not on this machine.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-smtp must be host:port")
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("refusing %s: loadmail only sends to a loopback listener (localhost, 127.0.0.0/8, ::1)", host)
}

// Run performs one bounded run.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	if err := checkLoopback(cfg.Addr); err != nil {
		return nil, err
	}
	if cfg.Mails <= 0 || cfg.Mails > 100000 || cfg.Conns <= 0 || cfg.Conns > 256 {
		return nil, errors.New("-mails must be 1..100000 and -conns 1..256")
	}
	if cfg.Duration <= 0 {
		cfg.Duration = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	run := fmt.Sprintf("%x", time.Now().UnixNano())
	res := &Result{Mails: cfg.Mails, Errors: map[string]int{}}
	var mu sync.Mutex
	var next atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for range cfg.Conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat, errs := worker(ctx, cfg, run, &next)
			mu.Lock()
			res.Latency = append(res.Latency, lat...)
			for k, v := range errs {
				res.Errors[k] += v
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.Accepted = len(res.Latency)
	if ctx.Err() != nil {
		return res, fmt.Errorf("stopped at the -duration cap or by a signal: %w", ctx.Err())
	}
	return res, nil
}

// message returns mail i of the run: odd ones answer the one before,
// from the same sender, with In-Reply-To and References.
func message(run string, i int) (from string, body []byte) {
	thread := i / 2
	from = fmt.Sprintf("customer%d@load.test", thread)
	first := fmt.Sprintf("<%s.%d.0@load.test>", run, thread)
	var b strings.Builder
	fmt.Fprintf(&b, "From: Customer %d <%s>\r\nTo: support@desk.test\r\n", thread, from)
	fmt.Fprintf(&b, "Date: %s\r\n", time.Now().UTC().Format(time.RFC1123Z))
	if i%2 == 0 {
		fmt.Fprintf(&b, "Subject: Load test order %d\r\nMessage-ID: %s\r\n", thread, first)
	} else {
		fmt.Fprintf(&b, "Subject: Re: Load test order %d\r\nMessage-ID: <%s.%d.1@load.test>\r\nIn-Reply-To: %s\r\nReferences: %s\r\n",
			thread, run, thread, first, first)
	}
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
	fmt.Fprintf(&b, "Hello,\r\n\r\nmy order %d has not arrived yet. Could you look into it?\r\n\r\nThanks\r\n", thread)
	if i%2 == 1 {
		b.WriteString("\r\nOn Monday, Support wrote:\r\n> We are looking into it.\r\n")
	}
	return from, []byte(b.String())
}

// worker sends messages over one SMTP connection until the count is
// reached, reconnecting after an error.
func worker(ctx context.Context, cfg Config, run string, next *atomic.Int64) ([]time.Duration, map[string]int) {
	var lat []time.Duration
	errs := map[string]int{}
	var c *smtp.Client
	defer func() {
		if c != nil {
			_ = c.Quit()
		}
	}()
	// Messages go in pairs on one connection, in order: the odd one
	// threads onto the even one before it.
	for ctx.Err() == nil {
		pair := int(next.Add(2)) - 2
		if pair >= cfg.Mails {
			return lat, errs
		}
		for i := pair; i < min(pair+2, cfg.Mails) && ctx.Err() == nil; i++ {
			if c == nil {
				var err error
				if c, err = dial(ctx, cfg.Addr); err != nil {
					errs[err.Error()]++
					continue
				}
			}
			if d, err := send(c, run, i); err != nil {
				errs[err.Error()]++
				c.Close()
				c = nil
			} else {
				lat = append(lat, d)
			}
		}
	}
	return lat, errs
}

func dial(ctx context.Context, addr string) (*smtp.Client, error) {
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, errors.New("dial")
	}
	c, err := smtp.NewClient(conn, "127.0.0.1")
	if err != nil {
		conn.Close()
		return nil, errors.New("greeting")
	}
	if err := c.Hello("loadmail.local"); err != nil {
		c.Close()
		return nil, errors.New("helo")
	}
	return c, nil
}

func send(c *smtp.Client, run string, i int) (time.Duration, error) {
	from, body := message(run, i)
	if err := c.Mail(from); err != nil {
		return 0, errors.New("mail_from")
	}
	if err := c.Rcpt("support@desk.test"); err != nil {
		return 0, errors.New("rcpt")
	}
	w, err := c.Data()
	if err != nil {
		return 0, errors.New("data")
	}
	t0 := time.Now()
	if _, err := w.Write(body); err != nil {
		return 0, errors.New("write")
	}
	if err := w.Close(); err != nil { // waits for 250: stored
		return 0, errors.New("refused")
	}
	return time.Since(t0), nil
}
