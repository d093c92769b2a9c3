package e2etest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Mailpit is a running mailpit process: an SMTP server that keeps every
// message it receives, with an HTTP API to read them.
type Mailpit struct {
	// SMTPAddr is the SMTP listen address (host:port).
	SMTPAddr string
	// APIURL is the base URL of the HTTP API (http://host:port).
	APIURL string

	bin, httpAddr, dbPath string
	args                  []string // extra flags, kept for a restart
	cmd                   *exec.Cmd
	exited                chan struct{}
	logs                  *syncBuffer
}

// StartMailpit starts mailpit on free loopback ports with a fresh
// database and kills it when the test ends. When mailpit is in neither
// $PATH nor $(go env GOPATH)/bin the test is skipped, or failed when $CI
// is set.
func StartMailpit(tb testing.TB) *Mailpit {
	tb.Helper()
	return StartMailpitWith(tb)
}

// StartMailpitWith is StartMailpit with extra mailpit flags, such as
// "--smtp-tls-cert", FILE, "--smtp-tls-key", FILE,
// "--smtp-require-starttls", "--smtp-auth-accept-any".
func StartMailpitWith(tb testing.TB, args ...string) *Mailpit {
	tb.Helper()
	bin := findTool("mailpit")
	if bin == "" {
		MissingTool(tb, "mailpit not found in $PATH or $(go env GOPATH)/bin; install it with: go install github.com/axllent/mailpit@v1.33.1")
	}
	m := &Mailpit{SMTPAddr: FreeAddr(tb), httpAddr: FreeAddr(tb), bin: bin, dbPath: filepath.Join(tb.TempDir(), "mailpit.db"), args: args}
	m.APIURL = "http://" + m.httpAddr
	tb.Cleanup(func() { m.kill() })
	m.Start(tb)
	return m
}

// Stop kills mailpit, as a relay outage: its SMTP port refuses
// connections until Start. What it received is kept.
func (m *Mailpit) Stop(tb testing.TB) {
	tb.Helper()
	m.kill()
}

func (m *Mailpit) kill() {
	if m.cmd == nil {
		return
	}
	_ = m.cmd.Process.Kill()
	<-m.exited
	m.cmd = nil
}

