package mail

import (
	"bytes"
	"fmt"
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
	port := freeLoopbackPort(t)
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
ssl = no
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
    port = 0
  }
}
`, dir, internalUser, igGroup.Name, loginUser, mailUID, mailGID, port)
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
	return addr
}

// freeLoopbackPort returns a TCP port free on 127.0.0.1 a moment ago.
func freeLoopbackPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
