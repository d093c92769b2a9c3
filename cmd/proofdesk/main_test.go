package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	"github.com/proofdesk/proofdesk/verify"
)

func TestMain(m *testing.M) {
	passwordParams = auth.TestPasswordParams // the binary built by TestBinary_Demo keeps the real costs
	os.Exit(m.Run())
}

// MustRunMain runs Main with a fresh data directory, SQLite, on a free
// port of 127.0.0.1, and closes it on cleanup.
func MustRunMain(tb testing.TB) *Main {
	tb.Helper()
	m := NewMain()
	m.Config.DataDir = tb.TempDir()
	m.Config.Addr = "127.0.0.1:0"
	m.Getenv = func(string) string { return "" }
	if err := m.Run(context.Background()); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := m.Close(); err != nil {
			tb.Error(err)
		}
	})
	// /readyz answers 503 until the guard has indexed every customer's
	// values; a load balancer waits for it, and so do the tests.
	for deadline := time.Now().Add(30 * time.Second); !m.Desk.IndexReady(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			tb.Fatal("the guard's customer index was not ready within 30 s")
		}
	}
	return m
}

type cliResult struct {
	code           int
	stdout, stderr string
}

// runCmd runs the CLI in-process with stdin (not a terminal) and an
// environment holding only env.
func runCmd(tb testing.TB, stdin string, env map[string]string, args ...string) cliResult {
	tb.Helper()
	var out, errOut bytes.Buffer
	code := runCLI(context.Background(), args, cliEnv{
		stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut,
		getenv: func(k string) string { return env[k] },
	})
	return cliResult{code: code, stdout: out.String(), stderr: errOut.String()}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func httpDo(tb testing.TB, method, url, token, body string) (int, string) {
	tb.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestMain_EndToEnd(t *testing.T) {
	m := MustRunMain(t)
	url := m.URL()
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("URL=%q, want the bound 127.0.0.1 address", url)
	}
	if code, body := httpDo(t, "GET", url+"/healthz", "", ""); code != 200 {
		t.Fatalf("GET /healthz: status=%d body=%s, want 200", code, body)
	}
	waitReady(t, url)

	// The CLI path, against the same data directory the server uses.
	data := m.Config.DataDir
	r := runCmd(t, "", nil, "agent", "create", "--data", data, "--email", "Lead@Example.com", "--name", "Lead", "--role", "supervisor")
	if r.code != 0 {
		t.Fatalf("agent create: code=%d stderr=%s", r.code, r.stderr)
	}
	r = runCmd(t, "", nil, "token", "create", "--data", data, "--agent", "lead@example.com", "--name", "e2e")
	if r.code != 0 {
		t.Fatalf("token create: code=%d stderr=%s", r.code, r.stderr)
	}
	token := lastLine(r.stdout)
	if !auth.ValidTokenFormat(token) {
		t.Fatalf("last line of token create is not a token: %q", token)
	}

	if code, _ := httpDo(t, "GET", url+"/api/v1/conversations", "", ""); code != 401 {
		t.Fatalf("GET conversations without token: status=%d, want 401", code)
	}
	r = runCmd(t, "", nil, "token", "create", "--data", data, "--integration", "crm sync")
	if r.code != 0 {
		t.Fatalf("token create --integration: code=%d stderr=%s", r.code, r.stderr)
	}
	syncToken := lastLine(r.stdout)
	if !auth.ValidTokenFormat(syncToken) {
		t.Fatalf("last line of token create --integration is not a token: %q", syncToken)
	}
	jane := `{"name":"Jane Roe","emails":[{"value":"jane.roe@example.com","added_at":"2020-01-02"}],"addresses":[{"line1":"742 Evergreen Terrace","city":"Springfield","postal_code":"49007","country":"US"}]}`
	// A supervisor's token may not date a contact point in the past.
	if code, body := httpDo(t, "POST", url+"/api/v1/customers", token, jane); code != 403 {
		t.Fatalf("POST backdated customer as a supervisor: status=%d body=%s, want 403", code, body)
	}
	if code, _ := httpDo(t, "GET", url+"/api/v1/conversations", syncToken, ""); code != 403 {
		t.Fatalf("GET conversations with the integration token: status=%d, want 403", code)
	}
	code, body := httpDo(t, "POST", url+"/api/v1/customers", syncToken, jane)
	if code != 201 {
		t.Fatalf("POST customer: status=%d body=%s, want 201", code, body)
	}
	for _, secret := range []string{"jane.roe@example.com", "742 Evergreen", "49007"} {
		if strings.Contains(body, secret) {
			t.Fatalf("POST customer response shows %q unmasked: %s", secret, body)
		}
	}
	code, body = httpDo(t, "POST", url+"/api/v1/conversations", token,
		`{"channel":"api","requester":{"name":"Jane Roe","email":"jane.roe@example.com"},"subject":"Hello","message":"Where is my parcel?"}`)
	if code != 201 {
		t.Fatalf("POST conversation: status=%d body=%s, want 201", code, body)
	}
	if code, body = httpDo(t, "GET", url+"/api/v1/conversations", token, ""); code != 200 || !strings.Contains(body, `"channel":"api"`) {
		t.Fatalf("GET conversations: status=%d body=%s, want 200 listing the conversation", code, body)
	}
	if code, body = httpDo(t, "GET", url+"/login", "", ""); code != 200 || !strings.Contains(body, "<form") {
		t.Fatalf("GET /login: status=%d, want 200 and the sign-in form", code)
	}
	if code, _ = httpDo(t, "GET", url+"/metrics", "", ""); code != 200 {
		t.Fatalf("GET /metrics: status=%d, want 200", code)
	}

	if r = runCmd(t, "", nil, "audit", "verify", "--data", data); r.code != 0 {
		t.Fatalf("audit verify: code=%d stderr=%s", r.code, r.stderr)
	}
}

func TestCLI_Help(t *testing.T) {
	t.Parallel()
	for _, c := range commands() {
		args := append(strings.Fields(c.name), "--help")
		r := runCmd(t, "", nil, args...)
		if r.code != 0 || !strings.Contains(r.stdout, "Usage: proofdesk "+c.name) {
			t.Fatalf("%s --help: code=%d stdout=%q, want 0 and the usage", c.name, r.code, r.stdout)
		}
	}
	r := runCmd(t, "", nil, "serve", "--help")
	for _, o := range serverOptions {
		if !strings.Contains(r.stdout, "$"+o.env) {
			t.Fatalf("serve --help does not list $%s:\n%s", o.env, r.stdout)
		}
	}
	for _, args := range [][]string{{"help"}, {"--help"}, {"agent", "--help"}} {
		if r := runCmd(t, "", nil, args...); r.code != 0 || !strings.Contains(r.stdout, "agent create") {
			t.Fatalf("%v: code=%d stdout=%q, want 0 and the commands", args, r.code, r.stdout)
		}
	}
}

func TestCLI_UsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{nil, "Usage: proofdesk <command>"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"agent"}, "proofdesk agent create"},
		{[]string{"agent", "delete"}, `unknown command "agent delete"`},
		{[]string{"serve", "--no-such-flag"}, "flag provided but not defined"},
		{[]string{"serve", "extra"}, `unexpected argument "extra"`},
		{[]string{"customers", "import"}, "want one argument: FILE.csv or FILE.jsonl"},
	}
	for _, tt := range tests {
		r := runCmd(t, "", nil, tt.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
			t.Fatalf("%v: code=%d stderr=%q, want 2 and %q", tt.args, r.code, r.stderr, tt.want)
		}
	}
}

