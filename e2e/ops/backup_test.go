// Package ops_test tests what a team runs on day one: backup and restore
// while serving, TLS with HTTP redirected, and proofdesk doctor.
package ops_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/smtp"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/e2e/e2etest"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/vault"
	_ "modernc.org/sqlite"
)

func TestMain(m *testing.M) { os.Exit(e2etest.Main(m)) }

// run runs the proofdesk binary with the server's master key and returns
// its output and error.
func run(t *testing.T, s *e2etest.Server, args ...string) (string, error) {
	cmd := exec.Command(e2etest.BuildBinary(t), args...)
	cmd.Env = append(os.Environ(), vault.EnvVar+"="+s.MasterKey())
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// TestBackupWhileServing: `proofdesk backup` taken while visitors chat
// and mail arrives restores to a desk whose audit chain verifies, every
// row of every table reads back, every customer, conversation and
// message decrypts with the master key, and every message acknowledged
// before the backup started is in it.
func TestBackupWhileServing(t *testing.T) {
	s := e2etest.StartServer(t, e2etest.ServerOptions{Args: []string{"--widget-rate", "1000000", "--api-rate", "1000000"}})
	for i := range 5 {
		s.API(t, "POST", "/api/v1/customers", s.SyncToken, map[string]any{"name": fmt.Sprintf("Customer %d", i),
			"emails": []string{fmt.Sprintf("c%d@example.com", i)}, "phones": []string{fmt.Sprintf("+4420794601%02d", i)}}, http.StatusCreated, nil)
	}

	// Load: a visitor chats and a mail server delivers, until stopped.
	var mu sync.Mutex
	ackedAt := map[string]time.Time{}
	ack := func(tok string) { mu.Lock(); ackedAt[tok] = time.Now(); mu.Unlock() }
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { chatUntil(t, s, stop, ack) })
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			tok := fmt.Sprintf("[bk-mail-%d]", i)
			msg := fmt.Sprintf("From: c%d@example.com\r\nTo: support@desk.test\r\nSubject: Backup %d\r\nMessage-ID: <bk%d@example.com>\r\n\r\nHello %s\r\n", i%5, i, i, tok)
			if err := smtp.SendMail(s.SMTPAddr, nil, "c@example.com", []string{"support@desk.test"}, []byte(msg)); err == nil {
				ack(tok)
			}
			time.Sleep(30 * time.Millisecond)
		}
	})

	// Some of each kind acknowledged before the backup (inbound mail can
	// take seconds: its SPF, DKIM and DMARC lookups wait on DNS).
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		mu.Lock()
		var mails, chats int
		for tok := range ackedAt {
			if strings.HasPrefix(tok, "[bk-mail-") {
				mails++
			} else {
				chats++
			}
		}
		mu.Unlock()
		if mails > 0 && chats > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after a minute of load, %d mails and %d chat messages acknowledged", mails, chats)
		}
	}
	backup := filepath.Join(t.TempDir(), "proofdesk-backup.db")
	started := time.Now()
	if out, err := run(t, s, "backup", "--data", s.DataDir, "--out", backup); err != nil {
		t.Fatalf("backup while serving: %v\n%s", err, out)
	}
	// The key store after the data: it then holds every key the data
	// backup names (keys are stored before any row names them).
	keysBackup := filepath.Join(t.TempDir(), "proofdesk-keys-backup.db")
	if out, err := run(t, s, "backup", "--keys", "--data", s.DataDir, "--out", keysBackup); err != nil {
		t.Fatalf("key store backup while serving: %v\n%s", err, out)
	}
	time.Sleep(500 * time.Millisecond)
	close(stop)
	wg.Wait()
	if out, err := run(t, s, "backup", "--data", s.DataDir, "--out", backup); err == nil || !strings.Contains(out, "never overwrites") {
		t.Errorf("a second backup to the same file: %v %q; want a refusal", err, out)
	}

	// Restore into a new data directory.
	restored := t.TempDir()
	b, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("wk:v1:")) {
		t.Fatalf("the data backup holds a wrapped data key: keys belong in the key store's backup only")
	}
	if err := os.WriteFile(filepath.Join(restored, "proofdesk.db"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := run(t, s, "audit", "verify", "--data", restored); err == nil || !strings.Contains(out, "keys.db is missing") {
		t.Fatalf("audit verify on the data backup without its key store: %v\n%s; want it to name keys.db missing", err, out)
	}
	kb, err := os.ReadFile(keysBackup)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(restored, "keys.db"), kb, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := run(t, s, "audit", "verify", "--data", restored); err != nil || !strings.Contains(out, "intact") {
		t.Fatalf("audit verify on the restored copy: %v\n%s", err, out)
	}

	// Every row of every table reads back.
	raw, err := sql.Open("sqlite", "file:"+filepath.Join(restored, "proofdesk.db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	tables := map[string]int{}
	rows, err := raw.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		_ = rows.Scan(&n)
		names = append(names, n)
	}
	rows.Close()
	for _, n := range names {
		r, err := raw.Query(`SELECT * FROM "` + n + `"`)
		if err != nil {
			t.Fatalf("read table %s: %v", n, err)
		}
		cols, _ := r.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for r.Next() {
			if err := r.Scan(ptrs...); err != nil {
				t.Fatalf("read a row of %s: %v", n, err)
			}
			tables[n]++
		}
		if err := r.Err(); err != nil {
			t.Fatalf("read table %s: %v", n, err)
		}
		r.Close()
	}
	var check string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q %v", check, err)
	}
	for _, n := range []string{"customers", "conversations", "messages", "audit_log", "email_messages", "agents"} {
		if tables[n] == 0 {
			t.Errorf("table %s is empty in the backup (tables: %v)", n, tables)
		}
	}

	// Everything sealed decrypts with the master key.
	kr, err := vault.LoadKeyring(restored, s.MasterKey())
	if err != nil {
		t.Fatal(err)
	}
	db := sqldb.NewDB(filepath.Join(restored, "proofdesk.db"), vault.New(kr), nil)
	ctx := context.Background()
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	custs, _, err := sqldb.NewCustomerService(db).FindCustomers(ctx, proofdesk.CustomerFilter{Limit: 1000})
	if err != nil || len(custs) != 5 {
		t.Fatalf("customers in the backup: %d (%v), want 5", len(custs), err)
	}
	convs := sqldb.NewConversationService(db)
	cs, _, err := convs.FindConversations(ctx, proofdesk.ConversationFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	nmsg := 0
	for _, c := range cs {
		ms, err := convs.FindMessages(ctx, c.ID)
		if err != nil {
			t.Fatalf("messages of %s: %v", c.ID, err)
		}
		for _, m := range ms {
			nmsg++
			for _, f := range strings.Fields(m.Body) {
				found[f] = true
			}
		}
	}
	before, after := 0, 0
	for tok, at := range ackedAt {
		if at.Before(started) {
			before++
			if !found[tok] {
				t.Errorf("%s was acknowledged before the backup started and is not in it", tok)
			}
		} else {
			after++
		}
	}
	db.Close()
	raw.Close()

	// The restored copy is a desk: it serves, and the tokens in it work.
	addr := e2etest.FreeAddr(t)
	srv := exec.Command(e2etest.BuildBinary(t), "serve", "--data", restored, "--addr", addr)
	srv.Env = append(os.Environ(), vault.EnvVar+"="+s.MasterKey())
	var logs bytes.Buffer
	srv.Stdout, srv.Stderr = &logs, &logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = srv.Process.Signal(os.Interrupt)
		_ = srv.Wait()
		if t.Failed() {
			t.Logf("restored serve log:\n%s", logs.String())
		}
	}()
	var list struct {
		Total int `json:"total"`
	}
	for deadline := time.Now().Add(time.Minute); ; {
		req, _ := http.NewRequest("GET", "http://"+addr+"/api/v1/conversations?limit=1", nil)
		req.Header.Set("Authorization", "Bearer "+s.Agent.Token)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				if err := json.Unmarshal(body, &list); err != nil {
					t.Fatal(err)
				}
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the restored desk does not serve: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if list.Total != len(cs) {
		t.Errorf("the restored desk lists %d conversations to the agent, the backup holds %d", list.Total, len(cs))
	}
	t.Logf("backup: %d tables, %d conversations, %d messages; %d acknowledged before it started (all in it), %d after; the restored desk serves them", len(tables), len(cs), nmsg, before, after)
	if before == 0 || after == 0 {
		t.Errorf("the backup was not taken under load: %d messages acknowledged before it, %d after", before, after)
	}
}

// chatUntil is a visitor sending a message every 20 ms until stop.
func chatUntil(t *testing.T, s *e2etest.Server, stop chan struct{}, ack func(string)) {
	post := func(path, token string, in, out any) error {
		b, _ := json.Marshal(in)
		req, _ := http.NewRequest("POST", s.URL+path, bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", "https://shop.example.test")
		if token != "" {
			req.Header.Set("Authorization", "Visitor "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusCreated {
			return fmt.Errorf("%s: %d %s", path, resp.StatusCode, body)
		}
		return json.Unmarshal(body, out)
	}
	var tok struct {
		Token string `json:"visitor_token"`
	}
	var conv struct {
		ID string `json:"conversation_id"`
	}
	if err := post("/widget/v1/visitors", "", struct{}{}, &tok); err != nil {
		t.Error(err)
		return
	}
	if err := post("/widget/v1/conversations", tok.Token, map[string]string{"message": "[bk-chat-first]", "client_id": "first"}, &conv); err != nil {
		t.Error(err)
		return
	}
	ack("[bk-chat-first]")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ws, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(s.URL, "http")+"/widget/v1/ws?conversation="+conv.ID,
		&websocket.DialOptions{Subprotocols: []string{"proofdesk.v1", "visitor." + tok.Token}, HTTPHeader: http.Header{"Origin": {"https://shop.example.test"}}})
	if err != nil {
		t.Error(err)
		return
	}
	defer ws.CloseNow()
	for i := 0; ; i++ {
		select {
		case <-stop:
			return
		default:
		}
		cid := fmt.Sprintf("c%d", i)
		body := fmt.Sprintf("[bk-chat-%d]", i)
		b, _ := json.Marshal(map[string]string{"type": "message", "client_id": cid, "body": body})
		if err := ws.Write(ctx, websocket.MessageText, b); err != nil {
			t.Error(err)
			return
		}
		for {
			_, data, err := ws.Read(ctx)
			if err != nil {
				t.Error(err)
				return
			}
			var f struct {
				Type     string `json:"type"`
				ClientID string `json:"client_id"`
			}
			_ = json.Unmarshal(data, &f)
			if f.Type == "ack" && f.ClientID == cid {
				ack(body)
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
}
