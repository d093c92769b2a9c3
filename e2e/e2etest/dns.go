package e2etest

import (
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/miekg/dns"
)

// DNS is a small authoritative DNS server on loopback (UDP and TCP) that
// answers TXT questions from a table, and NXDOMAIN for every other name or
// type: what DKIM, SPF and DMARC ask. Point the server at it with
// --dns-resolver Addr.
type DNS struct {
	// Addr is host:port, the same for UDP and TCP.
	Addr string

	mu  sync.Mutex
	txt map[string][]string
}

// StartDNS serves txt (names without the trailing dot, any case) until
// the test ends.
func StartDNS(tb testing.TB, txt map[string][]string) *DNS {
	tb.Helper()
	d := &DNS{txt: map[string][]string{}}
	for k, v := range txt {
		d.txt[strings.ToLower(strings.TrimSuffix(k, "."))] = v
	}
	// DNS serves UDP and TCP on one port: take a free UDP port, then the
	// same TCP port, which another process may hold (a client's ephemeral
	// port): then try another.
	var pc net.PacketConn
	var ln net.Listener
	for try := 0; ; try++ {
		var err error
		if pc, err = net.ListenPacket("udp", "127.0.0.1:0"); err != nil {
			tb.Fatal(err)
		}
		d.Addr = pc.LocalAddr().String()
		if ln, err = net.Listen("tcp", d.Addr); err == nil {
			break
		}
		pc.Close()
		if try == 20 {
			tb.Fatalf("DNS stub: no port free for both UDP and TCP: %v", err)
		}
	}
	udp := &dns.Server{PacketConn: pc, Handler: d}
	tcp := &dns.Server{Listener: ln, Handler: d}
	go func() { _ = udp.ActivateAndServe() }()
	go func() { _ = tcp.ActivateAndServe() }()
	tb.Cleanup(func() {
		_ = udp.Shutdown()
		_ = tcp.Shutdown()
	})
	return d
}

// ServeDNS implements dns.Handler.
func (d *DNS) ServeDNS(w dns.ResponseWriter, req *dns.Msg) {
	m := new(dns.Msg)
	m.SetReply(req)
	m.Authoritative = true
	if len(req.Question) != 1 {
		m.Rcode = dns.RcodeFormatError
		_ = w.WriteMsg(m)
		return
	}
	q := req.Question[0]
	name := strings.ToLower(strings.TrimSuffix(q.Name, "."))
	d.mu.Lock()
	vals, ok := d.txt[name]
	d.mu.Unlock()
	switch {
	case !ok:
		m.Rcode = dns.RcodeNameError
	case q.Qtype == dns.TypeTXT:
		for _, v := range vals {
			m.Answer = append(m.Answer, &dns.TXT{Hdr: dns.RR_Header{Name: q.Name, Rrtype: dns.TypeTXT, Class: dns.ClassINET, Ttl: 60}, Txt: splitTXT(v)})
		}
	}
	_ = w.WriteMsg(m)
}

// splitTXT cuts a record into the 255-byte strings TXT carries.
func splitTXT(v string) []string {
	var out []string
	for len(v) > 255 {
		out, v = append(out, v[:255]), v[255:]
	}
	return append(out, v)
}
