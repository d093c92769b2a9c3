package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// loadConfig parses args for a command taking opts, with env as the
// environment.
func loadConfig(tb testing.TB, opts []option, args []string, env map[string]string) (Config, error) {
	tb.Helper()
	var stderr bytes.Buffer
	cf := newConfigFlags("test", "test command", opts, &stderr)
	if err := cf.Parse(args); err != nil {
		return Config{}, err
	}
	return cf.load(DefaultConfig(), func(k string) string { return env[k] })
}

func writeFile(tb testing.TB, name, body string) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

var ignoreUnexported = cmpopts.IgnoreUnexported(Config{})

func TestConfig_Precedence(t *testing.T) {
	t.Parallel()
	file := writeFile(t, "proofdesk.yaml", "addr: \":7001\"\ndata: /from/file\nlog-format: json\nlog-level: debug\nbase-url: https://file.example\n")
	env := map[string]string{
		"PROOFDESK_CONFIG":    file,
		"PROOFDESK_DATA":      "/from/env",
		"PROOFDESK_LOG_LEVEL": "warn",
		"PROOFDESK_DB":        "postgres://env@127.0.0.1/pd",
	}
	got, err := loadConfig(t, serverOptions, []string{"--log-level", "error", "--addr=127.0.0.1:0"}, env)
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultConfig()
	want.Addr = "127.0.0.1:0"               // flag over file
	want.DataDir = "/from/env"              // env over file
	want.DB = "postgres://env@127.0.0.1/pd" // env only
	want.BaseURL = "https://file.example"   // file only
	want.LogFormat = "json"                 // file over default
	want.LogLevel = "error"                 // flag over env over file
	if diff := cmp.Diff(want, got, ignoreUnexported); diff != "" {
		t.Fatalf("config mismatch (-want +got):\n%s", diff)
	}
}

