package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	httpd "github.com/proofdesk/proofdesk/http"
	"github.com/proofdesk/proofdesk/http/api"
	"github.com/proofdesk/proofdesk/inmem"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestView_PolicyChangeNextRequest: a policy change through the API
// applies to the very next request, both ways, on the customer card, the
// lookup and the conversation's customer.
func TestView_PolicyChangeNextRequest(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		show := "/api/v1/customers/" + e.cust.ID
		lookup := "/api/v1/customers?external_id=u-1"
		for _, url := range []string{show, lookup} {
			e.run(t, scenario{method: "GET", url: url, token: e.agentTok, wantStatus: 200, want: []string{`"name":"Jane Doe"`}})
		}
		e.run(t, scenario{method: "PUT", url: "/api/v1/policy", token: e.adminTok, body: `{"classes":{"name":"L1"}}`, wantStatus: 200})
		for _, url := range []string{show, lookup} {
			e.run(t, scenario{method: "GET", url: url, token: e.agentTok, wantStatus: 200,
				want: []string{`"name":"J*** D***"`, `"name"`}, notWant: []string{"Jane Doe"}})
		}
		e.run(t, scenario{method: "PUT", url: "/api/v1/policy", token: e.adminTok, body: `{"classes":{"name":"L0"}}`, wantStatus: 200})
		e.run(t, scenario{method: "GET", url: show, token: e.agentTok, wantStatus: 200, want: []string{`"name":"Jane Doe"`}})
	})
}

// TestView_CodeInSentence_API: the code the customer received, typed
// inside a chat sentence, never reaches the agent through the messages
// API, in any script or spacing; a conversation without requests keeps
// its numbers, except a message that is nothing but a code.
func TestView_CodeInSentence_API(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		ctx := proofdesk.NewContextWithAgent(context.Background(), e.agent)
		convs := sqldb.NewConversationService(db)
		say := func(convID, body string) {
			t.Helper()
			if err := convs.CreateMessage(ctx, &proofdesk.Message{ConversationID: convID, AuthorKind: proofdesk.AuthorCustomer, Body: body}); err != nil {
				t.Fatal(err)
			}
		}
		// Before any request, an order number stays, a bare code does not.
		say(e.conv.ID, "order 123456 please")
		say(e.conv.ID, "654321")
		url := "/api/v1/conversations/" + e.conv.ID + "/messages"
		e.run(t, scenario{method: "GET", url: url, token: e.agentTok, wantStatus: 200,
			want: []string{"order 123456 please", `"body":"[code hidden]"`}, notWant: []string{"654321"}})

		e.issue(t, e.conv.ID, e.emailID)
		_, code := e.mailbox(t, proofdesk.OutboxEmail)
		spaced := code[:3] + " " + code[3:]
		fullWidth := strings.Map(func(r rune) rune { return r - '0' + '０' }, code)
		say(e.conv.ID, "my code is "+spaced+" thanks")
		say(e.conv.ID, "コードは"+fullWidth+"です")
		say(e.conv.ID, "it's "+strings.Join(strings.Split(code, ""), "-")+"!")
		body := e.run(t, scenario{method: "GET", url: url, token: e.agentTok, wantStatus: 200,
			want:    []string{"my code is [code hidden] thanks", "コードは[code hidden]です", `it's [code hidden]!`, `"code_hidden":true`},
			notWant: []string{code, spaced, fullWidth, code[:3] + "-"}})
		// Once a request was issued, every 6-digit number is hidden: the
		// earlier order number too.
		if strings.Contains(body, "123456") {
			t.Fatalf("order number shown after a request was issued: %s", body)
		}
		// A file the customer named after the code: hidden in the message,
		// in the list of files and in the download's name.
		photo := &proofdesk.Message{ConversationID: e.conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "photo",
			Attachments: []*proofdesk.Attachment{{Filename: "code " + spaced + ".png", ContentType: "image/png", Data: []byte("\x89PNG\r\n\x1a\n")}}}
		if err := convs.CreateMessage(ctx, photo); err != nil {
			t.Fatal(err)
		}
		for _, u := range []string{url, "/api/v1/conversations/" + e.conv.ID + "/attachments"} {
			e.run(t, scenario{method: "GET", url: u, token: e.agentTok, wantStatus: 200,
				want: []string{`"filename":"code [code hidden].png"`}, notWant: []string{spaced, code}})
		}
		req, _ := http.NewRequest("GET", e.srv.URL()+"/api/v1/conversations/"+e.conv.ID+"/attachments/"+photo.Attachments[0].ID, nil)
		req.Header.Set("Authorization", "Bearer "+e.agentTok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if _, p, _ := mime.ParseMediaType(resp.Header.Get("Content-Disposition")); resp.StatusCode != 200 || p["filename"] != "code [code hidden].png" {
			t.Fatalf("download: %d Content-Disposition=%q", resp.StatusCode, resp.Header.Get("Content-Disposition"))
		}
		// The code in the subject of another, unlinked conversation (an
		// email) is hidden on its card and in the list; other numbers stay.
		mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, Subject: "Re: code " + spaced + " for order 7654321"}
		if err := convs.CreateConversation(ctx, mail, nil); err != nil {
			t.Fatal(err)
		}
		for _, u := range []string{"/api/v1/conversations/" + mail.ID, "/api/v1/conversations"} {
			e.run(t, scenario{method: "GET", url: u, token: e.agentTok, wantStatus: 200,
				want: []string{"Re: code [code hidden] for order 7654321"}, notWant: []string{spaced}})
		}
	})
}

