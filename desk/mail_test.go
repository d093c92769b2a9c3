package desk_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// One short chat (verified, the address revealed, resolved) sends the
// owner two mails: the verification request they answered and ONE
// transcript that lists the reveal; no mail body carries an internal ID,
// and the code instruction names where to type it. The business's stored
// branding names it, and the owner's stored language is used.
func TestOneChatOneTranscript(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		if err := sqldb.NewBrandingService(db, proofdesk.Branding{Company: "Proofdesk"}).UpdateBranding(ctx, &proofdesk.Branding{Company: "Acme Shop"}); err != nil {
			t.Fatal(err)
		}
		info, err := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.EmailID)
		if err != nil {
			t.Fatal(err)
		}
		token, _ := f.LastSecret(t)
		if _, err := f.VS.ApproveByToken(ctx, token, info.Number); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Desk.Reveal(f.AgentCtx, f.Conv.ID, "addresses", "customer asked where the parcel goes", false); err != nil {
			t.Fatal(err)
		}
		resolved := proofdesk.StatusResolved
		if _, err := sqldb.NewConversationService(db).UpdateConversation(f.AgentCtx, f.Conv.ID, proofdesk.ConversationUpdate{Status: &resolved}); err != nil {
			t.Fatal(err)
		}
		msgs, err := sqldb.NewOutboxService(db).FindOutbox(ctx, 100)
		if err != nil {
			t.Fatal(err)
		}
		byPurpose := map[string][]*proofdesk.OutboxMessage{}
		for _, m := range msgs {
			if m.To == "jane@example.com" {
				byPurpose[m.Purpose] = append(byPurpose[m.Purpose], m)
			}
			if strings.Contains(m.Body, f.Conv.ID) || strings.Contains(m.Body, "cnv_") {
				t.Errorf("%s mail shows an internal ID:\n%s", m.Purpose, m.Body)
			}
		}
		if len(byPurpose["verification"]) != 1 || len(byPurpose["transcript"]) != 1 || len(byPurpose) != 2 {
			t.Fatalf("the owner got %d mails by purpose, want one verification and one transcript: %v", len(msgs), keys(byPurpose))
		}
		v := byPurpose["verification"][0]
		if !strings.Contains(v.Subject, "Acme Shop") || !strings.Contains(v.Body, "code box that opened in the chat window") || strings.Contains(v.Body, "in the chat:") {
			t.Errorf("verification mail:\n%s\n%s", v.Subject, v.Body)
		}
		tr := byPurpose["transcript"][0]
		if !strings.Contains(tr.Subject, "Acme Shop") || !strings.Contains(tr.Body, "our agent viewed your postal address") {
			t.Errorf("transcript does not list the reveal:\n%s", tr.Body)
		}

		// A second chat of an owner who prefers German: the mails speak it.
		old := time.Now().AddDate(-1, 0, 0)
		in := proofdesk.CustomerInput{Name: "Jana Müller", Emails: []proofdesk.ContactPointInput{{Value: "jana@example.de", AddedAt: &old}},
			Attributes: map[string]string{"language": "de-CH"}}
		jana, err := in.Customer(time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, jana); err != nil {
			t.Fatal(err)
		}
		conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: jana.ID, AssigneeID: f.Agent.ID}
		if err := sqldb.NewConversationService(db).CreateConversation(f.AgentCtx, conv, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := f.VS.IssueChallenge(f.AgentCtx, conv.ID, jana.ContactPoints[0].ID); err != nil {
			t.Fatal(err)
		}
		// A supervisor's break-glass reveal: told at once, in German too.
		if _, err := f.Desk.Reveal(f.SupCtx, conv.ID, "emails", "fraud check, ticket 12", true); err != nil {
			t.Fatal(err)
		}
		if _, err := sqldb.NewConversationService(db).UpdateConversation(f.AgentCtx, conv.ID, proofdesk.ConversationUpdate{Status: &resolved}); err != nil {
			t.Fatal(err)
		}
		msgs, _ = sqldb.NewOutboxService(db).FindOutbox(ctx, 100)
		german := 0
		for _, m := range msgs {
			if m.ConversationID != conv.ID || m.To != "jana@example.de" {
				continue
			}
			german++
			want := map[string]string{"verification": "Geben Sie ihn in das Codefeld ein", "transcript": "Ihr Gespräch mit dem Acme Shop Support",
				"owner_notice": "Ein Vorgesetzter hat während eines Support-Gesprächs Folgendes angesehen: E-Mail-Adressen."}[m.Purpose]
			if want == "" || !strings.Contains(m.Subject+"\n"+m.Body, want) {
				t.Errorf("%s mail not in German:\n%s\n%s", m.Purpose, m.Subject, m.Body)
			}
		}
		if german != 3 {
			t.Fatalf("%d mails to the German owner, want the request, the break-glass notice and the transcript", german)
		}
	})
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
