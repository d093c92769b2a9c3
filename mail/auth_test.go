package mail

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/hex"
	"flag"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-msgauth/dkim"
	"github.com/emersion/go-msgauth/dmarc"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite generated testdata (signed .eml fixtures)")

// testKey loads the committed test-only DKIM key. It signs fixtures and
// nothing else.
func testKey(tb testing.TB) ed25519.PrivateKey {
	tb.Helper()
	b, err := os.ReadFile("testdata/auth/test-ed25519.seed.hex")
	if err != nil {
		tb.Fatal(err)
	}
	seed, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil {
		tb.Fatal(err)
	}
	return ed25519.NewKeyFromSeed(seed)
}

// mapResolver is a Resolver with fixed answers. Unknown names are NXDOMAIN;
// names in temp fail temporarily.
type mapResolver struct {
	txt  map[string][]string
	ip   map[string][]net.IPAddr
	temp map[string]bool
}

var _ Resolver = (*mapResolver)(nil)

func (r *mapResolver) err(name string) error {
	if r.temp[name] {
		return &net.DNSError{Err: "server misbehaving", Name: name, IsTemporary: true}
	}
	return &net.DNSError{Err: "no such host", Name: name, IsNotFound: true}
}

func dnsName(n string) string { return strings.ToLower(strings.TrimSuffix(n, ".")) }

func (r *mapResolver) LookupTXT(_ context.Context, name string) ([]string, error) {
	name = dnsName(name)
	if v, ok := r.txt[name]; ok && !r.temp[name] {
		return v, nil
	}
	return nil, r.err(name)
}

func (r *mapResolver) LookupMX(_ context.Context, name string) ([]*net.MX, error) {
	return nil, r.err(dnsName(name))
}

func (r *mapResolver) LookupIPAddr(_ context.Context, host string) ([]net.IPAddr, error) {
	host = dnsName(host)
	if v, ok := r.ip[host]; ok {
		return v, nil
	}
	return nil, r.err(host)
}

func (r *mapResolver) LookupAddr(_ context.Context, addr string) ([]string, error) {
	return nil, r.err(addr)
}

func testResolver(tb testing.TB) *mapResolver {
	key := testKey(tb)
	dkimTXT := "v=DKIM1; k=ed25519; p=" + base64.StdEncoding.EncodeToString(key.Public().(ed25519.PublicKey))
	return &mapResolver{
		txt: map[string][]string{
			"sel._domainkey.example.com":   {dkimTXT},
			"sel._domainkey.attacker.test": {dkimTXT},
			"sel._domainkey.nodmarc.test":  {dkimTXT},
			"_dmarc.example.com":           {"v=DMARC1; p=reject; rua=mailto:d@example.com"},
			"_dmarc.strict.test":           {"v=DMARC1; p=quarantine; adkim=s; aspf=s"},
			"_dmarc.broken.test":           {"v=DMARC1; p=bogus"},
			"_dmarc.temp.test":             {"v=DMARC1; p=reject"},
			"example.com":                  {"v=spf1 ip4:192.0.2.0/24 -all"},
			"mail.example.com":             {"v=spf1 ip4:192.0.2.0/24 -all"},
			"mail.strict.test":             {"v=spf1 ip4:192.0.2.0/24 -all"},
			"temp.test":                    {"v=spf1 ip4:192.0.2.0/24 -all"},
			"attacker.test":                {"v=spf1 +all"},
		},
		temp: map[string]bool{"_dmarc.temp.test": true},
	}
}

// signedFixtures maps generated fixtures to their source and signing domain.
var signedFixtures = []struct{ out, src, domain string }{
	{"pass.eml", "src-pass.eml", "example.com"},
	{"unaligned.eml", "src-unaligned.eml", "attacker.test"},
	{"nodmarc.eml", "src-nodmarc.eml", "nodmarc.test"},
	{"subdomain.eml", "src-subdomain.eml", "example.com"},
}