// TestView_EventStreamCarriesNoText: the live event stream tells that a
// message arrived, with IDs only, never its text, so a code typed in it
// cannot travel that way.
func TestView_EventStreamCarriesNoText(t *testing.T) {
	db := sqldbtest.Open(t)
	events := inmem.NewEventService(0)
	t.Cleanup(func() { _ = events.Close() })
	desk.PublishEvents(db, events) // every committed change, as in cmd/proofdesk
	agents := sqldb.NewAgentService(db)
	convs := sqldb.NewConversationService(db)
	tok := mustToken(t, agents, mustAgent(t, agents, "agent@desk.test", proofdesk.RoleAgent))
	conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat}
	if err := convs.CreateConversation(context.Background(), conv, nil); err != nil {
		t.Fatal(err)
	}
	srv := httpd.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)))
	api.NewEventsHandler(agents, convs, events).Register(srv)
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	ee := &eventsEnv{srv: srv, events: events, token: tok, conv: conv}
	stream := ee.open(t, "?conversation="+conv.ID)
	if err := convs.CreateMessage(context.Background(), &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorCustomer,
		Body: "my code is 482 913 thanks"}); err != nil {
		t.Fatal(err)
	}
	ev := readSSE(t, stream)
	if ev.Event != proofdesk.EventMessageCreated || !strings.Contains(ev.Data, conv.ID) {
		t.Fatalf("event=%q data=%q, want a message event for the conversation", ev.Event, ev.Data)
	}
	// IDs only: no field beyond these, and none of the words in the
	// fields that are not random IDs or the time (whose digits could
	// match the code's by chance).
	var fields map[string]any
	if err := json.Unmarshal([]byte(ev.Data), &fields); err != nil {
		t.Fatalf("event data %q: %v", ev.Data, err)
	}
	allowed := map[string]bool{"type": true, "conversation_id": true, "message_id": true, "author_kind": true, "at": true}
	for k, v := range fields {
		if !allowed[k] {
			t.Fatalf("event data %q has field %q", ev.Data, k)
		}
		if k == "conversation_id" || k == "message_id" || k == "at" {
			continue
		}
		for _, leak := range []string{"482", "913", "code is", "body", "thanks"} {
			if strings.Contains(fmt.Sprint(v), leak) {
				t.Fatalf("event data %q holds %q in %s", ev.Data, leak, k)
			}
		}
	}
	if !strings.HasPrefix(fmt.Sprint(fields["message_id"]), "msg_") {
		t.Fatalf("event data %q: message_id is not a message ID", ev.Data)
	}
}

// TestView_CodeInSubject_EveryResponse: attack on the one view: the code
// the customer put in an email's subject is hidden not only when the
// conversation is read, but in every answer that carries the
// conversation, such as the one a PATCH (tags, status) returns.
func TestView_CodeInSubject_EveryResponse(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		ctx := proofdesk.NewContextWithAgent(context.Background(), e.agent)
		convs := sqldb.NewConversationService(db)
		e.issue(t, e.conv.ID, e.emailID)
		_, code := e.mailbox(t, proofdesk.OutboxEmail)
		spaced := code[:3] + " " + code[3:]
		mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, Subject: "Re: my code is " + spaced + " thanks"}
		if err := convs.CreateConversation(ctx, mail, nil); err != nil {
			t.Fatal(err)
		}
		url := "/api/v1/conversations/" + mail.ID
		for _, body := range []string{`{"tags":["vip"]}`, `{"status":"pending"}`, `{"assignee_id":"` + e.agent.ID + `"}`} {
			e.run(t, scenario{method: "PATCH", url: url, token: e.agentTok, body: body, wantStatus: 200,
				want: []string{"Re: my code is [code hidden] thanks"}, notWant: []string{spaced, code}})
		}
	})
}

