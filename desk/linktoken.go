package desk

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
)

// signLink makes the token of a link a customer opens (the "This wasn't
// me" notice, the satisfaction rating): base64url(a "." b "." expiry unix)
// "." base64url(HMAC-SHA256(key, payload)). a and b are IDs or fixed
// words, never holding ".".
func signLink(key []byte, a, b string, exp time.Time) string {
	payload := a + "." + b + "." + strconv.FormatInt(exp.Unix(), 10)
	m := hmac.New(sha256.New, key)
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString([]byte(payload)) + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// openLink returns the a and b a token of signLink names: ENOTFOUND for a
// malformed or forged token, EFORBIDDEN with expired as its message once
// it expired.
func openLink(key []byte, tok string, now time.Time, expired string) (a, b string, err error) {
	invalid := proofdesk.Errorf(proofdesk.ENOTFOUND, "This link is not valid.")
	p64, s64, ok := strings.Cut(tok, ".")
	if !ok || len(tok) > 512 {
		return "", "", invalid
	}
	// Strict: a token has one spelling (the unused bits of the last
	// character must be zero), so no respelled token passes as another.
	payload, err1 := base64.RawURLEncoding.Strict().DecodeString(p64)
	sig, err2 := base64.RawURLEncoding.Strict().DecodeString(s64)
	if err1 != nil || err2 != nil {
		return "", "", invalid
	}
	m := hmac.New(sha256.New, key)
	m.Write(payload)
	if !hmac.Equal(sig, m.Sum(nil)) {
		return "", "", invalid
	}
	parts := strings.Split(string(payload), ".")
	if len(parts) != 3 {
		return "", "", invalid
	}
	exp, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil {
		return "", "", invalid
	}
	if now.After(time.Unix(exp, 0)) {
		return "", "", proofdesk.Errorf(proofdesk.EFORBIDDEN, "%s", expired)
	}
	return parts[0], parts[1], nil
}
