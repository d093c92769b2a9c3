package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/e2e/e2etest"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/vault"
)

// fakeRelay is an SMTP server that greets and answers EHLO with the
// given extensions, then QUIT; it sends nothing anywhere.
func fakeRelay(t *testing.T, extensions ...string) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				w := bufio.NewWriter(c)
				r := bufio.NewReader(c)
				w.WriteString("220 relay.test ESMTP\r\n")
				w.Flush()
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						return
					}
					switch strings.ToUpper(strings.Fields(line + " x")[0]) {
					case "EHLO":
						w.WriteString("250-relay.test\r\n")
						for _, e := range extensions {
							w.WriteString("250-" + e + "\r\n")
						}
						w.WriteString("250 8BITMIME\r\n")
					case "QUIT":
						w.WriteString("221 bye\r\n")
						w.Flush()
						return
					default:
						w.WriteString("502 not here\r\n")
					}
					w.Flush()
				}
			}()
		}
	}()
	return ln.Addr().String()
}

func newKey() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

// TestDoctor: each check fails on its own fault and says what is wrong in
// words; a healthy installation passes with exit status 0.
func TestDoctor(t *testing.T) {
	data := t.TempDir()
	key := newKey()
	env := map[string]string{"PROOFDESK_MASTER_KEY": key}
	if r := runCmd(t, "", env, "migrate", "--data", data); r.code != 0 {
		t.Fatalf("migrate: %+v", r)
	}
	dns := e2etest.StartDNS(t, map[string][]string{"example.com": {"v=spf1 ip4:192.0.2.1 -all"}, "_dmarc.example.com": {"v=DMARC1; p=reject"},
		"nospf.example": {"google-site-verification=x"}})
	relay := fakeRelay(t)
	healthy := []string{"doctor", "--data", data, "--smtp-relay", relay, "--smtp-relay-security", "none", "--dns-resolver", dns.Addr,
		"--mail-from", "Support <support@example.com>"}

	r := runCmd(t, "", env, healthy...)
	if r.code != 0 || strings.Contains(r.stdout, "FAIL") {
		t.Fatalf("a healthy desk: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"ok    config", "ok    key", "ok    database", "ok    keys", "ok    relay", "ok    dns"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("healthy output lacks %q:\n%s", want, r.stdout)
		}
	}

	noKeys := t.TempDir()
	if r := runCmd(t, "", env, "migrate", "--data", noKeys); r.code != 0 {
		t.Fatalf("migrate: %+v", r)
	}
	if err := os.Remove(filepath.Join(noKeys, "keys.db")); err != nil {
		t.Fatal(err)
	}
	// An erasure whose last step (deleting the keys from keys.db) did
	// not finish leaves its keys listed in the data file.
	unfinished := t.TempDir()
	if r := runCmd(t, "", env, "migrate", "--data", unfinished); r.code != 0 {
		t.Fatalf("migrate: %+v", r)
	}
	raw, err := sql.Open("sqlite", filepath.Join(unfinished, "proofdesk.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO key_destructions (key_id, queued_at) VALUES ('dk_a', '2026-12-07T00:00:00Z'), ('dk_b', '2026-12-07T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	emptyDir := t.TempDir()
	if err := os.WriteFile(filepath.Join(emptyDir, "proofdesk.db"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"config", env, []string{"--level-ttl", "1s"}, "FAIL  config   --level-ttl must be between 1m and 24h"},
		{"tls", env, []string{"--tls-cert", filepath.Join(data, "missing.pem"), "--tls-key", filepath.Join(data, "missing.key")}, "FAIL  tls      TLS: cannot read"},
		{"key malformed", map[string]string{"PROOFDESK_MASTER_KEY": "not a key"}, nil, "FAIL  key"},
		{"key wrong", map[string]string{"PROOFDESK_MASTER_KEY": newKey()}, nil, "the master key does not fit this database"},
		{"key missing", map[string]string{}, nil, "no master key: $PROOFDESK_MASTER_KEY is unset"},
		{"database unreachable", env, []string{"--db", "postgres://postgres@127.0.0.1:1/proofdesk?sslmode=disable"}, "FAIL  database cannot reach PostgreSQL"},
		{"database missing", env, []string{"--data", t.TempDir()}, "no SQLite database at"},
		{"key store missing", env, []string{"--data", noKeys}, "keys.db is missing"},
		{"erasure unfinished", env, []string{"--data", unfinished}, "FAIL  erasure  2 data key(s) of erased customers are listed for destruction but are still in the key store"},
		{"database not migrated", env, []string{"--data", emptyDir}, "migration(s) are not applied (first: 0001_init): run 'proofdesk migrate'"},
		{"relay refused", env, []string{"--smtp-relay", "127.0.0.1:1"}, "FAIL  relay    cannot connect to the relay 127.0.0.1:1"},
		{"relay without STARTTLS", env, []string{"--smtp-relay-security", "starttls"}, "does not offer STARTTLS"},
		{"relay without login", env, []string{"--smtp-relay-user", "desk"}, "offers no login (AUTH)"},
		{"dns no SPF", env, []string{"--mail-from", "support@nospf.example"}, "FAIL  dns      nospf.example has no SPF record"},
		{"dns no DKIM key", env, []string{"--dkim-domain", "example.com", "--dkim-selector", "s1"}, "no DKIM key published at s1._domainkey.example.com"},
		{"dns resolver down", env, []string{"--dns-resolver", "127.0.0.1:1"}, "FAIL  dns      127.0.0.1:1 does not answer for example.com"},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := append(append([]string{}, healthy...), c.args...)
			if c.env != nil && c.env["PROOFDESK_MASTER_KEY"] == "" && c.name == "key missing" {
				args = append(args, "--data", t.TempDir())
			}
			r := runCmd(t, "", c.env, args...)
			if r.code != 1 || !strings.Contains(r.stdout, c.want) {
				t.Fatalf("exit %d, want 1 and %q in:\n%s%s", r.code, c.want, r.stdout, r.stderr)
			}
		})
	}
}