// TestView_CodeInTextFile: attack on the view: the code the customer
// received, inside a text file they attached (a note, a forwarded SMS),
// is hidden in the download as in a message; a binary file is served as
// it is.
func TestView_CodeInTextFile(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		ctx := proofdesk.NewContextWithAgent(context.Background(), e.agent)
		convs := sqldb.NewConversationService(db)
		e.issue(t, e.conv.ID, e.emailID)
		_, code := e.mailbox(t, proofdesk.OutboxEmail)
		png := []byte("\x89PNG\r\n\x1a\n" + code)
		m := &proofdesk.Message{ConversationID: e.conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "see the files",
			Attachments: []*proofdesk.Attachment{
				{Filename: "sms.txt", ContentType: "text/plain", Data: []byte("From: Shop\nYour code is " + code + ".\n")},
				{Filename: "forward.html", ContentType: "text/html", Data: []byte("<p>code <b>" + code[:3] + " " + code[3:] + "</b></p>")},
				{Filename: "shot.png", ContentType: "image/png", Data: png}}}
		if err := convs.CreateMessage(ctx, m); err != nil {
			t.Fatal(err)
		}
		for i, a := range m.Attachments {
			req, _ := http.NewRequest("GET", e.srv.URL()+"/api/v1/conversations/"+e.conv.ID+"/attachments/"+a.ID, nil)
			req.Header.Set("Authorization", "Bearer "+e.agentTok)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			switch {
			case resp.StatusCode != 200:
				t.Fatalf("%s: %d", a.Filename, resp.StatusCode)
			case i < 2 && (strings.Contains(string(b), code) || strings.Contains(string(b), code[:3]+" "+code[3:]) || !strings.Contains(string(b), proofdesk.CodeHiddenText)):
				t.Fatalf("%s served as %q, want the code hidden", a.Filename, b)
			case i == 2 && string(b) != string(png):
				t.Fatalf("the image was changed: %q", b)
			}
		}
	})
}

// TestView_CodeSplitSubjectBody: attack on the view: an email whose
// subject ends with the first half of the code and whose body starts
// with the rest shows neither half with the other in the message list.
func TestView_CodeSplitSubjectBody(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		ctx := proofdesk.NewContextWithAgent(context.Background(), e.agent)
		convs := sqldb.NewConversationService(db)
		e.issue(t, e.conv.ID, e.emailID)
		_, code := e.mailbox(t, proofdesk.OutboxEmail)
		mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: e.cust.ID, Subject: "my code is " + code[:3]}
		first := &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: code[3:] + " thanks"}
		if err := convs.CreateConversation(ctx, mail, first); err != nil {
			t.Fatal(err)
		}
		e.run(t, scenario{method: "GET", url: "/api/v1/conversations/" + mail.ID + "/messages", token: e.agentTok, wantStatus: 200,
			want: []string{`"body":"[code hidden] thanks"`}, notWant: []string{code[3:] + " thanks"}})
	})
}

// TestView_CodeSplitSubjectBody_Objects: the same split is hidden in the
// subject of the API's conversation objects too (the list and the single
// conversation), as in the messages; a subject with an order number, on
// a conversation with no request and no known code in it, stays.
func TestView_CodeSplitSubjectBody_Objects(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		ctx := proofdesk.NewContextWithAgent(context.Background(), e.agent)
		convs := sqldb.NewConversationService(db)
		e.issue(t, e.conv.ID, e.emailID)
		_, code := e.mailbox(t, proofdesk.OutboxEmail)
		mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: e.cust.ID, Subject: "my code is " + code[:3]}
		if err := convs.CreateConversation(ctx, mail, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: code[3:] + " thanks"}); err != nil {
			t.Fatal(err)
		}
		order := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: e.cust.ID, Subject: "Order 4471"}
		if err := convs.CreateConversation(ctx, order, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "2208 boxes never arrived"}); err != nil {
			t.Fatal(err)
		}
		e.run(t, scenario{method: "GET", url: "/api/v1/conversations", token: e.agentTok, wantStatus: 200,
			want: []string{`"subject":"my code is [code hidden]"`, `"subject":"Order 4471"`}, notWant: []string{"is " + code[:3]}})
		e.run(t, scenario{method: "GET", url: "/api/v1/conversations/" + mail.ID, token: e.agentTok, wantStatus: 200,
			want: []string{`"subject":"my code is [code hidden]"`}, notWant: []string{"is " + code[:3]}})
		e.run(t, scenario{method: "GET", url: "/api/v1/conversations/" + order.ID, token: e.agentTok, wantStatus: 200,
			want: []string{`"subject":"Order 4471"`}})
	})
}

