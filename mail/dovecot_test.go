package mail

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// dovecotBinary is where Debian's dovecot-core installs the server.
const dovecotBinary = "/usr/sbin/dovecot"

// mustDovecot starts Dovecot (Debian's dovecot-imapd) in the foreground on a
// loopback port, with its whole configuration, state and maildirs in a
// temporary directory, and user "support" (password "s3cret") with an
// empty INBOX. It returns the address. The test is skipped when Dovecot is
// not installed, unless PROOFDESK_REQUIRE_DOVECOT is set (as .ci/run does,
// after installing it), where it fails.
func mustDovecot(t *testing.T) string {
	t.Helper()
	return startDovecot(t).addr
}

// dovecotServer is a running Dovecot: plain IMAP (STARTTLS offered) on
// addr, implicit TLS on tlsAddr, with a certificate for 127.0.0.1 that
// roots verifies.
type dovecotServer struct {
	addr, tlsAddr string
	roots         *x509.CertPool
}

// startDovecot is mustDovecot with TLS too: a fresh ECDSA certificate for
// 127.0.0.1, made by the test, on both listeners.
func startDovecot(t *testing.T) *dovecotServer {
	t.Helper()
	if _, err := os.Stat(dovecotBinary); err != nil {
		if os.Getenv("PROOFDESK_REQUIRE_DOVECOT") != "" {
			t.Fatalf("dovecot: %v (apt-get install dovecot-imapd)", err)
		}
		t.Skipf("dovecot is not installed (apt-get install dovecot-imapd): %v", err)
	}
	// Dovecot's unprivileged login processes must reach the sockets under
	// base_dir, so the directory is world-traversable (t.TempDir is 0700).
	dir, err := os.MkdirTemp("", "proofdesk-dovecot-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			log, _ := os.ReadFile(filepath.Join(dir, "dovecot.log"))
			t.Logf("dovecot.log:\n%s", log)
		}
		os.RemoveAll(dir)
	})
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	me, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	internalUser, loginUser := me.Username, me.Username
	mailUID, mailGID := me.Uid, me.Gid
	if os.Getuid() == 0 {
		// Debian's package creates these users; Dovecot refuses root for
		// them and for mail, so mail belongs to the dovecot user.
		internalUser, loginUser = "dovecot", "dovenull"
	}
	port, tlsPort := freeLoopbackPorts(t)
	roots := writeTestCert(t, filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem"))
	passwd := filepath.Join(dir, "passwd")
	if err := os.WriteFile(passwd, []byte("support:{PLAIN}s3cret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ig, err := user.Lookup(internalUser)
	if err != nil {
		t.Fatal(err)
	}
	igGroup, err := user.LookupGroupId(ig.Gid)
	if err != nil {
		t.Fatal(err)
	}
	if os.Getuid() == 0 {
		mailUID, mailGID = ig.Uid, ig.Gid
	}
	for _, sub := range []string{"mail", "home"} {
		p := filepath.Join(dir, sub)
		if err := os.Mkdir(p, 0o700); err != nil {
			t.Fatal(err)
		}
		if os.Getuid() == 0 {
			uid, _ := strconv.Atoi(mailUID)
			gid, _ := strconv.Atoi(mailGID)
			if err := os.Chown(p, uid, gid); err != nil {
				t.Fatal(err)
			}
		}
	}
	conf := fmt.Sprintf(`base_dir = %[1]s/run
state_dir = %[1]s/state
log_path = %[1]s/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <%[1]s/cert.pem
ssl_key = <%[1]s/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain
default_internal_user = %[2]s
default_internal_group = %[3]s
default_login_user = %[4]s
first_valid_uid = %[5]s
first_valid_gid = %[6]s
mail_location = maildir:%[1]s/mail/%%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%%u %[1]s/passwd
}
userdb {
  driver = static
  args = uid=%[5]s gid=%[6]s home=%[1]s/home/%%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = %[7]d
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = %[8]d
    ssl = yes
  }
}
`, dir, internalUser, igGroup.Name, loginUser, mailUID, mailGID, port, tlsPort)
	confPath := filepath.Join(dir, "dovecot.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd := exec.Command(dovecotBinary, "-F", "-c", confPath)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start dovecot: %v", err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	srv := &dovecotServer{addr: addr, tlsAddr: fmt.Sprintf("127.0.0.1:%d", tlsPort), roots: roots}
	for deadline := time.Now().Add(10 * time.Second); ; {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			break
		}
		select {
		case <-done:
			log, _ := os.ReadFile(filepath.Join(dir, "dovecot.log"))
			t.Fatalf("dovecot exited: %s\n%s", out.String(), log)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("dovecot does not listen on %s: %s", addr, out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	return srv
}

// writeTestCert writes a self-signed ECDSA P-256 certificate for the IP
// address 127.0.0.1 and its key as PEM, readable by Dovecot, and returns a
// pool holding the certificate.
func writeTestCert(t *testing.T, certPath, keyPath string) *x509.CertPool {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "proofdesk test IMAP"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	return roots
}

// freeLoopbackPorts returns two distinct TCP ports free on 127.0.0.1 a
// moment ago: both listeners are held open while the second is picked, so
// the kernel cannot hand out the same port twice.
func freeLoopbackPorts(t *testing.T) (int, int) {
	t.Helper()
	a, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	return a.Addr().(*net.TCPAddr).Port, b.Addr().(*net.TCPAddr).Port
}
