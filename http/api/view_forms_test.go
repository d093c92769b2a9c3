package api_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// spell writes code's digits as words of one language.
func spell(code string, words [10]string) string {
	out := make([]string, 0, len(code))
	for _, c := range code {
		out = append(out, words[c-'0'])
	}
	return strings.Join(out, " ")
}

var (
	enDigits = [10]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
	frDigits = [10]string{"zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"}
	deDigits = [10]string{"null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"}
)

// codeForms are the forms of code a customer may type that the view must
// hide: words in three languages, O and l for 0 and 1 with dots, mixed
// digits and words.
func codeForms(code string) []string {
	letters := strings.NewReplacer("0", "O", "1", "l").Replace(code)
	mixed := code[:2] + " " + spell(code[2:4], enDigits) + " " + code[4:]
	return []string{spell(code, enDigits), spell(code, frDigits), spell(code, deDigits),
		strings.Join(strings.Split(letters, ""), "."), mixed}
}

// TestView_CodeForms_API: the code the customer received, typed in words,
// with letters for digits, or split across two messages (an agent message
// between), never reaches the agent through the messages API.
func TestView_CodeForms_API(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		ctx := proofdesk.NewContextWithAgent(context.Background(), e.agent)
		convs := sqldb.NewConversationService(db)
		say := func(kind, body string) {
			t.Helper()
			m := &proofdesk.Message{ConversationID: e.conv.ID, AuthorKind: kind, Body: body}
			if kind == proofdesk.AuthorAgent {
				m.AuthorID = e.agent.ID
			}
			if err := convs.CreateMessage(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
		e.issue(t, e.conv.ID, e.emailID)
		_, code := e.mailbox(t, proofdesk.OutboxEmail)
		forms := codeForms(code)
		for _, f := range forms {
			say(proofdesk.AuthorCustomer, "my code is "+f+" ok")
		}
		say(proofdesk.AuthorCustomer, "it's "+code[:3])
		say(proofdesk.AuthorAgent, "and the rest?")
		say(proofdesk.AuthorCustomer, code[3:])
		url := "/api/v1/conversations/" + e.conv.ID + "/messages"
		body := e.run(t, scenario{method: "GET", url: url, token: e.agentTok, wantStatus: 200,
			want:    []string{`"body":"my code is [code hidden] ok"`, `"body":"it's [code hidden]"`, "and the rest?"},
			notWant: append([]string{code, `"body":"` + code[3:] + `"`, "it's " + code[:3]}, forms...)})
		if n := strings.Count(body, "[code hidden]"); n != len(forms)+2 {
			t.Fatalf("%d codes hidden, want %d: %s", n, len(forms)+2, body)
		}
	})
}

// TestView_AgentQuote_API: a reply that quoted the address at L1 reads
// as written to the holder while L1 lasts, and masked to another agent
// at once and to the holder once the level has expired; the reply's
// other sentences stay.
func TestView_AgentQuote_API(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		e.issue(t, e.conv.ID, e.emailID)
		_, code := e.mailbox(t, proofdesk.OutboxEmail)
		if _, err := e.vs.CompleteByCode(context.Background(), e.conv.ID, code); err != nil {
			t.Fatal(err)
		}
		url := "/api/v1/conversations/" + e.conv.ID + "/messages"
		quote := "Thanks. We ship to " + realLine1 + ", Springfield 97403. Anything else?"
		e.run(t, scenario{method: "POST", url: url, token: e.agentTok, body: `{"body":"` + quote + `"}`, wantStatus: 201})
		e.run(t, scenario{method: "GET", url: url, token: e.agentTok, wantStatus: 200, want: []string{quote}})
		masked := scenario{method: "GET", url: url, token: e.otherTok, wantStatus: 200,
			want:    []string{`Thanks. [address hidden: L1] Anything else?`, `"protected_hidden":true`},
			notWant: realAddress}
		e.run(t, masked)
		e.clk.Add(time.Hour) // the level expires without the customer's activity
		masked.token = e.agentTok
		e.run(t, masked)
	})
}
