package console_test

import (
	"context"
	"fmt"
	"github.com/proofdesk/proofdesk/http/console"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/http/console/consoletest"
)

// TestView_CodeForms_Console: the code the customer received, typed in
// words of three languages, with O and l for 0 and 1, or split across
// messages, is hidden on the conversation page; a note in which the
// agent quoted the address at L0 shows it masked.
func TestView_CodeForms_Console(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	ctx := proofdesk.NewContextWithAgent(context.Background(), s.Agent)
	code := issueEmailCode(t, s, ctx, s.Conv.ID)
	words := [10]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
	wordsDE := [10]string{"null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"}
	spell := func(ws [10]string) string {
		var out []string
		for _, c := range code {
			out = append(out, ws[c-'0'])
		}
		return strings.Join(out, " ")
	}
	letters := strings.NewReplacer("0", "O", "1", "l").Replace(code)
	forms := []string{spell(words), spell(wordsDE)}
	if strings.Trim(code, "01") != "" {
		// A code of only 0 and 1 typed as letters alone is not read
		// (TestHideCodes_EveryCodeInEveryForm).
		forms = append(forms, letters[:3]+" "+letters[3:])
	}
	post := func(kind, body string, internal bool) {
		t.Helper()
		m := &proofdesk.Message{ConversationID: s.Conv.ID, AuthorKind: kind, Body: body, Internal: internal}
		if kind == proofdesk.AuthorAgent {
			m.AuthorID = s.Agent.ID
		}
		if err := s.Conversations.CreateMessage(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range forms {
		post(proofdesk.AuthorCustomer, "the code: "+f, false)
	}
	post(proofdesk.AuthorCustomer, code[:3], false)
	post(proofdesk.AuthorCustomer, code[3:]+" sorry", false)
	post(proofdesk.AuthorAgent, "Noted. They live at "+consoletest.CustomerStreet+", "+consoletest.CustomerPostal+". Checked with the carrier.", true)
	b := agentBrowser(t, s)
	_, page := b.get("/conversations/" + s.Conv.ID)
	for _, leak := range append([]string{code, ">" + code[:3] + "<", code[3:] + " sorry", "Baker", consoletest.CustomerPostal}, forms...) {
		if strings.Contains(page, leak) {
			t.Fatalf("the conversation page shows %q", leak)
		}
	}
	if n := strings.Count(page, "[code hidden]"); n < len(forms)+2 {
		t.Fatalf("%d codes hidden on the page, want at least %d", n, len(forms)+2)
	}
	if !strings.Contains(page, "Noted. [address hidden: L1] Checked with the carrier.") {
		i := strings.Index(page, "Noted")
		t.Fatalf("the agent's note is not shown masked: %q", page[max(0, i-50):min(len(page), i+300)])
	}
}

// TestView_InboxSearchIsNoOracle: attack on the view: the inbox search
// reads the subject as the agent sees it, so searching for the digits of
// a code hidden in an email's subject finds nothing (it would confirm
// the code digit by digit); words of the subject still find it.
func TestView_InboxSearchIsNoOracle(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	ctx := proofdesk.NewContextWithAgent(context.Background(), s.Agent)
	code := issueEmailCode(t, s, ctx, s.Conv.ID)
	mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, Subject: "Zebra parcel: my code is " + code}
	if err := s.Conversations.CreateConversation(ctx, mail, nil); err != nil {
		t.Fatal(err)
	}
	b := agentBrowser(t, s)
	if _, page := b.get("/inbox?view=all&q=zebra"); !strings.Contains(page, mail.ID) {
		t.Fatal("a search for a word of the subject does not find the conversation")
	}
	for _, q := range []string{code, code[:4], "is " + code[:1]} {
		if _, page := b.get("/inbox?view=all&q=" + url.QueryEscape(q)); strings.Contains(page, mail.ID) {
			t.Fatalf("searching %q finds the conversation whose subject hides the code", q)
		}
	}
}

// TestAdminOutbox_NoLiveCodes: attack on the secret: with an SMS provider
// set (the desk is real) but no mail relay, the admin's outbox shows no
// body, so neither the SMS sent to the customer's phone nor the mail that
// stayed behind hands the admin a live code.
func TestAdminOutbox_NoLiveCodes(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{Settings: console.Settings{SMSProvider: "https://sms.example.test"}})
	s.Console.AllowNo2FA = true
	ctx := proofdesk.NewContextWithAgent(context.Background(), s.Agent)
	for _, cp := range s.Customer.ContactPoints {
		if _, err := s.Verification.IssueChallenge(ctx, s.Conv.ID, cp.ID); err != nil && proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatal(err)
		}
	}
	msgs, err := s.Outbox.FindOutbox(ctx, 10)
	if err != nil || len(msgs) == 0 {
		t.Fatalf("outbox: %d messages, %v", len(msgs), err)
	}
	b := signIn(t, s, consoletest.AdminEmail, consoletest.AdminPassword, "")
	resp, page := b.get("/admin/outbox")
	if resp.StatusCode != 200 {
		t.Fatalf("GET /admin/outbox: %d", resp.StatusCode)
	}
	for _, m := range msgs {
		if c := outboxCodeRe.FindStringSubmatch(m.Body); c != nil && strings.Contains(page, c[1]) {
			t.Fatalf("the admin's outbox shows the %s code %s", m.Kind, c[1])
		}
	}
}

