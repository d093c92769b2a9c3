package main

import (
	"slices"
	"testing"

	"github.com/proofdesk/proofdesk"
)

// TestInboundAddresses: the desk's own addresses that a DKIM-signed mail
// must name in a signed To or Cc (mail.AuthResult.ForDesk) include the
// polled mailbox's address, so mail polled from support@ verifies its
// author even when replies go out from noreply@.
func TestInboundAddresses(t *testing.T) {
	def := DefaultConfig().MailFrom
	for _, tc := range []struct {
		name   string
		cfg    Config
		stored proofdesk.ChannelSettings
		want   []string
	}{
		{"default From only", Config{MailFrom: def}, proofdesk.ChannelSettings{}, []string{"support@localhost"}},
		{"console inbound address replaces the default From", Config{MailFrom: def},
			proofdesk.ChannelSettings{InboundAddress: "help@shop.example"}, []string{"help@shop.example"}},
		{"--mail-from and the console's address are both the desk's", Config{MailFrom: "Shop <NoReply@Shop.example>"},
			proofdesk.ChannelSettings{InboundAddress: "help@shop.example"}, []string{"noreply@shop.example", "help@shop.example"}},
		{"the IMAP mailbox flag's login", Config{MailFrom: "noreply@shop.example", IMAPAddr: "imap.shop.example:993", IMAPUser: "Support@Shop.example"},
			proofdesk.ChannelSettings{}, []string{"noreply@shop.example", "support@shop.example"}},
		{"the console's IMAP mailbox login", Config{MailFrom: def},
			proofdesk.ChannelSettings{InboundAddress: "help@shop.example", IMAPAddr: "imap.shop.example:993", IMAPUser: "inbox@shop.example"},
			[]string{"help@shop.example", "inbox@shop.example"}},
		{"the IMAP flag overrides the console's mailbox", Config{MailFrom: def, IMAPAddr: "imap.shop.example:993", IMAPUser: "flag@shop.example"},
			proofdesk.ChannelSettings{IMAPAddr: "other:993", IMAPUser: "stored@shop.example"}, []string{"support@localhost", "flag@shop.example"}},
		{"a login that is no address adds nothing", Config{MailFrom: "noreply@shop.example", IMAPAddr: "imap:993", IMAPUser: "support"},
			proofdesk.ChannelSettings{}, []string{"noreply@shop.example"}},
		{"an address given twice counts once", Config{MailFrom: "help@shop.example", IMAPAddr: "imap:993", IMAPUser: "HELP@shop.example"},
			proofdesk.ChannelSettings{InboundAddress: "help@shop.example"}, []string{"help@shop.example"}},
	} {
		if got := inboundAddresses(&tc.cfg, &tc.stored); !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}
