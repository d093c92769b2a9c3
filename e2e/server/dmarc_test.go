package server_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

// TestDMARC_SharedPublicSuffix is issue 10's spoof end to end, with the
// server asking a DNS stub on loopback: a mail From the customer's address
// at bank.co.uk, sent through attacker.co.uk (whose SPF passes), shares
// only the public suffix co.uk with the bank. It is linked to nobody (the
// address is the requester's claim), stays L0, sets dmarc_fail, and the
// agent's reply with the address on file is blocked (the guard checks the
// claimed customer). The bank's own mail, through the same stub, is linked,
// reaches L1 and may have the address.
func TestDMARC_SharedPublicSuffix(t *testing.T) {
	d := e2etest.StartDNS(t, map[string][]string{
		"_dmarc.bank.co.uk": {"v=DMARC1; p=reject"},
		"bank.co.uk":        {"v=spf1 ip4:127.0.0.0/8 -all"},
		"attacker.co.uk":    {"v=spf1 ip4:127.0.0.0/8 -all"},
		"_dmarc.co.uk":      {"v=DMARC1; p=none"}, // a public suffix's record is never the fallback
	})
	s := e2etest.StartServer(t, e2etest.ServerOptions{Args: []string{"--dns-resolver", d.Addr}})
	const victim = "jane@bank.co.uk"
	since := time.Now().AddDate(-2, 0, 0).UTC().Format(time.RFC3339)
	var c customer
	s.API(t, "POST", "/api/v1/customers", s.SyncToken, map[string]any{
		"name":      "Jane Doe",
		"emails":    []any{map[string]string{"value": victim, "added_at": since}},
		"addresses": []any{map[string]string{"line1": "742 Evergreen Terrace", "city": "Springfield", "postal_code": "49007", "country": "US"}},
	}, http.StatusCreated, &c)
	withAddress := "Your order ships to " + realAddress + "."

	// The spoof: From the bank, envelope and SPF of attacker.co.uk.
	sendMail(t, s, "bounce@attacker.co.uk", "From: Jane Doe <"+victim+">\nTo: support@desk.test\nSubject: Where is my parcel\n"+
		"Message-ID: <spoof.1@attacker.co.uk>\nDate: Tue, 03 Jun 2025 09:00:00 +0000\n\nWhere does my parcel go? Please confirm the address.\n")
	spoof := emailConversation(t, s, "Where is my parcel")
	spoof = conversationOf(t, s, spoof.ID)
	must(t, spoof.CustomerID == "", "the spoof was linked to customer %q by its unauthenticated From", spoof.CustomerID)
	must(t, spoof.RequesterClaims.Email == victim, "the spoof's requester claims %+v, want the victim's address (the test proves nothing otherwise)", spoof.RequesterClaims)
	must(t, spoof.Level == "L0", "a spoof from another registrant under co.uk reached %s", spoof.Level)
	must(t, slices.Contains(spoof.RiskFlags, "dmarc_fail"), "risk flags %v lack dmarc_fail", spoof.RiskFlags)
	code, errCode, body := reply(t, s, spoof.ID, withAddress)
	must(t, code == http.StatusUnprocessableEntity && errCode == "disclosure_blocked", "reply with the address to the spoof: %d %s", code, body)
	must(t, len(s.Mailpit.MessagesTo(t, victim)) == 0, "something was mailed for the spoof")

	// The bank's own mail through the same stub: aligned SPF, DMARC pass.
	sendMail(t, s, "bounce@bank.co.uk", "From: Jane Doe <"+victim+">\nTo: support@desk.test\nSubject: Real question\n"+
		"Message-ID: <real.1@bank.co.uk>\nDate: Tue, 03 Jun 2025 09:10:00 +0000\n\nHello, where does my order go?\n")
	real := conversationOf(t, s, emailConversation(t, s, "Real question").ID)
	must(t, real.Level == "L1" && real.CustomerID == c.ID, "the bank's own mail reached %s linked to %q, want L1 linked to %s (is the DNS stub used?)", real.Level, real.CustomerID, c.ID)
	must(t, !slices.Contains(real.RiskFlags, "dmarc_fail"), "the bank's own mail got dmarc_fail")
	code, _, body = reply(t, s, real.ID, withAddress)
	must(t, code == http.StatusCreated, "reply with the address at L1: %d %s", code, body)
	m := s.Mailpit.WaitMessage(t, victim, "Real question", wait)
	must(t, strings.Contains(m.Text, "Evergreen"), "reply text %q", m.Text)
}
