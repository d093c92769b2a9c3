package verify

import (
	"context"
	"crypto/hmac"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
)

// FuzzVerify: a session token from outside never panics the verifier; a
// refusal is EUNAUTHORIZED; an accepted token carries HS256 over its own
// header and payload under the secret, names a subject and a jti, is not
// expired, and is refused when presented again (replay). Seeds:
// testdata/fuzz/FuzzVerify and tokens minted here.
func FuzzVerify(f *testing.F) {
	for _, c := range []Claims{
		{Subject: "ext-42", Audience: testAud, IssuedAt: t0.Add(-time.Minute), ExpiresAt: t0.Add(4 * time.Minute), ID: "jti-1", Email: "Jane@Example.com"},
		{Subject: "ext-43", Audience: testAud, IssuedAt: t0, ExpiresAt: t0.Add(time.Minute), NotBefore: t0},
		{Subject: "ext-44", Audience: "https://other.example", IssuedAt: t0, ExpiresAt: t0.Add(time.Minute)},
		{Subject: "ext-45", Audience: testAud, IssuedAt: t0.Add(-time.Hour), ExpiresAt: t0.Add(-time.Minute)},
	} {
		tok, err := Mint(c, testSecret)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(tok)
	}
	none := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none"}`))
	f.Add(none + "." + base64.RawURLEncoding.EncodeToString([]byte(validJSON(f))) + ".")
	f.Add("a.b.c")
	f.Fuzz(func(t *testing.T, token string) {
		v := MustVerifier(t)
		ctx := context.Background()
		id, err := v.Verify(ctx, token, t0)
		if err != nil {
			if proofdesk.ErrorCode(err) != proofdesk.EUNAUTHORIZED {
				t.Fatalf("refusal %v is not EUNAUTHORIZED", err)
			}
			return
		}
		parts := strings.Split(token, ".")
		sig, derr := base64.RawURLEncoding.DecodeString(parts[2])
		if derr != nil || !hmac.Equal(sig, sign(testSecret, parts[0], parts[1])) {
			t.Fatalf("accepted a token not signed with the secret: %q", token)
		}
		if id.ExternalID == "" || id.JTI == "" || !id.ExpiresAt.After(t0.Add(-DefaultLeeway)) {
			t.Fatalf("accepted identity %+v", id)
		}
		if _, err := v.Verify(ctx, token, t0); proofdesk.ErrorCode(err) != proofdesk.EUNAUTHORIZED {
			t.Fatalf("replayed token: err=%v, want EUNAUTHORIZED", err)
		}
	})
}

// FuzzMintVerify: what Mint signs, Verify reads back: the subject exactly
// (or the token is refused as a whole), and a normalised email.
func FuzzMintVerify(f *testing.F) {
	f.Add("ext-42", "Jane@Example.com", "jti-1", int64(300))
	f.Add("ünï\u202e", "", "", int64(60))
	f.Add(" x ", "not an email", "j", int64(-5))
	f.Fuzz(func(t *testing.T, sub, email, jti string, life int64) {
		c := Claims{Subject: sub, Audience: testAud, IssuedAt: t0, ExpiresAt: t0.Add(time.Duration(life) * time.Second), ID: jti, Email: email}
		tok, err := Mint(c, testSecret)
		if err != nil {
			return
		}
		id, err := MustVerifier(t).Verify(context.Background(), tok, t0)
		if err != nil {
			if proofdesk.ErrorCode(err) != proofdesk.EUNAUTHORIZED {
				t.Fatalf("refusal %v is not EUNAUTHORIZED", err)
			}
			return
		}
		if id.ExternalID != sub {
			t.Fatalf("ExternalID=%q, want %q", id.ExternalID, sub)
		}
		if id.Email != "" {
			if n, err := proofdesk.NormalizeEmail(email); err != nil || n != id.Email {
				t.Fatalf("Email=%q from %q (normalised %q, %v)", id.Email, email, n, err)
			}
		}
	})
}
