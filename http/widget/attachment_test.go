package widget_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/http/widget"
)

// pngBytes is a real PNG, written by the standard library's encoder.
func pngBytes(tb testing.TB) []byte {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	img.Set(1, 1, color.RGBA{R: 255, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// upload sends one file as the widget does (multipart field "file").
func (e *env) upload(tb testing.TB, token, convID, name string, data []byte) (int, map[string]any) {
	tb.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		tb.Fatal(err)
	}
	fw.Write(data)
	mw.WriteField("client_id", "c-"+name)
	mw.Close()
	req, _ := http.NewRequest("POST", e.srv.URL()+"/widget/v1/conversations/"+convID+"/attachments", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Visitor "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func (e *env) fetch(tb testing.TB, token, url string) (int, http.Header, []byte) {
	tb.Helper()
	req, _ := http.NewRequest("GET", e.srv.URL()+url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Visitor "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

// A visitor sends an image from the widget over HTTP: it is stored with
// the conversation, reaches the agents' live stream and the visitor's own
// WebSocket, and only the visitor (and agents) can fetch it.
func TestWidget_VisitorSendsImage(t *testing.T) {
	e := newEnv(t, widget.Config{})
	tok := e.newVisitor(t)
	convID := e.newConversation(t, tok, "My screen shows an error")
	ws, _ := e.dial(t, tok, convID)
	nextEvent := e.agentStream(t, "")
	img := pngBytes(t)

	st, out := e.upload(t, tok, convID, "C:\\Users\\jane\\screen\u202egnp.png", img)
	if st != http.StatusCreated {
		t.Fatalf("upload: %d %v", st, out)
	}
	msg := out["message"].(map[string]any)
	files := msg["attachments"].([]any)
	f := files[0].(map[string]any)
	if f["content_type"] != "image/png" || f["filename"] != "screengnp.png" || f["size"] != float64(len(img)) {
		t.Fatalf("attachment=%v", f)
	}
	if ev := nextEvent(proofdesk.EventMessageCreated); ev.ConversationID != convID || ev.AuthorKind != proofdesk.AuthorCustomer || ev.MessageID != msg["id"] {
		t.Fatalf("agent event=%+v, want the visitor's file message", ev)
	}
	frame := readType(t, ws, "message")
	if frame["id"] != msg["id"] || len(frame["attachments"].([]any)) != 1 {
		t.Fatalf("ws frame=%v, want the file message", frame)
	}
	url := f["url"].(string)
	st, hdr, got := e.fetch(t, tok, url)
	if st != 200 || !bytes.Equal(got, img) || hdr.Get("Content-Type") != "image/png" || hdr.Get("X-Content-Type-Options") != "nosniff" ||
		!strings.HasPrefix(hdr.Get("Content-Disposition"), "inline") {
		t.Fatalf("visitor fetch: %d %v", st, hdr)
	}
	// Agents see it with the conversation.
	stored, err := e.convs.FindAttachment(context.Background(), convID, f["id"].(string))
	if err != nil || !bytes.Equal(stored.Data, img) {
		t.Fatalf("stored=%v err=%v", stored, err)
	}
	// Another visitor, and no visitor, get nothing.
	other := e.newVisitor(t)
	if st, _, b := e.fetch(t, other, url); st != 404 || bytes.Contains(b, img[:8]) {
		t.Fatalf("other visitor: %d", st)
	}
	if st, _, _ := e.fetch(t, "", url); st != 401 {
		t.Fatalf("no visitor: %d, want 401", st)
	}
	if st, _ := e.upload(t, other, convID, "x.png", img); st != 404 {
		t.Fatalf("other visitor uploads into the conversation: %d, want 404", st)
	}
}

func TestWidget_UploadRefusals(t *testing.T) {
	e := newEnv(t, widget.Config{})
	tok := e.newVisitor(t)
	convID := e.newConversation(t, tok, "Hello")
	tests := []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"html named png", "x.png", []byte("<html><script>alert(1)</script></html>"), "Only images (PNG, JPEG, GIF, WebP) and PDF files"},
		{"svg", "logo.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), "Only images"},
		{"exe", "setup.pdf", append([]byte("MZ\x90\x00"), make([]byte, 64)...), "Only images"},
		{"empty", "a.png", nil, "Only images"},
		{"over 5 MiB", "big.png", append(pngBytes(t), make([]byte, proofdesk.MaxWidgetAttachmentBytes)...), "at most 5 MiB"},
	}
	for _, tt := range tests {
		st, out := e.upload(t, tok, convID, tt.file, tt.data)
		if st != 400 || !strings.Contains(out["message"].(string), tt.want) {
			t.Fatalf("%s: %d %v, want 400 %q", tt.name, st, out, tt.want)
		}
	}
	// A PDF is taken.
	if st, out := e.upload(t, tok, convID, "invoice.pdf", []byte("%PDF-1.7\n1 0 obj\n")); st != 201 {
		t.Fatalf("pdf: %d %v", st, out)
	}
	// Nothing refused was stored.
	msgs, _ := e.convs.FindMessages(context.Background(), convID)
	n := 0
	for _, m := range msgs {
		n += len(m.Attachments)
	}
	if n != 1 {
		t.Fatalf("stored %d files, want only the PDF", n)
	}
}

// An agent's file reaches the visitor; a file on an internal note does not.
func TestWidget_AgentFiles(t *testing.T) {
	e := newEnv(t, widget.Config{})
	tok := e.newVisitor(t)
	convID := e.newConversation(t, tok, "Hello")
	reply := &proofdesk.Message{ConversationID: convID, AuthorKind: proofdesk.AuthorAgent, AuthorID: e.agent.ID, Body: "Here is the guide.",
		Attachments: []*proofdesk.Attachment{{Filename: "guide.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4 guide")}}}
	note := &proofdesk.Message{ConversationID: convID, AuthorKind: proofdesk.AuthorAgent, AuthorID: e.agent.ID, Internal: true, Body: "their id scan",
		Attachments: []*proofdesk.Attachment{{Filename: "scan.png", ContentType: "image/png", Data: pngBytes(t)}}}
	for _, m := range []*proofdesk.Message{reply, note} {
		if err := e.convs.CreateMessage(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	base := "/widget/v1/conversations/" + convID + "/attachments/"
	if st, hdr, b := e.fetch(t, tok, base+reply.Attachments[0].ID); st != 200 || string(b) != "%PDF-1.4 guide" || !strings.HasPrefix(hdr.Get("Content-Disposition"), "attachment") {
		t.Fatalf("agent file: %d %v", st, hdr)
	}
	if st, _, _ := e.fetch(t, tok, base+note.Attachments[0].ID); st != 404 {
		t.Fatalf("internal note's file: %d, want 404", st)
	}
	var list struct {
		Messages []struct {
			Body        string `json:"body"`
			Attachments []any  `json:"attachments"`
		} `json:"messages"`
	}
	e.do(t, "GET", "/widget/v1/conversations/"+convID+"/messages", tok, nil, nil, &list)
	if len(list.Messages) != 2 || len(list.Messages[1].Attachments) != 1 || strings.Contains(list.Messages[1].Body, "scan") {
		t.Fatalf("visitor messages=%+v, want the reply with its file and no note", list.Messages)
	}
}