// Start starts mailpit (again, after Stop) on its ports and database,
// and waits until its API and SMTP port answer.
func (m *Mailpit) Start(tb testing.TB) {
	tb.Helper()
	if m.cmd != nil {
		tb.Fatal("mailpit is running")
	}
	m.logs = &syncBuffer{}
	cmd := exec.Command(m.bin, append([]string{"--smtp", m.SMTPAddr, "--listen", m.httpAddr, "--disable-version-check", "--database", m.dbPath}, m.args...)...)
	cmd.Stdout, cmd.Stderr = m.logs, m.logs
	if err := cmd.Start(); err != nil {
		tb.Fatalf("start mailpit: %v", err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	m.cmd, m.exited = cmd, exited
	// Readiness: wait until the API and the SMTP port both answer.
	deadline := time.Now().Add(30 * time.Second)
	for {
		select {
		case <-exited:
			tb.Fatalf("mailpit exited at start: %s", m.logs.String())
		default:
		}
		if resp, err := http.Get(m.APIURL + "/api/v1/messages"); err == nil {
			resp.Body.Close()
			if c, err := net.Dial("tcp", m.SMTPAddr); err == nil {
				c.Close()
				return
			}
		}
		if time.Now().After(deadline) {
			tb.Fatalf("mailpit did not start within 30s: %s", m.logs.String())
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// CPUTime returns the CPU time (user + system) the running mailpit
// process has used so far, read from /proc/PID/stat (fields 14 and 15,
// in clock ticks of 1/100 s, proc(5)): a benchmark takes it before and
// after a run to tell mailpit's share of the machine from its own. It
// fails the test where /proc is not there or mailpit is not running.
func (m *Mailpit) CPUTime(tb testing.TB) time.Duration {
	tb.Helper()
	if m.cmd == nil {
		tb.Fatal("mailpit is not running")
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", m.cmd.Process.Pid))
	if err != nil {
		tb.Fatalf("mailpit CPU time: %v", err)
	}
	// The command name (field 2) is in parentheses and may hold blanks:
	// count the fields after its closing one.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 13 {
		tb.Fatalf("mailpit CPU time: short /proc stat line")
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		tb.Fatalf("mailpit CPU time: bad /proc stat line")
	}
	return time.Duration(utime+stime) * (time.Second / 100)
}

// Address is a mailbox in a mailpit message.
type Address struct {
	Name    string
	Address string
}

// Summary is a message as mailpit lists it.
type Summary struct {
	ID        string
	MessageID string
	Subject   string
	From      Address
	To        []Address
	Cc        []Address
	Created   time.Time
}

// Message is one message in full.
type Message struct {
	// ID is mailpit's ID of the message.
	ID string
	// MessageID is the Message-ID header without angle brackets.
	MessageID string
	Subject   string
	From      Address
	To        []Address
	// Text is the plain-text body.
	Text string
	// HTML is the HTML body, if any.
	HTML string
	// Headers are all headers, by canonical name.
	Headers map[string][]string
	// Attachments are the files mailpit found in the message.
	Attachments []Attachment
}

// Attachment is a file of a message, as mailpit parsed it.
type Attachment struct {
	FileName    string
	ContentType string
	Size        int
}

// Header returns the first value of the header name, or "".
func (m *Message) Header(name string) string {
	for k, v := range m.Headers {
		if strings.EqualFold(k, name) && len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

var linkRE = regexp.MustCompile(`https?://[^\s<>"')\]]+`)

// Links returns the http(s) URLs in the text body, in order.
func (m *Message) Links() []string { return linkRE.FindAllString(m.Text, -1) }

// Link returns the one link in the text body whose path starts with
// pathPrefix (such as "/v/"), failing the test unless exactly one does.
func (m *Message) Link(tb testing.TB, pathPrefix string) string {
	tb.Helper()
	var found []string
	for _, l := range m.Links() {
		if i := strings.Index(l, "://"); i >= 0 {
			rest := l[i+3:]
			if j := strings.IndexByte(rest, '/'); j >= 0 && strings.HasPrefix(rest[j:], pathPrefix) {
				found = append(found, l)
			}
		}
	}
	if len(found) != 1 {
		tb.Fatalf("%d links starting with %s in message %q, want 1: %q", len(found), pathPrefix, m.Subject, m.Text)
	}
	return found[0]
}

// SentTo reports whether addr is among the message's To addresses.
func (s *Summary) SentTo(addr string) bool {
	for _, a := range s.To {
		if strings.EqualFold(a.Address, addr) {
			return true
		}
	}
	return false
}

// Messages lists every message mailpit holds, newest first.
func (m *Mailpit) Messages(tb testing.TB) []Summary {
	tb.Helper()
	var out struct{ Messages []Summary }
	m.getJSON(tb, "/api/v1/messages?limit=1000", &out)
	return out.Messages
}

// Total returns how many messages mailpit holds.
func (m *Mailpit) Total(tb testing.TB) int {
	tb.Helper()
	var out struct {
		Total int `json:"total"`
	}
	m.getJSON(tb, "/api/v1/messages?limit=1", &out)
	return out.Total
}

// MessagesTo lists the messages to addr, newest first.
func (m *Mailpit) MessagesTo(tb testing.TB, addr string) []Summary {
	tb.Helper()
	var out []Summary
	for _, s := range m.Messages(tb) {
		if s.SentTo(addr) {
			out = append(out, s)
		}
	}
	return out
}

// Message returns the message with mailpit ID id, with its text and
// headers.
func (m *Mailpit) Message(tb testing.TB, id string) *Message {
	tb.Helper()
	var msg Message
	m.getJSON(tb, "/api/v1/message/"+id, &msg)
	m.getJSON(tb, "/api/v1/message/"+id+"/headers", &msg.Headers)
	return &msg
}

// WaitMessage waits until a message to the address to whose subject
// contains subjectContains arrives, and returns the newest such message.
// It fails the test after timeout, listing what did arrive.
func (m *Mailpit) WaitMessage(tb testing.TB, to, subjectContains string, timeout time.Duration) *Message {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	for {
		all := m.Messages(tb)
		for _, s := range all {
			if s.SentTo(to) && strings.Contains(s.Subject, subjectContains) {
				return m.Message(tb, s.ID)
			}
		}
		if time.Now().After(deadline) {
			var seen []string
			for _, s := range all {
				var to []string
				for _, a := range s.To {
					to = append(to, a.Address)
				}
				seen = append(seen, strings.Join(to, ",")+": "+s.Subject)
			}
			tb.Fatalf("no mail to %s with %q in the subject within %s; mailpit holds %d: %q", to, subjectContains, timeout, len(all), seen)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (m *Mailpit) getJSON(tb testing.TB, path string, v any) {
	tb.Helper()
	resp, err := http.Get(m.APIURL + path)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("mailpit GET %s: %s %s", path, resp.Status, bytes.TrimSpace(b))
	}
	if err := json.Unmarshal(b, v); err != nil {
		tb.Fatalf("mailpit GET %s: %v", path, err)
	}
}
