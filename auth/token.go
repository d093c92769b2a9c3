package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// Prefixes of the secrets this package mints, so a leaked one is easy to
// recognise (and to scan for).
const (
	TokenPrefix   = "pd_"
	SessionPrefix = "pds_"
	InvitePrefix  = "pdi_"
)

// secretLen is the number of random bytes in tokens and session IDs.
const secretLen = 32 // 256 bits

func newSecret(prefix string) string {
	b := make([]byte, secretLen)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms.
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// HashToken returns the hex SHA-256 of a token or session ID: the only form
// that is stored. A fast hash is right for 256-bit random secrets, which
// cannot be guessed, and keeps every API request cheap.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// NewToken returns a new API token ("pd_" + 43 base64url characters, 256
// random bits) and its hash. Show the token once; store only the hash.
func NewToken() (token, hash string) {
	token = newSecret(TokenPrefix)
	return token, HashToken(token)
}

// ValidTokenFormat reports whether s looks like a token NewToken made, so
// garbage is refused before any lookup.
func ValidTokenFormat(s string) bool {
	return validSecret(s, TokenPrefix)
}

// NewSessionID returns a new console session ID and its hash.
func NewSessionID() (id, hash string) {
	id = newSecret(SessionPrefix)
	return id, HashToken(id)
}

// NewInviteToken returns a new agent invitation (or reset) link token
// and its hash.
func NewInviteToken() (token, hash string) {
	token = newSecret(InvitePrefix)
	return token, HashToken(token)
}

// ValidInviteTokenFormat reports whether s looks like an invitation token.
func ValidInviteTokenFormat(s string) bool {
	return validSecret(s, InvitePrefix)
}

// ValidSessionIDFormat reports whether s looks like a session ID.
func ValidSessionIDFormat(s string) bool {
	return validSecret(s, SessionPrefix)
}

func validSecret(s, prefix string) bool {
	rest, ok := strings.CutPrefix(s, prefix)
	if !ok || len(rest) != base64.RawURLEncoding.EncodedLen(secretLen) {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(rest)
	return err == nil
}

// NewCSRFToken returns a random CSRF token (256 bits, base64url).
func NewCSRFToken() string {
	return newSecret("")
}

// CheckCSRF reports, in constant time, whether got equals the expected
// token want; an empty want never matches.
func CheckCSRF(want, got string) bool {
	return want != "" && subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}