func TestCLI_ConfigErrorsFail(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	tests := []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"serve", "--data", data, "--dkim-key", "/nonexistent.pem"}, nil, "--dkim-key needs --dkim-domain"},
		{[]string{"serve", "--data", data, "--allow-no-2fa"}, nil, "--allow-no-2fa is for the demo only"},
		{[]string{"migrate", "--data", data}, map[string]string{"PROOFDESK_MASTER_KEY": "tooshort"}, "master key"},
	}
	for _, tt := range tests {
		r := runCmd(t, "", tt.env, tt.args...)
		if r.code != 1 || !strings.Contains(r.stderr, tt.want) {
			t.Fatalf("%v: code=%d stderr=%q, want 1 and %q", tt.args, r.code, r.stderr, tt.want)
		}
	}
}

func TestCLI_AgentAndToken(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	r := runCmd(t, "correct horse battery staple\n", nil, "agent", "create", "--data", data, "--email", "boss@example.com", "--name", "Boss", "--role", "admin")
	if r.code != 0 || !strings.Contains(r.stdout, "proofdesk agent totp --email boss@example.com") || strings.Contains(r.stdout, "Generated password") {
		t.Fatalf("agent create: code=%d stdout=%q stderr=%q", r.code, r.stdout, r.stderr)
	}
	r = runCmd(t, "", nil, "agent", "create", "--data", data, "--email", "new@example.com", "--name", "New")
	if r.code != 0 || !strings.Contains(r.stdout, "Generated password") {
		t.Fatalf("agent create without stdin: code=%d stdout=%q, want a generated password", r.code, r.stdout)
	}
	generated := lastLine(r.stdout)
	if r := runCmd(t, "", nil, "agent", "create", "--data", data, "--email", "boss@example.com", "--name", "Again"); r.code != 1 || !strings.Contains(r.stderr, "already exists") {
		t.Fatalf("duplicate agent: code=%d stderr=%q", r.code, r.stderr)
	}
	if r := runCmd(t, "short\n", nil, "agent", "create", "--data", data, "--email", "s@example.com", "--name", "S"); r.code != 1 || !strings.Contains(r.stderr, "too short") {
		t.Fatalf("short password: code=%d stderr=%q", r.code, r.stderr)
	}
	if r := runCmd(t, "", nil, "agent", "create", "--data", data, "--email", "x@example.com", "--name", "X", "--role", "root"); r.code != 1 || !strings.Contains(r.stderr, "--role must be") {
		t.Fatalf("bad role: code=%d stderr=%q", r.code, r.stderr)
	}

	tok := runCmd(t, "", nil, "token", "create", "--data", data, "--agent", "BOSS@example.com")
	if tok.code != 0 {
		t.Fatalf("token create: code=%d stderr=%q", tok.code, tok.stderr)
	}
	token := lastLine(tok.stdout)
	if r := runCmd(t, "", nil, "token", "create", "--data", data, "--agent", "nobody@example.com"); r.code != 1 || !strings.Contains(r.stderr, "no agent has the email") {
		t.Fatalf("token for unknown agent: code=%d stderr=%q", r.code, r.stderr)
	}

	m, closeStore, err := openStore(context.Background(), Config{DataDir: data, LogFormat: "text", LogLevel: "error"}, cliEnv{stderr: io.Discard, getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	defer closeStore()
	ctx := context.Background()
	boss, err := m.AgentService.FindAgentByEmail(ctx, "boss@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := auth.VerifyPassword(boss.PasswordHash, "correct horse battery staple"); !ok || err != nil {
		t.Fatalf("stdin password does not verify: ok=%v err=%v", ok, err)
	}
	newAgent, err := m.AgentService.FindAgentByEmail(ctx, "new@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := auth.VerifyPassword(newAgent.PasswordHash, generated); !ok || newAgent.Role != proofdesk.RoleAgent {
		t.Fatalf("generated password verifies=%v role=%q, want true and agent", ok, newAgent.Role)
	}
	got, err := m.AgentService.FindAgentByTokenHash(ctx, auth.HashToken(token))
	if err != nil || got.ID != boss.ID {
		t.Fatalf("token acts as %v (err %v), want the boss", got, err)
	}
	raw, err := os.ReadFile(filepath.Join(data, SQLiteFile))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(token)) {
		t.Fatal("the database file holds the token itself, want only its hash")
	}
}

func TestCLI_CustomersImport(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	bad := writeFile(t, "bad.csv", "external_id,name,emails\nC-1,Good Person,good@example.com\nC-2,Bad Person,SECRET-no-at-sign\n")
	r := runCmd(t, "", nil, "customers", "import", "--data", data, bad)
	if r.code != 1 || !strings.Contains(r.stderr, "line 3: field emails:") || !strings.Contains(r.stderr, "nothing was imported") {
		t.Fatalf("bad file: code=%d stderr=%q", r.code, r.stderr)
	}
	if strings.Contains(r.stderr, "SECRET") {
		t.Fatalf("import error repeats a value: %q", r.stderr)
	}
	good := writeFile(t, "good.jsonl", `{"external_id":"C-1","name":"Good Person","emails":[{"value":"good@example.com","added_at":"2021-05-06"}]}`+"\n"+`{"external_id":"C-2","name":"Other Person","phones":["+44 20 7946 0111"]}`+"\n")
	if r := runCmd(t, "", nil, "customers", "import", "--data", data, good); r.code != 0 || !strings.Contains(r.stdout, "Imported 2 customers (read as utf-8).") {
		t.Fatalf("good file: code=%d stdout=%q stderr=%q", r.code, r.stdout, r.stderr)
	}
	if r := runCmd(t, "", nil, "customers", "import", "--data", data, good); r.code != 1 || !strings.Contains(r.stderr, "already belongs to a customer") {
		t.Fatalf("same file again: code=%d stderr=%q, want a conflict", r.code, r.stderr)
	}

	m, closeStore, err := openStore(context.Background(), Config{DataDir: data, LogFormat: "text", LogLevel: "error"}, cliEnv{stderr: io.Discard, getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	defer closeStore()
	email := "good@example.com"
	cs, _, err := m.CustomerService.FindCustomers(context.Background(), proofdesk.CustomerFilter{Email: &email})
	if err != nil || len(cs) != 1 {
		t.Fatalf("find by email: n=%d err=%v, want 1", len(cs), err)
	}
	if got := cs[0].ContactPoints[0].AddedAt; !got.Equal(time.Date(2021, 5, 6, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("added_at=%v, want the file's 2021-05-06", got)
	}
	ext := "C-2"
	if cs, _, err := m.CustomerService.FindCustomers(context.Background(), proofdesk.CustomerFilter{ExternalID: &ext}); err != nil || len(cs) != 1 {
		t.Fatalf("find C-2: n=%d err=%v, want 1 (and no C-2 from the bad file)", len(cs), err)
	}
}

func TestCLI_AuditVerifyTampered(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	for _, email := range []string{"a@example.com", "b@example.com", "c@example.com"} {
		if r := runCmd(t, "", nil, "agent", "create", "--data", data, "--email", email, "--name", "N"); r.code != 0 {
			t.Fatalf("agent create: %s", r.stderr)
		}
	}
	if r := runCmd(t, "", nil, "audit", "verify", "--data", data); r.code != 0 || !strings.Contains(r.stdout, "intact") {
		t.Fatalf("intact chain: code=%d stdout=%q stderr=%q", r.code, r.stdout, r.stderr)
	}
	db, err := sql.Open("sqlite", filepath.Join(data, SQLiteFile))
	if err != nil {
		t.Fatal(err)
	}
	var seq int64
	if err := db.QueryRow(`SELECT seq FROM audit_log WHERE action = ? ORDER BY seq LIMIT 1 OFFSET 1`, proofdesk.AuditAgentCreate).Scan(&seq); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE audit_log SET detail = ? WHERE seq = ?`, `{"role":"admin"}`, seq); err != nil {
		t.Fatal(err)
	}
	db.Close()
	r := runCmd(t, "", nil, "audit", "verify", "--data", data)
	if want := "audit chain broken at entry " + strconv.FormatInt(seq, 10); r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Fatalf("tampered chain: code=%d stderr=%q, want 1 and %q", r.code, r.stderr, want)
	}
}

func TestCLI_KeysRotate(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	good := writeFile(t, "c.jsonl", `{"external_id":"K-1","name":"Key Person","emails":["key.person@example.com"]}`+"\n")
	if r := runCmd(t, "", nil, "customers", "import", "--data", data, good); r.code != 0 {
		t.Fatalf("import: %s", r.stderr)
	}
	keyFile := filepath.Join(data, "master.key")
	before, err := os.ReadFile(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	r := runCmd(t, "", nil, "keys", "rotate", "--data", data)
	if r.code != 0 || !strings.Contains(r.stdout, "Re-wrapped") || !strings.Contains(r.stdout, "--retire-old") {
		t.Fatalf("keys rotate: code=%d stdout=%q stderr=%q", r.code, r.stdout, r.stderr)
	}
	after, _ := os.ReadFile(keyFile)
	if bytes.Equal(before, after) || !bytes.Contains(after, bytes.TrimSpace(before)) {
		t.Fatal("key file: want a new primary and the old key kept")
	}
	if r := runCmd(t, "", nil, "keys", "rotate", "--data", data, "--retire-old"); r.code != 0 {
		t.Fatalf("keys rotate --retire-old: code=%d stderr=%q", r.code, r.stderr)
	}
	retired, _ := os.ReadFile(keyFile)
	if bytes.Contains(retired, bytes.TrimSpace(before)) {
		t.Fatal("the old key is still in the key file after --retire-old")
	}
	// Everything still reads with the new key alone.
	m, closeStore, err := openStore(context.Background(), Config{DataDir: data, LogFormat: "text", LogLevel: "error"}, cliEnv{stderr: io.Discard, getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	defer closeStore()
	email := "key.person@example.com"
	if cs, _, err := m.CustomerService.FindCustomers(context.Background(), proofdesk.CustomerFilter{Email: &email}); err != nil || len(cs) != 1 || cs[0].Name != "Key Person" {
		t.Fatalf("after rotation: n=%d err=%v, want the customer", len(cs), err)
	}
	if r := runCmd(t, "", nil, "audit", "verify", "--data", data); r.code != 0 {
		t.Fatalf("audit verify after rotation: %s", r.stderr)
	}
	// The key from the environment needs "new,old" to rotate.
	if r := runCmd(t, "", map[string]string{"PROOFDESK_MASTER_KEY": string(bytes.TrimSpace(retired))}, "keys", "rotate", "--data", data); r.code != 1 || !strings.Contains(r.stderr, `set it to "NEW,OLD"`) {
		t.Fatalf("env rotate with one key: code=%d stderr=%q", r.code, r.stderr)
	}
}

// TestBinary_Demo builds the binary without cgo, runs the demo as its own
// process, waits for /healthz, then stops it with SIGTERM.
func TestBinary_Demo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "proofdesk")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	cmd := exec.Command(bin, "demo", "--addr", "127.0.0.1:0")
	cmd.Env = append(filterEnv(os.Environ(), "PROOFDESK_"), "TMPDIR="+t.TempDir())
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()

	var url, token string
	var banner strings.Builder
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		line := sc.Text()
		banner.WriteString(line + "\n")
		if u, ok := strings.CutPrefix(line, "URL: "); ok {
			url = u
		}
		if t := strings.TrimSpace(line); auth.ValidTokenFormat(t) {
			token = t
		}
		if strings.HasPrefix(line, "Press Ctrl-C") {
			break
		}
	}
	go io.Copy(io.Discard, stdout)
	if url == "" || token == "" {
		t.Fatalf("demo printed no URL or token:\n%s\nstderr:\n%s", banner.String(), stderr.String())
	}
	for _, want := range []string{"admin@demo.proofdesk.test", "supervisor@demo.proofdesk.test", "agent@demo.proofdesk.test"} {
		if !strings.Contains(banner.String(), want) {
			t.Fatalf("banner lacks the login %s:\n%s", want, banner.String())
		}
	}

	var code int
	for range 600 { // the server listens before the banner: this is a safety net
		resp, err := http.Get(url + "/healthz")
		if err == nil {
			code = resp.StatusCode
			resp.Body.Close()
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if code != 200 {
		t.Fatalf("GET /healthz: status=%d, want 200", code)
	}
	status, body := httpDo(t, "GET", url+"/api/v1/conversations?limit=100", token, "")
	if status != 200 || strings.Count(body, `"subject"`) != 20 {
		t.Fatalf("GET conversations: status=%d, want 200 and the 20 demo conversations: %.300s", status, body)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("demo after SIGTERM: %v, want exit 0\nstderr:\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "shutting down") {
		t.Fatalf("stderr lacks the shutdown log:\n%s", stderr.String())
	}
}

func filterEnv(env []string, prefix string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, prefix) {
			out = append(out, kv)
		}
	}
	return out
}

func TestCLI_AgentTOTP(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	if r := runCmd(t, "", nil, "agent", "create", "--data", data, "--email", "root@example.com", "--name", "Root", "--role", "admin"); r.code != 0 {
		t.Fatalf("agent create: %s", r.stderr)
	}
	r := runCmd(t, "", nil, "agent", "totp", "--data", data, "--email", "root@example.com")
	if r.code != 0 || !strings.Contains(r.stdout, "otpauth://totp/") {
		t.Fatalf("agent totp: code=%d stdout=%q stderr=%q", r.code, r.stdout, r.stderr)
	}
	secret := ""
	for _, line := range strings.Split(r.stdout, "\n") {
		if s, ok := strings.CutPrefix(line, "Secret: "); ok {
			secret = s
		}
	}
	m, closeStore, err := openStore(context.Background(), Config{DataDir: data, LogFormat: "text", LogLevel: "error"}, cliEnv{stderr: io.Discard, getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	defer closeStore()
	a, err := m.AgentService.FindAgentByEmail(context.Background(), "root@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if !a.TOTPEnabled || a.TOTPSecret == "" || a.TOTPSecret != secret {
		t.Fatalf("TOTPEnabled=%v secret stored=%v, want enabled with the printed secret", a.TOTPEnabled, a.TOTPSecret == secret)
	}
	if r := runCmd(t, "", nil, "agent", "totp", "--data", data, "--email", "ghost@example.com"); r.code != 1 {
		t.Fatalf("agent totp for unknown agent: code=%d, want 1", r.code)
	}
}

// signIn posts the console's sign-in form and returns the status.
func signIn(tb testing.TB, url, email, password string) int {
	tb.Helper()
	resp, err := http.Get(url + "/login")
	if err != nil {
		tb.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	_, rest, _ := strings.Cut(string(page), `name="csrf_token" value="`)
	tok, _, _ := strings.Cut(rest, `"`)
	form := "csrf_token=" + tok + "&email=" + email + "&password=" + password
	req, _ := http.NewRequest("POST", url+"/login", strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, c := range resp.Cookies() {
		req.AddCookie(c)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err = client.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestMain_AllowNo2FA checks the wiring of --allow-no-2fa to the console:
// an admin without TOTP signs in only when it is set (the demo).
func TestMain_AllowNo2FA(t *testing.T) {
	t.Parallel()
	for _, allow := range []bool{false, true} {
		m := NewMain()
		m.Config.DataDir = t.TempDir()
		m.Config.Addr = "127.0.0.1:0"
		m.Config.Demo, m.Config.AllowNo2FA = allow, allow
		m.Getenv = func(string) string { return "" }
		if r := runCmd(t, "admin-password-123\n", nil, "agent", "create", "--data", m.Config.DataDir, "--email", "adm@example.com", "--name", "Adm", "--role", "admin"); r.code != 0 {
			t.Fatalf("agent create: %s", r.stderr)
		}
		if err := m.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { m.Close() })
		// Without the switch the right password leads to TOTP enrolment
		// (200, no session); with it the admin is signed in (303 to /).
		want := http.StatusOK
		if allow {
			want = http.StatusSeeOther
		}
		if got := signIn(t, m.URL(), "adm@example.com", "admin-password-123"); got != want {
			t.Fatalf("allow-no-2fa=%v: sign-in status=%d, want %d", allow, got, want)
		}
	}
}

// TestDemoShopPage checks the demo's host page embeds the widget from the
// desk itself, and that serve does not offer it.
func TestDemoShopPage(t *testing.T) {
	t.Parallel()
	m := NewMain()
	m.Config.DataDir, m.Config.Addr, m.Config.Demo = t.TempDir(), "127.0.0.1:0", true
	m.Getenv = func(string) string { return "" }
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	resp, err := http.Get(m.URL() + "/demo/shop")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `src="`+m.URL()+`/widget.js"`) || !strings.Contains(string(body), `name="viewport"`) {
		t.Fatalf("demo shop: %d %s", resp.StatusCode, body)
	}
	s := MustRunMain(t)
	if resp, err := http.Get(s.URL() + "/demo/shop"); err != nil || resp.StatusCode != 404 {
		t.Fatalf("serve offers the demo page: %v %v", resp.StatusCode, err)
	}
}

// TestCLI_AuditAnchor: an anchor exported by 'audit anchor' verifies; then
// an attacker with write access to the database re-hashes a rewritten
// table with the unkeyed algorithm, or removes the newest entries and
// rewrites the head, or edits the anchor file: each is caught.
func TestCLI_AuditAnchor(t *testing.T) {
	t.Parallel()
	newDesk := func(t *testing.T) (data, anchor string) {
		data = t.TempDir()
		for _, email := range []string{"a@example.com", "b@example.com", "c@example.com", "d@example.com"} {
			if r := runCmd(t, "", nil, "agent", "create", "--data", data, "--email", email, "--name", "N"); r.code != 0 {
				t.Fatalf("agent create: %s", r.stderr)
			}
		}
		anchor = filepath.Join(t.TempDir(), "head.json")
		if r := runCmd(t, "", nil, "audit", "anchor", "--data", data, "--out", anchor); r.code != 0 || !strings.Contains(r.stdout, "Anchored entry") {
			t.Fatalf("audit anchor: code=%d stdout=%q stderr=%q", r.code, r.stdout, r.stderr)
		}
		if r := runCmd(t, "", nil, "audit", "anchor", "--data", data, "--out", anchor); r.code != 1 || !strings.Contains(r.stderr, "already exists") {
			t.Fatalf("audit anchor over an existing file: code=%d stderr=%q", r.code, r.stderr)
		}
		if r := runCmd(t, "", nil, "audit", "verify", "--data", data, "--anchor", anchor); r.code != 0 || !strings.Contains(r.stdout, "holds the anchored entry") {
			t.Fatalf("verify --anchor on an intact desk: code=%d stdout=%q stderr=%q", r.code, r.stdout, r.stderr)
		}
		return data, anchor
	}
	openRaw := func(t *testing.T, data string) *sql.DB {
		db, err := sql.Open("sqlite", filepath.Join(data, SQLiteFile))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}

	t.Run("rewritten and re-hashed", func(t *testing.T) {
		data, anchor := newDesk(t)
		db := openRaw(t, data)
		rows, err := db.Query(`SELECT seq, at, actor_kind, actor_id, action, subject_kind, subject_id, detail FROM audit_log ORDER BY seq`)
		if err != nil {
			t.Fatal(err)
		}
		var entries []*proofdesk.AuditEntry
		for rows.Next() {
			e := &proofdesk.AuditEntry{}
			var at, detail string
			if err := rows.Scan(&e.Seq, &at, &e.ActorKind, &e.ActorID, &e.Action, &e.SubjectKind, &e.SubjectID, &detail); err != nil {
				t.Fatal(err)
			}
			e.Time, _ = time.Parse(time.RFC3339Nano, at)
			_ = json.Unmarshal([]byte(detail), &e.Detail)
			entries = append(entries, e)
		}
		rows.Close()
		// Make the second agent an admin in the log, then re-hash every
		// entry with the unkeyed SHA-256 chain and move the head.
		entries[1].Detail["role"] = "admin"
		prev := ""
		for _, e := range entries {
			e.PrevHash = prev
			e.Hash = e.ComputeHash(nil)
			prev = e.Hash
			det, _ := json.Marshal(e.Detail)
			if _, err := db.Exec(`UPDATE audit_log SET detail = ?, prev_hash = ?, hash = ? WHERE seq = ?`, string(det), e.PrevHash, e.Hash, e.Seq); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.Exec(`UPDATE audit_head SET hash = ? WHERE id = 1`, prev); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"audit", "verify", "--data", data}, {"audit", "verify", "--data", data, "--anchor", anchor}} {
			if r := runCmd(t, "", nil, args...); r.code != 1 || !strings.Contains(r.stderr, "audit chain broken at entry 1") {
				t.Fatalf("%v after an unkeyed re-hash: code=%d stderr=%q", args, r.code, r.stderr)
			}
		}
	})

	t.Run("truncated after the anchor", func(t *testing.T) {
		data, anchor := newDesk(t)
		db := openRaw(t, data)
		var last int64
		var prevHash string
		if err := db.QueryRow(`SELECT seq, prev_hash FROM audit_log ORDER BY seq DESC LIMIT 1`).Scan(&last, &prevHash); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`DELETE FROM audit_log WHERE seq = ?`, last); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, last-1, prevHash); err != nil {
			t.Fatal(err)
		}
		r := runCmd(t, "", nil, "audit", "verify", "--data", data, "--anchor", anchor)
		if want := "audit chain broken at entry " + strconv.FormatInt(last, 10); r.code != 1 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "removed") {
			t.Fatalf("verify --anchor after truncation: code=%d stderr=%q, want %q", r.code, r.stderr, want)
		}
	})

	t.Run("forged anchor", func(t *testing.T) {
		data, anchor := newDesk(t)
		b, err := os.ReadFile(anchor)
		if err != nil {
			t.Fatal(err)
		}
		var a map[string]any
		if err := json.Unmarshal(b, &a); err != nil {
			t.Fatal(err)
		}
		a["seq"] = a["seq"].(float64) - 1
		forged, _ := json.Marshal(a)
		path := filepath.Join(t.TempDir(), "forged.json")
		if err := os.WriteFile(path, forged, 0o600); err != nil {
			t.Fatal(err)
		}
		if r := runCmd(t, "", nil, "audit", "verify", "--data", data, "--anchor", path); r.code != 1 || !strings.Contains(r.stderr, "forged or edited") {
			t.Fatalf("verify with a forged anchor: code=%d stderr=%q", r.code, r.stderr)
		}
		// The anchor of another desk (another master key) is refused too.
		_, other := newDesk(t)
		if r := runCmd(t, "", nil, "audit", "verify", "--data", data, "--anchor", other); r.code != 1 || !strings.Contains(r.stderr, "anchor key is") {
			t.Fatalf("verify with another desk's anchor: code=%d stderr=%q", r.code, r.stderr)
		}
	})
}

// TestMain_SecretsSeparated: --user-hash and signed session tokens use
// different keys. A token signed with the user-hash secret is refused, a
// user_hash computed with the session secret is refused, each works under
// its own key, and the server does not start with the two equal or with
// --user-hash but no key of its own.
func TestMain_SecretsSeparated(t *testing.T) {
	idSecret := bytes.Repeat([]byte{0x11}, 32)
	uhSecret := bytes.Repeat([]byte{0x22}, 32)
	start := func(t *testing.T, env map[string]string) (*Main, error) {
		m := NewMain()
		m.Config.DataDir = t.TempDir()
		m.Config.Addr = "127.0.0.1:0"
		m.Config.UserHash = true
		m.Getenv = func(k string) string { return env[k] }
		err := m.Run(context.Background())
		t.Cleanup(func() { _ = m.Close() })
		return m, err
	}
	b64 := base64.StdEncoding.EncodeToString
	if _, err := start(t, map[string]string{"PROOFDESK_IDENTITY_SECRET": b64(idSecret), "PROOFDESK_USER_HASH_SECRET": b64(idSecret)}); err == nil || !strings.Contains(err.Error(), "must differ") {
		t.Fatalf("start with one key for both: err=%v, want refusal", err)
	}
	if _, err := start(t, map[string]string{"PROOFDESK_IDENTITY_SECRET": b64(idSecret)}); err == nil || !strings.Contains(err.Error(), "PROOFDESK_USER_HASH_SECRET") {
		t.Fatalf("start with --user-hash and no user-hash key: err=%v, want refusal", err)
	}
	m, err := start(t, map[string]string{"PROOFDESK_IDENTITY_SECRET": b64(idSecret), "PROOFDESK_USER_HASH_SECRET": b64(uhSecret)})
	if err != nil {
		t.Fatal(err)
	}
	url, data := m.URL(), m.Config.DataDir
	waitReady(t, url) // replies are refused until the guard's index is built
	if r := runCmd(t, "", nil, "agent", "create", "--data", data, "--email", "a@example.com", "--name", "A", "--role", "supervisor"); r.code != 0 {
		t.Fatalf("agent create: %s", r.stderr)
	}
	r := runCmd(t, "", nil, "token", "create", "--data", data, "--agent", "a@example.com")
	if r.code != 0 {
		t.Fatalf("token create: %s", r.stderr)
	}
	tok := lastLine(r.stdout)
	// external_id is the system of record's: its integration token sets it.
	r = runCmd(t, "", nil, "token", "create", "--data", data, "--integration", "crm")
	if r.code != 0 {
		t.Fatalf("token create --integration: %s", r.stderr)
	}
	if code, body := httpDo(t, "POST", url+"/api/v1/customers", lastLine(r.stdout), `{"name":"Una Hash","external_id":"u-1","emails":["una@example.com"]}`); code != 201 {
		t.Fatalf("create customer: %d %s", code, body)
	}
	newConv := func() string {
		code, body := httpDo(t, "POST", url+"/api/v1/conversations", tok, `{"channel":"api","requester":{"name":"Una"},"subject":"s","message":"hello"}`)
		if code != 201 {
			t.Fatalf("create conversation: %d %s", code, body)
		}
		var c struct{ ID string }
		_ = json.Unmarshal([]byte(body), &c)
		return c.ID
	}
	mint := func(secret []byte) string {
		now := time.Now()
		s, err := verify.Mint(verify.Claims{Subject: "u-1", Audience: url, IssuedAt: now, ExpiresAt: now.Add(5 * time.Minute)}, secret)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	tests := []struct {
		name string
		body string
		want int
	}{
		{"token signed with the user-hash secret", `{"token":"` + mint(uhSecret) + `"}`, 401},
		{"user_hash under the session secret", `{"user_id":"u-1","user_hash":"` + verify.UserHash(idSecret, "u-1") + `"}`, 401},
		{"token signed with the session secret", `{"token":"` + mint(idSecret) + `"}`, 200},
		{"user_hash under its own secret", `{"user_id":"u-1","user_hash":"` + verify.UserHash(uhSecret, "u-1") + `"}`, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := httpDo(t, "POST", url+"/api/v1/conversations/"+newConv()+"/identity", tok, tt.body)
			if code != tt.want {
				t.Fatalf("status=%d body=%s, want %d", code, body, tt.want)
			}
		})
	}
}

// waitReady waits until url's /readyz answers 200: the guard's index of
// every customer is built in the background after start (slower under
// -race), and until then /readyz answers 503 and replies are refused.
func waitReady(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		code, body := httpDo(t, "GET", url+"/readyz", "", "")
		if code == 200 {
			return
		}
		if code != 503 || time.Now().After(deadline) {
			t.Fatalf("GET /readyz: status=%d body=%s, want 200", code, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