// TestDoctor_ConsoleRelay: with no --smtp-relay, doctor checks the relay
// and the From address set in the console (as serve uses them) rather
// than saying mail stays in the outbox.
func TestDoctor_ConsoleRelay(t *testing.T) {
	data := t.TempDir()
	key := newKey()
	env := map[string]string{"PROOFDESK_MASTER_KEY": key}
	if r := runCmd(t, "", env, "migrate", "--data", data); r.code != 0 {
		t.Fatalf("migrate: %+v", r)
	}
	dns := e2etest.StartDNS(t, map[string][]string{"example.com": {"v=spf1 ip4:192.0.2.1 -all"}, "_dmarc.example.com": {"v=DMARC1; p=reject"}})
	relay := fakeRelay(t)
	store := func(security string) {
		t.Helper()
		kr, err := vault.LoadKeyring(data, key)
		if err != nil {
			t.Fatal(err)
		}
		cfg := Config{DataDir: data}
		db := sqldb.NewDB(cfg.DSN(), vault.New(kr), nil)
		if err := db.Open(context.Background()); err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		s := &proofdesk.ChannelSettings{InboundAddress: "support@example.com", RelayAddr: relay, RelaySecurity: security}
		s.Normalize()
		if err := db.SaveChannelSettings(context.Background(), s); err != nil {
			t.Fatal(err)
		}
	}
	args := []string{"doctor", "--data", data, "--dns-resolver", dns.Addr}

	r := runCmd(t, "", env, args...)
	if !strings.Contains(r.stdout, "warn  relay    no --smtp-relay and no relay set in the console") {
		t.Fatalf("no relay anywhere: exit %d\n%s", r.code, r.stdout)
	}
	store("none")
	r = runCmd(t, "", env, args...)
	if r.code != 0 || !strings.Contains(r.stdout, "ok    relay    the relay "+relay+" answers (none)") || !strings.Contains(r.stdout, "ok    dns") {
		t.Fatalf("the console's relay and From: exit %d, want 0 with the relay and DNS ok:\n%s%s", r.code, r.stdout, r.stderr)
	}
	store("starttls")
	r = runCmd(t, "", env, args...)
	if r.code != 1 || !strings.Contains(r.stdout, "does not offer STARTTLS; set the console's relay security to tls") {
		t.Fatalf("the console's relay without STARTTLS: exit %d\n%s", r.code, r.stdout)
	}
}
