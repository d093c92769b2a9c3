package console_test

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/http/console/consoletest"
)

// postFiles submits the composer as the browser does: multipart with the
// CSRF token, the text and the files.
func (b *browser) postFiles(path string, fields map[string]string, files map[string][]byte) (*http.Response, string) {
	b.tb.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for name, data := range files {
		fw, _ := mw.CreateFormFile("files", name)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", b.base+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := b.c.Do(req)
	if err != nil {
		b.tb.Fatal(err)
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	return resp, string(page)
}

func TestConsole_Attachments(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	ctx := context.Background()
	// The customer sent a photo.
	photo := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR photo")
	in := &proofdesk.Message{ConversationID: s.Conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "photo attached",
		Attachments: []*proofdesk.Attachment{{Filename: "parcel.png", ContentType: "image/png", Data: photo}}}
	if err := s.Conversations.CreateMessage(ctx, in); err != nil {
		t.Fatal(err)
	}
	b := agentBrowser(t, s)
	conv := "/conversations/" + s.Conv.ID
	_, page := b.get(conv)
	fileURL := conv + "/attachments/" + in.Attachments[0].ID
	if !strings.Contains(page, `src="`+fileURL+`"`) || !strings.Contains(page, `href="`+fileURL+`?download=1"`) {
		t.Fatalf("the page does not show the photo and its download link")
	}
	resp, got := b.get(fileURL + "?download=1")
	disp, params, _ := mime.ParseMediaType(resp.Header.Get("Content-Disposition"))
	if resp.StatusCode != 200 || got != string(photo) || disp != "attachment" || params["filename"] != "parcel.png" ||
		resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("download: %d %v", resp.StatusCode, resp.Header)
	}
	// Not through another conversation, and not without a session.
	if resp, got := b.get("/conversations/" + s.Unlinked.ID + "/attachments/" + in.Attachments[0].ID); resp.StatusCode != 404 || strings.Contains(got, "IHDR") {
		t.Fatalf("through another conversation: %d", resp.StatusCode)
	}
	anon := newAnon(t, b)
	if resp, got := anon.get(fileURL); resp.StatusCode == 200 || strings.Contains(got, "IHDR") {
		t.Fatalf("without a session: %d", resp.StatusCode)
	}

	tok := csrfOf(t, page)
	// A reply with a file.
	resp, _ = b.postFiles(conv+"/messages", map[string]string{"csrf_token": tok, "internal": "0", "body": "Here is the form.", "client_id": "c1"},
		map[string][]byte{"claim-form.pdf": []byte("%PDF-1.4 form")})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reply with a file: %d", resp.StatusCode)
	}
	// A file whose name holds the customer's address is blocked like the text.
	resp, page = b.postFiles(conv+"/messages", map[string]string{"csrf_token": tok, "internal": "0", "body": "Label attached.", "client_id": "c2"},
		map[string][]byte{"label " + consoletest.CustomerStreet + ".pdf": []byte("%PDF-1.4")})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "protected_value") || !strings.Contains(page, "The files were not sent either") {
		t.Fatalf("file name with the address: %d", resp.StatusCode)
	}
	// A file over the limit is refused naming it.
	resp, page = b.postFiles(conv+"/messages", map[string]string{"csrf_token": tok, "internal": "0", "body": "big", "client_id": "c3"},
		map[string][]byte{"big.bin": make([]byte, proofdesk.MaxAttachmentBytes+1)})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "the limit is 10 MiB per file") {
		t.Fatalf("file over 10 MiB: %d", resp.StatusCode)
	}
	resp, page = b.postFiles(conv+"/messages", map[string]string{"csrf_token": tok, "internal": "0", "body": "huge", "client_id": "c4"},
		map[string][]byte{"a.bin": make([]byte, 9<<20), "b.bin": make([]byte, 9<<20), "c.bin": make([]byte, 9<<20)})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "at most 20 MiB together") || !strings.Contains(page, "<html") {
		t.Fatalf("files over 20 MiB together: %d %.300s", resp.StatusCode, page)
	}
	msgs, _ := s.Conversations.FindMessages(ctx, s.Conv.ID)
	files := 0
	for _, m := range msgs {
		files += len(m.Attachments)
	}
	if files != 2 {
		t.Fatalf("%d files stored, want the photo and the form", files)
	}
}

// newAnon is a browser without a session on b's server.
func newAnon(t *testing.T, b *browser) *browser {
	return &browser{tb: t, base: b.base, c: &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}
