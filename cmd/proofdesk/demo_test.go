package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
)

// TestDemo_PlayerVerifies runs the demo command, reads the customer to
// play from what it prints, and verifies a conversation with that customer
// the way the printed steps say: link, a request to the email on file, the
// link from the built-in outbox, the number. A contact point inside the
// cooling-off would make the request fail.
func TestDemo_PlayerVerifies(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds and serves the demo")
	}
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var stderr strings.Builder
	done := make(chan int, 1)
	go func() {
		code := runCLI(ctx, []string{"demo", "--addr", "127.0.0.1:0", "--data", t.TempDir()}, cliEnv{
			stdin: strings.NewReader(""), stdout: pw, stderr: &lockedWriter{w: &stderr},
			getenv: func(string) string { return "" },
		})
		pw.Close()
		done <- code
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Error("demo did not stop")
		}
	})

	var base, token, email string
	var banner strings.Builder
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		line := sc.Text()
		banner.WriteString(line + "\n")
		if u, ok := strings.CutPrefix(line, "URL: "); ok {
			base = u
		}
		if v := strings.TrimSpace(line); auth.ValidTokenFormat(v) {
			token = v
		}
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "Email: "); ok {
			email = v
		}
		if strings.HasPrefix(line, "Press Ctrl-C") {
			break
		}
	}
	go io.Copy(io.Discard, pr)
	if base == "" || token == "" || email == "" {
		t.Fatalf("the demo printed no URL, token or customer to play:\n%s", banner.String())
	}
	for _, want := range []string{"/demo/shop", "/admin/outbox", "loopback only", "no second factor"} {
		if !strings.Contains(banner.String(), want) {
			t.Fatalf("banner lacks %q:\n%s", want, banner.String())
		}
	}

	// Ready once the guard's index of every customer is built.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if code, _ := httpDo(t, "GET", base+"/readyz", "", ""); code == 200 {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("GET /readyz: %d, want 200", code)
		}
	}
	api := func(method, path string, in, out any, want int) {
		t.Helper()
		body := ""
		if in != nil {
			b, _ := json.Marshal(in)
			body = string(b)
		}
		code, got := httpDo(t, method, base+path, token, body)
		if code != want {
			t.Fatalf("%s %s: status=%d, want %d: %.400s", method, path, code, want, got)
		}
		if out != nil {
			if err := json.Unmarshal([]byte(got), out); err != nil {
				t.Fatalf("%s %s: %v", method, path, err)
			}
		}
	}
	var found struct {
		Customers []struct {
			ID            string `json:"id"`
			ContactPoints []struct {
				ID   string `json:"id"`
				Kind string `json:"kind"`
			} `json:"contact_points"`
		} `json:"customers"`
	}
	api("GET", "/api/v1/customers?email="+url.QueryEscape(email), nil, &found, http.StatusOK)
	if len(found.Customers) != 1 {
		t.Fatalf("customers with the printed email: %d, want 1", len(found.Customers))
	}
	cust := found.Customers[0]
	var conv struct {
		ID    string `json:"id"`
		Level string `json:"level"`
	}
	api("POST", "/api/v1/conversations", map[string]any{"channel": "api", "requester": map[string]string{"email": email},
		"subject": "Parcel", "message": "Where is my parcel?"}, &conv, http.StatusCreated)
	api("PATCH", "/api/v1/conversations/"+conv.ID, map[string]string{"customer_id": cust.ID}, nil, http.StatusOK)
	cpID := ""
	for _, cp := range cust.ContactPoints {
		if cp.Kind == "email" {
			cpID = cp.ID
			break
		}
	}
	var ch struct {
		Number int `json:"number"`
	}
	api("POST", "/api/v1/conversations/"+conv.ID+"/challenges", map[string]string{"contact_point_id": cpID}, &ch, http.StatusCreated)

	// The verification link, from the built-in outbox as the steps say.
	var outbox struct {
		Messages []struct {
			To   string `json:"to"`
			Body string `json:"body"`
		} `json:"messages"`
	}
	api("GET", "/api/v1/outbox", nil, &outbox, http.StatusOK)
	link := ""
	for _, m := range outbox.Messages {
		if strings.EqualFold(m.To, email) {
			link = regexp.MustCompile(`/v/[A-Za-z0-9_.\-~]+`).FindString(m.Body)
			break
		}
	}
	if link == "" {
		t.Fatalf("no verification link to the printed email in the outbox (%d messages)", len(outbox.Messages))
	}
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	resp, err := client.Get(base + link)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(page)
	if resp.StatusCode != 200 || m == nil {
		t.Fatalf("GET %s: %d, no form:\n%.500s", link, resp.StatusCode, page)
	}
	resp, err = client.PostForm(base+link+"/approve", url.Values{"csrf": {string(m[1])}, "number": {strconv.Itoa(ch.Number)}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("approve: status=%d, want 200", resp.StatusCode)
	}
	api("GET", "/api/v1/conversations/"+conv.ID, nil, &conv, http.StatusOK)
	if conv.Level != "L1" {
		t.Fatalf("level after the printed customer approved: %s, want L1", conv.Level)
	}
}

// TestDemo_Loopback: the demo's default address is loopback, and the
// banner warns when told to listen beyond it.
func TestDemo_Loopback(t *testing.T) {
	t.Parallel()
	if !loopbackOnly(demoAddr) {
		t.Fatalf("demo default address %s is not loopback", demoAddr)
	}
	for addr, want := range map[string]bool{"127.0.0.1:0": true, "[::1]:80": true, "localhost:8080": true, ":8080": false, "0.0.0.0:8080": false, "192.0.2.1:80": false} {
		if got := loopbackOnly(addr); got != want {
			t.Errorf("loopbackOnly(%q)=%v, want %v", addr, got, want)
		}
	}
	var b strings.Builder
	printDemoPlayer(&b, "http://x", demoPlayerInfo{Name: "N", Email: "e@example.com"}, false)
	if !strings.Contains(b.String(), "WARNING") {
		t.Fatalf("no warning beyond loopback:\n%s", b.String())
	}
}

// TestDemoPlayer_PastCoolingOff: every contact point of the customer to
// play was added before the default cooling-off, whatever the day.
func TestDemoPlayer_PastCoolingOff(t *testing.T) {
	t.Parallel()
	now := time.Now().UTC()
	d := generateDemoData(demoSeed, now)
	in := d.Customers[demoPlayerIndex]
	p := demoPlayer(d)
	if p.Email == "" || p.Name != in.Name {
		t.Fatalf("player %+v", p)
	}
	for _, cps := range [][]proofdesk.ContactPointInput{in.Emails, in.Phones} {
		for _, cp := range cps {
			if cp.AddedAt == nil || now.Sub(*cp.AddedAt) <= DefaultConfig().CoolingOff {
				t.Fatalf("player's contact point added %v: inside the cooling-off", cp.AddedAt)
			}
		}
	}
}

// lockedWriter lets the demo write its log while the test may read it.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
