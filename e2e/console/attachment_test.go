package console_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

// TestConsole_Attachments drives issue 11 §6 in the browser: a visitor
// sends an image from the chat widget (its file input), the agent sees it
// in the conversation, downloads it (Chromium saves it under the name the
// server gives), and attaches a PDF to a reply through the composer's file
// input; the visitor's widget shows the agent's file.
func TestConsole_Attachments(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		e2etest.MissingTool(t, "browser test needs "+chromium+" (apt-get install -y chromium)")
	}
	var deskURL string
	shop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, shopPage, deskURL)
	}))
	t.Cleanup(shop.Close)
	s := e2etest.StartServer(t, e2etest.ServerOptions{Args: []string{"--widget-origins", shop.URL}})
	deskURL = s.URL
	ctx := browser(t)
	shot := newShots(t)

	// The files: a real PNG (the standard library's encoder) and a PDF.
	dir := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := range 40 {
		img.Set(x, 15, color.RGBA{R: 200, A: 255})
	}
	var pngBuf bytes.Buffer
	if err := png.Encode(&pngBuf, img); err != nil {
		t.Fatal(err)
	}
	pngPath := filepath.Join(dir, "broken-parcel.png")
	pdfPath := filepath.Join(dir, "return-label.pdf")
	pdf := []byte("%PDF-1.4\n% return label\n")
	if err := os.WriteFile(pngPath, pngBuf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pdfPath, pdf, 0o644); err != nil {
		t.Fatal(err)
	}

	out := s.CLI(t, "", "agent", "totp", "--email", s.Agent.Email)
	m := secretRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("agent totp printed no secret: %q", out)
	}
	code, err := totp.GenerateCode(m[1], time.Now())
	if err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "sign in", chromedp.Navigate(s.URL+"/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), s.Agent.Email),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), s.Agent.Password),
		chromedp.SendKeys(chromedp.CSS(`input[name=code]`), code),
		chromedp.Click(chromedp.CSS(`form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#inbox-list`)))

	// 1. The visitor chats, then sends the photo with the widget's file input.
	shopTab, cancelShop := chromedp.NewContext(ctx)
	defer cancelShop()
	do(t, shopTab, "open the shop", chromedp.Navigate(shop.URL), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	do(t, shopTab, "chat",
		chromedp.Click("launcher", inWidget(`button.l`)),
		chromedp.WaitVisible("panel", inWidget(`.p.o`)),
		chromedp.SendKeys("name", customerName, inWidget(`input[name=name]`)),
		chromedp.SendKeys("message", "My parcel arrived broken, photo follows.", inWidget(`textarea[name=body]`)),
		chromedp.Click("send", inWidget(`form.f button.s`)),
		chromedp.WaitVisible("sent bubble", inWidget(`.b.customer:not(.pending)`)))
	do(t, shopTab, "send the photo",
		chromedp.SetUploadFiles("file input", []string{pngPath}, inWidget(`input[type=file]`)),
		chromedp.WaitVisible("the photo in the chat", inWidget(`.b.customer img`)))
	shot.take(shopTab, "widget-image-sent")

	// 2. The agent opens the chat: the photo is shown and downloads.
	do(t, ctx, "inbox", chromedp.Navigate(s.URL+"/inbox?view=unassigned"), chromedp.WaitVisible(chromedp.CSS(`#inbox-list a.conv-link`)),
		chromedp.Click(chromedp.CSS(`#inbox-list a.conv-link`)),
		chromedp.WaitVisible(chromedp.CSS(`.msg-customer .msg-file-thumb`)))
	poll(t, ctx, "the thumbnail did not load", `document.querySelector('.msg-customer .msg-file-thumb').naturalWidth === 40`)
	shot.take(ctx, "console-image")
	downloads := t.TempDir()
	do(t, ctx, "download",
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
				Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads})
			return err
		}),
		chromedp.Click(chromedp.CSS(`.msg-customer .msg-file-link`)))
	saved := filepath.Join(downloads, "broken-parcel.png")
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if b, err := os.ReadFile(saved); err == nil && bytes.Equal(b, pngBuf.Bytes()) {
			break
		}
		if time.Now().After(deadline) {
			entries, _ := os.ReadDir(downloads)
			t.Fatalf("no download of the photo as %s; the folder holds %v", saved, entries)
		}
	}

	// 3. The agent replies with a PDF attached through the composer.
	do(t, ctx, "reply with a file",
		chromedp.SendKeys(chromedp.CSS(`#reply-body`), "Sorry about that. Print this label and send it back."),
		chromedp.SetUploadFiles(chromedp.CSS(`#reply-files`), []string{pdfPath}),
		chromedp.Click(chromedp.CSS(`#send`)),
		chromedp.WaitVisible(chromedp.CSS(`.msg-agent .msg-file-link`)))
	// The live timeline may still be redrawing it: wait for the name.
	poll(t, ctx, "the reply's file shown as return-label.pdf",
		`[...document.querySelectorAll('.msg-agent .msg-file-link')].some(a => a.textContent.trim() === 'return-label.pdf')`)
	shot.take(ctx, "console-reply-file")

	// 4. The visitor's widget shows the agent's file.
	do(t, shopTab, "agent file in the widget", chromedp.WaitVisible("agent file", inWidget(`.b.agent a`)))
	if name, err := chromedp.Run(shopTab, chromedp.Text("agent file", inWidget(`.b.agent a`))); err != nil || name != "return-label.pdf" {
		t.Fatalf("widget shows %q (%v), want return-label.pdf", name, err)
	}
	shot.take(shopTab, "widget-agent-file")
}