func TestConfig_Defaults(t *testing.T) {
	t.Parallel()
	got, err := loadConfig(t, serverOptions, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(DefaultConfig(), got, ignoreUnexported); diff != "" {
		t.Fatalf("config mismatch (-want +got):\n%s", diff)
	}
	if got.DSN() != filepath.Join("data", "proofdesk.db") || got.IsPostgres() {
		t.Fatalf("DSN=%q, want SQLite in the data dir", got.DSN())
	}
	got.DB = "postgres://x@h/db"
	if got.DSN() != got.DB || !got.IsPostgres() {
		t.Fatalf("DSN=%q, want the PostgreSQL URL", got.DSN())
	}
}

// The identity settings come from flags, the environment and the config
// file alike; import (store options) takes --default-region too.
func TestConfig_IdentitySettings(t *testing.T) {
	t.Parallel()
	file := writeFile(t, "p.yaml", "default-region: GB\ntrusted-proxies: 10.0.0.0/8, 127.0.0.1\ndns-resolver: 127.0.0.1:5353\n")
	cfg, err := loadConfig(t, serverOptions, []string{"--config", file}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DefaultRegion != "GB" || !cmp.Equal(cfg.TrustedProxies, []string{"10.0.0.0/8", "127.0.0.1"}) || cfg.DNSResolver != "127.0.0.1:5353" {
		t.Fatalf("from file: %q %q %q", cfg.DefaultRegion, cfg.TrustedProxies, cfg.DNSResolver)
	}
	cfg, err = loadConfig(t, storeOptions, []string{"--config", file, "--default-region", "AU"}, map[string]string{"PROOFDESK_DEFAULT_REGION": "IN"})
	if err != nil || cfg.DefaultRegion != "AU" {
		t.Fatalf("flag over env over file: %q, %v, want AU", cfg.DefaultRegion, err)
	}
	cfg, err = loadConfig(t, storeOptions, nil, map[string]string{"PROOFDESK_DEFAULT_REGION": "fr"})
	if err != nil || cfg.DefaultRegion != "fr" {
		t.Fatalf("env: %q, %v", cfg.DefaultRegion, err)
	}
}

func TestConfig_Errors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts []option
		args []string
		env  map[string]string
		file string
		want string
	}{
		{name: "bad log format", args: []string{"--log-format", "xml"}, want: "--log-format must be text or json"},
		{name: "bad log level from env", env: map[string]string{"PROOFDESK_LOG_LEVEL": "loud"}, want: "--log-level must be"},
		{name: "bad addr", args: []string{"--addr", "8080"}, want: "--addr must be host:port"},
		{name: "bad port", args: []string{"--addr", ":99999"}, want: "--addr port must be"},
		{name: "db not postgres", args: []string{"--db", "mysql://x"}, want: "--db must be a postgres:// URL"},
		{name: "base url relative", args: []string{"--base-url", "/desk"}, want: "--base-url must be an absolute"},
		{name: "no 2fa outside the demo", args: []string{"--allow-no-2fa"}, want: "--allow-no-2fa is for the demo only"},
		{name: "no 2fa from env", env: map[string]string{"PROOFDESK_ALLOW_NO_2FA": "yes"}, want: "$PROOFDESK_ALLOW_NO_2FA: must be true or false"},
		{name: "dkim key without domain", args: []string{"--dkim-key", "k.pem"}, want: "--dkim-key needs --dkim-domain"},
		{name: "sms without account", env: map[string]string{"PROOFDESK_SMS_BASE_URL": "http://127.0.0.1:1"}, want: "--sms-base-url needs"},
		{name: "bad duration", args: []string{"--level-ttl", "soon"}, want: "--level-ttl"},
		{name: "level ttl out of range", args: []string{"--level-ttl", "10s"}, want: "--level-ttl must be between"},
		{name: "bad reveal alert in file", file: "reveal-alert: \"0\"\n", want: "--reveal-alert must be at least 1"},
		{name: "bad oracle limit in file", file: "oracle-limit: \"0\"\n", want: "--oracle-limit must be at least 1"},
		{name: "bad lookup limit in file", file: "lookup-limit: \"0\"\n", want: "--lookup-limit must be at least 1"},
		{name: "unknown file key", file: "adress: \":1\"\n", want: `unknown key "adress"`},
		{name: "master key in file", file: "master-key: abc\n", want: "the master key is never read from the config file"},
		{name: "file not yaml mapping", file: "- a\n- b\n", want: "config file"},
		{name: "missing file", args: []string{"--config", "/nonexistent/proofdesk.yaml"}, want: "config file: open /nonexistent/proofdesk.yaml"},
		{name: "unknown phone region", args: []string{"--default-region", "XX"}, want: "--default-region must be an ISO 3166-1 alpha-2 region"},
		{name: "unknown phone region in file of import", opts: storeOptions, file: "default-region: Europe\n", want: "--default-region must be"},
		{name: "trusted proxy by name", env: map[string]string{"PROOFDESK_TRUSTED_PROXIES": "10.0.0.0/8,proxy.internal"}, want: `--trusted-proxies: trusted proxy "proxy.internal" is neither`},
		{name: "dns resolver without port", args: []string{"--dns-resolver", "127.0.0.1"}, want: "--dns-resolver must be host:port"},
		{name: "store command refuses addr", opts: storeOptions, args: []string{"--addr", ":1"}, want: "flag provided but not defined: -addr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			opts := tt.opts
			if opts == nil {
				opts = serverOptions
			}
			args := tt.args
			if tt.file != "" {
				args = append(args, "--config", writeFile(t, "c.yaml", tt.file))
			}
			_, err := loadConfig(t, opts, args, tt.env)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err=%v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestConfig_FileKeysOfOtherCommands(t *testing.T) {
	t.Parallel()
	// One file serves every command: agent create ignores addr.
	file := writeFile(t, "c.yaml", "addr: \":9000\"\ndata: /srv/pd\nallow-no-2fa: false\n")
	got, err := loadConfig(t, storeOptions, []string{"--config", file}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.DataDir != "/srv/pd" || got.Addr != ":8080" {
		t.Fatalf("data=%q addr=%q, want /srv/pd and the default addr", got.DataDir, got.Addr)
	}
}

func TestConfig_DemoAllowsNo2FA(t *testing.T) {
	t.Parallel()
	var stderr bytes.Buffer
	cf := newConfigFlags("demo", "", serverOptions, &stderr)
	if err := cf.Parse([]string{"--allow-no-2fa"}); err != nil {
		t.Fatal(err)
	}
	base := DefaultConfig()
	base.Demo = true
	got, err := cf.load(base, func(string) string { return "" })
	if err != nil || !got.AllowNo2FA {
		t.Fatalf("AllowNo2FA=%v err=%v, want true and no error", got.AllowNo2FA, err)
	}
}

func TestConfig_URL(t *testing.T) {
	t.Parallel()
	tests := []struct{ base, addr, want string }{
		{"", "127.0.0.1:4321", "http://127.0.0.1:4321"},
		{"", "[::]:8080", "http://localhost:8080"},
		{"", "0.0.0.0:80", "http://localhost:80"},
		{"https://desk.example.com/", "127.0.0.1:1", "https://desk.example.com"},
	}
	for _, tt := range tests {
		c := Config{BaseURL: tt.base}
		if got := c.URL(tt.addr); got != tt.want {
			t.Fatalf("URL(%q) with base %q = %q, want %q", tt.addr, tt.base, got, tt.want)
		}
	}
}

func TestConfig_Usage(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	cf := newConfigFlags("serve", "Serve the desk.", serverOptions, &out)
	cf.Usage()
	for _, o := range serverOptions {
		if !strings.Contains(out.String(), "--"+o.name+"  $"+o.env) {
			t.Fatalf("usage does not list --%s with $%s:\n%s", o.name, o.env, out.String())
		}
	}
	for _, want := range []string{`(default ":8080")`, `(default "./data")`, "PROOFDESK_MASTER_KEY", "PROOFDESK_SMTP_PASSWORD"} {
		if !strings.Contains(out.String(), want) {
			t.Fatalf("usage lacks %q:\n%s", want, out.String())
		}
	}
}
