package desk_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestTranscript_CodeInSentenceHidden: the transcript reads messages
// through the same view as the agent surfaces, so a code typed inside a
// sentence is hidden there too.
func TestTranscript_CodeInSentenceHidden(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		if _, err := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.EmailID); err != nil {
			t.Fatal(err)
		}
		_, code := f.LastSecret(t)
		spaced := code[:3] + " " + code[3:]
		f.say(t, f.Conv, "my code is "+spaced+" thanks, where does my order go?")
		resolved := proofdesk.StatusResolved
		if _, err := sqldb.NewConversationService(db).UpdateConversation(f.AgentCtx, f.Conv.ID, proofdesk.ConversationUpdate{Status: &resolved}); err != nil {
			t.Fatal(err)
		}
		msgs, _ := sqldb.NewOutboxService(db).FindOutbox(context.Background(), 100)
		n := 0
		for _, m := range msgs {
			if m.Purpose != "transcript" {
				continue
			}
			n++
			// Links (base64 tokens) and times hold digits by chance: look
			// for the code's half in the words only.
			words := linksAndTimes.ReplaceAllString(m.Body, "")
			if strings.Contains(m.Body, spaced) || strings.Contains(words, code[3:]) || !strings.Contains(m.Body, "my code is [code hidden] thanks") {
				t.Fatalf("transcript shows the code or lacks the hidden mark:\n%s", m.Body)
			}
		}
		if n == 0 {
			t.Fatal("no transcript sent")
		}
	})
}

// TestRecentCodes matches the codes issued in the window on any
// conversation, and nothing else.
func TestRecentCodes(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		if _, err := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.EmailID); err != nil {
			t.Fatal(err)
		}
		_, code := f.LastSecret(t)
		known := f.VS.RecentCodes(context.Background())
		if !known(code) {
			t.Fatal("the code just issued is not matched")
		}
		other := []byte(code)
		other[5] = '0' + (other[5]-'0'+1)%10
		if known(string(other)) {
			t.Fatal("a code differing in one digit is matched")
		}
		f.Clk.Add(proofdesk.RecentCodeWindow + 1)
		if f.VS.RecentCodes(context.Background())(code) {
			t.Fatal("a code issued before the window is still matched")
		}
	})
}

// linksAndTimes matches URLs and clock times and dates in a mail body.
var linksAndTimes = regexp.MustCompile(`https?://\S+|\d{4}-\d{2}-\d{2}|\d{2}:\d{2}`)
