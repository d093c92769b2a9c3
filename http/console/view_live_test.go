package console_test

import (
	"context"
	"mime"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	"github.com/proofdesk/proofdesk/http/api"
	"github.com/proofdesk/proofdesk/http/console/consoletest"
)

// TestView_PolicyChangeNextConsoleRequest: a policy raised through the API
// (PUT /api/v1/policy) applies to the very next console page.
func TestView_PolicyChangeNextConsoleRequest(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	api.NewPolicyHandler(s.Agents, s.Policy).Register(s.Server)
	tok, hash := auth.NewToken()
	if err := s.Agents.CreateAPIToken(context.Background(), &proofdesk.APIToken{AgentID: s.Admin.ID, Name: "t", Hash: hash, CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	putPolicy := func(body string) {
		t.Helper()
		req, _ := http.NewRequest("PUT", s.Server.URL()+"/api/v1/policy", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("PUT policy: %d", resp.StatusCode)
		}
	}
	b := agentBrowser(t, s)
	page := "/customers/" + s.Customer.ID
	if _, body := b.get(page); !strings.Contains(body, consoletest.CustomerName) {
		t.Fatalf("customer page at the default policy does not show the name")
	}
	putPolicy(`{"classes":{"name":"L1"}}`)
	_, body := b.get(page)
	if strings.Contains(body, consoletest.CustomerName) || !strings.Contains(body, "J*** D***") {
		t.Fatalf("customer page after raising name to L1 still shows it (or no masked name)")
	}
	putPolicy(`{"classes":{"name":"L0"}}`)
	if _, body := b.get(page); !strings.Contains(body, consoletest.CustomerName) {
		t.Fatalf("customer page after lowering name to L0 does not show it")
	}
}

var outboxCodeRe = regexp.MustCompile(`code[^0-9]*([0-9]{6})`)

// TestView_CodeInSentence_Console: the code the customer received, typed
// inside a chat sentence, is hidden on the conversation page and in the
// inbox preview.
func TestView_CodeInSentence_Console(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	ctx := proofdesk.NewContextWithAgent(context.Background(), s.Agent)
	code := issueEmailCode(t, s, ctx, s.Conv.ID)
	spaced := code[:3] + " " + code[3:]
	arabic := strings.Map(func(r rune) rune { return r - '0' + '٠' }, code)
	// A new chat whose first message (the inbox preview) holds the code.
	chat := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, Status: proofdesk.StatusOpen}
	if err := s.Conversations.CreateConversation(ctx, chat, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "hi, my code is " + spaced + " thanks"}); err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{"my code is " + spaced + " thanks", "الرمز " + arabic} {
		if err := s.Conversations.CreateMessage(ctx, &proofdesk.Message{ConversationID: s.Conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: body}); err != nil {
			t.Fatal(err)
		}
	}
	// A file the customer named after the code.
	photo := &proofdesk.Message{ConversationID: s.Conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "photo",
		Attachments: []*proofdesk.Attachment{{Filename: "code " + spaced + ".png", ContentType: "image/png", Data: []byte("\x89PNG\r\n\x1a\n")}}}
	if err := s.Conversations.CreateMessage(ctx, photo); err != nil {
		t.Fatal(err)
	}
	mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, Status: proofdesk.StatusOpen, CustomerID: s.Customer.ID, Subject: "Re: code " + spaced}
	if err := s.Conversations.CreateConversation(ctx, mail, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "see subject"}); err != nil {
		t.Fatal(err)
	}
	b := agentBrowser(t, s)
	for _, path := range []string{"/conversations/" + s.Conv.ID, "/inbox?view=unassigned", "/conversations/" + chat.ID,
		"/conversations/" + mail.ID, "/customers/" + s.Customer.ID} {
		_, page := b.get(path)
		for _, leak := range []string{code, spaced, arabic} {
			if strings.Contains(page, leak) {
				t.Fatalf("%s shows the code as %q", path, leak)
			}
		}
		if !strings.Contains(page, "[code hidden]") {
			t.Fatalf("%s does not say a code was hidden", path)
		}
	}
	_, page := b.get("/conversations/" + s.Conv.ID)
	if !strings.Contains(page, ">code [code hidden].png</a>") {
		t.Fatalf("the file's name is not shown through the view")
	}
	resp, _ := b.get("/conversations/" + s.Conv.ID + "/attachments/" + photo.Attachments[0].ID + "?download=1")
	if _, p, _ := mime.ParseMediaType(resp.Header.Get("Content-Disposition")); resp.StatusCode != 200 || p["filename"] != "code [code hidden].png" {
		t.Fatalf("download: %d Content-Disposition=%q", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
}

// issueEmailCode issues a verification request on conversation convID to
// the customer's on-file email (consoletest.CustomerEmail), as the agent
// of ctx, and returns the 6-digit code from the outbox's verification
// mail; it fails the test when there is none.
func issueEmailCode(t *testing.T, s *consoletest.Stack, ctx context.Context, convID string) string {
	t.Helper()
	var cpID string
	for _, cp := range s.Customer.ContactPoints {
		if cp.Value == consoletest.CustomerEmail {
			cpID = cp.ID
		}
	}
	if _, err := s.Verification.IssueChallenge(ctx, convID, cpID); err != nil {
		t.Fatal(err)
	}
	msgs, err := s.Outbox.FindOutbox(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	var code string
	for _, m := range msgs {
		if c := outboxCodeRe.FindStringSubmatch(m.Body); m.Purpose == "verification" && c != nil {
			code = c[1]
		}
	}
	if code == "" {
		t.Fatal("no code in the outbox")
	}
	return code
}