// TestView_ForwardedRequest: attack on the secret: the customer forwards
// the verification email (its link and its code) into the conversation;
// the agent reads neither the code nor the link's token, with which they
// could answer the request as the customer.
func TestView_ForwardedRequest(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		ctx := proofdesk.NewContextWithAgent(context.Background(), e.agent)
		e.issue(t, e.conv.ID, e.emailID)
		token, code := e.mailbox(t, proofdesk.OutboxEmail)
		body := "Is this real?\n\n---------- Forwarded message ----------\nOpen " + vAudience + "/v/" + token + " or type code " + code + " in the chat."
		if err := sqldb.NewConversationService(db).CreateMessage(ctx, &proofdesk.Message{ConversationID: e.conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: body}); err != nil {
			t.Fatal(err)
		}
		e.run(t, scenario{method: "GET", url: "/api/v1/conversations/" + e.conv.ID + "/messages", token: e.agentTok, wantStatus: 200,
			want: []string{"Is this real?", "/v/[code hidden] or type code [code hidden]"}, notWant: []string{token, code}})
	})
}

// TestView_OriginalReadsWithTheConversation: attack on the original of
// an inbound mail: a code split across two mails ("my code is 629", then
// "759 sorry" above the quoted history) is hidden in both messages; the
// full text of each original (quoted history and all) reads through the
// same conversation's view, not on its own, so it shows no half either.
func TestView_OriginalReadsWithTheConversation(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		ctx := proofdesk.NewContextWithAgent(context.Background(), e.agent)
		convs := sqldb.NewConversationService(db)
		e.issue(t, e.conv.ID, e.emailID)
		_, code := e.mailbox(t, proofdesk.OutboxEmail)
		mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: e.cust.ID, Subject: "Parcel"}
		first := &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "my code is " + code[:3]}
		if err := convs.CreateConversation(ctx, mail, first); err != nil {
			t.Fatal(err)
		}
		second := &proofdesk.Message{ConversationID: mail.ID, AuthorKind: proofdesk.AuthorCustomer, Body: code[3:] + " sorry"}
		if err := convs.CreateMessage(ctx, second); err != nil {
			t.Fatal(err)
		}
		quote := "\n\nOn Sunday Support wrote:\n> Could you type the whole code?"
		for i, m := range []*proofdesk.Message{first, second} {
			if err := db.RecordInbound(ctx, proofdesk.InboundMail{ConversationID: mail.ID, HeaderMessageID: fmt.Sprintf("o%d@example.org", i), MessageID: m.ID,
				Raw: []byte("From: jane@example.com\r\n\r\n" + m.Body + quote), FullText: m.Body + quote}); err != nil {
				t.Fatal(err)
			}
		}
		e.run(t, scenario{method: "GET", url: "/api/v1/conversations/" + mail.ID + "/messages", token: e.agentTok, wantStatus: 200,
			notWant: []string{"is " + code[:3], code[3:] + " sorry"}})
		for _, m := range []*proofdesk.Message{first, second} {
			e.run(t, scenario{method: "GET", url: "/api/v1/conversations/" + mail.ID + "/messages/" + m.ID + "/original", token: e.agentTok, wantStatus: 200,
				want: []string{"Could you type the whole code?"}, notWant: []string{"is " + code[:3], code[3:] + " sorry"}})
		}
	})
}

