package e2etest

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// ServerOptions configure StartServer.
type ServerOptions struct {
	// Postgres runs the server on a fresh PostgreSQL schema of
	// TEST_POSTGRES_DSN (the test is skipped when it is unset); otherwise
	// on SQLite in the data directory.
	Postgres bool
	// Args are added to the serve command line after the defaults; a flag
	// given here wins over the default of the same name.
	Args []string
	// Env are extra environment variables for every command.
	Env map[string]string
	// Mailpit is the relay; nil starts a new one.
	Mailpit *Mailpit
	// DB, when set, is the PostgreSQL URL to use as is (a private
	// cluster, say); Postgres is then ignored.
	DB string
	// DataDir, when set, is the data directory (a small file system, say)
	// instead of a new temporary one.
	DataDir string
}

// Account is a desk account created for the test, with an API token.
type Account struct {
	ID, Email, Password, Role string
	// Token is a bearer API token acting as this account.
	Token string
}

// Server is a proofdesk serve process.
type Server struct {
	// URL is the base URL, such as http://127.0.0.1:43121.
	URL string
	// SMTPAddr is the inbound SMTP listener (--smtp-addr).
	SMTPAddr string
	// DataDir is --data; DB is --db ("" on SQLite).
	DataDir, DB string
	// Mailpit receives everything the server sends.
	Mailpit *Mailpit
	// Admin, Supervisor and Agent were created with `proofdesk agent
	// create`, each with a token from `proofdesk token create`. The admin
	// has no TOTP yet (the console asks for it; the API does not).
	Admin, Supervisor, Agent Account
	// SyncToken is an integration token (`proofdesk token create
	// --integration`): the business's system of record, which creates and
	// changes customers, with contact points dated in the past.
	SyncToken string
	// Client is the HTTP client the helpers use.
	Client *http.Client

	bin  string
	env  []string
	cmd  *exec.Cmd
	logs *syncBuffer
	done chan struct{}
	mu   sync.Mutex
	stop bool
	// extra are the serve arguments of the last launch (Restart).
	extra []string
}

// StartServer builds the binary (once), starts mailpit unless given one,
// creates the accounts and starts `proofdesk serve` as a separate process
// on free loopback ports, waiting for /readyz. On cleanup it sends SIGTERM
// and asserts exit status 0; when the test failed, the server's log is
// written to the test log.
func StartServer(tb testing.TB, opts ServerOptions) *Server {
	tb.Helper()
	bin := BuildBinary(tb)
	mp := opts.Mailpit
	if mp == nil {
		mp = StartMailpit(tb)
	}
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	s := &Server{
		DataDir: tb.TempDir(), Mailpit: mp, SMTPAddr: FreeAddr(tb), bin: bin,
		logs: &syncBuffer{}, done: make(chan struct{}),
		Client: &http.Client{Timeout: 30 * time.Second},
	}
	if opts.Postgres {
		s.DB = sqldbtest.DSN(tb, sqldb.Postgres)
	}
	if opts.DB != "" {
		s.DB = opts.DB
	}
	if opts.DataDir != "" {
		s.DataDir = opts.DataDir
	}
	s.env = append(os.Environ(), "PROOFDESK_MASTER_KEY="+base64.StdEncoding.EncodeToString(key))
	for k, v := range opts.Env {
		s.env = append(s.env, k+"="+v)
	}

	// Accounts first: the store is migrated by the first command.
	s.Admin = s.createAccount(tb, "admin")
	s.Supervisor = s.createAccount(tb, "supervisor")
	s.Agent = s.createAccount(tb, "agent")
	out := s.CLI(tb, "", "token", "create", "--integration", "e2e sync")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if s.SyncToken = strings.TrimSpace(lines[len(lines)-1]); s.SyncToken == "" || strings.Contains(s.SyncToken, " ") {
		tb.Fatalf("token create --integration printed no token on its last line: %q", out)
	}

	s.launch(tb, opts.Args)
	return s
}

// StartPeer starts another `proofdesk serve` node on s's PostgreSQL
// database, with s's master key, accounts and mailpit, on its own ports,
// as a second node of one installation. s must run on PostgreSQL.
func (s *Server) StartPeer(tb testing.TB, args ...string) *Server {
	tb.Helper()
	if s.DB == "" {
		tb.Fatal("StartPeer: nodes share a PostgreSQL database; start the first with Postgres: true")
	}
	p := &Server{
		DataDir: tb.TempDir(), DB: s.DB, Mailpit: s.Mailpit, SMTPAddr: FreeAddr(tb), bin: s.bin, env: s.env,
		Admin: s.Admin, Supervisor: s.Supervisor, Agent: s.Agent, SyncToken: s.SyncToken,
		logs: &syncBuffer{}, done: make(chan struct{}), Client: &http.Client{Timeout: 30 * time.Second},
	}
	p.launch(tb, args)
	return p
}

