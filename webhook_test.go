package proofdesk_test

import (
	"net/netip"
	"testing"

	"github.com/proofdesk/proofdesk"
)

func TestParseWebhookURL(t *testing.T) {
	lo := []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
	ten := []netip.Prefix{netip.MustParsePrefix("10.1.0.0/16")}
	tests := []struct {
		name      string
		url       string
		allowHTTP bool
		allow     []netip.Prefix
		ok        bool
	}{
		{"https public", "https://hooks.example.com/in", false, nil, true},
		{"http public", "http://hooks.example.com/in", false, nil, false},
		{"http public allowed by the admin", "http://hooks.example.com/in", true, nil, true},
		{"http loopback, listed", "http://127.0.0.1:9000/in", false, lo, true},
		{"http localhost, listed", "http://localhost:9000/in", false, lo, true},
		{"loopback not listed", "http://127.0.0.1:9000/in", false, nil, false},
		{"localhost not listed", "https://localhost/in", false, nil, false},
		{"private", "https://10.1.2.3/in", false, nil, false},
		{"private, listed", "https://10.1.2.3/in", false, ten, true},
		{"private, other range listed", "https://10.2.2.3/in", false, ten, false},
		{"metadata", "https://169.254.169.254/latest/meta-data", false, nil, false},
		{"mapped loopback", "https://[::ffff:127.0.0.1]/in", false, nil, false},
		{"ipv6 unique local", "https://[fd00::1]/in", false, nil, false},
		{"credentials", "https://user:pass@hooks.example.com/in", false, nil, false},
		{"file", "file:///etc/passwd", false, nil, false},
		{"relative", "/in", false, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := proofdesk.ParseWebhookURL(tt.url, tt.allowHTTP, tt.allow)
			if (err == nil) != tt.ok {
				t.Fatalf("ParseWebhookURL(%q) err=%v, want ok=%v", tt.url, err, tt.ok)
			}
			if err != nil && proofdesk.ErrorCode(err) != proofdesk.EINVALID {
				t.Fatalf("code %s, want EINVALID", proofdesk.ErrorCode(err))
			}
		})
	}
}

// The signature is HMAC-SHA256 over "<t>.<body>", hex, with t in seconds.
func TestSignWebhook(t *testing.T) {
	got := proofdesk.SignWebhook("whsec_test", mustTime(t, "2026-01-02T03:04:05Z"), []byte(`{"a":1}`))
	// printf '1767323045.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
	want := "t=1767323045,v1=" + hmacHex(t, "whsec_test", `1767323045.{"a":1}`)
	if got != want {
		t.Fatalf("SignWebhook = %s, want %s", got, want)
	}
}
