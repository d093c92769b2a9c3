package http_test

import (
	"net/http"
	"net/netip"
	"testing"

	httpd "github.com/proofdesk/proofdesk/http"
)

// The client address comes from X-Forwarded-For only when the peer (here
// 127.0.0.1, the test client) is a trusted proxy, read from the right past
// trusted hops; a client cannot plant an address to the left.
func TestClientAddr_TrustedProxies(t *testing.T) {
	tests := []struct {
		name    string
		trusted []string
		xff     []string
		want    string
	}{
		{"no proxies: the peer, whatever the header", nil, []string{"203.0.113.7"}, "127.0.0.1"},
		{"peer not trusted", []string{"10.0.0.0/8"}, []string{"203.0.113.7"}, "127.0.0.1"},
		{"trusted peer: the entry it appended", []string{"127.0.0.1"}, []string{"203.0.113.7"}, "203.0.113.7"},
		{"planted entry left of the real one", []string{"127.0.0.1"}, []string{"198.51.100.1, 203.0.113.7"}, "203.0.113.7"},
		{"two trusted hops", []string{"127.0.0.0/8", "10.0.0.0/8"}, []string{"198.51.100.1, 203.0.113.7, 10.1.2.3"}, "203.0.113.7"},
		{"several header lines", []string{"127.0.0.1", "10.0.0.0/8"}, []string{"198.51.100.1", "203.0.113.7, 10.1.2.3"}, "203.0.113.7"},
		{"garbage entry stops the walk", []string{"127.0.0.1"}, []string{"203.0.113.7, not-an-ip"}, "127.0.0.1"},
		{"ipv6 client", []string{"127.0.0.1"}, []string{"2001:db8::1"}, "2001:db8::1"},
		{"client with port", []string{"127.0.0.1"}, []string{"203.0.113.7:4711"}, "203.0.113.7"},
		{"ipv6 client with port", []string{"127.0.0.1"}, []string{"[2001:db8::1]:4711"}, "2001:db8::1"},
		{"ipv4-mapped client", []string{"127.0.0.1"}, []string{"::ffff:203.0.113.7"}, "203.0.113.7"},
		{"trusted prefix, mapped hop", []string{"127.0.0.1", "10.0.0.0/8"}, []string{"203.0.113.7, ::ffff:10.1.2.3"}, "203.0.113.7"},
		{"no header", []string{"127.0.0.1"}, nil, "127.0.0.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			s, _ := MustOpenServer(t, func(s *httpd.Server) {
				p, err := httpd.ParseTrustedProxies(tt.trusted)
				if err != nil {
					t.Fatal(err)
				}
				s.TrustedProxies = p
				s.Handle("GET /addr", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = httpd.ClientAddr(r) }))
			})
			req, _ := http.NewRequest("GET", s.URL()+"/addr", nil)
			for _, v := range tt.xff {
				req.Header.Add("X-Forwarded-For", v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if got != tt.want {
				t.Fatalf("ClientAddr=%q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseTrustedProxies(t *testing.T) {
	got, err := httpd.ParseTrustedProxies([]string{"10.0.0.0/8", " 192.0.2.1 ", "::1", "", "10.1.2.3/8"})
	want := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.0.2.1/32"), netip.MustParsePrefix("::1/128"), netip.MustParsePrefix("10.0.0.0/8")}
	if err != nil || len(got) != len(want) {
		t.Fatalf("got %v, %v, want %v", got, err, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	if _, err := httpd.ParseTrustedProxies([]string{"proxy.example"}); err == nil {
		t.Fatal("a host name was accepted")
	}
}

// HSTS goes out behind a TLS-terminating proxy when the base URL is https.
func TestHSTS_HTTPSBaseURL(t *testing.T) {
	for _, https := range []bool{false, true} {
		s, _ := MustOpenServer(t, func(s *httpd.Server) { s.HTTPS = https })
		resp, _ := do(t, "GET", s.URL()+"/healthz", nil)
		if got := resp.Header.Get("Strict-Transport-Security") != ""; got != https {
			t.Fatalf("HTTPS=%v: HSTS sent=%v", https, got)
		}
	}
}
