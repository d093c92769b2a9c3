package mail

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// attack47: a mail that claims the requester's own on-file address but
// fails DMARC (example.com publishes a policy; the mail is unsigned and
// comes from outside its SPF) is threaded into the verified conversation by
// its subject token (or by In-Reply-To, after a replayed mail: see
// TestAttack47_ReplayedDKIMMailToSomeoneElseVerifies). It is a forgery by
// every measure the desk has, yet it is not treated as a different sender:
// the conversation keeps the L1 the real customer reached, and the forger's
// message (which also keeps the level alive) is answered at L1. With the
// From header given twice DMARC is not even evaluated (permerror): no
// dmarc_fail signal either, so nothing at all marks the forgery. A mail
// that fails DMARC for the requester's address proves as little as one
// from another address and must drop the level the same way.
func TestAttack47_SpoofedRequesterMailKeepsLevel(t *testing.T) {
	for _, tc := range []struct{ name, extra string }{
		{"dmarc fail", ""},
		{"doubled From, dmarc permerror", "From: Jane Doe <jane@example.com>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := sqldbtest.Open(t)
			e := newInboundEnv(t, db, Limits{}, nil)
			// The real Jane writes, DKIM-signed by her provider: L1.
			if code := e.send(t, signed(t, mailMsg("Jane Doe <jane@example.com>", "Order question", "real1@example.com", "", "Where is my order?"))); code != 0 {
				t.Fatalf("refused: %d", code)
			}
			cs := e.emailConversations(t)
			if len(cs) != 1 || cs[0].EffectiveLevel(time.Now()) != proofdesk.L1 {
				t.Fatalf("setup: conversations=%+v, want one at L1", cs)
			}
			conv := cs[0]
			// The forger: same From, unsigned, outside SPF.
			forged := mailMsg("Jane Doe <jane@example.com>", AddToken("Re: Order question", conv.ID), "forged1@attacker.test", tc.extra,
				"Please change my delivery address to 1 Evil Road and confirm my phone number.")
			if code := e.send(t, forged); code != 0 {
				t.Fatalf("forged refused: %d", code)
			}
			got, err := e.convs.FindConversationByID(context.Background(), conv.ID)
			if err != nil {
				t.Fatal(err)
			}
			risk, err := e.convs.FindRisk(context.Background(), conv.ID)
			if err != nil {
				t.Fatal(err)
			}
			if lvl := got.EffectiveLevel(time.Now()); lvl != proofdesk.L0 {
				t.Fatalf("after a forged mail from the requester's address the conversation is at %v, want L0 (risk signals %v)", lvl, risk.Signals)
			}
			if !slices.Contains(risk.Signals, proofdesk.SignalDMARCFail) {
				t.Fatalf("risk signals %v after a forged mail, want %s", risk.Signals, proofdesk.SignalDMARCFail)
			}
		})
	}
}
