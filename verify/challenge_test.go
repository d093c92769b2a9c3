package verify

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/proofdesk/proofdesk"
)

func newTestChallenge(tb testing.TB) (*Challenge, *Issued) {
	tb.Helper()
	is, err := MustSecrets(tb).NewChallenge(t0, 0)
	if err != nil {
		tb.Fatal(err)
	}
	cp := &proofdesk.ContactPoint{ID: "cp_1", CustomerID: "cus_1", Kind: proofdesk.ContactEmail, AddedAt: t0.AddDate(-1, 0, 0)}
	return is.Challenge("con_1", "cus_1", cp, t0), is
}

func TestIssued_Challenge(t *testing.T) {
	c, is := newTestChallenge(t)
	want := &Challenge{
		ID: is.ID, ConversationID: "con_1", CustomerID: "cus_1", ContactPointID: "cp_1", Kind: "email",
		CodeHash: is.CodeHash, TokenHash: is.TokenHash, Number: is.Number, Choices: is.Choices,
		Status: StatusPending, CreatedAt: t0, ExpiresAt: t0.Add(ChallengeTTL),
	}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Fatalf("Challenge mismatch (-want +got):\n%s", diff)
	}
}

func TestAttempt_Success(t *testing.T) {
	c, _ := newTestChallenge(t)
	at := t0.Add(time.Minute)
	out, err := c.Attempt(at, true)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Outcome{OK: true, Status: StatusCompleted}, out); diff != "" {
		t.Fatalf("Outcome (-want +got):\n%s", diff)
	}
	if c.CompletedAt == nil || !c.CompletedAt.Equal(at) {
		t.Fatalf("CompletedAt=%v, want %v", c.CompletedAt, at)
	}
	if diff := cmp.Diff(&Factor{Kind: FactorEmail, ContactPointID: "cp_1", At: at}, c.Factor()); diff != "" {
		t.Fatalf("Factor (-want +got):\n%s", diff)
	}
	// Single use: neither a right nor a wrong answer is accepted again.
	for _, ok := range []bool{true, false} {
		if _, err := c.Attempt(at, ok); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("reuse with ok=%v: err=%v, want EFORBIDDEN", ok, err)
		}
	}
	if c.Attempts != 0 {
		t.Fatalf("Attempts=%d after refused reuse, want 0", c.Attempts)
	}
}

func TestAttempt_WrongThenLocked(t *testing.T) {
	c, _ := newTestChallenge(t)
	for i := 1; i <= MaxAttemptsPerChallenge; i++ {
		out, err := c.Attempt(t0.Add(time.Minute), false)
		if err != nil {
			t.Fatalf("attempt %d: %v", i, err)
		}
		wantStatus := StatusPending
		if i == MaxAttemptsPerChallenge {
			wantStatus = StatusLocked
		}
		want := Outcome{Failed: true, Status: wantStatus, AttemptsLeft: MaxAttemptsPerChallenge - i}
		if diff := cmp.Diff(want, out); diff != "" {
			t.Fatalf("attempt %d (-want +got):\n%s", i, diff)
		}
	}
	// Locked: even the right answer is refused, and the refusal is not
	// another failure.
	out, err := c.Attempt(t0.Add(time.Minute), true)
	if got := proofdesk.ErrorCode(err); got != proofdesk.ERATELIMIT {
		t.Fatalf("code=%q, want %q", got, proofdesk.ERATELIMIT)
	}
	if out.OK || out.Failed || c.Status != StatusLocked || c.Factor() != nil {
		t.Fatalf("locked challenge: out=%+v status=%s", out, c.Status)
	}
}

func TestAttempt_Expired(t *testing.T) {
	for _, at := range []time.Time{t0.Add(ChallengeTTL), t0.Add(ChallengeTTL + time.Second), t0.Add(48 * time.Hour)} {
		c, _ := newTestChallenge(t)
		out, err := c.Attempt(at, true)
		if got := proofdesk.ErrorCode(err); got != proofdesk.EFORBIDDEN {
			t.Fatalf("at %v: code=%q, want %q", at, got, proofdesk.EFORBIDDEN)
		}
		if out.OK || c.Status != StatusExpired || c.Factor() != nil {
			t.Fatalf("at %v: out=%+v status=%s", at, out, c.Status)
		}
	}
	c, _ := newTestChallenge(t)
	if _, err := c.Attempt(t0.Add(ChallengeTTL-time.Nanosecond), true); err != nil {
		t.Fatalf("just before expiry: %v", err)
	}
}

