package outbox_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/e2e/e2etest"
	"github.com/proofdesk/proofdesk/outbox"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// startTLSMailpit runs mailpit requiring STARTTLS and AUTH (any login),
// and returns it with a client TLS config that trusts its certificate.
func startTLSMailpit(tb testing.TB) (*e2etest.Mailpit, *tls.Config) {
	tb.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "relay.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"relay.test"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		tb.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		tb.Fatal(err)
	}
	dir := tb.TempDir()
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600); err != nil {
		tb.Fatal(err)
	}
	mp := e2etest.StartMailpitWith(tb, "--smtp-tls-cert", certFile, "--smtp-tls-key", keyFile,
		"--smtp-require-starttls", "--smtp-auth-accept-any", "--smtp-max-recipients", "10")
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		tb.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return mp, &tls.Config{RootCAs: pool, ServerName: "relay.test", MinVersion: tls.VersionTLS12}
}

// TestWorker_MailpitStartTLSAuth: the worker delivers through a real
// relay (mailpit) that requires STARTTLS and AUTH, over reused sessions,
// and every queued reply arrives exactly once.
func TestWorker_MailpitStartTLSAuth(t *testing.T) {
	mp, cli := startTLSMailpit(t)
	db := sqldbtest.Open(t)
	f := newFixture(t, db)
	const convs, per = 4, 10
	queueReplies(t, f, convs, per)
	r, err := outbox.NewSMTPRelay(outbox.RelayConfig{Addr: mp.SMTPAddr, Security: outbox.SecurityStartTLS, TLSConfig: cli,
		Username: "desk", Password: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	w, err := outbox.NewWorker(db, r, nil, outbox.Config{From: "Acme Support <support@desk.test>", Lease: time.Minute, Now: f.clk.Now}, nil)
	if err != nil {
		t.Fatal(err)
	}
	drain(t, w)
	want := convs * (per + 1)
	deadline := time.Now().Add(10 * time.Second)
	for mp.Total(t) < want && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := mp.Total(t); n != want {
		t.Fatalf("mailpit holds %d messages, want %d", n, want)
	}
	if n := r.Sessions(); n > 4 {
		t.Fatalf("%d sessions for %d messages: sessions are not reused", n, want)
	}
}

// queueReplies opens convs email conversations, each with its first
// reply queued, and queues per more replies on each, one conversation
// after another.
func queueReplies(tb testing.TB, f *fixture, convs, per int) {
	tb.Helper()
	for c := range convs {
		conv, _ := f.reply(tb, fmt.Sprintf("req%d@elsewhere.test", c), fmt.Sprintf("in-%d@elsewhere.test", c))
		queueMore(tb, f, conv, per)
	}
}

// queueRepliesMixed is queueReplies with the replies queued round the
// conversations (the first reply of each, then the second of each, …),
// as replies to many customers come: a claim batch then holds many
// conversations, which the workers deliver side by side.
func queueRepliesMixed(tb testing.TB, f *fixture, convs, per int) {
	tb.Helper()
	var cs []*proofdesk.Conversation
	for c := range convs {
		conv, _ := f.reply(tb, fmt.Sprintf("req%d@elsewhere.test", c), fmt.Sprintf("in-%d@elsewhere.test", c))
		cs = append(cs, conv)
	}
	for i := range per {
		for _, conv := range cs {
			queueAgentReply(tb, f, conv, fmt.Sprintf("reply %d", i))
		}
	}
}

func drain(tb testing.TB, w *outbox.Worker) int {
	tb.Helper()
	total := 0
	for {
		n, err := w.RunOnce(context.Background())
		if err != nil {
			tb.Fatal(err)
		}
		if n == 0 {
			return total
		}
		total += n
	}
}

// BenchmarkWorkerMailpitStartTLSAuth measures the outbox's delivery rate
// to a loopback relay that requires STARTTLS and AUTH (mailpit), from
// queued rows in SQLite to mail accepted by the relay: claim, compose,
// send over pooled sessions, mark sent. Run it with a count, e.g.
// -benchtime 2000x; it reports msgs/s, and the CPU per message of this
// process and of mailpit. The replies are queued one conversation after
// another (order=conv: a claim batch of 100 holds 2 or 3 conversations,
// delivered one reply after another each) or round the conversations
// (order=mixed: 50 per batch).
func BenchmarkWorkerMailpitStartTLSAuth(b *testing.B) {
	for _, order := range []string{"conv", "mixed"} {
		for _, workers := range []int{1, 4, 8} {
			b.Run(fmt.Sprintf("order=%s/workers=%d", order, workers), func(b *testing.B) {
				benchWorkerMailpit(b, workers, order == "mixed")
			})
		}
	}
}

func benchWorkerMailpit(b *testing.B, workers int, mixed bool) {
	mp, cli := startTLSMailpit(b)
	db := sqldbtest.Open(b)
	f := newFixture(b, db)
	const convs = 50
	per := max(b.N/convs, 1)
	if mixed {
		queueRepliesMixed(b, f, convs, per-1)
	} else {
		queueReplies(b, f, convs, per-1)
	}
	r, err := outbox.NewSMTPRelay(outbox.RelayConfig{Addr: mp.SMTPAddr, Security: outbox.SecurityStartTLS, TLSConfig: cli,
		Username: "desk", Password: "secret", MaxIdle: workers})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	// With the stored branding, as `proofdesk serve` runs it.
	w, err := outbox.NewWorker(db, r, nil, outbox.Config{From: "Acme Support <support@desk.test>", Lease: time.Minute,
		Workers: workers, Now: f.clk.Now, Branding: sqldb.NewBrandingService(db, proofdesk.Branding{Company: "Acme"})}, nil)
	if err != nil {
		b.Fatal(err)
	}
	stopProfile := profileDrain(b)
	b.ResetTimer()
	ours, theirs := processCPU(b), mp.CPUTime(b)
	start := time.Now()
	n := drain(b, w)
	el := time.Since(start)
	ours, theirs = processCPU(b)-ours, mp.CPUTime(b)-theirs
	stopProfile()
	b.StopTimer()
	if n != convs*per {
		b.Fatalf("delivered %d, want %d", n, convs*per)
	}
	b.ReportMetric(float64(n)/el.Seconds(), "msgs/s")
	b.ReportMetric(float64(r.Sessions()), "sessions")
	// CPU per message, ours (this process: claim, compose, send,
	// mark sent) and mailpit's, which shares the machine.
	b.ReportMetric(float64(ours.Microseconds())/float64(n), "our-cpu-µs/msg")
	b.ReportMetric(float64(theirs.Microseconds())/float64(n), "mailpit-cpu-µs/msg")
}

// TestWorker_CrashAfterAcceptMailpitKeepsOne: a node killed between the
// relay's 250 and marking the row sent makes the next worker send the
// mail again; with the same Message-ID a receiver that drops duplicate
// IDs (mailpit --ignore-duplicate-ids; Gmail does the same) keeps one.
func TestWorker_CrashAfterAcceptMailpitKeepsOne(t *testing.T) {
	mp := e2etest.StartMailpitWith(t, "--ignore-duplicate-ids")
	db := sqldbtest.Open(t)
	f := newFixture(t, db)
	f.reply(t, "requester@elsewhere.test", "in-7@elsewhere.test")
	newRelay := func() *outbox.SMTPRelay {
		r, err := outbox.NewSMTPRelay(outbox.RelayConfig{Addr: mp.SMTPAddr, Security: outbox.SecurityNone})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		return r
	}
	defer outbox.SetMarkStopRetry(0)()
	deadCtx, kill := context.WithCancel(context.Background())
	defer kill()
	dead, err := outbox.NewWorker(killedStore{db, kill}, newRelay(), nil, outbox.Config{From: "Acme Support <support@desk.test>",
		Lease: time.Minute, Now: f.clk.Now}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dead.RunOnce(deadCtx); err == nil {
		t.Fatal("the killed node's RunOnce reported no error")
	}
	f.clk.Add(time.Minute)
	w, err := outbox.NewWorker(db, newRelay(), nil, outbox.Config{From: "Acme Support <support@desk.test>", Lease: time.Minute, Now: f.clk.Now}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := drain(t, w); n != 1 {
		t.Fatalf("the next worker delivered %d rows, want the one left claimed", n)
	}
	for deadline := time.Now().Add(10 * time.Second); mp.Total(t) == 0 && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond) // mailpit stores after its 250
	}
	if n := mp.Total(t); n != 1 {
		t.Fatalf("mailpit holds %d messages, want 1", n)
	}
}

// profileDrain starts a CPU profile of the delivery alone (not the
// queueing before it) when $OUTBOX_BENCH_CPUPROFILE names a file: it is
// written to that name with the sub-benchmark's name appended
// ("order=conv/workers=4" as ".order=conv.workers=4"). It returns the
// stop.
func profileDrain(b *testing.B) func() {
	b.Helper()
	path := os.Getenv("OUTBOX_BENCH_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	name := b.Name()[strings.Index(b.Name(), "/")+1:]
	f, err := os.Create(path + "." + strings.ReplaceAll(name, "/", "."))
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// processCPU returns the CPU time (user + system) this process has used
// so far (getrusage(2), RUSAGE_SELF).
func processCPU(tb testing.TB) time.Duration {
	tb.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
