package api_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
)

func TestAttachmentsAPI(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, Status: proofdesk.StatusOpen}
	if err := e.conversations.CreateConversation(ctx, conv, nil); err != nil {
		t.Fatal(err)
	}
	other := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, Status: proofdesk.StatusOpen}
	if err := e.conversations.CreateConversation(ctx, other, nil); err != nil {
		t.Fatal(err)
	}
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDRcustomer"
	in := &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "See the screenshot",
		Attachments: []*proofdesk.Attachment{{Filename: "screen shot.png", ContentType: "image/png", Data: []byte(png)}}}
	if err := e.conversations.CreateMessage(ctx, in); err != nil {
		t.Fatal(err)
	}
	attURL := "/api/v1/conversations/" + conv.ID + "/attachments/" + in.Attachments[0].ID

	e.run(t, scenario{name: "messages list files", method: "GET", url: "/api/v1/conversations/" + conv.ID + "/messages", token: e.token, wantStatus: 200,
		want: []string{`"filename":"screen shot.png"`, `"content_type":"image/png"`, `"url":"` + attURL + `"`}, notWant: []string{"IHDRcustomer"}})
	e.run(t, scenario{name: "list", method: "GET", url: "/api/v1/conversations/" + conv.ID + "/attachments", token: e.token, wantStatus: 200,
		want: []string{`"id":"` + in.Attachments[0].ID + `"`, `"message_id":"` + in.ID + `"`}})
	e.run(t, scenario{name: "no token", method: "GET", url: attURL, wantStatus: 401, notWant: []string{"IHDRcustomer"}})
	e.run(t, scenario{name: "through another conversation", method: "GET", url: "/api/v1/conversations/" + other.ID + "/attachments/" + in.Attachments[0].ID,
		token: e.token, wantStatus: 404, notWant: []string{"IHDRcustomer"}})

	resp := e.get(t, attURL)
	if resp.body != png || resp.header.Get("Content-Type") != "image/png" || resp.header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("download: type=%q nosniff=%q body=%q", resp.header.Get("Content-Type"), resp.header.Get("X-Content-Type-Options"), resp.body)
	}
	if d, p, _ := mime.ParseMediaType(resp.header.Get("Content-Disposition")); d != "inline" || p["filename"] != "screen shot.png" {
		t.Fatalf("Content-Disposition=%q, want inline with the name", resp.header.Get("Content-Disposition"))
	}

	// An agent attaches a file to a reply.
	pdf := "%PDF-1.4 return label"
	body, _ := json.Marshal(map[string]any{"body": "Here is your return label.", "attachments": []map[string]any{
		{"filename": "../../label\u202e.pdf", "content_type": "application/pdf", "data": base64.StdEncoding.EncodeToString([]byte(pdf))}}})
	out := e.run(t, scenario{name: "reply with a file", method: "POST", url: "/api/v1/conversations/" + conv.ID + "/messages", token: e.token,
		body: string(body), wantStatus: 201, want: []string{`"filename":"label.pdf"`}})
	var created struct {
		Attachments []struct{ URL string } `json:"attachments"`
	}
	if err := json.Unmarshal([]byte(out), &created); err != nil || len(created.Attachments) != 1 {
		t.Fatalf("created=%s err=%v", out, err)
	}
	resp = e.get(t, created.Attachments[0].URL)
	if resp.body != pdf || resp.header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("reply file: type=%q body=%q", resp.header.Get("Content-Type"), resp.body)
	}
	if d, _, _ := mime.ParseMediaType(resp.header.Get("Content-Disposition")); d != "attachment" {
		t.Fatalf("pdf Content-Disposition=%q, want attachment", resp.header.Get("Content-Disposition"))
	}

	// A file only, no text.
	body, _ = json.Marshal(map[string]any{"attachments": []map[string]any{{"filename": "a.txt", "data": base64.StdEncoding.EncodeToString([]byte("hello"))}}})
	e.run(t, scenario{name: "file only", method: "POST", url: "/api/v1/conversations/" + conv.ID + "/messages", token: e.token, body: string(body), wantStatus: 201,
		want: []string{`"content_type":"application/octet-stream"`}})

	// Limits are named.
	big := base64.StdEncoding.EncodeToString(make([]byte, proofdesk.MaxAttachmentBytes+1))
	e.run(t, scenario{name: "file over 10 MiB", method: "POST", url: "/api/v1/conversations/" + conv.ID + "/messages", token: e.token,
		body: `{"body":"x","attachments":[{"filename":"big.bin","data":"` + big + `"}]}`, wantStatus: 400, want: []string{"the limit is 10 MiB per file"}})
	e.run(t, scenario{name: "body over the upload limit", method: "POST", url: "/api/v1/conversations/" + conv.ID + "/messages", token: e.token,
		body: `{"body":"` + strings.Repeat("a", 30<<20) + `"}`, wantStatus: 400, want: []string{"request body larger than 27.7 MiB"}})
	e.run(t, scenario{name: "bad base64", method: "POST", url: "/api/v1/conversations/" + conv.ID + "/messages", token: e.token,
		body: `{"body":"x","attachments":[{"filename":"a","data":"%%%"}]}`, wantStatus: 400})
}

type got struct {
	status int
	header http.Header
	body   string
}

func (e *env) get(tb testing.TB, url string) got {
	tb.Helper()
	req, err := http.NewRequest("GET", e.srv.URL()+url, nil)
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+e.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		tb.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	return got{status: resp.StatusCode, header: resp.Header, body: string(b)}
}
