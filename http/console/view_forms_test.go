package console_test

import (
	"context"
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
	var cpID string
	for _, cp := range s.Customer.ContactPoints {
		if cp.Value == consoletest.CustomerEmail {
			cpID = cp.ID
		}
	}
	if _, err := s.Verification.IssueChallenge(ctx, s.Conv.ID, cpID); err != nil {
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
	forms := []string{spell(words), spell(wordsDE), letters[:3] + " " + letters[3:]}
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