// TestAuthFixtures regenerates the signed fixtures from their sources and
// the committed key when run with -update:
//
//	go test ./mail -run TestAuthFixtures -update
//
// Signatures carry a timestamp (t=), so fixtures are not byte-stable across
// runs; TestAuthenticate checks the committed ones verify.
func TestAuthFixtures(t *testing.T) {
	if !*update {
		t.Skip("regenerates testdata/auth; run with -update")
	}
	key := testKey(t)
	gen := map[string][]byte{}
	for _, f := range signedFixtures {
		src, err := os.ReadFile(filepath.Join("testdata/auth", f.src))
		if err != nil {
			t.Fatal(err)
		}
		src = bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))
		var out bytes.Buffer
		err = dkim.Sign(&out, bytes.NewReader(src), &dkim.SignOptions{
			Domain: f.domain, Selector: "sel", Signer: key,
			HeaderCanonicalization: dkim.CanonicalizationRelaxed,
			BodyCanonicalization:   dkim.CanonicalizationRelaxed,
			HeaderKeys:             []string{"From", "To", "Subject", "Date", "Message-ID", "Content-Type"},
		})
		if err != nil {
			t.Fatal(err)
		}
		gen[f.out] = out.Bytes()
	}
	pass := gen["pass.eml"]
	gen["tampered.eml"] = bytes.Replace(pass, []byte("Please call me back."), []byte("Ship to 1 Evil Road."), 1)
	if bytes.Equal(gen["tampered.eml"], pass) {
		t.Fatal("tampering changed nothing")
	}
	for name, b := range gen {
		if err := os.WriteFile(filepath.Join("testdata/auth", name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readAuthFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata/auth", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestAuthenticate(t *testing.T) {
	inSPF := net.ParseIP("192.0.2.10")
	outsideSPF := net.ParseIP("198.51.100.7")
	unsignedStrict := []byte("From: alice@strict.test\r\nSubject: hi\r\n\r\nhello\r\n")
	twoFroms := []byte("From: alice@example.com\r\nFrom: mallory@attacker.test\r\nSubject: hi\r\n\r\nhello\r\n")
	signedAt := time.Unix(1795882103, 0)
	sig := func(domain string, aligned bool) []DKIMSignature {
		return []DKIMSignature{{Domain: domain, Headers: []string{"from", "to", "subject", "date", "message-id", "content-type"}, Time: signedAt, Aligned: aligned}}
	}
	tests := []struct {
		name     string
		raw      []byte
		ip       net.IP
		helo     string
		mailFrom string
		want     AuthResult
	}{
		{
			name: "dkim pass aligned",
			raw:  readAuthFixture(t, "pass.eml"), ip: outsideSPF, helo: "mx.example.com", mailFrom: "alice@example.com",
			want: AuthResult{DKIM: "pass", DKIMDomains: []string{"example.com"}, DKIMSigned: sig("example.com", true), SPF: "fail", SPFDomain: "example.com",
				DMARC: "pass", DMARCPolicy: "reject", FromDomain: "example.com", DMARCPass: true},
		},
		{
			name: "tampered body",
			raw:  readAuthFixture(t, "tampered.eml"), ip: outsideSPF, helo: "mx.example.com", mailFrom: "alice@example.com",
			want: AuthResult{DKIM: "fail", SPF: "fail", SPFDomain: "example.com",
				DMARC: "fail", DMARCPolicy: "reject", FromDomain: "example.com"},
		},
		{
			name: "from not aligned with d= or mail from",
			raw:  readAuthFixture(t, "unaligned.eml"), ip: outsideSPF, helo: "mx.attacker.test", mailFrom: "bounce@attacker.test",
			want: AuthResult{DKIM: "pass", DKIMDomains: []string{"attacker.test"}, DKIMSigned: sig("attacker.test", false), SPF: "pass", SPFDomain: "attacker.test",
				DMARC: "fail", DMARCPolicy: "reject", FromDomain: "example.com"},
		},
		{
			name: "no dmarc record",
			raw:  readAuthFixture(t, "nodmarc.eml"), ip: outsideSPF, helo: "mx.nodmarc.test", mailFrom: "bob@nodmarc.test",
			want: AuthResult{DKIM: "pass", DKIMDomains: []string{"nodmarc.test"}, DKIMSigned: sig("nodmarc.test", false), SPF: "none", SPFDomain: "nodmarc.test",
				DMARC: "none", FromDomain: "nodmarc.test"},
		},
		{
			name: "spf pass without dkim, relaxed alignment",
			raw:  readAuthFixture(t, "unsigned.eml"), ip: inSPF, helo: "mx.example.com", mailFrom: "bounce@mail.example.com",
			want: AuthResult{DKIM: "none", SPF: "pass", SPFDomain: "mail.example.com",
				DMARC: "pass", DMARCPolicy: "reject", FromDomain: "example.com", DMARCPass: true, SPFAligned: true},
		},
		{
			name: "spf from unauthorized ip without dkim",
			raw:  readAuthFixture(t, "unsigned.eml"), ip: outsideSPF, helo: "mx.example.com", mailFrom: "alice@example.com",
			want: AuthResult{DKIM: "none", SPF: "fail", SPFDomain: "example.com",
				DMARC: "fail", DMARCPolicy: "reject", FromDomain: "example.com"},
		},
		{
			name: "null mail from uses helo",
			raw:  readAuthFixture(t, "unsigned.eml"), ip: inSPF, helo: "mail.example.com", mailFrom: "",
			want: AuthResult{DKIM: "none", SPF: "pass", SPFDomain: "mail.example.com",
				DMARC: "pass", DMARCPolicy: "reject", FromDomain: "example.com", DMARCPass: true, SPFAligned: true},
		},
		{
			name: "spf pass but strict alignment",
			raw:  unsignedStrict, ip: inSPF, helo: "mx.strict.test", mailFrom: "bounce@mail.strict.test",
			want: AuthResult{DKIM: "none", SPF: "pass", SPFDomain: "mail.strict.test",
				DMARC: "fail", DMARCPolicy: "quarantine", FromDomain: "strict.test"},
		},
		{
			name: "subdomain falls back to organizational record",
			raw:  readAuthFixture(t, "subdomain.eml"), ip: outsideSPF, helo: "mx.example.com", mailFrom: "",
			want: AuthResult{DKIM: "pass", DKIMDomains: []string{"example.com"}, DKIMSigned: sig("example.com", true), SPF: "none", SPFDomain: "mx.example.com",
				DMARC: "pass", DMARCPolicy: "reject", FromDomain: "support.example.com", DMARCPass: true},
		},
		{
			// RFC 7489 §6.6.1: several From fields are rejected or
			// treated as failing, never as "no result" (which would
			// spare a forger the dmarc_fail signal).
			name: "two from fields",
			raw:  twoFroms, ip: inSPF, helo: "mx.example.com", mailFrom: "bounce@example.com",
			want: AuthResult{DKIM: "none", SPF: "pass", SPFDomain: "example.com", DMARC: "fail", FromMalformed: true},
		},
		{
			name: "from list of two mailboxes",
			raw:  []byte("From: alice@example.com, mallory@attacker.test\r\nSubject: hi\r\n\r\nhello\r\n"), ip: inSPF, helo: "mx.example.com", mailFrom: "bounce@example.com",
			want: AuthResult{DKIM: "none", SPF: "pass", SPFDomain: "example.com", DMARC: "fail", FromMalformed: true},
		},
		{
			name: "from only a lenient parser reads",
			raw:  []byte("From: Jane Doe jane@example.com>\r\nSubject: hi\r\n\r\nhello\r\n"), ip: inSPF, helo: "mx.example.com", mailFrom: "bounce@example.com",
			want: AuthResult{DKIM: "none", SPF: "pass", SPFDomain: "example.com", DMARC: "fail", FromMalformed: true},
		},
		{
			name: "dmarc lookup fails temporarily",
			raw:  []byte("From: a@temp.test\r\n\r\nhi\r\n"), ip: inSPF, helo: "mx.temp.test", mailFrom: "a@temp.test",
			want: AuthResult{DKIM: "none", SPF: "pass", SPFDomain: "temp.test", DMARC: "temperror", FromDomain: "temp.test"},
		},
		{
			name: "broken dmarc record",
			raw:  []byte("From: a@broken.test\r\n\r\nhi\r\n"), ip: inSPF, helo: "mx.broken.test", mailFrom: "a@broken.test",
			want: AuthResult{DKIM: "none", SPF: "none", SPFDomain: "broken.test", DMARC: "permerror", FromDomain: "broken.test"},
		},
		{
			name: "not a message",
			raw:  []byte("\x00\x01garbage"), ip: outsideSPF, helo: "", mailFrom: "",
			want: AuthResult{DKIM: "permerror", SPF: "none", DMARC: "permerror"},
		},
	}
	r := testResolver(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Authenticate(context.Background(), tt.raw, tt.ip, tt.helo, tt.mailFrom, r)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("AuthResult mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// A DKIM key lookup that fails temporarily must not read as a forgery.
func TestAuthenticate_DKIMTempError(t *testing.T) {
	r := testResolver(t)
	r.temp["sel._domainkey.example.com"] = true
	got := Authenticate(context.Background(), readAuthFixture(t, "pass.eml"), net.ParseIP("198.51.100.7"), "mx.example.com", "alice@example.com", r)
	if got.DKIM != ResultTempError || got.DMARC != ResultTempError || got.DMARCPass {
		t.Fatalf("DKIM=%s DMARC=%s pass=%v, want temperror, temperror, false", got.DKIM, got.DMARC, got.DMARCPass)
	}
}

// TestOrgDomain checks the organizational domain against the Public Suffix
// List's own test vectors (publicsuffix.org, tests/test_psl.txt: the
// registrable domain of each name), and against the multi-label suffixes a
// spoofer shares with a bank: co.uk, com.au, co.jp, com.br, co.nz, uk.com.
func TestOrgDomain(t *testing.T) {
	tests := []struct{ domain, want string }{
		// test_psl.txt ("NULL" there: the name is its own organizational domain here).
		{"example.com", "example.com"},
		{"b.example.com", "example.com"},
		{"a.b.example.com", "example.com"},
		{"uk.com", "uk.com"},
		{"example.uk.com", "example.uk.com"},
		{"a.b.example.uk.com", "example.uk.com"},
		{"test.ac", "test.ac"},
		{"www.test.jp", "test.jp"},
		{"ac.jp", "ac.jp"},
		{"www.test.ac.jp", "test.ac.jp"},
		{"test.kyoto.jp", "test.kyoto.jp"},
		{"a.b.ide.kyoto.jp", "b.ide.kyoto.jp"},
		{"a.b.c.kobe.jp", "b.c.kobe.jp"},
		{"www.city.kobe.jp", "city.kobe.jp"},
		{"www.test.ak.us", "test.ak.us"},
		{"www.test.k12.ak.us", "test.k12.ak.us"},
		{"a.b.example.example", "example.example"},
		// The suffixes of the attack.
		{"bank.co.uk", "bank.co.uk"},
		{"mail.bank.co.uk", "bank.co.uk"},
		{"co.uk", "co.uk"},
		{"mx.shop.com.au", "shop.com.au"},
		{"support.bank.co.jp", "bank.co.jp"},
		{"news.loja.com.br", "loja.com.br"},
		{"a.kiwi.co.nz", "kiwi.co.nz"},
	}
	for _, tt := range tests {
		if got := orgDomain(tt.domain); got != tt.want {
			t.Errorf("orgDomain(%q)=%q, want %q", tt.domain, got, tt.want)
		}
	}
}

// TestAligned checks relaxed and strict alignment (RFC 7489 §3.1) under
// multi-label public suffixes: two registrants under one suffix never
// align; a subdomain aligns with its organization only when relaxed.
func TestAligned(t *testing.T) {
	tests := []struct {
		from, other     string
		relaxed, strict bool
	}{
		{"bank.co.uk", "attacker.co.uk", false, false},
		{"bank.co.uk", "co.uk", false, false},
		{"bank.co.uk", "mail.bank.co.uk", true, false},
		{"bank.co.uk", "BANK.co.uk.", true, true},
		{"shop.com.au", "evil.com.au", false, false},
		{"shop.com.au", "bounce.shop.com.au", true, false},
		{"bank.co.jp", "spoof.co.jp", false, false},
		{"support.bank.co.jp", "bank.co.jp", true, false},
		{"loja.com.br", "golpe.com.br", false, false},
		{"b.c.kobe.jp", "d.c.kobe.jp", false, false},
		{"example.uk.com", "other.uk.com", false, false},
		{"example.com", "mail.example.com", true, false},
		{"example.com", "", false, false},
	}
	for _, tt := range tests {
		if got := aligned(tt.from, tt.other, dmarc.AlignmentRelaxed); got != tt.relaxed {
			t.Errorf("relaxed aligned(%q, %q)=%v, want %v", tt.from, tt.other, got, tt.relaxed)
		}
		if got := aligned(tt.from, tt.other, dmarc.AlignmentStrict); got != tt.strict {
			t.Errorf("strict aligned(%q, %q)=%v, want %v", tt.from, tt.other, got, tt.strict)
		}
	}
}

// TestAuthenticate_SharedSuffix is the spoof of issue 10: a mail From a
// bank under co.uk, com.au or co.jp, sent from another registrant's domain
// under the same suffix whose SPF passes, must fail DMARC; the bank's own
// subdomain passes relaxed and fails strict; a record published at the
// public suffix itself is never the fallback.
func TestAuthenticate_SharedSuffix(t *testing.T) {
	r := &mapResolver{txt: map[string][]string{
		"_dmarc.bank.co.uk":  {"v=DMARC1; p=reject"},
		"_dmarc.shop.com.au": {"v=DMARC1; p=reject; aspf=s"},
		"_dmarc.bank.co.jp":  {"v=DMARC1; p=quarantine"},
		"_dmarc.co.uk":       {"v=DMARC1; p=none"},
		"attacker.co.uk":     {"v=spf1 +all"},
		"evil.com.au":        {"v=spf1 +all"},
		"spoof.co.jp":        {"v=spf1 +all"},
		"mail.bank.co.uk":    {"v=spf1 +all"},
		"bounce.shop.com.au": {"v=spf1 +all"},
		"shop.com.au":        {"v=spf1 +all"},
		"bank.co.jp":         {"v=spf1 +all"},
		"nobody.co.uk":       {"v=spf1 +all"},
	}}
	ip := net.ParseIP("203.0.113.9")
	tests := []struct {
		name, from, mailFrom string
		want                 string
	}{
		{"co.uk spoof", "alice@bank.co.uk", "x@attacker.co.uk", ResultFail},
		{"com.au spoof", "alice@shop.com.au", "x@evil.com.au", ResultFail},
		{"co.jp spoof", "alice@bank.co.jp", "x@spoof.co.jp", ResultFail},
		{"co.uk own subdomain, relaxed", "alice@bank.co.uk", "x@mail.bank.co.uk", ResultPass},
		{"com.au own subdomain, strict", "alice@shop.com.au", "x@bounce.shop.com.au", ResultFail},
		{"com.au same name, strict", "alice@shop.com.au", "x@shop.com.au", ResultPass},
		{"co.jp subdomain falls back to the organization", "alice@support.bank.co.jp", "x@bank.co.jp", ResultPass},
		{"no fallback to the public suffix", "bob@nobody.co.uk", "x@nobody.co.uk", ResultNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := []byte("From: " + tt.from + "\r\nSubject: hi\r\n\r\nhello\r\n")
			got := Authenticate(context.Background(), raw, ip, "mx.test", tt.mailFrom, r)
			if got.SPF != ResultPass {
				t.Fatalf("SPF=%q, want pass (the test's premise)", got.SPF)
			}
			if got.DMARC != tt.want || got.DMARCPass != (tt.want == ResultPass) {
				t.Fatalf("DMARC=%q (pass %v), want %q", got.DMARC, got.DMARCPass, tt.want)
			}
		})
	}
}
