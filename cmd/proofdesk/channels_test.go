package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
)

func adminToken(t *testing.T, m *Main) string {
	t.Helper()
	ctx := context.Background()
	hash, _ := auth.HashPassword("admin password 123", passwordParams)
	a := &proofdesk.Agent{Email: "chief@example.com", Name: "Chief", Role: proofdesk.RoleAdmin, PasswordHash: hash}
	if err := m.AgentService.CreateAgent(ctx, a); err != nil {
		t.Fatal(err)
	}
	tok, h := auth.NewToken()
	if err := m.AgentService.CreateAPIToken(ctx, &proofdesk.APIToken{AgentID: a.ID, Name: "t", Hash: h}); err != nil {
		t.Fatal(err)
	}
	return tok
}

func preflight(t *testing.T, base, origin string) int {
	t.Helper()
	req, _ := http.NewRequest("OPTIONS", base+"/widget/v1/visitors", nil)
	req.Header.Set("Origin", origin)
	req.Header.Set("Access-Control-Request-Method", "POST")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestChannelSettings: an admin sets the channels through the API; the
// secrets are sealed (not in the database in clear) and never shown; the
// widget's new site works at once; the test email says in words what
// failed; a flag overrides the stored value and the view says so.
func TestChannelSettings(t *testing.T) {
	t.Parallel()
	m := MustRunMain(t)
	tok := adminToken(t, m)
	base := m.URL()

	if code := preflight(t, base, "https://shop.example"); code != http.StatusForbidden {
		t.Fatalf("widget preflight from an unlisted site: %d, want 403", code)
	}
	// A port nothing listens on.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()

	code, body := httpDo(t, "POST", base+"/api/v1/settings/channels/test", tok, `{"to":"me@example.com"}`)
	if code != 400 || !strings.Contains(body, "No relay is set") {
		t.Fatalf("test email without a relay: %d %s", code, body)
	}
	if code, body := httpDo(t, "PUT", base+"/api/v1/settings/channels", tok, `{"relay_addr":"no port"}`); code != 400 || !strings.Contains(body, `"field":"relay_addr"`) {
		t.Fatalf("bad relay: %d %s", code, body)
	}
	put := `{"inbound_address":"Support@Shop.example","from_name":"Shop Support","relay_addr":"` + closed + `","relay_security":"starttls",
		"relay_user":"mailer","relay_password":"relay-secret-123","widget_origins":["shop.example"]}`
	code, body = httpDo(t, "PUT", base+"/api/v1/settings/channels", tok, put)
	if code != 200 || strings.Contains(body, "relay-secret-123") {
		t.Fatalf("PUT channels: %d %s", code, body)
	}
	var v proofdesk.ChannelSettingsView
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatal(err)
	}
	if !v.SecretsSet[proofdesk.SecretRelayPassword] || v.Effective.InboundAddress != "support@shop.example" || v.Effective.RelayAddr != closed {
		t.Fatalf("view after PUT: %+v", v)
	}
	// The database files (and the WAL) hold no secret in clear.
	files, _ := filepath.Glob(filepath.Join(m.Config.DataDir, "*"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("relay-secret-123")) {
			t.Fatalf("%s holds the relay password in clear", f)
		}
	}
	// Applies at once: the widget, and the relay (which refuses).
	if code := preflight(t, base, "https://shop.example"); code >= 300 {
		t.Fatalf("widget preflight from the new site: %d, want allowed", code)
	}
	code, body = httpDo(t, "POST", base+"/api/v1/settings/channels/test", tok, `{"to":"me@example.com"}`)
	if code != 400 || !strings.Contains(body, "connection refused") {
		t.Fatalf("test email to a closed port: %d %s, want connection refused in words", code, body)
	}
	// A secret left out is kept; "" clears it.
	code, body = httpDo(t, "PUT", base+"/api/v1/settings/channels", tok, `{"relay_addr":"`+closed+`","relay_user":"mailer"}`)
	if code != 200 || !strings.Contains(body, `"relay_password":true`) {
		t.Fatalf("PUT without the secret: %d %s", code, body)
	}
	code, body = httpDo(t, "PUT", base+"/api/v1/settings/channels", tok, `{"relay_addr":"`+closed+`","relay_password":""}`)
	if code != 200 || !strings.Contains(body, `"relay_password":false`) {
		t.Fatalf("PUT clearing the secret: %d %s", code, body)
	}
	// Audited, by field name.
	entries, err := m.AuditService.FindAuditEntries(context.Background(), proofdesk.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range entries {
		if e.Action == "settings.channels" && strings.Contains(e.Detail["fields"], "relay_password") {
			found = true
		}
	}
	if !found {
		t.Fatal("no settings.channels audit entry naming relay_password")
	}

	// A flag overrides the stored relay, and the view says so.
	m.Config.SMTPRelay = "relay.flag.example:587"
	view, err := m.channels.ChannelSettings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if view.Overrides["relay_addr"] != "--smtp-relay" || view.Effective.RelayAddr != "relay.flag.example:587" || view.Stored.RelayAddr != closed {
		t.Fatalf("override: %+v", view)
	}
}