func TestMatchesNumber(t *testing.T) {
	c, is := newTestChallenge(t)
	if !c.MatchesNumber(is.Number) {
		t.Fatal("right number refused")
	}
	for _, n := range is.Choices {
		if n != is.Number && c.MatchesNumber(n) {
			t.Fatalf("decoy %d accepted", n)
		}
	}
	// A wrong pick is a failed attempt.
	wrong := is.Number + 1
	if wrong > 99 {
		wrong = 10
	}
	out, err := c.Attempt(t0, c.MatchesNumber(wrong))
	if err != nil || !out.Failed || c.Attempts != 1 {
		t.Fatalf("wrong pick: out=%+v err=%v attempts=%d", out, err, c.Attempts)
	}
}

func TestDeny(t *testing.T) {
	tests := []struct {
		name  string
		setup func(c *Challenge)
		at    time.Time
		prev  string
	}{
		{"pending", func(c *Challenge) {}, t0.Add(time.Minute), StatusPending},
		{"expired", func(c *Challenge) {}, t0.Add(time.Hour), StatusExpired},
		{"locked by guesses", func(c *Challenge) { c.Status = StatusLocked }, t0.Add(time.Minute), StatusLocked},
		{"completed by someone", func(c *Challenge) { _, _ = c.Attempt(t0, true) }, t0.Add(time.Minute), StatusCompleted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newTestChallenge(t)
			tt.setup(c)
			prev, err := c.Deny(tt.at)
			if err != nil || prev != tt.prev || c.Status != StatusDenied {
				t.Fatalf("Deny: prev=%q err=%v status=%q, want prev %q", prev, err, c.Status, tt.prev)
			}
			if c.Factor() != nil {
				t.Fatal("denied challenge yields a factor")
			}
			if _, err := c.Deny(tt.at); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
				t.Fatalf("second Deny: err=%v, want ECONFLICT", err)
			}
			if _, err := c.Attempt(t0, true); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
				t.Fatalf("Attempt after Deny: err=%v, want EFORBIDDEN", err)
			}
		})
	}
}

func TestCanIssue(t *testing.T) {
	tests := []struct {
		name                   string
		conv, hour, failures   int
		wantErr                bool
		wantLimit, wantMessage any
	}{
		{name: "fresh"},
		{name: "just under every cap", conv: MaxChallengesPerConversation - 1, hour: MaxChallengesPerCustomerHour - 1, failures: MaxFailuresPerCustomerHour - 1},
		{name: "conversation cap", conv: MaxChallengesPerConversation, wantErr: true, wantLimit: MaxChallengesPerConversation,
			wantMessage: "This conversation has reached its limit of verification requests."},
		{name: "customer hourly cap", hour: MaxChallengesPerCustomerHour, wantErr: true, wantLimit: MaxChallengesPerCustomerHour,
			wantMessage: "Too many verification requests for this customer in the last hour. Try again later."},
		{name: "customer failures cap", failures: MaxFailuresPerCustomerHour, wantErr: true, wantLimit: MaxFailuresPerCustomerHour,
			wantMessage: "Too many wrong verification attempts for this customer in the last hour. Try again later."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CanIssue(tt.conv, tt.hour, tt.failures)
			if !tt.wantErr {
				if err != nil {
					t.Fatalf("err=%v, want nil", err)
				}
				return
			}
			e, ok := err.(*proofdesk.Error)
			if !ok || e.Code != proofdesk.ERATELIMIT {
				t.Fatalf("err=%v, want *proofdesk.Error ERATELIMIT", err)
			}
			if e.Message != tt.wantMessage || e.Details["limit"] != tt.wantLimit {
				t.Fatalf("message=%q limit=%v, want %q %v", e.Message, e.Details["limit"], tt.wantMessage, tt.wantLimit)
			}
		})
	}
	if err := CanAttempt(MaxFailuresPerCustomerHour); proofdesk.ErrorCode(err) != proofdesk.ERATELIMIT {
		t.Fatalf("CanAttempt at cap: err=%v", err)
	}
	if err := CanAttempt(MaxFailuresPerCustomerHour - 1); err != nil {
		t.Fatalf("CanAttempt under cap: err=%v", err)
	}
}

