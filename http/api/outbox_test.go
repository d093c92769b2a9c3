package api_test

import (
	"context"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func TestOutbox_API(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		e.issue(t, e.conv.ID, e.emailID)
		token, code := e.mailbox(t, proofdesk.OutboxEmail)
		e.run(t, scenario{method: "GET", url: "/api/v1/outbox?limit=10", token: e.adminTok, wantStatus: 200,
			want: []string{`"relay_configured":false`, `"purpose":"verification"`, `"to":"jane@example.com"`, token, code}})
		for _, s := range []scenario{
			{name: "agent", method: "GET", url: "/api/v1/outbox", token: e.agentTok, wantStatus: 403, notWant: []string{token}},
			{name: "supervisor", method: "GET", url: "/api/v1/outbox", token: e.supTok, wantStatus: 403, notWant: []string{token}},
			{name: "no token", method: "GET", url: "/api/v1/outbox", wantStatus: 401},
			{name: "bad limit", method: "GET", url: "/api/v1/outbox?limit=9999", token: e.adminTok, wantStatus: 400},
		} {
			e.run(t, s)
		}
		// Attack: an SMS provider delivers SMS for real while mail stays
		// in the outbox: the SMS sent to the customer's phone (its code)
		// is never shown, nor the mail's (a live code an admin could pass
		// on): the desk is real once either transport is set.
		e.issue(t, e.conv.ID, e.phoneID)
		_, smsCode := e.mailbox(t, proofdesk.OutboxSMS)
		e.outbox.SMSConfigured = true
		e.run(t, scenario{method: "GET", url: "/api/v1/outbox", token: e.adminTok, wantStatus: 200,
			want:    []string{`"kind":"sms"`, `"to":"` + proofdesk.MaskPhone("+14155550123") + `"`, `"relay_configured":true`},
			notWant: []string{smsCode, code, token, "+14155550123", "jane@example.com", `"body"`}})
		// Attack: a reply's subject is the customer's words: a code
		// typed into an email's subject is read through the view, with
		// the recent codes, and without them every 6-digit number.
		ctx := proofdesk.NewContextWithAgent(context.Background(), e.agent)
		convs := sqldb.NewConversationService(db)
		mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: e.cust.ID,
			Requester: proofdesk.Requester{Email: "jane@example.com"}, Subject: "Zebra parcel: my code is " + code}
		if err := convs.CreateConversation(ctx, mail, nil); err != nil {
			t.Fatal(err)
		}
		if err := convs.CreateMessage(ctx, &proofdesk.Message{ConversationID: mail.ID, AuthorKind: proofdesk.AuthorAgent,
			AuthorID: e.agent.ID, Body: "Thanks, we are looking into it."}); err != nil {
			t.Fatal(err)
		}
		e.outbox.SMSConfigured = false
		for _, recent := range []func(context.Context) func(string) bool{nil, e.vs.RecentCodes} {
			e.outbox.RecentCodes = recent
			e.run(t, scenario{method: "GET", url: "/api/v1/outbox", token: e.adminTok, wantStatus: 200,
				want: []string{"Zebra parcel: my code is " + proofdesk.CodeHiddenText}, notWant: []string{"my code is " + code}})
		}
		// With a relay delivering mail, bodies (links, codes) are never shown.
		e.outbox.SMSConfigured = false
		e.outbox.RelayConfigured = true
		e.run(t, scenario{method: "GET", url: "/api/v1/outbox", token: e.adminTok, wantStatus: 200,
			want:    []string{`"relay_configured":true`, `"purpose":"verification"`, `"to":"` + proofdesk.MaskEmail("jane@example.com") + `"`},
			notWant: []string{token, code, `"body"`, "jane@example.com"}})
	})
}

// TestOutbox_SubjectReadWithTheFirstMessages: attack13: a reply's
// subject is the conversation's ("Re: my code is 482"), whose other half
// the customer typed in the mail's body ("913 thanks"): the outbox reads
// the subject as the lists do, with the conversation's first messages
// (proofdesk.ViewContext.Subject), not alone.
func TestOutbox_SubjectReadWithTheFirstMessages(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		e.issue(t, e.conv.ID, e.emailID)
		_, code := e.mailbox(t, proofdesk.OutboxEmail)
		ctx := proofdesk.NewContextWithAgent(context.Background(), e.agent)
		convs := sqldb.NewConversationService(db)
		mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: e.cust.ID,
			Requester: proofdesk.Requester{Email: "jane@example.com"}, Subject: "Zebra parcel: my code is " + code[:3]}
		if err := convs.CreateConversation(ctx, mail, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: code[3:] + " thanks"}); err != nil {
			t.Fatal(err)
		}
		if err := convs.CreateMessage(ctx, &proofdesk.Message{ConversationID: mail.ID, AuthorKind: proofdesk.AuthorAgent,
			AuthorID: e.agent.ID, Body: "Thanks, we are looking into it."}); err != nil {
			t.Fatal(err)
		}
		e.outbox.SMSConfigured = false
		e.outbox.RecentCodes = e.vs.RecentCodes
		e.outbox.Subjects = convs // as cmd/proofdesk wires it
		e.run(t, scenario{method: "GET", url: "/api/v1/outbox", token: e.adminTok, wantStatus: 200,
			want: []string{"Zebra parcel: my code is " + proofdesk.CodeHiddenText}, notWant: []string{"my code is " + code[:3]}})
	})
}
