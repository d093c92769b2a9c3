package console_test

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

var (
	demoURLRE   = regexp.MustCompile(`(?m)^URL: (\S+)$`)
	demoAdminRE = regexp.MustCompile(`(?m)^\s+admin\s+(\S+)\s+(\S+)$`)
)

// startDemo runs `proofdesk demo` on a free loopback port and returns its
// URL and the demo admin's login, read from the banner.
func startDemo(t *testing.T) (url, email, password string) {
	t.Helper()
	cmd := exec.Command(e2etest.BuildBinary(t), "demo", "--data", t.TempDir(), "--addr", e2etest.FreeAddr(t))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = nil
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Signal(syscall.SIGTERM); _ = cmd.Wait() })
	var banner strings.Builder
	done := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			banner.WriteString(sc.Text() + "\n")
			if strings.HasPrefix(sc.Text(), "Press Ctrl-C") {
				close(done)
				break
			}
		}
		for sc.Scan() {
		}
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Minute): // a bound on a hang, not a timing assertion
		t.Fatalf("the demo printed no banner:\n%s", banner.String())
	}
	u, a := demoURLRE.FindStringSubmatch(banner.String()), demoAdminRE.FindStringSubmatch(banner.String())
	if u == nil || a == nil {
		t.Fatalf("no URL or admin login in the banner:\n%s", banner.String())
	}
	return u[1], a[1], a[2]
}

// The reports page renders in the browser with the demo's data: charts
// drawn on the server as SVG (the console's CSP allows no script or style
// from elsewhere), satisfaction from the seeded ratings, the agent table
// and the security figures. PROOFDESK_UPDATE_SCREENSHOTS=1 writes the
// README's screenshot (docs/screenshots/reports.png).
func TestConsole_ReportsFromDemo(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		e2etest.MissingTool(t, "browser test needs "+chromium+" (apt-get install -y chromium)")
	}
	base, email, password := startDemo(t)
	ctx := browser(t)
	shot := newShots(t)
	do(t, ctx, "sign in as the demo admin", chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), email),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), password),
		chromedp.Click(chromedp.CSS(`form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#inbox-list`)))
	do(t, ctx, "open the reports", chromedp.Click(chromedp.CSS(`nav.mainnav a[href="/reports"]`)), chromedp.WaitVisible(chromedp.CSS(`#volume svg`)))
	poll(t, ctx, "the volume chart has bars", `document.querySelectorAll('#volume svg rect').length > 3`)
	poll(t, ctx, "the satisfaction chart has bars", `[...document.querySelectorAll('#times figure')].some(f => f.textContent.includes('Satisfaction') && f.querySelector('svg rect'))`)
	summary := text(t, ctx, "#summary")
	if !strings.Contains(summary, "Conversations") || strings.Contains(summary, "0.0% of 0") {
		t.Fatalf("summary without the demo's conversations or ratings: %q", summary)
	}
	agents := text(t, ctx, "#agents")
	if !strings.Contains(strings.ToLower(agents), "replies") || strings.Contains(agents, "No agent activity") || !strings.Contains(agents, "Agent\t") {
		t.Fatalf("agent table empty: %q", agents)
	}
	if sec := text(t, ctx, "#security"); !strings.Contains(sec, "Conversations verified") {
		t.Fatalf("security figures missing: %q", sec)
	}
	// No console error: the CSP let everything through that the page uses.
	shot.take(ctx, "reports")
	if os.Getenv("PROOFDESK_UPDATE_SCREENSHOTS") != "" {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		root, err := e2etest.ModuleRoot()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, "docs", "screenshots", "reports.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
