package mail

import (
	"context"
	"slices"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// attack47: a forged mail from an on-file address with its From header
// given twice (RFC 5322 allows one) is read by the parser (first From:
// linked to Jane through the blind index) while DMARC cannot be evaluated
// (permerror, RFC 7489 §6.6.1): the forgery does not get the dmarc_fail
// risk signal a plain forged From gets, so the risk score is lower for the
// more blatant forgery. The same mail with one From header gets it
// (TestInbound_DMARCFailSignal).
func TestAttack47_DoubledFromEvadesDMARCFail(t *testing.T) {
	db := sqldbtest.Open(t)
	ctx := context.Background()
	e := newInboundEnv(t, db, Limits{}, nil)
	msg := mailMsg("Jane Doe <jane@example.com>", "Change my address", "dbl1@attacker.test", "From: Jane Doe <jane@example.com>\n", "Please ship to 1 Evil Road.")
	if code := e.send(t, msg); code != 0 {
		t.Fatalf("refused: %d", code)
	}
	cs := e.emailConversations(t)
	if len(cs) != 1 {
		t.Fatalf("%d conversations, want 1", len(cs))
	}
	// Never linked by that address: only an authenticated From links, and
	// a doubled From fails DMARC (RFC 7489 §6.6.1).
	if cs[0].CustomerID != "" {
		t.Fatalf("a doubled, unauthenticated From linked the mail to customer %s", cs[0].CustomerID)
	}
	risk, err := e.convs.FindRisk(ctx, cs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(risk.Signals, proofdesk.SignalDMARCFail) {
		t.Fatalf("a forged mail with a doubled From has signals %v, want %s: the forger evades the signal by repeating the header", risk.Signals, proofdesk.SignalDMARCFail)
	}
}
