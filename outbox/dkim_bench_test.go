package outbox_test

import (
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk/outbox"
)

// BenchmarkDKIMSign measures signing one reply-sized mail (a 2 KB
// multipart/alternative message) with an RSA-2048 and an Ed25519 key
// (RFC 8463): the CPU a signed mail adds to the outbox's own per message.
// Run: go test -run '^$' -bench DKIMSign ./outbox
func BenchmarkDKIMSign(b *testing.B) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		b.Fatal(err)
	}
	_, edKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	msg := []byte("From: Acme Support <support@desk.test>\r\nTo: jane@example.com\r\nSubject: Re: Where is my order? [#cnv_x]\r\n" +
		"Date: Sun, 06 Dec 2026 12:00:00 +0000\r\nMessage-ID: <abc@desk.test>\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
		strings.Repeat("It ships tomorrow, sorry for the wait.\r\n", 25) + "--b--\r\n")
	for _, k := range []struct {
		name string
		key  crypto.Signer
	}{{"rsa2048", rsaKey}, {"ed25519", edKey}} {
		b.Run(k.name, func(b *testing.B) {
			s, err := outbox.NewDKIMSigner("desk.test", "pd1", k.key)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Sign(msg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