// TestView_InboxPreviewSplitCode: attack on the inbox row: a chat's
// preview (its first customer message) reads through the same view as
// the conversation page, so the first half of a code split across two
// messages is hidden there too.
func TestView_InboxPreviewSplitCode(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	ctx := proofdesk.NewContextWithAgent(context.Background(), s.Agent)
	chat := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: s.Customer.ID}
	if err := s.Conversations.CreateConversation(ctx, chat, nil); err != nil {
		t.Fatal(err)
	}
	code := issueEmailCode(t, s, ctx, chat.ID)
	for _, body := range []string{"hello, my code is " + code[:3], code[3:] + " thanks"} {
		if err := s.Conversations.CreateMessage(ctx, &proofdesk.Message{ConversationID: chat.ID, AuthorKind: proofdesk.AuthorCustomer, Body: body}); err != nil {
			t.Fatal(err)
		}
	}
	b := agentBrowser(t, s)
	_, page := b.get("/inbox?view=all")
	if !strings.Contains(page, "hello, my code is") {
		t.Fatal("the chat's preview is not on the inbox page")
	}
	if strings.Contains(page, "my code is "+code[:3]) {
		t.Fatalf("the inbox preview shows the first half of the code %s", code)
	}
}

// TestView_CodeInTextFile_Console: the code inside a text file the
// customer attached is hidden in the console's download too.
func TestView_CodeInTextFile_Console(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	ctx := proofdesk.NewContextWithAgent(context.Background(), s.Agent)
	code := issueEmailCode(t, s, ctx, s.Conv.ID)
	m := &proofdesk.Message{ConversationID: s.Conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "attached",
		Attachments: []*proofdesk.Attachment{{Filename: "note.txt", ContentType: "text/plain", Data: []byte("the code: " + code)}}}
	if err := s.Conversations.CreateMessage(ctx, m); err != nil {
		t.Fatal(err)
	}
	b := agentBrowser(t, s)
	resp, body := b.get("/conversations/" + s.Conv.ID + "/attachments/" + m.Attachments[0].ID)
	if resp.StatusCode != 200 || strings.Contains(body, code) || !strings.Contains(body, proofdesk.CodeHiddenText) {
		t.Fatalf("download: %d %q, want the code hidden", resp.StatusCode, body)
	}
}

