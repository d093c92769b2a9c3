package auth

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/proofdesk/proofdesk"
)

func codeAt(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	c, err := totp.GenerateCodeCustom(secret, at, totpOpts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNewTOTPKey(t *testing.T) {
	k, err := NewTOTPKey("Proofdesk", "ada@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if len(k.Secret) < 32 {
		t.Fatalf("secret %q shorter than 160 bits", k.Secret)
	}
	if !strings.HasPrefix(k.URL, "otpauth://totp/Proofdesk:ada@example.com?") || !strings.Contains(k.URL, "secret="+k.Secret) {
		t.Fatalf("URL=%q", k.URL)
	}
	if !bytes.HasPrefix(k.PNG, []byte("\x89PNG")) {
		t.Fatal("PNG is not a PNG")
	}
}

func TestValidateTOTP(t *testing.T) {
	k, err := NewTOTPKey("Proofdesk", "ada@example.com")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 1, 12, 0, 10, 0, time.UTC)
	step := now.Unix() / 30
	tests := []struct {
		name   string
		at     time.Time
		ok     bool
		wantSt int64
	}{
		{"now", now, true, step},
		{"previous step", now.Add(-30 * time.Second), true, step - 1},
		{"next step", now.Add(30 * time.Second), true, step + 1},
		{"two steps ago", now.Add(-60 * time.Second), false, 0},
		{"two steps ahead", now.Add(60 * time.Second), false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, ok := ValidateTOTP(k.Secret, codeAt(t, k.Secret, tt.at), now)
			if ok != tt.ok || (ok && st != tt.wantSt) {
				t.Fatalf("ValidateTOTP=%d,%v, want %d,%v", st, ok, tt.wantSt, tt.ok)
			}
		})
	}
	for _, bad := range []string{"", "12345", "1234567", "abcdef"} {
		if _, ok := ValidateTOTP(k.Secret, bad, now); ok {
			t.Fatalf("ValidateTOTP(%q)=true", bad)
		}
	}
}

func TestTOTPVerifier_RefusesReplay(t *testing.T) {
	k, _ := NewTOTPKey("Proofdesk", "ada@example.com")
	now := time.Date(2026, 3, 1, 12, 0, 10, 0, time.UTC)
	v := NewTOTPVerifier(nil)
	code := codeAt(t, k.Secret, now)
	if err := v.Verify(t.Context(), "agt_1", k.Secret, code, now); err != nil {
		t.Fatalf("first use: %v", err)
	}
	if err := v.Verify(t.Context(), "agt_1", k.Secret, code, now.Add(5*time.Second)); proofdesk.ErrorCode(err) != proofdesk.EUNAUTHORIZED {
		t.Fatalf("replay: err=%v, want unauthorized", err)
	}
	// An older step (inside the skew) is refused too once a later one was used.
	if err := v.Verify(t.Context(), "agt_1", k.Secret, codeAt(t, k.Secret, now.Add(-30*time.Second)), now); err == nil {
		t.Fatal("older step accepted after a newer one")
	}
	// Another agent with the same secret is independent.
	if err := v.Verify(t.Context(), "agt_2", k.Secret, code, now); err != nil {
		t.Fatalf("other agent: %v", err)
	}
	// The next step's code works.
	later := now.Add(30 * time.Second)
	if err := v.Verify(t.Context(), "agt_1", k.Secret, codeAt(t, k.Secret, later), later); err != nil {
		t.Fatalf("next step: %v", err)
	}
	if err := v.Verify(t.Context(), "agt_1", k.Secret, "000000", later); err == nil {
		t.Fatal("wrong code accepted")
	}
}
