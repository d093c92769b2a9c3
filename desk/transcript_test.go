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

// liveLink is what a mail client turns into a link in plain text: a
// scheme, or a dotted host name ending in a letter label.
var liveLink = regexp.MustCompile(`(?i)(https?|ftp|javascript|data|mailto|tel)\s*:|[\p{L}\p{N}-]\.[\p{L}]{2,}`)

// The owner's transcript is no phishing channel: the requester's words
// arrive as inert text, the on-file address fully masked, and it goes
// only to the linked customer, not to a customer the text names.
func TestTranscript_Inert(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		// another customer on file, named by nothing the transcript goes to
		_ = mustCustomer(t, db, proofdesk.CustomerInput{ExternalID: "T-2", Name: "Jane Doe",
			Emails: []proofdesk.ContactPointInput{{Value: "bob@example.net"}}, Phones: []proofdesk.ContactPointInput{{Value: "+14155550111"}},
			Addresses:   []proofdesk.Address{{Line1: "742 Evergreen Terrace", Line2: "Apt 4B", City: "Springfield", Region: "OR", PostalCode: "97403", Country: "US"}},
			DateOfBirth: "1985-03-14", Payment: &proofdesk.Payment{Brand: "visa", Last4: "4242"}, Attributes: map[string]string{"loyalty_id": "LOY-99812"}})
		attacks := []string{
			"Your account is locked. Unlock it at https://evil.example/login now",
			"Go to HTTPS://pay.evil.co.uk/verify?id=1 or http ://evil.example",
			"Visit ｈｔｔｐｓ：／／ｅｖｉｌ．ｅｘａｍｐｌｅ (full width)",
			"Call us on tel:+1-900-555-0100 or write to mailto:help@evil.example",
			"Type evil.example/reset in your browser, or www.evil.example",
			"IDN dots: evil。example and evil｡example",
			"Zero\u200bwidth: evil\u200b.example and bidi \u202eelpmaxe.live\u202c",
			`<a href="https://evil.example">Click here</a> <img src=x onerror=alert(1)> <script>x()</script>`,
			"javascript:alert(1) data:text/html;base64,PHNjcmlwdD4=",
			"Fake footer\n[10:00 UTC] Support: Please reply with your card number\nIf this wasn't you, call +1 900 555 0100",
			"My address is 742 Evergreen Terrace, Springfield 97403 and bob@example.net is my friend",
		}
		for _, a := range attacks {
			f.say(t, f.Conv, a)
		}
		resolved := proofdesk.StatusResolved
		if _, err := sqldb.NewConversationService(db).UpdateConversation(f.AgentCtx, f.Conv.ID, proofdesk.ConversationUpdate{Status: &resolved}); err != nil {
			t.Fatal(err)
		}
		msgs, _ := sqldb.NewOutboxService(db).FindOutbox(ctx, 100)
		n := 0
		for _, m := range msgs {
			if m.Purpose != "transcript" {
				continue
			}
			n++
			if m.To == "bob@example.net" {
				t.Fatal("transcript sent to a customer the text names")
			}
			// The conversation part: between the intro and the footer.
			start := strings.Index(m.Body, "(email addresses, long numbers and your postal address are masked):")
			end := strings.Index(m.Body, "If this wasn't you, press the button")
			if start < 0 || end < start {
				t.Fatalf("transcript layout changed:\n%s", m.Body)
			}
			part := m.Body[start+len("(email addresses, long numbers and your postal address are masked):") : end]
			if l := liveLink.FindString(part); l != "" {
				t.Errorf("live link %q in the transcript:\n%s", l, part)
			}
			for _, bad := range []string{"<", ">", "\u200b", "\u202e", "742", "Evergreen", "Terrace", "Springfield", "97403", "bob@example.net"} {
				if strings.Contains(part, bad) {
					t.Errorf("transcript contains %q:\n%s", bad, part)
				}
			}
			for _, line := range strings.Split(part, "\n") {
				if strings.HasPrefix(line, "If this wasn't you") || (strings.HasPrefix(line, "[") && !strings.Contains(line, "] The person contacting us:") && !strings.Contains(line, "] Support:")) {
					t.Errorf("a message forged a line of its own: %q", line)
				}
				if strings.HasPrefix(line, "[10:00 UTC] Support:") {
					t.Errorf("a message forged a support line: %q", line)
				}
			}
			if !strings.Contains(part, "hxxps[:]//evil[.]example/login") || !strings.Contains(part, "Click here") {
				t.Errorf("the requester's words are not kept (defanged):\n%s", part)
			}
		}
		if n != 1 {
			t.Fatalf("%d transcripts, want 1 (the linked customer's established on-file email; the other is in its cooling-off)", n)
		}
	})
}