// TestGuessingCapsAcrossChallenges plays an attacker who guesses codes
// across fresh challenges for one customer: the customer-wide failure
// count, not the per-challenge lock, is what stops them, and new
// challenges do not reset it.
func TestGuessingCapsAcrossChallenges(t *testing.T) {
	s := MustSecrets(t)
	failures, issued, guesses := 0, 0, 0
	for {
		if err := CanIssue(issued, issued, failures); err != nil {
			if proofdesk.ErrorCode(err) != proofdesk.ERATELIMIT {
				t.Fatalf("err=%v", err)
			}
			break
		}
		is, err := s.NewChallenge(t0, 0)
		if err != nil {
			t.Fatal(err)
		}
		issued++
		c := is.Challenge("con_1", "cus_1", &proofdesk.ContactPoint{ID: "cp_1", Kind: "phone"}, t0)
		for CanAttempt(failures) == nil {
			guess := "000000"
			if guess == is.Code {
				guess = "000001"
			}
			out, err := c.Attempt(t0, s.CheckCode(c.CodeHash, c.ID, guess))
			if err != nil {
				break // locked
			}
			guesses++
			if out.Failed {
				failures++
			}
		}
		if issued > 100 {
			t.Fatal("caps never stopped the attacker")
		}
	}
	if guesses != MaxFailuresPerCustomerHour || issued != MaxFailuresPerCustomerHour/MaxAttemptsPerChallenge {
		t.Fatalf("guesses=%d issued=%d, want %d guesses over %d challenges", guesses, issued,
			MaxFailuresPerCustomerHour, MaxFailuresPerCustomerHour/MaxAttemptsPerChallenge)
	}
}

func TestEligible(t *testing.T) {
	cp := func(kind string, added time.Time) *proofdesk.ContactPoint {
		return &proofdesk.ContactPoint{ID: "cp_1", Kind: kind, Value: "victim@example.com", AddedAt: added}
	}
	tests := []struct {
		name       string
		cp         *proofdesk.ContactPoint
		coolingOff time.Duration
		wantCode   string
	}{
		{"old email", cp("email", t0.AddDate(0, -2, 0)), 0, ""},
		{"exactly at the end of the window", cp("phone", t0.Add(-DefaultCoolingOff)), 0, ""},
		{"added yesterday", cp("email", t0.AddDate(0, 0, -1)), 0, proofdesk.EFORBIDDEN},
		{"added in the future", cp("email", t0.Add(time.Hour)), 0, proofdesk.EFORBIDDEN},
		{"custom window passed", cp("email", t0.AddDate(0, 0, -2)), 24 * time.Hour, ""},
		{"custom window not passed", cp("email", t0.AddDate(0, 0, -2)), 72 * time.Hour, proofdesk.EFORBIDDEN},
		{"nil", nil, 0, proofdesk.ENOTFOUND},
		{"other kind", cp("postal", t0.AddDate(-1, 0, 0)), 0, proofdesk.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Eligible(tt.cp, t0, tt.coolingOff)
			if got := proofdesk.ErrorCode(err); got != tt.wantCode {
				t.Fatalf("code=%q, want %q (%v)", got, tt.wantCode, err)
			}
		})
	}
	err := Eligible(cp("email", t0.AddDate(0, 0, -1)), t0, 0)
	want := "This email address was added or changed recently and cannot be used for verification until 2026-03-08 10:00 UTC."
	if got := proofdesk.ErrorMessage(err); got != want {
		t.Fatalf("message=%q, want %q", got, want)
	}
	phone := &proofdesk.ContactPoint{ID: "cp_2", Kind: "phone", Value: "+14155550100", AddedAt: t0}
	msg := proofdesk.ErrorMessage(Eligible(phone, t0, 0))
	if !strings.HasPrefix(msg, "This phone number was added") || strings.Contains(msg, "4155550100") {
		t.Fatalf("message=%q", msg)
	}
}
