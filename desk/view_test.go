package desk_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestAgentTextMasksQuotedData: a reply sent legitimately at L2 that
// quoted the address and the card stays readable to the holder at L2,
// and is masked, sentence by sentence, for an agent who could not send it
// now (another agent, a supervisor who does not hold the conversation);
// a note that quoted the address in an unverified conversation is masked
// for its own author; the customer's own words are not touched.
func TestAgentTextMasksQuotedData(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		conv := f.NewConversation(t)
		f.VerifyL2(t, conv)
		const quote = "Hello Jane. The parcel goes to 742 Evergreen Terrace, Springfield 97403. Paid with the visa ending 4242. Anything else?"
		if err := f.reply(f.AgentCtx, conv.ID, quote); err != nil {
			t.Fatalf("reply at L2: %v", err)
		}
		other := &proofdesk.Agent{Email: "bob@desk.example", Name: "Bob", Role: proofdesk.RoleAgent, PasswordHash: "x"}
		if err := sqldb.NewAgentService(db).CreateAgent(ctx, other); err != nil {
			t.Fatal(err)
		}
		view := func(actx context.Context, convID string) []*proofdesk.MessageView {
			t.Helper()
			msgs, err := sqldb.NewConversationService(db).FindMessages(actx, convID)
			if err != nil {
				t.Fatal(err)
			}
			at, err := f.VS.AgentText(actx, convID)
			if err != nil {
				t.Fatal(err)
			}
			return proofdesk.NewMessageViews(msgs, proofdesk.ViewContext{AgentText: at, CodesIssued: true})
		}
		agentBody := func(vs []*proofdesk.MessageView) *proofdesk.MessageView {
			for _, v := range vs {
				if v.AuthorKind == proofdesk.AuthorAgent {
					return v
				}
			}
			t.Fatal("no agent message")
			return nil
		}
		if v := agentBody(view(f.AgentCtx, conv.ID)); v.Body != quote || v.ProtectedHidden {
			t.Fatalf("holder at L2 sees %q (hidden %v), want as written", v.Body, v.ProtectedHidden)
		}
		for name, actx := range map[string]context.Context{"other agent": proofdesk.NewContextWithAgent(ctx, other), "supervisor": f.SupCtx} {
			v := agentBody(view(actx, conv.ID))
			for _, leak := range []string{"742", "Evergreen", "97403", "4242"} {
				if strings.Contains(v.Body, leak) {
					t.Errorf("%s sees %q in %q", name, leak, v.Body)
				}
			}
			if !v.ProtectedHidden || !strings.HasPrefix(v.Body, "Hello Jane. ") || !strings.HasSuffix(v.Body, " Anything else?") ||
				!strings.Contains(v.Body, "[address hidden: ") {
				t.Errorf("%s sees %q (hidden %v): want the other sentences kept and the class named", name, v.Body, v.ProtectedHidden)
			}
		}
		// A note written at L0 with the address: masked for its author too.
		note := &proofdesk.Message{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Internal: true,
			Body: "customer lives at 742 Evergreen Terrace"}
		if err := sqldb.NewConversationService(db).CreateMessage(f.AgentCtx, note); err != nil {
			t.Fatalf("note: %v", err)
		}
		cust := &proofdesk.Message{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "I live at 742 Evergreen Terrace"}
		if err := sqldb.NewConversationService(db).CreateMessage(ctx, cust); err != nil {
			t.Fatal(err)
		}
		for _, v := range view(f.AgentCtx, f.Conv.ID) {
			switch v.AuthorKind {
			case proofdesk.AuthorAgent:
				if strings.Contains(v.Body, "Evergreen") || !v.ProtectedHidden {
					t.Errorf("note at L0 reads %q", v.Body)
				}
			case proofdesk.AuthorCustomer:
				if v.Body != cust.Body {
					t.Errorf("customer's message reads %q, want as written", v.Body)
				}
			}
		}
	})
}

// TestTranscriptHidesCodeForms: the transcript sent to the owner reads
// messages through the same view: a code in words or split across
// messages is hidden there too.
func TestTranscriptHidesCodeForms(t *testing.T) {
	db := sqldbtest.Open(t)
	f := newFixture(t, db)
	n, err := desk.NewNotices(context.Background(), db, desk.NoticeConfig{BaseURL: "https://desk.example"})
	if err != nil {
		t.Fatal(err)
	}
	msgs := []*proofdesk.Message{
		{AuthorKind: proofdesk.AuthorCustomer, Body: "my code is four eight two nine one three"},
		{AuthorKind: proofdesk.AuthorCustomer, Body: "or 771"},
		{AuthorKind: proofdesk.AuthorAgent, Body: "go on"},
		{AuthorKind: proofdesk.AuthorCustomer, Body: "204"},
	}
	out := n.Transcript(nil, f.Conv, []*proofdesk.Customer{f.Cust}, msgs, true, nil, time.Now())
	if len(out) == 0 {
		t.Fatal("no transcript")
	}
	for _, leak := range []string{"four eight", "771", "204"} {
		if strings.Contains(out[0].Body, leak) {
			t.Fatalf("transcript holds %q", leak)
		}
	}
	if strings.Count(out[0].Body, proofdesk.CodeHiddenText) != 3 || !strings.Contains(out[0].Body, "go on") {
		t.Fatalf("transcript does not hide the three parts")
	}
}

// TestAgentTextForms: the forms the guard reads (spelled numbers, a
// spoken email, grouped phone digits, a spaced postal code, the card's
// last four in words) are masked in an agent's reply for an agent who
// could not send them now, as they would be refused on sending.
func TestAgentTextForms(t *testing.T) {
	db := sqldbtest.Open(t)
	f := newFixture(t, db)
	conv := f.NewConversation(t)
	f.VerifyL2(t, conv)
	forms := map[string]string{
		"It ships to seven four two Evergreen Terrace.":             "[address hidden: L1]",
		"Your email is jane at example dot com.":                    "[email hidden: L1]",
		"Phone: four one five, five five five, zero one two three.": "[phone hidden: L1]",
		"Zip 9 7 4 0 3":                 "[address hidden: L1]",
		"card ending four two four two": "[payment hidden: L2]",
	}
	for body := range forms {
		if err := f.reply(f.AgentCtx, conv.ID, body); err != nil {
			t.Fatalf("%q at L2: %v", body, err)
		}
	}
	other := &proofdesk.Agent{Email: "bob@desk.example", Name: "Bob", Role: proofdesk.RoleAgent, PasswordHash: "x"}
	if err := sqldb.NewAgentService(db).CreateAgent(context.Background(), other); err != nil {
		t.Fatal(err)
	}
	octx := proofdesk.NewContextWithAgent(context.Background(), other)
	msgs, err := sqldb.NewConversationService(db).FindMessages(octx, conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	at, err := f.VS.AgentText(octx, conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i, v := range proofdesk.NewMessageViews(msgs, proofdesk.ViewContext{AgentText: at}) {
		want, ok := forms[msgs[i].Body]
		if !ok || msgs[i].AuthorKind != proofdesk.AuthorAgent {
			continue
		}
		n++
		if v.Body != want || !v.ProtectedHidden {
			t.Errorf("%q reads %q, want %q", msgs[i].Body, v.Body, want)
		}
	}
	if n != len(forms) {
		t.Fatalf("%d replies viewed, want %d", n, len(forms))
	}
}
