package auth

import (
	"regexp"
	"testing"
)

func TestNewToken(t *testing.T) {
	tok, hash := NewToken()
	if !regexp.MustCompile(`^pd_[A-Za-z0-9_-]{43}$`).MatchString(tok) {
		t.Fatalf("token=%q, want pd_ + 43 base64url characters", tok)
	}
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(hash) {
		t.Fatalf("hash=%q, want 64 hex digits", hash)
	}
	if HashToken(tok) != hash {
		t.Fatal("HashToken(token) differs from the hash NewToken returned")
	}
	tok2, hash2 := NewToken()
	if tok2 == tok || hash2 == hash {
		t.Fatal("two tokens are equal")
	}
	if !ValidTokenFormat(tok) {
		t.Fatal("ValidTokenFormat(new token)=false")
	}
	for _, bad := range []string{"", "pd_", tok[:len(tok)-1], "xx" + tok[2:], tok + "A", "pd_" + string(make([]byte, 43))} {
		if ValidTokenFormat(bad) {
			t.Fatalf("ValidTokenFormat(%q)=true", bad)
		}
	}
}

func TestNewSessionID(t *testing.T) {
	id, hash := NewSessionID()
	if !ValidSessionIDFormat(id) || HashToken(id) != hash {
		t.Fatalf("session id %q / hash %q inconsistent", id, hash)
	}
	if ValidTokenFormat(id) {
		t.Fatal("a session ID passes as an API token")
	}
}

func TestCheckCSRF(t *testing.T) {
	tok := NewCSRFToken()
	if len(tok) < 40 {
		t.Fatalf("csrf token %q too short", tok)
	}
	if !CheckCSRF(tok, tok) {
		t.Fatal("CheckCSRF(same)=false")
	}
	if CheckCSRF(tok, NewCSRFToken()) || CheckCSRF(tok, "") || CheckCSRF("", "") {
		t.Fatal("CheckCSRF accepted a wrong or empty token")
	}
}

func BenchmarkHashToken(b *testing.B) {
	tok, _ := NewToken()
	for b.Loop() {
		_ = HashToken(tok)
	}
}
