package mail

import (
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// attack47: a DKIM signature proves the domain signed this mail, not that
// its owner sent it to the desk now. Any mail Jane ever sent the attacker
// (a marketplace question, a reply to a neighbour), DKIM-signed by her
// provider with From, To and Date covered, is replayed as is to the desk's
// inbound listener: it passes DMARC for jane@example.com and opens a
// conversation linked to her at L1, though it was addressed to someone
// else and written 18 months ago. Nothing checks that the signed To or Cc
// names the desk, or that the signed Date is recent.
func TestAttack47_ReplayedDKIMMailToSomeoneElseVerifies(t *testing.T) {
	db := sqldbtest.Open(t)
	e := newInboundEnv(t, db, Limits{}, nil)
	msg := "From: Jane Doe <jane@example.com>\nTo: Bob <bob@attacker.test>\nSubject: Re: the bike you sell\n" +
		"Date: Mon, 03 Jun 2024 09:00:00 +0000\nMessage-ID: <old-jane-to-bob@example.com>\nMIME-Version: 1.0\n" +
		"Content-Type: text/plain; charset=utf-8\n\nYes, I can pick it up on Saturday.\n"
	if code := e.send(t, signed(t, msg)); code != 0 {
		t.Fatalf("refused: %d", code)
	}
	cs := e.emailConversations(t)
	if len(cs) != 1 {
		t.Fatalf("%d conversations", len(cs))
	}
	if lvl := cs[0].EffectiveLevel(time.Now()); lvl != proofdesk.L0 {
		t.Fatalf("a replayed 18-month-old mail Jane sent to bob@attacker.test verified a new conversation as her: level %v (linked %v)", lvl, cs[0].CustomerID == e.cust.ID)
	}
}
