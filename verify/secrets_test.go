package verify

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
)

var t0 = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

// MustSecrets returns Secrets built from a fixed 32-byte key.
func MustSecrets(tb testing.TB) *Secrets {
	tb.Helper()
	s, err := NewSecrets(bytes.Repeat([]byte{7}, KeySize))
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func TestNewSecrets_ShortKey(t *testing.T) {
	_, err := NewSecrets(make([]byte, KeySize-1))
	if got := proofdesk.ErrorCode(err); got != proofdesk.EINVALID {
		t.Fatalf("code=%q, want %q", got, proofdesk.EINVALID)
	}
}

func TestNewChallenge(t *testing.T) {
	s := MustSecrets(t)
	is, err := s.NewChallenge(t0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(is.Code) != CodeDigits || strings.Trim(is.Code, "0123456789") != "" {
		t.Fatalf("Code=%q, want 6 digits", is.Code)
	}
	if !ValidLinkToken(is.Token) {
		t.Fatalf("Token=%q is not a valid link token", is.Token)
	}
	if got, want := is.ExpiresAt, t0.Add(ChallengeTTL); !got.Equal(want) {
		t.Fatalf("ExpiresAt=%v, want %v", got, want)
	}
	if got, want := is.CodeHash, s.HashCode(is.ID, is.Code); got != want {
		t.Fatalf("CodeHash=%q, want %q", got, want)
	}
	if got, want := is.TokenHash, s.HashToken(is.Token); got != want {
		t.Fatalf("TokenHash=%q, want %q", got, want)
	}
	if strings.Contains(is.CodeHash, is.Code) || strings.Contains(is.TokenHash, is.Token) {
		t.Fatal("hash contains the plaintext")
	}
	if str := is.String(); strings.Contains(str, is.Code) || strings.Contains(str, is.Token) {
		t.Fatalf("String()=%q leaks the secret", str)
	}
	if !s.CheckCode(is.CodeHash, is.ID, is.Code) {
		t.Fatal("CheckCode rejects the issued code")
	}

	is2, err := s.NewChallenge(t0, 3*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := is2.ExpiresAt, t0.Add(3*time.Minute); !got.Equal(want) {
		t.Fatalf("ExpiresAt=%v, want %v", got, want)
	}
	if is.ID == is2.ID || is.Token == is2.Token {
		t.Fatal("two challenges share an ID or token")
	}
}

func TestNewChallenge_Choices(t *testing.T) {
	s := MustSecrets(t)
	var pos [3]int
	for range 600 {
		is, err := s.NewChallenge(t0, 0)
		if err != nil {
			t.Fatal(err)
		}
		c := is.Choices
		if c[0] == c[1] || c[0] == c[2] || c[1] == c[2] {
			t.Fatalf("Choices=%v are not distinct", c)
		}
		found := false
		for i, n := range c {
			if n < 10 || n > 99 {
				t.Fatalf("Choices=%v out of 10..99", c)
			}
			if n == is.Number {
				found = true
				pos[i]++
			}
		}
		if !found {
			t.Fatalf("Choices=%v do not hold Number=%d", c, is.Number)
		}
	}
	// Shuffled: the number shows up in every position (each has p=1/3;
	// missing one in 600 draws has probability about 1e-105).
	for i, n := range pos {
		if n == 0 {
			t.Fatalf("Number never at position %d: %v", i, pos)
		}
	}
}

func TestUniform(t *testing.T) {
	const n, draws = 10, 100_000
	var counts [n]int
	for range draws {
		v, err := uniform(n)
		if err != nil {
			t.Fatal(err)
		}
		if v >= n {
			t.Fatalf("uniform(%d)=%d", n, v)
		}
		counts[v]++
	}
	// Chi-square with 9 degrees of freedom; 60 is far beyond p=1e-9.
	exp := float64(draws) / n
	var chi float64
	for _, c := range counts {
		d := float64(c) - exp
		chi += d * d / exp
	}
	if chi > 60 {
		t.Fatalf("chi-square=%.1f for %v: not uniform", chi, counts)
	}
}

func TestHashCode_BoundToChallenge(t *testing.T) {
	s := MustSecrets(t)
	a, b := s.HashCode("chl_a", "123456"), s.HashCode("chl_b", "123456")
	if a == b {
		t.Fatal("same code in two challenges hashes alike")
	}
	// Length-prefixed: moving a digit between ID and code changes the hash.
	if s.HashCode("chl_a1", "23456") == s.HashCode("chl_a", "123456") {
		t.Fatal("ID/code boundary is ambiguous")
	}
	// Domain separation: a code and a token with equal text hash apart.
	if s.HashCode("", "123456") == s.HashToken("123456") {
		t.Fatal("code and token hashes are not domain-separated")
	}
	other, _ := NewSecrets(bytes.Repeat([]byte{8}, KeySize))
	if other.HashCode("chl_a", "123456") == a {
		t.Fatal("hash does not depend on the key")
	}
}

func TestCheckCode(t *testing.T) {
	s := MustSecrets(t)
	stored := s.HashCode("chl_x", "012345")
	tests := []struct {
		name  string
		id    string
		given string
		want  bool
	}{
		{"exact", "chl_x", "012345", true},
		{"spaces", "chl_x", " 012 345 ", true},
		{"dashes", "chl_x", "012-345", true},
		{"wrong", "chl_x", "012346", false},
		{"other challenge", "chl_y", "012345", false},
		{"letters", "chl_x", "01234a", false},
		{"letter O for zero", "chl_x", "O12345", false},
		{"too short", "chl_x", "12345", false},
		{"too long", "chl_x", "0123456", false},
		{"leading zero dropped", "chl_x", "12345", false},
		{"unicode digits", "chl_x", "٠١٢٣٤٥", false},
		{"empty", "chl_x", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.CheckCode(stored, tt.id, tt.given); got != tt.want {
				t.Fatalf("CheckCode(%q)=%v, want %v", tt.given, got, tt.want)
			}
		})
	}
	if s.CheckCode("", "chl_x", "012345") {
		t.Fatal("CheckCode accepts an empty stored hash")
	}
}

func TestValidLinkToken(t *testing.T) {
	s := MustSecrets(t)
	is, _ := s.NewChallenge(t0, 0)
	for _, bad := range []string{"", "abc", is.Token + "A", is.Token[:42] + "+", is.Token[:42] + "="} {
		if ValidLinkToken(bad) {
			t.Fatalf("ValidLinkToken(%q)=true", bad)
		}
	}
}

func TestSecrets_String(t *testing.T) {
	if got := MustSecrets(t).String(); strings.Contains(got, "\x07") {
		t.Fatalf("String()=%q leaks the key", got)
	}
}
