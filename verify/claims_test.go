package verify_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/verify"
)

// TestClaimsNeverCount feeds each kind of claim a requester can make — every
// one of them matching the customer's real data — to every input of the
// package's public API that a requester's words could reach, and shows that
// no factor results and the level stays L0 (DESIGN.md §1 rule 1).
func TestClaimsNeverCount(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	old := now.AddDate(-1, 0, 0)
	onFile := []*proofdesk.ContactPoint{
		{ID: "cp_e", CustomerID: "cus_1", Kind: proofdesk.ContactEmail, Value: "jane@example.com", AddedAt: old},
		{ID: "cp_p", CustomerID: "cus_1", Kind: proofdesk.ContactPhone, Value: "+14155550100", AddedAt: old},
	}
	secrets, err := verify.NewSecrets(bytes.Repeat([]byte{1}, verify.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	tokenSecret := bytes.Repeat([]byte{2}, verify.MinTokenSecret)
	tv, err := verify.NewTokenVerifier(verify.TokenConfig{Secret: tokenSecret, Audience: "desk", Replay: verify.NewMemoryReplayStore()})
	if err != nil {
		t.Fatal(err)
	}
	// A pending challenge to the on-file phone; the requester never saw
	// its code.
	is, err := secrets.NewChallenge(now, 0)
	if err != nil {
		t.Fatal(err)
	}
	ch := is.Challenge("con_1", "cus_1", onFile[1], now)

	claims := []struct {
		name  string
		value string
	}{
		{"name", "Jane Doe"},
		{"address", "1 Real Street, Springfield 12345, US"},
		{"date of birth", "1990-01-31"},
		{"card digits", "4242"},
		{"card digits with brand", "visa 4242"},
		{"order number", "112-4455667-0012345"},
		{"six-digit order number", "445566"},
		{"caller ID", "+14155550100"},
		{"From header without DMARC", "Jane Doe <jane@example.com>"},
		{"bare From address without DMARC", "jane@example.com"},
	}
	for _, c := range claims {
		t.Run(c.name, func(t *testing.T) {
			var factors []verify.Factor
			// As a code typed into the widget (unless it happens to be the
			// code itself, which the requester cannot know).
			if c.value != is.Code {
				out, err := ch.Attempt(now, secrets.CheckCode(ch.CodeHash, ch.ID, c.value))
				if err == nil && out.OK {
					t.Fatal("a claim completed the challenge")
				}
				if f := ch.Factor(); f != nil {
					factors = append(factors, *f)
				}
				ch.Attempts, ch.Status = 0, verify.StatusPending // keep the challenge fresh for the next claim
			}
			// As a signed session token or an Intercom user_hash.
			if id, err := tv.Verify(context.Background(), c.value, now); err == nil {
				factors = append(factors, id.Factor(now))
			}
			if verify.CheckUserHash(tokenSecret, "ext-1", c.value) {
				t.Fatal("a claim passed as user_hash")
			}
			// As the From address of an email that did not pass DMARC.
			if f, err := verify.EmailFactor(c.value, false, onFile, now, 0); err == nil {
				factors = append(factors, *f)
			}
			// As a factor kind of its own: there is none.
			factors = append(factors, verify.Factor{Kind: c.name, At: now}, verify.Factor{Kind: c.name, ContactPointID: "cp_e", At: now})
			if got := verify.LevelFrom(factors); got != proofdesk.L0 {
				t.Fatalf("level=%s from claim %q, want L0", got, c.name)
			}
		})
	}
}