// TestView_CodeSplitAcrossConversations: attack on the split: the
// customer types the first half of the code in a chat and the second in
// an email (two conversations without requests of their own); each
// conversation's messages hide their half, read with what the customer
// wrote in the other.
func TestView_CodeSplitAcrossConversations(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		ctx := proofdesk.NewContextWithAgent(context.Background(), e.agent)
		convs := sqldb.NewConversationService(db)
		e.issue(t, e.conv.ID, e.emailID)
		_, code := e.mailbox(t, proofdesk.OutboxEmail)
		chat := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: e.cust.ID}
		if err := convs.CreateConversation(ctx, chat, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "my code is " + code[:3]}); err != nil {
			t.Fatal(err)
		}
		mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: e.cust.ID, Subject: "Parcel"}
		if err := convs.CreateConversation(ctx, mail, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: code[3:] + " thanks"}); err != nil {
			t.Fatal(err)
		}
		e.run(t, scenario{method: "GET", url: "/api/v1/conversations/" + chat.ID + "/messages", token: e.agentTok, wantStatus: 200,
			want: []string{`"body":"my code is [code hidden]"`}, notWant: []string{"is " + code[:3]}})
		e.run(t, scenario{method: "GET", url: "/api/v1/conversations/" + mail.ID + "/messages", token: e.agentTok, wantStatus: 200,
			want: []string{`"body":"[code hidden] thanks"`}, notWant: []string{code[3:] + " thanks"}})
	})
}

// TestView_CodeSplitSubjectAndOtherConversation: attack13 on the split
// across conversations: the code's first half typed in an email's
// subject ("my code is 482", a body without digits), its second in a
// chat of the same customer ("913 thanks"). Neither the chat's messages
// nor the email's subject (its conversation object and the list) shows
// its half: what the customer wrote elsewhere includes their other
// conversations' subjects.
func TestView_CodeSplitSubjectAndOtherConversation(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		ctx := proofdesk.NewContextWithAgent(context.Background(), e.agent)
		convs := sqldb.NewConversationService(db)
		e.issue(t, e.conv.ID, e.emailID)
		_, code := e.mailbox(t, proofdesk.OutboxEmail)
		mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: e.cust.ID, Subject: "my code is " + code[:3]}
		if err := convs.CreateConversation(ctx, mail, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "see the subject"}); err != nil {
			t.Fatal(err)
		}
		chat := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: e.cust.ID}
		if err := convs.CreateConversation(ctx, chat, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: code[3:] + " thanks"}); err != nil {
			t.Fatal(err)
		}
		e.run(t, scenario{method: "GET", url: "/api/v1/conversations/" + chat.ID + "/messages", token: e.agentTok, wantStatus: 200,
			want: []string{`"body":"[code hidden] thanks"`}, notWant: []string{code[3:] + " thanks"}})
		e.run(t, scenario{method: "GET", url: "/api/v1/conversations/" + mail.ID, token: e.agentTok, wantStatus: 200,
			want: []string{`"subject":"my code is [code hidden]"`}, notWant: []string{"is " + code[:3]}})
		e.run(t, scenario{method: "GET", url: "/api/v1/conversations?customer_id=" + e.cust.ID, token: e.agentTok, wantStatus: 200,
			want: []string{`"subject":"my code is [code hidden]"`}, notWant: []string{"is " + code[:3]}})
	})
}

// TestView_CodeSplitSubjectAndSixthMessage: attack13: the subject holds
// the code's first half, five messages of chatter follow and the sixth
// holds the rest: the conversation object in a list hides the subject's
// half as the conversation's page does.
func TestView_CodeSplitSubjectAndSixthMessage(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		ctx := proofdesk.NewContextWithAgent(context.Background(), e.agent)
		convs := sqldb.NewConversationService(db)
		e.issue(t, e.conv.ID, e.emailID)
		_, code := e.mailbox(t, proofdesk.OutboxEmail)
		mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: e.cust.ID, Subject: "my code is " + code[:3]}
		if err := convs.CreateConversation(ctx, mail, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "hello"}); err != nil {
			t.Fatal(err)
		}
		for _, body := range []string{"anyone?", "please", "it is urgent", "see the subject", "then " + code[3:]} {
			if err := convs.CreateMessage(ctx, &proofdesk.Message{ConversationID: mail.ID, AuthorKind: proofdesk.AuthorCustomer, Body: body}); err != nil {
				t.Fatal(err)
			}
		}
		e.run(t, scenario{method: "GET", url: "/api/v1/conversations/" + mail.ID + "/messages", token: e.agentTok, wantStatus: 200,
			want: []string{`"body":"then [code hidden]"`}})
		e.run(t, scenario{method: "GET", url: "/api/v1/conversations?customer_id=" + e.cust.ID, token: e.agentTok, wantStatus: 200,
			want: []string{`"subject":"my code is [code hidden]"`}, notWant: []string{"is " + code[:3]}})
	})
}
