package console_test

import (
	"context"
	"encoding/base64"
	"html"
	"net/smtp"
	"regexp"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/http/console/consoletest"
	"github.com/proofdesk/proofdesk/mail"
)

// pngBytes is a 1×1 PNG (the W3C PNG signature, IHDR, IDAT and IEND).
var pngBytes, _ = base64.StdEncoding.DecodeString("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")

// inlineMail is an HTML mail as Thunderbird sends one with two pasted
// images (multipart/related, Content-IDs "part1.…" and a bare one), a
// remote tracking pixel and a PDF attachment.
func inlineMail(damageCID, labelCID string) string {
	img := base64.StdEncoding.EncodeToString(pngBytes)
	return strings.ReplaceAll("From: Jane Doe <jane@example.com>\n"+
		"To: support@shop.example\n"+
		"Subject: Damaged parcel\n"+
		"Message-ID: <inline-1@example.com>\n"+
		"MIME-Version: 1.0\n"+
		"Content-Type: multipart/mixed; boundary=mixed\n\n"+
		"--mixed\nContent-Type: multipart/related; boundary=rel\n\n"+
		"--rel\nContent-Type: text/html; charset=utf-8\n\n"+
		`<html><body><p>Here is the damage:</p><p><img src="cid:`+damageCID+`" alt="the damage"></p>`+
		`<p>and the shipping label:</p><img src="cid:`+labelCID+`"><img src="https://tracker.example/p.gif" width=1><p>Thanks, Jane</p></body></html>`+"\n"+
		"--rel\nContent-Type: image/png; name=damage.png\nContent-Disposition: inline; filename=damage.png\nContent-ID: <"+damageCID+">\nContent-Transfer-Encoding: base64\n\n"+img+"\n"+
		"--rel\nContent-Type: image/png; name=label.png\nContent-ID: <"+labelCID+">\nContent-Transfer-Encoding: base64\n\n"+img+"\n"+
		"--rel--\n"+
		"--mixed\nContent-Type: application/pdf; name=receipt.pdf\nContent-Disposition: attachment; filename=receipt.pdf\nContent-Transfer-Encoding: base64\n\n"+
		base64.StdEncoding.EncodeToString([]byte("%PDF-1.4 receipt"))+"\n--mixed--\n", "\n", "\r\n")
}

// TestConsole_InlineImages: an HTML mail with cid: images, sent through the
// SMTP listener, shows each image where the mail had it on the console
// page, served by the attachment route; the remote image and the PDF are
// not shown in the text.
func TestConsole_InlineImages(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	ctx := context.Background()
	h := mail.NewInboundHandler(mail.InboundConfig{Customers: s.Customers, Conversations: s.Conversations, Threads: s.DB})
	srv := mail.NewServer("127.0.0.1:0", h, mail.Limits{}, nil)
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	// Thunderbird's Content-ID shape: digits that read as a code once
	// codes were issued.
	const damageCID, labelCID = "part1.06090408.01060107@example.com", "label@shop.example"
	if err := smtp.SendMail(srv.Addr().String(), nil, "jane@example.com", []string{"support@shop.example"}, []byte(inlineMail(damageCID, labelCID))); err != nil {
		t.Fatal(err)
	}
	ch := proofdesk.ChannelEmail
	cs, _, err := s.Conversations.FindConversations(ctx, proofdesk.ConversationFilter{Channel: &ch})
	if err != nil {
		t.Fatal(err)
	}
	var conv *proofdesk.Conversation
	for _, c := range cs {
		if c.Subject == "Damaged parcel" {
			conv = c
		}
	}
	if conv == nil {
		t.Fatal("the mail opened no conversation")
	}
	files, err := s.Conversations.FindAttachments(ctx, conv.ID)
	if err != nil || len(files) != 3 {
		t.Fatalf("files: %d, %v", len(files), err)
	}
	url := map[string]string{}
	for _, f := range files {
		url[f.Filename] = "/conversations/" + conv.ID + "/attachments/" + f.ID
	}

	b := agentBrowser(t, s)
	resp, page := b.get("/conversations/" + conv.ID)
	if resp.StatusCode != 200 {
		t.Fatalf("page: %d", resp.StatusCode)
	}
	body := msgBody(t, page)
	// In place, in the mail's order, and the markers gone.
	want := []string{"Here is the damage:", `<img class="msg-inline-img" src="` + url["damage.png"] + `"`,
		"and the shipping label:", `<img class="msg-inline-img" src="` + url["label.png"] + `"`, "Thanks, Jane"}
	at := 0
	for _, w := range want {
		i := strings.Index(body[at:], w)
		if i < 0 {
			t.Fatalf("message body lacks %q after offset %d:\n%s", w, at, body)
		}
		at += i + len(w)
	}
	if strings.Contains(body, "[image:") || strings.Contains(body, "tracker.example") || strings.Contains(body, url["receipt.pdf"]) {
		t.Fatalf("message body:\n%s", body)
	}
	// Shown once: no second thumbnail below the text, but still a download.
	if strings.Contains(page, `class="msg-file-thumb" src="`+url["damage.png"]+`"`) || !strings.Contains(page, `href="`+url["damage.png"]+`?download=1"`) {
		t.Fatal("an image shown in place is shown again as a thumbnail, or has no download link")
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "img-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Fatalf("CSP %q", csp)
	}

	// The image URL serves the bytes, inline, as the sniffed type.
	resp, got := b.get(url["damage.png"])
	if resp.StatusCode != 200 || got != string(pngBytes) || resp.Header.Get("Content-Type") != "image/png" ||
		resp.Header.Get("X-Content-Type-Options") != "nosniff" || strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("image: %d %v", resp.StatusCode, resp.Header)
	}
	// Not without a session, not through another conversation.
	if resp, got := newAnon(t, b).get(url["damage.png"]); resp.StatusCode == 200 || got == string(pngBytes) {
		t.Fatalf("without a session: %d", resp.StatusCode)
	}
	other := "/conversations/" + s.Conv.ID + "/attachments/" + files[0].ID
	if resp, got := b.get(other); resp.StatusCode != 404 || got == string(pngBytes) {
		t.Fatalf("through another conversation: %d", resp.StatusCode)
	}
}

var msgBodyRE = regexp.MustCompile(`(?s)<div class="msg-body">(.*?)</div>`)

// msgBody returns the body of the conversation's customer message that
// has inline images, unescaped where it is text.
func msgBody(t *testing.T, page string) string {
	t.Helper()
	for _, m := range msgBodyRE.FindAllStringSubmatch(page, -1) {
		if strings.Contains(m[1], "msg-inline") || strings.Contains(m[1], "damage") {
			return html.UnescapeString(m[1])
		}
	}
	t.Fatalf("no message body with the mail's text")
	return ""
}
