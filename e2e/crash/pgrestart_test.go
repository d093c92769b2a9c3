package crash_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

// cluster is a private PostgreSQL cluster in a temporary directory, on a
// port of its own: the test may stop and start it without touching the
// PostgreSQL other tests share.
type cluster struct {
	bin, dir, port string
	asPostgres     bool
}

// startCluster runs Debian's initdb and pg_ctl (as the postgres user when
// the test runs as root, which PostgreSQL refuses). It skips the test
// when they are not installed, or fails it when $CI is set.
func startCluster(t *testing.T) *cluster {
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	if len(bins) == 0 {
		e2etest.MissingTool(t, "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin (apt-get install postgresql)")
	}
	sort.Strings(bins)
	c := &cluster{bin: filepath.Dir(bins[len(bins)-1]), port: strconv.Itoa(e2etest.FreePort(t)), asPostgres: os.Geteuid() == 0}
	dir, err := os.MkdirTemp("", "proofdesk-pg-")
	if err != nil {
		t.Fatal(err)
	}
	c.dir = dir
	t.Cleanup(func() {
		_ = c.ctl("stop", "-m", "immediate")
		os.RemoveAll(dir)
	})
	if c.asPostgres {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Fatalf("running as root needs the postgres user: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := c.run("initdb", "-D", filepath.Join(dir, "data"), "-A", "trust", "-U", "postgres", "--no-sync"); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	if err := c.ctl("start"); err != nil {
		t.Fatalf("pg_ctl start: %v", err)
	}
	return c
}

func (c *cluster) run(tool string, args ...string) ([]byte, error) {
	name := filepath.Join(c.bin, tool)
	if c.asPostgres {
		args, name = append([]string{"-u", "postgres", "--", name}, args...), "runuser"
	}
	return exec.Command(name, args...).CombinedOutput()
}

func (c *cluster) ctl(action string, extra ...string) error {
	args := []string{action, "-D", filepath.Join(c.dir, "data"), "-w", "-t", "60"}
	if action != "stop" {
		args = append(args, "-l", filepath.Join(c.dir, "log"), "-o", "-p "+c.port+" -k "+c.dir+" -c listen_addresses=127.0.0.1 -c fsync=off")
	}
	out, err := c.run("pg_ctl", append(args, extra...)...)
	if err != nil {
		return fmt.Errorf("%v: %s", err, out)
	}
	return nil
}

func (c *cluster) dsn() string {
	return "postgres://postgres@127.0.0.1:" + c.port + "/postgres?sslmode=disable"
}

// TestPostgresRestart: PostgreSQL is stopped for a few seconds while two
// nodes serve chat, mail and replies, then started again. The nodes
// reconnect by themselves (both ready again, no restart of theirs);
// while it is down, API clients get 503 with Retry-After, promptly (no
// request hangs); nothing acknowledged is lost or stored twice.
func TestPostgresRestart(t *testing.T) {
	pg := startCluster(t)
	a := e2etest.StartServer(t, e2etest.ServerOptions{DB: pg.dsn(), Args: serveArgs})
	b := a.StartPeer(t, serveArgs...)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()

	for i := range replyConvs {
		if err := sendMailOnce(a.SMTPAddr, "seed@example.com", mailText(fmt.Sprintf("seed-%d", i), fmt.Sprintf("crash-seed-0-%d-x", i), "")); err != nil {
			t.Fatal(err)
		}
	}
	var list struct {
		Conversations []struct {
			ID string `json:"id"`
		}
	}
	a.API(t, "GET", "/api/v1/conversations?channel=email", a.Agent.Token, nil, http.StatusOK, &list)

	mails, chats, outbound := newLedger(), newLedger(), newLedger()
	// slowest is the longest single API request of the probe: a hang
	// while PostgreSQL is down would show here.
	var slowest time.Duration
	var mu sync.Mutex
	var wg sync.WaitGroup
	for g := range mailers {
		node := []*e2etest.Server{a, b}[g%2]
		wg.Go(func() {
			prev := ""
			for i := range mailsPerSender {
				tok := fmt.Sprintf("crash-mail-0-%d-%d", g, i)
				sendMailUntilAcked(ctx, node.SMTPAddr, "sender@example.com", mailText(fmt.Sprintf("sender-0-%d", g), tok, prev), tok, i%3 == 1, mails)
				prev = tok
				sleep(ctx, 5*typing)
			}
		})
	}
	for v := range visitors {
		node := []*e2etest.Server{a, b}[v%2]
		wg.Go(func() {
			vis := openVisitor(ctx, node.URL, fmt.Sprintf("[crash-chat-0-%d-first]", v), chats)
			defer vis.close()
			for i := range chatsPerVisit {
				vis.sendUntilAcked(ctx, "m"+strconv.Itoa(i), fmt.Sprintf("[crash-chat-0-%d-%d]", v, i), chats)
				sleep(ctx, 5*typing)
			}
		})
	}
	wg.Go(func() {
		for i := range replies {
			node := []*e2etest.Server{a, b}[i%2]
			tok := fmt.Sprintf("[crash-reply-0-%d-x]", i)
			replyUntilAcked(ctx, node.URL, node.Agent.Token, list.Conversations[i%replyConvs].ID, "r"+strconv.Itoa(i), tok, outbound)
			sleep(ctx, 5*typing)
		}
	})
	// A reader polls the API the whole time: what does a client see?
	probe := newLedger()
	stopProbe := make(chan struct{})
	var probeWG sync.WaitGroup
	probeWG.Go(func() {
		for {
			select {
			case <-stopProbe:
				return
			case <-time.After(100 * time.Millisecond):
			}
			t0 := time.Now()
			req, _ := http.NewRequest("GET", a.URL+"/api/v1/conversations?limit=1", nil)
			req.Header.Set("Authorization", "Bearer "+a.Agent.Token)
			resp, err := httpClient.Do(req)
			d := time.Since(t0)
			mu.Lock()
			slowest = max(slowest, d)
			mu.Unlock()
			if err != nil {
				probe.fail("transport")
				continue
			}
			resp.Body.Close()
			probe.fail(strconv.Itoa(resp.StatusCode))
			if resp.StatusCode == http.StatusServiceUnavailable {
				probe.mu.Lock()
				probe.status503++
				if resp.Header.Get("Retry-After") != "" {
					probe.retryAfter++
				}
				probe.mu.Unlock()
			}
		}
	})

	time.Sleep(700 * time.Millisecond)
	if err := pg.ctl("stop", "-m", "fast"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(4 * time.Second)
	if err := pg.ctl("start"); err != nil {
		t.Fatal(err)
	}
	up := time.Now()
	wg.Wait()
	close(stopProbe)
	probeWG.Wait()
	// Both nodes are ready again without being restarted.
	for _, n := range []*e2etest.Server{a, b} {
		for {
			resp, err := http.Get(n.URL + "/readyz")
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					break
				}
			}
			if time.Since(up) > time.Minute {
				t.Fatalf("%s not ready a minute after PostgreSQL came back", n.URL)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	if ctx.Err() != nil {
		t.Fatal("the clients did not finish in time")
	}

	deadline := time.Now().Add(90 * time.Second)
	var inMailpit map[string]int
	for {
		inMailpit = mailpitTokens(t, a)
		missing := 0
		for tok := range outbound.acked {
			if inMailpit[tok] == 0 {
				missing++
			}
		}
		if missing == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	b.Stop(t)
	a.Stop(t)
	a.CLI(t, "", "audit", "verify")
	stored := storedTokens(t, a.OpenStore(t))
	results := []result{count("mail", mails, stored), count("chat", chats, stored), count("reply", outbound, stored), count("sent", outbound, inMailpit)}
	t.Logf("| kind | acknowledged | lost | duplicated | client retries |")
	for _, r := range results {
		t.Logf("| %s | %d | %d | %d | %d |", r.kind, r.acked, r.lost, r.dup, r.retries)
		if r.lost != 0 || r.dup != 0 {
			t.Errorf("%s: %d acknowledged lost, %d stored or sent twice (%v)", r.kind, r.lost, r.dup, r.examples)
		}
	}
	t.Logf("API probe answers while PostgreSQL restarted: %v; 503 %d (with Retry-After %d); slowest request %v",
		probe.failures, probe.status503, probe.retryAfter, slowest)
	if probe.status503 == 0 || probe.retryAfter != probe.status503 {
		t.Errorf("while PostgreSQL was down: %d answers 503, %d with Retry-After; want 503 with Retry-After (answers: %v)", probe.status503, probe.retryAfter, probe.failures)
	}
	if slowest > 20*time.Second {
		t.Errorf("a request took %v: clients hang while PostgreSQL is down", slowest)
	}
}
