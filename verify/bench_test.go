package verify

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func BenchmarkNewChallenge(b *testing.B) {
	s := MustSecrets(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.NewChallenge(t0, 0); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheckCode(b *testing.B) {
	s := MustSecrets(b)
	is, err := s.NewChallenge(t0, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if s.CheckCode(is.CodeHash, is.ID, "000-000") && is.Code != "000000" {
			b.Fatal("wrong code accepted")
		}
	}
}

func BenchmarkVerifyToken(b *testing.B) {
	v := MustVerifier(b)
	// Each token needs its own jti, or the replay check refuses it; mint
	// them before the timer starts.
	toks := make([]string, 0, 1<<16)
	for i := range cap(toks) {
		tok, err := Mint(Claims{Subject: "ext-42", Audience: testAud, IssuedAt: t0, ExpiresAt: t0.Add(5 * time.Minute),
			ID: fmt.Sprintf("jti-%d", i), Email: "jane@example.com"}, testSecret)
		if err != nil {
			b.Fatal(err)
		}
		toks = append(toks, tok)
	}
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if i == len(toks) {
			b.StopTimer()
			v = MustVerifier(b) // fresh replay store so the tokens can be used again
			i = 0
			b.StartTimer()
		}
		if _, err := v.Verify(ctx, toks[i], t0.Add(time.Minute)); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