// TestView_CodeSplitSubjectBody_Console: an email whose subject ends with
// the first half of the code and whose body starts with the rest shows
// neither half on the conversation page.
func TestView_CodeSplitSubjectBody_Console(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	ctx := proofdesk.NewContextWithAgent(context.Background(), s.Agent)
	code := issueEmailCode(t, s, ctx, s.Conv.ID)
	mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: s.Customer.ID, Subject: "my code is " + code[:3]}
	if err := s.Conversations.CreateConversation(ctx, mail, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: code[3:] + " thanks"}); err != nil {
		t.Fatal(err)
	}
	b := agentBrowser(t, s)
	_, page := b.get("/conversations/" + mail.ID)
	if strings.Contains(page, code[3:]+" thanks") || !strings.Contains(page, "[code hidden] thanks") {
		t.Fatalf("the page shows the second half of the code %s after the subject's first half", code)
	}
	// The subject, read with the body as the body is read with it, hides
	// its half too (title and heading).
	if strings.Contains(page, "is "+code[:3]) {
		t.Fatalf("the page shows the subject's half of the code %s", code)
	}
}

// TestView_QuotedTextReadsWithTheConversation: attack on "Show quoted
// text": the code split across two mails ("my code is 629", then "759
// sorry" above the quoted history) is hidden in both bodies, and the
// second mail's whole text, shown under "Show quoted text", reads in
// its message's place among the conversation's messages too: no half
// shows there.
func TestView_QuotedTextReadsWithTheConversation(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	ctx := proofdesk.NewContextWithAgent(context.Background(), s.Agent)
	code := issueEmailCode(t, s, ctx, s.Conv.ID)
	mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, Subject: "Parcel", Requester: proofdesk.Requester{Email: consoletest.CustomerEmail}}
	first := &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "my code is " + code[:3]}
	if err := s.Conversations.CreateConversation(ctx, mail, first); err != nil {
		t.Fatal(err)
	}
	second := &proofdesk.Message{ConversationID: mail.ID, AuthorKind: proofdesk.AuthorCustomer, Body: code[3:] + " sorry"}
	if err := s.Conversations.CreateMessage(ctx, second); err != nil {
		t.Fatal(err)
	}
	quote := "\n\nOn Sunday Support wrote:\n> Could you type the whole code?"
	for i, m := range []*proofdesk.Message{first, second} {
		if err := s.DB.RecordInbound(ctx, proofdesk.InboundMail{ConversationID: mail.ID, HeaderMessageID: fmt.Sprintf("q%d@example.org", i), MessageID: m.ID,
			Raw: []byte("From: " + consoletest.CustomerEmail + "\r\n\r\n" + m.Body + quote), FullText: m.Body + quote}); err != nil {
			t.Fatal(err)
		}
	}
	_, page := agentBrowser(t, s).get("/conversations/" + mail.ID)
	page = html.UnescapeString(page)
	if !strings.Contains(page, "Could you type the whole code?") {
		t.Fatal("the quoted text is not on the page")
	}
	for _, leak := range []string{"is " + code[:3], code[3:] + " sorry"} {
		if strings.Contains(page, leak) {
			t.Fatalf("the conversation page shows %q", leak)
		}
	}
}

// TestView_CodeSplitAcrossConversations_Console: the code's first half
// typed in a chat, its second in an email of the same customer (neither
// conversation has a request of its own): neither page nor the inbox's
// preview of the chat shows a half.
func TestView_CodeSplitAcrossConversations_Console(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	ctx := proofdesk.NewContextWithAgent(context.Background(), s.Agent)
	code := issueEmailCode(t, s, ctx, s.Conv.ID)
	chat := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: s.Customer.ID}
	if err := s.Conversations.CreateConversation(ctx, chat, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "my code is " + code[:3]}); err != nil {
		t.Fatal(err)
	}
	mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: s.Customer.ID, Subject: "Parcel"}
	if err := s.Conversations.CreateConversation(ctx, mail, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: code[3:] + " thanks"}); err != nil {
		t.Fatal(err)
	}
	b := agentBrowser(t, s)
	for _, path := range []string{"/conversations/" + chat.ID, "/conversations/" + mail.ID, "/inbox?view=all"} {
		_, page := b.get(path)
		for _, leak := range []string{"is " + code[:3], code[3:] + " thanks"} {
			if strings.Contains(html.UnescapeString(page), leak) {
				t.Fatalf("%s shows %q", path, leak)
			}
		}
	}
}

