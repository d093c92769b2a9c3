package mail

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-msgauth/dkim"
	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// A DKIM-signed mail from Jane's on-file address counts (links and reaches
// L1) only when its signature covers a To or Cc naming the desk and a
// recent Date (AuthResult.ForDesk); otherwise it is kept at L0, linked to
// nobody.
func TestInbound_DKIMReplayRules(t *testing.T) {
	now := time.Now().UTC()
	date := func(d time.Duration) string { return now.Add(d).Format(time.RFC1123Z) }
	all := []string{"From", "To", "Cc", "Subject", "Date", "Message-ID"}
	noDate := []string{"From", "To", "Cc", "Subject", "Message-ID"}
	tests := []struct {
		name, head string
		keys       []string
		want       bool
	}{
		{"to the desk, now", "To: support@shop.example\nDate: " + date(0), all, true},
		{"cc the desk", "To: bob@elsewhere.test\nCc: Support <support@shop.example>\nDate: " + date(-time.Hour), all, true},
		{"sub-address of the desk", "To: support+orders@shop.example\nDate: " + date(-time.Hour), all, true},
		{"71 hours old", "To: support@shop.example\nDate: " + date(-71*time.Hour), all, true},
		{"clock skew", "To: support@shop.example\nDate: " + date(5*time.Minute), all, true},
		{"to someone else", "To: bob@elsewhere.test\nDate: " + date(0), all, false},
		{"four days old", "To: support@shop.example\nDate: " + date(-96*time.Hour), all, false},
		{"an hour in the future", "To: support@shop.example\nDate: " + date(time.Hour), all, false},
		{"date not signed", "To: support@shop.example\nDate: " + date(0), noDate, false},
		{"to not signed", "To: support@shop.example\nDate: " + date(0), []string{"From", "Subject", "Date"}, false},
		{"no date", "To: support@shop.example", all, false},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := sqldbtest.Open(t)
			e := newInboundEnv(t, db, Limits{}, nil)
			msg := fmt.Sprintf("From: Jane Doe <jane@example.com>\n%s\nSubject: Question %d\nMessage-ID: <r%d@example.com>\nContent-Type: text/plain\n\nHello.\n", tt.head, i, i)
			e.mustSend(t, signedWith(t, msg, tt.keys))
			cs := e.emailConversations(t)
			if len(cs) != 1 {
				t.Fatalf("%d conversations", len(cs))
			}
			got := cs[0].EffectiveLevel(time.Now()) == proofdesk.L1 && cs[0].CustomerID == e.cust.ID
			if got != tt.want {
				t.Fatalf("counted=%v (level %v, customer %q), want %v", got, cs[0].EffectiveLevel(time.Now()), cs[0].CustomerID, tt.want)
			}
			if !tt.want && cs[0].CustomerID != "" {
				t.Fatalf("an uncounted mail linked customer %s", cs[0].CustomerID)
			}
		})
	}
}

// A To field added above a signed mail's own (the signature covers the
// last instance, RFC 6376 §5.4.2, so it still verifies) does not make an
// old mail to someone else a mail to the desk.
func TestInbound_DKIMReplayAddedTo(t *testing.T) {
	db := sqldbtest.Open(t)
	e := newInboundEnv(t, db, Limits{}, nil)
	msg := "From: Jane Doe <jane@example.com>\nTo: bob@elsewhere.test\nSubject: Bike\nDate: " + time.Now().UTC().Format(time.RFC1123Z) +
		"\nMessage-ID: <bike@example.com>\nContent-Type: text/plain\n\nSaturday is fine.\n"
	s := signedWith(t, msg, []string{"From", "To", "Subject", "Date", "Message-ID"})
	e.mustSend(t, "To: support@shop.example\r\n"+s)
	cs := e.emailConversations(t)
	if len(cs) != 1 || cs[0].CustomerID != "" || cs[0].EffectiveLevel(time.Now()) != proofdesk.L0 {
		t.Fatalf("conversations=%+v, want one unlinked at L0", cs)
	}
}

// signedWith DKIM-signs msg for example.com covering keys.
func signedWith(t *testing.T, msg string, keys []string) string {
	t.Helper()
	msg = strings.ReplaceAll(msg, "\n", "\r\n")
	var out bytes.Buffer
	if err := dkim.Sign(&out, strings.NewReader(msg), &dkim.SignOptions{Domain: "example.com", Selector: "sel", Signer: testKey(t), HeaderKeys: keys}); err != nil {
		t.Fatal(err)
	}
	return out.String()
}
