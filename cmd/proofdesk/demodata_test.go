package main

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/proofdesk/proofdesk"
)

func TestGenerateDemoData_Deterministic(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	a, b := generateDemoData(demoSeed, now), generateDemoData(demoSeed, now)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Fatalf("same seed gave different data (-a +b):\n%s", diff)
	}
	if c := generateDemoData(demoSeed+1, now); cmp.Equal(a.Customers, c.Customers) {
		t.Fatal("another seed gave the same customers")
	}
}

func TestGenerateDemoData_Valid(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	d := generateDemoData(demoSeed, now)

	roles := map[string]int{}
	for _, a := range d.Agents {
		roles[a.Role]++
	}
	if diff := cmp.Diff(map[string]int{"admin": 1, "supervisor": 1, "agent": 1}, roles); diff != "" {
		t.Fatalf("agent roles (-want +got):\n%s", diff)
	}

	if got := len(d.Customers); got != 50 {
		t.Fatalf("customers=%d, want 50", got)
	}
	countries := map[string]int{}
	extIDs, values := map[string]bool{}, map[string]bool{}
	var old, recent, phones, dobs, payments int
	for i, in := range d.Customers {
		c, err := in.Customer(now)
		if err != nil {
			t.Fatalf("customer %d does not validate: %v", i, err)
		}
		if extIDs[c.ExternalID] {
			t.Fatalf("customer %d: external ID repeated", i)
		}
		extIDs[c.ExternalID] = true
		if len(c.Addresses) != 1 || c.Addresses[0].PostalCode == "" {
			t.Fatalf("customer %d: want one address with a postal code", i)
		}
		countries[c.Addresses[0].Country]++
		for _, cp := range c.ContactPoints {
			if values[cp.Value] {
				t.Fatalf("customer %d: contact point shared with another customer", i)
			}
			values[cp.Value] = true
			if cp.Kind == proofdesk.ContactPhone {
				phones++
			}
			if now.Sub(cp.AddedAt) > 7*24*time.Hour {
				old++
			} else {
				recent++
			}
		}
		if c.DateOfBirth != "" {
			dobs++
		}
		if c.Payment != nil {
			payments++
		}
	}
	for _, code := range []string{"US", "GB", "DE", "FR"} {
		if countries[code] < 10 {
			t.Fatalf("customers in %s=%d, want at least 10 (got %v)", code, countries[code], countries)
		}
	}
	if recent < 3 || old < 4*recent {
		t.Fatalf("contact points older than 7 days=%d, recent=%d: want mostly old and a few recent", old, recent)
	}
	if phones < 30 || dobs < 20 || payments < 25 {
		t.Fatalf("phones=%d dates of birth=%d payments=%d: want most customers to have them", phones, dobs, payments)
	}

	if got := len(d.Conversations); got != 20 {
		t.Fatalf("conversations=%d, want 20", got)
	}
	channels := map[string]int{}
	unlinked := 0
	for i, conv := range d.Conversations {
		channels[conv.Channel]++
		if conv.Customer < 0 {
			unlinked++
		} else if conv.Customer >= len(d.Customers) {
			t.Fatalf("conversation %d links customer %d of %d", i, conv.Customer, len(d.Customers))
		}
		if len(conv.Messages) < 2 || conv.Subject == "" || !proofdesk.ValidStatus(conv.Status) {
			t.Fatalf("conversation %d: want a subject, a valid status and a few messages", i)
		}
		if conv.Messages[0].AuthorKind != proofdesk.AuthorCustomer {
			t.Fatalf("conversation %d starts with a %s message, want the customer's", i, conv.Messages[0].AuthorKind)
		}
		if conv.Requester.Email == "" && conv.Requester.Phone == "" {
			t.Fatalf("conversation %d: requester claims no contact point", i)
		}
		if !conv.StartedAt.Before(now) {
			t.Fatalf("conversation %d starts in the future", i)
		}
	}
	for _, ch := range []string{"chat", "email", "phone", "api"} {
		if channels[ch] == 0 {
			t.Fatalf("no %s conversation (got %v)", ch, channels)
		}
	}
	if unlinked == 0 || unlinked > 5 {
		t.Fatalf("unlinked conversations=%d, want a few", unlinked)
	}
}

func TestEmailLocal(t *testing.T) {
	t.Parallel()
	got := emailLocal("Chloé", "Müller", 0)
	if got != "chloe.mueller" || strings.ContainsAny(got, "éü") {
		t.Fatalf("emailLocal=%q, want chloe.mueller", got)
	}
}