// TestAdminOutbox_SubjectThroughTheView: a reply's subject is the
// customer's ("Re: Zebra parcel: my code is 482913"): the admin's outbox
// reads it through the one view, so a recent code typed into an email's
// subject is hidden there as on the inbox.
func TestAdminOutbox_SubjectThroughTheView(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	s.Console.AllowNo2FA = true
	ctx := proofdesk.NewContextWithAgent(context.Background(), s.Agent)
	code := issueEmailCode(t, s, ctx, s.Conv.ID)
	mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: s.Customer.ID,
		Requester: proofdesk.Requester{Email: "someone@example.net"}, Subject: "Zebra parcel: my code is " + code}
	if err := s.Conversations.CreateConversation(ctx, mail, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Conversations.CreateMessage(ctx, &proofdesk.Message{ConversationID: mail.ID, AuthorKind: proofdesk.AuthorAgent,
		AuthorID: s.Agent.ID, Body: "Thanks, we are looking into it."}); err != nil {
		t.Fatal(err)
	}
	queued, err := s.Outbox.FindOutbox(ctx, 20)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, m := range queued {
		found = found || strings.Contains(m.Subject, code)
	}
	if !found {
		t.Fatal("the reply was not queued with the conversation's subject: the test proves nothing")
	}
	b := signIn(t, s, consoletest.AdminEmail, consoletest.AdminPassword, "")
	_, page := b.get("/admin/outbox")
	if !strings.Contains(page, "Zebra parcel") {
		t.Fatal("the admin's outbox does not list the reply")
	}
	// (With no relay and no SMS provider the demo's outbox shows bodies,
	// the verification mail's code among them: the subject is what counts.)
	if strings.Contains(page, "my code is "+code) {
		t.Fatalf("the admin's outbox shows the code %s typed into the subject", code)
	}
}

// TestAdminOutbox_SubjectReadWithTheFirstMessages: attack13: the code
// split between the email's subject ("my code is 482") and its body
// ("913 thanks"): the reply's subject in the admin's outbox reads as the
// inbox reads the conversation's, with its first messages.
func TestAdminOutbox_SubjectReadWithTheFirstMessages(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	s.Console.AllowNo2FA = true
	ctx := proofdesk.NewContextWithAgent(context.Background(), s.Agent)
	code := issueEmailCode(t, s, ctx, s.Conv.ID)
	mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: s.Customer.ID,
		Requester: proofdesk.Requester{Email: "someone@example.net"}, Subject: "Zebra parcel: my code is " + code[:3]}
	if err := s.Conversations.CreateConversation(ctx, mail, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: code[3:] + " thanks"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Conversations.CreateMessage(ctx, &proofdesk.Message{ConversationID: mail.ID, AuthorKind: proofdesk.AuthorAgent,
		AuthorID: s.Agent.ID, Body: "Thanks, we are looking into it."}); err != nil {
		t.Fatal(err)
	}
	b := signIn(t, s, consoletest.AdminEmail, consoletest.AdminPassword, "")
	_, page := b.get("/admin/outbox")
	if !strings.Contains(page, "Zebra parcel") {
		t.Fatal("the admin's outbox does not list the reply")
	}
	if strings.Contains(page, "my code is "+code[:3]) {
		t.Fatalf("the admin's outbox shows %s, the subject's half of the code", code[:3])
	}
}