// launch starts the serve process with the default flags and args, stops
// it on cleanup and waits for /readyz.
func (s *Server) launch(tb testing.TB, extra []string) {
	tb.Helper()
	mp := s.Mailpit
	if s.URL == "" {
		s.URL = "http://" + FreeAddr(tb)
	}
	addr := strings.TrimPrefix(s.URL, "http://")
	s.extra = extra
	args := append([]string{"serve", "--addr", addr, "--smtp-addr", s.SMTPAddr,
		"--smtp-relay", mp.SMTPAddr, "--smtp-relay-security", "none",
		"--widget-origins", "shop.example.test", "--company", "Acme"}, s.storeArgs()...)
	args = append(args, extra...)
	s.cmd = exec.Command(s.bin, args...)
	s.cmd.Env = s.env
	s.cmd.Stdout, s.cmd.Stderr = s.logs, s.logs
	if err := s.cmd.Start(); err != nil {
		tb.Fatalf("start proofdesk serve: %v", err)
	}
	var exitErr error
	go func() { exitErr = s.cmd.Wait(); close(s.done) }()
	tb.Cleanup(func() {
		s.mu.Lock()
		stopped := s.stop
		s.stop = true
		s.mu.Unlock()
		if !stopped {
			_ = s.cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-s.done:
				if exitErr != nil {
					tb.Errorf("proofdesk serve did not exit cleanly on SIGTERM: %v", exitErr)
				}
			case <-time.After(30 * time.Second):
				_ = s.cmd.Process.Kill()
				<-s.done
				tb.Errorf("proofdesk serve did not stop within 30s of SIGTERM")
			}
		}
		if tb.Failed() {
			tb.Logf("proofdesk serve log:\n%s", s.logs.String())
		}
	})

	// Readiness: /readyz answers 200.
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case <-s.done:
			tb.Fatalf("proofdesk serve exited at start (%v):\n%s", exitErr, s.logs.String())
		default:
		}
		if resp, err := http.Get(s.URL + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			tb.Fatalf("proofdesk serve not ready within 60s:\n%s", s.logs.String())
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// Log returns what the server wrote to stdout and stderr so far.
func (s *Server) Log() string { return s.logs.String() }

// PID returns the server process's ID (0 before it started).
func (s *Server) PID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil || s.cmd.Process == nil {
		return 0
	}
	return s.cmd.Process.Pid
}

func (s *Server) storeArgs() []string {
	args := []string{"--data", s.DataDir}
	if s.DB != "" {
		args = append(args, "--db", s.DB)
	}
	return args
}

// CLI runs `proofdesk <args...> --data ... [--db ...]` against the
// server's store with stdin as input, and returns its standard output. A
// non-zero exit fails the test.
func (s *Server) CLI(tb testing.TB, stdin string, args ...string) string {
	tb.Helper()
	cmd := exec.Command(s.bin, append(args, s.storeArgs()...)...)
	cmd.Env = s.env
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		tb.Fatalf("proofdesk %s: %v\n%s%s", strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

var createdRE = regexp.MustCompile(`\((\S+)\)\.`)

func (s *Server) createAccount(tb testing.TB, role string) Account {
	tb.Helper()
	pw := make([]byte, 12)
	_, _ = rand.Read(pw)
	a := Account{Role: role, Email: role + "@desk.test", Password: hex.EncodeToString(pw)}
	out := s.CLI(tb, a.Password+"\n", "agent", "create", "--email", a.Email, "--name", strings.ToUpper(role[:1])+role[1:]+" Test", "--role", role)
	m := createdRE.FindStringSubmatch(out)
	if m == nil {
		tb.Fatalf("agent create printed no ID: %q", out)
	}
	a.ID = m[1]
	out = s.CLI(tb, "", "token", "create", "--agent", a.Email, "--name", "e2e")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	a.Token = strings.TrimSpace(lines[len(lines)-1])
	if a.Token == "" || strings.Contains(a.Token, " ") {
		tb.Fatalf("token create printed no token on its last line: %q", out)
	}
	return a
}

// Stop sends SIGTERM and waits for the process to exit, failing the test
// unless it exits with status 0. Cleanup does this when Stop was not
// called.
func (s *Server) Stop(tb testing.TB) {
	tb.Helper()
	s.mu.Lock()
	if s.stop {
		s.mu.Unlock()
		return
	}
	s.stop = true
	s.mu.Unlock()
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
		tb.Fatalf("proofdesk serve did not stop within 30s of SIGTERM")
	}
	if code := s.cmd.ProcessState.ExitCode(); code != 0 {
		tb.Fatalf("proofdesk serve exited with %d:\n%s", code, s.logs.String())
	}
}

// APIError is the JSON error body of a failed API call.
type APIError struct {
	Status  int            `json:"-"`
	Code    string         `json:"error"`
	Message string         `json:"message"`
	Details map[string]any `json:"-"`
	// Raw is the body as sent.
	Raw string `json:"-"`
}

func (e *APIError) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message) }

// Do sends a request with a JSON body (in, unless nil) and bearer token
// (unless empty) and returns the status and body.
func (s *Server) Do(tb testing.TB, method, path, token string, in any) (int, []byte) {
	tb.Helper()
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			tb.Fatal(err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.URL+path, body)
	if err != nil {
		tb.Fatal(err)
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := s.Client.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	return resp.StatusCode, b
}

// API calls the API as token with in as JSON, fails the test unless the
// status is want, and decodes the answer into out (unless nil).
func (s *Server) API(tb testing.TB, method, path, token string, in any, want int, out any) {
	tb.Helper()
	code, b := s.Do(tb, method, path, token, in)
	if code != want {
		tb.Fatalf("%s %s: status %d, want %d: %s", method, path, code, want, bytes.TrimSpace(b))
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			tb.Fatalf("%s %s: decode %T: %v: %s", method, path, out, err, b)
		}
	}
}

// APIFail calls the API expecting an error status and returns the error
// body; it fails the test when the call succeeds.
func (s *Server) APIFail(tb testing.TB, method, path, token string, in any) *APIError {
	tb.Helper()
	code, b := s.Do(tb, method, path, token, in)
	if code < 400 {
		tb.Fatalf("%s %s: status %d, want an error: %s", method, path, code, bytes.TrimSpace(b))
	}
	e := &APIError{Status: code, Raw: string(b)}
	if err := json.Unmarshal(b, e); err != nil {
		tb.Fatalf("%s %s: error body is not JSON: %s", method, path, b)
	}
	_ = json.Unmarshal(b, &e.Details)
	return e
}

// syncBuffer is a bytes.Buffer safe for concurrent writers and readers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
